# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mobile members (流动党员, DOMAIN §7, issue 9): the expected absence
decides the treatment (R-MOB-1), the contact duties and their reminders
(R-MOB-3), silence proposes a laggard case (R-MOB-5), members gathered at
one place are offered a temporary branch (R-MOB-4), long stays abroad and
settling abroad are raised to the committee (R-MOB-6)."""

from datetime import date

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.party_points.models.party_workflow_mixin import party_today

from ..models.party_mobile_member import normalise_place, treatment_for
from .common import MobileCase, open_cycle


@tagged("post_install", "-at_install")
class TestMobileTreatment(MobileCase):
    def test_treatment_at_the_three_and_six_month_boundaries(self):
        # R-MOB-1: under 3 months keep contact; exactly 3 to exactly 6 months a
        # letter; over 6 months transfer (fixed place) or certificate
        out = date(2025, 1, 15)
        cases = [
            (date(2025, 4, 14), True, "contact"),
            (date(2025, 4, 15), True, "letter"),
            (date(2025, 7, 15), True, "letter"),
            (date(2025, 7, 16), True, "transfer"),
            (date(2025, 7, 16), False, "certificate"),
            (False, True, "transfer"),
            (False, False, "certificate"),
        ]
        for back, fixed, expected in cases:
            self.assertEqual(treatment_for(out, back, fixed, False), expected, back)
        self.assertEqual(treatment_for(out, date(2025, 2, 1), True, True), "abroad")
        # the same on records, and the form follows the dates
        record = self._mobile(
            departure_date=out, expected_return=date(2025, 4, 14), fixed_place=False
        )
        self.assertEqual(record.treatment, "contact")
        with Form(record.with_user(self.user_manager)) as form:
            form.expected_return = date(2025, 4, 15)
            self.assertEqual(form.treatment, "letter")
            form.expected_return = date(2025, 7, 16)
            self.assertEqual(form.treatment, "certificate")
            form.fixed_place = True
            self.assertEqual(form.treatment, "transfer")
        self.assertEqual(record.treatment, "transfer")
        self.assertAlmostEqual(record.expected_months, 6.0, places=0)

    def test_destinations_meet_under_one_key(self):
        self.assertEqual(normalise_place(" 深圳 市 "), normalise_place("深圳市"))
        self.assertEqual(normalise_place("Shenzhen, "), normalise_place("shenzhen"))
        self.assertEqual(normalise_place("ＳＨＥＮＺＨＥＮ"), "shenzhen")

    def test_letter_issued_once_by_the_branch_secretary(self):
        record = self._mobile(user=self.user_secretary_a)
        self.assertEqual(record.treatment, "letter")
        with self.assertRaises(AccessError):
            record.with_user(self.user_recorder_a).action_issue_letter()
        action = record.with_user(self.user_secretary_a).action_issue_letter()
        self.assertEqual(
            action["report_name"], "party_points.report_party_mobile_letter"
        )
        self.assertRegex(record.letter_number, r"^20\d\d-\d{4}$")
        self.assertEqual(record.letter_host, "深圳某电子公司")
        with self.assertRaisesRegex(UserError, "already has the certificate letter"):
            record.with_user(self.user_secretary_a).action_issue_letter()
        # a short absence calls for no letter
        short = self._mobile(
            self.member_a2,
            departure_date=date(2025, 6, 1),
            expected_return=date(2025, 7, 1),
        )
        with self.assertRaisesRegex(
            UserError, "calls for “Keep Contact and Pay Dues at Home”, not"
        ):
            short.with_user(self.user_secretary_a).action_issue_letter()
        # the secretary of another branch does not serve the member
        other = self._mobile(self.member_b1)
        with self.assertRaises(AccessError):
            other.with_user(self.user_secretary_a).action_issue_letter()

    def test_transfer_inside_and_outside_the_company(self):
        # R-MOB-1, R-ORG-3: through the registry's transfer history
        inside = self._out(
            expected_return=date(2026, 1, 10), host_branch_id=self.branch_b.id
        )
        inside.with_user(self.user_manager).action_transfer(date(2025, 1, 20))
        self.assertEqual(inside.state, "transferred")
        self.assertEqual(self.member_a1.branch_id, self.branch_b)
        move = self.member_a1.transfer_ids
        self.assertEqual(
            (move.date, move.from_branch_id, move.to_branch_id),
            (date(2025, 1, 20), self.branch_a, self.branch_b),
        )
        outside = self._out(self.member_a2, expected_return=False)
        with self.assertRaisesRegex(UserError, "before the departure"):
            outside.with_user(self.user_manager).action_transfer(date(2025, 1, 1))
        outside.with_user(self.user_secretary_a).action_transfer(date(2025, 2, 1))
        self.assertEqual(
            (self.member_a2.status, self.member_a2.active),
            ("transferred_out", False),
        )
        self.assertEqual(
            self.member_a2.transfer_ids.external_organisation, "深圳某电子公司"
        )

    def test_departure_return_and_lost_contact(self):
        record = self._mobile(user=self.user_recorder_a)
        with self.assertRaisesRegex(UserError, "this step needs it"):
            record.with_user(self.user_recorder_a).action_return(date(2025, 3, 1))
        record.with_user(self.user_recorder_a).action_depart()
        record.with_user(self.user_recorder_a).action_mark_lost_contact()
        self.assertEqual(record.state, "lost_contact")
        record.with_user(self.user_recorder_a).action_contact_restored()
        record.with_user(self.user_recorder_a).action_return(date(2025, 5, 2))
        self.assertEqual(
            (record.state, record.actual_return), ("returned", date(2025, 5, 2))
        )
        with self.assertRaisesRegex(UserError, "closed"):
            record.with_user(self.user_recorder_a).write({"destination": "上海"})


@tagged("post_install", "-at_install")
class TestMobileBadInput(MobileCase):
    def test_return_before_departure(self):
        with self.assertRaisesRegex(ValidationError, "before the departure"):
            self._mobile(expected_return=date(2025, 1, 9))
        record = self._out()
        with self.assertRaisesRegex(UserError, "before the departure"):
            record.with_user(self.user_manager).action_return(date(2025, 1, 9))
        self.assertEqual((record.state, record.actual_return), ("out", False))

    def test_contact_in_the_future(self):
        record = self._out()
        tomorrow = fields.Date.add(party_today(record), days=1)
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self.env["party.mobile.contact"].with_user(self.user_recorder_a).create(
                {"mobile_id": record.id, "date": tomorrow, "summary": "电话"}
            )
        self.assertFalse(record.contact_ids)

    def test_contact_and_report_not_before_the_departure(self):
        # R-MOB-3: news of an absence is dated within it (departure 2025-01-10)
        record = self._out()
        with self.assertRaisesRegex(ValidationError, "before 吴一 left"):
            self.env["party.mobile.contact"].with_user(self.user_recorder_a).create(
                {"mobile_id": record.id, "date": date(2025, 1, 9), "summary": "电话"}
            )
        with self.assertRaisesRegex(ValidationError, "before 吴一 left"):
            self.env["party.mobile.report"].with_user(self.user_recorder_a).create(
                {
                    "mobile_id": record.id,
                    "date": date(2025, 1, 9),
                    "report_text": "思想汇报",
                }
            )
        self.assertFalse(record.contact_ids)

    def test_member_of_another_company(self):
        company2 = self.env["res.company"].create({"name": "恒远实业有限公司"})
        committee2 = self.Branch.create(
            {"name": "恒远党委", "kind": "committee", "company_id": company2.id}
        )
        member2 = self.Member.create({"name": "林党员", "branch_id": committee2.id})
        with self.assertRaisesRegex(ValidationError, "record the absence in that"):
            self._mobile(member2)
        self.assertFalse(self.Mobile.search([("member_id", "=", member2.id)]))

    def test_two_overlapping_absences(self):
        self._out()
        with self.assertRaisesRegex(ValidationError, "overlaps"):
            self._mobile(
                departure_date=date(2025, 5, 1), expected_return=date(2025, 8, 1)
            )
        # after the return, the next absence may start
        self._mobile(departure_date=date(2025, 5, 11), expected_return=False)

    def test_contact_person_is_a_full_member_of_the_branch(self):
        self.member_a2.member_type = "probationary"
        for contact in (self.member_b1, self.member_a1, self.member_a2):
            with self.assertRaisesRegex(ValidationError, "contact person"):
                self._mobile(contact_member_id=contact.id)
        record = self._mobile(contact_member_id=self.member_self.id)
        self.assertEqual(record.contact_member_id, self.member_self)


@tagged("post_install", "-at_install")
class TestMobileDuties(MobileCase):
    def test_quarter_without_contact_reminds_once(self):
        # R-MOB-3: the contact person (here without a user: the recorder)
        record = self._out(contact_member_id=self.member_self.id)
        self.assertEqual(record._contact_user(), self.user_member)
        record._cron_watch_mobile_members(date(2025, 4, 9))
        self.assertFalse(self._activities(record, self.user_member, "Contact"))
        record._cron_watch_mobile_members(date(2025, 4, 10))
        record._cron_watch_mobile_members(date(2025, 4, 11))
        reminders = self._activities(record, self.user_member, "Contact")
        self.assertEqual(len(reminders), 1)
        self.assertIn("no contact since Jan 10, 2025", reminders.summary)
        self.env["party.mobile.contact"].with_user(self.user_recorder_a).create(
            {"mobile_id": record.id, "date": date(2025, 4, 12), "summary": "电话联系"}
        )
        self.assertEqual(record.last_contact_date, date(2025, 4, 12))
        record._cron_watch_mobile_members(date(2025, 7, 11))
        self.assertEqual(len(self._activities(record, self.user_member, "Contact")), 1)
        record._cron_watch_mobile_members(date(2025, 7, 12))
        self.assertEqual(len(self._activities(record, self.user_member, "Contact")), 2)
        # without a contact person's user: the branch recorder
        other = self._out(self.member_a2, expected_return=date(2025, 3, 1))
        other._cron_watch_mobile_members(date(2025, 4, 10))
        self.assertEqual(
            len(self._activities(other, self.user_recorder_a, "Contact")), 1
        )

    def test_half_yearly_report_is_reminded_to_the_member(self):
        record = self._out(self.member_self, expected_return=False)
        record._cron_watch_mobile_members(date(2025, 7, 9))
        self.assertFalse(
            self._activities(record, self.user_member).filtered(
                lambda a: "report" in a.summary
            )
        )
        record._cron_watch_mobile_members(date(2025, 7, 10))
        reports = self._activities(record, self.user_member).filtered(
            lambda a: "report" in a.summary
        )
        self.assertEqual(len(reports), 1)
        self.assertTrue(record.report_overdue)
        self.assertIn(record, self.Mobile.search([("report_overdue", "=", True)]))
        # the member reports: no longer overdue
        self.env["party.mobile.report"].with_user(self.user_member).create(
            {"mobile_id": record.id, "date": date(2025, 7, 11), "report_text": "汇报"}
        )
        self.assertEqual(record.last_report_date, date(2025, 7, 11))
        self.assertEqual(record.report_ids.period, "2025 H2")
        self.assertEqual(record.last_member_news_date, date(2025, 7, 11))

    def test_three_months_without_report_proposes_one_laggard_case(self):
        # R-MOB-5, 附件2 cause (a): no report and no contact from the member
        open_cycle(self.env, 2025)
        record = self._out(expected_return=False)
        Contact = self.env["party.mobile.contact"]
        Contact.create(
            {
                "mobile_id": record.id,
                "date": date(2025, 3, 1),
                "initiated_by": "branch",
                "summary": "支部电话联系，未接通",
            }
        )
        record._cron_watch_mobile_members(date(2025, 4, 9))
        self.assertFalse(record.silence_case_id)
        record._cron_watch_mobile_members(date(2025, 4, 10))
        case = record.silence_case_id
        self.assertEqual(
            (case.member_id, case.origin, case.cause_category, case.state),
            (self.member_a1, "mobile_silence", "a", "proposed"),
        )
        self.assertEqual((case.open_date, case.quarter), (date(2025, 4, 10), "2"))
        self.assertIn("no report and no contact from the member", case.shortcomings)
        self.assertNotIn("R-MOB", case.shortcomings)
        record._cron_watch_mobile_members(date(2025, 8, 1))
        Case = self.env["party.laggard.case"]
        self.assertEqual(Case.search_count([("member_id", "=", self.member_a1.id)]), 1)

    def test_news_from_the_member_keeps_the_case_away(self):
        open_cycle(self.env, 2025)
        record = self._out(expected_return=False)
        self.env["party.mobile.contact"].create(
            {
                "mobile_id": record.id,
                "date": date(2025, 2, 1),
                "initiated_by": "member",
                "summary": "本人来电汇报",
            }
        )
        self.assertEqual(record.last_member_news_date, date(2025, 2, 1))
        record._cron_watch_mobile_members(date(2025, 4, 30))
        self.assertFalse(record.silence_case_id)
        record._cron_watch_mobile_members(date(2025, 5, 1))
        self.assertEqual(record.silence_case_id.origin, "mobile_silence")


@tagged("post_install", "-at_install")
class TestMobileTemporaryBranch(MobileCase):
    def test_three_members_at_one_place_are_offered_a_temporary_branch(self):
        # R-MOB-4: 2 members out at one place: nothing; 3: a suggestion
        Place = self.env["party.mobile.place"]
        first = self._out(self.member_a1, destination="广东省 深圳市")
        self._out(self.member_a2, destination="广东省深圳市")
        self._out(self.member_b1, destination="上海市")
        self._mobile(self.member_self, destination="广东省深圳市")  # planned only
        self.assertFalse(Place.search([]))
        first._cron_watch_mobile_members(date(2025, 2, 1))
        self.assertFalse(self._activities(first))
        third = self._out(self.member_m1, destination="广东省深圳市。")
        place = Place.search([])
        self.assertEqual(
            (place.member_count, place.destination_key), (3, "广东省深圳市")
        )
        self.assertEqual(
            place.mobile_ids.member_id, self.member_a1 | self.member_a2 | self.member_m1
        )
        first._cron_watch_mobile_members(date(2025, 2, 1))
        first._cron_watch_mobile_members(date(2025, 2, 2))
        suggestions = self.Activity.search(
            [("res_model", "=", first._name), ("summary", "ilike", "temporary")]
        )
        self.assertEqual(len(suggestions), 1)
        self.assertEqual(suggestions.user_id, self.user_manager)
        with self.assertRaises(AccessError):
            place.with_user(self.user_secretary_a).action_create_temporary_branch()
        action = place.with_user(self.user_manager).action_create_temporary_branch()
        branch = self.Branch.browse(action["res_id"])
        self.assertEqual(
            (branch.branch_type, branch.kind, branch.parent_id),
            ("temporary", "branch", self.committee),
        )
        self.assertEqual(third.temporary_branch_id, branch)
        self.assertEqual(first.temporary_branch_id, branch)
        # nobody's relationship moves
        self.assertEqual(self.member_a1.branch_id, self.branch_a)
        self.assertFalse(self.member_a1.transfer_ids)
        with self.assertRaisesRegex(UserError, "already has the temporary branch"):
            place.with_user(self.user_manager).action_create_temporary_branch()


@tagged("post_install", "-at_install")
class TestMobileAbroad(MobileCase):
    def test_more_than_a_year_abroad_is_raised_to_the_committee(self):
        # R-MOB-6 (出境逾期一年以上未归): counted from the approved return date;
        # exactly one year past it: not yet; one day more: flag + activity
        record = self._out(
            abroad=True,
            abroad_kind="short_trip",
            destination="日本东京",
            departure_date=date(2024, 3, 1),
            expected_return=date(2024, 4, 1),
        )
        self.assertEqual(record.treatment, "abroad")
        record._cron_watch_mobile_members(date(2025, 3, 2))
        record._cron_watch_mobile_members(date(2025, 4, 1))
        self.assertFalse(record.flag_overstay)
        record._cron_watch_mobile_members(date(2025, 4, 2))
        record._cron_watch_mobile_members(date(2025, 4, 3))
        self.assertTrue(record.flag_overstay)
        raised = self._activities(record, self.user_manager).filtered(
            lambda a: "abroad" in a.summary
        )
        self.assertEqual(len(raised), 1)
        self.assertIn("more than a year past the approved", record.message_ids[0].body)

    def test_approved_study_abroad_counts_from_the_approved_return(self):
        # a two-year study abroad (approved return 1 September 2026) is not
        # overstaying after 13 months; its leave extended (续假) to 1 March
        # 2027, it is 12 months later, extension included
        record = self._out(
            abroad=True,
            abroad_kind="other",
            reason="study",
            destination="英国伦敦",
            departure_date=date(2024, 9, 1),
            expected_return=date(2026, 9, 1),
        )
        record._cron_watch_mobile_members(date(2025, 10, 1))
        self.assertFalse(record.flag_overstay)
        record._cron_watch_mobile_members(date(2027, 9, 1))
        self.assertFalse(record.flag_overstay)
        record.with_user(self.user_recorder_a).expected_return = date(2027, 3, 1)
        record._cron_watch_mobile_members(date(2028, 3, 1))
        self.assertFalse(record.flag_overstay)
        self.assertFalse(self._activities(record, self.user_manager))
        record._cron_watch_mobile_members(date(2028, 3, 2))
        self.assertTrue(record.flag_overstay)
        self.assertIn("Mar 1, 2027", record.message_ids[0].body)

    def test_return_after_overstay_proposes_the_removal_for_the_committee(self):
        # seed 000: 无故超假一年以上回国的党员 … 按自行脱党处理: the return proposes
        # it through the watch's decisions; the committee confirms
        Decision = self.env["party.member.watch.decision"]
        on_time = self._out(
            self.member_b1,
            abroad=True,
            abroad_kind="short_trip",
            destination="日本东京",
            departure_date=date(2024, 3, 1),
            expected_return=date(2024, 4, 1),
        )
        on_time.with_user(self.user_manager).action_return(date(2025, 4, 1))
        self.assertFalse(on_time.flag_overstay)
        self.assertFalse(Decision.search([("member_id", "=", self.member_b1.id)]))
        record = self._out(
            abroad=True,
            abroad_kind="short_trip",
            destination="日本东京",
            departure_date=date(2023, 3, 1),
            expected_return=date(2023, 6, 1),
        )
        record.with_user(self.user_recorder_a).expected_return = date(2024, 1, 1)
        # the watch had not run: the return itself finds the overstay
        record.with_user(self.user_recorder_a).action_return(date(2025, 2, 1))
        self.assertTrue(record.flag_overstay)
        decision = Decision.search([("member_id", "=", self.member_a1.id)])
        self.assertEqual(
            (
                decision.kind,
                decision.state,
                decision.date,
                decision.mobile_id,
                decision.branch_id,
            ),
            ("removal", "proposed", party_today(record), record, self.branch_a),
        )
        self.assertIn("Jan 1, 2024", decision.reason)
        self.assertTrue(
            self._activities(record, self.user_manager).filtered(
                lambda a: "Decide on" in a.summary
            )
        )
        # the branch does not decide it; the committee does
        with self.assertRaises(AccessError):
            decision.with_user(self.user_secretary_a).action_confirm()
        self.assertEqual(decision.state, "proposed")
        self.assertEqual(self.member_a1.status, "normal")
        decision.with_user(self.user_manager).action_confirm()
        self.assertEqual(decision.state, "confirmed")
        self.assertEqual(
            (self.member_a1.status, self.member_a1.active), ("removed", False)
        )
        change = self.member_a1.change_ids.filtered(lambda c: c.field == "status")
        self.assertEqual(change.date, party_today(record))
        self.assertIn("自行脱党", change.reason)
        self.assertIn("Feb 1, 2025", change.reason)

    def test_settling_abroad_and_probationary_status(self):
        self.member_a2.member_type = "probationary"
        record = self._out(
            self.member_a2,
            abroad=True,
            abroad_kind="settle",
            destination="加拿大多伦多",
            expected_return=False,
        )
        self.assertTrue(record.flag_settled_abroad)
        self.assertTrue(record.flag_probation_lapses)
        self.assertEqual(len(self._activities(record, self.user_manager)), 1)
        full = self._out(
            self.member_a1,
            abroad=True,
            abroad_kind="settle",
            destination="加拿大多伦多",
            expected_return=False,
        )
        self.assertEqual(
            (full.flag_settled_abroad, full.flag_probation_lapses), (True, False)
        )
        # going abroad needs the kind of stay
        plan = self._mobile(self.member_self, abroad=True, destination="泰国")
        with self.assertRaisesRegex(UserError, "Say what kind of stay abroad"):
            plan.with_user(self.user_manager).action_depart()


@tagged("post_install", "-at_install")
class TestMobileScoringLink(MobileCase):
    def test_mobile_member_end_to_end_with_the_receiving_branch(self):
        # R-SCORE-9 and R-USE-4: 何四 of the mobile branch, received by the
        # village branch, goes out with an activity certificate; the village
        # scores them and the record shows the deferred transfer
        year = party_today(self.Mobile).year
        cycle = open_cycle(self.env, year)
        record = self._mobile(
            self.member_m1,
            departure_date=date(year, 1, 5),
            expected_return=False,
            fixed_place=False,
        )
        self.assertEqual(record.home_branch_id, self.village)
        self.assertEqual(record.treatment, "certificate")
        record.with_user(self.user_manager).action_depart()
        self._registered(self.member_m1, "k07", -3, date(year, 1, 6), self.recorder_v)
        card = self.env["party.score.card"].search(
            [("member_id", "=", self.member_m1.id), ("cycle_id", "=", cycle.id)]
        )
        self.assertEqual((card.branch_id, card.total_score), (self.village, 77))
        # issue 16: under 90 during the year is a projection; the deferral
        # itself waits for the year's result (the absence shows the flag)
        self.assertEqual(
            (card.projected_transfer_deferred, card.flag_transfer_deferred),
            (True, False),
        )
        seen = record.with_user(self.recorder_v)
        self.assertEqual(
            (seen.home_branch_id, seen.score_year, seen.score_total),
            (self.village, str(year), 77),
        )
        self.assertEqual(
            (seen.flag_transfer_deferred, seen.projected_transfer_deferred),
            (False, True),
        )
        with self.assertRaises(AccessError):
            seen.write({"note": "村支部修改"})
