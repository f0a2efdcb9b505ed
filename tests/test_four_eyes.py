# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 15, items 3 (finding c): four eyes (R-SCORE-5, R-SCORE-7).

Declared, verified and approved are three people: nobody verifies a line
they declared, nobody approves a line they declared or verified, and nobody
acts on a record about themself (their own line, laggard case, exemption,
nomination, dues and watch decision). Each refusal says who else can act;
the same steps by two different people still work. Odoo's superuser
(install, demo data, crons) is the only exception: ``sudo()`` keeps the
user, and is none."""

import xmlrpc.client
from datetime import date

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import (
    DuesCommon,
    LaggardCase,
    NominationMixin,
    PartyPointsCommon,
    ResultsCase,
    declare,
    evidence_file,
    open_cycle,
)
from .helpers import execute_kw


class FourEyesWorld:
    """The officers of the test world are Party members too: each has a
    member record on their own contact, as ``party.member._is_user`` reads
    it."""

    @classmethod
    def setup_four_eyes(cls):
        def member_of(user, branch):
            return cls.Member.create(
                {
                    "name": user.name,
                    "branch_id": branch.id,
                    "partner_id": user.partner_id.id,
                    "gender": "male",
                    "dues_base": 4000.0,
                }
            )

        if not hasattr(cls, "user_manager_2"):  # ResultsCase has one already
            cls.user_manager_2 = cls.party_user(
                "pp_manager_2",
                "base.group_user,party_points.group_party_working_committee",
                "钱委员",
            )
        cls.me_recorder = member_of(cls.user_recorder_a, cls.branch_a)
        cls.me_secretary = member_of(cls.user_secretary_a, cls.branch_a)
        cls.me_manager = member_of(cls.user_manager, cls.branch_a)
        # 第二党支部 has one officer, who is also its member
        cls.secretary_b = cls.party_user(
            "pp_secretary_b",
            "base.group_user,party_points.group_party_secretary",
            "周书记",
        )
        cls.branch_b.write({"officer_user_ids": [(6, 0, cls.secretary_b.ids)]})
        cls.me_secretary_b = member_of(cls.secretary_b, cls.branch_b)


class FourEyesLines(FourEyesWorld, ResultsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_four_eyes()

    def _addition(self, member, user, code="j06", points=10, day=date(2025, 5, 6)):
        return self._line(
            member,
            code,
            points,
            day,
            user=user,
            attachment_ids=evidence_file(),
        ).with_user(user)

    def _assert_line(self, line, state, verified_by=None, approved_by=None):
        self.assertEqual(
            (line.state, line.verified_by_id, line.approved_by_id),
            (
                state,
                verified_by or self.env["res.users"],
                approved_by or self.env["res.users"],
            ),
        )


@tagged("post_install", "-at_install")
class TestFourEyesOnLines(FourEyesLines):
    def test_recorder_does_not_verify_what_he_declared(self):
        # R-SCORE-7 个人申报—支部核实: his own line, and one he typed in for
        # another member
        own = self._addition(self.me_recorder, self.user_recorder_a)
        own.action_submit()
        self.assertEqual(own.declared_by_id, self.user_recorder_a)
        with self.assertRaisesRegex(
            AccessError,
            r"is about you: you cannot verify it yourself\. Another officer of "
            r"第一党支部 \(孙组织, 李书记\), the organisation above it or the Party "
            r"working committee can verify it\.",
        ):
            own.action_verify()
        self._assert_line(own, "submitted")
        other = self._addition(self.member_a1, self.user_recorder_a)
        other.action_submit()
        with self.assertRaisesRegex(
            AccessError, "You declared .*吴一.*: the same person cannot also verify it"
        ):
            other.action_verify()
        self._assert_line(other, "submitted")
        # the sudo() of a method keeps the user: no way round
        with self.assertRaisesRegex(AccessError, "the same person cannot"):
            other.sudo().action_verify()
        self._assert_line(other, "submitted")
        # two other people: the secretary verifies, the committee approves
        other.with_user(self.user_secretary_a).action_verify()
        other.with_user(self.user_manager).action_approve()
        self._assert_line(other, "approved", self.user_secretary_a, self.user_manager)
        own.with_user(self.user_secretary_a).action_verify()
        own.with_user(self.user_manager).action_approve()
        self.assertEqual(self._card(self.me_recorder).total_score, 90)

    def test_committee_declares_but_neither_verifies_nor_approves_its_own(self):
        # R-SCORE-5: declared = verified = approved by one person is refused
        own = self._addition(self.me_manager, self.user_manager)
        own.action_submit()
        with self.assertRaisesRegex(AccessError, "is about you: you cannot verify"):
            own.action_verify()
        self._assert_line(own, "submitted")
        own.with_user(self.user_general).action_verify()
        with self.assertRaisesRegex(
            AccessError,
            "is about you: you cannot approve it yourself. Another member of the "
            "Party working committee can approve it.",
        ):
            own.action_approve()
        self._assert_line(own, "verified", self.user_general)
        own.with_user(self.user_manager_2).action_approve()
        self._assert_line(own, "approved", self.user_general, self.user_manager_2)

    def test_who_verified_does_not_approve(self):
        line = self._addition(self.member_b1, self.user_manager)
        declare(line)
        line.action_verify()
        with self.assertRaisesRegex(
            AccessError, "You verified .*: the same person cannot also approve it"
        ):
            line.action_approve()
        self._assert_line(line, "verified", self.user_manager)
        # who declared does not approve either
        declared = self._addition(
            self.member_b1, self.user_manager, day=date(2025, 5, 7)
        )
        declared.action_submit()
        declared.with_user(self.user_general).action_verify()
        with self.assertRaisesRegex(AccessError, "You declared"):
            declared.action_approve()
        line.with_user(self.user_manager_2).action_approve()
        declared.with_user(self.user_manager_2).action_approve()
        self.assertEqual((line | declared).mapped("state"), ["approved", "approved"])

    def test_committee_registers_no_direct_addition_for_itself(self):
        # a committee-direct addition is declared and approved at once
        self.std("j06").committee_direct = True
        own = self._addition(self.me_manager, self.user_manager)
        with self.assertRaisesRegex(
            AccessError, "is about you: you cannot register it yourself"
        ):
            own.action_register()
        self._assert_line(own, "draft")
        own.with_user(self.user_manager_2).action_register()
        self._assert_line(own, "approved", approved_by=self.user_manager_2)
        other = self._addition(self.member_b1, self.user_manager)
        other.action_register()
        self._assert_line(other, "approved", approved_by=self.user_manager)

    def test_nobody_corrects_a_line_about_themself(self):
        line = self._line(self.me_recorder, "k07", -4, date(2025, 3, 3))
        line.with_user(self.user_secretary_a).action_register()
        wizard = (
            self.env["party.score.line.correction.wizard"]
            .with_user(self.user_recorder_a)
            .create(
                {"line_id": line.id, "reason": "当日公假", "date": date(2025, 4, 1)}
            )
        )
        with self.assertRaisesRegex(AccessError, "you cannot correct it yourself"):
            wizard.action_correct()
        self.assertFalse(line.correction_ids)
        self.assertEqual(self._card(self.me_recorder).total_score, 76)
        line.with_user(self.user_secretary_a)._create_correction(
            "当日公假", date(2025, 4, 1)
        )
        self.assertEqual(self._card(self.me_recorder).total_score, 80)

    def test_the_only_officer_is_told_who_else_can(self):
        line = self._addition(self.member_b1, self.secretary_b)
        line.action_submit()
        with self.assertRaisesRegex(
            AccessError,
            "You declared .*: the same person cannot also verify it. 第二党支部 has "
            "no other officer who can verify it: 测试党总支, above it, or the Party "
            "working committee can.",
        ):
            line.action_verify()
        self._assert_line(line, "submitted")
        line.with_user(self.user_general).action_verify()
        self._assert_line(line, "verified", self.user_general)

    def test_refusal_is_translated(self):
        own = self._addition(self.me_recorder, self.user_recorder_a)
        own.action_submit()
        self.env["res.lang"]._activate_lang("zh_CN")
        with self.assertRaisesRegex(
            AccessError, "涉及您本人：您不能自己核实。可由第一党支部的其他负责人"
        ):
            own.with_context(lang="zh_CN").action_verify()

    def test_odoo_superuser_is_the_only_exception(self):
        # install, demo data and crons act as Odoo's superuser
        line = self._addition(self.member_a1, self.user_recorder_a)
        line.with_user(SUPERUSER_ID).action_submit()
        line.with_user(SUPERUSER_ID).action_verify()
        line.with_user(SUPERUSER_ID).action_approve()
        self.assertEqual(line.state, "approved")


@tagged("post_install", "-at_install")
class TestFourEyesOnNominations(FourEyesWorld, NominationMixin, ResultsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_four_eyes()
        cls.user_general_member = cls.Member.create(
            {
                "name": cls.user_general.name,
                "branch_id": cls.branch_a.id,
                "partner_id": cls.user_general.partner_id.id,
            }
        )
        cls.Nomination = cls.env["party.outstanding.nomination"]

    def test_nobody_proposes_reviews_confirms_or_refuses_themself(self):
        # R-USE-1: 党支部初定 → 党总支初审 → 党工委认定, never about oneself
        self._score_to(self.me_secretary, 110)
        self._score_to(self.user_general_member, 110)
        self._score_to(
            self.me_manager,
            110,
            recorder=self.user_general,
            approver=self.user_manager_2,
        )
        self._publish_year(self.branch_a, self.user_organisation)
        self.cycle.outstanding_share = 100
        # the secretary proposes the others and is left out herself
        action = self.cycle.with_user(self.user_secretary_a).action_propose_candidates()
        self.assertRegex(
            action["params"]["message"],
            "李书记, a candidate of .*, is you: nobody proposes themself, so you are "
            r"left out.*Another officer of 第一党支部 \(孙组织\)",
        )
        self.assertEqual(
            self._nominations().member_id,
            self.user_general_member | self.me_manager,
        )
        with self.assertRaisesRegex(AccessError, "so you are left out"):
            self.cycle.with_user(self.user_secretary_a).action_propose_candidates()
        Nomination = self.Nomination.with_user(self.user_secretary_a)
        with self.assertRaisesRegex(AccessError, "is about you: you cannot propose"):
            Nomination.create(
                {"member_id": self.me_secretary.id, "cycle_id": self.cycle.id}
            )
        self.assertNotIn(self.me_secretary, self._nominations().member_id)
        # 孙组织, another officer of the branch, proposes her
        self.cycle.with_user(self.user_organisation).action_propose_candidates()
        by_member = {n.member_id: n for n in self._nominations()}
        self.assertEqual(len(by_member), 3)
        general_own = by_member[self.user_general_member]
        manager_own = by_member[self.me_manager]
        with self.assertRaisesRegex(AccessError, "you cannot review it yourself"):
            general_own.with_user(self.user_general).action_review()
        with self.assertRaisesRegex(AccessError, "you cannot refuse it yourself"):
            general_own.with_user(self.user_general).action_refuse("不够格")
        self.assertEqual(general_own.state, "proposed")
        general_own.with_user(self.user_manager).action_review()
        manager_own.with_user(self.user_general).action_review()
        with self.assertRaisesRegex(
            AccessError,
            "you cannot confirm it yourself. Another member of the Party working "
            "committee can confirm it.",
        ):
            manager_own.with_user(self.user_manager).action_confirm()
        with self.assertRaisesRegex(AccessError, "you cannot refuse it yourself"):
            manager_own.with_user(self.user_manager).action_refuse("让给别人")
        self.assertEqual(manager_own.state, "reviewed")
        manager_own.with_user(self.user_manager_2).action_confirm()
        general_own.with_user(self.user_manager).action_confirm()
        self.assertEqual(
            (manager_own.state, manager_own.confirmed_by_id, general_own.state),
            ("confirmed", self.user_manager_2, "confirmed"),
        )


@tagged("post_install", "-at_install")
class TestFourEyesOnCases(FourEyesWorld, LaggardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_four_eyes()

    def test_secretary_takes_no_step_of_a_case_about_herself(self):
        case = self._open(self.me_secretary, user=self.user_general)
        mine = case.with_user(self.user_secretary_a)
        with self.assertRaisesRegex(
            AccessError,
            r"is about you: you cannot act on it yourself\. Another officer of "
            r"第一党支部 \(孙组织\), the organisation above it or the Party working "
            r"committee can act on it\.",
        ):
            mine.action_announce(date(2025, 4, 2), "通报。")
        self.assertEqual((case.state, len(case.step_ids)), ("proposed", 0))
        case.with_user(self.user_organisation).action_announce(
            date(2025, 4, 2), "在专题组织生活会上通报积分。"
        )
        # every step of the branch: the determination too
        with self.assertRaisesRegex(AccessError, "you cannot act on it yourself"):
            mine.action_determine(date(2025, 4, 5), "初定。")
        self.assertEqual(
            (case.state, case.step_ids.user_id), ("announced", self.user_organisation)
        )

    def test_committee_decides_no_case_about_itself(self):
        case = self._open(self.me_manager, user=self.user_general)
        with self.assertRaisesRegex(
            AccessError,
            "you cannot act on it yourself. Another member of the Party working "
            "committee can act on it.",
        ):
            case.with_user(self.user_manager).action_skip_announcement(
                date(2025, 4, 2), "特殊情况，经党工委批准不再亮分。"
            )
        self.assertEqual((case.state, case.step_ids.ids), ("proposed", []))
        case.with_user(self.user_manager_2).action_skip_announcement(
            date(2025, 4, 2), "特殊情况，经党工委批准不再亮分。"
        )
        self.assertEqual(case.state, "announced")

    def test_the_only_officer_of_the_branch_is_told_who_else_can(self):
        case = self._open(self.me_secretary_b, user=self.user_general)
        with self.assertRaisesRegex(
            AccessError,
            "you cannot act on it yourself. 第二党支部 has no other officer who can "
            "act on it: 测试党总支, above it, or the Party working committee can.",
        ):
            case.with_user(self.secretary_b).action_announce(date(2025, 4, 2), "通报。")
        case.with_user(self.user_general).action_announce(date(2025, 4, 2), "通报。")
        self.assertEqual(case.state, "announced")


@tagged("post_install", "-at_install")
class TestFourEyesElsewhere(FourEyesWorld, DuesCommon, ResultsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_four_eyes()
        cls.setup_dues()

    def test_nobody_submits_approves_or_refuses_their_own_exemption(self):
        # R-MEM-4: the branch submits, the committee approves
        Exemption = self.env["party.member.exemption"]
        mine = Exemption.with_user(self.user_secretary_a).create(
            {
                "member_id": self.me_secretary.id,
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 6, 30),
                "reason_type": "long_sick",
            }
        )
        with self.assertRaisesRegex(
            AccessError,
            r"you cannot submit it yourself\. Another officer of 第一党支部 \(孙组织\)",
        ):
            mine.action_submit()
        self.assertEqual(mine.state, "draft")
        mine.with_user(self.user_organisation).action_submit()
        mine.with_user(self.user_manager).action_approve()
        self.assertEqual(
            (mine.state, mine.approver_id), ("approved", self.user_manager)
        )
        committee = Exemption.with_user(self.user_general).create(
            {
                "member_id": self.me_manager.id,
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 6, 30),
                "reason_type": "long_sick",
                "refusal_reason": "不符合条件",
            }
        )
        committee.action_submit()
        for action in ("action_approve", "action_refuse"):
            with self.assertRaisesRegex(
                AccessError, "Another member of the Party working committee can"
            ):
                getattr(committee.with_user(self.user_manager), action)()
        self.assertEqual(
            (committee.state, committee.approver_id.id), ("submitted", False)
        )
        committee.with_user(self.user_manager_2).action_approve()
        self.assertEqual(committee.state, "approved")
        with self.assertRaisesRegex(AccessError, "you cannot cancel it yourself"):
            committee.with_user(self.user_manager).action_cancel()
        self.assertEqual(committee.state, "approved")

    def test_nobody_records_their_own_dues(self):
        line = self._line(self.me_recorder, "2026-03-01")
        recorder_line = line.with_user(self.user_recorder_a)
        with self.assertRaisesRegex(
            AccessError,
            "Party Dues Line 张登记 March 2026 is about you: you cannot record it "
            "yourself",
        ):
            recorder_line.action_record_payment(40.0, "2026-03-10")
        with self.assertRaisesRegex(AccessError, "you cannot record it yourself"):
            recorder_line.action_pay_in_full("2026-03-10")
        secretary_line = self._line(self.me_secretary, "2026-03-01")
        with self.assertRaisesRegex(AccessError, "you cannot exempt it yourself"):
            secretary_line.with_user(self.user_secretary_a).action_exempt("困难")
        self.assertEqual((line | secretary_line).mapped("state"), ["due", "due"])
        self.assertEqual(line.amount_paid, 0.0)
        line.with_user(self.user_secretary_a).action_record_payment(40.0, "2026-03-10")
        secretary_line.with_user(self.user_organisation).action_exempt("长期病休")
        self.assertEqual(
            (line.state, line.recorded_by_id, secretary_line.state),
            ("paid", self.user_secretary_a, "exempt"),
        )

    def test_pay_all_leaves_the_users_own_line_due_naming_it(self):
        sheet = self.Sheet.with_user(self.user_recorder_a).create(
            {"branch_id": self.branch_a.id, "month": "2026-04-01"}
        )
        sheet.action_generate_lines()
        own = sheet.line_ids.filtered(lambda line: line.member_id == self.me_recorder)
        self.assertTrue(own)
        action = sheet.action_pay_all()
        self.assertIn(
            "Your own dues line 张登记 April 2026 is on this sheet, and you cannot "
            "record your own payment: it stays due.",
            action["params"]["message"],
        )
        self.assertEqual(own.state, "due")
        self.assertEqual(set((sheet.line_ids - own).mapped("state")), {"paid"})
        # with only their own line left, the refusal says it
        with self.assertRaisesRegex(AccessError, "it stays due"):
            sheet.action_pay_all()
        # 孙组织, an officer who is no member of the branch, pays it
        sheet.with_user(self.user_organisation).action_pay_all()
        self.assertEqual(own.state, "paid")
        self.assertEqual(own.recorded_by_id, self.user_organisation)

    def test_nobody_decides_on_their_own_watch(self):
        # R-MEM-6: a good reason is proposed and confirmed by the branch,
        # never by the member it excuses
        vals = {
            "member_id": self.me_secretary.id,
            "kind": "good_reason",
            "date": date(2026, 11, 6),
            "month_from": date(2026, 5, 1),
            "month_to": date(2026, 10, 1),
            "reason": "住院治疗",
        }
        Decision = self.env["party.member.watch.decision"]
        with self.assertRaisesRegex(AccessError, "you cannot propose it yourself"):
            Decision.with_user(self.user_secretary_a).create(vals)
        self.assertFalse(Decision.search([("member_id", "=", self.me_secretary.id)]))
        decision = Decision.with_user(self.user_organisation).create(vals)
        for action in ("action_confirm", "action_refuse"):
            with self.assertRaisesRegex(AccessError, "is about you"):
                getattr(decision.with_user(self.user_secretary_a), action)()
        self.assertEqual(decision.state, "proposed")
        decision.with_user(self.user_organisation).action_confirm()
        self.assertEqual(
            (decision.state, decision.confirmed_by_id),
            ("confirmed", self.user_organisation),
        )


@tagged("post_install", "-at_install")
class TestFourEyesOverRpc(FourEyesWorld, PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.setup_four_eyes()
        cls.cycle = open_cycle(cls.env, 2025)

    def _rpc(self, user, model, method, *args):
        return execute_kw(self, user, model, method, args)

    def test_recorder_cannot_verify_his_own_declaration_over_rpc(self):
        line_id = self._rpc(
            self.user_recorder_a,
            "party.score.line",
            "create",
            {
                "member_id": self.me_recorder.id,
                "standard_id": self.env.ref("party_points.standard_j06").id,
                "points": 10,
                "date": "2025-05-06",
                "description": "见义勇为",
                # uploaded with the line, by the recorder who declares it
                "attachment_ids": [
                    (
                        0,
                        0,
                        {"name": "表彰决定.pdf", "datas": "JVBERi0xLjQgZXZpZGVuY2U="},
                    )
                ],
            },
        )
        self._rpc(self.user_recorder_a, "party.score.line", "action_submit", [line_id])
        with self.assertRaises(xmlrpc.client.Fault) as caught, mute_logger("odoo.http"):
            self._rpc(
                self.user_recorder_a, "party.score.line", "action_verify", [line_id]
            )
        self.assertIn("you cannot verify it yourself", caught.exception.faultString)
        line = self.env["party.score.line"].browse(line_id)
        self.assertEqual((line.state, line.verified_by_id.id), ("submitted", False))
