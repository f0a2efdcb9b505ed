# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 15, item 4 (finding f): the date a public method is given.

One check (``check_action_date``) for every dated step: a real date (a
string that does not parse gets a translated message, not a traceback), not
in the future, not before the record's own start (the opening of a laggard
case and its previous step, a departure, the month of a dues line, the line
a correction reverses), and not in a closed points cycle where the date
feeds the ledger (R-SCORE-4). A laggard case's opening date is fixed when
the case is opened: it sets the case's cycle and quarter."""

from datetime import date, timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.party_points.models.party_workflow_mixin import party_today

from .common import DuesCommon, LaggardCase, PartyPointsCommon, open_cycle
from .helpers import rpc_fault


def close_cycle(cycle):
    """Close ``cycle`` at once: the committee's close waits for the year to
    be over and published; the test owns its transaction."""
    cycle.env.cr.execute(
        "UPDATE party_score_cycle SET state = 'closed' WHERE id = %s", [cycle.id]
    )
    cycle.invalidate_recordset(["state"])


@tagged("post_install", "-at_install")
class TestLaggardStepDates(LaggardCase):
    def _assert_unchanged(self, case, state, steps):
        case.invalidate_recordset()
        self.assertEqual((case.state, len(case.step_ids)), (state, steps))

    def test_a_step_is_not_dated_before_the_opening_nor_the_previous_step(self):
        case = self._open()  # opened on 2025-04-01
        secretary = case.with_user(self.user_secretary_a)
        with self.assertRaisesRegex(
            UserError,
            "A step of the case of 吴一 cannot be dated before the opening of the "
            "case, on 2025-04-01: 2025-03-31 is earlier.",
        ):
            secretary.action_announce(date(2025, 3, 31), "通报。")
        self._assert_unchanged(case, "proposed", 0)
        secretary.action_announce(date(2025, 4, 10), "通报。")
        with self.assertRaisesRegex(
            UserError,
            "cannot be dated before its previous step, on 2025-04-10: 2025-04-09 "
            "is earlier.",
        ):
            secretary.action_determine(date(2025, 4, 9), "初定。")
        self._assert_unchanged(case, "announced", 1)
        secretary.action_determine(date(2025, 4, 10), "初定。")
        self._assert_unchanged(case, "determined", 2)

    def test_a_rectification_cannot_start_before_the_transfer(self):
        # the period runs from its start: back-dating it would shorten it
        case = self._decided(self._open())
        case.with_user(self.user_manager).write({"rectification_months": 2})
        case.with_user(self.user_manager).action_transfer(
            date(2025, 4, 12), "组织关系转入党性教育党支部。"
        )
        case.with_user(self.secretary_e).write(
            {
                "mentor_ids": [(6, 0, (self.mentor_1 | self.mentor_2).ids)],
                "cause_category": "a",
                "rectification_plan": "每月参加组织生活。",
            }
        )
        with self.assertRaisesRegex(UserError, "before its previous step"):
            case.with_user(self.secretary_e).action_start_rectification(
                date(2025, 4, 11), "制定整改计划。"
            )
        self.assertEqual(
            (case.state, case.start_date, case.end_date), ("transferred", False, False)
        )

    def test_a_step_is_not_dated_in_the_future(self):
        case = self._open()
        tomorrow = party_today(case) + timedelta(days=1)
        with self.assertRaisesRegex(UserError, "is in the future"):
            case.with_user(self.user_secretary_a).action_announce(tomorrow, "通报。")
        self._assert_unchanged(case, "proposed", 0)

    def test_a_step_is_not_dated_in_a_closed_cycle(self):
        # R-SCORE-4: a case opened in 2025 goes on after the close, dated in
        # an open year only
        case = self._open()
        close_cycle(self.cycle)
        with self.assertRaisesRegex(
            UserError,
            "A step of the case of 吴一 cannot be dated 2025-04-10: the points cycle "
            "2025 is closed, and a closed year no longer changes.",
        ):
            case.with_user(self.user_secretary_a).action_announce(
                date(2025, 4, 10), "通报。"
            )
        self._assert_unchanged(case, "proposed", 0)
        today = party_today(case)
        open_cycle(self.env, today.year)
        case.with_user(self.user_secretary_a).action_announce(today, "通报。")
        self.assertEqual(case.step_ids.date, today)

    def test_a_date_that_is_no_date_is_refused_with_a_message(self):
        case = self._open().with_user(self.user_secretary_a)
        for value in ("2025-02-30", "明天", 20250410, [2025, 4, 10], True):
            with self.assertRaisesRegex(
                ValidationError,
                "A step of the case of 吴一: .* is not a date; enter it as YYYY-MM-DD.",
            ):
                case.action_announce(value, "通报。")
        self._assert_unchanged(case, "proposed", 0)
        # a string that is a date is fine (the demo data and RPC send strings)
        case.action_announce("2025-04-10", "通报。")
        self.assertEqual(case.step_ids.date, date(2025, 4, 10))

    def test_the_opening_date_is_fixed_when_the_case_is_opened(self):
        case = self._open()
        before = (case.open_date, case.cycle_id, case.quarter, case.name)
        for user in (self.user_secretary_a, self.user_manager):
            with self.assertRaisesRegex(
                UserError,
                "The opening date of the laggard case of 吴一 is fixed when the case "
                "is opened",
            ):
                case.with_user(user).write({"open_date": date(2025, 1, 5)})
        with self.assertRaisesRegex(UserError, "is fixed when the case is opened"):
            case.write({"open_date": date(2025, 7, 1)})
        case.invalidate_recordset()
        self.assertEqual(
            (case.open_date, case.cycle_id, case.quarter, case.name), before
        )
        # opening itself refuses a closed year
        close_cycle(self.cycle)
        with self.assertRaisesRegex(UserError, "is closed"):
            self._open(self.member_b1, day=date(2025, 5, 1), user=self.user_manager)


