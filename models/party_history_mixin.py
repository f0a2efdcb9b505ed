# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError


class PartyHistoryMixin(models.AbstractModel):
    """A row of recorded history (R-ORG-3, R-MEM-5): written only by the
    member's own methods through ``_create_history`` (private, so no RPC
    client and no context key reaches it), never changed or deleted
    afterwards."""

    _name = "party.history.mixin"
    _description = "Recorded Member History"

    @api.model_create_multi
    def create(self, vals_list):
        if vals_list:
            raise UserError(
                self.env._(
                    "%(history)s is recorded with the buttons of the member, not "
                    "by hand.",
                    history=self._description,
                )
            )
        return super().create(vals_list)

    @api.model
    def _create_history(self, vals_list):
        return super().create(vals_list)

    def write(self, vals):
        if self:
            raise UserError(
                self.env._(
                    "%(history)s is recorded history: it cannot be changed.",
                    history=self._description,
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "%(history)s is recorded history: it cannot be deleted.",
                history=self._description,
            )
        )
