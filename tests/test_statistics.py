# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.party_points.models.party_workflow_mixin import party_today

from .common import PartyPointsCommon
from .helpers import pdf_to_text


@tagged("post_install", "-at_install")
class TestTeamStatistics(PartyPointsCommon, HttpCase):
    """队伍现状 (R-ORG-4): per organisation, rolled up the tree."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        today = party_today(cls.env.user)
        cls.member_self.write(
            {
                "birthday": today - relativedelta(years=30),
                "education": "bachelor",
                "join_date": today - relativedelta(years=1),
            }
        )
        cls.member_a1.write(
            {
                "birthday": today - relativedelta(years=50),
                "education": "college",
                "join_date": date(2000, 7, 1),
            }
        )
        cls.member_a2.write(
            {
                "birthday": today - relativedelta(years=36),
                "education": "senior",
                "member_type": "probationary",
            }
        )
        cls.member_b1.write({"category": "retired", "member_type": "activist"})
        # 何四 joined the Party a year ago in the mobile branch (outside the
        # general branch), then moved in: a transfer, not developed there
        cls.member_m1.write({"join_date": today - relativedelta(years=1)})
        # a move inside the general branch, and one into it from the mobile branch
        cls.member_a2._transfer_to(cls.branch_b, today, "调整")
        cls.member_m1._transfer_to(cls.branch_a, today, "返回")

    def test_figures_roll_up_and_match_counts(self):
        # issue 16, item h: the team is the Party's: the total and the bands
        # count Party members; 冯三, an activist, is only in the activists'
        # row (he was counted in the total, the retired and the men before)
        figures = (self.general | self.branch_a | self.branch_b)._team_statistics()
        general = figures[self.general]
        members = self.Member.search(
            [
                ("branch_id", "child_of", self.general.id),
                ("member_type", "in", ("full", "probationary")),
            ]
        )
        self.assertEqual(general["total"], len(members))
        self.assertEqual(general["total"], 4)
        self.assertEqual(general["member_type:full"], 3)
        self.assertEqual(general["member_type:probationary"], 1)
        self.assertEqual(general["member_type:activist"], 1)
        self.assertEqual(general["category:retired"], 0)  # 冯三 is an activist
        self.assertEqual(general["category:mobile"], 1)
        self.assertEqual(general["category:in_service"], 3)
        self.assertEqual(general["gender:male"], 1)  # 吴一 (冯三 is an activist)
        self.assertEqual(general["gender:female"], 2)  # 陈党员, 郑二 (何四 unknown)
        self.assertEqual(general["age_band:young"], 1)  # 30
        self.assertEqual(general["age_band:older"], 2)  # 50, 36
        self.assertEqual(general["education_band:above_college"], 1)
        self.assertEqual(general["education_band:college"], 1)
        self.assertEqual(general["education_band:below_college"], 1)
        # 陈党员 joined a year ago in 第一党支部; 何四 joined a year ago in the
        # mobile branch and was transferred in: not developed here
        self.assertEqual(general["developed"], 1)
        # 何四 came in from the mobile branch; 郑二 moved inside: neither in nor out
        self.assertEqual((general["transfer_in"], general["transfer_out"]), (1, 0))
        branch_a = figures[self.branch_a]
        self.assertEqual(branch_a["total"], 3)  # 陈党员, 吴一, 何四
        self.assertEqual(branch_a["developed"], 1)  # 陈党员
        self.assertEqual((branch_a["transfer_in"], branch_a["transfer_out"]), (1, 1))
        branch_b = figures[self.branch_b]
        self.assertEqual(branch_b["total"], 1)  # 郑二; 冯三 is an activist
        self.assertEqual(branch_b["member_type:activist"], 1)
        self.assertEqual(branch_b["developed"], 0)
        self.assertEqual((branch_b["transfer_in"], branch_b["transfer_out"]), (1, 0))
        committee = self.committee._team_statistics()[self.committee]
        self.assertEqual(committee["total"], 4)
        self.assertEqual(committee["member_type:activist"], 1)
        # the committee's tree held 何四 when he joined: developed by it
        self.assertEqual(committee["developed"], 2)
        self.assertEqual((committee["transfer_in"], committee["transfer_out"]), (0, 0))

    def test_an_activist_admitted_here_is_developed_here(self):
        # issue 16, item h: developed = admitted while in this organisation
        today = party_today(self.env.user)
        self.member_b1._record_change(
            "member_type", "probationary", today, "接收为预备党员"
        )
        self.member_b1.write({"join_date": today})
        figures = (self.general | self.branch_b)._team_statistics()
        self.assertEqual(
            (
                figures[self.branch_b]["total"],
                figures[self.branch_b]["member_type:activist"],
                figures[self.branch_b]["developed"],
                figures[self.general]["developed"],
            ),
            (2, 0, 1, 2),
        )

    def test_one_level_adds_up_without_double_counting(self):
        Stat = self.env["party.branch.statistics"]
        world = [
            ("organisation_id", "child_of", self.committee.id),
            ("row_kind", "=", "member"),
        ]
        by_level = {
            level: (members, activists)
            for level, members, activists in Stat._read_group(
                world,
                ["organisation_kind"],
                ["member_count:sum", "activist_count:sum"],
            )
        }
        self.assertEqual(by_level["committee"], (4, 1))
        self.assertEqual(by_level["general_branch"], (4, 1))  # 何四 moved into it
        self.assertEqual(by_level["branch"], (4, 1))  # every member in one branch

    def test_leaving_members_are_not_counted(self):
        today = party_today(self.env.user)
        self.member_a1._record_change("status", "deceased", today, "病故")
        self.member_b1._record_change("status", "deceased", today, "病故")
        figures = self.general._team_statistics()[self.general]
        self.assertEqual((figures["total"], figures["member_type:activist"]), (3, 0))

    def test_pivot_rows_follow_the_record_rules(self):
        Stat = self.env["party.branch.statistics"]
        rows = Stat.with_user(self.user_recorder_a).search(
            [("row_kind", "=", "member")]
        )
        self.assertEqual(rows.organisation_id, self.branch_a)
        with self.assertRaises(AccessError):
            Stat.with_user(self.user_member).search([])

    def test_pdf_totals_match_the_counts(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        report = self.env.ref("party_points.action_report_party_branch_statistics")
        pdf, kind = (
            report.with_user(self.user_general)
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf(report.report_name, self.general.ids)
        )
        self.assertEqual(kind, "pdf")
        text = pdf_to_text(pdf)
        self.assertIn("测试党总支 队伍现状", text)
        self.assertIn("第一党支部", text)
        self.assertIn("第二党支部", text)

        def row(label):
            line = next(
                line for line in text.splitlines() if line.strip().startswith(label)
            )
            return [
                int(n)
                for n in re.findall(
                    r"\d+", line[len(line) - len(line.lstrip()) + len(label) :]
                )
            ]

        party = [("member_type", "in", ("full", "probationary"))]

        def count(branch):
            return self.Member.search_count(
                [("branch_id", "child_of", branch.id), *party]
            )

        # issue 16, item h: Party members in the total, activists apart
        total, in_a, in_b = (
            count(self.general),
            count(self.branch_a),
            count(self.branch_b),
        )
        self.assertEqual((total, in_a, in_b), (4, 3, 1))
        self.assertEqual(row("党员总数"), [total, in_a, in_b])
        self.assertEqual(row("正式党员"), [3, 3, 0])
        self.assertEqual(row("离退休"), [0, 0, 0])
        # 入党积极分子（不计入以上各项）: pdftotext reads the brackets as ASCII
        self.assertEqual(row("入党积极分子"), [1, 0, 1])
