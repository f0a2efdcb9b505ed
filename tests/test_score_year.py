# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A full year of a small branch, asserted number by number (issue 5)."""

import xmlrpc.client
from datetime import date

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import (
    PartyPointsCommon,
    ScoreCase,
    YearMixin,
    open_cycle,
)


@tagged("post_install", "-at_install")
class TestScoreYear(YearMixin, ScoreCase):
    def test_a_year_of_a_small_branch(self):
        me, wu, zheng = self.member_self, self.member_a1, self.member_a2
        # Q1: two theme Party days, one addition, published
        self._meeting(date(2025, 1, 10), {wu: "absent", zheng: "leave"})
        self._meeting(date(2025, 2, 12), {zheng: "leave", me: "late"})
        self._addition(me, "j05_1", 2, date(2025, 3, 5))
        q1 = self._publish("1")
        self.assertEqual(
            [(s.member_id, s.score, s.rank) for s in q1.snapshot_ids],
            [(me, 81, 1), (wu, 75, 2), (zheng, 74, 3)],
        )
        # Q2: a disciplinary deduction by the committee, an addition, a veto
        self._deduction(wu, "k04_4", -80, date(2025, 4, 20), self.user_manager)
        self._addition(me, "j04", 8, date(2025, 5, 6))
        k07 = self._deduction(zheng, "k07", -3, date(2025, 6, 1))
        self._deduction(zheng, "f01", 0, date(2025, 6, 15), self.user_manager)
        q2 = self._publish("2")
        self.assertEqual(
            [(s.member_id, s.score, s.rank, s.has_veto) for s in q2.snapshot_ids],
            [(me, 89, 1, False), (zheng, 71, 2, True), (wu, 0, 3, False)],
        )
        # Q3: an addition after the floor, a correction of a published line
        self._addition(wu, "j06", 10, date(2025, 7, 10))
        k07._create_correction("核实后撤销：经批准的调休", date(2025, 8, 1))
        # Q4: two additions
        self._addition(me, "j07", 10, date(2025, 11, 11))
        self._addition(me, "j01", 5, date(2025, 12, 1))

        cards = {
            c.member_id: c
            for c in self.env["party.score.card"].search(
                [("cycle_id", "=", self.cycle.id)]
            )
        }
        expected = {
            # member: (q1, q2, q3, q4, additions, deductions, total, rank, veto)
            me: (1, 8, 0, 15, 25, -1, 104, 1, False),
            zheng: (-6, -3, 3, 0, 0, -9 + 3, 74, 2, True),
            wu: (-5, -80, 10, 0, 10, -85, 5, 3, False),
        }
        for member, figures in expected.items():
            card = cards[member]
            self.assertEqual(
                (
                    card.q1_points,
                    card.q2_points,
                    card.q3_points,
                    card.q4_points,
                    card.addition_points,
                    card.deduction_points,
                    card.total_score,
                    card.rank_in_branch,
                    card.has_veto,
                ),
                figures,
                member.name,
            )
        # R-SCORE-3: the floor applies to the total, additions after it count
        self.assertEqual(cards[wu]._score_until("2"), 0)
        # the published quarters kept what they published
        self.assertEqual(
            q2.snapshot_ids.filtered(lambda s: s.member_id == zheng).score, 71
        )
        self.assertEqual(
            len(q1.line_ids), 6
        )  # 4 attendance lines, 1 addition... and the late
        self.assertEqual(sorted(q1.line_ids.mapped("points")), [-5, -2, -2, -2, -1, 2])


@tagged("post_install", "-at_install")
class TestPublicationRpc(YearMixin, PartyPointsCommon, HttpCase):
    """R-SCORE-8 through XML-RPC, as a client program would call it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.Line = cls.env["party.score.line"]
        cls.cycle = open_cycle(cls.env, 2025)

    def test_published_line_cannot_change_through_rpc(self):
        line = self._deduction(self.member_a1, "k01_1", -5, date(2025, 2, 10))
        self._publish("1")
        admin = self.env.ref("base.user_admin")
        admin.password = "admin-rpc-pw"
        for login, password, uid in (
            ("pp_manager", "pp_manager", self.user_manager.id),
            ("admin", "admin-rpc-pw", admin.id),
        ):
            for method, args in (
                ("write", [[line.id], {"points": -1}]),
                ("unlink", [[line.id]]),
            ):
                # the refusal is logged by the server, as it should be
                with (
                    self.assertRaises(xmlrpc.client.Fault) as caught,
                    mute_logger("odoo.http"),
                ):
                    self.xmlrpc_object.execute_kw(
                        self.env.cr.dbname,
                        uid,
                        password,
                        "party.score.line",
                        method,
                        args,
                    )
                self.assertIn("can never change", caught.exception.faultString, login)
        self.assertEqual(line.points, -5)
        self.assertTrue(line.exists())
