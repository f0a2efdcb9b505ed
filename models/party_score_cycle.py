# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class PartyScoreCycle(models.Model):
    """A scoring cycle: one calendar year (R-SCORE-4).

    The base score and the thresholds are copied from the company settings
    when the cycle is created, so that changing a setting later never
    rewrites a past year (DOMAIN §5).
    """

    _name = "party.score.cycle"
    _description = "Points Cycle"
    _inherit = ["party.workflow.mixin", "mail.thread"]
    _order = "year desc, id desc"
    _workflow_fields = ("state",)

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(compute="_compute_dates", store=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
    )
    base_score = fields.Integer(required=True, tracking=True)
    laggard_threshold = fields.Integer(required=True, tracking=True)
    mobile_threshold = fields.Integer(required=True, tracking=True)
    outstanding_threshold = fields.Integer(required=True, tracking=True)
    probationary_threshold = fields.Integer(required=True, tracking=True)
    outstanding_share = fields.Float(digits=(5, 1), required=True, tracking=True)
    card_ids = fields.One2many("party.score.card", "cycle_id", string="Score Cards")

    _sql_constraints = [
        (
            "year_company_uniq",
            "unique(year, company_id)",
            "There is already a points cycle for this year.",
        ),
    ]

    @api.depends("year")
    def _compute_name(self):
        # stored, so language-neutral; the label below is translated on display
        for cycle in self:
            cycle.name = str(cycle.year or "")

    @api.depends("year")
    def _compute_display_name(self):
        for cycle in self:
            cycle.display_name = self.env._("Points %(year)s", year=cycle.year)

    @api.depends("year")
    def _compute_dates(self):
        for cycle in self:
            cycle.date_from = date(cycle.year, 1, 1) if cycle.year else False
            cycle.date_to = date(cycle.year, 12, 31) if cycle.year else False

    @api.constrains("year")
    def _check_year(self):
        for cycle in self:
            if not 2000 <= cycle.year <= 2100:
                raise ValidationError(
                    self.env._(
                        "%(year)s is not a year of points cycles.", year=cycle.year
                    )
                )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        company = self.env["res.company"].browse(
            values.get("company_id") or self.env.company.id
        )
        values.setdefault("year", fields.Date.context_today(self).year)
        for field_name, setting in self._settings_fields().items():
            if field_name in fields_list:
                values.setdefault(field_name, company[setting])
        return values

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            for field_name, setting in self._settings_fields().items():
                vals.setdefault(field_name, company[setting])
        return super().create(vals_list)

    def action_close(self):
        for cycle in self:
            if cycle.state != "open":
                raise UserError(self.env._("This cycle is already closed."))
        self._write_workflow({"state": "closed"})

    @api.model
    def _settings_fields(self):
        return {
            "base_score": "party_base_score",
            "laggard_threshold": "party_laggard_threshold",
            "mobile_threshold": "party_mobile_threshold",
            "outstanding_threshold": "party_outstanding_threshold",
            "probationary_threshold": "party_probationary_threshold",
            "outstanding_share": "party_outstanding_share",
        }

    @api.model
    def _for_date(self, day, company):
        """The open cycle of ``company`` that contains ``day``, or an error."""
        cycle = self.sudo().search(
            [("company_id", "=", company.id), ("year", "=", day.year)], limit=1
        )
        if not cycle:
            raise UserError(
                self.env._(
                    "There is no points cycle for %(year)s: the Party working "
                    "committee opens it first.",
                    year=day.year,
                )
            )
        if cycle.state != "open":
            raise UserError(
                self.env._(
                    "The points cycle %(cycle)s is closed: points can no longer "
                    "be registered in it.",
                    cycle=cycle.name,
                )
            )
        return cycle
