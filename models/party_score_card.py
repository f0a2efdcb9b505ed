# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .party_member import MEMBER_TYPES, PARTY_MEMBER_TYPES
from .party_score_line import COUNTED_STATES
from .party_workflow_mixin import party_today

# The fields of ``_compute_totals``.
# room left on each page of the cards' table: a card is rewritten whenever
# its lines change, and with room beside it PostgreSQL updates it in place
# (a HOT update, no new index entries: the totals are not indexed). Packed
# pages made recomputing 50,000 changed totals 2.7× a raw SUM, 1.5× with
# this (issue 20, docs/BENCHMARKS.md).
CARD_FILLFACTOR = 50

TOTAL_FIELDS = (
    "addition_points",
    "deduction_points",
    "q1_points",
    "q2_points",
    "q3_points",
    "q4_points",
    "total_score",
    "has_veto",
)

# Fields a closed cycle keeps as they were at the close (R-SCORE-4): their
# computes leave the stored values of a closed cycle's cards alone.
FROZEN_FIELDS = (
    "branch_id",
    "member_type",
    "addition_points",
    "deduction_points",
    "q1_points",
    "q2_points",
    "q3_points",
    "q4_points",
    "total_score",
    "has_veto",
    "is_exempt",
    "projected_probation_cancel",
    "projected_not_development_target",
    "projected_transfer_deferred",
    "is_outstanding_candidate",
)
# The flags of the year (R-USE-3, R-USE-4): the projection of the running
# total, and the flag itself, which is the projection once the result is final
# (``results_final``). A closed cycle's flags follow from its frozen
# projections, so they need no freezing of their own.
FLAG_FIELDS = {
    "flag_probation_cancel": "projected_probation_cancel",
    "flag_not_development_target": "projected_not_development_target",
    "flag_transfer_deferred": "projected_transfer_deferred",
}


