# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .party_workflow_mixin import party_month_label


def month_complete(attended, paid, work, dues_judged, excused):
    """Whether a month of the watch has all three facts (R-MEM-6): excused,
    or attended, worked and paid (or no dues register was kept). The stored
    ``complete`` and the watch's bulk insert both ask this."""
    return bool(excused or (attended and work and (paid or not dues_judged)))


class PartyMemberWatchMonth(models.Model):
    """The evidence of one month of the six-month watch (R-MEM-6), rebuilt
    with its watch row by ``party.member.watch._refresh``."""

    _name = "party.member.watch.month"
    _description = "Six-Month Watch: Evidence of a Month"
    _inherit = ["party.fixed.keys.mixin"]
    _order = "watch_id, month desc"
    _party_fixed_fields = ("watch_id", "month")

    watch_id = fields.Many2one(
        "party.member.watch", required=True, index=True, ondelete="cascade"
    )
    member_id = fields.Many2one(related="watch_id.member_id", store=True)
    branch_id = fields.Many2one(related="watch_id.branch_id", store=True)
    company_id = fields.Many2one(related="watch_id.company_id", store=True)
    month = fields.Date(required=True)
    month_label = fields.Char(string="Month Name", compute="_compute_month_label")
    attended = fields.Boolean(help="Took part in a closed meeting of the month.")
    paid = fields.Boolean(
        string="Dues Paid", help="A dues line of the month paid, partly or exempt."
    )
    dues_judged = fields.Boolean(
        string="Dues Register Kept",
        help="The member's branch kept a dues register that month; without one "
        "the dues of the month are not judged.",
    )
    work = fields.Boolean(
        string="Party Work",
        help="An approved addition of the points ledger, or attendance at a "
        "theme Party day.",
    )
    excused = fields.Boolean(
        help="A good reason confirmed by the branch, or an approved exemption, "
        "covers the month.",
    )
    complete = fields.Boolean(
        string="All Three", compute="_compute_complete", store=True
    )

    @api.depends("month")
    @api.depends_context("lang")
    def _compute_month_label(self):
        # a month is shown as one (2026年10月), not as its first day
        for record in self:
            record.month_label = party_month_label(self.env, record.month)

    @api.depends("attended", "paid", "work", "excused", "dues_judged")
    def _compute_complete(self):
        for row in self:
            row.complete = month_complete(
                row.attended, row.paid, row.work, row.dues_judged, row.excused
            )

    def _fixed_keys_advice(self, field_name):
        return self.env._("the six-month watch is rebuilt by the system, never edited.")
