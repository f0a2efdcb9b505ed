# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fill the benchmark database (issue 11, item 5): see common.py for the shape.

The organisation, the users and the cycle go through the ORM, as a user
would make them; the 50,000 members, their cards, the ~2,000,000 lines, the
published quarters and their snapshots are bulk-inserted in SQL (the ORM
would take hours), with every stored field the ORM would have written.
Nothing is generated twice: the script refuses a database that has members.

    python3 tools/bench/generate.py -c build/odoo.conf -d party_points_bench
"""

import datetime
import sys
import time

from common import (
    BIG_BRANCH_MEMBERS,
    BRANCHES,
    DEPARTMENTS,
    GENERALS,
    LINES_PER_MEMBER,
    MEMBERS,
    PASSWORD,
    PUBLISHED_QUARTERS,
    WATCH_MONTHS,
    YEAR,
    environment,
    parse_args,
)

from odoo.tools import SQL

# (standard code, points): each line of a member picks one by a hash of the
# member and the line, so that scores spread around 125 (a few under 60).
PATTERN = [
    ("J01", 3),
    ("K01-4", -1),
    ("J02", 2),
    ("J03", 2),
    ("K07", -3),
    ("J01", 2),
    ("K01-2", -2),
    ("J05-1", 2),
    ("K01-4", -1),
    ("J02", 3),
    ("K01-1", -5),
    ("J04", 5),
    ("K07", -2),
    ("J03", 2),
    ("K01-3", -2),
    ("K03-2", -5),
    ("J02", 2),
    ("K01-4", -1),
    ("J06", 10),
    ("J01", 2),
]


# what the generator writes is dated in the past, as in a database in
# service: the six-month watch's daily run looks at what changed since its
# last run (issue 20), and the generation is not a day's change
PAST = datetime.datetime.now() - datetime.timedelta(days=2)


def log(message, start):
    print(f"  {message} ({time.perf_counter() - start:.1f} s)", flush=True)


def make_users(env):
    def new(login, name, groups):
        return (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": login,
                    "name": name,
                    "password": PASSWORD,
                    "lang": "zh_CN" if env["res.lang"]._lang_get("zh_CN") else "en_US",
                    "groups_id": [(6, 0, [env.ref(g).id for g in groups])],
                }
            )
        )

    base = "base.group_user"
    manager = "party_points.group_party_working_committee"
    secretary = "party_points.group_party_secretary"
    recorder = "party_points.group_party_recorder"
    users = {
        "manager": new(
            "bench_manager",
            "基准党工委委员",
            [base, manager],
        ),
        "secretary": new(
            "bench_secretary",
            "基准支部书记",
            [base, secretary],
        ),
        "recorder": new(
            "bench_recorder",
            "基准积分登记员",
            [base, recorder],
        ),
    }
    # the concurrency clients: one recorder and one secretary for each of
    # four ordinary branches (see concurrency.py)
    for index in range(1, 5):
        users[f"recorder{index}"] = new(
            f"bench_recorder{index}",
            f"基准登记员{index}",
            [base, recorder],
        )
        users[f"secretary{index}"] = new(
            f"bench_secretary{index}",
            f"基准书记{index}",
            [base, secretary],
        )
    # the screens (issue 20): HR reads the assessment next to the employees
    users["hr"] = new(
        "bench_hr",
        "基准人事专员",
        [base, "hr.group_hr_user", "party_points.group_party_hr"],
    )
    return users


def make_branches(env, users):
    Branch = env["party.branch"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_notrack=True
    )
    committee = Branch.create({"name": "基准党工委", "kind": "committee", "code": "B"})
    generals = Branch.create(
        [
            {
                "name": f"基准第{g:02d}党总支",
                "kind": "general_branch",
                "code": f"B-{g:02d}",
                "parent_id": committee.id,
            }
            for g in range(1, GENERALS + 1)
        ]
    )
    per_general = BRANCHES // GENERALS
    vals = []
    for number in range(1, BRANCHES + 1):
        general = generals[(number - 1) // per_general]
        officers = []
        recorder = False
        if number in (1, 2):
            officers = (users["secretary"] | users["recorder"]).ids
            recorder = users["recorder"].id
        elif number <= 6:
            index = number - 2
            officers = (users[f"secretary{index}"] | users[f"recorder{index}"]).ids
            recorder = users[f"recorder{index}"].id
        vals.append(
            {
                "name": f"基准第{number:03d}党支部",
                "kind": "branch",
                "branch_type": "enterprise",
                "code": f"{general.code}-{number:03d}",
                "parent_id": general.id,
                "recorder_id": recorder,
                "officer_user_ids": [(6, 0, officers)],
            }
        )
    branches = Branch.create(vals)
    committee.officer_user_ids = [(6, 0, users["manager"].ids)]
    return committee, branches


def member_counts():
    """Members per branch: 500 for the first two, the rest shared evenly."""
    rest = MEMBERS - 2 * BIG_BRANCH_MEMBERS
    others = BRANCHES - 2
    counts = [BIG_BRANCH_MEMBERS, BIG_BRANCH_MEMBERS]
    counts += [rest // others + (1 if i < rest % others else 0) for i in range(others)]
    return counts


def insert_members(env, branches):
    cr = env.cr
    company = env.company
    counts = member_counts()
    cr.execute("CREATE TEMP TABLE bench_slot (branch_id int, n int)")
    cr.execute(
        """
        INSERT INTO bench_slot
        SELECT b.branch_id, generate_series(1, b.cnt)
          FROM unnest(%s::int[], %s::int[]) AS b(branch_id, cnt)
        """,
        [branches.ids, counts],
    )
    cr.execute(
        """
        INSERT INTO party_member (
            name, branch_id, company_id, member_type, category, status, gender,
            dues_kind, join_date, birthday, active,
            create_uid, write_uid, create_date, write_date)
        SELECT '党员' || lpad(row_number() OVER (ORDER BY branch_id, n)::text, 5, '0'),
               branch_id, %(company)s,
               CASE WHEN n %% 25 = 0 THEN 'probationary' ELSE 'full' END,
               'in_service', 'normal',
               CASE WHEN n %% 3 = 0 THEN 'female' ELSE 'male' END,
               'in_service',
               DATE '2000-07-01' + (n * 37 %% 6000),
               DATE '1960-01-01' + (n * 53 %% 14000),
               true, 1, 1, %(past)s, %(past)s
          FROM bench_slot ORDER BY branch_id, n
        """,
        {"company": company.id, "past": PAST},
    )
    return sum(counts)


def insert_cards(env, cycle):
    env.cr.execute(
        """
        INSERT INTO party_score_card (
            member_id, cycle_id, year, company_id, branch_id, member_type,
            base_score, addition_points, deduction_points, q1_points, q2_points,
            q3_points, q4_points, total_score, has_veto, is_exempt,
            flag_probation_cancel, flag_not_development_target,
            flag_transfer_deferred, is_outstanding_candidate, is_outstanding,
            create_uid, write_uid, create_date, write_date)
        SELECT m.id, %(cycle)s, %(year)s, m.company_id, m.branch_id, m.member_type,
               %(base)s, 0, 0, 0, 0, 0, 0, %(base)s, false, false,
               false, false, false, false, false, 1, 1, now(), now()
          FROM party_member m
        """,
        {"cycle": cycle.id, "year": cycle.year, "base": cycle.base_score},
    )


def insert_publications(env, cycle, branches, users):
    env.cr.execute(
        """
        INSERT INTO party_score_publication (
            branch_id, cycle_id, quarter, company_id, date_from, date_to, state,
            approved_by_id, approved_date, published_by_id, published_date,
            create_uid, write_uid, create_date, write_date)
        SELECT b, %(cycle)s, q, %(company)s,
               make_date(%(year)s, q::int * 3 - 2, 1),
               (make_date(%(year)s, q::int * 3 - 2, 1) + interval '3 months'
                   - interval '1 day')::date,
               'published', %(user)s, now(), %(user)s, now(), 1, 1, now(), now()
          FROM unnest(%(branches)s::int[]) b, unnest(%(quarters)s::text[]) q
        """,
        {
            "cycle": cycle.id,
            "year": cycle.year,
            "company": env.company.id,
            "user": users["secretary"].id,
            "branches": branches.ids,
            "quarters": list(PUBLISHED_QUARTERS),
        },
    )


def insert_lines(env, cycle, users):
    cr = env.cr
    codes = [code for code, _points in PATTERN]
    points = [points for _code, points in PATTERN]
    cr.execute(
        """
        CREATE TEMP TABLE bench_pattern AS
        SELECT p.pos - 1 AS pos, s.id AS standard_id, s.sign, s.category, s.is_veto,
               p.points
          FROM unnest(%s::text[], %s::int[]) WITH ORDINALITY AS p(code, points, pos)
          JOIN party_score_standard s ON s.code = p.code AND s.company_id = %s
                                     AND s.catalogue = 'enterprise'
        """,
        [codes, points, env.company.id],
    )
    cr.execute("SELECT count(*) FROM bench_pattern")
    if cr.fetchone()[0] != len(PATTERN):
        sys.exit("the standard catalogue lacks an item of the pattern")
    # 40 lines a member, spread over the days of the year from an offset of
    # the member's own; the first three quarters carry their publication.
    cr.execute(
        """
        INSERT INTO party_score_line (
            member_id, standard_id, sign, category, is_veto, points, date,
            quarter, month, cycle_id, card_id, branch_id, company_id, state,
            approved_by_id, approved_date, publication_id, description,
            create_uid, write_uid, create_date, write_date)
        SELECT l.member_id, p.standard_id, p.sign, p.category, p.is_veto, p.points,
               l.day, l.quarter, extract(month FROM l.day)::int, %(cycle)s,
               c.id, l.branch_id, %(company)s, 'approved', %(user)s, now(),
               pub.id, '基准数据', 1, 1, l.day + time '18:00',
               l.day + time '18:00'
          FROM (
                SELECT m.id AS member_id, m.branch_id, n, d.day,
                       ((extract(month FROM d.day)::int + 2) / 3)::text AS quarter
                  FROM party_member m
            CROSS JOIN generate_series(1, %(per)s) n
            CROSS JOIN LATERAL (
                       SELECT make_date(%(year)s, 1, 1) + ((m.id * 13 + n * 9) %% 365)
                                  AS day) d
               ) l
          JOIN bench_pattern p
                ON p.pos = abs(hashint4(l.member_id * 100 + l.n)) %% %(size)s
          JOIN party_score_card c ON c.member_id = l.member_id
                                 AND c.cycle_id = %(cycle)s
     LEFT JOIN party_score_publication pub
                ON pub.branch_id = l.branch_id AND pub.cycle_id = %(cycle)s
               AND pub.quarter = l.quarter
        """,
        {
            "cycle": cycle.id,
            "company": env.company.id,
            "user": users["manager"].id,
            "year": cycle.year,
            "per": LINES_PER_MEMBER,
            "size": len(PATTERN),
        },
    )


def insert_waiting_declarations(env, cycle, big_branch, users):
    """Branch 001's fourth quarter: one verified declaration per member,
    waiting for the committee (the quarter the benchmark approves and
    publishes)."""
    env.cr.execute(
        """
        INSERT INTO party_score_line (
            member_id, standard_id, sign, category, is_veto, points, date,
            quarter, month, cycle_id, card_id, branch_id, company_id, state,
            declared_date, verified_by_id, verified_date, description,
            create_uid, write_uid, create_date, write_date)
        SELECT m.id, s.id, s.sign, s.category, s.is_veto, 3,
               make_date(%(year)s, 11, 15), '4', 11, %(cycle)s, c.id, m.branch_id,
               m.company_id, 'verified', %(past)s, %(user)s, %(past)s, '基准申报',
               1, 1, %(past)s, %(past)s
          FROM party_member m
          JOIN party_score_card c ON c.member_id = m.id AND c.cycle_id = %(cycle)s
          JOIN party_score_standard s ON s.code = 'J01' AND s.company_id = m.company_id
                                     AND s.catalogue = 'enterprise'
         WHERE m.branch_id = %(branch)s
        """,
        {
            "year": cycle.year,
            "cycle": cycle.id,
            "branch": big_branch.id,
            "user": users["secretary"].id,
            "past": PAST,
        },
    )


def update_totals(env, cycle):
    """The cards' totals as the ORM computes them (counted = approved)."""
    env.cr.execute(
        """
        UPDATE party_score_card c
           SET addition_points = t.additions, deduction_points = t.deductions,
               q1_points = t.q1, q2_points = t.q2, q3_points = t.q3,
               q4_points = t.q4,
               total_score = greatest(0, c.base_score + t.additions + t.deductions)
          FROM (SELECT card_id,
                       sum(points) FILTER (WHERE sign = 'addition') AS additions,
                       sum(points) FILTER (WHERE sign = 'deduction') AS deductions,
                       sum(points) FILTER (WHERE quarter = '1') AS q1,
                       sum(points) FILTER (WHERE quarter = '2') AS q2,
                       sum(points) FILTER (WHERE quarter = '3') AS q3,
                       sum(points) FILTER (WHERE quarter = '4') AS q4
                  FROM party_score_line
                 WHERE cycle_id = %s AND state = 'approved'
              GROUP BY card_id) t
         WHERE t.card_id = c.id
        """,
        [cycle.id],
    )
    env.cr.execute(
        """
        UPDATE party_score_card
           SET addition_points = coalesce(addition_points, 0),
               deduction_points = coalesce(deduction_points, 0),
               q1_points = coalesce(q1_points, 0), q2_points = coalesce(q2_points, 0),
               q3_points = coalesce(q3_points, 0), q4_points = coalesce(q4_points, 0)
         WHERE cycle_id = %s
        """,
        [cycle.id],
    )


