# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 17 e, f, g, k: what each role reaches — the committee's own
settings form, the homes inside the app with a menu for every waiting list,
what 创建门户用户 tells, the laggard step dialog and a member's menus."""

import xmlrpc.client
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail

from .common import LaggardCommon, PartyPointsCase, PartyPointsCommon, ScoreCase
from .helpers import execute_kw


def visible_menus(env, user):
    """The menus the web client shows ``user`` (the tree of ``load_menus``
    from its root: a menu under a hidden folder is not shown), by xmlid."""
    menus = env["ir.ui.menu"].with_user(user).load_menus(False)
    shown, todo = set(), list(menus["root"]["children"])
    while todo:
        menu_id = todo.pop()
        shown.add(menu_id)
        todo.extend(menus[menu_id]["children"])
    data = env["ir.model.data"].search(
        [("model", "=", "ir.ui.menu"), ("res_id", "in", list(shown))]
    )
    return {f"{d.module}.{d.name}" for d in data}


@tagged("post_install", "-at_install")
class TestPartySettings(PartyPointsCase):
    """e. The Party working committee sets the thresholds of its company
    without being a settings administrator."""

    def setUp(self):
        super().setUp()
        self.company.write(
            {"party_laggard_threshold": 60, "party_outstanding_share": 10.0}
        )

    def test_committee_opens_and_saves_the_settings(self):
        self.assertFalse(self.user_manager.has_group("base.group_system"))
        # 配置 → 设置 is the committee's own form, in the app's menus
        self.assertIn(
            "party_points.menu_party_points_settings",
            visible_menus(self.env, self.user_manager),
        )
        menu = self.env.ref("party_points.menu_party_points_settings")
        self.assertEqual(
            menu.action, self.env.ref("party_points.party_settings_action_open")
        )
        Settings = self.env["party.settings"].with_user(self.user_manager)
        opened = Settings.action_open_settings()
        self.assertEqual(opened["res_model"], "party.settings")
        self.assertEqual(Settings.browse(opened["res_id"]).party_laggard_threshold, 60)
        with Form(Settings) as form:
            self.assertEqual(form.party_laggard_threshold, 60)
            self.assertEqual(form.party_base_score, self.company.party_base_score)
            form.party_laggard_threshold = 65
            form.party_outstanding_share = 12.5
        settings = form.record
        self.assertEqual(settings.company_id, self.company)
        action = settings.action_save()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(
            (
                self.company.party_laggard_threshold,
                self.company.party_outstanding_share,
            ),
            (65, 12.5),
        )
        # the change is kept on the company's contact, with who made it
        note = self.company.partner_id.message_ids[:1]
        self.assertEqual(note.author_id, self.user_manager.partner_id)
        self.assertIn("Laggard Threshold: 60 → 65", note.body)
        self.assertIn("Outstanding Member Share (%): 10 → 12.5", note.body)
        # the company's own checks still apply
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            settings.party_outstanding_share = 0
            settings.action_save()

    def test_every_setting_explains_its_boundaries(self):
        fields_ = self.env["party.settings"].fields_get(attributes=["help"])
        for name, field in fields_.items():
            if name.startswith("party_"):
                self.assertTrue(field.get("help"), name)
        self.assertIn(
            "59 is a laggard, 60 is not", fields_["party_laggard_threshold"]["help"]
        )
        arch = self.env["party.settings"].get_view(view_type="form")["arch"]
        self.assertIn("with 60, a score of 59 is a laggard, 60 is not", arch)

    def test_other_roles_are_refused(self):
        for user in (self.user_general, self.user_secretary_a, self.user_member):
            self.assertNotIn(
                "party_points.menu_party_points_settings",
                visible_menus(self.env, user),
            )
            with self.assertRaises(AccessError):
                self.env["party.settings"].with_user(user).create({})
            with self.assertRaises(AccessError):
                self.env["party.settings"].with_user(user).action_open_settings()
            with self.assertRaises(AccessError):
                self.env["party.settings"].with_user(user).default_get(
                    ["party_laggard_threshold"]
                )
        # a record made by the committee cannot be saved by another role
        settings = self.env["party.settings"].with_user(self.user_manager).create({})
        settings.party_laggard_threshold = 1
        with self.assertRaises(AccessError):
            settings.with_user(self.user_secretary_a).action_save()
        self.assertEqual(self.company.party_laggard_threshold, 60)

    def test_the_current_company_only(self):
        other = self.env["res.company"].create({"name": "另一家企业"})
        other.party_laggard_threshold = 50
        manager_b = self.party_user(
            "pp_manager_b",
            "base.group_user,party_points.group_party_working_committee",
            "钱委员",
            company=other,
        )
        # a committee member of company A never reaches B
        settings = (
            self.env["party.settings"]
            .with_user(self.user_manager)
            .create({"company_id": other.id, "party_laggard_threshold": 70})
        )
        self.assertEqual(settings.company_id, self.company)
        settings.action_save()
        self.assertEqual(
            (self.company.party_laggard_threshold, other.party_laggard_threshold),
            (70, 50),
        )
        with self.assertRaises(AccessError):
            self.env["party.settings"].with_user(self.user_manager).with_context(
                allowed_company_ids=other.ids
            ).create({})
        # B's committee member reads and writes B
        settings_b = self.env["party.settings"].with_user(manager_b).create({})
        self.assertEqual(
            (settings_b.company_id, settings_b.party_laggard_threshold), (other, 50)
        )
        settings_b.party_laggard_threshold = 55
        settings_b.action_save()
        self.assertEqual(
            (self.company.party_laggard_threshold, other.party_laggard_threshold),
            (70, 55),
        )
        # a form opened in one company is not saved into another
        manager_b.company_ids |= self.company
        settings_b.party_laggard_threshold = 40
        with self.assertRaises(UserError):
            settings_b.with_user(manager_b).with_context(
                allowed_company_ids=self.company.ids
            ).action_save()
        self.assertEqual(self.company.party_laggard_threshold, 70)


