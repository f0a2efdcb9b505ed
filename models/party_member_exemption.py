# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_dues_line import months_between
from .party_workflow_mixin import check_action_date, party_today

EXEMPTION_REASONS = [
    ("old_frail", "Old and Frail"),
    ("bedridden", "Bedridden"),
    ("long_sick", "Long-term Sick Leave"),
    ("no_self_care", "Unable to Care for Themself"),
]


class PartyMemberExemption(models.Model):
    """暂不列入积分制管理 (R-MEM-4).

    An old, frail, bedridden or long-term sick member applies to the branch;
    the branch submits, the Party working committee approves. An approved
    exemption takes the member out of scoring for its period: no score, not
    ranked, not flagged. Like a leave in hr_holidays: a state, actions that
    check who may act, and approved records that no longer change.
    """

    _name = "party.member.exemption"
    _description = "Exemption from Points Management"
    _inherit = ["party.workflow.mixin", "party.evidence.mixin", "mail.thread"]
    # only the files of its chatter: frozen once submitted
    _evidence_field = False
    _order = "date_from desc, id desc"
    _workflow_fields = ("state", "approver_id", "decision_date")
    _party_fixed_fields = ("member_id",)

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", tracking=True
    )
    branch_id = fields.Many2one(related="member_id.branch_id", store=True)
    company_id = fields.Many2one(related="member_id.company_id", store=True)
    date_from = fields.Date(string="Start Date", required=True, tracking=True)
    date_to = fields.Date(string="End Date", required=True, tracking=True)
    reason_type = fields.Selection(
        EXEMPTION_REASONS, string="Reason", required=True, tracking=True
    )
    description = fields.Text(
        string="Application", help="The member's application and the branch's opinion."
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("refused", "Refused"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        readonly=True,
        copy=False,
    )
    approver_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    decision_date = fields.Date(readonly=True, copy=False)
    refusal_reason = fields.Text(tracking=True, copy=False)

    @api.depends("member_id", "date_from", "date_to")
    def _compute_display_name(self):
        for exemption in self:
            exemption.display_name = self.env._(
                "%(member)s: %(date_from)s – %(date_to)s",
                member=exemption.member_id.name or "",
                date_from=exemption.date_from or "",
                date_to=exemption.date_to or "",
            )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for exemption in self:
            if exemption.date_to < exemption.date_from:
                raise ValidationError(
                    self.env._("An exemption cannot end before it starts.")
                )

    @api.model
    def _prepare_create_vals(self, vals_list):
        # bad dates are refused before the insert, so nothing is written
        for vals in vals_list:
            date_from, date_to = vals.get("date_from"), vals.get("date_to")
            if date_from and date_to:
                self.new({"date_from": date_from, "date_to": date_to})._check_dates()
        return super()._prepare_create_vals(vals_list)

    @api.constrains("date_from", "date_to", "state", "member_id")
    def _check_overlap(self):
        for exemption in self.filtered(lambda e: e.state in ("submitted", "approved")):
            overlapping = self.search_count(
                [
                    ("id", "!=", exemption.id),
                    ("member_id", "=", exemption.member_id.id),
                    ("state", "in", ("submitted", "approved")),
                    ("date_from", "<=", exemption.date_to),
                    ("date_to", ">=", exemption.date_from),
                ]
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "%(member)s already has an exemption over part of this "
                        "period.",
                        member=exemption.member_id.name,
                    )
                )

    def write(self, vals):
        # Like hr_holidays' approval guard: a decided exemption is history;
        # only the workflow methods change it (_write_workflow).
        decided = self.filtered(
            lambda e: e.state in ("approved", "refused", "cancelled")
        )
        if decided:
            raise UserError(
                self.env._(
                    "The exemption %(name)s is decided and can no longer be "
                    "changed; cancel it and make a new one.",
                    name=decided[0].display_name,
                )
            )
        return super().write(vals)

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "delete the draft, or cancel the exemption, and make a new one for "
            "the right member."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        if self.filtered(lambda e: e.state != "draft"):
            raise UserError(
                self.env._("Only draft exemptions can be deleted; cancel the others.")
            )

    def action_submit(self):
        for exemption in self:
            if exemption.state != "draft":
                raise UserError(self.env._("Only a draft exemption can be submitted."))
        # the branch submits the member's application: not the member
        self._check_four_eyes(
            self.env._("submit"), "party_points.group_party_secretary", "branch_id"
        )
        self._check_period()
        self._write_workflow({"state": "submitted"})
        return True

    def action_approve(self):
        self._check_committee()
        for exemption in self:
            if exemption.state != "submitted":
                raise UserError(
                    self.env._("Only a submitted exemption can be approved.")
                )
        self._check_four_eyes(
            self.env._("approve"),
            "party_points.group_party_working_committee",
            "branch_id",
        )
        self._check_period()
        self._write_workflow(
            {
                "state": "approved",
                "approver_id": self.env.user.id,
                "decision_date": party_today(self),
            }
        )
        return True

    def action_refuse(self):
        self._check_committee()
        for exemption in self:
            if exemption.state != "submitted":
                raise UserError(
                    self.env._("Only a submitted exemption can be refused.")
                )
            if not exemption.refusal_reason:
                raise UserError(
                    self.env._("Write the reason of the refusal before refusing.")
                )
        self._check_four_eyes(
            self.env._("refuse"),
            "party_points.group_party_working_committee",
            "branch_id",
        )
        self._write_workflow(
            {
                "state": "refused",
                "approver_id": self.env.user.id,
                "decision_date": party_today(self),
            }
        )
        return True

    def action_cancel(self):
        for exemption in self:
            if exemption.state == "approved":
                exemption._check_committee()
                exemption._check_four_eyes(
                    self.env._("cancel"),
                    "party_points.group_party_working_committee",
                    "branch_id",
                )
            elif exemption.state not in ("draft", "submitted"):
                raise UserError(self.env._("This exemption is already closed."))
        self._write_workflow({"state": "cancelled"})
        return True

    def _check_period(self):
        """R-MEM-4, R-SCORE-4: an exemption takes the member out of scoring
        from its start; a closed points cycle no longer changes, so the
        period starts in an open year."""
        for exemption in self:
            check_action_date(
                self.env,
                min(exemption.date_from, party_today(self)),
                self.env._(
                    "The exemption of %(member)s", member=exemption.member_id.name
                ),
                company=exemption.company_id,
            )

    def _check_committee(self):
        # R-MEM-4: the Party working committee approves (党工委审核同意).
        self._check_role(
            "party_points.group_party_working_committee",
            self.env._(
                "Only the Party working committee approves, refuses or cancels "
                "an approved exemption."
            ),
        )

    @api.model
    def _party_watch_months(self, members, date_from, date_to):
        """R-MEM-4: an exempt member is not flagged by the six-month watch
        (R-MEM-6) for the months an approved exemption covers, between
        ``date_from`` and ``date_to``: {"excused": {(member id, month)}}."""
        excused = set()
        for exemption in self.search(
            [
                ("member_id", "in", members.ids),
                ("state", "=", "approved"),
                ("date_from", "<=", date_to),
                ("date_to", ">=", date_from),
            ]
        ):
            excused |= {
                (exemption.member_id.id, month)
                for month in months_between(
                    max(exemption.date_from, date_from),
                    min(exemption.date_to, date_to),
                )
            }
        return {"excused": excused}

    @api.model
    def _party_watch_changed(self, companies, since, date_from, date_to):
        """The members with an exemption written since ``since`` (approved,
        refused, cancelled: only a draft is deleted), for the six-month
        watch's daily run (R-MEM-6, issue 20)."""
        changed = self._read_group(
            [("company_id", "in", companies.ids), ("write_date", ">=", since)],
            ["member_id"],
        )
        return {member.id for (member,) in changed}, self.env["party.branch"]
