# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 19, item 3 (R-MSG-1): a published quarter tells each of its members their
own score and rank (R-SCORE-8 季通报), where they already look: a message on
their member record, read in the portal, and an email when they have an
address; never another member's figures; not to members of other branches,
members who left or members who switched the messages off."""

import re
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ScoreCase


@tagged("post_install", "-at_install")
class TestNotifyPublication(ScoreCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.member_a1.partner_id.email = "wu.yi@example.com"
        # the members read English unless a test says otherwise
        (cls.member_a1 | cls.member_a2 | cls.member_b1).partner_id.lang = "en_US"
        # the messages of this test only (the demo data's publications
        # told the demo members theirs)
        cls.first_message_id = (
            cls.env["mail.message"].search([], order="id desc", limit=1).id
        )
        # 郑二 has no email address but a portal login; 陈党员 is an
        # internal user's contact
        cls.member_a2.partner_id.email = False
        cls.env["res.users"].create(
            {
                "login": "pp_portal_a2",
                "partner_id": cls.member_a2.partner_id.id,
                "groups_id": [(6, 0, cls.env.ref("base.group_portal").ids)],
            }
        )

    def _messages(self, member=None):
        domain = [
            ("model", "=", "party.member"),
            ("message_type", "=", "user_notification"),
            ("id", ">", self.first_message_id),
        ]
        if member:
            domain.append(("res_id", "=", member.id))
        return self.env["mail.message"].search(domain)

    def _published(self):
        # 吴一: 80 - 5 = 75, third; 陈党员 and 郑二: 80, first ex aequo
        self._registered(self.member_a1, "k01_1", 5, date(2025, 2, 10))
        return self._publish_quarter("1")

    def test_a_published_quarter_messages_its_members_and_only_them(self):
        # R-SCORE-8: the members of the list, each on their own record
        left = self.Member.create({"name": "钱离开", "branch_id": self.branch_a.id})
        self._registered(left, "k01_1", 5, date(2025, 1, 20))
        left.active = False
        publication = self._published()
        self.assertIn(left, publication.snapshot_ids.member_id)
        messages = self._messages()
        self.assertEqual(
            sorted(messages.mapped("res_id")),
            sorted((self.member_self | self.member_a1 | self.member_a2).ids),
        )
        for message in messages:
            member = self.Member.browse(message.res_id)
            self.assertEqual(message.partner_ids, member.partner_id)
        # not the member of the other branch, not the one who left
        self.assertFalse(self._messages(self.member_b1))
        self.assertFalse(self._messages(left))

    def test_the_message_holds_the_member_s_own_score_and_rank_only(self):
        publication = self._published()
        ranks = {s.member_id: (s.score, s.rank) for s in publication.snapshot_ids}
        self.assertEqual(ranks[self.member_a1], (75, 3))
        self.assertEqual(ranks[self.member_a2], (80, 1))
        message_a1 = self._messages(self.member_a1)
        self.assertEqual(len(message_a1), 1)
        text = f"{message_a1.subject} {message_a1.body}"
        self.assertIn("your score 75, rank 3", message_a1.subject)
        self.assertIn("<strong>75</strong>", message_a1.body)
        self.assertIn("<strong>3</strong> of 3 members", message_a1.body)
        self.assertIn("吴一", text)
        # nobody else's name, nobody else's figure
        # (the figures outside the links: the server's port may hold "80")
        figures = re.findall(r"\d+", re.sub(r"https?://[^\s\"'<]+", "", text))
        for other in ("郑二", "陈党员"):
            self.assertNotIn(other, text)
        self.assertNotIn("80", figures)
        self.assertIn("75", figures)
        message_a2 = self._messages(self.member_a2)
        text_a2 = f"{message_a2.subject} {message_a2.body}"
        self.assertIn("your score 80, rank 1", message_a2.subject)
        for other in ("吴一", "75"):
            self.assertNotIn(other, text_a2)
        # only its recipient reads it: the other member's user does not
        self.assertFalse(
            self.env["mail.message"]
            .with_user(self.user_member)
            .search([("id", "=", message_a1.id)])
        )
        self.assertEqual(
            self.env["mail.message"]
            .with_user(self.user_member)
            .search([("id", "in", self._messages().ids)]),
            self._messages(self.member_self),
        )

    def test_a_member_with_neither_login_nor_address_has_no_message(self):
        # nowhere to read it: the branch meeting tells them (no row kept)
        nowhere = self.Member.create({"name": "孙无址", "branch_id": self.branch_a.id})
        nowhere.partner_id.email = False
        publication = self._published()
        self.assertIn(nowhere, publication.snapshot_ids.member_id)
        self.assertFalse(self._messages(nowhere))

    def test_an_email_only_to_a_member_who_has_an_address(self):
        self.user_member.notification_type = "email"
        self._published()
        Mail = self.env["mail.mail"]
        mail_a1 = Mail.search(
            [("mail_message_id", "=", self._messages(self.member_a1).id)]
        )
        self.assertEqual(mail_a1.recipient_ids, self.member_a1.partner_id)
        self.assertEqual(mail_a1.state, "outgoing")
        self.assertIn("75", mail_a1.body_html)
        self.assertEqual(
            self._messages(self.member_a1).notification_ids.notification_type, "email"
        )
        # no address: the portal message only, no mail, no failed notification
        message_a2 = self._messages(self.member_a2)
        self.assertTrue(message_a2)
        self.assertFalse(Mail.search([("mail_message_id", "=", message_a2.id)]))
        self.assertFalse(message_a2.notification_ids)

    def test_an_internal_member_who_handles_messages_in_odoo_gets_it_in_the_inbox(
        self,
    ):
        self.user_member.notification_type = "inbox"
        self._published()
        message = self._messages(self.member_self)
        self.assertEqual(message.notification_ids.notification_type, "inbox")
        self.assertEqual(
            message.notification_ids.res_partner_id, self.member_self.partner_id
        )
        self.assertFalse(
            self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        )
        # and the inbox shows it at once: the bus carries it to that user only
        self.env.cr.precommit.run()
        sent = self.env["bus.bus"].sudo().search([])
        inbox = sent.filtered(
            lambda b: '"mail.message/inbox"' in b.message
            and f'"id":{message.id},' in b.message
        )
        self.assertEqual(len(inbox), 1)
        self.assertTrue(
            inbox.channel.endswith(f'"res.partner",{self.member_self.partner_id.id}]')
        )

    def test_a_member_who_switched_messages_off_receives_none(self):
        # R-MSG-4: the member's choice (the portal writes it as the system)
        with self.assertRaisesRegex(UserError, "Only the member switches"):
            self.member_a1.with_user(self.user_secretary_a).party_messages_off = True
        self.member_a1.sudo().party_messages_off = True
        self._published()
        self.assertFalse(self._messages(self.member_a1))
        self.assertFalse(
            self.env["mail.mail"].search(
                [("recipient_ids", "in", self.member_a1.partner_id.ids)]
            )
        )
        self.assertTrue(self._messages(self.member_a2))

    def test_the_message_is_written_in_the_member_s_language(self):
        self.member_a1.partner_id.lang = "zh_CN"
        self._published()
        message = self._messages(self.member_a1)
        self.assertIn("2025年第1季度", message.subject)
        self.assertIn("您的积分75分，排名第3名", message.subject)
        self.assertIn("查看我的积分", message.body)
        # the other member reads English
        self.assertIn("See my points", self._messages(self.member_a2).body)

    def test_the_body_compiled_once_is_odoo_s_own_rendering(self):
        self.member_a1.partner_id.lang = "zh_CN"
        publication = self._published()
        template = self.env.ref("party_points.mail_template_party_score_published")
        ids = publication.snapshot_ids.ids
        odoo = template.sudo()._render_field("body_html", ids, compute_lang=True)
        ours = self.env["party.notify"]._party_render(template, ids)
        self.assertEqual({res_id: ours[res_id][1] for res_id in ids}, odoo)
        self.assertIn("查看我的积分", ours[publication.snapshot_ids[-1].id][1])

    def test_a_broken_template_does_not_stop_the_publication(self):
        # the administrator edits the template wrongly
        template = self.env.ref("party_points.mail_template_party_score_published")
        template.body_html = '<p t-out="object.no_such_field"/>'
        with self.assertLogs(
            "odoo.addons.party_points.models.party_score_publication", "WARNING"
        ):
            publication = self._published()
        self.assertEqual(publication.state, "published")
        self.assertEqual(len(publication.snapshot_ids), 3)
        self.assertFalse(self._messages())
        self.assertIn(
            "The members were not told of their scores",
            publication.message_ids[0].body,
        )

    def test_the_secretary_publishing_signs_the_messages(self):
        self._published()
        self.assertEqual(self._messages().author_id, self.user_secretary_a.partner_id)

    def test_another_company_s_publication_tells_its_own_members(self):
        # R-ORG-5: each company's list to its own members
        self.setup_second_company()
        self.user_manager.company_ids |= self.company2
        member_2 = self.Member.with_company(self.company2).create(
            {"name": "恒远党员", "branch_id": self.branch2.id}
        )
        member_2.partner_id.email = "hengyuan@example.com"
        cycle_2 = (
            self.env["party.score.cycle"]
            .with_company(self.company2)
            .create({"year": 2025, "company_id": self.company2.id})
        )
        self._publish_quarter(
            "1", self.branch2, self.user_manager.with_company(self.company2), cycle_2
        )
        message = self._messages(member_2)
        self.assertEqual(len(message), 1)
        self.assertIn("恒远第一党支部", message.body)
        self.assertFalse(self._messages(self.member_a1))


@tagged("post_install", "-at_install")
class TestNotifyPublicationScale(ScoreCase):
    """Issue 19: telling the members costs the same few statements for a
    branch of 5 and of 40 members (the bench branch has thousands)."""

    def _branch_of(self, size):
        branch = self.Branch.create(
            {
                "name": f"规模{size}党支部",
                "kind": "branch",
                "branch_type": "enterprise",
                "code": f"T-N{size}",
                "parent_id": self.general.id,
            }
        )
        members = self.Member.create(
            [
                {"name": f"规模{size}党员{i}", "branch_id": branch.id}
                for i in range(size)
            ]
        )
        # half of them with an address, half with a portal login only: mails
        # and portal messages both
        for member in members[::2]:
            member.partner_id.email = f"m{member.id}@example.com"
        self.env["res.users"].create(
            [
                {
                    "login": f"pp_scale_{member.id}",
                    "partner_id": member.partner_id.id,
                    "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
                }
                for member in members[1::2]
            ]
        )
        publication = self._publish_quarter("1", branch, self.user_manager)
        return publication

    def _queries(self, publication):
        self.env.flush_all()
        self.env.invalidate_all()
        self.env.user.fetch(["login"])
        before = self.cr.sql_log_count
        publication._party_notify_members()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_telling_the_members_takes_the_same_queries_for_5_and_40(self):
        small, large = self._branch_of(5), self._branch_of(40)
        self.assertEqual(len(large.snapshot_ids), 40)
        self.assertEqual(self._queries(small), QUERIES)
        self.assertEqual(self._queries(large), QUERIES)
        # and a fixed number, as assertQueryCount counts them
        self.env.flush_all()
        self.env.invalidate_all()
        self.env.user.fetch(["login"])
        with self.assertQueryCount(QUERIES):
            large._party_notify_members()
            self.env.flush_all()


# the statements of _party_notify_members, whatever the size of the branch
QUERIES = 25
