"""Prove that a database installed from a previous version of party_points
kept its data through ``-u party_points`` (``make test-upgrade-prev``).

    upgrade_check.py snapshot DSN FILE   before the upgrade: write what is there
    upgrade_check.py compare DSN FILE    after it: compare, exit 1 on a loss

Only SQL is used, so that the same script reads the old and the new schema.
The renames the migrations must carry out are written here, apart from the
migrations: when a migration is missing, the comparison fails.
"""

import json
import sys

import psycopg2

# Stored values renamed by a version, as the migrations must rewrite them.
# Each entry: (table, column, {old: new}).
RENAMED_VALUES = [
    # 18.0.1.4.0: a laggard step's code is the key of its action method
    (
        "party_laggard_step",
        "step",
        {
            "skip_announce": "skip_announcement",
            "direct": "designate_directly",
            "rectify": "start_rectification",
        },
    ),
]
# xml ids (module party_points) renamed by a version.
RENAMED_XMLIDS = {
    # 18.0.1.4.0: the Party working committee's group, not a branch committee
    "group_party_manager": "group_party_working_committee",
}

# Labels a version changes, as an upgraded database must read them:
# (xml id of a group of the addon, language, label).
RELABELLED_GROUPS = [
    # 18.0.1.4.0: the secretary's group names the branch committee
    ("group_party_secretary", "zh_CN", "支部书记/支部委员"),
]

# Tables whose rows must all survive (counted before and after).
COUNTED = [
    "party_branch",
    "party_member",
    "party_member_transfer",
    "party_member_change",
    "party_score_cycle",
    "party_score_standard",
    "party_score_line",
    "party_score_card",
    "party_score_publication",
    "party_meeting",
    "party_laggard_case",
    "party_laggard_step",
    "party_laggard_report",
    "party_outstanding_nomination",
    "party_dues_sheet",
    "party_dues_line",
    "party_mobile_member",
    "party_mobile_report",
    "party_mobile_certificate",
    "res_users",
]


def _tables(cr):
    cr.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public'"
    )
    return {row[0] for row in cr.fetchall()}


def snapshot(cr):
    tables = _tables(cr)
    counts = {}
    for table in COUNTED:
        if table in tables:
            cr.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cr.fetchone()[0]
    values = {}
    for table, column, _renames in RENAMED_VALUES:
        if table in tables:
            cr.execute(f'SELECT id, "{column}" FROM "{table}" ORDER BY id')
            values[f"{table}.{column}"] = dict(cr.fetchall())
    # who holds which of the addon's groups, by the group's xml id
    cr.execute(
        """
        SELECT d.name, u.login
          FROM res_groups_users_rel r
          JOIN ir_model_data d
            ON d.model = 'res.groups' AND d.module = 'party_points'
           AND d.res_id = r.gid
          JOIN res_users u ON u.id = r.uid
         ORDER BY 1, 2
        """
    )
    groups = {}
    for xmlid, login in cr.fetchall():
        groups.setdefault(xmlid, []).append(login)
    # the Chinese labels of the renamed selections
    labels = {}
    for table, column, _renames in RENAMED_VALUES:
        cr.execute(
            """
            SELECT s.value, s.name->>'zh_CN'
              FROM ir_model_fields_selection s
              JOIN ir_model_fields f ON f.id = s.field_id
             WHERE f.model = %s AND f.name = %s
            """,
            (table.replace("_", "."), column),
        )
        labels[f"{table}.{column}"] = dict(cr.fetchall())
    group_labels = {}
    for xmlid, lang, _label in RELABELLED_GROUPS:
        cr.execute(
            """
            SELECT g.name->>%s
              FROM res_groups g
              JOIN ir_model_data d ON d.res_id = g.id AND d.model = 'res.groups'
             WHERE d.module = 'party_points' AND d.name = %s
            """,
            (lang, xmlid),
        )
        row = cr.fetchone()
        group_labels[f"{xmlid}:{lang}"] = row and row[0]
    meetings = _meetings(cr, tables)
    cr.execute(
        "SELECT latest_version FROM ir_module_module WHERE name = 'party_points'"
    )
    return {
        "meetings": meetings,
        "version": cr.fetchone()[0],
        "counts": counts,
        "values": values,
        "labels": labels,
        "group_labels": group_labels,
        "groups": groups,
    }


def _columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
        (table,),
    )
    return {row[0] for row in cr.fetchall()}


