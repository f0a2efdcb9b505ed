# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

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
    dates.

    The branch determination also needs the report form's 主要表现 and the
    committee members required and present (issue 17 k): the dialog shows
    them, checks them before anything is written and raises from its
    button, so that the dialog stays open with what was typed."""

    _name = "party.laggard.step.wizard"
    _description = "Record a Laggard Case Step"

    case_id = fields.Many2one("party.laggard.case", required=True)
    action = fields.Selection(STEP_ACTIONS, string="Step", required=True)
    date = fields.Date(required=True, default=party_today)
    opinion = fields.Text(string="Written Opinion", required=True)
    outcome = fields.Selection(OUTCOMES, string="Resolution")
    # the report form's fields the branch determination needs (R-USE-2)
    shortcomings = fields.Text(string="Main Shortcomings", help="后进党员主要表现")
    committee_members_required = fields.Integer(help="应到支部委员")
    committee_members_present = fields.Integer(help="实到支部委员")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_laggard_step_wizard_attachment_rel",
        "wizard_id",
        "attachment_id",
        string="Attachments",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        case = self.env["party.laggard.case"].browse(values.get("case_id"))
        if case and case.has_access("read"):
            for name in (
                "shortcomings",
                "committee_members_required",
                "committee_members_present",
            ):
                if name in fields_list:
                    values[name] = case[name]
        return values

    def _check_report_form(self):
        """The determination's own checks, made here first so that the
        dialog keeps its values when they fail."""
        if self.action != "determine":
            return
        if not (self.shortcomings or "").strip():
            raise UserError(
                self.env._(
                    "Describe the main shortcomings of %(member)s for the report "
                    "form before the determination.",
                    member=self.case_id.member_id.name,
                )
            )
        if not self.committee_members_required or not (
            0 < self.committee_members_present <= self.committee_members_required
        ):
            raise UserError(
                self.env._(
                    "A determination is a collective decision: give the "
                    "committee members required and present at the meeting."
                )
            )

    def action_confirm(self):
        self.ensure_one()
        self._check_report_form()
        if self.action == "determine":
            report_form = {
                name: self[name]
                for name in (
                    "shortcomings",
                    "committee_members_required",
                    "committee_members_present",
                )
                if self[name] != self.case_id[name]
            }
            if report_form:
                # the case's write checks the user's rights and its state
                self.case_id.write(report_form)
        kwargs = {
            "date": self.date,
            "opinion": self.opinion,
            "attachment_ids": self.attachment_ids.ids,
        }
        if self.action == "resolve":
            kwargs["outcome"] = self.outcome
        getattr(self.case_id, f"action_{self.action}")(**kwargs)
        return {"type": "ir.actions.act_window_close"}
