# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member's messages in the portal (issue 19, item 3).

/my/party shows the latest messages the addon sent the member (their
published scores, the theme day reminders) and the switch that turns them
off; /my/party/messages lists them all. The messages are read under the
portal user's own rights: a ``user_notification`` message is readable by
its recipient only."""

from odoo import http
from odoo.http import request

from .portal import PartyPointsPortal

# the messages shown on /my/party, and at most on /my/party/messages
HOME_MESSAGES = 3
ALL_MESSAGES = 80


class PartyNotifyPortal(PartyPointsPortal):
    def _party_messages(self, member, limit):
        """The messages the addon sent ``member`` (on their member record,
        to the user's contact), newest first."""
        return request.env["mail.message"].search(
            [
                ("model", "=", "party.member"),
                ("res_id", "=", member.id),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", request.env.user.partner_id.ids),
            ],
            order="id desc",
            limit=limit,
        )

    def _party_values(self, member, **values):
        values = super()._party_values(member, **values)
        values.setdefault("party_messages", self._party_messages(member, HOME_MESSAGES))
        values["party_messages_off"] = member.party_messages_off
        return values

    @http.route("/my/party/messages", type="http", auth="user", website=True)
    def portal_party_messages(self, **kw):
        member = self._party_member_or_404()
        return request.render(
            "party_points.portal_party_messages",
            self._party_values(
                member,
                party_messages=self._party_messages(member, ALL_MESSAGES),
                saved=kw.get("saved"),
            ),
        )

    @http.route(
        "/my/party/messages/switch",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_party_messages_switch(self, **post):
        """The member switches the addon's messages on or off (the form sends
        ``messages`` = "on" or "off")."""
        member = self._party_member_or_404()
        off = post.get("messages") == "off"
        # sudo: a member may not write their member record; the one field of
        # their own choice is written on the record their rules returned
        member.sudo().party_messages_off = off
        return request.redirect("/my/party/messages?saved=1")
