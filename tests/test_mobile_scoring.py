# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 8, defect (c), R-SCORE-9: members of the mobile branch are scored by
the village/residence branch they are to be transferred to, by its own
recorder and secretary, who see nothing else of the mobile branch."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ScoreCase, declare, evidence_file


@tagged("post_install", "-at_install")
class TestMobileMembersScoredByTheReceivingBranch(ScoreCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_village(secretary=True)
        cls.village_member = cls.Member.create(
            {"name": "村党员甲", "branch_id": cls.village.id}
        )
        # another member of the mobile branch, to be received elsewhere
        cls.member_m2 = cls.Member.create(
            {"name": "流动乙", "branch_id": cls.branch_mobile.id, "category": "mobile"}
        )

    def test_receiving_recorder_reads_only_the_members_it_scores(self):
        Member = self.Member.with_user(self.recorder_v)
        self.assertEqual(Member.search([]), self.village_member | self.member_m1)
        self.assertEqual(self.member_m1.with_user(self.recorder_v).name, "何四")
        with self.assertRaises(AccessError):
            self.member_m2.with_user(self.recorder_v).read(["name"])
        # reading is all: the mobile branch keeps its own records
        with self.assertRaises(AccessError):
            self.member_m1.with_user(self.secretary_v).write({"name": "改名"})
        self.assertNotIn(
            self.branch_mobile, self.Branch.with_user(self.recorder_v).search([])
        )

    def test_receiving_branch_registers_verifies_and_publishes(self):
        deduction = self._line(
            self.member_m1, "k07", -3, date(2025, 2, 3), user=self.recorder_v
        )
        deduction.with_user(self.recorder_v).action_register()
        addition = self._line(
            self.member_m1,
            "j03",
            2,
            date(2025, 2, 4),
            user=self.recorder_v,
            attachment_ids=evidence_file(),
        )
        declare(addition)
        addition.with_user(self.recorder_v).action_verify()
        addition.with_user(self.user_manager).action_approve()
        self.assertEqual((deduction.branch_id, addition.branch_id), (self.village,) * 2)
        # the mobile branch's members the village does not receive stay out of reach
        with self.assertRaises(AccessError):
            self._line(
                self.member_m2, "k07", -2, date(2025, 2, 3), user=self.recorder_v
            )
        card = self._card(self.member_m1).with_user(self.recorder_v)
        self.assertEqual((card.branch_id, card.total_score), (self.village, 79))
        publication = self._publish_quarter("1", self.village, self.secretary_v)
        self.assertEqual(
            [(s.member_id.name, s.score, s.rank) for s in publication.snapshot_ids],
            [("村党员甲", 80, 1), ("何四", 79, 2)],
        )
        self.assertEqual(publication.line_ids, deduction | addition)
