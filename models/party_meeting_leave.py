# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields, models
from odoo.exceptions import UserError


class PartyMeetingLeave(models.Model):
    """R-MTG-6: a member's request for leave from a meeting (请假), asked in the portal
    before the meeting with a reason; the secretary of the branch grants or
    refuses it (four eyes: not their own). A granted leave is the member's
    attendance "on leave", which costs what deduction item 1 says, the
    consecutive-leave rule included (DOMAIN §8)."""

    _name = "party.meeting.leave"
    _description = "Leave Request"
    _inherit = ["party.workflow.mixin", "mail.thread"]
    _order = "id desc"
    _workflow_fields = ("state", "decided_by_id", "decided_date")
    _party_fixed_fields = ("meeting_id", "member_id")

    meeting_id = fields.Many2one(
        "party.meeting", required=True, index=True, ondelete="cascade", readonly=True
    )
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", readonly=True
    )
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    branch_id = fields.Many2one(related="meeting_id.branch_id", store=True)
    meeting_start = fields.Datetime(related="meeting_id.start", string="Meeting Start")
    reason = fields.Text(required=True, readonly=True)
    state = fields.Selection(
        [("requested", "Requested"), ("granted", "Granted"), ("refused", "Refused")],
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    decided_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    decided_date = fields.Datetime(string="Decided On", readonly=True, copy=False)

    def _compute_display_name(self):
        for leave in self:
            leave.display_name = self.env._(
                "%(member)s: leave from %(meeting)s",
                # sudo: the names of the member and the meeting of a request
                # the user reads
                member=leave.sudo().member_id.name,
                meeting=leave.sudo().meeting_id.name,
            )

    def action_grant(self):
        """The secretary grants the leave: the member's attendance is "on
        leave" (the deductions are registered when the meeting closes)."""
        self._party_check_decider("grant")
        for leave in self:
            meeting = leave.meeting_id
            row = meeting.attendance_ids.filtered(
                lambda a, leave=leave: a.member_id == leave.member_id
            )
            if row.signed_in_at:
                raise UserError(
                    self.env._(
                        "%(member)s has signed in for %(meeting)s: the leave is no "
                        "longer needed.",
                        member=leave.member_id.name,
                        meeting=meeting.name,
                    )
                )
            if row:
                row.status = "leave"
            else:
                meeting.attendance_ids = [
                    Command.create({"member_id": leave.member_id.id, "status": "leave"})
                ]
        self._party_decide("granted")
        return True

    def action_refuse(self, reason=None):
        """The secretary refuses the leave: the member is expected at the
        meeting (absent without reason if they neither come nor sign in)."""
        self._party_check_decider("refuse")
        self._party_decide("refused", reason)
        return True

    def _party_check_decider(self, step):
        self._check_role(
            "party_points.group_party_secretary",
            self.env._("Granting or refusing leave is the branch secretary's work."),
        )
        self._check_state("requested")
        self._check_branch_served(
            "branch_id",
            self.env._("Leave is decided by the secretary of the meeting's branch."),
        )
        for leave in self:
            if leave.meeting_id.state != "draft":
                raise UserError(
                    self.env._(
                        "%(meeting)s is closed: its attendance is final.",
                        meeting=leave.meeting_id.name,
                    )
                )
        labels = {"grant": self.env._("grant"), "refuse": self.env._("refuse")}
        self._check_four_eyes(
            labels[step], "party_points.group_party_secretary", "branch_id"
        )

    def _party_decide(self, state, reason=None):
        self._write_workflow(
            {
                "state": state,
                "decided_by_id": self.env.user.id,
                "decided_date": fields.Datetime.now(),
            }
        )
        reason = reason.strip() if isinstance(reason, str) else ""
        for leave in self:
            if state == "granted":
                body = self.env._("Leave granted by %(user)s.", user=self.env.user.name)
            elif reason:
                body = self.env._(
                    "Leave refused by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=reason,
                )
            else:
                body = self.env._("Leave refused by %(user)s.", user=self.env.user.name)
            # the member is told where they look (their portal inbox, their
            # email when they have one); the meeting keeps the history too
            # sudo: the member's contact is told, readable or not
            partner_sudo = leave.sudo().member_id.partner_id
            leave.message_post(
                body=body,
                partner_ids=partner_sudo.ids,
                subtype_xmlid="mail.mt_comment",
            )
            leave.meeting_id.message_post(
                body=self.env._(
                    "%(member)s: %(decision)s",
                    # sudo: as above, the member's name
                    member=leave.sudo().member_id.name,
                    decision=body,
                )
            )


class ResUsers(models.Model):
    _inherit = "res.users"

    def _party_digest_sections(self):
        """The daily digest: the leave requests this secretary can decide
        (their organisations', not their own)."""
        sections = super()._party_digest_sections()
        self.ensure_one()
        if not self.has_group("party_points.group_party_secretary"):
            return sections
        # the user's own requests are left out (four eyes): whether the
        # member's contact or employee is theirs
        # sudo: compared only, as party.member._is_user does
        own_sudo = (
            self.env["party.member"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    "|",
                    ("partner_id", "=", self.partner_id.id),
                    ("employee_id.user_id", "=", self.id),
                ]
            )
        )
        domain = [
            ("state", "=", "requested"),
            ("meeting_id.state", "=", "draft"),
            ("company_id", "in", self.company_ids.ids),
            ("member_id", "not in", own_sudo.ids),
        ]
        if not self.has_group("party_points.group_party_working_committee"):
            domain.append(("branch_id", "in", self._party_served_branches().ids))
        # as the other sections of the digest: one search under the user's
        # rights, the organisations they serve
        leaves = self.env["party.meeting.leave"].search(domain)
        if not leaves:
            return sections
        return [
            *sections,
            {
                "title": self.env._("Leave requests waiting for you"),
                "records": leaves,
            },
        ]
