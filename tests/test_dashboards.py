# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import LaggardCommon, ScoreCase


@tagged("post_install", "-at_install")
class TestDashboards(LaggardCommon, ScoreCase):
    """Issue 10, item 3: the branch kanban, the points analysis and a member's
    score over the quarters."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_laggard_world()
        cls.today, cls.cycle_now = cls.this_year()
        cls.jan = date(cls.today.year, 1, 15)

    def _register(self, member, code, points, day):
        line = self._line(member, code, points, day, user=self.user_manager)
        line.with_user(self.user_manager).action_register()
        return line

    def _card_now(self, member):
        return self.env["party.score.card"].search(
            [("member_id", "=", member.id), ("cycle_id", "=", self.cycle_now.id)]
        )

    def test_branch_kanban_figures_roll_up_the_tree(self):
        self._register(self.member_a1, "k07", -3, self.jan)
        self._register(self.member_a2, "k07", -5, self.jan)  # in 第一党小组
        self._register(self.member_b1, "k07", -2, self.jan)
        cards_a = self._card_now(self.member_a1) | self._card_now(self.member_a2)
        cards_b = self._card_now(self.member_b1)
        # computed independently: the cards' totals of the cycle
        expected_a = sum(cards_a.mapped("total_score")) / len(cards_a)
        base = self.cycle_now.base_score
        self.assertEqual(expected_a, base - 4)
        self.open_case(day=self.jan, shortcomings="无故不参加组织生活。")
        mobile = self.env["party.mobile.member"].with_user(self.user_manager)
        away = mobile.create(
            {
                "member_id": self.member_b1.id,
                "reason": "work",
                "destination": "广东省深圳市",
                "host_organisation": "深圳某电子公司",
                "departure_date": date(self.today.year - 1, 1, 10),
                "expected_return": date(self.today.year + 1, 5, 10),
            }
        )
        away.action_depart()
        self.assertTrue(away.contact_overdue)

        branches = (self.branch_a | self.branch_b | self.general).with_user(
            self.user_manager
        )
        branch_a, branch_b, general = branches.sorted(
            lambda b: [self.branch_a, self.branch_b, self.general].index(b)
        )
        self.assertEqual(branch_a.dashboard_average_score, expected_a)
        self.assertEqual(branch_a.dashboard_card_count, 2)
        self.assertEqual(branch_a.dashboard_laggard_count, 1)
        self.assertEqual(branch_a.dashboard_contact_overdue_count, 0)
        self.assertEqual(branch_b.dashboard_average_score, base - 2)
        self.assertEqual(branch_b.dashboard_contact_overdue_count, 1)
        self.assertEqual(
            branch_b.dashboard_report_overdue_count, int(away.report_overdue)
        )
        # the general branch sums its branches
        all_cards = cards_a | cards_b
        self.assertEqual(general.dashboard_card_count, 3)
        self.assertAlmostEqual(
            general.dashboard_average_score,
            sum(all_cards.mapped("total_score")) / 3,
            places=1,
        )
        self.assertEqual(general.dashboard_laggard_count, 1)
        self.assertEqual(general.dashboard_contact_overdue_count, 1)

    def test_branch_kanban_shows_zero_to_a_role_without_rights(self):
        # HR reads branches but no laggard case: a zero, not an error
        self._register(self.member_b1, "k07", -2, self.jan)
        branch = self.branch_b.with_user(self.user_member)
        self.assertEqual(branch.dashboard_laggard_count, 0)
        self.assertEqual(branch.dashboard_contact_overdue_count, 0)

    def test_points_analysis_groups_by_branch_indicator_and_month(self):
        self._register(self.member_a1, "k07", -3, self.jan)
        self._register(self.member_b1, "k07", -2, date(self.today.year, 2, 3))
        action = self.env.ref("party_points.party_score_line_action_analysis")
        self.assertEqual(action.view_mode, "pivot,graph,list,form")
        groups = (
            self.env["party.score.line"]
            .with_user(self.user_general)
            ._read_group(
                [("state", "=", "approved"), ("cycle_id", "=", self.cycle_now.id)],
                ["branch_id", "category", "date:month"],
                ["points:sum"],
            )
        )
        got = {(b.name, c, m.month): p for b, c, m, p in groups}
        category = self.std("k07").category
        self.assertEqual(got[("第一党支部", category, 1)], -3)
        self.assertEqual(got[("第二党支部", category, 2)], -2)

    def test_score_over_the_quarters_chart(self):
        self._register(self.member_a1, "k07", -3, self.jan)
        card = self._card_now(self.member_a1).with_user(self.user_secretary_a)
        action = card.action_view_score_chart()
        self.assertEqual(action["res_model"], "party.score.line")
        self.assertEqual(action["views"][0][1], "graph")
        lines = self.env["party.score.line"].search(action["domain"])
        self.assertEqual(sum(lines.mapped("points")), card.q1_points)
        self.assertEqual(card.q1_points, -3)
        # the member form opens the same chart, for the latest cycle
        member_action = self.member_a1.with_user(
            self.user_secretary_a
        ).action_view_score_chart()
        self.assertEqual(member_action["domain"], action["domain"])
        with self.assertRaisesRegex(UserError, "no points card"):
            self.member_b1.action_view_score_chart()
        # the graph view draws a cumulated line by quarter
        arch = self.env.ref("party_points.party_score_line_view_graph_quarters").arch
        self.assertIn('cumulated="1"', arch)

    def test_branch_kanban_counts_the_missed_meeting_reminders(self):
        # DOMAIN §8: the missed monthly committee meeting and theme Party day,
        # quarterly general meeting and Party lesson leave four reminders on
        # the branch for its secretary and its recorder (eight), the missed
        # group meeting two on its group; shown on the branch's card and
        # rolled up to the general branch
        self.env["party.meeting"]._cron_remind_missing_meetings(today=date(2025, 4, 2))
        reminders = self.env["mail.activity"].search_count(
            [("res_model", "=", "party.branch"), ("res_id", "=", self.branch_a.id)]
        )
        self.assertEqual(reminders, 8)
        branch_a = self.branch_a.with_user(self.user_secretary_a)
        self.assertEqual(branch_a.dashboard_reminder_count, 10)
        general = self.general.with_user(self.user_general)
        self.assertGreaterEqual(general.dashboard_reminder_count, 10)
        self.assertEqual(
            general.dashboard_reminder_count,
            self.env["mail.activity"].search_count(
                [
                    ("res_model", "=", "party.branch"),
                    (
                        "res_id",
                        "in",
                        self.Branch.search([("id", "child_of", self.general.id)]).ids,
                    ),
                ]
            ),
        )


# The Branches Overview of the demo data on 2 December 2026, as it stood
# before its figures moved to the models they count (issue 18, item 3):
# direct and total members, average score and cards of 2026, laggard cases
# in progress, contacts overdue, watch list, reminders, reports overdue.
DEMO_OVERVIEW = {
    "branch_committee": [1, 27, 78.5, 24, 1, 1, 0, 0, 1],
    "branch_general_hengda": [1, 17, 79.6, 16, 1, 0, 0, 0, 0],
    "branch_hengda_1": [9, 11, 79.5, 11, 0, 0, 0, 0, 0],
    "branch_hengda_1_group_1": [2, 2, 0.0, 0, 0, 0, 0, 0, 0],
    "branch_hengda_2": [4, 4, 79.3, 3, 1, 0, 0, 0, 0],
    "branch_temporary": [1, 1, 80.0, 1, 0, 0, 0, 0, 0],
    "branch_education": [3, 3, 66.0, 2, 0, 0, 0, 0, 0],
    "branch_mobile": [5, 5, 80.0, 3, 0, 1, 0, 0, 1],
    "branch_village": [1, 1, 80.0, 2, 0, 0, 0, 0, 0],
}
OVERVIEW_FIELDS = [
    "member_count",
    "total_member_count",
    "dashboard_average_score",
    "dashboard_card_count",
    "dashboard_laggard_count",
    "dashboard_contact_overdue_count",
    "dashboard_watch_count",
    "dashboard_reminder_count",
    "dashboard_report_overdue_count",
]


@tagged("post_install", "-at_install")
class TestDemoBranchesOverview(TransactionCase):
    """The figures of the Branches Overview on the demo data, read by the
    committee and by a branch secretary (its branch and group only)."""

    def _figures(self, user):
        with freeze_time("2026-12-02 10:00:00"):
            branches = self.env["party.branch"].with_user(user).search([])
            names = branches.get_external_id()
            return {
                names[branch.id].split(".")[1]: [
                    branch[name] for name in OVERVIEW_FIELDS
                ]
                for branch in branches
            }

    def test_demo_overview_figures(self):
        if not self.env.ref("party_points.user_party_member", False):
            self.fail("the demo data of party_points is not installed")
        manager = self.env.ref("party_points.user_party_manager")
        self.assertEqual(self._figures(manager), DEMO_OVERVIEW)
        secretary = self.env.ref("party_points.user_party_secretary")
        self.assertEqual(
            self._figures(secretary),
            {
                key: DEMO_OVERVIEW[key]
                for key in ("branch_hengda_1", "branch_hengda_1_group_1")
            },
        )
