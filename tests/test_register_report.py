# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 10, item 1: 积分登记台账, a branch's month of lines (R-SCORE-6 月登记)."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import PartyPointsCommon, open_cycle
from .helpers import pdf_to_text


@tagged("post_install", "-at_install")
class TestRegisterReport(PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        open_cycle(cls.env, 2025)

        def line(member, code, points, day, user):
            said = f"{member.name}{code}"
            return cls._score_line(member, code, points, day, user, description=said)

        draft = line(cls.member_a1, "k07", -3, date(2025, 3, 4), cls.user_recorder_a)
        registered = line(
            cls.member_a1, "k07", -3, date(2025, 3, 4), cls.user_recorder_a
        )
        registered |= line(
            cls.member_a2, "k01_1", -5, date(2025, 3, 20), cls.user_recorder_a
        )
        registered |= line(
            cls.member_a2, "k01_1", -5, date(2025, 4, 1), cls.user_recorder_a
        )
        registered.with_user(cls.user_recorder_a).action_register()
        line(cls.member_b1, "k07", -2, date(2025, 3, 5), cls.user_manager)
        cls.draft = draft

    def _render(self, user, branch, month=3):
        wizard = (
            self.env["party.score.register.print"]
            .with_user(user)
            .create({"branch_id": branch.id, "year": 2025, "month": str(month)})
        )
        action = wizard.action_print()
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf(action["report_name"], None, data=action["data"])
        )
        return pdf_to_text(pdf).replace(" ", "")

    def test_register_lists_the_month_of_the_branch(self):
        text = self._render(self.user_recorder_a, self.branch_a)
        # issue 17 l: 2025年3月, not 2025-03
        self.assertIn("第一党支部2025年3月积分登记台账", text)
        # March only, this branch only (郑二's group scores through it)
        self.assertEqual(text.count("吴一k07"), 2)
        self.assertEqual(text.count("郑二k01_1"), 1)
        self.assertNotIn("冯三", text)
        # one draft, two registered: −3 − 5 = −8 counted
        self.assertIn("草稿", text)
        self.assertIn("共3条积分记录,已审定或登记2条:加分0,扣分-8。", text)

    def test_register_of_a_branch_not_served_is_refused(self):
        with self.assertRaises(AccessError):
            self._render(self.user_recorder_a, self.branch_b)