class PartyScoreCard(models.Model):
    """A member's score in one cycle (member × year).

    R-SCORE-3: base score plus approved additions and deductions, no upper
    limit, never below 0. The totals are stored computed fields aggregated
    with ``_read_group`` over the lines, recomputed by the ORM when a line of
    the card changes, never summed line by line in Python.

    R-USE-1/3/4: the card also carries the year's consequences: the
    eligibility flags and the outstanding-member honour. "当年度积分" is the
    year's result: while it is not final the card only shows a projection of
    the running total (``projected_*``); the flags (``flag_*``) and the
    decisions that follow them wait for ``results_final``: the cycle closed
    or, where the committee chose so, the branch's four quarters published.
    Closing the cycle freezes the projections, with the rank
    (``final_rank``), through ``_freeze_results``.
    """

    _name = "party.score.card"
    _description = "Points Card"
    _inherit = ["party.input.mixin", "party.fixed.keys.mixin"]
    _order = "cycle_id desc, total_score desc, id"
    _rec_name = "member_id"
    # one card per member and cycle, made by the system; the scoring branch
    # is computed (party.fixed.keys.mixin)
    _party_fixed_fields = ("member_id", "cycle_id", "branch_id")

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", readonly=True
    )
    cycle_id = fields.Many2one(
        "party.score.cycle",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    year = fields.Integer(related="cycle_id.year", store=True, aggregator=False)
    cycle_state = fields.Selection(related="cycle_id.state", string="Cycle State")
    company_id = fields.Many2one(related="member_id.company_id", store=True)
    branch_id = fields.Many2one(
        "party.branch",
        string="Scoring Branch",
        compute="_compute_branch_id",
        store=True,
        index=True,
        ondelete="restrict",
        help="The branch that scores and ranks the member; kept as "
        "it was when the cycle closed.",
    )
    member_type = fields.Selection(
        MEMBER_TYPES,
        compute="_compute_member_type",
        store=True,
        help="The member's type in the cycle; kept as it was when the cycle closed.",
    )
    line_ids = fields.One2many("party.score.line", "card_id", string="Lines")
    base_score = fields.Integer(related="cycle_id.base_score", store=True)
    addition_points = fields.Integer(
        string="Additions", compute="_compute_totals", store=True
    )
    deduction_points = fields.Integer(
        string="Deductions", compute="_compute_totals", store=True
    )
    q1_points = fields.Integer(string="Q1", compute="_compute_totals", store=True)
    q2_points = fields.Integer(string="Q2", compute="_compute_totals", store=True)
    q3_points = fields.Integer(string="Q3", compute="_compute_totals", store=True)
    q4_points = fields.Integer(string="Q4", compute="_compute_totals", store=True)
    total_score = fields.Integer(
        string="Score", compute="_compute_totals", store=True, aggregator="avg"
    )
    has_veto = fields.Boolean(
        string="One-vote Veto",
        compute="_compute_totals",
        store=True,
        help="Not eligible as outstanding member this cycle; on the " "watch list.",
    )
    rank_in_branch = fields.Integer(
        string="Rank in Branch",
        compute="_compute_rank_in_branch",
        help="Among the members of the same branch in the cycle, highest score "
        "first; exempt members are not ranked. A closed cycle shows "
        "the rank frozen at the close.",
    )
    final_rank = fields.Integer(
        readonly=True,
        copy=False,
        aggregator=False,
        help="The rank in the branch when the cycle closed.",
    )
    is_exempt = fields.Boolean(
        string="Exempt from Scoring",
        compute="_compute_is_exempt",
        store=True,
        help="An approved exemption covers today, or the end of a past "
        "cycle: no rank, no flag, no honour.",
    )
    # R-USE-3, R-USE-4, R-USE-1: the consequences of the annual total.
    results_final = fields.Boolean(
        string="Annual Result Final",
        compute="_compute_results_final",
        store=True,
        help="The year's result is final: the cycle is closed or, where the "
        "Party working committee chose so for the cycle, the scoring branch has "
        "published its four quarters. Until then the flags are only a projection "
        "of the current score and no decision follows from them.",
    )
    projected_probation_cancel = fields.Boolean(
        string="Projection: Probationary Status Would Be Cancelled",
        compute="_compute_projections",
        store=True,
        help="At the current score the probationary member is under the "
        "cycle's probationary threshold. Only a projection until the year's "
        "result is final.",
    )
    projected_not_development_target = fields.Boolean(
        string="Projection: Would Not Be Eligible as Development Target",
        compute="_compute_projections",
        store=True,
        help="At the current score the activist is under the cycle's "
        "probationary threshold. Only a projection until the year's result is "
        "final.",
    )
    projected_transfer_deferred = fields.Boolean(
        string="Projection: Transfer into Home Branch Would Be Deferred",
        compute="_compute_projections",
        store=True,
        help="At the current score the member of a mobile branch is "
        "under the cycle's mobile threshold. Only a projection until the year's "
        "result is final.",
    )
    flag_probation_cancel = fields.Boolean(
        string="Probationary Status to Be Cancelled",
        compute="_compute_flags",
        store=True,
        help="The final annual score of a probationary member is under "
        "the cycle's probationary threshold; the Party working committee "
        "decides.",
    )
    flag_not_development_target = fields.Boolean(
        string="Not Eligible as Development Target This Year",
        compute="_compute_flags",
        store=True,
        help="The final annual score of an activist is under the "
        "cycle's probationary threshold.",
    )
    flag_transfer_deferred = fields.Boolean(
        string="Transfer into Home Branch Deferred",
        compute="_compute_flags",
        store=True,
        help="The final annual score of a member of a mobile branch is "
        "under the cycle's mobile threshold.",
    )
    is_outstanding_candidate = fields.Boolean(
        string="Outstanding Member Candidate",
        compute="_compute_projections",
        store=True,
        help="A Party member (full or probationary, never "
        "an activist) with a total at or above the cycle's outstanding threshold "
        "and no one-vote veto.",
    )
    nomination_ids = fields.One2many(
        "party.outstanding.nomination",
        "card_id",
        string="Outstanding Member Nominations",
        readonly=True,
    )
    is_my_card = fields.Boolean(
        compute="_compute_is_my_card", help="The card of the user's own member."
    )
    is_outstanding = fields.Boolean(
        string="Outstanding Member",
        compute="_compute_is_outstanding",
        store=True,
        help="Confirmed outstanding member of the year by the Party "
        "working committee.",
    )
    final_grade_id = fields.Many2one(
        "party.score.grade",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The grade of the company's bands when the cycle closed; "
        "later changes of the bands leave it as it was.",
    )
    probation_decision = fields.Selection(
        [("cancelled", "Probationary Status Cancelled")],
        string="Committee Decision",
        readonly=True,
        copy=False,
        help="The Party working committee's decision on a flagged "
        "probationary member.",
    )
    probation_decision_date = fields.Date(
        string="Decided on", readonly=True, copy=False
    )
    probation_decision_user_id = fields.Many2one(
        "res.users", string="Decided by", readonly=True, copy=False
    )

    _sql_constraints = [
        (
            "member_cycle_uniq",
            "unique(member_id, cycle_id)",
            "A member has one points card per cycle.",
        ),
    ]

    @api.private  # run by the registry at install and upgrade, not over RPC
    def init(self):
        res = super().init()
        # set once: the lock of ALTER TABLE is not taken at every upgrade;
        # pages written from now on keep the room (a table in service gains
        # it as its rows are rewritten)
        option = f"fillfactor={CARD_FILLFACTOR}"
        self.env.cr.execute(
            SQL(
                "SELECT %s = ANY(coalesce(reloptions, '{}')) FROM pg_class "
                "WHERE oid = %s::regclass",
                option,
                self._table,
            )
        )
        if not self.env.cr.fetchone()[0]:
            self.env.cr.execute(
                SQL(
                    "ALTER TABLE %s SET (fillfactor = %s)",
                    SQL.identifier(self._table),
                    CARD_FILLFACTOR,
                )
            )
        return res

    @api.depends(
        "member_id.branch_id",
        "member_id.branch_id.parent_id",
        "member_id.branch_id.kind",
        "member_id.home_branch_id",
    )
    def _compute_branch_id(self):
        for card in self._open_cycle_cards():
            member = card.member_id
            card.branch_id = (
                member._scoring_unit_of(member.branch_id) if member else False
            )

    @api.depends("member_id.member_type")
    def _compute_member_type(self):
        for card in self._open_cycle_cards():
            card.member_type = card.member_id.member_type

    @api.depends(
        "base_score",
        "line_ids.points",
        "line_ids.state",
        "line_ids.date",
        "line_ids.correction_ids",
        "line_ids.is_veto",
    )
    def _compute_totals(self):
        """R-SCORE-3: the base score and the counted lines, summed in SQL.

        The batch the ORM hands over (up to a thousand cards), with every
        other card waiting for its totals in the transaction, is summed and
        written by one statement: the sums by sign and quarter and the
        standing veto of each card, the total (never below 0, no upper
        limit), and an UPDATE of the cards whose stored figures differ
        (with their write date, as the ORM's flush would). The values go to
        the cache as clean: nothing is left for the flush to write. So
        recomputing every card of a large organisation costs about the SQL
        sum itself, plus the UPDATE of the cards that changed (issue 20,
        docs/BENCHMARKS.md); this is the only computation of the totals.
        """
        # the cards of a closed cycle keep what was frozen at the close
        # (R-SCORE-4): the statement leaves them out
        batch = [card_id for card_id in self._ids if card_id]
        # Odoo hands a stored compute its records by 1,000 (PREFETCH_MAX):
        # the cards waiting for their totals in this transaction are taken
        # in the same statement, which PostgreSQL then runs as one pass over
        # the lines instead of fifty (issue 20)
        waiting = self.env.transaction.tocompute.get(self._fields["total_score"], ())
        in_batch = set(batch)
        others = [card_id for card_id in waiting if card_id and card_id not in in_batch]
        cards = self.browse(batch + others)
        if cards:
            self.env["party.score.line"].flush_model(
                [
                    "card_id",
                    "state",
                    "points",
                    "sign",
                    "quarter",
                    "is_veto",
                    "correction_of_id",
                ]
            )
            self.env["party.score.cycle"].flush_model(["state"])
            # what the statement reads of the cards, and any value an
            # earlier computation left in cache (it is overwritten below)
            cards.flush_recordset(["base_score"])
            if self.env.cache.has_dirty_fields(
                cards, [self._fields[fname] for fname in TOTAL_FIELDS]
            ):
                cards.flush_recordset(list(TOTAL_FIELDS))
            rows = {
                row[0]: row[1:]
                for row in self.env.execute_query(
                    SQL(
                        """
            WITH batch AS (
                -- the batch's ids, given once: the planner reads the array
                -- once and looks the rows up by their indexes
                SELECT %(ids)s::int[] AS ids
            ), sums AS (
                SELECT l.card_id,
                       sum(l.points) FILTER (WHERE l.sign = 'addition') AS additions,
                       sum(l.points) FILTER (WHERE l.sign = 'deduction') AS deductions,
                       sum(l.points) FILTER (WHERE l.quarter = '1') AS q1,
                       sum(l.points) FILTER (WHERE l.quarter = '2') AS q2,
                       sum(l.points) FILTER (WHERE l.quarter = '3') AS q3,
                       sum(l.points) FILTER (WHERE l.quarter = '4') AS q4,
                       -- R-SCORE-10: a veto stands unless it was corrected
                       -- (the corrected lines of the batch: one hashed list)
                       bool_or(l.is_veto AND l.correction_of_id IS NULL
                               AND l.id NOT IN (
                                   SELECT c.correction_of_id
                                     FROM party_score_line c
                                    WHERE c.correction_of_id IS NOT NULL
                                      AND c.card_id
                                          = ANY((SELECT ids FROM batch)::int[])))
                           AS veto
                  FROM party_score_line l
                 WHERE l.card_id = ANY((SELECT ids FROM batch)::int[])
                   AND l.state IN %(counted)s
              GROUP BY l.card_id
            ), figures AS MATERIALIZED (
                SELECT c.id,
                       coalesce(s.additions, 0)::int AS addition_points,
                       coalesce(s.deductions, 0)::int AS deduction_points,
                       coalesce(s.q1, 0)::int AS q1_points,
                       coalesce(s.q2, 0)::int AS q2_points,
                       coalesce(s.q3, 0)::int AS q3_points,
                       coalesce(s.q4, 0)::int AS q4_points,
                       -- R-SCORE-3: no upper limit, never below 0
                       greatest(0, coalesce(c.base_score, 0)
                                   + coalesce(s.additions, 0)
                                   + coalesce(s.deductions, 0))::int AS total_score,
                       coalesce(s.veto, false) AS has_veto,
                       (c.addition_points, c.deduction_points, c.q1_points,
                        c.q2_points, c.q3_points, c.q4_points, c.total_score,
                        c.has_veto) AS stored
                  FROM party_score_card c
                  JOIN party_score_cycle cy ON cy.id = c.cycle_id
             LEFT JOIN sums s ON s.card_id = c.id
                 WHERE c.id = ANY((SELECT ids FROM batch)::int[])
                   AND cy.state != 'closed'
            ), changed AS (
                UPDATE party_score_card c
                   SET addition_points = f.addition_points,
                       deduction_points = f.deduction_points,
                       q1_points = f.q1_points,
                       q2_points = f.q2_points,
                       q3_points = f.q3_points,
                       q4_points = f.q4_points,
                       total_score = f.total_score,
                       has_veto = f.has_veto,
                       write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM figures f
                 WHERE c.id = f.id AND c.id = ANY((SELECT ids FROM batch)::int[])
                   AND f.stored IS DISTINCT FROM
                       (f.addition_points, f.deduction_points, f.q1_points,
                        f.q2_points, f.q3_points, f.q4_points, f.total_score,
                        f.has_veto)
             RETURNING c.id
            )
            SELECT f.id, f.addition_points, f.deduction_points, f.q1_points,
                   f.q2_points, f.q3_points, f.q4_points, f.total_score,
                   f.has_veto
              FROM figures f
                        """,
                        ids=cards.ids,
                        counted=COUNTED_STATES,
                        uid=self.env.uid,
                        now=self.env.cr.now(),
                    )
                )
            }
            # the stored values are the computed ones: clean in cache
            live = self.browse(list(rows))
            for index, fname in enumerate(TOTAL_FIELDS):
                self.env.cache.update(
                    live, self._fields[fname], [row[index] for row in rows.values()]
                )
            # the cards taken beyond the batch are done: Odoo marks the batch
            for fname in TOTAL_FIELDS:
                self.env.remove_to_compute(self._fields[fname], self.browse(others))
        # a card not saved yet (a form being edited) counts no line yet
        for card in (self - cards)._open_cycle_cards():
            card.update(
                {
                    **dict.fromkeys(TOTAL_FIELDS[:-2], 0),
                    "total_score": max(0, card.base_score),
                    "has_veto": False,
                }
            )

    @api.depends(
        "member_id",
        "cycle_id.date_to",
        "member_id.exemption_ids.state",
        "member_id.exemption_ids.date_from",
        "member_id.exemption_ids.date_to",
    )
    def _compute_is_exempt(self):
        live = self._open_cycle_cards()
        for cycle in live.cycle_id:
            cards = live.filtered(lambda c, cycle=cycle: c.cycle_id == cycle)
            exempt = cards.member_id._exempt_on(cycle._reference_date())
            for card in cards:
                card.is_exempt = card.member_id in exempt
        for card in live.filtered(lambda c: not c.cycle_id):
            card.is_exempt = False

    @api.depends(
        "total_score",
        "has_veto",
        "is_exempt",
        "member_type",
        "member_id.branch_id.branch_type",
        "cycle_id.probationary_threshold",
        "cycle_id.mobile_threshold",
        "cycle_id.outstanding_threshold",
    )
    def _compute_projections(self):
        for card in self._open_cycle_cards():
            cycle, total = card.cycle_id, card.total_score
            # R-MEM-4: an exempt member is never flagged nor a candidate
            scored = bool(cycle) and not card.is_exempt
            below = scored and total < cycle.probationary_threshold
            card.projected_probation_cancel = (
                below and card.member_type == "probationary"
            )
            card.projected_not_development_target = (
                below and card.member_type == "activist"
            )
            card.projected_transfer_deferred = (
                scored
                and card.member_id.branch_id.branch_type == "mobile"
                and total < cycle.mobile_threshold
            )
            # R-USE-1: Party members only; an activist is never a candidate
            card.is_outstanding_candidate = (
                scored
                and card.member_type in PARTY_MEMBER_TYPES
                and total >= cycle.outstanding_threshold
                and not card.has_veto
            )

    @api.depends("cycle_id.state", "cycle_id.flags_final_on_publication", "branch_id")
    def _compute_results_final(self):
        """R-USE-3: "当年度积分" is the year's result, final when the cycle is
        closed; earlier, if the cycle says so, once the scoring branch has
        published its four quarters (R-SCORE-8: nothing can be added to
        them any more). Publishing a quarter asks for this again
        (``_refresh_results_final``)."""
        for cycle in self.cycle_id:
            cards = self.filtered(lambda c, cycle=cycle: c.cycle_id == cycle)
            if cycle.state == "closed":
                cards.results_final = True
            elif cycle.flags_final_on_publication:
                done = cycle._published_branches(cards.branch_id)
                for card in cards:
                    card.results_final = bool(card.branch_id) and card.branch_id in done
            else:
                cards.results_final = False
        self.filtered(lambda c: not c.cycle_id).results_final = False

    @api.depends(*FLAG_FIELDS.values(), "results_final")
    def _compute_flags(self):
        # a flag is the projection of a final result: never on a projection
        for card in self:
            for flag, projection in FLAG_FIELDS.items():
                card[flag] = card.results_final and card[projection]

    @api.depends("nomination_ids.state")
    def _compute_is_outstanding(self):
        for card in self:
            card.is_outstanding = "confirmed" in card.nomination_ids.mapped("state")

    def _compute_rank_in_branch(self):
        ranks = self._ranks_in_branch()
        for card in self:
            card.rank_in_branch = ranks.get(card.id, 0)

    def _ranks_in_branch(self):
        """{card id: rank in the branch}: frozen for a closed cycle, of today
        for an open one, in one query for all the cards (a ledger asks for
        fifty thousand at once)."""
        # only the fields asked: reading cycle_id of fifty thousand cards the
        # usual way would fetch every column of them into the cache
        self.fetch(["cycle_id"])
        closed = self.filtered(lambda c: c.cycle_id.state == "closed")
        closed.fetch(["final_rank"])
        ranks = {card.id: card.final_rank for card in closed}
        ranks.update((self - closed)._ranks_on(party_today(self)))
        return ranks

    @api.model
    def _prepare_create_vals(self, vals_list):
        cycles = self.env["party.score.cycle"].browse(
            [vals["cycle_id"] for vals in vals_list if vals.get("cycle_id")]
        )
        if "closed" in cycles.mapped("state"):
            # R-SCORE-4: a closed year takes no new card
            raise UserError(
                self.env._(
                    "The points cycle %(cycle)s is closed: no card can be added to it.",
                    cycle=cycles.filtered(lambda c: c.state == "closed")[0].name,
                )
            )
        return super()._prepare_create_vals(vals_list)

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "the system keeps one card per member and cycle; register the points "
            "on the lines of the right member."
        )

    @api.depends_context("uid")
    def _compute_is_my_card(self):
        partner = self.env.user.partner_id
        for card in self:
            card.is_my_card = card.member_id.partner_id == partner

    @api.model
    def action_open_my_handbook(self):
        """我的考评手册 (issue 17 i): the user's own cards, base score and
        total as the ledger counts them. The card of the open year is made
        if the member has no line yet, so that a member new to the year
        reads the base score, not an empty list. Only the user's own member
        (the partner of the user), whatever the caller passes."""
        members_sudo = (
            # sudo: the user's own member records, by their partner, in every
            # company (the rules follow the companies the user has active)
            self.env["party.member"]
            .sudo()
            .search([("partner_id", "=", self.env.user.partner_id.id)])
        )
        # sudo: the open cycle of each member's own company, as above
        Cycle_sudo = self.env["party.score.cycle"].sudo()
        pairs = set()
        for member_sudo in members_sudo:
            today = party_today(member_sudo, member_sudo.company_id)
            cycle_sudo = Cycle_sudo.search(
                [
                    ("company_id", "=", member_sudo.company_id.id),
                    ("year", "=", today.year),
                    ("state", "=", "open"),
                ],
                limit=1,
            )
            if cycle_sudo:
                pairs.add((member_sudo, cycle_sudo))
        # sudo: no user creates cards; the open year's card of the user's own
        # member is made so that it reads the base score
        self.sudo()._get_or_create_many(pairs)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_points.party_score_card_action_my"
        )
        cards = self.search([("member_id", "in", members_sudo.ids)])
        if len(cards) == 1:
            action.update(res_id=cards.id, view_mode="form", views=[(False, "form")])
        return action

    def action_declare_addition(self):
        """From the handbook: a new draft addition of the card's member, who
        must be the user (the member declares her own, R-SCORE-7)."""
        self.ensure_one()
        if self.member_id.partner_id != self.env.user.partner_id:
            raise AccessError(self.env._("You declare additions only for yourself."))
        if self.cycle_id.state != "open":
            raise UserError(
                self.env._("%(cycle)s is closed.", cycle=self.cycle_id.display_name)
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Declare an Addition"),
            "res_model": "party.score.line",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_member_id": self.member_id.id},
        }

    def action_view_score_chart(self):
        """Issue 10, item 3: the member's approved points quarter after
        quarter, summed up, as a line chart (the card's q1..q4 figures)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Score over the Quarters: %(member)s", member=self.member_id.name
            ),
            "res_model": "party.score.line",
            "view_mode": "graph",
            "views": [
                (
                    self.env.ref(
                        "party_points.party_score_line_view_graph_quarters"
                    ).id,
                    "graph",
                )
            ],
            "domain": [("card_id", "=", self.id), ("state", "=", "approved")],
            "context": {"create": False},
        }

    def action_cancel_probationary_status(self):
        """R-USE-3: the Party working committee decides to cancel the
        probationary status of a flagged member (取消预备党员资格).

        The decision is recorded on the card (who, when) and posted on the
        member; the registry change itself (type or status, dated, with its
        reason) stays the work of the member's change wizard, because the
        registry has no type for a former probationary member.
        """
        if not self.env.user.has_group("party_points.group_party_working_committee"):
            raise AccessError(
                self.env._(
                    "Cancelling a probationary status is decided by the Party "
                    "working committee."
                )
            )
        for card in self:
            # R-USE-3: a decision that cannot be undone rests on the year's
            # result, never on a projection of the running total
            card._check_results_final(
                self.env._(
                    "cancel the probationary status of %(member)s",
                    member=card.member_id.name,
                )
            )
            if not card.flag_probation_cancel:
                raise UserError(
                    self.env._(
                        "%(member)s is not flagged for the cancellation of "
                        "probationary status in %(cycle)s.",
                        member=card.member_id.name,
                        cycle=card.cycle_id.name,
                    )
                )
            if card.probation_decision:
                raise UserError(
                    self.env._(
                        "The decision on %(member)s for %(cycle)s is already "
                        "recorded.",
                        member=card.member_id.name,
                        cycle=card.cycle_id.name,
                    )
                )
        self.check_access("read")
        today = party_today(self)
        # sudo: no user writes cards; the committee (checked above) records
        # its decision on the cards it reads
        self.sudo().write(
            {
                "probation_decision": "cancelled",
                "probation_decision_date": today,
                "probation_decision_user_id": self.env.user.id,
            }
        )
        for card in self:
            card.member_id.message_post(
                body=self.env._(
                    "The Party working committee cancelled the probationary status "
                    "(annual score %(score)s in %(cycle)s). Record the "
                    "change of type or status in the registry.",
                    score=card.total_score,
                    cycle=card.cycle_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _freeze_results(self):
        """R-SCORE-4: what the close of the cycle keeps for good.

        Called by ``party.score.cycle.action_close`` while the cycle is still
        open: the exemption and the projections are computed once more for
        the end of the year, the rank in the branch is stored in
        ``final_rank``; once the cycle is closed the computes leave these
        values alone, and the flags, final from then on, are the projections. Other
        addons extend it to freeze what they derive from the card.
        """
        # sudo: the year's close freezes every card of the cycle, whoever
        # closes it; no user writes cards
        cards_sudo = self.sudo()
        # the exemption and the projections once more; the flags follow them
        # when the cycle is closed (``results_final``)
        for fname in ("is_exempt", "projected_probation_cancel"):
            self.env.add_to_compute(cards_sudo._fields[fname], cards_sudo)
        cards_sudo.flush_recordset()
        by_cycle = defaultdict(lambda: cards_sudo.browse())
        for card_sudo in cards_sudo:
            by_cycle[card_sudo.cycle_id] |= card_sudo
        for cycle_sudo, cycle_cards_sudo in by_cycle.items():
            ranks = cycle_cards_sudo._ranks_on(cycle_sudo._reference_date())
            by_rank = defaultdict(list)
            for card_sudo in cycle_cards_sudo:
                by_rank[ranks.get(card_sudo.id, 0)].append(card_sudo.id)
            for rank, ids in by_rank.items():
                cards_sudo.browse(ids).write({"final_rank": rank})
        # R-USE-5: the HR grade of the year, from the company's bands, in one
        # query (the totals were flushed above)
        self.env["party.score.grade"].flush_model()
        self.env.cr.execute(
            SQL(
                """
            UPDATE party_score_card c
               SET final_grade_id = (
                       SELECT g.id FROM party_score_grade g
                        WHERE g.company_id = c.company_id AND g.active
                          AND g.min_score <= c.total_score
                     ORDER BY g.min_score DESC LIMIT 1)
             WHERE c.id = ANY(%s)
                """,
                cards_sudo.ids,
            )
        )
        cards_sudo.invalidate_recordset(["final_grade_id"])

    def _check_results_final(self, what):
        """Refuse ``what`` (a decision that follows from the year's flags)
        while the year's result of a card of ``self`` is only a projection,
        saying when it becomes possible (R-USE-3, R-USE-4)."""
        for card in self:
            if card.results_final:
                continue
            cycle = card.cycle_id
            if cycle.flags_final_on_publication:
                when = self.env._(
                    "once %(branch)s has published its four quarters of %(cycle)s, "
                    "or once the Party working committee has closed the cycle",
                    branch=card.branch_id.display_name,
                    cycle=cycle.name,
                )
            else:
                when = self.env._(
                    "once the Party working committee has closed the cycle, after "
                    "%(date)s",
                    date=cycle.date_to,
                )
            raise UserError(
                self.env._(
                    "You cannot %(what)s yet: %(score)s points is the running total "
                    "of %(cycle)s, only a projection of the year's result. It "
                    "becomes possible %(when)s.",
                    what=what,
                    score=card.total_score,
                    cycle=cycle.name,
                    when=when,
                )
            )

    @api.model
    def _refresh_results_final(self, cycle, branches):
        """The cards ``branches`` score in ``cycle`` judge again whether the
        year's result is final: called when a branch publishes a quarter."""
        if not cycle.flags_final_on_publication or cycle.state != "open":
            return
        # sudo: every card the publishing branches score is judged again, not
        # only those the publishing user reads
        cards_sudo = self.sudo().search(
            [("cycle_id", "=", cycle.id), ("branch_id", "in", branches.ids)]
        )
        self.env.add_to_compute(self._fields["results_final"], cards_sudo)
        cards_sudo.modified(["results_final"])

    def _open_cycle_cards(self):
        closed = self.cycle_id.filtered(lambda cycle: cycle.state == "closed")
        if not closed:
            return self
        return self.filtered(lambda c: c.cycle_id not in closed)

    def _ranks_on(self, day):
        """{card id: rank} in the branch and cycle, exempt members on ``day``
        left out (R-MEM-4), in one window query."""
        cards = self.filtered("id")
        if not cards:
            return {}
        self.flush_model(["total_score", "branch_id", "cycle_id"])
        self.env["party.member.exemption"].flush_model()
        return dict(
            self.env.execute_query(
                SQL(
                    """
            SELECT id, rank FROM (
                SELECT c.id, RANK() OVER (
                           PARTITION BY c.cycle_id, c.branch_id
                           ORDER BY c.total_score DESC) AS rank
                  FROM party_score_card c
                 WHERE (c.cycle_id, c.branch_id) IN (
                           SELECT cycle_id, branch_id FROM party_score_card
                            WHERE id = ANY(%s))
                   AND NOT EXISTS (
                           SELECT 1 FROM party_member_exemption e
                            WHERE e.member_id = c.member_id
                              AND e.state = 'approved'
                              AND e.date_from <= %s AND e.date_to >= %s)
            ) ranked
            WHERE id = ANY(%s)
                    """,
                    cards.ids,
                    day,
                    day,
                    cards.ids,
                )
            )
        )

    def _score_until(self, quarter):
        """The score at the end of ``quarter`` (running total, R-SCORE-3)."""
        self.ensure_one()
        net = sum(self[f"q{q}_points"] for q in range(1, int(quarter) + 1))
        return max(0, self.base_score + net)

    @api.model
    def _get_or_create(self, member, cycle):
        return self._get_or_create_many({(member, cycle)})[member.id, cycle.id]

    @api.model
    def _get_or_create_many(self, pairs):
        """{(member id, cycle id): card} for the (member, cycle) ``pairs``,
        the missing cards created in one batch."""
        pairs = {(member.id, cycle.id) for member, cycle in pairs}
        if not pairs:
            return {}
        cards = self.search(
            [
                ("member_id", "in", list({member for member, _cycle in pairs})),
                ("cycle_id", "in", list({cycle for _member, cycle in pairs})),
            ]
        )
        found = {(card.member_id.id, card.cycle_id.id): card for card in cards}
        missing = sorted(pairs - found.keys())
        created = self.create(
            [{"member_id": member, "cycle_id": cycle} for member, cycle in missing]
        )
        found.update(zip(missing, created, strict=True))
        return found


class PartyBranch(models.Model):
    """The score cards of an organisation in the Branches Overview (issue 10,
    item 3; issue 18, item 3: each model adds what it counts)."""

    _inherit = "party.branch"

    dashboard_average_score = fields.Float(
        compute="_compute_dashboard_cards",
        digits=(16, 1),
        string="Average Score",
        help="Average total score of the members' cards of the current cycle.",
    )
    dashboard_card_count = fields.Integer(
        compute="_compute_dashboard_cards", string="Score Cards"
    )

    def _compute_dashboard_cards(self):
        groups = self._party_subtree_groups(
            "party.score.card",
            "branch_id",
            [("cycle_id.year", "=", party_today(self).year)],
            ("__count", "total_score:sum"),
        )
        for branch in self:
            cards = branch._party_rolled_up(groups)
            count = sum(values[0] for values in cards)
            total = sum(values[1] for values in cards)
            branch.dashboard_card_count = count
            branch.dashboard_average_score = total / count if count else 0.0
