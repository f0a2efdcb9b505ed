# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 15, item 1 (findings a, d, e, h): what a file proves cannot be
taken, moved or rewritten.

A record accepts only files its user has just uploaded, binds them to
itself (readable by exactly those who read the record), and once it is past
draft nobody — sudo included — changes or deletes them."""

import base64
import xmlrpc.client
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import SQL, mute_logger

from .common import PartyPointsCommon, evidence_file, open_cycle
from .helpers import execute_kw

PDF = b"%PDF-1.4 evidence"
SECRET = "board_minutes_secret_2025.pdf"


@tagged("post_install", "-at_install")
class TestEvidencePolicy(PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        env = cls.env
        cls.Line = env["party.score.line"]
        cls.Attachment = env["ir.attachment"]
        cls.cycle = open_cycle(env, 2025)
        cls.recorder_b = cls.party_user(
            "pp_recorder_b",
            "base.group_user,party_points.group_party_recorder",
            "第二登记员",
        )
        cls.branch_b.recorder_id = cls.recorder_b
        cls.j01 = env.ref("party_points.standard_j01")  # addition 2~5, evidence
        # 第二党支部: an approved addition with its evidence
        cls.line_b = cls._declared(cls.member_b1, cls.recorder_b)
        cls.line_b.with_user(cls.user_general).action_verify()
        cls.line_b.with_user(cls.user_manager).action_approve()
        cls.evidence_b = cls.line_b.attachment_ids
        # an employee's contract, bound to the employee of another company
        # (HR's document, out of the branch's reach)
        other = env["res.company"].create({"name": "另一公司"})
        cls.employee = env["hr.employee"].create(
            {"name": "合同职工", "company_id": other.id}
        )
        cls.contract = cls.Attachment.create(
            {
                "name": "劳动合同.pdf",
                "raw": PDF,
                "res_model": "hr.employee",
                "res_id": cls.employee.id,
            }
        )
        # another user's upload, bound to nothing yet
        cls.foreign_upload = cls.Attachment.with_user(cls.recorder_b).create(
            {"name": SECRET, "raw": PDF}
        )

    @classmethod
    def _declared(cls, member, user, points=2, day=date(2025, 3, 3)):
        line = (
            cls.env["party.score.line"]
            .with_user(user)
            .create(
                {
                    "member_id": member.id,
                    "standard_id": cls.env.ref("party_points.standard_j01").id,
                    "points": points,
                    "date": day,
                    "description": "志愿服务",
                    "attachment_ids": evidence_file(),
                }
            )
        )
        line.action_submit()
        return line

    def _upload(self, user, name="证明.pdf", content=PDF):
        return self.Attachment.with_user(user).create({"name": name, "raw": content})

    def _where(self, attachment):
        attachment.invalidate_recordset()
        row = attachment.sudo()
        return row.res_model, row.res_id, row.name, row.raw

    def _rpc(self, user, model, method, args, kwargs=None):
        return execute_kw(self, user, model, method, args, kwargs)

    def _case(self):
        education = self.Branch.create(
            {
                "name": "党性教育党支部",
                "kind": "branch",
                "branch_type": "education",
                "code": "T-E",
                "parent_id": self.committee.id,
            }
        )
        return (
            self.env["party.laggard.case"]
            .with_user(self.user_secretary_a)
            .create(
                {
                    "member_id": self.member_a1.id,
                    "open_date": date(2025, 4, 1),
                    "education_branch_id": education.id,
                    "shortcomings": "无故不参加组织生活。",
                    "committee_members_required": 5,
                    "committee_members_present": 4,
                }
            )
        )

    # ------------------------------------------------------------------
    # Binding: a file follows the record it proves
    # ------------------------------------------------------------------

    def test_a_declared_file_is_bound_to_its_line_and_read_through_it(self):
        upload = self._upload(self.user_member)
        line = self.Line.with_user(self.user_member).create(
            {
                "member_id": self.member_self.id,
                "standard_id": self.j01.id,
                "points": 3,
                "date": date(2025, 5, 5),
                "description": "义务献血",
                "attachment_ids": [Command.set(upload.ids)],
            }
        )
        self.assertEqual(self._where(upload)[:2], ("party.score.line", line.id))
        # the branch that verifies it reads it, another branch does not
        upload.invalidate_recordset()
        self.assertEqual(upload.with_user(self.user_recorder_a).raw, PDF)
        upload.invalidate_recordset()
        self.assertEqual(upload.with_user(self.user_manager).name, "证明.pdf")
        with self.assertRaises(AccessError):
            upload.with_user(self.recorder_b).check("read")
        upload.invalidate_recordset()
        with self.assertRaises(AccessError):
            _ = upload.with_user(self.recorder_b).raw

    def test_a_draft_keeps_its_files_open_to_its_author(self):
        line = self.Line.with_user(self.user_member).create(
            {
                "member_id": self.member_self.id,
                "standard_id": self.j01.id,
                "points": 3,
                "date": date(2025, 5, 5),
                "description": "义务献血",
                "attachment_ids": evidence_file(),
            }
        )
        first = line.attachment_ids
        replacement = self._upload(self.user_member, "新证明.pdf")
        line.with_user(self.user_member).attachment_ids = [Command.set(replacement.ids)]
        self.assertEqual(line.attachment_ids, replacement)
        first.with_user(self.user_member).unlink()
        self.assertFalse(first.exists())
        replacement.with_user(self.user_member).write({"name": "献血证.pdf"})
        self.assertEqual(replacement.name, "献血证.pdf")

    def test_one_file_proves_one_record(self):
        upload = self._upload(self.user_recorder_a)
        vals = {
            "standard_id": self.env.ref("party_points.standard_k07").id,
            "points": -3,
            "date": date(2025, 2, 5),
            "attachment_ids": [Command.set(upload.ids)],
        }
        with self.assertRaisesRegex(UserError, "One file proves one record"):
            self.Line.with_user(self.user_recorder_a).create(
                [
                    {**vals, "member_id": self.member_a1.id},
                    {**vals, "member_id": self.member_a2.id},
                ]
            )
        first = self.Line.with_user(self.user_recorder_a).create(
            {**vals, "member_id": self.member_a1.id}
        )
        with self.assertRaisesRegex(AccessError, "not one you have just uploaded"):
            self.Line.with_user(self.user_recorder_a).create(
                {**vals, "member_id": self.member_a2.id}
            )
        self.assertEqual(self._where(upload)[:2], ("party.score.line", first.id))

    # ------------------------------------------------------------------
    # Finding e: another's file is refused, and never named
    # ------------------------------------------------------------------

    def test_a_file_of_someone_else_is_refused_without_its_name(self):
        for user, attachment in [
            (self.user_member, self.foreign_upload),
            (self.user_member, self.evidence_b),
            (self.user_recorder_a, self.contract),
            (self.user_manager, self.foreign_upload),
        ]:
            with self.subTest(user=user.login, attachment=attachment.id):
                before = self._where(attachment)
                with self.assertRaises(AccessError) as caught:
                    self.Line.with_user(user).create(
                        {
                            "member_id": self.member_self.id,
                            "standard_id": self.j01.id,
                            "points": 2,
                            "date": date(2025, 5, 5),
                            "description": "志愿服务",
                            "attachment_ids": [Command.link(attachment.id)],
                        }
                    )
                message = str(caught.exception)
                self.assertIn("not one you have just uploaded", message)
                for name in (SECRET, "劳动合同", self.evidence_b.sudo().name):
                    self.assertNotIn(name, message)
                self.assertEqual(self._where(attachment), before)

    def test_a_missing_file_id_is_refused_like_any_other(self):
        with self.assertRaisesRegex(AccessError, "not one you have just uploaded"):
            self.Line.with_user(self.user_member).create(
                {
                    "member_id": self.member_self.id,
                    "standard_id": self.j01.id,
                    "points": 2,
                    "date": date(2025, 5, 5),
                    "description": "志愿服务",
                    "attachment_ids": [Command.set([10**8])],
                }
            )

    # ------------------------------------------------------------------
    # Finding a: a step takes no file it was not given by its own author
    # ------------------------------------------------------------------

    def test_a_step_cannot_take_over_a_file(self):
        case = self._case()
        targets = self.evidence_b | self.contract | self.foreign_upload
        before = {a.id: self._where(a) for a in targets}
        secretary = self.user_secretary_a
        for attachment in targets:
            with self.subTest(attachment=attachment.id):
                with self.assertRaises(AccessError) as caught:
                    case.with_user(secretary).action_announce(
                        date(2025, 4, 2), "通报积分。", attachment_ids=attachment.ids
                    )
                self.assertNotIn(SECRET, str(caught.exception))
        # the step wizard reaches the same refusal
        wizard = (
            self.env["party.laggard.step.wizard"]
            .with_user(secretary)
            .create(
                {
                    "case_id": case.id,
                    "action": "announce",
                    "date": date(2025, 4, 2),
                    "opinion": "通报积分。",
                    "attachment_ids": [Command.set(targets.ids)],
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        # and XML-RPC
        with self.assertRaises(xmlrpc.client.Fault), mute_logger("odoo.http"):
            self._rpc(
                secretary,
                "party.laggard.case",
                "action_announce",
                [case.ids],
                {
                    "date": "2025-04-02",
                    "opinion": "通报积分。",
                    "attachment_ids": targets.ids,
                },
            )
        case.invalidate_recordset()
        self.assertEqual(case.state, "proposed")
        self.assertFalse(case.step_ids)
        for attachment in targets:
            self.assertEqual(self._where(attachment), before[attachment.id])
        # still out of the secretary's reach
        for attachment in self.evidence_b | self.contract:
            with self.assertRaises(AccessError):
                attachment.with_user(secretary).check("read")
        self.assertEqual(self.line_b.attachment_ids, self.evidence_b)

    def test_a_step_keeps_its_own_files_frozen(self):
        case = self._case()
        secretary = self.user_secretary_a
        wizard = (
            self.env["party.laggard.step.wizard"]
            .with_user(secretary)
            .create(
                {
                    "case_id": case.id,
                    "action": "announce",
                    "date": date(2025, 4, 2),
                    "opinion": "通报积分。",
                }
            )
        )
        # uploaded in the dialog, as the web client does (bound to the wizard)
        upload = self.Attachment.with_user(secretary).create(
            {
                "name": "会议记录.pdf",
                "raw": PDF,
                "res_model": wizard._name,
                "res_id": wizard.id,
            }
        )
        wizard.attachment_ids = upload
        wizard.action_confirm()
        step = case.step_ids
        self.assertEqual(step.attachment_ids, upload)
        self.assertEqual(self._where(upload)[:2], ("party.laggard.step", step.id))
        self.assertEqual(upload.with_user(self.user_general).raw, PDF)
        for env_user in (secretary, self.user_manager):
            with self.subTest(user=env_user.login):
                with self.assertRaisesRegex(UserError, "no longer a draft"):
                    upload.with_user(env_user).write({"raw": b"%PDF-1.4 forged"})
                with self.assertRaisesRegex(UserError, "no longer a draft"):
                    upload.with_user(env_user).sudo().unlink()
        self.assertEqual(self._where(upload)[3], PDF)

    # ------------------------------------------------------------------
    # Finding d: the evidence of a decided line never changes
    # ------------------------------------------------------------------

    def test_evidence_of_an_approved_line_cannot_be_rewritten_or_deleted(self):
        line = self._declared(self.member_self, self.user_member)
        line.with_user(self.user_recorder_a).action_verify()
        line.with_user(self.user_manager).action_approve()
        evidence = line.attachment_ids
        before = self._where(evidence)
        self.assertEqual(before[:2], ("party.score.line", line.id))
        forged = base64.b64encode(b"%PDF-1.4 forged")
        for user in (self.user_member, self.user_recorder_a, self.user_manager):
            with self.subTest(user=user.login):
                as_user = evidence.with_user(user)
                for vals in ({"datas": forged}, {"name": "换过.pdf"}, {"res_id": 1}):
                    with self.assertRaisesRegex(UserError, "no longer a draft"):
                        as_user.write(vals)
                    with self.assertRaisesRegex(UserError, "no longer a draft"):
                        as_user.sudo().write(vals)
                with self.assertRaisesRegex(UserError, "no longer a draft"):
                    as_user.unlink()
                with self.assertRaisesRegex(UserError, "no longer a draft"):
                    as_user.sudo().unlink()
        with mute_logger("odoo.http"):
            for method, args in (
                ("write", [evidence.ids, {"datas": forged.decode()}]),
                ("unlink", [evidence.ids]),
            ):
                with self.assertRaises(xmlrpc.client.Fault) as caught:
                    self._rpc(self.user_member, "ir.attachment", method, args)
                self.assertIn("no longer a draft", caught.exception.faultString)
        self.assertEqual(self._where(evidence), before)
        # a storage move (the same content written again) is no change
        evidence.sudo().write({"raw": PDF, "mimetype": evidence.sudo().mimetype})
        # the chatter's files of the line are frozen with it
        note = self.Attachment.create(
            {
                "name": "补充.pdf",
                "raw": PDF,
                "res_model": "party.score.line",
                "res_id": line.id,
            }
        )
        with self.assertRaisesRegex(UserError, "no longer a draft"):
            note.unlink()
        with self.assertRaises(UserError):
            line.sudo().write({"attachment_ids": [Command.clear()]})
        self.assertEqual(line.attachment_ids, evidence)

    def test_files_of_other_records_past_draft_are_frozen(self):
        # an exemption's chatter files, once submitted
        exemption = (
            self.env["party.member.exemption"]
            .with_user(self.user_secretary_a)
            .create(
                {
                    "member_id": self.member_a1.id,
                    "date_from": date(2025, 3, 1),
                    "date_to": date(2025, 12, 31),
                    "reason_type": "bedridden",
                    "description": "本人申请，长期卧床，支部同意",
                }
            )
        )
        certificate = self.Attachment.with_user(self.user_secretary_a).create(
            {
                "name": "诊断证明.pdf",
                "raw": PDF,
                "res_model": exemption._name,
                "res_id": exemption.id,
            }
        )
        exemption.with_user(self.user_secretary_a).action_submit()
        with self.assertRaisesRegex(UserError, "no longer a draft"):
            certificate.with_user(self.user_secretary_a).unlink()
        # a mobile member's report: its files are fixed once it is recorded
        absence = self._mobile()
        absence.with_user(self.user_manager).action_depart()
        report = (
            self.env["party.mobile.report"]
            .with_user(self.user_recorder_a)
            .create(
                {
                    "mobile_id": absence.id,
                    "date": date(2025, 3, 1),
                    "report_text": "思想汇报",
                    "attachment_ids": evidence_file("思想汇报.pdf"),
                }
            )
        )
        upload = report.attachment_ids
        self.assertEqual(self._where(upload)[:2], ("party.mobile.report", report.id))
        with self.assertRaisesRegex(UserError, "no longer a draft"):
            upload.with_user(self.user_recorder_a).write({"name": "改.pdf"})
        with self.assertRaisesRegex(UserError, "stay with it"):
            report.with_user(self.user_recorder_a).write(
                {"attachment_ids": [Command.clear()]}
            )
        # a new file may still join it
        report.with_user(self.user_recorder_a).write(
            {"attachment_ids": evidence_file("补充.pdf")}
        )
        self.assertEqual(len(report.attachment_ids), 2)

    # ------------------------------------------------------------------
    # Finding h: the demo's declarations open with their evidence
    # ------------------------------------------------------------------

    def test_every_demo_declaration_opens_with_its_evidence(self):
        recorder = self.env.ref("party_points.user_party_recorder")
        manager = self.env.ref("party_points.user_party_manager")
        demo_company = self.env.ref("base.main_company")
        waiting = self.Line.search(
            [
                ("state", "in", ("submitted", "verified")),
                ("company_id", "=", demo_company.id),
                ("branch_id", "child_of", recorder.party_branch_ids.ids),
            ]
        )
        self.assertTrue(waiting)
        with_evidence = self.Line.search(
            [("attachment_ids", "!=", False), ("company_id", "=", demo_company.id)]
        )
        self.assertGreaterEqual(len(with_evidence), 10)
        # one file per line, each bound to the line it proves
        files = with_evidence.attachment_ids
        self.assertEqual(len(files), len(with_evidence))
        for line in with_evidence:
            self.assertEqual(
                (line.attachment_ids.res_model, line.attachment_ids.res_id),
                ("party.score.line", line.id),
            )
        for user in (recorder, manager):
            for line in waiting:
                with self.subTest(user=user.login, line=line.id):
                    self.env.invalidate_all()
                    line_as = line.with_user(user)
                    line_as.check_access("read")
                    files = line_as.attachment_ids
                    files.check("read")
                    self.assertTrue(files.read(["name", "raw"])[0]["raw"])
        for line in with_evidence:
            line.with_user(manager).attachment_ids.check("read")

    # ------------------------------------------------------------------
    # Item 6: the portal's declaration is the model's
    # ------------------------------------------------------------------

    def test_a_declaration_has_one_set_of_checks_whatever_the_client(self):
        portal = self.env["res.users"].create(
            {
                "name": "吴一",
                "login": "pp_portal_e",
                "password": "pp_portal_e",
                "partner_id": self.member_a1.partner_id.id,
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        content = base64.b64encode(PDF).decode()
        cases = [
            ({"points": 9}, "do not fit"),
            (
                {
                    "standard_id": self.env.ref("party_points.standard_k07").id,
                    "points": -3,
                },
                "Deductions are registered",
            ),
            ({"description": " "}, "Describe what you did"),
            ({"evidence_datas": False}, "needs written evidence"),
            ({"evidence_datas": base64.b64encode(b"MZ\x90\x00").decode()}, "not a"),
            ({"date": "2099-01-01"}, "in the future"),
        ]
        args = {
            "standard_id": self.j01.id,
            "points": 3,
            "date": "2025-05-05",
            "description": "义务献血",
            "evidence_name": "献血证.pdf",
            "evidence_datas": content,
        }
        with mute_logger("odoo.http"):
            for change, message in cases:
                with self.subTest(message=message):
                    with self.assertRaises(xmlrpc.client.Fault) as caught:
                        self._rpc(
                            portal,
                            "party.score.line",
                            "declare_addition",
                            [],
                            {**args, **change},
                        )
                    self.assertIn(message, caught.exception.faultString)
            # a user who is no member declares nothing
            with self.assertRaises(xmlrpc.client.Fault) as caught:
                self._rpc(
                    self.user_plain, "party.score.line", "declare_addition", [], args
                )
        self.assertFalse(self.Line.search([("member_id", "=", self.member_a1.id)]))
        line_id = self._rpc(portal, "party.score.line", "declare_addition", [], args)
        line = self.Line.browse(line_id)
        self.assertEqual(
            (line.member_id, line.state, line.points, line.declared_by_id),
            (self.member_a1, "submitted", 3, portal),
        )
        self.assertEqual(line.attachment_ids.raw, PDF)
        self.assertEqual(
            self._where(line.attachment_ids)[:2], ("party.score.line", line.id)
        )
        self.assertEqual(line.attachment_ids.create_uid, portal)

    def test_upgrade_binds_the_files_earlier_versions_left_unbound(self):
        # before 18.0.1.1.0 the demo listed one unbound file on many lines
        first = self._declared(self.member_a1, self.user_recorder_a)
        second = self._declared(self.member_a2, self.user_recorder_a)
        shared = first.attachment_ids
        field = self.Line._fields["attachment_ids"]
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE ir_attachment SET res_model = NULL, res_id = 0 WHERE id = %s",
            [shared.id],
        )
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET %s = %s WHERE %s = %s",
                SQL.identifier(field.relation),
                SQL.identifier(field.column2),
                shared.id,
                SQL.identifier(field.column1),
                second.id,
            )
        )
        self.env.invalidate_all()
        self.assertEqual(second.attachment_ids, shared)
        self.assertEqual(self.Attachment._party_bind_unbound_evidence(), 2)
        self.env.invalidate_all()
        self.assertEqual(first.attachment_ids, shared)
        self.assertEqual(self._where(shared)[:2], ("party.score.line", first.id))
        copy = second.attachment_ids
        self.assertNotEqual(copy, shared)
        self.assertEqual(self._where(copy)[:2], ("party.score.line", second.id))
        self.assertEqual(copy.raw, shared.raw)
        self.assertEqual(copy.with_user(self.user_recorder_a).raw, shared.raw)
        # nothing is left to bind
        self.assertEqual(self.Attachment._party_bind_unbound_evidence(), 0)
