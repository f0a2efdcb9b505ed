# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 17 h: a recorder types the size of the points; the item gives the
sign, and a fixed-value item gives the points themselves."""

from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import ScoreCase


@tagged("post_install", "-at_install")
class TestPointsEntry(ScoreCase):
    def test_the_form_fills_a_fixed_value_and_signs_a_size(self):
        form = Form(self.Line.with_user(self.user_recorder_a))
        form.member_id = self.member_a1
        form.date = date(2025, 3, 3)
        # K01-4 (迟到或早退) is always -1: picked, it fills its points
        form.standard_id = self.std("k01_4")
        self.assertEqual(form.points, -1)
        self.assertEqual(form.points_allowed, "-1")
        # K07 runs from 2 to 5: the recorder types 5 and means a deduction
        form.standard_id = self.std("k07")
        form.points = 5
        self.assertEqual(form.points, -5)
        self.assertEqual(form.points_allowed, "-2~-5")
        line = form.save()
        self.assertEqual(line.points, -5)
        line.action_register()
        self.assertEqual((line.state, line.points), ("approved", -5))

    def test_the_ledger_takes_the_sign_of_the_item_whoever_creates_the_line(self):
        # as a client program (XML-RPC, an import) would: the same rule
        Line = self.Line.with_user(self.user_recorder_a)
        vals = {"member_id": self.member_a1.id, "date": date(2025, 3, 3)}
        typed = Line.create({**vals, "standard_id": self.std("k07").id, "points": 3})
        fixed = Line.create({**vals, "standard_id": self.std("k01_4").id})
        addition = Line.create(
            {
                **vals,
                "standard_id": self.std("j03").id,
                "points": -2,
                "description": "志愿服务",
            }
        )
        self.assertEqual((typed.points, fixed.points, addition.points), (-3, -1, 2))
        # a draft written later keeps the rule: a size, or another item
        typed.points = 4
        self.assertEqual(typed.points, -4)
        typed.standard_id = self.std("k01_4")
        self.assertEqual(typed.points, -1)
        # a size the item does not allow is refused, not changed
        with self.assertRaisesRegex(ValidationError, "do not fit"):
            Line.create({**vals, "standard_id": self.std("k01_4").id, "points": 3})
        with self.assertRaisesRegex(ValidationError, "do not fit"):
            Line.create({**vals, "standard_id": self.std("k07").id, "points": 9})

    def test_a_correction_keeps_the_sign_of_what_it_reverses(self):
        line = self.Line.with_user(self.user_recorder_a).create(
            {
                "member_id": self.member_a1.id,
                "standard_id": self.std("k07").id,
                "points": 3,
                "date": date(2025, 3, 3),
            }
        )
        line.action_register()
        correction = line._create_correction("经核实为公假", date(2025, 3, 10))
        self.assertEqual(correction.points, 3)
        self.assertEqual(self._card(self.member_a1).total_score, 80)
