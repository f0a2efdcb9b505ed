# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from .party_appraisal_campaign import party_today
from .party_laggard_case import IN_PROGRESS_STATES
from .party_laggard_case import PartyLaggardCase as LaggardCaseBase
from .party_workflow_mixin import party_day_label, quarter_of
from .survey_question import APPRAISAL_GRADES

GRADE_KEYS = [key for key, _label in APPRAISAL_GRADES]

# the branch committee's grade (组织考察), given on the result's form
REVIEW_FIELDS = ("committee_grade", "committee_opinion")


class PartyAppraisalResult(models.Model):
    """The democratic appraisal of one member in one campaign: the
    self-appraisal, the votes per grade of the members and the masses
    (never who gave which), the organisation's review with the branch
    committee's grade, and the outcome, frozen when the campaign closes.

    Created by the campaign when it opens; the counts are written by the
    system as ratings are done; the committee's grade is written on the
    form by the secretary during the organisation review, about someone
    else (four eyes)."""

    _name = "party.appraisal.result"
    _description = "Democratic Appraisal of a Party Member"
    _inherit = ["party.workflow.mixin", "mail.thread"]
    _order = "campaign_id desc, member_id"
    _rec_name = "member_id"
    _workflow_fields = (
        "self_grade",
        "self_text",
        "self_done",
        "votes_excellent",
        "votes_qualified",
        "votes_basic",
        "votes_unqualified",
        "votes_total",
        "mass_votes_total",
        "raters_count",
        "pct_excellent",
        "pct_unqualified",
        "graded_by_id",
        "graded_date",
        "is_commendation_candidate",
        "unqualified_majority",
        "laggard_case_id",
    )
    _party_fixed_fields = ("campaign_id", "member_id")

    campaign_id = fields.Many2one(
        "party.appraisal.campaign",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", readonly=True
    )
    company_id = fields.Many2one(
        related="campaign_id.company_id", store=True, index=True, precompute=True
    )
    branch_id = fields.Many2one(
        related="campaign_id.branch_id",
        string="Party Organisation",
        store=True,
        index=True,
        precompute=True,
    )
    year = fields.Integer(
        related="campaign_id.year", store=True, precompute=True, aggregator=False
    )
    campaign_state = fields.Selection(related="campaign_id.state", string="Status")
    # 个人自评
    self_done = fields.Boolean(string="Self-appraisal Done", readonly=True)
    self_grade = fields.Selection(
        APPRAISAL_GRADES, string="Self-appraisal Grade", readonly=True
    )
    self_text = fields.Text(string="Self-appraisal", readonly=True)
    # 民主评议: the votes of the members and of the masses
    raters_count = fields.Integer(string="Raters", readonly=True)
    votes_total = fields.Integer(string="Votes", readonly=True)
    mass_votes_total = fields.Integer(string="Votes of the Masses", readonly=True)
    votes_excellent = fields.Integer(string="Excellent Votes", readonly=True)
    votes_qualified = fields.Integer(string="Qualified Votes", readonly=True)
    votes_basic = fields.Integer(string="Basically Qualified Votes", readonly=True)
    votes_unqualified = fields.Integer(string="Unqualified Votes", readonly=True)
    pct_excellent = fields.Float(
        string="Excellent (%)", digits=(16, 1), readonly=True, aggregator=False
    )
    pct_unqualified = fields.Float(
        string="Unqualified (%)", digits=(16, 1), readonly=True, aggregator=False
    )
    # 组织考察
    committee_grade = fields.Selection(
        APPRAISAL_GRADES,
        string="Branch Committee's Grade",
        tracking=True,
        help="组织考察: the grade the branch committee gives after the "
        "democratic appraisal.",
    )
    committee_opinion = fields.Text(string="Organisation Review Opinion")
    graded_by_id = fields.Many2one("res.users", string="Graded by", readonly=True)
    graded_date = fields.Datetime(readonly=True)
    # 表彰和处理
    is_commendation_candidate = fields.Boolean(
        string="Commendation Candidate", readonly=True
    )
    unqualified_majority = fields.Boolean(
        string="More than Half Unqualified",
        readonly=True,
        help="More than half of the votes are 不合格 (exactly half is not more "
        "than half).",
    )
    laggard_case_id = fields.Many2one(
        "party.laggard.case", string="Laggard Case Proposed", readonly=True
    )

    _sql_constraints = [
        (
            "campaign_member_uniq",
            "unique(campaign_id, member_id)",
            "A member is appraised once per campaign.",
        ),
    ]

    @api.depends("member_id.name", "campaign_id.year")
    def _compute_display_name(self):
        for result in self:
            # sudo: the member's name, shown wherever the result is read
            result.display_name = self.env._(
                "%(member)s (%(year)s)",
                member=result.member_id.sudo().name or "",
                year=result.campaign_id.year,
            )

    @api.model_create_multi
    def create(self, vals_list):
        if vals_list:
            raise UserError(
                self.env._(
                    "The members' results are created by their democratic "
                    "appraisal when it opens."
                )
            )
        return super().create(vals_list)

    def _check_write_vals(self, vals):
        if set(vals) & set(REVIEW_FIELDS):
            self._check_review()

    def write(self, vals):
        res = super().write(vals)
        if set(vals) & set(REVIEW_FIELDS):
            self._write_workflow(
                {"graded_by_id": self.env.user.id, "graded_date": fields.Datetime.now()}
            )
        return res

    def _check_review(self):
        """组织考察: the secretary of the organisation, while the campaign is
        under way and within the review's dates, about someone else."""
        message = self.env._(
            "The organisation review is written by the branch secretary for its "
            "committee."
        )
        self._check_role("party_points.group_party_secretary", message)
        self._check_branch_served("branch_id", message)
        for result in self:
            campaign = result.campaign_id
            if campaign.state != "open":
                raise UserError(
                    self.env._(
                        "%(campaign)s is not under way: the results are frozen.",
                        campaign=campaign.display_name,
                    )
                )
            today = party_today(self, campaign.company_id)
            if not (campaign.review_date_from <= today <= campaign.review_date_to):
                raise UserError(
                    self.env._(
                        "The organisation review of %(campaign)s runs from "
                        "%(from)s to %(to)s.",
                        campaign=campaign.display_name,
                        **{
                            "from": party_day_label(
                                self.env, campaign.review_date_from
                            ),
                            "to": party_day_label(self.env, campaign.review_date_to),
                        },
                    )
                )
        self._check_four_eyes(
            self.env._("grade"), "party_points.group_party_secretary", "branch_id"
        )

    def _fixed_keys_advice(self, field_name):
        return self.env._("the results are made by the campaign when it opens.")

    # ------------------------------------------------------------------
    # Counting and freezing (the system's own steps, run as sudo)
    # ------------------------------------------------------------------

    def _party_refresh_votes(self):
        """Count the done ratings of each member: the self-appraisal, the
        votes per grade (overall grade of the members and the masses)."""
        if not self:
            return
        Answer = self.env["survey.user_input"]
        answers = Answer.search([("party_result_id", "in", self.ids)], order="id")
        by_result = {}
        for answer in answers:
            by_result.setdefault(answer.party_result_id.id, Answer)
            by_result[answer.party_result_id.id] |= answer
        for result in self:
            mine = by_result.get(result.id, Answer)
            raters = mine.filtered(lambda a: a.party_rater_kind != "self")
            done = raters.filtered(lambda a: a.state == "done")
            grades = Counter(result._overall_grade(answer) for answer in done)
            grades.pop(False, None)
            total = sum(grades.values())
            own = mine.filtered(
                lambda a: a.party_rater_kind == "self" and a.state == "done"
            )[:1]
            vals = {
                "raters_count": len(raters),
                "votes_total": total,
                "mass_votes_total": sum(
                    1
                    for answer in done.filtered(lambda a: a.party_rater_kind == "mass")
                    if result._overall_grade(answer)
                ),
                "votes_excellent": grades["excellent"],
                "votes_qualified": grades["qualified"],
                "votes_basic": grades["basic"],
                "votes_unqualified": grades["unqualified"],
                "pct_excellent": round(100.0 * grades["excellent"] / total, 1)
                if total
                else 0.0,
                "pct_unqualified": round(100.0 * grades["unqualified"] / total, 1)
                if total
                else 0.0,
                "self_done": bool(own),
                "self_grade": result._overall_grade(own) if own else False,
                "self_text": result._text_answer(own) if own else False,
            }
            changed = {
                name: value for name, value in vals.items() if result[name] != value
            }
            if changed:
                result._write_workflow(changed)

    @api.model
    def _overall_grade(self, answer):
        line = answer.user_input_line_ids.filtered(
            lambda x: x.question_id.party_appraisal_role == "overall"
            and x.suggested_answer_id
        )[:1]
        return line.suggested_answer_id.party_grade or False

    @api.model
    def _text_answer(self, answer):
        lines = answer.user_input_line_ids.filtered(
            lambda x: x.question_id.party_appraisal_role == "text" and not x.skipped
        )
        return (
            "\n".join(
                (line.value_text_box or line.value_char_box or "").strip()
                for line in lines
            ).strip()
            or False
        )

    def _party_freeze(self):
        """表彰和处理: the commendation candidates (the committee graded 优秀)
        and, where the committee graded 不合格 or more than half the votes
        are 不合格, a laggard case proposed at any time (随时呈报) with the
        appraisal as its document."""
        for result in self:
            majority = result.votes_unqualified * 2 > result.votes_total
            result._write_workflow(
                {
                    "is_commendation_candidate": result.committee_grade == "excellent",
                    "unqualified_majority": bool(result.votes_total) and majority,
                }
            )
        self.filtered(
            lambda r: r.committee_grade == "unqualified" or r.unqualified_majority
        )._party_propose_cases()

    def _party_propose_cases(self):
        Case = self.env["party.laggard.case"]
        if not self:
            return Case
        today = party_today(self, self[:1].company_id)
        cycle_ids = {
            result.member_id.id: self.env["party.score.cycle"]
            ._for_date(today, result.company_id)
            .id
            for result in self
        }
        busy = Case.search(
            [
                ("member_id", "in", self.member_id.ids),
                "|",
                ("state", "in", IN_PROGRESS_STATES),
                ("quarter", "=", quarter_of(today)),
            ]
        ).filtered(
            lambda case: case.state in IN_PROGRESS_STATES
            or case.cycle_id.id == cycle_ids.get(case.member_id.id)
        )
        for result in self:
            existing = busy.filtered(lambda c, r=result: c.member_id == r.member_id)
            if existing:
                result._write_workflow({"laggard_case_id": existing[:1].id})
                result.message_post(
                    body=self.env._(
                        "The appraisal calls for a laggard case: %(member)s "
                        "already has one, %(case)s, which the branch continues.",
                        member=result.member_id.name,
                        case=existing[:1].display_name,
                    )
                )
                continue
            case = Case._create_workflow(
                [
                    {
                        "member_id": result.member_id.id,
                        "origin": "anytime",
                        "appraisal_result_id": result.id,
                        "open_date": today,
                        "shortcomings": result._case_shortcomings(),
                    }
                ]
            )
            result._write_workflow({"laggard_case_id": case.id})
            case.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Proposed by the democratic appraisal %(campaign)s "
                    "(reported at any time): %(reason)s",
                    campaign=result.campaign_id.display_name,
                    reason=result._case_shortcomings(),
                )
            )
        return self.laggard_case_id

    def _case_shortcomings(self):
        self.ensure_one()
        grades = dict(APPRAISAL_GRADES)
        labels = dict(self._fields["committee_grade"]._description_selection(self.env))
        return self.env._(
            "Democratic appraisal %(year)s: the branch committee's grade is "
            "%(grade)s; %(unqualified)s of %(total)s votes are Unqualified "
            "(%(pct)s%%).",
            year=self.campaign_id.year,
            grade=labels.get(self.committee_grade, grades.get(self.committee_grade)),
            unqualified=self.votes_unqualified,
            total=self.votes_total,
            pct=self.pct_unqualified,
        )

    @api.model
    def _published_grades(self, members, years):
        """{(member id, year): committee grade} of the closed campaigns."""
        if not members or not years:
            return {}
        # sudo: the published grade only, for HR and the annual results,
        # who read no appraisal
        results_sudo = self.sudo().search(
            [
                ("member_id", "in", members.ids),
                ("year", "in", list(years)),
                ("campaign_id.state", "=", "closed"),
            ]
        )
        return {
            (result_sudo.member_id.id, result_sudo.year): result_sudo.committee_grade
            for result_sudo in results_sudo
        }


