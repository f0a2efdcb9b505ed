# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 19, item 3 (R-MSG-2): before each planned theme Party day (主题党日) the
members of the branch are reminded to declare their additions (个人申报,
R-SCORE-7), from the company's number of days before (3 by default) until
the day itself, once per member and theme day."""

from datetime import date, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ScoreCase

THEME_DAY = date(2025, 6, 20)


@tagged("post_install", "-at_install")
class TestNotifyThemeDay(ScoreCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.meeting = (
            cls.env["party.meeting"]
            .with_user(cls.user_recorder_a)
            .create(
                {
                    "name": "六月主题党日",
                    "meeting_type": "theme_day",
                    "branch_id": cls.branch_a.id,
                    "date": THEME_DAY,
                }
            )
        )
        cls.branch_members = cls.member_self | cls.member_a1 | cls.member_a2
        # the members read English unless a test says otherwise, and have an
        # address to be told at
        for member in cls.member_a1 | cls.member_a2 | cls.member_b1:
            member.partner_id.write(
                {"lang": "en_US", "email": f"m{member.id}@example.com"}
            )

    def _cron(self, day):
        self.env["party.meeting"]._cron_remind_theme_days(today=day)

    def _reminded(self, member=None):
        domain = [
            ("model", "=", "party.member"),
            ("message_type", "=", "user_notification"),
            "|",
            ("subject", "ilike", "theme Party day"),
            ("subject", "ilike", "主题党日"),
        ]
        if member:
            domain.append(("res_id", "=", member.id))
        return self.env["mail.message"].search(domain)

    def test_the_default_is_three_days_before(self):
        self.assertEqual(self.company.party_theme_day_reminder_days, 3)

    def test_the_reminder_starts_on_its_boundary_day(self):
        # 4 days before: not yet; 3 days before: the branch's members
        self._cron(THEME_DAY - timedelta(days=4))
        self.assertFalse(self._reminded())
        self._cron(THEME_DAY - timedelta(days=3))
        reminded = self._reminded()
        self.assertEqual(
            sorted(reminded.mapped("res_id")), sorted(self.branch_members.ids)
        )
        self.assertEqual(self.meeting.party_reminded_member_ids, self.branch_members)
        # not the other branch's member
        self.assertFalse(self._reminded(self.member_b1))

    def test_each_member_is_reminded_once(self):
        self._cron(THEME_DAY - timedelta(days=3))
        self._cron(THEME_DAY - timedelta(days=3))
        self._cron(THEME_DAY - timedelta(days=1))
        self._cron(THEME_DAY)
        self.assertEqual(len(self._reminded(self.member_a1)), 1)
        self.assertEqual(len(self._reminded()), 3)
        # a member who joins the branch meanwhile is reminded the next run
        newcomer = self.Member.create({"name": "新党员", "branch_id": self.branch_a.id})
        newcomer.partner_id.email = "new@example.com"
        self._cron(THEME_DAY)
        self.assertEqual(len(self._reminded(newcomer)), 1)
        self.assertEqual(len(self._reminded()), 4)

    def test_the_day_itself_is_the_last_and_a_missed_run_catches_up(self):
        self._cron(THEME_DAY + timedelta(days=1))
        self.assertFalse(self._reminded())
        self._cron(THEME_DAY)
        self.assertEqual(len(self._reminded()), 3)

    def test_only_planned_theme_days(self):
        self.meeting.name = "改为支委会"
        committee = self.env["party.meeting"].create(
            {
                "name": "支委会",
                "meeting_type": "committee_meeting",
                "branch_id": self.branch_b.id,
                "date": THEME_DAY,
            }
        )
        self.meeting.attendance_ids = [
            (0, 0, {"member_id": self.member_a1.id, "status": "present"})
        ]
        self.meeting.with_user(self.user_recorder_a).action_close()
        self._cron(THEME_DAY - timedelta(days=1))
        self.assertFalse(self._reminded())
        self.assertFalse(committee.party_reminded_member_ids)

    def test_the_company_sets_the_days(self):
        self.company.party_theme_day_reminder_days = 0
        self._cron(THEME_DAY - timedelta(days=1))
        self.assertFalse(self._reminded())
        self._cron(THEME_DAY)
        self.assertEqual(len(self._reminded()), 3)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.company.party_theme_day_reminder_days = -1
        # the committee sets it on its own settings form, as the administrator
        # does in Settings
        settings = self.env["party.settings"].with_user(self.user_manager).create({})
        self.assertEqual(settings.party_theme_day_reminder_days, 0)
        settings.party_theme_day_reminder_days = 5
        settings.action_save()
        self.assertEqual(self.company.party_theme_day_reminder_days, 5)

    def test_a_member_who_switched_messages_off_is_not_reminded(self):
        # R-MSG-4
        self.member_a2.party_messages_off = True
        self._cron(THEME_DAY)
        self.assertFalse(self._reminded(self.member_a2))
        self.assertEqual(len(self._reminded()), 2)

    def test_the_reminder_links_the_declaration_in_the_member_s_language(self):
        self.member_a1.partner_id.write({"lang": "zh_CN", "email": "wu@example.com"})
        self.member_a2.partner_id.lang = "en_US"
        self._cron(THEME_DAY)
        message = self._reminded(self.member_a2)
        self.assertIn("/my/party/declare", message.body)
        self.assertIn("六月主题党日", message.body)
        self.assertIn("Jun 20, 2025", message.body)
        message_zh = self.env["mail.message"].search(
            [
                ("model", "=", "party.member"),
                ("res_id", "=", self.member_a1.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertIn("2025年6月20日", message_zh.subject)
        self.assertIn("申报加分", message_zh.body)
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message_zh.id)])
        self.assertEqual(mail.recipient_ids, self.member_a1.partner_id)

    def test_each_company_reminds_its_own_members_with_its_own_days(self):
        # R-ORG-5
        self.setup_second_company()
        self.company2.party_theme_day_reminder_days = 1
        branch_b2 = self.branch2
        member_b2 = self.Member.create({"name": "乙党员", "branch_id": branch_b2.id})
        member_b2.partner_id.email = "b2@example.com"
        self.env["party.meeting"].create(
            {
                "name": "乙主题党日",
                "meeting_type": "theme_day",
                "branch_id": branch_b2.id,
                "date": THEME_DAY,
            }
        )
        self._cron(THEME_DAY - timedelta(days=2))
        self.assertEqual(len(self._reminded()), 3)
        self.assertFalse(self._reminded(member_b2))
        self._cron(THEME_DAY - timedelta(days=1))
        self.assertEqual(len(self._reminded(member_b2)), 1)
        self.assertEqual(len(self._reminded()), 4)


@tagged("post_install", "-at_install")
class TestNotifyThemeDayScale(ScoreCase):
    """R-MSG-2: reminding a branch costs the same statements for 5 and for
    40 members."""

    def _theme_day_of(self, size):
        branch = self.Branch.create(
            {
                "name": f"提醒{size}党支部",
                "kind": "branch",
                "branch_type": "enterprise",
                "code": f"T-R{size}",
                "parent_id": self.general.id,
            }
        )
        members = self.Member.create(
            [
                {"name": f"提醒{size}党员{i}", "branch_id": branch.id}
                for i in range(size)
            ]
        )
        for member in members:
            member.partner_id.write(
                {"email": f"r{member.id}@example.com", "lang": "en_US"}
            )
        return self.env["party.meeting"].create(
            {
                "name": "主题党日",
                "meeting_type": "theme_day",
                "branch_id": branch.id,
                "date": THEME_DAY,
            }
        )

    def _queries(self, meeting):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        meeting._party_remind_members()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_reminding_takes_the_same_queries_for_5_and_40(self):
        small, large = self._theme_day_of(5), self._theme_day_of(40)
        # the first run of the test fills the caches (templates, xml ids)
        self._queries(self._theme_day_of(1))
        self.assertEqual(self._queries(small), self._queries(large))
        self.assertEqual(len(large.party_reminded_member_ids), 40)
        # once reminded, a run costs no message
        self.assertEqual(
            self.env["mail.message"].search_count(
                [
                    ("model", "=", "party.member"),
                    ("res_id", "in", large.party_reminded_member_ids.ids),
                    ("message_type", "=", "user_notification"),
                ]
            ),
            40,
        )
        large._party_remind_members()
        self.assertEqual(
            self.env["mail.message"].search_count(
                [
                    ("model", "=", "party.member"),
                    ("res_id", "in", large.party_reminded_member_ids.ids),
                    ("message_type", "=", "user_notification"),
                ]
            ),
            40,
        )
