# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from collections import defaultdict

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# What a file is: changing one of these changes the evidence.
EVIDENCE_FILE_FIELDS = {
    "name",
    "datas",
    "raw",
    "db_datas",
    "store_fname",
    "url",
    "type",
    "mimetype",
    "res_model",
    "res_id",
    "res_field",
    "public",
    "company_id",
}


class IrAttachment(models.Model):
    """The files that prove a party record past draft never change
    (``party.evidence.mixin``): refused for every user, sudo included."""

    _inherit = "ir.attachment"

    def write(self, vals):
        if EVIDENCE_FILE_FIELDS & vals.keys():
            self._party_check_not_frozen(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_party_evidence(self):
        self._party_check_not_frozen()

    def _party_check_not_frozen(self, vals=None):
        frozen = self._party_frozen()
        if vals is not None:
            frozen = frozen.filtered(lambda a: a._party_would_change(vals))
        if frozen:
            # the file is not named: the caller may not be allowed to read it
            raise UserError(
                self.env._(
                    "This file proves a record that is no longer a draft: it can "
                    "no longer be changed or deleted. Register a correction with "
                    "new evidence."
                )
            )

    def _party_would_change(self, vals):
        # sudo: the current content is compared whoever writes; the caller
        # may not be allowed to read the file
        attachment_sudo = self.sudo()
        for name in EVIDENCE_FILE_FIELDS & vals.keys():
            value = vals[name]
            if name in ("datas", "raw"):
                if name == "datas":
                    value = base64.b64decode(value) if value else b""
                elif isinstance(value, str):
                    value = value.encode()
                if (value or b"") != (attachment_sudo.raw or b""):
                    return True
                continue
            current = attachment_sudo[name]
            if isinstance(current, models.BaseModel):
                current = current.id
            if (current or False) != (value or False):
                return True
        return False

    def _party_evidence_holders(self):
        """The party records whose evidence field lists each of ``self``:
        ``{attachment id: [(model, record id), …]}``."""
        holders = defaultdict(list)
        if not self.ids:
            return holders
        for model_name, field in self._party_evidence_fields():
            rows = self.env.execute_query(
                SQL(
                    "SELECT %s, %s FROM %s WHERE %s IN %s",
                    SQL.identifier(field.column2),
                    SQL.identifier(field.column1),
                    SQL.identifier(field.relation),
                    SQL.identifier(field.column2),
                    tuple(self.ids),
                )
            )
            for attachment_id, record_id in rows:
                holders[attachment_id].append((model_name, record_id))
        return holders

    def _party_frozen(self):
        """The attachments of ``self`` that prove a party record past draft:
        listed in its evidence field, or bound to it (its chatter)."""
        if not self.ids:
            return self.browse()
        models_ = self._party_evidence_models()
        holders = self._party_evidence_holders()
        self.flush_model(["res_model", "res_id"])
        rows = self.env.execute_query(
            SQL(
                "SELECT id, res_model, res_id FROM ir_attachment "
                "WHERE id IN %s AND res_model IN %s AND res_id != 0",
                tuple(self.ids),
                tuple(models_),
            )
        )
        for attachment_id, model_name, record_id in rows:
            holders[attachment_id].append((model_name, record_id))
        by_model = defaultdict(set)
        for pairs in holders.values():
            for model_name, record_id in pairs:
                by_model[model_name].add(record_id)
        locked = set()
        for model_name, record_ids in by_model.items():
            # sudo: a file is frozen by the state of the records it proves,
            # which the user changing the file may not be allowed to read
            records_sudo = self.env[model_name].sudo().browse(record_ids).exists()
            locked |= {(model_name, rid) for rid in records_sudo._evidence_locked().ids}
        return self.filtered(
            lambda a: any(pair in locked for pair in holders.get(a.id, ()))
        )

    @api.model
    def _party_evidence_fields(self):
        """(model name, many2many field) of each evidence field."""
        for model_name in self._party_evidence_models():
            field_name = self.env[model_name]._evidence_field
            if field_name:
                yield model_name, self.env[model_name]._fields[field_name]

    @api.model
    def _party_evidence_models(self):
        return [
            name
            for name in self.env.registry.descendants(
                ["party.evidence.mixin"], "_inherit"
            )
            if not self.env[name]._abstract
        ]

    @api.model
    def _party_bind_unbound_evidence(self):
        """Bind to its record every file that a party record's evidence
        field lists while it is bound to no record (databases made before
        the evidence policy; the upgrade to 18.0.1.1.0 runs it). A file that
        several records list is copied, so that each record proves itself
        with its own file. Files bound elsewhere are left where they are."""
        # sudo: an upgrade step binding every listed file, whoever uploaded it
        Attachment_sudo = self.sudo()
        Attachment_sudo.flush_model(["res_model", "res_id"])
        bound = 0
        for model_name, field in self._party_evidence_fields():
            rows = self.env.execute_query(
                SQL(
                    """
                SELECT rel.%(att)s, rel.%(rec)s
                  FROM %(rel)s rel
                  JOIN ir_attachment a ON a.id = rel.%(att)s
                 WHERE COALESCE(a.res_id, 0) = 0
              ORDER BY rel.%(att)s, rel.%(rec)s
                    """,
                    att=SQL.identifier(field.column2),
                    rec=SQL.identifier(field.column1),
                    rel=SQL.identifier(field.relation),
                )
            )
            seen = set()
            for attachment_id, record_id in rows:
                attachment_sudo = Attachment_sudo.browse(attachment_id)
                if attachment_id in seen:
                    copy_sudo = attachment_sudo.copy({"res_model": False, "res_id": 0})
                    self.env.cr.execute(
                        SQL(
                            "UPDATE %s SET %s = %s WHERE %s = %s AND %s = %s",
                            SQL.identifier(field.relation),
                            SQL.identifier(field.column2),
                            copy_sudo.id,
                            SQL.identifier(field.column1),
                            record_id,
                            SQL.identifier(field.column2),
                            attachment_id,
                        )
                    )
                    attachment_sudo = copy_sudo
                seen.add(attachment_id)
                self.env.cr.execute(
                    "UPDATE ir_attachment SET res_model = %s, res_id = %s "
                    "WHERE id = %s",
                    [model_name, record_id, attachment_sudo.id],
                )
                bound += 1
            self.env[model_name].invalidate_model([field.name])
        Attachment_sudo.invalidate_model(["res_model", "res_id"])
        return bound
