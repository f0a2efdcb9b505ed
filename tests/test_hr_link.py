# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 8, item 6, R-USE-5: HR staff read the Party score next to the
employee, with its deductions as well as its additions, graded by the
company's bands, and change nothing."""

from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.party_points.models.party_workflow_mixin import party_today

from .common import (
    NominationMixin,
    ResultsCase,
    ScoreCase,
    declare,
    evidence_file,
    open_cycle,
)


@tagged("post_install", "-at_install")
class TestHrLink(ScoreCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.dept = cls.env["hr.department"].create({"name": "生产部"})
        cls.employee_a1 = Employee.create(
            {"name": "吴一", "department_id": cls.dept.id}
        )
        cls.employee_a2 = Employee.create(
            {"name": "郑二", "department_id": cls.dept.id}
        )
        cls.employee_plain = Employee.create({"name": "非党员职工"})
        cls.member_a1.employee_id = cls.employee_a1
        cls.member_a2.employee_id = cls.employee_a2
        # 吴一: +10 and −2 (both count for HR, seed 000), 郑二: −25
        addition = cls._new_line(
            cls.member_a1,
            "j06",
            10,
            date(2025, 2, 3),
            attachment_ids=evidence_file(),
        )
        declare(addition)
        addition.with_user(cls.user_recorder_a).action_verify()
        addition.with_user(cls.user_manager).action_approve()
        deductions = cls._new_line(cls.member_a1, "k07", -2, date(2025, 3, 3))
        deductions |= cls._new_line(cls.member_a2, "k02_1", -20, date(2025, 3, 3))
        deductions |= cls._new_line(cls.member_a2, "k01_1", -5, date(2025, 3, 4))
        deductions.with_user(cls.user_recorder_a).action_register()
        # 陈党员 has no line: her card stands at the base score
        cls.env["party.score.card"]._get_or_create(cls.member_self, cls.cycle)

    @classmethod
    def _new_line(cls, member, code, points, day, **vals):
        return cls.Line.with_user(cls.user_recorder_a).create(
            {
                "member_id": member.id,
                "standard_id": cls.env.ref(f"party_points.standard_{code}").id,
                "points": points,
                "date": day,
                # a declaration says what was done
                **({"description": "志愿服务"} if points > 0 else {}),
                **vals,
            }
        )

    def _assessment(self, employee, user=None):
        Assessment = self.env["party.hr.assessment"]
        if user:
            Assessment = Assessment.with_user(user)
        return Assessment.search(
            [("employee_id", "=", employee.id), ("year", "=", "2025")]
        )

    def test_assessment_carries_additions_and_deductions(self):
        # R-USE-5: deductions as well as additions reach HR
        row = self._assessment(self.employee_a1, self.user_hr)
        self.assertEqual(
            (row.addition_points, row.deduction_points, row.total_score),
            (10, -2, 88),
        )
        self.assertEqual(row.member_id, self.member_a1)
        self.assertEqual(row.department_id, self.dept)
        self.assertEqual(row.branch_id, self.branch_a)
        self.assertEqual(row.rank_in_branch, 1)
        self.assertEqual(row.grade_id, self.env.ref("party_points.grade_qualified"))
        other = self._assessment(self.employee_a2, self.user_hr)
        self.assertEqual((other.total_score, other.rank_in_branch), (55, 3))
        self.assertEqual(other.grade_id, self.env.ref("party_points.grade_unqualified"))
        # no member, no assessment
        self.assertFalse(self._assessment(self.employee_plain, self.user_hr))

    def test_grade_bands_on_their_boundaries(self):
        # the default bands: 较差 < 60 ≤ 基本合格 < 80 ≤ 合格 < 100 ≤ 优秀
        card = self._card(self.member_a2)
        expected = [
            (55, "grade_unqualified"),
            (59, "grade_unqualified"),
            (60, "grade_basically_qualified"),
            (79, "grade_basically_qualified"),
            (80, "grade_qualified"),
            (99, "grade_qualified"),
            (100, "grade_excellent"),
        ]
        for score, xmlid in expected:
            self.env.cr.execute(
                "UPDATE party_score_card SET total_score = %s WHERE id = %s",
                [score, card.id],
            )
            self.env.invalidate_all()
            row = self._assessment(self.employee_a2)
            self.assertEqual(
                row.grade_id, self.env.ref(f"party_points.{xmlid}"), f"score {score}"
            )

    def test_employee_form_shows_scores_to_hr(self):
        employee = self.employee_a1.with_user(self.user_hr)
        self.assertEqual(employee.party_member_id, self.member_a1)
        self.assertEqual(employee.party_assessment_ids.mapped("year"), ["2025"])
        self.assertEqual(employee.party_assessment_ids.total_score, 88)
        # the Party Points page of the form is there for HR, read-only
        form = Form(employee)
        self.assertEqual(form.party_assessment_ids[0].grade_id.name, "Qualified")
        self.assertEqual(form.party_score, 0)  # no card in the current year

    def test_hr_sees_the_projection_as_a_projection(self):
        # issue 16, item a: during the year a probationary member under 100
        # is a projection for HR too, never the flag
        self.member_a2.member_type = "probationary"
        Assessment = self.env["party.hr.assessment"].with_user(self.user_hr)

        def row():
            self.env.invalidate_all()
            found = Assessment.search(
                [("member_id", "=", self.member_a2.id), ("year", "=", "2025")]
            )
            return (
                found.total_score,
                found.cycle_state,
                found.flag_probation_cancel,
                found.projected_probation_cancel,
            )

        self.assertEqual(row(), (55, "open", False, True))
        self.assertFalse(
            Assessment.search(
                [("year", "=", "2025"), ("flag_probation_cancel", "=", True)]
            )
        )
        arch = (
            self.env["hr.employee"]
            .with_user(self.user_hr)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn('name="projected_probation_cancel"', arch)
        # final once the branch has published its four quarters, where the
        # cycle says so: the flag, and the projection no more
        self.cycle.flags_final_on_publication = True
        for quarter in "1234":
            self._publish_quarter(quarter, user=self.user_manager)
        self.assertEqual(row(), (55, "open", True, False))

    def test_employee_current_year_score(self):
        # the current cycle is the one of today: give 吴一 a card in it
        year = party_today(self.env.user).year
        cycle = self.env["party.score.cycle"].search(
            [("year", "=", year), ("company_id", "=", self.company.id)]
        ) or self.env["party.score.cycle"].create({"year": year})
        self.env["party.score.card"]._get_or_create(self.member_a1, cycle)
        employee = self.employee_a1.with_user(self.user_hr)
        self.assertEqual(employee.party_score, cycle.base_score)
        self.assertEqual(
            employee.party_grade_id, self.env.ref("party_points.grade_qualified")
        )
        self.assertEqual(self.employee_plain.with_user(self.user_hr).party_score, 0)

    def test_smart_button_opens_the_assessment_whose_total_it_shows(self):
        # issue 17 i: the button's figure and the screen it opens agree: the
        # score as the ledger counts it, base included (80 + 10 − 2 = 88),
        # never a sum of lines (8) under the name of the monthly register
        year = party_today(self.env.user).year
        cycle = open_cycle(self.env, year)
        line = self._new_line(self.member_a1, "k07", -2, party_today(self.Line))
        line.with_user(self.user_recorder_a).action_register()
        draft = self._new_line(self.member_a1, "k07", -5, party_today(self.Line))
        employee = self.employee_a1.with_user(self.user_hr)
        self.assertEqual(employee.party_score, cycle.base_score - 2)
        action = employee.action_open_party_lines()
        self.assertEqual(action["res_model"], "party.hr.assessment")
        self.assertEqual(action["name"], "Party Points of 吴一")
        self.assertFalse(action["context"]["create"])
        rows = (
            self.env["party.hr.assessment"]
            .with_user(self.user_hr)
            .search(action["domain"])
        )
        self.assertEqual(
            [
                (
                    r.year,
                    r.base_score,
                    r.addition_points,
                    r.deduction_points,
                    r.total_score,
                )
                for r in rows
            ],
            [(str(year), 80, 0, -2, 78), ("2025", 80, 10, -2, 88)],
        )
        self.assertEqual(rows[0].total_score, employee.party_score)
        self.assertEqual(draft.state, "draft")

    def test_hr_officer_changes_nothing(self):
        # R-USE-5: HR reads, the Party organisation decides
        card = self._card(self.member_a1)
        line = card.line_ids.filtered(lambda x: x.points == 10)
        grade = self.env.ref("party_points.grade_qualified")
        attempts = [
            lambda: card.with_user(self.user_hr).write({"total_score": 120}),
            lambda: grade.with_user(self.user_hr).write({"min_score": 70}),
            lambda: self.member_a1.with_user(self.user_hr).write({"party_post": "x"}),
            lambda: self._assessment(self.employee_a1, self.user_hr).write(
                {"total_score": 120}
            ),
        ]
        for attempt in attempts:
            with self.assertRaises(AccessError):
                attempt()
        # the ledger refuses HR too, whichever guard speaks first
        for attempt in (
            lambda: line.with_user(self.user_hr).write({"points": 9}),
            lambda: line.with_user(self.user_hr).unlink(),
        ):
            with self.assertRaises(UserError):  # AccessError is one too
                attempt()
        self.assertEqual((card.total_score, line.points, grade.min_score), (88, 10, 80))

    def test_hr_exports_the_assessment(self):
        Assessment = self.env["party.hr.assessment"].with_user(self.user_hr)
        rows = Assessment.search([("year", "=", "2025")], order="employee_id")
        exported = rows.export_data(
            ["employee_id", "addition_points", "deduction_points", "total_score"]
        )["datas"]
        self.assertIn(["吴一", 10, -2, 88], exported)
        self.assertIn(["郑二", 0, -25, 55], exported)
        # HR groups it by grade, as in the pivot
        groups = Assessment.read_group(
            [("year", "=", "2025")], ["total_score:avg"], ["grade_id"]
        )
        counts = {g["grade_id"][0]: g["grade_id_count"] for g in groups}
        self.assertEqual(counts[self.env.ref("party_points.grade_unqualified").id], 1)

    def test_branch_roles_and_members_do_not_read_the_hr_assessment(self):
        for user in (self.user_member, self.user_recorder_a, self.user_plain):
            with self.assertRaises(AccessError):
                self._assessment(self.employee_a1, user)

    def test_grade_bands_are_per_company_and_kept_by_the_committee(self):
        company2 = self.env["res.company"].create({"name": "恒远实业有限公司"})
        grades2 = self.env["party.score.grade"].search(
            [("company_id", "=", company2.id)]
        )
        self.assertEqual(sorted(grades2.mapped("min_score")), [0, 60, 80, 100])
        # the committee of the main company edits its own bands only
        Grade = self.env["party.score.grade"].with_user(self.user_manager)
        self.assertNotIn(grades2[0], Grade.search([]))
        grade = self.env.ref("party_points.grade_excellent").with_user(
            self.user_manager
        )
        grade.min_score = 95
        self.assertEqual(sorted(grades2.mapped("min_score")), [0, 60, 80, 100])
        self.assertEqual(grade.band_label, "95 and above")
        self.assertEqual(
            self.env.ref("party_points.grade_qualified").band_label, "80 – 94"
        )
        with self.assertRaises(AccessError):
            Grade.with_user(self.user_secretary_a).create(
                {"name": "良好", "min_score": 90}
            )


@tagged("post_install", "-at_install")
class TestHrAfterYearClose(NominationMixin, ResultsCase):
    """R-USE-5 with R-USE-1/3 and R-SCORE-4: HR reads the honour and the
    flags of the year, and a closed year keeps its rank and grade."""

    def test_closed_year_keeps_grade_rank_honour_and_flags_for_hr(self):
        Employee = self.env["hr.employee"]
        probationary = self.Member.create(
            {
                "name": "预备甲",
                "branch_id": self.branch_a.id,
                "member_type": "probationary",
                "employee_id": Employee.create({"name": "预备甲"}).id,
            }
        )
        self.member_a1.employee_id = Employee.create({"name": "吴一"})
        self._score_to(self.member_a1, 110)
        self._score_to(probationary, 95)
        self._publish_year(self.branch_a, self.user_secretary_a)
        self._publish_year(self.branch_b, self.user_manager)
        self.cycle.outstanding_share = 50
        self.cycle.with_user(self.user_secretary_a).action_propose_candidates()
        nomination = self._nominations()
        nomination.with_user(self.user_general).action_review()
        nomination.with_user(self.user_manager).action_confirm()
        self.cycle.with_user(self.user_manager).action_close()

        Assessment = self.env["party.hr.assessment"].with_user(self.user_hr)
        excellent = self.env.ref("party_points.grade_excellent")
        qualified = self.env.ref("party_points.grade_qualified")

        def rows():
            self.env.invalidate_all()
            found = Assessment.search([("year", "=", "2025")])
            return {
                row.member_id.name: (
                    row.total_score,
                    row.rank_in_branch,
                    row.grade_id,
                    row.is_outstanding,
                    row.flag_probation_cancel,
                    row.cycle_state,
                )
                for row in found
            }

        expected = {
            "吴一": (110, 1, excellent, True, False, "closed"),
            "预备甲": (95, 2, qualified, False, True, "closed"),
        }
        self.assertEqual(rows(), expected)
        # the committee moves the bands later: the closed year keeps its grades
        excellent.with_user(self.user_manager).min_score = 120
        qualified.with_user(self.user_manager).min_score = 96
        self.assertEqual(rows(), expected)
        self.assertEqual(
            self._card(probationary).final_grade_id,
            qualified,
        )
        # and HR filters the flagged and the outstanding members of the year
        flagged = Assessment.search(
            [("year", "=", "2025"), ("flag_probation_cancel", "=", True)]
        )
        self.assertEqual(flagged.member_id, probationary)
        honoured = Assessment.search([("is_outstanding", "=", True)])
        self.assertEqual(honoured.member_id, self.member_a1)
