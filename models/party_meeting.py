# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .party_workflow_mixin import check_action_date, party_today

# DOMAIN §8: 三会一课 and the theme Party day.
MEETING_TYPES = [
    ("general_meeting", "Branch General Meeting"),
    ("committee_meeting", "Branch Committee Meeting"),
    ("group_meeting", "Party Group Meeting"),
    ("party_lesson", "Party Lesson"),
    ("theme_day", "Theme Party Day"),
]

ATTENDANCE_STATUSES = [
    ("present", "Present"),
    ("late", "Late"),
    ("left_early", "Left Early"),
    ("leave", "On Leave"),
    ("absent", "Absent without Reason"),
]

# Item 1 of the deductions (附件1): what each attendance status costs, by
# the code of the item in the catalogue of the meeting's own company.
ATTENDANCE_STANDARDS = {
    "absent": ("K01-1", -5),
    "leave": ("K01-2", -2),
    "late": ("K01-4", -1),
    "left_early": ("K01-4", -1),
}
CONSECUTIVE_LEAVE = ("K01-3", -2)
# What may still be completed once a meeting is closed: its minutes.
CLOSED_MEETING_FIELDS = {"minutes", "message_main_attachment_id"}


class PartyMeeting(models.Model):
    """A meeting of 三会一课 or a theme Party day, with its attendance.

    Closing it registers the deductions of item 1 of the standard for every
    absence, leave, late arrival or early departure (DOMAIN §8), once.
    """

    _name = "party.meeting"
    _description = "Party Meeting"
    _inherit = ["party.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _workflow_fields = ("state",)
    # its attendance and its deductions are the branch's (party.fixed.keys.mixin)
    _party_fixed_fields = ("branch_id",)

    name = fields.Char(string="Topic", required=True, tracking=True)
    meeting_type = fields.Selection(MEETING_TYPES, required=True, tracking=True)
    branch_id = fields.Many2one(
        "party.branch", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(related="branch_id.company_id", store=True)
    date = fields.Date(required=True, default=party_today, tracking=True)
    minutes = fields.Html()
    attendance_ids = fields.One2many(
        "party.meeting.attendance", "meeting_id", copy=False
    )
    line_ids = fields.One2many(
        "party.score.line", "meeting_id", string="Points Lines", readonly=True
    )
    state = fields.Selection(
        [("draft", "Planned"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )

    def write(self, vals):
        # a closed meeting's deductions rest on its date, branch and topic
        closed = self.filtered(lambda m: m.state == "closed")
        if closed and set(vals) - CLOSED_MEETING_FIELDS:
            raise UserError(
                self.env._(
                    "%(meeting)s is closed and its deductions are registered: it "
                    "can no longer be changed, except for its minutes.",
                    meeting=closed[0].display_name,
                )
            )
        return super().write(vals)

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "delete the planned meeting and plan it again in the right organisation."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if self.filtered(lambda m: m.state == "closed"):
            raise UserError(
                self.env._(
                    "A closed meeting and its deductions are kept: it cannot be "
                    "deleted."
                )
            )

    def action_load_members(self):
        """List every member of the branch (and its groups) as present."""
        for meeting in self:
            if meeting.state != "draft":
                raise UserError(
                    self.env._("The attendance of a closed meeting is final.")
                )
            members = self.env["party.member"].search(
                [("branch_id", "child_of", meeting.branch_id.id)]
            )
            members -= meeting.attendance_ids.member_id
            members -= members._exempt_on(meeting.date)
            meeting.attendance_ids = [
                fields.Command.create({"member_id": member.id, "status": "present"})
                for member in members
            ]
        return True

    def action_close(self):
        """Close the meeting and register item-1 deductions, once only."""
        for meeting in self:
            if meeting.state == "closed":
                raise UserError(
                    self.env._(
                        "%(meeting)s is already closed: its deductions are registered.",
                        meeting=meeting.display_name,
                    )
                )
            # closing registers the meeting's deductions and attendance: not
            # in the future, not in a closed points cycle (R-SCORE-4)
            check_action_date(
                self.env,
                meeting.date,
                self.env._("The meeting %(meeting)s", meeting=meeting.display_name),
                company=meeting.company_id,
            )
            if not meeting.attendance_ids:
                raise UserError(
                    self.env._("Record the attendance before closing the meeting.")
                )
        self.check_access("write")
        for meeting in self:
            meeting.attendance_ids._register_deductions()
        self._write_workflow({"state": "closed"})
        return True

    def _check_attendees(self, member_ids):
        """A meeting's attendance lists its own members (DOMAIN §8): those of
        the branch or its groups on the meeting's date, or today, or the
        members it scores (R-SCORE-9); any other member is a mistake that would
        cost them points in a branch they do not belong to."""
        if not self or not member_ids:
            return
        self.ensure_one()
        if self.state == "closed":
            raise UserError(self.env._("The attendance of a closed meeting is final."))
        members = (
            self.env["party.member"]
            .sudo()
            .browse([m for m in member_ids if isinstance(m, int)])
        )
        inside = set(
            self.env["party.branch"]
            .sudo()
            .search([("id", "child_of", self.branch_id.id)])
            .ids
        )
        on_date = members._branch_at(self.date) if self.date else {}
        for member in members:
            branches = member.branch_id | on_date.get(member, member.branch_id)
            if member.home_branch_id:
                branches |= member.home_branch_id
            if not inside & set(branches.ids):
                raise UserError(
                    self.env._(
                        "%(member)s is not a member of %(branch)s: only its own "
                        "members are in the attendance of its meeting.",
                        member=member.name,
                        branch=self.branch_id.display_name,
                    )
                )

    @api.model
    def _cron_remind_missing_meetings(self, today=None):
        """Remind a branch that missed its monthly committee meeting or its
        quarterly general meeting (DOMAIN §8)."""
        today = today or party_today(self)
        last_month_start = fields.Date.start_of(
            today - relativedelta(months=1), "month"
        )
        last_month_end = fields.Date.end_of(last_month_start, "month")
        quarter_start = fields.Date.start_of(today, "quarter")
        last_quarter_start = quarter_start - relativedelta(months=3)
        checks = [
            (
                "committee_meeting",
                last_month_start,
                last_month_end,
                self.env._(
                    "No branch committee meeting recorded in %(month)s",
                    month=last_month_start.strftime("%Y-%m"),
                ),
            ),
        ]
        if today.month in (1, 4, 7, 10):
            checks.append(
                (
                    "general_meeting",
                    last_quarter_start,
                    quarter_start - relativedelta(days=1),
                    self.env._(
                        "No branch general meeting recorded in the quarter from "
                        "%(start)s",
                        start=last_quarter_start,
                    ),
                )
            )
        branches = self.env["party.branch"].search([("kind", "=", "branch")])
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for meeting_type, date_from, date_to, summary in checks:
            held = self.search(
                [
                    ("branch_id", "in", branches.ids),
                    ("meeting_type", "=", meeting_type),
                    ("state", "=", "closed"),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ]
            ).branch_id
            for branch in branches - held:
                user = branch.recorder_id or branch.officer_user_ids[:1]
                if not user or branch.activity_ids.filtered(
                    lambda a, s=summary: a.summary == s
                ):
                    continue
                branch.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=summary,
                    user_id=user.id,
                    date_deadline=today,
                )

    def _check_attendance_open(self):
        if "closed" in self.sudo().mapped("state"):
            raise UserError(self.env._("The attendance of a closed meeting is final."))


class PartyMeetingAttendance(models.Model):
    _name = "party.meeting.attendance"
    _description = "Party Meeting Attendance"
    _inherit = ["party.fixed.keys.mixin"]
    _order = "meeting_id, member_id"
    _party_fixed_fields = ("meeting_id", "member_id")

    meeting_id = fields.Many2one(
        "party.meeting", required=True, index=True, ondelete="cascade"
    )
    member_id = fields.Many2one("party.member", required=True, ondelete="restrict")
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    branch_id = fields.Many2one(related="meeting_id.branch_id", store=True)
    date = fields.Date(related="meeting_id.date", store=True)
    status = fields.Selection(ATTENDANCE_STATUSES, required=True, default="present")
    note = fields.Char()
    line_ids = fields.One2many(
        "party.score.line", "attendance_id", string="Points Lines", readonly=True
    )

    _sql_constraints = [
        (
            "meeting_member_uniq",
            "unique(meeting_id, member_id)",
            "A member appears once in the attendance of a meeting.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        meetings = self.env["party.meeting"].browse(
            [vals["meeting_id"] for vals in vals_list if vals.get("meeting_id")]
        )
        meetings._check_attendance_open()
        for meeting_id in {vals.get("meeting_id") for vals in vals_list}:
            self.env["party.meeting"].browse(meeting_id)._check_attendees(
                [
                    v.get("member_id")
                    for v in vals_list
                    if v.get("meeting_id") == meeting_id
                ]
            )
        return super().create(vals_list)

    def write(self, vals):
        self.meeting_id._check_attendance_open()
        return super().write(vals)

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "remove the row from the attendance and add the right member to the "
            "right meeting."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self.meeting_id._check_attendance_open()

    def _register_deductions(self):
        """Register the item-1 deductions of the attendances, in one batch
        (issue 11: a meeting of 200 absent members closes in well under a
        second)."""
        todo = self.filtered(lambda a: a.status != "present" and not a.line_ids)
        repeated = todo._previous_were_leaves()
        standards = {}
        vals_list = []
        for attendance in todo:
            items = [ATTENDANCE_STANDARDS[attendance.status]]
            if attendance.status == "leave" and attendance in repeated:
                items.append(CONSECUTIVE_LEAVE)
            for code, points in items:
                key = (attendance.meeting_id, code)
                if key not in standards:
                    standards[key] = attendance._standard(code)
                vals_list.append(
                    {
                        "member_id": attendance.member_id.id,
                        "standard_id": standards[key].id,
                        "points": points,
                        "date": attendance.meeting_id.date,
                        "description": attendance.meeting_id.name,
                        "meeting_id": attendance.meeting_id.id,
                        "attendance_id": attendance.id,
                    }
                )
        if vals_list:
            self.env["party.score.line"]._create_workflow(vals_list).action_register()

    def _standard(self, code):
        """The item ``code`` of the catalogue of the meeting's company: every
        company scores with its own copy of the standard (issue 8)."""
        self.ensure_one()
        standard = (
            self.env["party.score.standard"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("catalogue", "=", self.branch_id._catalogue()),
                    ("code", "=", code),
                ],
                limit=1,
            )
        )
        if not standard:
            raise UserError(
                self.env._(
                    "The points standard of %(company)s has no item %(code)s: the "
                    "Party working committee restores it before the meeting is "
                    "closed.",
                    company=self.company_id.name,
                    code=code,
                )
            )
        return standard

    def _previous_were_leaves(self):
        """The attendances of ``self`` whose member was on leave at their
        closed meeting before, in one query."""
        leaves = self.filtered(lambda a: a.status == "leave" and a.id)
        if not leaves:
            return self.browse()
        self.flush_model(["member_id", "meeting_id", "status", "date"])
        self.env["party.meeting"].flush_model(["state"])
        rows = self.env.execute_query(
            SQL(
                """
            SELECT DISTINCT ON (a.id) a.id, p.status
              FROM party_meeting_attendance a
              JOIN party_meeting_attendance p
                ON p.member_id = a.member_id AND p.id != a.id
              JOIN party_meeting m ON m.id = p.meeting_id AND m.state = 'closed'
             WHERE a.id = ANY(%s)
               AND (p.date < a.date
                    OR (p.date = a.date AND p.meeting_id < a.meeting_id))
          ORDER BY a.id, p.date DESC, p.meeting_id DESC
                """,
                leaves.ids,
            )
        )
        return self.browse([aid for aid, status in rows if status == "leave"])
