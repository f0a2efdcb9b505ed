# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 10, item 1: 季度积分公示, the published quarter for the notice
board (R-SCORE-8), as a real PDF read back with pdftotext."""

from datetime import date

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import PartyPointsCommon, open_cycle
from .helpers import pdf_to_text


@tagged("post_install", "-at_install")
class TestPublicationNotice(PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.cycle = open_cycle(cls.env, 2025)
        cls.branch_a.secretary_id = cls.member_a1
        Line = cls.env["party.score.line"].with_user(cls.user_recorder_a)
        for member, code, points in (
            (cls.member_a1, "k07", -3),
            (cls.member_a2, "k02_1", -20),
        ):
            Line.create(
                {
                    "member_id": member.id,
                    "standard_id": cls.env.ref(f"party_points.standard_{code}").id,
                    "points": points,
                    "date": date(2025, 8, 4),
                }
            ).action_register()
        cls.publication = (
            cls.env["party.score.publication"]
            .with_user(cls.user_secretary_a)
            .create(
                {"branch_id": cls.branch_a.id, "cycle_id": cls.cycle.id, "quarter": "3"}
            )
        )

    def _render(self, user):
        report = self.env.ref("party_points.action_report_party_score_publication")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf(report.report_name, self.publication.ids)
        )
        self.assertEqual(kind, "pdf")
        return pdf_to_text(pdf)

    def test_only_a_published_quarter_is_printed(self):
        with self.assertRaisesRegex(UserError, "尚未公示"):
            self._render(self.user_secretary_a)
        self.publication.action_approve()
        with self.assertRaisesRegex(UserError, "尚未公示"):
            self._render(self.user_secretary_a)

    def test_notice_lists_every_member_as_published(self):
        self.publication.action_approve()
        self.publication.action_publish()
        # a correction after the publication does not change the notice
        line = self.env["party.score.line"].search(
            [("member_id", "=", self.member_a1.id), ("cycle_id", "=", self.cycle.id)]
        )
        line.with_user(self.user_recorder_a)._create_correction("登记有误")
        # printed by a member of the branch, who reads the board too
        text = self._render(self.user_member)
        self.assertIn("第一党支部2025年第三季度党员积分公示", text.replace(" ", ""))
        rows = [line.split() for line in text.splitlines()]
        by_name = {row[1]: row for row in rows if len(row) >= 5 and row[0].isdigit()}
        # the test's own figures: 80 − 3 and 80 − 20, 陈党员 at 80
        self.assertEqual(by_name["陈党员"][1:5], ["陈党员", "0", "80", "1"])
        self.assertEqual(by_name["吴一"][1:5], ["吴一", "-3", "77", "2"])
        self.assertEqual(by_name["郑二"][1:5], ["郑二", "-20", "60", "3"])
        self.assertIn("基础分80分/年", text.replace(" ", ""))
        self.assertIn("支部书记:吴一", text.replace(" ", ""))  # NFKC: ：→:
