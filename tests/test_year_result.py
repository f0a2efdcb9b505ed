# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 16, item a: "当年度积分" is the year's result (R-USE-3, R-USE-4).

During the year the card only projects the running total; the flags, and
the decisions that follow them, wait until the year's result is final: the
cycle closed, or, if the cycle says so, the branch's four quarters
published. Each on its boundary: 1 January, the last day of the year, the
first day of the next."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ResultsCase

# 10:00 in Beijing (the company's time zone) on the day named
JAN_1 = "2025-01-01 02:00:00"
DEC_31 = "2025-12-31 15:30:00"  # 23:30 in Beijing, the last day of the year
NEXT_JAN_1 = "2025-12-31 16:30:00"  # 00:30 on 1 January 2026 in Beijing


@tagged("post_install", "-at_install")
class TestYearResult(ResultsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.probationary = cls.Member.create(
            {
                "name": "预备甲",
                "branch_id": cls.branch_a.id,
                "member_type": "probationary",
            }
        )
        cls.activist = cls.Member.create(
            {
                "name": "积极分子乙",
                "branch_id": cls.branch_a.id,
                "member_type": "activist",
            }
        )
        cls.Card = cls.env["party.score.card"]

    def _state(self, card):
        card.invalidate_recordset()
        return (
            card.results_final,
            card.projected_probation_cancel,
            card.projected_not_development_target,
            card.flag_probation_cancel,
            card.flag_not_development_target,
        )

    def _cancel(self, card):
        return card.with_user(self.user_manager).action_cancel_probationary_status()

    def test_on_1_january_the_base_score_is_a_projection_not_a_flag(self):
        # every probationary member and activist starts at 80 < 100: on
        # 1 January that is only a projection of the year, and the
        # committee cannot cancel a probationary status on it
        with freeze_time(JAN_1):
            probationary = self.Card._get_or_create(self.probationary, self.cycle)
            activist = self.Card._get_or_create(self.activist, self.cycle)
            self.assertEqual(probationary.total_score, 80)
            self.assertEqual(
                self._state(probationary), (False, True, False, False, False)
            )
            self.assertEqual(self._state(activist), (False, False, True, False, False))
            with self.assertRaisesRegex(
                UserError,
                r"You cannot cancel the probationary status of 预备甲 yet: 80 "
                r"points is the running total of 2025, only a projection of the "
                r"year's result\. It becomes possible once the Party working "
                r"committee has closed the cycle, after 2025-12-31\.",
            ):
                self._cancel(probationary)
            self.assertFalse(probationary.probation_decision)
            self.assertFalse(
                self.probationary.message_ids.filtered(
                    lambda m: "cancelled the probationary status" in (m.body or "")
                )
            )

    def test_the_last_day_is_still_the_year_the_close_makes_it_final(self):
        with freeze_time(JAN_1):
            card = self.Card._get_or_create(self.probationary, self.cycle)
            activist = self.Card._get_or_create(self.activist, self.cycle)
        with freeze_time(DEC_31):
            card = self._score_to(self.probationary, 99)
            self.assertEqual(self._state(card), (False, True, False, False, False))
            with self.assertRaisesRegex(UserError, "only a projection"):
                self._cancel(card)
            with self.assertRaisesRegex(UserError, "runs until 2025-12-31"):
                self.cycle.with_user(self.user_manager).action_close()
            self.assertEqual(self.cycle.state, "open")
        with freeze_time(NEXT_JAN_1):
            self._publish_quarters(self.branch_a)
            # the four quarters are published, but this cycle waits for its close
            self.assertEqual(self._state(card), (False, True, False, False, False))
            self.cycle.with_user(self.user_manager).action_close()
            self.assertEqual(self._state(card), (True, True, False, True, False))
            self.assertEqual(self._state(activist), (True, False, True, False, True))
            self._cancel(card)
            self.assertEqual(card.probation_decision, "cancelled")

    def test_final_once_the_branch_published_its_four_quarters_if_the_cycle_says_so(
        self,
    ):
        # the committee wants the results earlier: final for the members of
        # a branch once it has published its four quarters
        card = self._score_to(self.probationary, 99)
        at_100 = self.Member.create(
            {
                "name": "预备丙",
                "branch_id": self.branch_a.id,
                "member_type": "probationary",
            }
        )
        card_100 = self._score_to(at_100, 100)
        self.cycle.with_user(self.user_manager).flags_final_on_publication = True
        self._publish_quarters(self.branch_a, "123")
        self.assertEqual(self._state(card), (False, True, False, False, False))
        with self.assertRaisesRegex(
            UserError,
            r"It becomes possible once [^.]*第一党支部 has "
            r"published its four quarters of 2025, or once the Party working "
            r"committee has closed the cycle\.",
        ):
            self._cancel(card)
        self.assertFalse(card.probation_decision)
        self._publish_quarters(self.branch_a, "4")
        self.assertEqual(self._state(card), (True, True, False, True, False))
        # 100 is not under the threshold: final, and not flagged
        self.assertEqual(self._state(card_100), (True, False, False, False, False))
        with self.assertRaisesRegex(UserError, "not flagged"):
            self._cancel(card_100)
        self._cancel(card)
        self.assertEqual(
            (card.probation_decision, card.probation_decision_user_id),
            ("cancelled", self.user_manager),
        )
        # another branch's members stay a projection
        other = self._score_to(
            self.Member.create(
                {
                    "name": "预备丁",
                    "branch_id": self.branch_b.id,
                    "member_type": "probationary",
                }
            ),
            90,
        )
        self.assertEqual(self._state(other), (False, True, False, False, False))

    def test_the_setting_is_copied_to_the_cycle_and_the_committee_may_change_it(self):
        company = self.env.company
        self.assertFalse(company.party_flags_final_on_publication)
        company.party_flags_final_on_publication = True
        cycle = self.env["party.score.cycle"].create({"year": 2031})
        self.assertTrue(cycle.flags_final_on_publication)
        self.assertFalse(self.cycle.flags_final_on_publication)
        # an open cycle may still be changed by the committee, never by a branch
        with self.assertRaises(AccessError):
            self.cycle.with_user(self.user_secretary_a).write(
                {"flags_final_on_publication": True}
            )
        self.assertFalse(self.cycle.flags_final_on_publication)
