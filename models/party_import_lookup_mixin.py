# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, models
from odoo.osv import expression


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
        memo = self._party_import_memo()
        key = self._party_import_key(name, args, operator, limit)
        if key not in memo:
            found = super().name_search(name, args, operator, limit)
            if not found:
                return found
            memo[key] = found
        return memo[key]

    def _party_import_memo(self):
        return self.env.cr.cache.setdefault("party_points.import_lookup", {})

    def _party_import_key(self, name, args, operator, limit):
        return (
            self._name,
            self.env.uid,
            self.env.su,
            tuple(self.env.companies.ids),
            repr(args),
            name,
            operator,
            limit,
        )

    @api.model
    def _party_import_prefetch(self, names):
        """Find the names of a whole column in one search (issue 20): the
        answers Odoo's import would get from one ``name_search(name,
        operator="=")`` per distinct name, in the same order, through the
        same record rules. Only for a model searched by plain, untranslated
        text fields, where ``=`` is an exact comparison; any other model is
        left to ``name_search`` one name at a time."""
        if not self.env.context.get("import_file"):
            return
        fnames = self._rec_names_search or [self._rec_name]
        if not all(
            fname in self._fields
            and self._fields[fname].type == "char"
            and not self._fields[fname].translate
            for fname in fnames
        ):
            return
        names = {name for name in names if isinstance(name, str) and name}
        if not names:
            return
        records = self.search_fetch(
            expression.OR([[(fname, "in", list(names))] for fname in fnames]),
            ["display_name", *fnames],
        )
        found = defaultdict(list)
        for record in records:
            for name in {record[fname] for fname in fnames} & names:
                found[name].append((record.id, record.display_name))
        memo = self._party_import_memo()
        for name, pairs in found.items():
            # the limit of the name_search that the import calls
            memo[self._party_import_key(name, None, "=", 100)] = pairs[:100]