def insert_snapshots(env, cycle):
    """What publishing quarters 1-3 kept: the running score and the rank."""
    env.cr.execute(
        """
        INSERT INTO party_score_publication_snapshot (
            publication_id, member_id, company_id, branch_id, score,
            quarter_points, rank, has_veto, create_uid, write_uid, create_date,
            write_date)
        SELECT pub.id, c.member_id, c.company_id, c.branch_id, s.score, s.points,
               rank() OVER (PARTITION BY pub.id ORDER BY s.score DESC), false,
               1, 1, now(), now()
          FROM party_score_publication pub
          JOIN party_score_card c ON c.branch_id = pub.branch_id
                                 AND c.cycle_id = pub.cycle_id
          CROSS JOIN LATERAL (
                SELECT greatest(0, c.base_score + c.q1_points
                       + CASE WHEN pub.quarter >= '2' THEN c.q2_points ELSE 0 END
                       + CASE WHEN pub.quarter >= '3' THEN c.q3_points ELSE 0 END)
                           AS score,
                       CASE pub.quarter WHEN '1' THEN c.q1_points
                            WHEN '2' THEN c.q2_points ELSE c.q3_points END AS points
               ) s
         WHERE pub.cycle_id = %s
        """,
        [cycle.id],
    )


def make_departments(env):
    Department = env["hr.department"].with_context(
        tracking_disable=True, mail_create_nolog=True
    )
    departments = Department.create(
        [{"name": f"基准第{d:02d}部门"} for d in range(1, DEPARTMENTS + 1)]
    )
    jobs = env["hr.job"].create(
        [{"name": name} for name in ("工程师", "技术员", "经理", "主管", "专员")]
    )
    return departments, jobs


