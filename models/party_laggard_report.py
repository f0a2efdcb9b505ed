# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_workflow_mixin import party_in_reader_lang, party_today

REVIEW_FIELDS = {"review_opinion", "progress"}


class PartyLaggardReport(models.Model):
    """附件2 step 5 ⑶ 定期考评: the member's monthly written report on their
    rectification, and the education branch's monthly review of it. Poor
    progress raises a warning (预警提醒) on the case."""

    _name = "party.laggard.report"
    _description = "Laggard Monthly Report"
    _inherit = ["party.workflow.mixin", "party.evidence.mixin", "mail.thread"]
    _order = "case_id, month"
    _workflow_fields = ("state", "reviewer_id", "review_date", "warning")
    _party_fixed_fields = ("case_id",)

    case_id = fields.Many2one(
        "party.laggard.case", required=True, index=True, ondelete="cascade"
    )
    member_id = fields.Many2one(related="case_id.member_id", store=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True)
    original_branch_id = fields.Many2one(
        related="case_id.original_branch_id", store=True
    )
    scoring_branch_id = fields.Many2one(related="case_id.scoring_branch_id", store=True)
    education_branch_id = fields.Many2one(
        related="case_id.education_branch_id", store=True
    )
    month = fields.Integer(
        string="Month of Rectification",
        required=True,
        help="1 for the first month of the rectification period, and so on.",
    )
    date = fields.Date(string="Report Date", required=True, default=party_today)
    report_text = fields.Text(string="Member's Report", required=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_laggard_report_attachment_rel",
        "report_id",
        "attachment_id",
    )
    review_opinion = fields.Text()
    progress = fields.Selection(
        [("good", "Good Progress"), ("poor", "Poor Progress")], tracking=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    reviewer_id = fields.Many2one("res.users", readonly=True)
    review_date = fields.Date(readonly=True)
    warning = fields.Boolean(
        readonly=True, help="预警提醒: the review found the progress poor."
    )

    _sql_constraints = [
        (
            "case_month_uniq",
            "unique(case_id, month)",
            "This month of the rectification already has its report.",
        ),
    ]

    @api.depends("case_id", "month")
    def _compute_display_name(self):
        for report in self:
            report.display_name = self.env._(
                "%(member)s: month %(month)s",
                member=report.member_id.name or "",
                month=report.month,
            )

    @api.constrains("month", "case_id", "date")
    def _check_month(self):
        for report in self:
            case = report.case_id
            if not 1 <= report.month <= case.rectification_months:
                raise ValidationError(
                    self.env._(
                        "Month %(month)s is outside the rectification period of "
                        "%(member)s (%(months)s months).",
                        month=report.month,
                        member=case.member_id.name,
                        months=case.rectification_months,
                    )
                )
            if report.date > party_today(self) or (
                case.start_date and report.date < case.start_date
            ):
                raise ValidationError(
                    self.env._(
                        "A monthly report is dated within the rectification, not "
                        "in the future."
                    )
                )

    @api.model
    def _prepare_create_vals(self, vals_list):
        for vals in vals_list:
            case = self.env["party.laggard.case"].browse(vals.get("case_id"))
            if case.state != "rectification":
                raise UserError(
                    self.env._(
                        "Monthly reports are written during the rectification "
                        "period only."
                    )
                )
            if set(vals) & REVIEW_FIELDS:
                self._check_reviewer(case)
            if not vals.get("month"):
                vals["month"] = max(case.report_ids.mapped("month"), default=0) + 1
        return vals_list

    def write(self, vals):
        for report in self:
            if report.state == "reviewed":
                raise UserError(
                    self.env._(
                        "%(report)s is reviewed: it can no longer be changed.",
                        report=report.display_name,
                    )
                )
            if set(vals) & REVIEW_FIELDS:
                report._check_reviewer(report.case_id)
            elif report.state != "draft" and not self.env.user.has_group(
                "party_points.group_party_recorder"
            ):
                raise UserError(
                    self.env._("A submitted report is no longer changed by the member.")
                )
        return super().write(vals)

    def _fixed_keys_advice(self, field_name):
        return self.env._("delete the draft report and write it in the right case.")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("Only a draft monthly report can be deleted."))

    def action_submit(self):
        for report in self:
            if report.state != "draft":
                raise UserError(self.env._("Only a draft report can be submitted."))
            if not (report.report_text or "").strip():
                raise UserError(self.env._("Write the report before submitting it."))
        self._write_workflow({"state": "submitted"})
        return True

    def action_review(self):
        """The education branch reviews the month; poor progress warns."""
        for report in self:
            report._check_reviewer(report.case_id)
            if report.state != "submitted":
                raise UserError(self.env._("Only a submitted report can be reviewed."))
            # four eyes: nobody reviews their own month of rectification
            report._check_four_eyes(
                self.env._("review"),
                "party_points.group_party_recorder",
                "education_branch_id",
            )
            if not report.progress or not (report.review_opinion or "").strip():
                raise UserError(
                    self.env._("Write the review opinion and judge the progress.")
                )
        today = party_today(self)
        for report in self:
            poor = report.progress == "poor"
            report._write_workflow(
                {
                    "state": "reviewed",
                    "reviewer_id": self.env.user.id,
                    "review_date": today,
                    "warning": poor,
                }
            )
            if poor:
                report._warn()
        return True

    def _warn(self):
        # 附件2 ⑶③: 对整改转化效果不明显的, 及时采取预警提醒
        # sudo: the reviewer warns the branch on the case's chatter and gives
        # its recorder an activity: a reviewer may not post on the case
        case_sudo = self.case_id.sudo()

        def summary(reader):
            return reader.env._(
                "Warning: poor progress of %(member)s in month %(month)s",
                member=case_sudo.member_id.name,
                month=self.month,
            )

        # the note in the reviewer's language, the activity in that of the
        # education branch's user it goes to
        note = party_in_reader_lang(case_sudo)
        case_sudo.message_post(
            body=note.env._(
                "%(summary)s. Review opinion: %(opinion)s",
                summary=summary(note),
                opinion=self.review_opinion,
            ),
            subtype_xmlid="mail.mt_note",
        )
        branch_sudo = case_sudo.education_branch_id
        user_sudo = (
            branch_sudo.recorder_id or branch_sudo.officer_user_ids[:1] or self.env.user
        )
        case_sudo.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=party_today(self),
            summary=summary(party_in_reader_lang(case_sudo, user=user_sudo)),
            note=self.review_opinion,
            user_id=user_sudo.id,
        )

    def _check_reviewer(self, case):
        user = self.env.user
        if not user.has_group(
            "party_points.group_party_recorder"
        ) or not user._party_serves(case.education_branch_id):
            raise AccessError(
                self.env._("The monthly review is made by the education branch.")
            )


class ResUsers(models.Model):
    _inherit = "res.users"

    def _party_digest_sections(self):
        """The daily digest (issue 19): the monthly reports of members in
        rectification waiting for the education branch's review (附件2
        step 5), not the user's own."""
        sections = super()._party_digest_sections()
        if not self.has_group("party_points.group_party_recorder"):
            return sections
        domain = [
            ("state", "=", "submitted"),
            ("case_id.member_id.partner_id", "!=", self.partner_id.id),
        ]
        if not self.has_group("party_points.group_party_working_committee"):
            domain.append(
                ("case_id.education_branch_id", "child_of", self.party_branch_ids.ids)
            )
        return [
            *sections,
            {
                "title": self.env._("Monthly reports to review"),
                "records": self.env["party.laggard.report"].search(domain),
            },
        ]
