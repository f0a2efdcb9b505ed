# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_points.models.party_workflow_mixin import party_today

from .common import PartyPointsCase


@tagged("post_install", "-at_install")
class TestExemption(PartyPointsCase):
    def _request(self, member, date_from, date_to, user=None):
        Exemption = self.env["party.member.exemption"].with_user(
            user or self.user_secretary_a
        )
        return Exemption.create(
            {
                "member_id": member.id,
                "date_from": date_from,
                "date_to": date_to,
                "reason_type": "bedridden",
                "description": "本人申请，长期卧床，支部同意",
            }
        )

    def test_approved_exemption_takes_the_member_out_of_scoring(self):
        # R-MEM-4: applied, submitted by the branch, approved by the committee
        today = party_today(self.env.user)
        exemption = self._request(
            self.member_a1, today - timedelta(days=30), today + timedelta(days=300)
        )
        exemption.action_submit()
        self.assertFalse(self.member_a1.is_exempt)
        exemption.with_user(self.user_manager).action_approve()
        self.assertEqual(exemption.state, "approved")
        self.assertEqual(exemption.approver_id, self.user_manager)
        self.member_a1.invalidate_recordset(["is_exempt"])
        self.assertTrue(self.member_a1.is_exempt)
        self.assertEqual(self.member_a1.exemption_count, 1)
        in_test_world = [("branch_id", "child_of", self.committee.id)]
        self.assertEqual(
            self.Member.search([*in_test_world, ("is_exempt", "=", True)]),
            self.member_a1,
        )
        self.assertNotIn(
            self.member_a1,
            self.Member.search([*in_test_world, ("is_exempt", "=", False)]),
        )
        members = self.member_a1 | self.member_b1
        self.assertEqual(members._exempt_on(today), self.member_a1)
        self.assertFalse(members._exempt_on(today + timedelta(days=301)))

    def test_only_the_committee_decides(self):
        exemption = self._request(self.member_a1, date(2026, 1, 1), date(2026, 12, 31))
        exemption.action_submit()
        for user in (self.user_secretary_a, self.user_general, self.user_recorder_a):
            with self.assertRaises(AccessError):
                exemption.with_user(user).action_approve()
        with self.assertRaisesRegex(UserError, "reason of the refusal"):
            exemption.with_user(self.user_manager).action_refuse()
        exemption.with_user(self.user_manager).write({"refusal_reason": "不符合条件"})
        exemption.with_user(self.user_manager).action_refuse()
        self.assertEqual(exemption.state, "refused")

    def test_decided_exemption_no_longer_changes(self):
        exemption = self._request(self.member_a1, date(2026, 1, 1), date(2026, 6, 30))
        exemption.action_submit()
        exemption.with_user(self.user_manager).action_approve()
        with self.assertRaisesRegex(UserError, "decided"):
            exemption.write({"date_to": date(2026, 12, 31)})
        with self.assertRaises(AccessError):
            exemption.with_user(self.user_secretary_a).action_cancel()
        with self.assertRaises(UserError):
            exemption.unlink()
        exemption.with_user(self.user_manager).action_cancel()
        self.assertEqual(exemption.state, "cancelled")

    def test_bad_periods_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "end before it starts"):
            self._request(self.member_a1, date(2026, 6, 1), date(2026, 1, 1))
        first = self._request(self.member_a1, date(2026, 1, 1), date(2026, 6, 30))
        first.action_submit()
        second = self._request(self.member_a1, date(2026, 6, 1), date(2026, 12, 31))
        with self.assertRaisesRegex(ValidationError, "already has an exemption"):
            second.action_submit()

    def test_roles_see_the_exemptions_they_should(self):
        exemption = self._request(self.member_self, date(2026, 1, 1), date(2026, 3, 31))
        exemption_b = self._request(
            self.member_b1, date(2026, 1, 1), date(2026, 3, 31), self.user_manager
        )
        Exemption = self.env["party.member.exemption"]
        self.assertEqual(Exemption.with_user(self.user_member).search([]), exemption)
        self.assertEqual(
            Exemption.with_user(self.user_recorder_a).search([]), exemption
        )
        self.assertEqual(
            Exemption.with_user(self.user_general).search([]), exemption | exemption_b
        )
        with self.assertRaises(AccessError):
            self._request(self.member_b1, date(2026, 5, 1), date(2026, 5, 31))
        with self.assertRaises(AccessError):
            self._request(
                self.member_a1,
                date(2026, 5, 1),
                date(2026, 5, 31),
                self.user_recorder_a,
            )
        self.assertEqual(
            Exemption.with_user(self.user_hr).search_count([]),
            Exemption.search_count([]),
        )
        with self.assertRaises(AccessError):
            exemption.with_user(self.user_hr).write({"description": "改"})
