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
from odoo.tests import HttpCase, tagged

from .common import PartyPointsCommon, open_cycle


@tagged("post_install", "-at_install")
class TestHrExport(PartyPointsCommon, HttpCase):
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
