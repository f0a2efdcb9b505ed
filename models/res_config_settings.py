# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    party_base_score = fields.Integer(
        related="company_id.party_base_score", readonly=False
    )
    party_laggard_threshold = fields.Integer(
        related="company_id.party_laggard_threshold", readonly=False
    )
    party_mobile_threshold = fields.Integer(
        related="company_id.party_mobile_threshold", readonly=False
    )
    party_outstanding_threshold = fields.Integer(
        related="company_id.party_outstanding_threshold", readonly=False
    )
    party_probationary_threshold = fields.Integer(
        related="company_id.party_probationary_threshold", readonly=False
    )
    party_outstanding_share = fields.Float(
        related="company_id.party_outstanding_share", readonly=False
    )
    # the laggard procedure (附件2 step 5)
    party_laggard_rectification_months = fields.Integer(
        related="company_id.party_laggard_rectification_months", readonly=False
    )
    # R-USE-1, R-USE-3 (issue 16)
    party_outstanding_rounding = fields.Selection(
        related="company_id.party_outstanding_rounding", readonly=False
    )
    party_flags_final_on_publication = fields.Boolean(
        related="company_id.party_flags_final_on_publication", readonly=False
    )
    # issue 19
    party_theme_day_reminder_days = fields.Integer(
        related="company_id.party_theme_day_reminder_days", readonly=False
    )
