# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 19, item 3 (R-MSG-4): the member reads the messages of the addon in the
portal (/my/party, /my/party/messages), only their own, and switches them
off there; an officer switches the daily digest off in their preferences,
also over XML-RPC, and nothing else of theirs."""

import re
from datetime import timedelta

from odoo.tests import tagged

from .common import PortalCase
from .helpers import execute_kw, rpc_fault


@tagged("post_install", "-at_install")
class TestNotifyPortal(PortalCase):
    def setUp(self):
        super().setUp()
        self.authenticate(self.portal.login, self.portal.login)
        self.opener.cookies["frontend_lang"] = "en_US"
        self.member_a1.partner_id.lang = "en_US"
        self.member_a2.partner_id.write({"lang": "en_US", "email": "zheng@example.com"})

    def _get(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response.text

    def _switch(self, state):
        page = self._get("/my/party/messages")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.url_open(
            "/my/party/messages/switch", data={"csrf_token": token, "messages": state}
        )
        self.assertEqual(response.status_code, 200)
        return response.text

    def _my_messages(self, member):
        return self.env["mail.message"].search(
            [
                ("model", "=", "party.member"),
                ("res_id", "=", member.id),
                ("message_type", "=", "user_notification"),
            ]
        )

    def test_the_member_reads_their_own_published_score_on_my_party(self):
        self._registered(self.member_a1, "k07", 3, self.cycle_2025.date_from)
        self._publication(self.branch_a, "1")
        home = self._get("/my/party")
        self.assertIn("My Messages", home)
        subject = self._my_messages(self.member_a1).subject
        self.assertIn("your score 77, rank", subject)
        self.assertIn("your score 77, rank", home)
        page = self._get("/my/party/messages")
        self.assertIn("<strong>77</strong>", page)
        # 郑二's message is not shown to 吴一, nor readable by them
        other = self._my_messages(self.member_a2)
        self.assertTrue(other)
        self.assertNotIn("郑二", page)
        self.assertFalse(
            self.env["mail.message"]
            .with_user(self.portal)
            .search([("id", "=", other.id)])
        )

    def test_the_member_switches_the_messages_off_and_on(self):
        page = self._switch("off")
        self.assertIn("Your choice is saved.", page)
        self.assertIn('data-state="off"', page)
        self.assertTrue(self.member_a1.party_messages_off)
        self._publication(self.branch_a, "1")
        self.assertFalse(self._my_messages(self.member_a1))
        # the theme day reminder respects it too
        meeting = self.env["party.meeting"].create(
            {
                "name": "主题党日",
                "meeting_type": "theme_day",
                "branch_id": self.branch_a.id,
                "date": self.today + timedelta(days=1),
            }
        )
        self.env["party.meeting"]._cron_remind_theme_days(today=self.today)
        self.assertNotIn(self.member_a1, meeting.party_reminded_member_ids)
        self.assertIn(self.member_a2, meeting.party_reminded_member_ids)
        self.assertFalse(self._my_messages(self.member_a1))
        page = self._switch("on")
        self.assertIn('data-state="on"', page)
        self.assertFalse(self.member_a1.party_messages_off)
        self._publication(self.branch_a, "2")
        self.assertEqual(len(self._my_messages(self.member_a1)), 1)

    def test_a_member_cannot_write_their_choice_over_rpc(self):
        # the switch is the portal's page; the member record stays read-only
        fault = rpc_fault(
            self,
            self.portal,
            "party.member",
            "write",
            [self.member_a1.ids, {"party_messages_off": True}],
        )
        self.assertIn("on their page of the portal", fault)
        self.assertFalse(self.member_a1.party_messages_off)

    def test_an_officer_switches_the_digest_off_in_their_preferences(self):
        user = self.user_recorder_a
        user.password = user.login
        execute_kw(
            self, user, "res.users", "write", [user.ids, {"party_digest": False}]
        )
        self.assertFalse(user.party_digest)
        # the day the digest was sent is the job's, not the user's
        fault = rpc_fault(
            self,
            user,
            "res.users",
            "write",
            [user.ids, {"party_digest_date": "2026-01-01"}],
        )
        self.assertIn("not allowed to modify", fault)
        self.assertFalse(user.party_digest_date)
