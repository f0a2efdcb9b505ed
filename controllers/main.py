# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import content_disposition, request

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PartyPointsController(http.Controller):
    @http.route(
        "/party_points/branch/<int:branch_id>/roster.xlsx", type="http", auth="user"
    )
    def branch_roster_xlsx(self, branch_id):
        # browse as the user: record rules decide, and a branch the user may
        # not read raises AccessError, which Odoo answers with 403.
        branch = request.env["party.branch"].browse(branch_id).exists()
        if not branch:
            raise request.not_found()
        branch.check_access("read")
        content, filename = branch._render_roster_xlsx()
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_TYPE),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    @http.route(
        "/party_points/cycle/<int:cycle_id>/ledger/<string:kind>.xlsx",
        type="http",
        auth="user",
    )
    def score_ledger_xlsx(self, cycle_id, kind, branch_id=None):
        # the user's record rules decide which members and lines are listed
        Report = request.env["report.party_points.score_ledger_xlsx"]
        if kind not in dict(Report._kinds()):
            raise request.not_found()
        cycle = request.env["party.score.cycle"].browse(cycle_id).exists()
        if not cycle:
            raise request.not_found()
        cycle.check_access("read")
        branch = request.env["party.branch"]
        if branch_id:
            branch = branch.browse(int(branch_id)).exists()
            if not branch:
                raise request.not_found()
            branch.check_access("read")
        content, filename = Report.generate(cycle, kind, branch or None)
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX_TYPE),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    @http.route(
        "/party_points/dues_sheet/<int:sheet_id>/sheet.xlsx", type="http", auth="user"
    )
    def dues_sheet_xlsx(self, sheet_id):
        # as the user: the dues sheet's record rules decide (403 otherwise)
        sheet = request.env["party.dues.sheet"].browse(sheet_id).exists()
        if not sheet:
            raise request.not_found()
        sheet.check_access("read")
        content, filename = sheet._render_xlsx()
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet",
                ),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    @http.route("/party_points/mobile/register.xlsx", type="http", auth="user")
    def mobile_register_xlsx(self, ids=None):
        # as the user: the register holds the absences their rules let them read
        Mobile = request.env["party.mobile.member"]
        if ids:
            records = Mobile.browse([int(i) for i in ids.split(",") if i.isdigit()])
            records = records.exists()
            records.check_access("read")
        else:
            records = Mobile.search([])
        content, filename = request.env[
            "report.party_points.mobile_register_xlsx"
        ].generate(records)
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet",
                ),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
