# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""R-MEM-6 six-month watch (自行脱党预警, issue 9 item 7): the runs of
months without attendance, dues or Party work at their boundaries, the
warning and the flag, and the branch's decisions."""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PartyPointsCase

MONTHS_2026 = [date(2026, month, 10) for month in range(1, 11)]


@tagged("post_install", "-at_install")
class TestMemberWatch(PartyPointsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Watch = cls.env["party.member.watch"]
        cls.Decision = cls.env["party.member.watch.decision"]

    def _theme_days(self, days, attending):
        """A closed theme Party day of the first branch on each of ``days``;
        吴一 attends all of them, ``attending`` those it lists."""
        for day in days:
            members = self.member_a1 | (
                self.member_self if day in attending else self.Member
            )
            self._theme_day(day, members)

    def _watch(self, today):
        self.Watch._refresh(self.member_self, today=today)
        return self.Watch.search([("member_id", "=", self.member_self.id)])

    def _activities(self, watch):
        return self.env["mail.activity"].search(
            [("res_model", "=", "party.member.watch"), ("res_id", "=", watch.id)]
        )

    def test_three_months_nothing_four_months_warning(self):
        # attends January to April, then nothing (R-MEM-6)
        self._theme_days(MONTHS_2026[:8], MONTHS_2026[:4])
        watch = self._watch(date(2026, 8, 5))  # judged: January to July
        self.assertEqual(
            (watch.level, watch.months_no_attendance, watch.months_no_work),
            ("ok", 3, 3),
        )
        self.assertEqual(watch.months_no_dues, 0)  # no dues register: not judged
        self.assertEqual(len(watch.month_ids), 7)
        self.assertFalse(self._activities(watch))
        watch = self._watch(date(2026, 9, 5))
        self.assertEqual((watch.level, watch.months_missing), ("warning", 4))
        self.assertEqual(watch.since_month, date(2026, 5, 1))
        activity = self._activities(watch)
        self.assertEqual(activity.user_id, self.user_recorder_a)
        self.assertIn("4 consecutive months", activity.summary)
        # the daily refresh warns once
        self._watch(date(2026, 9, 6))
        self.assertEqual(len(self._activities(watch)), 1)

    def test_five_months_warning_six_months_flagged(self):
        self._theme_days(MONTHS_2026, MONTHS_2026[:4])
        watch = self._watch(date(2026, 10, 5))
        self.assertEqual((watch.level, watch.months_missing), ("warning", 5))
        watch = self._watch(date(2026, 11, 5))
        self.assertEqual((watch.level, watch.months_missing), ("flagged", 6))
        self.assertEqual(watch.branch_id, self.branch_a)
        summaries = self._activities(watch).mapped("summary")
        self.assertEqual(len(summaries), 2)
        self.assertTrue(any("the branch decides" in s for s in summaries))
        # the evidence per month, oldest judged month first in time
        may = watch.month_ids.filtered(lambda m: m.month == date(2026, 5, 1))
        april = watch.month_ids.filtered(lambda m: m.month == date(2026, 4, 1))
        self.assertEqual((may.attended, may.work, may.complete), (False, False, False))
        self.assertEqual(
            (april.attended, april.work, april.complete), (True, True, True)
        )

    def test_attendance_resets_the_count(self):
        # five months away, back in October
        attending = [*MONTHS_2026[:4], MONTHS_2026[9]]
        self._theme_days(MONTHS_2026, attending)
        watch = self._watch(date(2026, 11, 5))
        self.assertEqual((watch.level, watch.months_missing), ("ok", 0))

    def test_six_months_without_dues(self):
        # attends every month, pays January to March only: the dues run alone
        self._theme_days(MONTHS_2026[:9], MONTHS_2026[:9])
        self.member_self.dues_base = 4000.0
        self.member_a1.dues_base = 4000.0
        self.env["party.dues.sheet"].with_user(self.user_recorder_a)._generate_months(
            self.branch_a.ids, "2026-01-01", "2026-09-01"
        )
        lines = self.env["party.dues.line"].search(
            [("member_id", "=", self.member_self.id)]
        )
        lines.filtered(lambda line: line.month.month <= 3)._pay_months_in_full()
        watch = self._watch(date(2026, 8, 5))  # April to July unpaid
        self.assertEqual(
            (watch.level, watch.months_no_dues, watch.months_no_attendance),
            ("warning", 4, 0),
        )
        watch = self._watch(date(2026, 10, 5))  # April to September
        self.assertEqual((watch.level, watch.months_no_dues), ("flagged", 6))
        # a partial payment counts as paid for the watch
        lines.filtered(lambda line: line.month.month == 9).action_record_payment(
            1.0, "2026-09-30"
        )
        watch = self._watch(date(2026, 10, 5))
        self.assertEqual((watch.level, watch.months_no_dues), ("ok", 0))

    def test_branch_without_records_flags_nobody(self):
        self.Watch._refresh(self.member_b1, today=date(2026, 11, 5))
        watch = self.Watch.search([("member_id", "=", self.member_b1.id)])
        self.assertEqual((watch.level, watch.months_missing), ("ok", 0))
        self.assertFalse(watch.month_ids)

    def test_good_reason_clears_the_flag(self):
        self._theme_days(MONTHS_2026, MONTHS_2026[:4])
        self._watch(date(2026, 11, 5))
        decision = self.Decision.with_user(self.user_secretary_a).create(
            {
                "member_id": self.member_self.id,
                "kind": "good_reason",
                "date": date(2026, 11, 6),
                "month_from": date(2026, 5, 1),
                "month_to": date(2026, 10, 31),
                "reason": "住院治疗，病休半年",
            }
        )
        self.assertEqual(decision.month_to, date(2026, 10, 1))
        with self.assertRaises(AccessError):
            decision.with_user(self.user_recorder_a).action_confirm()
        decision.with_user(self.user_secretary_a).action_confirm()
        self.assertEqual(decision.state, "confirmed")
        watch = self._watch(date(2026, 11, 5))
        self.assertEqual(watch.level, "ok")
        self.assertTrue(
            all(row.excused for row in watch.month_ids if row.month >= date(2026, 5, 1))
        )
        with self.assertRaisesRegex(UserError, "already taken"):
            decision.with_user(self.user_secretary_a).action_refuse()

    def test_removal_proposed_by_branch_confirmed_by_committee(self):
        self._theme_days(MONTHS_2026[:8], MONTHS_2026[:1])
        vals = {
            "member_id": self.member_self.id,
            "kind": "removal",
            "date": date(2026, 9, 10),
            "reason": "连续六个月无正当理由不参加党的组织生活",
        }
        # not flagged yet: nothing to propose
        self._watch(date(2026, 6, 5))
        with self.assertRaisesRegex(ValidationError, "not flagged"):
            self.Decision.with_user(self.user_secretary_a).create(vals)
        self._watch(date(2026, 9, 5))  # February to August: 7 months
        decision = self.Decision.with_user(self.user_secretary_a).create(vals)
        self.assertEqual(decision.branch_id, self.branch_a)
        with self.assertRaises(AccessError):
            decision.with_user(self.user_secretary_a).action_confirm()
        decision.with_user(self.user_manager).action_confirm()
        self.assertEqual(
            (self.member_self.status, self.member_self.active), ("removed", False)
        )
        change = self.member_self.change_ids.filtered(lambda c: c.field == "status")
        self.assertEqual(change.date, date(2026, 9, 10))
        self.assertIn("自行脱党", change.reason)
        # the member left the watch with their status
        self.assertFalse(self.Watch.search([("member_id", "=", self.member_self.id)]))

    def test_attendance_at_the_host_counts(self):
        # 陈党员 works away from February with an activity certificate: the
        # host organisation records on it the organisational life attended,
        # which the watch counts as attendance
        self._theme_days(MONTHS_2026[:8], MONTHS_2026[:1])
        away = self._mobile(
            self.member_self,
            departure_date=date(2026, 2, 1),
            expected_return=False,
            fixed_place=False,
        )
        away.action_depart()
        away.action_issue_certificate(date(2027, 2, 1))
        Entry = self.env["party.mobile.certificate.entry"].with_user(
            self.user_recorder_a
        )
        base = {
            "certificate_id": away.certificate_ids.id,
            "host_organisation": "深圳某街道流动党员服务站党支部",
            "arrival_date": date(2026, 2, 5),
        }
        with self.assertRaisesRegex(ValidationError, "between the arrival"):
            Entry.create({**base, "activity_date": date(2026, 2, 1)})
        # February to May attended at the host, then nothing
        for day in MONTHS_2026[1:5]:
            Entry.create({**base, "activities": "参加主题党日", "activity_date": day})
        watch = self._watch(date(2026, 9, 5))  # judged: January to August
        self.assertEqual(watch.months_no_attendance, 3)
        self.assertEqual(watch.months_no_work, 7)  # the host gives no points
        months = sorted(watch.month_ids.filtered("attended").mapped("month"))
        self.assertEqual(months, [date(2026, m, 1) for m in range(1, 6)])

    def test_decision_bad_input_and_roles(self):
        Decision = self.Decision.with_user(self.user_secretary_a)
        base = {"member_id": self.member_self.id, "kind": "good_reason"}
        with self.assertRaisesRegex(ValidationError, "first and the last month"):
            Decision.create({**base, "reason": "病休", "month_from": "2026-05-01"})
        with self.assertRaisesRegex(ValidationError, "first and the last month"):
            Decision.create(
                {
                    **base,
                    "reason": "病休",
                    "month_from": "2026-05-01",
                    "month_to": "2026-04-01",
                }
            )
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            Decision.create(
                {
                    **base,
                    "reason": "病休",
                    "month_from": "2026-05-01",
                    "month_to": "2026-06-01",
                    "state": "confirmed",
                }
            )
        with self.assertRaises(AccessError):
            self.Decision.with_user(self.user_recorder_a).create(
                {
                    **base,
                    "reason": "病休",
                    "month_from": "2026-05-01",
                    "month_to": "2026-06-01",
                }
            )

    def test_watch_rows_follow_the_branch_roles(self):
        self._theme_days(MONTHS_2026[:6], MONTHS_2026[:1])
        self.Watch._refresh(self.member_self | self.member_b1, today=date(2026, 7, 5))
        watches = self.Watch.search(
            [("member_id", "in", (self.member_self | self.member_b1).ids)]
        )
        self.assertEqual(len(watches), 2)
        as_recorder = self.Watch.with_user(self.user_recorder_a).search(
            [("id", "in", watches.ids)]
        )
        self.assertEqual(as_recorder.member_id, self.member_self)
        self.assertEqual(
            len(
                self.Watch.with_user(self.user_manager).search(
                    [("id", "in", watches.ids)]
                )
            ),
            2,
        )
        for user in (self.user_member, self.user_hr):
            with self.assertRaises(AccessError):
                self.Watch.with_user(user).search([])
        with self.assertRaises(AccessError):
            as_recorder.with_user(self.user_recorder_a).write({"level": "ok"})

    def test_cron_refreshes_everyone_in_few_queries(self):
        self._theme_days(MONTHS_2026[:6], MONTHS_2026[:1])
        self.Watch._cron_refresh_watch(today=date(2026, 7, 5))
        watch = self.Watch.search([("member_id", "=", self.member_self.id)])
        self.assertEqual((watch.level, watch.months_missing), ("warning", 5))
        # the evidence is gathered by grouped queries, not per member and
        # month: forty more members (joined in June) cost a handful of queries
        extra = self.Member.create(
            [
                {
                    "name": f"党员{i}",
                    "branch_id": self.branch_a.id,
                    "join_date": "2026-06-20",
                }
                for i in range(40)
            ]
        )
        self.env.flush_all()
        queries = []
        for members in (self.member_a1, self.member_a1 | extra):
            start = self.env.cr.sql_log_count
            self.Watch._refresh(members, today=date(2026, 7, 5))
            self.env.flush_all()
            queries.append(self.env.cr.sql_log_count - start)
        self.assertLess(queries[1] - queries[0], 40)
