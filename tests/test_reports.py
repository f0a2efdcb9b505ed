# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reports rendered for real: wkhtmltopdf PDFs read back with pdftotext,
XLSX workbooks read back with openpyxl.

An HttpCase: wkhtmltopdf fetches the report's CSS from the running test
server, which a TransactionCase does not start.
"""

import io
import shutil

import openpyxl

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import PartyPointsCommon
from .helpers import pdf_to_text


@tagged("post_install", "-at_install")
class TestPartyReports(PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.user_recorder_a.lang = "zh_CN"
        cls.member_a1.write(
            {
                "education": "bachelor",
                "member_type": "full",
                "category": "in_service",
            }
        )

    def test_roster_pdf_is_a_real_pdf_in_chinese(self):
        self.assertTrue(shutil.which("pdftotext"), "poppler-utils must be installed")
        report = self.env.ref("party_points.action_report_party_branch_roster")
        pdf, kind = (
            report.with_user(self.user_recorder_a)
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf(report.report_name, self.branch_a.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF-"))
        text = pdf_to_text(pdf)
        self.assertIn("第一党支部 党员花名册", text)
        for name in ("陈党员", "吴一", "郑二"):  # 郑二 is in the sub-group
            self.assertIn(name, text)
        self.assertNotIn("冯三", text)  # another branch
        self.assertIn("组织委员", text)
        self.assertIn("本科", text)  # the education label, translated
        self.assertIn("正式党员", text)

    def _xlsx(self, branch):
        content, filename = branch.with_context(lang="zh_CN")._render_roster_xlsx()
        return openpyxl.load_workbook(io.BytesIO(content)), filename

    def test_roster_xlsx_reads_back(self):
        workbook, filename = self._xlsx(self.branch_a)
        self.assertEqual(filename, "第一党支部-党员花名册.xlsx")
        sheet = workbook.worksheets[0]
        self.assertEqual(sheet["A1"].value, "第一党支部 党员花名册")
        headers = [cell.value for cell in sheet[4]]
        self.assertEqual(headers[:3], ["序号", "姓名", "性别"])
        rows = [
            [cell.value for cell in row]
            for row in sheet.iter_rows(min_row=5)
            if row[0].value is not None
        ]
        self.assertEqual([row[1] for row in rows], ["吴一", "陈党员", "郑二"])
        wu = rows[0]
        self.assertEqual(wu[0], 1)
        self.assertEqual(wu[2], "男")
        self.assertEqual(wu[4], "本科")
        self.assertEqual(wu[6], "正式党员")
        self.assertEqual(wu[8], "组织委员")
        self.assertEqual(
            rows[2][9], "测试党工委 / 测试党总支 / 第一党支部 / 第一党小组"
        )

    def test_roster_download_follows_record_rules(self):
        self.authenticate("pp_recorder_a", "pp_recorder_a")
        response = self.url_open(f"/party_points/branch/{self.branch_a.id}/roster.xlsx")
        self.assertEqual(response.status_code, 200)
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(workbook.worksheets[0]["A1"].value, "第一党支部 党员花名册")
        with mute_logger("odoo.http"):  # the refusal is logged, as it should be
            response = self.url_open(
                f"/party_points/branch/{self.branch_b.id}/roster.xlsx"
            )
        self.assertEqual(response.status_code, 403)

    def test_menu_is_in_chinese(self):
        # The demo promise: a Chinese user finds 党员积分 in the main menu.
        new_test_user(
            self.env,
            login="pp_zh_member",
            groups="base.group_user,party_points.group_party_member",
            lang="zh_CN",
        )
        self.authenticate("pp_zh_member", "pp_zh_member")
        response = self.url_open("/web/webclient/load_menus/1")
        self.assertEqual(response.status_code, 200)
        names = {menu["name"] for menu in response.json().values()}
        self.assertIn("党员积分", names)
        self.assertIn("党员", names)
