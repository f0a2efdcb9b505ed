# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""R-USE-2, DOMAIN §6, seed 002 附件2: the laggard procedure in seven steps,
each by its role, in order and dated; the member's moves and status through
the registry's history."""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged

from .common import LaggardCase, LaggardCommon, PartyPointsCommon, open_cycle
from .helpers import rpc_fault


@tagged("post_install", "-at_install")
class TestLaggardProcedure(LaggardCase):
    def test_improved_member_returns_to_the_original_branch(self):
        # 附件2 steps 1–7; improved → relationship back to the original branch
        case = self._in_rectification(self._open())
        member = self.member_a1
        self.assertEqual(
            (case.state, member.branch_id, member.status),
            ("rectification", self.education, "rectification"),
        )
        self.assertEqual(
            (case.start_date, case.end_date), (date(2025, 4, 15), date(2025, 6, 15))
        )
        self._resolve_and_approve(
            case, "improved", date(2025, 6, 20), date(2025, 6, 25)
        )
        self.assertEqual((case.state, case.outcome), ("done", "improved"))
        self.assertEqual((member.branch_id, member.status), (self.branch_a, "normal"))
        self.assertEqual(
            [(s.step, s.date, s.user_id) for s in case.step_ids],
            [
                ("announce", date(2025, 4, 2), self.user_secretary_a),
                ("determine", date(2025, 4, 5), self.user_secretary_a),
                ("review", date(2025, 4, 8), self.user_general),
                ("decide", date(2025, 4, 10), self.user_manager),
                ("transfer", date(2025, 4, 12), self.user_manager),
                ("start_rectification", date(2025, 4, 15), self.secretary_e),
                ("resolve", date(2025, 6, 20), self.secretary_e),
                ("approve", date(2025, 6, 25), self.user_manager),
            ],
        )
        # the registry's history: dated moves and status changes (R-ORG-3, R-MEM-5)
        self.assertEqual(
            [
                (t.date, t.from_branch_id, t.to_branch_id)
                for t in member.transfer_ids.sorted("date")
            ],
            [
                (date(2025, 4, 12), self.branch_a, self.education),
                (date(2025, 6, 25), self.education, self.branch_a),
            ],
        )
        self.assertEqual(
            [
                (c.date, c.field, c.new_value)
                for c in member.change_ids.sorted(lambda c: (c.date, c.id))
            ],
            [
                (date(2025, 4, 10), "party_post", False),
                (date(2025, 4, 12), "status", "rectification"),
                (date(2025, 6, 25), "status", "normal"),
            ],
        )
        # the branch determination and the opinions fill the report form (附件3)
        self.assertEqual(case.branch_evaluation, "经支委会集体研究，初定为后进党员。")
        self.assertEqual(case.general_opinion, "情况属实，同意上报。")
        self.assertEqual(case.committee_opinion, "认定为后进党员，限期整改。")
        # R-SCORE-9: during rectification the education branch scored the member
        self.assertEqual(member._scoring_branch_at(date(2025, 5, 1)), self.education)

    def test_extended_once_then_improved(self):
        # 附件2 step 6: not improved → extended once by 3 months
        case = self._in_rectification(self._open())
        with self.assertRaisesRegex(UserError, "only after the extended period"):
            self._as(case, self.secretary_e).action_resolve(
                "unqualified", date(2025, 6, 20), "未改进。"
            )
        self._resolve_and_approve(
            case, "extended", date(2025, 6, 20), date(2025, 6, 25)
        )
        self.assertEqual(
            (
                case.state,
                case.extension_count,
                case.end_date,
                case.rectification_months,
            ),
            ("rectification", 1, date(2025, 9, 15), 5),
        )
        self.assertEqual(self.member_a1.status, "rectification")
        with self.assertRaisesRegex(UserError, "ends on 2025-09-15"):
            self._as(case, self.secretary_e).action_resolve(
                "improved", date(2025, 9, 1), "提前评定。"
            )
        with self.assertRaisesRegex(UserError, "already extended once"):
            self._as(case, self.secretary_e).action_resolve(
                "extended", date(2025, 9, 20), "再延长。"
            )
        self._resolve_and_approve(
            case, "improved", date(2025, 9, 20), date(2025, 9, 25)
        )
        self.assertEqual((case.state, case.outcome), ("done", "improved"))
        self.assertEqual(self.member_a1.branch_id, self.branch_a)
        self.assertEqual(
            [s.decision for s in case.step_ids if s.step in ("resolve", "approve")],
            ["extended", "extended", "improved", "improved"],
        )

    def test_not_improved_after_extension_is_unqualified(self):
        # R-MEM-5: still not improved → unqualified member, in the status history
        case = self._in_rectification(self._open())
        self._resolve_and_approve(
            case, "extended", date(2025, 6, 20), date(2025, 6, 25)
        )
        self._resolve_and_approve(
            case, "unqualified", date(2025, 9, 20), date(2025, 9, 25)
        )
        member = self.member_a1
        self.assertEqual((case.state, case.outcome), ("done", "unqualified"))
        self.assertEqual(
            (member.status, member.active, member.branch_id),
            ("unqualified", True, self.education),
        )
        last = member.change_ids.sorted(lambda c: (c.date, c.id))[-1]
        self.assertEqual(
            (last.date, last.field, last.old_value, last.new_value),
            (date(2025, 9, 25), "status", "rectification", "unqualified"),
        )

    def test_persuaded_and_removed_members_leave(self):
        # 劝其退党 / 除名: leaving statuses archive the member (R-MEM-5)
        mentors_b = self.Member.create(
            [
                {"name": "褚六", "branch_id": self.branch_b.id},
                {"name": "卫七", "branch_id": self.branch_b.id},
            ]
        )
        for member, mentors, outcome in (
            (self.member_a1, self.mentor_1 | self.mentor_2, "persuaded"),
            (self.member_b1, mentors_b, "removed"),
        ):
            case = self._open(member, user=self.user_manager)
            manager = self._as(case, self.user_manager)
            manager.action_announce(date(2025, 4, 2), "通报。")
            manager.action_determine(date(2025, 4, 5), "初定。")
            manager.action_review(date(2025, 4, 8), "预审。")
            manager.write(
                {
                    "rectification_months": 1,
                    "mentor_ids": [(6, 0, mentors.ids)],
                    "cause_category": "d",
                    "rectification_plan": "加强理想信念教育。",
                }
            )
            manager.action_decide(date(2025, 4, 10), "认定。")
            manager.action_transfer(date(2025, 4, 12), "转出。")
            manager.action_start_rectification(date(2025, 4, 15), "帮教。")
            self._resolve_and_approve(
                case, "extended", date(2025, 5, 20), date(2025, 5, 25)
            )
            self._resolve_and_approve(
                case, outcome, date(2025, 8, 20), date(2025, 8, 25)
            )
            self.assertEqual((case.state, case.outcome), ("done", outcome))
            self.assertEqual((member.status, member.active), (outcome, False))

    def test_branch_or_committee_may_find_no_laggard(self):
        case = self._open()
        self._as(case, self.user_secretary_a).action_announce(
            date(2025, 4, 2), "通报。"
        )
        self._as(case, self.user_secretary_a).action_dismiss_by_branch(
            date(2025, 4, 5), "经集体研究，系因公外出，不属后进党员。"
        )
        self.assertEqual(case.state, "dismissed")
        self.assertEqual(case.step_ids[-1].decision, "dismissed")
        # the member keeps the post; a closed case no longer changes
        self.assertEqual(self.member_a1.party_post, "组织委员")
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            case.with_user(self.user_manager).write({"remarks": "补充"})
        other = self._open(self.member_b1, day=date(2025, 7, 1), user=self.user_manager)
        self._as(other, self.user_manager).action_skip_announcement(
            date(2025, 7, 1), "特殊情况，经党工委批准不进行亮分通报。"
        )
        self.assertTrue(other.announcement_skipped)
        self._as(other, self.user_manager).action_determine(date(2025, 7, 2), "初定。")
        self._as(other, self.user_general).action_review(date(2025, 7, 3), "预审。")
        self._as(other, self.user_manager).action_dismiss(
            date(2025, 7, 4), "不予认定。"
        )
        self.assertEqual(other.state, "dismissed")
        self.assertEqual(self.member_b1.change_ids.mapped("field"), [])

    def test_party_post_lapses_when_the_committee_decides(self):
        # R-USE-2: 有党内职务的党员其原任职务自然撤销, kept in history
        case = self._open()
        self._as(case, self.user_secretary_a).action_announce(
            date(2025, 4, 2), "通报。"
        )
        self._as(case, self.user_secretary_a).action_determine(
            date(2025, 4, 5), "初定。"
        )
        self._as(case, self.user_general).action_review(date(2025, 4, 8), "预审。")
        self.assertEqual(self.member_a1.party_post, "组织委员")
        self._as(case, self.user_manager).action_decide(date(2025, 4, 10), "认定。")
        self.assertFalse(self.member_a1.party_post)
        change = self.member_a1.change_ids
        self.assertEqual(
            (change.date, change.field, change.old_value, change.new_value),
            (date(2025, 4, 10), "party_post", "组织委员", False),
        )
        self.assertEqual((change.old_label, change.new_label), ("组织委员", ""))
        self.assertIn("其原任职务自然撤销", change.reason)

    def test_committee_direct_deduction_designates_at_once(self):
        # 附件2 shortcut: a committee-direct deduction under 60 → steps 2–3 skipped
        case = self._open(self.member_b1, day=date(2025, 3, 1), user=self.user_manager)
        with self.assertRaisesRegex(UserError, "designated directly only after"):
            self._as(case, self.user_manager).action_designate_directly(
                date(2025, 3, 5), "直接认定。"
            )
        line = self._line(
            self.member_b1, "k04_2", -40, date(2025, 3, 2), user=self.user_manager
        )
        line.with_user(self.user_manager).action_register()
        with self.assertRaises(AccessError):
            self._as(case, self.user_secretary_a).action_designate_directly(
                date(2025, 3, 5), "直接认定。"
            )
        self._as(case, self.user_manager).action_designate_directly(
            date(2025, 3, 5), "经调查证据确凿，直接扣分亮分，认定为后进党员。"
        )
        self.assertEqual((case.state, case.origin), ("decided", "committee"))
        self.assertEqual(case.step_ids.mapped("step"), ["designate_directly"])

    def test_one_key_per_step(self):
        """Issue 18 item 5: a stored step code is the key of the case's method
        that takes it and of the step wizard's choice; the two "not a laggard"
        answers are the determine and decide steps with their decision."""
        steps = dict(self.env["party.laggard.step"]._fields["step"].selection)
        wizard = self.env["party.laggard.step.wizard"]
        actions = dict(wizard._fields["action"].selection)
        self.assertEqual(set(steps) - set(actions), set())
        self.assertEqual(set(actions) - set(steps), {"dismiss_by_branch", "dismiss"})
        self.assertIn("start_rectification", steps)
        self.assertNotIn("rectify", steps)
        case_model = type(self.env["party.laggard.case"])
        for key in actions:
            self.assertTrue(callable(getattr(case_model, f"action_{key}", None)), key)

    def test_committee_direct_deduction_under_the_threshold_opens_a_case(self):
        # 附件2 step 1 and 4: 党工委直接扣分亮分, under 60 → a case at once,
        # for the committee to designate directly
        Case = self.Case.sudo()
        # a branch deduction waits for the quarter's publication
        self._register(self.member_a2, "k02_1", -20, date(2025, 5, 6))
        self._register(self.member_a2, "k02_2", -10, date(2025, 5, 6))
        self.assertFalse(Case.search([("member_id", "=", self.member_a2.id)]))
        # a committee deduction that leaves the score at 60 opens nothing
        self._register(
            self.member_b1, "k01_1", -5, date(2025, 5, 5), user=self.user_manager
        )
        self._register(
            self.member_b1, "k05", -15, date(2025, 5, 6), user=self.user_manager
        )
        self.assertFalse(Case.search([("member_id", "=", self.member_b1.id)]))
        self._register(
            self.member_b1, "k06_2", -20, date(2025, 5, 7), user=self.user_manager
        )
        case = Case.search([("member_id", "=", self.member_b1.id)])
        self.assertEqual(
            (case.origin, case.state, case.score, case.quarter, case.open_date),
            ("committee", "proposed", 40, "2", date(2025, 5, 7)),
        )
        self.assertEqual(case.scoring_branch_id, self.branch_b)
        # a further committee deduction opens no second case
        self._register(
            self.member_b1, "k08", -10, date(2025, 5, 8), user=self.user_manager
        )
        self.assertEqual(Case.search([("member_id", "=", self.member_b1.id)]), case)
        case.with_user(self.user_manager).action_designate_directly(
            date(2025, 5, 9), "经调查证据确凿，直接扣分亮分，认定为后进党员。"
        )
        self.assertEqual(case.state, "decided")


