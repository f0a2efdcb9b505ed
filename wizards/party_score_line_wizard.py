# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.party_workflow_mixin import party_today


class PartyScoreLineRefuseWizard(models.TransientModel):
    """Collects the reason of a refusal; the line refuses itself."""

    _name = "party.score.line.refuse.wizard"
    _description = "Refuse a Points Line"

    line_ids = fields.Many2many("party.score.line", required=True)
    reason = fields.Text(required=True)

    def action_refuse(self):
        self.line_ids.action_refuse(self.reason)
        return {"type": "ir.actions.act_window_close"}


class PartyScoreLineCorrectionWizard(models.TransientModel):
    """Collects the reason and date of a correction (R-SCORE-8)."""

    _name = "party.score.line.correction.wizard"
    _description = "Correct a Points Line"

    line_id = fields.Many2one("party.score.line", required=True)
    date = fields.Date(required=True, default=party_today)
    reason = fields.Text(required=True)

    def action_correct(self):
        correction = self.line_id._create_correction(self.reason, self.date)
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.score.line",
            "res_id": correction.id,
            "view_mode": "form",
        }
