# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Members loaded from an XLSX through Odoo's standard import (issue 4.7)."""

from datetime import date

from odoo.tests import tagged
from odoo.tools import file_open

from .common import PartyPointsCase, valid_id_number
from .helpers import import_options, xlsx_file, xlsx_importer

HEADERS = [
    "姓名",
    "所在党支部",
    "党员类型",
    "党员类别",
    "性别",
    "出生年月",
    "入党年月",
    "身份证号码",
]
FIELDS = [
    "name",
    "branch_id",
    "member_type",
    "category",
    "gender",
    "birthday",
    "join_date",
    "id_number",
]


def xlsx(rows):
    return xlsx_file("党员", HEADERS, rows)


@tagged("post_install", "-at_install")
class TestMemberImport(PartyPointsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.user_organisation.lang = "zh_CN"

    def _import(self, rows):
        importer = xlsx_importer(
            self._organisation_env(), "party.member", xlsx(rows), "党员.xlsx"
        )
        return importer.execute_import(FIELDS, HEADERS, import_options())

    def _organisation_env(self):
        return self.env(user=self.user_organisation, context={"lang": "zh_CN"})

    def _good_rows(self):
        return [
            [
                "孔一",
                "第一党支部",
                "正式党员",
                "在职",
                "男",
                "1985-06-01",
                "2010-07-01",
                valid_id_number("11010519850601001"),
            ],
            [
                "孔二",
                "T-G-1-1",
                "预备党员",
                "离退休",
                "女",
                "1960-03-12",
                "2025-07-01",
                "",
            ],
        ]

    def test_good_file_imports_every_row(self):
        result = self._import(self._good_rows())
        self.assertFalse(result["messages"], result["messages"])
        members = self.Member.browse(result["ids"])
        self.assertEqual(members.mapped("name"), ["孔一", "孔二"])
        self.assertEqual(members.mapped("branch_id"), self.branch_a | self.group_a)
        self.assertEqual(members.mapped("member_type"), ["full", "probationary"])
        self.assertEqual(members[1].category, "retired")
        self.assertEqual(members[0].birthday, date(1985, 6, 1))
        self.assertEqual(
            members[0].id_number, "11010519850601001" + members[0].id_number[-1]
        )

    def _assert_refused(self, rows, bad_row, reason):
        before = self.Member.search_count([])
        result = self._import(rows)
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(errors, "the import should have been refused")
        self.assertFalse(result["ids"])
        self.assertEqual(
            self.Member.search_count([]), before, "nothing is half-imported"
        )
        messages = " ".join(m["message"] for m in errors)
        self.assertIn(reason, messages)
        self.assertIn(bad_row, [m.get("record") for m in errors], errors)

    def test_unknown_branch_stops_the_import(self):
        rows = [
            *self._good_rows(),
            ["孔三", "不存在的支部", "正式党员", "在职", "男", "", "", ""],
        ]
        self._assert_refused(rows, 2, "不存在的支部")

    def test_invalid_id_number_stops_the_import(self):
        rows = self._good_rows()
        rows[1][7] = "110105196003120010"  # wrong check character
        self._assert_refused(rows, 1, "校验位错误")

    def test_duplicate_id_number_stops_the_import(self):
        number = valid_id_number("11010519850601001")
        self.member_a1.write({"id_number": number})
        self._assert_refused(self._good_rows(), 0, "已登记为党员 吴一")

    def test_template_headers_match_the_fields(self):
        # the documented template (menu and import dialog) maps every column
        with file_open(
            "party_points/static/xls/party_member_import_template.xlsx", "rb"
        ) as f:
            content = f.read()
        importer = xlsx_importer(
            self._organisation_env(), "party.member", content, "template.xlsx"
        )
        preview = importer.parse_preview(
            {"has_headers": True, "quoting": '"', "separator": ","}
        )
        self.assertNotIn("error", preview, preview.get("error"))
        matched = {
            preview["headers"][index]: path[0]
            for index, path in preview["matches"].items()
            if path
        }
        self.assertEqual(
            matched,
            {
                "姓名": "name",
                "所在党支部": "branch_id",
                "党员类型": "member_type",
                "党员类别": "category",
                "性别": "gender",
                "出生年月": "birthday",
                "文化程度": "education",
                "入党年月": "join_date",
                "党内职务": "party_post",
                "身份证号码": "id_number",
                "联系电话": "phone",
            },
        )
        templates = self.Member.get_import_templates()
        self.assertEqual(
            templates[0]["template"],
            "/party_points/static/xls/party_member_import_template.xlsx",
        )
