# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The spreadsheets are report actions (issue 18, item 4): rendered here as
the web client renders them, through ``ir.actions.report._render`` or the
HTTP routes of report_xlsx, and read back with openpyxl."""

import io
import json

import openpyxl

from odoo import http

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(content):
    return openpyxl.load_workbook(io.BytesIO(content))


def sheet_rows(content):
    """The rows of the first sheet, as lists of values."""
    return [list(row) for row in workbook(content).active.iter_rows(values_only=True)]


def render_xlsx(env, xmlid, records, user, lang="zh_CN"):
    """The bytes of the report ``xmlid`` printing ``records`` as ``user``."""
    report = env.ref(xmlid)
    content, kind = (
        report.with_user(user)
        .with_context(lang=lang)
        ._render(report.report_name, records.ids)
    )
    assert kind == "xlsx", kind
    return content


class XlsxHttpMixin:
    """For an HttpCase: the routes the Print menu goes through."""

    def xlsx_route(self, xmlid, records):
        report = self.env.ref(xmlid)
        ids = ",".join(str(i) for i in records.ids)
        return f"/report/xlsx/{report.report_name}/{ids}"

    def get_xlsx(self, xmlid, records):
        """GET /report/xlsx/<report>/<ids> in the authenticated session."""
        return self.url_open(self.xlsx_route(xmlid, records))

    def download_xlsx(self, xmlid, records):
        """What the Print menu posts: /report/download, the file named by
        the report's print_report_name."""
        return self.url_open(
            "/report/download",
            data={
                "data": json.dumps([self.xlsx_route(xmlid, records), "xlsx"]),
                "context": json.dumps({"lang": "zh_CN"}),
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def assert_xlsx_file(self, response, filename):
        """A spreadsheet named ``filename``; returns its rows."""
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX_TYPE)
        disposition = response.headers["Content-Disposition"]
        self.assertIn(http.content_disposition(filename), disposition)
        return sheet_rows(response.content)
