# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""R-MEM-6 six-month watch, issue 20 item 1: the daily run judges again only
the members whose facts changed since the last run (attendance, dues,
approved additions, exemptions, good reasons, the member, the branch's first
month), everyone when a month began; its result is the full rebuild's."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.party_points.models.party_member_watch import (
    MARKER_PARAM,
    SOURCE_FACTS,
    SUMMARY_FIELDS,
)
from odoo.addons.party_points.models.party_workflow_mixin import party_today

from .common import PartyPointsCase, PortalCase, evidence_file, open_cycle
from .helpers import execute_kw, rpc_fault

# judged as of 5 November 2026: December 2025 to October 2026
FIRST_DAY = date(2026, 11, 5)
NEXT_DAY = date(2026, 11, 6)
MONTHS_2026 = [date(2026, month, 10) for month in range(1, 11)]
# the tables whose write_date tells the daily run what changed
SOURCE_TABLES = (
    "party_meeting",
    "party_meeting_attendance",
    "party_dues_line",
    "party_score_line",
    "party_member_exemption",
    "party_member_watch_decision",
    "party_mobile_certificate_entry",
    "party_member",
    "party_branch",
)


class WatchDays:
    """The days of the watch in one test transaction, where every write has
    the same timestamp: ``_yesterday`` moves what exists a day back, so that
    what the test writes next is newer than the last run."""

    def _first_run(self, today=FIRST_DAY):
        self.env["ir.config_parameter"].set_param(MARKER_PARAM, False)
        self.Watch._cron_refresh_watch(today=today)
        self._yesterday()

    def _yesterday(self):
        self.env.flush_all()
        for table in SOURCE_TABLES:
            self.env.cr.execute(
                f"UPDATE {table} SET write_date = write_date - interval '1 day',"
                " create_date = create_date - interval '1 day'"
            )
        self.env.invalidate_all()

    def _daily(self, today=NEXT_DAY):
        """The daily run: the members it judged."""
        watches = self.Watch._cron_refresh_watch(today=today)
        self.env.flush_all()
        return watches.member_id

    def _state(self, members=None):
        """{member: (summary, {month: facts})} of the watch rows."""
        domain = [("member_id", "in", members.ids)] if members else []
        self.env.invalidate_all()
        return {
            watch.member_id: (
                tuple(watch[name] for name in SUMMARY_FIELDS),
                {
                    row.month: (*(row[fact] for fact in SOURCE_FACTS), row.complete)
                    for row in watch.month_ids
                },
            )
            for watch in self.Watch.search(domain)
        }

    def _meeting_b(self, day, members):
        """A closed theme Party day of 第二党支部, recorded by the committee."""
        meeting = self.env["party.meeting"].create(
            {
                "name": "主题党日",
                "meeting_type": "theme_day",
                "branch_id": self.branch_b.id,
                "date": day,
                "attendance_ids": [(0, 0, {"member_id": m.id}) for m in members],
            }
        )
        meeting.with_user(self.user_manager).action_close()
        return meeting

    def _rows(self, members):
        """The ids and days of the rows of ``members``: untouched rows keep
        them."""
        watches = self.Watch.search([("member_id", "in", members.ids)])
        return (
            sorted(watches.mapped(lambda w: (w.id, w.refreshed_on))),
            sorted(watches.month_ids.ids),
        )


