# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Exports of the Party records are named like the report they are (issue
17 j): "职工党员积分考核.xlsx", not "职工党员积分考核 (party.hr.assessment).xlsx"
— a technical model name means nothing to HR."""

from odoo.http import request

from odoo.addons.web.controllers.export import CSVExport, ExcelExport


def _party_filename(base):
    if base.startswith("party.") and base in request.env:
        return request.env["ir.model"]._get(base).name
    return None


class PartyExcelExport(ExcelExport):
    def filename(self, base):
        return _party_filename(base) or super().filename(base)


class PartyCSVExport(CSVExport):
    def filename(self, base):
        return _party_filename(base) or super().filename(base)
