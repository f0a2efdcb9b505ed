# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # DOMAIN §5: every threshold is a company setting with these defaults;
    # a cycle copies them when it opens, so a later change never rewrites a
    # past year.
    party_base_score = fields.Integer(string="Base Score", default=80)
    party_laggard_threshold = fields.Integer(string="Laggard Threshold", default=60)
    party_mobile_threshold = fields.Integer(
        string="Mobile Member Transfer Threshold", default=90
    )
    party_outstanding_threshold = fields.Integer(
        string="Outstanding Member Threshold", default=100
    )
    party_probationary_threshold = fields.Integer(
        string="Probationary and Activist Threshold", default=100
    )
    party_outstanding_share = fields.Float(
        string="Outstanding Member Share (%)", default=10.0, digits=(5, 1)
    )

    @api.constrains(
        "party_base_score",
        "party_laggard_threshold",
        "party_mobile_threshold",
        "party_outstanding_threshold",
        "party_probationary_threshold",
        "party_outstanding_share",
    )
    def _check_party_thresholds(self):
        for settings in self:
            values = (
                settings.party_base_score,
                settings.party_laggard_threshold,
                settings.party_mobile_threshold,
                settings.party_outstanding_threshold,
                settings.party_probationary_threshold,
            )
            if any(value < 0 for value in values):
                raise ValidationError(
                    self.env._(
                        "Scores and thresholds of Party points cannot be negative."
                    )
                )
            if not 0 < settings.party_outstanding_share <= 100:
                raise ValidationError(
                    self.env._(
                        "The share of outstanding members is a percentage above 0 "
                        "and at most 100."
                    )
                )
