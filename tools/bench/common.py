# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the benchmark scripts share: Odoo as a library, and the shape of the
generated organisation (issue 11, item 5).

The benchmark database is separate from the demo and test databases. The
organisation of its main company:

    基准党工委 (committee)
    └── 20 党总支 (general branches)
        └── 500 党支部 (branches): 基准第001党支部 and 基准第002党支部 have
            500 members each, the other 498 share the rest of 50,000.

A year (the last full calendar year, so that every date is in the past) of
about 2,000,000 lines: 40 per member over the year, plus the 500 declarations
of branch 001's fourth quarter that wait for the committee. Quarters 1-3 of
every branch are published; the fourth is open.

Every member is also an employee (hr.employee, in 50 departments) and, for
the twelve months before today's, took part in a closed theme Party day of
their branch each month and paid the month's dues, except a few: members
whose id is divisible by 397 missed the last seven months (flagged by the
six-month watch), by 331 the last four (warned), and about 2 % missed one
month or another. Everything generated is dated in the past (its own date,
or two days ago), as in a database in service.
"""

import argparse
import contextlib
import datetime
import os
import resource
import threading
import time

import odoo
from odoo import SUPERUSER_ID, api

BRANCHES = 500
GENERALS = 20
MEMBERS = 50_000
BIG_BRANCH_MEMBERS = 500
LINES_PER_MEMBER = 40
YEAR = datetime.date.today().year - 1
PUBLISHED_QUARTERS = ("1", "2", "3")
# issue 20: every member is an employee of one of these departments, and
# each branch held a theme Party day and collected dues in each of the
# months before today's, so that the six-month watch has facts to judge
DEPARTMENTS = 50
WATCH_MONTHS = 12
PASSWORD = "bench"  # the bench users' password (the bench database is local)


def parse_args(description, extra=None):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-c", "--config", required=True, help="odoo.conf")
    parser.add_argument("-d", "--database", required=True)
    if extra:
        extra(parser)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    return args


def registry(database):
    return odoo.modules.registry.Registry(database)


@contextlib.contextmanager
def environment(database, uid=SUPERUSER_ID, context=None):
    """An environment on a new cursor, committed on success."""
    with registry(database).cursor() as cr:
        yield api.Environment(cr, uid, dict(context or {}, lang="en_US"))


def user(env, login):
    return env["res.users"].search([("login", "=", login)], limit=1)


def rss_mb():
    with open(f"/proc/{os.getpid()}/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


class PeakMemory:
    """Peak resident memory growth of this process while the block runs,
    sampled every 20 ms."""

    def __enter__(self):
        self.start = self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_mb())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())
        self.growth = self.peak - self.start


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
