# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import models
from odoo.exceptions import MissingError


class PartyChatterMixin(models.AbstractModel):
    """The chatter of party records keeps who did what, email or not.

    Odoo's ``mail.thread`` refuses to post (``message_post``,
    ``message_notify``, and through them a step's note, an activity marked
    done, an activity assigned to someone) when the author has no email
    address: "Unable to send message, please configure the sender's email
    address". Many users of the addon have none — village and workshop
    Party secretaries, members — and every workflow step of the addon posts
    to the chatter as the acting user. Here the author stays the acting
    user's contact (or the one given) and the message is kept without a
    sender address; mail sent to followers then goes out from the
    database's default sender.

    Inherited by ``party.fixed.keys.mixin``, which every party model with a
    chatter lists first in ``_inherit`` (directly or through
    ``party.workflow.mixin``), so this comes before ``mail.thread`` in the
    method resolution order.
    """

    _name = "party.chatter.mixin"
    _description = "Chatter without Email"

    def _message_compute_author(
        self, author_id=None, email_from=None, raise_on_email=True
    ):
        return super()._message_compute_author(
            author_id, email_from, raise_on_email=False
        )

    def _creation_message(self):
        # mail's "%s created" reads "积分记录 创建" in Chinese, a log line;
        # the addon's own sentence reads "已创建积分记录"
        self.ensure_one()
        return self.env._(
            "%(document)s created",
            document=self.env["ir.model"]._get(self._name).name,
        )

    def _message_track(self, fields_iter, initial_values_dict):
        """Mail's tracking, with the changes that post no subtype logged in
        one batch per author instead of one ``_message_log`` per record.

        The messages are those mail writes (``_message_log_batch``: a note,
        the default or set body, the author), each with its tracking values:
        the committee approving 500 declarations waited for 500 creates of
        a message and its values (issue 20: 1-2 s of publishing a quarter,
        whose savepoint flushes the approval's tracking). A change with a
        subtype is posted by ``message_post``, one by one, as mail does."""
        if not fields_iter:
            return {}
        tracked_fields = self.fields_get(
            fields_iter, attributes=("string", "type", "selection", "currency_field")
        )
        tracking = {}
        for record in self:
            try:
                tracking[record.id] = record._mail_track(
                    tracked_fields, initial_values_dict[record.id]
                )
            except MissingError:
                continue
        precommit = self.env.cr.precommit.data
        bodies = precommit.pop(f"mail.tracking.message.{self._name}", {})
        authors = precommit.pop(f"mail.tracking.author.{self._name}", {})
        logs = defaultdict(list)
        for record in self:
            changes, tracking_value_ids = tracking.get(record.id, (None, None))
            if not changes:
                continue
            subtype = record._track_subtype(
                {name: initial_values_dict[record.id][name] for name in changes}
            )
            author_id = authors[record.id].id if record.id in authors else None
            body = (
                bodies[record.id]
                if record.id in bodies
                else record._track_get_default_log_message(changes)
            )
            if subtype:
                if not subtype.exists():
                    continue
                record.message_post(
                    body=body,
                    author_id=author_id,
                    subtype_id=subtype.id,
                    tracking_value_ids=tracking_value_ids,
                )
            elif tracking_value_ids:
                logs[author_id].append((record, body, tracking_value_ids))
        for author_id, entries in logs.items():
            self._party_log_tracking(author_id, entries)
        return tracking

    def _party_log_tracking(self, author_id, entries):
        """Log ``entries`` [(record, body, tracking value commands)] of one
        author: the messages in one create, then their values in one."""
        records = self.browse([record.id for record, _body, _values in entries])
        messages_sudo = records._message_log_batch(
            {record.id: body for record, body, _values in entries},
            author_id=author_id,
        )
        # sudo: as mail's _message_log, which creates the message and its
        # tracking values as superuser once the change itself was allowed
        self.env["mail.tracking.value"].sudo().create(
            [
                {**values, "mail_message_id": message_sudo.id}
                for message_sudo, (_record, _body, commands) in zip(
                    messages_sudo, entries, strict=True
                )
                for _command, _id, values in commands
            ]
        )
