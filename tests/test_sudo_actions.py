# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 15, finding g: a public method that runs sudo work checks the role
inside. Any user can call any public method over RPC, whatever the ACLs of
the model: the six-month watch's Refresh (a rebuild as sudo, R-MEM-6) is the
committee's, or a branch officer's for the organisations they serve; HR and
members are refused."""

import xmlrpc.client

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PartyPointsCommon

REFUSAL = (
    "The six-month watch is refreshed by the Party working committee, or by the "
    "officers of a branch for the members of the organisations they serve."
)


@tagged("post_install", "-at_install")
class TestWatchRefreshRoles(PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.Watch = cls.env["party.member.watch"]
        cls.world = (
            cls.member_self
            | cls.member_a1
            | cls.member_a2
            | cls.member_b1
            | cls.member_m1
        )

    def _watched(self):
        return self.Watch.search([("member_id", "in", self.world.ids)]).member_id

    def _rpc(self, user):
        # new_test_user's password: the login, padded to eight characters
        password = user.login + "x" * (8 - len(user.login))
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            user.id,
            password,
            "party.member.watch",
            "action_refresh",
            [],
        )

    def test_hr_members_and_employees_are_refused(self):
        for user in (self.user_hr, self.user_member, self.user_plain):
            with self.assertRaisesRegex(AccessError, REFUSAL):
                self.Watch.with_user(user).action_refresh()
        self.assertFalse(self._watched())

    def test_a_branch_officer_refreshes_the_organisations_served(self):
        self.Watch.with_user(self.user_recorder_a).action_refresh()
        # 第一党支部 and its group; not 第二党支部 nor the mobile branch
        self.assertEqual(
            self._watched(), self.member_self | self.member_a1 | self.member_a2
        )
        # a recorder who serves no organisation has nothing to refresh
        idle = self.party_user(
            "pp_recorder_idle",
            "base.group_user,party_points.group_party_recorder",
            "闲登记员",
        )
        with self.assertRaisesRegex(AccessError, REFUSAL):
            self.Watch.with_user(idle).action_refresh()

    def test_the_committee_refreshes_everyone(self):
        action = self.Watch.with_user(self.user_manager).action_refresh()
        self.assertEqual(action["tag"], "soft_reload")
        self.assertEqual(self._watched(), self.world)

    def test_over_rpc(self):
        for user in (self.user_member, self.user_hr):
            with (
                self.assertRaises(xmlrpc.client.Fault) as caught,
                mute_logger("odoo.http"),
            ):
                self._rpc(user)
            self.assertIn(REFUSAL, caught.exception.faultString)
        self.assertFalse(self._watched())
        self.assertEqual(self._rpc(self.user_manager)["tag"], "soft_reload")
        self.assertEqual(self._watched(), self.world)
