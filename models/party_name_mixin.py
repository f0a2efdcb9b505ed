# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .party_workflow_mixin import party_company_lang


class PartyNameMixin(models.AbstractModel):
    """A record named by what it is about (何伟 2026年第4季度, 恒达集团第一
    党支部 2026年10月): the stored ``name``, searched by everyone of the
    company, in the company's language; the display name in the reader's.

    A model gives its ``name`` field ``compute="_compute_name", store=True``,
    the fields the name is made of in ``_party_name_depends``, and the label
    itself in ``_party_label()`` (written with ``self.env._``)."""

    _name = "party.name.mixin"
    _description = "Party Points Name in the Company's Language"
    _party_name_depends = ()

    @api.depends(lambda self: self._party_name_depends)
    def _compute_name(self):
        for record in self:
            lang = party_company_lang(self.env, record.company_id)
            record.name = record.with_context(lang=lang)._party_label()

    @api.depends(lambda self: self._party_name_depends)
    @api.depends_context("lang")
    def _compute_display_name(self):
        for record in self:
            record.display_name = record._party_label()

    def _party_label(self):
        raise NotImplementedError
