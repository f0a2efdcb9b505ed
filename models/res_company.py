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
    # R-USE-1, R-USE-3 (issue 16): how the share rounds, and whether the
    # year's flags are final once a branch has published its four quarters
    party_outstanding_rounding = fields.Selection(
        [("down", "Down"), ("nearest", "To the Nearest"), ("up", "Up")],
        string="Outstanding Share Rounding",
        default="nearest",
        required=True,
        help="How the outstanding share of the Party members scored rounds to a "
        "number of members: to the nearest, 10 % of 8 members allows one.",
    )
    party_flags_final_on_publication = fields.Boolean(
        string="Results Final Once the Branch Published Its Four Quarters",
        help="The year's flags of a member (probationary status, development "
        "target, transfer home) become final as soon as the scoring branch has "
        "published its four quarters; otherwise when the cycle is closed.",
    )

    # 附件2 step 5 "整改期限为*个月": the regulation leaves the number to the
    # organisation; each new laggard case starts with it (the case's own
    # period may still change until its rectification starts)
    party_laggard_rectification_months = fields.Integer(
        string="Rectification Period (Months)",
        default=6,
        help="The rectification period a new laggard case starts with.",
    )

    # issue 19: the members are reminded to declare their additions from
    # this many days before each theme Party day (the day itself included)
    party_theme_day_reminder_days = fields.Integer(
        string="Theme Day Reminder (Days Before)",
        default=3,
        help="The members of a branch are reminded to declare their additions "
        "from this many days before each planned theme Party day until the day "
        "itself, once each; 0 reminds them on the day only.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._party_ensure_catalogue()
        return companies

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

    @api.constrains("party_laggard_rectification_months")
    def _check_party_rectification_months(self):
        for settings in self:
            if settings.party_laggard_rectification_months < 1:
                raise ValidationError(
                    self.env._(
                        "The rectification period of a laggard case is at least "
                        "one month."
                    )
                )

    @api.constrains("party_theme_day_reminder_days")
    def _check_party_theme_day_reminder_days(self):
        if any(company.party_theme_day_reminder_days < 0 for company in self):
            raise ValidationError(
                self.env._(
                    "The theme day reminder is sent a number of days before the "
                    "day: 0 or more."
                )
            )

    def _party_ensure_catalogue(self):
        """Give each company (all of them when called on none) its own
        editable copy of the shipped points standard (附件1, issue 8), of
        the grade bands of the HR assessment (R-USE-5) and of the Party dues
        bands (党费收缴标准, issue 9): lines, meetings, grades and dues of a
        company use its own records, never another's.

        Called when a company is created and, from data, at each install or
        upgrade of the addon, for the companies that existed before. A
        company that already has records of a kind keeps them as its
        committee left them.
        """
        companies = self or self.search([])  # pylint: disable=no-search-all
        for model_name in (
            "party.score.standard",
            "party.score.grade",
            "party.dues.rate",
        ):
            # sudo: the shipped records are copied for every company, at
            # install, upgrade or company creation, whoever triggers it
            Model_sudo = (
                self.env[model_name]
                .sudo()
                .with_context(active_test=False, mail_create_nolog=True)
            )
            shipped_sudo = Model_sudo.browse(
                # sudo: reading ir.model.data is for administrators
                self.env["ir.model.data"]
                .sudo()
                .search([("module", "=", "party_points"), ("model", "=", model_name)])
                .mapped("res_id")
            ).exists()
            if not shipped_sudo:
                continue
            # a database has a handful of companies
            for company in companies:
                if not Model_sudo.search_count(
                    [("company_id", "=", company.id)], limit=1
                ):
                    shipped_sudo.copy({"company_id": company.id})
