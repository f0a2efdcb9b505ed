# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.party_laggard_case import OUTCOMES
from ..models.party_workflow_mixin import party_today

STEP_ACTIONS = [
    ("announce", "Announce the Score"),
    ("skip_announcement", "Skip the Score Announcement"),
    ("determine", "Branch Preliminary Determination"),
    ("dismiss_by_branch", "Branch: Not a Laggard Member"),
    ("review", "General Branch Pre-review"),
    ("decide", "Committee: Designate"),
    ("dismiss", "Committee: Not a Laggard Member"),
    ("designate_directly", "Committee: Designate Directly"),
    ("transfer", "Move to the Education Branch"),
    ("start_rectification", "Start Rectification"),
    ("resolve", "Branch Resolution"),
    ("approve", "Committee Approval"),
]


class PartyLaggardStepWizard(models.TransientModel):
    """Collects the date, written opinion and attachments of a step, then
    calls the case's ``action_*`` method, which checks role, state and
    dates."""

    _name = "party.laggard.step.wizard"
    _description = "Record a Laggard Case Step"

    case_id = fields.Many2one("party.laggard.case", required=True)
    action = fields.Selection(STEP_ACTIONS, string="Step", required=True)
    date = fields.Date(required=True, default=party_today)
    opinion = fields.Text(string="Written Opinion", required=True)
    outcome = fields.Selection(OUTCOMES, string="Resolution")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_laggard_step_wizard_attachment_rel",
        "wizard_id",
        "attachment_id",
        string="Attachments",
    )

    def action_confirm(self):
        self.ensure_one()
        kwargs = {
            "date": self.date,
            "opinion": self.opinion,
            "attachment_ids": self.attachment_ids.ids,
        }
        if self.action == "resolve":
            kwargs["outcome"] = self.outcome
        getattr(self.case_id, f"action_{self.action}")(**kwargs)
        return {"type": "ir.actions.act_window_close"}