def _meetings(cr, tables):
    """{id: [date, the start's day in the company's time zone, state, whether
    it has a calendar event]} of the meetings; the last two are None before
    18.0.1.5.0 (no start, no event)."""
    if "party_meeting" not in tables:
        return {}
    if "start" not in _columns(cr, "party_meeting"):
        cr.execute("SELECT id, date::text, NULL, state, NULL FROM party_meeting")
    else:
        cr.execute(
            """
            SELECT m.id, m.date::text,
                   ((m.start AT TIME ZONE 'UTC')
                    AT TIME ZONE COALESCE(NULLIF(p.tz, ''), 'Asia/Shanghai')
                   )::date::text,
                   m.state, m.calendar_event_id IS NOT NULL
              FROM party_meeting m
              JOIN party_branch b ON b.id = m.branch_id
              JOIN res_company c ON c.id = b.company_id
              JOIN res_partner p ON p.id = c.partner_id
            """
        )
    return {str(row[0]): list(row[1:]) for row in cr.fetchall()}


def _compare_meetings(before, after):
    """18.0.1.5.0: a meeting keeps its date; its start falls on that date in
    the company's time zone; a planned meeting has its calendar event."""
    errors = []
    for rid, (day, _start_day, state, _event) in before.items():
        now = after.get(rid)
        if not now:
            continue  # counted with the table's rows
        if now[0] != day:
            errors.append(f"party_meeting {rid}: date {day} before, {now[0]} after")
        if now[1] is not None and now[1] != now[0]:
            errors.append(f"party_meeting {rid}: starts on {now[1]}, dated {now[0]}")
        if now[3] is not None and state == "draft" and not now[3]:
            errors.append(f"party_meeting {rid}: planned, without a calendar event")
    return errors


def compare(before, after):
    """The errors, as sentences; none when the data survived."""
    errors = []
    lines = [f"upgraded {before['version']} -> {after['version']}"]
    for table, count in before["counts"].items():
        now = after["counts"].get(table)
        # rows lost are an error; rows added (demo data of a new version,
        # loaded by the upgrade of a demo database) are not
        if now is None or now < count:
            errors.append(f"{table}: {count} rows before, {now} after")
    lines.append(f"row counts of {len(before['counts'])} tables kept")
    for table, column, renames in RENAMED_VALUES:
        key = f"{table}.{column}"
        if key not in before["values"]:
            continue
        now = {int(k): v for k, v in after["values"].get(key, {}).items()}
        renamed = 0
        for rid, old in before["values"][key].items():
            expected = renames.get(old, old)
            renamed += expected != old and now.get(int(rid)) == expected
            if now.get(int(rid)) != expected:
                errors.append(
                    f"{key} of id {rid}: {old!r} before, {now.get(int(rid))!r} "
                    f"after, {expected!r} expected"
                )
        lines.append(
            f"{key}: {len(before['values'][key])} values checked, "
            f"{renamed} of them renamed as expected"
        )
    for table, column, renames in RENAMED_VALUES:
        key = f"{table}.{column}"
        now = after["labels"].get(key, {})
        for value, label in before["labels"].get(key, {}).items():
            new = renames.get(value, value)
            if value in renames and label and now.get(new) != label:
                errors.append(
                    f"{key} {new!r}: label {label!r} before, {now.get(new)!r} after"
                )
    for xmlid, lang, label in RELABELLED_GROUPS:
        now = after["group_labels"].get(f"{xmlid}:{lang}")
        if now != label:
            errors.append(f"group {xmlid} reads {now!r} in {lang}, {label!r} expected")
    lines.append(f"labels of {len(RELABELLED_GROUPS)} relabelled groups checked")
    errors += _compare_meetings(before.get("meetings", {}), after.get("meetings", {}))
    lines.append(
        f"dates, starts and calendar events of {len(before.get('meetings', {}))} "
        "meetings checked"
    )
    for xmlid, logins in before["groups"].items():
        new = RENAMED_XMLIDS.get(xmlid, xmlid)
        lost = sorted(set(logins) - set(after["groups"].get(new, [])))
        if lost:
            errors.append(f"group {new} (was {xmlid}) lost {', '.join(lost)}")
    lines.append(
        f"members of {len(before['groups'])} groups kept "
        f"({sum(len(v) for v in before['groups'].values())} memberships)"
    )
    return lines, errors


def main(argv):
    command, dsn, path = argv[1:4]
    with psycopg2.connect(dsn) as conn, conn.cursor() as cr:
        data = snapshot(cr)
    if command == "snapshot":
        with open(path, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
        print(
            f"   snapshot of version {data['version']}: "
            + ", ".join(f"{t} {n}" for t, n in data["counts"].items() if n)
        )
        return 0
    with open(path, encoding="utf-8") as src:
        before = json.load(src)
    lines, errors = compare(before, json.loads(json.dumps(data)))
    for line in lines:
        print(f"   {line}")
    for error in errors:
        print(f"FAILED: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
