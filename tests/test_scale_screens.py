# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 20, item 4: the screens people open, at 50,000 members.

The figures come from ``tools/bench/screens.py`` (docs/BENCHMARKS.md); these
tests keep what made them: the Points Analysis counts the lines before it
orders the branches (party.group.order.mixin).
"""

from unittest.mock import patch

from odoo.tests import tagged

from .common import ScoreCase


@tagged("post_install", "-at_install")
class TestScreensAtScale(ScoreCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # created in the reverse order of their names (甲 U+7532 sorts after
        # 丙 U+4E19): ids and names disagree
        cls.branches = cls.Branch.create(
            [
                {
                    "name": name,
                    "kind": "branch",
                    "branch_type": "enterprise",
                    "code": f"T-O{index}",
                    "parent_id": cls.general.id,
                }
                for index, name in enumerate(
                    ("排序甲党支部", "排序乙党支部", "排序丙党支部")
                )
            ]
        )
        for count, branch in zip((1, 2, 3), cls.branches, strict=True):
            cls._deducted_members(branch, count)
        cls.domain = [("branch_id", "in", cls.branches.ids), ("state", "=", "approved")]

    @staticmethod
    def _short(group):
        return group["branch_id"][1].split(" / ")[-1]

    def _grouped(self, orderby=False):
        """The pivot's call (read_group, not lazy), with the SQL it ran."""
        Line = self.Line.with_user(self.user_manager)
        executed = []
        execute = self.env.cr.execute

        def spy(query, params=None, log_exceptions=True):
            executed.append(str(getattr(query, "code", query)))
            return execute(query, params, log_exceptions)

        self.env.flush_all()
        with patch.object(self.env.cr, "execute", side_effect=spy):
            groups = Line.read_group(
                self.domain,
                ["__count", "points:sum"],
                ["branch_id", "category"],
                orderby=orderby,
                lazy=False,
            )
        grouped = [
            query
            for query in executed
            if "GROUP BY" in query and 'FROM "party_score_line"' in query
        ]
        return groups, grouped

    def test_points_analysis_orders_branches_after_counting(self):
        # issue 20, item 4: the branches in their own order (complete name),
        # their counts and sums unchanged, and no join of the branches'
        # table to the lines before they are grouped
        groups, grouped = self._grouped()
        self.assertEqual(
            [
                (self._short(group), group["__count"], group["points"])
                for group in groups
            ],
            [
                ("排序丙党支部", 3, -6),
                ("排序乙党支部", 2, -4),
                ("排序甲党支部", 1, -2),
            ],
        )
        self.assertEqual(
            [group["branch_id"][0] for group in groups],
            self.branches.sorted(lambda b: (b.complete_name, b.id)).ids,
        )
        self.assertEqual(len(grouped), 1)
        self.assertNotIn("JOIN", grouped[0])

    def test_points_analysis_descending_order(self):
        groups, grouped = self._grouped(orderby="branch_id desc")
        self.assertEqual(
            [self._short(group) for group in groups],
            ["排序甲党支部", "排序乙党支部", "排序丙党支部"],
        )
        self.assertNotIn("JOIN", grouped[0])

    def test_other_orders_left_to_odoo(self):
        # ordered by an aggregate: Odoo's own order, unchanged
        groups, _grouped = self._grouped(orderby="points")
        self.assertEqual([group["points"] for group in groups], [-6, -4, -2])
