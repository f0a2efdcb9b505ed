# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 8, item 4: the eligibility flags of the annual total (R-USE-3,
R-USE-4) and the outstanding-member candidacy (R-USE-1, R-SCORE-10), each on
its boundary; exempt members are never flagged (R-MEM-4).

Issue 16, item a: "当年度积分" is the year's result. While it is not final
the card shows a projection of the running total (``projected_*``), and the
flags stay off; these tests read the projection during the year and the
flags once the year's result is final (``_make_final``: the cycle says the
results are final on publication, and the branch publishes its four
quarters). tests/test_year_result.py covers the close and the dates."""

from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.party_points.models.party_workflow_mixin import party_today

from .common import ResultsCase, evidence_file


@tagged("post_install", "-at_install")
class TestEligibilityFlags(ResultsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def member(name, member_type, branch=None):
            return cls.Member.create(
                {
                    "name": name,
                    "branch_id": (branch or cls.branch_a).id,
                    "member_type": member_type,
                }
            )

        cls.probationary = member("预备甲", "probationary")
        cls.activist = member("积极分子乙", "activist")

    def test_probationary_member_flagged_under_100(self):
        # R-USE-3: 99 → probationary status to be cancelled, 100 → not; during
        # the year a projection only (issue 16), the flag once final
        card = self._score_to(self.probationary, 99)
        self.assertEqual(self._flags(card), (True, False, False, False))
        self.assertEqual(
            (card.results_final, self._final_flags(card)), (False, (False,) * 3)
        )
        at_100 = self.Member.create(
            {
                "name": "预备丙",
                "branch_id": self.branch_a.id,
                "member_type": "probationary",
            }
        )
        card_100 = self._score_to(at_100, 100)
        self.assertEqual(self._flags(card_100), (False, False, False, True))
        self._make_final(self.branch_a)
        self.assertEqual(
            (card.results_final, self._final_flags(card)), (True, (True, False, False))
        )
        self.assertEqual(
            (card_100.results_final, self._final_flags(card_100)),
            (True, (False,) * 3),
        )

    def test_activist_not_development_target_under_100(self):
        # R-USE-3: 99 → not eligible as development target this year; an
        # activist is no Party member, so never an outstanding candidate
        # (R-USE-1, issue 16: it was one at 100)
        card = self._score_to(self.activist, 99)
        self.assertEqual(self._flags(card), (False, True, False, False))
        self._score_to(self.activist, 100, day=date(2025, 4, 1))
        self.assertEqual(self._flags(card), (False, False, False, False))
        low = self.Member.create(
            {
                "name": "积极分子丁",
                "branch_id": self.branch_a.id,
                "member_type": "activist",
            }
        )
        card_99 = self._score_to(low, 99)
        self._make_final(self.branch_a)
        self.assertEqual(self._final_flags(card_99), (False, True, False))
        self.assertEqual(self._final_flags(card), (False,) * 3)

    def test_full_member_has_neither_flag(self):
        # R-USE-3 concerns probationary members and activists only
        card = self._score_to(self.member_a1, 79)
        self.assertEqual(self._flags(card), (False, False, False, False))

    def test_outstanding_candidate_from_100_and_never_with_a_veto(self):
        # R-USE-1: 99 is no candidate, 100 is
        card = self._score_to(self.member_a1, 99)
        self.assertFalse(card.is_outstanding_candidate)
        self._score_to(self.member_a1, 100, day=date(2025, 4, 1))
        self.assertTrue(card.is_outstanding_candidate)
        # R-SCORE-10: a one-vote veto at 120 is no candidate, whatever the score
        vetoed = self._score_to(self.member_a2, 120)
        self.assertTrue(vetoed.is_outstanding_candidate)
        veto = self._line(
            self.member_a2, "f01", 0, date(2025, 5, 5), attachment_ids=evidence_file()
        )
        veto.with_user(self.user_manager).action_register()
        self.assertEqual((vetoed.total_score, vetoed.has_veto), (120, True))
        self.assertFalse(vetoed.is_outstanding_candidate)

    def test_mobile_member_scored_by_the_receiving_branch(self):
        # R-USE-4 with R-SCORE-9: the village branch's recorder scores the
        # mobile-branch member; under 90 the transfer home is deferred
        village, recorder_v, _secretary = self.new_village()
        card = self._score_to(self.member_m1, 89, recorder=recorder_v)
        self.assertEqual(card.with_user(recorder_v).branch_id, village)
        self.assertEqual(self._flags(card), (False, False, True, False))
        self._score_to(self.member_m1, 90, day=date(2025, 4, 1), recorder=recorder_v)
        self.assertEqual(self._flags(card), (False, False, False, False))
        # a member of the mobile branch without a receiving branch: 89 flagged too
        other = self.Member.create(
            {
                "name": "流动乙",
                "branch_id": self.branch_mobile.id,
                "member_type": "full",
            }
        )
        other_card = self._score_to(other, 89)
        self.assertTrue(other_card.projected_transfer_deferred)
        # an enterprise-branch member at 89 is not concerned
        self.assertFalse(self._score_to(self.member_b1, 89).projected_transfer_deferred)
        # issue 16: deferred once the year's result is final, not before
        self.assertFalse(other_card.flag_transfer_deferred)
        self._make_final(self.branch_mobile, village)
        self.assertEqual(
            (self._final_flags(other_card), self._final_flags(card)),
            ((False, False, True), (False,) * 3),
        )

    def test_exempt_members_are_never_flagged(self):
        # R-MEM-4: no score, not ranked, not flagged
        card = self._score_to(self.probationary, 79)
        self.assertTrue(card.projected_probation_cancel)
        self._exempt(self.probationary, date(2025, 10, 1), date(2026, 12, 31))
        self.assertEqual((card.is_exempt, self._flags(card)), (True, (False,) * 4))
        self._make_final(self.branch_a)
        self.assertEqual(self._final_flags(card), (False,) * 3)
        mobile = self.Member.create(
            {"name": "流动丙", "branch_id": self.branch_mobile.id}
        )
        self._score_to(mobile, 100)
        self._exempt(mobile, date(2025, 12, 1), date(2025, 12, 31))
        self.assertEqual(self._flags(self._card(mobile)), (False,) * 4)

    def test_flags_are_visible_and_filterable_on_members(self):
        self._score_to(self.probationary, 99)
        self._score_to(self.activist, 90)
        Member = self.Member.with_user(self.user_secretary_a)
        arch = Member.get_views([(False, "search")])["views"]["search"]["arch"]
        domains = {}
        for name in (
            "filter_probation_cancel",
            "filter_not_development_target",
            "filter_transfer_deferred",
        ):
            start = arch.index(f'name="{name}"')
            raw = arch[arch.index('domain="', start) + 8 :]
            raw = raw[: raw.index('"')].replace("&gt;", ">")
            domains[name] = safe_eval(raw, {"context_today": lambda: date(2026, 5, 1)})
        # issue 16: a projection is no flag: the filters find nobody yet
        for domain in domains.values():
            self.assertFalse(Member.search(domain))
        card = self.probationary.with_user(self.user_secretary_a).score_card_ids
        self.assertEqual(
            (
                card.year,
                card.total_score,
                card.projected_probation_cancel,
                card.flag_probation_cancel,
            ),
            (2025, 99, True, False),
        )
        self._make_final(self.branch_a)
        self.assertEqual(
            Member.search(domains["filter_probation_cancel"]), self.probationary
        )
        self.assertEqual(
            Member.search(domains["filter_not_development_target"]), self.activist
        )
        self.assertFalse(Member.search(domains["filter_transfer_deferred"]))
        # the annual results: cards filtered by flag, for recorders and HR
        Card = self.env["party.score.card"]
        for user in (self.user_recorder_a, self.user_hr):
            self.assertEqual(
                Card.with_user(user).search(
                    [("flag_probation_cancel", "=", True), ("year", "=", 2025)]
                ),
                self._card(self.probationary),
            )

    def test_committee_decides_on_a_flagged_probationary_member(self):
        # R-USE-3: the Party working committee decides, nobody else, and only
        # on the year's result (issue 16: never on a projection)
        card = self._score_to(self.probationary, 95)
        full = self._score_to(self.member_a1, 85)
        with self.assertRaises(AccessError):
            card.with_user(self.user_secretary_a).action_cancel_probationary_status()
        with self.assertRaisesRegex(
            UserError,
            r"95 points is the running total of 2025, only a projection.*"
            r"once the Party working committee has closed the cycle, after "
            r"2025-12-31",
        ):
            card.with_user(self.user_manager).action_cancel_probationary_status()
        self.assertFalse(card.probation_decision)
        self._make_final(self.branch_a)
        with self.assertRaisesRegex(UserError, "not flagged"):
            full.with_user(self.user_manager).action_cancel_probationary_status()
        card.with_user(self.user_manager).action_cancel_probationary_status()
        self.assertEqual(
            (
                card.probation_decision,
                card.probation_decision_user_id,
                card.probation_decision_date,
            ),
            ("cancelled", self.user_manager, party_today(self.env.user)),
        )
        self.assertIn(
            "cancelled the probationary status",
            self.probationary.message_ids[0].body,
        )
        with self.assertRaisesRegex(UserError, "already recorded"):
            card.with_user(self.user_manager).action_cancel_probationary_status()
