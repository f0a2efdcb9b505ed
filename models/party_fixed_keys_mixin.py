# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError


class PartyFixedKeysMixin(models.AbstractModel):
    """The links that make a record what it is (its member, branch, meeting,
    case, cycle, company, publication …) stay as they were created.

    Odoo checks record rules on the records *before* a write, never after:
    a user allowed to edit a record of her branch could otherwise point it
    at a member or a branch she does not serve, and the record would move
    there with every field related to it. So:

    - ``_party_fixed_fields`` never change once the record exists, for
      every user and every path (form, import, RPC, sudo, the workflow's
      own ``_write_workflow``); writing the value a record already has is
      no change (an import or a form may send it again);
    - every stored related field (``company_id`` following the member, the
      branch following the meeting …) is fixed too: it follows its key,
      never a value written by hand;
    - ``_party_rechecked_fields`` may still change (a draft corrected): the
      model checks the new values first (``_check_rechecked_keys``, the
      checks its ``create`` runs), and the record rules are checked again
      once the values are written, in the same transaction, so that a
      refusal undoes the write.

    Models say in ``_fixed_keys_advice`` what to do instead.
    """

    _name = "party.fixed.keys.mixin"
    _description = "Keys Fixed at Creation"
    # every party model with a chatter lists this mixin first: its chatter
    # keeps who did what for users without an email address too
    _inherit = ["party.chatter.mixin"]

    _party_fixed_fields = ()
    _party_rechecked_fields = ()

    def write(self, vals):
        self._check_fixed_keys(vals)
        rechecked = self._changed_keys(vals, self._party_rechecked_fields)
        if rechecked:
            self._check_rechecked_keys(vals)
        res = super().write(vals)
        if rechecked:
            # Odoo judged the records as they were: judge them as they are
            self.check_access("write")
        return res

    def _fixed_key_names(self, names):
        """The fixed keys among ``names``."""
        fixed = set()
        for name in names:
            field = self._fields.get(name)
            if name in self._party_fixed_fields or (
                field and field.related and field.store and not field.inverse
            ):
                fixed.add(name)
        return fixed

    def _check_fixed_keys(self, vals):
        changed = self._changed_keys(vals, self._fixed_key_names(vals))
        if not changed:
            return
        # who may not write the records at all is told that first
        self.check_access("write")
        name = sorted(changed)[0]
        field = self._fields[name]
        if name in self._party_fixed_fields or not field.related:
            advice = self._fixed_keys_advice(name)
        else:
            key = self._fields[field.related.split(".")[0]]
            advice = self.env._(
                "it always follows the %(key)s of the record.",
                key=key._description_string(self.env),
            )
        raise UserError(
            self.env._(
                "%(field)s of %(model)s is fixed when the record is created: "
                "%(advice)s",
                field=field._description_string(self.env),
                # the model's name in the user's language
                model=self.env["ir.model"]._get(self._name).name or self._description,
                advice=advice,
            )
        )

    def _changed_keys(self, vals, names):
        """The fields of ``names`` that ``vals`` would change on a record of
        ``self``."""
        names = set(names) & vals.keys()
        if not names or not self:
            return set()
        # sudo: the current values are compared whoever writes; a key field
        # may be hidden from the writer (a sensitive or group-bound field)
        records_sudo = self.sudo()
        changed = set()
        for name in names:
            field = self._fields[name]
            try:
                new = field.convert_to_cache(vals[name], records_sudo, validate=False)
            except (TypeError, ValueError):
                changed.add(name)
                continue
            for record_sudo in records_sudo:
                if field.convert_to_cache(record_sudo[name], record_sudo) != new:
                    changed.add(name)
                    break
        return changed

    def _check_rechecked_keys(self, vals):
        """Hook: check the new values of ``_party_rechecked_fields`` as the
        model's ``create`` checks them, before anything is written."""

    def _fixed_keys_advice(self, field_name):
        """What the user does instead of changing ``field_name``."""
        return self.env._(
            "create the record again with the right value (a draft can be deleted)."
        )