@tagged("post_install", "-at_install")
class TestLaggardBadInput(LaggardCase):
    """Issue 8 item 7: every refusal is clear, translated, and changes nothing."""

    def _assert_unchanged(self, case, state, steps):
        case.invalidate_recordset()
        self.assertEqual((case.state, len(case.step_ids)), (state, steps))

    def test_step_by_the_wrong_role(self):
        case = self._open()
        for user in (self.user_recorder_a, self.user_member, self.secretary_e):
            with self.assertRaises(AccessError):
                self._as(case, user).action_announce(date(2025, 4, 2), "通报。")
        self._assert_unchanged(case, "proposed", 0)
        with self.assertRaisesRegex(AccessError, "Only the Party working committee"):
            self._as(case, self.user_secretary_a).action_skip_announcement(
                date(2025, 4, 2), "跳过。"
            )
        self._as(case, self.user_secretary_a).action_announce(
            date(2025, 4, 2), "通报。"
        )
        self._as(case, self.user_secretary_a).action_determine(
            date(2025, 4, 5), "初定。"
        )
        with self.assertRaisesRegex(AccessError, "general branch"):
            self._as(case, self.user_secretary_a).action_review(
                date(2025, 4, 8), "预审。"
            )
        self._as(case, self.user_general).action_review(date(2025, 4, 8), "预审。")
        with self.assertRaisesRegex(AccessError, "Party working committee"):
            self._as(case, self.user_general).action_decide(date(2025, 4, 10), "认定。")
        self._assert_unchanged(case, "reviewed", 3)
        self.assertEqual(self.member_a1.party_post, "组织委员")
        self._as(case, self.user_manager).action_decide(date(2025, 4, 10), "认定。")
        case.with_user(self.user_manager).write({"rectification_months": 2})
        with self.assertRaises(AccessError):
            self._as(case, self.user_secretary_a).action_transfer(
                date(2025, 4, 12), "转出。"
            )
        self._as(case, self.user_manager).action_transfer(date(2025, 4, 12), "转出。")
        case.with_user(self.user_manager).write(
            {
                "mentor_ids": [(6, 0, (self.mentor_1 | self.mentor_2).ids)],
                "cause_category": "b",
                "rectification_plan": "设岗定责。",
            }
        )
        # the original branch does not run the education branch's rectification
        with self.assertRaisesRegex(AccessError, "You do not serve"):
            self._as(case, self.user_secretary_a).action_start_rectification(
                date(2025, 4, 15), "整改。"
            )
        self._assert_unchanged(case, "transferred", 5)

    def test_steps_cannot_be_skipped(self):
        case = self._open()
        with self.assertRaisesRegex(UserError, "Steps follow the order"):
            self._as(case, self.user_secretary_a).action_determine(
                date(2025, 4, 5), "初定。"
            )
        with self.assertRaisesRegex(UserError, "Steps follow the order"):
            self._as(case, self.user_manager).action_decide(date(2025, 4, 5), "认定。")
        with self.assertRaisesRegex(UserError, "Steps follow the order"):
            self._as(case, self.user_manager).action_transfer(
                date(2025, 4, 5), "转出。"
            )
        with self.assertRaisesRegex(UserError, "Steps follow the order"):
            self._as(case, self.user_manager).action_approve(date(2025, 4, 5), "批复。")
        self._assert_unchanged(case, "proposed", 0)
        self.assertEqual(self.member_a1.branch_id, self.branch_a)

    def test_dates_in_order_and_not_in_the_future(self):
        case = self._open()
        with self.assertRaisesRegex(UserError, "in the future"):
            self._as(case, self.user_secretary_a).action_announce(
                date(2099, 1, 1), "通报。"
            )
        with self.assertRaisesRegex(UserError, "cannot be dated before"):
            self._as(case, self.user_secretary_a).action_announce(
                date(2025, 3, 1), "通报。"
            )
        self._as(case, self.user_secretary_a).action_announce(
            date(2025, 4, 10), "通报。"
        )
        with self.assertRaisesRegex(UserError, "cannot be dated before"):
            self._as(case, self.user_secretary_a).action_determine(
                date(2025, 4, 9), "初定。"
            )
        with self.assertRaisesRegex(UserError, "written opinion"):
            self._as(case, self.user_secretary_a).action_determine(
                date(2025, 4, 11), " "
            )
        self._assert_unchanged(case, "announced", 1)

    def test_determination_is_collective_and_fills_the_form(self):
        case = self._open()
        self._as(case, self.user_secretary_a).action_announce(
            date(2025, 4, 2), "通报。"
        )
        case.with_user(self.user_secretary_a).write({"committee_members_present": 0})
        with self.assertRaisesRegex(UserError, "collective decision"):
            self._as(case, self.user_secretary_a).action_determine(
                date(2025, 4, 5), "初定。"
            )
        with self.assertRaisesRegex(ValidationError, "cannot be more than"):
            case.with_user(self.user_secretary_a).write(
                {"committee_members_present": 6}
            )
        self._assert_unchanged(case, "announced", 1)

    def test_mentors_are_two_full_members_of_the_branch(self):
        case = self._decided(self._open())
        case.with_user(self.user_manager).write({"rectification_months": 3})
        self._as(case, self.user_manager).action_transfer(date(2025, 4, 12), "转出。")
        case.with_user(self.secretary_e).write(
            {"cause_category": "a", "rectification_plan": "学习党章。"}
        )
        probationary = self.Member.create(
            {
                "name": "预备七",
                "branch_id": self.branch_a.id,
                "member_type": "probationary",
            }
        )
        for mentors in (
            self.mentor_1 | probationary,  # not a full member
            self.mentor_1 | self.member_a1,  # the member himself
            self.mentor_1 | self.member_b1,  # another branch
        ):
            with self.assertRaisesRegex(ValidationError, "mentor"):
                case.with_user(self.secretary_e).write(
                    {"mentor_ids": [(6, 0, mentors.ids)]}
                )
        case.with_user(self.secretary_e).write(
            {"mentor_ids": [(6, 0, self.mentor_1.ids)]}
        )
        with self.assertRaisesRegex(ValidationError, "exactly two mentors"):
            self._as(case, self.secretary_e).action_start_rectification(
                date(2025, 4, 15), "整改。"
            )
        self._assert_unchanged(case, "transferred", 5)
        self.assertFalse(case.start_date)

    def test_second_case_for_the_same_member_and_quarter(self):
        case = self._open()
        with self.assertRaisesRegex(
            ValidationError, "already has a laggard case for Q2"
        ):
            self._open(day=date(2025, 5, 1))
        with self.assertRaisesRegex(ValidationError, "in progress"):
            self._open(day=date(2025, 7, 1))
        self.assertEqual(
            self.Case.search([("member_id", "=", self.member_a1.id)]), case
        )

    def test_no_education_branch_is_said_clearly(self):
        case = self._decided(self._open())
        self.Branch.sudo().search([("branch_type", "=", "education")]).active = False
        case.with_user(self.user_manager).write(
            {"education_branch_id": False, "rectification_months": 3}
        )
        with self.assertRaisesRegex(UserError, "no party-spirit education branch"):
            self._as(case, self.user_manager).action_transfer(
                date(2025, 4, 12), "转出。"
            )
        self._assert_unchanged(case, "decided", 4)
        self.assertEqual(self.member_a1.branch_id, self.branch_a)

    def test_steps_are_not_written_by_hand(self):
        case = self._open()
        self._as(case, self.user_secretary_a).action_announce(
            date(2025, 4, 2), "通报。"
        )
        Step = self.env["party.laggard.step"]
        with self.assertRaisesRegex(UserError, "buttons of the case"):
            Step.with_user(self.user_manager).create(
                {
                    "case_id": case.id,
                    "step": "decide",
                    "date": date(2025, 4, 3),
                    "user_id": self.user_manager.id,
                    "opinion": "伪造",
                }
            )
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            case.step_ids.sudo().write({"opinion": "改"})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            case.step_ids.sudo().unlink()
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            case.with_user(self.user_manager).write({"state": "done"})


