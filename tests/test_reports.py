# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reports rendered for real: wkhtmltopdf PDFs read back with pdftotext,
XLSX workbooks read back with openpyxl.

An HttpCase: wkhtmltopdf fetches the report's CSS from the running test
server, which a TransactionCase does not start.
"""

import shutil

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import PartyPointsCommon
from .helpers import XlsxHttpMixin, pdf_to_text, render_xlsx, workbook

ROSTER_XLSX = "party_points.action_report_party_branch_roster_xlsx"

# issue 18, item 4: every spreadsheet and the model whose Print menu has it
XLSX_REPORTS = {
    "action_report_party_branch_roster_xlsx": "party.branch",
    "action_report_party_dues_sheet_xlsx": "party.dues.sheet",
    "action_report_party_mobile_register_xlsx": "party.mobile.member",
    "action_report_party_hr_assessment_xlsx": "party.hr.assessment",
    "action_report_party_score_ledger_total_xlsx": "party.score.cycle",
    "action_report_party_score_ledger_additions_xlsx": "party.score.cycle",
    "action_report_party_score_ledger_deductions_xlsx": "party.score.cycle",
    "action_report_party_score_ledger_notice_xlsx": "party.score.cycle",
    "action_report_party_score_ledger_assessment_xlsx": "party.score.cycle",
}


@tagged("post_install", "-at_install")
class TestPartyReports(XlsxHttpMixin, PartyPointsCommon, HttpCase):
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

    def test_roster_xlsx_reads_back(self):
        book = workbook(
            render_xlsx(self.env, ROSTER_XLSX, self.branch_a, self.user_recorder_a)
        )
        sheet = book.worksheets[0]
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
        # a branch the recorder does not serve is refused, not half-printed
        with self.assertRaises(AccessError):
            render_xlsx(self.env, ROSTER_XLSX, self.branch_b, self.user_recorder_a)

    def test_roster_download_follows_record_rules(self):
        self.authenticate("pp_recorder_a", "pp_recorder_a")
        rows = self.assert_xlsx_file(
            self.download_xlsx(ROSTER_XLSX, self.branch_a), "第一党支部-党员花名册.xlsx"
        )
        self.assertEqual(rows[0][0], "第一党支部 党员花名册")
        self.assertEqual([row[1] for row in rows[4:]], ["吴一", "陈党员", "郑二"])
        with mute_logger("odoo.http"):  # the refusal is logged, as it should be
            response = self.get_xlsx(ROSTER_XLSX, self.branch_b)
        self.assertEqual(response.status_code, 403)
        # the committee prints the whole subtree, one sheet per organisation
        self.authenticate("pp_manager", "pp_manager")
        response = self.get_xlsx(ROSTER_XLSX, self.branch_a | self.branch_b)
        self.assertEqual(response.status_code, 200)
        book = workbook(response.content)
        self.assertEqual(
            [sheet["B5"].value for sheet in book.worksheets],
            ["吴一", "冯三"],
        )
        # the form's button prints the same report
        arch = self.env["party.branch"].get_view(
            self.env.ref("party_points.party_branch_view_form").id, "form"
        )["arch"]
        self.assertIn(f'name="{self.env.ref(ROSTER_XLSX).id}"', arch)

    def test_every_spreadsheet_is_in_the_print_menu_of_its_records(self):
        users = {
            "party.branch": self.user_recorder_a,
            "party.dues.sheet": self.user_recorder_a,
            "party.mobile.member": self.user_secretary_a,
            "party.hr.assessment": self.user_hr,
            "party.score.cycle": self.user_hr,
        }
        spreadsheets = self.env["ir.actions.report"].search(
            [("report_type", "=", "xlsx"), ("report_name", "=like", "party_points.%")]
        )
        # the export wizard's own report is printed by its button
        wizard = self.env.ref(
            "party_points.action_report_party_score_ledger_export_xlsx"
        )
        self.assertEqual(
            set(spreadsheets.mapped("id")),
            {self.env.ref(f"party_points.{x}").id for x in XLSX_REPORTS} | {wizard.id},
        )
        self.assertFalse(wizard.binding_model_id)
        for xmlid, model in XLSX_REPORTS.items():
            report = self.env.ref(f"party_points.{xmlid}")
            self.assertEqual(
                (report.model, report.binding_model_id.model, report.binding_type),
                (model, model, "report"),
                xmlid,
            )
            toolbar = (
                self.env[model]
                .with_user(users[model])
                .get_views([(False, "list")], {"toolbar": True})["views"]["list"][
                    "toolbar"
                ]
            )
            self.assertIn(report.id, [action["id"] for action in toolbar["print"]])

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
