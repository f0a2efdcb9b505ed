# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.party_member import MEMBER_STATUSES, MEMBER_TYPES
from ..models.party_workflow_mixin import party_today


class PartyMemberChangeWizard(models.TransientModel):
    """Collects a dated change of type (转正 …) or status (R-MEM-5)."""

    _name = "party.member.change.wizard"
    _description = "Change Member Type or Status"

    member_id = fields.Many2one("party.member", required=True)
    field = fields.Selection(
        [("member_type", "Member Type"), ("status", "Status")],
        string="Change",
        required=True,
        default="member_type",
    )
    member_type = fields.Selection(MEMBER_TYPES, string="New Member Type")
    status = fields.Selection(MEMBER_STATUSES, string="New Status")
    date = fields.Date(required=True, default=party_today)
    reason = fields.Text(required=True)

    @api.onchange("member_id", "field")
    def _onchange_member_id(self):
        # Propose the usual next step: 预备党员 → 正式党员 (转正).
        if self.member_id.member_type == "probationary":
            self.member_type = "full"
        elif self.member_id.member_type == "activist":
            self.member_type = "probationary"

    def action_apply(self):
        self.ensure_one()
        value = self[self.field]
        if not value:
            raise UserError(self.env._("Choose the new value."))
        self.member_id._record_change(self.field, value, self.date, self.reason)
        return {"type": "ir.actions.act_window_close"}
