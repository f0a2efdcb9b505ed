# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 8, defect (b): an enterprise group runs several companies, and each
scores with its own editable copy of the standard (附件1)."""

from datetime import date

from odoo.tests import tagged

from .common import PartyPointsCase, evidence_file


@tagged("post_install", "-at_install")
class TestSecondCompany(PartyPointsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.setup_second_company()

        def user(login, groups, name):
            return cls.party_user(login, groups, name, company=cls.company2)

        cls.manager2 = user(
            "pp2_manager",
            "base.group_user,party_points.group_party_working_committee",
            "钱委员",
        )
        cls.secretary2 = user(
            "pp2_secretary",
            "base.group_user,party_points.group_party_secretary",
            "孙书记",
        )
        cls.member_user2 = user(
            "pp2_member", "base.group_user,party_points.group_party_member", "林党员"
        )
        cls.branch2.recorder_id = cls.secretary2
        cls.member2 = env["party.member"].create(
            {
                "name": "林党员",
                "branch_id": cls.branch2.id,
                "partner_id": cls.member_user2.partner_id.id,
            }
        )
        cls.member2b = env["party.member"].create(
            {"name": "高二", "branch_id": cls.branch2.id}
        )
        cls.cycle2 = (
            env["party.score.cycle"]
            .with_user(cls.manager2)
            .create({"year": 2025, "company_id": cls.company2.id})
        )

    def _standards(self, company):
        return (
            self.env["party.score.standard"]
            .with_context(active_test=False)
            .search([("company_id", "=", company.id)])
        )

    def _std2(self, code):
        return self._standards(self.company2).filtered(lambda s: s.code == code)

    def test_new_company_gets_its_own_editable_catalogue(self):
        main, second = self._standards(self.company), self._standards(self.company2)
        self.assertEqual(len(second), 30)
        self.assertEqual(sorted(second.mapped("code")), sorted(main.mapped("code")))
        self.assertFalse(main & second)
        # the committee of the second company edits its copy, not the other one
        self.assertEqual(
            self.env["party.score.standard"].with_user(self.manager2).search([]),
            second,
        )
        self._std2("K07").with_user(self.manager2).points_max = 6
        self.assertEqual(
            (
                self._std2("K07").points_max,
                self.env.ref("party_points.standard_k07").points_max,
            ),
            (6, 5),
        )

    def test_install_and_upgrade_give_existing_companies_a_catalogue(self):
        # the data file calls this at install and upgrade: a company without
        # items gets them, one that has them keeps its own
        self._standards(self.company2).unlink()
        self._std2("K07")  # none left
        self.env["res.company"]._party_ensure_catalogue()
        self.assertEqual(len(self._standards(self.company2)), 30)
        self.env["res.company"]._party_ensure_catalogue()
        self.assertEqual(len(self._standards(self.company2)), 30)
        self.assertEqual(len(self._standards(self.company)), 30)

    def test_meeting_closes_with_its_own_company_items(self):
        # DOMAIN §8 in the second company: item 1 of its own catalogue
        meeting = (
            self.env["party.meeting"]
            .with_user(self.secretary2)
            .create(
                {
                    "name": "主题党日",
                    "meeting_type": "theme_day",
                    "branch_id": self.branch2.id,
                    "date": date(2025, 3, 5),
                }
            )
        )
        meeting.action_load_members()
        meeting.attendance_ids.filtered(
            lambda a: a.member_id == self.member2b
        ).status = "absent"
        meeting.action_close()
        line = meeting.line_ids
        self.assertEqual(
            (line.member_id, line.standard_id, line.points, line.state),
            (self.member2b, self._std2("K01-1"), -5, "approved"),
        )

    def test_second_company_scores_and_publishes_a_quarter(self):
        # R-SCORE-5/7/8 in a company that is not the one the addon was installed with
        Line = self.env["party.score.line"]
        addition = Line.with_user(self.member_user2).create(
            {
                "member_id": self.member2.id,
                "standard_id": self._std2("J03").id,
                "points": 2,
                "date": date(2025, 2, 1),
                "description": "志愿服务",
                "attachment_ids": evidence_file("依据.txt"),
            }
        )
        addition.with_user(self.member_user2).action_submit()
        addition.with_user(self.secretary2).action_verify()
        addition.with_user(self.manager2).action_approve()
        deduction = Line.with_user(self.secretary2).create(
            {
                "member_id": self.member2b.id,
                "standard_id": self._std2("K07").id,
                "points": -3,
                "date": date(2025, 2, 2),
            }
        )
        deduction.with_user(self.secretary2).action_register()
        publication = self._publish_quarter(
            "1", self.branch2, self.secretary2, cycle=self.cycle2
        )
        self.assertEqual(
            [(s.member_id.name, s.score, s.rank) for s in publication.snapshot_ids],
            [("林党员", 82, 1), ("高二", 77, 2)],
        )
        self.assertEqual(
            (addition.cycle_id, addition.company_id), (self.cycle2, self.company2)
        )
        # the main company's committee sees none of it
        self.assertFalse(
            Line.with_user(self.user_manager).search(
                [("id", "in", (addition | deduction).ids)]
            )
        )

    def test_second_company_closes_its_year_with_its_own_grades(self):
        # R-SCORE-4, R-USE-5 in the second company: a whole year, closed by
        # its own committee, graded with its own bands, the next year opened
        Line = self.env["party.score.line"]
        deduction = Line.with_user(self.secretary2).create(
            {
                "member_id": self.member2b.id,
                "standard_id": self._std2("K02-1").id,
                "points": -20,
                "date": date(2025, 5, 6),
            }
        )
        deduction.with_user(self.secretary2).action_register()
        for quarter in "1234":
            self._publish_quarter(
                quarter, self.branch2, self.secretary2, cycle=self.cycle2
            )
        self.cycle2.with_user(self.manager2).action_close()
        self.assertEqual(self.cycle2.state, "closed")
        cards = self.env["party.score.card"].search(
            [("cycle_id", "=", self.cycle2.id)], order="final_rank"
        )
        grades2 = self.env["party.score.grade"].search(
            [("company_id", "=", self.company2.id)]
        )
        self.assertEqual(
            [
                (c.member_id.name, c.total_score, c.final_rank, c.final_grade_id.name)
                for c in cards
            ],
            [("林党员", 80, 1, "Qualified"), ("高二", 60, 2, "Basically Qualified")],
        )
        self.assertLessEqual(cards.final_grade_id, grades2)
        next_cards = self.env["party.score.card"].search(
            [("company_id", "=", self.company2.id), ("year", "=", 2026)]
        )
        self.assertEqual(next_cards.member_id, self.member2 | self.member2b)
        self.assertEqual(set(next_cards.mapped("total_score")), {80})
        self.assertEqual(next_cards.cycle_id.company_id, self.company2)