@tagged("post_install", "-at_install")
class TestLaggardOpening(LaggardCase):
    """R-USE-2: a quarterly published score under 60 opens a case."""

    def _publish(self, branch, quarter, user):
        publication = (
            self.env["party.score.publication"]
            .with_user(user)
            .create(
                {"branch_id": branch.id, "cycle_id": self.cycle.id, "quarter": quarter}
            )
        )
        publication.action_approve()
        publication.action_publish()
        return publication

    def test_publication_opens_a_case_under_the_threshold_once(self):
        self._register(self.member_a1, "k02_1", -20, date(2025, 2, 3))
        self._register(self.member_a1, "k01_4", -1, date(2025, 2, 4))
        self._register(self.member_a2, "k02_1", -20, date(2025, 2, 3))
        publication = self._publish(self.branch_a, "1", self.user_secretary_a)
        cases = self.Case.search([("publication_id", "=", publication.id)])
        # 59 opens, 60 does not (R-USE-2: 60分以下); the publication is the
        # score announcement (附件2 step 1): the case starts announced
        self.assertEqual(
            [(c.member_id, c.score, c.state, c.origin, c.quarter) for c in cases],
            [(self.member_a1, 59, "announced", "publication", "1")],
        )
        self.assertEqual(
            (cases.original_branch_id, cases.education_branch_id.branch_type),
            (self.branch_a, "education"),
        )
        # a case in progress: the next quarter opens no second one
        self._publish(self.branch_a, "2", self.user_secretary_a)
        self.assertEqual(
            self.Case.search([("member_id", "=", self.member_a1.id)]), cases
        )
        # nor may the branch report the member again for that quarter
        with self.assertRaisesRegex(ValidationError, "already has a laggard case"):
            self._open(day=date(2025, 3, 1))
        # the member reads their own case; another member does not
        self.assertEqual(
            self.Case.with_user(self.user_member).search([]), self.Case.browse()
        )

    def test_mobile_member_scored_by_the_receiving_branch(self):
        # R-SCORE-9 with R-USE-2: the village branch scores and publishes
        village, recorder_v, secretary_v = self.new_village(secretary=True)
        self._register(self.member_m1, "k02_1", -20, date(2025, 2, 3), user=recorder_v)
        self._register(self.member_m1, "k07", -5, date(2025, 2, 4), user=recorder_v)
        publication = self._publish(village, "1", secretary_v)
        case = self.Case.search([("member_id", "=", self.member_m1.id)])
        self.assertEqual(
            (
                case.score,
                case.publication_id,
                case.original_branch_id,
                case.scoring_branch_id,
            ),
            (55, publication, self.branch_mobile, village),
        )
        # the receiving branch that scored the member reports the case
        # (steps 1-2, 党支部统一填报): its publication announced the score
        # (step 1); the secretary of another branch cannot determine it
        self.assertEqual(self.Case.with_user(secretary_v).search([]), case)
        self.assertEqual(case.state, "announced")
        with self.assertRaises(AccessError):
            case.with_user(self.user_secretary_a).action_determine(None, "初定")
        case.with_user(secretary_v).write(
            {
                "shortcomings": "外出期间拒不接受党组织交办的任务。",
                "committee_members_required": 3,
                "committee_members_present": 3,
            }
        )
        case.with_user(secretary_v).action_determine(
            None, "经支委会集体研究，初定为后进党员。"
        )
        self.assertEqual(
            [(s.step, s.user_id) for s in case.step_ids.sorted("id")],
            [("announce", secretary_v), ("determine", secretary_v)],
        )
        self.assertEqual(case.state, "determined")


