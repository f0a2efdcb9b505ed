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
