# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

# 附件2: the seven steps, with the committee's shortcuts. A step's code is
# the key of the case's method that takes it (``action_<code>``) and of the
# step wizard's choice (STEP_ACTIONS); the two "not a laggard" answers
# (dismiss_by_branch, dismiss) are recorded as the determine and decide
# steps with their decision. Codes renamed in 18.0.1.4.0 (pre-migrate).
LAGGARD_STEPS = [
    ("announce", "1. Score Announcement"),
    ("skip_announcement", "1. Score Announcement Skipped (Committee Approval)"),
    ("determine", "2. Branch Preliminary Determination"),
    ("review", "3. General Branch Pre-review"),
    ("decide", "3. Committee Decision"),
    ("designate_directly", "1–3. Committee Direct Designation"),
    ("transfer", "4. Relationship Moved to the Education Branch"),
    ("start_rectification", "5. Rectification within a Time Limit"),
    ("resolve", "6. Branch Resolution"),
    ("approve", "7. Committee Approval"),
]

STEP_DECISIONS = [
    ("confirmed", "Designated a Laggard Member"),
    ("dismissed", "Not a Laggard Member"),
    ("improved", "Improved: back to the Original Branch"),
    ("extended", "Not Improved: Rectification Extended"),
    ("unqualified", "Unqualified Member"),
    ("persuaded", "Persuaded to Withdraw"),
    ("removed", "Removed"),
]


class PartyLaggardStep(models.Model):
    """One step of a laggard case as it was taken: date, actor, written
    opinion, attachments. Created only by the case's ``action_*`` methods
    (through the private ``_create_step``), never written or deleted."""

    _name = "party.laggard.step"
    _description = "Laggard Case Step"
    _inherit = ["party.evidence.mixin"]
    _order = "case_id, date, id"

    case_id = fields.Many2one(
        "party.laggard.case",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    member_id = fields.Many2one(related="case_id.member_id", store=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    original_branch_id = fields.Many2one(
        related="case_id.original_branch_id", store=True
    )
    scoring_branch_id = fields.Many2one(related="case_id.scoring_branch_id", store=True)
    education_branch_id = fields.Many2one(
        related="case_id.education_branch_id", store=True
    )
    step = fields.Selection(LAGGARD_STEPS, required=True, readonly=True)
    decision = fields.Selection(STEP_DECISIONS, readonly=True)
    date = fields.Date(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="By", required=True, readonly=True, ondelete="restrict"
    )
    opinion = fields.Text(string="Written Opinion", required=True, readonly=True)
    publication_id = fields.Many2one(
        "party.score.publication",
        string="Document",
        readonly=True,
        ondelete="restrict",
        help="The quarterly publication that announced the score (step 1).",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_laggard_step_attachment_rel",
        "step_id",
        "attachment_id",
        string="Attachments",
        readonly=True,
    )

    @api.depends("step", "decision")
    def _compute_display_name(self):
        steps = dict(self._fields["step"]._description_selection(self.env))
        decisions = dict(self._fields["decision"]._description_selection(self.env))
        for row in self:
            name = steps.get(row.step, "")
            if row.decision:
                name = f"{name}: {decisions[row.decision]}"
            row.display_name = name

    def _evidence_locked(self):
        # a step is recorded as it was taken
        return self

    @api.model_create_multi
    def create(self, vals_list):
        if vals_list:
            raise UserError(
                self.env._(
                    "The steps of a laggard case are recorded with the buttons of "
                    "the case, not by hand."
                )
            )
        return super().create(vals_list)

    @api.model
    def _create_step(self, vals):
        return super().create([vals])

    def write(self, vals):
        if self:
            raise UserError(
                self.env._("A recorded step of a laggard case cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("A recorded step of a laggard case cannot be deleted.")
        )
