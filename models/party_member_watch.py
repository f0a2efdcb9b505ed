# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL, format_list

from .party_dues_line import DUES_MEMBER_TYPES, month_start
from .party_member_watch_month import month_complete
from .party_workflow_mixin import party_in_reader_lang, party_month_label, party_today

WATCH_LEVELS = [
    ("ok", "In Order"),
    ("warning", "Warning"),
    ("flagged", "Flagged: Six Months"),
]
# R-MEM-6: six consecutive months make the case of 自行脱党; the branch is
# warned "well before", at four.
WARNING_MONTHS = 4
FLAG_MONTHS = 6
# months looked back at each refresh (the evidence shown per member)
WINDOW_MONTHS = 12
# members the watch follows: Party members in the organisation
WATCHED_STATUSES = ("normal", "rectification")
FACTS = ("attended", "paid", "work")
# What the watch asks of the models that know (issue 18, item 3): each
# answers ``_party_watch_months(members, date_from, date_to)`` with
# {fact: {(member id, month)}} for the facts it knows, of SOURCE_FACTS:
# the three facts, whether the member's dues of the month are judged (their
# branch kept a dues register), and whether a good reason or an exemption
# excuses the month.
SOURCE_FACTS = (*FACTS, "dues_judged", "excused")
# what a refresh stores on a watch row, besides its months: the runs of
# ``_summary`` and the member's scoring organisation; the bench and the tests
# compare the incremental run with the full rebuild on these
SUMMARY_FIELDS = (
    "level",
    "months_missing",
    "months_no_attendance",
    "months_no_dues",
    "months_no_work",
    "since_month",
    "branch_id",
)
FACT_SOURCES = (
    "party.meeting.attendance",
    "party.mobile.certificate.entry",
    "party.score.line",
    "party.dues.line",
    "party.member.watch.decision",
    "party.member.exemption",
)
# the models whose first records say since when a branch keeps records:
# ``_party_watch_first_months(companies)`` → {Party branch: first month}
START_SOURCES = ("party.meeting", "party.dues.line")
# Issue 20, item 1: the daily run judges again only the members whose facts
# changed since the last run. Each model of CHANGE_SOURCES answers
# ``_party_watch_changed(companies, since, date_from, date_to)`` with
# (member ids, Party branches whose every member is judged again), from the
# write_date of its records; a deletion, which no write_date shows, marks the
# watch rows ``stale`` (``_mark_stale``).
CHANGE_SOURCES = (*FACT_SOURCES, "party.meeting", "party.member")
# write_date is the writing transaction's start (now()): a transaction that
# began before the last run and committed after its snapshot wrote rows
# older than the run that did not see them. Looking back this much before the
# last run's start catches every transaction shorter than that (a request,
# an import, even a long cron); what it catches twice is only judged twice.
CHANGE_MARGIN = timedelta(hours=1)
# the last daily run: {"started": its transaction's start, "month": the last
# complete month it judged}; written by the cron only
MARKER_PARAM = "party_points.watch_last_run"


