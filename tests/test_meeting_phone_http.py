# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Meetings from the phone (issue 19, item 2) as a client reaches them: the
portal pages the QR code opens, XML-RPC, and the printed sign-in sheet."""

import re
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import BypassRpcMixin, PortalCase
from .helpers import pdf_first_page_png, pdf_to_text


@tagged("post_install", "-at_install")
class TestMeetingPhoneHttp(BypassRpcMixin, PortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.user_recorder_a, cls.user_secretary_a, cls.user_member):
            user.password = user.login
        # starts in ten minutes: the sign-in is open, leave can still be asked
        cls.start = fields.Datetime.now().replace(microsecond=0) + timedelta(minutes=10)
        cls.meeting = (
            cls.env["party.meeting"]
            .with_user(cls.user_recorder_a)
            .create(
                {
                    "name": "主题党日：学习党章",
                    "meeting_type": "theme_day",
                    "branch_id": cls.branch_a.id,
                    "start": cls.start,
                }
            )
        )
        cls.token = cls.meeting.sudo().signin_token

    def _signin_url(self, token=None):
        return (
            f"/my/party/meetings/{self.meeting.id}/signin?token={token or self.token}"
        )

    def _csrf(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)

    def _row(self, member):
        return self.meeting.attendance_ids.filtered(lambda a: a.member_id == member)

    def test_the_qr_link_signs_in_the_logged_in_member(self):
        self.authenticate(self.portal.login, self.portal.login)
        self.opener.cookies["frontend_lang"] = "en_US"
        page = self.url_open(self._signin_url()).text
        self.assertIn("主题党日：学习党章", page)
        self.assertIn(self.member_a1.name, page)
        data = {"csrf_token": self._csrf(self._signin_url()), "token": self.token}
        response = self.url_open(
            f"/my/party/meetings/{self.meeting.id}/signin", data=data
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("You are signed in.", response.text)
        self.assertIn("Present", response.text)
        row = self._row(self.member_a1)
        self.assertEqual(row.status, "present")
        # a second try is refused; the page says so
        response = self.url_open(
            f"/my/party/meetings/{self.meeting.id}/signin", data=data
        )
        self.assertIn("You are signed in.", response.text)
        self.assertEqual(len(self.meeting.attendance_ids), 1)

    def test_the_page_needs_the_secret_and_a_login(self):
        self.authenticate(self.portal.login, self.portal.login)
        self.assertEqual(self.url_open(self._signin_url("guessed")).status_code, 404)
        self.assertEqual(
            self.url_open(f"/my/party/meetings/{self.meeting.id}/signin").status_code,
            404,
        )
        self.authenticate(None, None)
        response = self.url_open(self._signin_url())
        self.assertIn("/web/login", response.url)
        self.assertIn("redirect=", response.url)
        self.assertFalse(self.meeting.attendance_ids)

    def test_the_member_asks_leave_in_the_portal(self):
        self.authenticate(self.portal.login, self.portal.login)
        self.opener.cookies["frontend_lang"] = "en_US"
        listing = self.url_open("/my/party/meetings").text
        self.assertIn("主题党日：学习党章", listing)
        url = f"/my/party/meetings/{self.meeting.id}/leave"
        response = self.url_open(
            url, data={"csrf_token": self._csrf(url), "reason": " "}
        )
        self.assertIn("Say why you ask for leave.", response.text)
        response = self.url_open(
            url, data={"csrf_token": self._csrf(url), "reason": "出差"}
        )
        self.assertIn("o_party_leave_asked", response.text)
        self.assertIn("Leave requested", response.text)
        leave = self.meeting.leave_ids
        self.assertEqual((leave.member_id, leave.reason), (self.member_a1, "出差"))

    def test_a_member_sees_only_the_meetings_of_their_organisation(self):
        # R-MTG-5: 冯三 of 第二党支部 is no member of 第一党支部
        self.member_b1.with_user(self.user_manager).action_create_portal_users()
        portal_b = self.member_b1.partner_id.user_ids
        portal_b.password = portal_b.login
        self.authenticate(portal_b.login, portal_b.login)
        self.opener.cookies["frontend_lang"] = "en_US"
        self.assertNotIn("主题党日：学习党章", self.url_open("/my/party/meetings").text)
        url = f"/my/party/meetings/{self.meeting.id}/leave"
        self.assertEqual(self.url_open(url).status_code, 404)
        # the QR link itself does not sign them in
        data = {"csrf_token": self._csrf(self._signin_url()), "token": self.token}
        response = self.url_open(
            f"/my/party/meetings/{self.meeting.id}/signin", data=data
        )
        self.assertIn("your own organisation", response.text)
        self.assertFalse(self.meeting.attendance_ids)

    def test_over_xmlrpc(self):
        # the member signs in for themself only; the secret decides
        fault = self._refused(
            self.user_member, "party.meeting", "action_sign_in", [self.meeting.id], "x"
        )
        self.assertIn("not valid", fault)
        status = self._rpc(
            self.user_member,
            "party.meeting",
            "action_sign_in",
            [self.meeting.id],
            self.token,
        )
        self.assertEqual(status, "present")
        self.assertEqual(self._row(self.member_self).status, "present")
        # nobody types a sign-in time, not even the recorder
        fault = self._refused(
            self.user_recorder_a,
            "party.meeting.attendance",
            "write",
            self._row(self.member_self).ids,
            {"signed_in_at": "2025-01-01 00:00:00"},
        )
        self.assertIn("sign-in time", fault)
        # a member reads no QR secret
        fields_read = self._rpc(
            self.user_member, "party.meeting", "fields_get", ["signin_token"]
        )
        self.assertNotIn("signin_token", fields_read)
        # leave: asked by the member, granted by the secretary, not by the member
        self.portal.password = self.portal.login
        leave_id = self._rpc(
            self.portal,
            "party.meeting",
            "action_request_leave",
            [self.meeting.id],
            "出差",
        )
        fault = self._refused(
            self.user_member, "party.meeting.leave", "action_grant", [leave_id]
        )
        self.assertIn("secretary", fault)
        self._rpc(
            self.user_secretary_a, "party.meeting.leave", "action_grant", [leave_id]
        )
        self.assertEqual(self._row(self.member_a1).status, "leave")

    def test_the_sign_in_sheet_prints_the_qr_code_and_the_members(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        report = self.env.ref("party_points.action_report_party_meeting_signin")
        self.meeting.with_user(self.user_member).action_sign_in(self.token)
        pdf, kind = (
            report.with_user(self.user_recorder_a)
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf(report.report_name, self.meeting.ids)
        )
        self.assertEqual(kind, "pdf")
        text = pdf_to_text(pdf).replace(" ", "")
        self.assertIn("第一党支部", text)
        self.assertIn("签到表", text)
        # (NFKC reads the full-width colon as ":")
        self.assertIn("会议主题主题党日:学习党章", text)
        self.assertRegex(text, r"陈党员\S*\d{2}:\d{2}")
        for member in (self.member_self, self.member_a1, self.member_a2):
            self.assertIn(member.name, text)
        self.assertNotIn(self.member_b1.name, text)
        # the page as an image, to look at
        png = pdf_first_page_png(pdf, "party_meeting_signin_sheet")
        self.assertGreater(len(png), 5000)
