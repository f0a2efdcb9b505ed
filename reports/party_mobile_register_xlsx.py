# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PartyMobileRegisterXlsx(models.AbstractModel):
    """流动党员登记册: who is out, where, since when, the last contact and
    the duties overdue (R-MOB-1..3), one row per absence."""

    _name = "report.party_points.mobile_register_xlsx"
    _inherit = "report.party_points.report_xlsx"
    _description = "Mobile Member Register (XLSX)"

    def _columns(self):
        return [
            (self.env._("No."), 6),
            (self.env._("Name"), 12),
            (self.env._("Home Branch"), 26),
            (self.env._("Receiving Village/Residence Branch"), 20),
            (self.env._("Reason for Leaving"), 10),
            (self.env._("Place of Destination"), 20),
            (self.env._("Host Organisation"), 22),
            (self.env._("Departure"), 12),
            (self.env._("Expected Return"), 12),
            (self.env._("Treatment"), 22),
            (self.env._("Contact Person"), 12),
            (self.env._("Last Contact"), 12),
            (self.env._("Last Report"), 12),
            (self.env._("Report Overdue"), 10),
            (self.env._("State"), 12),
        ]

    def _row(self, record):
        def label(field_name):
            field = record._fields[field_name]
            return dict(field._description_selection(self.env)).get(
                record[field_name], ""
            )

        def day(value):
            return fields.Date.to_string(value) if value else ""

        return [
            record.member_id.name,
            record.branch_id.complete_name or "",
            record.home_branch_id.name or "",
            label("reason"),
            record.destination or "",
            record.host_organisation or record.host_branch_id.name or "",
            day(record.departure_date),
            day(record.expected_return),
            label("treatment"),
            record.contact_member_id.name or "",
            day(record.last_contact_date),
            day(record.last_report_date),
            self.env._("Yes") if record.report_overdue else "",
            label("state"),
        ]

    @api.private  # called by report_xlsx's create_xlsx_report
    def generate_xlsx_report(self, workbook, data, records):
        title = self.env._("Mobile Member Register")
        sheet, first = self._party_sheet(workbook, title, title, self._columns())
        for index, record in enumerate(records, start=1):
            self._party_write_row(sheet, first + index - 1, [index, *self._row(record)])
