# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PartySettings(models.TransientModel):
    """The committee's settings form: the sign-in window of the meetings
    (R-MTG-3, R-MTG-4), the defaults each new meeting starts with."""

    _inherit = "party.settings"

    party_signin_before_minutes = fields.Integer(
        string="Sign-in Opens (Minutes Before the Start)",
        help="Members sign in by the meeting's QR code from this many minutes "
        "before the start.",
    )
    party_signin_after_minutes = fields.Integer(
        string="Sign-in Closes (Minutes After the Start)",
        help="… until this many minutes after the start.",
    )
    party_signin_grace_minutes = fields.Integer(
        string="Late After (Minutes)",
        help="A member who signs in later than this after the start is late.",
    )
