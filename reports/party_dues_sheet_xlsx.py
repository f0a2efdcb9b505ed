# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class PartyDuesSheetXlsx(models.AbstractModel):
    """党费收缴表 as an XLSX workbook: one worksheet per collection sheet,
    the same columns and totals as the PDF."""

    _name = "report.party_points.dues_sheet_xlsx"
    _inherit = "report.party_points.report_xlsx"
    _description = "Party Dues Collection Sheet (XLSX)"

    def _columns(self):
        return [
            (self.env._("No."), 6),
            (self.env._("Name"), 12),
            (self.env._("Monthly Base"), 12, "money"),
            (self.env._("Rate (%)"), 9, "money"),
            (self.env._("Amount Due"), 11, "money"),
            (self.env._("Amount Paid"), 11, "money"),
            (self.env._("Arrears"), 10, "money"),
            (self.env._("Payment Date"), 12),
            (self.env._("Paid Where"), 24),
            (self.env._("Status"), 10),
        ]

    @api.private  # called by report_xlsx's create_xlsx_report
    def generate_xlsx_report(self, workbook, data, sheets):
        title = self.env._("Party Dues Collection Sheet")

        def label(record, field_name):
            return dict(
                record._fields[field_name]._description_selection(self.env)
            ).get(record[field_name], "")

        for sheet in sheets:
            # the tab names the month and the branch (2026年10月 第一党支部)
            worksheet, first = self._party_sheet(
                workbook,
                f"{sheet.month_label} {sheet.branch_id.name or ''}",
                f"{sheet.branch_id.name} {sheet.month_label} {title}",
                self._columns(),
                printed_on=False,
            )
            lines = sheet.line_ids.sorted(lambda line: (line.member_id.name, line.id))
            row = first
            for index, line in enumerate(lines, start=1):
                where = label(line, "paid_where")
                if line.host_organisation:
                    where = f"{where} {line.host_organisation}"
                self._party_write_row(
                    worksheet,
                    row,
                    [
                        index,
                        line.member_id.name,
                        line.base,
                        line.rate,
                        line.amount_due,
                        line.amount_paid,
                        line.arrears,
                        line.payment_date.isoformat() if line.payment_date else "",
                        where,
                        label(line, "state"),
                    ],
                )
                row += 1
            self._party_write_row(
                worksheet,
                row,
                [
                    None,
                    self.env._("Total"),
                    None,
                    None,
                    sheet.total_due,
                    sheet.total_paid,
                    sheet.total_arrears,
                ],
                style="total",
            )