def insert_employees(env, departments, jobs):
    """One employee per member, linked (party.member.employee_id): the
    resources and employees in SQL, with the fields the ORM would write."""
    cr = env.cr
    company = env.company
    cr.execute(
        """
        CREATE TEMP TABLE bench_employee AS
        SELECT m.id AS member_id, m.name, m.gender, m.birthday, m.branch_id,
               nextval('resource_resource_id_seq') AS resource_id,
               nextval('hr_employee_id_seq') AS employee_id
          FROM party_member m ORDER BY m.id
        """
    )
    cr.execute(
        """
        INSERT INTO resource_resource (
            id, name, resource_type, tz, time_efficiency, active, company_id,
            calendar_id, create_uid, write_uid, create_date, write_date)
        SELECT resource_id, name, 'user', 'Asia/Shanghai', 100, true, %(company)s,
               %(calendar)s, 1, 1, %(past)s, %(past)s
          FROM bench_employee
        """,
        {
            "company": company.id,
            "calendar": company.resource_calendar_id.id,
            "past": PAST,
        },
    )
    cr.execute(
        """
        INSERT INTO hr_employee (
            id, resource_id, name, company_id, resource_calendar_id, department_id,
            job_id, job_title, active, employee_type, marital,
            distance_home_work_unit, gender, birthday,
            create_uid, write_uid, create_date, write_date)
        SELECT e.employee_id, e.resource_id, e.name, %(company)s, %(calendar)s,
               (%(departments)s::int[])[1 + e.branch_id %% %(ndep)s],
               j.id, coalesce(j.name->>'zh_CN', j.name->>'en_US'), true,
               'employee', 'single', 'kilometers', e.gender, e.birthday,
               1, 1, %(past)s, %(past)s
          FROM bench_employee e
          JOIN hr_job j ON j.id = (%(jobs)s::int[])[1 + e.member_id %% %(njob)s]
        """,
        {
            "company": company.id,
            "calendar": company.resource_calendar_id.id,
            "departments": departments.ids,
            "ndep": len(departments),
            "jobs": jobs.ids,
            "njob": len(jobs),
            "past": PAST,
        },
    )
    cr.execute(
        """
        UPDATE party_member m SET employee_id = e.employee_id
          FROM bench_employee e WHERE e.member_id = m.id
        """
    )
    return cr.rowcount


