# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_dues_line import DUES_MEMBER_TYPES, month_start
from .party_workflow_mixin import party_month_label, party_today


class PartyDuesSheet(models.Model):
    """党费收缴表: one Party branch's dues of one month.

    A button lists every member in scope of the branch that month (one
    batched create of dues lines); the totals come from one ``_read_group``;
    the sheet prints as a PDF and exports as an XLSX workbook.
    """

    _name = "party.dues.sheet"
    _description = "Party Dues Collection Sheet"
    _inherit = ["party.workflow.mixin", "party.name.mixin", "mail.thread"]
    _party_name_depends = (
        "branch_id.name",
        "month",
    )
    _order = "month desc, branch_id"
    # the lines of the month join the sheet of their branch when it is
    # created (party.fixed.keys.mixin)
    _party_fixed_fields = ("branch_id", "month")

    name = fields.Char(compute="_compute_name", store=True)
    branch_id = fields.Many2one(
        "party.branch",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('kind', '=', 'branch')]",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="branch_id.company_id", store=True, index=True, precompute=True
    )
    month = fields.Date(
        required=True,
        default=lambda self: month_start(party_today(self)),
        tracking=True,
        help="The first day of the month collected.",
    )
    month_label = fields.Char(string="Month Name", compute="_compute_month_label")
    line_ids = fields.One2many(
        "party.dues.line", "sheet_id", string="Dues Lines", readonly=True
    )
    member_count = fields.Integer(compute="_compute_totals")
    paid_count = fields.Integer(string="Members Paid", compute="_compute_totals")
    total_due = fields.Float(digits=(16, 2), compute="_compute_totals")
    total_paid = fields.Float(digits=(16, 2), compute="_compute_totals")
    total_arrears = fields.Float(digits=(16, 2), compute="_compute_totals")
    note = fields.Text()

    _sql_constraints = [
        (
            "branch_month_uniq",
            "unique(branch_id, month)",
            "A branch has one dues collection sheet per month.",
        ),
    ]

    @api.depends("month")
    @api.depends_context("lang")
    def _compute_month_label(self):
        # a month is shown as one (2026年10月), not as its first day
        for record in self:
            record.month_label = party_month_label(self.env, record.month)

    @api.depends("line_ids.amount_due", "line_ids.amount_paid", "line_ids.state")
    def _compute_totals(self):
        groups = self.env["party.dues.line"]._read_group(
            [("sheet_id", "in", self.ids)],
            ["sheet_id"],
            ["__count", "amount_due:sum", "amount_paid:sum", "arrears:sum"],
        )
        totals = {sheet: rest for sheet, *rest in groups}
        paid = dict(
            self.env["party.dues.line"]._read_group(
                [
                    ("sheet_id", "in", self.ids),
                    ("state", "in", ("paid", "partial", "exempt")),
                ],
                ["sheet_id"],
                ["__count"],
            )
        )
        for sheet in self:
            count, due, amount_paid, arrears = totals.get(sheet, (0, 0.0, 0.0, 0.0))
            sheet.member_count = count
            sheet.paid_count = paid.get(sheet, 0)
            sheet.total_due = due
            sheet.total_paid = amount_paid
            sheet.total_arrears = arrears

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            vals["month"] = month_start(vals.get("month") or party_today(self))
            branch = self.env["party.branch"].browse(vals.get("branch_id"))
            self._check_sheet(branch, vals["month"])
            if self.search_count(
                [("branch_id", "=", branch.id), ("month", "=", vals["month"])]
            ):
                raise ValidationError(
                    self.env._(
                        "%(branch)s already has a dues collection sheet for "
                        "%(month)s.",
                        branch=branch.name,
                        month=party_month_label(self.env, vals["month"]),
                    )
                )
        sheets = super().create(vals_list)
        # lines recorded before the sheet existed belong to it
        for sheet in sheets:
            lines_sudo = (
                # sudo: every line of the branch's month joins the sheet,
                # also those the creator's rules hide (a member moved since)
                self.env["party.dues.line"]
                .sudo()
                .search(
                    [
                        ("branch_id", "=", sheet.branch_id.id),
                        ("month", "=", sheet.month),
                        ("sheet_id", "=", False),
                    ]
                )
            )
            if lines_sudo:
                lines_sudo._write_workflow({"sheet_id": sheet.id})
        return sheets

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "create the sheet of the right branch and month; a sheet without "
            "lines can be deleted."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_lines(self):
        if self.line_ids:
            raise UserError(
                self.env._(
                    "A collection sheet with dues lines is kept: delete the unpaid "
                    "lines first."
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_generate_lines(self):
        """List every member in scope of the branch that month: full and
        probationary members whose organisation on the first of the month
        is the branch or one of its groups, and who had not left. Members
        who already have a line of the month are skipped, so the button can
        be pressed again after a member joins."""
        self._check_role(
            "party_points.group_party_recorder",
            self.env._("The dues register is kept by the branch recorder."),
        )
        self.check_access("write")
        vals_list = []
        for sheet in self:
            self._check_sheet(sheet.branch_id, sheet.month)
            members = sheet._members_in_scope()
            done_sudo = (
                # sudo: a member who has a line of the month anywhere (another
                # branch's, which the user cannot read) gets no second one
                self.env["party.dues.line"]
                .sudo()
                .search([("member_id", "in", members.ids), ("month", "=", sheet.month)])
                .member_id
            )
            vals_list += [
                {"member_id": member.id, "month": sheet.month}
                for member in members - done_sudo
            ]
        return self.env["party.dues.line"].create(vals_list)

    def action_pay_all(self):
        """The whole branch paid this month's remaining dues today (at the
        theme Party day, as is the custom)."""
        lines = self.line_ids.filtered(lambda line: line.state in ("due", "partial"))
        if not lines:
            raise UserError(self.env._("Nothing is due on this collection sheet."))
        # four eyes: the user's own line is never paid along with the others;
        # the others are, and the user is told who records their own
        own = lines.filtered(
            lambda line: self.env.uid != SUPERUSER_ID
            and line.member_id._is_user(self.env.user)
        )
        if own:
            message = self.env._(
                "Your own dues line %(line)s is on this sheet, and you cannot "
                "record your own payment: it stays due. %(who)s",
                line=own[0].display_name,
                who=own._who_else_can(
                    own[0].branch_id,
                    self.env._("record"),
                    "party_points.group_party_recorder",
                ),
            )
            if own == lines:
                raise AccessError(message)
            (lines - own).action_pay_in_full()
            return self._done_but_yours(
                self.env._(
                    "The other lines are paid in full. %(message)s", message=message
                ),
                {"type": "ir.actions.client", "tag": "soft_reload"},
            )
        lines.action_pay_in_full()
        return True

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_points.party_dues_line_action"
        )
        action["domain"] = [("sheet_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @api.model
    def _generate_months(self, branches, date_from, date_to):
        """Create the sheets of ``branches`` for every month from
        ``date_from`` to ``date_to`` (those missing) and list their members:
        how a branch starts its register with the months already collected
        on paper."""
        branches = self.env["party.branch"].browse(branches)
        month, last = month_start(date_from), month_start(date_to)
        sheets = self.browse()
        while month <= last:
            for branch in branches:
                sheet = self.search(
                    [("branch_id", "=", branch.id), ("month", "=", month)]
                ) or self.create({"branch_id": branch.id, "month": month})
                sheets |= sheet
            month += relativedelta(months=1)
        sheets.action_generate_lines()
        return sheets

    def _check_sheet(self, branch, month):
        if not branch or branch.kind != "branch":
            raise ValidationError(
                self.env._(
                    "Dues are collected by a Party branch (党支部): choose a branch, "
                    "not a committee, a general branch or a group."
                )
            )
        if branch.company_id not in self.env.companies and not self.env.su:
            raise ValidationError(
                self.env._(
                    "%(branch)s belongs to another company: switch to it first.",
                    # sudo: the name of the other company's branch, to say why
                    branch=branch.sudo().name,
                )
            )
        if month > month_start(party_today(self)):
            raise UserError(
                self.env._(
                    "%(month)s has not begun: dues are collected from the month "
                    "itself.",
                    month=party_month_label(self.env, month),
                )
            )

    def _members_in_scope(self):
        """Members who pay dues to the branch in the sheet's month."""
        self.ensure_one()
        end = self.month + relativedelta(months=1, days=-1)
        Member = self.env["party.member"].with_context(active_test=False)
        candidates = Member.search(
            [
                ("company_id", "=", self.company_id.id),
                ("member_type", "in", DUES_MEMBER_TYPES),
                "|",
                ("join_date", "=", False),
                ("join_date", "<=", end),
            ]
        )
        # archived members pay for the months they were still members in
        archived = candidates.filtered(lambda m: not m.active)
        left = self.env["party.dues.line"]._leaving_before(
            archived, self.month - relativedelta(days=1)
        )
        candidates -= left
        candidates -= archived.filtered(lambda m: m.status == "normal")
        subtree_sudo = (
            # sudo: the ids of the organisations under the sheet's branch,
            # compared only; the recorder may not read the ones below
            self.env["party.branch"]
            .sudo()
            .search([("id", "child_of", self.branch_id.id)])
        )
        branch_at = candidates._branch_at(self.month)
        return candidates.filtered(lambda m: branch_at[m] in subtree_sudo)

    def _party_label(self):
        self.ensure_one()
        return " ".join(
            part
            for part in (self.branch_id.name, party_month_label(self.env, self.month))
            if part
        )
