# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's own test runner (``odoo-bin --test-tags /party_points``) runs the
test modules that ``tests/__init__.py`` imports, and only those; pytest-odoo
(``make test``) collects every ``tests/test_*.py`` file. So that both run the
same suite, every test file is imported there."""

import re
from pathlib import Path

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_path


@tagged("post_install", "-at_install")
class TestPackaging(TransactionCase):
    def test_odoo_runs_every_test_module(self):
        tests = Path(file_path("party_points/tests"))
        files = {path.stem for path in tests.glob("test_*.py")}
        imported = set(
            re.findall(
                r"^from \. import (\w+)$", (tests / "__init__.py").read_text(), re.M
            )
        )
        self.assertEqual(sorted(files - imported), [])
        self.assertEqual(sorted(imported - files), [])
