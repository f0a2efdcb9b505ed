# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 17 i: 我的考评手册 shows the score as the ledger counts it: the base
score, the approved lines, the total; declarations and drafts apart."""

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ScoreCase, declare, evidence_file


@tagged("post_install", "-at_install")
class TestHandbookTotals(ScoreCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today, cls.current = cls.this_year()
        cls.Card = cls.env["party.score.card"]

    def _my_handbook(self, user):
        # as the menu runs it: the server action, as the user
        action = (
            self.env.ref("party_points.party_score_card_action_server_my")
            .with_user(user)
            .run()
        )
        domain = safe_eval(action["domain"], {"uid": user.id})
        return action, self.Card.with_user(user).search(domain)

    def test_a_member_new_to_the_year_reads_the_base_score(self):
        action, cards = self._my_handbook(self.user_member)
        card = cards.filtered(lambda c: c.cycle_id == self.current)
        self.assertEqual(card.member_id, self.member_self)
        self.assertEqual((card.base_score, card.total_score), (80, 80))
        # one card: the handbook opens on it
        if len(cards) == 1:
            self.assertEqual((action["res_id"], action["view_mode"]), (card.id, "form"))
        self.assertTrue(card.with_user(self.user_member).is_my_card)

    def test_declarations_and_drafts_stay_apart_from_the_total(self):
        deduction = self._line(self.member_self, "k07", -3, self.today)
        deduction.action_register()
        declared = self._line(
            self.member_self,
            "j03",
            2,
            self.today,
            user=self.user_member,
            attachment_ids=evidence_file(),
        )
        declare(declared)
        draft = self._line(
            self.member_self,
            "j03",
            2,
            self.today,
            user=self.user_member,
            attachment_ids=evidence_file(),
        )
        _action, cards = self._my_handbook(self.user_member)
        card = cards.filtered(lambda c: c.cycle_id == self.current)
        self.assertEqual(
            (
                card.base_score,
                card.addition_points,
                card.deduction_points,
                card.total_score,
            ),
            (80, 0, -3, 77),
        )
        # every line is listed with its state
        self.assertEqual(
            {(line.points, line.state) for line in card.line_ids},
            {(-3, "approved"), (2, "submitted"), (2, "draft")},
        )
        self.assertEqual(draft.card_id, card)
        # approved by the committee, the declaration counts
        declared.with_user(self.user_recorder_a).action_verify()
        declared.with_user(self.user_manager).action_approve()
        self.assertEqual(card.total_score, 79)

    def test_the_handbook_is_the_users_own_whatever_the_caller_asks(self):
        # a secretary has no member: no card is made, none of another's shown
        _action, cards = self._my_handbook(self.user_secretary_a)
        self.assertFalse(cards)
        self.assertFalse(
            self.Card.search([("member_id", "=", self.member_a1.id)]).filtered(
                lambda c: c.cycle_id == self.current
            )
        )
        # the member declares for herself only
        own = self._my_handbook(self.user_member)[1].filtered(
            lambda c: c.cycle_id == self.current
        )
        action = own.action_declare_addition()
        self.assertEqual(action["context"], {"default_member_id": self.member_self.id})
        other = self.Card._get_or_create(self.member_a1, self.current)
        with self.assertRaisesRegex(AccessError, "only for yourself"):
            other.with_user(self.user_secretary_a).action_declare_addition()
