# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 19, item 4: the member's tour of the meetings from the phone, in a
real headless Chromium 390 pixels wide (static/src/js/tours/)."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import PortalCase


@tagged("post_install", "-at_install")
class TestMeetingPhoneTour(PortalCase):
    # a phone's screen, touch
    browser_size = "390x844"
    touch_enabled = True

    def test_member_signs_in_by_the_qr_link_and_asks_leave(self):
        now = fields.Datetime.now().replace(microsecond=0)
        Meeting = self.env["party.meeting"].with_user(self.user_recorder_a)
        today = Meeting.create(
            {
                "name": "PHONETOUR today",
                "meeting_type": "theme_day",
                "branch_id": self.branch_a.id,
                "start": now + timedelta(minutes=10),
            }
        )
        next_week = Meeting.create(
            {
                "name": "PHONETOUR next week",
                "meeting_type": "general_meeting",
                "branch_id": self.branch_a.id,
                "start": now + timedelta(days=7),
            }
        )
        url = today.with_user(self.user_recorder_a).signin_url
        self.assertIn(f"/my/party/meetings/{today.id}/signin?token=", url)
        self.start_tour(
            url.replace(today.get_base_url(), ""),
            "party_points_meeting_phone",
            login=self.portal.login,
            timeout=120,
        )
        row = today.attendance_ids
        self.assertEqual(
            (row.member_id, row.status, bool(row.signed_in_at)),
            (self.member_a1, "present", True),
        )
        leave = next_week.leave_ids
        self.assertEqual(
            (leave.member_id, leave.state, leave.reason),
            (self.member_a1, "requested", "PHONETOUR business trip"),
        )
        self.assertFalse(next_week.attendance_ids)
