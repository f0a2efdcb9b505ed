# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.party_points.models.party_workflow_mixin import party_today

from .common import PartyPointsCase


@tagged("post_install", "-at_install")
class TestMemberHistory(PartyPointsCase):
    def test_branch_on_a_past_date_comes_from_the_transfer_log(self):
        # R-ORG-3: moves are recorded with dates; the branch at any date is
        # answered from the log, not from the current branch (R-SCORE-9 uses it).
        member = self.member_b1
        member._transfer_to(self.branch_a, date(2025, 3, 1), "工作调动")
        member._transfer_to(self.branch_mobile, date(2025, 9, 15), "外出务工")
        self.assertEqual(member.branch_id, self.branch_mobile)
        branch_at = lambda day: member._branch_at(day)[member]  # noqa: E731
        self.assertEqual(branch_at(date(2024, 12, 31)), self.branch_b)
        self.assertEqual(branch_at(date(2025, 3, 1)), self.branch_a)
        self.assertEqual(branch_at(date(2025, 9, 14)), self.branch_a)
        self.assertEqual(branch_at(date(2025, 9, 15)), self.branch_mobile)
        self.assertEqual(branch_at(party_today(self.env.user)), self.branch_mobile)
        # a member who never moved is where they are
        self.assertEqual(
            self.member_a1._branch_at(date(2020, 1, 1))[self.member_a1], self.branch_a
        )
        log = member.transfer_ids.sorted("date")
        self.assertEqual(
            [(t.date, t.from_branch_id, t.to_branch_id, t.reason) for t in log],
            [
                (date(2025, 3, 1), self.branch_b, self.branch_a, "工作调动"),
                (date(2025, 9, 15), self.branch_a, self.branch_mobile, "外出务工"),
            ],
        )

    def test_branch_at_answers_many_members_at_once(self):
        members = self.member_a1 | self.member_b1 | self.member_m1
        self.member_b1._transfer_to(self.branch_a, date(2025, 6, 1), "调动")
        self.env.flush_all()
        members.mapped("branch_id")
        with self.assertQueryCount(2):  # whatever the number of members
            result = members._branch_at(date(2025, 1, 1))
        self.assertEqual(
            result,
            {
                self.member_a1: self.branch_a,
                self.member_b1: self.branch_b,
                self.member_m1: self.branch_mobile,
            },
        )

    def test_transfer_wizard_records_and_moves(self):
        wizard = Form(
            self.env["party.member.transfer.wizard"].with_context(
                default_member_ids=(self.member_a1 | self.member_self).ids
            )
        )
        wizard.to_branch_id = self.branch_b
        wizard.date = date(2025, 5, 20)
        wizard.reason = "支部调整"
        wizard.save().action_transfer()
        self.assertEqual(self.member_a1.branch_id, self.branch_b)
        self.assertEqual(self.member_self.branch_id, self.branch_b)
        self.assertEqual(self.member_a1.transfer_ids.from_branch_id, self.branch_a)

    def test_transfer_out_of_the_enterprise(self):
        self.member_m1._transfer_to(
            self.env["party.branch"], date(2025, 8, 1), "回原籍", "某村党支部"
        )
        self.assertEqual(self.member_m1.status, "transferred_out")
        self.assertFalse(self.member_m1.active)
        transfer = self.member_m1.transfer_ids
        self.assertFalse(transfer.to_branch_id)
        self.assertEqual(transfer.external_organisation, "某村党支部")
        self.assertFalse(self.member_m1._branch_at(date(2025, 8, 2))[self.member_m1])
        self.assertEqual(self.member_m1.change_ids.new_value, "transferred_out")

    def test_bad_transfers_are_refused(self):
        with self.assertRaisesRegex(UserError, "already belongs"):
            self.member_a1._transfer_to(self.branch_a, date(2025, 1, 1), "x")
        with self.assertRaisesRegex(UserError, "in the future"):
            self.member_a1._transfer_to(
                self.branch_b, party_today(self.env.user) + timedelta(days=2), "x"
            )
        with self.assertRaisesRegex(UserError, "reason"):
            self.member_a1._transfer_to(self.branch_b, date(2025, 1, 1), "")
        self.member_a1._transfer_to(self.branch_b, date(2025, 6, 1), "调动")
        with self.assertRaisesRegex(UserError, "later transfer recorded"):
            self.member_a1._transfer_to(self.branch_a, date(2025, 5, 1), "补录")
        self.assertEqual(len(self.member_a1.transfer_ids), 1)

    def test_a_plain_write_of_the_branch_is_logged_too(self):
        # nothing silently changed: an import or RPC write leaves its trace
        self.member_a1.branch_id = self.branch_b
        transfer = self.member_a1.transfer_ids
        self.assertEqual(transfer.from_branch_id, self.branch_a)
        self.assertEqual(transfer.to_branch_id, self.branch_b)
        # dated the user's today, which is not the server's near midnight
        self.assertEqual(transfer.date, party_today(self.member_a1))

    def test_conversion_to_full_membership_is_dated(self):
        # R-MEM-5: 转正 is a dated change, with its reason
        member = self.Member.create(
            {
                "name": "预备甲",
                "branch_id": self.branch_a.id,
                "member_type": "probationary",
                "probation_start": date(2024, 7, 1),
                "probation_end": date(2025, 7, 1),
            }
        )
        wizard = Form(
            self.env["party.member.change.wizard"].with_context(
                default_member_id=member.id
            )
        )
        self.assertEqual(wizard.member_type, "full")  # the usual next step
        wizard.date = date(2025, 7, 1)
        wizard.reason = "支部大会讨论通过，按期转正"
        wizard.save().action_apply()
        self.assertEqual(member.member_type, "full")
        self.assertEqual(member.full_date, date(2025, 7, 1))
        change = member.change_ids
        self.assertEqual(
            (change.field, change.old_value, change.new_value, change.date),
            ("member_type", "probationary", "full", date(2025, 7, 1)),
        )
        self.assertEqual(
            (change.old_label, change.new_label), ("Probationary Member", "Full Member")
        )

    def test_status_changes_are_dated_and_leaving_archives(self):
        self.member_a1._record_change(
            "status", "rectification", date(2025, 4, 1), "季度积分低于60分"
        )
        self.assertEqual(self.member_a1.status, "rectification")
        self.assertTrue(self.member_a1.active)
        self.member_a1._record_change("status", "deceased", date(2025, 10, 1), "病故")
        self.assertFalse(self.member_a1.active)
        self.assertEqual(
            self.member_a1.change_ids.sorted("date").mapped("new_value"),
            ["rectification", "deceased"],
        )
        with self.assertRaisesRegex(UserError, "later change recorded"):
            self.member_a1._record_change("status", "normal", date(2025, 9, 1), "更正")
        with self.assertRaisesRegex(UserError, "already"):
            self.member_a1._record_change("status", "deceased", date(2025, 11, 1), "x")

    def test_history_cannot_be_edited_or_deleted(self):
        self.member_a1._transfer_to(self.branch_b, date(2025, 6, 1), "调动")
        transfer = self.member_a1.transfer_ids
        with self.assertRaises(UserError):
            transfer.write({"reason": "改"})
        with self.assertRaises(UserError):
            transfer.unlink()
        with self.assertRaises(UserError):
            self.env["party.member.transfer"].create(
                {
                    "member_id": self.member_a1.id,
                    "date": date(2025, 1, 1),
                    "reason": "伪造",
                }
            )
        with self.assertRaisesRegex(UserError, "archive"):
            self.member_a1.unlink()

    def test_secretary_transfers_within_the_organisations_served(self):
        as_secretary = self.member_a1.with_user(self.user_secretary_a)
        as_secretary._transfer_to(self.group_a, date(2025, 2, 1), "编入党小组")
        self.assertEqual(self.member_a1.branch_id, self.group_a)
        with self.assertRaises(AccessError):
            as_secretary._transfer_to(self.branch_b, date(2025, 3, 1), "越权调动")
        self.assertEqual(self.member_a1.branch_id, self.group_a)
        # the committee moves members anywhere in the company
        self.member_a1.with_user(self.user_manager)._transfer_to(
            self.branch_b, date(2025, 3, 1), "党工委调整"
        )
        self.assertEqual(self.member_a1.branch_id, self.branch_b)
        # the recorder and the member only read the log
        self.assertEqual(
            self.env["party.member.transfer"]
            .with_user(self.user_manager)
            .search([("member_id", "=", self.member_a1.id)])
            .mapped("reason"),
            ["党工委调整", "编入党小组"],
        )
        with self.assertRaises(AccessError):
            self.member_self.with_user(self.user_recorder_a)._transfer_to(
                self.branch_b, date(2025, 3, 1), "登记员无权"
            )