def months_before_today():
    """The WATCH_MONTHS months before today's, oldest first."""
    first = datetime.date.today().replace(day=1)
    months = []
    for _index in range(WATCH_MONTHS):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
        months.insert(0, first)
    return months


# members who missed the last months: flagged (seven months) and warned (four)
MISSED = (("397", 7), ("331", 4))


def insert_meetings(env, users):
    """A closed theme Party day (主题党日) in each branch on the 15th of
    each month before today's, with the attendance of all its members: absent
    for the members of MISSED in their last months and for about 2 % in one
    month or another, on leave for about 1 %. No deduction lines are
    written for these absences (the ledger's year is the year before)."""
    cr = env.cr
    months = months_before_today()
    cr.execute(
        """
        INSERT INTO party_meeting (
            branch_id, company_id, name, meeting_type, state, date, start,
            duration, signin_before_minutes, signin_after_minutes,
            signin_grace_minutes, signin_token,
            create_uid, write_uid, create_date, write_date)
        SELECT b.id, b.company_id, '主题党日 ' || to_char(m, 'YYYY-MM'), 'theme_day',
               'closed', m + 14, (m + 14) + time '01:00', 2.0, 30, 60, 5,
               md5(b.id::text || m::text), %(user)s, %(user)s,
               (m + 14) + time '12:00', (m + 14) + time '12:00'
          FROM party_branch b, unnest(%(months)s::date[]) m
         WHERE b.kind = 'branch' AND b.company_id = %(company)s
        """,
        {"months": months, "company": env.company.id, "user": users["secretary"].id},
    )
    cr.execute(
        """
        INSERT INTO party_meeting_attendance (
            meeting_id, member_id, company_id, branch_id, date, status,
            create_uid, write_uid, create_date, write_date)
        SELECT mt.id, p.id, mt.company_id, mt.branch_id, mt.date,
               CASE WHEN (p.id %% 397 = 0 AND mt.date >= %(from7)s)
                      OR (p.id %% 331 = 0 AND mt.date >= %(from4)s)
                      OR abs(hashint4(p.id * 31 + extract(month FROM mt.date)::int))
                         %% 100 < 2 THEN 'absent'
                    WHEN abs(hashint4(p.id * 17 + extract(month FROM mt.date)::int))
                         %% 100 = 0 THEN 'leave'
                    ELSE 'present' END,
               mt.create_uid, mt.create_uid, mt.write_date, mt.write_date
          FROM party_meeting mt
          JOIN party_member p ON p.branch_id = mt.branch_id
         WHERE mt.company_id = %(company)s
        """,
        {
            "company": env.company.id,
            "from7": months[-7],
            "from4": months[-4],
        },
    )
    return cr.rowcount


