# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

from odoo import api, models

try:
    import xlsxwriter
except ImportError:  # pragma: no cover - declared in external_dependencies
    xlsxwriter = None


class PartyDuesSheetXlsx(models.AbstractModel):
    """党费收缴表 as an XLSX workbook: one worksheet per collection sheet,
    the same columns and totals as the PDF."""

    _name = "report.party_points.dues_sheet_xlsx"
    _description = "Party Dues Collection Sheet (XLSX)"

    def _columns(self):
        return [
            (self.env._("No."), 6),
            (self.env._("Name"), 12),
            (self.env._("Monthly Base"), 12),
            (self.env._("Rate (%)"), 9),
            (self.env._("Amount Due"), 11),
            (self.env._("Amount Paid"), 11),
            (self.env._("Arrears"), 10),
            (self.env._("Payment Date"), 12),
            (self.env._("Paid Where"), 24),
            (self.env._("Status"), 10),
        ]

    @api.model
    def _worksheet_name(self, sheet, used):
        """The tab of a sheet: its month and branch (2026年10月 第一党支部),
        as Excel takes it (31 characters, none of []:*?/\\), once."""
        name = f"{sheet.month_label} {sheet.branch_id.name or ''}".strip()
        name = "".join(" " if char in "[]:*?/\\" else char for char in name)[:31]
        base, number = name, 1
        while name.lower() in used:
            number += 1
            suffix = f" ({number})"
            name = base[: 31 - len(suffix)] + suffix
        used.add(name.lower())
        return name

    @api.private  # called by the XLSX route once it checked access
    def generate(self, sheets):
        """Return (xlsx bytes, file name) for ``sheets``."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        title_fmt = workbook.add_format({"bold": True, "font_size": 16})
        head_fmt = workbook.add_format(
            {"bold": True, "border": 1, "bg_color": "#F2DCDB"}
        )
        cell_fmt = workbook.add_format({"border": 1})
        money_fmt = workbook.add_format({"border": 1, "num_format": "0.00"})
        total_fmt = workbook.add_format(
            {"bold": True, "border": 1, "num_format": "0.00"}
        )
        title = self.env._("Party Dues Collection Sheet")

        def label(record, field_name):
            return dict(
                record._fields[field_name]._description_selection(self.env)
            ).get(record[field_name], "")

        used = set()
        for sheet in sheets:
            month = sheet.month_label
            worksheet = workbook.add_worksheet(self._worksheet_name(sheet, used))
            worksheet.write(0, 0, f"{sheet.branch_id.name} {month} {title}", title_fmt)
            for col, (header, width) in enumerate(self._columns()):
                worksheet.write(2, col, header, head_fmt)
                worksheet.set_column(col, col, width)
            lines = sheet.line_ids.sorted(lambda line: (line.member_id.name, line.id))
            row = 2
            for index, line in enumerate(lines, start=1):
                row = 2 + index
                where = label(line, "paid_where")
                if line.host_organisation:
                    where = f"{where} {line.host_organisation}"
                worksheet.write_number(row, 0, index, cell_fmt)
                worksheet.write_string(row, 1, line.member_id.name, cell_fmt)
                worksheet.write_number(row, 2, line.base, money_fmt)
                worksheet.write_number(row, 3, line.rate, money_fmt)
                worksheet.write_number(row, 4, line.amount_due, money_fmt)
                worksheet.write_number(row, 5, line.amount_paid, money_fmt)
                worksheet.write_number(row, 6, line.arrears, money_fmt)
                worksheet.write_string(
                    row,
                    7,
                    line.payment_date.isoformat() if line.payment_date else "",
                    cell_fmt,
                )
                worksheet.write_string(row, 8, where, cell_fmt)
                worksheet.write_string(row, 9, label(line, "state"), cell_fmt)
            row += 1
            worksheet.write_string(row, 1, self.env._("Total"), total_fmt)
            worksheet.write_number(row, 4, sheet.total_due, total_fmt)
            worksheet.write_number(row, 5, sheet.total_paid, total_fmt)
            worksheet.write_number(row, 6, sheet.total_arrears, total_fmt)
            worksheet.freeze_panes(3, 0)
        workbook.close()
        name = sheets[:1].display_name if len(sheets) == 1 else title
        return output.getvalue(), f"{name}-{title}.xlsx"
