# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Meetings from the phone (issue 19, item 2): each meeting is an event of
Odoo's calendar with its members invited, members sign in by the meeting's QR
link and ask for leave in the portal, the recorder confirms the absences at
closing. The attendance and its deductions stay those of party_meeting.py."""

import base64
import secrets
from datetime import datetime, time, timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import consteq

from .party_workflow_mixin import (
    PARTY_DEFAULT_TZ,
    check_reason,
    party_company_lang,
    party_today,
)

# the defaults of the company settings (minutes)
SIGNIN_BEFORE_MINUTES = 30
SIGNIN_AFTER_MINUTES = 60
SIGNIN_GRACE_MINUTES = 5
# a meeting typed with a date only starts at this hour (the company's time)
DEFAULT_START_HOUR = 9
# what the attendance tells the calendar once the meeting is closed
ATTENDEE_STATES = {
    "present": "accepted",
    "late": "accepted",
    "left_early": "accepted",
    "leave": "declined",
    "absent": "declined",
    "away": "declined",
}
# the fields of a meeting its calendar event follows
EVENT_FIELDS = {"name", "meeting_type", "start", "duration"}


def signin_now():
    """Now (UTC): the clock of the sign-in and the leave (tests stand on a
    moment by patching it)."""
    return fields.Datetime.now()


def party_tz(company):
    """The time zone of ``company`` (that of the ledger's day)."""
    # sudo: the company's time zone, the same for every reader
    return pytz.timezone(company.sudo().partner_id.tz or PARTY_DEFAULT_TZ)


def local_date(company, moment):
    """The date of the UTC datetime ``moment`` in ``company``'s time zone."""
    moment = fields.Datetime.to_datetime(moment)
    return pytz.utc.localize(moment).astimezone(party_tz(company)).date()


def start_on(company, day, like=None):
    """The UTC start of a meeting held on ``day`` (company time), at the
    local time of ``like`` (a UTC datetime) or at the default hour."""
    tz = party_tz(company)
    at = time(DEFAULT_START_HOUR)
    if like:
        at = pytz.utc.localize(like).astimezone(tz).time()
    moment = tz.localize(datetime.combine(fields.Date.to_date(day), at))
    return moment.astimezone(pytz.utc).replace(tzinfo=None)


class ResCompany(models.Model):
    _inherit = "res.company"

    party_signin_before_minutes = fields.Integer(
        string="Sign-in Opens (Minutes Before the Start)",
        default=SIGNIN_BEFORE_MINUTES,
    )
    party_signin_after_minutes = fields.Integer(
        string="Sign-in Closes (Minutes After the Start)",
        default=SIGNIN_AFTER_MINUTES,
    )
    party_signin_grace_minutes = fields.Integer(
        string="Late After (Minutes)",
        default=SIGNIN_GRACE_MINUTES,
        help="A member who signs in later than this after the start is late.",
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    party_signin_before_minutes = fields.Integer(
        related="company_id.party_signin_before_minutes", readonly=False
    )
    party_signin_after_minutes = fields.Integer(
        related="company_id.party_signin_after_minutes", readonly=False
    )
    party_signin_grace_minutes = fields.Integer(
        related="company_id.party_signin_grace_minutes", readonly=False
    )


class PartyMeeting(models.Model):
    _inherit = "party.meeting"
    # the QR link's secret and the event are the system's own
    _workflow_fields = ("state", "signin_token", "calendar_event_id")

    # the meeting's start; ``date`` stays the day everything else reads
    # (deductions, the watch, reminders, reports): the start's date in the
    # company's time zone, written with it
    start = fields.Datetime(
        required=True,
        tracking=True,
        default=lambda self: start_on(self.env.company, party_today(self)),
        help="When the meeting starts: its calendar event, the sign-in window "
        "and lateness follow it.",
    )
    duration = fields.Float(string="Duration (Hours)", default=2.0)
    signin_before_minutes = fields.Integer(
        compute="_compute_signin_minutes",
        string="Sign-in Opens (Minutes Before)",
        store=True,
        readonly=False,
    )
    signin_after_minutes = fields.Integer(
        compute="_compute_signin_minutes",
        string="Sign-in Closes (Minutes After)",
        store=True,
        readonly=False,
    )
    signin_grace_minutes = fields.Integer(
        compute="_compute_signin_minutes",
        string="Late After (Minutes)",
        store=True,
        readonly=False,
    )
    signin_open = fields.Datetime(
        string="Sign-in From", compute="_compute_signin_window"
    )
    signin_close = fields.Datetime(
        string="Sign-in Until", compute="_compute_signin_window"
    )
    # the secret of the QR link: only who sees the code (at the meeting)
    # has it; the member who signs in is the logged-in user
    signin_token = fields.Char(
        copy=False, readonly=True, groups="party_points.group_party_recorder"
    )
    signin_url = fields.Char(
        string="Sign-in Link",
        compute="_compute_signin_url",
        groups="party_points.group_party_recorder",
    )
    signin_qr = fields.Binary(
        string="Sign-in QR Code",
        compute="_compute_signin_url",
        groups="party_points.group_party_recorder",
    )
    calendar_event_id = fields.Many2one(
        "calendar.event", readonly=True, copy=False, ondelete="set null"
    )
    leave_ids = fields.One2many(
        "party.meeting.leave", "meeting_id", string="Leave Requests", readonly=True
    )
    signed_in_member_ids = fields.Many2many(
        "party.member",
        string="Signed In",
        compute="_compute_closing_lists",
    )
    leave_member_ids = fields.Many2many(
        "party.member", string="On Leave", compute="_compute_closing_lists"
    )
    neither_member_ids = fields.Many2many(
        "party.member",
        string="Neither Signed In nor on Leave",
        compute="_compute_closing_lists",
    )

    # the company's settings, copied when the meeting is planned
    @api.depends("branch_id")
    def _compute_signin_minutes(self):
        for meeting in self:
            company = meeting.branch_id.company_id or self.env.company
            meeting.signin_before_minutes = company.party_signin_before_minutes
            meeting.signin_after_minutes = company.party_signin_after_minutes
            meeting.signin_grace_minutes = company.party_signin_grace_minutes

    @api.depends("start", "signin_before_minutes", "signin_after_minutes")
    def _compute_signin_window(self):
        for meeting in self:
            if not meeting.start:
                meeting.signin_open = meeting.signin_close = False
                continue
            meeting.signin_open = meeting.start - timedelta(
                minutes=meeting.signin_before_minutes
            )
            meeting.signin_close = meeting.start + timedelta(
                minutes=meeting.signin_after_minutes
            )

    @api.depends("signin_token")
    def _compute_signin_url(self):
        Report = self.env["ir.actions.report"]
        for meeting in self:
            meeting.signin_url = meeting.signin_qr = False
            if not meeting.id or not meeting.signin_token:
                continue
            meeting.signin_url = (
                f"{meeting.get_base_url()}/my/party/meetings/{meeting.id}"
                f"/signin?token={meeting.signin_token}"
            )
            meeting.signin_qr = base64.b64encode(
                Report.barcode(
                    "QR", meeting.signin_url, width=600, height=600, barLevel="M"
                )
            )

    @api.depends("attendance_ids.status", "attendance_ids.signed_in_at")
    def _compute_closing_lists(self):
        for meeting in self:
            rows = meeting.attendance_ids
            meeting.signed_in_member_ids = rows.filtered("signed_in_at").member_id
            meeting.leave_member_ids = rows.filtered(
                lambda a: a.status == "leave"
            ).member_id
            meeting.neither_member_ids = (
                meeting._expected_members() - rows.member_id
                if meeting.state == "draft" and meeting.branch_id
                else self.env["party.member"]
            )

    @api.constrains(
        "signin_before_minutes", "signin_after_minutes", "signin_grace_minutes"
    )
    def _check_signin_minutes(self):
        for meeting in self:
            values = (
                meeting.signin_before_minutes,
                meeting.signin_after_minutes,
                meeting.signin_grace_minutes,
            )
            if any(value < 0 for value in values):
                raise UserError(
                    self.env._("The minutes of the sign-in window cannot be negative.")
                )

    # the form keeps the two together as create and write do
    @api.onchange("start")
    def _onchange_start(self):
        if self.start:
            company = self.branch_id.company_id or self.env.company
            if self.date != local_date(company, self.start):
                self.date = local_date(company, self.start)

    @api.onchange("date")
    def _onchange_date(self):
        company = self.branch_id.company_id or self.env.company
        if self.date and (
            not self.start or local_date(company, self.start) != self.date
        ):
            self.start = start_on(company, self.date, self.start or None)

    @api.model
    def _prepare_create_vals(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            branch = self.env["party.branch"].browse(vals.get("branch_id"))
            company = branch.exists().company_id or self.env.company
            self._party_time_vals(vals, company)
            vals["signin_token"] = secrets.token_urlsafe(18)
        return super()._prepare_create_vals(vals_list)

    @api.model
    def _party_time_vals(self, vals, company, like=None):
        """R-MTG-1: keep ``date`` and ``start`` together in ``vals``: the start gives
        the date (company time); a date given alone keeps the time of
        ``like`` (the meeting's start), else the default hour."""
        if vals.get("start"):
            start = fields.Datetime.to_datetime(vals["start"])
            vals["date"] = local_date(company, start)
        elif vals.get("date"):
            vals["start"] = start_on(company, vals["date"], like)
        elif "start" not in vals and not like:
            vals["start"] = start_on(company, party_today(self, company))
            vals["date"] = local_date(company, vals["start"])

    @api.model_create_multi
    def create(self, vals_list):
        meetings = super().create(vals_list)
        meetings._sync_calendar_event()
        return meetings

    def write(self, vals):
        if ("start" in vals or "date" in vals) and self:
            self._check_input_vals(vals)
            if len(self) > 1 and "start" not in vals:
                for meeting in self:
                    meeting.write(vals)
                return True
            vals = dict(vals)
            self._party_time_vals(
                vals,
                self[:1].company_id or self.env.company,
                like=self[:1].start,
            )
        result = super().write(vals)
        if EVENT_FIELDS & set(vals):
            self.filtered(lambda m: m.state == "draft")._sync_calendar_event()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_calendar_event(self):
        # a planned meeting deleted is called off: its event goes with it,
        # out of the attendees' calendars
        # sudo: the event is the meeting's, whoever deletes the meeting
        self.calendar_event_id.sudo().unlink()

    def action_close(self):
        result = super().action_close()
        self._sync_attendee_states()
        return result

    def action_confirm_absences(self):
        """R-MTG-7, at closing (DOMAIN §8): every member of the organisation who
        neither signed in nor has leave is recorded absent without reason,
        once the recorder confirms it; each row can still be changed (a
        member without a phone who came) until the meeting is closed."""
        self._check_role(
            "party_points.group_party_recorder",
            self.env._("Confirming the absences is the recorder's work."),
        )
        for meeting in self:
            if meeting.state != "draft":
                raise UserError(
                    self.env._("The attendance of a closed meeting is final.")
                )
            neither = meeting.neither_member_ids
            if not neither:
                continue
            meeting.check_access("write")
            meeting.attendance_ids = [
                Command.create({"member_id": member.id, "status": "absent"})
                for member in neither
            ]
            meeting.message_post(
                body=self.env._(
                    "Absences confirmed: %(members)s.",
                    members=", ".join(neither.mapped("name")),
                )
            )
        return True

    def action_open_calendar_event(self):
        """The meeting's event in the calendar (the user's own rights)."""
        self._party_check_one()
        if not self.calendar_event_id:
            raise UserError(self.env._("This meeting has no calendar event."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.calendar_event_id.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_sign_in(self, token=None):
        """The member of the logged-in user signs in by the meeting's QR
        link (``token``): present, or late after the grace minutes."""
        self._party_check_one()
        return self._sign_in(token, signin_now())

    def action_request_leave(self, reason=None):
        """The member of the logged-in user asks for leave, before the
        meeting starts, with a reason; the secretary decides."""
        self._party_check_one()
        # sudo: the member asks leave for a meeting of their organisation
        # that they may not read yet (their attendance is not loaded); every
        # check is made below, for the logged-in user's own member
        meeting_sudo = self.sudo()
        member = meeting_sudo._party_user_member()
        meeting_sudo._check_member_may_act(member)
        reason = check_reason(
            self.env, reason, self.env._("Say why you ask for leave.")
        )
        if signin_now() >= meeting_sudo.start:
            raise UserError(
                self.env._(
                    "%(meeting)s has started: leave is asked before the meeting.",
                    meeting=meeting_sudo.name,
                )
            )
        if meeting_sudo.attendance_ids.filtered(
            lambda a: a.member_id == member and a.signed_in_at
        ):
            raise UserError(self.env._("You have signed in for this meeting."))
        if meeting_sudo.leave_ids.filtered(
            lambda r: r.member_id == member and r.state in ("requested", "granted")
        ):
            raise UserError(
                self.env._("You have already asked for leave for this meeting.")
            )
        # sudo: a member creates no record; the request is theirs, checked above
        leave_sudo = (
            self.env["party.meeting.leave"]
            .sudo()
            ._create_workflow(
                [
                    {
                        "meeting_id": meeting_sudo.id,
                        "member_id": member.id,
                        "reason": reason,
                    }
                ]
            )
        )
        leave_sudo.message_post(
            body=self.env._("Leave asked: %(reason)s", reason=reason),
            author_id=self.env.user.partner_id.id,
        )
        return leave_sudo.id

    def _party_check_one(self):
        """A button of one meeting, called over RPC on none or several."""
        if len(self) != 1:
            raise UserError(self.env._("Choose one meeting."))

    # ------------------------------------------------------------------
    # Sign-in
    # ------------------------------------------------------------------

    @api.model
    def _party_user_member(self):
        """The member of the logged-in user (``party.member._is_user``), in
        the user's companies; a user who is no member is refused."""
        user = self.env.user
        # sudo: found for the user themself, whose member record the rules
        # may hide (an employee's user linked through the employee)
        member_sudo = (
            self.env["party.member"]
            .sudo()
            .search(
                [
                    "|",
                    ("partner_id", "=", user.partner_id.id),
                    ("employee_id.user_id", "=", user.id),
                    ("company_id", "in", user.company_ids.ids),
                ],
                limit=1,
            )
        )
        if not member_sudo:
            raise UserError(
                self.env._("Only a Party member signs in or asks for leave.")
            )
        return member_sudo

    def _check_member_may_act(self, member):
        """R-MTG-5, R-MTG-6: a member signs in, or asks for leave, for a
        planned meeting of their own organisation only."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(
                self.env._(
                    "%(meeting)s is closed: sign-in and leave are over.",
                    meeting=self.name,
                )
            )
        try:
            self._check_attendees(member.ids)
        except UserError:
            raise UserError(
                self.env._(
                    "%(meeting)s is a meeting of %(branch)s: you sign in and ask "
                    "for leave only for the meetings of your own organisation.",
                    meeting=self.name,
                    branch=self.branch_id.name,
                )
            ) from None

    def _sign_in(self, token, now):
        """Sign the logged-in user's member in at ``now`` (UTC)."""
        self.ensure_one()
        # sudo: the QR link's member signs in for a meeting they may not read
        # yet; the token, the member and the window are checked below
        meeting_sudo = self.sudo()
        if not (
            isinstance(token, str)
            and meeting_sudo.signin_token
            and consteq(meeting_sudo.signin_token, token)
        ):
            raise UserError(
                self.env._(
                    "This sign-in link is not valid: scan the QR code shown at "
                    "the meeting."
                )
            )
        member = meeting_sudo._party_user_member()
        meeting_sudo._check_member_may_act(member)
        # R-MTG-3: both ends of the window are in
        if now < meeting_sudo.signin_open:
            raise UserError(
                self.env._(
                    "The sign-in of %(meeting)s opens at %(time)s.",
                    meeting=meeting_sudo.name,
                    time=meeting_sudo._party_local_time(meeting_sudo.signin_open),
                )
            )
        if now > meeting_sudo.signin_close:
            raise UserError(
                self.env._(
                    "The sign-in of %(meeting)s closed at %(time)s: the recorder "
                    "records your attendance.",
                    meeting=meeting_sudo.name,
                    time=meeting_sudo._party_local_time(meeting_sudo.signin_close),
                )
            )
        row_sudo = meeting_sudo.attendance_ids.filtered(lambda a: a.member_id == member)
        if row_sudo.signed_in_at:
            raise UserError(
                self.env._(
                    "You signed in for %(meeting)s at %(time)s already.",
                    meeting=meeting_sudo.name,
                    time=meeting_sudo._party_local_time(row_sudo.signed_in_at),
                )
            )
        # R-MTG-4: the grace's last second is still on time
        late = now > meeting_sudo.start + timedelta(
            minutes=meeting_sudo.signin_grace_minutes
        )
        vals = {"status": "late" if late else "present", "signed_in_at": now}
        if row_sudo:
            row_sudo.write(vals)
        else:
            row_sudo = row_sudo.create(
                {**vals, "meeting_id": meeting_sudo.id, "member_id": member.id}
            )
        return row_sudo.status

    def _party_local_time(self, moment):
        """``moment`` (UTC) as the company's clock reads it: 2026-12-02 09:05."""
        self.ensure_one()
        local = pytz.utc.localize(moment).astimezone(party_tz(self.company_id))
        return local.strftime("%Y-%m-%d %H:%M")

    # ------------------------------------------------------------------
    # The calendar
    # ------------------------------------------------------------------

    def _expected_members(self):
        """Who is called to the meeting: the members of its organisation
        (and its groups), less those exempt or away on its date (as
        ``action_load_members`` loads them)."""
        self.ensure_one()
        # sudo: the members called to the meeting, whoever asks (a member
        # signing in, the calendar kept in step)
        members_sudo = (
            self.env["party.member"]
            .sudo()
            .search([("branch_id", "child_of", self.branch_id.id)])
        )
        members_sudo -= members_sudo._exempt_on(self.date)
        members_sudo -= self.env["party.mobile.member"]._members_away_on(
            members_sudo, self.date
        )
        return members_sudo

    def _calendar_partners(self):
        self.ensure_one()
        rows = self.attendance_ids
        members = self._expected_members() | rows.member_id
        members -= rows.filtered(lambda a: a.status == "away").member_id
        return members.partner_id | members.employee_id.user_id.partner_id

    def _calendar_vals(self):
        self.ensure_one()
        # the event is read by all its attendees: named in the company's
        # language, as the addon's other stored names are
        lang = party_company_lang(self.env, self.company_id)
        types = dict(
            self._fields["meeting_type"]._description_selection(
                self.with_context(lang=lang).env
            )
        )
        return {
            "name": self._calendar_name(types.get(self.meeting_type, "")),
            "start": self.start,
            "stop": self.start + timedelta(hours=self.duration or 1.0),
            "allday": False,
            "partner_ids": [Command.set(self._calendar_partners().ids)],
            "location": self.branch_id.name,
            # Party affairs: the details for the attendees and the organiser,
            # "busy" for the rest of the enterprise's calendar
            "privacy": "private",
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
        }

    def _calendar_name(self, kind):
        """The event's name: the kind of meeting, then the topic, unless the
        topic already says it (主题党日：学习党章)."""
        name = self.name or ""
        return name if kind and name.startswith(kind) else f"{kind}：{name}"

    def _sync_calendar_event(self):
        """R-MTG-2: create or update the calendar event of planned meetings: the
        topic, the time and the attendees follow the meeting."""
        # Odoo's reminders: in the backend a day and an hour before (users),
        # by email three hours before (members with an email, portal ones too)
        alarms = self.env["calendar.alarm"]
        for xmlid in ("alarm_notif_5", "alarm_notif_3", "alarm_mail_1"):
            alarms |= self.env.ref(f"calendar.{xmlid}", raise_if_not_found=False)
        for meeting in self:
            # sudo: the event follows the meeting whoever changed it (a
            # member signing in, the secretary granting leave); the meeting
            # itself was written under the user's rights
            meeting_sudo = meeting.sudo()
            vals = meeting_sudo._calendar_vals()
            event_sudo = meeting_sudo.calendar_event_id
            if event_sudo:
                del vals["res_model_id"], vals["res_id"]
                if set(event_sudo.partner_ids.ids) == set(vals["partner_ids"][0][2]):
                    del vals["partner_ids"]
                changed = {
                    key: value
                    for key, value in vals.items()
                    if key == "partner_ids" or event_sudo[key] != value
                }
                if changed:
                    event_sudo.write(changed)
                continue
            vals["alarm_ids"] = [Command.set(alarms.ids)]
            vals["user_id"] = self.env.user.id
            # sudo: as above, the event is the meeting's
            event_sudo = self.env["calendar.event"].sudo().create(vals)
            # the link is the system's own (a workflow field)
            meeting_sudo._write_workflow({"calendar_event_id": event_sudo.id})

    def _sync_attendee_states(self):
        """Once closed, the attendees' answers in the calendar say what the
        attendance says: present, late or left early accepted, the others
        declined. The event stays in the calendars as a record."""
        for meeting in self:
            # sudo: as in _sync_calendar_event
            event_sudo = meeting.sudo().calendar_event_id
            if not event_sudo:
                continue
            states = {}
            # sudo: as above, the attendance the event's answers follow
            for row_sudo in meeting.sudo().attendance_ids:
                for partner_sudo in row_sudo.member_id.partner_id:
                    states[partner_sudo] = ATTENDEE_STATES[row_sudo.status]
            for attendee_sudo in event_sudo.attendee_ids:
                state = states.get(attendee_sudo.partner_id)
                if state and attendee_sudo.state != state:
                    attendee_sudo.state = state


class PartyMeetingAttendance(models.Model):
    _inherit = "party.meeting.attendance"

    signed_in_at = fields.Datetime(
        readonly=True,
        help="When the member signed in by the meeting's QR link.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any("signed_in_at" in vals for vals in vals_list):
            self._refuse_signed_in_at()
        rows = super().create(vals_list)
        rows.meeting_id._sync_calendar_event()
        return rows

    def write(self, vals):
        if "signed_in_at" in vals and not self.env.su:
            self._refuse_signed_in_at()
        # an attendee away attends at the host: out of the calendar event
        away = "status" in vals and (
            vals["status"] == "away" or "away" in self.mapped("status")
        )
        result = super().write(vals)
        if away:
            self.meeting_id.filtered(
                lambda m: m.state == "draft"
            )._sync_calendar_event()
        return result

    def _refuse_signed_in_at(self):
        raise UserError(
            self.env._(
                "The sign-in time is the member's own, by the meeting's QR link: "
                "record the attendance with its status."
            )
        )

    def unlink(self):
        meetings = self.meeting_id
        result = super().unlink()
        meetings.exists().filtered(lambda m: m.state == "draft")._sync_calendar_event()
        return result
