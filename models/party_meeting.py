# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, create_index

from .party_workflow_mixin import (
    check_action_date,
    party_in_reader_lang,
    party_month_label,
    party_quarter_label,
    party_today,
    quarter_of,
)

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
    # a member out (mobile, abroad) attends organisational life at the host:
    # neither absent nor on leave, it costs nothing (附件1, deduction item 1)
    ("away", "Away: Attends at the Host"),
]
# R-MEM-6: the statuses that count as having taken part in organisational
# life (the six-month watch).
ATTENDED_STATUSES = ("present", "late", "left_early")
# Every kind of 三会一课 and the theme Party day scores attendance (DOMAIN §8).
SCORING_MEETING_TYPES = tuple(key for key, _label in MEETING_TYPES)
# How often each kind is held (DOMAIN §8): months per period, and whether
# it is held by the Party group (党小组) rather than the branch.
MEETING_FREQUENCY = {
    "committee_meeting": 1,
    "group_meeting": 1,
    "theme_day": 1,
    "general_meeting": 3,
    "party_lesson": 3,
}

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

    @api.private  # the registry's hook, never an RPC endpoint
    def init(self):
        # issue 20: the six-month watch's daily run finds the records written
        # since its last run (``_party_watch_changed``) on this index
        res = super().init()
        create_index(
            self.env.cr, "party_meeting_write_date_index", self._table, ["write_date"]
        )
        return res

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
        """List every member of the branch (and its groups) as present, and
        the members away on the meeting's date (a running mobile absence, a
        stay abroad) as away: they attend at the host, which costs nothing."""
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
            away = self.env["party.mobile.member"]._members_away_on(
                members, meeting.date
            )
            meeting.attendance_ids = [
                fields.Command.create(
                    {
                        "member_id": member.id,
                        "status": "away" if member in away else "present",
                    }
                )
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
        # consecutive leave is judged once the meetings are closed, over the
        # member's closed meetings of the cycle in date order
        self.attendance_ids._settle_consecutive_leaves()
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
        members_sudo = (
            # sudo: the attendees are judged by their branch on the meeting's
            # day, also members the recorder no longer reads (moved since)
            self.env["party.member"]
            .sudo()
            .browse([m for m in member_ids if isinstance(m, int)])
        )
        inside = set(
            # sudo: the ids of the organisations under the meeting's branch,
            # compared only
            self.env["party.branch"]
            .sudo()
            .search([("id", "child_of", self.branch_id.id)])
            .ids
        )
        on_date = members_sudo._branch_at(self.date) if self.date else {}
        for member_sudo in members_sudo:
            branches_sudo = member_sudo.branch_id | on_date.get(
                member_sudo, member_sudo.branch_id
            )
            if member_sudo.home_branch_id:
                branches_sudo |= member_sudo.home_branch_id
            if not inside & set(branches_sudo.ids):
                raise UserError(
                    self.env._(
                        "%(member)s is not a member of %(branch)s: only its own "
                        "members are in the attendance of its meeting.",
                        member=member_sudo.name,
                        branch=self.branch_id.display_name,
                    )
                )

    @api.model
    def _cron_remind_missing_meetings(self, today=None):
        """Remind the branches of every kind of 三会一课 and of the theme
        Party day not held in the last complete period (DOMAIN §8): monthly
        the branch committee, the Party group meeting (each Party group) and
        the theme Party day; quarterly the general meeting and the Party
        lesson. Once per organisation, kind and period (the period reminded is
        stored on the organisation, so a reminder done is not sent again), to
        the secretary and the recorder of the branch."""
        today = fields.Date.to_date(today) or party_today(self)
        # sudo: the daily job reminds every branch of the database
        Branch_sudo = self.env["party.branch"].sudo()
        branches_sudo = Branch_sudo.search([("kind", "=", "branch")])
        groups_sudo = Branch_sudo.search([("kind", "=", "group")])
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for meeting_type, months in MEETING_FREQUENCY.items():
            period_start = fields.Date.start_of(today, "month") - relativedelta(
                months=months
            )
            if months == 3:
                period_start = fields.Date.start_of(period_start, "quarter")
            period_end = period_start + relativedelta(months=months, days=-1)
            organisations_sudo = (
                groups_sudo if meeting_type == "group_meeting" else branches_sudo
            )
            held_sudo = (
                # sudo: as above, every branch's meetings
                self.sudo()
                .search(
                    [
                        ("branch_id", "in", organisations_sudo.ids),
                        ("meeting_type", "=", meeting_type),
                        ("state", "=", "closed"),
                        ("date", ">=", period_start),
                        ("date", "<=", period_end),
                    ]
                )
                .branch_id
            )
            period_key = fields.Date.to_string(period_start)
            for organisation in organisations_sudo - held_sudo:
                sent = dict(organisation.party_meeting_reminders or {})
                if sent.get(meeting_type, "") >= period_key:
                    continue
                for user in organisation._scoring_unit()._meeting_reminder_users():
                    # each reminder in the language of the user it goes to
                    summary = party_in_reader_lang(
                        self, user=user, company=organisation.company_id
                    )._reminder_summary(meeting_type, organisation, period_start)
                    organisation.activity_schedule(
                        activity_type_id=activity_type.id,
                        summary=summary,
                        user_id=user.id,
                        date_deadline=today,
                    )
                sent[meeting_type] = period_key
                organisation.party_meeting_reminders = sent

    @api.model
    def _reminder_summary(self, meeting_type, organisation, period_start):
        """The reminder of a meeting not held, in the environment's language,
        its period named as the regulation does (2026年11月, 2026年第3季度)."""
        month = party_month_label(self.env, period_start)
        if meeting_type == "committee_meeting":
            return self.env._(
                "No branch committee meeting recorded in %(month)s", month=month
            )
        if meeting_type == "group_meeting":
            return self.env._(
                "No Party group meeting of %(group)s recorded in %(month)s",
                group=organisation.name,
                month=month,
            )
        if meeting_type == "theme_day":
            return self.env._("No theme Party day recorded in %(month)s", month=month)
        quarter = party_quarter_label(
            self.env, period_start.year, quarter_of(period_start)
        )
        if meeting_type == "general_meeting":
            return self.env._(
                "No branch general meeting recorded in %(quarter)s", quarter=quarter
            )
        return self.env._("No Party lesson recorded in %(quarter)s", quarter=quarter)

    def _check_attendance_open(self):
        # sudo: a closed meeting guards its attendance whoever writes it
        if "closed" in self.sudo().mapped("state"):
            raise UserError(self.env._("The attendance of a closed meeting is final."))

    @api.model
    def _party_watch_first_months(self, companies):
        """{Party branch: the month of its (or its groups') first closed
        meeting} in ``companies``: the six-month watch (R-MEM-6) judges no
        month before a branch keeps records."""
        starts = {}
        for branch, first in self._read_group(
            [("company_id", "in", companies.ids), ("state", "=", "closed")],
            ["branch_id"],
            ["date:min"],
        ):
            unit = branch._scoring_unit()
            month = fields.Date.start_of(first, "month")
            starts[unit] = min(starts.get(unit, month), month)
        return starts

    @api.model
    def _party_watch_changed(self, companies, since, date_from, date_to):
        """For the six-month watch's daily run (R-MEM-6, issue 20): the
        scoring units whose first month of records may have moved since
        ``since``: a meeting closed since then in the month of the unit's
        first closed meeting (a closed meeting is never reopened, redated
        or deleted, so only a closing moves it). The attendees are
        ``party.meeting.attendance``'s answer. Returns (member ids,
        Party branches whose every member is judged again)."""
        starts = self._party_watch_first_months(companies)
        units = self.env["party.branch"]
        for branch, first in self._read_group(
            [
                ("company_id", "in", companies.ids),
                ("state", "=", "closed"),
                ("write_date", ">=", since),
                ("date", "<=", date_to),
            ],
            ["branch_id"],
            ["date:min"],
        ):
            unit = branch._scoring_unit()
            if fields.Date.start_of(first, "month") <= starts[unit]:
                units |= unit
        return set(), units


class PartyMeetingAttendance(models.Model):
    _name = "party.meeting.attendance"
    _description = "Party Meeting Attendance"
    _inherit = ["party.input.mixin", "party.fixed.keys.mixin"]
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

    @api.private  # the registry's hook, never an RPC endpoint
    def init(self):
        # issue 20: the six-month watch's daily run finds the records written
        # since its last run (``_party_watch_changed``) on this index
        res = super().init()
        create_index(
            self.env.cr,
            "party_meeting_attendance_write_date_index",
            self._table,
            ["write_date"],
        )
        return res

    @api.model
    def _party_watch_months(self, members, date_from, date_to):
        """The months between ``date_from`` and ``date_to`` in which each of
        ``members`` took part in organisational life (a closed meeting,
        present, late or left early), and those in which they did Party work
        by attending a theme Party day, for the six-month watch (R-MEM-6):
        {"attended": {(member id, month)}, "work": {…}}."""
        domain = [
            ("member_id", "in", members.ids),
            ("meeting_id.state", "=", "closed"),
            ("status", "in", ATTENDED_STATUSES),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]
        attended = self._read_group(domain, ["member_id", "date:month"])
        theme_days = self._read_group(
            [*domain, ("meeting_id.meeting_type", "=", "theme_day")],
            ["member_id", "date:month"],
        )
        return {
            "attended": {(member.id, month) for member, month in attended},
            "work": {(member.id, month) for member, month in theme_days},
        }

    @api.model
    def _party_watch_changed(self, companies, since, date_from, date_to):
        """The members whose attendance between ``date_from`` and ``date_to``
        was written, or whose meeting was (closed), since ``since``, for the
        six-month watch's daily run (R-MEM-6, issue 20). The attendance of a
        closed meeting is never deleted."""
        window = [
            ("company_id", "in", companies.ids),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]
        members = set()
        for changed in (
            ("write_date", ">=", since),
            ("meeting_id.write_date", ">=", since),
        ):
            members |= {
                member.id
                for (member,) in self._read_group([*window, changed], ["member_id"])
            }
        return members, self.env["party.branch"]

    @api.model
    def _prepare_create_vals(self, vals_list):
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
        for vals in vals_list:
            if vals.get("status") == "away":
                self._check_away(
                    self.env["party.member"].browse(vals.get("member_id")),
                    self.env["party.meeting"].browse(vals.get("meeting_id")),
                )
        return super()._prepare_create_vals(vals_list)

    def _check_write_vals(self, vals):
        self.meeting_id._check_attendance_open()
        if vals.get("status") == "away":
            for attendance in self:
                self._check_away(attendance.member_id, attendance.meeting_id)
        return super()._check_write_vals(vals)

    @api.model
    def _check_away(self, member, meeting):
        """ "Away" costs nothing: only for a member whose absence (mobile, or
        abroad) runs on the meeting's date."""
        # sudo: whether the member was away on the meeting's day, judged for
        # whoever records the attendance (the absence is another branch's)
        member_sudo = member.sudo().exists()
        meeting_sudo = meeting.sudo().exists()  # sudo: as on the line above
        if not member_sudo or not meeting_sudo:
            return
        if not self.env["party.mobile.member"]._members_away_on(
            member_sudo, meeting_sudo.date
        ):
            raise UserError(
                self.env._(
                    "%(member)s is not away on %(date)s: “away” is for a member "
                    "whose absence (mobile, or abroad) runs on the meeting's date "
                    "and who attends organisational life at the host. Record the "
                    "departure first, or choose another status.",
                    member=member_sudo.name,
                    date=meeting_sudo.date,
                )
            )

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
        second). The extra deduction of a consecutive leave is settled after
        the close, by ``_settle_consecutive_leaves``."""
        todo = self.filtered(
            lambda a: a.status in ATTENDANCE_STANDARDS and not a.line_ids
        )
        standards = {}
        vals_list = []
        for attendance in todo:
            code, points = ATTENDANCE_STANDARDS[attendance.status]
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
        standard_sudo = (
            # sudo: the company's item, whatever companies the user has active
            # (a job, a recorder of another company's meeting)
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
        if not standard_sudo:
            raise UserError(
                self.env._(
                    "The points standard of %(company)s has no item %(code)s: the "
                    "Party working committee restores it before the meeting is "
                    "closed.",
                    company=self.company_id.name,
                    code=code,
                )
            )
        return standard_sudo

    def _consecutive_rows(self):
        """For the members of ``self``, in the cycles (years) of ``self``:
        every attendance at a closed meeting of a scoring kind, with whether
        it is a consecutive leave (the member's attendance just before, in
        date order within the year, is a leave too) and that earlier
        meeting. One query."""
        if not self:
            return []
        self.flush_model(["member_id", "meeting_id", "status", "date"])
        self.env["party.meeting"].flush_model(["state", "meeting_type"])
        return self.env.execute_query(
            SQL(
                """
            SELECT id, status = 'leave' AND previous_status = 'leave', previous_meeting
              FROM (
                SELECT a.id, a.status,
                       LAG(a.status) OVER w AS previous_status,
                       LAG(a.meeting_id) OVER w AS previous_meeting
                  FROM party_meeting_attendance a
                  JOIN party_meeting m ON m.id = a.meeting_id
                 WHERE m.state = 'closed'
                   AND m.meeting_type IN %s
                   AND a.member_id = ANY(%s)
                   AND EXTRACT(YEAR FROM a.date)::int = ANY(%s)
                WINDOW w AS (PARTITION BY a.member_id, EXTRACT(YEAR FROM a.date)
                             ORDER BY a.date, a.meeting_id)
              ) rows
                """,
                SCORING_MEETING_TYPES,
                self.member_id.ids,
                sorted({attendance.date.year for attendance in self}),
            )
        )

    def _settle_consecutive_leaves(self):
        """附件1, item 1: "连续请假的第二次起加扣2分", within the cycle ("新一轮积分
        周期开始后重新开始计分"), whatever the order in which the meetings
        are closed.

        Once the meetings of ``self`` are closed, every attendance of their
        members in the year is judged again: a consecutive leave without its
        extra deduction gets it, an extra deduction that is no longer right
        (a meeting attended, closed late, comes in between) is reversed by
        a correction. Lines are never edited: the attendances of ``self``
        get the deduction under the meeting's name; an earlier attendance
        gets a new line that says why, dated on its meeting if that quarter
        is still open, else today (within the year)."""
        rows = self._consecutive_rows()
        if not rows:
            return
        Line = self.env["party.score.line"]
        attendances = self.browse([row[0] for row in rows])
        extra = {
            line_sudo.attendance_id: line_sudo
            # sudo: every extra deduction of the attendances, whoever closes
            # the meeting (the lines are corrected, never written)
            for line_sudo in Line.sudo().search(
                [
                    ("attendance_id", "in", attendances.ids),
                    ("standard_id.code", "=", CONSECUTIVE_LEAVE[0]),
                    ("correction_of_id", "=", False),
                    ("correction_ids", "=", False),
                    ("state", "=", "approved"),
                ]
            )
        }
        # sudo: the earlier meeting is named in the line, readable or not
        Meeting_sudo = self.env["party.meeting"].sudo()
        vals_list = []
        for attendance_id, due, previous_id in rows:
            attendance = self.browse(attendance_id)
            # sudo: the dictionary's keys are the sudo attendances
            line_sudo = extra.get(attendance.sudo())
            if bool(due) == bool(line_sudo):
                continue
            meeting = attendance.meeting_id
            previous_sudo = Meeting_sudo.browse(previous_id)
            late = attendance not in self
            if due:
                description = meeting.name
                if late:
                    description = self.env._(
                        "%(meeting)s: consecutive leave, %(member)s was also on "
                        "leave at %(previous)s of %(date)s, closed after it.",
                        meeting=meeting.name,
                        member=attendance.member_id.name,
                        previous=previous_sudo.name,
                        date=previous_sudo.date,
                    )
                vals_list.append(
                    {
                        "member_id": attendance.member_id.id,
                        "standard_id": attendance._standard(CONSECUTIVE_LEAVE[0]).id,
                        "points": CONSECUTIVE_LEAVE[1],
                        "date": attendance._open_date() if late else meeting.date,
                        "description": description,
                        "meeting_id": meeting.id,
                        "attendance_id": attendance.id,
                    }
                )
                continue
            reason = self.env._(
                "%(meeting)s is no longer a consecutive leave: %(member)s attended "
                "%(previous)s of %(date)s, closed after it.",
                meeting=meeting.name,
                member=attendance.member_id.name,
                previous=previous_sudo.name or "",
                date=previous_sudo.date or "",
            )
            vals_list.append(
                {
                    "member_id": attendance.member_id.id,
                    "standard_id": line_sudo.standard_id.id,
                    "points": -line_sudo.points,
                    "date": attendance._open_date(),
                    "description": reason,
                    "correction_of_id": line_sudo.id,
                    "correction_reason": reason,
                    "meeting_id": meeting.id,
                    "attendance_id": attendance.id,
                }
            )
        if vals_list:
            Line._create_workflow(vals_list).action_register()

    def _open_date(self):
        """The date of a line settling this attendance later: the meeting's
        date while its quarter is unpublished, else today, within the
        meeting's year (a closed cycle refuses the line)."""
        self.ensure_one()
        day = self.date
        # sudo: the member's scoring branch on the meeting's day, from moves
        # the user may not read
        member_sudo = self.member_id.sudo()
        branch = member_sudo._scoring_branches_at(day).get(member_sudo)
        published = (
            # sudo: counted only: whether that quarter is published
            self.env["party.score.publication"]
            .sudo()
            .search_count(
                [
                    ("branch_id", "=", branch.id if branch else False),
                    ("cycle_id.company_id", "=", member_sudo.company_id.id),
                    ("cycle_id.year", "=", day.year),
                    ("quarter", "=", quarter_of(day)),
                    ("state", "=", "published"),
                ]
            )
        )
        if not published:
            return day
        return min(party_today(self), date(day.year, 12, 31))


class PartyBranch(models.Model):
    _inherit = "party.branch"

    # the last period each kind of meeting was reminded for (DOMAIN §8):
    # {meeting type: first day of the period}, written by the reminder cron
    party_meeting_reminders = fields.Json(
        string="Meeting Reminders Sent",
        readonly=True,
        copy=False,
        groups="base.group_system",
    )
    # the Branches Overview (issue 10, item 3): the reminders the cron leaves
    # on the organisations
    dashboard_reminder_count = fields.Integer(
        compute="_compute_dashboard_reminder_count",
        string="Reminders",
        help="Open reminders on the organisations, e.g. a missed monthly "
        "committee or quarterly general meeting (DOMAIN §8).",
    )

    def _compute_dashboard_reminder_count(self):
        # counted on the organisations the user reads (an activity is shown
        # only to those who may post on the organisation, the committee)
        subtree = self.search([("id", "child_of", self.ids)])
        # sudo: only the counts of the organisations read above; the
        # activities' own rules show a user only those they may act on
        groups = [
            (self.browse(res_id), count)
            for res_id, count in self.env["mail.activity"]
            .sudo()
            ._read_group(
                [("res_model", "=", self._name), ("res_id", "in", subtree.ids)],
                ["res_id"],
                ["__count"],
            )
        ]
        for branch in self:
            branch.dashboard_reminder_count = sum(
                count for (count,) in branch._party_rolled_up(groups)
            )

    def _meeting_reminder_users(self):
        """Who is reminded of a missed meeting: the secretary of the branch
        (the user of its secretary, else its first officer with the
        secretary's role) and its recorder; else its first officer."""
        self.ensure_one()
        # sudo: the reminder goes to the branch's officers' users, whom the
        # job or the user may not read
        branch_sudo = self.sudo()
        secretary_sudo = branch_sudo.secretary_id
        users_sudo = (
            secretary_sudo.partner_id.user_ids | secretary_sudo.employee_id.user_id
        )[:1]
        if not users_sudo:
            users_sudo = branch_sudo.officer_user_ids.filtered(
                lambda u: u != branch_sudo.recorder_id
                and u.has_group("party_points.group_party_secretary")
            ).sorted("id")[:1]
        users_sudo |= branch_sudo.recorder_id
        return users_sudo or branch_sudo.officer_user_ids[:1]