class PartyLaggardCase(models.Model):
    """A laggard case proposed by a democratic appraisal keeps it as its
    document (随时呈报)."""

    _inherit = "party.laggard.case"
    _workflow_fields = (*LaggardCaseBase._workflow_fields, "appraisal_result_id")
    _party_fixed_fields = (
        *LaggardCaseBase._party_fixed_fields,
        "appraisal_result_id",
    )

    appraisal_result_id = fields.Many2one(
        "party.appraisal.result",
        string="Democratic Appraisal",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
        help="The democratic appraisal that proposed the case: its document.",
    )


class PartyHrAssessment(models.Model):
    """R-USE-5: HR sees the appraisal grade of the year next to the points
    grade."""

    _inherit = "party.hr.assessment"

    appraisal_grade = fields.Selection(
        APPRAISAL_GRADES,
        string="Democratic Appraisal Grade",
        compute="_compute_appraisal_grade",
        help="The branch committee's grade of the year's democratic appraisal, "
        "once it is closed and published.",
    )

    def _compute_appraisal_grade(self):
        grades = self.env["party.appraisal.result"]._published_grades(
            self.member_id, {int(year) for year in self.mapped("year") if year}
        )
        for row in self:
            row.appraisal_grade = grades.get(
                (row.member_id.id, int(row.year or 0)), False
            )
