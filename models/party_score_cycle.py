# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_member import PARTY_MEMBER_TYPES
from .party_workflow_mixin import party_today
from .reference_guard import check_not_referenced

QUARTER_KEYS = ("1", "2", "3", "4")
# R-USE-1: how the outstanding share of the members scored rounds.
SHARE_ROUNDINGS = [
    ("down", "Down"),
    ("nearest", "To the Nearest"),
    ("up", "Up"),
]
# R-MEM-1: on 1 January the new cycle opens a card for these members.
SCOPE_TYPES = ("full", "probationary", "activist")
SCOPE_STATUSES = ("normal", "rectification")


class PartyScoreCycle(models.Model):
    """A scoring cycle: one calendar year (R-SCORE-4).

    The base score and the thresholds are copied from the company settings
    when the cycle is created, so that changing a setting later never
    rewrites a past year (DOMAIN §5).
    """

    _name = "party.score.cycle"
    _description = "Points Cycle"
    _inherit = ["party.workflow.mixin", "mail.thread"]
    _order = "year desc, id desc"
    _workflow_fields = ("state",)
    # cards, lines and publications are of one year of one company
    _party_fixed_fields = ("year", "company_id")

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(required=True, tracking=True, aggregator=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(compute="_compute_dates", store=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
    )
    base_score = fields.Integer(required=True, tracking=True)
    laggard_threshold = fields.Integer(required=True, tracking=True)
    mobile_threshold = fields.Integer(required=True, tracking=True)
    outstanding_threshold = fields.Integer(required=True, tracking=True)
    probationary_threshold = fields.Integer(required=True, tracking=True)
    outstanding_share = fields.Float(digits=(5, 1), required=True, tracking=True)
    outstanding_rounding = fields.Selection(
        SHARE_ROUNDINGS,
        string="Outstanding Share Rounding",
        required=True,
        default="nearest",
        tracking=True,
        help="How the outstanding share of the Party members scored "
        "rounds to a number of members; to the nearest, 10 % of 8 members "
        "allows one.",
    )
    flags_final_on_publication = fields.Boolean(
        string="Results Final Once the Branch Published Its Four Quarters",
        tracking=True,
        help="The year's flags of a member become final, and "
        "the decisions that follow them possible, as soon as the scoring branch "
        "has published its four quarters, instead of at the close of the cycle.",
    )
    card_ids = fields.One2many("party.score.card", "cycle_id", string="Score Cards")
    nomination_ids = fields.One2many(
        "party.outstanding.nomination",
        "cycle_id",
        string="Outstanding Member Nominations",
        readonly=True,
    )
    scope_count = fields.Integer(
        string="Members Scored",
        compute="_compute_outstanding_quota",
        help="Cards of Party members (full and probationary, activists left out) "
        "in the cycle, exempt members left out.",
    )
    outstanding_quota = fields.Integer(
        string="Outstanding Members Allowed",
        compute="_compute_outstanding_quota",
        help="The outstanding share of the Party members scored, "
        "rounded as the cycle says.",
    )
    outstanding_count = fields.Integer(
        string="Outstanding Members Confirmed",
        compute="_compute_outstanding_quota",
    )

    _sql_constraints = [
        (
            "year_company_uniq",
            "unique(year, company_id)",
            "There is already a points cycle for this year.",
        ),
    ]

    @api.depends("year")
    def _compute_name(self):
        # stored, so language-neutral; the label below is translated on display
        for cycle in self:
            cycle.name = str(cycle.year or "")

    @api.depends("year")
    def _compute_display_name(self):
        for cycle in self:
            cycle.display_name = self.env._("Points %(year)s", year=cycle.year)

    @api.depends("year")
    def _compute_dates(self):
        for cycle in self:
            cycle.date_from = date(cycle.year, 1, 1) if cycle.year else False
            cycle.date_to = date(cycle.year, 12, 31) if cycle.year else False

    @api.depends("outstanding_share", "outstanding_rounding")
    def _compute_outstanding_quota(self):
        # sudo: the share is of every card of the cycle, whoever reads it (a
        # branch secretary proposing, the committee confirming)
        Card_sudo = self.env["party.score.card"].sudo()
        scope = dict(
            Card_sudo._read_group(
                [
                    ("cycle_id", "in", self.ids),
                    ("is_exempt", "=", False),
                    # R-USE-1: the share is of the Party members scored
                    ("member_type", "in", PARTY_MEMBER_TYPES),
                ],
                ["cycle_id"],
                ["__count"],
            )
        )
        confirmed = dict(
            # sudo: as above, every confirmed nomination of the cycle
            self.env["party.outstanding.nomination"]
            .sudo()
            ._read_group(
                [("cycle_id", "in", self.ids), ("state", "=", "confirmed")],
                ["cycle_id"],
                ["__count"],
            )
        )
        for cycle in self:
            cycle.scope_count = scope.get(cycle, 0)
            cycle.outstanding_quota = cycle._quota(cycle.scope_count)
            cycle.outstanding_count = confirmed.get(cycle, 0)

    @api.constrains("year")
    def _check_year(self):
        for cycle in self:
            if not 2000 <= cycle.year <= 2100:
                raise ValidationError(
                    self.env._(
                        "%(year)s is not a year of points cycles.", year=cycle.year
                    )
                )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        company = self.env["res.company"].browse(
            values.get("company_id") or self.env.company.id
        )
        values.setdefault("year", party_today(self).year)
        for field_name, setting in self._settings_fields().items():
            if field_name in fields_list:
                values.setdefault(field_name, company[setting])
        return values

    @api.model
    def _prepare_create_vals(self, vals_list):
        for vals in vals_list:
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            for field_name, setting in self._settings_fields().items():
                vals.setdefault(field_name, company[setting])
        return super()._prepare_create_vals(vals_list)

    def write(self, vals):
        # R-SCORE-4: a closed year keeps its settings as they were
        if set(vals) - {"message_main_attachment_id"} and "closed" in self.mapped(
            "state"
        ):
            raise UserError(
                self.env._(
                    "The points cycle %(cycle)s is closed: it can no longer be "
                    "changed.",
                    cycle=self.filtered(lambda c: c.state == "closed")[0].name,
                )
            )
        return super().write(vals)

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "open the cycle of the right year in the right company; an unused "
            "cycle can be deleted."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        # R-SCORE-4: a closed year is history; an open one with cards, lines
        # or publications is in use
        closed = self.filtered(lambda c: c.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "The points cycle %(cycle)s is closed: it is history and "
                    "cannot be deleted.",
                    cycle=closed[0].name,
                )
            )
        check_not_referenced(self)

    def action_close(self):
        """R-SCORE-4: close the year and open the next one.

        Refused while a quarter of a scoring branch is unpublished or a line
        waits. Freezes the cards (totals, flags, final rank: the cards'
        ``_freeze_results``), then opens the next year's cycle if missing,
        with a card at the base score for every member in scope on 1 January
        (R-MEM-1, R-SCORE-3).
        """
        if not self.env.user.has_group("party_points.group_party_working_committee"):
            raise AccessError(
                self.env._(
                    "Closing a points cycle is the work of the Party working committee."
                )
            )
        today = party_today(self)
        for cycle in self:
            if cycle.state != "open":
                raise UserError(
                    self.env._(
                        "The points cycle %(cycle)s is already closed.",
                        cycle=cycle.name,
                    )
                )
            if cycle.date_to >= today:
                raise UserError(
                    self.env._(
                        "The points cycle %(cycle)s runs until %(date)s: it is "
                        "closed once the year is over.",
                        cycle=cycle.name,
                        date=cycle.date_to,
                    )
                )
            cycle._check_ready_to_close()
        for cycle in self:
            # sudo: closing freezes every card of the year; no user writes cards
            Card_sudo = self.env["party.score.card"].sudo()
            Card_sudo.search([("cycle_id", "=", cycle.id)])._freeze_results()
            cycle._write_workflow({"state": "closed"})
            cycle._open_next_cycle()
        return True

    def action_propose_candidates(self):
        """R-USE-1 (党支部初定): propose every candidate of the branches the
        user serves who has no nomination yet in the cycle."""
        self.ensure_one()
        Nomination = self.env["party.outstanding.nomination"]
        Nomination._check_role("party_points.group_party_secretary")
        cards = (
            self.env["party.score.card"]
            .search(
                [("cycle_id", "=", self.id), ("is_outstanding_candidate", "=", True)]
            )
            .filtered(lambda c: Nomination._serves(c.branch_id))
        )
        nominated_sudo = (
            # sudo: a nomination made elsewhere (the member moved) still counts
            Nomination.sudo()
            .search(
                [("cycle_id", "=", self.id), ("member_id", "in", cards.member_id.ids)]
            )
            .member_id
        )
        cards = cards.filtered(lambda c: c.member_id not in nominated_sudo)
        if self.state == "open":
            done = self._published_branches(cards.branch_id)
            cards = cards.filtered(lambda c: c.branch_id in done)
        # four eyes: nobody proposes themself, not even among many; the
        # others are proposed and the user is told who proposes them
        own = cards.filtered(
            lambda c: self.env.uid != SUPERUSER_ID
            and c.member_id._is_user(self.env.user)
        )
        message = own and self.env._(
            "%(member)s, a candidate of %(cycle)s, is you: nobody proposes "
            "themself, so you are left out. %(who)s",
            member=own[0].member_id.name,
            cycle=self.name,
            who=Nomination._who_else_can(
                own[0].branch_id,
                self.env._("propose"),
                "party_points.group_party_secretary",
            ),
        )
        cards -= own
        if own and not cards:
            raise AccessError(message)
        if not cards:
            raise UserError(
                self.env._(
                    "No candidate of %(cycle)s waits for a proposal in the branches "
                    "you serve: candidates have at least %(threshold)s points and no "
                    "one-vote veto, and their branch has published its four quarters "
                    "(or the cycle is closed).",
                    cycle=self.name,
                    threshold=self.outstanding_threshold,
                )
            )
        nominations = Nomination.create(
            [{"member_id": card.member_id.id, "cycle_id": self.id} for card in cards]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_points.party_outstanding_nomination_action"
        )
        action["domain"] = [("id", "in", nominations.ids)]
        if own:
            return self._done_but_yours(
                self.env._(
                    "The other candidates are proposed. %(message)s", message=message
                ),
                action,
            )
        return action

    @api.model
    def _settings_fields(self):
        return {
            "base_score": "party_base_score",
            "laggard_threshold": "party_laggard_threshold",
            "mobile_threshold": "party_mobile_threshold",
            "outstanding_threshold": "party_outstanding_threshold",
            "probationary_threshold": "party_probationary_threshold",
            "outstanding_share": "party_outstanding_share",
            "outstanding_rounding": "party_outstanding_rounding",
            "flags_final_on_publication": "party_flags_final_on_publication",
        }

    def _reference_date(self):
        """The day exemptions are judged on for the cycle: today, or the last
        day of a cycle already over (R-MEM-4)."""
        self.ensure_one()
        return min(party_today(self), self.date_to)

    def _quota(self, scope):
        """R-USE-1: the outstanding share of ``scope`` members, rounded as the
        cycle says (down, to the nearest with halves up, or up)."""
        self.ensure_one()
        # in tenths of a percent, as the share is stored: exact integer arithmetic
        tenths = scope * round(self.outstanding_share * 10)
        if self.outstanding_rounding == "down":
            return tenths // 1000
        if self.outstanding_rounding == "up":
            return -(-tenths // 1000)
        return (tenths + 500) // 1000

    def _share_arithmetic(self):
        """R-USE-1: how the quota comes out of the share, in words, e.g.
        "8 Party members scored × 10 % = 0.8, rounded to the nearest whole
        number"."""
        self.ensure_one()
        rounding = {
            "down": self.env._("rounded down"),
            "nearest": self.env._("rounded to the nearest whole number"),
            "up": self.env._("rounded up"),
        }[self.outstanding_rounding]
        # formatted before the call: Babel reads the arguments of _()
        share = f"{self.outstanding_share:g}"
        exact = f"{self.scope_count * self.outstanding_share / 100:g}"
        return self.env._(
            "%(total)s Party members scored × %(share)s %% = %(exact)s, %(rounding)s",
            total=self.scope_count,
            share=share,
            exact=exact,
            rounding=rounding,
        )

    def _published_branches(self, branches):
        """The ``branches`` whose four quarters of the cycle are published."""
        self.ensure_one()
        groups = (
            # sudo: counted only: a branch's published quarters, whoever asks
            self.env["party.score.publication"]
            .sudo()
            ._read_group(
                [
                    ("cycle_id", "=", self.id),
                    ("branch_id", "in", branches.ids),
                    ("state", "=", "published"),
                ],
                ["branch_id"],
                ["__count"],
            )
        )
        return branches.browse([branch.id for branch, count in groups if count == 4])

    def _check_ready_to_close(self):
        """R-SCORE-4, R-SCORE-8: every quarter of every scoring branch of the
        cycle is published and no line waits; said before anything changes."""
        self.ensure_one()
        # sudo: no line of the year may wait, whichever branch holds it
        Line_sudo = self.env["party.score.line"].sudo()
        waiting_sudo = Line_sudo.search(
            [
                ("cycle_id", "=", self.id),
                ("state", "in", ("draft", "submitted", "verified")),
            ]
        )
        if waiting_sudo:
            raise UserError(
                self.env._(
                    "%(count)s points lines of %(cycle)s are still waiting (draft, "
                    "declared or verified), e.g. %(lines)s: decide or delete them "
                    "before closing the cycle.",
                    count=len(waiting_sudo),
                    cycle=self.name,
                    lines=", ".join(waiting_sudo[:5].mapped("display_name")),
                )
            )
        needed = {
            (branch, quarter)
            for branch, quarter in Line_sudo._read_group(
                [("cycle_id", "=", self.id)], ["branch_id", "quarter"]
            )
        }
        for (branch,) in (
            # sudo: every scoring branch of the year's cards must have published
            self.env["party.score.card"]
            .sudo()
            ._read_group(
                [("cycle_id", "=", self.id), ("is_exempt", "=", False)], ["branch_id"]
            )
        ):
            needed.update((branch, quarter) for quarter in QUARTER_KEYS)
        published = set(
            # sudo: as above, every published quarter of the year
            self.env["party.score.publication"]
            .sudo()
            ._read_group(
                [("cycle_id", "=", self.id), ("state", "=", "published")],
                ["branch_id", "quarter"],
            )
        )
        missing = sorted(
            (pair for pair in needed - published if pair[0]),
            key=lambda pair: (pair[0].complete_name or "", pair[1]),
        )
        if missing:
            per_branch = {}
            for branch, quarter in missing:
                per_branch.setdefault(branch, []).append(
                    self.env._("Q%(quarter)s", quarter=quarter)
                )
            raise UserError(
                self.env._(
                    "%(cycle)s cannot be closed: these quarters are not published "
                    "yet: %(quarters)s.",
                    cycle=self.name,
                    quarters="; ".join(
                        f"{branch.display_name} {', '.join(quarters)}"
                        for branch, quarters in per_branch.items()
                    ),
                )
            )

    def _open_next_cycle(self):
        """R-SCORE-4: the next year's cycle, with a card at the base score for
        every member in scope on 1 January (R-MEM-1), created in one batch."""
        self.ensure_one()
        # sudo: the next year and its cards are the system's, whoever closes
        Cycle_sudo = self.sudo()
        following_sudo = Cycle_sudo.search(
            [("company_id", "=", self.company_id.id), ("year", "=", self.year + 1)],
            limit=1,
        ) or Cycle_sudo.create(
            {"year": self.year + 1, "company_id": self.company_id.id}
        )
        if following_sudo.state != "open":
            return following_sudo
        # sudo: every member in scope of the company gets a card
        Member_sudo = self.env["party.member"].sudo()
        # sudo: no user creates cards
        Card_sudo = self.env["party.score.card"].sudo()
        carded_sudo = Card_sudo.search([("cycle_id", "=", following_sudo.id)]).member_id
        members_sudo = Member_sudo.search(
            [
                ("company_id", "=", self.company_id.id),
                ("member_type", "in", SCOPE_TYPES),
                ("status", "in", SCOPE_STATUSES),
                ("id", "not in", carded_sudo.ids),
            ]
        )
        members_sudo -= members_sudo._exempt_on(following_sudo.date_from)
        Card_sudo.create(
            [
                {"member_id": member_sudo.id, "cycle_id": following_sudo.id}
                for member_sudo in members_sudo
            ]
        )
        return following_sudo

    @api.model
    def _for_date(self, day, company):
        """The open cycle of ``company`` that contains ``day``, or an error."""
        # sudo: the company's cycle of the day, for whoever registers a line
        # (a portal member, a job) whatever companies they have active
        cycle_sudo = self.sudo().search(
            [("company_id", "=", company.id), ("year", "=", day.year)], limit=1
        )
        if not cycle_sudo:
            raise UserError(
                self.env._(
                    "There is no points cycle for %(year)s: the Party working "
                    "committee opens it first.",
                    year=day.year,
                )
            )
        if cycle_sudo.state != "open":
            raise UserError(
                self.env._(
                    "The points cycle %(cycle)s is closed: points can no longer "
                    "be registered in it.",
                    cycle=cycle_sudo.name,
                )
            )
        return cycle_sudo
