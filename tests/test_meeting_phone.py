# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Meetings from the phone (issue 19, item 2): the calendar event, the QR
sign-in and its window, leave asked and decided, closing with sign-ins,
leave and neither (DOMAIN §8, deduction item 1)."""

import importlib.util
from datetime import date, datetime, timedelta
from pathlib import Path

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import MeetingPhoneCase

START = datetime(2025, 3, 10, 1, 0)  # 09:00 in Beijing
SECOND = timedelta(seconds=1)


@tagged("post_install", "-at_install")
class TestMeetingPhone(MeetingPhoneCase):
    def _token(self, meeting):
        return meeting.sudo().signin_token

    def _sign(self, meeting, user, moment, token=None):
        with self._at(moment):
            return meeting.with_user(user).action_sign_in(token or self._token(meeting))

    def _ask(self, meeting, user, reason="出差", moment=START - timedelta(days=1)):
        with self._at(moment):
            leave_id = meeting.with_user(user).action_request_leave(reason)
        return self.Leave.browse(leave_id)

    def _row(self, meeting, member):
        return meeting.attendance_ids.filtered(lambda a: a.member_id == member)

    def _codes(self, member):
        lines = self.Line.search([("member_id", "=", member.id)])
        return sorted((line.standard_id.code, line.points) for line in lines)

    # ------------------------------------------------------------------
    # start and date
    # ------------------------------------------------------------------

    def test_the_start_gives_the_date_in_the_company_time(self):
        # R-MTG-1
        # 17:30 UTC on 10 March is 01:30 on 11 March in Beijing
        meeting = self._plan("2025-03-10 17:30:00")
        self.assertEqual(meeting.date, date(2025, 3, 11))
        # a meeting typed with a date only starts at 09:00 Beijing time
        typed = self.Meeting.with_user(self.user_recorder_a).create(
            {
                "name": "党课",
                "meeting_type": "party_lesson",
                "branch_id": self.branch_a.id,
                "date": "2025-04-02",
            }
        )
        self.assertEqual(typed.start, datetime(2025, 4, 2, 1, 0))
        # moving the date keeps the time, moving the start moves the date
        typed.date = date(2025, 4, 9)
        self.assertEqual(typed.start, datetime(2025, 4, 9, 1, 0))
        typed.start = datetime(2025, 4, 15, 23, 0)
        self.assertEqual(typed.date, date(2025, 4, 16))
        # the window's defaults come from the company
        self.assertEqual(
            (
                typed.signin_before_minutes,
                typed.signin_after_minutes,
                typed.signin_grace_minutes,
            ),
            (30, 60, 5),
        )

    # ------------------------------------------------------------------
    # the calendar
    # ------------------------------------------------------------------

    def test_the_event_invites_the_members_and_follows_the_meeting(self):
        # R-MTG-2; the event is named in the company's language
        self.env["res.lang"]._activate_lang("zh_CN")
        self.company.partner_id.lang = "zh_CN"
        meeting = self._plan()
        event = meeting.sudo().calendar_event_id
        partners = (
            self.member_self | self.member_a1 | self.member_a2 | self.member_secretary
        ).partner_id
        self.assertEqual(event.partner_ids, partners)
        self.assertNotIn(self.member_b1.partner_id, event.partner_ids)
        self.assertEqual(
            (event.name, event.start, event.stop, event.res_model, event.res_id),
            (
                "主题党日：学习党章",
                START,
                START + timedelta(hours=2),
                "party.meeting",
                meeting.id,
            ),
        )
        self.assertEqual(
            sorted(event.alarm_ids.mapped("alarm_type")),
            ["email", "notification", "notification"],
        )
        # the rest of the enterprise sees the time, not the Party meeting
        self.assertEqual(event.privacy, "private")
        plain = event.with_user(self.user_plain).with_context(lang="en_US")
        self.assertEqual(plain.display_name, "Busy")
        self.assertEqual(event.with_user(self.user_member).name, event.name)
        # the topic and the time follow the meeting
        meeting.with_user(self.user_recorder_a).write(
            {
                "name": "志愿服务",
                "start": "2025-03-12 06:00:00",
                "duration": 1.5,
            }
        )
        self.assertEqual(event.name, "主题党日：志愿服务")
        self.company.partner_id.lang = "en_US"
        meeting.with_user(self.user_recorder_a).name = "学习党章"
        self.assertEqual(event.name, "Theme Party Day：学习党章")
        self.assertEqual(event.start, datetime(2025, 3, 12, 6, 0))
        self.assertEqual(event.stop, datetime(2025, 3, 12, 7, 30))
        self.assertEqual(meeting.date, date(2025, 3, 12))
        # a member who joins the branch is invited once the attendance lists them
        newcomer = self.Member.create({"name": "钱五", "branch_id": self.branch_a.id})
        meeting.with_user(self.user_recorder_a).action_load_members()
        self.assertIn(newcomer.partner_id, event.partner_ids)
        self.assertEqual(len(event.partner_ids), 5)

    def test_an_away_member_is_not_invited(self):
        # R-MTG-2
        mobile = self._mobile()
        mobile.with_user(self.user_manager).action_depart()
        meeting = self._plan()
        self.assertNotIn(
            self.member_a1.partner_id, meeting.sudo().calendar_event_id.partner_ids
        )

    def test_deleting_a_planned_meeting_removes_its_event(self):
        # R-MTG-2
        meeting = self._plan()
        event = meeting.sudo().calendar_event_id
        meeting.with_user(self.user_recorder_a).unlink()
        self.assertFalse(event.exists())

    def test_closing_keeps_the_event_with_the_answers(self):
        # R-MTG-2
        meeting = self._plan()
        self._sign(meeting, self.user_member, START)
        meeting.with_user(self.user_recorder_a).action_confirm_absences()
        meeting.with_user(self.user_recorder_a).action_close()
        event = meeting.sudo().calendar_event_id
        states = {a.partner_id: a.state for a in event.attendee_ids}
        self.assertEqual(states[self.member_self.partner_id], "accepted")
        self.assertEqual(states[self.member_a1.partner_id], "declined")
        self.assertTrue(event.active)

    def test_the_upgrade_gives_planned_meetings_their_event(self):
        # 18.0.1.5.0: a planned meeting of before the calendar gets its event
        planned = self._plan()
        closed = self._plan("2025-02-10 01:00:00")
        closed.with_user(self.user_recorder_a).action_load_members()
        closed.with_user(self.user_recorder_a).action_close()
        (planned | closed).calendar_event_id.sudo().unlink()
        self.assertFalse(planned.calendar_event_id)
        path = (
            Path(__file__).parents[1]
            / "migrations"
            / "18.0.1.5.0"
            / "post-meeting_calendar.py"
        )
        spec = importlib.util.spec_from_file_location("post_meeting_calendar", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.1.4.0")
        self.env.invalidate_all()
        self.assertEqual(
            planned.calendar_event_id.sudo().partner_ids,
            (
                self.member_self
                | self.member_a1
                | self.member_a2
                | self.member_secretary
            ).partner_id,
        )
        self.assertFalse(closed.calendar_event_id)

    def test_the_calendar_link_cannot_be_set_by_hand(self):
        meeting = self._plan()
        other = self.env["calendar.event"].create(
            {"name": "x", "start": START, "stop": START + timedelta(hours=1)}
        )
        with self.assertRaisesRegex(UserError, "workflow"):
            meeting.with_user(self.user_recorder_a).write(
                {"calendar_event_id": other.id}
            )

    # ------------------------------------------------------------------
    # sign-in: the window and lateness on their boundaries
    # ------------------------------------------------------------------

    def test_sign_in_opens_exactly_at_the_open_time(self):
        # R-MTG-3
        meeting = self._plan()
        opens = START - timedelta(minutes=30)
        with self.assertRaisesRegex(UserError, "opens at 2025-03-10 08:30"):
            self._sign(meeting, self.user_member, opens - SECOND)
        self.assertEqual(self._sign(meeting, self.user_member, opens), "present")
        row = self._row(meeting, self.member_self)
        self.assertEqual((row.status, row.signed_in_at), ("present", opens))

    def test_sign_in_closes_exactly_at_the_close_time(self):
        # R-MTG-3
        meeting = self._plan()
        closes = START + timedelta(minutes=60)
        self.assertEqual(self._sign(meeting, self.user_a1, closes), "late")
        with self.assertRaisesRegex(UserError, "closed at 2025-03-10 10:00"):
            self._sign(meeting, self.user_a2, closes + SECOND)
        self.assertFalse(self._row(meeting, self.member_a2))

    def test_late_after_the_grace_minutes(self):
        # R-MTG-4
        meeting = self._plan()
        grace = START + timedelta(minutes=5)
        self.assertEqual(self._sign(meeting, self.user_member, grace), "present")
        self.assertEqual(self._sign(meeting, self.user_a1, grace + SECOND), "late")
        # the meeting's own minutes win over the company's
        meeting.with_user(self.user_recorder_a).signin_grace_minutes = 0
        self.assertEqual(self._sign(meeting, self.user_a2, START + SECOND), "late")

    def test_a_member_signs_in_once(self):
        # R-MTG-5
        meeting = self._plan()
        self._sign(meeting, self.user_member, START)
        with self.assertRaisesRegex(UserError, "signed in .* already"):
            self._sign(meeting, self.user_member, START + timedelta(minutes=1))
        self.assertEqual(self._row(meeting, self.member_self).signed_in_at, START)

    def test_sign_in_only_for_the_meetings_of_ones_organisation(self):
        # R-MTG-5
        meeting = self._plan()
        with self.assertRaisesRegex(UserError, "your own organisation"):
            self._sign(meeting, self.user_b1, START)
        # a member of a Party group signs in for the meeting of its branch
        self.assertEqual(self._sign(meeting, self.user_a2, START), "present")
        # a user who is no member, and a wrong secret
        with self.assertRaisesRegex(UserError, "Only a Party member"):
            self._sign(meeting, self.user_plain, START)
        with self.assertRaisesRegex(UserError, "not valid"):
            self._sign(meeting, self.user_a1, START, token="guessed")
        with self.assertRaisesRegex(UserError, "Choose one meeting"):
            self.Meeting.with_user(self.user_a1).action_sign_in("guessed")

    def test_sign_in_only_while_the_meeting_is_open(self):
        # R-MTG-5
        meeting = self._plan()
        self._sign(meeting, self.user_member, START)
        meeting.with_user(self.user_recorder_a).action_load_members()
        meeting.with_user(self.user_recorder_a).action_close()
        with self.assertRaisesRegex(UserError, "is closed"):
            self._sign(meeting, self.user_a1, START)

    def test_sign_in_updates_a_row_typed_by_hand(self):
        meeting = self._plan()
        meeting.with_user(self.user_recorder_a).action_load_members()
        self.assertEqual(
            self._sign(meeting, self.user_a1, START + timedelta(minutes=9)), "late"
        )
        self.assertEqual(len(meeting.attendance_ids), 4)
        self.assertEqual(self._row(meeting, self.member_a1).status, "late")

    def test_the_sign_in_time_is_the_members_own(self):
        meeting = self._plan()
        with self.assertRaisesRegex(UserError, "sign-in time"):
            meeting.with_user(self.user_recorder_a).attendance_ids = [
                Command.create({"member_id": self.member_a1.id, "signed_in_at": START})
            ]

    # ------------------------------------------------------------------
    # leave
    # ------------------------------------------------------------------

    def test_leave_granted_is_recorded_as_leave(self):
        # R-MTG-6
        meeting = self._plan()
        leave = self._ask(meeting, self.user_a1, "出差参加项目验收")
        self.assertEqual(
            (leave.member_id, leave.state, leave.reason),
            (self.member_a1, "requested", "出差参加项目验收"),
        )
        leave.with_user(self.user_secretary_a).action_grant()
        self.assertEqual(
            (leave.state, leave.decided_by_id), ("granted", self.user_secretary_a)
        )
        self.assertEqual(self._row(meeting, self.member_a1).status, "leave")
        bodies = " ".join(leave.message_ids.mapped("body"))
        self.assertIn("出差参加项目验收", bodies)
        self.assertIn("Leave granted by 李书记", bodies)
        self.assertIn("Leave granted", " ".join(meeting.message_ids.mapped("body")))
        # the member is told
        told = leave.message_ids.filtered(lambda m: "Leave granted" in m.body)
        self.assertEqual(told.partner_ids, self.member_a1.partner_id)
        # the member reads their own request, not another's
        self.assertEqual(leave.with_user(self.user_a1).state, "granted")
        with self.assertRaises(AccessError):
            leave.with_user(self.user_a2).check_access("read")

    def test_no_leave_once_signed_in(self):
        # R-MTG-6: a member who came needs no leave
        meeting = self._plan()
        leave = self._ask(meeting, self.user_a1, moment=START - timedelta(minutes=20))
        self._sign(meeting, self.user_a1, START - timedelta(minutes=10))
        with self.assertRaisesRegex(UserError, "no longer needed"):
            leave.with_user(self.user_secretary_a).action_grant()
        with self.assertRaisesRegex(UserError, "signed in"):
            self._ask(meeting, self.user_a1, moment=START - timedelta(minutes=5))
        self.assertEqual(self._row(meeting, self.member_a1).status, "present")

    def test_leave_refused_leaves_the_member_expected(self):
        # R-MTG-6
        meeting = self._plan()
        leave = self._ask(meeting, self.user_a1)
        leave.with_user(self.user_secretary_a).action_refuse("支部活动需全员参加")
        self.assertEqual(leave.state, "refused")
        self.assertFalse(self._row(meeting, self.member_a1))
        self.assertIn(self.member_a1, meeting.neither_member_ids)
        self.assertIn("支部活动需全员参加", " ".join(leave.message_ids.mapped("body")))
        with self.assertRaisesRegex(UserError, "Requested"):
            leave.with_user(self.user_secretary_a).action_grant()
        # refused, the member may ask again with another reason
        again = self._ask(meeting, self.user_a1, "家中老人住院")
        self.assertEqual(again.state, "requested")

    def test_leave_is_asked_before_the_meeting_with_a_reason_once(self):
        # R-MTG-6
        meeting = self._plan()
        with self.assertRaisesRegex(UserError, "has started"):
            self._ask(meeting, self.user_a1, moment=START)
        with self.assertRaisesRegex(UserError, "Say why"):
            self._ask(meeting, self.user_a1, reason="  ")
        self._ask(meeting, self.user_a1, moment=START - SECOND)
        with self.assertRaisesRegex(UserError, "already asked"):
            self._ask(meeting, self.user_a1)
        with self.assertRaisesRegex(UserError, "your own organisation"):
            self._ask(meeting, self.user_b1)

    def test_leave_is_decided_by_the_branch_secretary_not_about_themself(self):
        # R-MTG-6, four eyes
        meeting = self._plan()
        own = self._ask(meeting, self.user_secretary_a)
        # four eyes: 李书记 does not grant his own leave; 孙组织 of the branch does
        with self.assertRaisesRegex(AccessError, "about you"):
            own.with_user(self.user_secretary_a).action_grant()
        own.with_user(self.user_organisation).action_grant()
        self.assertEqual(own.state, "granted")
        leave = self._ask(meeting, self.user_a1)
        for user in (self.user_member, self.user_recorder_a, self.user_a1):
            with self.assertRaises(AccessError):
                leave.with_user(user).action_grant()
        other_secretary = self.party_role_user(
            "pp_phone_secretary_b", "group_party_secretary", "二支书记"
        )
        self.branch_b.officer_user_ids = [Command.link(other_secretary.id)]
        with self.assertRaises(AccessError):
            leave.with_user(other_secretary).action_refuse()
        self.assertEqual(leave.state, "requested")

    def test_consecutive_granted_leaves_cost_two_more(self):
        # 附件1 item 1: 请假一次扣2分，连续请假的第二次起加扣2分
        for start in (START, START + timedelta(days=30)):
            meeting = self._plan(start)
            self._ask(
                meeting, self.user_a1, moment=start - timedelta(hours=2)
            ).with_user(self.user_secretary_a).action_grant()
            meeting.with_user(self.user_recorder_a).action_load_members()
            meeting.with_user(self.user_recorder_a).action_close()
        self.assertEqual(
            self._codes(self.member_a1),
            [("K01-2", -2), ("K01-2", -2), ("K01-3", -2)],
        )

    # ------------------------------------------------------------------
    # closing
    # ------------------------------------------------------------------

    def test_closing_with_sign_ins_leave_and_neither(self):
        # R-MTG-7
        meeting = self._plan()
        self._ask(meeting, self.user_a2).with_user(self.user_secretary_a).action_grant()
        self._sign(meeting, self.user_member, START)
        self._sign(meeting, self.user_a1, START + timedelta(minutes=12))
        self.assertEqual(
            meeting.signed_in_member_ids, self.member_self | self.member_a1
        )
        self.assertEqual(meeting.leave_member_ids, self.member_a2)
        self.assertEqual(meeting.neither_member_ids, self.member_secretary)
        with self.assertRaises(AccessError):
            meeting.with_user(self.user_member).action_confirm_absences()
        meeting.with_user(self.user_recorder_a).action_confirm_absences()
        self.assertEqual(self._row(meeting, self.member_secretary).status, "absent")
        self.assertFalse(meeting.neither_member_ids)
        self.assertIn("Absences confirmed: 李书记", meeting.message_ids[0].body)
        meeting.with_user(self.user_recorder_a).action_close()
        self.assertEqual(self._codes(self.member_self), [])
        self.assertEqual(self._codes(self.member_a1), [("K01-4", -1)])
        self.assertEqual(self._codes(self.member_a2), [("K01-2", -2)])
        self.assertEqual(self._codes(self.member_secretary), [("K01-1", -5)])
        self.assertEqual(set(meeting.line_ids.mapped("date")), {date(2025, 3, 10)})

    def test_what_is_typed_by_hand_stays_possible(self):
        # R-MTG-7
        # a member without a phone came: the recorder types them present
        meeting = self._plan()
        self._sign(meeting, self.user_member, START)
        meeting.with_user(self.user_recorder_a).action_confirm_absences()
        row = self._row(meeting, self.member_a1)
        row.with_user(self.user_recorder_a).status = "present"
        self._row(meeting, self.member_a2).with_user(
            self.user_recorder_a
        ).status = "left_early"
        meeting.with_user(self.user_recorder_a).action_close()
        self.assertEqual(self._codes(self.member_a1), [])
        self.assertEqual(self._codes(self.member_a2), [("K01-4", -1)])
        self.assertEqual(self._codes(self.member_secretary), [("K01-1", -5)])

    # ------------------------------------------------------------------
    # the digest, multi-company
    # ------------------------------------------------------------------

    def test_the_digest_lists_the_leave_requests_a_secretary_decides(self):
        meeting = self._plan()
        leave = self._ask(meeting, self.user_a1)
        own = self._ask(meeting, self.user_secretary_a)
        sections = self.user_secretary_a._party_digest_sections()
        leave_sections = [s for s in sections if s["records"]._name == leave._name]
        self.assertEqual(len(leave_sections), 1)
        self.assertEqual(leave_sections[0]["title"], "Leave requests waiting for you")
        self.assertEqual(leave_sections[0]["records"], leave.sudo())
        self.assertNotIn(own.sudo(), leave_sections[0]["records"])
        for user in (self.user_recorder_a, self.user_member):
            self.assertFalse(
                [
                    s
                    for s in user._party_digest_sections()
                    if s["records"]._name == leave._name
                ]
            )
        leave.with_user(self.user_secretary_a).action_grant()
        self.assertFalse(
            [
                s
                for s in self.user_secretary_a._party_digest_sections()
                if s["records"]._name == leave._name
            ]
        )

    def test_the_committee_sets_the_window_a_new_meeting_starts_with(self):
        # R-MTG-3: the company's defaults, set in the committee's own form
        Settings = self.env["party.settings"].with_user(self.user_manager)
        settings = Settings.create({})
        self.assertEqual(settings.party_signin_before_minutes, 30)
        settings.write(
            {"party_signin_before_minutes": 15, "party_signin_grace_minutes": 10}
        )
        settings.action_save()
        self.assertEqual(
            (
                self.company.party_signin_before_minutes,
                self.company.party_signin_grace_minutes,
            ),
            (15, 10),
        )
        meeting = self._plan()
        self.assertEqual(
            (meeting.signin_before_minutes, meeting.signin_grace_minutes), (15, 10)
        )
        with self.assertRaises(AccessError):
            self.env["party.settings"].with_user(self.user_secretary_a).create({})
        with self.assertRaisesRegex(UserError, "negative"):
            meeting.with_user(self.user_recorder_a).signin_after_minutes = -1

    def test_another_company_keeps_its_own_meetings_and_settings(self):
        company_b = self.env["res.company"].create(
            {"name": "乙公司", "party_signin_before_minutes": 10}
        )
        recorder_b = new_test_user(
            self.env,
            login="pp_phone_recorder_b",
            groups="base.group_user,party_points.group_party_recorder",
            company_id=company_b.id,
            company_ids=[(6, 0, company_b.ids)],
        )
        branch = self.Branch.create(
            {
                "name": "乙公司党支部",
                "kind": "branch",
                "branch_type": "enterprise",
                "company_id": company_b.id,
                "recorder_id": recorder_b.id,
                "officer_user_ids": [(6, 0, recorder_b.ids)],
            }
        )
        member_b = self.Member.create({"name": "乙党员", "branch_id": branch.id})
        user_b = new_test_user(
            self.env,
            login="pp_phone_member_b",
            name="乙党员",
            groups="base.group_user,party_points.group_party_member",
            partner_id=member_b.partner_id.id,
            company_id=company_b.id,
            company_ids=[(6, 0, company_b.ids)],
        )
        meeting_b = self._plan(branch=branch, user=recorder_b)
        self.assertEqual(meeting_b.signin_before_minutes, 10)
        self.assertEqual(
            meeting_b.sudo().calendar_event_id.partner_ids, member_b.partner_id
        )
        meeting_a = self._plan()
        # a member of company B cannot sign in to company A's meeting, and
        # company A's recorder does not see company B's
        with self.assertRaisesRegex(UserError, "your own organisation"):
            self._sign(meeting_a, user_b, START)
        self.assertEqual(
            self._sign(meeting_b, user_b, START - timedelta(minutes=10)), "present"
        )
        with self.assertRaises(AccessError):
            meeting_b.with_user(self.user_recorder_a).check_access("read")
