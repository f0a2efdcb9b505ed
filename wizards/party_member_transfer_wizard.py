# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..models.party_workflow_mixin import party_today


class PartyMemberTransferWizard(models.TransientModel):
    """Collects a transfer (组织关系转接, R-ORG-3); the member model does it."""

    _name = "party.member.transfer.wizard"
    _description = "Transfer Organisational Relationship"

    member_ids = fields.Many2many("party.member", string="Members", required=True)
    date = fields.Date(required=True, default=party_today)
    destination = fields.Selection(
        [
            ("internal", "Another organisation of the enterprise"),
            ("external", "Out of the enterprise"),
        ],
        required=True,
        default="internal",
    )
    to_branch_id = fields.Many2one("party.branch", string="To Organisation")
    external_organisation = fields.Char(
        help="The organisation receiving the relationship outside the enterprise."
    )
    reason = fields.Text(required=True)

    def action_transfer(self):
        self.ensure_one()
        if self.destination == "internal" and not self.to_branch_id:
            raise UserError(
                self.env._("Choose the organisation receiving the members.")
            )
        if self.destination == "external" and not self.external_organisation:
            raise UserError(
                self.env._("Name the organisation receiving the relationship.")
            )
        branch = (
            self.to_branch_id
            if self.destination == "internal"
            else self.env["party.branch"]
        )
        self.member_ids._transfer_to(
            branch, self.date, self.reason, self.external_organisation or False
        )
        return {"type": "ir.actions.act_window_close"}
