# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Meetings from the phone (issue 19, item 2): the member's planned meetings,
the leave request and the sign-in page the meeting's QR code opens.

The member is always the logged-in user (``auth="user"``): the QR link
carries the meeting's secret, never a member, so that nobody signs in for
someone else. Every rule is the model's (``party.meeting.action_sign_in``,
``action_request_leave``); the controller parses the form and shows the
answer."""

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools import consteq

from ..models.party_meeting_phone import signin_now
from .portal import PartyPointsPortal


class PartyMeetingPortal(PartyPointsPortal):
    def _party_meeting_or_404(self, meeting_id):
        # sudo: the member's planned meeting, which the rules show only
        # once the attendance lists them; only what the page prints is read
        meeting_sudo = request.env["party.meeting"].sudo().browse(meeting_id).exists()
        if not meeting_sudo:
            raise request.not_found()
        return meeting_sudo

    def _party_my_meetings(self, member):
        """The planned meetings of the member's organisation (and the
        organisations above it, e.g. a branch meeting for a group's member)
        still to come or open for sign-in."""
        # sudo: the branches above the member's own, compared only
        branches_sudo = (
            request.env["party.branch"]
            .sudo()
            .search([("id", "parent_of", member.branch_id.id)])
        )
        if member.home_branch_id:
            # sudo: as above, the branch that scores the member (R-SCORE-9)
            branches_sudo |= member.home_branch_id.sudo()
        now = signin_now()
        # sudo: as in _party_meeting_or_404, the member's own planned meetings
        meetings_sudo = (
            request.env["party.meeting"]
            .sudo()
            .search(
                [
                    ("branch_id", "in", branches_sudo.ids),
                    ("state", "=", "draft"),
                    ("start", ">=", fields.Datetime.subtract(now, days=1)),
                ],
                order="start",
            )
        )
        return meetings_sudo.filtered(
            lambda m: m._expected_members() & member
            or member in m.attendance_ids.member_id
        )

    @http.route("/my/party/meetings", type="http", auth="user", website=True)
    def portal_party_meetings(self, **kw):
        member = self._party_member_or_404()
        meetings_sudo = self._party_my_meetings(member)
        rows = {}
        for meeting_sudo in meetings_sudo:
            rows[meeting_sudo.id] = {
                "attendance": meeting_sudo.attendance_ids.filtered(
                    lambda a: a.member_id == member
                ),
                "leave": meeting_sudo.leave_ids.filtered(
                    lambda r: r.member_id == member
                )[:1],
                "start": meeting_sudo._party_local_time(meeting_sudo.start),
                "can_ask": meeting_sudo.start > signin_now(),
            }
        return request.render(
            "party_points.portal_party_meetings",
            self._party_values(
                member,
                meetings=meetings_sudo,
                rows=rows,
                asked=kw.get("asked"),
            ),
        )

    @http.route(
        "/my/party/meetings/<int:meeting_id>/leave",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_party_meeting_leave(self, meeting_id, **post):
        member = self._party_member_or_404()
        meeting_sudo = self._party_meeting_or_404(meeting_id)
        if meeting_sudo not in self._party_my_meetings(member):
            raise request.not_found()
        error = None
        if request.httprequest.method == "POST":
            try:
                request.env["party.meeting"].browse(meeting_id).action_request_leave(
                    post.get("reason") or ""
                )
            except (UserError, ValidationError, AccessError) as exc:
                error = exc.args[0]
            else:
                return request.redirect("/my/party/meetings?asked=1")
        return request.render(
            "party_points.portal_party_meeting_leave",
            self._party_values(
                member,
                meeting=meeting_sudo,
                start=meeting_sudo._party_local_time(meeting_sudo.start),
                error=error,
                post=post,
            ),
        )

    @http.route(
        "/my/party/meetings/<int:meeting_id>/signin",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_party_meeting_signin(self, meeting_id, token=None, **post):
        member = self._party_member_or_404()
        meeting_sudo = self._party_meeting_or_404(meeting_id)
        # the page itself needs the QR code's secret: a meeting is not
        # found by trying numbers
        if not (
            isinstance(token, str)
            and meeting_sudo.signin_token
            and consteq(meeting_sudo.signin_token, token)
        ):
            raise request.not_found()
        error = status = None
        if request.httprequest.method == "POST":
            try:
                status = (
                    request.env["party.meeting"]
                    .browse(meeting_id)
                    .action_sign_in(token)
                )
            except (UserError, ValidationError, AccessError) as exc:
                error = exc.args[0]
        row_sudo = meeting_sudo.attendance_ids.filtered(lambda a: a.member_id == member)
        labels = dict(row_sudo._fields["status"]._description_selection(request.env))
        return request.render(
            "party_points.portal_party_meeting_signin",
            self._party_values(
                member,
                meeting=meeting_sudo,
                token=token,
                start=meeting_sudo._party_local_time(meeting_sudo.start),
                window=(
                    meeting_sudo._party_local_time(meeting_sudo.signin_open),
                    meeting_sudo._party_local_time(meeting_sudo.signin_close),
                ),
                error=error,
                status=status,
                signed=row_sudo.signed_in_at
                and {
                    "time": meeting_sudo._party_local_time(row_sudo.signed_in_at),
                    "status": labels.get(row_sudo.status, ""),
                },
            ),
        )
