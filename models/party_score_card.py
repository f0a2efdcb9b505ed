# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from .party_score_line import COUNTED_STATES


class PartyScoreCard(models.Model):
    """A member's score in one cycle (member × year).

    R-SCORE-3: base score plus approved additions and deductions, no upper
    limit, never below 0. The totals are stored computed fields aggregated
    with ``_read_group`` over the lines, recomputed by the ORM when a line of
    the card changes, never summed line by line in Python.
    """

    _name = "party.score.card"
    _description = "Points Card"
    _order = "cycle_id desc, total_score desc, id"
    _rec_name = "member_id"

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
    company_id = fields.Many2one(related="member_id.company_id", store=True)
    branch_id = fields.Many2one(
        "party.branch",
        string="Scoring Branch",
        compute="_compute_branch_id",
        store=True,
        index=True,
        help="The branch that scores and ranks the member now (R-SCORE-9).",
    )
    member_type = fields.Selection(related="member_id.member_type", store=True)
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
        help="R-SCORE-10: not eligible as outstanding member this cycle; on the "
        "watch list.",
    )
    rank_in_branch = fields.Integer(
        string="Rank in Branch",
        compute="_compute_rank_in_branch",
        help="Among the members of the same branch in the cycle, highest score "
        "first; exempt members are not ranked (R-MEM-4).",
    )

    _sql_constraints = [
        (
            "member_cycle_uniq",
            "unique(member_id, cycle_id)",
            "A member has one points card per cycle.",
        ),
    ]

    @api.depends(
        "member_id.branch_id",
        "member_id.branch_id.parent_id",
        "member_id.branch_id.kind",
        "member_id.home_branch_id",
    )
    def _compute_branch_id(self):
        for card in self:
            member = card.member_id
            card.branch_id = (
                member._scoring_unit_of(member.branch_id) if member else False
            )

    @api.depends(
        "base_score",
        "line_ids.points",
        "line_ids.state",
        "line_ids.date",
        "line_ids.correction_ids",
    )
    def _compute_totals(self):
        per_card = defaultdict(lambda: defaultdict(int))
        vetoes = set()
        cards = self.filtered("id")
        if cards:
            Line = self.env["party.score.line"].sudo()
            counted = [("card_id", "in", cards.ids), ("state", "in", COUNTED_STATES)]
            for card, quarter, sign, points in Line._read_group(
                counted, ["card_id", "quarter", "sign"], ["points:sum"]
            ):
                figures = per_card[card.id]
                figures[f"q{quarter}"] += points
                figures[sign] += points
            # R-SCORE-10: a veto stands unless it was corrected
            vetoes = {
                card.id
                for (card,) in Line._read_group(
                    [
                        *counted,
                        ("is_veto", "=", True),
                        ("correction_of_id", "=", False),
                        ("correction_ids", "=", False),
                    ],
                    ["card_id"],
                )
            }
        for card in self:
            figures = per_card[card.id]
            card.addition_points = figures["addition"]
            card.deduction_points = figures["deduction"]
            for quarter in "1234":
                card[f"q{quarter}_points"] = figures[f"q{quarter}"]
            # R-SCORE-3: no upper limit, never below 0.
            card.total_score = max(
                0, card.base_score + figures["addition"] + figures["deduction"]
            )
            card.has_veto = card.id in vetoes

    def _compute_rank_in_branch(self):
        ranks = {}
        cards = self.filtered("id")
        if cards:
            self.flush_model(["total_score", "branch_id", "cycle_id"])
            self.env["party.member.exemption"].flush_model()
            today = fields.Date.context_today(self)
            ranks = dict(
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
                        today,
                        today,
                        cards.ids,
                    )
                )
            )
        for card in self:
            card.rank_in_branch = ranks.get(card.id, 0)

    def _score_until(self, quarter):
        """The score at the end of ``quarter`` (running total, R-SCORE-3)."""
        self.ensure_one()
        net = sum(self[f"q{q}_points"] for q in range(1, int(quarter) + 1))
        return max(0, self.base_score + net)

    @api.model
    def _get_or_create(self, member, cycle):
        card = self.search(
            [("member_id", "=", member.id), ("cycle_id", "=", cycle.id)], limit=1
        )
        return card or self.create({"member_id": member.id, "cycle_id": cycle.id})
