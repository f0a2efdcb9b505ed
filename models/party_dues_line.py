# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import create_index

from .party_dues_rate import DUES_KINDS
from .party_member import LEAVING_STATUSES
from .party_workflow_mixin import (
    check_action_date,
    check_reason,
    party_month_label,
    party_today,
)

DUES_STATES = [
    ("due", "Due"),
    ("partial", "Partially Paid"),
    ("paid", "Paid"),
    ("exempt", "Exempt"),
]
# R-MEM-6: the states in which the member counts as having paid the month.
SETTLED_STATES = ("partial", "paid", "exempt")
PAID_WHERE = [
    ("home", "Home Branch"),
    ("host", "Host Organisation"),
]
# Bad input (issue 9 item 10): a payment above either limit is a typing
# error, not a voluntary extra contribution (自愿多交党费).
MAX_PAYMENT = 100000.0
MAX_TIMES_DUE = 10
# Who pays dues: members, not activists (R-MEM-1 lists activists for scoring).
DUES_MEMBER_TYPES = ("full", "probationary")


def month_start(day):
    return fields.Date.start_of(fields.Date.to_date(day), "month")


def months_between(date_from, date_to):
    """The first days of the months from ``date_from``'s to ``date_to``'s."""
    month, last = month_start(date_from), month_start(date_to)
    months = []
    while month <= last:
        months.append(month)
        month = fields.Date.add(month, months=1)
    return months


