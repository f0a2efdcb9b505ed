# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Members told where they already look (issue 19, item 3).

Three kinds of message, each from a translatable ``mail.template``
(``data/mail_template_data.xml``) rendered in the language of who reads it:
the published score (``party.score.publication``), the theme Party day
reminder (``party.meeting``) and the officers' daily digest
(``res.users``, ``models/party_digest.py``).

``party.notify._party_notify`` sends them in batches, the way
``mail.thread.message_notify`` sends one: a ``user_notification`` message
on a record the reader may open (only its recipient and its author read
such a message), an inbox notification for an internal user who handles
messages in Odoo, and a queued ``mail.mail`` for whoever has an email
address. One message per reader, created in a few statements whatever the
number of readers; the mails go out through Odoo's mail queue, after the
transaction, so a mail server down never fails the step that sent them.
"""

from lxml import html
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import safe_eval


class PartyNotify(models.AbstractModel):
    _name = "party.notify"
    _description = "Party Points Messages"

    @api.model
    def _party_render(self, template, res_ids, add_context=None):
        """``{res_id: (subject, body, email_from)}``: ``template`` rendered
        on ``res_ids`` in the language its ``lang`` gives each record (the
        reader's), in one pass per language.

        The subject and the sender are Odoo's own rendering. The body too,
        but compiled once per language: Odoo's ``_render_template_qweb``
        compiles the QWeb of a template's body anew for every record, which
        is most of the cost of telling a branch of 500 members (2 s); here
        the body is compiled once and run for each record with the values
        Odoo gives it (``_render_eval_context``, ``object``, ``add_context``).
        ``tests/test_notify_publication.py`` checks that the result is
        Odoo's."""
        # sudo: the addon's own templates, rendered for a job or an officer
        # who may not edit templates (Odoo renders its own templates so too)
        template_sudo = template.sudo()
        subjects = template_sudo._render_field(
            "subject", res_ids, compute_lang=True, add_context=add_context
        )
        senders = template_sudo._render_field("email_from", res_ids)
        bodies = {}
        for lang_template_sudo, lang_res_ids in template_sudo._classify_per_lang(
            res_ids
        ).values():
            bodies.update(
                lang_template_sudo._party_render_body(lang_res_ids, add_context)
            )
        return {
            res_id: (subjects[res_id], bodies[res_id], senders[res_id] or False)
            for res_id in res_ids
        }

    @api.model
    def _party_notify(self, notices, author=None):
        """Send ``notices``, a list of dicts ``{"model", "res_id", "partner"
        (res.partner, the reader), "subject", "body", "email_from"}``: one
        message each, its partner notified; ``author`` (a partner) signs
        them, else OdooBot. Returns the messages."""
        if not notices:
            return self.env["mail.message"]
        author = author or self.env.ref("base.partner_root")
        # a subtype that is not internal: a portal user reads only those
        # (mail.message._get_search_domain_share); a user_notification is
        # read by its recipient alone, and notifies no follower
        comment = self.env.ref("mail.mt_comment")
        # the reply address and the record's name, per model in one go (mail
        # would compute them message by message)
        res_ids_by_model = {}
        for notice in notices:
            res_ids_by_model.setdefault(notice["model"], set()).add(notice["res_id"])
        reply_to, names = {}, {}
        for model, res_ids in res_ids_by_model.items():
            # sudo: as below, whoever triggers the messages
            records_sudo = self.env[model].sudo().browse(res_ids)
            for res_id, address in records_sudo._notify_get_reply_to().items():
                reply_to[model, res_id] = address
            for record_sudo in records_sudo:
                names[model, record_sudo.id] = record_sudo.display_name
        # sudo: the messages are the system's, written for their readers
        # whoever triggers them (a secretary publishing, a daily job)
        Message_sudo = self.env["mail.message"].sudo()
        messages_sudo = Message_sudo.create(
            [
                {
                    "model": notice["model"],
                    "res_id": notice["res_id"],
                    "message_type": "user_notification",
                    "subtype_id": comment.id,
                    "author_id": author.id,
                    "email_from": notice.get("email_from") or False,
                    "reply_to": reply_to.get((notice["model"], notice["res_id"]))
                    or notice.get("email_from")
                    or False,
                    "record_name": names[notice["model"], notice["res_id"]],
                    "subject": notice["subject"],
                    "body": notice["body"],
                    "partner_ids": [fields.Command.link(notice["partner"].id)],
                }
                for notice in notices
            ]
        )
        partners = self.env["res.partner"].browse(
            {notice["partner"].id for notice in notices}
        )
        # sudo: who handles messages in Odoo (an internal user's preference)
        inbox_partners_sudo = (
            partners.sudo()
            .user_ids.filtered(lambda u: not u.share and u.notification_type == "inbox")
            .partner_id
        )
        mail_vals, notif_vals, notif_mails = [], [], []
        for notice, message_sudo in zip(notices, messages_sudo, strict=True):
            partner = notice["partner"]
            if partner in inbox_partners_sudo:
                notif_vals.append(
                    {
                        "author_id": author.id,
                        "mail_message_id": message_sudo.id,
                        "notification_type": "inbox",
                        "notification_status": "sent",
                        "res_partner_id": partner.id,
                    }
                )
            elif partner.email:
                mail_vals.append(
                    {
                        "mail_message_id": message_sudo.id,
                        "body_html": notice["body"],
                        "recipient_ids": [fields.Command.link(partner.id)],
                        "references": message_sudo.message_id,
                        "auto_delete": True,
                        # the message stays with its record once mailed
                        "is_notification": True,
                        "state": "outgoing",
                    }
                )
                notif_mails.append((message_sudo, partner))
        # sudo: mail.mail and mail.notification are the mail queue's
        mails_sudo = self.env["mail.mail"].sudo().create(mail_vals)
        for mail_sudo, (message_sudo, partner) in zip(
            mails_sudo, notif_mails, strict=True
        ):
            notif_vals.append(
                {
                    "author_id": author.id,
                    "mail_message_id": message_sudo.id,
                    "mail_mail_id": mail_sudo.id,
                    "notification_type": "email",
                    "notification_status": "ready",
                    "is_read": True,
                    "res_partner_id": partner.id,
                }
            )
        # sudo: as above
        self.env["mail.notification"].sudo().create(notif_vals)
        # the inbox of who reads it in Odoo shows it at once (the bus, after
        # the commit), as _notify_thread_by_inbox does
        inbox_users_sudo = inbox_partners_sudo.user_ids.filtered(lambda u: not u.share)
        for notice, message_sudo in zip(notices, messages_sudo, strict=True):
            for user_sudo in inbox_users_sudo.filtered(
                lambda u, p=notice["partner"]: u.partner_id == p
            ):
                user_sudo._bus_send_store(
                    message_sudo.with_user(user_sudo).with_context(
                        allowed_company_ids=[]
                    ),
                    for_current_user=True,
                    notification_type="mail.message/inbox",
                )
        if mails_sudo:
            # the queue sends them once the transaction is committed
            # sudo: the mail queue's job is the administrator's
            self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()
        return messages_sudo


class PartyMember(models.Model):
    _inherit = "party.member"

    # R-MSG-4: the member's own choice (the portal's /my/party): no published score,
    # no theme day reminder; the officers' lists and notices stay
    party_messages_off = fields.Boolean(
        string="Party Points Messages Switched Off",
        help="The member receives no message of the published scores and no "
        "reminder before the theme Party day, neither in the portal nor by "
        "email. The member switches them on and off in the portal.",
    )

    def write(self, vals):
        # R-MSG-4: the choice is the member's, made in the portal (which
        # writes it as the system once the member is read under their own
        # rules); an officer does not switch a member's messages
        if "party_messages_off" in vals and not self.env.su:
            raise UserError(
                self.env._(
                    "Only the member switches their Party Points messages on or "
                    "off, on their page of the portal."
                )
            )
        return super().write(vals)

    def _party_told(self):
        """The members who receive the addon's messages: messages not
        switched off, and somewhere to read them: a login (the portal, or
        Odoo for an internal user) or an email address. A member with
        neither is told at the branch meeting; no message is kept that
        nobody can read (a branch of the bench has thousands of members)."""
        return self.filtered(
            lambda m: m.partner_id
            and not m.party_messages_off
            and (m.partner_id.email or m.partner_id.user_ids)
        )


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def _party_render_body(self, res_ids, add_context=None):
        """The body of the template (self, in the language of its context)
        rendered on ``res_ids``, compiled once: ``{res_id: Markup}``, as
        ``_render_field("body_html", ...)`` gives it."""
        self.ensure_one()
        if not self.body_html:
            return dict.fromkeys(res_ids, Markup(""))
        node = html.fragment_fromstring(self.body_html, create_parent="div")
        IrQweb = self.env["ir.qweb"]
        functions, name = IrQweb._compile(node)
        base_values = self._render_eval_context()
        base_values.update(add_context or {})
        bodies = {}
        records = self.env[self.render_model].browse(res_ids)
        for record in records:
            values = {**base_values, "object": record}
            ir_qweb = IrQweb._prepare_environment(values)
            safe_eval.check_values(values)
            # without the <div> the fragment was wrapped in, as Odoo does
            bodies[record.id] = Markup("".join(functions[name](ir_qweb, values)))[5:-6]
        options = self._fields["body_html"].render_options
        if options.get("post_process"):
            bodies = self._render_template_postprocess(self.render_model, bodies)
        return bodies
