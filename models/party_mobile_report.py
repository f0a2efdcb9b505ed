# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PartyMobileReport(models.Model):
    """R-MOB-3: the member's half-yearly report on thought and work (每半年
    向党支部汇报一次思想、学习、工作情况); any report is news from the member
    (R-MOB-5)."""

    _name = "party.mobile.report"
    _description = "Mobile Member Thought and Work Report"
    _inherit = ["party.mobile.log.mixin", "party.evidence.mixin"]
    _order = "date desc, id desc"

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

    def _evidence_locked(self):
        # a report counts as the member's news once it is recorded
        return self

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

    def _date_errors(self):
        return (
            self.env._(
                "A report is recorded once it is made: %(date)s is in the future."
            ),
            self.env._(
                "The report of %(date)s is before %(member)s left (%(departure)s)."
            ),
        )
