# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .party_workflow_mixin import party_today


class PartyMobileLogMixin(models.AbstractModel):
    """A dated entry of a mobile member's absence (R-MOB-3): a contact or a
    report. It follows the absence for the record rules, is dated once it
    happened and not before the member left; the check runs before the
    insert, so nothing is written for a refused row."""

    _name = "party.mobile.log.mixin"
    _description = "Dated Entry of a Mobile Member's Absence"
    _inherit = ["party.input.mixin", "party.fixed.keys.mixin"]
    _party_fixed_fields = ("mobile_id",)

    mobile_id = fields.Many2one(
        "party.mobile.member",
        string="Absence",
        required=True,
        index=True,
        ondelete="cascade",
    )
    member_id = fields.Many2one(
        related="mobile_id.member_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="mobile_id.company_id", store=True, index=True, precompute=True
    )
    branch_id = fields.Many2one(
        related="mobile_id.branch_id", store=True, index=True, precompute=True
    )
    home_branch_id = fields.Many2one(
        related="mobile_id.home_branch_id", store=True, index=True, precompute=True
    )
    date = fields.Date(required=True, default=party_today)

    def _date_errors(self):
        """The messages of the model: (a future date, a date before the
        departure), with the placeholders date, member and departure."""
        raise NotImplementedError

    @api.constrains("date", "mobile_id")
    def _check_date(self):
        today = party_today(self)
        for entry in self.filtered("date"):
            future, before_departure = entry._date_errors()
            if entry.date > today:
                raise ValidationError(future % {"date": entry.date})
            departure = entry.mobile_id.departure_date
            if departure and entry.date < departure:
                raise ValidationError(
                    before_departure
                    % {
                        "date": entry.date,
                        "member": entry.member_id.name,
                        "departure": departure,
                    }
                )

    @api.model
    def _prepare_create_vals(self, vals_list):
        for vals in vals_list:
            self.new(self._add_missing_default_values(vals))._check_date()
        return super()._prepare_create_vals(vals_list)

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "record it again on the right absence; the branch deletes the wrong one."
        )
