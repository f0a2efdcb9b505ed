# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.party_workflow_mixin import party_today

MONTHS = [(str(month), str(month)) for month in range(1, 13)]


class PartyScoreRegisterPrint(models.TransientModel):
    """Chooses the branch and month of the 积分登记台账 to print."""

    _name = "party.score.register.print"
    _description = "Print the Monthly Points Register"

    branch_id = fields.Many2one(
        "party.branch",
        string="Party Branch",
        required=True,
        domain="[('kind', '=', 'branch')]",
        default=lambda self: self._default_branch(),
    )
    year = fields.Integer(
        required=True,
        default=lambda self: party_today(self).year,
        aggregator=False,
    )
    month = fields.Selection(
        MONTHS,
        required=True,
        default=lambda self: str(party_today(self).month),
    )

    @api.model
    def _default_branch(self):
        return self.env["party.branch"].search([("kind", "=", "branch")], limit=1)

    def action_print(self):
        self.ensure_one()
        if not 2000 <= self.year <= 2100:
            raise UserError(
                self.env._("%(year)s is not a year of points cycles.", year=self.year)
            )
        return self.env.ref(
            "party_points.action_report_party_score_register"
        ).report_action(
            None,
            data={
                "branch_id": self.branch_id.id,
                "year": self.year,
                "month": int(self.month),
            },
        )