@tagged("post_install", "-at_install")
class TestWatchIncremental(WatchDays, PartyPointsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Watch = cls.env["party.member.watch"]
        open_cycle(cls.env, 2026)
        cls.member_b2 = cls.Member.create(
            {"name": "褚五", "branch_id": cls.branch_b.id}
        )
        # theme Party days of 第一党支部 every month: 吴一 and 郑二 attend all,
        # 陈党员 January to August only
        for day in MONTHS_2026:
            members = cls.member_a1 | cls.member_a2
            if day.month <= 8:
                members |= cls.member_self
            cls._theme_day(cls, day, members)
        # the branch's dues register, January to October: paid to August
        for member in (cls.member_self, cls.member_a1, cls.member_a2):
            member.dues_base = 4000.0
        cls.env["party.dues.sheet"].with_user(cls.user_recorder_a)._generate_months(
            cls.branch_a.ids, "2026-01-01", "2026-10-01"
        )
        cls.lines = cls.env["party.dues.line"].search(
            [("branch_id", "=", cls.branch_a.id)]
        )
        cls.lines.filtered(lambda line: line.month.month <= 8)._pay_months_in_full()
        cls.everyone = (
            cls.member_self | cls.member_a1 | cls.member_a2 | cls.member_b1
        ) | cls.member_b2

    def _line_of(self, member, month):
        return self.lines.filtered(
            lambda line: line.member_id == member and line.month.month == month
        )

    def _watch(self, member):
        return self.Watch.search([("member_id", "=", member.id)])

    def _assert_as_full_rebuild(self, today=NEXT_DAY):
        """The rows the daily run left are those a full rebuild makes."""
        daily = self._state()
        self.Watch._refresh(today=today)
        self.assertEqual(daily, self._state())

    def test_nothing_changed_nobody_judged(self):
        self._first_run()
        before = self._rows(self.everyone)
        self.assertFalse(self._daily())
        self.assertEqual(self._rows(self.everyone), before)
        self.assertEqual(self._watch(self.member_self).refreshed_on, FIRST_DAY)

    def test_attendance_of_a_closed_meeting(self):
        self._first_run()
        self.assertEqual(self._watch(self.member_self).months_no_attendance, 2)
        untouched = self._rows(self.member_a2 | self.member_b1)
        # 陈党员 attends a meeting of October, closed today
        self._theme_day(date(2026, 10, 20), self.member_self)
        self.assertEqual(self._daily(), self.member_self)
        watch = self._watch(self.member_self)
        self.assertEqual((watch.months_no_attendance, watch.months_no_work), (0, 0))
        self.assertEqual(watch.refreshed_on, NEXT_DAY)
        self.assertEqual(self._rows(self.member_a2 | self.member_b1), untouched)
        self._assert_as_full_rebuild()

    def test_dues_paid(self):
        self._first_run()
        self.assertEqual(self._watch(self.member_self).months_no_dues, 2)
        self._line_of(self.member_self, 10)._pay_months_in_full()
        self.assertEqual(self._daily(), self.member_self)
        self.assertEqual(self._watch(self.member_self).months_no_dues, 0)
        self._assert_as_full_rebuild()

    def test_due_lines_deleted(self):
        self._first_run()
        # October's register was a mistake: its unpaid lines are deleted,
        # the month is no longer judged for the dues of the whole branch
        october = self.lines.filtered(lambda line: line.month.month == 10)
        october.with_user(self.user_secretary_a).unlink()
        self.assertTrue(self._watch(self.member_a1).stale)
        judged = self._daily()
        self.assertEqual(judged, self.member_self | self.member_a1 | self.member_a2)
        watch = self._watch(self.member_self)
        self.assertEqual((watch.months_no_dues, watch.stale), (1, False))
        october_row = watch.month_ids.filtered(lambda m: m.month == date(2026, 10, 1))
        self.assertFalse(october_row.dues_judged)
        # marked once: the next day judges nobody again
        self.assertFalse(self._daily(date(2026, 11, 7)))
        self._assert_as_full_rebuild()

    def test_approved_addition(self):
        self._first_run()
        self.assertEqual(self._watch(self.member_self).months_no_work, 2)
        line = (
            self.env["party.score.line"]
            .with_user(self.user_recorder_a)
            .create(
                {
                    "member_id": self.member_self.id,
                    "standard_id": self.std("j01").id,
                    "points": 3,
                    "date": date(2026, 10, 15),
                    "description": "志愿服务",
                    "attachment_ids": evidence_file(),
                }
            )
        )
        line.with_user(self.user_recorder_a).action_submit()
        # not approved yet: no Party work for the watch, nobody judged
        self.assertFalse(self._daily())
        self._yesterday()
        line.with_user(self.user_secretary_a).action_verify()
        line.with_user(self.user_manager).action_approve()
        self.assertEqual(self._daily(), self.member_self)
        self.assertEqual(self._watch(self.member_self).months_no_work, 0)
        self._assert_as_full_rebuild()

    def test_exemption_approved(self):
        self._first_run()
        exemption = self.env["party.member.exemption"].create(
            {
                "member_id": self.member_self.id,
                "date_from": date(2026, 9, 1),
                "date_to": date(2026, 10, 31),
                "reason_type": "long_sick",
            }
        )
        exemption.action_submit()
        exemption.with_user(self.user_manager).action_approve()
        self.assertEqual(self._daily(), self.member_self)
        watch = self._watch(self.member_self)
        self.assertEqual((watch.level, watch.months_missing), ("ok", 0))
        self.assertTrue(all(watch.month_ids[:2].mapped("excused")))
        self._assert_as_full_rebuild()

    def test_good_reason_decision(self):
        self._first_run()
        decision = (
            self.env["party.member.watch.decision"]
            .with_user(self.user_secretary_a)
            .create(
                {
                    "member_id": self.member_self.id,
                    "kind": "good_reason",
                    "date": date(2026, 11, 6),
                    "month_from": date(2026, 9, 1),
                    "month_to": date(2026, 10, 1),
                    "reason": "住院治疗",
                }
            )
        )
        decision.with_user(self.user_secretary_a).action_confirm()
        self.assertEqual(self._daily(), self.member_self)
        self.assertEqual(self._watch(self.member_self).months_missing, 0)
        self._assert_as_full_rebuild()

    def test_member_moved_or_leaving(self):
        self._first_run()
        self.assertEqual(len(self._watch(self.member_a2).month_ids), 10)
        # 郑二 moves to 第二党支部, which keeps no records yet; 吴一 is
        # removed from the Party (R-MEM-5: the status change is recorded)
        self.member_a2.branch_id = self.branch_b
        self.member_a1.status = "removed"
        self.assertEqual(self._daily(), self.member_a2)
        watch = self._watch(self.member_a2)
        self.assertEqual((watch.branch_id, watch.month_ids.ids), (self.branch_b, []))
        self.assertFalse(self._watch(self.member_a1))
        self._assert_as_full_rebuild()

    def test_branch_first_meeting_closed(self):
        self._first_run()
        self.assertFalse(self._watch(self.member_b2).month_ids)
        # 第二党支部's first closed meeting, in September: from then on its
        # members are judged, 褚五 who did not attend too
        self._meeting_b(date(2026, 9, 15), self.member_b1)
        self.assertEqual(self._daily(), self.member_b1 | self.member_b2)
        watch = self._watch(self.member_b2)
        self.assertEqual(
            watch.month_ids.mapped("month"), [date(2026, 10, 1), date(2026, 9, 1)]
        )
        self.assertEqual(watch.months_no_attendance, 2)
        # a second meeting, in October, no longer moves the first month
        self._yesterday()
        self._meeting_b(date(2026, 10, 15), self.member_b1)
        self.assertEqual(self._daily(date(2026, 11, 7)), self.member_b1)
        self._assert_as_full_rebuild(date(2026, 11, 7))

    def test_group_moved_to_another_branch(self):
        self._first_run()
        # 第一党小组 now belongs to 第二党支部: 郑二 scores there
        self.group_a.parent_id = self.branch_b
        self.assertEqual(self._daily(), self.member_a2)
        self.assertEqual(self._watch(self.member_a2).branch_id, self.branch_b)
        self._assert_as_full_rebuild()

    def test_new_month_rebuilds_everyone(self):
        self._first_run()
        self._daily()
        judged = self._daily(date(2026, 12, 1))
        self.assertEqual(judged, self.Watch.search([]).member_id)
        self.assertLess(self.everyone, judged)
        self.assertEqual(
            self._watch(self.member_self).month_ids[:1].month, date(2026, 11, 1)
        )
        marker = self.env["ir.config_parameter"].get_param(MARKER_PARAM)
        self.assertIn('"month": "2026-11-01"', marker)
        # the committee's full rebuild also judges everyone it serves
        self._yesterday()
        self.Watch.with_user(self.user_manager).action_refresh()
        self.assertEqual(
            self._watch(self.member_b1).refreshed_on, party_today(self.Watch)
        )

    def test_daily_run_as_full_rebuild_after_many_changes(self):
        self._first_run()
        self._theme_day(date(2026, 10, 20), self.member_self)
        self._line_of(self.member_a1, 10)._pay_months_in_full()
        self._line_of(self.member_a2, 9).with_user(self.user_secretary_a).unlink()
        self._meeting_b(date(2026, 9, 15), self.member_b1)
        self.member_a2.join_date = date(2026, 6, 1)
        self.assertEqual(self._daily(), self.everyone)
        self._assert_as_full_rebuild()

    def test_unchanged_members_cost_nothing(self):
        # R-MEM-6, issue 20: the daily run's queries do not grow with the
        # members who did not change: one attendance among 10 or 100 members
        queries = []
        extra = self.Member
        for count, day in ((10, 20), (100, 21)):
            extra |= self.Member.create(
                [
                    {"name": f"党员{i}", "branch_id": self.branch_a.id}
                    for i in range(len(extra), count)
                ]
            )
            self._first_run()
            # a member who had not attended in October yet
            self._theme_day(date(2026, 10, day), extra[-1])
            self.env.flush_all()
            start = self.env.cr.sql_log_count
            self.assertEqual(self._daily(), extra[-1])
            queries.append(self.env.cr.sql_log_count - start)
        self.assertEqual(queries[0], queries[1])
        self.assertLess(queries[0], 60)


@tagged("post_install", "-at_install")
class TestWatchIncrementalRpc(WatchDays, PortalCase):
    def test_officer_refreshes_only_their_scope(self):
        self.Watch = self.env["party.member.watch"]
        self._meeting_b(date(2026, 9, 15), self.member_b1)
        self._first_run()
        recorder = self.user_recorder_a
        recorder.password = recorder.login
        before = self._rows(self.member_b1)
        execute_kw(self, recorder, "party.member.watch", "action_refresh", [])
        # 第一党支部's members rebuilt, 第二党支部's untouched
        self.env.invalidate_all()
        self.assertEqual(self._rows(self.member_b1), before)
        self.assertEqual(
            self.Watch.search([("member_id", "=", self.member_self.id)]).refreshed_on,
            party_today(self.Watch),
        )
        # the daily run and its parts are no RPC endpoints
        for method in ("_cron_refresh_watch", "_refresh", "_mark_stale"):
            fault = rpc_fault(self, recorder, "party.member.watch", method, [])
            self.assertIn("cannot be called remotely", fault)
        self.assertEqual(self._rows(self.member_b1), before)