class PartyMemberWatch(models.Model):
    """R-MEM-6 watch (自行脱党预警): one row per member, rebuilt by a daily
    cron from a few grouped queries.

    For each of the last twelve complete months the watch records three
    facts of the member: attended organisational life (a closed meeting,
    present, late or left early), paid the dues (a dues line paid, partly
    paid or exempt) and did Party work (an approved addition of the points
    ledger, or attendance at a theme Party day). Each fact has its own run
    of consecutive months without it, counted back from the last complete
    month; the longest run decides: four months warn the branch, six flag
    the member. A month the branch excused with a good reason (a confirmed
    ``party.member.watch.decision``) or covered by an approved exemption
    (R-MEM-4) breaks every run. Months before the member's branch keeps
    records in the system (its first closed meeting or dues line) or before
    the member joined are not judged, nor the dues of a month the branch
    kept no dues register for.
    """

    _name = "party.member.watch"
    _description = "Six-Month Watch"
    _inherit = ["party.fixed.keys.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "months_missing desc, branch_id, member_id"
    _rec_name = "member_id"
    # branch_id is no key: the refresh rewrites it, the member's scoring
    # unit of today (no user writes a watch row)
    _party_fixed_fields = ("member_id",)

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="cascade", readonly=True
    )
    branch_id = fields.Many2one(
        "party.branch", index=True, ondelete="set null", readonly=True
    )
    company_id = fields.Many2one(
        related="member_id.company_id", store=True, index=True, precompute=True
    )
    level = fields.Selection(
        WATCH_LEVELS, default="ok", required=True, readonly=True, index=True
    )
    months_missing = fields.Integer(
        string="Consecutive Months",
        readonly=True,
        aggregator="max",
        help="The longest run of consecutive months, up to the last complete "
        "month, without one of the three facts.",
    )
    months_no_attendance = fields.Integer(
        string="Months without Attendance", readonly=True, aggregator="max"
    )
    months_no_dues = fields.Integer(
        string="Months without Dues", readonly=True, aggregator="max"
    )
    months_no_work = fields.Integer(
        string="Months without Party Work", readonly=True, aggregator="max"
    )
    since_month = fields.Date(
        string="Missing Since", readonly=True, help="First month of the longest run."
    )
    since_month_label = fields.Char(
        string="Missing Since (Month)", compute="_compute_since_month_label"
    )
    refreshed_on = fields.Date(
        readonly=True,
        help="The day the watch last judged the member. The daily run judges "
        "again only the members whose facts changed (and everyone once a "
        "month): the row is current as of the last daily run.",
    )
    warned_since = fields.Date(
        readonly=True,
        help="The run for which the branch was warned (its first month).",
    )
    flagged_since = fields.Date(
        readonly=True,
        help="The run for which the branch was told of six months.",
    )
    stale = fields.Boolean(
        readonly=True,
        copy=False,
        help="A fact of the member was deleted, or their organisation moved in "
        "the tree: the next daily run judges the member again.",
    )
    month_ids = fields.One2many(
        "party.member.watch.month", "watch_id", string="Evidence per Month"
    )
    decision_ids = fields.One2many(
        "party.member.watch.decision",
        compute="_compute_decision_ids",
        string="Decisions",
    )

    _sql_constraints = [
        ("member_uniq", "unique(member_id)", "A member has one watch row."),
    ]

    @api.depends("since_month")
    @api.depends_context("lang")
    def _compute_since_month_label(self):
        # a month is shown as one (2026年10月), not as its first day
        for record in self:
            record.since_month_label = party_month_label(self.env, record.since_month)

    def _compute_decision_ids(self):
        decisions = self.env["party.member.watch.decision"].search(
            [("member_id", "in", self.member_id.ids)]
        )
        for watch in self:
            watch.decision_ids = decisions.filtered(
                lambda d, w=watch: d.member_id == w.member_id
            )

    @api.model
    def action_refresh(self):
        """Rebuild the rows of the members the user watches now: the
        committee all of its companies', a branch officer those of the
        organisations they serve. The rebuild runs as sudo, so the role is
        checked first: HR and members are refused (no ACL reaches a method
        of the model)."""
        user = self.env.user
        committee = user.has_group("party_points.group_party_working_committee")
        if not committee and not (
            user.has_group("party_points.group_party_recorder")
            and user.party_branch_ids
        ):
            raise AccessError(
                self.env._(
                    "The six-month watch is refreshed by the Party working "
                    "committee, or by the officers of a branch for the members of "
                    "the organisations they serve."
                )
            )
        domain = [
            ("member_type", "in", DUES_MEMBER_TYPES),
            ("status", "in", WATCHED_STATUSES),
        ]
        if not committee:
            domain.append(("branch_id", "child_of", user.party_branch_ids.ids))
        members = self.env["party.member"].search(domain)
        # sudo: nobody writes the watch; the role was checked above and only
        # the members the user reads are rebuilt
        self.sudo()._refresh(members)
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_propose_decision(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Branch Decision"),
            "res_model": "party.member.watch.decision",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_member_id": self.member_id.id,
                "default_month_from": self.since_month,
            },
        }

    @api.model
    def _cron_refresh_watch(self, today=None, full=False):
        """Daily (R-MEM-6): judge again the members whose facts changed since
        the last run, everyone when a month began (the window moved), when
        there was no run before or when ``full``; then tell the branches.
        Returns the rows judged."""
        today = fields.Date.to_date(today) or party_today(self)
        started = self.env.cr.now()
        last = month_start(today) - relativedelta(months=1)
        # sudo: the daily job judges every member, whoever runs it
        Param_sudo = self.env["ir.config_parameter"].sudo()
        marker = json.loads(Param_sudo.get_param(MARKER_PARAM) or "{}")
        if full or marker.get("month") != fields.Date.to_string(last):
            # sudo: as above
            watches = self.sudo()._refresh(today=today)
        else:
            since = fields.Datetime.to_datetime(marker["started"]) - CHANGE_MARGIN
            # sudo: as above
            members_sudo = self.sudo()._changed_members(since, today)
            # sudo: as above
            watches = self.sudo()._refresh(members_sudo, today=today)
        Param_sudo.set_param(
            MARKER_PARAM,
            json.dumps(
                {
                    "started": fields.Datetime.to_string(started),
                    "month": fields.Date.to_string(last),
                }
            ),
        )
        return watches

    @api.model
    def _changed_members(self, since, today):
        """The members whose facts of the window (the months judged as of
        ``today``) may have changed since ``since``: as each model of
        CHANGE_SOURCES answers, those of the stale rows, and every member of
        the organisations returned (and of their groups)."""
        window = self._window(today)
        companies = self.env["res.company"].search([])  # pylint: disable=no-search-all
        member_ids, branches = set(), self.env["party.branch"]
        for model_name in CHANGE_SOURCES:
            # sudo: every change counts, whoever may read it; the callers
            # checked the role
            ids, units = (
                self.env[model_name]
                .sudo()
                ._party_watch_changed(
                    companies,
                    since,
                    window[0],
                    window[-1] + relativedelta(months=1, days=-1),
                )
            )
            member_ids |= set(ids)
            branches |= units
        member_ids |= set(self.search([("stale", "=", True)]).member_id.ids)
        # sudo: members who left (archived) leave the watch, as in _refresh
        Member_sudo = self.env["party.member"].sudo().with_context(active_test=False)
        if branches:
            member_ids |= set(
                Member_sudo.search([("branch_id", "child_of", branches.ids)]).ids
            )
        return Member_sudo.browse(sorted(member_ids))

    @api.model
    def _mark_stale(self, members=None, branches=None):
        """A fact of ``members``, or of every member of ``branches`` (and of
        their groups), was deleted or moved: their rows are judged again at
        the next daily run (a deletion leaves no write_date to find)."""
        member_ids = set(members.ids) if members else set()
        if branches:
            # sudo: every member of the organisations, whoever deleted the fact
            Member_sudo = self.env["party.member"].sudo()
            member_ids |= set(
                Member_sudo.with_context(active_test=False)
                .search([("branch_id", "child_of", branches.ids)])
                .ids
            )
        if member_ids:
            # sudo: the watch is written by the system only
            self.sudo().search(
                [("member_id", "in", list(member_ids)), ("stale", "=", False)]
            ).write({"stale": True})

    @api.model
    def _window(self, today):
        """The months judged as of ``today``: the last WINDOW_MONTHS complete
        months, oldest first."""
        last = month_start(today) - relativedelta(months=1)
        first = last - relativedelta(months=WINDOW_MONTHS - 1)
        return [first + relativedelta(months=i) for i in range(WINDOW_MONTHS)]

    @api.model
    def _refresh(self, members=None, today=None):
        """Rebuild the watch of ``members`` (every member in scope when
        None) as of ``today``: a few grouped queries for all of them (see
        ``_facts``); only the evidence rows that changed are written, the
        new ones in one INSERT, and only the summaries that changed. The
        daily run (a few changed members) and the full rebuild share this
        code."""
        today = fields.Date.to_date(today) or party_today(self)
        months = self._window(today)
        first, last = months[0], months[-1]
        end = last + relativedelta(months=1, days=-1)
        # sudo: the watch judges every member in scope, also those no user
        # of the caller's branches reads any more (archived, moved)
        Member_sudo = self.env["party.member"].sudo()
        full = members is None
        if full:
            members_sudo = Member_sudo.search(
                [
                    ("member_type", "in", DUES_MEMBER_TYPES),
                    ("status", "in", WATCHED_STATUSES),
                ]
            )
        else:
            given_sudo = Member_sudo.with_context(active_test=False).browse(members.ids)
            members_sudo = given_sudo.filtered(
                lambda m: m.active
                and m.member_type in DUES_MEMBER_TYPES
                and m.status in WATCHED_STATUSES
            )
        facts = self._facts(members_sudo, first, end)
        starts = self._branch_starts(members_sudo.company_id)

        watches = self.search([("member_id", "in", members_sudo.ids)])
        # members who left the scope (removed, transferred out …) leave the watch
        gone = [("member_id", "not in", members_sudo.ids)]
        if not full:
            gone.append(("member_id", "in", given_sudo.ids))
        self.search(gone).unlink()
        missing = members_sudo - watches.member_id
        watches |= self.create([{"member_id": member.id} for member in missing])

        units = {}
        month_rows = {}
        # one write per distinct summary, not one per member
        summaries = defaultdict(list)
        for watch in watches:
            member = watch.member_id
            branch = member.branch_id
            if branch not in units:
                units[branch] = branch._scoring_unit()
            unit = units[branch]
            start = max(
                first,
                starts.get(unit, last + relativedelta(months=1)),
                month_start(member.join_date) if member.join_date else first,
            )
            rows = []
            for month in months:
                if month < start:
                    continue
                row = {
                    "month": month,
                    **{
                        fact: (member.id, month) in facts[fact] for fact in SOURCE_FACTS
                    },
                }
                rows.append(row)
                month_rows[watch.id, month] = row
            summary = {**self._summary(rows), "branch_id": unit.id}
            summaries[tuple(sorted(summary.items()))].append(watch.id)
        self._write_summaries(watches, summaries, today)
        self._write_months(watches, month_rows)
        watches._notify_branch(today)
        return watches

    def _write_summaries(self, watches, summaries, today):
        """Write the summaries that changed, grouped by value, and the day
        judged on every row of ``watches``."""
        self.flush_model()
        fields_ = sorted({name for summary in summaries for name, _value in summary})
        current = {}
        if watches:
            self.env.cr.execute(
                SQL(
                    "SELECT id, %s FROM party_member_watch WHERE id = ANY(%s)",
                    SQL(", ").join(SQL.identifier(name) for name in fields_),
                    watches.ids,
                )
            )
            # as the ORM reads them: no integer is NULL, no date is None
            default = {
                name: 0 if name.startswith("months") else False for name in fields_
            }
            for watch_id, *values in self.env.cr.fetchall():
                current[watch_id] = tuple(
                    (name, default[name] if value is None else value)
                    for name, value in zip(fields_, values, strict=False)
                )
        for summary, ids in summaries.items():
            changed = [watch_id for watch_id in ids if current.get(watch_id) != summary]
            if changed:
                self.browse(changed).write(dict(summary))
        watches.write({"refreshed_on": today, "stale": False})

    def _write_months(self, watches, month_rows):
        """Make the evidence rows of ``watches`` those of ``month_rows``
        ({(watch id, month): {fact: bool}}): the rows that changed are
        written (grouped by value), those of months no longer judged
        deleted, the new ones inserted in one statement (a new month adds
        one row per member: the ORM's create of 50,000 rows took most of the
        full rebuild)."""
        Month = self.env["party.member.watch.month"]
        Month.flush_model()
        existing = {}
        if watches:
            self.env.cr.execute(
                SQL(
                    "SELECT id, watch_id, month, %s FROM party_member_watch_month"
                    " WHERE watch_id = ANY(%s)",
                    SQL(", ").join(SQL.identifier(fact) for fact in SOURCE_FACTS),
                    watches.ids,
                )
            )
            for row_id, watch_id, month, *values in self.env.cr.fetchall():
                existing[watch_id, month] = (row_id, tuple(bool(v) for v in values))
        changed = defaultdict(list)
        new = []
        for key, row in month_rows.items():
            values = tuple(row[fact] for fact in SOURCE_FACTS)
            row_id, old = existing.pop(key, (None, None))
            if row_id is None:
                new.append((key, values))
            elif old != values:
                changed[values].append(row_id)
        gone = [row_id for row_id, _values in existing.values()]
        if gone:
            Month.browse(gone).unlink()
        for values, ids in changed.items():
            Month.browse(ids).write(dict(zip(SOURCE_FACTS, values, strict=False)))
        if new:
            by_id = {watch.id: watch for watch in watches}
            columns = {
                "watch_id": [key[0] for key, _values in new],
                "month": [key[1] for key, _values in new],
                "member_id": [by_id[key[0]].member_id.id for key, _values in new],
                "branch_id": [
                    by_id[key[0]].branch_id.id or None for key, _values in new
                ],
                "company_id": [
                    by_id[key[0]].company_id.id or None for key, _values in new
                ],
                **{
                    fact: [values[i] for _key, values in new]
                    for i, fact in enumerate(SOURCE_FACTS)
                },
                "complete": [
                    month_complete(**dict(zip(SOURCE_FACTS, values, strict=False)))
                    for _key, values in new
                ],
            }
            types = {
                "watch_id": "int4",
                "month": "date",
                "member_id": "int4",
                "branch_id": "int4",
                "company_id": "int4",
            }
            now, uid = self.env.cr.now(), self.env.uid
            # SQL: the ORM's create of one row per member and month costs
            # seconds per 10,000 rows (defaults, related fields, the stored
            # compute); the values are those the ORM would store, the
            # ``complete`` flag from the same function as its compute
            self.env.cr.execute(
                SQL(
                    "INSERT INTO party_member_watch_month (%s, create_uid, write_uid,"
                    " create_date, write_date)"
                    " SELECT *, %s, %s, %s, %s FROM unnest(%s)",
                    SQL(", ").join(SQL.identifier(name) for name in columns),
                    uid,
                    uid,
                    now,
                    now,
                    SQL(", ").join(
                        SQL("%s::%s[]", values, SQL(types.get(name, "bool")))
                        for name, values in columns.items()
                    ),
                )
            )
        Month.invalidate_model()
        watches.invalidate_recordset(["month_ids"])

    @api.model
    def _facts(self, members, first, end):
        """{fact: {(member id, month)}} of the months between ``first`` and
        ``end``, as each source model knows them (its
        ``_party_watch_months``), in a few grouped queries for all members."""
        facts = {fact: set() for fact in SOURCE_FACTS}
        for model_name in FACT_SOURCES:
            # sudo: the watch judges every member in scope, whoever refreshes
            # it: the callers checked the role
            answer = (
                self.env[model_name].sudo()._party_watch_months(members, first, end)
            )
            for fact, months in answer.items():
                facts[fact] |= months
        return facts

    @api.model
    def _branch_starts(self, companies):
        """The first month each Party branch keeps records of in the system,
        as the models that keep them answer (their
        ``_party_watch_first_months``). Months before are not judged: a
        branch that does not use the system yet flags nobody."""
        starts = {}
        for model_name in START_SOURCES:
            # sudo: the first records of every branch, as for the facts
            answer = self.env[model_name].sudo()._party_watch_first_months(companies)
            for branch, month in answer.items():
                starts[branch] = min(starts.get(branch, month), month)
        return starts

    @api.model
    def _summary(self, rows):
        """The runs of consecutive months without each fact, counted back
        from the last month; an excused month ends every run, a month
        without a dues register neither counts nor ends the dues run."""
        runs = {}
        for fact in FACTS:
            count, since = 0, False
            for row in reversed(rows):
                if row["excused"]:
                    break
                if fact == "paid" and not row["dues_judged"]:
                    continue
                if row[fact]:
                    break
                count, since = count + 1, row["month"]
            runs[fact] = (count, since)
        longest = max(runs.values(), key=lambda run: run[0])
        months = longest[0]
        if months >= FLAG_MONTHS:
            level = "flagged"
        elif months >= WARNING_MONTHS:
            level = "warning"
        else:
            level = "ok"
        return {
            "months_no_attendance": runs["attended"][0],
            "months_no_dues": runs["paid"][0],
            "months_no_work": runs["work"][0],
            "months_missing": months,
            "since_month": longest[1],
            "level": level,
        }

    def _notify_branch(self, today):
        """An activity for the branch recorder once when a run reaches the
        warning, and once more when it reaches six months."""
        for watch in self.filtered(lambda w: w.level != "ok"):
            user = self._watch_user(watch.branch_id)
            flagged = watch.level == "flagged"
            if flagged and watch.flagged_since == watch.since_month:
                continue
            if not flagged and watch.warned_since == watch.since_month:
                continue
            if user:
                # in the language of the recorder it goes to
                summary = party_in_reader_lang(
                    watch, user=user, company=watch.member_id.company_id
                )._activity_summary()
                watch.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=today,
                    summary=summary,
                    user_id=user.id,
                )
            vals = {"warned_since": watch.since_month}
            if flagged:
                vals["flagged_since"] = watch.since_month
            watch.write(vals)

    @api.model
    def _watch_user(self, branch):
        """Who is told (R-MEM-6): the branch's recorder, else its first
        officer, else those of the organisation above it (a branch without
        officers answers to its general branch)."""
        while branch:
            user = branch.recorder_id or branch.officer_user_ids[:1]
            if user:
                return user
            branch = branch.parent_id
        return self.env["res.users"]

    def _activity_summary(self):
        """The reminder of the watch (R-MEM-6), in the environment's
        language."""
        self.ensure_one()
        missing = [
            label
            for months, label in (
                (self.months_no_attendance, self.env._("attending meetings")),
                (self.months_no_dues, self.env._("paying dues")),
                (self.months_no_work, self.env._("Party work")),
            )
            if months == self.months_missing
        ]
        if self.level == "flagged":
            return self.env._(
                "%(member)s: %(months)s consecutive months without %(facts)s: the "
                "branch decides whether the member has left the Party of their "
                "own accord",
                member=self.member_id.name,
                months=self.months_missing,
                facts=format_list(self.env, missing),
            )
        return self.env._(
            "%(member)s: %(months)s consecutive months without %(facts)s: warning "
            "before six months",
            member=self.member_id.name,
            months=self.months_missing,
            facts=format_list(self.env, missing),
        )

    def _fixed_keys_advice(self, field_name):
        return self.env._("the six-month watch is rebuilt by the system, never edited.")
