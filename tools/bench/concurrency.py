# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Concurrency under Odoo's multi-process server (issue 11, item 3).

Copies the generated benchmark database, serves the copy with
``--workers 2`` and two cron workers, as production runs behind a proxy,
and runs 8 XML-RPC clients at once:

* six recorders register deductions of the fourth quarter (create, then
  register), two of them on the same branch as each other, two on the
  branches being published;
* two secretaries approve and publish the fourth quarter of their branch
  while the recorders are still registering lines in it.

The party_points crons are all due at the start, so both cron workers look
for them while the clients run.

Then it checks, in SQL: every line a client was told was created exists
exactly once and no refused line exists; no published quarter holds a line
outside its frozen set or created after its publication; every card's total
equals a raw SQL sum of its approved lines; each cron ran once. Serialization
failures retried by the server (its log) and by the clients are counted and
printed; a line is never lost. Exit status 1 on any violation.

    python3 tools/bench/concurrency.py -c build/odoo.conf -d party_points_bench
"""

import datetime
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
import xmlrpc.client
from collections import Counter

from common import PASSWORD, YEAR, parse_args

import odoo

LINES_PER_RECORDER = 40
CONCURRENCY_FAULTS = ("could not serialize", "concurrent update", "deadlock detected")
DEDUCTIONS = (("K01-4", -1), ("K07", -3), ("K01-2", -2))


def extra_args(parser):
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8079)
    parser.add_argument("--copy", default="party_points_concurrency")


class Client(threading.Thread):
    def __init__(self, url, db, login, branch_name):
        super().__init__(daemon=True)
        self.url, self.db, self.login, self.branch_name = url, db, login, branch_name
        self.created = []  # descriptions the server confirmed
        self.refused = []  # descriptions refused (quarter published)
        self.client_retries = 0
        self.errors = []
        self.published_at = None

    def connect(self):
        common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common")
        self.uid = common.authenticate(self.db, self.login, PASSWORD, {})
        self.models = xmlrpc.client.ServerProxy(
            f"{self.url}/xmlrpc/2/object", allow_none=True
        )
        self.branch_id = self.call(
            "party.branch", "search", [[("name", "=", self.branch_name)]]
        )[0]

    def call(self, model, method, args, kwargs=None):
        """One RPC; a concurrency failure the server gave up on is retried
        here, so that nothing is lost (and counted)."""
        for _attempt in range(20):
            try:
                return self.models.execute_kw(
                    self.db, self.uid, PASSWORD, model, method, args, kwargs or {}
                )
            except xmlrpc.client.Fault as fault:
                if not any(text in fault.faultString for text in CONCURRENCY_FAULTS):
                    raise
                self.client_retries += 1
                time.sleep(random.uniform(0.05, 0.3))
        raise RuntimeError(f"{self.login}: {method} kept failing on concurrency")

    def run(self):
        try:
            self.connect()
            self.work()
        except Exception as error:  # reported, and the run fails
            self.errors.append(f"{self.login}: {error!r}"[:500])


class Recorder(Client):
    def work(self):
        members = self.call(
            "party.member", "search", [[("branch_id", "=", self.branch_id)]]
        )
        standards = {
            code: self.call(
                "party.score.standard",
                "search",
                [[("code", "=", code), ("catalogue", "=", "enterprise")]],
            )[0]
            for code, _points in DEDUCTIONS
        }
        start = datetime.date(YEAR, 10, 1)
        for _index in range(LINES_PER_RECORDER):
            code, points = random.choice(DEDUCTIONS)
            description = f"conc-{uuid.uuid4().hex}"
            vals = {
                "member_id": random.choice(members),
                "standard_id": standards[code],
                "points": points,
                "date": (
                    start + datetime.timedelta(days=random.randrange(92))
                ).isoformat(),
                "description": description,
            }
            try:
                line_id = self.call("party.score.line", "create", [vals])
                self.call("party.score.line", "action_register", [[line_id]])
            except xmlrpc.client.Fault as fault:
                if "is published" in fault.faultString:
                    # R-SCORE-8: the quarter was published meanwhile
                    self.refused.append(description)
                    break
                raise
            self.created.append(description)


class Secretary(Client):
    def work(self):
        time.sleep(random.uniform(1.5, 3))
        cycle_id = self.call(
            "party.score.cycle", "search", [[("year", "=", YEAR)]], {"limit": 1}
        )[0]
        publication_id = self.call(
            "party.score.publication",
            "create",
            [{"branch_id": self.branch_id, "cycle_id": cycle_id, "quarter": "4"}],
        )
        for method in ("action_approve", "action_publish"):
            for _attempt in range(200):
                try:
                    self.call("party.score.publication", method, [[publication_id]])
                    break
                except xmlrpc.client.Fault as fault:
                    if "still waiting" not in fault.faultString:
                        raise
                    # a recorder's line is between create and register
                    time.sleep(0.05)
            else:
                raise RuntimeError(f"{method} never found the quarter quiet")
        self.published_at = time.time()


def wait_for_server(port, process, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit("the server stopped: see its log")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    sys.exit("the server did not answer")


def wait_for_crons(database, cron_ids, timeout=600):
    """Until every cron has run once since the start (lastcall set)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        done = sql(
            database,
            "SELECT count(*) FROM ir_cron WHERE id = ANY(%s) AND lastcall IS NOT NULL "
            "AND lastcall > now() at time zone 'UTC' - interval '1 hour'",
            [cron_ids],
        )[0][0]
        if done == len(cron_ids):
            time.sleep(1)
            return
        time.sleep(1)


