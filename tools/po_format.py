"""Write i18n/*.po as OCA's po-pretty-format check expects it.

    python3 tools/po_format.py [FILE.po ...]     (make po-format)

The check (oca-odoo-pre-commit-hooks, run by make lint) wants the entries
sorted by msgid, lines wrapped at 78 columns as polib wraps them, and no
msgstr equal to its msgid (an empty msgstr reads the same). This writes
exactly that; running it again changes nothing. Rerun it after a merge.
"""

import sys
from pathlib import Path

import polib

I18N = Path(__file__).resolve().parent.parent / "i18n"


def pretty(po):
    """The text the check expects for ``po`` (a polib.POFile, sorted in place)."""
    po.sort(key=lambda entry: entry.msgid)
    for entry in po:
        if entry.msgid == entry.msgstr:
            entry.msgstr = ""
    return str(po)


def format_file(path):
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    new = pretty(polib.pofile(text))
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


def main(argv):
    for path in argv or sorted(I18N.glob("*.po")):
        changed = format_file(path)
        print(f"{'formatted' if changed else 'unchanged'} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
