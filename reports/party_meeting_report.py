# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class PartyMeetingSigninReport(models.AbstractModel):
    """The sign-in sheet of a meeting (A4): its QR code, the sign-in window
    and the list of its members, to sign by hand without a phone."""

    _name = "report.party_points.report_party_meeting_signin"
    _description = "Meeting Sign-in Sheet"

    @api.model
    def _get_report_values(self, docids, data=None):
        meetings = self.env["party.meeting"].browse(docids)
        meetings.check_access("read")
        self.env["party.meeting"]._check_role(
            "party_points.group_party_recorder",
            self.env._("The sign-in sheet is printed by the branch's recorder."),
        )
        # sudo: the sheet prints the QR code (the recorder's field) and the
        # names of the members called, once the meeting is readable (above)
        meetings_sudo = meetings.sudo()
        types = dict(meetings._fields["meeting_type"]._description_selection(self.env))
        statuses = dict(
            self.env["party.meeting.attendance"]
            ._fields["status"]
            ._description_selection(self.env)
        )
        values = {"qr": {}, "start": {}, "window": {}, "roster": {}, "type_label": {}}
        for meeting_sudo in meetings_sudo:
            values["type_label"][meeting_sudo.id] = types.get(
                meeting_sudo.meeting_type, ""
            )
            values["qr"][meeting_sudo.id] = (
                "data:image/png;base64," + meeting_sudo.signin_qr.decode()
                if meeting_sudo.state == "draft" and meeting_sudo.signin_qr
                else False
            )
            values["start"][meeting_sudo.id] = meeting_sudo._party_local_time(
                meeting_sudo.start
            )
            opens = meeting_sudo._party_local_time(meeting_sudo.signin_open)[-5:]
            closes = meeting_sudo._party_local_time(meeting_sudo.signin_close)[-5:]
            values["window"][meeting_sudo.id] = f"{opens} – {closes}"
            rows = {r_sudo.member_id: r_sudo for r_sudo in meeting_sudo.attendance_ids}
            members = (
                meeting_sudo._expected_members() | meeting_sudo.attendance_ids.member_id
            )
            roster = []
            for member in members.sorted("name"):
                row_sudo = rows.get(member)
                status = ""
                if row_sudo and (
                    row_sudo.signed_in_at or row_sudo.status in ("leave", "away")
                ):
                    status = statuses[row_sudo.status]
                    if row_sudo.signed_in_at:
                        status += (
                            " "
                            + meeting_sudo._party_local_time(row_sudo.signed_in_at)[-5:]
                        )
                roster.append({"name": member.name, "status": status})
            values["roster"][meeting_sudo.id] = roster
        return {
            "doc_ids": meetings.ids,
            "doc_model": "party.meeting",
            "docs": meetings_sudo,
            **values,
        }
