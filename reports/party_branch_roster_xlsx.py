# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class PartyBranchRosterXlsx(models.AbstractModel):
    """The member roster (党员花名册) of an organisation as an XLSX workbook.

    The same figures as the QWeb roster, for offices that keep working in
    spreadsheets; one sheet per organisation, members of sub-organisations
    included.
    """

    _name = "report.party_points.branch_roster_xlsx"
    _inherit = "report.party_points.report_xlsx"
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

    @api.private  # called by report_xlsx's create_xlsx_report
    def generate_xlsx_report(self, workbook, data, branches):
        title = self.env._("Party Member Roster")
        for branch in branches:
            # the id keeps two branches of the same name apart
            sheet, first = self._party_sheet(
                workbook,
                f"{branch.id}-{branch.name}",
                f"{branch.name} {title}",
                self._columns(),
            )
            # under the user's rules, like the PDF
            members = branch._roster_members()
            for index, member in enumerate(members, start=1):
                self._party_write_row(
                    sheet, first + index - 1, [index, *self._row(member)]
                )