def sql(database, query, params=None):
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        cr.execute(query, params)
        return cr.fetchall() if cr.description else None


def main():
    args = parse_args(__doc__, extra_args)
    config = odoo.tools.config
    env = dict(os.environ, PGHOST=config["db_host"], PGPORT=str(config["db_port"]))
    env["PGUSER"] = config["db_user"]
    subprocess.run(["dropdb", "--if-exists", args.copy], check=True, env=env)
    subprocess.run(["createdb", "-T", args.database, args.copy], check=True, env=env)
    sql(
        args.copy,
        "UPDATE ir_cron SET nextcall = now() at time zone 'UTC' - interval '1 minute', "
        "lastcall = NULL, active = true WHERE id IN (SELECT res_id FROM ir_model_data "
        "WHERE module = 'party_points' AND model = 'ir.cron')",
    )
    crons = sql(
        args.copy,
        "SELECT c.id FROM ir_cron c JOIN ir_model_data d ON d.res_id = c.id "
        "AND d.model = 'ir.cron' AND d.module = 'party_points'",
    )
    log_path = os.path.join(
        os.path.dirname(os.path.abspath(args.config)), "log", "concurrency-server.log"
    )
    if os.path.exists(log_path):
        os.remove(log_path)
    # a plain launcher file, not "python -m odoo": the prefork server starts
    # its gevent process again from sys.argv[0]
    launcher = os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "odoo_server.py"
    )
    command = [sys.executable, launcher]
    server = subprocess.Popen(
        [
            *command,
            "-c",
            args.config,
            "-d",
            args.copy,
            f"--db-filter=^{args.copy}$",
            f"--workers={args.workers}",
            "--max-cron-threads=2",
            f"--http-port={args.port}",
            f"--logfile={log_path}",
            "--log-level=info",
        ]
    )
    try:
        wait_for_server(args.port, server)
        url = f"http://127.0.0.1:{args.port}"
        branches = [f"基准第{number:03d}党支部" for number in (3, 3, 4, 4, 5, 6)]
        logins = ["bench_recorder1", "bench_recorder1", "bench_recorder2"]
        logins += ["bench_recorder2", "bench_recorder3", "bench_recorder4"]
        clients = [
            Recorder(url, args.copy, login, branch)
            for login, branch in zip(logins, branches, strict=True)
        ]
        clients += [
            Secretary(url, args.copy, "bench_secretary1", "基准第003党支部"),
            Secretary(url, args.copy, "bench_secretary3", "基准第005党支部"),
        ]
        start = time.time()
        # wake both cron workers now (they poll once a minute otherwise)
        sql(args.copy, "NOTIFY cron_trigger, %s", [args.copy])
        for client in clients:
            client.start()
        for client in clients:
            client.join(600)
        elapsed = time.time() - start
        wait_for_crons(args.copy, [cron_id for (cron_id,) in crons])
    finally:
        server.terminate()
        server.wait(60)
    problems = [error for client in clients for error in client.errors]
    created = [d for client in clients for d in client.created]
    refused = [d for client in clients for d in client.refused]
    counts = dict(
        sql(
            args.copy,
            "SELECT description, count(*) FROM party_score_line "
            "WHERE description LIKE 'conc-%%' GROUP BY description",
        )
    )
    duplicated = [d for d, n in counts.items() if n != 1]
    missing = [d for d in created if d not in counts]
    unexpected = [d for d in counts if d not in set(created)]
    if duplicated or missing or unexpected:
        problems.append(
            f"lines: {len(duplicated)} duplicated, {len(missing)} lost, "
            f"{len(unexpected)} present though refused or never confirmed"
        )
    slipped = sql(
        args.copy,
        """
        SELECT p.id, count(l.id)
          FROM party_score_publication p
          JOIN party_score_line l ON l.branch_id = p.branch_id
               AND l.cycle_id = p.cycle_id AND l.quarter = p.quarter
         WHERE p.state = 'published'
           -- publishing stamps every line of the quarter; a line that
           -- arrived afterwards would carry no stamp
           AND l.publication_id IS DISTINCT FROM p.id
      GROUP BY p.id
        """,
    )
    if slipped:
        problems.append(f"published quarters holding later lines: {slipped}")
    published = sql(
        args.copy,
        "SELECT count(*) FROM party_score_publication WHERE quarter = '4' "
        "AND state = 'published'",
    )[0][0]
    if published != 2:
        problems.append(f"{published} fourth quarters published instead of 2")
    wrong_totals = sql(
        args.copy,
        """
        SELECT c.id, c.total_score, s.total
          FROM party_score_card c
          JOIN (SELECT c2.id, greatest(0, c2.base_score + coalesce(sum(l.points), 0))
                       AS total
                  FROM party_score_card c2
             LEFT JOIN party_score_line l ON l.card_id = c2.id
                       AND l.state = 'approved'
                 GROUP BY c2.id) s ON s.id = c.id
         WHERE c.total_score != s.total
        """,
    )
    if wrong_totals:
        problems.append(f"{len(wrong_totals)} cards whose total is not the SQL sum")
    with open(log_path, encoding="utf-8") as log_file:
        server_log = log_file.read()
    server_retries = len(
        re.findall(r"serialization_failure, \d tries left", server_log, re.I)
    )
    durations = re.findall(r"Job '([^']+)' \((\d+)\) done in ([\d.]+)s", server_log)
    cron_runs = Counter(cron_id for _name, cron_id, _seconds in durations)
    ours = {str(cron_id) for (cron_id,) in crons}
    cron_times = ", ".join(
        f"{name} {float(seconds):.1f} s"
        for name, cron_id, seconds in durations
        if cron_id in ours
    )
    not_once = {
        cron_id: cron_runs.get(str(cron_id), 0)
        for (cron_id,) in crons
        if cron_runs.get(str(cron_id), 0) != 1
    }
    if not_once:
        problems.append(f"crons not run exactly once: {not_once}")
    # a serialization failure is logged as a bad query, then retried: only
    # the other errors count
    records = re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ )", server_log)
    errors = [
        record.splitlines()[0]
        for record in records
        if re.match(r"^\S+ \S+ \d+ (?:ERROR|CRITICAL) ", record)
        and not any(text in record for text in CONCURRENCY_FAULTS)
    ]
    if errors:
        problems.append(f"{len(errors)} errors in the server log, first: {errors[0]}")
    client_retries = sum(client.client_retries for client in clients)
    print(
        f"Concurrency: {args.workers} HTTP workers + 2 cron workers, "
        f"8 XML-RPC clients, {elapsed:.1f} s"
    )
    print(
        f"  {len(created)} lines registered, each present once; {len(refused)} "
        f"refused because their quarter had been published; {published} quarters "
        f"published while lines arrived; {len(crons)} crons run once each"
    )
    print(
        f"  serialization failures: {server_retries} retried by the server, "
        f"{client_retries} by the clients; totals equal the SQL sums: "
        f"{'yes' if not wrong_totals else 'NO'}"
    )
    print(f"  crons (in the cron workers, while the clients ran): {cron_times}")
    for problem in problems:
        print(f"  FAILED: {problem}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
