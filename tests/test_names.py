# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 17, item l: records, periods and dates are named the way the
regulation writes them (2026年第4季度, 2026年12月, 2026年12月2日), never the way
a machine would ("+0", "年第季度", "2026-12-02", "2026-10")."""

from datetime import date

from odoo.tests import tagged

from .common import PartyPointsCase, open_cycle


@tagged("post_install", "-at_install")
class TestNames(PartyPointsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.cycle = open_cycle(cls.env, 2025)
        cls.zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def std(self, code):
        return self.env.ref(f"party_points.standard_{code}")

    def test_publication_is_named_by_branch_and_quarter(self):
        Publication = self.zh["party.score.publication"]
        publication = Publication.with_user(self.user_manager).create(
            {"branch_id": self.branch_a.id, "cycle_id": self.cycle.id, "quarter": "4"}
        )
        self.assertEqual(publication.display_name, "第一党支部 2025年第4季度")
        self.assertEqual(
            publication.with_context(lang="en_US").display_name,
            "第一党支部 4th quarter 2025",
        )
        # a new one, its pieces not chosen yet: no "年第季度" left behind
        self.assertEqual(Publication.new({}).display_name, "新季度积分通报")
        self.assertEqual(
            Publication.new({"branch_id": self.branch_a.id}).display_name,
            "第一党支部",
        )
        self.assertEqual(
            Publication.new(
                {"branch_id": self.branch_a.id, "cycle_id": self.cycle.id}
            ).display_name,
            "第一党支部 2025年",
        )

    def test_a_line_without_points_is_not_plus_zero(self):
        Line = self.zh["party.score.line"]
        self.assertEqual(Line.new({}).display_name, "新积分记录")
        self.assertEqual(
            Line.new({"member_id": self.member_a1.id}).display_name, "吴一"
        )
        k07 = self.std("k07")
        self.assertEqual(
            Line.new(
                {"member_id": self.member_a1.id, "standard_id": k07.id}
            ).display_name,
            f"吴一 {k07.code}",
        )
        self.assertEqual(
            Line.new(
                {"member_id": self.member_a1.id, "standard_id": k07.id, "points": -3}
            ).display_name,
            f"吴一 {k07.code} -3",
        )

    def test_a_case_is_named_by_member_and_quarter(self):
        Case = self.zh["party.laggard.case"]
        case = Case.new(
            {
                "member_id": self.member_a1.id,
                "cycle_id": self.cycle.id,
                "quarter": "4",
                "open_date": date(2025, 12, 2),
            }
        )
        self.assertEqual(case.display_name, "吴一 2025年第4季度")
        self.assertEqual(case._party_label(), "吴一 2025年第4季度")
        # opened outside a publication: the day it was opened
        case = Case.new(
            {"member_id": self.member_a1.id, "open_date": date(2025, 12, 2)}
        )
        self.assertEqual(case.display_name, "吴一 2025年12月2日")

    def test_dues_are_named_by_month(self):
        sheet = self.zh["party.dues.sheet"].new(
            {"branch_id": self.branch_a.id, "month": date(2026, 10, 1)}
        )
        self.assertEqual(sheet.display_name, "第一党支部 2026年10月")
        self.assertEqual(sheet.month_label, "2026年10月")
        line = self.zh["party.dues.line"].new(
            {"member_id": self.member_a1.id, "month": date(2026, 10, 1)}
        )
        self.assertEqual(line.display_name, "吴一 2026年10月")
        self.assertEqual(line.month_label, "2026年10月")
        month = self.zh["party.member.watch.month"].new({"month": date(2026, 10, 1)})
        self.assertEqual(month.month_label, "2026年10月")
        decision = self.zh["party.member.watch.decision"].new(
            {"month_from": date(2026, 10, 1), "month_to": date(2026, 12, 1)}
        )
        self.assertEqual(
            (decision.month_from_label, decision.month_to_label),
            ("2026年10月", "2026年12月"),
        )

    def test_join_and_birth_months_are_year_and_month(self):
        member = self.member_a1.with_env(self.zh)
        member.write({"join_date": date(2010, 7, 1), "birthday": date(1985, 3, 12)})
        self.assertEqual(
            (member.join_month_label, member.birth_month_label),
            ("2010年7月", "1985年3月"),
        )

    def test_lists_name_a_branch_by_its_own_name(self):
        self.assertEqual(
            self.branch_a.display_name, "测试党工委 / 测试党总支 / 第一党支部"
        )
        self.assertEqual(
            self.branch_a.with_context(party_short_name=True).display_name,
            "第一党支部",
        )

    def test_creation_message_reads_as_a_sentence(self):
        line = (
            self.zh["party.score.line"]
            .with_user(self.user_recorder_a)
            .create(
                {
                    "member_id": self.member_a1.id,
                    "standard_id": self.std("k07").id,
                    "points": -3,
                    "date": date(2025, 3, 4),
                }
            )
        )
        bodies = line.message_ids.mapped("body")
        self.assertTrue(any("已创建积分记录" in str(body) for body in bodies), bodies)
        self.assertFalse(any("积分记录 创建" in str(body) for body in bodies))

    def test_register_sums_additions_and_deductions_apart(self):
        Line = self.env["party.score.line"].with_user(self.user_recorder_a)
        for code, points, day in (
            ("k07", -3, date(2025, 1, 6)),
            ("k07", -2, date(2025, 2, 6)),
        ):
            Line.create(
                {
                    "member_id": self.member_a1.id,
                    "standard_id": self.std(code).id,
                    "points": points,
                    "date": day,
                }
            )
        addition = self.env["party.score.standard"].search(
            [("sign", "=", "addition"), ("points_min", ">", 0)], limit=1
        )
        Line.create(
            {
                "member_id": self.member_a1.id,
                "standard_id": addition.id,
                "points": addition.points_min,
                "date": date(2025, 2, 7),
                "description": "addition",
            }
        )
        groups = self.env["party.score.line"].read_group(
            [("member_id", "=", self.member_a1.id)],
            ["addition_points:sum", "deduction_points:sum", "points:sum"],
            ["date:month"],
            orderby="date desc",
        )
        # the monthly register's order: the newest month first
        self.assertEqual(
            [
                (g["addition_points"], g["deduction_points"], g["points"])
                for g in groups
            ],
            [
                (addition.points_min, -2, addition.points_min - 2),
                (0, -3, -3),
            ],
        )
        arch = self.env["party.score.line"].get_view(
            self.env.ref("party_points.party_score_line_view_list").id
        )["arch"]
        self.assertIn('default_order="date desc, id desc"', arch)
        self.assertIn('name="addition_points"', arch)
        self.assertIn('name="deduction_points"', arch)
