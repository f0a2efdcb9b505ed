# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

CONTACT_CHANNELS = [
    ("phone", "Phone"),
    ("visit", "Visit"),
    ("online", "Online"),
    ("letter", "Letter"),
]


class PartyMobileContact(models.Model):
    """R-MOB-3: the contact log of a mobile member (at least quarterly).
    A contact the member made counts as news from the member (R-MOB-5)."""

    _name = "party.mobile.contact"
    _description = "Mobile Member Contact"
    _order = "date desc, id desc"

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
    date = fields.Date(required=True, default=fields.Date.context_today)
    channel = fields.Selection(CONTACT_CHANNELS, required=True, default="phone")
    initiated_by = fields.Selection(
        [("branch", "Branch"), ("member", "Member")],
        string="Contact Made By",
        required=True,
        default="branch",
    )
    summary = fields.Text(required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Recorded By",
        default=lambda self: self.env.user,
        readonly=True,
    )

    @api.constrains("date", "mobile_id")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for contact in self.filtered("date"):
            if contact.date > today:
                raise ValidationError(
                    self.env._(
                        "A contact is recorded once it happened: %(date)s is in the "
                        "future.",
                        date=contact.date,
                    )
                )
            departure = contact.mobile_id.departure_date
            if departure and contact.date < departure:
                raise ValidationError(
                    self.env._(
                        "The contact of %(date)s is before %(member)s left "
                        "(%(departure)s).",
                        date=contact.date,
                        member=contact.member_id.name,
                        departure=contact.mobile_id.departure_date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # said before the insert: nothing is written for a refused row
        for vals in vals_list:
            new = self.new(self._add_missing_default_values(vals))
            new._check_date()
        return super().create(vals_list)
