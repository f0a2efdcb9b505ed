# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""R-SCORE-5, R-SCORE-7, R-SCORE-10 (issue 16, item g): the evidence an item
requires is asked of whoever registers the line, the committee directly
included; a one-vote veto puts the member on the laggard watch list (the
members' filter, the laggard menu, the branches overview) until the year is
closed."""

from datetime import date

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import NominationMixin, ScoreCase, evidence_file


@tagged("post_install", "-at_install")
class TestEvidenceWhoeverRegisters(ScoreCase):
    def _refused_then_accepted(self, member, code, points, user):
        """A draft line of ``code`` without evidence is refused at
        registration and stays as it was; with its evidence it is
        registered."""
        line = self._line(member, code, points, date(2025, 5, 5), user=user)
        with self.assertRaisesRegex(UserError, "needs written evidence"):
            line.with_user(user).action_register()
        self.env.invalidate_all()
        self.assertEqual(
            (line.state, line.approved_by_id, line.attachment_ids),
            ("draft", self.env["res.users"], self.env["ir.attachment"]),
        )
        line.with_user(user).write({"attachment_ids": evidence_file()})
        line.with_user(user).action_register()
        self.assertEqual((line.state, line.approved_by_id), ("approved", user))
        self.assertEqual(line.attachment_ids.res_id, line.id)
        return line

    def test_committee_veto_needs_its_evidence(self):
        # F01 (一票否决) requires evidence and is applied by the committee
        self.assertTrue(self.std("f01").evidence_required)
        card_before = self._card(self.member_b1)
        self.assertFalse(card_before.has_veto)
        line = self.Line.with_user(self.user_manager).create(
            {
                "member_id": self.member_b1.id,
                "standard_id": self.std("f01").id,
                "points": 0,
                "date": date(2025, 5, 5),
            }
        )
        with self.assertRaisesRegex(UserError, "F01 .* needs written evidence"):
            line.with_user(self.user_manager).action_register()
        self.assertEqual(line.state, "draft")
        self.assertFalse(self._card(self.member_b1).has_veto)
        self.assertFalse(self.member_b1.laggard_watch)
        line.with_user(self.user_manager).write({"attachment_ids": evidence_file()})
        line.with_user(self.user_manager).action_register()
        self.assertEqual(line.state, "approved")
        self.assertTrue(self._card(self.member_b1).has_veto)
        self.assertTrue(self.member_b1.laggard_watch)

    def test_other_items_requiring_evidence_whoever_registers(self):
        # the committee's own deduction (K04-1, committee direct) once the
        # committee asks evidence for it in its catalogue
        self.std("k04_1").evidence_required = True
        self._refused_then_accepted(self.member_b1, "k04_1", -20, self.user_manager)
        self.assertEqual(self._card(self.member_b1).total_score, 60)
        # a committee-direct addition the committee registers itself
        self.std("j05_1").committee_direct = True
        self._refused_then_accepted(self.member_a1, "j05_1", 2, self.user_manager)
        # a branch deduction registered by the recorder
        self.std("k07").evidence_required = True
        self._refused_then_accepted(self.member_a1, "k07", -3, self.user_recorder_a)
        self.assertEqual(self._card(self.member_a1).total_score, 79)
        # items without the requirement register as before
        plain = self._line(self.member_a2, "k01_4", -1, date(2025, 5, 6))
        plain.action_register()
        self.assertEqual(plain.state, "approved")

    def test_meeting_deductions_and_corrections_rest_on_their_record(self):
        # the attendance of a closed meeting and a correction's reason are
        # the written record of their lines
        self.std("k01_1").evidence_required = True
        meeting = self._theme_day(date(2025, 3, 10), self.member_a1, "absent")
        absence = meeting.line_ids
        self.assertEqual((absence.points, absence.state), (-5, "approved"))
        correction = absence.with_user(self.user_recorder_a)._create_correction(
            "核实为公假", date(2025, 3, 20)
        )
        self.assertEqual((correction.points, correction.state), (5, "approved"))


@tagged("post_install", "-at_install")
class TestLaggardWatchList(NominationMixin, ScoreCase):
    """R-SCORE-10: on the laggard watch list while the veto stands in an open
    cycle."""

    def _veto(self, member, day=date(2025, 6, 15)):
        line = self.Line.with_user(self.user_manager).create(
            {
                "member_id": member.id,
                "standard_id": self.std("f01").id,
                "points": 0,
                "date": day,
                "attachment_ids": evidence_file("党工委决定.pdf"),
            }
        )
        line.with_user(self.user_manager).action_register()
        return line

    def _filter_domain(self):
        """The domain of the members' filter, as the search view gives it."""
        arch = etree.fromstring(
            self.env.ref("party_points.party_member_view_search").arch
        )
        node = arch.xpath("//filter[@name='filter_laggard_watch']")[0]
        return safe_eval(node.get("domain"))

    def _watched(self, user):
        return self.Member.with_user(user).search(self._filter_domain())

    def _overview(self, user):
        """The count of the branches overview: 第一党支部, 第二党支部, the
        general branch and the committee, as a new request reads it."""
        self.env.invalidate_all()
        return [
            branch.with_user(user).dashboard_watch_count
            for branch in (self.branch_a, self.branch_b, self.general, self.committee)
        ]

    def test_veto_puts_the_member_on_the_watch_list_until_the_year_close(self):
        # the laggard menu opens the members with the filter on
        action = self.env.ref("party_points.party_member_action_laggard_watch")
        self.assertEqual(
            safe_eval(action.context), {"search_default_filter_laggard_watch": 1}
        )
        self.assertEqual(
            (action.res_model, action.search_view_id),
            ("party.member", self.env.ref("party_points.party_member_view_search")),
        )
        menu = self.env.ref("party_points.menu_party_laggard_watch")
        self.assertEqual(menu.action, action)
        self.assertFalse(self._watched(self.user_manager))
        self.assertEqual(self._overview(self.user_manager), [0, 0, 0, 0])

        self._veto(self.member_b1)
        # whatever the score (80, no deduction)
        self.assertEqual(self._card(self.member_b1).total_score, 80)
        self.assertTrue(self.member_b1.laggard_watch)
        self.assertEqual(self._watched(self.user_manager), self.member_b1)
        self.assertEqual(self._watched(self.user_general), self.member_b1)
        # the branch of 吴一 sees no member of its own on the list
        self.assertFalse(self._watched(self.user_secretary_a))
        # the branches overview counts the member, rolled up the tree
        self.assertEqual(self._overview(self.user_manager), [0, 1, 1, 1])
        self.assertEqual(self._overview(self.user_general)[1:3], [1, 1])
        # not on the list: the others, and the opposite filter finds them
        others = self.Member.search(
            [
                ("laggard_watch", "=", False),
                ("branch_id", "child_of", self.committee.id),
            ]
        )
        self.assertNotIn(self.member_b1, others)
        self.assertIn(self.member_a1, others)

        # the year close takes the member off the list; the closed card
        # keeps its veto
        self._publish_year(self.branch_b, self.user_manager)
        self.cycle.with_user(self.user_manager).action_close()
        self.assertEqual(self.cycle.state, "closed")
        self.env.invalidate_all()
        self.assertTrue(self._card(self.member_b1).has_veto)
        self.assertFalse(self.member_b1.laggard_watch)
        self.assertFalse(self._watched(self.user_manager))
        self.assertEqual(self._overview(self.user_manager), [0, 0, 0, 0])

    def test_corrected_veto_takes_the_member_off_the_list(self):
        veto = self._veto(self.member_a1)
        self.assertEqual(self._watched(self.user_secretary_a), self.member_a1)
        self.assertEqual(self._overview(self.user_manager), [1, 0, 1, 1])
        veto.with_user(self.user_manager)._create_correction(
            "经复查撤销一票否决", date(2025, 7, 1)
        )
        self.env.invalidate_all()
        self.assertFalse(self.member_a1.laggard_watch)
        self.assertFalse(self._watched(self.user_secretary_a))
        self.assertEqual(self._overview(self.user_manager), [0, 0, 0, 0])
