# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .party_workflow_mixin import party_day_label, party_today

_logger = logging.getLogger(__name__)

# at most this many records named in a section of the digest; the count says
# how many wait in all
DIGEST_NAMED = 10


class ResUsers(models.Model):
    """R-MSG-3: the officers' daily digest: one message a day of what waits
    for the user, instead of one message per record.

    What waits is ``_party_digest_sections`` (``models/res_users.py``), which
    each model file with something waiting extends; it is computed in the
    user's own environment, under their rules, companies and language. The
    preference is the user's own, on Odoo's preferences form: the digest is
    the work of an officer's role, not a member's message (a member switches
    those off in the portal)."""

    _inherit = "res.users"

    party_digest = fields.Boolean(
        string="Daily Party Points Digest",
        default=True,
        help="Once a day, one message of what waits for you in Party Points "
        "(declarations to verify or approve, steps of laggard cases, quarters "
        "to publish), only on a day something waits.",
    )
    # the last day the digest was sent: once per user per day
    party_digest_date = fields.Date(string="Party Digest Sent on", readonly=True)

    @property
    def SELF_READABLE_FIELDS(self):
        return [*super().SELF_READABLE_FIELDS, "party_digest"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return [*super().SELF_WRITEABLE_FIELDS, "party_digest"]

    @api.model
    def _cron_party_digest(self):
        """The daily job: each internal user with a role of the addon, the
        digest switched on and something waiting receives one digest, once
        a day (the day of their company)."""
        users = self.search(
            [
                ("share", "=", False),
                ("party_digest", "=", True),
                (
                    "groups_id",
                    "in",
                    self.env.ref("party_points.group_party_recorder").id,
                ),
            ]
        )
        for user in users:
            # one user's rights that refuse a section do not stop the others'
            try:
                with self.env.cr.savepoint():
                    user._party_send_digest()
            except AccessError as error:
                _logger.warning("No Party Points digest for %s: %s", user.login, error)

    def _party_send_digest(self):
        """Send the user's digest of today unless sent already or nothing
        waits. Returns the message (empty when none was sent)."""
        self.ensure_one()
        today = party_today(self, self.company_id)
        if self.party_digest_date and self.party_digest_date >= today:
            return self.env["mail.message"]
        lang = self.lang or "en_US"
        user_env = self.env(
            user=self,
            su=False,
            context={
                **self.env.context,
                "lang": lang,
                "allowed_company_ids": self.company_ids.ids,
            },
        )
        sections = [
            section
            for section in user_env["res.users"]
            .browse(self.id)
            ._party_digest_sections()
            if section["records"]
        ]
        if not sections:
            return self.env["mail.message"]
        Notify = self.env["party.notify"]
        rendered = Notify._party_render(
            self.env.ref("party_points.mail_template_party_digest"),
            self.ids,
            add_context={
                "sections": [
                    {
                        "title": section["title"],
                        "count": len(section["records"]),
                        "records": section["records"][:DIGEST_NAMED],
                        "url": self._party_digest_url,
                    }
                    for section in sections
                ],
                "day": party_day_label(self.env, today, lang),
            },
        )[self.id]
        message = Notify._party_notify(
            [
                {
                    "model": "res.partner",
                    "res_id": self.partner_id.id,
                    "partner": self.partner_id,
                    "subject": rendered[0],
                    "body": rendered[1],
                    "email_from": rendered[2],
                }
            ]
        )
        # sudo: the job's own stamp (the field is read-only for the user)
        self.sudo().party_digest_date = today
        return message

    def _party_digest_url(self, record):
        """The link of ``record`` in the digest: Odoo's ``/mail/view``, which
        opens the record for whoever may read it."""
        return (
            f"{self.get_base_url()}/mail/view?model={record._name}&res_id={record.id}"
        )
