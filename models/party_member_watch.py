# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_list

from .party_dues_line import DUES_MEMBER_TYPES, month_start
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
    refreshed_on = fields.Date(readonly=True)
    warned_since = fields.Date(
        readonly=True,
        help="The run for which the branch was warned (its first month).",
    )
    flagged_since = fields.Date(
        readonly=True,
        help="The run for which the branch was told of six months.",
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
    def _cron_refresh_watch(self, today=None):
        """Daily: rebuild every row and tell the branches (R-MEM-6)."""
        # sudo: the daily job rebuilds every row, whoever runs it
        self.sudo()._refresh(today=today)

    @api.model
    def _refresh(self, members=None, today=None):
        """Rebuild the watch of ``members`` (every member in scope when
        None) as of ``today``: a few grouped queries for all of them (see
        ``_facts``), one batched create of the evidence rows."""
        today = fields.Date.to_date(today) or party_today(self)
        last = month_start(today) - relativedelta(months=1)
        first = last - relativedelta(months=WINDOW_MONTHS - 1)
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
        months = [first + relativedelta(months=i) for i in range(WINDOW_MONTHS)]

        watches = self.search([("member_id", "in", members_sudo.ids)])
        # members who left the scope (removed, transferred out …) leave the watch
        gone = [("member_id", "not in", members_sudo.ids)]
        if not full:
            gone.append(("member_id", "in", given_sudo.ids))
        self.search(gone).unlink()
        missing = members_sudo - watches.member_id
        watches |= self.create([{"member_id": member.id} for member in missing])
        watches.month_ids.unlink()

        month_vals = []
        # one write per distinct summary, not one per member
        summaries = defaultdict(list)
        for watch in watches:
            member = watch.member_id
            unit = member.branch_id._scoring_unit()
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
                    "watch_id": watch.id,
                    "month": month,
                    **{
                        fact: (member.id, month) in facts[fact] for fact in SOURCE_FACTS
                    },
                }
                rows.append(row)
            month_vals += rows
            summary = {**self._summary(rows), "branch_id": unit.id}
            summaries[tuple(sorted(summary.items()))].append(watch.id)
        for summary, ids in summaries.items():
            self.browse(ids).write({**dict(summary), "refreshed_on": today})
        self.env["party.member.watch.month"].create(month_vals)
        watches._notify_branch(today)
        return watches

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
