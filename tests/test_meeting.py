# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ScoreCase, open_cycle


@tagged("post_install", "-at_install")
class TestMeetingAttendance(ScoreCase):
    """DOMAIN §8: attendance at 三会一课 scores itself (deduction item 1)."""

    def _meeting(self, day, statuses, meeting_type="theme_day", branch=None):
        meeting = (
            self.env["party.meeting"]
            .with_user(self.user_recorder_a)
            .create(
                {
                    "name": "主题党日：学习党章",
                    "meeting_type": meeting_type,
                    "branch_id": (branch or self.branch_a).id,
                    "date": day,
                }
            )
        )
        meeting.action_load_members()
        for attendance in meeting.attendance_ids:
            attendance.status = statuses.get(attendance.member_id, attendance.status)
        return meeting

    def _points(self, member):
        lines = self.Line.search([("member_id", "=", member.id)])
        return sorted((line.standard_id.code, line.points) for line in lines)

    def test_closing_registers_the_deductions_once(self):
        meeting = self._meeting(
            date(2025, 3, 10),
            {
                self.member_a1: "absent",
                self.member_self: "leave",
                self.member_a2: "late",
            },
        )
        self.assertEqual(
            set(meeting.attendance_ids.member_id),
            {self.member_self, self.member_a1, self.member_a2},
        )
        with self.assertRaises(AccessError):
            meeting.with_user(self.user_member).action_close()
        meeting.with_user(self.user_recorder_a).action_close()
        self.assertEqual(self._points(self.member_a1), [("K01-1", -5)])
        self.assertEqual(self._points(self.member_self), [("K01-2", -2)])
        self.assertEqual(self._points(self.member_a2), [("K01-4", -1)])
        self.assertEqual(set(meeting.line_ids.mapped("state")), {"approved"})
        self.assertEqual(self._card(self.member_a1).total_score, 75)
        with self.assertRaisesRegex(UserError, "already closed"):
            meeting.with_user(self.user_recorder_a).action_close()
        with self.assertRaisesRegex(UserError, "final"):
            meeting.attendance_ids[:1].status = "absent"
        self.assertEqual(len(meeting.line_ids), 3)
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            meeting.unlink()

    def test_consecutive_leave_costs_two_more(self):
        # 请假一次扣2分，连续请假的第二次起加扣2分
        for day in (date(2025, 4, 8), date(2025, 5, 8), date(2025, 6, 8)):
            self._meeting(day, {self.member_self: "leave"}).action_close()
        self.assertEqual(
            self._points(self.member_self),
            [("K01-2", -2), ("K01-2", -2), ("K01-2", -2), ("K01-3", -2), ("K01-3", -2)],
        )
        self.assertEqual(self._card(self.member_self).total_score, 70)
        # a meeting attended in between breaks the run
        self._meeting(date(2025, 7, 8), {}).action_close()
        self._meeting(date(2025, 8, 8), {self.member_self: "leave"}).action_close()
        self.assertEqual(self._card(self.member_self).total_score, 68)

    def test_exempt_members_are_not_called(self):
        exemption = self.env["party.member.exemption"].create(
            {
                "member_id": self.member_a2.id,
                "date_from": date(2025, 1, 1),
                "date_to": date(2025, 12, 31),
                "reason_type": "bedridden",
            }
        )
        exemption.action_submit()
        exemption.action_approve()
        meeting = self._meeting(date(2025, 3, 10), {})
        self.assertNotIn(self.member_a2, meeting.attendance_ids.member_id)

    def test_consecutive_leave_starts_afresh_in_a_new_cycle(self):
        # R-SCORE-4 and 附件1 deduction item 1: consecutive leave starts
        # again with the new cycle.
        # 新一轮积分周期开始后重新开始计分: a leave on 20 December, then one on
        # 5 January: no extra deduction in the new year
        open_cycle(self.env, 2026)
        self._meeting(date(2025, 12, 20), {self.member_self: "leave"}).action_close()
        self._meeting(date(2026, 1, 5), {self.member_self: "leave"}).action_close()
        lines = self.Line.search([("member_id", "=", self.member_self.id)])
        self.assertEqual(
            sorted((line.date, line.standard_id.code, line.points) for line in lines),
            [
                (date(2025, 12, 20), "K01-2", -2),
                (date(2026, 1, 5), "K01-2", -2),
            ],
        )
        # the next leave of January is the second in the new cycle
        self._meeting(date(2026, 1, 20), {self.member_self: "leave"}).action_close()
        extra = self.Line.search(
            [
                ("member_id", "=", self.member_self.id),
                ("standard_id.code", "=", "K01-3"),
            ]
        )
        self.assertEqual((extra.date, extra.points), (date(2026, 1, 20), -2))

    def _march_and_april_leaves(self, first, second):
        meetings = {
            "march": self._meeting(date(2025, 3, 10), {self.member_self: "leave"}),
            "april": self._meeting(date(2025, 4, 10), {self.member_self: "leave"}),
        }
        meetings[first].with_user(self.user_recorder_a).action_close()
        meetings[second].with_user(self.user_recorder_a).action_close()
        return meetings["march"], meetings["april"]

    def _codes(self, meeting, member):
        return sorted(
            (line.standard_id.code, line.points)
            for line in meeting.line_ids
            if line.member_id == member
        )

    def test_consecutive_leave_closed_in_date_order(self):
        # 附件1 deduction item 1 (R-SCORE-4: within the cycle), closed in date order.
        march, april = self._march_and_april_leaves("march", "april")
        self.assertEqual(self._codes(march, self.member_self), [("K01-2", -2)])
        self.assertEqual(
            self._codes(april, self.member_self), [("K01-2", -2), ("K01-3", -2)]
        )
        extra = april.line_ids.filtered(lambda line: line.standard_id.code == "K01-3")
        self.assertEqual(
            (extra.date, extra.description, extra.state),
            (date(2025, 4, 10), april.name, "approved"),
        )
        self.assertEqual(self._card(self.member_self).total_score, 74)

    def test_consecutive_leave_closed_in_reverse_order(self):
        # 附件1 deduction item 1 (R-SCORE-4: within the cycle), closed in reverse order.
        # April closed first: no leave before it yet; closing March afterwards
        # puts the extra deduction on April, as a new explained line
        march, april = self._march_and_april_leaves("april", "march")
        self.assertEqual(self._codes(march, self.member_self), [("K01-2", -2)])
        self.assertEqual(
            self._codes(april, self.member_self), [("K01-2", -2), ("K01-3", -2)]
        )
        extra = april.line_ids.filtered(lambda line: line.standard_id.code == "K01-3")
        self.assertEqual((extra.date, extra.state), (date(2025, 4, 10), "approved"))
        self.assertIn("closed after it", extra.description)
        self.assertIn("2025-03-10", extra.description)
        self.assertEqual(self._card(self.member_self).total_score, 74)
        # the other members were present: nothing for them
        self.assertFalse(
            self.Line.search(
                [("member_id", "in", (self.member_a1 | self.member_a2).ids)]
            )
        )

    def test_meeting_attended_closed_late_reverses_the_extra_deduction(self):
        # March and May on leave; April, attended, is closed after May: May
        # is no longer a consecutive leave, its extra deduction is reversed by
        # a correction (the published line itself never changes)
        march = self._meeting(date(2025, 3, 10), {self.member_self: "leave"})
        april = self._meeting(date(2025, 4, 10), {})
        may = self._meeting(date(2025, 5, 10), {self.member_self: "leave"})
        march.action_close()
        may.action_close()
        extra = may.line_ids.filtered(lambda line: line.standard_id.code == "K01-3")
        self.assertEqual(extra.points, -2)
        self.assertEqual(self._card(self.member_self).total_score, 74)
        april.action_close()
        self.assertEqual((extra.points, extra.state), (-2, "approved"))
        correction = extra.correction_ids
        self.assertEqual(
            (correction.points, correction.state, correction.date),
            (2, "approved", date(2025, 5, 10)),
        )
        self.assertIn("no longer a consecutive leave", correction.correction_reason)
        self.assertEqual(self._card(self.member_self).total_score, 76)
        # judged again at the next close, nothing is repeated
        self._meeting(date(2025, 6, 10), {}).action_close()
        self.assertEqual(len(extra.correction_ids), 1)
        self.assertEqual(self._card(self.member_self).total_score, 76)

    def test_member_away_is_loaded_away_without_deduction(self):
        # R-MOB-1: a member away attends at the host, not on leave at home.
        # 吴一 works away from 1 February with an activity certificate: a
        # meeting at home lists him as away, which costs nothing
        away = self._mobile(
            departure_date=date(2025, 2, 1), expected_return=False, fixed_place=False
        )
        away.action_depart()
        meeting = self._meeting(date(2025, 3, 10), {self.member_self: "leave"})
        status = {a.member_id: a.status for a in meeting.attendance_ids}
        self.assertEqual(
            status,
            {
                self.member_a1: "away",
                self.member_self: "leave",
                self.member_a2: "present",
            },
        )
        # "away" is not a way round a deduction for a member at home
        row = meeting.attendance_ids.filtered(lambda a: a.member_id == self.member_a2)
        with self.assertRaisesRegex(UserError, "is not away on 2025-03-10"):
            row.with_user(self.user_recorder_a).status = "away"
        self.assertEqual(row.status, "present")
        meeting.with_user(self.user_recorder_a).action_close()
        self.assertFalse(self.Line.search([("member_id", "=", self.member_a1.id)]))
        # back on 1 April: at home again; a meeting of March recorded later
        # still finds him away
        away.with_user(self.user_recorder_a).action_return(date(2025, 4, 1))
        april = self._meeting(date(2025, 4, 8), {})
        self.assertEqual(
            april.attendance_ids.filtered(
                lambda a: a.member_id == self.member_a1
            ).status,
            "present",
        )
        late = self._meeting(date(2025, 3, 20), {}, "party_lesson")
        self.assertEqual(
            late.attendance_ids.filtered(
                lambda a: a.member_id == self.member_a1
            ).status,
            "away",
        )

    def _reminders(self, organisation):
        return self.env["mail.activity"].search(
            [("res_model", "=", "party.branch"), ("res_id", "=", organisation.id)]
        )

    def test_every_kind_is_reminded_once_per_period(self):
        # 三会一课 and the theme Party day (DOMAIN §8), each at its frequency.
        # DOMAIN §8: committee, Party group and theme Party day monthly;
        # general meeting and Party lesson quarterly
        Meeting = self.env["party.meeting"]
        Meeting._cron_remind_missing_meetings(today=date(2025, 4, 2))
        branch_reminders = self._reminders(self.branch_a)
        self.assertEqual(
            set(branch_reminders.mapped("summary")),
            {
                "No branch committee meeting recorded in March 2025",
                "No theme Party day recorded in March 2025",
                "No branch general meeting recorded in 1st quarter 2025",
                "No Party lesson recorded in 1st quarter 2025",
            },
        )
        group_reminders = self._reminders(self.group_a)
        self.assertEqual(
            set(group_reminders.mapped("summary")),
            {"No Party group meeting of 第一党小组 recorded in March 2025"},
        )
        # each to the branch's secretary and recorder, once
        for activity in branch_reminders | group_reminders:
            same = (branch_reminders | group_reminders).filtered(
                lambda a, s=activity.summary: a.summary == s
            )
            self.assertEqual(same.user_id, self.user_secretary_a | self.user_recorder_a)
            self.assertEqual(len(same), 2)
        # a reminder done is not sent again in the same period
        (branch_reminders | group_reminders).action_done()
        Meeting._cron_remind_missing_meetings(today=date(2025, 4, 3))
        Meeting._cron_remind_missing_meetings(today=date(2025, 4, 30))
        self.assertFalse(self._reminders(self.branch_a) | self._reminders(self.group_a))
        # April: every monthly kind held; the quarter is not over yet
        for meeting_type in ("committee_meeting", "theme_day"):
            self._meeting(date(2025, 4, 15), {}, meeting_type).action_close()
        self._meeting(
            date(2025, 4, 16), {}, "group_meeting", self.group_a
        ).action_close()
        Meeting._cron_remind_missing_meetings(today=date(2025, 5, 3))
        self.assertFalse(self._reminders(self.branch_a) | self._reminders(self.group_a))
        # May: nothing held; the second quarter had its general meeting only
        self._meeting(date(2025, 6, 20), {}, "general_meeting").action_close()
        Meeting._cron_remind_missing_meetings(today=date(2025, 6, 1))
        Meeting._cron_remind_missing_meetings(today=date(2025, 6, 2))
        self.assertEqual(
            set(self._reminders(self.branch_a).mapped("summary")),
            {
                "No branch committee meeting recorded in May 2025",
                "No theme Party day recorded in May 2025",
            },
        )
        self.assertEqual(
            self._reminders(self.group_a).mapped("summary"),
            ["No Party group meeting of 第一党小组 recorded in May 2025"] * 2,
        )
        self._reminders(self.branch_a).action_done()
        Meeting._cron_remind_missing_meetings(today=date(2025, 7, 2))
        self.assertIn(
            "No Party lesson recorded in 2nd quarter 2025",
            self._reminders(self.branch_a).mapped("summary"),
        )
        self.assertNotIn(
            "No branch general meeting recorded in 2nd quarter 2025",
            self._reminders(self.branch_a).mapped("summary"),
        )
        self.assertEqual(len(self._reminders(self.branch_a)), 6)
