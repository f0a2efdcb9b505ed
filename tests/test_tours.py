# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 10, item 6: tours in a real headless Chromium (Debian's chromium,
websocket-client). The tours live in static/src/js/tours/."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import PartyPointsCommon, publication_day


@tagged("post_install", "-at_install")
class TestTours(PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.today, cls.cycle = cls.this_year()
        cls.quarter = str((cls.today.month - 1) // 3 + 1)
        cls.k07 = cls.env.ref("party_points.standard_k07")

    def _lines(self, member):
        return self.env["party.score.line"].search(
            [("member_id", "=", member.id), ("cycle_id", "=", self.cycle.id)]
        )

    def test_recorder_registers_and_secretary_publishes(self):
        # R-SCORE-7: the branch registers the deduction in the monthly register
        self.start_tour(
            "/odoo", "party_points_register_deduction_tour", login="pp_recorder_a"
        )
        line = self._lines(self.member_a1)
        self.assertEqual(len(line), 1)
        self.assertEqual(
            (line.standard_id, line.points, line.state, line.date),
            (self.k07, -3, "approved", self.today),
        )
        self.assertEqual(line.approved_by_id, self.user_recorder_a)
        self.assertEqual(line.branch_id, self.branch_a)

        # R-SCORE-6, R-SCORE-8: the secretary approves and publishes the quarter
        publication = self._publish_quarter(self.quarter, publish=False)
        # R-SCORE-6: as on the first day after the quarter
        with publication_day(fields.Date.end_of(self.today, "quarter") + timedelta(1)):
            self.start_tour(
                "/odoo", "party_points_publish_quarter_tour", login="pp_secretary_a"
            )
        publication.invalidate_recordset()
        self.assertEqual(publication.state, "published")
        self.assertEqual(publication.published_by_id, self.user_secretary_a)
        snapshot = publication.sudo().snapshot_ids.filtered(
            lambda s: s.member_id == self.member_a1
        )
        self.assertEqual(snapshot.score, self.cycle.base_score - 3)

    def test_hr_opens_an_employee_and_sees_the_score(self):
        # R-USE-5: HR reads the Party score on the employee
        employee = self.employ(self.member_a1)
        self._registered(self.member_a1, "k07", -3, self.today)
        self.assertEqual(employee.with_user(self.user_hr).party_score, 77)
        self.start_tour(
            f"/odoo/action-hr.open_view_employee_list_my/{employee.id}",
            "party_points_hr_employee_tour",
            login="pp_hr",
        )

    def test_committee_reads_the_dashboards(self):
        # Issue 10, item 3: the kanban and the chart render in the browser
        line = self._registered(self.member_a1, "k07", -3, self.today)
        self.assertEqual(
            self.branch_a.with_user(self.user_manager).dashboard_average_score, 77
        )
        self.start_tour(
            "/odoo", "party_points_branches_overview_tour", login="pp_manager"
        )
        self.start_tour(
            f"/odoo/action-party_points.party_score_card_action/{line.card_id.id}",
            "party_points_score_chart_tour",
            login="pp_manager",
        )


@tagged("post_install", "-at_install")
class TestHomeTours(HttpCase):
    """Issue 17 e, f: the demo logins as they land in the browser."""

    def test_recorder_lands_inside_the_app(self):
        recorder = self.env.ref("party_points.user_party_recorder")
        self.assertEqual(
            recorder.action_id.id,
            self.env.ref("party_points.party_score_line_action_to_verify").id,
        )
        self.start_tour(
            "/odoo", "party_points_recorder_home_tour", login="party_recorder"
        )

    def test_committee_saves_its_settings(self):
        manager = self.env.ref("party_points.user_party_manager")
        self.assertFalse(manager.has_group("base.group_system"))
        company = manager.company_id
        company.party_laggard_threshold = 60
        self.start_tour(
            "/odoo/action-party_points.party_branch_action_dashboard",
            "party_points_committee_settings_tour",
            login="party_manager",
        )
        self.assertEqual(company.party_laggard_threshold, 58)
