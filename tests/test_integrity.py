# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 11, item 2: published and closed data cannot change through any
path (R-SCORE-4, R-SCORE-8, R-ORG-3, R-MEM-5, 附件2).

One world is built once: a closed year (2024: lines, a closed meeting, four
published quarters, frozen cards), an open year (2025: a published first
quarter, then a draft, an approved and a refused line), history rows and a
signed laggard step. Every path is then tried as the Party working
committee and as the administrator (not the superuser), through the ORM and
through XML-RPC with the context keys a client might send: write, unlink,
import, mass edit, one2many commands of the parent forms, copy and a
recompute. After each try the rows are read again with SQL and must be as
they were."""

import json
import xmlrpc.client
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.party_points.models.party_workflow_mixin import party_today

from .common import PartyPointsCommon, declare, evidence_file, open_cycle
from .helpers import execute_kw

# What must never change, table by table: read with SQL, never from the cache.
WATCHED = {
    "party_score_line": "id, points, state, description, date, quarter, member_id, "
    "standard_id, branch_id, card_id, cycle_id, publication_id, approved_by_id, "
    "approved_date, refusal_reason, correction_of_id, meeting_id, attendance_id",
    "party_score_publication": "id, state, quarter, branch_id, cycle_id, "
    "approved_by_id, published_by_id, published_date",
    "party_score_publication_snapshot": "id, publication_id, member_id, score, "
    "quarter_points, rank, has_veto",
    "party_score_cycle": "id, state, year, base_score, laggard_threshold",
    "party_meeting": "id, state, name, date, branch_id, meeting_type",
    "party_meeting_attendance": "id, meeting_id, member_id, status",
    "party_member_transfer": "id, member_id, date, from_branch_id, to_branch_id, "
    "reason",
    "party_member_change": "id, member_id, date, field, old_value, new_value, reason",
    "party_laggard_step": "id, case_id, step, decision, date, user_id, opinion",
    "party_score_grade": "id, name, min_score, active",
    "party_score_standard": "id, code, points_min, points_max, active",
    "party_member": "id, name, branch_id, member_type, status, active",
    "party_branch": "id, name, parent_id, active",
}
# the frozen results of a closed year (R-SCORE-4, R-USE-3/4/5)
CARD_COLUMNS = (
    "id, member_id, cycle_id, branch_id, member_type, total_score, "
    "addition_points, deduction_points, q1_points, q2_points, q3_points, "
    "q4_points, has_veto, is_exempt, final_rank, final_grade_id, "
    "flag_probation_cancel, flag_not_development_target, "
    "flag_transfer_deferred, is_outstanding_candidate"
)

# the keys a client might add to its context hoping to unlock something
CLIENT_CONTEXTS = [
    {"install_mode": True},
    {"tracking_disable": True},
    {"force_write": True},
    {"active_test": False},
    {"import_file": True},
    {"skip_guard": True},
    {
        "install_mode": True,
        "tracking_disable": True,
        "mail_notrack": True,
        "force_write": True,
        "active_test": False,
        "import_file": True,
        "skip_guard": True,
        "module": "party_points",
        "noupdate": False,
    },
]


@tagged("post_install", "-at_install")
class TestIntegrity(PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        env = cls.env
        cls.Line = env["party.score.line"]
        cls.Publication = env["party.score.publication"]
        cls.admin = env.ref("base.user_admin")
        cls.closed = open_cycle(env, 2024)
        cls.cycle = open_cycle(env, 2025)
        env.cr.precommit.run()
        recorder, manager = cls.user_recorder_a, cls.user_manager

        # 2024, 第一党支部: a deduction, an approved addition, a closed
        # meeting with an absence, four published quarters; then the close
        cls.l24_deduction = cls._new_line(cls.member_a1, "k07", -3, date(2024, 2, 10))
        cls.l24_deduction.with_user(recorder).action_register()
        cls.l24_addition = cls._new_line(
            cls.member_self,
            "j04",
            5,
            date(2024, 5, 10),
            attachment_ids=evidence_file(),
        )
        declare(cls.l24_addition)
        cls.l24_addition.with_user(recorder).action_verify()
        cls.l24_addition.with_user(manager).action_approve()
        cls.meeting = (
            env["party.meeting"]
            .with_user(recorder)
            .create(
                {
                    "name": "七一主题党日",
                    "meeting_type": "theme_day",
                    "branch_id": cls.branch_a.id,
                    "date": date(2024, 7, 1),
                }
            )
        )
        cls.meeting.action_load_members()
        cls.meeting.attendance_ids.filtered(
            lambda a: a.member_id == cls.member_a2
        ).status = "absent"
        env.cr.precommit.run()
        cls.meeting.action_close()
        cls.publications_2024 = cls.Publication.browse()
        for quarter in "1234":
            cls.publications_2024 |= cls._publish(
                cls.branch_a, cls.closed, quarter, cls.user_secretary_a
            )
        cls.closed.with_user(manager).action_close()
        env.cr.precommit.run()
        cls.closed_cards = env["party.score.card"].search(
            [("cycle_id", "=", cls.closed.id)]
        )

        # 2025, 第二党支部: Q1 published; Q2 a draft, an approved and a
        # refused line
        cls.l25_published = cls._new_line(
            cls.member_b1, "k07", -3, date(2025, 2, 10), user=manager
        )
        cls.l25_published.with_user(manager).action_register()
        cls.pub_q1 = cls._publish(cls.branch_b, cls.cycle, "1", manager)
        cls.l25_draft = cls._new_line(
            cls.member_b1, "k07", -2, date(2025, 5, 5), user=manager
        )
        cls.l25_approved = cls._new_line(
            cls.member_b1, "k07", -4, date(2025, 5, 6), user=manager
        )
        cls.l25_approved.with_user(manager).action_register()
        cls.l25_refused = cls._new_line(
            cls.member_b1,
            "j01",
            2,
            date(2025, 5, 7),
            user=manager,
            attachment_ids=evidence_file(),
        )
        env.cr.precommit.run()
        cls.l25_refused.action_submit()
        env.cr.precommit.run()
        cls.l25_refused.with_user(manager).action_refuse("证明材料不实")

        # history (R-ORG-3, R-MEM-5) and a signed laggard step (附件2)
        today = party_today(env.user)
        cls.member_a1._transfer_to(cls.group_a, today, "调整党小组")
        cls.member_a2._record_party_post("宣传委员", today, "支委会选举")
        cls.transfer = cls.member_a1.transfer_ids
        cls.change = cls.member_a2.change_ids
        education = cls.Branch.create(
            {
                "name": "党性教育党支部",
                "kind": "branch",
                "branch_type": "education",
                "code": "T-E",
                "parent_id": cls.committee.id,
            }
        )
        cls.case = (
            env["party.laggard.case"]
            .with_user(manager)
            .create(
                {
                    "member_id": cls.member_b1.id,
                    "open_date": date(2025, 6, 1),
                    "education_branch_id": education.id,
                    "shortcomings": "无故不参加组织生活。",
                }
            )
        )
        cls.case.with_user(manager).action_announce(
            date(2025, 6, 2), "在支部党员大会上通报积分。"
        )
        cls.step = cls.case.step_ids
        env.flush_all()

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    @classmethod
    def _new_line(cls, member, code, points, day, user=None, **vals):
        return cls.Line.with_user(user or cls.user_recorder_a).create(
            {
                "member_id": member.id,
                "standard_id": cls.env.ref(f"party_points.standard_{code}").id,
                "points": points,
                "date": day,
                # a declaration says what was done
                **({"description": "志愿服务"} if points > 0 else {}),
                **vals,
            }
        )

    @classmethod
    def _publish(cls, branch, cycle, quarter, user):
        # each step is its own request: the chatter posts at its commit
        publication = cls.Publication.with_user(user).create(
            {"branch_id": branch.id, "cycle_id": cycle.id, "quarter": quarter}
        )
        cls.env.cr.precommit.run()
        publication.action_approve()
        cls.env.cr.precommit.run()
        publication.action_publish()
        cls.env.cr.precommit.run()
        return publication

    def _state(self):
        """Every watched row as the database holds it."""
        self.env.flush_all()
        self.env.invalidate_all()
        state = {}
        cr = self.env.cr
        for table, columns in WATCHED.items():
            cr.execute(f"SELECT {columns} FROM {table} ORDER BY id")
            state[table] = cr.fetchall()
        cr.execute(
            f"SELECT {CARD_COLUMNS} FROM party_score_card "
            "WHERE cycle_id = %s ORDER BY id",
            [self.closed.id],
        )
        state["closed cards"] = cr.fetchall()
        return state

    def assertUnchanged(self, before, label=""):
        after = self._state()
        for key, rows in before.items():
            self.assertEqual(after[key], rows, f"{label}: {key} changed")

    def _refused(self, func, label=""):
        """``func`` raises a clear error (never a database error) and the
        database is as it was."""
        before = self._state()
        with self.assertRaises(UserError, msg=label) as caught:
            func()
        self.assertUnchanged(before, label)
        return str(caught.exception)

    def _rpc(self, user, model, method, args, kwargs=None, password=None):
        return execute_kw(self, user, model, method, args, kwargs, password)

    def _jsonrpc(self, user, model, method, args, kwargs=None):
        """For the actions that answer None, which XML-RPC cannot carry."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    user.id,
                    user.login,
                    model,
                    method,
                    args,
                    kwargs or {},
                ],
            },
        }
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        ).json()
        self.assertNotIn("error", response, response.get("error"))
        return response.get("result")

    def _frozen_operations(self):
        """(label, model, ids, method, args): each must be refused."""
        step = self.step
        grade = self.closed_cards[:1].final_grade_id
        other_grade = self.env["party.score.grade"].search(
            [("company_id", "=", self.company.id), ("id", "!=", grade.id)], limit=1
        )
        card = self.closed_cards[:1]
        attendance = self.meeting.attendance_ids[:1]
        snapshot = self.pub_q1.snapshot_ids[:1]
        rows = [
            # R-SCORE-8: a published line, and decided lines, never change
            ("published line: points", self.l25_published, "write", {"points": -5}),
            (
                "published line: text",
                self.l25_published,
                "write",
                {"description": "改"},
            ),
            (
                "published line: date",
                self.l25_published,
                "write",
                {"date": "2025-04-01"},
            ),
            (
                "published line: member",
                self.l25_published,
                "write",
                {"member_id": self.member_b1.id},
            ),
            ("published line: delete", self.l25_published, "unlink", None),
            ("closed-year line: points", self.l24_deduction, "write", {"points": -2}),
            ("closed-year line: delete", self.l24_addition, "unlink", None),
            ("approved line: points", self.l25_approved, "write", {"points": -5}),
            ("approved line: text", self.l25_approved, "write", {"description": "改"}),
            ("approved line: delete", self.l25_approved, "unlink", None),
            ("approved line: reset", self.l25_approved, "write", {"state": "draft"}),
            ("refused line: points", self.l25_refused, "write", {"points": 3}),
            ("refused line: approve", self.l25_refused, "write", {"state": "approved"}),
            ("refused line: delete", self.l25_refused, "unlink", None),
            (
                "draft line: publish",
                self.l25_draft,
                "write",
                {"publication_id": self.pub_q1.id},
            ),
            ("draft line: approve", self.l25_draft, "write", {"state": "approved"}),
            # the publication and its snapshot
            ("publication: quarter", self.pub_q1, "write", {"quarter": "2"}),
            ("publication: state", self.pub_q1, "write", {"state": "draft"}),
            ("publication: delete", self.pub_q1, "unlink", None),
            ("snapshot: score", snapshot, "write", {"score": 99}),
            ("snapshot: rank", snapshot, "write", {"rank": 1}),
            ("snapshot: delete", snapshot, "unlink", None),
            # R-SCORE-4: the closed year, its cards and frozen results
            ("closed card: total", card, "write", {"total_score": 100}),
            ("closed card: rank", card, "write", {"final_rank": 9}),
            ("closed card: grade", card, "write", {"final_grade_id": other_grade.id}),
            ("closed card: flag", card, "write", {"flag_probation_cancel": True}),
            ("closed card: delete", card, "unlink", None),
            ("closed cycle: base", self.closed, "write", {"base_score": 60}),
            ("closed cycle: reopen", self.closed, "write", {"state": "open"}),
            ("closed cycle: delete", self.closed, "unlink", None),
            # a closed meeting and its attendance
            ("closed meeting: date", self.meeting, "write", {"date": "2024-07-02"}),
            ("closed meeting: topic", self.meeting, "write", {"name": "改"}),
            (
                "closed meeting: branch",
                self.meeting,
                "write",
                {"branch_id": self.branch_b.id},
            ),
            ("closed meeting: reopen", self.meeting, "write", {"state": "draft"}),
            ("closed meeting: delete", self.meeting, "unlink", None),
            ("attendance: status", attendance, "write", {"status": "leave"}),
            ("attendance: delete", attendance, "unlink", None),
            # R-ORG-3, R-MEM-5: history rows; 附件2: a signed step
            ("transfer: date", self.transfer, "write", {"date": "2020-01-01"}),
            ("transfer: delete", self.transfer, "unlink", None),
            ("change: value", self.change, "write", {"new_value": "书记"}),
            ("change: delete", self.change, "unlink", None),
            ("laggard step: opinion", step, "write", {"opinion": "改"}),
            ("laggard step: delete", step, "unlink", None),
        ]
        return [
            (label, records._name, records.ids, method, [vals] if vals else [])
            for label, records, method, vals in rows
        ]

    # ------------------------------------------------------------------
    # ORM and RPC
    # ------------------------------------------------------------------

    def test_world_is_built_as_expected(self):
        # the premises of every other test of this file
        self.assertEqual(self.closed.state, "closed")
        self.assertEqual(set(self.publications_2024.mapped("state")), {"published"})
        self.assertEqual(self.pub_q1.state, "published")
        self.assertEqual(self.pub_q1.line_ids, self.l25_published)
        self.assertEqual(
            [
                line.state
                for line in (self.l25_draft, self.l25_approved, self.l25_refused)
            ],
            ["draft", "approved", "refused"],
        )
        self.assertEqual(self.meeting.state, "closed")
        self.assertEqual(len(self.meeting.line_ids), 1)
        self.assertTrue(self.closed_cards.final_grade_id)
        self.assertEqual(sorted(self.closed_cards.mapped("total_score")), [75, 77, 85])
        self.assertEqual(len(self.step), 1)
        self.assertEqual(len(self.transfer), 1)
        self.assertEqual(len(self.change), 1)

    def test_orm_write_and_unlink_of_frozen_records_are_refused(self):
        # as the strongest business role and as the administrator (not the
        # superuser); the guards of lines, steps and history hold under sudo too
        for user in (self.user_manager, self.admin):
            for label, model, ids, method, args in self._frozen_operations():
                records = self.env[model].with_user(user).browse(ids)
                with self.subTest(user=user.login, case=label):
                    self._refused(
                        lambda r=records, m=method, a=args: getattr(r, m)(*a), label
                    )
        sudo_rows = [
            (self.l25_published, "write", [{"points": -5}]),
            (self.l25_published, "unlink", []),
            (self.l25_approved, "write", [{"points": -5}]),
            (self.pub_q1, "write", [{"quarter": "2"}]),
            (self.pub_q1, "unlink", []),
            (self.pub_q1.snapshot_ids[:1], "write", [{"score": 99}]),
            (self.pub_q1.snapshot_ids[:1], "unlink", []),
            (self.closed, "write", [{"base_score": 60}]),
            (self.meeting, "write", [{"date": "2024-07-02"}]),
            (self.meeting, "unlink", []),
            (self.meeting.attendance_ids[:1], "unlink", []),
            (self.transfer, "unlink", []),
            (self.step, "write", [{"opinion": "改"}]),
            (self.step, "unlink", []),
        ]
        for records, method, args in sudo_rows:
            call = getattr(records.sudo(), method)
            with self.subTest(sudo=f"{records._name} {method}"):
                self._refused(lambda c=call, a=args: c(*a))

    def test_rpc_with_client_context_keys_changes_nothing(self):
        # a client controls the whole context: no key unlocks anything.
        # Both users do log in (a refused login would be a fault too)
        for user, password in ((self.user_manager, None), (self.admin, "admin")):
            self.assertEqual(
                self._rpc(
                    user,
                    "party.score.line",
                    "read",
                    [self.l25_published.ids, ["state"]],
                    password=password,
                )[0]["state"],
                "approved",
            )
        before = self._state()
        for label, model, ids, method, args in self._frozen_operations():
            for context in CLIENT_CONTEXTS:
                with (
                    self.subTest(case=label, context=context),
                    self.assertRaises(xmlrpc.client.Fault) as caught,
                    mute_logger("odoo.http"),
                ):
                    self._rpc(
                        self.user_manager,
                        model,
                        method,
                        [ids, *args],
                        {"context": context},
                    )
                self.assertNotIn("psycopg2", caught.exception.faultString)
        # the administrator, over RPC, with every key at once
        for label, model, ids, method, args in self._frozen_operations():
            with (
                self.subTest(admin=label),
                self.assertRaises(xmlrpc.client.Fault),
                mute_logger("odoo.http"),
            ):
                self._rpc(
                    self.admin,
                    model,
                    method,
                    [ids, *args],
                    {"context": CLIENT_CONTEXTS[-1]},
                    password="admin",
                )
        self.assertUnchanged(before, "rpc")

    def test_mass_edit_mixing_draft_and_decided_lines_changes_none(self):
        # a list's mass edit writes one recordset: all refused, none changed
        for user in (self.user_manager, self.admin):
            for decided in (self.l25_published, self.l25_approved, self.l25_refused):
                mixed = (self.l25_draft | decided).with_user(user)
                with self.subTest(user=user.login, decided=decided.state):
                    self._refused(lambda m=mixed: m.write({"description": "批量修改"}))
                    self._refused(lambda m=mixed: m.write({"date": "2025-05-20"}))
                    self._refused(mixed.unlink)
        before = self._state()
        for decided in (self.l25_published, self.l25_approved):
            with (
                self.subTest(rpc=decided.state),
                self.assertRaises(xmlrpc.client.Fault),
                mute_logger("odoo.http"),
            ):
                self._rpc(
                    self.user_manager,
                    "party.score.line",
                    "write",
                    [(self.l25_draft | decided).ids, {"points": -5}],
                    {"context": CLIENT_CONTEXTS[-1]},
                )
        self.assertUnchanged(before, "rpc mass edit")
        self.assertEqual(self.l25_draft.points, -2)

    def test_one2many_commands_from_parent_forms_change_nothing(self):
        published, approved = self.l25_published, self.l25_approved
        meeting_line = self.meeting.line_ids[:1]
        attendance = self.meeting.attendance_ids[:1]
        draft_publication = self.Publication.with_user(self.user_manager).create(
            {"branch_id": self.branch_b.id, "cycle_id": self.cycle.id, "quarter": "3"}
        )
        rows = [
            # parent, one2many field, commands
            (
                self.member_a1,
                "transfer_ids",
                [
                    Command.create(
                        {
                            "date": "2025-01-01",
                            "reason": "伪造",
                            "to_branch_id": self.branch_b.id,
                        }
                    )
                ],
            ),
            (
                self.member_a1,
                "transfer_ids",
                [Command.update(self.transfer.id, {"reason": "改"})],
            ),
            (self.member_a1, "transfer_ids", [Command.delete(self.transfer.id)]),
            (self.member_a1, "transfer_ids", [Command.unlink(self.transfer.id)]),
            (self.member_a1, "transfer_ids", [Command.clear()]),
            (self.member_a1, "transfer_ids", [Command.set([])]),
            (
                self.member_a2,
                "change_ids",
                [Command.update(self.change.id, {"new_value": "书记"})],
            ),
            (self.member_a2, "change_ids", [Command.clear()]),
            (self.member_a2, "change_ids", [Command.set([])]),
            (
                self.closed,
                "card_ids",
                [Command.update(self.closed_cards[0].id, {"final_rank": 9})],
            ),
            (self.closed, "card_ids", [Command.delete(self.closed_cards[0].id)]),
            (self.closed, "card_ids", [Command.clear()]),
            (self.closed, "card_ids", [Command.set([])]),
            (
                self.meeting,
                "attendance_ids",
                [Command.create({"member_id": self.member_b1.id, "status": "present"})],
            ),
            (
                self.meeting,
                "attendance_ids",
                [Command.update(attendance.id, {"status": "absent"})],
            ),
            (self.meeting, "attendance_ids", [Command.delete(attendance.id)]),
            (self.meeting, "attendance_ids", [Command.unlink(attendance.id)]),
            (self.meeting, "attendance_ids", [Command.clear()]),
            (self.meeting, "attendance_ids", [Command.set([])]),
            (
                self.meeting,
                "line_ids",
                [Command.update(meeting_line.id, {"points": -2})],
            ),
            (self.meeting, "line_ids", [Command.delete(meeting_line.id)]),
            (self.meeting, "line_ids", [Command.unlink(meeting_line.id)]),
            (self.meeting, "line_ids", [Command.clear()]),
            (self.pub_q1, "line_ids", [Command.update(published.id, {"points": -5})]),
            (self.pub_q1, "line_ids", [Command.delete(published.id)]),
            (self.pub_q1, "line_ids", [Command.unlink(published.id)]),
            (self.pub_q1, "line_ids", [Command.clear()]),
            (self.pub_q1, "line_ids", [Command.set([approved.id])]),
            (
                self.pub_q1,
                "snapshot_ids",
                [Command.update(self.pub_q1.snapshot_ids[0].id, {"score": 99})],
            ),
            (
                self.pub_q1,
                "snapshot_ids",
                [Command.delete(self.pub_q1.snapshot_ids[0].id)],
            ),
            (
                self.pub_q1,
                "snapshot_ids",
                [Command.create({"member_id": self.member_b1.id, "score": 99})],
            ),
            (self.pub_q1, "snapshot_ids", [Command.clear()]),
            (draft_publication, "line_ids", [Command.link(published.id)]),
            (draft_publication, "line_ids", [Command.link(approved.id)]),
            (draft_publication, "line_ids", [Command.set([published.id])]),
            (
                draft_publication,
                "snapshot_ids",
                [Command.create({"member_id": self.member_b1.id, "score": 99})],
            ),
            (self.case, "step_ids", [Command.update(self.step.id, {"opinion": "改"})]),
            (self.case, "step_ids", [Command.delete(self.step.id)]),
            (self.case, "step_ids", [Command.clear()]),
            (
                self.case,
                "step_ids",
                [
                    Command.create(
                        {
                            "step": "determine",
                            "date": "2025-06-03",
                            "opinion": "伪造",
                            "user_id": self.user_manager.id,
                        }
                    )
                ],
            ),
        ]
        for parent, fname, commands in rows:
            label = f"{parent._name} {fname} {commands[0][0]}"
            write = parent.with_user(self.user_manager).write
            with self.subTest(parent=label):
                self._refused(lambda w=write, v={fname: commands}: w(v), label)
        # the card form, even written as the superuser: the lines' own guards
        card = self.l25_published.card_id.sudo()
        for commands in (
            [Command.update(published.id, {"points": -5})],
            [Command.update(approved.id, {"points": -5})],
            [Command.delete(published.id)],
            [Command.delete(approved.id)],
            [Command.unlink(published.id)],
            [Command.clear()],
            [Command.set([])],
        ):
            with self.subTest(card=commands[0][0]):
                self._refused(lambda c=commands: card.write({"line_ids": c}))

    def test_copy_never_carries_the_workflow(self):
        manager = self.user_manager
        # R-SCORE-8: a copy of a published line would land in the closed quarter
        self._refused(self.l25_published.with_user(manager).copy)
        self._refused(self.l24_deduction.with_user(manager).copy)
        # an approved line copies into a new draft: no decision travels with it
        copy = self.l25_approved.with_user(manager).copy()
        self.assertEqual(
            (copy.state, copy.points, copy.approved_by_id, copy.approved_date),
            ("draft", -4, self.env["res.users"], False),
        )
        self.assertFalse(copy.publication_id or copy.correction_of_id)
        # a publication copies into a draft of another quarter, empty
        publication = self.pub_q1.with_user(manager).copy({"quarter": "4"})
        self.assertEqual(
            (
                publication.state,
                publication.published_by_id,
                publication.approved_by_id,
            ),
            ("draft", self.env["res.users"], self.env["res.users"]),
        )
        self.assertFalse(publication.line_ids or publication.snapshot_ids)
        self.assertFalse(publication.published_date or publication.approved_date)
        # a closed meeting copies into a planned one, without attendance or lines
        meeting = self.meeting.with_user(manager).copy()
        self.assertEqual(meeting.state, "draft")
        self.assertFalse(meeting.attendance_ids or meeting.line_ids)
        # cards are the system's: nobody copies one, and no copy takes a
        # decision or a frozen result with it
        card = self.closed_cards[0]
        self._refused(card.with_user(manager).copy)
        self._refused(card.sudo().copy)
        for fname in (
            "state",
            "approved_by_id",
            "published_by_id",
            "published_date",
        ):
            self.assertNotIn(fname, self.pub_q1.copy_data()[0])
        Card = self.env["party.score.card"]
        for fname in (
            "final_rank",
            "final_grade_id",
            "probation_decision",
            "probation_decision_date",
            "probation_decision_user_id",
        ):
            self.assertFalse(Card._fields[fname].copy, fname)
        copied = self.l25_approved.copy_data()[0]
        for fname in self.Line._workflow_fields:
            self.assertNotIn(fname, copied)

    def test_recompute_keeps_snapshots_and_closed_totals(self):
        before = self._state()
        Card = self.env["party.score.card"]
        # forcing the computes of the closed cards and of the published lines
        cards = self.closed_cards
        for field in Card._fields.values():
            if field.compute and field.store:
                self.env.add_to_compute(field, cards)
        cards._recompute_recordset()
        lines = self.pub_q1.line_ids | self.l24_deduction | self.l24_addition
        for fname in ("quarter", "month", "sign", "category", "is_veto", "company_id"):
            self.env.add_to_compute(self.Line._fields[fname], lines)
        self.env.flush_all()
        self.assertUnchanged(before, "forced recompute")
        # changing what they depend on: the standard's points, the member's
        # branch and type, an exemption, the grade bands, a new approved line
        k07 = self.env.ref("party_points.standard_k07")
        k07.with_user(self.user_manager).write({"points_min": 1, "points_max": 6})
        self.member_self._transfer_to(
            self.branch_b, party_today(self.env.user), "工作调动"
        )
        # an exemption cannot reach back into the closed year: refused, and
        # one of the open year changes nothing there either
        exemption = self.env["party.member.exemption"].create(
            {
                "member_id": self.member_a1.id,
                "date_from": date(2024, 1, 1),
                "date_to": date(2025, 12, 31),
                "reason_type": "long_sick",
            }
        )
        with self.assertRaisesRegex(UserError, "is closed"):
            exemption.action_submit()
        self.assertEqual(exemption.state, "draft")
        exemption.date_from = date(2025, 1, 1)
        exemption.action_submit()
        exemption.with_user(self.user_manager).action_approve()
        grade = cards[0].final_grade_id
        grade.with_user(self.user_manager).min_score = grade.min_score + 50
        line = self._new_line(
            self.member_b1, "k07", -6, date(2025, 6, 10), user=self.user_manager
        )
        line.with_user(self.user_manager).action_register()
        after = self._state()
        self.assertEqual(after["closed cards"], before["closed cards"])
        self.assertEqual(
            after["party_score_publication_snapshot"],
            before["party_score_publication_snapshot"],
        )
        published = [
            row
            for row in after["party_score_line"]
            if row[0] in (lines | self.meeting.line_ids).ids
        ]
        self.assertEqual(
            published,
            [
                row
                for row in before["party_score_line"]
                if row[0] in (lines | self.meeting.line_ids).ids
            ],
        )
        # while the open card follows its lines
        self.assertEqual(line.card_id.total_score, 80 - 3 - 4 - 6)

    # ------------------------------------------------------------------
    # Deleting what the ledger rests on
    # ------------------------------------------------------------------

    def test_deleting_what_lines_rest_on_is_refused(self):
        manager = self.user_manager
        # a member with lines, even one without history
        message = self._refused(self.member_b1.with_user(manager).unlink)
        self.assertIn("冯三", message)
        self._refused(self.member_b1.sudo().unlink)
        # a standard item with lines (archived instead)
        k07 = self.env.ref("party_points.standard_k07")
        self._refused(k07.with_user(manager).unlink)
        message = self._refused(k07.sudo().unlink)
        self.assertIn("Archive it instead", message)
        # a branch with members and lines
        self._refused(self.branch_b.with_user(manager).unlink)
        # a branch whose members left but whose lines stay: the lines keep
        # their scoring branch (R-SCORE-9), so the branch stays too
        old = self.Branch.create(
            {
                "name": "撤并党支部",
                "kind": "branch",
                "branch_type": "enterprise",
                "code": "T-G-9",
                "parent_id": self.general.id,
            }
        )
        leaver = self.Member.create({"name": "转出者", "branch_id": old.id})
        line = self._new_line(leaver, "k07", -2, date(2025, 3, 3), user=manager)
        line.with_user(manager).action_register()
        leaver._transfer_to(self.branch_b, party_today(self.env.user), "支部撤并")
        message = self._refused(old.with_user(manager).unlink)
        self.assertIn("撤并党支部", message)
        self.assertEqual(line.branch_id, old)
        # a cycle with cards; a closed cycle
        self._refused(self.cycle.with_user(manager).unlink)
        message = self._refused(self.cycle.sudo().unlink)
        self.assertIn("2025", message)
        self._refused(self.closed.sudo().unlink)
        # a grade band a closed year was graded with (R-USE-5)
        grade = self.closed_cards[0].final_grade_id
        message = self._refused(grade.with_user(manager).unlink)
        self.assertIn(grade.name, message)
        # an unused band still goes
        unused = self.env["party.score.grade"].create(
            {"name": "待定", "min_score": 1000, "company_id": self.company.id}
        )
        unused.with_user(manager).unlink()
        self.assertFalse(unused.exists())

    # ------------------------------------------------------------------
    # The chatter: who and when (R-SCORE-7, R-SCORE-8)
    # ------------------------------------------------------------------

    def _tracked(self, record, fname):
        self.env.cr.precommit.run()
        return (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", record._name),
                    ("mail_message_id.res_id", "=", record.id),
                    ("field_id.name", "=", fname),
                ],
                order="id",
            )
        )

    def _assert_tracked(self, record, fname, values, user):
        tracked = self._tracked(record, fname)
        field = record._fields[fname]
        if field.type == "selection":
            got = [(t.old_value_char, t.new_value_char) for t in tracked]
            labels = dict(field._description_selection(self.env))
            values = [(labels.get(old, ""), labels[new]) for old, new in values]
        else:
            got = [(t.old_value_integer, t.new_value_integer) for t in tracked]
        self.assertEqual(got, values, f"{record._name} {fname}")
        for tracking in tracked:
            message = tracking.mail_message_id
            self.assertEqual(message.author_id, user.partner_id)
            self.assertTrue(message.date)
            self.assertEqual(tracking.create_uid, user)

    def test_state_and_points_changes_are_tracked_with_who_and_when(self):
        manager = self.user_manager
        self.env.cr.precommit.run()
        # a line: declared, verified, approved, each by its role
        line = self._new_line(
            self.member_self,
            "j04",
            5,
            date(2025, 7, 1),
            attachment_ids=evidence_file(),
        )
        # each step is its own request: the chatter posts at its commit
        self.env.cr.precommit.run()
        line.with_user(self.user_recorder_a).points = 6
        self.env.cr.precommit.run()
        line.with_user(self.user_member).action_submit()
        self.env.cr.precommit.run()
        line.with_user(self.user_recorder_a).action_verify()
        self.env.cr.precommit.run()
        line.with_user(manager).action_approve()
        tracked = self._tracked(line, "state")
        self.assertEqual(
            [(t.old_value_char, t.new_value_char, t.create_uid) for t in tracked],
            [
                ("Draft", "Declared", self.user_member),
                ("Declared", "Verified by the Branch", self.user_recorder_a),
                ("Verified by the Branch", "Approved by the Committee", manager),
            ],
        )
        self.assertEqual(
            [t.mail_message_id.author_id for t in tracked],
            [u.partner_id for u in (self.user_member, self.user_recorder_a, manager)],
        )
        self.assertTrue(all(t.mail_message_id.date for t in tracked))
        self._assert_tracked(line, "points", [(5, 6)], self.user_recorder_a)
        # a publication (R-SCORE-8), the close of a year (R-SCORE-4), a meeting
        self._assert_tracked(
            self.pub_q1,
            "state",
            [("draft", "approved"), ("approved", "published")],
            manager,
        )
        self._assert_tracked(self.closed, "state", [("open", "closed")], manager)
        self._assert_tracked(
            self.meeting, "state", [("draft", "closed")], self.user_recorder_a
        )
        # a refusal is tracked with its reason
        refused = self._tracked(self.l25_refused, "state")
        self.assertEqual(refused[-1].new_value_char, "Refused")
        self.assertEqual(refused[-1].create_uid, manager)
        self.assertTrue(self._tracked(self.l25_refused, "refusal_reason"))

    def test_a_client_cannot_switch_tracking_off(self):
        # the committee registers a deduction over RPC asking for no tracking:
        # the chatter still says who did it and when
        line = self._new_line(
            self.member_b1, "k07", -2, date(2025, 8, 1), user=self.user_manager
        )
        self.env.cr.precommit.run()
        self._jsonrpc(
            self.user_manager,
            "party.score.line",
            "action_register",
            [line.ids],
            {"context": CLIENT_CONTEXTS[-1]},
        )
        line.invalidate_recordset()
        self.assertEqual(line.state, "approved")
        self._assert_tracked(line, "state", [("draft", "approved")], self.user_manager)

    # ------------------------------------------------------------------
    # Corrections (R-SCORE-8)
    # ------------------------------------------------------------------

    def test_a_correction_always_links_to_the_corrected_line(self):
        manager = self.user_manager
        Wizard = self.env["party.score.line.correction.wizard"].with_user(manager)
        action = Wizard.create(
            {
                "line_id": self.l25_published.id,
                "date": date(2025, 7, 2),
                "reason": "经核实为公假",
            }
        ).action_correct()
        correction = self.Line.browse(action["res_id"])
        self.assertEqual(
            (
                correction.correction_of_id,
                correction.member_id,
                correction.points,
                correction.state,
                correction.correction_reason,
                correction.quarter,
            ),
            (self.l25_published, self.member_b1, 3, "approved", "经核实为公假", "3"),
        )
        self.assertEqual(self.l25_published.correction_ids, correction)
        # no reason, a blank reason: refused
        for reason in ("", "   \n"):
            with self.subTest(reason=repr(reason)):
                self._refused(
                    lambda r=reason: self.l25_approved.with_user(
                        manager
                    )._create_correction(r, date(2025, 7, 2))
                )
                self._refused(
                    lambda r=reason: Wizard.create(
                        {"line_id": self.l25_approved.id, "reason": r}
                    ).action_correct()
                )
        # only an approved line is corrected, once, and never a correction
        for line in (self.l25_draft, self.l25_refused, correction, self.l25_published):
            with self.subTest(line=line.state):
                self._refused(
                    lambda line=line: line.with_user(manager)._create_correction(
                        "更正", date(2025, 7, 3)
                    )
                )
        # a correction is never linked by hand: not to another member's line,
        # not afterwards, not over RPC
        other_member = {
            "member_id": self.member_a1.id,
            "standard_id": self.env.ref("party_points.standard_k07").id,
            "points": 3,
            "date": "2025-07-04",
            "correction_of_id": self.l25_approved.id,
            "correction_reason": "伪造",
        }
        self._refused(lambda: self.Line.with_user(manager).create(other_member))
        self._refused(
            lambda: self.l25_draft.with_user(manager).write(
                {"correction_of_id": self.l25_approved.id}
            )
        )
        before = self._state()
        for method, args in (
            ("create", [other_member]),
            ("write", [self.l25_draft.ids, {"correction_of_id": self.l24_addition.id}]),
        ):
            with self.assertRaises(xmlrpc.client.Fault), mute_logger("odoo.http"):
                self._rpc(
                    manager,
                    "party.score.line",
                    method,
                    args,
                    {"context": CLIENT_CONTEXTS[-1]},
                )
        self.assertUnchanged(before, "rpc correction")

    # ------------------------------------------------------------------
    # Import (base_import calls load())
    # ------------------------------------------------------------------

    def test_import_cannot_update_or_add_frozen_lines(self):
        manager = self.user_manager
        Line = self.Line.with_user(manager)
        xmlid = self.env["ir.model.data"].create(
            {
                "module": "__import__",
                "name": "published_line",
                "model": "party.score.line",
                "res_id": self.l25_published.id,
            }
        )
        self.assertTrue(xmlid)
        member, k07 = self.member_b1, self.env.ref("party_points.standard_k07")
        member_xmlid = self.env["ir.model.data"].create(
            {
                "module": "__import__",
                "name": "member_b1",
                "model": "party.member",
                "res_id": member.id,
            }
        )
        self.assertTrue(member_xmlid)
        imports = [
            (["id", "description"], [["__import__.published_line", "改"]]),
            (["id", "points"], [["__import__.published_line", "-5"]]),
            ([".id", "points"], [[str(self.l25_published.id), "-5"]]),
            ([".id", "description"], [[str(self.l25_approved.id), "改"]]),
            ([".id", "date"], [[str(self.l25_refused.id), "2025-06-01"]]),
            ([".id", "state"], [[str(self.l25_draft.id), "approved"]]),
            (
                [".id", "description"],
                [[str(self.l25_draft.id), "改"], [str(self.l25_published.id), "改"]],
            ),
            # new lines in a closed year, in a published quarter
            (
                ["member_id/id", "standard_id/.id", "points", "date"],
                [["__import__.member_b1", str(k07.id), "-2", "2024-06-01"]],
            ),
            (
                ["member_id/.id", "standard_id/.id", "points", "date"],
                [[str(member.id), str(k07.id), "-2", "2025-03-01"]],
            ),
            (
                ["member_id/.id", "standard_id/.id", "points", "date"],
                [[str(self.member_a1.id), str(k07.id), "-2", "2024-11-01"]],
            ),
        ]
        for import_fields, rows in imports:
            with self.subTest(fields=import_fields, rows=rows):
                before = self._state()
                result = Line.load(import_fields, rows)
                self.assertFalse(result["ids"])
                self.assertTrue(
                    [m for m in result["messages"] if m["type"] == "error"], result
                )
                self.assertUnchanged(before, f"load {import_fields}")
        # and over RPC, with the import's own context
        before = self._state()
        result = self._rpc(
            manager,
            "party.score.line",
            "load",
            [[".id", "points"], [[str(self.l25_published.id), "-5"]]],
            {"context": {"import_file": True, "tracking_disable": True}},
        )
        self.assertFalse(result["ids"])
        self.assertUnchanged(before, "rpc load")

    def test_refusals_are_clear_and_translated(self):
        # the refusals a user meets speak their language (zh_CN is installed
        # with the addon): never a database error
        manager = self.user_manager.with_context(lang="zh_CN")
        self.env["res.lang"]._activate_lang("zh_CN")
        line = self.l25_published.with_user(manager).with_context(lang="zh_CN")
        message = self._refused(lambda: line.write({"points": -5}))
        self.assertNotIn("published in", message)
        member = self.member_b1.with_user(manager).with_context(lang="zh_CN")
        message = self._refused(member.unlink)
        self.assertIn("冯三", message)
        self.assertFalse(AccessError.__name__ in message)
