# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Plain functions the tests share: reading reports back, calling the server
as a client program does. The test worlds (the records every test builds)
are in common.py; no test module imports another one."""

import io
import subprocess
import tempfile
import unicodedata
import xmlrpc.client
from pathlib import Path

import xlsxwriter

from odoo.tools import mute_logger

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

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
