# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 19, item 3 (R-MSG-3): the recorder and the secretary get one daily digest of
what waits for them (declarations to verify or approve, steps of laggard
cases, quarters to publish …), computed under their own rights, instead of
one message per record; only on a day something waits, once a day, unless
they switched it off in their preferences."""

from datetime import date, timedelta
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LaggardCase, declare, evidence_file

TODAY = date(2026, 3, 2)


def on_day(day):
    return patch(
        "odoo.addons.party_points.models.party_digest.party_today", return_value=day
    )


@tagged("post_install", "-at_install")
class TestNotifyDigest(LaggardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.Users = cls.env["res.users"]

    def _declared(self, member, user=None):
        line = self.Line.with_user(user or self.user_recorder_a).create(
            {
                "member_id": member.id,
                "standard_id": self.std("j01").id,
                "points": 3,
                "date": date(2025, 3, 3),
                "description": "志愿服务",
                "attachment_ids": evidence_file(),
            }
        )
        declare(line)
        return line

    def _digests(self, user):
        return self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", user.partner_id.id),
                ("message_type", "=", "user_notification"),
            ]
        )

    def _run(self, day=TODAY):
        with on_day(day):
            self.Users._cron_party_digest()

    def _sections(self, user):
        return {
            section["title"]: section["records"]
            for section in self.Users.with_user(user)
            .browse(user.id)
            ._party_digest_sections()
        }

    def test_the_recorder_s_digest_lists_the_declarations_to_verify(self):
        line = self._declared(self.member_a1)
        self._run()
        digest = self._digests(self.user_recorder_a)
        self.assertEqual(len(digest), 1)
        self.assertIn("Declarations to verify", digest.body)
        self.assertIn(line.display_name, digest.body)
        self.assertIn(f"model=party.score.line&amp;res_id={line.id}", digest.body)
        self.assertEqual(digest.partner_ids, self.user_recorder_a.partner_id)
        # by email (the user's preference in Odoo), queued
        mail = self.env["mail.mail"].search([("mail_message_id", "=", digest.id)])
        self.assertEqual(mail.recipient_ids, self.user_recorder_a.partner_id)

    def test_one_digest_for_many_records(self):
        lines = self._declared(self.member_a1) | self._declared(self.member_a2)
        self._run()
        digest = self._digests(self.user_recorder_a)
        self.assertEqual(len(digest), 1)
        for line in lines:
            self.assertIn(line.display_name, digest.body)
        self.assertIn("Declarations to verify</strong> (2)", digest.body)

    def test_once_a_day(self):
        self._declared(self.member_a1)
        self._run()
        self._run()
        self.assertEqual(len(self._digests(self.user_recorder_a)), 1)
        self.assertEqual(self.user_recorder_a.party_digest_date, TODAY)
        # the next day, still waiting: the next digest
        self._run(TODAY + timedelta(days=1))
        self.assertEqual(len(self._digests(self.user_recorder_a)), 2)

    def test_only_with_something_waiting(self):
        self._run()
        self.assertFalse(self._digests(self.user_recorder_a))
        self.assertFalse(self.user_recorder_a.party_digest_date)
        # a declaration verified is no longer the recorder's
        line = self._declared(self.member_a1)
        line.with_user(self.user_recorder_a).action_verify()
        self._run()
        self.assertFalse(self._digests(self.user_recorder_a))
        # it is the committee's, to approve
        self.assertIn(
            line, self._sections(self.user_manager)["Declarations to approve"]
        )
        self.assertTrue(self._digests(self.user_manager))

    def test_each_role_its_own_sections_under_its_own_rules(self):
        line_a = self._declared(self.member_a1)
        line_b = self._declared(self.member_b1, self.user_manager)
        recorder_b = self.party_role_user(
            "pp_recorder_b", "group_party_recorder", "二登记"
        )
        self.branch_b.recorder_id = recorder_b
        self.assertEqual(
            self._sections(self.user_recorder_a)["Declarations to verify"], line_a
        )
        self.assertEqual(self._sections(recorder_b)["Declarations to verify"], line_b)
        # the committee verifies anywhere
        self.assertLessEqual(
            line_a | line_b, self._sections(self.user_manager)["Declarations to verify"]
        )
        # a plain member and an HR officer have nothing waiting, get nothing
        self.assertEqual(self._sections(self.user_member), {})
        self._run()
        self.assertFalse(self._digests(self.user_member))
        self.assertFalse(self._digests(self.user_hr))

    def test_the_user_s_own_declaration_is_not_in_their_digest(self):
        # four eyes: 陈党员 is the member; as a recorder they do not verify it
        self.user_member.groups_id |= self.env.ref("party_points.group_party_recorder")
        self.user_member.party_branch_ids = self.branch_a
        line = self._declared(self.member_self)
        self.assertIn(
            line, self._sections(self.user_recorder_a)["Declarations to verify"]
        )
        self.assertFalse(self._sections(self.user_member)["Declarations to verify"])

    def test_the_secretary_s_digest_lists_the_laggard_steps_and_quarters(self):
        case = self._open()
        publication = self._publish_quarter("1", publish=False)
        publication.with_user(self.user_secretary_a).action_approve()
        sections = self._sections(self.user_secretary_a)
        self.assertEqual(sections["Laggard cases waiting for a step"], case)
        self.assertEqual(sections["Quarters to publish"], publication)
        self._run()
        digest = self._digests(self.user_secretary_a)
        self.assertIn(case.display_name, digest.body)
        self.assertIn(publication.display_name, digest.body)
        # the education branch's secretary waits for nothing of it yet
        self.assertFalse(
            self._sections(self.secretary_e)["Laggard cases waiting for a step"]
        )

    def test_a_digest_switched_off_is_not_sent(self):
        # R-MSG-4
        self._declared(self.member_a1)
        self.user_recorder_a.with_user(self.user_recorder_a).party_digest = False
        self._run()
        self.assertFalse(self._digests(self.user_recorder_a))
        self.assertTrue(self._digests(self.user_manager))

    def test_the_digest_speaks_the_user_s_language(self):
        self._declared(self.member_a1)
        self.user_recorder_a.lang = "zh_CN"
        self._run()
        digest = self._digests(self.user_recorder_a)
        self.assertIn("待核实的加分申报", digest.body)
        self.assertIn("2026年3月2日", digest.subject)

    def test_a_user_of_another_company_sees_its_own_only(self):
        # R-ORG-5
        company_b = self.setup_second_company()
        committee_b = self.committee2
        manager_b = self.party_user(
            "pp_manager_b",
            "base.group_user,party_points.group_party_working_committee",
            "乙委员",
            company=company_b,
        )
        committee_b.officer_user_ids = manager_b
        self._declared(self.member_a1)
        self.assertFalse(self._sections(manager_b)["Declarations to verify"])
        self._run()
        self.assertFalse(self._digests(manager_b))
        self.assertTrue(self._digests(self.user_manager))

    def test_a_user_whose_rights_refuse_a_section_does_not_stop_the_others(self):
        self._declared(self.member_a1)
        Users = type(self.Users)
        original = Users._party_digest_sections

        def sections(user):
            if user == self.user_recorder_a:
                raise AccessError(user.login)
            return original(user)

        with (
            patch.object(Users, "_party_digest_sections", sections),
            self.assertLogs("odoo.addons.party_points.models.party_digest", "WARNING"),
        ):
            self._run()
        self.assertFalse(self._digests(self.user_recorder_a))
        self.assertTrue(self._digests(self.user_manager))