@tagged("post_install", "-at_install")
class TestOtherActionDates(DuesCommon, LaggardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_dues()

    def test_dues_payment_dates(self):
        line = self._line(self.member_a1, "2026-03-01")
        tomorrow = party_today(line) + timedelta(days=1)
        for value, message in (
            ("2026-03-32", "is not a date"),
            ("三月十日", "is not a date"),
            (tomorrow, "is in the future"),
            ("2026-02-28", "before the month it is for, on 2026-03-01"),
        ):
            with self.assertRaisesRegex(UserError, message):
                line.action_record_payment(40.0, value)
            with self.assertRaisesRegex(UserError, message):
                line.action_pay_in_full(value)
        self.assertEqual(
            (line.state, line.amount_paid, line.payment_date), ("due", 0.0, False)
        )
        line.action_pay_in_full("2026-03-10")
        self.assertEqual((line.state, line.payment_date), ("paid", date(2026, 3, 10)))

    def test_mobile_return_and_transfer_dates(self):
        record = self._mobile(expected_return=False, fixed_place=True)
        record.action_depart()
        tomorrow = party_today(record) + timedelta(days=1)
        for value, message in (
            ("2025-01-99", "The return of 吴一: 2025-01-99 is not a date"),
            (tomorrow, "The return of 吴一 is recorded once it happened"),
            (date(2025, 1, 9), "before the departure, on 2025-01-10"),
        ):
            with self.assertRaisesRegex(UserError, message):
                record.action_return(value)
        with self.assertRaisesRegex(UserError, "The transfer of 吴一 is recorded once"):
            record.action_transfer(tomorrow)
        self.assertEqual((record.state, record.actual_return), ("out", False))
        self.assertEqual(self.member_a1.branch_id, self.branch_a)

    def test_history_dates_of_the_member(self):
        Wizard = self.env["party.member.change.wizard"].with_user(self.user_secretary_a)
        tomorrow = party_today(Wizard) + timedelta(days=1)
        wizard = Wizard.create(
            {
                "member_id": self.member_a1.id,
                "field": "status",
                "status": "rectification",
                "date": tomorrow,
                "reason": "测试",
            }
        )
        with self.assertRaisesRegex(UserError, "The change of 吴一 is recorded once"):
            wizard.action_apply()
        with self.assertRaisesRegex(
            ValidationError, "The change of 吴一: .* is not a date"
        ):
            self.member_a1._record_change(
                "status", "rectification", "2025-02-30", "测试"
            )
        with self.assertRaisesRegex(
            ValidationError, "The transfer of 吴一: .* is not a date"
        ):
            self.member_a1._transfer_to(self.branch_b, "去年", "测试")
        self.assertEqual(
            (
                self.member_a1.status,
                self.member_a1.branch_id,
                self.member_a1.change_ids,
            ),
            ("normal", self.branch_a, self.env["party.member.change"]),
        )

    def test_a_correction_is_dated_after_the_line_and_in_an_open_year(self):
        line = (
            self.env["party.score.line"]
            .with_user(self.user_recorder_a)
            .create(
                {
                    "member_id": self.member_a1.id,
                    "standard_id": self.std("k07").id,
                    "points": -4,
                    "date": date(2025, 3, 3),
                }
            )
        )
        line.action_register()
        with self.assertRaisesRegex(
            UserError, "cannot be dated before the line it corrects, on 2025-03-03"
        ):
            line._create_correction("登记有误", date(2025, 3, 2))
        self.assertFalse(line.correction_ids)
        close_cycle(self.cycle)
        with self.assertRaisesRegex(UserError, "the points cycle 2025 is closed"):
            line._create_correction("登记有误", date(2025, 6, 2))
        self.assertFalse(line.correction_ids)

    def test_a_meeting_of_a_closed_year_is_not_closed(self):
        meeting = self._theme_day(date(2025, 6, 1), self.member_a1, close=False)
        close_cycle(self.cycle)
        with self.assertRaisesRegex(
            UserError, "The meeting .* cannot be dated 2025-06-01: the points cycle"
        ):
            meeting.action_close()
        self.assertEqual(meeting.state, "draft")

    def test_an_exemption_does_not_start_in_a_closed_year(self):
        exemption = (
            self.env["party.member.exemption"]
            .with_user(self.user_secretary_a)
            .create(
                {
                    "member_id": self.member_a1.id,
                    "date_from": date(2025, 6, 1),
                    "date_to": date(2026, 6, 30),
                    "reason_type": "long_sick",
                }
            )
        )
        close_cycle(self.cycle)
        with self.assertRaisesRegex(UserError, "The exemption of 吴一 cannot be dated"):
            exemption.action_submit()
        self.assertEqual(exemption.state, "draft")

    def test_a_watch_decision_is_not_dated_in_the_future(self):
        tomorrow = party_today(self.env.user) + timedelta(days=1)
        Decision = self.env["party.member.watch.decision"].with_user(
            self.user_secretary_a
        )
        with self.assertRaisesRegex(UserError, "The decision on 吴一 is recorded once"):
            Decision.create(
                {
                    "member_id": self.member_a1.id,
                    "kind": "good_reason",
                    "date": tomorrow,
                    "month_from": "2026-05-01",
                    "month_to": "2026-06-01",
                    "reason": "病休",
                }
            )
        self.assertFalse(Decision.search([("member_id", "=", self.member_a1.id)]))


@tagged("post_install", "-at_install")
class TestActionDatesOverRpc(PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.cycle = open_cycle(cls.env, 2025)
        cls.case = cls.env["party.laggard.case"].create(
            {
                "member_id": cls.member_a1.id,
                "open_date": date(2025, 4, 1),
                "shortcomings": "无故不参加组织生活。",
            }
        )

    def _refused(self, user, method, *args):
        args = [self.case.ids, *args]
        return rpc_fault(self, user, "party.laggard.case", method, args)

    def test_a_client_sends_a_bad_date_or_rewrites_the_opening(self):
        fault = self._refused(
            self.user_secretary_a, "action_announce", "2025-04-31", "通报。"
        )
        self.assertIn("is not a date; enter it as YYYY-MM-DD", fault)
        self.assertNotIn("Traceback", fault.split("\n")[0])
        fault = self._refused(self.user_manager, "write", {"open_date": "2025-01-02"})
        self.assertIn("is fixed when the case is opened", fault)
        self.case.invalidate_recordset()
        self.assertEqual(
            (self.case.open_date, self.case.quarter, self.case.state),
            (date(2025, 4, 1), "2", "proposed"),
        )
