# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_member import PARTY_MEMBER_TYPES
from .party_workflow_mixin import party_day_label, party_today

CAMPAIGN_STATES = [
    ("draft", "Preparation"),
    ("open", "Under Way"),
    ("closed", "Closed and Published"),
]

# seed 000: 搞好教育; 自我评议; 民主评议; 组织考察; 表彰和处理 — each step's
# dates, in this order
STEP_DATES = (
    ("study_date_from", "study_date_to"),
    ("self_date_from", "self_date_to"),
    ("rating_date_from", "rating_date_to"),
    ("review_date_from", "review_date_to"),
)

# What the secretary may still change, by state.
DRAFT_FIELDS = ("template_id", "member_ids", "employee_ids")
DATE_FIELDS = (*(name for pair in STEP_DATES for name in pair), "outcome_date")


class PartyAppraisalCampaign(models.Model):
    """民主评议党员 (seed 000): once a year, with the year-end summary, a
    branch appraises its members in five steps — study and education,
    self-appraisal, democratic appraisal by the members and the masses,
    the organisation's review, commendation and handling.

    The forms are Odoo surveys: the secretary chooses a shipped, editable
    template; opening the campaign copies it and creates one survey answer
    per rater and member rated (``survey.user_input``: self, peer, mass),
    whose token is the rater's personal link. The counts per member are
    kept on ``party.appraisal.result``; closing freezes them, lists the
    commendation candidates and proposes a laggard case (随时呈报) where
    the committee's grade is 不合格 or more than half the votes are."""

    _name = "party.appraisal.campaign"
    _description = "Democratic Appraisal of Party Members"
    _inherit = [
        "party.workflow.mixin",
        "party.name.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _party_name_depends = (
        "branch_id.name",
        "year",
    )
    _order = "year desc, branch_id, id"
    _workflow_fields = (
        "state",
        "survey_id",
        "opened_by_id",
        "opened_date",
        "closed_by_id",
        "closed_date",
    )
    _party_fixed_fields = ("branch_id", "year")

    name = fields.Char(compute="_compute_name", store=True)
    branch_id = fields.Many2one(
        "party.branch",
        string="Party Organisation",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('kind', '=', 'branch')]",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="branch_id.company_id", store=True, index=True, precompute=True
    )
    year = fields.Integer(
        required=True,
        default=lambda self: party_today(self).year,
        aggregator=False,
        tracking=True,
    )
    state = fields.Selection(
        CAMPAIGN_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    template_id = fields.Many2one(
        "survey.survey",
        string="Appraisal Form",
        required=True,
        ondelete="restrict",
        domain="[('party_appraisal_template', '=', True)]",
        default=lambda self: self.env.ref(
            "party_points.survey_party_appraisal_template", raise_if_not_found=False
        ),
        help="The survey template with the five contents and the four grades; "
        "the campaign rates on its own copy, made when it opens.",
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Appraisal Survey",
        readonly=True,
        ondelete="restrict",
        copy=False,
    )
    # the five steps (seed 000)
    study_date_from = fields.Date(string="Study and Education from")
    study_date_to = fields.Date(string="Study and Education to")
    self_date_from = fields.Date(string="Self-appraisal from")
    self_date_to = fields.Date(string="Self-appraisal to")
    rating_date_from = fields.Date(string="Democratic Appraisal from")
    rating_date_to = fields.Date(string="Democratic Appraisal to")
    review_date_from = fields.Date(string="Organisation Review from")
    review_date_to = fields.Date(string="Organisation Review to")
    outcome_date = fields.Date(
        string="Commendation and Handling on",
        help="表彰和处理: the day the results are published and handled.",
    )
    member_ids = fields.Many2many(
        "party.member",
        "party_appraisal_campaign_member_rel",
        "campaign_id",
        "member_id",
        string="Members Appraised",
        help="The Party members of the organisation: each appraises themself "
        "and rates every other one.",
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        "party_appraisal_campaign_employee_rel",
        "campaign_id",
        "employee_id",
        string="Mass Appraisal by",
        help="群众评议: employees who are not Party members, chosen to rate "
        "every member appraised.",
    )
    result_ids = fields.One2many(
        "party.appraisal.result", "campaign_id", string="Results"
    )
    opened_by_id = fields.Many2one("res.users", readonly=True)
    opened_date = fields.Datetime(readonly=True)
    closed_by_id = fields.Many2one("res.users", readonly=True)
    closed_date = fields.Datetime(readonly=True)
    rating_count = fields.Integer(
        string="Ratings Expected", compute="_compute_rating_counts"
    )
    rating_done_count = fields.Integer(
        string="Ratings Done", compute="_compute_rating_counts"
    )
    laggard_case_count = fields.Integer(compute="_compute_laggard_case_count")

    _sql_constraints = [
        (
            "branch_year_uniq",
            "unique(branch_id, year)",
            "This organisation already has a democratic appraisal for this year.",
        ),
    ]

    def _party_label(self):
        self.ensure_one()
        return self.env._(
            "%(branch)s %(year)s Democratic Appraisal of Party Members",
            # sudo: the organisation's name, wherever the campaign is read
            branch=self.branch_id.sudo().name or "",
            year=self.year,
        )

    def _compute_rating_counts(self):
        # sudo: the answers are read by no user; counted only
        Answer_sudo = self.env["survey.user_input"].sudo()
        expected = dict(
            Answer_sudo._read_group(
                [("party_campaign_id", "in", self.ids)],
                ["party_campaign_id"],
                ["__count"],
            )
        )
        done = dict(
            Answer_sudo._read_group(
                [("party_campaign_id", "in", self.ids), ("state", "=", "done")],
                ["party_campaign_id"],
                ["__count"],
            )
        )
        for campaign in self:
            # sudo: the keys of the counts above are sudo records
            campaign_sudo = campaign.sudo()
            campaign.rating_count = expected.get(campaign_sudo, 0)
            campaign.rating_done_count = done.get(campaign_sudo, 0)

    def _compute_laggard_case_count(self):
        for campaign in self:
            campaign.laggard_case_count = len(campaign.result_ids.laggard_case_id)

    @api.constrains(*DATE_FIELDS)
    def _check_step_dates(self):
        for campaign in self:
            campaign._check_dates_in_order(complete=False)

    @api.constrains("employee_ids", "member_ids", "branch_id")
    def _check_raters(self):
        for campaign in self:
            campaign._check_people()

    @api.onchange("branch_id")
    def _onchange_branch_id(self):
        self.member_ids = self._members_of(self.branch_id)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model
    def _prepare_create_vals(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            branch = self.env["party.branch"].browse(vals.get("branch_id")).exists()
            if not branch:
                raise ValidationError(
                    self.env._("Choose the Party organisation of the appraisal.")
                )
            self._check_organiser(branch)
            year = vals.get("year") or party_today(self, branch.company_id).year
            # sudo: an appraisal of the organisation's year anywhere forbids a
            # second one, whatever the user reads
            if self.sudo().search_count(
                [("branch_id", "=", branch.id), ("year", "=", year)], limit=1
            ):
                raise ValidationError(
                    self.env._(
                        "%(branch)s already has its democratic appraisal of "
                        "%(year)s: once a year.",
                        branch=branch.name,
                        year=year,
                    )
                )
            if "member_ids" not in vals:
                vals["member_ids"] = [(6, 0, self._members_of(branch).ids)]
        return vals_list

    def _check_write_vals(self, vals):
        for campaign in self:
            if campaign.state == "closed":
                raise UserError(
                    self.env._(
                        "%(campaign)s is closed: its results are frozen.",
                        campaign=campaign.display_name,
                    )
                )
            if campaign.state != "draft" and set(vals) & set(DRAFT_FIELDS):
                raise UserError(
                    self.env._(
                        "The form, the members and the employees of %(campaign)s "
                        "are fixed once it is under way.",
                        campaign=campaign.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if self.filtered(lambda c: c.state != "draft"):
            raise UserError(
                self.env._(
                    "A democratic appraisal under way or closed is history: it "
                    "cannot be deleted."
                )
            )

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------

    def action_open(self):
        """Start the appraisal: copy the form, and give each rater one
        answer per member rated (self, peer, mass), each their own link."""
        self._check_organiser_step()
        self._check_state("draft")
        for campaign in self:
            campaign._check_dates_in_order(complete=True)
            campaign._check_people()
            if not campaign.member_ids:
                raise UserError(
                    self.env._(
                        "Choose the members appraised by %(campaign)s.",
                        campaign=campaign.display_name,
                    )
                )
            campaign._check_template(campaign.template_id)
        for campaign in self:
            campaign._open_survey()
            campaign._set_state("open", "opened")
            campaign.message_post(
                body=self.env._(
                    "Democratic appraisal opened: %(count)s ratings to give.",
                    count=campaign.rating_count,
                )
            )
        return True

    def action_close(self):
        """表彰和处理: freeze the results, list the commendation candidates
        and propose a laggard case (随时呈报) for each member the committee
        graded 不合格 or more than half of whose votes are 不合格."""
        self._check_organiser_step()
        self._check_state("open")
        for campaign in self:
            today = party_today(self, campaign.company_id)
            if today < campaign.review_date_from:
                raise UserError(
                    self.env._(
                        "%(campaign)s is closed after the organisation review "
                        "begins (%(date)s).",
                        campaign=campaign.display_name,
                        date=party_day_label(self.env, campaign.review_date_from),
                    )
                )
            # sudo: the results of every member, whatever the closer reads
            missing_sudo = campaign.sudo().result_ids.filtered(
                lambda r: not r.committee_grade
            )
            if missing_sudo:
                raise UserError(
                    self.env._(
                        "The branch committee gives its grade (organisation "
                        "review) to every member before the appraisal closes: "
                        "%(members)s still have none.",
                        members=", ".join(missing_sudo.member_id.mapped("name")),
                    )
                )
        for campaign in self:
            # sudo: the system freezes the counts and proposes the cases
            results_sudo = campaign.sudo().result_ids
            results_sudo._party_refresh_votes()
            results_sudo._party_freeze()
            # sudo: the campaign's own survey stops taking answers
            campaign.sudo().survey_id.active = False
            campaign._set_state("closed", "closed")
            proposed_sudo = results_sudo.laggard_case_id
            campaign.message_post(
                body=self.env._(
                    "Democratic appraisal closed and published: %(commended)s "
                    "commendation candidates, %(cases)s laggard cases proposed.",
                    commended=len(results_sudo.filtered("is_commendation_candidate")),
                    cases=len(proposed_sudo),
                )
            )
        return True

    def action_view_laggard_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_points.party_laggard_case_action"
        )
        cases = self.result_ids.laggard_case_id
        action["domain"] = [("id", "in", cases.ids)]
        action["context"] = {"create": False}
        if len(cases) == 1:
            # one case: its form at once
            action.update(
                {"view_mode": "form", "views": [(False, "form")], "res_id": cases.id}
            )
        return action

    def action_send_links(self):
        """Send each rater with an email address their personal link."""
        self._check_organiser_step()
        self._check_state("open")
        for campaign in self:
            for partner, token in campaign._rater_tokens():
                if not partner.email:
                    continue
                url = campaign._rater_url(token)
                campaign.message_notify(
                    partner_ids=partner.ids,
                    subject=campaign.display_name,
                    body=Markup("<p>%s</p><p><a href='%s'>%s</a></p>")
                    % (
                        self.env._(
                            "You are invited to the democratic appraisal of Party "
                            "members: rate each member once, before %(date)s.",
                            date=party_day_label(self.env, campaign.rating_date_to),
                        ),
                        url,
                        url,
                    ),
                )
        return True

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    @api.model
    def _check_organiser(self, branch):
        message = self.env._(
            "The democratic appraisal of an organisation is organised by its "
            "branch secretary."
        )
        self._check_role("party_points.group_party_secretary", message)
        if not self.env.user._party_serves(branch):
            raise UserError(
                self.env._(
                    "%(message)s You do not serve %(branch)s.",
                    message=message,
                    branch=branch.display_name,
                )
            )

    def _check_organiser_step(self):
        message = self.env._(
            "The democratic appraisal of an organisation is organised by its "
            "branch secretary."
        )
        self._check_role("party_points.group_party_secretary", message)
        self._check_branch_served("branch_id", message)
        self.check_access("write")

    def _check_dates_in_order(self, complete):
        """Each step from a day to a day, the steps in the seed's order; the
        review begins after the ratings end (it judges them)."""
        self.ensure_one()
        labels = {
            name: self._fields[name].get_description(self.env)["string"]
            for name in DATE_FIELDS
        }
        if complete:
            empty = [labels[name] for name in DATE_FIELDS if not self[name]]
            if empty:
                raise UserError(
                    self.env._(
                        "Give the dates of each step before the appraisal opens: "
                        "%(fields)s.",
                        fields=", ".join(empty),
                    )
                )
        sequence = [name for pair in STEP_DATES for name in pair] + ["outcome_date"]
        previous = None
        for name in sequence:
            day = self[name]
            if not day:
                continue
            if previous and day < self[previous]:
                raise ValidationError(
                    self.env._(
                        "%(field)s (%(date)s) cannot be before %(previous)s "
                        "(%(previous_date)s): the steps follow each other.",
                        field=labels[name],
                        date=day,
                        previous=labels[previous],
                        previous_date=self[previous],
                    )
                )
            previous = name
        if (
            self.rating_date_to
            and self.review_date_from
            and self.review_date_from <= self.rating_date_to
        ):
            raise ValidationError(
                self.env._(
                    "The organisation review begins after the democratic appraisal "
                    "ends (%(date)s): it judges its votes.",
                    date=self.rating_date_to,
                )
            )
        for name in DATE_FIELDS:
            if self[name] and self[name].year not in (self.year, self.year + 1):
                raise ValidationError(
                    self.env._(
                        "%(field)s of the %(year)s appraisal falls in %(date)s: "
                        "the appraisal goes with the year-end summary.",
                        field=labels[name],
                        year=self.year,
                        date=self[name],
                    )
                )

    def _check_people(self):
        """Only the organisation's Party members are appraised and rate each
        other; the masses are employees of the company who are not Party
        members."""
        self.ensure_one()
        # sudo: members and employees are judged past the secretary's rules
        campaign_sudo = self.sudo()
        allowed = self._members_of(campaign_sudo.branch_id)
        strangers = campaign_sudo.member_ids - allowed
        if strangers:
            raise ValidationError(
                self.env._(
                    "%(members)s cannot be appraised by %(branch)s: only its own "
                    "Party members (full or probationary, in good standing) are.",
                    members=", ".join(strangers.mapped("name")),
                    branch=campaign_sudo.branch_id.name,
                )
            )
        employees_sudo = campaign_sudo.employee_ids
        others_sudo = employees_sudo.filtered(
            lambda e: e.company_id != campaign_sudo.company_id
        )
        if others_sudo:
            raise ValidationError(
                self.env._(
                    "%(employees)s are not employees of %(company)s.",
                    employees=", ".join(others_sudo.mapped("name")),
                    company=campaign_sudo.company_id.name,
                )
            )
        if employees_sudo:
            # sudo: an employee's member record, whatever the secretary reads
            members_sudo = (
                self.env["party.member"]
                .sudo()
                .search(
                    [
                        ("employee_id", "in", employees_sudo.ids),
                        ("member_type", "in", PARTY_MEMBER_TYPES),
                    ]
                )
            )
            if members_sudo:
                raise ValidationError(
                    self.env._(
                        "%(employees)s are Party members: the mass appraisal "
                        "(群众评议) is by employees who are not.",
                        employees=", ".join(members_sudo.employee_id.mapped("name")),
                    )
                )

    @api.model
    def _check_template(self, survey):
        # sudo: the form's questions, which a secretary (no survey officer)
        # cannot read
        survey_sudo = survey.sudo()
        overall_sudo = survey_sudo.question_ids.filtered(
            lambda q: q.party_appraisal_role == "overall"
        )
        grades = set(overall_sudo.suggested_answer_ids.mapped("party_grade")) - {False}
        if (
            len(overall_sudo) != 1
            or overall_sudo.question_type != "simple_choice"
            or len(grades) != 4
        ):
            raise UserError(
                self.env._(
                    "The appraisal form %(form)s needs exactly one overall-grade "
                    "question, a single choice among the four grades 优秀, 合格, "
                    "基本合格 and 不合格.",
                    form=survey_sudo.title,
                )
            )

    def _check_rating_open(self, kind):
        reason = self._rating_closed_reason(kind)
        if reason:
            raise UserError(reason)

    def _rating_closed_reason(self, kind):
        """Why a rating of ``kind`` cannot be given today, or False: the
        self-appraisal in its dates, the ratings in theirs, while the
        campaign is under way."""
        self.ensure_one()
        if self.state != "open":
            return self.env._(
                "%(campaign)s does not take ratings: it is %(state)s.",
                campaign=self.display_name,
                state=dict(self._fields["state"]._description_selection(self.env))[
                    self.state
                ],
            )
        if kind == "self":
            date_from, date_to = self.self_date_from, self.self_date_to
            what = self.env._("The self-appraisal")
        else:
            date_from, date_to = self.rating_date_from, self.rating_date_to
            what = self.env._("The democratic appraisal")
        today = party_today(self, self.company_id)
        if not (date_from <= today <= date_to):
            return self.env._(
                "%(what)s of %(campaign)s runs from %(from)s to %(to)s.",
                what=what,
                campaign=self.display_name,
                **{
                    "from": party_day_label(self.env, date_from),
                    "to": party_day_label(self.env, date_to),
                },
            )
        return False

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @api.model
    def _members_of(self, branch):
        """The Party members appraised by ``branch``: full and probationary
        members in good standing of the branch and its Party groups."""
        if not branch:
            return self.env["party.member"]
        # sudo: the organisation's members, judged whatever the user reads
        return (
            self.env["party.member"]
            .sudo()
            .search(
                [
                    ("branch_id", "child_of", branch.id),
                    ("member_type", "in", PARTY_MEMBER_TYPES),
                    ("status", "=", "normal"),
                ],
                order="name, id",
            )
            .with_env(self.env)
        )

    @api.model
    def _employee_partner(self, employee):
        # sudo: the employee's contact, for their answers
        employee_sudo = employee.sudo()
        return employee_sudo.user_id.partner_id or employee_sudo.work_contact_id

    def _open_survey(self):
        """Copy the form and create the answers: one per rater and member."""
        self.ensure_one()
        # sudo: a secretary is no survey officer; the campaign makes its own
        # copy of the form and the answers, which only the system reads
        campaign_sudo = self.sudo()
        survey_sudo = campaign_sudo.template_id.copy(
            {
                "title": self.name,
                "survey_type": "party_appraisal",
                "party_appraisal_template": False,
                "party_campaign_id": self.id,
                "access_mode": "token",
                "users_login_required": False,
                "is_attempts_limited": False,
                "users_can_go_back": False,
                "questions_layout": "one_page",
                "scoring_type": "no_scoring",
            }
        )
        campaign_sudo._write_workflow({"survey_id": survey_sudo.id})
        # sudo: the system creates the results (their create is refused)
        Result_sudo = self.env["party.appraisal.result"].sudo()
        results_sudo = Result_sudo._create_workflow(
            [
                {"campaign_id": self.id, "member_id": member_sudo.id}
                for member_sudo in campaign_sudo.member_ids
            ]
        )
        # sudo: the answers are created and read by the system only
        Answer_sudo = self.env["survey.user_input"].sudo()
        tokens = {}

        def token_of(key):
            if key not in tokens:
                tokens[key] = Answer_sudo._generate_invite_token()
            return tokens[key]

        vals_list = []
        for result_sudo in results_sudo:
            for rater_sudo in campaign_sudo.member_ids:
                vals_list.append(
                    {
                        "survey_id": survey_sudo.id,
                        "partner_id": rater_sudo.partner_id.id,
                        "email": rater_sudo.partner_id.email,
                        "nickname": rater_sudo.name,
                        "invite_token": token_of(("member", rater_sudo.id)),
                        "party_campaign_id": self.id,
                        "party_result_id": result_sudo.id,
                        "party_rater_kind": "self"
                        if rater_sudo == result_sudo.member_id
                        else "peer",
                    }
                )
            for employee_sudo in campaign_sudo.employee_ids:
                partner_sudo = self._employee_partner(employee_sudo)
                vals_list.append(
                    {
                        "survey_id": survey_sudo.id,
                        "partner_id": partner_sudo.id,
                        "email": partner_sudo.email,
                        "nickname": employee_sudo.name,
                        "invite_token": token_of(("employee", employee_sudo.id)),
                        "party_campaign_id": self.id,
                        "party_result_id": result_sudo.id,
                        "party_rater_kind": "mass",
                    }
                )
        Answer_sudo.create(vals_list)
        return survey_sudo

    def _rater_tokens(self):
        """(contact, personal token) of each rater of the campaign."""
        self.ensure_one()
        # sudo: the answers are read by no user; their tokens and contacts only
        answers_sudo = (
            self.env["survey.user_input"]
            .sudo()
            .search([("party_campaign_id", "=", self.id)], order="id")
        )
        seen = {}
        for answer_sudo in answers_sudo:
            seen.setdefault(answer_sudo.invite_token, answer_sudo.partner_id)
        return [(partner, token) for token, partner in seen.items()]

    def _rater_url(self, token):
        self.ensure_one()
        return f"{self.get_base_url()}/party/appraisal/{token}"

    def _summary_rows(self):
        """The result summary of the organisation, one row per member."""
        self.ensure_one()
        return self.result_ids.sorted(lambda r: (r.member_id.name or "", r.id))

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.display_name
