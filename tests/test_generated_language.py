# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 17 c: the texts the scheduled jobs and the superuser write (the
activities' summaries, the chatter posts) are read in the language of who
reads them: the user an activity is assigned to, else the company's. The
jobs run here as OdooBot speaking English, the way a cron does, for the
users of a Chinese company."""

import re
from datetime import date

from odoo import SUPERUSER_ID
from odoo.tests import tagged

from ..models.party_workflow_mixin import party_reader_lang
from .common import LaggardCase, open_cycle

# a word of the English source text; the names of the test world are Chinese
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def plain(html):
    return re.sub(r"<[^>]+>", "", str(html or ""))


@tagged("post_install", "-at_install")
class TestGeneratedLanguage(LaggardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.chinese = (
            cls.user_manager
            | cls.user_general
            | cls.user_secretary_a
            | cls.user_recorder_a
            | cls.user_organisation
            | cls.user_member
            | cls.secretary_e
            | cls.recorder_e
        )
        cls.chinese.write({"lang": "zh_CN"})
        cls.company.partner_id.lang = "zh_CN"
        # OdooBot, as a scheduled job runs: the superuser, in English
        cls.bot = cls.env(user=SUPERUSER_ID, context={"lang": "en_US"})

    def _summaries(self, record, user):
        return set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", record._name),
                    ("res_id", "=", record.id),
                    ("user_id", "=", user.id),
                ]
            )
            .mapped("summary")
        )

    def assertChinese(self, texts):
        for text in texts:
            self.assertFalse(ENGLISH_WORD.search(plain(text)), text)

    def test_reader_language_order(self):
        Users = self.env["res.users"]
        english = self.user_plain  # reads English
        # a named reader, or readers sharing one language, first
        self.assertEqual(
            party_reader_lang(self.bot, user=self.user_recorder_a), "zh_CN"
        )
        self.assertEqual(party_reader_lang(self.bot, user=english), "en_US")
        # readers of two languages: the partner's, else the company's
        mixed = english | self.user_recorder_a
        self.assertEqual(party_reader_lang(self.bot, user=mixed), "zh_CN")
        self.assertEqual(
            party_reader_lang(self.bot, user=mixed, partner=english.partner_id),
            "en_US",
        )
        # a person acting writes in their own language; a job in the company's
        self.assertEqual(party_reader_lang(self.bot, user=Users), "zh_CN")
        self.assertEqual(party_reader_lang(self.bot(user=english), user=Users), "en_US")
        self.company.partner_id.lang = "en_US"
        self.assertEqual(party_reader_lang(self.bot), "en_US")

    # ------------------------------------------------------------------
    # meeting reminders
    # ------------------------------------------------------------------

    def test_meeting_reminders_are_in_the_language_of_each_user(self):
        # the user's language wins over the company's (here English)
        self.company.partner_id.lang = "en_US"
        self.user_secretary_a.lang = "en_US"
        self.bot["party.meeting"]._cron_remind_missing_meetings(today=date(2026, 12, 2))
        chinese = self._summaries(self.branch_a, self.user_recorder_a)
        self.assertEqual(
            chinese,
            {
                "2026年11月未登记支委会",
                "2026年11月未登记主题党日活动",
                "2026年第3季度未登记支部党员大会",
                "2026年第3季度未登记党课",
            },
        )
        self.assertEqual(
            self._summaries(self.group_a, self.user_recorder_a),
            {"第一党小组在2026年11月未登记党小组会"},
        )
        # the English secretary of the same branch reads English
        self.assertEqual(
            self._summaries(self.branch_a, self.user_secretary_a),
            {
                "No branch committee meeting recorded in November 2026",
                "No theme Party day recorded in November 2026",
                "No branch general meeting recorded in 3rd quarter 2026",
                "No Party lesson recorded in 3rd quarter 2026",
            },
        )

    # ------------------------------------------------------------------
    # the six-month watch (dues, attendance, Party work)
    # ------------------------------------------------------------------

    def test_member_watch_warning_is_chinese(self):
        open_cycle(self.env, 2026)
        for month in range(1, 9):
            attending = self.member_a1 | (
                self.member_self if month <= 4 else self.Member
            )
            self._theme_day(date(2026, month, 10), attending)
        Watch = self.bot["party.member.watch"]
        Watch._cron_refresh_watch(today=date(2026, 9, 5))
        watch = Watch.search([("member_id", "=", self.member_self.id)])
        self.assertEqual((watch.level, watch.months_missing), ("warning", 4))
        self.assertEqual(
            self._summaries(watch, self.user_recorder_a),
            {"陈党员：连续4个月未参加组织生活和做党的工作，满六个月前预警"},
        )

    # ------------------------------------------------------------------
    # the mobile member watch
    # ------------------------------------------------------------------

    def test_mobile_watch_reminders_and_posts_are_chinese(self):
        record = self._mobile(expected_return=False)
        record.with_user(self.user_manager).action_depart()
        self.bot["party.mobile.member"]._cron_watch_mobile_members(
            today=date(2025, 4, 10)
        )
        # the activity to the branch recorder (no contact person)
        self.assertEqual(
            self._summaries(record, self.user_recorder_a),
            {"联系吴一：自2025年1月10日起未联系"},
        )
        # the posts of the job, read by the branches: the company's language
        case = record.silence_case_id
        self.assertTrue(case)
        self.assertEqual(
            plain(record.message_ids[:1].body),
            "本人自2025年1月10日起未汇报：已提出后进党员处置。",
        )
        self.assertEqual(
            plain(case.message_ids[:1].body),
            "由流动党员管理提醒提出：本人三个月未向党组织汇报（第①类情形）。",
        )
        self.assertEqual(
            case.shortcomings,
            "流动党员自2025年1月10日外出到广东省深圳市，自2025年1月10日起未向党组织"
            "汇报、未主动联系。",
        )

    # ------------------------------------------------------------------
    # rectification reminders
    # ------------------------------------------------------------------

    def test_rectification_reminders_are_chinese(self):
        case = self._in_rectification(self._open(), months=2)
        self.bot["party.laggard.case"]._cron_remind_rectification(
            today=date(2025, 6, 20)
        )
        summaries = self._summaries(case, self.recorder_e)
        self.assertEqual(
            summaries,
            {
                "吴一第1个月的书面汇报未交",
                "吴一第2个月的书面汇报未交",
                "吴一的整改期已于2025年6月15日届满：请党性教育党支部作出决议",
            },
        )
        # run again: each reminder once
        self.bot["party.laggard.case"]._cron_remind_rectification(
            today=date(2025, 6, 21)
        )
        self.assertEqual(len(case.activity_ids), 3)

    def test_poor_progress_warning_goes_in_the_recorders_language(self):
        # the committee member who reviews reads English: the note is theirs;
        # the activity goes to the education branch's recorder, in Chinese
        self.user_manager.lang = "en_US"
        case = self._in_rectification(self._open(self.member_self), months=2)
        report = self._monthly_report(case)
        report.action_submit()
        reviewed = report.with_user(self.user_manager)
        reviewed.write({"progress": "poor", "review_opinion": "整改效果不明显。"})
        reviewed.action_review()
        self.assertEqual(
            self._summaries(case, self.recorder_e),
            {"预警提醒：陈党员第1个月整改转化效果不明显"},
        )
        self.assertEqual(
            plain(case.message_ids[:1].body),
            "Warning: poor progress of 陈党员 in month 1. Review opinion: "
            "整改效果不明显。",
        )

    # ------------------------------------------------------------------
    # publication as the superuser
    # ------------------------------------------------------------------

    def test_publication_by_the_superuser_is_posted_in_chinese(self):
        line = self._line(self.member_a1, "k01_1", -5, date(2025, 2, 10))
        line.action_register()
        publication = self._publish_quarter("1", publish=False)
        publication.with_user(self.user_secretary_a).action_approve()
        publication.with_env(self.bot).action_publish()
        self.assertEqual(publication.state, "published")
        body = self.branch_a.message_ids[:1].body
        self.assertIn("<p>第一党支部2025年第1季度积分已通报。</p>", body)
        self.assertIn("<th>排名</th><th>党员</th><th>积分</th>", body)
        self.assertChinese([body])