@tagged("post_install", "-at_install")
class TestLaggardReportsAndReminders(LaggardCase):
    def test_monthly_reports_reviews_and_warnings(self):
        # 附件2 step 5 ⑶: monthly written reports, monthly review, 预警提醒
        case = self._in_rectification(self._open(self.member_self), months=2)
        Report = self.env["party.laggard.report"].with_user(self.user_member)
        report = Report.create(
            {
                "case_id": case.id,
                "report_text": "本月按时参加组织生活。",
                "date": date(2025, 5, 15),
            }
        )
        self.assertEqual(report.month, 1)
        with self.assertRaises(AccessError):
            report.write({"progress": "good"})
        report.action_submit()
        with self.assertRaisesRegex(UserError, "no longer changed by the member"):
            report.write({"report_text": "改"})
        with self.assertRaises(AccessError):
            report.with_user(self.user_recorder_a).write({"progress": "good"})
        reviewed = report.with_user(self.recorder_e)
        reviewed.write({"progress": "poor", "review_opinion": "整改效果不明显。"})
        reviewed.action_review()
        self.assertEqual((report.state, report.warning), ("reviewed", True))
        self.assertIn("poor progress", case.message_ids[0].body)
        activity = case.activity_ids.filtered(lambda a: "poor progress" in a.summary)
        self.assertEqual(activity.user_id, self.recorder_e)
        with self.assertRaisesRegex(UserError, "is reviewed"):
            reviewed.write({"review_opinion": "改"})

    def test_reminders_for_missing_reports_and_the_end_of_the_period(self):
        case = self._in_rectification(self._open(), months=2)
        self.env["party.laggard.report"].with_user(self.recorder_e).create(
            {
                "case_id": case.id,
                "month": 1,
                "report_text": "书面汇报（代录）。",
                "date": date(2025, 5, 16),
            }
        )
        self.Case._cron_remind_rectification(today=date(2025, 6, 20))
        self.Case._cron_remind_rectification(today=date(2025, 6, 21))
        summaries = sorted(case.activity_ids.mapped("summary"))
        self.assertEqual(
            summaries,
            [
                "Monthly report 2 of 吴一 is missing",
                "Rectification period of 吴一 ended on Jun 15, 2025: the education "
                "branch resolves",
            ],
        )
        self.assertEqual(case.activity_ids.user_id, self.recorder_e)