class PartyDuesLine(models.Model):
    """One member's Party dues (党费) of one month.

    Never an accounting journal: amounts are what the branch collects and
    reports upward, paid at home or at the host organisation of a mobile
    member. The amount due is computed from the company's bands when the
    line is created and stored with the band, so a later change of the
    standard never rewrites a past month. Payments go through
    ``action_record_payment`` / ``action_pay_in_full`` (recorder and up) and
    an exemption through ``action_exempt`` (secretary); the state and the
    payment fields are workflow fields no client can set.
    """

    _name = "party.dues.line"
    _description = "Party Dues Line"
    _inherit = ["party.workflow.mixin", "mail.thread"]
    _order = "month desc, branch_id, member_id"
    _rec_name = "member_id"
    _workflow_fields = (
        "state",
        "amount_paid",
        "payment_date",
        "paid_where",
        "host_organisation",
        "certificate_entry_id",
        "exempt_reason",
        "branch_id",
        "sheet_id",
        "rate_id",
        "rate",
        "amount_due",
        "recorded_by_id",
    )
    _party_fixed_fields = ("member_id", "month")

    month = fields.Date(
        required=True,
        index=True,
        default=lambda self: month_start(party_today(self)),
        help="The first day of the month the dues are for.",
    )
    month_label = fields.Char(string="Month Name", compute="_compute_month_label")
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="member_id.company_id", store=True, index=True, precompute=True
    )
    branch_id = fields.Many2one(
        "party.branch",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The Party branch the member belonged to on the first day of the "
        "month: it collects the dues.",
    )
    sheet_id = fields.Many2one(
        "party.dues.sheet",
        string="Collection Sheet",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    dues_kind = fields.Selection(DUES_KINDS, required=True, default="in_service")
    base = fields.Float(
        string="Monthly Base",
        digits=(16, 2),
        help="The monthly income the dues are computed on.",
    )
    rate_id = fields.Many2one(
        "party.dues.rate",
        string="Band",
        compute="_compute_amount_due",
        store=True,
        readonly=True,
        ondelete="restrict",
    )
    rate = fields.Float(
        string="Rate (%)",
        digits=(5, 2),
        compute="_compute_amount_due",
        store=True,
        readonly=True,
        aggregator=False,
    )
    amount_due = fields.Float(
        digits=(16, 2),
        compute="_compute_amount_due",
        store=True,
        readonly=True,
        tracking=True,
    )
    amount_paid = fields.Float(digits=(16, 2), readonly=True, tracking=True)
    payment_date = fields.Date(readonly=True, tracking=True)
    paid_where = fields.Selection(PAID_WHERE, readonly=True, tracking=True)
    certificate_entry_id = fields.Many2one(
        "party.mobile.certificate.entry",
        string="Host Entry",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
        help="The entry of the member's activity certificate where the "
        "host organisation recorded the dues it received.",
    )
    host_organisation = fields.Char(
        readonly=True,
        help="The Party organisation where a mobile member paid.",
    )
    recorded_by_id = fields.Many2one("res.users", readonly=True)
    state = fields.Selection(
        DUES_STATES,
        default="due",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    exempt_reason = fields.Text(readonly=True, tracking=True)
    arrears = fields.Float(
        digits=(16, 2),
        compute="_compute_arrears",
        store=True,
        help="Amount due not yet paid (an exempt or fully paid month owes nothing).",
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "member_month_uniq",
            "unique(member_id, month)",
            "A member has one dues line per month.",
        ),
    ]

    @api.private  # the registry's hook, never an RPC endpoint
    def init(self):
        # issue 20: the six-month watch's daily run finds the records written
        # since its last run (``_party_watch_changed``) on this index
        res = super().init()
        create_index(
            self.env.cr, "party_dues_line_write_date_index", self._table, ["write_date"]
        )
        return res

    @api.depends("base", "dues_kind", "company_id")
    def _compute_amount_due(self):
        Rate = self.env["party.dues.rate"]
        for line in self:
            band = Rate._band_for(line.company_id, line.dues_kind, line.base or 0.0)
            line.rate_id = band
            line.rate = band.rate if band and band.kind != "fixed" else 0.0
            line.amount_due = band._amount_for(line.base or 0.0) if band else 0.0

    @api.depends("amount_due", "amount_paid", "state")
    def _compute_arrears(self):
        for line in self:
            if line.state in ("due", "partial"):
                line.arrears = max(line.amount_due - line.amount_paid, 0.0)
            else:
                line.arrears = 0.0

    @api.depends("month")
    @api.depends_context("lang")
    def _compute_month_label(self):
        # a month is shown as one (2026年10月), not as its first day
        for record in self:
            record.month_label = party_month_label(self.env, record.month)

    @api.depends("member_id", "month")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for line in self:
            month = party_month_label(self.env, line.month)
            line.display_name = " ".join(
                part for part in (line.member_id.name, month) if part
            )

    @api.model
    def _prepare_create_vals(self, vals_list):
        """Every check runs before the insert, and the branch of the month,
        the sheet and the defaults of the member are set here."""
        vals_list = [dict(vals) for vals in vals_list]
        Member = self.env["party.member"]
        members = Member.browse({vals.get("member_id") for vals in vals_list}).exists()
        keys = set()
        for vals in vals_list:
            member = members.filtered(lambda m, v=vals: m.id == v.get("member_id"))
            if not member:
                raise ValidationError(self.env._("Choose the member of the dues line."))
            # said before the record rules refuse the member with a bare error
            # sudo: the member's company and name, to say where the line belongs
            company_sudo = member.sudo().company_id
            if not self.env.su and company_sudo not in self.env.companies:
                raise ValidationError(
                    self.env._(
                        "%(member)s is a member of %(company)s: dues lines are kept "
                        "in the member's own company, switch to it first.",
                        # sudo: the member of another company, named to say so
                        member=member.sudo().name,
                        company=company_sudo.name,
                    )
                )
            if member.member_type not in DUES_MEMBER_TYPES:
                raise ValidationError(
                    self.env._(
                        "%(member)s is an activist: only full and probationary "
                        "members pay Party dues.",
                        member=member.name,
                    )
                )
            month = month_start(vals.get("month") or party_today(self))
            vals["month"] = month
            # sudo: a line of the month the user's rules hide (another branch,
            # the member moved) still forbids a second one
            if (member.id, month) in keys or self.sudo().search_count(
                [("member_id", "=", member.id), ("month", "=", month)], limit=1
            ):
                raise ValidationError(
                    self.env._(
                        "%(member)s already has a dues line for %(month)s.",
                        member=member.name,
                        month=party_month_label(self.env, month),
                    )
                )
            keys.add((member.id, month))
            vals.setdefault("dues_kind", member.dues_kind or "in_service")
            if "base" not in vals:
                # sudo: the dues base is behind the recorders' group on the
                # member; the line computes from it for whoever creates it
                vals["base"] = member.sudo().dues_base
            self._check_base(vals["base"])
            band = self.env["party.dues.rate"]._band_for(
                member.company_id, vals["dues_kind"], vals["base"] or 0.0
            )
            if not band:
                raise UserError(
                    self.env._(
                        "No dues band of %(company)s covers a monthly base of "
                        "%(base)s for %(member)s: the Party working committee "
                        "completes the dues standard (Configuration → Dues Rates).",
                        company=member.company_id.name,
                        base=vals["base"],
                        member=member.name,
                    )
                )
            branch = member._branch_at(month)[member]
            if not branch:
                raise ValidationError(
                    self.env._(
                        "%(member)s was not in an organisation of the enterprise on "
                        "%(month)s.",
                        member=member.name,
                        month=party_month_label(self.env, month),
                    )
                )
            branch = branch._scoring_unit()
            vals["branch_id"] = branch.id
            sheet_sudo = (
                # sudo: the line joins its branch's sheet of the month, which
                # its creator may not read (a recorder, the monthly job's user)
                self.env["party.dues.sheet"]
                .sudo()
                .search([("branch_id", "=", branch.id), ("month", "=", month)], limit=1)
            )
            vals["sheet_id"] = sheet_sudo.id
        return vals_list

    def _check_write_vals(self, vals):
        super()._check_write_vals(vals)
        self._check_fixed_keys(vals)
        if "base" in vals:
            self._check_base(vals["base"])
        if not {"base", "dues_kind"} & vals.keys():
            return
        for line in self:
            if line.state != "due" or line.amount_paid:
                raise UserError(
                    self.env._(
                        "The dues of %(line)s are already settled (%(state)s): "
                        "base and kind no longer change.",
                        line=line.display_name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[line.state],
                    )
                )

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "delete the line while nothing is paid and create the right one."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_settled(self):
        if self.filtered(lambda line: line.state != "due" or line.amount_paid):
            raise UserError(
                self.env._("A dues line with a payment or an exemption is kept.")
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_mark_watch(self):
        # R-MEM-6: a deleted line leaves no write_date: the member's month
        # (and the branch's register of the month) is judged again
        self.env["party.member.watch"]._mark_stale(self.member_id, self.branch_id)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_record_payment(
        self,
        amount,
        date=None,
        paid_where="home",
        host_organisation=False,
        certificate_entry_id=False,
    ):
        """Record ``amount`` paid for this month on ``date`` (today by
        default), at home or at a host organisation, which may be the entry
        of the member's activity certificate that recorded it (R-MOB-2).
        Partial payments add up; a month paid in full cannot be paid again."""
        self._check_recorder()
        if len(self) != 1:
            raise UserError(
                self.env._("Record a payment for one member and one month at a time.")
            )
        self._check_four_eyes(
            self.env._("record"), "party_points.group_party_recorder", "branch_id"
        )
        date = self._check_payment_date(date)
        entry = self._check_certificate_entry(certificate_entry_id, paid_where)
        host_organisation = host_organisation or entry.host_organisation
        self._check_payment(amount, date, paid_where, host_organisation)
        self._pay(amount, date, paid_where, host_organisation)
        if entry:
            self._write_workflow({"certificate_entry_id": entry.id})
        return True

    def _check_certificate_entry(self, entry_id, paid_where):
        """The host entry a payment rests on: an entry of this member's own
        certificate, for a payment at the host organisation."""
        entry = self.env["party.mobile.certificate.entry"].browse(entry_id).exists()
        if not entry_id:
            return entry
        # sudo: the entry's certificate and member are compared, not shown;
        # the host organisation's entries are not all readable by the officer
        if not entry or entry.sudo().member_id != self.member_id:
            raise UserError(
                self.env._(
                    "The host entry must be one of the activity certificate of "
                    "%(member)s.",
                    member=self.member_id.name,
                )
            )
        if paid_where != "host":
            raise UserError(
                self.env._("A host entry goes with dues paid at the host organisation.")
            )
        return entry

    def action_pay_in_full(self, date=None):
        """Record the remaining amount due of each line as paid at home on
        ``date`` (today by default): the branch collected the month."""
        self._check_recorder()
        self._check_four_eyes(
            self.env._("record"), "party_points.group_party_recorder", "branch_id"
        )
        date = self._check_payment_date(date)
        for line in self:
            line._check_payment(line.amount_due - line.amount_paid, date, "home", False)
        for line in self:
            line._pay(line.amount_due - line.amount_paid, date, "home", False)
        return True

    def _pay_months_in_full(self, day=10):
        """Record each line as paid in full at home on ``day`` of its own
        month (today at the latest): how a branch brings into the register
        the months it collected on paper."""
        today = party_today(self)
        by_month = {}
        for line in self:
            by_month.setdefault(line.month, self.browse())
            by_month[line.month] |= line
        for month, lines in sorted(by_month.items()):
            lines.action_pay_in_full(min(month.replace(day=day), today))

    def action_exempt(self, reason):
        """党费减免: the branch exempts the member from this month's dues, with
        its reason (hardship, illness …)."""
        self._check_role(
            "party_points.group_party_secretary",
            self.env._("A dues exemption is decided by the branch secretary."),
        )
        reason = check_reason(
            self.env, reason, self.env._("Give the reason of the dues exemption.")
        )
        self._check_four_eyes(
            self.env._("exempt"), "party_points.group_party_secretary", "branch_id"
        )
        for line in self:
            if line.state != "due" or line.amount_paid:
                raise UserError(
                    self.env._(
                        "%(line)s has a payment or is already settled: it cannot "
                        "be exempted.",
                        line=line.display_name,
                    )
                )
        self._write_workflow(
            {
                "state": "exempt",
                "exempt_reason": reason.strip(),
                "recorded_by_id": self.env.user.id,
            }
        )
        return True

    def action_open_payment_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record a Dues Payment"),
            "res_model": "party.dues.payment.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_ids": self.ids},
        }

    # ------------------------------------------------------------------
    # Checks and helpers
    # ------------------------------------------------------------------

    def _check_recorder(self):
        self._check_role(
            "party_points.group_party_recorder",
            self.env._("Dues payments are recorded by the branch recorder."),
        )
        if not self:
            raise UserError(self.env._("Choose the dues lines."))

    def _check_base(self, base):
        if base is None or base is False:
            return
        if not math.isfinite(base) or base < 0:
            raise ValidationError(
                self.env._("The monthly dues base cannot be negative.")
            )

    def _check_payment_date(self, date):
        """A real date, not in the future, not before the month paid for."""
        day = None
        for line in self:
            if line.month > month_start(party_today(self)):
                raise UserError(
                    self.env._(
                        "The dues of %(month)s cannot be paid yet: it is a future "
                        "month.",
                        month=party_month_label(self.env, line.month),
                    )
                )
            day = check_action_date(
                self.env,
                date,
                self.env._("The payment of %(line)s", line=line.display_name),
                not_before=[(line.month, self.env._("the month it is for"))],
            )
        return day

    def _check_payment(self, amount, date, paid_where, host_organisation):
        self.ensure_one()
        month = party_month_label(self.env, self.month)
        if self.state == "paid":
            raise UserError(
                self.env._(
                    "The dues of %(member)s for %(month)s are already paid.",
                    member=self.member_id.name,
                    month=month,
                )
            )
        if self.state == "exempt":
            raise UserError(
                self.env._(
                    "%(member)s is exempt from the dues of %(month)s.",
                    member=self.member_id.name,
                    month=month,
                )
            )
        try:
            amount = float(amount)
        except (TypeError, ValueError):
            amount = float("nan")
        if not math.isfinite(amount) or amount <= 0:
            raise UserError(self.env._("A dues payment is an amount above zero."))
        total = self.amount_paid + amount
        if amount > MAX_PAYMENT or total > MAX_TIMES_DUE * self.amount_due:
            raise UserError(
                self.env._(
                    "%(amount)s for the dues of %(member)s in %(month)s (due "
                    "%(due)s) cannot be right: a payment is at most %(times)s "
                    "times the amount due and at most %(max)s.",
                    amount=amount,
                    member=self.member_id.name,
                    month=month,
                    due=self.amount_due,
                    times=MAX_TIMES_DUE,
                    max=MAX_PAYMENT,
                )
            )
        if paid_where not in dict(PAID_WHERE):
            raise UserError(self.env._("Say where the dues were paid."))
        if paid_where == "host" and not (host_organisation or "").strip():
            raise UserError(
                self.env._(
                    "Name the host organisation where %(member)s paid.",
                    member=self.member_id.name,
                )
            )

    def _pay(self, amount, date, paid_where, host_organisation):
        self.ensure_one()
        total = round(self.amount_paid + float(amount), 2)
        self._write_workflow(
            {
                "amount_paid": total,
                "payment_date": date,
                "paid_where": paid_where,
                "host_organisation": (host_organisation or "").strip()
                if paid_where == "host"
                else False,
                "state": "paid" if total >= self.amount_due else "partial",
                "recorded_by_id": self.env.user.id,
            }
        )

    @api.model
    def _leaving_before(self, members, day):
        """The members of ``members`` whose leaving status change (劝退, 除名,
        转出, 去世) is dated on or before ``day``."""
        changes = (
            # sudo: only the leaving day is read, also of members who left the
            # organisations the user serves (the history's rules follow them)
            self.env["party.member.change"]
            .sudo()
            ._read_group(
                [
                    ("member_id", "in", members.ids),
                    ("field", "=", "status"),
                    ("new_value", "in", LEAVING_STATUSES),
                    ("date", "<=", day),
                ],
                ["member_id"],
            )
        )
        return members.browse([member.id for (member,) in changes])

    # ------------------------------------------------------------------
    # The six-month watch (R-MEM-6) asks the dues what they know
    # ------------------------------------------------------------------

    @api.model
    def _party_watch_months(self, members, date_from, date_to):
        """The months between ``date_from`` and ``date_to`` in which each of
        ``members`` paid the dues (a line paid, partly paid or exempt), and
        those whose dues are judged: the member's branch kept a dues register
        that month (a line of any of its members), or the member has a line.
        Returns {"paid": {(member id, month)}, "dues_judged": {…}} from
        three grouped queries."""
        window = [("month", ">=", date_from), ("month", "<=", date_to)]
        paid = {
            (member.id, month)
            for member, month in self._read_group(
                [
                    ("member_id", "in", members.ids),
                    ("state", "in", SETTLED_STATES),
                    *window,
                ],
                ["member_id", "month:month"],
            )
        }
        registers = defaultdict(set)
        for branch, month in self._read_group(
            [("company_id", "in", members.company_id.ids), *window],
            ["branch_id", "month:month"],
        ):
            registers[branch].add(month)
        judged = {
            (member.id, month)
            for member, month in self._read_group(
                [("member_id", "in", members.ids), *window],
                ["member_id", "month:month"],
            )
        }
        for member in members:
            unit = member.branch_id._scoring_unit()
            judged |= {(member.id, month) for month in registers[unit]}
        return {"paid": paid, "dues_judged": judged}

    @api.model
    def _party_watch_changed(self, companies, since, date_from, date_to):
        """For the six-month watch's daily run (R-MEM-6, issue 20): the
        members whose lines between ``date_from`` and ``date_to`` were
        written since ``since`` (paid, exempt, created), and the branches
        whose register changed for all their members: a month of the window
        whose lines are all new (the month is now judged), or a line of the
        month of the branch's first line (the first month kept may have
        moved). A deleted line marks the rows itself
        (``_unlink_mark_watch``). Returns (member ids, branches)."""
        company = [("company_id", "in", companies.ids)]
        window = [*company, ("month", ">=", date_from), ("month", "<=", date_to)]
        members = {
            member.id
            for (member,) in self._read_group(
                [*window, ("write_date", ">=", since)], ["member_id"]
            )
        }
        branches = self.env["party.branch"]
        new = set(
            self._read_group(
                [*window, ("create_date", ">=", since)], ["branch_id", "month:month"]
            )
        )
        if new:
            kept = set(
                self._read_group(
                    [
                        *window,
                        ("branch_id", "in", [branch.id for branch, _month in new]),
                        ("create_date", "<", since),
                    ],
                    ["branch_id", "month:month"],
                )
            )
            for branch, _month in new - kept:
                branches |= branch
            starts = self._party_watch_first_months(companies)
            for branch, first in self._read_group(
                [*company, ("create_date", ">=", since), ("month", "<=", date_to)],
                ["branch_id"],
                ["month:min"],
            ):
                if month_start(first) <= starts[branch]:
                    branches |= branch
        return members, branches

    @api.model
    def _party_watch_first_months(self, companies):
        """{branch: the first month of its dues register} in ``companies``:
        the watch judges no month before a branch keeps records."""
        return {
            branch: month_start(first)
            for branch, first in self._read_group(
                [("company_id", "in", companies.ids)], ["branch_id"], ["month:min"]
            )
        }
