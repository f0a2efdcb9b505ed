# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .party_member import PARTY_MEMBER_TYPES
from .party_workflow_mixin import check_reason, party_today

NOMINATION_STATES = [
    ("proposed", "Proposed by the Branch"),
    ("reviewed", "Reviewed by the General Branch"),
    ("confirmed", "Confirmed by the Committee"),
    ("refused", "Refused"),
]


class PartyOutstandingNomination(models.Model):
    """优秀党员: an outstanding-member nomination of one member for one cycle
    (R-USE-1).

    The branch secretary proposes a candidate (党支部初定), the general
    branch reviews (党总支初审), the Party working committee confirms
    (党工委认定) within the cycle's outstanding share, or whoever may act at
    the step refuses with a reason. A candidate is a Party member (full or
    probationary, never an activist) with a card total at or above
    the cycle's outstanding threshold, no one-vote veto (R-SCORE-10) and no
    exemption (R-MEM-4), once the year is over for the branch: its four
    quarters published, or the cycle closed.
    """

    _name = "party.outstanding.nomination"
    _description = "Outstanding Member Nomination"
    _inherit = ["party.workflow.mixin", "mail.thread"]
    _order = "cycle_id desc, score desc, id"
    _rec_name = "member_id"
    _workflow_fields = (
        "state",
        "card_id",
        "branch_id",
        "score",
        "proposed_by_id",
        "proposed_date",
        "reviewed_by_id",
        "reviewed_date",
        "confirmed_by_id",
        "confirmed_date",
        "refused_by_id",
        "refused_date",
        "refusal_reason",
    )
    _party_fixed_fields = ("member_id", "cycle_id")

    cycle_id = fields.Many2one(
        "party.score.cycle",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self._default_cycle(),
    )
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", tracking=True
    )
    card_id = fields.Many2one(
        "party.score.card",
        string="Points Card",
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    branch_id = fields.Many2one(
        "party.branch",
        string="Scoring Branch",
        readonly=True,
        index=True,
        help="The branch that scored the member in the cycle.",
    )
    company_id = fields.Many2one(related="member_id.company_id", store=True)
    score = fields.Integer(
        string="Score at Proposal",
        readonly=True,
        help="The member's annual total when the branch proposed them.",
    )
    deeds = fields.Text(
        string="Main Deeds",
        help="The branch's account of the member's exemplary deeds (主要事迹).",
    )
    state = fields.Selection(
        NOMINATION_STATES,
        default="proposed",
        required=True,
        readonly=True,
        tracking=True,
    )
    proposed_by_id = fields.Many2one("res.users", readonly=True)
    proposed_date = fields.Datetime(readonly=True)
    reviewed_by_id = fields.Many2one("res.users", readonly=True)
    reviewed_date = fields.Datetime(readonly=True)
    confirmed_by_id = fields.Many2one("res.users", readonly=True)
    confirmed_date = fields.Datetime(readonly=True)
    refused_by_id = fields.Many2one("res.users", readonly=True)
    refused_date = fields.Datetime(readonly=True)
    refusal_reason = fields.Text(readonly=True, tracking=True)

    _sql_constraints = [
        (
            "member_cycle_uniq",
            "unique(member_id, cycle_id)",
            "This member is already nominated in this cycle.",
        ),
    ]

    @api.depends("member_id", "cycle_id")
    def _compute_display_name(self):
        for nomination in self:
            nomination.display_name = self.env._(
                "%(member)s (outstanding member %(year)s)",
                member=nomination.member_id.name or "",
                year=nomination.cycle_id.year or "",
            )

    @api.model
    def _default_cycle(self):
        # the cycle that has just ended: the one of last year, else this year's
        year = party_today(self).year
        return self.env["party.score.cycle"].search(
            [
                ("company_id", "=", self.env.company.id),
                ("year", "in", (year - 1, year)),
            ],
            order="year",
            limit=1,
        )

    @api.model
    def _prepare_create_vals(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        self._check_role("party_points.group_party_secretary")
        for vals in vals_list:
            # every check before the insert: bad input writes nothing
            card = self._candidate_card(vals.get("member_id"), vals.get("cycle_id"))
            # four eyes: nobody proposes themself
            self._new_for_card(card)._check_four_eyes(
                self.env._("propose"), "party_points.group_party_secretary", "branch_id"
            )
            vals.update(
                {
                    "card_id": card.id,
                    "branch_id": card.branch_id.id,
                    "score": card.total_score,
                    "proposed_by_id": self.env.user.id,
                    "proposed_date": fields.Datetime.now(),
                }
            )
        return super()._prepare_create_vals(vals_list)

    def write(self, vals):
        if set(vals) - {"message_main_attachment_id"} and self.filtered(
            lambda n: n.state != "proposed"
        ):
            raise UserError(
                self.env._(
                    "The nomination of %(member)s is past the branch's proposal: "
                    "it can no longer be changed.",
                    member=self.filtered(lambda n: n.state != "proposed")[
                        0
                    ].member_id.name,
                )
            )
        return super().write(vals)

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "withdraw the proposal (or refuse it) and propose the right member."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_proposed(self):
        if self.filtered(lambda n: n.state != "proposed"):
            raise UserError(
                self.env._(
                    "Only a proposal not yet reviewed can be withdrawn; a decided "
                    "nomination is kept."
                )
            )

    # ------------------------------------------------------------------
    # Actions (R-USE-1)
    # ------------------------------------------------------------------

    def action_review(self):
        """党总支初审: the general branch reviews the branch's proposal."""
        self._check_role("party_points.group_party_general_branch")
        self._check_state("proposed")
        self._check_four_eyes(
            self.env._("review"), "party_points.group_party_general_branch", "branch_id"
        )
        self._set_state("reviewed", "reviewed")
        return True

    def action_confirm(self):
        """党工委认定: the committee confirms, within the cycle's share."""
        self._check_role("party_points.group_party_working_committee")
        self._check_state("reviewed")
        self._check_four_eyes(
            self.env._("confirm"),
            "party_points.group_party_working_committee",
            "branch_id",
        )
        self._check_share()
        self._set_state("confirmed", "confirmed")
        for nomination in self:
            # sudo: the share counts every card and confirmed nomination of
            # the cycle, not only those the committee member's rules show
            cycle_sudo = nomination.cycle_id.sudo()
            cycle_sudo.invalidate_recordset(["outstanding_count"])
            # the arithmetic of the share, on the record (a note, no mail)
            nomination._message_log(
                body=self.env._(
                    "Confirmed as outstanding member of %(cycle)s: %(count)s of at "
                    "most %(allowed)s (%(arithmetic)s).",
                    cycle=cycle_sudo.name,
                    count=cycle_sudo.outstanding_count,
                    allowed=cycle_sudo.outstanding_quota,
                    arithmetic=cycle_sudo._share_arithmetic(),
                )
            )
        return True

    def action_refuse(self, reason):
        """Refused by whoever may act at the current step, with a reason."""
        reason = check_reason(
            self.env, reason, self.env._("Give the reason of the refusal.")
        )
        for nomination in self:
            if nomination.state == "proposed":
                nomination._check_role("party_points.group_party_general_branch")
            elif nomination.state == "reviewed":
                nomination._check_role("party_points.group_party_working_committee")
            else:
                raise UserError(
                    self.env._("Only a proposed or reviewed nomination can be refused.")
                )
            nomination._check_four_eyes(
                self.env._("refuse"),
                "party_points.group_party_working_committee"
                if nomination.state == "reviewed"
                else "party_points.group_party_general_branch",
                "branch_id",
            )
        self._write_workflow(
            {
                "state": "refused",
                "refusal_reason": reason,
                "refused_by_id": self.env.user.id,
                "refused_date": fields.Datetime.now(),
            }
        )
        return True

    def action_open_refuse_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refuse the Nomination"),
            "res_model": "party.outstanding.refuse.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_nomination_ids": self.ids},
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @api.model
    def _candidate_card(self, member_id, cycle_id):
        """The card of a member who may be proposed in the cycle, or a clear
        error saying why not."""
        member = self.env["party.member"].browse(member_id)
        cycle = self.env["party.score.cycle"].browse(cycle_id)
        if not member or not cycle:
            raise UserError(self.env._("Choose the member and the cycle."))
        card_sudo = (
            # sudo: the candidate's card is judged (score, veto, scoring
            # branch) before the proposer is known to serve its branch
            self.env["party.score.card"]
            .sudo()
            .search([("member_id", "=", member.id), ("cycle_id", "=", cycle.id)])
        )
        # sudo: the refusals name the member, who may be out of reach
        name = member.sudo().name
        if not card_sudo:
            raise UserError(
                self.env._(
                    "%(member)s has no points card in %(cycle)s: not a candidate.",
                    member=name,
                    cycle=cycle.name,
                )
            )
        if not self._serves(card_sudo.branch_id):
            raise AccessError(
                self.env._(
                    "%(member)s is scored by %(branch)s, which you do not serve: "
                    "only that branch proposes its members.",
                    member=name,
                    branch=card_sudo.branch_id.display_name,
                )
            )
        if card_sudo.member_type not in PARTY_MEMBER_TYPES:
            raise UserError(
                self.env._(
                    "%(member)s is an activist, not a Party member: only full and "
                    "probationary members can be outstanding Party members.",
                    member=name,
                )
            )
        if card_sudo.is_exempt:
            raise UserError(
                self.env._(
                    "%(member)s is exempt from points management: not a " "candidate.",
                    member=name,
                )
            )
        if card_sudo.has_veto:
            raise UserError(
                self.env._(
                    "%(member)s has a one-vote veto in %(cycle)s: not "
                    "eligible as outstanding member, whatever the score.",
                    member=name,
                    cycle=cycle.name,
                )
            )
        if card_sudo.total_score < cycle.outstanding_threshold:
            raise UserError(
                self.env._(
                    "%(member)s has %(score)s points in %(cycle)s, under the "
                    "%(threshold)s an outstanding member candidate needs.",
                    member=name,
                    score=card_sudo.total_score,
                    cycle=cycle.name,
                    threshold=cycle.outstanding_threshold,
                )
            )
        if cycle.state == "open" and not cycle._published_branches(card_sudo.branch_id):
            raise UserError(
                self.env._(
                    "The year is not over for %(branch)s: candidates are proposed "
                    "once its four quarters of %(cycle)s are published, or the "
                    "cycle is closed.",
                    branch=card_sudo.branch_id.display_name,
                    cycle=cycle.name,
                )
            )
        # sudo: a nomination of the member anywhere forbids a second one
        duplicate_sudo = self.sudo().search(
            [("member_id", "=", member.id), ("cycle_id", "=", cycle.id)], limit=1
        )
        if duplicate_sudo:
            raise UserError(
                self.env._(
                    "%(member)s is already nominated in %(cycle)s (%(state)s).",
                    member=name,
                    cycle=cycle.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        duplicate_sudo.state
                    ],
                )
            )
        return card_sudo

    @api.model
    def _new_for_card(self, card):
        """The nomination ``card`` would have, not saved: what the checks of
        a proposal look at before the insert."""
        return self.new(
            {
                "member_id": card.member_id.id,
                "cycle_id": card.cycle_id.id,
                "branch_id": card.branch_id.id,
            }
        )

    def _check_share(self):
        """R-USE-1: at most the cycle's outstanding share of the Party members
        scored in it (activists and exempt members left out), rounded as the
        cycle says; the refusal shows the arithmetic."""
        for cycle in self.cycle_id:
            asked = self.filtered(lambda n, cycle=cycle: n.cycle_id == cycle)
            # sudo: the share counts every card and confirmed nomination of
            # the cycle, not only those the user's rules show
            cycle_sudo = cycle.sudo()
            # counted now, not from a value computed earlier in the transaction
            cycle_sudo.invalidate_recordset(
                ["scope_count", "outstanding_quota", "outstanding_count"]
            )
            if cycle_sudo.outstanding_count + len(asked) > cycle_sudo.outstanding_quota:
                raise UserError(
                    self.env._(
                        "At most %(allowed)s of %(total)s Party members scored can "
                        "be confirmed as outstanding members in %(cycle)s "
                        "(%(arithmetic)s). %(confirmed)s are confirmed already, "
                        "%(asked)s more would exceed the share.",
                        allowed=cycle_sudo.outstanding_quota,
                        total=cycle_sudo.scope_count,
                        arithmetic=cycle_sudo._share_arithmetic(),
                        cycle=cycle_sudo.name,
                        confirmed=cycle_sudo.outstanding_count,
                        asked=len(asked),
                    )
                )

    @api.model
    def _serves(self, branch):
        """Whether the user may propose the members ``branch`` scores: the
        committee everywhere, branch roles in the organisations they serve."""
        return self.env.user._party_serves(branch)
