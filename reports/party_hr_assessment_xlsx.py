# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# R-USE-5: the columns of HR's list (year, employee, department first), then
# the honour and the flags it can show, each a column of its own
COLUMNS = [
    ("year", 6),
    ("employee_id", 12),
    ("department_id", 20),
    ("job_id", 16),
    ("branch_id", 24),
    ("base_score", 8),
    ("addition_points", 8),
    ("deduction_points", 8),
    ("total_score", 8),
    ("rank_in_branch", 8),
    ("grade_id", 10),
    ("appraisal_grade", 12),
    ("results_summary", 36),
    ("cycle_state", 10),
    ("has_veto", 8),
    ("is_outstanding", 10),
    ("flag_probation_cancel", 12),
    ("flag_not_development_target", 12),
    ("flag_transfer_deferred", 12),
    ("projected_probation_cancel", 12),
    ("projected_not_development_target", 12),
    ("projected_transfer_deferred", 12),
]


class PartyHrAssessmentXlsx(models.AbstractModel):
    """职工党员积分考核: the rows of HR's assessment the user selected, the
    columns HR reads, a flag as 是 (issue 17 j, issue 18 item 4)."""

    _name = "report.party_points.hr_assessment_xlsx"
    _inherit = "report.party_points.report_xlsx"
    _description = "Party Points Assessment of an Employee (XLSX)"

    def _value(self, row, name):
        field = row._fields[name]
        value = row[name]
        if field.type == "boolean":
            return self.env._("Yes") if value else ""
        if field.type == "many2one":
            return value.display_name or ""
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "")
        if name == "rank_in_branch":
            return value or ""  # 0: not ranked (exempt today)
        return value

    @api.private  # called by report_xlsx's create_xlsx_report
    def generate_xlsx_report(self, workbook, data, rows):
        Assessment = self.env["party.hr.assessment"]
        title = self.env._("Party Points Assessment of an Employee")
        columns = [
            (Assessment._fields[name]._description_string(self.env), width)
            for name, width in COLUMNS
        ]
        sheet, first = self._party_sheet(workbook, title, title, columns)
        # in the list's order: the year, then department by department
        rows = Assessment.search([("id", "in", rows.ids)])
        # the branch as the list shows it, without the levels above it
        for index, row in enumerate(
            rows.with_context(party_short_name=True), start=first
        ):
            self._party_write_row(
                sheet, index, [self._value(row, name) for name, _width in COLUMNS]
            )
