# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class PartyImportLookupMixin(models.AbstractModel):
    """Finds each name once per import (issue 11).

    Odoo's import resolves a many2one cell by a ``name_search`` per row: a
    file of 10,000 points lines names the same few hundred members and few
    standard items thousands of times. While an import runs (``import_file``
    in the context, set by Odoo's importer), a name found is remembered in
    the transaction's cache, per user, company set, model and search: the
    same user asking the same question in the same transaction gets the
    same answer, only sooner. A name not found is searched again. Nothing
    outlives the transaction, and no right depends on it.
    """

    _name = "party.import.lookup.mixin"
    _description = "Name Lookups Remembered During an Import"

    @api.model
    @api.readonly
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        if not self.env.context.get("import_file"):
            return super().name_search(name, args, operator, limit)
        memo = self.env.cr.cache.setdefault("party_points.import_lookup", {})
        key = (
            self._name,
            self.env.uid,
            self.env.su,
            tuple(self.env.companies.ids),
            repr(args),
            name,
            operator,
            limit,
        )
        if key not in memo:
            found = super().name_search(name, args, operator, limit)
            if not found:
                return found
            memo[key] = found
        return memo[key]
