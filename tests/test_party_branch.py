# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PartyPointsCase


@tagged("post_install", "-at_install")
class TestPartyBranch(PartyPointsCase):
    def test_tree_complete_name_and_subtree(self):
        # R-ORG-1: 党工委 → 党总支 → 党支部 → 党小组
        self.assertEqual(
            self.group_a.complete_name,
            "测试党工委 / 测试党总支 / 第一党支部 / 第一党小组",
        )
        self.assertEqual(self.group_a.display_name, self.group_a.complete_name)
        subtree = self.Branch.search([("id", "child_of", self.general.id)])
        self.assertEqual(
            subtree, self.general | self.branch_a | self.group_a | self.branch_b
        )
        self.assertEqual(
            self.group_a.parent_path,
            f"{self.committee.id}/{self.general.id}/{self.branch_a.id}/{self.group_a.id}/",
        )

    def test_rename_updates_the_names_below(self):
        self.general.name = "恒达党总支"
        self.assertEqual(
            self.group_a.complete_name,
            "测试党工委 / 恒达党总支 / 第一党支部 / 第一党小组",
        )

    def test_branch_cannot_be_its_own_parent(self):
        with self.assertRaisesRegex(ValidationError, "cannot be its own parent"):
            self.branch_a.parent_id = self.branch_a
        # nor through a descendant
        with self.assertRaisesRegex(ValidationError, "cannot be its own parent"):
            self.general.parent_id = self.group_a
        self.assertEqual(self.general.parent_id, self.committee)

    def test_parent_must_be_in_the_same_company(self):
        other = self.env["res.company"].create({"name": "另一公司"})
        with self.assertRaisesRegex(ValidationError, "different companies"):
            self.Branch.create(
                {
                    "name": "外公司支部",
                    "company_id": other.id,
                    "parent_id": self.general.id,
                }
            )

    def test_member_counts_roll_up_the_tree(self):
        # R-ORG-4 starts here: totals per organisation and rolled up the tree.
        self.assertEqual(self.branch_a.member_count, 2)  # 陈党员, 吴一
        self.assertEqual(self.branch_a.total_member_count, 3)  # + 郑二 in the group
        self.assertEqual(self.general.member_count, 0)
        self.assertEqual(self.general.total_member_count, 4)  # + 冯三
        self.assertEqual(self.committee.total_member_count, 5)  # + 何四 (mobile)
        self.member_a1.action_archive()
        self.branch_a.invalidate_recordset(["member_count", "total_member_count"])
        self.assertEqual(self.branch_a.total_member_count, 2)

    def test_recorder_is_added_to_the_officers(self):
        # R-ORG-2: the designated recorder keeps the branch register.
        self.assertIn(self.user_recorder_a, self.branch_a.officer_user_ids)
        self.branch_b.recorder_id = self.user_recorder_a
        self.assertIn(self.user_recorder_a, self.branch_b.officer_user_ids)
        self.assertEqual(
            self.user_recorder_a.party_branch_ids, self.branch_a | self.branch_b
        )

    def test_code_is_unique_per_company(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.Branch.create(
                {"name": "重复", "code": "T-G-1", "parent_id": self.general.id}
            )

    def test_members_action_covers_the_subtree(self):
        action = self.general.action_view_members()
        members = self.Member.search(action["domain"])
        self.assertEqual(
            members, self.member_self | self.member_a1 | self.member_a2 | self.member_b1
        )
