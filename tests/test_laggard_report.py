# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Seed 002 附件3: the 后进党员评定呈报表 as a real PDF, read back with
pdftotext (an HttpCase: wkhtmltopdf fetches the CSS from the test server)."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import LaggardCommon, PartyPointsCommon, open_cycle, valid_id_number
from .helpers import pdf_to_text

ID_NUMBER = valid_id_number("33078319850312004")


@tagged("post_install", "-at_install")
class TestLaggardReportForm(LaggardCommon, PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        open_cycle(cls.env, 2025)
        cls.setup_laggard_world()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.user_secretary_a.lang = "zh_CN"
        cls.member_a1.sudo().write(
            {
                "education": "senior",
                "join_date": date(2010, 7, 1),
                "birthday": date(1985, 3, 12),
                "id_number": ID_NUMBER,
                "phone": "13800138000",
            }
        )
        cls.case = cls.open_case(
            shortcomings="连续三个月无故不参加组织生活，拒不接受交办的任务。"
        )
        case = cls.case.with_user(cls.user_secretary_a)
        case.action_announce(date(2025, 4, 2), "在专题组织生活会上通报积分。")
        case.action_determine(date(2025, 4, 5), "经支委会集体研究，初定为后进党员。")

    def _render(self, user):
        report = self.env.ref("party_points.action_report_party_laggard_case")
        return (
            report.with_user(user)
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf(report.report_name, self.case.ids)
        )

    def test_report_form_pdf_carries_the_member_data(self):
        # R-MEM-3: the organisation officer (分管组织的支委) of the branch
        # prints the form with the phone and ID number
        pdf, kind = self._render(self.user_organisation)
        self.assertEqual(kind, "pdf")
        with open("/tmp/party_laggard_report_form.pdf", "wb") as handle:
            handle.write(pdf)
        text = pdf_to_text(pdf)
        for expected in (
            "后进党员评定呈报表",
            "吴一",
            "第一党支部",
            ID_NUMBER,
            "13800138000",
            "拒不接受交办的任务",
            "高中",  # the education level, translated
            "2010年7月",  # 入党年月 as the form writes it (issue 17 l)
            "初定为后进党员",
            "应到支部委员 5 人",
            "党工委",
            "备注",
            "一式两份",
        ):
            self.assertIn(expected, text)
        self.assertIn("2025 年 4 月 5 日", text)

    def test_report_form_without_the_sensitive_data_for_other_roles(self):
        # R-MEM-3 (issue 11): the secretary, who is no organisation officer,
        # and the HR officer read the case, and get the form with the phone
        # and the ID number left blank
        for user in (self.user_secretary_a, self.user_hr):
            with self.assertRaises(AccessError):
                self.member_a1.with_user(user).read(["id_number"])
            text = pdf_to_text(self._render(user)[0])
            self.assertIn("吴一", text)
            self.assertNotIn(ID_NUMBER, text)
            self.assertNotIn("13800138000", text)

    def test_report_form_only_for_those_who_read_the_case(self):
        secretary_b = self.party_user(
            "pp_secretary_b",
            "base.group_user,party_points.group_party_secretary",
            "冯书记",
        )
        self.branch_b.officer_user_ids = secretary_b
        with self.assertRaises(AccessError):
            self._render(secretary_b)
