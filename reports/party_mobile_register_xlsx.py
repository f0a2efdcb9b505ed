# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

from odoo import api, fields, models

from ..models.party_workflow_mixin import party_today

try:
    import xlsxwriter
except ImportError:  # pragma: no cover - declared in external_dependencies
    xlsxwriter = None


class PartyMobileRegisterXlsx(models.AbstractModel):
    """流动党员登记册: who is out, where, since when, the last contact and
    the duties overdue (R-MOB-1..3), one row per absence."""

    _name = "report.party_points.mobile_register_xlsx"
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

    @api.private  # called by the XLSX route once it checked access
    def generate(self, records):
        """Return (xlsx bytes, file name) for the register of ``records``."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        title_fmt = workbook.add_format({"bold": True, "font_size": 16})
        head_fmt = workbook.add_format(
            {"bold": True, "border": 1, "bg_color": "#F2DCDB"}
        )
        cell_fmt = workbook.add_format({"border": 1})
        title = self.env._("Mobile Member Register")
        today = party_today(self)
        sheet = workbook.add_worksheet(title[:31])
        sheet.write(0, 0, title, title_fmt)
        sheet.write(
            1, 0, self.env._("Printed on %(date)s", date=fields.Date.to_string(today))
        )
        for col, (header, width) in enumerate(self._columns()):
            sheet.write(3, col, header, head_fmt)
            sheet.set_column(col, col, width)
        for index, record in enumerate(records, start=1):
            row = 3 + index
            sheet.write_number(row, 0, index, cell_fmt)
            for col, value in enumerate(self._row(record), start=1):
                sheet.write_string(row, col, value, cell_fmt)
        sheet.freeze_panes(4, 0)
        workbook.close()
        return output.getvalue(), f"{title}.xlsx"
