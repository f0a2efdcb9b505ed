# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One policy for the files that prove a party record (issue 15, item 1).

* A record accepts, as its files, only files the caller has just uploaded
  (created by the caller, bound to no record, or only to a wizard of theirs)
  and files it already holds. Any other id is refused without naming the
  file: the caller may not be allowed to read it.
* Once accepted, a file is bound to the record (``res_model``/``res_id``),
  so that exactly those who can read the record can read the file; a bound
  file is never re-homed.
* Once the record is past draft (``_evidence_locked``), its files, those of
  its evidence field and those bound to it through the chatter, can no
  longer be changed or deleted, by anyone, sudo included
  (``ir.attachment._party_check_not_frozen``); a correction is a new record
  with new evidence.
"""

import base64

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from .party_workflow_mixin import check_evidence_content


def evidence_ids_and_files(commands):
    """The attachment ids a many2many value links, and the values of the
    files it creates: ids, ``Command.link``/``set``/``create``."""
    ids, created = [], []
    for command in commands or ():
        if isinstance(command, int):
            ids.append(command)
        elif isinstance(command, list | tuple) and command:
            if command[0] == 4:
                ids.append(command[1])
            elif command[0] == 6:
                ids.extend(command[2] or [])
            elif command[0] == 0:
                created.append(command[2] or {})
    return ids, created


def evidence_removed_ids(commands, current_ids):
    """The ids of ``current_ids`` that a many2many value takes away."""
    removed = set()
    for command in commands or ():
        if not isinstance(command, list | tuple) or not command:
            continue
        if command[0] in (2, 3):
            removed.add(command[1])
        elif command[0] == 5:
            removed |= set(current_ids)
        elif command[0] == 6:
            removed |= set(current_ids) - set(command[2] or [])
    return removed & set(current_ids)


class PartyEvidenceMixin(models.AbstractModel):
    """Files that prove a record: lines, laggard steps, monthly reports,
    mobile members' reports, exemptions.

    ``_evidence_field`` names the record's many2many of ``ir.attachment``
    (False when the record has only the files of its chatter);
    ``_evidence_locked`` says which records are past draft.
    """

    _name = "party.evidence.mixin"
    _description = "Evidence Files Policy"

    _evidence_field = "attachment_ids"

    def _evidence_locked(self):
        """The records of ``self`` whose files can no longer change: past
        draft by default."""
        return self.filtered(lambda record: record.state != "draft")

    @api.model_create_multi
    def create(self, vals_list):
        field = self._evidence_field
        if field:
            given = []
            for vals in vals_list:
                given += self._check_evidence_value(vals.get(field))
            if len(given) != len(set(given)):
                raise UserError(
                    self.env._(
                        "One file proves one record: upload it again for each "
                        "record it proves."
                    )
                )
        records = super().create(vals_list)
        if field:
            records.browse(
                record.id
                for record, vals in zip(records, vals_list, strict=True)
                if vals.get(field)
            )._bind_evidence()
        return records

    def write(self, vals):
        field = self._evidence_field
        if not field or field not in vals:
            return super().write(vals)
        given = self._check_evidence_value(vals[field])
        if given and len(self) > 1:
            raise UserError(
                self.env._(
                    "One file proves one record: upload it again for each "
                    "record it proves."
                )
            )
        for record in self._evidence_locked():
            # sudo: the ids of the files the record holds, compared only; the
            # writer may not read every file (uploaded by someone else)
            if evidence_removed_ids(vals[field], record.sudo()[field].ids):
                raise UserError(
                    self.env._(
                        "%(record)s is no longer a draft: the files that prove it "
                        "stay with it. Register a correction with new evidence.",
                        record=record.display_name,
                    )
                )
        res = super().write(vals)
        self._bind_evidence()
        return res

    def _check_evidence_value(self, commands):
        """Check the files a value of the evidence field gives ``self`` (the
        records written, empty for a create), before anything is written.
        Returns the ids of the files newly given."""
        ids, created = evidence_ids_and_files(commands)
        # sudo: the ids of the files the records already hold, compared only
        held = set(self.sudo()[self._evidence_field].ids) if self else set()
        new_ids = [attachment_id for attachment_id in ids if attachment_id not in held]
        if new_ids:
            # sudo: read only to judge: nothing is said of a file the caller
            # may not read
            attachments_sudo = self.env["ir.attachment"].sudo().browse(new_ids)
            existing_sudo = attachments_sudo.exists()
            holders = existing_sudo._party_evidence_holders()
            for attachment_sudo in attachments_sudo:
                if (
                    attachment_sudo not in existing_sudo
                    or holders.get(attachment_sudo.id)
                    or not self._evidence_is_fresh(attachment_sudo)
                ):
                    raise AccessError(
                        self.env._(
                            "A file given as evidence is not one you have just "
                            "uploaded: upload the file itself."
                        )
                    )
            for attachment_sudo in attachments_sudo:
                if attachment_sudo.type != "url":
                    check_evidence_content(
                        self.env, attachment_sudo.name, attachment_sudo.raw
                    )
        for vals in created:
            content = vals.get("raw")
            if isinstance(content, str):
                content = content.encode()
            if content is None and vals.get("datas"):
                content = base64.b64decode(vals["datas"])
            check_evidence_content(self.env, vals.get("name") or "", content or b"")
        return new_ids

    def _evidence_is_fresh(self, attachment_sudo):
        """Whether the caller has just uploaded ``attachment_sudo`` for this
        flow: a file of the record itself, or their own file bound to no
        record or only to a wizard; never the content of a binary field."""
        if attachment_sudo.res_field:
            return False
        model, res_id = attachment_sudo.res_model, attachment_sudo.res_id
        if res_id and model == self._name and res_id in self.ids:
            # already the record's own (its chatter, or uploaded on its form)
            return True
        if attachment_sudo.create_uid.id != self.env.uid:
            return False
        return not res_id or bool(model in self.env and self.env[model]._transient)

    def _bind_evidence(self):
        """Bind the files of the evidence field to their record. Private: the
        files were accepted by ``_check_evidence_value`` (or are the
        system's own); written in SQL because a record created past draft
        (a step) already freezes them."""
        field = self._evidence_field
        Attachment = self.env["ir.attachment"]
        Attachment.flush_model(["res_model", "res_id"])
        for record in self:
            # sudo: the files were accepted (or are the system's); reading
            # them to bind them is not the caller's to refuse
            attachments_sudo = record.sudo()[field].filtered(
                lambda a, record=record: (a.res_model, a.res_id)
                != (record._name, record.id)
            )
            if attachments_sudo:
                self.env.cr.execute(
                    "UPDATE ir_attachment SET res_model = %s, res_id = %s "
                    "WHERE id IN %s",
                    [record._name, record.id, tuple(attachments_sudo.ids)],
                )
                attachments_sudo.invalidate_recordset(["res_model", "res_id"])
