# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Deleting what the ledger or the history rests on is refused with a clear
message, before the database refuses it with a technical one."""

from odoo.exceptions import UserError


def check_not_referenced(records):
    """Raise a translated UserError if a stored row of any model still points
    at ``records`` through a ``restrict`` many2one (lines, cards, history,
    publications …): those rows are kept for good, so ``records`` stay too.
    Archived rows count, and so do rows the user cannot read."""
    if not records:
        return
    env = records.env
    for model_name in env.registry:
        model = env[model_name]
        if model._abstract or not model._auto or model._transient:
            continue
        for field in model._fields.values():
            if not (
                field.type == "many2one"
                and field.store
                and field.comodel_name == records._name
                and field.ondelete == "restrict"
            ):
                continue
            used_sudo = (
                # sudo: a reference the user cannot read still forbids the
                # deletion; only the model's description is said
                model.sudo()
                .with_context(active_test=False)
                .search([(field.name, "in", records.ids)], limit=1)
            )
            if used_sudo:
                # sudo: the record being deleted is named; its display name
                # may read linked records the user cannot read
                holder_sudo = records.browse(used_sudo[field.name].id).sudo()
                raise UserError(
                    env._(
                        "%(record)s cannot be deleted: it is still used by "
                        "%(model)s records, which the ledger and the history "
                        "keep for good. Archive it instead.",
                        record=holder_sudo.display_name,
                        model=model._description,
                    )
                )
