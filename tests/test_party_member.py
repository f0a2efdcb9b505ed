# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.party_points.models.party_workflow_mixin import party_today

from .common import PartyPointsCase, valid_id_number


@tagged("post_install", "-at_install")
class TestPartyMember(PartyPointsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls.env["hr.employee"].create(
            {
                "name": "钱六",
                "gender": "male",
                "birthday": date(1990, 5, 17),
                "company_id": cls.company.id,
            }
        )

    def test_member_without_branch_is_refused(self):
        # R-ORG-3: every member belongs to exactly one branch.
        with self.assertRaisesRegex(ValidationError, "has no Party branch"):
            self.Member.create({"name": "无支部"})
        with self.assertRaisesRegex(ValidationError, "has no Party branch"):
            self.member_a1.branch_id = False
        self.assertEqual(self.member_a1.branch_id, self.branch_a)

    def test_default_branch_from_context_is_accepted(self):
        member = self.Member.with_context(default_branch_id=self.branch_b.id).create(
            {"name": "上下文"}
        )
        self.assertEqual(member.branch_id, self.branch_b)
        self.assertEqual(member.company_id, self.company)

    def test_member_gets_its_own_contact(self):
        member = self.Member.create({"name": "卫七", "branch_id": self.branch_b.id})
        self.assertEqual(member.partner_id.name, "卫七")
        member.name = "卫七七"
        self.assertEqual(member.partner_id.name, "卫七七")
        # a user's own contact is never renamed from the member
        self.member_self.name = "陈党员（改）"
        self.assertEqual(self.user_member.partner_id.name, "陈党员")

    def test_employee_link_both_ways(self):
        member = self.Member.create(
            {
                "name": "钱六",
                "branch_id": self.branch_a.id,
                "employee_id": self.employee.id,
            }
        )
        self.assertEqual(self.employee.party_member_id, member)
        action = self.employee.action_open_party_member()
        self.assertEqual(action["res_id"], member.id)
        self.assertEqual(member.action_view_employee()["res_id"], self.employee.id)

    def test_employee_is_at_most_one_member(self):
        self.Member.create(
            {
                "name": "钱六",
                "branch_id": self.branch_a.id,
                "employee_id": self.employee.id,
            }
        )
        with self.assertRaisesRegex(
            ValidationError, "already registered as Party member 钱六"
        ):
            self.member_b1.employee_id = self.employee
        self.assertFalse(self.member_b1.employee_id)

    def test_member_from_employee_prefills_hr_data(self):
        action = self.employee.action_open_party_member()
        self.assertNotIn("res_id", action)
        form = Form(self.Member.with_context(**action["context"]))
        form.branch_id = self.branch_a
        member = form.save()
        self.assertEqual(member.name, "钱六")
        self.assertEqual(member.gender, "male")
        self.assertEqual(member.birthday, date(1990, 5, 17))
        self.assertEqual(member.employee_id, self.employee)

    def test_onchange_employee_fills_empty_fields_only(self):
        form = Form(self.Member)
        form.name = "钱小六"
        form.branch_id = self.branch_a
        form.employee_id = self.employee
        self.assertEqual(form.name, "钱小六")
        self.assertEqual(form.gender, "male")
        self.assertEqual(form.birthday, date(1990, 5, 17))

    def test_employee_of_another_company_is_refused(self):
        other = self.env["res.company"].create({"name": "另一公司"})
        stranger = self.env["hr.employee"].create(
            {"name": "外人", "company_id": other.id}
        )
        with self.assertRaisesRegex(ValidationError, "belongs to another company"):
            self.member_b1.employee_id = stranger

    def test_id_number_is_validated(self):
        # R-MEM-3: an 18-character citizen ID with its GB 11643 check character.
        good = valid_id_number("11010519491231002")
        self.assertEqual(good, "11010519491231002X")
        self.member_a1.id_number = good
        self.assertEqual(self.member_a1.id_number, good)
        wrong_check = good[:17] + "1"
        with self.assertRaisesRegex(ValidationError, "wrong check character"):
            self.member_b1.id_number = wrong_check
        with self.assertRaisesRegex(ValidationError, "not a valid 18-character"):
            self.member_b1.id_number = "12345"
        with self.assertRaisesRegex(ValidationError, "not a valid 18-character"):
            # 17 digits + check char, but 1949-13-31 is no date
            self.member_b1.id_number = valid_id_number("11010519491331002")

    def test_id_number_must_match_birthday(self):
        number = valid_id_number("44030419880808123")
        self.member_b1.birthday = date(1988, 8, 9)
        with self.assertRaisesRegex(ValidationError, "does not match"):
            self.member_b1.id_number = number
        self.member_b1.write({"birthday": date(1988, 8, 8), "id_number": number})
        self.assertEqual(self.member_b1.id_number, number)

    def test_id_number_is_unique(self):
        number = valid_id_number("32010219751003271")
        self.member_a1.id_number = number
        with self.assertRaisesRegex(
            ValidationError, "already registered for Party member 吴一"
        ):
            self.member_b1.id_number = number
        # the database refuses it too, whoever bypasses the ORM's check
        with (
            self.assertRaises(IntegrityError) as caught,
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE party_member SET id_number = %s WHERE id = %s",
                (number, self.member_b1.id),
            )
        self.assertIn("id_number_company_uniq", str(caught.exception))

    def test_education_band(self):
        # R-ORG-4: below college / college / above college
        for education, band in [
            ("junior", "below_college"),
            ("senior", "below_college"),
            ("college", "college"),
            ("bachelor", "above_college"),
            ("postgraduate", "above_college"),
        ]:
            self.member_a1.education = education
            self.assertEqual(self.member_a1.education_band, band)

    def test_dates_cannot_be_in_the_future_or_inverted(self):
        tomorrow = party_today(self.env.user) + timedelta(
            days=2
        )  # beyond any time zone
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self.member_a1.birthday = tomorrow
        with self.assertRaisesRegex(ValidationError, "before being born"):
            self.member_a1.write(
                {"birthday": date(1990, 1, 1), "join_date": date(1980, 1, 1)}
            )

    def test_member_types_and_categories(self):
        # R-MEM-1: full, probationary members and activists are in scope;
        # R-MEM-2: four categories, and a retired member needs no employee
        types = dict(self.Member._fields["member_type"].selection)
        categories = dict(self.Member._fields["category"].selection)
        self.assertEqual(list(types), ["full", "probationary", "activist"])
        self.assertEqual(
            list(categories), ["direct", "in_service", "retired", "mobile"]
        )
        retired = self.Member.create(
            {"name": "老党员", "branch_id": self.branch_a.id, "category": "retired"}
        )
        self.assertEqual((retired.category, retired.employee_id.id), ("retired", False))
