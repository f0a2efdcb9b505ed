# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import api, fields, models

from ..models.party_workflow_mixin import party_month_label


class PartyScoreRegisterReport(models.AbstractModel):
    """积分登记台账 (R-SCORE-6 月登记): every line a branch scored in a month,
    whatever its state, with who declared, verified and approved it; the
    user's record rules decide what is listed."""

    _name = "report.party_points.report_party_score_register"
    _description = "Monthly Points Register"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        branch = self.env["party.branch"].browse(data.get("branch_id")).exists()
        branch.check_access("read")
        start = date(int(data["year"]), int(data["month"]), 1)
        end = fields.Date.end_of(start, "month")
        lines = self.env["party.score.line"].search(
            [
                ("branch_id", "child_of", branch.id),
                ("date", ">=", start),
                ("date", "<=", end),
            ],
            order="date, member_id, id",
        )
        states = dict(lines._fields["state"]._description_selection(self.env))
        approved = lines.filtered(lambda x: x.state == "approved")
        additions = sum(approved.filtered(lambda x: x.points > 0).mapped("points"))
        deductions = sum(approved.filtered(lambda x: x.points < 0).mapped("points"))
        # signed before the _() call: babel cannot read f-strings inside one;
        # nothing is 0, not "+0"
        additions, deductions = (
            f"{value:+d}" if value else "0" for value in (additions, deductions)
        )
        return {
            "doc_ids": branch.ids,
            "doc_model": "party.branch",
            "docs": branch,
            "title": self.env._(
                "%(branch)s Points Register of %(month)s",
                branch=branch.name,
                month=party_month_label(self.env, start),
            ),
            "rows": [
                {
                    "date": line.date.strftime("%Y-%m-%d"),
                    "member": line.member_id.name,
                    "item": f"{line.standard_id.code} {line.standard_id.name}",
                    "points": f"{line.points:+d}",
                    "description": line.description or "",
                    "state": states[line.state],
                    "declared": line.declared_by_id.name or "",
                    "verified": line.verified_by_id.name or "",
                    "approved": line.approved_by_id.name or "",
                }
                for line in lines
            ],
            "summary": self.env._(
                "%(count)s lines, %(approved)s approved or registered: additions "
                "%(additions)s, deductions %(deductions)s.",
                count=len(lines),
                approved=len(approved),
                additions=additions,
                deductions=deductions,
            ),
        }
