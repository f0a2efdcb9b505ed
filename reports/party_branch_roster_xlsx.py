# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io

from odoo import api, fields, models

from ..models.party_workflow_mixin import party_today

try:
    import xlsxwriter
except ImportError:  # pragma: no cover - declared in external_dependencies
    xlsxwriter = None


class PartyBranchRosterXlsx(models.AbstractModel):
    """The member roster (党员花名册) of an organisation as an XLSX workbook.

    The same figures as the QWeb roster, for offices that keep working in
    spreadsheets; one sheet per organisation, members of sub-organisations
    included.
    """

    _name = "report.party_points.branch_roster_xlsx"
    _description = "Party Member Roster (XLSX)"

    def _columns(self):
        return [
            (self.env._("No."), 6),
            (self.env._("Name"), 12),
            (self.env._("Gender"), 6),
            (self.env._("Month of Birth"), 12),
            (self.env._("Education"), 16),
            (self.env._("Month Joined the Party"), 14),
            (self.env._("Member Type"), 12),
            (self.env._("Member Category"), 12),
            (self.env._("Party Post"), 14),
            (self.env._("Assigned Branch"), 30),
        ]

    def _row(self, member):
        def label(field_name):
            field = member._fields[field_name]
            return dict(field._description_selection(self.env)).get(
                member[field_name], ""
            )

        return [
            member.name,
            label("gender"),
            member.birth_month_label,
            label("education"),
            member.join_month_label,
            label("member_type"),
            label("category"),
            member.party_post or "",
            member.branch_id.complete_name,
        ]

    @api.private  # called by the XLSX route once it checked access
    def generate(self, branches):
        """Return (xlsx bytes, file name) for the rosters of ``branches``."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        title_fmt = workbook.add_format({"bold": True, "font_size": 16})
        head_fmt = workbook.add_format(
            {"bold": True, "border": 1, "bg_color": "#F2DCDB"}
        )
        cell_fmt = workbook.add_format({"border": 1})
        title = self.env._("Party Member Roster")
        today = party_today(self)
        for branch in branches:
            # Sheet names: at most 31 characters, unique in the workbook.
            sheet = workbook.add_worksheet(f"{branch.id}-{branch.name}"[:31])
            sheet.write(0, 0, f"{branch.name} {title}", title_fmt)
            sheet.write(
                1,
                0,
                self.env._("Printed on %(date)s", date=fields.Date.to_string(today)),
            )
            for col, (header, width) in enumerate(self._columns()):
                sheet.write(3, col, header, head_fmt)
                sheet.set_column(col, col, width)
            members = branch._roster_members()
            for index, member in enumerate(members, start=1):
                row = 3 + index
                sheet.write_number(row, 0, index, cell_fmt)
                for col, value in enumerate(self._row(member), start=1):
                    sheet.write_string(row, col, value, cell_fmt)
            sheet.freeze_panes(4, 0)
        workbook.close()
        name = branches[:1].name if len(branches) == 1 else title
        return output.getvalue(), f"{name}-{title}.xlsx"
