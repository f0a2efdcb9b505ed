# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import content_disposition, request


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
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet",
                ),
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
