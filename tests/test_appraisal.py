# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""民主评议党员 (seed 000): the democratic appraisal of the members of an
organisation, once a year, on Odoo's survey engine."""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AppraisalMixin, PartyPointsCase


@tagged("post_install", "-at_install")
class TestAppraisal(AppraisalMixin, PartyPointsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_appraisal_world()
        cls.members = cls.member_self | cls.member_a1 | cls.member_a2

    # ------------------------------------------------------------------
    # the form and the campaign
    # ------------------------------------------------------------------

    def test_template_has_the_five_contents_and_the_four_grades(self):
        # R-APP-2
        # seed 000: 信念、宗旨; 各项方针政策的执行; 利益关系的处理; 遵纪守法; 联系群众
        questions = self.template.question_ids
        contents = questions.filtered(lambda q: q.party_appraisal_role == "content")
        self.assertEqual(
            contents.mapped("title"),
            [
                "Belief and Purpose",
                "Carrying out the Party's Lines and Policies",
                "Handling Interests",
                "Abiding by the Law and Discipline",
                "Contact with the Masses",
            ],
        )
        for question in questions.filtered(
            lambda q: q.question_type == "simple_choice"
        ):
            self.assertEqual(
                question.suggested_answer_ids.mapped("party_grade"),
                ["excellent", "qualified", "basic", "unqualified"],
            )
        overall = questions.filtered(lambda q: q.party_appraisal_role == "overall")
        self.assertEqual(len(overall), 1)
        self.assertTrue(self.template.party_appraisal_template)
        self.assertEqual(self.template.survey_type, "party_appraisal")

    def test_secretary_creates_the_campaign_of_their_organisation(self):
        # R-APP-1: once a year, by the branch's secretary
        campaign = self.new_campaign(open_it=False)
        # the organisation's Party members (its Party group included)
        self.assertEqual(campaign.member_ids, self.members)
        self.assertEqual(campaign.state, "draft")
        self.assertEqual(campaign.company_id, self.company)
        self.assertIn("第一党支部", campaign.name)
        # only the branch secretary, of an organisation they serve
        for user in (self.user_recorder_a, self.user_member, self.user_hr):
            with self.assertRaises(AccessError):
                self.new_campaign(user=user, open_it=False, year=campaign.year + 1)
        with self.assertRaises(UserError):
            self.new_campaign(
                open_it=False, branch_id=self.branch_b.id, year=campaign.year
            )
        # once per organisation and year
        with self.assertRaises(ValidationError):
            self.new_campaign(open_it=False)

    def test_opening_gives_each_rater_one_rating_per_member(self):
        # R-APP-3
        campaign = self.new_campaign()
        self.assertEqual(campaign.state, "open")
        survey = campaign.survey_id
        self.assertNotEqual(survey, self.template)
        self.assertEqual(survey.access_mode, "token")
        self.assertEqual(survey.survey_type, "party_appraisal")
        self.assertEqual(len(survey.question_ids), len(self.template.question_ids))
        self.assertEqual(campaign.result_ids.member_id, self.members)
        answers = self.answers(campaign)
        # 3 members: 3 self-appraisals, 6 peer ratings; 2 employees: 6 ratings
        self.assertEqual(len(answers), 15)
        self.assertEqual(campaign.rating_count, 15)
        kinds = [a.party_rater_kind for a in answers]
        self.assertEqual(
            (kinds.count("self"), kinds.count("peer"), kinds.count("mass")), (3, 6, 6)
        )
        # each rater once per member: one personal token per rater
        pairs = {(a.invite_token, a.party_result_id.id) for a in answers}
        self.assertEqual(len(pairs), 15)
        self.assertEqual(len(set(answers.mapped("invite_token"))), 5)
        own = self.answers(campaign, member=self.member_self, kind="self")
        self.assertEqual(own.partner_id, self.user_member.partner_id)
        mass = self.answers(campaign, kind="mass", rater=self.mass_1)
        self.assertEqual(mass.party_result_id.member_id, self.members)
        # the form, the members and the raters are fixed once it is under way
        with self.assertRaises(UserError):
            campaign.with_user(self.user_secretary_a).employee_ids = False

    def test_steps_are_dated_in_order(self):
        # R-APP-1
        campaign = self.new_campaign(open_it=False)
        with self.assertRaises(ValidationError):
            campaign.rating_date_from = campaign.self_date_from - timedelta(1)
        # the review judges the votes: it begins after the ratings end
        with self.assertRaises(ValidationError):
            campaign.review_date_from = campaign.rating_date_to
        campaign.outcome_date = False
        with self.assertRaises(UserError):
            campaign.with_user(self.user_secretary_a).action_open()

    def test_mass_appraisal_is_by_employees_who_are_not_members(self):
        employee = self.employ(self.member_b1)
        with self.assertRaises(ValidationError):
            self.new_campaign(open_it=False, employee_ids=[(6, 0, employee.ids)])
        other = self.env["res.company"].create({"name": "另一公司（评议）"})
        stranger = self.env["hr.employee"].create(
            {"name": "外人", "company_id": other.id}
        )
        with self.assertRaises(ValidationError):
            self.new_campaign(open_it=False, employee_ids=[(6, 0, stranger.ids)])
        # only the organisation's own Party members are appraised: another
        # branch's member, whom the secretary cannot read, and an activist
        with self.assertRaises(AccessError):
            self.new_campaign(open_it=False, member_ids=[(6, 0, self.member_b1.ids)])
        self.member_a2.member_type = "activist"
        with self.assertRaises(ValidationError):
            self.new_campaign(open_it=False, member_ids=[(6, 0, self.member_a2.ids)])

    # ------------------------------------------------------------------
    # ratings
    # ------------------------------------------------------------------

    def test_self_appraisal_only_in_its_dates(self):
        # R-APP-3: first and last day included
        campaign = self.new_campaign()
        first, second, third = (
            self.answers(campaign, member=m, kind="self") for m in self.members
        )
        for day in (
            campaign.self_date_from - timedelta(1),
            campaign.self_date_to + timedelta(1),
        ):
            with self.assertRaises(UserError):
                self.rate(first, "qualified", day=day)
        self.rate(
            second, "qualified", "对照党员标准，我……", day=campaign.self_date_from
        )
        self.rate(third, "excellent", day=campaign.self_date_to)
        self.assertEqual((second.state, third.state), ("done", "done"))
        result = second.party_result_id
        self.assertEqual(result.self_text, "对照党员标准，我……")
        self.assertEqual(result.self_grade, "qualified")
        # a self-appraisal is no vote
        self.assertEqual(result.votes_total, 0)

    def test_ratings_only_in_their_dates_and_once(self):
        campaign = self.new_campaign()
        peers = self.answers(campaign, member=self.member_a1, kind="peer")
        mass = self.answers(campaign, member=self.member_a1, kind="mass")
        for day in (
            campaign.rating_date_from - timedelta(1),
            campaign.rating_date_to + timedelta(1),
        ):
            with self.assertRaises(UserError):
                self.rate(peers[0], "qualified", day=day)
        self.rate(peers[0], "qualified", day=campaign.rating_date_from)
        self.rate(mass[0], "excellent", day=campaign.rating_date_to)
        # once: a rating given is not given again
        with self.assertRaises(UserError):
            self.rate(peers[0], "unqualified")
        result = peers[0].party_result_id
        self.assertEqual(
            (result.votes_total, result.votes_qualified, result.votes_excellent),
            (2, 1, 1),
        )
        self.assertEqual(result.mass_votes_total, 1)
        self.assertEqual(result.pct_excellent, 50.0)

    def test_votes_per_grade_and_percentages(self):
        campaign = self.new_campaign()
        member = self.member_a2
        grades = ["excellent", "excellent", "qualified", "unqualified"]
        raters = self.answers(campaign, member=member).filtered(
            lambda a: a.party_rater_kind != "self"
        )
        self.assertEqual(len(raters), 4)
        for answer, grade in zip(raters, grades, strict=True):
            self.rate(answer, grade)
        result = campaign.result_ids.filtered(lambda r: r.member_id == member)
        self.assertEqual(
            (
                result.votes_excellent,
                result.votes_qualified,
                result.votes_basic,
                result.votes_unqualified,
                result.votes_total,
                result.raters_count,
            ),
            (2, 1, 0, 1, 4, 4),
        )
        self.assertEqual((result.pct_excellent, result.pct_unqualified), (50.0, 25.0))
        campaign.invalidate_recordset(["rating_done_count"])
        self.assertEqual(campaign.rating_done_count, 4)

    # ------------------------------------------------------------------
    # organisation review, close, outcome
    # ------------------------------------------------------------------

    def _rated(self, unqualified_by_member, total=4):
        """A campaign whose raters gave each member ``unqualified_by_member``
        不合格 votes out of ``total`` (the others 合格)."""
        campaign = self.new_campaign()
        for member, unqualified in unqualified_by_member.items():
            raters = self.answers(campaign, member=member).filtered(
                lambda a: a.party_rater_kind != "self"
            )[:total]
            for index, answer in enumerate(raters):
                self.rate(answer, "unqualified" if index < unqualified else "qualified")
        return campaign

    def test_more_than_half_unqualified_proposes_a_laggard_case(self):
        # R-APP-6
        # exactly half is not more than half
        campaign = self._rated({self.member_a1: 2, self.member_a2: 3})
        for member in self.members:
            self.grade(campaign, member, "qualified")
        with self.on_day(self.T):
            campaign.with_user(self.user_secretary_a).action_close()
        half, more = (
            campaign.result_ids.filtered(lambda r, m=m: r.member_id == m)
            for m in (self.member_a1, self.member_a2)
        )
        self.assertEqual((half.votes_unqualified, half.votes_total), (2, 4))
        self.assertFalse(half.unqualified_majority)
        self.assertFalse(half.laggard_case_id)
        self.assertTrue(more.unqualified_majority)
        case = more.laggard_case_id
        self.assertEqual(case.member_id, self.member_a2)
        # 随时呈报: reported at any time, the appraisal as its document
        self.assertEqual((case.origin, case.state), ("anytime", "proposed"))
        self.assertEqual(case.appraisal_result_id, more)
        self.assertEqual(case.open_date, self.T)
        self.assertIn("3", case.shortcomings)
        self.assertEqual(campaign.laggard_case_count, 1)
        action = campaign.with_user(self.user_secretary_a).action_view_laggard_cases()
        self.assertEqual(self.env["party.laggard.case"].search(action["domain"]), case)

    def test_committee_grade_unqualified_proposes_a_case_and_excellent_commends(self):
        campaign = self._rated({})
        self.grade(campaign, self.member_self, "excellent")
        self.grade(campaign, self.member_a1, "unqualified")
        self.grade(campaign, self.member_a2, "basic")
        with self.on_day(self.T):
            campaign.with_user(self.user_secretary_a).action_close()
        by_member = {r.member_id: r for r in campaign.result_ids}
        self.assertTrue(by_member[self.member_self].is_commendation_candidate)
        self.assertFalse(by_member[self.member_self].laggard_case_id)
        self.assertEqual(
            by_member[self.member_a1].laggard_case_id.appraisal_result_id,
            by_member[self.member_a1],
        )
        self.assertFalse(by_member[self.member_a2].laggard_case_id)
        self.assertFalse(by_member[self.member_a2].is_commendation_candidate)

    def test_organisation_review_in_its_dates_by_the_secretary_about_others(self):
        # R-APP-5
        campaign = self.new_campaign()
        result = campaign.result_ids.filtered(lambda r: r.member_id == self.member_a1)
        for day in (
            campaign.review_date_from - timedelta(1),
            campaign.review_date_to + timedelta(1),
        ):
            with self.on_day(day), self.assertRaises(UserError):
                result.with_user(self.user_secretary_a).committee_grade = "qualified"
        for user in (self.user_member, self.user_recorder_a):
            with self.on_day(self.T), self.assertRaises(AccessError):
                result.with_user(user).committee_grade = "qualified"
        with self.on_day(campaign.review_date_from):
            result.with_user(self.user_secretary_a).committee_grade = "qualified"
        self.assertEqual(result.graded_by_id, self.user_secretary_a)
        # four eyes: a secretary who is a member of the branch does not grade
        # their own appraisal
        secretary = self.party_role_user(
            "pp_appraisal_sec", "group_party_secretary", "吴一"
        )
        self.member_a1.partner_id = secretary.partner_id
        self.branch_a.officer_user_ids = [(4, secretary.id)]
        with self.on_day(self.T), self.assertRaises(AccessError):
            result.with_user(secretary).committee_grade = "excellent"
        self.grade(campaign, self.member_a2, "qualified", user=secretary)

    def test_close_after_the_review_begins_with_every_grade(self):
        campaign = self.new_campaign()
        secretary = campaign.with_user(self.user_secretary_a)
        with (
            self.on_day(campaign.review_date_from - timedelta(1)),
            self.assertRaises(UserError),
        ):
            secretary.action_close()
        self.grade(campaign, self.member_self, "qualified")
        with self.on_day(self.T), self.assertRaises(UserError):
            secretary.action_close()
        for user in (self.user_member, self.user_recorder_a):
            with self.on_day(self.T), self.assertRaises(AccessError):
                campaign.with_user(user).action_close()

    def test_results_are_frozen_when_the_campaign_closes(self):
        # R-APP-4
        campaign = self._rated({self.member_a1: 1})
        late = self.answers(campaign, member=self.member_self, kind="peer")[0]
        for member in self.members:
            self.grade(campaign, member, "qualified")
        with self.on_day(self.T):
            campaign.with_user(self.user_secretary_a).action_close()
        self.assertEqual(campaign.state, "closed")
        self.assertEqual(campaign.closed_by_id, self.user_secretary_a)
        self.assertFalse(campaign.survey_id.active)
        result = campaign.result_ids.filtered(lambda r: r.member_id == self.member_a1)
        before = (result.votes_total, result.votes_unqualified)
        self.assertEqual(before, (4, 1))
        # no rating, no grade, no change any more
        with self.assertRaises(UserError):
            self.rate(late, "excellent", day=campaign.rating_date_from)
        with self.on_day(self.T), self.assertRaises(UserError):
            result.with_user(self.user_secretary_a).committee_grade = "excellent"
        with self.assertRaises(UserError):
            campaign.with_user(self.user_secretary_a).outcome_date = self.T
        with self.assertRaises(UserError):
            campaign.with_user(self.user_secretary_a).action_close()
        self.assertEqual((result.votes_total, result.votes_unqualified), before)

    def test_results_are_made_by_the_campaign_only(self):
        campaign = self.new_campaign()
        with self.assertRaises(UserError):
            self.Result.with_user(self.user_secretary_a).create(
                {"campaign_id": campaign.id, "member_id": self.member_b1.id}
            )
        result = campaign.result_ids[:1]
        with self.assertRaises(UserError):
            result.with_user(self.user_secretary_a).votes_unqualified = 9
        with self.assertRaises(UserError):
            campaign.with_user(self.user_secretary_a).state = "closed"

    def test_the_campaigns_form_is_not_changed_in_the_survey_app(self):
        # what the ratings count is fixed with the campaign: a survey manager
        # (the administrator; Odoo makes new internal users survey officers)
        # changes neither its questions nor the grades of its choices
        campaign = self.new_campaign()
        admin = self.env.ref("base.user_admin")
        survey = campaign.survey_id.with_user(admin)
        overall = survey.question_ids.filtered(
            lambda q: q.party_appraisal_role == "overall"
        )
        choice = overall.suggested_answer_ids.filtered(
            lambda a: a.party_grade == "unqualified"
        )
        attempts = {
            "survey title": lambda: survey.write({"title": "改名"}),
            "survey deleted": survey.unlink,
            "question role": lambda: overall.write({"party_appraisal_role": "text"}),
            "question deleted": overall.unlink,
            "question added": lambda: self.env["survey.question"]
            .with_user(admin)
            .create({"survey_id": survey.id, "title": "新问题"}),
            "choice grade": lambda: choice.write({"party_grade": "excellent"}),
            "choice added": lambda: self.env["survey.question.answer"]
            .with_user(admin)
            .create(
                {"question_id": overall.id, "value": "很好", "party_grade": "excellent"}
            ),
            "choice deleted": choice.unlink,
        }
        for name, attempt in attempts.items():
            with self.subTest(attempt=name), self.assertRaises(UserError) as caught:
                attempt()
            self.assertIn(campaign.name, str(caught.exception))
        self.assertEqual(
            (
                overall.party_appraisal_role,
                choice.party_grade,
                len(survey.question_ids),
            ),
            ("overall", "unqualified", len(self.template.question_ids)),
        )
        # the template stays editable for the next campaign
        self.template.with_user(admin).write({"description": "<p>本年度</p>"})
        self.assertIn("本年度", str(self.template.description))

    # ------------------------------------------------------------------
    # who sees what
    # ------------------------------------------------------------------

    def test_the_secretary_sends_the_personal_links(self):
        # R-APP-3: each rater with an email gets their own link, once
        self.mass_1.work_contact_id.email = "qunzhong.jia@example.com"
        campaign = self.new_campaign()
        token = self.answers(campaign, kind="mass", rater=self.mass_1)[0].invite_token
        campaign.with_user(self.user_secretary_a).action_send_links()
        messages = self.env["mail.message"].search(
            [
                ("model", "=", campaign._name),
                ("res_id", "=", campaign.id),
                ("partner_ids", "in", self.mass_1.work_contact_id.ids),
            ]
        )
        self.assertEqual(len(messages), 1)
        self.assertIn(f"/party/appraisal/{token}", messages.body)
        with self.assertRaises(AccessError):
            campaign.with_user(self.user_member).action_send_links()

    def test_ratings_are_anonymous(self):
        campaign = self._rated({self.member_a1: 1})
        # no user reads an answer of the appraisal, not even a survey manager
        admin = self.env.ref("base.user_admin")
        self.assertTrue(admin.has_group("survey.group_survey_manager"))
        for user in (admin, self.user_manager, self.user_secretary_a, self.user_member):
            answers = self.Answer.with_user(user)
            try:
                found = answers.search_count([("party_campaign_id", "=", campaign.id)])
            except AccessError:
                found = 0
            self.assertEqual(found, 0, user.login)
            lines = self.env["survey.user_input.line"].with_user(user)
            try:
                found = lines.search_count(
                    [("user_input_id.party_campaign_id", "=", campaign.id)]
                )
            except AccessError:
                found = 0
            self.assertEqual(found, 0, user.login)
        # the secretary reads the counts, never who gave which
        result = campaign.result_ids.filtered(
            lambda r: r.member_id == self.member_a1
        ).with_user(self.user_secretary_a)
        self.assertEqual(result.votes_unqualified, 1)
        self.assertNotIn("partner_id", result._fields)

    def test_a_member_sees_no_results_before_they_are_published(self):
        # R-APP-4
        campaign = self._rated({self.member_a1: 1})
        Result = self.Result.with_user(self.user_member)
        self.assertFalse(Result.search([]))
        self.assertFalse(self.Campaign.with_user(self.user_member).search([]))
        with self.assertRaises(AccessError):
            campaign.result_ids[0].with_user(self.user_member).read(["votes_total"])
        # HR reads the published only
        self.assertFalse(self.Result.with_user(self.user_hr).search([]))
        for member in self.members:
            self.grade(campaign, member, "qualified")
        with self.on_day(self.T):
            campaign.with_user(self.user_secretary_a).action_close()
        self.assertEqual(Result.search([]).member_id, self.members)
        self.assertEqual(
            self.Result.with_user(self.user_hr).search([]), campaign.result_ids
        )
        # a member of another organisation reads none of them
        outsider = self.party_role_user("pp_appraisal_b", "group_party_member", "冯三")
        self.member_b1.partner_id = outsider.partner_id
        self.assertFalse(self.Result.with_user(outsider).search([]))

    def test_other_organisations_and_companies_see_nothing(self):
        campaign = self.new_campaign()
        secretary_b = self.party_role_user(
            "pp_appraisal_sec_b", "group_party_secretary", "二支书记"
        )
        self.branch_b.officer_user_ids = [(4, secretary_b.id)]
        self.assertFalse(self.Campaign.with_user(secretary_b).search([]))
        with self.assertRaises(AccessError):
            campaign.with_user(secretary_b).action_close()
        other = self.env["res.company"].create({"name": "另一公司（评议二）"})
        committee_other = self.party_user(
            "pp_appraisal_other",
            "base.group_user,party_points.group_party_working_committee",
            "外公司委员",
            company=other,
        )
        self.assertFalse(self.Campaign.with_user(committee_other).search([]))
        self.assertFalse(self.Result.with_user(committee_other).search([]))
        self.assertEqual(
            self.Campaign.with_user(self.user_manager).search(
                [("id", "=", campaign.id)]
            ),
            campaign,
        )

    # ------------------------------------------------------------------
    # R-USE-5: HR and the annual results
    # ------------------------------------------------------------------

    def test_hr_sees_the_appraisal_grade_next_to_the_points_grade(self):
        # R-USE-5, R-APP-6
        employee = self.employ(self.member_a1)
        self.env["party.score.card"]._get_or_create(self.member_a1, self.cycle)
        campaign = self.new_campaign(year=self.cycle.year)
        for member in self.members:
            self.grade(
                campaign,
                member,
                "excellent" if member == self.member_a1 else "qualified",
            )
        row = (
            self.env["party.hr.assessment"]
            .with_user(self.user_hr)
            .search(
                [("employee_id", "=", employee.id), ("year", "=", str(self.cycle.year))]
            )
        )
        self.assertEqual(len(row), 1)
        self.assertFalse(row.appraisal_grade)  # not published yet
        with self.on_day(self.T):
            campaign.with_user(self.user_secretary_a).action_close()
        row.invalidate_recordset()
        self.assertEqual(row.appraisal_grade, "excellent")
        self.assertTrue(row.grade_id)
        report = self.env["report.party_points.report_party_annual_results"]
        values = report._branch_results(self.branch_a, self.cycle)
        rows = {r["name"]: r for r in values["appraisals"]}
        self.assertEqual(rows["吴一"]["appraisal_grade"], "Excellent")
        self.assertEqual(rows["吴一"]["points_grade"], row.grade_id.name)
