# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL

from .party_workflow_mixin import PARTY_DEFAULT_TZ


class PartyHrAssessment(models.Model):
    """The yearly Party assessment of an employee, for HR (R-USE-5).

    One row per employee and cycle, read from the member's points card: the
    additions AND the deductions of the year (seed 000: linking only the
    additions to performance management is a known failure), the score, the
    rank in the branch, the grade of the company's bands, the honour and the
    flags. A read-only SQL view: HR filters, groups and exports it, and can
    change nothing. A closed year shows what was frozen when it closed.
    """

    _name = "party.hr.assessment"
    _description = "Party Points Assessment of an Employee"
    _auto = False
    # read like a report: the year, then department by department
    _order = "year desc, department_id, employee_id"
    _rec_name = "employee_id"
    # what the view reads: the ORM writes pending changes before querying it
    _depends = {
        "party.score.card": [
            "member_id",
            "cycle_id",
            "company_id",
            "branch_id",
            "base_score",
            "addition_points",
            "deduction_points",
            "total_score",
            "has_veto",
            "final_rank",
            "final_grade_id",
            "is_outstanding",
            "flag_probation_cancel",
            "flag_not_development_target",
            "flag_transfer_deferred",
            "results_final",
            "projected_probation_cancel",
            "projected_not_development_target",
            "projected_transfer_deferred",
        ],
        "party.member": ["employee_id"],
        "party.score.cycle": ["year", "state"],
        "party.score.grade": ["company_id", "active", "min_score"],
        "party.member.exemption": ["member_id", "state", "date_from", "date_to"],
        "hr.employee": ["department_id", "job_id"],
    }

    employee_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    job_id = fields.Many2one("hr.job", string="Job Position", readonly=True)
    member_id = fields.Many2one("party.member", string="Party Member", readonly=True)
    card_id = fields.Many2one("party.score.card", string="Points Card", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    branch_id = fields.Many2one("party.branch", string="Scoring Branch", readonly=True)
    cycle_id = fields.Many2one("party.score.cycle", readonly=True)
    # a year is a name, never a number: an integer column is summed and
    # written "2,026" by the web client, also in a group's row (issue 17 d)
    year = fields.Char(readonly=True)
    cycle_state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")], string="Cycle Status", readonly=True
    )
    base_score = fields.Integer(readonly=True, aggregator=False)
    addition_points = fields.Integer(string="Additions", readonly=True)
    deduction_points = fields.Integer(string="Deductions", readonly=True)
    total_score = fields.Integer(string="Score", readonly=True, aggregator="avg")
    rank_in_branch = fields.Integer(
        string="Rank in Branch", readonly=True, aggregator=False
    )
    grade_id = fields.Many2one("party.score.grade", readonly=True)
    has_veto = fields.Boolean(string="One-vote Veto", readonly=True)
    # R-USE-1/3/4: the honour and the flags of the year, as on the card
    is_outstanding = fields.Boolean(string="Outstanding Member", readonly=True)
    flag_probation_cancel = fields.Boolean(
        string="Probationary Status to Be Cancelled", readonly=True
    )
    flag_not_development_target = fields.Boolean(
        string="Not Eligible as Development Target This Year", readonly=True
    )
    flag_transfer_deferred = fields.Boolean(
        string="Transfer into Home Branch Deferred", readonly=True
    )
    # R-USE-3/4: while the year's result is not final, only a projection
    projected_probation_cancel = fields.Boolean(
        string="Projection: Probationary Status Would Be Cancelled", readonly=True
    )
    projected_not_development_target = fields.Boolean(
        string="Projection: Would Not Be Eligible as Development Target",
        readonly=True,
    )
    projected_transfer_deferred = fields.Boolean(
        string="Projection: Transfer into Home Branch Would Be Deferred",
        readonly=True,
    )

    results_summary = fields.Char(
        string="Results of the Year",
        compute="_compute_results_summary",
        help="The honour and the flags of the year in words; while the year is "
        "not final, the projections, marked as such.",
    )

    RESULT_FIELDS = (
        "has_veto",
        "is_outstanding",
        "flag_probation_cancel",
        "flag_not_development_target",
        "flag_transfer_deferred",
        "projected_probation_cancel",
        "projected_not_development_target",
        "projected_transfer_deferred",
    )

    @api.depends(*RESULT_FIELDS)
    def _compute_results_summary(self):
        labels = {
            name: self._fields[name].get_description(self.env)["string"]
            for name in self.RESULT_FIELDS
        }
        for row in self:
            row.results_summary = self.env._("; ").join(
                labels[name] for name in self.RESULT_FIELDS if row[name]
            )

    def export_data(self, fields_to_export):
        """HR's export reads like a report: a flag says 是 or nothing, never
        True/False (an import-compatible export keeps the raw values)."""
        result = super().export_data(fields_to_export)
        if self.env.context.get("import_compat"):
            return result
        booleans = [
            index
            for index, path in enumerate(fields_to_export)
            if path in self._fields and self._fields[path].type == "boolean"
        ]
        if booleans:
            yes = self.env._("Yes")
            for row in result.get("datas", []):
                for index in booleans:
                    row[index] = yes if row[index] is True else ""
        return result

    @api.private  # the registry's hook, never an RPC endpoint
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(view)s AS (
            WITH ranked AS (
                -- R-MEM-4: a member exempt today is not ranked, as on the card
                SELECT c.id, RANK() OVER (
                           PARTITION BY c.cycle_id, c.branch_id
                           ORDER BY c.total_score DESC) AS rank
                  FROM party_score_card c
                  JOIN res_company co ON co.id = c.company_id
                  LEFT JOIN res_partner cp ON cp.id = co.partner_id
                  -- today is the company's (party_today), not the server's
                  CROSS JOIN LATERAL (
                       SELECT (now() AT TIME ZONE COALESCE(cp.tz, %(default_tz)s))::date
                              AS today) d
                 WHERE NOT EXISTS (
                           SELECT 1 FROM party_member_exemption e
                            WHERE e.member_id = c.member_id
                              AND e.state = 'approved'
                              AND e.date_from <= d.today
                              AND e.date_to >= d.today)
            )
            SELECT c.id, c.id AS card_id, m.employee_id, emp.department_id,
                   emp.job_id, c.member_id, c.company_id, c.branch_id,
                   c.cycle_id, cy.year::varchar AS year, cy.state AS cycle_state,
                   c.base_score,
                   c.addition_points, c.deduction_points, c.total_score,
                   -- a closed year shows what its close froze (R-SCORE-4)
                   CASE WHEN cy.state = 'closed' THEN c.final_rank
                        ELSE COALESCE(r.rank, 0) END AS rank_in_branch,
                   CASE WHEN cy.state = 'closed' THEN c.final_grade_id
                        ELSE (SELECT g.id FROM party_score_grade g
                               WHERE g.company_id = c.company_id AND g.active
                                 AND g.min_score <= c.total_score
                            ORDER BY g.min_score DESC LIMIT 1) END AS grade_id,
                   c.has_veto, c.is_outstanding, c.flag_probation_cancel,
                   c.flag_not_development_target, c.flag_transfer_deferred,
                   -- R-USE-3/4: a projection only while the result is not final
                   c.projected_probation_cancel AND NOT c.results_final
                       AS projected_probation_cancel,
                   c.projected_not_development_target AND NOT c.results_final
                       AS projected_not_development_target,
                   c.projected_transfer_deferred AND NOT c.results_final
                       AS projected_transfer_deferred
              FROM party_score_card c
              JOIN party_member m ON m.id = c.member_id
              JOIN hr_employee emp ON emp.id = m.employee_id
              JOIN party_score_cycle cy ON cy.id = c.cycle_id
              LEFT JOIN ranked r ON r.id = c.id
            )
            """,
                view=SQL.identifier(self._table),
                default_tz=PARTY_DEFAULT_TZ,
            )
        )
