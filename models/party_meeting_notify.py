# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models

from .party_workflow_mixin import party_day_label, party_today


class PartyMeeting(models.Model):
    """R-MSG-2: the reminder before each theme Party day (主题党日): the
    members of the branch are asked to declare their additions, which the
    theme day handles (个人申报, R-SCORE-7), with a link to the portal's
    declaration. Sent by a daily job from the company's number of days
    before the day until the day itself, once per member and theme day."""

    _inherit = "party.meeting"

    party_reminded_member_ids = fields.Many2many(
        "party.member",
        "party_meeting_reminded_member_rel",
        "meeting_id",
        "member_id",
        string="Members Reminded",
        readonly=True,
        copy=False,
        help="The members who received the reminder to declare their additions "
        "before this theme Party day.",
    )

    @api.model
    def _cron_remind_theme_days(self, today=None):
        """Remind the members of every planned theme Party day that falls
        within its company's reminder days (the day itself included): each
        member once, whenever the job runs."""
        # sudo: the daily job reminds the members of every branch
        Meeting_sudo = self.sudo()
        # sudo: every company's settings, whoever runs the job
        Company_sudo = self.env["res.company"].sudo()
        for company_sudo in Company_sudo.search([]):  # pylint: disable=no-search-all
            day = fields.Date.to_date(today) or party_today(self, company_sudo)
            ahead = company_sudo.party_theme_day_reminder_days
            meetings_sudo = Meeting_sudo.search(
                [
                    ("company_id", "=", company_sudo.id),
                    ("meeting_type", "=", "theme_day"),
                    ("state", "=", "draft"),
                    ("date", ">=", day),
                    ("date", "<=", day + timedelta(days=ahead)),
                ]
            )
            for meeting_sudo in meetings_sudo:
                meeting_sudo._party_remind_members()

    def _party_remind_members(self):
        """The reminder of this theme day to the members of its branch (and
        its groups) not reminded yet, in one batch; not to the members kept
        out of the points that day nor those who switched messages off."""
        self.ensure_one()
        # sudo: the branch's members, whom the job reminds (self is sudo)
        Member_sudo = self.env["party.member"].sudo()
        members_sudo = Member_sudo.search(
            [
                ("branch_id", "child_of", self.branch_id.id),
                ("id", "not in", self.party_reminded_member_ids.ids),
            ]
        )
        members_sudo -= members_sudo._exempt_on(self.date)
        members_sudo = members_sudo._party_told()
        if not members_sudo:
            return
        Notify = self.env["party.notify"]
        rendered = Notify._party_render(
            self.env.ref("party_points.mail_template_party_theme_day"),
            members_sudo.ids,
            add_context={
                "meeting": self,
                "day_label": lambda lang: party_day_label(self.env, self.date, lang),
                "declare_url": f"{self.get_base_url()}/my/party/declare",
            },
        )
        Notify._party_notify(
            [
                {
                    "model": "party.member",
                    "res_id": member_sudo.id,
                    "partner": member_sudo.partner_id,
                    "subject": rendered[member_sudo.id][0],
                    "body": rendered[member_sudo.id][1],
                    "email_from": rendered[member_sudo.id][2],
                }
                for member_sudo in members_sudo
            ]
        )
        self.party_reminded_member_ids = [
            fields.Command.link(member_sudo.id) for member_sudo in members_sudo
        ]
