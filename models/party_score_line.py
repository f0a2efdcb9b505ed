# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, create_index
from odoo.tools.mimetypes import guess_mimetype

from .party_workflow_mixin import (
    check_action_date,
    check_reason,
    party_today,
    quarter_of,
)

LINE_STATES = [
    ("draft", "Draft"),
    ("submitted", "Declared"),
    ("verified", "Verified by the Branch"),
    ("approved", "Approved by the Committee"),
    ("refused", "Refused"),
]
# Lines that count in the totals (R-SCORE-3).
COUNTED_STATES = ("approved",)
# Fields the system itself sets on a decided line.
SYSTEM_FIELDS = {"card_id", "message_main_attachment_id"}
# Fields only the workflow methods write: a user never sets them by hand.
WORKFLOW_FIELDS = {
    "state",
    "cycle_id",
    "card_id",
    "branch_id",
    "declared_by_id",
    "declared_date",
    "verified_by_id",
    "verified_date",
    "approved_by_id",
    "approved_date",
    "refusal_reason",
    "correction_of_id",
    "correction_reason",
    "publication_id",
    "meeting_id",
    "attendance_id",
}


class PartyScoreLine(models.Model):
    """One event of the points ledger (R-SCORE-3..9).

    An addition is declared by the member with its evidence, verified by the
    branch and approved by the Party working committee (个人申报—支部核实—
    党工委审定, R-SCORE-5/7); a deduction is registered by the branch, or by
    the committee directly where the item allows it. A decided line never
    changes: a correction is a new line, with its reason, linked to the line
    it corrects.
    """

    _name = "party.score.line"
    _description = "Points Line"
    _inherit = [
        "party.workflow.mixin",
        "party.evidence.mixin",
        # the Points Analysis groups two million lines by branch
        "party.group.order.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date desc, id desc"
    _workflow_fields = tuple(sorted(WORKFLOW_FIELDS))
    # a draft is corrected in the form (its member, its date): checked as a
    # new line before the write, and by the record rules after it, with the
    # cycle, card and scoring branch that follow (party.fixed.keys.mixin)
    _party_rechecked_fields = ("member_id", "date")

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", tracking=True
    )
    standard_id = fields.Many2one(
        "party.score.standard",
        string="Standard Item",
        required=True,
        ondelete="restrict",
        tracking=True,
    )
    sign = fields.Selection(related="standard_id.sign", store=True)
    # R-SCORE-1: the indicator, stored so the ledgers group lines by it in SQL
    category = fields.Selection(related="standard_id.category", store=True)
    is_veto = fields.Boolean(related="standard_id.is_veto", store=True)
    points = fields.Integer(
        required=True,
        tracking=True,
        help="The size is enough: the sign is the item's (a deduction of 5 is "
        "typed 5), and a fixed-value item fills it in.",
    )
    points_allowed = fields.Char(
        related="standard_id.points_label", string="Allowed Points"
    )
    # summed apart in the registers (an addition never hides a deduction)
    addition_points = fields.Integer(
        string="Additions", compute="_compute_signed_points", store=True
    )
    deduction_points = fields.Integer(
        string="Deductions", compute="_compute_signed_points", store=True
    )
    date = fields.Date(required=True, default=party_today, index=True, tracking=True)
    quarter = fields.Selection(
        [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")],
        compute="_compute_period",
        store=True,
    )
    month = fields.Integer(compute="_compute_period", store=True, aggregator=False)
    description = fields.Text(tracking=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Evidence",
        help="The written record an addition rests on.",
    )
    # Set once, when the line is created, from the history of the member.
    cycle_id = fields.Many2one(
        "party.score.cycle", readonly=True, index=True, ondelete="restrict"
    )
    # indexed by party_score_line_card_totals_index (see init)
    card_id = fields.Many2one("party.score.card", readonly=True, ondelete="restrict")
    branch_id = fields.Many2one(
        "party.branch",
        string="Scoring Branch",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The branch that scores the member on the date of the line.",
    )
    company_id = fields.Many2one(related="member_id.company_id", store=True)
    state = fields.Selection(
        LINE_STATES, default="draft", required=True, readonly=True, tracking=True
    )
    declared_by_id = fields.Many2one("res.users", readonly=True)
    declared_date = fields.Datetime(readonly=True)
    verified_by_id = fields.Many2one("res.users", readonly=True)
    verified_date = fields.Datetime(readonly=True)
    approved_by_id = fields.Many2one(
        "res.users", string="Approved or Registered by", readonly=True
    )
    approved_date = fields.Datetime(string="Approved or Registered on", readonly=True)
    refusal_reason = fields.Text(readonly=True, tracking=True)
    correction_of_id = fields.Many2one(
        "party.score.line", string="Corrects", readonly=True, index="btree_not_null"
    )
    correction_reason = fields.Text(readonly=True)
    meeting_id = fields.Many2one(
        "party.meeting", readonly=True, index="btree_not_null", ondelete="restrict"
    )
    attendance_id = fields.Many2one(
        "party.meeting.attendance", readonly=True, ondelete="restrict"
    )
    publication_id = fields.Many2one(
        "party.score.publication",
        string="Published in",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
    )
    correction_ids = fields.One2many(
        "party.score.line", "correction_of_id", string="Corrections", readonly=True
    )

    @api.private  # the registry's hook, never an RPC endpoint
    def init(self):
        """A covering index on the card: the totals of a card (and the
        ledgers' sums by indicator) are read from the index alone, not from
        lines scattered over a table of millions (issue 11). It replaces the
        plain index on ``card_id``."""
        res = super().init()
        self.env.cr.execute(
            """
            DROP INDEX IF EXISTS party_score_line__card_id_index;
            CREATE INDEX IF NOT EXISTS party_score_line_card_totals_index
                ON party_score_line (card_id)
                INCLUDE (id, state, points, sign, quarter, category, is_veto,
                         correction_of_id)
            """
        )
        # issue 20: the six-month watch's daily run finds the lines written
        # since its last run (``_party_watch_changed``) on this index
        create_index(
            self.env.cr,
            "party_score_line_write_date_index",
            self._table,
            ["write_date"],
        )
        return res

    @api.depends("points")
    def _compute_signed_points(self):
        for line in self:
            line.addition_points = max(line.points, 0)
            line.deduction_points = min(line.points, 0)

    @api.depends("date")
    def _compute_period(self):
        for line in self:
            line.month = line.date.month if line.date else 0
            line.quarter = quarter_of(line.date) if line.date else False

    @api.depends("member_id", "standard_id", "points")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # a line being typed has no points yet: it reads by what it has
        # (member, item), never "+0"
        for line in self:
            parts = [line.member_id.name, line.standard_id.code]
            if line.points:
                parts.append(f"{line.points:+d}")
            line.display_name = " ".join(part for part in parts if part) or self.env._(
                "New Points Entry"
            )

    @api.constrains("points", "standard_id")
    def _check_points(self):
        for line in self.filtered(lambda line: not line.correction_of_id):
            line.standard_id._check_points_allowed(line.points)

    @api.model
    def _prepare_create_vals(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        # Checked before the insert, so that bad input writes nothing, and
        # the scoring branch is known when record rules check the row. A
        # batch (an import, a closed meeting) costs a few queries in all,
        # not a few per line (issue 11).
        self._sign_points(vals_list)
        self._check_lines_vals(vals_list)
        for vals, period in zip(vals_list, self._periods_vals(vals_list), strict=True):
            vals.update(period)
        return super()._prepare_create_vals(vals_list)

    @api.model
    def _sign_points(self, vals_list, lines=None):
        """Issue 17 h: the sign of a line's points is its item's, and a
        fixed-value item gives its points; a correction keeps the sign of
        what it reverses. ``lines`` are the drafts being written."""
        Standard = self.env["party.score.standard"]
        lines = lines or [None] * len(vals_list)
        # one query for the items of the whole batch, not one per line
        existing = Standard.browse(
            {vals["standard_id"] for vals in vals_list if vals.get("standard_id")}
        ).exists()
        for vals, line in zip(vals_list, lines, strict=True):
            if "points" not in vals and "standard_id" not in vals:
                continue
            if vals.get("correction_of_id") or (line and line.correction_of_id):
                continue
            standard = (
                Standard.browse(vals["standard_id"]) & existing
                if "standard_id" in vals
                else line.standard_id
            )
            if not standard:
                continue
            typed = vals.get("points", line.points if line else None)
            if "points" not in vals and line and "standard_id" in vals:
                # another item: its fixed value, else the size typed before
                typed = None if standard.points_min == standard.points_max else typed
            points = standard._signed_points(typed)
            if points is not None and points is not False:
                vals["points"] = points

    @api.onchange("standard_id")
    def _onchange_standard_fill_points(self):
        # a fixed-value item gives its points; a range keeps the size typed
        for line in self.filtered(
            lambda line: line.standard_id and not line.correction_of_id
        ):
            standard = line.standard_id
            fixed = standard.points_min == standard.points_max
            points = standard._signed_points(None if fixed else line.points)
            if points is not None and points is not False:
                line.points = points

    @api.onchange("points")
    def _onchange_points_sign(self):
        # the recorder types the size; the sign is the item's
        for line in self.filtered(
            lambda line: line.standard_id and not line.correction_of_id
        ):
            if line.points:
                line.points = line.standard_id._signed_points(line.points)

    @api.model
    def load(self, fields, data):
        """An import file listing the same line twice is a mistake (a row
        copied, or a file imported in two pieces): refused as a whole, as
        any other bad row is."""
        seen = {}
        for index, row in enumerate(data):
            key = tuple(row)
            if key in seen:
                message = self.env._(
                    "Rows %(first)s and %(row)s of the data are the same line: "
                    "import each line once.",
                    first=seen[key] + 1,
                    row=index + 1,
                )
                return {
                    "ids": False,
                    "nextrow": 0,
                    "messages": [
                        {
                            "type": "error",
                            "message": message,
                            "record": index,
                            "rows": {"from": index, "to": index},
                        }
                    ],
                }
            seen[key] = index
        self._party_import_prefetch_columns(fields, data)
        return super().load(fields, data)

    @api.model
    def _party_import_prefetch_columns(self, fields, data):
        """The members (or any record named by a plain name) of the file
        are found in one search per column, not one per distinct name."""
        for index, path in enumerate(fields):
            field = self._fields.get(path)
            if not field or field.type != "many2one":
                continue
            Comodel = self.env[field.comodel_name]
            if hasattr(Comodel, "_party_import_prefetch"):
                Comodel._party_import_prefetch(
                    {row[index] for row in data if index < len(row)}
                )

    def write(self, vals):
        self._check_not_published()
        self._check_no_workflow_fields(vals)
        # the sign, the period and the checks below read the values
        self._check_input_vals(vals)
        if {"points", "standard_id"} & vals.keys() and len(self) > 1:
            # each draft takes the sign of its own item
            for line in self:
                line.write(vals)
            return True
        if {"points", "standard_id"} & vals.keys() and self:
            vals = dict(vals)
            self._sign_points([vals], [self])
        changed = set(vals) - SYSTEM_FIELDS
        decided = self.filtered(lambda line: line.state != "draft")
        if changed and decided:
            raise UserError(
                self.env._(
                    "The line %(line)s is %(state)s and can no longer be "
                    "changed: register a correction instead.",
                    line=decided[0].display_name,
                    state=dict(LINE_STATES)[decided[0].state],
                )
            )
        if {"date", "member_id"} & vals.keys():
            for line in self:
                line_vals = dict(vals)
                line_vals.update(
                    self._period_vals(
                        vals.get("member_id", line.member_id.id),
                        vals.get("date", line.date),
                    )
                )
                # cycle, card and scoring branch follow the new date/member
                line._write_workflow(line_vals)
            self._check_new_lines()
            return True
        res = super().write(vals)
        if "standard_id" in vals:
            self._check_new_lines()
        return res

    def _write_workflow(self, vals):
        self._check_not_published()
        return super()._write_workflow(vals)

    def _check_rechecked_keys(self, vals):
        # the member and the date of a corrected draft pass the checks of a
        # new line: a member the user registers points for, on a date that
        # may be scored
        self._check_lines_vals(
            [
                {
                    "member_id": vals.get("member_id", line.member_id.id),
                    "standard_id": vals.get("standard_id", line.standard_id.id),
                    "points": vals.get("points", line.points),
                    "date": vals.get("date", line.date),
                    "correction_of_id": line.correction_of_id.id,
                }
                for line in self
            ]
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        self._check_not_published()
        if self.filtered(lambda line: line.state != "draft"):
            raise UserError(
                self.env._(
                    "Only draft lines can be deleted: the ledger keeps every "
                    "declared or registered line."
                )
            )

    # ------------------------------------------------------------------
    # Actions (R-SCORE-5/7)
    # ------------------------------------------------------------------

    def action_submit(self):
        """The member declares an addition (个人申报)."""
        for line in self:
            line._check_state("draft")
            if line.sign != "addition":
                raise UserError(
                    self.env._("Deductions are registered by the branch, not declared.")
                )
            if not (line.description or "").strip():
                raise UserError(
                    self.env._("Describe what you did: the branch verifies it.")
                )
        # R-SCORE-5: the written record the addition rests on
        self._check_evidence(declaring=True)
        self._set_state("submitted", "declared")
        return True

    @api.model
    def declare_addition(
        self,
        standard_id,
        points,
        date,
        description,
        evidence_name=None,
        evidence_datas=None,
    ):
        """The user declares an addition of their own (个人申报, R-SCORE-5/7):
        the line is created with its evidence and declared, all or nothing.

        The portal's form calls this; so may any client. Only the user's own
        member record is declared for; every other check is the ledger's own
        (create, evidence policy, ``action_submit``), the same as in the
        backend. Returns the id of the declared line.
        """
        member = self.env["party.member"].search(
            [("partner_id", "=", self.env.user.partner_id.id)], limit=1
        )
        if not member:
            raise AccessError(
                self.env._("Only a Party member declares points, for themselves.")
            )
        vals = {
            "member_id": member.id,
            "standard_id": standard_id,
            "points": points,
            "date": date,
            "description": description,
        }
        if evidence_datas:
            if not isinstance(evidence_datas, str | bytes):
                raise ValidationError(self.env._("Attach the evidence as a file."))
            try:
                content = base64.b64decode(evidence_datas, validate=True)
            except ValueError:
                raise ValidationError(
                    self.env._("Attach the evidence as a file.")
                ) from None
            vals["attachment_ids"] = [
                Command.create(
                    {
                        "name": str(evidence_name or "evidence")[:255],
                        "raw": content,
                        "mimetype": guess_mimetype(content),
                    }
                )
            ]
        # The member is the user's own, read under their rights; a portal
        # user may not create lines, so the line is created with sudo, which
        # keeps the user as the declarant and runs every check of the ledger.
        with self.env.cr.savepoint():
            # sudo: a portal user may not create lines (see above)
            line_sudo = self.sudo().create([vals])
            line_sudo.action_submit()
        return line_sudo.id

    def action_verify(self):
        """The branch verifies a declaration (支部核实)."""
        self._check_role("party_points.group_party_recorder")
        for line in self:
            line._check_state("submitted")
        # R-SCORE-7 个人申报—支部核实: the branch checks someone else's word
        self._check_four_eyes(
            self.env._("verify"),
            "party_points.group_party_recorder",
            "branch_id",
            {"declared_by_id": self.env._("declared")},
        )
        self._set_state("verified", "verified")
        return True

    def action_approve(self):
        """The Party working committee approves an addition (党工委审定)."""
        self._check_role("party_points.group_party_working_committee")
        for line in self:
            line._check_state("verified")
        # R-SCORE-5: declared, verified and approved by three people
        self._check_four_eyes(
            self.env._("approve"),
            "party_points.group_party_working_committee",
            "branch_id",
            {
                "declared_by_id": self.env._("declared"),
                "verified_by_id": self.env._("verified"),
            },
        )
        self._set_state("approved", "approved")
        return True

    def action_register(self):
        """The branch registers a deduction (扣分项由党支部统一登记); the
        committee registers any item it may apply directly (R-SCORE-7)."""
        self._check_role("party_points.group_party_recorder")
        is_committee = self.env.user.has_group(
            "party_points.group_party_working_committee"
        )
        for line in self:
            line._check_state("draft")
            direct = is_committee and line.standard_id.committee_direct
            if line.sign != "deduction" and not direct:
                raise UserError(
                    self.env._(
                        "An addition is declared by the member, verified by the "
                        "branch and approved by the Party working committee."
                    )
                )
        # the item's written record, whoever registers (a veto too)
        self._check_evidence(declaring=False)
        # a committee-direct addition is declared and approved at once: never
        # by the member it rewards (R-SCORE-5)
        self.filtered(lambda line: line.sign == "addition")._check_four_eyes(
            self.env._("register"),
            "party_points.group_party_working_committee",
            "branch_id",
        )
        self._set_state("approved", "approved")
        if is_committee:
            # 附件2: a committee deduction under the threshold opens a case
            self.env["party.laggard.case"]._open_from_direct_deductions(self)
        return True

    def action_refuse(self, reason):
        self._check_role("party_points.group_party_recorder")
        reason = check_reason(
            self.env, reason, self.env._("Give the reason of the refusal.")
        )
        for line in self:
            if line.state == "verified":
                line._check_role("party_points.group_party_working_committee")
            elif line.state != "submitted":
                raise UserError(
                    self.env._("Only a declared or verified line can be refused.")
                )
        self._write_workflow({"state": "refused", "refusal_reason": reason})
        return True

    def _create_correction(self, reason, date=None):
        """Reverse a decided line with a new, explained line (R-SCORE-8)."""
        self.ensure_one()
        self._check_role("party_points.group_party_recorder")
        reason = check_reason(
            self.env, reason, self.env._("A correction needs its reason.")
        )
        if self.state != "approved":
            raise UserError(self.env._("Only an approved line can be corrected."))
        if self.correction_of_id:
            raise UserError(
                self.env._("A correction is not corrected: correct the original line.")
            )
        if self.correction_ids:
            raise UserError(self.env._("This line is already corrected."))
        self._check_four_eyes(
            self.env._("correct"), "party_points.group_party_recorder", "branch_id"
        )
        date = check_action_date(
            self.env,
            date,
            self.env._("The correction of %(line)s", line=self.display_name),
            not_before=[(self.date, self.env._("the line it corrects"))],
            company=self.company_id,
        )
        correction = self._create_workflow(
            [
                {
                    "member_id": self.member_id.id,
                    "standard_id": self.standard_id.id,
                    "points": -self.points,
                    "date": date,
                    "description": reason,
                    "correction_of_id": self.id,
                    "correction_reason": reason,
                }
            ]
        )
        correction._set_state("approved", "approved")
        return correction

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @api.model
    def _check_lines_vals(self, vals_list):
        """Check the values of new lines before anything is written: the
        members are read and their access checked once for the batch."""
        Member = self.env["party.member"]
        members = Member.browse(
            {vals["member_id"] for vals in vals_list if vals.get("member_id")}
        ).exists()
        readable = members._filtered_access("read")
        Standard = (
            self.env["party.score.standard"]
            .browse(
                {vals["standard_id"] for vals in vals_list if vals.get("standard_id")}
            )
            .exists()
        )
        for vals in vals_list:
            member = Member.browse(vals.get("member_id"))
            if not member or member not in members:
                raise ValidationError(self.env._("Choose the member of the line."))
            if member not in readable and not self._serves_scoring_branch(
                member, vals.get("date")
            ):
                # said before the record rules refuse the member with a bare error
                raise AccessError(
                    self.env._(
                        "You register points only for the members of the "
                        "organisations you serve, or your own declarations."
                    )
                )
            standard = Standard.browse(vals.get("standard_id")).with_prefetch(
                Standard._prefetch_ids
            )
            if not standard or standard not in Standard:
                raise ValidationError(
                    self.env._("Choose the standard item of the line.")
                )
            if vals.get("points") is None:
                # an import drops a cell it cannot read: said here, not by the
                # database
                raise ValidationError(self.env._("Enter the points of the line."))
            if not vals.get("correction_of_id") and "points" in vals:
                standard._check_points_allowed(vals["points"])
        today = party_today(self)
        self._check_scoring(
            [
                (
                    vals.get("member_id"),
                    vals.get("standard_id"),
                    fields.Date.to_date(vals.get("date")) or today,
                )
                for vals in vals_list
            ]
        )

    @api.model
    def _serves_scoring_branch(self, member, day):
        """Whether the user serves the branch that scored ``member`` on
        ``day``: a recorder registers a past line of their branch for a
        member transferred out since (the line's record rule judges it by its
        scoring branch, R-SCORE-9)."""
        if not self.env.user.party_branch_ids:
            return False
        # sudo: the member's branch on the day, from the moves the recorder
        # may no longer read (the member was transferred out since)
        member_sudo = member.sudo()
        day = fields.Date.to_date(day) or party_today(self)
        branch = member_sudo._branch_at(day)[member_sudo]
        if not branch:
            return False
        return self.env.user._party_serves(
            branch | member_sudo._scoring_unit_of(branch), committee=False
        )

    def _check_new_lines(self):
        self._check_scoring(
            [(line.member_id.id, line.standard_id.id, line.date) for line in self]
        )

    @api.model
    def _check_scoring(self, triples):
        """Each (member id, standard id, date) may be scored: a current item
        of the member's company, a member not exempt that day (R-MEM-4). The
        exemptions are read once per date."""
        # one read of the members and items of the whole batch (prefetch)
        Member = self.env["party.member"].browse({t[0] for t in triples if t[0]})
        Standard = self.env["party.score.standard"].browse(
            {t[1] for t in triples if t[1]}
        )
        by_date = defaultdict(set)
        for member_id, _standard_id, day in triples:
            if member_id:
                by_date[day].add(member_id)
        exempt = {
            (member_id, day)
            for day, member_ids in by_date.items()
            for member_id in Member.browse(member_ids)._exempt_on(day).ids
        }
        for member_id, standard_id, day in triples:
            member = Member.browse(member_id).with_prefetch(Member._prefetch_ids)
            standard = Standard.browse(standard_id).with_prefetch(
                Standard._prefetch_ids
            )
            if standard and not standard.active:
                raise ValidationError(
                    self.env._(
                        "The standard item %(standard)s is archived: choose a "
                        "current one.",
                        standard=standard.display_name,
                    )
                )
            if (member_id, day) in exempt:
                raise ValidationError(
                    self.env._(
                        "%(member)s is exempt from points management on %(date)s: "
                        "no line can be registered.",
                        member=member.name,
                        date=day,
                    )
                )
            if member and standard and member.company_id != standard.company_id:
                raise ValidationError(
                    self.env._("The standard item belongs to another company.")
                )

    def _check_not_published(self):
        # R-SCORE-8: a published quarter is closed, for every user, admin
        # and RPC included; only a new line in an open period corrects it.
        # sudo: the guard holds for every user, whatever publication they read
        published_sudo = self.sudo().filtered(
            lambda line: line.publication_id.state == "published"
        )
        if published_sudo:
            raise UserError(
                self.env._(
                    "The line %(line)s was published in %(publication)s and can "
                    "never change: register a correction in an open period.",
                    line=published_sudo[0].display_name,
                    publication=published_sudo[0].publication_id.display_name,
                )
            )

    @api.model
    def _period_vals(self, member_id, day):
        """Cycle, scoring branch and card of a line of ``member_id`` on ``day``."""
        return self._periods_vals([{"member_id": member_id, "date": day}])[0]

    @api.model
    def _periods_vals(self, vals_list):
        """Cycle, scoring branch and card of each of ``vals_list`` (member and
        date), in a few queries for the whole batch.

        Refuses a date in the future and a quarter the branch has published
        (R-SCORE-8). The publication of each quarter touched is locked first:
        a quarter being published in another transaction makes this one
        fail with a serialization error (retried by the server, and then
        refused) instead of slipping a line into a quarter just published.
        """
        today = party_today(self)
        Member_sudo = (
            # sudo: the member's branch on the line's day decides its period,
            # also for a member the user no longer reads (moved out since)
            self.env["party.member"]
            .sudo()
            .browse({vals["member_id"] for vals in vals_list if vals.get("member_id")})
        )
        Cycle = self.env["party.score.cycle"]
        keys = []
        for vals in vals_list:
            member_sudo = Member_sudo.browse(vals.get("member_id")).with_prefetch(
                Member_sudo._prefetch_ids
            )
            day = fields.Date.to_date(vals.get("date")) or today
            if member_sudo and day > today:
                raise ValidationError(
                    self.env._(
                        "Points are registered once the event happened: %(date)s is "
                        "in the future.",
                        date=day,
                    )
                )
            keys.append((member_sudo, day))
        by_day = defaultdict(Member_sudo.browse)
        for member_sudo, day in keys:
            by_day[day] |= member_sudo
        branch_of = {}
        for day, members_sudo in by_day.items():
            for member_sudo, branch in members_sudo._scoring_branches_at(day).items():
                branch_of[member_sudo.id, day] = branch
        cycles = {}
        periods = []
        for member_sudo, day in keys:
            if not member_sudo:
                periods.append(None)
                continue
            cycle_key = (member_sudo.company_id, day.year)
            if cycle_key not in cycles:
                cycles[cycle_key] = Cycle._for_date(day, member_sudo.company_id)
            periods.append(
                (
                    member_sudo,
                    cycles[cycle_key],
                    branch_of[member_sudo.id, day],
                    quarter_of(day),
                )
            )
        known = [period for period in periods if period]
        self._lock_open_quarters({(b.id, c.id, q) for _m, c, b, q in known})
        cards_sudo = (
            # sudo: no user creates cards; the line's card is made if missing
            self.env["party.score.card"]
            .sudo()
            ._get_or_create_many(
                {(member_sudo, cycle) for member_sudo, cycle, _b, _q in known}
            )
        )
        return [
            {
                "cycle_id": cycle.id,
                "branch_id": branch.id,
                "card_id": cards_sudo[member_sudo.id, cycle.id].id,
            }
            if member_sudo
            else {}
            for member_sudo, cycle, branch, _quarter in (
                period or (None, None, None, None) for period in periods
            )
        ]

    @api.model
    def _lock_open_quarters(self, keys):
        """Refuse the quarters of ``keys`` (branch id, cycle id, quarter) that
        are published, and lock the publications of the others."""
        if not keys:
            return
        Publication = self.env["party.score.publication"]
        Publication.flush_model(["branch_id", "cycle_id", "quarter", "state"])
        rows = self.env.execute_query(
            SQL(
                """
            SELECT id, state FROM party_score_publication
             WHERE (branch_id, cycle_id, quarter) IN %s
          ORDER BY id
                """,
                tuple(keys),
            )
        )
        published = [pid for pid, state in rows if state == "published"]
        if published:
            raise UserError(
                self.env._(
                    "%(publication)s is published: no line can be added to it. "
                    "Register the line, or its correction, in an open period.",
                    # sudo: the closed publication is named, readable or not
                    publication=Publication.browse(published[0]).sudo().display_name,
                )
            )
        if rows:
            # the row lock a publication in progress meets
            Publication.browse([pid for pid, _state in rows])._lock_rows()

    def _check_evidence(self, declaring):
        """R-SCORE-5: a line of an item that requires evidence has its
        written record before it is declared or registered, whoever takes
        the step: the member, the branch or the committee directly (a
        one-vote veto needs it). The files themselves pass the evidence
        policy (``party.evidence.mixin``) when they are given. Not asked of
        the lines whose record is elsewhere: a correction (its reason and
        the line it reverses) and a meeting's deduction (the closed
        meeting's attendance)."""
        for line in self:
            if (
                line.standard_id.evidence_required
                and not line.correction_of_id
                and not line.meeting_id
                # sudo: whether files are attached, whoever uploaded them
                and not line.sudo().attachment_ids
            ):
                if declaring:
                    raise UserError(
                        self.env._(
                            "%(standard)s needs written evidence: attach it before "
                            "declaring.",
                            standard=line.standard_id.display_name,
                        )
                    )
                raise UserError(
                    self.env._(
                        "%(standard)s needs written evidence, whoever registers "
                        "it: attach the document the line of %(member)s rests on "
                        "(the decision, the report) before registering it.",
                        standard=line.standard_id.display_name,
                        member=line.member_id.name,
                    )
                )

    @api.model
    def _party_watch_months(self, members, date_from, date_to):
        """The months between ``date_from`` and ``date_to`` in which each of
        ``members`` did Party work by an approved addition of the ledger,
        for the six-month watch (R-MEM-6): {"work": {(member id, month)}}."""
        groups = self._read_group(
            [
                ("member_id", "in", members.ids),
                ("state", "=", "approved"),
                ("points", ">", 0),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ],
            ["member_id", "date:month"],
        )
        return {"work": {(member.id, month) for member, month in groups}}

    @api.model
    def _party_watch_changed(self, companies, since, date_from, date_to):
        """The members with an approved addition between ``date_from`` and
        ``date_to`` written since ``since``, for the six-month watch's daily
        run (R-MEM-6, issue 20). A decided line is never deleted or changed
        (a correction is a new line)."""
        groups = self._read_group(
            [
                ("company_id", "in", companies.ids),
                ("write_date", ">=", since),
                ("state", "=", "approved"),
                ("points", ">", 0),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ],
            ["member_id"],
        )
        return {member.id for (member,) in groups}, self.env["party.branch"]


class ResUsers(models.Model):
    _inherit = "res.users"

    def _party_digest_sections(self):
        """The daily digest (issue 19): the declarations waiting for the
        user (个人申报—支部核实—党工委审定, R-SCORE-7): to verify for the
        branch (its recorder and officers), to approve for the committee;
        never the user's own (four eyes). Under the user's rules: a branch
        officer sees the lines of the organisations they serve."""
        sections = super()._party_digest_sections()
        Line = self.env["party.score.line"]
        not_own = [
            ("declared_by_id", "!=", self.id),
            ("member_id.partner_id", "!=", self.partner_id.id),
        ]
        if self.has_group("party_points.group_party_recorder"):
            sections.append(
                {
                    "title": self.env._("Declarations to verify"),
                    "records": Line.search([("state", "=", "submitted"), *not_own]),
                }
            )
        if self.has_group("party_points.group_party_working_committee"):
            sections.append(
                {
                    "title": self.env._("Declarations to approve"),
                    "records": Line.search(
                        [
                            ("state", "=", "verified"),
                            ("verified_by_id", "!=", self.id),
                            *not_own,
                        ]
                    ),
                }
            )
        return sections
