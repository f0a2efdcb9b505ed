"""Merge a fresh Odoo export of party_points' terms into i18n/zh_CN.po.

``make i18n`` exports the terms of the installed addon and runs this: every
existing translation is kept, new terms arrive untranslated and are listed,
terms gone from the code are dropped, and source references are cleaned of
the build/ folder that the addons-path link makes the exporter walk into.
The file is written as OCA's po check wants it (tools/po_format.py): a term
that reads the same in Chinese (a number, "ID", a help already in Chinese)
keeps an empty msgstr and is not listed as untranslated.
"""

import re
import sys
from pathlib import Path

import polib
from po_format import pretty

PO = Path(__file__).resolve().parent.parent / "i18n" / "zh_CN.po"
BUILD_LOOP = re.compile(r"addons/party_points/(build/addons/party_points/)+")
LATIN = re.compile(r"[A-Za-z]")
# terms written the same in Chinese (their msgstr stays empty)
# "ID", and a report name that is an expression (print_report_name)
SAME_IN_CHINESE = {"ID", "object._get_report_base_filename()"}


def needs_translation(msgid):
    return bool(LATIN.search(msgid)) and msgid not in SAME_IN_CHINESE


def main(exported):
    current = polib.pofile(str(PO))
    known = {entry.msgid: entry.msgstr for entry in current if entry.msgstr}
    # translations of base records (the module's name in Apps) are not exported
    kept = [entry for entry in current if "ir.module.module" in str(entry.occurrences)]
    fresh = polib.pofile(exported)
    missing = []
    for entry in list(fresh):
        entry.msgstr = known.get(entry.msgid, "")
        # the exporter also walks the copies the Makefile keeps in build/
        # (build/prev, build/oca): their references are dropped
        entry.occurrences = [
            (f, line)
            for f, line in dict.fromkeys(
                (BUILD_LOOP.sub("addons/party_points/", f), line)
                for f, line in entry.occurrences
            )
            if "addons/party_points/build/" not in f
        ]
        if not entry.occurrences:  # a term of the copies only
            fresh.remove(entry)
            continue
        if not entry.msgstr and needs_translation(entry.msgid):
            missing.append(entry.msgid)
    for entry in reversed(kept):
        fresh.insert(0, entry)
    fresh.metadata["Project-Id-Version"] = "Odoo Server 18.0"
    for key in ("POT-Creation-Date", "PO-Revision-Date"):
        fresh.metadata.pop(key, None)
    PO.write_text(pretty(fresh), encoding="utf-8")
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
