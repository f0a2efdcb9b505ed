# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.party_points.models.party_workflow_mixin import (
    party_day_label,
    party_today,
)

from .common import ScoreCase, declare, evidence_file, open_cycle, publication_day


@tagged("post_install", "-at_install")
class TestScorePublication(ScoreCase):
    """R-SCORE-6/8: 季通报 — approve, publish, freeze, snapshot."""

    def _publication(self, quarter="1"):
        return self._publish_quarter(quarter, publish=False)

    def _quarter(self):
        deduction = self._line(self.member_a1, "k01_1", -5, date(2025, 2, 10))
        deduction.action_register()
        addition = self._line(
            self.member_self,
            "j03",
            2,
            date(2025, 3, 3),
            attachment_ids=evidence_file(),
        )
        declare(addition)
        return deduction, addition

    def test_publication_freezes_the_quarter_for_everyone(self):
        deduction, addition = self._quarter()
        publication = self._publication()
        with self.assertRaisesRegex(UserError, "still waiting"):
            publication.with_user(self.user_secretary_a).action_approve()
        addition.action_verify()
        addition.with_user(self.user_manager).action_approve()
        with self.assertRaisesRegex(UserError, "approves the quarter before"):
            publication.with_user(self.user_secretary_a).action_publish()
        with self.assertRaises(AccessError):
            publication.with_user(self.user_recorder_a).action_approve()
        publication.with_user(self.user_secretary_a).action_approve()
        publication.with_user(self.user_secretary_a).action_publish()
        self.assertEqual(publication.state, "published")
        self.assertEqual(publication.line_ids, deduction | addition)
        # the snapshot: scores and ranks as published
        self.assertEqual(
            [
                (s.member_id.name, s.score, s.quarter_points, s.rank)
                for s in publication.snapshot_ids
            ],
            # R-SCORE-9: 郑二 of the branch's Party group is scored by the branch
            [("陈党员", 82, 2, 1), ("郑二", 80, 0, 2), ("吴一", 75, -5, 3)],
        )
        # posted to the branch's followers (党务公开栏)
        message = self.branch_a.message_ids[:1]
        self.assertIn("陈党员", message.body)
        # frozen: as the committee, as the administrator, through the ORM as RPC does
        for user in (self.user_manager, self.env.ref("base.user_admin")):
            with self.assertRaisesRegex(UserError, "can never change"):
                deduction.with_user(user).write({"description": "改"})
            with self.assertRaisesRegex(UserError, "can never change"):
                deduction.with_user(user).unlink()
        with self.assertRaisesRegex(UserError, "can never change"):
            deduction.sudo()._write_workflow({"points": -1})
        # no new line in the published quarter; a correction goes to an open one
        with self.assertRaisesRegex(UserError, "is published"):
            self._line(self.member_a1, "k07", -2, date(2025, 3, 20))
        correction = deduction._create_correction("经核实为公假", date(2025, 4, 1))
        self.assertEqual((correction.quarter, correction.points), ("2", 5))
        self.assertEqual(self._card(self.member_a1).total_score, 80)
        # the snapshot keeps what was published
        self.assertEqual(publication.snapshot_ids[2].score, 75)
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            publication.sudo().unlink()

    def test_member_reads_the_publication_of_their_branch(self):
        self._quarter()[1].action_verify()
        self.Line.search([("state", "=", "verified")]).with_user(
            self.user_manager
        ).action_approve()
        publication = self._publication()
        publication.with_user(self.user_secretary_a).action_approve()
        publication.with_user(self.user_secretary_a).action_publish()
        Publication = self.env["party.score.publication"]
        self.assertEqual(
            Publication.with_user(self.user_member).search([]), publication
        )
        self.assertEqual(
            len(
                self.env["party.score.publication.snapshot"]
                .with_user(self.user_member)
                .search([])
            ),
            3,
        )
        with self.assertRaises(AccessError):
            publication.with_user(self.user_member).write({"quarter": "2"})

    def test_publication_covers_every_member_in_scope(self):
        # R-MEM-1: full, probationary members and activists of the branch
        # (its groups included) are scored and published; who left is not
        self.member_a1._record_change(
            "member_type", "probationary", date(2025, 1, 5), "接收"
        )
        activist = self.Member.create(
            {
                "name": "积极分子",
                "branch_id": self.branch_a.id,
                "member_type": "activist",
            }
        )
        gone = self.Member.create({"name": "已转出", "branch_id": self.branch_a.id})
        gone._transfer_to(False, date(2025, 1, 10), "转出本企业")
        publication = self._publication()
        publication.with_user(self.user_secretary_a).action_approve()
        publication.with_user(self.user_secretary_a).action_publish()
        self.assertEqual(
            sorted(publication.snapshot_ids.member_id.mapped("name")),
            sorted(["陈党员", "吴一", "郑二", activist.name]),
        )

    def test_a_quarter_is_published_only_once_it_has_ended(self):
        # issue 17 b: published on 1 December, the fourth quarter would take
        # no December deduction and close no December meeting
        today = party_today(self.Line)
        cycle = open_cycle(self.env, today.year)
        quarter = str((today.month - 1) // 3 + 1)
        last_day = fields.Date.end_of(today, "quarter")
        publication = (
            self.env["party.score.publication"]
            .with_user(self.user_secretary_a)
            .create(
                {
                    "branch_id": self.branch_a.id,
                    "cycle_id": cycle.id,
                    "quarter": quarter,
                }
            )
        )
        zh_publication = publication.with_context(lang="zh_CN")
        self.env["res.lang"]._activate_lang("zh_CN")
        with self.assertRaises(UserError) as refusal:
            zh_publication.action_approve()
        self.assertEqual(
            str(refusal.exception),
            f"第一党支部{today.year}年第{quarter}季度于{today.year}年"
            f"{last_day.month}月{last_day.day}日结束，"
            f"自{party_day_label(self.env, last_day + timedelta(days=1), 'zh_CN')}"
            "起方可审定和通报。",
        )
        self.assertEqual(publication.state, "draft")
        # the rest of the quarter still takes its lines
        line = self._line(self.member_a1, "k07", -2, today)
        line.action_register()
        self.assertEqual(line.quarter, quarter)
        # from the day after the quarter, the branch committee approves and
        # publishes it, the line with it
        with publication_day(last_day + timedelta(days=1)):
            publication.action_approve()
            publication.action_publish()
        self.assertEqual(publication.state, "published")
        self.assertIn(line, publication.line_ids)
