# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PartyPointsCase, valid_id_number


@tagged("post_install", "-at_install")
class TestPartySecurity(PartyPointsCase):
    def test_recorder_sees_only_the_branches_served(self):
        # DESIGN security: branch roles see the subtree of the branches they serve.
        members = self.Member.with_user(self.user_recorder_a).search([])
        self.assertEqual(members, self.member_self | self.member_a1 | self.member_a2)
        branches = self.Branch.with_user(self.user_recorder_a).search([])
        self.assertEqual(branches, self.branch_a | self.group_a)
        with self.assertRaises(AccessError):
            self.member_b1.with_user(self.user_recorder_a).read(["name"])

    def test_recorder_cannot_change_members(self):
        with self.assertRaises(AccessError):
            self.member_a1.with_user(self.user_recorder_a).write({"party_post": "书记"})
        with self.assertRaises(AccessError):
            self.Member.with_user(self.user_recorder_a).create(
                {"name": "越权", "branch_id": self.branch_a.id}
            )

    def test_secretary_manages_own_branch_only(self):
        as_secretary = self.Member.with_user(self.user_secretary_a)
        member = as_secretary.create({"name": "新党员", "branch_id": self.group_a.id})
        self.assertEqual(member.branch_id, self.group_a)
        member.write({"party_post": "党小组长"})
        self.assertEqual(member.party_post, "党小组长")
        with self.assertRaises(AccessError):
            as_secretary.create({"name": "别的支部", "branch_id": self.branch_b.id})
        with self.assertRaises(AccessError):
            self.member_b1.with_user(self.user_secretary_a).write(
                {"party_post": "书记"}
            )
        with self.assertRaises(AccessError):
            # nor move a member of their own branch into another one
            member.write({"branch_id": self.branch_b.id})
        with self.assertRaises(AccessError):
            member.unlink()

    def test_general_branch_sees_its_branches(self):
        members = self.Member.with_user(self.user_general).search([])
        self.assertEqual(
            members, self.member_self | self.member_a1 | self.member_a2 | self.member_b1
        )
        self.assertNotIn(self.member_m1, members)

    def test_member_sees_only_themself(self):
        as_member = self.Member.with_user(self.user_member)
        self.assertEqual(as_member.search([]), self.member_self)
        self.assertEqual(
            self.Branch.with_user(self.user_member).search([]), self.branch_a
        )
        with self.assertRaises(AccessError):
            self.member_a1.with_user(self.user_member).read(["name"])
        with self.assertRaises(AccessError):
            self.member_self.with_user(self.user_member).write({"name": "改名"})

    def test_committee_sees_and_configures_everything(self):
        as_manager = self.Branch.with_user(self.user_manager)
        self.assertEqual(
            as_manager.search([("id", "child_of", self.committee.id)]),
            self.committee
            | self.general
            | self.branch_a
            | self.group_a
            | self.branch_b
            | self.branch_mobile,
        )
        new = as_manager.create(
            {"name": "第三党支部", "parent_id": self.general.id, "kind": "branch"}
        )
        self.assertEqual(new.parent_id, self.general)
        with self.assertRaises(AccessError):
            self.branch_a.with_user(self.user_secretary_a).write({"name": "改名"})

    def test_hr_officer_reads_but_never_writes(self):
        # DOMAIN §1: HR reads scores and members next to employees, read-only.
        as_hr = self.Member.with_user(self.user_hr)
        self.assertEqual(
            as_hr.search([("branch_id", "child_of", self.committee.id)]),
            self.member_self
            | self.member_a1
            | self.member_a2
            | self.member_b1
            | self.member_m1,
        )
        with self.assertRaises(AccessError):
            self.member_a1.with_user(self.user_hr).write({"party_post": "书记"})
        with self.assertRaises(AccessError):
            as_hr.create({"name": "人事新建", "branch_id": self.branch_a.id})

    def test_user_without_party_role_sees_nothing(self):
        with self.assertRaises(AccessError):
            self.Member.with_user(self.user_plain).search([])
        with self.assertRaises(AccessError):
            self.Branch.with_user(self.user_plain).search([])

    def test_sensitive_data_only_for_organisation_officers(self):
        # R-MEM-3: ID number and phone are never sent to others, not even by RPC.
        number = valid_id_number("11010519800101123")
        self.member_a1.write({"id_number": number, "phone": "13800000000"})
        as_officer = self.member_a1.with_user(self.user_organisation)
        self.assertEqual(
            as_officer.read(["id_number", "phone"])[0]["id_number"], number
        )
        for user in (self.user_secretary_a, self.user_recorder_a, self.user_hr):
            user.groups_id += self.env.ref("base.group_allow_export")
            as_user = self.member_a1.with_user(user)
            with self.assertRaises(AccessError):
                as_user.read(["id_number"])
            with self.assertRaises(AccessError):
                as_user.export_data(["name", "phone"])
            self.assertNotIn("id_number", as_user.fields_get())
            with self.assertRaises(AccessError):
                as_user.search([("id_number", "=", number)])
        with self.assertRaises(AccessError):
            self.member_a1.with_user(self.user_secretary_a).write(
                {"phone": "13900000000"}
            )

    def test_companies_are_isolated(self):
        other = self.env["res.company"].create({"name": "另一公司"})
        foreign = self.Branch.create(
            {"name": "外公司党支部", "company_id": other.id, "kind": "branch"}
        )
        self.Member.create({"name": "外公司党员", "branch_id": foreign.id})
        as_manager = self.Branch.with_user(self.user_manager)
        self.assertNotIn(foreign, as_manager.search([]))
        with self.assertRaises(AccessError):
            foreign.with_user(self.user_manager).read(["name"])
        self.assertFalse(
            self.Member.with_user(self.user_manager).search(
                [("name", "=", "外公司党员")]
            )
        )

    def test_new_officer_gets_access_at_once(self):
        # the record rules read user.party_branch_ids: no stale cache after a change
        as_recorder = self.Member.with_user(self.user_recorder_a)
        self.assertNotIn(self.member_b1, as_recorder.search([]))
        self.branch_b.officer_user_ids = [(4, self.user_recorder_a.id)]
        self.assertIn(self.member_b1, as_recorder.search([]))
        self.branch_b.officer_user_ids = [(3, self.user_recorder_a.id)]
        self.assertNotIn(self.member_b1, as_recorder.search([]))

    def test_history_and_exemptions_follow_the_company(self):
        other = self.env["res.company"].create({"name": "另一公司"})
        foreign_branch = self.Branch.create(
            {"name": "外公司党支部", "company_id": other.id, "kind": "branch"}
        )
        foreign_branch_2 = self.Branch.create(
            {"name": "外公司第二党支部", "company_id": other.id, "kind": "branch"}
        )
        foreign = self.Member.create(
            {"name": "外公司党员", "branch_id": foreign_branch.id}
        )
        foreign._transfer_to(foreign_branch_2, date(2025, 1, 1), "调整")
        self.env["party.member.exemption"].create(
            {
                "member_id": foreign.id,
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 2, 1),
                "reason_type": "old_frail",
            }
        )
        for model in ("party.member.transfer", "party.member.exemption"):
            for user in (self.user_manager, self.user_hr):
                records = self.env[model].with_user(user).search([])
                self.assertNotIn(foreign, records.member_id, f"{model} as {user.login}")
        stats = self.env["party.branch.statistics"].with_user(self.user_manager)
        self.assertFalse(stats.search([("member_id", "=", foreign.id)]))

    def test_hr_reads_history_and_statistics_read_only(self):
        self.member_a1._transfer_to(self.branch_b, date(2025, 6, 1), "调动")
        transfers = self.env["party.member.transfer"].with_user(self.user_hr)
        self.assertEqual(
            transfers.search([("member_id", "=", self.member_a1.id)]).reason, "调动"
        )
        stats = self.env["party.branch.statistics"].with_user(self.user_hr)
        self.assertEqual(
            stats.search_count(
                [
                    ("organisation_id", "=", self.committee.id),
                    ("row_kind", "=", "member"),
                ]
            ),
            5,
        )
        with self.assertRaises(AccessError):
            self.member_a1.with_user(self.user_hr)._transfer_to(
                self.branch_a, date(2025, 7, 1), "人事无权调动"
            )
