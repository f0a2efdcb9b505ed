# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mobile member records by role: the member reads their own, branch roles
the members of the branches they serve, the receiving village/residence
branch reads (R-SCORE-9), the committee all, HR reads; and no client forces
a state or a workflow field, whatever its context."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import BypassRpcMixin, MobileCase, PartyPointsCommon


@tagged("post_install", "-at_install")
class TestMobileSecurity(MobileCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.Mobile.create(
            {
                "member_id": cls.member_self.id,
                "destination": "深圳",
                "departure_date": date(2025, 1, 10),
            }
        )
        cls.own.action_depart()
        cls.branch_b_record = cls.Mobile.create(
            {
                "member_id": cls.member_b1.id,
                "destination": "上海",
                "departure_date": date(2025, 1, 10),
            }
        )
        cls.mobile_record = cls.Mobile.create(
            {
                "member_id": cls.member_m1.id,
                "destination": "广州",
                "departure_date": date(2025, 1, 10),
            }
        )
        cls.contact = cls.env["party.mobile.contact"].create(
            {"mobile_id": cls.own.id, "date": date(2025, 2, 1), "summary": "电话"}
        )

    def _seen(self, user, model="party.mobile.member"):
        # the records of this test world (the demo company has its own)
        members = self.member_self | self.member_b1 | self.member_m1 | self.member_a1
        return (
            self.env[model].with_user(user).search([("member_id", "in", members.ids)])
        )

    def test_each_role_reads_what_it_serves(self):
        everything = self.own | self.branch_b_record | self.mobile_record
        self.assertEqual(self._seen(self.user_member), self.own)
        self.assertEqual(self._seen(self.user_recorder_a), self.own)
        self.assertEqual(self._seen(self.user_secretary_a), self.own)
        self.assertEqual(self._seen(self.user_general), self.own | self.branch_b_record)
        self.assertEqual(self._seen(self.recorder_v), self.mobile_record)
        self.assertEqual(self._seen(self.user_manager), everything)
        self.assertEqual(self._seen(self.user_hr), everything)
        with self.assertRaises(AccessError):
            self._seen(self.user_plain)
        self.assertEqual(
            self._seen(self.user_member, "party.mobile.contact"), self.contact
        )
        self.assertFalse(self._seen(self.recorder_v, "party.mobile.contact"))

    def test_writes_by_role(self):
        # the member reads, and writes their own reports only
        with self.assertRaises(AccessError):
            self.own.with_user(self.user_member).write({"note": "改"})
        with self.assertRaises(AccessError):
            self.env["party.mobile.contact"].with_user(self.user_member).create(
                {"mobile_id": self.own.id, "date": date(2025, 2, 2), "summary": "x"}
            )
        report = (
            self.env["party.mobile.report"]
            .with_user(self.user_member)
            .create(
                {
                    "mobile_id": self.own.id,
                    "date": date(2025, 6, 30),
                    "report_text": "汇报",
                }
            )
        )
        self.assertEqual(report.member_id, self.member_self)
        with self.assertRaises(AccessError):
            self.env["party.mobile.report"].with_user(self.user_member).create(
                {
                    "mobile_id": self.branch_b_record.id,
                    "date": date(2025, 6, 30),
                    "report_text": "冒名",
                }
            )
        # HR reads and writes nothing
        with self.assertRaises(AccessError):
            self.own.with_user(self.user_hr).write({"note": "改"})
        # a recorder keeps the records of the branch served, not others
        self.own.with_user(self.user_recorder_a).write({"note": "联系人已落实"})
        with self.assertRaises(AccessError):
            self.branch_b_record.with_user(self.user_recorder_a).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.Mobile.with_user(self.user_recorder_a).create(
                {
                    "member_id": self.Member.create(
                        {"name": "冯五", "branch_id": self.branch_b.id}
                    ).id,
                    "destination": "杭州",
                    "departure_date": date(2025, 8, 1),
                }
            )
        with self.assertRaises(AccessError):
            self.branch_b_record.with_user(self.user_recorder_a).action_depart()
        # the receiving branch reads and writes nothing
        with self.assertRaises(AccessError):
            self.mobile_record.with_user(self.recorder_v).action_depart()
        self.assertEqual(self.mobile_record.state, "planned")


@tagged("post_install", "-at_install")
class TestMobileGuardsRpc(BypassRpcMixin, PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()

    def test_states_and_workflow_fields_cannot_be_forced(self):
        vals = {
            "member_id": self.member_a1.id,
            "destination": "深圳",
            "departure_date": "2025-01-10",
            "expected_return": "2025-05-10",
        }
        user = self.user_secretary_a
        for forced in (
            {"state": "returned"},
            {"letter_number": "2025-9999"},
            {"flag_overstay": True},
            {"temporary_branch_id": self.branch_b.id},
        ):
            message = self._refused(
                user, "party.mobile.member", "create", {**vals, **forced}
            )
            self.assertIn("cannot be set by hand", message)
        record_id = self._rpc(
            user,
            "party.mobile.member",
            "create",
            vals,
            context={"default_state": "out", "default_letter_number": "X-1"},
        )
        record = self.env["party.mobile.member"].browse(record_id)
        self.assertEqual((record.state, record.letter_number), ("planned", False))
        for forced in ({"state": "out"}, {"actual_return": "2025-02-01"}):
            self._refused(user, "party.mobile.member", "write", [record_id], forced)
        message = self._refused(
            user,
            "party.mobile.member",
            "_write_workflow",
            [record_id],
            {"state": "out"},
        )
        self.assertIn("cannot be called remotely", message)
        # a certificate is the committee's, and its number the register's
        record.expected_return = False
        record.fixed_place = False
        self._refused(
            user, "party.mobile.certificate", "create", {"mobile_id": record_id}
        )
        message = self._refused(
            self.user_manager,
            "party.mobile.certificate",
            "create",
            {"mobile_id": record_id, "name": "2025-0007", "state": "returned"},
        )
        self.assertIn("cannot be set by hand", message)
        record.invalidate_recordset()
        self.assertEqual(
            (record.state, record.actual_return, record.certificate_ids.ids),
            ("planned", False, []),
        )
