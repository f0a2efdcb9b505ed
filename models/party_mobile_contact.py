# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

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
    _inherit = ["party.mobile.log.mixin"]
    _order = "date desc, id desc"

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

    def _date_errors(self):
        return (
            self.env._(
                "A contact is recorded once it happened: %(date)s is in the future."
            ),
            self.env._(
                "The contact of %(date)s is before %(member)s left (%(departure)s)."
            ),
        )
