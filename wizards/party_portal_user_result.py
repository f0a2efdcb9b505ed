# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

PASSWORD_SETUPS = [
    ("invitation", "Invitation E-mail Sent"),
    ("administrator", "An Administrator Sets the Password"),
    ("skipped", "Not Created"),
]


class PartyPortalUserResult(models.TransientModel):
    """What 创建门户用户 did (issue 17 g), one line a member, like Odoo's
    own portal wizard: the login it chose and how the member gets a
    password."""

    _name = "party.portal.user.result"
    _description = "Portal Users Created"

    summary = fields.Char(readonly=True)
    line_ids = fields.One2many(
        "party.portal.user.result.line", "result_id", string="Members", readonly=True
    )


class PartyPortalUserResultLine(models.TransientModel):
    _name = "party.portal.user.result.line"
    _description = "Portal User Created for a Member"

    result_id = fields.Many2one(
        "party.portal.user.result", required=True, ondelete="cascade"
    )
    member_id = fields.Many2one("party.member", readonly=True)
    login = fields.Char(readonly=True)
    password_setup = fields.Selection(PASSWORD_SETUPS, string="Password", readonly=True)
    note = fields.Char(string="How the Member Logs In", readonly=True)
