# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class PartyAnnualResultsPrint(models.TransientModel):
    """Chooses the organisation and the cycle of the annual results to print."""

    _name = "party.annual.results.print"
    _description = "Print the Annual Points Results"

    cycle_id = fields.Many2one(
        "party.score.cycle",
        string="Points Cycle",
        required=True,
        default=lambda self: self._default_cycle(),
    )
    branch_id = fields.Many2one(
        "party.branch",
        string="Party Organisation",
        required=True,
        domain="[('kind', 'in', ('committee', 'general_branch', 'branch'))]",
        default=lambda self: self._default_branch(),
        help="The organisation printed with every organisation under it.",
    )

    @api.model
    def _default_cycle(self):
        return self.env["party.score.cycle"].search(
            [("company_id", "=", self.env.company.id)], order="year desc", limit=1
        )

    @api.model
    def _default_branch(self):
        # the highest organisation the user may read
        return self.env["party.branch"].search(
            [("kind", "in", ("committee", "general_branch", "branch"))],
            order="parent_path",
            limit=1,
        )

    def action_print(self):
        self.ensure_one()
        if self.cycle_id.company_id != self.branch_id.company_id:
            raise UserError(
                self.env._(
                    "The points cycle and %(branch)s belong to different companies: "
                    "choose a cycle of the organisation's company.",
                    branch=self.branch_id.name,
                )
            )
        # With options, the web client's report URL carries ``data`` and no
        # record ids: the organisation travels in the options too.
        return self.env.ref(
            "party_points.action_report_party_annual_results"
        ).report_action(
            self.branch_id,
            data={"cycle_id": self.cycle_id.id, "branch_ids": self.branch_id.ids},
        )
