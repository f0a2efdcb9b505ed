# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Plain functions the tests share: reading reports back, calling the server
as a client program does. The test worlds (the records every test builds)
are in common.py; no test module imports another one."""

import io
import json
import subprocess
import tempfile
import unicodedata
import xmlrpc.client
from pathlib import Path

import openpyxl
import xlsxwriter

from odoo import http
from odoo.tools import mute_logger

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def import_options():
    """The options Odoo's import dialog sends for a spreadsheet with a header
    row: a new dict each time, as base_import writes the sheet into it."""
    return {
        "has_headers": True,
        "date_format": "%Y-%m-%d",
        "quoting": '"',
        "separator": ",",
    }


# issue 8 (a): the context keys earlier versions trusted, and a few more a
# client might try; no guard may give way to them
BYPASS_CONTEXT = {
    "party_score_action": True,
    "party_history": True,
    "party_exemption_action": True,
    "tracking_disable": True,
}


def pdf_to_text(pdf_bytes):
    """The text of a PDF, NFKC-normalised: the CJK fonts map some common
    characters to their Kangxi radical twins (⼀ for 一), which read the same."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(pdf_bytes)
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return unicodedata.normalize("NFKC", text)


def pdf_first_page_png(pdf_bytes, name):
    """The first page of a PDF as a PNG (60 dpi), kept as
    ``<tmp>/party_points_pages/<name>.png`` for a person to look at; returns
    its bytes."""
    out = Path(tempfile.gettempdir()) / "party_points_pages"
    out.mkdir(exist_ok=True)
    path = out / f"{name}.pdf"
    path.write_bytes(pdf_bytes)
    subprocess.run(
        [
            *("pdftoppm", "-png", "-r", "60", "-singlefile", "-f", "1", "-l", "1"),
            str(path),
            str(path.with_suffix("")),
        ],
        check=True,
    )
    return path.with_suffix(".png").read_bytes()


def report_text(content):
    """The text of a report served to the browser. Odoo's test mode renders
    the report's HTML instead of calling wkhtmltopdf inside a request
    (ir.actions.report._render_qweb_pdf); test_handbook_report and
    test_publication_report read the real PDFs."""
    if content.startswith(b"%PDF"):
        return pdf_to_text(content)
    return content.decode()


def xlsx_file(sheet_name, headers, rows):
    """The bytes of a workbook of one sheet: ``headers``, then ``rows``."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet(sheet_name)
    for col, header in enumerate(headers):
        sheet.write(0, col, header)
    for row_index, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            sheet.write(row_index, col, value)
    workbook.close()
    return output.getvalue()


def execute_kw(case, user, model, method, args, kwargs=None, password=None):
    """``model.method(*args, **kwargs)`` over XML-RPC, as ``user`` of the
    running test server (``case`` is an HttpCase); the password is the login,
    as common.PartyPointsCommon.party_user sets it."""
    return case.xmlrpc_object.execute_kw(
        case.env.cr.dbname,
        user.id,
        password or user.login,
        model,
        method,
        list(args),
        kwargs or {},
    )


def rpc_fault(case, user, model, method, args, kwargs=None, password=None):
    """The message of the fault the server answers to that call: the call
    must be refused (the server logs the refusal, as it should)."""
    with case.assertRaises(xmlrpc.client.Fault) as caught, mute_logger("odoo.http"):
        execute_kw(case, user, model, method, args, kwargs, password)
    return caught.exception.faultString


# The spreadsheets are report actions (issue 18, item 4): rendered as the web
# client renders them, through ir.actions.report._render or report_xlsx's
# routes, and read back with openpyxl.
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
        self.assertEqual(response.headers["Content-Type"], XLSX_MIME)
        disposition = response.headers["Content-Disposition"]
        self.assertIn(http.content_disposition(filename), disposition)
        return sheet_rows(response.content)


def xlsx_importer(env, model, content, file_name):
    """Odoo's import dialog (``base_import.import``) holding the spreadsheet
    ``content`` for ``model``, as the user and language of ``env``; run it
    with ``execute_import(fields, headers, import_options())``."""
    return env["base_import.import"].create(
        {
            "res_model": model,
            "file": content,
            "file_name": file_name,
            "file_type": XLSX_MIME,
        }
    )
