# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member portal (issue 10, items 4 and 6): a member without a backend
user, made a portal user from their member record, reads their own points
at /my/party, declares an addition, and reads their branch's published
quarters; the portal record rules keep everything else out of reach."""

import base64
import re
from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PortalCase, publication_day
from .helpers import report_text

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
    "AAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestPortalSecurity(PortalCase):
    def test_create_portal_users_links_the_member_contact(self):
        self.assertTrue(self.portal.has_group("base.group_portal"))
        self.assertFalse(self.portal._is_internal())
        self.assertEqual(self.portal.partner_id, self.member_a1.partner_id)
        domain = (self.company.email or "").partition("@")[2] or "party.local"
        self.assertEqual(self.portal.login, f"pm{self.member_a1.id}@{domain}")
        # a member who already has a user is skipped, with a message
        action = (
            (self.member_a1 | self.member_self)
            .with_user(self.user_secretary_a)
            .action_create_portal_users()
        )
        result = self.env["party.portal.user.result"].browse(action["res_id"])
        self.assertEqual(result.summary, "Portal users created: 0 of 2.")
        self.assertEqual(set(result.line_ids.mapped("note")), {"Already has a user."})
        self.assertEqual(len(self.member_a1.partner_id.user_ids), 1)
        # a member with an email logs in with it
        self.member_a2.partner_id = self.env["res.partner"].create(
            {"name": "郑二", "email": "zheng.er@example.com"}
        )
        self.member_a2.with_user(self.user_secretary_a).action_create_portal_users()
        self.assertEqual(
            self.member_a2.partner_id.user_ids.login, "zheng.er@example.com"
        )
        # a recorder may not
        with self.assertRaises(AccessError):
            self.member_b1.with_user(self.user_recorder_a).action_create_portal_users()

    def test_portal_member_reads_only_their_own_records(self):
        other_line = self._registered(self.member_a2, "k07", -3, self.today)
        own_line = self._registered(self.member_a1, "k07", -2, self.today)
        Member = self.env["party.member"].with_user(self.portal)
        self.assertEqual(Member.search([]), self.member_a1)
        Card = self.env["party.score.card"].with_user(self.portal)
        self.assertEqual(Card.search([]), self.card)
        self.assertEqual(self.card.with_user(self.portal).total_score, 78)
        Line = self.Line.with_user(self.portal)
        self.assertEqual(Line.search([]), own_line)
        for record in (self.member_a2, self.card_a2, other_line):
            with self.assertRaises(AccessError):
                record.with_user(self.portal).check_access("read")
        # R-MEM-3: no ID number or phone, not even their own
        with self.assertRaises(AccessError):
            self.member_a1.with_user(self.portal).read(["id_number"])
        with self.assertRaises(AccessError):
            self.member_a1.with_user(self.portal).read(["phone"])
        # the portal reads, never writes
        with self.assertRaises(AccessError):
            own_line.with_user(self.portal).check_access("write")
        with self.assertRaises(AccessError):
            Line.create(
                {
                    "member_id": self.member_a1.id,
                    "standard_id": self.item.id,
                    "points": 1,
                    "date": self.today,
                }
            )

    def test_portal_member_reads_only_published_quarters_of_their_branch(self):
        self._registered(self.member_a1, "k07", -3, date(2025, 2, 1))
        self._registered(self.member_b1, "k07", -3, date(2025, 2, 1))
        published = self._publication(self.branch_a, "1")
        other_branch = self._publication(self.branch_b, "1")
        unpublished = self._publication(self.branch_a, "2", publish=False)
        Publication = self.env["party.score.publication"].with_user(self.portal)
        self.assertEqual(Publication.search([]), published)
        Snapshot = self.env["party.score.publication.snapshot"].with_user(self.portal)
        self.assertEqual(Snapshot.search([]), published.snapshot_ids)
        for record in (other_branch, unpublished, other_branch.snapshot_ids[0]):
            with self.assertRaises(AccessError):
                record.with_user(self.portal).check_access("read")


@tagged("post_install", "-at_install")
class TestPortalPages(PortalCase):
    def setUp(self):
        super().setUp()
        self.authenticate(self.portal.login, self.portal.login)
        # the portal's language is the frontend's (cookie, browser, default)
        self.opener.cookies["frontend_lang"] = "en_US"

    def _get(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response

    def _csrf(self):
        page = self._get("/my/party/declare").text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def _declare(self, file=("photo.png", PNG, "image/png"), **values):
        data = {
            "csrf_token": self._csrf(),
            "standard_id": self.item.id,
            "points": 2,
            "date": self.today.isoformat(),
            "description": "社区志愿服务",
            **values,
        }
        return self.url_open(
            "/my/party/declare", data=data, files={"evidence": file} if file else None
        )

    def test_home_shows_the_entry_and_my_score(self):
        self._registered(self.member_a1, "k07", -3, self.today)
        home = self._get("/my").text
        self.assertIn('href="/my/party"', home)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["party_points_count"]}
        )
        self.assertEqual(counters["party_points_count"], 1)
        page = self._get("/my/party").text
        self.assertIn("吴一", page)
        self.assertIn('o_party_total">77<', page.replace('"><span>', '">'))
        self.assertIn("o_party_rank", page)
        # one branch member only shows the lines of the member
        self.assertIn("-3", page)

    def test_the_year_flags_are_shown_as_a_projection_until_final(self):
        # issue 16, item a: at 80 a probationary member is under 100, but
        # during the year that is a projection of the running total, shown as
        # one, never as the result
        self.member_a1.member_type = "probationary"
        self.assertEqual(
            (self.card.total_score, self.card.projected_probation_cancel),
            (80, True),
        )
        page = self._get("/my/party").text
        self.assertIn(
            "Projection at the current score: probationary status would be "
            "cancelled (not final)",
            page,
        )
        self.assertNotIn("Probationary status may be cancelled", page)
        # the year's result is final once the branch published its four
        # quarters, where the cycle says so: the flag, no more projection
        self.cycle.flags_final_on_publication = True
        with publication_day(date(self.cycle.year + 1, 1, 1)):
            for quarter in "1234":
                self._publish_quarter(quarter, user=self.user_manager)
        self.assertTrue(self.card.flag_probation_cancel)
        page = self._get("/my/party").text
        self.assertIn("Probationary status may be cancelled", page)
        self.assertNotIn("o_party_projection", page)

    def test_lines_and_handbook(self):
        self._registered(self.member_a1, "k07", -3, self.today)
        self._registered(self.member_a2, "k07", -5, self.today)
        page = self._get("/my/party/lines").text
        self.assertIn(self.std("k07").name, page)
        self.assertIn(">-3</td>", page)
        self.assertNotIn(">-5</td>", page)  # 郑二's line
        response = self._get("/my/party/handbook")
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn("吴一", report_text(response.content))

    def test_publications(self):
        self._registered(self.member_a1, "k07", -3, date(2025, 2, 1))
        self._registered(self.member_b1, "k07", -3, date(2025, 2, 1))
        published = self._publication(self.branch_a, "1")
        other_branch = self._publication(self.branch_b, "1")
        unpublished = self._publication(self.branch_a, "2", publish=False)
        page = self._get("/my/party/publications").text
        self.assertIn(f"/my/party/publications/{published.id}/notice.pdf", page)
        self.assertIn("郑二", page)  # the published list names the branch
        self.assertNotIn("冯三", page)  # never another branch's
        self.assertNotIn(f"/publications/{unpublished.id}/", page)
        response = self._get(f"/my/party/publications/{published.id}/notice.pdf")
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn("吴一", report_text(response.content))
        self.assertNotIn("冯三", report_text(response.content))
        for publication in (other_branch, unpublished):
            response = self.url_open(
                f"/my/party/publications/{publication.id}/notice.pdf"
            )
            self.assertEqual(response.status_code, 404)

    def test_declare_an_addition(self):
        response = self._declare()
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/party/lines", response.url)
        self.assertIn("o_party_declared", response.text)
        line = self.Line.search([("member_id", "=", self.member_a1.id)])
        # R-SCORE-5/7: declared by the member, waiting for the branch
        self.assertEqual(
            (line.state, line.points, line.standard_id, line.declared_by_id),
            ("submitted", 2, self.item, self.portal),
        )
        self.assertEqual(line.attachment_ids.mimetype, "image/png")
        self.assertEqual(line.attachment_ids.raw, PNG)
        line.with_user(self.user_recorder_a).action_verify()
        line.with_user(self.user_manager).action_approve()
        self.assertEqual(self.card.total_score, 82)

    def test_bad_declarations_create_nothing(self):
        other_company = self.env["res.company"].create({"name": "另一公司"})
        foreign_item = self.item.copy({"code": "PT2", "company_id": other_company.id})
        # lines, as real files have: werkzeug buffers a part until a line break
        big = b"%PDF-1.4\n" + (b"0" * 1023 + b"\n") * (10 * 1024)
        cases = [
            # the ledger's own messages: the portal checks nothing twice
            ({"file": None}, "needs written evidence"),
            ({"points": 5}, "do not fit"),
            ({"date": (self.today + timedelta(days=1)).isoformat()}, "in the future"),
            ({"standard_id": foreign_item.id}, "belongs to another company"),
            ({"standard_id": self.std("k07").id, "points": -3}, "Deductions are"),
            ({"standard_id": 0}, "Choose an addition item"),
            ({"points": "两"}, "whole number"),
            ({"file": ("big.pdf", big, "application/pdf")}, "larger than 10 MB"),
            ({"file": ("setup.png", b"MZ\x90\x00" * 64, "image/png")}, "not a photo"),
            ({"description": " "}, "Describe what you did"),
        ]
        for values, message in cases:
            with self.subTest(message=message):
                response = self._declare(**values)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_party_error", response.text)
                self.assertIn(message, response.text)
        self.assertFalse(self.Line.search([("member_id", "=", self.member_a1.id)]))
        attachments = (
            self.env["ir.attachment"]
            .search([("res_model", "=", "party.score.line")])
            .filtered(lambda a: a.create_uid == self.portal)
        )
        # issue 17 m: nothing on a line; the last good photo is kept for the
        # next try (one file, of no record), a refused file never is
        self.assertEqual(
            attachments.mapped(lambda a: (a.res_id, a.name)), [(0, "photo.png")]
        )

    def test_the_photo_is_kept_after_a_refused_declaration(self):
        # issue 17 m: on a phone the photo is not chosen again after an error;
        # the file the member just sent comes back with the form
        response = self._declare(points=5)
        self.assertIn("do not fit", response.text)
        self.assertIn("o_party_kept_evidence", response.text)
        self.assertIn("photo.png", response.text)
        kept_id = re.search(
            r'name="kept_evidence_id" value="(\d+)"', response.text
        ).group(1)
        token = re.search(
            r'name="kept_evidence_token" value="([^"]+)"', response.text
        ).group(1)
        # a forged token (or another user's file) is no evidence
        response = self._declare(
            file=None, kept_evidence_id=kept_id, kept_evidence_token="forged"
        )
        self.assertIn("needs written evidence", response.text)
        self.assertFalse(self.Line.search([("member_id", "=", self.member_a1.id)]))
        # sent back with the form, the file is the evidence of the line
        response = self._declare(
            file=None, kept_evidence_id=kept_id, kept_evidence_token=token
        )
        self.assertIn("o_party_declared", response.text)
        line = self.Line.search([("member_id", "=", self.member_a1.id)])
        self.assertEqual(
            (line.state, line.attachment_ids.name, line.attachment_ids.raw),
            ("submitted", "photo.png", PNG),
        )
        # the kept copy is gone once used
        self.assertFalse(self.env["ir.attachment"].browse(int(kept_id)).exists())

    def test_phone_page_shows_evidence_and_reads_the_rank(self):
        # issue 17 m: the evidence the README promises is in the row at every
        # width (it was a column hidden below tablet width), the headers stay
        # on one line, and the rank is a sentence with the year as a name
        self._declare()
        self.opener.cookies["frontend_lang"] = "zh_CN"
        page = self._get("/my/party/lines").text
        row = re.search(r'<tr>\s*<td class="text-nowrap">.*?</tr>', page, re.S).group(0)
        self.assertIn("o_party_evidence", row)
        self.assertIn("photo.png", row)
        self.assertNotIn("d-none", page[page.index("o_party_lines") :])
        self.assertIn('<tr class="text-nowrap">', page)
        home = self._get("/my/party").text
        self.assertRegex(home, rf"{self.today.year}年度 支部内排名第\d+名")
        self.assertNotIn(f"{self.today.year}:", home)

    def test_declare_errors_are_translated(self):
        self.opener.cookies["frontend_lang"] = "zh_CN"
        response = self._declare(file=None)
        self.assertIn("o_party_error", response.text)
        self.assertNotIn("needs written evidence", response.text)
        self.assertIn("证明材料", response.text)

    def test_other_users_get_no_party_page(self):
        self.authenticate("pp_plain", "pp_plain")
        self.assertEqual(self.url_open("/my/party").status_code, 404)


@tagged("post_install", "-at_install")
class TestPortalTour(PortalCase):
    # issue 10: the portal works on a 390-pixel-wide phone screen
    browser_size = "390x844"
    touch_enabled = True

    def test_member_declares_an_addition_in_the_portal(self):
        self.start_tour(
            "/my",
            "party_points_portal_declare",
            login=self.portal.login,
            timeout=120,
        )
        line = self.Line.search([("member_id", "=", self.member_a1.id)])
        self.assertEqual(
            (line.state, line.points, line.standard_id), ("submitted", 2, self.item)
        )
        self.assertEqual(line.attachment_ids.name, "photo.png")
