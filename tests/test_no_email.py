# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 16, item j: every workflow works for users without an email
address (village and workshop Party secretaries, members), and the chatter
still says who did what: the acting user is the author."""

from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LaggardCommon, NominationMixin, ResultsCase, evidence_file


@tagged("post_install", "-at_install")
class TestWorkflowsWithoutEmail(NominationMixin, LaggardCommon, ResultsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_laggard_world()
        cls.Member.search([("branch_id", "child_of", cls.branch_a.id)]).write(
            {"dues_base": 4000.0}
        )
        cls.users = cls.env["res.users"].search([("login", "=like", "pp\\_%")])
        # none of the users of the test world has an email address
        cls.users.partner_id.write({"email": False})

    def setUp(self):
        super().setUp()
        self.assertTrue(self.users)
        self.assertFalse(any(self.users.partner_id.mapped("email")))

    def _act(self, user, records, method, *args):
        """``user`` calls ``method`` on ``records``, and the request ends:
        the chatter records the tracked changes (Odoo writes them when the
        transaction commits)."""
        result = getattr(records.with_user(user), method)(*args)
        self.env.flush_all()
        self.env.cr.precommit.run()
        return result

    def assertPosted(self, record, user, text=None):
        """The record's chatter holds a message by ``user`` (containing
        ``text``), kept without a sender address."""
        messages = record.sudo().message_ids.filtered(
            lambda message: message.author_id == user.partner_id
            and (text is None or text in (message.body or ""))
        )
        self.assertTrue(
            messages,
            f"no message by {user.name} on {record.display_name}: "
            f"{[(m.author_id.name, m.body) for m in record.sudo().message_ids]}",
        )
        self.assertFalse(messages[0].email_from)

    def test_plain_mail_thread_refuses_without_the_addon(self):
        # the cause, in Odoo itself: a record outside the addon still needs
        # the author's email to post
        partner = self.env["res.partner"].create({"name": "外部单位"})
        with self.assertRaisesRegex(UserError, "configure the sender's email"):
            partner.with_user(self.user_manager).message_post(body="备注")

    def test_points_lines(self):
        # declared by the member, verified, approved; registered; refused;
        # a veto by the committee; a correction
        line = self.Line.with_user(self.user_member).create(
            {
                "member_id": self.member_self.id,
                "standard_id": self.std("j05_1").id,
                "points": 2,
                "date": date(2025, 4, 8),
                "description": "获公司年度先进个人",
                "attachment_ids": evidence_file(),
            }
        )
        self._act(self.user_member, line, "action_submit")
        self._act(self.user_recorder_a, line, "action_verify")
        self._act(self.user_manager, line, "action_approve")
        self.assertEqual(line.state, "approved")
        for user in (self.user_member, self.user_recorder_a, self.user_manager):
            self.assertPosted(line, user)
        deduction = self._line(self.member_a1, "k07", -3, date(2025, 4, 9))
        self._act(self.user_recorder_a, deduction, "action_register")
        refused = self._line(self.member_a1, "j03", 2, date(2025, 4, 10))
        refused.with_user(self.user_recorder_a).write(
            {"attachment_ids": evidence_file()}
        )
        self._act(self.user_recorder_a, refused, "action_submit")
        self._act(self.user_secretary_a, refused, "action_refuse", "无证明材料原件")
        self.assertEqual(refused.state, "refused")
        self.assertPosted(refused, self.user_secretary_a)
        veto = self.Line.with_user(self.user_manager).create(
            {
                "member_id": self.member_b1.id,
                "standard_id": self.std("f01").id,
                "points": 0,
                "date": date(2025, 5, 5),
                "attachment_ids": evidence_file("党工委决定.pdf"),
            }
        )
        self._act(self.user_manager, veto, "action_register")
        self.assertTrue(self.member_b1.laggard_watch)
        correction = self._act(
            self.user_secretary_a,
            deduction,
            "_create_correction",
            "误登记",
            date(2025, 5, 6),
        )
        self.assertEqual(correction.state, "approved")
        self.assertPosted(correction, self.user_secretary_a)

    def test_publication_and_the_case_it_opens(self):
        self._register_as(self.member_a1, "k02_1", -20, date(2025, 2, 3))
        self._register_as(self.member_a1, "k07", -5, date(2025, 2, 4))
        publication = self._publish_quarter("1", publish=False)
        self._act(self.user_secretary_a, publication, "action_approve")
        self._act(self.user_secretary_a, publication, "action_publish")
        self.assertEqual(publication.state, "published")
        self.assertPosted(publication, self.user_secretary_a)
        self.assertPosted(self.branch_a, self.user_secretary_a, "published")
        case = self.env["party.laggard.case"].search(
            [("publication_id", "=", publication.id)]
        )
        self.assertEqual(case.state, "announced")
        self.assertPosted(case, self.user_secretary_a, "Score Announcement")

    def _register_as(self, member, code, points, day, user=None):
        user = user or self.user_recorder_a
        line = self._line(member, code, points, day, user=user)
        line.with_user(user).action_register()
        return line

    def test_meeting(self):
        meeting = (
            self.env["party.meeting"]
            .with_user(self.user_recorder_a)
            .create(
                {
                    "name": "主题党日：学习党章",
                    "meeting_type": "theme_day",
                    "branch_id": self.branch_a.id,
                    "date": date(2025, 3, 10),
                }
            )
        )
        self._act(self.user_recorder_a, meeting, "action_load_members")
        for attendance in meeting.attendance_ids:
            attendance.with_user(self.user_recorder_a).status = (
                "absent" if attendance.member_id == self.member_a1 else "present"
            )
        self._act(self.user_recorder_a, meeting, "action_close")
        self.assertEqual(meeting.line_ids.mapped("points"), [-5])
        self.assertPosted(meeting, self.user_recorder_a)

    def test_laggard_case_from_opening_to_approval(self):
        case = self.open_case(self.member_self, rectification_months=2)

        def step(user, action, *args):
            self._act(user, case, action, *args)
            self.assertPosted(case, user)

        step(self.user_secretary_a, "action_announce", date(2025, 4, 2), "通报积分。")
        step(self.user_secretary_a, "action_determine", date(2025, 4, 5), "初定。")
        step(self.user_general, "action_review", date(2025, 4, 8), "同意上报。")
        step(self.user_manager, "action_decide", date(2025, 4, 10), "认定。")
        step(self.user_manager, "action_transfer", date(2025, 4, 12), "转入。")
        case.with_user(self.secretary_e).write(
            {
                "mentor_ids": [(6, 0, (self.mentor_1 | self.mentor_2).ids)],
                "cause_category": "a",
                "rectification_plan": "重点学习党章党规。",
            }
        )
        step(
            self.secretary_e, "action_start_rectification", date(2025, 4, 15), "帮教。"
        )
        # the member without email writes a monthly report, the education
        # branch reviews it and warns of poor progress
        report = self._monthly_report(case)
        self._act(self.user_member, report, "action_submit")
        reviewed = report.with_user(self.recorder_e)
        reviewed.write({"progress": "poor", "review_opinion": "整改不明显。"})
        reviewed.action_review()
        self.assertPosted(case, self.recorder_e, "Warning")
        # the warning's activity, marked done by its user without email
        activity = case.sudo().activity_ids.filtered(
            lambda a: a.user_id == self.recorder_e
        )
        self._act(self.recorder_e, activity, "action_feedback", "已约谈")
        self.assertPosted(case, self.recorder_e, "已约谈")
        step(
            self.secretary_e,
            "action_resolve",
            "improved",
            date(2025, 6, 20),
            "转化合格。",
        )
        step(self.user_manager, "action_approve", date(2025, 6, 25), "同意。")
        self.assertEqual(case.state, "done")
        # a note written in the chatter by a secretary without email
        case.with_user(self.user_secretary_a).message_post(body="支部备注")
        self.assertPosted(case, self.user_secretary_a, "支部备注")

    def test_outstanding_nomination(self):
        self._score_to(self.member_a1, 110)
        self.cycle.outstanding_share = 30
        self._publish_year(self.branch_a, self.user_secretary_a)
        self._act(self.user_secretary_a, self.cycle, "action_propose_candidates")
        nomination = self._nominations()
        self.assertEqual(nomination.member_id, self.member_a1)
        self._act(self.user_general, nomination, "action_review")
        self._act(self.user_manager, nomination, "action_confirm")
        self.assertEqual(nomination.state, "confirmed")
        for user in (self.user_secretary_a, self.user_general, self.user_manager):
            self.assertPosted(nomination, user)

    def test_exemption(self):
        exemption = (
            self.env["party.member.exemption"]
            .with_user(self.user_secretary_a)
            .create(
                {
                    "member_id": self.member_a1.id,
                    "date_from": date(2025, 1, 1),
                    "date_to": date(2025, 6, 30),
                    "reason_type": "bedridden",
                    "description": "本人申请，长期卧床，支部同意",
                }
            )
        )
        self._act(self.user_secretary_a, exemption, "action_submit")
        self._act(self.user_manager, exemption, "action_approve")
        self.assertEqual(exemption.state, "approved")
        self.assertPosted(exemption, self.user_secretary_a)
        self.assertPosted(exemption, self.user_manager)

    def test_mobile_member_records(self):
        Mobile = self.env["party.mobile.member"]
        record = Mobile.with_user(self.user_recorder_a).create(
            {
                "member_id": self.member_a1.id,
                "reason": "work",
                "destination": "广东省深圳市",
                "host_organisation": "深圳某电子公司",
                "departure_date": date(2025, 1, 10),
                "expected_return": date(2025, 5, 10),
            }
        )
        self._act(self.user_recorder_a, record, "action_depart")
        self._act(self.user_secretary_a, record, "action_issue_letter")
        self.assertPosted(record, self.user_secretary_a, "Certificate letter")
        self.env["party.mobile.contact"].with_user(self.user_recorder_a).create(
            {"mobile_id": record.id, "date": date(2025, 3, 1), "summary": "电话联系"}
        )
        self._act(self.user_recorder_a, record, "action_mark_lost_contact")
        self._act(self.user_recorder_a, record, "action_contact_restored")
        self._act(self.user_recorder_a, record, "action_return", date(2025, 5, 2))
        self.assertEqual(record.state, "returned")
        self.assertPosted(record, self.user_recorder_a)
        # a member settling abroad, raised to the committee on departure, and
        # the committee's activity certificate for a long absence
        abroad = Mobile.with_user(self.user_recorder_a).create(
            {
                "member_id": self.member_a2.id,
                "reason": "other",
                "destination": "加拿大",
                "host_organisation": "无",
                "abroad": True,
                "abroad_kind": "settle",
                "departure_date": date(2025, 2, 1),
                "expected_return": False,
            }
        )
        self._act(self.user_recorder_a, abroad, "action_depart")
        self.assertTrue(abroad.flag_settled_abroad)
        self.assertPosted(abroad, self.user_recorder_a, "settles abroad")
        away = Mobile.with_user(self.user_manager).create(
            {
                "member_id": self.member_b1.id,
                "reason": "business",
                "destination": "云南省昆明市",
                "host_organisation": "无固定单位",
                "fixed_place": False,
                "departure_date": date(2025, 3, 1),
                "expected_return": False,
            }
        )
        self._act(
            self.user_manager, away, "action_issue_certificate", date(2027, 12, 31)
        )
        self.assertEqual(away.certificate_ids.state, "issued")
        self.assertPosted(away.certificate_ids, self.user_manager)

    def test_dues(self):
        sheet = (
            self.env["party.dues.sheet"]
            .with_user(self.user_recorder_a)
            .create({"branch_id": self.branch_a.id, "month": "2026-06-01"})
        )
        lines = self._act(self.user_recorder_a, sheet, "action_generate_lines")
        line_self, line_a1, line_a2 = (
            lines.filtered(lambda line, member=member: line.member_id == member)
            for member in (self.member_self, self.member_a1, self.member_a2)
        )
        self._act(
            self.user_recorder_a, line_a1, "action_record_payment", 10.0, "2026-06-10"
        )
        self._act(self.user_recorder_a, line_a1, "action_pay_in_full", "2026-06-11")
        self._act(self.user_secretary_a, line_a2, "action_exempt", "长期病休")
        self._act(self.user_recorder_a, sheet, "action_pay_all")
        self.assertEqual(
            (line_self.state, line_a1.state, line_a2.state), ("paid", "paid", "exempt")
        )
        self.assertPosted(line_a1, self.user_recorder_a)
        self.assertPosted(line_a2, self.user_secretary_a)

    def test_watch_decisions(self):
        Decision = self.env["party.member.watch.decision"]
        decision = Decision.with_user(self.user_secretary_a).create(
            {
                "member_id": self.member_a1.id,
                "kind": "good_reason",
                "date": date(2026, 11, 6),
                "month_from": date(2026, 5, 1),
                "month_to": date(2026, 10, 1),
                "reason": "住院治疗，病休半年",
            }
        )
        self._act(self.user_secretary_a, decision, "action_confirm")
        self.assertEqual(decision.state, "confirmed")
        self.assertPosted(decision, self.user_secretary_a)
        refused = Decision.with_user(self.user_secretary_a).create(
            {
                "member_id": self.member_a2.id,
                "kind": "good_reason",
                "date": date(2026, 11, 6),
                "month_from": date(2026, 6, 1),
                "month_to": date(2026, 7, 1),
                "reason": "外出",
            }
        )
        self._act(self.user_secretary_a, refused, "action_refuse")
        self.assertEqual(refused.state, "refused")
        self.assertPosted(refused, self.user_secretary_a)
