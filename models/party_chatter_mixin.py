# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


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
