# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.5.0, meetings from the phone: every planned meeting gets its event
in Odoo's calendar, its members invited. No invitation mail is sent by the
upgrade itself (the members hear of the meeting as before); a closed
meeting is a record of the past and gets none."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"no_mail_to_attendees": True})
    meetings = env["party.meeting"].search(
        [("state", "=", "draft"), ("calendar_event_id", "=", False)]
    )
    meetings._sync_calendar_event()
