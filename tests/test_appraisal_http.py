# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""民主评议党员 through the survey pages, XML-RPC and the printed forms."""

import json
import shutil
from datetime import timedelta

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import AppraisalMixin, PartyPointsCommon
from .helpers import execute_kw, pdf_first_page_png, pdf_to_text, rpc_fault

# The CJK font maps 民 to the radical ⺠ (CJK Radicals Supplement), which
# NFKC leaves as it is: the text reads the same.
RADICALS = str.maketrans({"⺠": "民"})


@tagged("post_install", "-at_install")
class TestAppraisalHttp(AppraisalMixin, PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.setup_appraisal_world()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.members = cls.member_self | cls.member_a1 | cls.member_a2
        cls.campaign = cls.new_campaign()
        cls.campaign = cls.campaign.with_env(cls.env)
        cls.survey = cls.campaign.survey_id

    def _json(self, url, params):
        response = self.url_open(
            url,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json().get("result")

    def _submit(self, answer, grade, text=""):
        """The survey page's own calls: begin, then submit the one page."""
        base = f"{self.survey.access_token}/{answer.access_token}"
        self._json(f"/survey/begin/{base}", {})
        params = {}
        for question in self.survey.question_ids:
            if question.question_type == "simple_choice":
                params[str(question.id)] = str(
                    question.suggested_answer_ids.filtered(
                        lambda c: c.party_grade == grade
                    ).id
                )
            else:
                params[str(question.id)] = text
        return self._json(f"/survey/submit/{base}", params)

    def test_an_employee_rates_through_the_personal_link(self):
        mass = self.answers(self.campaign, kind="mass", rater=self.mass_1)
        token = mass[0].invite_token
        # the personal page lists the members to rate, and nothing else
        with self.on_day(self.campaign.rating_date_from):
            page = self.url_open(f"/party/appraisal/{token}")
        self.assertEqual(page.status_code, 200)
        for name in ("陈党员", "吴一", "郑二"):
            self.assertIn(name, page.text)
        self.assertEqual(page.text.count("o_party_appraisal_rate"), 3)
        self.assertEqual(self.url_open("/party/appraisal/" + "x" * 36).status_code, 404)

        answer = mass.filtered(lambda a: a.party_ratee_member_id == self.member_a1)
        with self.on_day(self.campaign.rating_date_from):
            page = self.url_open(answer.get_start_url())
            self.assertEqual(page.status_code, 200)
            self.assertIn("吴一", page.text)
            self._submit(answer, "unqualified")
        self.assertEqual(answer.state, "done")
        result = answer.party_result_id
        self.assertEqual((result.votes_total, result.votes_unqualified), (1, 1))
        # once: the same link does not take a second rating
        with self.on_day(self.campaign.rating_date_from):
            self.assertEqual(
                self._submit(answer, "excellent")[1], {"error": "unauthorized"}
            )
        self.assertEqual(result.votes_unqualified, 1)

    def test_the_survey_pages_refuse_ratings_outside_the_dates(self):
        answer = self.answers(self.campaign, kind="mass", rater=self.mass_2)[0]
        for day in (
            self.campaign.rating_date_from - timedelta(1),
            self.campaign.rating_date_to + timedelta(1),
        ):
            with self.on_day(day):
                page = self.url_open(answer.get_start_url())
                self.assertIn("o_party_appraisal_closed", page.text)
                self.assertNotIn(answer.access_token, page.text)
                with mute_logger("odoo.http"):
                    reply = self._submit(answer, "excellent")
            self.assertEqual(reply[1], {"error": "survey_closed"})
        self.assertEqual(answer.state, "new")
        # without a rater's token, the appraisal's survey takes no answer
        with self.on_day(self.campaign.rating_date_from):
            self.url_open(f"/survey/start/{self.survey.access_token}")
        self.assertEqual(self.answers(self.campaign), self.survey.sudo().user_input_ids)

    def test_a_member_rates_only_with_their_own_link(self):
        # a logged-in user who is not the rater is refused the rater's link
        other = self.answers(self.campaign, member=self.member_a1, kind="peer")
        other = other.filtered(lambda a: a.partner_id != self.user_member.partner_id)[0]
        self.authenticate("pp_member", "pp_member")
        with self.on_day(self.campaign.rating_date_from):
            page = self.url_open(other.get_start_url())
            # Odoo's survey access error, not the rating form
            self.assertIn("jumbotron", page.text)
            self.assertNotIn(other.access_token, page.text)
            # her own ratings are listed in the portal, self-appraisal first
            mine = self.url_open("/my/appraisal")
        self.assertEqual(mine.status_code, 200)
        self.assertEqual(mine.text.count("o_party_appraisal_row"), 3)
        self.assertLess(mine.text.index("陈党员"), mine.text.index("吴一"))

    def test_over_xmlrpc_only_the_secretary_acts(self):
        campaign = self.campaign
        result = campaign.result_ids.filtered(lambda r: r.member_id == self.member_a1)
        for user in (self.user_member, self.user_recorder_a, self.user_hr):
            rpc_fault(
                self, user, "party.appraisal.campaign", "action_close", [campaign.ids]
            )
            rpc_fault(
                self,
                user,
                "party.appraisal.result",
                "write",
                [result.ids, {"committee_grade": "unqualified"}],
            )
        # a member reads no result before they are published
        self.assertEqual(
            execute_kw(
                self, self.user_member, "party.appraisal.result", "search", [[]]
            ),
            [],
        )
        with self.on_day(self.T):
            for member in self.members:
                line = campaign.result_ids.filtered(
                    lambda r, m=member: r.member_id == m
                )
                execute_kw(
                    self,
                    self.user_secretary_a,
                    "party.appraisal.result",
                    "write",
                    [line.ids, {"committee_grade": "qualified"}],
                )
            execute_kw(
                self,
                self.user_secretary_a,
                "party.appraisal.campaign",
                "action_close",
                [campaign.ids],
            )
        campaign.invalidate_recordset()
        self.assertEqual(campaign.state, "closed")
        self.assertEqual(
            sorted(
                execute_kw(
                    self, self.user_member, "party.appraisal.result", "search", [[]]
                )
            ),
            sorted(campaign.result_ids.ids),
        )

    def test_the_printed_forms_in_chinese(self):
        self.assertTrue(shutil.which("pdftotext"), "poppler-utils must be installed")
        campaign = self.campaign
        self.rate(
            self.answers(campaign, member=self.member_a1, kind="self"),
            "qualified",
            "对照党员标准查找差距：学习不够深入。",
        )
        for answer, grade in zip(
            self.answers(campaign, member=self.member_a1).filtered(
                lambda a: a.party_rater_kind != "self"
            ),
            ["excellent", "unqualified", "unqualified", "unqualified"],
            strict=True,
        ):
            self.rate(answer, grade)
        for member in self.members:
            self.grade(
                campaign,
                member,
                "basic" if member == self.member_a1 else "qualified",
                opinion="支委会考察：整改态度较好。",
            )
        with self.on_day(self.T):
            campaign.with_user(self.user_secretary_a).action_close()
        result = campaign.result_ids.filtered(lambda r: r.member_id == self.member_a1)
        self.assertTrue(result.laggard_case_id)  # 3 of 4: more than half

        secretary = self.user_secretary_a
        secretary.lang = "zh_CN"
        pages = {}
        for xmlid, records in (
            ("party_points.action_report_party_appraisal_result", result),
            ("party_points.action_report_party_appraisal_campaign", campaign),
        ):
            report = self.env.ref(xmlid)
            self.assertEqual(report.binding_model_id.model, records._name)
            pdf, kind = (
                report.with_user(secretary)
                .with_context(force_report_rendering=True, lang="zh_CN")
                ._render_qweb_pdf(report.report_name, records.ids)
            )
            self.assertEqual(kind, "pdf")
            pages[xmlid] = pdf
        form = pdf_to_text(
            pages["party_points.action_report_party_appraisal_result"]
        ).translate(RADICALS)
        for text in (
            "民主评议党员登记表",
            "吴一",
            "第一党支部",
            "对照党员标准查找差距",
            "支委会考察:整改态度较好。",  # NFKC: the full-width colon
            "基本合格",
            "75.0",
        ):
            self.assertIn(text, form)
        summary = pdf_to_text(
            pages["party_points.action_report_party_appraisal_campaign"]
        ).translate(RADICALS)
        for text in ("民主评议党员结果汇总表", "陈党员", "吴一", "郑二", "不合格"):
            self.assertIn(text, summary)
        # one page of each as an image, to look at
        for name, pdf in pages.items():
            png = pdf_first_page_png(pdf, name.split(".")[-1])
            self.assertGreater(len(png), 5000)
