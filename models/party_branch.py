# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# R-ORG-1: the organisation tree 党工委 → 党总支 → 党支部 → 党小组.
ORGANISATION_KINDS = [
    ("committee", "Party Working Committee"),
    ("general_branch", "General Party Branch"),
    ("branch", "Party Branch"),
    ("group", "Party Group"),
]

# R-ORG-1: the kinds of branch; R-SCORE-9 routes scoring by them.
BRANCH_TYPES = [
    ("enterprise", "Enterprise Branch"),
    ("village", "Village/Residence Branch"),
    ("mobile", "Mobile Branch"),
    ("temporary", "Temporary Branch"),
    ("education", "Party-Spirit Education Branch"),
]


class PartyBranch(models.Model):
    _name = "party.branch"
    _description = "Party Organisation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _parent_store = True
    _parent_name = "parent_id"
    _order = "complete_name, id"
    _rec_name = "complete_name"

    name = fields.Char(required=True, tracking=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    code = fields.Char(tracking=True)
    kind = fields.Selection(
        ORGANISATION_KINDS,
        string="Organisation Kind",
        required=True,
        default="branch",
        tracking=True,
    )
    branch_type = fields.Selection(
        BRANCH_TYPES,
        default="enterprise",
        tracking=True,
        help="Only meaningful for Party branches (R-ORG-1).",
    )
    parent_id = fields.Many2one(
        "party.branch",
        string="Parent Organisation",
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('company_id', '=', company_id)]",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("party.branch", "parent_id", string="Sub-organisations")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True, tracking=True)
    secretary_id = fields.Many2one(
        "party.member",
        tracking=True,
        domain="[('company_id', '=', company_id)]",
    )
    # R-ORG-2: the designated person (指定专人) who keeps the points register.
    recorder_id = fields.Many2one(
        "res.users",
        string="Points Recorder",
        tracking=True,
        help="The person the branch designates to register members' points.",
    )
    officer_user_ids = fields.Many2many(
        "res.users",
        "party_branch_officer_rel",
        "branch_id",
        "user_id",
        string="Officers",
        help="Users who keep the records of this organisation and of the "
        "organisations under it: secretary, committee members, recorder.",
    )
    member_ids = fields.One2many("party.member", "branch_id", string="Members")
    member_count = fields.Integer(
        compute="_compute_member_count", string="Direct Members"
    )
    total_member_count = fields.Integer(
        compute="_compute_member_count", string="Members (incl. sub-organisations)"
    )
    note = fields.Html()

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a Party organisation must be unique in its company.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for branch in self:
            if branch.parent_id:
                branch.complete_name = (
                    f"{branch.parent_id.complete_name} / {branch.name}"
                )
            else:
                branch.complete_name = branch.name

    def _compute_member_count(self):
        # Counted in SQL, one query per figure whatever the number of branches.
        member_model = self.env["party.member"]
        direct = dict(
            member_model._read_group(
                [("branch_id", "in", self.ids)], ["branch_id"], ["__count"]
            )
        )
        subtree = member_model._read_group(
            [("branch_id", "child_of", self.ids)], ["branch_id"], ["__count"]
        )
        for branch in self:
            branch.member_count = direct.get(branch, 0)
            prefix = branch.parent_path or ""
            branch.total_member_count = sum(
                count
                for member_branch, count in subtree
                if prefix and (member_branch.parent_path or "").startswith(prefix)
            )

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(self._cycle_message())

    def _check_parent_outside_subtree(self, parent_id):
        # Said before the write: the ORM's own recursion guard would answer
        # with a bare "recursion detected".
        if self.search_count([("id", "=", parent_id), ("id", "child_of", self.ids)]):
            raise ValidationError(self._cycle_message())

    def _cycle_message(self):
        return self.env._(
            "A Party organisation cannot be its own parent, directly or "
            "through its sub-organisations. Choose another parent."
        )

    @api.constrains("parent_id", "company_id")
    def _check_parent_company(self):
        for branch in self:
            if branch.parent_id and branch.parent_id.company_id != branch.company_id:
                raise ValidationError(
                    self.env._(
                        "%(branch)s and its parent %(parent)s belong to different "
                        "companies. A Party organisation tree stays in one company.",
                        branch=branch.name,
                        parent=branch.parent_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        branches = super().create(vals_list)
        branches._add_recorder_to_officers()
        self._invalidate_rule_cache()
        return branches

    def write(self, vals):
        if vals.get("parent_id"):
            self._check_parent_outside_subtree(vals["parent_id"])
        res = super().write(vals)
        if "recorder_id" in vals:
            self._add_recorder_to_officers()
        if {"officer_user_ids", "recorder_id", "parent_id", "active"} & vals.keys():
            self._invalidate_rule_cache()
        return res

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_points.party_member_action"
        )
        action["domain"] = [("branch_id", "child_of", self.ids)]
        action["context"] = {"default_branch_id": self.id}
        return action

    def action_export_roster_xlsx(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/party_points/branch/{self.id}/roster.xlsx",
            "target": "download",
        }

    def _roster_members(self):
        """Active members of this organisation and of those under it."""
        self.ensure_one()
        return self.env["party.member"].search(
            [("branch_id", "child_of", self.id)],
            order="branch_id, name, id",
        )

    def _render_roster_xlsx(self):
        return self.env["report.party_points.branch_roster_xlsx"].generate(self)

    def _add_recorder_to_officers(self):
        # R-ORG-2: the recorder keeps the register, so they must reach the
        # branch's records; adding them is shown in the form, never hidden.
        for branch in self.filtered("recorder_id"):
            if branch.recorder_id not in branch.officer_user_ids:
                branch.officer_user_ids = [fields.Command.link(branch.recorder_id.id)]

    def _invalidate_rule_cache(self):
        # Record rules read user.party_branch_ids; their evaluated domains are
        # cached per user, so a change of officers must clear that cache.
        self.env.registry.clear_cache()