@tagged("post_install", "-at_install")
class TestPartySettingsRpc(PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.company.party_laggard_threshold = 60

    def _rpc(self, user, method, *args, context=None):
        kwargs = {"context": context or {}}
        return execute_kw(self, user, "party.settings", method, args, kwargs)

    def test_committee_saves_over_rpc_others_are_refused(self):
        settings_id = self._rpc(
            self.user_manager, "create", {"party_laggard_threshold": 62}
        )
        self._rpc(self.user_manager, "action_save", [settings_id])
        self.assertEqual(self.company.party_laggard_threshold, 62)
        for user in (self.user_secretary_a, self.user_member):
            with (
                self.assertRaises(xmlrpc.client.Fault),
                mute_logger("odoo.http"),
            ):
                self._rpc(user, "create", {"party_laggard_threshold": 1})
            with (
                self.assertRaises(xmlrpc.client.Fault),
                mute_logger("odoo.http"),
            ):
                self._rpc(user, "action_save", [settings_id])
        self.assertEqual(self.company.party_laggard_threshold, 62)


@tagged("post_install", "-at_install")
class TestHomesInsideTheApp(TransactionCase):
    """f. Each demo role's home is bound to a menu of the Party Points app,
    so that the web client shows the app's menu bar on landing."""

    def test_each_home_is_a_menu_of_the_app(self):
        root = self.env.ref("party_points.menu_party_points_root")
        for login in (
            "party_manager",
            "party_general",
            "party_secretary",
            "party_recorder",
            "party_member",
            "party_hr",
        ):
            user = self.env["res.users"].search([("login", "=", login)])
            self.assertTrue(user.action_id, login)
            home = user.action_id
            if home.type == "ir.actions.server":
                # 我的考评手册 makes the member's card of the year, then
                # opens the window action of its menu
                opened = self.env[home.type].browse(home.id).with_user(user).run()
                home = self.env["ir.actions.act_window"].browse(opened["id"])
            # what the web client loads, and how it finds the app of an action
            menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
            apps = {
                menu["app_id"]
                for menu in menus.values()
                if isinstance(menu, dict)
                and menu.get("action")
                and menu["action"].split(",")[1] == str(home.id)
            }
            self.assertIn(root.id, apps, login)

    def test_every_waiting_list_has_a_menu(self):
        recorder = self.env.ref("party_points.user_party_recorder")
        secretary = self.env.ref("party_points.user_party_secretary")
        manager = self.env.ref("party_points.user_party_manager")
        to_verify = "party_points.menu_party_score_line_to_verify"
        self.assertEqual(
            self.env.ref(to_verify).action,
            self.env.ref("party_points.party_score_line_action_to_verify"),
        )
        self.assertIn(to_verify, visible_menus(self.env, recorder))
        self.assertIn(to_verify, visible_menus(self.env, secretary))
        self.assertIn(
            "party_points.menu_party_score_publication_pending",
            visible_menus(self.env, secretary),
        )
        committee = visible_menus(self.env, manager)
        for xmlid in (
            "menu_party_score_line_to_approve",
            "menu_party_member_exemption_to_approve",
            "menu_party_outstanding_to_review",
            "menu_party_outstanding_to_confirm",
            "menu_party_laggard_case_in_progress",
        ):
            self.assertIn(f"party_points.{xmlid}", committee)
        self.assertNotIn(
            "party_points.menu_party_score_line_to_approve",
            visible_menus(self.env, recorder),
        )
        # the committee's list holds the lines the branch verified
        to_approve = self.env.ref("party_points.party_score_line_action_to_approve")
        self.assertIn("search_default_filter_to_approve", to_approve.context)


@tagged("post_install", "-at_install")
class TestPortalUserResult(PartyPointsCase, MockEmail):
    """g. 创建门户用户 tells each login and how the password is set."""

    def test_result_names_each_login_and_the_password_setup(self):
        self.member_a2.partner_id = self.env["res.partner"].create(
            {"name": "郑二", "email": "zheng.er@example.com"}
        )
        members = self.member_a1 | self.member_a2
        with self.mock_mail_gateway():
            action = members.with_user(
                self.user_secretary_a
            ).action_create_portal_users()
        self.assertEqual(
            (action["res_model"], action["target"]),
            ("party.portal.user.result", "new"),
        )
        result = (
            self.env["party.portal.user.result"]
            .with_user(self.user_secretary_a)
            .browse(action["res_id"])
        )
        self.assertEqual(result.summary, "Portal users created: 2 of 2.")
        by_member = {line.member_id: line for line in result.line_ids}
        domain = (self.company.email or "").partition("@")[2] or "party.local"
        no_email = by_member[self.member_a1]
        self.assertEqual(no_email.login, f"pm{self.member_a1.id}@{domain}")
        self.assertEqual(no_email.login, self.member_a1.partner_id.user_ids.login)
        self.assertEqual(no_email.password_setup, "administrator")
        self.assertIn("an administrator sets the password", no_email.note)
        with_email = by_member[self.member_a2]
        self.assertEqual(with_email.login, "zheng.er@example.com")
        self.assertEqual(with_email.password_setup, "invitation")
        self.assertIn("e-mailed to zheng.er@example.com", with_email.note)
        # issue 18, item 3: Odoo's portal wizard grants the access and sends
        # its own invitation at once (it was queued for the mail cron), to
        # the member with an address only; the other's contact keeps no
        # e-mail, its login is no address
        self.assertEqual(
            [mail["email_to"] for mail in self._mails],
            [['"郑二" <zheng.er@example.com>']],
        )
        # the portal's invitation: "Your account at <company>"
        self.assertIn(self.company.name, self._new_mails.subject)
        self.assertEqual(self._new_mails.state, "sent")
        self.assertFalse(self.member_a1.partner_id.email)
        for user in members.partner_id.user_ids:
            self.assertTrue(user.has_group("base.group_portal"))
            self.assertFalse(user._is_internal())
        # a second run says why nobody was created
        again = members.with_user(self.user_secretary_a).action_create_portal_users()
        result = self.env["party.portal.user.result"].browse(again["res_id"])
        self.assertEqual(result.summary, "Portal users created: 0 of 2.")
        self.assertEqual(set(result.line_ids.mapped("password_setup")), {"skipped"})
        self.assertEqual(set(result.line_ids.mapped("note")), {"Already has a user."})
        # the form shows the lines
        arch = result.get_view(view_type="form")["arch"]
        self.assertIn('name="login"', arch)

    def test_a_login_taken_is_skipped(self):
        # the portal wizard's own check: a user already has the login
        domain = (self.company.email or "").partition("@")[2] or "party.local"
        login = f"pm{self.member_a1.id}@{domain}"
        self.env["res.users"].create({"name": "另一人", "login": login})
        action = self.member_a1.with_user(
            self.user_secretary_a
        ).action_create_portal_users()
        result = self.env["party.portal.user.result"].browse(action["res_id"])
        self.assertEqual(result.summary, "Portal users created: 0 of 1.")
        self.assertEqual(
            result.line_ids.note,
            f"The login {login} is already taken by another user.",
        )
        self.assertFalse(self.member_a1.partner_id.user_ids)


@tagged("post_install", "-at_install")
class TestLaggardStepDialog(LaggardCommon, ScoreCase):
    """k. The determination dialog keeps what was typed when it is refused,
    and takes the report form's 主要表现 itself."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_laggard_world()

    def test_refused_determination_keeps_the_opinion(self):
        # opened without its 主要表现 nor the committee's quorum
        case = self.open_case(
            shortcomings=False,
            committee_members_required=False,
            committee_members_present=False,
        )
        case.with_user(self.user_secretary_a).action_announce(
            date(2025, 4, 2), "在专题组织生活会上通报积分。"
        )
        action = (
            case.with_user(self.user_secretary_a)
            .with_context(laggard_step="determine")
            .action_open_step_wizard()
        )
        Wizard = self.env[action["res_model"]].with_user(self.user_secretary_a)
        with Form(Wizard.with_context(**action["context"])) as form:
            form.date = date(2025, 4, 5)
            form.opinion = "经支委会集体研究，初定为后进党员。"
        wizard = form.record
        with self.assertRaises(UserError) as caught:
            wizard.action_confirm()
        self.assertIn("main shortcomings", str(caught.exception))
        # the dialog stays with its values, the case has not moved
        self.assertEqual(wizard.opinion, "经支委会集体研究，初定为后进党员。")
        self.assertEqual(case.state, "announced")
        # the 主要表现 and the committee are written in the dialog itself
        wizard.write(
            {
                "shortcomings": "无故不参加组织生活。",
                "committee_members_required": 5,
                "committee_members_present": 4,
            }
        )
        wizard.action_confirm()
        self.assertEqual(case.state, "determined")
        self.assertEqual(
            (case.shortcomings, case.committee_members_present),
            ("无故不参加组织生活。", 4),
        )
        self.assertEqual(case.branch_evaluation, "经支委会集体研究，初定为后进党员。")

    def test_the_dialog_starts_from_the_case_report_form(self):
        case = self.open_case(
            shortcomings="拒不接受党组织交办的任务。", committee_members_present=5
        )
        wizard = (
            self.env["party.laggard.step.wizard"]
            .with_user(self.user_secretary_a)
            .with_context(default_case_id=case.id, default_action="determine")
            .create({"opinion": "初定。"})
        )
        self.assertEqual(wizard.shortcomings, "拒不接受党组织交办的任务。")
        self.assertEqual(wizard.committee_members_required, 5)


@tagged("post_install", "-at_install")
class TestMemberReach(PartyPointsCase):
    """k. A member's menus are their own points; the officers' lists and
    the forms to create Party records are not offered to them."""

    def test_member_does_not_see_the_officers_menus(self):
        member_menus = visible_menus(self.env, self.user_member)
        self.assertIn("party_points.menu_party_score_line_my", member_menus)
        for xmlid in (
            "menu_party_mobile",
            "menu_party_mobile_member",
            "menu_party_mobile_certificate",
            "menu_party_mobile_report",
            "menu_party_member_exemption",
            "menu_party_score_publication",
            "menu_party_to_do",
            "menu_party_configuration",
        ):
            self.assertNotIn(f"party_points.{xmlid}", member_menus, xmlid)
        # no menu of a member opens the publications (and their New button)
        models = {
            menu.action.res_model
            for menu in self.env["ir.ui.menu"].browse(
                [self.env.ref(xmlid).id for xmlid in member_menus]
            )
            if menu.action and menu.action._name == "ir.actions.act_window"
        }
        self.assertIn("party.score.line", models)
        self.assertNotIn("party.score.publication", models)
        # the officers still have them
        recorder_menus = visible_menus(self.env, self.user_recorder_a)
        for xmlid in ("menu_party_mobile_report", "menu_party_member_exemption"):
            self.assertIn(f"party_points.{xmlid}", recorder_menus)
        self.assertIn(
            "party_points.menu_party_mobile_member",
            visible_menus(self.env, self.user_hr),
        )

    def test_forms_do_not_create_organisations_members_cycles_or_items(self):
        targets = {
            "party.branch",
            "party.member",
            "party.score.cycle",
            "party.score.standard",
        }
        checks = (
            ("party.score.publication", "branch_id"),
            ("party.score.publication", "cycle_id"),
            ("party.member", "branch_id"),
            ("party.branch", "parent_id"),
            ("party.meeting", "branch_id"),
            ("party.member.exemption", "member_id"),
            ("party.score.line", "member_id"),
            ("party.score.line", "standard_id"),
        )
        for model, fname in checks:
            self.assertIn(self.env[model]._fields[fname].comodel_name, targets)
            arch = self.env[model].get_view(view_type="form")["arch"]
            field_tag = arch.split(f'<field name="{fname}"', 1)[1].split(">", 1)[0]
            self.assertIn("no_create", field_tag, f"{model}.{fname}")
