# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from pathlib import Path

import polib
from babel.messages.extract import extract_python

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_path
from odoo.tools.translate import TranslationModuleReader


@tagged("post_install", "-at_install")
class TestChineseTranslation(TransactionCase):
    def test_every_term_is_translated_into_chinese(self):
        # Chinese users read the regulation's words (STYLE.md §8): a label,
        # selection value, menu or message without its translation fails here.
        # A term that reads the same in Chinese (a number, "ID", a help
        # already in Chinese) keeps an empty msgstr, as OCA's po check wants
        # (tools/po_format.py, tools/update_po.py).
        po = polib.pofile(file_path("party_points/i18n/zh_CN.po"))
        translated = {
            entry.msgid
            for entry in po
            if entry.msgstr
            or entry.msgid == "ID"
            # a report's file name given by a method (tools/update_po.py)
            or entry.msgid == "object._get_report_base_filename()"
            or not re.search("[A-Za-z]", entry.msgid)
        }
        # the reader also walks the copies make test keeps in build/ (the
        # previous version in build/prev, build/oca): their terms are not ours
        terms = {
            source
            for module, _type, name, _res_id, source, _value, _comments in (
                TranslationModuleReader(self.env.cr, modules=["party_points"])
            )
            if module == "party_points" and source and "/build/" not in str(name)
        }
        self.assertGreater(len(terms), 300)
        self.assertEqual(sorted(terms - translated), [])

    def test_no_rule_id_or_issue_number_in_what_users_read(self):
        # issue 18, item 1: rule ids (R-SCORE-8 …) and issue numbers belong
        # to comments, docstrings and tests; a user reads the rule in words
        # (help texts, errors, chatter posts, activity summaries, reports)
        pattern = re.compile(r"\bR-(ORG|MEM|SCORE|USE|MOB)-\d+|\b[Ii]ssue \d+")
        terms = {
            source
            for module, _type, _name, _res_id, source, _value, _comments in (
                TranslationModuleReader(self.env.cr, modules=["party_points"])
            )
            if module == "party_points" and source and pattern.search(source)
        }
        self.assertEqual(sorted(terms), [])
        po = polib.pofile(file_path("party_points/i18n/zh_CN.po"))
        self.assertEqual([e.msgstr for e in po if pattern.search(e.msgstr)], [])

    def test_the_module_is_named_in_chinese(self):
        module = self.env.ref("base.module_party_points").with_context(lang="zh_CN")
        self.env["res.lang"]._activate_lang("zh_CN")
        self.assertEqual(module.shortdesc, "党员积分管理")

    def test_every_python_file_gives_up_its_terms(self):
        # The exporter reads the terms of a file with babel, which evaluates
        # each argument of _(): an f-string there stops it, and every term
        # after it in the file would silently never be translated.
        root = Path(file_path("party_points/__manifest__.py")).parent
        failures = []
        for path in sorted(root.rglob("*.py")):
            if "build" in path.relative_to(root).parts:
                continue
            with path.open("rb") as handle:
                try:
                    list(extract_python(handle, ["_", "_lt"], [], {}))
                except Exception as error:
                    failures.append(f"{path.relative_to(root)}: {error}")
        self.assertEqual(failures, [])
