# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 8, item 5: closing the year (R-SCORE-4). Refused while a quarter is
unpublished or a line waits (R-SCORE-8); then the cards are frozen (totals,
final ranks, flags, honours) and the next year opens with every member in
scope at the base score (R-MEM-1, R-SCORE-3)."""

from datetime import date
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.party_points.models.party_workflow_mixin import party_today

from ..models.party_score_card import PartyScoreCard
from .common import NominationMixin, ResultsCase, YearMixin, open_cycle


@tagged("post_install", "-at_install")
class TestYearClose(NominationMixin, YearMixin, ResultsCase):
    def _world_cards(self, year):
        return self.env["party.score.card"].search(
            [
                ("year", "=", year),
                ("member_id.branch_id", "child_of", self.committee.id),
            ]
        )

    def test_close_refused_while_a_quarter_is_unpublished_or_a_line_waits(self):
        self._score_to(self.member_a1, 90)
        self._score_to(self.member_b1, 85)
        for quarter in "123":
            self._publish_quarter(quarter)
        self._publish_year(self.branch_b, self.user_manager)
        cycle = self.cycle
        # the Party working committee closes the year, nobody else
        with self.assertRaises(AccessError):
            cycle.with_user(self.user_secretary_a).action_close()
        with self.assertRaisesRegex(UserError, "not published yet") as caught:
            cycle.with_user(self.user_manager).action_close()
        self.assertIn("第一党支部 Q4", str(caught.exception))
        self.assertNotIn("第二党支部", str(caught.exception))
        waiting = self._line(self.member_a1, "k07", -2, date(2025, 11, 5))
        with self.assertRaisesRegex(
            UserError, "1 points lines of 2025 are still waiting"
        ):
            cycle.with_user(self.user_manager).action_close()
        # nothing changed
        self.assertEqual(cycle.state, "open")
        self.assertEqual(self._card(self.member_a1).final_rank, 0)
        self.assertFalse(self._world_cards(2026))
        waiting.action_register()
        self.assertEqual(self._card(self.member_a1).total_score, 88)

    def test_close_freezes_the_year_and_opens_the_next(self):
        Member = self.Member
        probationary = Member.create(
            {
                "name": "预备甲",
                "branch_id": self.branch_a.id,
                "member_type": "probationary",
            }
        )
        exempt = Member.create({"name": "病休丁", "branch_id": self.branch_a.id})
        leaver = Member.create({"name": "将除名", "branch_id": self.branch_b.id})
        unqualified = Member.create({"name": "不合格", "branch_id": self.branch_b.id})
        self._score_to(self.member_a1, 110)
        self._score_to(self.member_self, 100)
        self._score_to(probationary, 95)
        self._score_to(self.member_b1, 85)
        self._meeting(date(2025, 4, 10), {self.member_a2: "absent"})
        self._exempt(exempt, date(2025, 12, 1), date(2026, 6, 30))
        self._publish_year(self.branch_a, self.user_secretary_a)
        self._publish_year(self.branch_b, self.user_manager)
        reason = "测试"
        leaver._record_change("status", "removed", party_today(self.env.user), reason)
        unqualified._record_change(
            "status", "unqualified", party_today(self.env.user), reason
        )
        # outstanding members: one confirmed before the close, one after
        self.cycle.outstanding_share = 30
        self.cycle.with_user(self.user_secretary_a).action_propose_candidates()
        wu, me = self._nominations()
        (wu | me).with_user(self.user_general).action_review()
        wu.with_user(self.user_manager).action_confirm()

        self.cycle.with_user(self.user_manager).action_close()
        self.assertEqual(self.cycle.state, "closed")
        card = self._card
        # R-SCORE-4: final ranks in each branch, exempt members unranked
        self.assertEqual(
            [
                (card(m).total_score, card(m).final_rank, card(m).rank_in_branch)
                for m in (self.member_a1, self.member_self, probationary)
            ],
            [(110, 1, 1), (100, 2, 2), (95, 3, 3)],
        )
        self.assertEqual(
            (card(self.member_a2).total_score, card(self.member_a2).final_rank), (75, 4)
        )
        self.assertEqual((card(exempt).is_exempt, card(exempt).final_rank), (True, 0))
        self.assertEqual(
            [card(m).final_rank for m in (self.member_b1, leaver, unqualified)],
            [1, 2, 2],
        )
        self.assertTrue(card(probationary).flag_probation_cancel)
        # the next year: every member in scope on a card at the base score
        new_cards = self._world_cards(2026)
        self.assertEqual(
            new_cards.member_id,
            self.member_self
            | self.member_a1
            | self.member_a2
            | self.member_b1
            | self.member_m1
            | probationary,
        )
        self.assertEqual(set(new_cards.mapped("total_score")), {80})
        self.assertEqual(set(new_cards.mapped("base_score")), {80})
        # the nomination still waiting is confirmed after the close
        me.with_user(self.user_manager).action_confirm()
        self.assertEqual(
            (
                card(self.member_a1).is_outstanding,
                card(self.member_self).is_outstanding,
            ),
            (True, True),
        )

        # whatever changes afterwards, the closed year stays as it was closed
        frozen = self._world_cards(2025)
        fnames = [
            "branch_id",
            "member_type",
            "total_score",
            "has_veto",
            "is_exempt",
            "final_rank",
            "flag_probation_cancel",
            "flag_transfer_deferred",
            "is_outstanding_candidate",
        ]
        before = frozen.read(fnames)
        self.std("j04").is_veto = True  # a standard item changes
        attendance = self.env["party.meeting.attendance"].search(
            [
                ("member_id", "=", self.member_a2.id),
                ("meeting_id.date", "=", date(2025, 4, 10)),
            ]
        )
        with self.assertRaisesRegex(UserError, "final"):
            attendance.with_user(self.user_recorder_a).status = "present"
        self.member_a1._transfer_to(self.branch_b, party_today(self.env.user), reason)
        probationary._record_change(
            "member_type", "full", party_today(self.env.user), reason
        )
        with self.assertRaisesRegex(UserError, "is closed"):
            # an exemption no longer reaches into the closed year
            self._exempt(self.member_self, date(2025, 6, 1), date(2025, 12, 31))
        self.member_m1.branch_id = self.branch_mobile  # no-op write, same branch
        with self.assertRaisesRegex(UserError, "is closed"):
            self._line(self.member_a1, "k07", -2, date(2025, 12, 1))
        with self.assertRaisesRegex(UserError, "closed: it can no longer be changed"):
            self.cycle.with_user(self.user_manager).base_score = 60
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(frozen.read(fnames), before)
        self.assertEqual(card(self.member_a1).rank_in_branch, 1)
        # the old year stays readable: by the member (own card, lines,
        # publications of the branch, honour) and by HR
        mine = card(self.member_self).with_user(self.user_member)
        self.assertEqual(
            (mine.total_score, mine.final_rank, mine.is_outstanding), (100, 2, True)
        )
        self.assertEqual(len(mine.line_ids), len(card(self.member_self).line_ids))
        self.assertEqual(me.with_user(self.user_member).state, "confirmed")
        in_2025 = [("cycle_id", "=", self.cycle.id)]
        Publication = self.env["party.score.publication"]
        self.assertEqual(
            Publication.with_user(self.user_member).search_count(in_2025), 4
        )
        hr = self.user_hr
        self.assertEqual(
            self.env["party.score.card"].with_user(hr).search(in_2025), frozen
        )
        self.assertEqual(Publication.with_user(hr).search_count(in_2025), 8)
        self.assertTrue(
            self.env["party.score.line"].with_user(hr).search_count(in_2025)
        )
        # R-SCORE-4: a year is closed once
        with self.assertRaisesRegex(UserError, "already closed"):
            self.cycle.with_user(self.user_manager).action_close()

    def test_close_opens_a_missing_cycle_in_one_batch(self):
        # R-SCORE-4 with the settings of today copied into the new cycle
        self.company.party_outstanding_share = 15
        old = open_cycle(self.env, 2023)
        created = []
        original = PartyScoreCard.create

        def counting_create(records, vals_list):
            created.append(len(vals_list))
            return original(records, vals_list)

        with patch.object(PartyScoreCard, "create", counting_create):
            old.with_user(self.user_manager).action_close()
        following = self.env["party.score.cycle"].search(
            [("year", "=", 2024), ("company_id", "=", self.company.id)]
        )
        self.assertEqual(
            (following.state, following.base_score, following.outstanding_share),
            ("open", 80, 15),
        )
        self.assertEqual(len(created), 1)  # one create for every card
        self.assertEqual(created[0], len(following.card_ids))
        self.assertEqual(
            self._world_cards(2024).member_id,
            self.member_self
            | self.member_a1
            | self.member_a2
            | self.member_b1
            | self.member_m1,
        )
        # a closed year takes no new card
        with self.assertRaisesRegex(UserError, "no card can be added"):
            self.env["party.score.card"].create(
                {"member_id": self.member_a1.id, "cycle_id": old.id}
            )

    def test_a_year_not_over_cannot_close(self):
        current = open_cycle(self.env, party_today(self.env.user).year)
        with self.assertRaisesRegex(UserError, "closed once the year is over"):
            current.with_user(self.user_manager).action_close()
        self.assertEqual(current.state, "open")
