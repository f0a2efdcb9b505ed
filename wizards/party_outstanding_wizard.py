# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PartyOutstandingProposeWizard(models.TransientModel):
    """Chooses the cycle; the cycle proposes its candidates (R-USE-1)."""

    _name = "party.outstanding.propose.wizard"
    _description = "Propose Outstanding Member Candidates"

    cycle_id = fields.Many2one(
        "party.score.cycle",
        required=True,
        default=lambda self: self.env["party.outstanding.nomination"]._default_cycle(),
    )

    def action_propose(self):
        return self.cycle_id.action_propose_candidates()


class PartyOutstandingRefuseWizard(models.TransientModel):
    """Collects the reason of a refusal; the nomination refuses itself."""

    _name = "party.outstanding.refuse.wizard"
    _description = "Refuse an Outstanding Member Nomination"

    nomination_ids = fields.Many2many(
        "party.outstanding.nomination",
        "party_outstanding_refuse_wizard_rel",
        "wizard_id",
        "nomination_id",
        required=True,
    )
    reason = fields.Text(required=True)

    def action_refuse(self):
        self.nomination_ids.action_refuse(self.reason)
        return {"type": "ir.actions.act_window_close"}
