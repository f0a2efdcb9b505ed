# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_dues_line import month_start, months_between
from .party_workflow_mixin import (
    check_action_date,
    check_reason,
    party_month_label,
    party_today,
)

DECISION_KINDS = [
    ("good_reason", "Good Reason"),
    ("removal", "Removal Proposed"),
]
DECISION_STATES = [
    ("proposed", "Proposed"),
    ("confirmed", "Confirmed"),
    ("refused", "Refused"),
]


class PartyMemberWatchDecision(models.Model):
    """What the branch decides on a member of the six-month watch (R-MEM-6).

    A good reason (illness, an approved absence …) is proposed by the branch
    secretary and confirmed by the branch (the secretary records the
    branch's decision): its months are excused and the watch is rebuilt for
    the member. A removal (按自行脱党处理, 除名) is proposed by the secretary
    for a flagged member (or by the return of a member back from abroad more
    than a year past the approved return date, seed 000) and confirmed by
    the Party working committee, which records the status change in the member's history
    (``_record_change('status', 'removed', date, reason)``).
    """

    _name = "party.member.watch.decision"
    _description = "Six-Month Watch Decision"
    _inherit = ["party.workflow.mixin", "mail.thread"]
    _order = "date desc, id desc"
    _rec_name = "member_id"
    _workflow_fields = (
        "state",
        "confirmed_by_id",
        "confirmed_date",
        "branch_id",
        "mobile_id",
    )
    # proposed for one member, by the branch that scored them then
    _party_fixed_fields = ("member_id", "branch_id")

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", tracking=True
    )
    branch_id = fields.Many2one(
        "party.branch",
        readonly=True,
        index=True,
        help="The branch of the member when the decision was proposed.",
    )
    company_id = fields.Many2one(
        related="member_id.company_id", store=True, index=True, precompute=True
    )
    kind = fields.Selection(
        DECISION_KINDS, required=True, default="good_reason", tracking=True
    )
    date = fields.Date(
        required=True,
        default=party_today,
        tracking=True,
        help="The date of the decision; for a removal, the date of the status "
        "change.",
    )
    month_from = fields.Date(
        string="Excused From", help="First month the good reason covers."
    )
    month_to = fields.Date(
        string="Excused To", help="Last month the good reason covers."
    )
    # the months as months (2026年10月), not as their first days
    month_from_label = fields.Char(
        string="Excused From (Month)", compute="_compute_month_labels"
    )
    month_to_label = fields.Char(
        string="Excused To (Month)", compute="_compute_month_labels"
    )
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        DECISION_STATES,
        default="proposed",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    confirmed_by_id = fields.Many2one(
        "res.users", string="Decided by", readonly=True, copy=False
    )
    confirmed_date = fields.Date(string="Decided on", readonly=True, copy=False)
    # seed 000: a member back from abroad more than a year past the approved
    # return is dealt with as having left the Party; the return proposes it
    mobile_id = fields.Many2one(
        "party.mobile.member",
        string="Stay Abroad",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The stay abroad, overrun by more than a year, whose return "
        "proposed this removal.",
    )

    @api.depends("month_from", "month_to")
    @api.depends_context("lang")
    def _compute_month_labels(self):
        for decision in self:
            decision.month_from_label = party_month_label(self.env, decision.month_from)
            decision.month_to_label = party_month_label(self.env, decision.month_to)

    @api.model
    def _prepare_create_vals(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        today = party_today(self)
        for vals in vals_list:
            member = self.env["party.member"].browse(vals.get("member_id")).exists()
            if not member:
                raise ValidationError(self.env._("Choose the member of the decision."))
            vals["branch_id"] = member.branch_id._scoring_unit().id
            # four eyes: nobody proposes a decision about themself
            self.new(
                {"member_id": member.id, "branch_id": vals["branch_id"]}
            )._check_four_eyes(
                self.env._("propose"), "party_points.group_party_secretary", "branch_id"
            )
            self._check_values(
                member,
                vals.get("kind", "good_reason"),
                fields.Date.to_date(vals.get("date")) or today,
                fields.Date.to_date(vals.get("month_from")),
                fields.Date.to_date(vals.get("month_to")),
                vals.get("reason"),
            )
            if vals.get("month_from"):
                vals["month_from"] = month_start(vals["month_from"])
            if vals.get("month_to"):
                vals["month_to"] = month_start(vals["month_to"])
        return vals_list

    def write(self, vals):
        if self.filtered(lambda d: d.state != "proposed"):
            raise UserError(
                self.env._("A decided watch decision is kept as it was decided.")
            )
        res = super().write(vals)
        for decision in self:
            decision._check_values(
                decision.member_id,
                decision.kind,
                decision.date,
                decision.month_from,
                decision.month_to,
                decision.reason,
            )
        return res

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "delete the proposed decision and propose one for the right member."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        if self.filtered(lambda d: d.state != "proposed"):
            raise UserError(
                self.env._("A decided watch decision is kept as it was decided.")
            )

    def action_confirm(self):
        self._check_proposed()
        removals = self.filtered(lambda d: d.kind == "removal")
        if removals:
            self._check_role(
                "party_points.group_party_working_committee",
                self.env._(
                    "Dealing with a member as having left the Party (自行脱党) is "
                    "confirmed by the Party working committee."
                ),
            )
        else:
            self._check_role(
                "party_points.group_party_secretary",
                self.env._("A good reason is confirmed by the branch secretary."),
            )
        for decision in self:
            decision._check_four_eyes(
                self.env._("confirm"),
                "party_points.group_party_working_committee"
                if decision.kind == "removal"
                else "party_points.group_party_secretary",
                "branch_id",
            )
        self.check_access("write")
        for decision in removals:
            decision.member_id._record_change(
                "status",
                "removed",
                decision.date,
                self.env._(
                    "Left the Party of their own accord (自行脱党): %(reason)s",
                    reason=decision.reason,
                ),
            )
        self._write_workflow(
            {
                "state": "confirmed",
                "confirmed_by_id": self.env.user.id,
                "confirmed_date": party_today(self),
            }
        )
        # sudo: the watch is the system's record (nobody writes it); the
        # confirmed decision rebuilds the member's row
        self.env["party.member.watch"].sudo()._refresh(self.member_id)
        return True

    def action_refuse(self):
        self._check_proposed()
        if self.filtered(lambda d: d.kind == "removal"):
            self._check_role(
                "party_points.group_party_working_committee",
                self.env._("A proposed removal is decided by the committee."),
            )
        else:
            self._check_role(
                "party_points.group_party_secretary",
                self.env._("A good reason is decided by the branch secretary."),
            )
        for decision in self:
            decision._check_four_eyes(
                self.env._("refuse"),
                "party_points.group_party_working_committee"
                if decision.kind == "removal"
                else "party_points.group_party_secretary",
                "branch_id",
            )
        self._write_workflow(
            {
                "state": "refused",
                "confirmed_by_id": self.env.user.id,
                "confirmed_date": party_today(self),
            }
        )
        return True

    def _check_proposed(self):
        if not self:
            raise UserError(self.env._("Choose the decision."))
        for decision in self:
            if decision.state != "proposed":
                raise UserError(
                    self.env._(
                        "The decision on %(member)s is already taken.",
                        member=decision.member_id.name,
                    )
                )

    def _check_values(self, member, kind, date, month_from, month_to, reason):
        check_reason(self.env, reason, self.env._("Write the reason of the decision."))
        check_action_date(
            self.env,
            date,
            self.env._("The decision on %(member)s", member=member.name),
            not_before=[
                (member.join_date, self.env._("the day they joined the Party"))
            ],
        )
        if kind == "good_reason":
            if not month_from or not month_to or month_to < month_from:
                raise ValidationError(
                    self.env._(
                        "A good reason covers months: give the first and the last "
                        "month, in order."
                    )
                )
            return
        watch_sudo = (
            # sudo: the watch's level is the proposal's ground; the proposer
            # may not read the member's row (the member moved branch)
            self.env["party.member.watch"]
            .sudo()
            .search([("member_id", "=", member.id)], limit=1)
        )
        # back from abroad more than a year past the approved return (seed 000)
        overstayed = (
            # sudo: counted only; the absence may be recorded by another branch
            self.env["party.mobile.member"]
            .sudo()
            .search_count(
                [
                    ("member_id", "=", member.id),
                    ("abroad", "=", True),
                    ("flag_overstay", "=", True),
                ]
            )
        )
        if watch_sudo.level != "flagged" and not overstayed:
            raise ValidationError(
                self.env._(
                    "%(member)s is not flagged by the six-month watch: removal as "
                    "having left the Party is proposed only after six consecutive "
                    "months.",
                    member=member.name,
                )
            )

    @api.model
    def _party_watch_months(self, members, date_from, date_to):
        """The months a confirmed good reason of the branch excuses, between
        ``date_from`` and ``date_to``, for the six-month watch (R-MEM-6):
        {"excused": {(member id, month)}}."""
        excused = set()
        for decision in self.search(
            [
                ("member_id", "in", members.ids),
                ("kind", "=", "good_reason"),
                ("state", "=", "confirmed"),
                ("month_from", "<=", date_to),
                ("month_to", ">=", date_from),
            ]
        ):
            excused |= {
                (decision.member_id.id, month)
                for month in months_between(
                    max(decision.month_from, date_from),
                    min(decision.month_to, date_to),
                )
            }
        return {"excused": excused}

    @api.model
    def _party_watch_changed(self, companies, since, date_from, date_to):
        """The members with a decision written since ``since`` (confirmed,
        refused: only a proposed one is deleted), for the six-month watch's
        daily run (R-MEM-6, issue 20)."""
        changed = self._read_group(
            [("company_id", "in", companies.ids), ("write_date", ">=", since)],
            ["member_id"],
        )
        return {member.id for (member,) in changed}, self.env["party.branch"]
