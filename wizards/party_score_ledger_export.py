# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.party_workflow_mixin import party_today
from ..reports.party_score_ledger_xlsx import LEDGER_KINDS


class PartyScoreLedgerExport(models.TransientModel):
    """Chooses a points ledger to download as XLSX (积分总台账, 加分台账,
    扣分台账, 公示版); the download itself runs under the user's rights."""

    _name = "party.score.ledger.export"
    _description = "Export a Points Ledger"

    cycle_id = fields.Many2one(
        "party.score.cycle",
        required=True,
        default=lambda self: self._default_cycle(),
    )
    branch_id = fields.Many2one(
        "party.branch",
        string="Organisation",
        help="This organisation and those under it; empty: every member you may "
        "read.",
    )
    kind = fields.Selection(
        LEDGER_KINDS, string="Ledger", required=True, default="total"
    )

    @api.model
    def _default_cycle(self):
        return self.env["party.score.cycle"].search(
            [
                ("company_id", "=", self.env.company.id),
                ("year", "<=", party_today(self).year),
            ],
            order="year desc",
            limit=1,
        )

    def action_export(self):
        self.ensure_one()
        url = f"/party_points/cycle/{self.cycle_id.id}/ledger/{self.kind}.xlsx"
        if self.branch_id:
            url += f"?branch_id={self.branch_id.id}"
        return {"type": "ir.actions.act_url", "url": url, "target": "download"}
