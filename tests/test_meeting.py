# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_score_ledger import ScoreCase


@tagged("post_install", "-at_install")
class TestMeetingAttendance(ScoreCase):
    """DOMAIN §8: attendance at 三会一课 scores itself (deduction item 1)."""

    def _meeting(self, day, statuses, meeting_type="theme_day"):
        meeting = (
            self.env["party.meeting"]
            .with_user(self.user_recorder_a)
            .create(
                {
                    "name": "主题党日：学习党章",
                    "meeting_type": meeting_type,
                    "branch_id": self.branch_a.id,
                    "date": day,
                }
            )
        )
        meeting.action_load_members()
        for attendance in meeting.attendance_ids:
            attendance.status = statuses.get(attendance.member_id, "present")
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

    def test_branch_is_reminded_of_missed_meetings(self):
        Meeting = self.env["party.meeting"]
        Meeting._cron_remind_missing_meetings(today=date(2025, 4, 2))
        summaries = self.branch_a.activity_ids.mapped("summary")
        self.assertIn("No branch committee meeting recorded in 2025-03", summaries)
        self.assertTrue(any("general meeting" in s for s in summaries))
        self.assertEqual(self.branch_a.activity_ids.user_id, self.user_recorder_a)
        # held meetings silence the reminder; a second run adds nothing
        self._meeting(date(2025, 4, 15), {}, "committee_meeting").action_close()
        Meeting._cron_remind_missing_meetings(today=date(2025, 5, 3))
        Meeting._cron_remind_missing_meetings(today=date(2025, 5, 3))
        self.assertNotIn(
            "No branch committee meeting recorded in 2025-04",
            self.branch_a.activity_ids.mapped("summary"),
        )
        self.assertEqual(len(self.branch_a.activity_ids), 2)
