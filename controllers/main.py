# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import content_disposition, request

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PartyPointsController(http.Controller):
    """XLSX downloads, each under the user's own rights: record rules decide
    what is listed, and a record the user may not read raises AccessError,
    which Odoo answers with 403."""

    def _readable(self, model, record_id):
        record = request.env[model].browse(int(record_id)).exists()
        if not record:
            raise request.not_found()
        record.check_access("read")
        return record

    def _xlsx_response(self, content, filename):
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_TYPE),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    @http.route(
        "/party_points/branch/<int:branch_id>/roster.xlsx", type="http", auth="user"
    )
    def branch_roster_xlsx(self, branch_id):
        branch = self._readable("party.branch", branch_id)
        return self._xlsx_response(*branch._render_roster_xlsx())

    @http.route(
        "/party_points/cycle/<int:cycle_id>/ledger/<string:kind>.xlsx",
        type="http",
        auth="user",
    )
    def score_ledger_xlsx(self, cycle_id, kind, branch_id=None):
        Report = request.env["report.party_points.score_ledger_xlsx"]
        if kind not in dict(Report._kinds()):
            raise request.not_found()
        cycle = self._readable("party.score.cycle", cycle_id)
        branch = self._readable("party.branch", branch_id) if branch_id else None
        return self._xlsx_response(*Report.generate(cycle, kind, branch))

    @http.route(
        "/party_points/dues_sheet/<int:sheet_id>/sheet.xlsx", type="http", auth="user"
    )
    def dues_sheet_xlsx(self, sheet_id):
        sheet = self._readable("party.dues.sheet", sheet_id)
        return self._xlsx_response(*sheet._render_xlsx())

    @http.route("/party_points/mobile/register.xlsx", type="http", auth="user")
    def mobile_register_xlsx(self, ids=None):
        # the register holds the absences the user's rules let them read
        Mobile = request.env["party.mobile.member"]
        if ids:
            records = Mobile.browse([int(i) for i in ids.split(",") if i.isdigit()])
            records = records.exists()
            records.check_access("read")
        else:
            records = Mobile.search([])
        Report = request.env["report.party_points.mobile_register_xlsx"]
        return self._xlsx_response(*Report.generate(records))
