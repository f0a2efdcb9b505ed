# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 8, defect (a): a client program sets the whole context of its
request, so no context key may unlock a state change, a workflow field or a
history row. Each guard is tried through XML-RPC, as the lowest role that can
write the model, with the context keys the addon once trusted."""

from datetime import date

from odoo.tests import Form, HttpCase, tagged

from odoo.addons.party_points.models.party_workflow_mixin import party_today

from .common import BypassRpcMixin, PartyPointsCase, PartyPointsCommon, open_cycle


@tagged("post_install", "-at_install")
class TestWorkflowGuardsRpc(BypassRpcMixin, PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.cycle = open_cycle(cls.env, 2025)
        cls.Line = cls.env["party.score.line"]

    def _card(self, member):
        return self.env["party.score.card"].search(
            [("member_id", "=", member.id), ("cycle_id", "=", self.cycle.id)]
        )

    def test_recorder_cannot_approve_a_line_over_rpc(self):
        # R-SCORE-5/7: an addition is verified by the branch and approved by
        # the committee; the recorder's draft stays a draft
        line_id = self._rpc(
            self.user_recorder_a,
            "party.score.line",
            "create",
            {
                "member_id": self.member_self.id,
                "standard_id": self.env.ref("party_points.standard_j03").id,
                "points": 2,
                "date": "2025-03-03",
            },
        )
        line = self.Line.browse(line_id)
        self.assertEqual(
            (line.state, self._card(self.member_self).total_score), ("draft", 80)
        )
        message = self._refused(
            self.user_recorder_a,
            "party.score.line",
            "write",
            [line_id],
            {"state": "approved"},
        )
        self.assertIn("cannot be set by hand", message)
        for vals in ({"approved_by_id": self.user_manager.id}, {"publication_id": 1}):
            self._refused(
                self.user_recorder_a, "party.score.line", "write", [line_id], vals
            )
        # a default of the context is ignored: the line starts as a draft
        other_id = self._rpc(
            self.user_recorder_a,
            "party.score.line",
            "create",
            {
                "member_id": self.member_self.id,
                "standard_id": self.env.ref("party_points.standard_j03").id,
                "points": 2,
                "date": "2025-03-04",
            },
            context={"default_state": "approved", "default_approved_by_id": 2},
        )
        other = self.Line.browse(other_id)
        self.assertEqual((other.state, other.approved_by_id.id), ("draft", False))
        # nor can a private workflow method be called
        message = self._refused(
            self.user_recorder_a,
            "party.score.line",
            "_write_workflow",
            [line_id],
            {"state": "approved"},
        )
        self.assertIn("cannot be called remotely", message)
        line.invalidate_recordset()
        self.assertEqual(line.state, "draft")
        self.assertFalse(line.approved_by_id)
        self.assertEqual(
            self.Line.search_count([("member_id", "=", self.member_self.id)]), 2
        )
        self.assertEqual(self._card(self.member_self).total_score, 80)

    def test_member_history_cannot_be_skipped_or_forged_over_rpc(self):
        # R-ORG-3 / R-MEM-5: the secretary may move a member inside the branch,
        # but the context never skips the dated row
        self._rpc(
            self.user_secretary_a,
            "party.member",
            "write",
            [self.member_a1.id],
            {"branch_id": self.group_a.id, "status": "rectification"},
        )
        self.member_a1.invalidate_recordset()
        self.assertEqual(
            [(t.from_branch_id, t.to_branch_id) for t in self.member_a1.transfer_ids],
            [(self.branch_a, self.group_a)],
        )
        self.assertEqual(
            [(c.field, c.old_value, c.new_value) for c in self.member_a1.change_ids],
            [("status", "normal", "rectification")],
        )
        # history rows are never written by a client, the committee included
        for model, vals in (
            (
                "party.member.transfer",
                {
                    "member_id": self.member_a2.id,
                    "date": "2025-01-01",
                    "to_branch_id": self.branch_b.id,
                    "reason": "伪造",
                },
            ),
            (
                "party.member.change",
                {
                    "member_id": self.member_a2.id,
                    "date": "2025-01-01",
                    "field": "status",
                    "new_value": "removed",
                    "reason": "伪造",
                },
            ),
        ):
            self._refused(self.user_manager, model, "create", vals)
        self._refused(
            self.user_manager,
            "party.member.transfer",
            "write",
            self.member_a1.transfer_ids.ids,
            {"date": "2020-01-01"},
        )
        self.assertFalse(self.member_a2.transfer_ids)
        self.assertFalse(self.member_a2.change_ids)
        self.assertEqual(self.member_a1.transfer_ids.date, party_today(self.env.user))

    def test_decided_exemption_cannot_change_over_rpc(self):
        # R-MEM-4: the committee decides; the branch cannot decide or reopen it
        Exemption = self.env["party.member.exemption"]
        submitted = Exemption.create(
            {
                "member_id": self.member_a2.id,
                "date_from": date(2025, 1, 1),
                "date_to": date(2025, 3, 31),
                "reason_type": "long_sick",
            }
        )
        submitted.action_submit()
        approved = Exemption.create(
            {
                "member_id": self.member_a1.id,
                "date_from": date(2025, 1, 1),
                "date_to": date(2025, 3, 31),
                "reason_type": "old_frail",
            }
        )
        approved.action_submit()
        approved.with_user(self.user_manager).action_approve()
        self._refused(
            self.user_secretary_a,
            "party.member.exemption",
            "write",
            submitted.ids,
            {"state": "approved", "approver_id": self.user_secretary_a.id},
        )
        self._refused(
            self.user_secretary_a,
            "party.member.exemption",
            "write",
            approved.ids,
            {"date_to": "2025-12-31"},
        )
        (submitted | approved).invalidate_recordset()
        self.assertEqual(
            [(e.state, e.date_to) for e in submitted | approved],
            [("submitted", date(2025, 3, 31)), ("approved", date(2025, 3, 31))],
        )

    def test_publication_cycle_and_meeting_states_are_not_writable(self):
        # R-SCORE-8: a quarter is published by its buttons only
        publication = self.env["party.score.publication"].create(
            {"branch_id": self.branch_a.id, "cycle_id": self.cycle.id, "quarter": "1"}
        )
        self._refused(
            self.user_secretary_a,
            "party.score.publication",
            "write",
            publication.ids,
            {"state": "published"},
        )
        # R-SCORE-4: a closed year is never reopened by a write
        closed = open_cycle(self.env, 2024)
        closed.action_close()
        self._refused(
            self.user_manager,
            "party.score.cycle",
            "write",
            closed.ids,
            {"state": "open"},
        )
        # DOMAIN §8: a meeting closes (and deducts) through its button only
        meeting = self.env["party.meeting"].create(
            {
                "name": "支部委员会",
                "meeting_type": "committee_meeting",
                "branch_id": self.branch_a.id,
                "date": date(2025, 2, 1),
            }
        )
        self._refused(
            self.user_recorder_a,
            "party.meeting",
            "write",
            meeting.ids,
            {"state": "closed"},
        )
        self.env.invalidate_all()
        self.assertEqual(
            (publication.state, closed.state, meeting.state),
            ("draft", "closed", "draft"),
        )

    def test_published_publication_never_changes(self):
        publication = self.env["party.score.publication"].create(
            {"branch_id": self.branch_a.id, "cycle_id": self.cycle.id, "quarter": "1"}
        )
        publication.with_user(self.user_secretary_a).action_approve()
        publication.with_user(self.user_secretary_a).action_publish()
        message = self._refused(
            self.user_secretary_a,
            "party.score.publication",
            "write",
            publication.ids,
            {"quarter": "2"},
        )
        self.assertIn("can no longer be changed", message)
        self.assertEqual(publication.quarter, "1")


@tagged("post_install", "-at_install")
class TestFormsStillWork(PartyPointsCase):
    """The guards refuse what a client forces, not what the forms send: each
    guarded model is still created through its form, as the web client does."""

    def test_guarded_models_are_created_through_their_forms(self):
        with Form(self.env["party.score.cycle"].with_user(self.user_manager)) as form:
            form.year = 2031
        cycle = form.record
        self.assertEqual((cycle.state, cycle.base_score), ("open", 80))
        with Form(
            self.env["party.member.exemption"].with_user(self.user_secretary_a)
        ) as form:
            form.member_id = self.member_a1
            form.date_from = date(2031, 1, 1)
            form.date_to = date(2031, 3, 1)
            form.reason_type = "long_sick"
        self.assertEqual(form.record.state, "draft")
        open_cycle(self.env, 2025)
        with Form(self.env["party.score.line"].with_user(self.user_recorder_a)) as form:
            form.member_id = self.member_a1
            form.standard_id = self.env.ref("party_points.standard_k07")
            form.points = -2
            form.date = date(2025, 3, 1)
        self.assertEqual(
            (form.record.state, form.record.branch_id), ("draft", self.branch_a)
        )
        with Form(
            self.env["party.score.publication"].with_user(self.user_secretary_a)
        ) as form:
            form.branch_id = self.branch_a
            form.cycle_id = open_cycle(self.env, 2025)
            form.quarter = "2"
        self.assertEqual(form.record.state, "draft")
        with Form(self.env["party.meeting"].with_user(self.user_recorder_a)) as form:
            form.name = "支部委员会"
            form.meeting_type = "committee_meeting"
            form.branch_id = self.branch_a
            form.date = date(2025, 3, 2)
        self.assertEqual(form.record.state, "draft")
