# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 15, item 2: the keys of a record are fixed when it is created.

Odoo checks record rules on the records before a write, never after: a
member could point her draft line at a member of another branch, a secretary
her case or her exemption, a recorder an attendance row at another meeting,
and the record moved there with everything related to it (the case then
showed the other member's gender, education and post; a line moved that way
blocked the other branch's quarterly approval).

One record of every party model is tried here with another member, branch,
meeting, case, cycle, company and publication, as each role (member,
recorder, secretary, general branch, committee, administrator) with
``with_user``, under sudo, and over XML-RPC for a few: each try is refused
with a clear message and the row, read again with SQL, is as it was. The
legitimate corrections of a draft (the member of a draft line, a planned
absence, the education branch of a case) still work, re-checked as a new
record and by the record rules after the write."""

import xmlrpc.client
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import SQL, mute_logger

from .common import PartyPointsCommon, open_cycle
from .helpers import execute_kw

FIXED = "is fixed when the record is created"
BY_HAND = "cannot be set by hand"
# the roles told that a key is fixed, from the branch's recorder up
RECORDER_AND_UP = (
    "recorder",
    "secretary",
    "general branch",
    "committee",
    "administrator",
)


@tagged("post_install", "-at_install")
class TestRecordKeys(PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        env = cls.env
        cls.admin = env.ref("base.user_admin")
        cls.roles = {
            "member": cls.user_member,
            "recorder": cls.user_recorder_a,
            "secretary": cls.user_secretary_a,
            "general branch": cls.user_general,
            "committee": cls.user_manager,
            "administrator": cls.admin,
        }
        recorder, secretary, manager = (
            cls.user_recorder_a,
            cls.user_secretary_a,
            cls.user_manager,
        )
        # a second company the committee and the administrator work in too
        cls.company2 = env["res.company"].create({"name": "恒远实业有限公司"})
        (manager | cls.admin).write({"company_ids": [(4, cls.company2.id)]})
        cls.branch2 = (
            env["party.branch"]
            .with_company(cls.company2)
            .create(
                {"name": "恒远党支部", "kind": "branch", "company_id": cls.company2.id}
            )
        )
        cls.education = cls.Branch.create(
            {
                "name": "党性教育党支部",
                "kind": "branch",
                "branch_type": "education",
                "parent_id": cls.committee.id,
            }
        )
        std = cls._std

        # 2024: a registered deduction, four published quarters, a nomination
        cls.cycle24 = open_cycle(env, 2024)
        cls.cycle24.sudo().write({"outstanding_threshold": 70})
        Line = env["party.score.line"]
        line24 = Line.with_user(recorder).create(
            {
                "member_id": cls.member_a1.id,
                "standard_id": std("k07").id,
                "points": -3,
                "date": date(2024, 2, 10),
            }
        )
        line24.with_user(recorder).action_register()
        Publication = env["party.score.publication"].with_user(secretary)
        cls.publications24 = Publication.browse()
        for quarter in "1234":
            publication = Publication.create(
                {
                    "branch_id": cls.branch_a.id,
                    "cycle_id": cls.cycle24.id,
                    "quarter": quarter,
                }
            )
            publication.action_approve()
            publication.action_publish()
            cls.publications24 |= publication
        cls.snapshot = cls.publications24.snapshot_ids[:1]
        cls.nomination = (
            env["party.outstanding.nomination"]
            .with_user(secretary)
            .create({"member_id": cls.member_a1.id, "cycle_id": cls.cycle24.id})
        )

        # 2025: draft lines, a draft publication, meetings, an exemption
        cls.cycle = open_cycle(env, 2025)
        cls.line_own = Line.with_user(cls.user_member).create(
            {
                "member_id": cls.member_self.id,
                "standard_id": std("j03").id,
                "points": 2,
                "date": date(2025, 3, 3),
            }
        )
        cls.line_a1 = Line.with_user(recorder).create(
            {
                "member_id": cls.member_a1.id,
                "standard_id": std("k07").id,
                "points": -3,
                "date": date(2025, 3, 5),
            }
        )
        cls.card = cls.line_a1.card_id
        cls.publication = Publication.create(
            {"branch_id": cls.branch_a.id, "cycle_id": cls.cycle.id, "quarter": "2"}
        )
        Meeting = env["party.meeting"]
        cls.meeting = Meeting.with_user(recorder).create(
            {
                "name": "支部党员大会",
                "meeting_type": "general_meeting",
                "branch_id": cls.branch_a.id,
                "date": date(2025, 3, 10),
            }
        )
        cls.meeting.action_load_members()
        cls.attendance = cls.meeting.attendance_ids.filtered(
            lambda a: a.member_id == cls.member_a1
        )
        cls.meeting_b = Meeting.with_user(manager).create(
            {
                "name": "第二党支部党员大会",
                "meeting_type": "general_meeting",
                "branch_id": cls.branch_b.id,
                "date": date(2025, 3, 10),
            }
        )
        cls.exemption = (
            env["party.member.exemption"]
            .with_user(secretary)
            .create(
                {
                    "member_id": cls.member_a1.id,
                    "date_from": date(2025, 6, 1),
                    "date_to": date(2025, 6, 30),
                    "reason_type": "long_sick",
                }
            )
        )

        # laggard cases: one with a recorded step, one in rectification with
        # the member's monthly report
        Case = env["party.laggard.case"].with_user(secretary)
        cls.case = Case.create(
            {"member_id": cls.member_self.id, "open_date": date(2025, 4, 1)}
        )
        cls.case_a1 = Case.create(
            {"member_id": cls.member_a1.id, "open_date": date(2025, 4, 1)}
        )
        cls.case_a1.action_announce(date(2025, 4, 2), "在专题组织生活会上通报积分。")
        cls.step = cls.case_a1.step_ids
        # the test skips the steps in between: the report needs a case in
        # rectification, not the whole procedure
        cls.case.sudo()._write_workflow(
            {
                "state": "rectification",
                "start_date": date(2025, 4, 15),
                "rectification_months": 3,
            }
        )
        cls.laggard_report = (
            env["party.laggard.report"]
            .with_user(cls.user_member)
            .create(
                {
                    "case_id": cls.case.id,
                    "month": 1,
                    "date": date(2025, 5, 15),
                    "report_text": "认真学习党章，按时参加组织生活。",
                }
            )
        )

        # dues of January 2026, then the six-month watch and a decision
        cls.sheet = (
            env["party.dues.sheet"]
            .with_user(secretary)
            .create({"branch_id": cls.branch_a.id, "month": date(2026, 1, 1)})
        )
        cls.sheet.action_generate_lines()
        cls.dues_line = cls.sheet.line_ids.filtered(
            lambda line: line.member_id == cls.member_a1
        )
        Watch = env["party.member.watch"]
        Watch._refresh(cls.member_self | cls.member_a1, today=date(2026, 2, 5))
        cls.watch = Watch.search([("member_id", "=", cls.member_self.id)])
        cls.watch_a1 = Watch.search([("member_id", "=", cls.member_a1.id)])
        cls.watch_month = cls.watch.month_ids[:1]
        cls.decision = (
            env["party.member.watch.decision"]
            .with_user(secretary)
            .create(
                {
                    "member_id": cls.member_self.id,
                    "kind": "good_reason",
                    "date": date(2026, 2, 6),
                    "month_from": date(2026, 1, 1),
                    "month_to": date(2026, 1, 31),
                    "reason": "住院治疗",
                }
            )
        )

        # mobile members: a long absence with its certificate, entry,
        # contact and report; a planned absence; another member's certificate
        Mobile = env["party.mobile.member"].with_user(manager)

        def absence(member, **vals):
            return Mobile.create(
                {
                    "member_id": member.id,
                    "reason": "work",
                    "destination": "广东省深圳市",
                    "departure_date": date(2025, 1, 10),
                    "expected_return": False,
                    "fixed_place": False,
                    **vals,
                }
            )

        cls.mobile = absence(cls.member_self)
        cls.mobile.action_depart()
        cls.mobile.action_issue_certificate(date(2027, 1, 1))
        cls.certificate = cls.mobile.certificate_ids
        cls.mobile_b1 = absence(cls.member_b1)
        cls.mobile_b1.action_depart()
        cls.mobile_b1.action_issue_certificate(date(2027, 1, 1))
        cls.certificate_b1 = cls.mobile_b1.certificate_ids
        cls.planned = absence(
            cls.member_a2, expected_return=date(2027, 3, 1), fixed_place=True
        )
        cls.entry = (
            env["party.mobile.certificate.entry"]
            .with_user(recorder)
            .create(
                {
                    "certificate_id": cls.certificate.id,
                    "host_organisation": "深圳某街道党工委",
                    "arrival_date": date(2025, 1, 15),
                }
            )
        )
        cls.contact = (
            env["party.mobile.contact"]
            .with_user(recorder)
            .create(
                {
                    "mobile_id": cls.mobile.id,
                    "date": date(2025, 2, 1),
                    "summary": "电话联系，了解工作情况。",
                }
            )
        )
        cls.mobile_report = (
            env["party.mobile.report"]
            .with_user(cls.user_member)
            .create(
                {
                    "mobile_id": cls.mobile.id,
                    "date": date(2025, 7, 1),
                    "report_text": "上半年思想和工作情况汇报。",
                }
            )
        )

        # history rows of a move and of a change
        cls.member_a2.sudo()._transfer_to(
            cls.branch_a, date(2025, 2, 1), "调整党小组。"
        )
        cls.member_a2.sudo()._record_change(
            "member_type", "probationary", date(2025, 2, 2), "更正党员类别。"
        )
        cls.transfer = cls.member_a2.transfer_ids
        cls.change = cls.member_a2.change_ids
        cls.grade = env["party.score.grade"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.rate = env["party.dues.rate"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )

    @classmethod
    def _std(cls, code):
        return cls.env.ref(f"party_points.standard_{code}")

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _row(self, record):
        """The record's row as the database holds it, never the cache."""
        self.env.flush_all()
        self.env.invalidate_all()
        self.env.cr.execute(
            SQL(
                "SELECT * FROM %s WHERE id = %s",
                SQL.identifier(record._table),
                record.id,
            )
        )
        return self.env.cr.dictfetchone()

    def _assert_fixed(self, record, field, value, writers, message=FIXED):
        """Every role tries ``{field: value}``: those who may write the record
        (``writers``) are told the key is fixed, the others are refused by
        the access rights; sudo is told so too. The row never changes.
        ``writers=None``: a guard that refuses everyone before the access
        rights (workflow fields, history) tells everyone so."""
        before = self._row(record)
        told = []
        for role, user in self.roles.items():
            mine = record.with_user(user)
            with self.subTest(model=record._name, field=field, role=role):
                may_write = mine.has_access("write")
                with self.assertRaises(UserError) as caught:
                    mine.write({field: value})
                error = caught.exception
                if may_write:
                    self.assertNotIsInstance(error, AccessError)
                    self.assertIn(message, str(error))
                    told.append(role)
                elif writers is None and not isinstance(error, AccessError):
                    self.assertIn(message, str(error))
                else:
                    self.assertIsInstance(error, AccessError)
                self.assertEqual(self._row(record), before)
        with self.subTest(model=record._name, field=field, role="sudo"):
            with self.assertRaises(UserError) as caught:
                record.sudo().write({field: value})
            self.assertNotIsInstance(caught.exception, AccessError)
            self.assertIn(message, str(caught.exception))
            self.assertEqual(self._row(record), before)
        if writers is not None:
            self.assertEqual(told, writers, f"{record._name}.{field}")
        return str(caught.exception)

    def _rpc(self, user, model, method, args, password=None):
        kwargs = {"context": {"lang": "en_US"}}
        return execute_kw(self, user, model, method, args, kwargs, password)

    def _rpc_refused(self, user, record, vals, password=None):
        before = self._row(record)
        with self.assertRaises(xmlrpc.client.Fault) as caught, mute_logger("odoo.http"):
            self._rpc(user, record._name, "write", [record.ids, vals], password)
        self.assertNotIn("psycopg2", caught.exception.faultString)
        self.assertEqual(self._row(record), before)
        return caught.exception.faultString

    # ------------------------------------------------------------------
    # Every model, every role
    # ------------------------------------------------------------------

    def test_points_records_keep_their_keys(self):
        everyone = ["committee", "administrator"]
        branch = ["secretary", "general branch", *everyone]
        # a line's member and date are re-checked (below); its company and
        # the item's sign follow the member and the item
        self._assert_fixed(
            self.line_own,
            "company_id",
            self.company2.id,
            ["member", "recorder", *branch],
        )
        self._assert_fixed(
            self.line_own, "sign", "deduction", ["member", "recorder", *branch]
        )
        for field, value in (
            ("branch_id", self.branch_b.id),
            ("cycle_id", self.cycle24.id),
            ("card_id", self.nomination.card_id.id),
            ("publication_id", self.publications24[0].id),
            ("meeting_id", self.meeting_b.id),
        ):
            self._assert_fixed(self.line_own, field, value, None, BY_HAND)
        # cards are the system's: nobody writes them, sudo is refused too
        for field, value in (
            ("member_id", self.member_b1.id),
            ("cycle_id", self.cycle24.id),
            ("branch_id", self.branch_b.id),
            ("company_id", self.company2.id),
        ):
            self._assert_fixed(self.card, field, value, [])
        for field, value in (
            ("year", 2030),
            ("company_id", self.company2.id),
        ):
            self._assert_fixed(self.cycle, field, value, everyone)
        for field, value in (
            ("branch_id", self.branch_b.id),
            ("cycle_id", self.cycle24.id),
            ("quarter", "3"),
            ("company_id", self.company2.id),
        ):
            self._assert_fixed(self.publication, field, value, branch)
        self._assert_fixed(
            self.snapshot,
            "member_id",
            self.member_b1.id,
            None,
            "kept as it was published",
        )
        for field, value in (
            ("member_id", self.member_b1.id),
            ("cycle_id", self.cycle.id),
            ("company_id", self.company2.id),
        ):
            self._assert_fixed(self.nomination, field, value, branch)
        self._assert_fixed(
            self.nomination, "branch_id", self.branch_b.id, None, BY_HAND
        )

    def test_meetings_and_their_attendance_keep_their_keys(self):
        writers = [*RECORDER_AND_UP]
        for field, value in (
            ("branch_id", self.branch_b.id),
            ("company_id", self.company2.id),
        ):
            self._assert_fixed(self.meeting, field, value, writers)
        for field, value in (
            ("meeting_id", self.meeting_b.id),
            ("member_id", self.member_b1.id),
            ("branch_id", self.branch_b.id),
            ("company_id", self.company2.id),
            ("date", date(2025, 3, 11)),
        ):
            self._assert_fixed(self.attendance, field, value, writers)
        # the other branch's meeting got no attendance of the first branch
        self.assertFalse(self.meeting_b.attendance_ids)

    def test_registry_records_keep_their_keys(self):
        writers = ["secretary", "general branch", "committee", "administrator"]
        for field, value in (
            ("member_id", self.member_b1.id),
            ("branch_id", self.branch_b.id),
            ("company_id", self.company2.id),
        ):
            self._assert_fixed(self.exemption, field, value, writers)
        # the member's company follows the branch, never a value written
        message = self._assert_fixed(
            self.member_a1, "company_id", self.company2.id, writers
        )
        self.assertIn("follows the Assigned Branch", message)
        # organisations and catalogues stay in their company
        for record in (self.branch_a, self._std("k07"), self.grade, self.rate):
            self._assert_fixed(
                record, "company_id", self.company2.id, ["committee", "administrator"]
            )
        # history rows never change at all
        for row in (self.transfer, self.change):
            self._assert_fixed(
                row, "member_id", self.member_b1.id, None, "recorded history"
            )

    def test_laggard_records_keep_their_keys(self):
        writers = ["secretary", "general branch", "committee", "administrator"]
        message = self._assert_fixed(
            self.case_a1, "member_id", self.member_b1.id, writers
        )
        self.assertIn("open the case of the right member", message)
        self._assert_fixed(self.case_a1, "company_id", self.company2.id, writers)
        for field, value in (
            ("cycle_id", self.cycle24.id),
            ("publication_id", self.publications24[0].id),
            ("original_branch_id", self.branch_b.id),
            ("scoring_branch_id", self.branch_b.id),
        ):
            self._assert_fixed(self.case_a1, field, value, None, BY_HAND)
            # nor does the system's own path move them
            with self.assertRaisesRegex(UserError, FIXED):
                self.case_a1.sudo()._write_workflow({field: value})
        # the report form shows the case's own member, still
        self.assertEqual(
            (self.case_a1.member_id, self.case_a1.gender, self.case_a1.party_post),
            (self.member_a1, "male", "组织委员"),
        )
        self._assert_fixed(
            self.step, "case_id", self.case.id, None, "cannot be changed"
        )
        for field, value in (
            ("case_id", self.case_a1.id),
            ("member_id", self.member_b1.id),
            ("education_branch_id", self.branch_b.id),
        ):
            self._assert_fixed(
                self.laggard_report,
                field,
                value,
                ["member", "committee", "administrator"],
            )

    def test_dues_and_watch_records_keep_their_keys(self):
        writers = [*RECORDER_AND_UP]
        for field, value in (
            ("member_id", self.member_b1.id),
            ("month", date(2026, 2, 1)),
            ("company_id", self.company2.id),
        ):
            self._assert_fixed(self.dues_line, field, value, writers)
        self._assert_fixed(self.dues_line, "sheet_id", False, None, BY_HAND)
        for field, value in (
            ("branch_id", self.branch_b.id),
            ("month", date(2026, 2, 1)),
            ("company_id", self.company2.id),
        ):
            self._assert_fixed(self.sheet, field, value, writers)
        # the watch is rebuilt by the system: nobody writes it
        self._assert_fixed(self.watch, "member_id", self.member_b1.id, [])
        self._assert_fixed(self.watch_month, "watch_id", self.watch_a1.id, [])
        self._assert_fixed(self.watch_month, "member_id", self.member_b1.id, [])
        for field, value in (
            ("member_id", self.member_b1.id),
            ("company_id", self.company2.id),
        ):
            self._assert_fixed(self.decision, field, value, writers[1:])

    def test_mobile_records_keep_their_keys(self):
        branch = [*RECORDER_AND_UP]
        for field, value in (
            ("branch_id", self.branch_b.id),
            ("home_branch_id", self.branch_b.id),
            ("company_id", self.company2.id),
        ):
            self._assert_fixed(self.mobile, field, value, branch)
        for field, value in (
            ("mobile_id", self.mobile_b1.id),
            ("member_id", self.member_b1.id),
            ("company_id", self.company2.id),
        ):
            self._assert_fixed(
                self.certificate, field, value, ["committee", "administrator"]
            )
        for field, value in (
            ("certificate_id", self.certificate_b1.id),
            ("member_id", self.member_b1.id),
        ):
            self._assert_fixed(self.entry, field, value, branch)
        for record, writers in (
            (self.contact, branch),
            (self.mobile_report, ["member", *branch]),
        ):
            for field, value in (
                ("mobile_id", self.mobile_b1.id),
                ("member_id", self.member_b1.id),
                ("branch_id", self.branch_b.id),
            ):
                self._assert_fixed(record, field, value, writers)
        self.assertFalse(self.mobile_b1.contact_ids)
        self.assertFalse(self.mobile_b1.report_ids)

    # ------------------------------------------------------------------
    # What may still change, re-checked
    # ------------------------------------------------------------------

    def test_recorder_corrects_the_member_of_a_draft_line(self):
        line = self.line_a1.with_user(self.user_recorder_a)
        line.write({"member_id": self.member_a2.id})
        self.assertEqual(
            (line.member_id, line.cycle_id, line.branch_id, line.card_id.member_id),
            (self.member_a2, self.cycle, self.branch_a, self.member_a2),
        )
        # a member of a branch the recorder does not serve: refused, unchanged
        before = self._row(line)
        with self.assertRaisesRegex(
            AccessError, "only for the members of the organisations you serve"
        ):
            line.write({"member_id": self.member_b1.id})
        self.assertEqual(self._row(line), before)
        self.assertEqual(before["member_id"], self.member_a2.id)

    def test_a_draft_line_moves_only_inside_the_branches_served(self):
        # the member's own declaration stays hers
        own = self.line_own.with_user(self.user_member)
        before = self._row(own)
        for member in (self.member_a1, self.member_b1):
            with self.assertRaises(AccessError):
                own.write({"member_id": member.id})
            self.assertEqual(self._row(own), before)
        # the secretary of the first branch: not into the second
        line = self.line_a1.with_user(self.user_secretary_a)
        before = self._row(line)
        with self.assertRaises(AccessError):
            line.write({"member_id": self.member_b1.id})
        self.assertEqual(self._row(line), before)
        # nor to a member of another company, even for the committee
        member2 = self.Member.create({"name": "林二", "branch_id": self.branch2.id})
        # (the other company has no cycle of 2025, nor this item)
        with self.assertRaises(UserError):
            self.line_a1.with_user(self.user_manager).write({"member_id": member2.id})
        self.assertEqual(self._row(line), before)
        # the second branch has no line waiting: its quarter can be approved
        publication = self._publish_quarter(
            "1", self.branch_b, self.user_manager, publish=False
        )
        publication.action_approve()
        self.assertEqual(publication.state, "approved")

    def test_general_branch_and_committee_move_a_draft_across_their_branches(self):
        # both branches are theirs: the scoring branch and the card follow
        for user, line in (
            (self.user_general, self.line_a1),
            (self.user_manager, self.line_own),
        ):
            line.with_user(user).write({"member_id": self.member_b1.id})
            self.assertEqual(
                (line.branch_id, line.card_id.member_id, line.company_id),
                (self.branch_b, self.member_b1, self.company),
            )

    def test_a_draft_line_changes_its_date_inside_the_branch(self):
        line = self.line_a1.with_user(self.user_recorder_a)
        line.write({"date": date(2025, 1, 20)})
        self.assertEqual((line.quarter, line.branch_id), ("1", self.branch_a))
        # a quarter the branch published in 2024: refused, unchanged
        before = self._row(line)
        with self.assertRaisesRegex(UserError, "is published"):
            line.write({"date": date(2024, 5, 2)})
        self.assertEqual(self._row(line), before)

    def test_planned_absence_is_corrected_to_a_member_of_the_branch(self):
        planned = self.planned.with_user(self.user_recorder_a)
        planned.write({"member_id": self.member_a1.id})
        self.assertEqual(
            (planned.member_id, planned.branch_id), (self.member_a1, self.branch_a)
        )
        before = self._row(planned)
        member_b2 = self.Member.create({"name": "卫六", "branch_id": self.branch_b.id})
        with self.assertRaises(AccessError):
            planned.write({"member_id": member_b2.id})
        self.assertEqual(self._row(planned), before)
        # once the member left, the absence stays the member's
        planned.with_user(self.user_manager).action_depart()
        with self.assertRaisesRegex(UserError, "kept once the member left"):
            planned.write({"member_id": self.member_a2.id})

    def test_case_takes_an_education_branch_of_its_company_only(self):
        case = self.case_a1.with_user(self.user_secretary_a)
        before = self._row(case)
        for branch in (self.branch_b, self.branch2):
            with self.assertRaisesRegex(
                UserError, "not a party-spirit education branch"
            ):
                case.write({"education_branch_id": branch.id})
            self.assertEqual(self._row(case), before)
        case.write({"education_branch_id": self.education.id})
        self.assertEqual(case.education_branch_id, self.education)
        with self.assertRaisesRegex(UserError, "not a party-spirit education branch"):
            self.env["party.laggard.case"].with_user(self.user_secretary_a).create(
                {
                    "member_id": self.member_a2.id,
                    "open_date": date(2025, 4, 1),
                    "education_branch_id": self.branch_b.id,
                }
            )

    def test_members_move_inside_their_company_only(self):
        # the branch is no fixed key: a member moves through a dated transfer
        member = self.member_a1.with_user(self.user_secretary_a)
        member.write({"branch_id": self.group_a.id})
        self.assertEqual(member.transfer_ids.to_branch_id, self.group_a)
        before = self._row(member)
        with self.assertRaises(AccessError):
            member.write({"branch_id": self.branch_b.id})
        self.assertEqual(self._row(member), before)
        self.assertEqual(len(member.transfer_ids), 1)
        # into another company: not even the committee of both
        other = self.member_b1.with_user(self.user_manager)
        before = self._row(other)
        for move in (
            lambda: other.write({"branch_id": self.branch2.id}),
            lambda: other._transfer_to(self.branch2, date(2025, 6, 1), "调往恒远。"),
        ):
            with self.assertRaisesRegex(UserError, "organisation of another company"):
                move()
            self.assertEqual(self._row(other), before)
        self.assertFalse(other.transfer_ids)

    def test_writing_the_value_a_key_has_is_no_change(self):
        # an import or a form sending the key again is not refused
        self.attendance.with_user(self.user_recorder_a).write(
            {"meeting_id": self.meeting.id, "member_id": self.member_a1.id}
        )
        self.exemption.with_user(self.user_secretary_a).write(
            {"member_id": self.member_a1.id, "description": "住院"}
        )
        self.assertEqual(self.exemption.description, "住院")

    # ------------------------------------------------------------------
    # Over XML-RPC, in Chinese
    # ------------------------------------------------------------------

    def test_keys_are_refused_over_xmlrpc(self):
        fault = self._rpc_refused(
            self.user_member, self.line_own, {"member_id": self.member_b1.id}
        )
        self.assertIn("only for the members of the organisations you serve", fault)
        self._rpc_refused(
            self.user_recorder_a, self.line_a1, {"member_id": self.member_b1.id}
        )
        for user, record, vals, password in (
            (
                self.user_secretary_a,
                self.case_a1,
                {"member_id": self.member_b1.id},
                None,
            ),
            (
                self.user_secretary_a,
                self.exemption,
                {"member_id": self.member_b1.id},
                None,
            ),
            (
                self.user_recorder_a,
                self.attendance,
                {"meeting_id": self.meeting_b.id},
                None,
            ),
            (self.user_recorder_a, self.meeting, {"branch_id": self.branch_b.id}, None),
            (self.admin, self.publication, {"branch_id": self.branch_b.id}, "admin"),
            (self.admin, self.branch_a, {"company_id": self.company2.id}, "admin"),
        ):
            with self.subTest(model=record._name, user=user.login):
                fault = self._rpc_refused(user, record, vals, password)
                self.assertIn(FIXED, fault)
        # the legitimate correction goes through RPC too
        self._rpc(
            self.user_recorder_a,
            "party.score.line",
            "write",
            [self.line_a1.ids, {"member_id": self.member_a2.id}],
        )
        self.assertEqual(self._row(self.line_a1)["member_id"], self.member_a2.id)

    def test_the_refusal_is_said_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        with self.assertRaises(UserError) as caught:
            self.case_a1.with_user(self.user_secretary_a).with_context(
                lang="zh_CN"
            ).write({"member_id": self.member_b1.id})
        message = str(caught.exception)
        self.assertIn("创建时即已确定", message)
        self.assertIn("后进党员", message)

    def test_a_members_contact_is_changed_by_the_committee_only(self):
        # the contact says whose member record it is (own rules, portal,
        # declarations): a secretary cannot hand 吴一's points to 陈党员
        member = self.member_a1
        before = member.partner_id
        for user in (self.user_secretary_a, self.user_general, self.user_recorder_a):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError) as caught:
                    member.with_user(user).write(
                        {"partner_id": self.user_member.partner_id.id}
                    )
                self.assertIn("only the Party working committee", str(caught.exception))
                member.invalidate_recordset()
                self.assertEqual(member.partner_id, before)
        with self.assertRaises(xmlrpc.client.Fault), mute_logger("odoo.http"):
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                self.user_secretary_a.id,
                self.user_secretary_a.login,
                "party.member",
                "write",
                [member.ids, {"partner_id": self.user_member.partner_id.id}],
            )
        member.invalidate_recordset()
        self.assertEqual(member.partner_id, before)
        # rewriting the same contact is no change; the committee corrects it
        member.with_user(self.user_secretary_a).write({"partner_id": before.id})
        other = self.env["res.partner"].create({"name": "吴一（更正）"})
        member.with_user(self.user_manager).write({"partner_id": other.id})
        self.assertEqual(member.partner_id, other)