@tagged("post_install", "-at_install")
class TestLaggardSecurity(LaggardCase):
    def test_each_role_sees_the_cases_it_serves(self):
        demo = self.Case.sudo().search([])  # the demo's case, if installed
        case = self._in_rectification(self._open(self.member_self))
        other = self._open(self.member_b1, user=self.user_manager)
        for user, visible in (
            (self.user_manager, case | other),
            (self.user_general, case | other),
            (self.user_secretary_a, case),
            (self.user_recorder_a, case),
            # the education branch named on both cases
            (self.secretary_e, case | other),
            (self.recorder_e, case | other),
            (self.user_member, case),
            (self.user_hr, case | other),
        ):
            self.assertEqual(
                self.Case.with_user(user).search([("id", "not in", demo.ids)]),
                visible,
                user.name,
            )
            self.assertEqual(
                self.env["party.laggard.step"]
                .with_user(user)
                .search([("case_id", "not in", demo.ids)])
                .case_id,
                visible & case,
                user.name,
            )
        for user in (self.user_member, self.user_hr, self.user_recorder_a):
            with self.assertRaises(AccessError):
                case.with_user(user).write({"remarks": "改"})
        with self.assertRaises(AccessError):
            self.Case.with_user(self.user_plain).search([])
        with self.assertRaises(AccessError):
            other.with_user(self.user_secretary_a).read(["state"])
        with self.assertRaises(AccessError):
            self._open(self.member_b1, day=date(2025, 7, 1))


