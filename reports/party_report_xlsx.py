# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.party_workflow_mixin import party_today

# characters Excel refuses in a worksheet's name (at most 31 characters)
SHEET_NAME_FORBIDDEN = "[]:*?/\\"


class PartyReportXlsx(models.AbstractModel):
    """What every spreadsheet of the addon shares (issue 18, item 4).

    Each spreadsheet is an ``ir.actions.report`` of type xlsx (OCA
    ``report_xlsx``) bound to the model it prints, so it sits in the Print
    menu beside the PDFs. The workbook is made under the user's own rights:
    a record the user may not read is refused, and what a report lists
    besides is searched under the user's record rules.

    A sheet reads the same in every report: the title on the first row, the
    date it was printed on the second, a blank row, then the header row (the
    columns' widths set, the panes frozen under it) and the rows.
    """

    _name = "report.party_points.report_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Party Points Spreadsheet"

    def _get_objs_for_report(self, docids, data):
        records = super()._get_objs_for_report(docids, data).exists()
        # never under sudo: an AccessError for a record the user may not read
        records.check_access("read")
        return records

    def _party_formats(self, workbook):
        """The cell formats, added once to ``workbook``."""
        formats = getattr(workbook, "party_formats", None)
        if formats is None:
            formats = workbook.party_formats = {
                "title": workbook.add_format({"bold": True, "font_size": 16}),
                "head": workbook.add_format(
                    {
                        "bold": True,
                        "border": 1,
                        "bg_color": "#F2DCDB",
                        "text_wrap": True,
                    }
                ),
                "cell": workbook.add_format({"border": 1}),
                "money": workbook.add_format({"border": 1, "num_format": "0.00"}),
                "total": workbook.add_format(
                    {"bold": True, "border": 1, "num_format": "0.00"}
                ),
            }
        return formats

    def _party_sheet(self, workbook, name, title, columns, printed_on=True):
        """Add a worksheet named ``name`` headed by ``title`` and the
        ``columns`` — (header, width) or (header, width, "money") — and
        return it with the index of its first row of data."""
        formats = self._party_formats(workbook)
        name = "".join(" " if char in SHEET_NAME_FORBIDDEN else char for char in name)
        # a name used twice gets a number (report_xlsx's workbook)
        sheet = workbook.add_worksheet(name.strip()[:31])
        sheet.write_string(0, 0, title, formats["title"])
        header_row = 2
        if printed_on:
            today = fields.Date.to_string(party_today(self))
            sheet.write_string(1, 0, self.env._("Printed on %(date)s", date=today))
            header_row = 3
        for col, (header, width, *_kind) in enumerate(columns):
            sheet.write_string(header_row, col, header, formats["head"])
            sheet.set_column(col, col, width)
        sheet.freeze_panes(header_row + 1, 0)
        sheet.party_columns = columns
        sheet.party_formats = formats
        return sheet, header_row + 1

    def _party_write_row(self, sheet, row, values, style="cell"):
        """Write ``values`` on ``row``: numbers as numbers (money-formatted
        in a money column), anything else as text; None, False and "" as
        empty cells."""
        formats = sheet.party_formats
        columns = sheet.party_columns
        money = {col for col, column in enumerate(columns) if column[2:] == ("money",)}
        for col, value in enumerate(values):
            if isinstance(value, int | float) and not isinstance(value, bool):
                number_style = "money" if style == "cell" and col in money else style
                sheet.write_number(row, col, value, formats[number_style])
            elif value is None or value is False or value == "":
                sheet.write_blank(row, col, None, formats[style])
            else:
                sheet.write_string(row, col, str(value), formats[style])
