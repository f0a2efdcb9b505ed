# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .party_workflow_mixin import party_today
from .reference_guard import check_not_referenced

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


# The figures of 队伍现状 (R-ORG-4), in the order of the report.
STATISTIC_KEYS = [
    "total",
    "member_type:full",
    "member_type:probationary",
    "category:in_service",
    "category:retired",
    "category:direct",
    "category:mobile",
    "gender:male",
    "gender:female",
    "age_band:young",
    "age_band:older",
    "education_band:below_college",
    "education_band:college",
    "education_band:above_college",
    "transfer_in",
    "transfer_out",
    "developed",
    "member_type:activist",
]


class PartyBranch(models.Model):
    _name = "party.branch"
    _description = "Party Organisation"
    _inherit = [
        "party.input.mixin",
        "party.fixed.keys.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _parent_store = True
    # the members and all their records follow the company of their
    # organisation (party.fixed.keys.mixin)
    _party_fixed_fields = ("company_id",)
    _parent_name = "parent_id"
    _order = "complete_name, id"
    _rec_name = "complete_name"
    _rec_names_search = ["complete_name", "name", "code"]

    name = fields.Char(string="Organisation Name", required=True, tracking=True)
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
        help="Only meaningful for Party branches.",
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
    # R-ORG-2: the officers of a branch, all of them members.
    secretary_id = fields.Many2one(
        "party.member",
        tracking=True,
        domain="[('company_id', '=', company_id)]",
    )
    deputy_secretary_id = fields.Many2one(
        "party.member",
        tracking=True,
        domain="[('company_id', '=', company_id)]",
    )
    committee_member_ids = fields.Many2many(
        "party.member",
        "party_branch_committee_member_rel",
        "branch_id",
        "member_id",
        string="Committee Members",
        domain="[('company_id', '=', company_id)]",
    )
    organiser_id = fields.Many2one(
        "party.member",
        string="Committee Member for Organisation",
        tracking=True,
        domain="[('company_id', '=', company_id)]",
        help="分管组织的支委: the committee member responsible for points management.",
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

    @api.depends("complete_name", "name")
    @api.depends_context("party_short_name")
    def _compute_display_name(self):
        # a list names a branch by its own name: every row repeating the
        # path (江北园区非公企业党工委 / …) hid what tells the rows apart;
        # forms and dropdowns keep the path
        short = self.env.context.get("party_short_name")
        for branch in self:
            branch.display_name = branch.name if short else branch.complete_name

    # The figures of the organisations (the member counts, the Branches
    # Overview of issue 10, item 3) are added to party.branch by the models
    # they count, each next to its model (issue 18, item 3); these two
    # helpers roll them up the tree: one grouped query per figure, whatever
    # the number of organisations.

    def _party_subtree_groups(
        self, model_name, branch_field, domain, aggregates=("__count",)
    ):
        """``_read_group`` of ``model_name`` by ``branch_field`` over these
        organisations and those under them, with the user's rights: a role
        that cannot read the model gets no group, never an error."""
        model = self.env[model_name]
        if not model.has_access("read"):
            return []
        return model._read_group(
            [(branch_field, "child_of", self.ids), *domain],
            [branch_field],
            list(aggregates),
        )

    def _party_rolled_up(self, groups):
        """The aggregates of the ``groups`` (rows ``(branch, *aggregates)``)
        of this organisation and of those under it, by ``parent_path``."""
        self.ensure_one()
        prefix = self.parent_path or ""
        return [
            values
            for group_branch, *values in groups
            if prefix and (group_branch.parent_path or "").startswith(prefix)
        ]

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

    def _check_write_vals(self, vals):
        if vals.get("parent_id"):
            self._check_parent_outside_subtree(vals["parent_id"])
        return super()._check_write_vals(vals)

    def write(self, vals):
        res = super().write(vals)
        if "recorder_id" in vals:
            self._add_recorder_to_officers()
        if {"officer_user_ids", "recorder_id", "parent_id", "active"} & vals.keys():
            self._invalidate_rule_cache()
        if {"parent_id", "kind", "active"} & vals.keys():
            # R-MEM-6: the scoring unit of the organisation's members may
            # have changed (their first month, their dues register)
            self.env["party.member.watch"]._mark_stale(branches=self)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        # R-ORG-3, R-SCORE-9: members (archived too), moves, lines scored by
        # the organisation and frozen cards keep pointing at it
        check_not_referenced(self)

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_points.party_member_action"
        )
        action["domain"] = [("branch_id", "child_of", self.ids)]
        action["context"] = {"default_branch_id": self.id}
        return action

    def _roster_members(self):
        """Active members of this organisation and of those under it."""
        self.ensure_one()
        return self.env["party.member"].search(
            [("branch_id", "child_of", self.id)],
            order="branch_id, name, id",
        )

    def _scoring_unit(self):
        """积分考评登记以党支部为单位: a Party group scores through its branch."""
        self.ensure_one()
        branch = self
        while branch.kind == "group" and branch.parent_id:
            branch = branch.parent_id
        return branch

    def _catalogue(self):
        """The catalogue the organisation scores with: a village/residence
        branch uses the village catalogue once the committee has entered
        one, every other organisation the enterprise one (附件1)."""
        self.ensure_one()
        unit = self._scoring_unit()
        # sudo: whether the committee entered a village catalogue is the same
        # answer for every caller (a member, a job), whatever they may read
        if unit.branch_type == "village" and self.env[
            "party.score.standard"
        ].sudo().search_count(
            [("company_id", "=", unit.company_id.id), ("catalogue", "=", "village")],
            limit=1,
        ):
            return "village"
        return "enterprise"

    def _team_statistics(self, year=None):
        """队伍现状 (R-ORG-4) of each organisation, rolled up its subtree.

        Returns {branch: {figure: count}}; every figure comes from one
        ``_read_group`` over ``party.branch.statistics``, whatever the number
        of members.
        """
        year = year or party_today(self).year
        # the view reads the tables: write pending ORM changes first
        self.env["party.member"].flush_model()
        self.env["party.member.transfer"].flush_model()
        # sudo: the team's figures count every member of the organisations,
        # not only those whose records the user may read; only counts leave
        Stat_sudo = self.env["party.branch.statistics"].sudo()
        base = [("organisation_id", "in", self.ids)]
        members = [*base, ("row_kind", "=", "member")]
        result = {branch: dict.fromkeys(STATISTIC_KEYS, 0) for branch in self}
        # R-ORG-4: the total and the bands count Party members; activists
        # are a row of their own
        for branch, total, activists, developed in Stat_sudo._read_group(
            members,
            ["organisation_id"],
            ["member_count:sum", "activist_count:sum", "developed_count:sum"],
        ):
            result[branch].update(
                {
                    "total": total,
                    "member_type:activist": activists,
                    "developed": developed,
                }
            )
        for dimension in (
            "member_type",
            "category",
            "gender",
            "age_band",
            "education_band",
        ):
            for branch, value, count in Stat_sudo._read_group(
                members, ["organisation_id", dimension], ["member_count:sum"]
            ):
                if value and (dimension, value) != ("member_type", "activist"):
                    result[branch][f"{dimension}:{value}"] = count
        for branch, moved_in, moved_out in Stat_sudo._read_group(
            [*base, ("row_kind", "=", "transfer"), ("year", "=", str(year))],
            ["organisation_id"],
            ["transfer_in_count:sum", "transfer_out_count:sum"],
        ):
            result[branch].update(transfer_in=moved_in, transfer_out=moved_out)
        return result

    def _team_statistics_labels(self):
        return [
            ("total", self.env._("Total members")),
            ("member_type:full", self.env._("Full members")),
            ("member_type:probationary", self.env._("Probationary members")),
            ("category:in_service", self.env._("In service")),
            ("category:retired", self.env._("Retired")),
            ("category:direct", self.env._("Directly managed")),
            ("category:mobile", self.env._("Mobile")),
            ("gender:male", self.env._("Male")),
            ("gender:female", self.env._("Female")),
            ("age_band:young", self.env._("Aged 35 and under")),
            ("age_band:older", self.env._("Aged over 35")),
            ("education_band:below_college", self.env._("Below junior college")),
            ("education_band:college", self.env._("Junior college")),
            ("education_band:above_college", self.env._("Above junior college")),
            ("transfer_in", self.env._("Transferred in this year")),
            ("transfer_out", self.env._("Transferred out this year")),
            ("developed", self.env._("Developed in the last three years")),
            # R-ORG-4: not Party members, so in none of the figures above
            (
                "member_type:activist",
                self.env._("Activists (not counted in the figures above)"),
            ),
        ]

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

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "an organisation tree stays in its company: create the organisation "
            "in the other company."
        )
