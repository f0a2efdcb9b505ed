# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .reference_guard import check_not_referenced


class PartyScoreGrade(models.Model):
    """A band of annual scores and the grade HR gives it (R-USE-5).

    The enterprise links the Party score to performance management through
    these bands (e.g. 优秀 / 合格 / 基本合格 / 不合格): a score falls in the
    band with the highest lower bound it reaches. Each company keeps its own
    editable bands, like its own points standard.
    """

    _name = "party.score.grade"
    _description = "Assessment Grade"
    _inherit = ["party.input.mixin", "party.fixed.keys.mixin", "mail.thread"]
    _order = "company_id, min_score desc, id"
    # closed cards keep their grade: a band stays in its company
    _party_fixed_fields = ("company_id",)

    name = fields.Char(string="Grade", required=True, translate=True, tracking=True)
    min_score = fields.Integer(
        string="From Score",
        required=True,
        tracking=True,
        help="An annual score at least this (and below the next band) gets this "
        "grade.",
    )
    band_label = fields.Char(string="Annual Score", compute="_compute_band_label")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        (
            "min_score_company_uniq",
            "unique(min_score, company_id)",
            "Two grades of a company cannot start at the same score.",
        ),
    ]

    @api.depends("min_score", "company_id")
    def _compute_band_label(self):
        bounds = {
            company: sorted(grade.min_score for grade in grades)
            for company, grades in self._read_group(
                [("company_id", "in", self.company_id.ids)],
                ["company_id"],
                ["id:recordset"],
            )
        }
        for grade in self:
            higher = [
                b for b in bounds.get(grade.company_id, []) if b > grade.min_score
            ]
            if higher:
                grade.band_label = f"{grade.min_score} – {higher[0] - 1}"
            else:
                grade.band_label = self.env._(
                    "%(score)s and above", score=grade.min_score
                )

    @api.constrains("min_score")
    def _check_min_score(self):
        for grade in self:
            if grade.min_score < 0:
                raise ValidationError(
                    self.env._(
                        "A grade starts at a score of 0 or more (no score is below 0)."
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        # R-USE-5: a closed year keeps the grade it gave (final_grade_id)
        check_not_referenced(self)

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "every company keeps its own copy: change the one of the other "
            "company there."
        )
