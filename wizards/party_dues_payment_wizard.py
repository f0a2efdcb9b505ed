# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.party_dues_line import PAID_WHERE
from ..models.party_workflow_mixin import party_today


class PartyDuesPaymentWizard(models.TransientModel):
    """Collects a payment or an exemption; the dues lines record it."""

    _name = "party.dues.payment.wizard"
    _description = "Record a Dues Payment"

    line_ids = fields.Many2many(
        "party.dues.line",
        "party_dues_payment_wizard_rel",
        "wizard_id",
        "line_id",
        required=True,
    )
    mode = fields.Selection(
        [
            ("pay", "Record a Payment"),
            ("full", "Paid in Full"),
            ("exempt", "Exempt"),
        ],
        required=True,
        default=lambda self: "pay"
        if len(self.env.context.get("default_line_ids") or []) == 1
        else "full",
    )
    amount = fields.Float(
        digits=(16, 2), compute="_compute_amount", store=True, readonly=False
    )
    date = fields.Date(string="Payment Date", default=party_today)
    paid_where = fields.Selection(PAID_WHERE, default="home")
    host_organisation = fields.Char()
    member_ids = fields.Many2many(
        "party.member", compute="_compute_member_ids", string="Members"
    )
    certificate_entry_id = fields.Many2one(
        "party.mobile.certificate.entry",
        string="Host Entry",
        domain="[('member_id', 'in', member_ids)]",
        help="The entry of the member's activity certificate where the "
        "host organisation recorded the payment.",
    )
    reason = fields.Text(string="Reason of the Exemption")

    @api.depends("line_ids")
    def _compute_amount(self):
        for wizard in self:
            lines = wizard.line_ids
            wizard.amount = (
                lines.amount_due - lines.amount_paid if len(lines) == 1 else 0.0
            )

    @api.depends("line_ids")
    def _compute_member_ids(self):
        for wizard in self:
            wizard.member_ids = wizard.line_ids.member_id

    @api.onchange("certificate_entry_id")
    def _onchange_certificate_entry_id(self):
        if self.certificate_entry_id:
            self.paid_where = "host"
            self.host_organisation = self.certificate_entry_id.host_organisation

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "pay":
            self.line_ids.action_record_payment(
                self.amount,
                self.date,
                self.paid_where,
                self.host_organisation,
                self.certificate_entry_id.id,
            )
        elif self.mode == "full":
            self.line_ids.action_pay_in_full(self.date)
        else:
            self.line_ids.action_exempt(self.reason)
        return {"type": "ir.actions.act_window_close"}
