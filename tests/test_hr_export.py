# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 17 j: HR's assessment list and its export read like a report for
HR: the year, the employee and the department first, the year's results in
words, a flag as 是, the file named after the report."""

import io
import json
from datetime import date

import openpyxl
from lxml import etree

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PartyPointsCommon, open_cycle
from .helpers import XlsxHttpMixin, render_xlsx, sheet_rows

ASSESSMENT_XLSX = "party_points.action_report_party_hr_assessment_xlsx"


@tagged("post_install", "-at_install")
class TestHrExport(XlsxHttpMixin, PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.user_hr.lang = "zh_CN"
        cls.cycle = open_cycle(cls.env, 2025)
        cls.dept = cls.env["hr.department"].create({"name": "生产部"})
        cls.employee = cls.employ(cls.member_a1, department_id=cls.dept.id)
        cls.member_a1.member_type = "probationary"
        # 吴一 at 55: a probationary member under the line, projected
        recorder = cls.user_recorder_a
        cls._registered(cls.member_a1, "k02_1", -20, date(2025, 3, 3), recorder)
        cls._registered(cls.member_a1, "k01_1", -5, date(2025, 3, 4), recorder)

    def _row(self):
        return (
            self.env["party.hr.assessment"]
            .with_user(self.user_hr)
            .with_context(lang="zh_CN")
            .search([("employee_id", "=", self.employee.id), ("year", "=", "2025")])
        )

    def test_the_list_reads_like_a_report(self):
        row = self._row()
        self.assertEqual(row.total_score, 55)
        self.assertEqual(row.results_summary, "预计：按当前积分将取消预备党员资格")
        arch = self.env["party.hr.assessment"].get_view(
            self.env.ref("party_points.party_hr_assessment_view_list").id, "list"
        )["arch"]
        columns = [
            field.get("name")
            for field in etree.fromstring(arch).iter("field")
            if field.get("optional") != "hide" and not field.get("column_invisible")
        ]
        self.assertEqual(columns[:3], ["year", "employee_id", "department_id"])
        self.assertIn("results_summary", columns)
        # a flag of its own is there to choose, not in the way
        self.assertNotIn("flag_probation_cancel", columns)
        self.assertEqual(
            etree.fromstring(arch).get("default_order"),
            "year desc, department_id, employee_id",
        )

    def test_the_export_names_the_report_and_says_yes(self):
        self.authenticate("pp_hr", "pp_hr")
        Assessment = self.env["party.hr.assessment"]
        names = ["year", "employee_id", "total_score", "projected_probation_cancel"]
        fields = [
            {
                "name": name,
                "label": Assessment._fields[name]._description_string(
                    self.env(context={"lang": "zh_CN"})
                ),
            }
            for name in names
        ]
        response = self.url_open(
            "/web/export/xlsx",
            data={
                "data": json.dumps(
                    {
                        "model": "party.hr.assessment",
                        "fields": fields,
                        "ids": self._row().ids,
                        "domain": [],
                        "import_compat": False,
                        "context": {"lang": "zh_CN"},
                    }
                ),
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "filename*=UTF-8''%E8%81%8C%E5%B7%A5%E5%85%9A%E5%91%98%E7%A7%AF%E5%88%86"
            "%E8%80%83%E6%A0%B8.xlsx",
            response.headers["Content-Disposition"],
        )
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        self.assertEqual(rows[1], ["2025", "吴一", 55, "是"])
        # an import-compatible export keeps the raw value
        raw = (
            self._row()
            .with_context(import_compat=True)
            .export_data(["projected_probation_cancel"])
        )
        self.assertEqual(raw["datas"], [[True]])

    def test_the_assessment_prints_as_a_spreadsheet(self):
        # issue 18, item 4: 职工党员积分考核 from the Print menu, the rows
        # selected, the columns HR reads, a flag as 是
        rows = sheet_rows(
            render_xlsx(self.env, ASSESSMENT_XLSX, self._row(), self.user_hr)
        )
        self.assertEqual(rows[0][0], "职工党员积分考核")
        header = rows[3]
        self.assertEqual(header[:3], ["年度", "员工", "部门"])
        self.assertEqual(len(rows), 5)
        wu = dict(zip(header, rows[4], strict=True))
        self.assertEqual(
            (wu["年度"], wu["员工"], wu["部门"], wu["积分"], wu["扣分"]),
            ("2025", "吴一", "生产部", 55, -25),
        )
        self.assertEqual(
            (wu["考评党支部"], wu["支部排名"], wu["考核等次"], wu["周期状态"]),
            ("第一党支部", 1, "较差", "进行中"),
        )
        self.assertEqual(wu["年度积分运用结果"], "预计：按当前积分将取消预备党员资格")
        # each flag a column of its own: 是, or nothing
        self.assertEqual(wu["预计：按当前积分将取消预备党员资格"], "是")
        self.assertEqual((wu["一票否决"], wu["预备党员资格待取消"]), (None, None))
        # the committee reads it too; a branch recorder does not
        rows = sheet_rows(
            render_xlsx(self.env, ASSESSMENT_XLSX, self._row(), self.user_manager)
        )
        self.assertEqual(rows[4][1], "吴一")
        with self.assertRaises(AccessError):
            render_xlsx(self.env, ASSESSMENT_XLSX, self._row(), self.user_recorder_a)

    def test_the_assessment_downloads_named_after_the_report(self):
        self.authenticate("pp_hr", "pp_hr")
        rows = self.assert_xlsx_file(
            self.download_xlsx(ASSESSMENT_XLSX, self._row()), "职工党员积分考核.xlsx"
        )
        self.assertEqual(rows[4][:3], ["2025", "吴一", "生产部"])
        self.authenticate("pp_recorder_a", "pp_recorder_a")
        with mute_logger("odoo.http"):
            response = self.get_xlsx(ASSESSMENT_XLSX, self._row())
        self.assertEqual(response.status_code, 403)