def insert_dues(env, users):
    """The dues register of each branch for each month before today's: one
    sheet, and one line per member paid on the 10th (50.00 yuan of a base of
    5,000 at 1 %), except the members of MISSED in their last months (due)."""
    cr = env.cr
    months = months_before_today()
    cr.execute(
        """
        INSERT INTO party_dues_sheet (
            branch_id, company_id, month, name,
            create_uid, write_uid, create_date, write_date)
        SELECT b.id, b.company_id, m, b.name || ' ' || to_char(m, 'YYYY-MM'),
               %(user)s, %(user)s, m + time '08:00', m + time '08:00'
          FROM party_branch b, unnest(%(months)s::date[]) m
         WHERE b.kind = 'branch' AND b.company_id = %(company)s
        """,
        {"months": months, "company": env.company.id, "user": users["secretary"].id},
    )
    cr.execute(
        """
        INSERT INTO party_dues_line (
            member_id, company_id, branch_id, sheet_id, month, dues_kind, base,
            rate, amount_due, amount_paid, arrears, state, paid_where,
            payment_date, recorded_by_id,
            create_uid, write_uid, create_date, write_date)
        SELECT p.id, s.company_id, s.branch_id, s.id, s.month, 'in_service', 5000,
               1.0, 50, x.paid, 50 - x.paid, x.state,
               CASE WHEN x.paid > 0 THEN 'home' END,
               CASE WHEN x.paid > 0 THEN s.month + 9 END, s.create_uid,
               s.create_uid, s.create_uid, s.month + 9 + time '18:00',
               s.month + 9 + time '18:00'
          FROM party_dues_sheet s
          JOIN party_member p ON p.branch_id = s.branch_id
          CROSS JOIN LATERAL (
                SELECT CASE WHEN (p.id %% 397 = 0 AND s.month >= %(from7)s)
                              OR (p.id %% 331 = 0 AND s.month >= %(from4)s)
                            THEN 0 ELSE 50 END AS paid) y
          CROSS JOIN LATERAL (
                SELECT y.paid, CASE WHEN y.paid > 0 THEN 'paid' ELSE 'due' END
                                   AS state) x
         WHERE s.company_id = %(company)s
        """,
        {
            "company": env.company.id,
            "from7": months_before_today()[-7],
            "from4": months_before_today()[-4],
        },
    )
    return cr.rowcount


