# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast

from odoo.tests import TransactionCase, tagged

# Issue 10, item 5: each demo role and the overview it lands on.
HOMES = {
    "user_party_manager": "party_branch_action_dashboard",
    "user_party_general": "party_branch_action_dashboard",
    "user_party_secretary": "party_score_publication_action_pending",
    "user_party_recorder": "party_score_line_action_to_verify",
    # 我的考评手册: a server action that opens the member's own card
    "user_party_member": "party_score_card_action_server_my",
    "user_party_hr": "party_hr_assessment_action",
}


@tagged("post_install", "-at_install")
class TestFirstContact(TransactionCase):
    def setUp(self):
        super().setUp()
        if not self.env.ref("party_points.user_party_member", False):
            self.fail("the demo data of party_points is not installed")

    def test_demo_company_is_named(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "恒达集团有限公司")
        self.assertNotEqual(company.partner_id.name, "YourCompany")

    def test_each_demo_user_lands_on_the_overview_of_its_role(self):
        for user_xmlid, action_xmlid in HOMES.items():
            user = self.env.ref(f"party_points.{user_xmlid}")
            action = self.env.ref(f"party_points.{action_xmlid}")
            self.assertEqual(user.action_id.id, action.id, user.login)
            # the home screen opens for that user: its model is readable
            model = (
                action.model_name
                if action._name == "ir.actions.server"
                else action.res_model
            )
            records = self.env[model].with_user(user)
            self.assertTrue(records.has_access("read"), user.login)
            records.search_count([])
            self.assertEqual(user.lang, "zh_CN")

    def test_home_screens_open_on_their_filters(self):
        to_verify = self.env.ref("party_points.party_score_line_action_to_verify")
        self.assertIn("search_default_filter_to_verify", to_verify.context)
        pending = self.env.ref("party_points.party_score_publication_action_pending")
        self.assertIn("search_default_filter_to_approve", pending.context)
        kanban = self.env.ref("party_points.party_branch_action_dashboard")
        self.assertEqual(kanban.view_mode.split(",")[0], "kanban")
        # the manager sees the demo branches on the kanban, with their figures
        manager = self.env.ref("party_points.user_party_manager")
        branches = (
            self.env["party.branch"]
            .with_user(manager)
            .search(ast.literal_eval(kanban.domain))
        )
        self.assertTrue(branches)
        self.assertTrue(all(b.kind == "branch" for b in branches))
        branches.mapped("dashboard_average_score")
