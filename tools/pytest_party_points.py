# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""pytest plugin for the party_points suite (``make test`` loads it with -p).

pytest imports test files by their real path, and a clone's folder is seldom
named ``party_points``: the plugin names the tests' modules
``odoo.addons.party_points.…`` whatever the folder is called (pytest-odoo
would derive ``odoo.addons.<folder>``). It is a plugin rather than a
``conftest.py`` because a conftest at the addon root would be imported as a
package named after the folder, which Odoo refuses.

Two rules of the project's quality bar that pytest alone does not enforce:

* a WARNING, ERROR or CRITICAL log record during a test fails that test, as
  Odoo's own runner fails on logged errors (tests that expect a log capture it
  with ``assertLogs`` or ``mute_logger``, which keeps it from reaching here);
* a skipped test fails the run: a browser test that cannot find Chromium is
  skipped by Odoo, and a skip must never pass for a success.
"""

import importlib
import logging
import re
from pathlib import Path

import _pytest.pathlib
import pytest

from odoo.tools import config as odoo_config


def _import_odoo_tests_in_test_mode():
    # pytest-odoo imports odoo.tests before it turns test mode on, and Odoo
    # then logs an ERROR ("Importing test framework … when not running in
    # test mode"). Importing it first, in test mode, keeps that false alarm
    # out of the suite's output; the flag is restored at once.
    enabled = odoo_config["test_enable"]
    odoo_config["test_enable"] = True
    try:
        importlib.import_module("odoo.tests")
    finally:
        odoo_config["test_enable"] = enabled


_import_odoo_tests_in_test_mode()

ADDON = "party_points"
ADDON_ROOT = Path(__file__).resolve().parent.parent

# Debian's wkhtmltopdf is built on an unpatched Qt: it says so on every PDF,
# and Odoo logs what it says as a warning. The reports are designed for it
# (headings in the body), so that sentence alone is no failure; anything else
# in the same record still is.
HARMLESS = re.compile(
    r"wkhtmltopdf: |The switch --(header|footer)-html, is not support using "
    r"unpatched qt, and will be ignored\.|\s+"
)


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


_collector = _Collector()


def pytest_configure(config):
    logging.getLogger().addHandler(_collector)
    _name_modules_after_the_addon()


def _name_modules_after_the_addon():
    resolve = _pytest.pathlib.resolve_pkg_root_and_module_name

    def resolve_pkg_root_and_module_name(path, **kwargs):
        real = Path(path).resolve()
        if ADDON_ROOT.name != ADDON and real.is_relative_to(ADDON_ROOT):
            # named from the path inside the addon: pytest's own answer is
            # wrong when the folder is no Python name (a worktree "wt-x")
            parts = list(real.relative_to(ADDON_ROOT).with_suffix("").parts)
            if parts[-1:] == ["__init__"]:
                parts = parts[:-1]
            return ADDON_ROOT.parent, ".".join(["odoo", "addons", ADDON, *parts])
        return resolve(path, **kwargs)

    _pytest.pathlib.resolve_pkg_root_and_module_name = resolve_pkg_root_and_module_name


@pytest.fixture(autouse=True)
def _fail_on_logged_warnings():
    _collector.records.clear()
    yield
    records = [
        r
        for r in _collector.records
        if r.levelno >= logging.WARNING and HARMLESS.sub("", r.getMessage())
    ]
    _collector.records.clear()
    if records:
        lines = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in records)
        pytest.fail(f"the test logged warnings or errors:\n{lines}", pytrace=False)


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and session.exitstatus == 0:
        reporter.write_line(
            f"{skipped} test(s) skipped: a skipped test fails the suite "
            "(is Chromium or a Python package missing?)",
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
