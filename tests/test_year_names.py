# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 17 d: a year is a name. The web client writes an integer column
"2,026" and, grouped by it, sums it in the group's row; the years HR and
the recorders read are names (static/src/js/tours/party_points_year_tours.js)."""

from odoo.tests import HttpCase, tagged

from .common import PartyPointsCommon


@tagged("post_install", "-at_install")
class TestYearNames(PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.today, cls.cycle = cls.this_year()
        cls.employee = cls.employ(cls.member_a1)
        cls.env["party.score.card"]._get_or_create_many({(cls.member_a1, cls.cycle)})

    def test_hr_groups_the_assessment_by_year(self):
        Assessment = self.env["party.hr.assessment"].with_user(self.user_hr)
        row = Assessment.search([("employee_id", "=", self.employee.id)])
        self.assertEqual(row.year, str(self.today.year))
        groups = Assessment.read_group(
            [("employee_id", "=", self.employee.id)], ["total_score:avg"], ["year"]
        )
        self.assertEqual([group["year"] for group in groups], [str(self.today.year)])
        self.start_tour(
            "/odoo/action-party_points.party_hr_assessment_action",
            "party_points_hr_assessment_by_year_tour",
            login="pp_hr",
        )

    def test_the_mobile_member_shows_its_points_year(self):
        record = self._mobile(departure_date=self.today, expected_return=False)
        self.assertEqual(record.score_year, str(self.today.year))
        self.start_tour(
            f"/odoo/action-party_points.party_mobile_member_action/{record.id}",
            "party_points_mobile_year_tour",
            login="pp_manager",
        )
