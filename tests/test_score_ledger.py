# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ScoreCase, declare, evidence_file, open_cycle


@tagged("post_install", "-at_install")
class TestScoreLedger(ScoreCase):
    def test_catalogue_ships_every_item_of_the_seed(self):
        # R-SCORE-1, R-SCORE-2, 附件1: 10 deduction items (with their
        # sub-items), 7 additions
        standards = self.env["party.score.standard"].search(
            [("catalogue", "=", "enterprise"), ("company_id", "=", self.company.id)]
        )
        self.assertEqual(len(standards), 30)
        deductions = standards.filtered(
            lambda s: s.sign == "deduction" and not s.is_veto
        )
        self.assertEqual(len({s.code.split("-")[0] for s in deductions}), 10)
        additions = standards.filtered(lambda s: s.sign == "addition")
        self.assertEqual(len({s.code.split("-")[0] for s in additions}), 7)
        self.assertTrue(all(additions.mapped("evidence_required")))
        self.assertEqual(self.std("k04_2").points_label, "-40")
        self.assertEqual(self.std("k07").points_label, "-2~-5")
        self.assertEqual(self.std("j05_3").points_label, "+6~+10")
        self.assertTrue(self.std("f01").is_veto)

    def test_points_must_fit_the_standard(self):
        with self.assertRaisesRegex(ValidationError, "do not fit"):
            self._line(self.member_a1, "k07", -6, date(2025, 3, 1))
        # the size is enough: the sign is the item's (issue 17 h)
        line = self._line(self.member_a1, "k07", 3, date(2025, 3, 1))
        self.assertEqual(line.points, -3)
        self.assertEqual((line.quarter, line.month), ("1", 3))
        self.assertEqual(line.cycle_id, self.cycle)
        self.assertEqual(line.branch_id, self.branch_a)

    def test_addition_is_declared_verified_and_approved(self):
        # R-SCORE-7: 个人申报—支部核实—公示登记, approved by the committee (R-SCORE-5)
        line = self._line(
            self.member_self,
            "j05_1",
            2,
            date(2025, 4, 8),
            user=self.user_member,
            attachment_ids=evidence_file(),
            description="获公司年度先进个人",
        )
        line.with_user(self.user_member).action_submit()
        self.assertEqual(line.state, "submitted")
        self.assertEqual(line.declared_by_id, self.user_member)
        with self.assertRaises(AccessError):
            line.with_user(self.user_member).action_verify()
        line.with_user(self.user_recorder_a).action_verify()
        with self.assertRaises(AccessError):
            line.with_user(self.user_recorder_a).action_approve()
        self.assertEqual(self._card(self.member_self).total_score, 80)  # not yet
        line.with_user(self.user_manager).action_approve()
        self.assertEqual(line.state, "approved")
        self.assertEqual(line.approved_by_id, self.user_manager)
        card = self._card(self.member_self)
        self.assertEqual(
            (card.base_score, card.addition_points, card.q2_points, card.total_score),
            (80, 2, 2, 82),
        )

    def test_declaration_needs_its_evidence(self):
        line = self._line(
            self.member_self, "j03", 2, date(2025, 5, 1), user=self.user_member
        )
        with self.assertRaisesRegex(UserError, "needs written evidence"):
            line.with_user(self.user_member).action_submit()
        self.assertEqual(line.state, "draft")

    def test_deduction_is_registered_by_the_branch(self):
        line = self._line(self.member_a1, "k01_1", -5, date(2025, 2, 15))
        with self.assertRaisesRegex(UserError, "registered by the branch"):
            line.action_submit()
        line.action_register()
        self.assertEqual(line.state, "approved")
        self.assertEqual(self._card(self.member_a1).total_score, 75)
        addition = self._line(self.member_a1, "j03", 2, date(2025, 2, 16))
        with self.assertRaisesRegex(UserError, "declared by the member"):
            addition.action_register()

    def test_committee_registers_directly_where_allowed(self):
        # R-SCORE-7: conclusive evidence, the committee deducts directly
        line = self._line(
            self.member_b1, "k04_1", -20, date(2025, 6, 1), user=self.user_manager
        )
        line.with_user(self.user_manager).action_register()
        self.assertEqual(self._card(self.member_b1).total_score, 60)
        with self.assertRaises(AccessError):
            self._line(
                self.member_b1, "k07", -2, date(2025, 6, 2), user=self.user_recorder_a
            )

    def test_score_never_below_zero_and_has_no_cap(self):
        # R-SCORE-3
        for day in (1, 2):
            self._line(
                self.member_a1, "k04_4", -80, date(2025, 3, day), user=self.user_manager
            ).with_user(self.user_manager).action_register()
        card = self._card(self.member_a1)
        self.assertEqual((card.deduction_points, card.total_score), (-160, 0))
        for day in (1, 2, 3):
            line = self._line(
                self.member_a2,
                "j06",
                10,
                date(2025, 7, day),
                attachment_ids=evidence_file(),
            )
            declare(line)
            line.action_verify()
            line.with_user(self.user_manager).action_approve()
        self.assertEqual(self._card(self.member_a2).total_score, 110)

    def test_veto_marks_the_member_and_a_correction_lifts_it(self):
        # R-SCORE-10
        veto = self._line(
            self.member_a1,
            "f01",
            0,
            date(2025, 8, 1),
            user=self.user_manager,
            attachment_ids=evidence_file(),
        )
        veto.with_user(self.user_manager).action_register()
        card = self._card(self.member_a1)
        self.assertTrue(card.has_veto)
        self.assertEqual(card.total_score, 80)  # whatever the score
        veto.with_user(self.user_manager)._create_correction(
            "核查后撤销", date(2025, 9, 1)
        )
        self.assertFalse(card.has_veto)

    def test_correction_is_a_new_reversing_line(self):
        # R-SCORE-8: decided lines never change; corrections are new, explained lines
        line = self._line(self.member_a1, "k01_2", -2, date(2025, 3, 5))
        line.action_register()
        with self.assertRaisesRegex(UserError, "register a correction"):
            line.write({"points": -4})
        with self.assertRaisesRegex(UserError, "Only draft lines"):
            line.unlink()
        with self.assertRaisesRegex(UserError, "needs its reason"):
            line._create_correction("")
        correction = line._create_correction("误登记：当天为公假", date(2025, 4, 2))
        self.assertEqual(
            (correction.points, correction.correction_of_id, correction.state),
            (2, line, "approved"),
        )
        self.assertEqual(self._card(self.member_a1).total_score, 80)
        self.assertEqual(
            (
                self._card(self.member_a1).q1_points,
                self._card(self.member_a1).q2_points,
            ),
            (-2, 2),
        )
        with self.assertRaisesRegex(UserError, "already corrected"):
            line._create_correction("再次更正")

    def test_workflow_fields_cannot_be_forced(self):
        line = self._line(
            self.member_self, "j03", 2, date(2025, 5, 1), user=self.user_member
        )
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            line.with_user(self.user_member).write({"state": "approved"})
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            self.Line.with_user(self.user_member).create(
                {
                    "member_id": self.member_self.id,
                    "standard_id": self.std("j03").id,
                    "points": 2,
                    "date": date(2025, 5, 2),
                    "state": "approved",
                }
            )

    def test_bad_input_changes_nothing(self):
        # R-MEM-4: an exempt member gets no line in the exemption period
        exemption = self.env["party.member.exemption"].create(
            {
                "member_id": self.member_a2.id,
                "date_from": date(2025, 1, 1),
                "date_to": date(2025, 6, 30),
                "reason_type": "long_sick",
            }
        )
        exemption.action_submit()
        exemption.action_approve()
        with self.assertRaisesRegex(ValidationError, "exempt"):
            self._line(self.member_a2, "k07", -2, date(2025, 3, 1))
        self._line(self.member_a2, "k07", -2, date(2025, 7, 1))
        # no open cycle, closed cycle, future date, archived item
        with self.assertRaisesRegex(UserError, "no points cycle for 2019"):
            self._line(self.member_a1, "k07", -2, date(2019, 3, 1))
        old = open_cycle(self.env, 2024)
        old.action_close()
        with self.assertRaisesRegex(UserError, "is closed"):
            self._line(self.member_a1, "k07", -2, date(2024, 3, 1))
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self._line(self.member_a1, "k07", -2, date(2099, 1, 1))
        archived = self.std("k08")
        archived.action_archive()
        with self.assertRaisesRegex(ValidationError, "archived"):
            self._line(
                self.member_a1, "k08", -10, date(2025, 3, 1), user=self.user_manager
            )
        # a member outside the user's branches
        with self.assertRaises(AccessError):
            self._line(self.member_b1, "k07", -2, date(2025, 3, 1))
        self.assertFalse(
            self.Line.search(
                [("member_id", "in", (self.member_a1 | self.member_b1).ids)]
            )
        )

    def test_scoring_branch_comes_from_history(self):
        # R-SCORE-9: the branch of the day scores; a mobile member is scored by
        # the village/residence branch they are to join
        self.member_a1._transfer_to(self.branch_b, date(2025, 6, 1), "调动")
        before = self._line(
            self.member_a1, "k07", -2, date(2025, 5, 20), user=self.user_manager
        )
        after = self._line(
            self.member_a1, "k07", -2, date(2025, 6, 20), user=self.user_manager
        )
        self.assertEqual(
            (before.branch_id, after.branch_id), (self.branch_a, self.branch_b)
        )
        village = self.Branch.create(
            {
                "name": "某村党支部",
                "kind": "branch",
                "branch_type": "village",
                "parent_id": self.committee.id,
            }
        )
        self.member_m1.home_branch_id = village
        line = self._line(
            self.member_m1, "k07", -2, date(2025, 3, 1), user=self.user_manager
        )
        self.assertEqual(line.branch_id, village)

    def test_rank_within_the_branch(self):
        self._line(self.member_a1, "k07", -5, date(2025, 3, 1)).action_register()
        line = self._line(
            self.member_self,
            "j03",
            2,
            date(2025, 3, 1),
            attachment_ids=evidence_file(),
        )
        declare(line)
        line.action_verify()
        line.with_user(self.user_manager).action_approve()
        cards = self._card(self.member_self) | self._card(self.member_a1)
        self.assertEqual(
            [(c.member_id.name, c.total_score, c.rank_in_branch) for c in cards],
            [("陈党员", 82, 1), ("吴一", 75, 2)],
        )
        by_score = self.env["party.score.card"].search(
            [("cycle_id", "=", self.cycle.id), ("branch_id", "=", self.branch_a.id)]
        )
        self.assertEqual(by_score.mapped("total_score"), [82, 75])

    def test_cycle_copies_the_company_settings(self):
        # DOMAIN §5: thresholds are company settings; a cycle keeps its own copy
        settings = Form(self.env["res.config.settings"])
        settings.party_base_score = 90
        settings.party_laggard_threshold = 65
        settings.save().execute()
        self.assertEqual(self.company.party_base_score, 90)
        cycle = self.env["party.score.cycle"].create({"year": 2030})
        self.assertEqual(
            (
                cycle.display_name,
                cycle.base_score,
                cycle.laggard_threshold,
                cycle.mobile_threshold,
            ),
            ("Points 2030", 90, 65, 90),
        )
        # R-SCORE-4: the cycle is one calendar year
        self.assertEqual(
            (cycle.date_from, cycle.date_to), (date(2030, 1, 1), date(2030, 12, 31))
        )
        self.company.party_base_score = 70
        self.assertEqual(cycle.base_score, 90)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.company.party_laggard_threshold = -1
        with self.assertRaises(AccessError):
            self.env["party.score.cycle"].with_user(self.user_secretary_a).create(
                {"year": 2031}
            )

    def test_refusal_needs_a_reason_and_the_right_role(self):
        # R-SCORE-7: the branch verifies; what it refuses, it says why
        line = self._line(
            self.member_self,
            "j01",
            3,
            date(2025, 5, 1),
            user=self.user_member,
            attachment_ids=evidence_file(),
        )
        line.with_user(self.user_member).action_submit()
        with self.assertRaises(AccessError):
            line.with_user(self.user_member).action_refuse("不属实")
        wizard = self.env["party.score.line.refuse.wizard"].with_user(
            self.user_recorder_a
        )
        with self.assertRaisesRegex(UserError, "reason of the refusal"):
            line.with_user(self.user_recorder_a).action_refuse("")
        wizard.create(
            {"line_ids": [(6, 0, line.ids)], "reason": "经核实无出资记录"}
        ).action_refuse()
        self.assertEqual(
            (line.state, line.refusal_reason), ("refused", "经核实无出资记录")
        )
        self.assertEqual(self._card(self.member_self).total_score, 80)
        # a verified line is refused by the committee only
        other = self._line(
            self.member_self,
            "j01",
            3,
            date(2025, 5, 2),
            user=self.user_member,
            attachment_ids=evidence_file(),
        )
        other.with_user(self.user_member).action_submit()
        other.with_user(self.user_recorder_a).action_verify()
        with self.assertRaises(AccessError):
            other.with_user(self.user_recorder_a).action_refuse("不予认定")
        other.with_user(self.user_manager).action_refuse("与年度表彰重复")
        self.assertEqual(other.state, "refused")

    def test_correction_wizard(self):
        line = self._line(self.member_a1, "k07", -4, date(2025, 3, 3))
        line.action_register()
        wizard = Form(
            self.env["party.score.line.correction.wizard"]
            .with_user(self.user_recorder_a)
            .with_context(default_line_id=line.id)
        )
        wizard.date = date(2025, 3, 20)
        wizard.reason = "登记错误"
        action = wizard.save().action_correct()
        correction = self.Line.browse(action["res_id"])
        self.assertEqual(
            (
                correction.points,
                correction.correction_reason,
                correction.correction_of_id,
            ),
            (4, "登记错误", line),
        )
