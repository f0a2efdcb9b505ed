# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""R-USE-2, 附件2 step 1 and step 5 (issue 16, item k): the quarterly publication is
the score announcement of a case it opens; the rectification period starts
from the company's setting."""

from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.party_points.models.party_workflow_mixin import party_today

from .common import LaggardCase


@tagged("post_install", "-at_install")
class TestCaseOpenedByPublication(LaggardCase):
    def _publish(self, quarter="1"):
        return self._publish_quarter(quarter)

    def test_publication_records_step_one(self):
        self._register(self.member_a1, "k02_1", -20, date(2025, 2, 3))
        self._register(self.member_a1, "k01_4", -1, date(2025, 2, 4))
        self._register(self.member_a2, "k02_1", -20, date(2025, 2, 3))
        publication = self._publish()
        today = party_today(publication)
        case = self.Case.search([("publication_id", "=", publication.id)])
        snapshot = publication.snapshot_ids.filtered(
            lambda s: s.member_id == self.member_a1
        )
        self.assertEqual(
            (case.member_id, case.state, case.score, case.announcement_skipped),
            (self.member_a1, "announced", 59, False),
        )
        step = case.step_ids
        self.assertEqual(
            (step.step, step.date, step.user_id, step.publication_id),
            ("announce", today, self.user_secretary_a, publication),
        )
        self.assertEqual(
            step.opinion,
            f"Score announced by the publication {publication.display_name}: "
            f"published score 59 (rank {snapshot.rank} in the branch), under the "
            "laggard threshold 60.",
        )
        self.assertIn("1. Score Announcement", case.message_ids[0].body)
        # no second announcement, nor a skip of it: the branch determines next
        with self.assertRaisesRegex(UserError, "this step needs it"):
            case.with_user(self.user_secretary_a).action_announce(None, "再次通报")
        with self.assertRaisesRegex(UserError, "this step needs it"):
            case.with_user(self.user_manager).action_skip_announcement(None, "免通报")
        self.assertEqual(len(case.step_ids), 1)
        case.with_user(self.user_secretary_a).write(
            {
                "shortcomings": "拒不执行党组织决定。",
                "committee_members_required": 5,
                "committee_members_present": 5,
            }
        )
        case.with_user(self.user_secretary_a).action_determine(
            None, "经支委会集体研究，初定为后进党员。"
        )
        self.assertEqual(
            [s.step for s in case.step_ids.sorted("id")], ["announce", "determine"]
        )
        self.assertEqual(case.state, "determined")

    def test_committee_may_still_skip_the_announcement(self):
        # 附件2: in special cases the committee approves skipping step 1 of a
        # case the branch reports at any time
        case = self._open(self.member_b1, user=self.user_manager)
        self.assertEqual((case.origin, case.state), ("anytime", "proposed"))
        case.with_user(self.user_manager).action_skip_announcement(
            date(2025, 4, 2), "经党工委批准，不进行亮分通报。"
        )
        self.assertEqual(
            (case.state, case.announcement_skipped, case.step_ids.step),
            ("announced", True, "skip_announcement"),
        )


@tagged("post_install", "-at_install")
class TestRectificationPeriodDefault(LaggardCase):
    def _settings(self, months):
        settings = Form(self.env["res.config.settings"])
        settings.party_laggard_rectification_months = months
        settings.save().execute()

    def test_company_period_copied_into_each_new_case(self):
        self.assertEqual(self.company.party_laggard_rectification_months, 6)
        self._settings(4)
        self.assertEqual(self.company.party_laggard_rectification_months, 4)
        case = self._open()
        self.assertEqual(case.rectification_months, 4)
        # the form of a new case shows it too
        form = Form(self.Case.with_user(self.user_secretary_a))
        self.assertEqual(form.rectification_months, 4)
        # a case keeps its own period: a later setting changes no case
        self._settings(5)
        self.assertEqual(case.rectification_months, 4)
        # and the case's period is still the committee's to change
        case.with_user(self.user_manager).write({"rectification_months": 2})
        self.assertEqual(case.rectification_months, 2)
        # a case opened by a publication takes it as well
        manager = self.user_manager
        self._register(self.member_b1, "k02_1", -20, date(2025, 2, 3), user=manager)
        self._register(self.member_b1, "k07", -5, date(2025, 2, 4), user=manager)
        publication = self._publish_quarter("1", self.branch_b, self.user_manager)
        opened = self.Case.search([("publication_id", "=", publication.id)])
        self.assertEqual(
            (opened.member_id, opened.rectification_months), (self.member_b1, 5)
        )

    def test_period_is_at_least_one_month(self):
        with self.assertRaisesRegex(ValidationError, "at least one month"):
            self.company.party_laggard_rectification_months = 0
        self.env.invalidate_all(flush=False)
        self.assertEqual(self.company.party_laggard_rectification_months, 6)
