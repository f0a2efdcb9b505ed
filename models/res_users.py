# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    # The organisations a user keeps records for; record rules scope branch
    # roles to these and everything under them (DESIGN: child_of).
    party_branch_ids = fields.Many2many(
        "party.branch",
        "party_branch_officer_rel",
        "user_id",
        "branch_id",
        string="Served Party Organisations",
    )
