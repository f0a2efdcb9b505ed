# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""民主评议党员 in the browser (headless Chromium): a member and an employee
rate; the secretary closes the campaign and sees the proposed case."""

from odoo.tests import HttpCase, tagged

from .common import AppraisalMixin, PartyPointsCommon


@tagged("post_install", "-at_install")
class TestAppraisalTours(AppraisalMixin, PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.setup_appraisal_world()
        cls.members = cls.member_self | cls.member_a1 | cls.member_a2
        # the members are portal users (issue 10), created from their records
        cls.member_a1.with_user(cls.user_secretary_a).action_create_portal_users()
        cls.portal = cls.member_a1.partner_id.user_ids
        cls.portal.write({"password": cls.portal.login, "lang": "en_US"})
        cls.campaign = cls.new_campaign().with_env(cls.env)

    def _result(self, member):
        return self.campaign.result_ids.filtered(lambda r: r.member_id == member)

    def test_a_member_and_an_employee_rate(self):
        with self.on_day(self.campaign.rating_date_from):
            self.start_tour(
                "/my/appraisal",
                "party_points_appraisal_member_rates",
                login=self.portal.login,
            )
            token = self.answers(self.campaign, kind="mass", rater=self.mass_1)[
                0
            ].invite_token
            # the employee has no user: the personal link is enough
            self.start_tour(
                f"/party/appraisal/{token}", "party_points_appraisal_employee_rates"
            )
        result = self._result(self.member_a2)
        self.assertEqual((result.votes_total, result.votes_unqualified), (2, 2))
        self.assertEqual(result.mass_votes_total, 1)
        done = self.answers(self.campaign, member=self.member_a2).filtered(
            lambda a: a.state == "done"
        )
        self.assertEqual(sorted(done.mapped("nickname")), sorted(["吴一", "群众甲"]))

    def test_the_secretary_closes_and_sees_the_proposed_case(self):
        for index, answer in enumerate(
            self.answers(self.campaign, member=self.member_a2).filtered(
                lambda a: a.party_rater_kind != "self"
            )
        ):
            self.rate(answer, "qualified" if index == 0 else "unqualified")
        for member in self.members:
            self.grade(self.campaign, member, "qualified")
        with self.on_day(self.T):
            self.start_tour(
                "/odoo/action-party_points.party_appraisal_campaign_action/"
                f"{self.campaign.id}",
                "party_points_appraisal_secretary_closes",
                login="pp_secretary_a",
            )
        self.assertEqual(self.campaign.state, "closed")
        case = self._result(self.member_a2).laggard_case_id
        self.assertEqual((case.origin, case.state), ("anytime", "proposed"))
        self.assertFalse(self._result(self.member_a1).laggard_case_id)
