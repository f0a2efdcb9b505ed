# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class BaseImportImport(models.TransientModel):
    """Issue 11 (bad input): Odoo's import reports a file it cannot read
    (not a spreadsheet, a zip without sheets, a header without rows) with an
    untranslated technical sentence. For the addon's models, say it in the
    user's language first, keeping the technical detail after it."""

    _inherit = "base_import.import"

    def parse_preview(self, options, count=10):
        result = super().parse_preview(options, count=count)
        if result.get("error") and (self.res_model or "").startswith("party."):
            result["error"] = self._party_unreadable(result["error"])
        return result

    def execute_import(self, fields, columns, options, dryrun=False):
        result = super().execute_import(fields, columns, options, dryrun=dryrun)
        if (self.res_model or "").startswith("party."):
            for message in result.get("messages", []):
                if message.get("type") == "error" and not message.get("field"):
                    if message.get("record") is None and not message.get("rows"):
                        message["message"] = self._party_unreadable(message["message"])
        return result

    def _party_unreadable(self, detail):
        return self.env._(
            "%(file)s cannot be imported: save it as an Excel workbook (XLSX) "
            "with the header row first and one line per row. (%(detail)s)",
            file=self.file_name or "",
            detail=detail,
        )