@tagged("post_install", "-at_install")
class TestLaggardGuardsRpc(LaggardCommon, PartyPointsCommon, HttpCase):
    """Issue 8 (a) for the case: no context unlocks its state or its steps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        open_cycle(cls.env, 2025)
        cls.setup_laggard_world()

    def _refused(self, user, model, method, *args):
        context = {
            "party_score_action": True,
            "party_history": True,
            "party_laggard_action": True,
            "default_state": "done",
        }
        return rpc_fault(self, user, model, method, args, {"context": context})

    def test_recorder_and_secretary_cannot_force_a_case(self):
        case = self.open_case(day="2025-04-01")
        case.with_user(self.user_secretary_a).action_announce(
            date(2025, 4, 2), "通报。"
        )
        for user in (self.user_recorder_a, self.user_secretary_a):
            message = self._refused(
                user, "party.laggard.case", "write", case.ids, {"state": "done"}
            )
            self.assertTrue(
                "cannot be set by hand" in message or "not allowed" in message, message
            )
            self._refused(
                user, "party.laggard.case", "write", case.ids, {"outcome": "improved"}
            )
            self._refused(
                user,
                "party.laggard.step",
                "create",
                {
                    "case_id": case.id,
                    "step": "decide",
                    "date": "2025-04-03",
                    "user_id": user.id,
                    "opinion": "伪造",
                },
            )
            self._refused(
                user,
                "party.laggard.step",
                "write",
                case.step_ids.ids,
                {"opinion": "改"},
            )
            self._refused(
                user,
                "party.laggard.case",
                "_write_workflow",
                case.ids,
                {"state": "done"},
            )
            self._refused(
                user,
                "party.laggard.case",
                "_do_step",
                case.ids,
                "decide",
                "2025-04-03",
                "伪造",
                [],
                {"state": "decided"},
            )
        # a default of the context is ignored: a new case starts proposed
        other_id = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            self.user_secretary_a.id,
            self.user_secretary_a.login,
            "party.laggard.case",
            "create",
            [{"member_id": self.member_a2.id, "open_date": "2025-04-01"}],
            {"context": {"default_state": "done", "default_outcome": "removed"}},
        )
        other = self.Case.browse(other_id)
        self.assertEqual((other.state, other.outcome), ("proposed", False))
        case.invalidate_recordset()
        self.assertEqual(
            (case.state, case.outcome, len(case.step_ids)), ("announced", False, 1)
        )


@tagged("post_install", "-at_install")
class TestLaggardForms(LaggardCase):
    def test_branch_reports_at_any_time_through_the_forms(self):
        # R-SCORE-6: 后进党员随时呈报, then a step through the wizard
        with Form(self.Case.with_user(self.user_secretary_a)) as form:
            form.member_id = self.member_a1
            form.open_date = date(2025, 4, 1)
            form.education_branch_id = self.education
            form.shortcomings = "无故不参加组织生活。"
            form.committee_members_required = 5
            form.committee_members_present = 5
        case = form.record
        self.assertEqual(
            (case.state, case.origin, case.quarter, case.original_branch_id),
            ("proposed", "anytime", "2", self.branch_a),
        )
        action = (
            case.with_user(self.user_secretary_a)
            .with_context(laggard_step="announce")
            .action_open_step_wizard()
        )
        Wizard = self.env[action["res_model"]].with_user(self.user_secretary_a)
        with Form(Wizard.with_context(**action["context"])) as wizard:
            wizard.date = date(2025, 4, 2)
            wizard.opinion = "在专题组织生活会上通报积分。"
        wizard.record.action_confirm()
        self.assertEqual(case.state, "announced")
        self.assertEqual(
            (case.step_ids.step, case.step_ids.user_id, case.step_ids.opinion),
            ("announce", self.user_secretary_a, "在专题组织生活会上通报积分。"),
        )