def backdate(env):
    """What the ORM wrote during the generation is dated in the past too."""
    for table in ("party_branch", "party_score_cycle", "party_score_card"):
        env.cr.execute(
            SQL(
                "UPDATE %s SET create_date = least(create_date, %s), "
                "write_date = least(write_date, %s)",
                SQL.identifier(table),
                PAST,
                PAST,
            )
        )


def make_portal_member(env):
    """A member who reads their points at /my/party (the first of branch
    001), with a portal login."""
    member = env["party.member"].search(
        [("branch_id.name", "=", "基准第001党支部")], order="id", limit=1
    )
    partner = env["res.partner"].create({"name": member.name})
    member.partner_id = partner
    env["res.users"].with_context(no_reset_password=True).create(
        {
            "login": "bench_member",
            "password": PASSWORD,
            "partner_id": partner.id,
            "lang": "zh_CN" if env["res.lang"]._lang_get("zh_CN") else "en_US",
            "groups_id": [(6, 0, env.ref("base.group_portal").ids)],
        }
    )
    return member


def main():
    args = parse_args(__doc__)
    start = time.perf_counter()
    with environment(args.database) as env:
        if env["party.member"].search_count([], limit=1):
            sys.exit(f"{args.database} already has members: nothing generated.")
        env.company.name = "基准集团有限公司"
        users = make_users(env)
        committee, branches = make_branches(env, users)
        log(f"{len(branches) + GENERALS + 1} organisations, {len(users)} users", start)
        count = insert_members(env, branches)
        log(f"{count} members", start)
        cycle = env["party.score.cycle"].create({"year": YEAR})
        insert_cards(env, cycle)
        insert_publications(env, cycle, branches, users)
        insert_lines(env, cycle, users)
        insert_waiting_declarations(env, cycle, branches[0], users)
        env.cr.execute("SELECT count(*) FROM party_score_line")
        log(f"{env.cr.fetchone()[0]} lines", start)
        update_totals(env, cycle)
        insert_snapshots(env, cycle)
        env.cr.execute("ANALYZE")
        env.invalidate_all()
        # the flags follow the totals, through the ORM's own compute
        cards = env["party.score.card"].search([("cycle_id", "=", cycle.id)])
        for fname in ("flag_probation_cancel", "is_outstanding_candidate"):
            env.add_to_compute(cards._fields[fname], cards)
        cards.flush_recordset()
        log(f"{len(cards)} cards, totals and flags", start)
        departments, jobs = make_departments(env)
        employees = insert_employees(env, departments, jobs)
        log(f"{employees} employees in {len(departments)} departments", start)
        attendances = insert_meetings(env, users)
        log(f"{attendances} attendances of monthly theme Party days", start)
        dues = insert_dues(env, users)
        log(f"{dues} dues lines", start)
        make_portal_member(env)
        backdate(env)
        env.cr.execute("ANALYZE")
    print(f"Generated in {time.perf_counter() - start:.0f} s.")


if __name__ == "__main__":
    main()
