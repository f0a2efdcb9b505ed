# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PartyMobileReport(models.Model):
    """R-MOB-3: the member's half-yearly report on thought and work (每半年
    向党支部汇报一次思想、学习、工作情况); any report is news from the member
    (R-MOB-5)."""

    _name = "party.mobile.report"
    _description = "Mobile Member Thought and Work Report"
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
    period = fields.Char(
        compute="_compute_period",
        store=True,
        help="The half year reported on, e.g. 2026 H1.",
    )
    report_text = fields.Text(string="Report", required=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_mobile_report_attachment_rel",
        "report_id",
        "attachment_id",
        string="Attachments",
    )

    @api.depends("date")
    def _compute_period(self):
        for report in self:
            day = report.date
            report.period = (
                self.env._(
                    "%(year)s H%(half)s", year=day.year, half=1 if day.month <= 6 else 2
                )
                if day
                else False
            )

    @api.constrains("date", "mobile_id")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for report in self.filtered("date"):
            if report.date > today:
                raise ValidationError(
                    self.env._(
                        "A report is recorded once it is made: %(date)s is in the "
                        "future.",
                        date=report.date,
                    )
                )
            departure = report.mobile_id.departure_date
            if departure and report.date < departure:
                raise ValidationError(
                    self.env._(
                        "The report of %(date)s is before %(member)s left "
                        "(%(departure)s).",
                        date=report.date,
                        member=report.member_id.name,
                        departure=report.mobile_id.departure_date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # said before the insert: nothing is written for a refused row
        for vals in vals_list:
            new = self.new(self._add_missing_default_values(vals))
            new._check_date()
        return super().create(vals_list)
