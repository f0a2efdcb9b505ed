# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 10, item 1: 党员积分制动态量化考评手册 as a PDF: a member's cycle
line by line, quarterly subtotals, score, rank and flags (R-SCORE-3)."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import PartyPointsCommon, declare, evidence_file, open_cycle
from .helpers import pdf_to_text


@tagged("post_install", "-at_install")
class TestHandbookReport(PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.cycle = open_cycle(cls.env, 2025)
        Line = cls.env["party.score.line"]
        addition = Line.with_user(cls.user_member).create(
            {
                "member_id": cls.member_self.id,
                "standard_id": cls.env.ref("party_points.standard_j05_1").id,
                "points": 2,
                "date": date(2025, 2, 10),
                "description": "获公司年度先进工作者表彰",
                "attachment_ids": evidence_file(),
            }
        )
        declare(addition)
        addition.with_user(cls.user_recorder_a).action_verify()
        addition.with_user(cls.user_manager).action_approve()
        Recorder = Line.with_user(cls.user_recorder_a)
        late = Recorder.create(
            {
                "member_id": cls.member_self.id,
                "standard_id": cls.env.ref("party_points.standard_k01_4").id,
                "points": -1,
                "date": date(2025, 8, 5),
                "description": "主题党日迟到",
            }
        )
        late.action_register()
        late._create_correction("当日请假已获批准，登记有误", date(2025, 9, 1))
        Recorder.create(
            {
                "member_id": cls.member_self.id,
                "standard_id": cls.env.ref("party_points.standard_k07").id,
                "points": -3,
                "date": date(2025, 9, 2),
                "description": "违反公司考勤规定",
            }
        ).action_register()
        # still waiting: printed as a note, not counted
        Line.with_user(cls.user_member).create(
            {
                "member_id": cls.member_self.id,
                "standard_id": cls.env.ref("party_points.standard_j03").id,
                "points": 2,
                "date": date(2025, 10, 3),
            }
        )
        cls.card = cls.env["party.score.card"].search(
            [("member_id", "=", cls.member_self.id), ("cycle_id", "=", cls.cycle.id)]
        )

    def _render(self, user, card=None):
        report = self.env.ref("party_points.action_report_party_score_card")
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf(report.report_name, (card or self.card).ids)
        )
        return pdf_to_text(pdf).replace(" ", "").replace("\n", "")

    def test_member_prints_her_handbook(self):
        text = self._render(self.user_member)
        self.assertIn("党员积分制动态量化考评手册", text)
        self.assertIn("2025年度", text)
        self.assertIn("陈党员", text)
        # Q1: +2 with its evidence and approver; Q3: −1, its correction +1, −3
        self.assertIn("J05-1", text)
        self.assertIn("(依据:表彰", text)  # the evidence file, wrapped in its cell
        self.assertIn(self.user_manager.name, text)
        self.assertIn("第一季度小计+2", text)
        self.assertIn("季末积分:82", text)
        self.assertIn("第三季度小计-3", text)
        self.assertIn("更正", text)
        # the year: 80 + 2 − 1 + 1 − 3 = 79, computed here independently
        self.assertEqual(self.card.total_score, 80 + 2 - 1 + 1 - 3)
        self.assertIn("年度积分79", text)
        self.assertIn("1条积分记录尚待审定", text)

    def test_another_member_cannot_print_it(self):
        other = self.env["party.score.card"]._get_or_create(self.member_a1, self.cycle)
        with self.assertRaises(AccessError):
            self._render(self.user_member, other)
