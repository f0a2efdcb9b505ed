# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .reference_guard import check_not_referenced

# R-SCORE-1: the five indicators of the "five leads" standard.
SCORE_CATEGORIES = [
    ("political", "Political Quality"),
    ("service", "Serving Employees"),
    ("discipline", "Law and Discipline"),
    ("righteousness", "Upholding Righteousness"),
    ("feedback", "Mass Feedback"),
]

# R-SCORE-2: the four mechanisms.
SCORE_MECHANISMS = [
    ("daily", "Daily Work Points"),
    ("innovation", "Innovative Work Bonus"),
    ("mistake", "Deduction for Mistakes"),
    ("veto", "One-vote Veto on Key Work"),
]

# Which organisations a catalogue is written for (附件1 is the enterprise one).
CATALOGUES = [
    ("enterprise", "Enterprise"),
    ("village", "Village/Residence"),
]


class PartyScoreStandard(models.Model):
    """One item of the points standard (量化管理标准, 附件1 of seed 002).

    Data, not code: the enterprise catalogue ships as data and the committee
    edits it; another catalogue (village/residence) is more records.
    """

    _name = "party.score.standard"
    _description = "Points Standard Item"
    _inherit = [
        "party.input.mixin",
        "party.fixed.keys.mixin",
        "mail.thread",
        "party.import.lookup.mixin",
    ]
    _order = "catalogue, sequence, code, id"
    # the lines of a company score with its own items
    _party_fixed_fields = ("company_id",)
    # an import or a many2one finds an item by its code (K01-1) as by its name
    _rec_names_search = ["code", "name"]

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, tracking=True)
    name = fields.Char(string="Item", required=True, tracking=True)
    catalogue = fields.Selection(
        CATALOGUES, required=True, default="enterprise", tracking=True
    )
    category = fields.Selection(
        SCORE_CATEGORIES, string="Indicator", required=True, tracking=True
    )
    mechanism = fields.Selection(SCORE_MECHANISMS, required=True, tracking=True)
    sign = fields.Selection(
        [("addition", "Addition"), ("deduction", "Deduction")],
        required=True,
        tracking=True,
    )
    points_min = fields.Integer(
        string="Minimum Points",
        required=True,
        tracking=True,
        help="Size of the addition or deduction, without sign.",
    )
    points_max = fields.Integer(
        string="Maximum Points",
        required=True,
        tracking=True,
        help="Equal to the minimum for a fixed value.",
    )
    points_label = fields.Char(string="Points", compute="_compute_points_label")
    evidence_required = fields.Boolean(
        tracking=True,
        help="A line of this item needs written evidence "
        "(书面记录依据), whoever declares or registers it: the member, the branch "
        "or the committee directly.",
    )
    committee_direct = fields.Boolean(
        string="Committee May Apply Directly",
        tracking=True,
        help="Where an investigation has made the evidence conclusive, the "
        "Party working committee deducts the points and announces them itself.",
    )
    is_veto = fields.Boolean(
        string="One-vote Veto",
        tracking=True,
        help="The member cannot be selected as outstanding member "
        "in the cycle and is put on the watch list, whatever the score.",
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    note = fields.Text(string="Explanation")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, catalogue, company_id)",
            "The code of a standard item must be unique in its catalogue.",
        ),
    ]

    @api.depends("sign", "points_min", "points_max")
    def _compute_points_label(self):
        for standard in self:
            sign = "-" if standard.sign == "deduction" else "+"
            if standard.points_min == standard.points_max:
                standard.points_label = f"{sign}{standard.points_min}"
            else:
                standard.points_label = (
                    f"{sign}{standard.points_min}~{sign}{standard.points_max}"
                )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for standard in self:
            standard.display_name = f"{standard.code} {standard.name}"

    @api.constrains("points_min", "points_max", "is_veto")
    def _check_points(self):
        for standard in self:
            if standard.points_min < 0 or standard.points_max < standard.points_min:
                raise ValidationError(
                    self.env._(
                        "Standard %(code)s: give the size of the points without "
                        "sign, the minimum not above the maximum.",
                        code=standard.code,
                    )
                )
            if not standard.points_max and not standard.is_veto:
                raise ValidationError(
                    self.env._(
                        "Standard %(code)s is worth no points: only a one-vote "
                        "veto item may have none.",
                        code=standard.code,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        # lines keep the item they were scored with: archive it instead
        check_not_referenced(self)

    def _signed_points(self, points):
        """The points of a line of this item as the ledger keeps them: the
        sign is the item's (a recorder types 5 for a deduction of 5), a
        fixed value fills itself when none is given. A size the item does
        not allow is left as typed, for ``_check_points_allowed`` to refuse."""
        self.ensure_one()
        if points is None or points is False:
            if self.points_min != self.points_max:
                return points
            points = self.points_min
        size = abs(int(points))
        return -size if self.sign == "deduction" else size

    def _check_points_allowed(self, points):
        """Raise unless ``points`` (signed) fits this item's sign and range."""
        self.ensure_one()
        expected_sign = 1 if self.sign == "addition" else -1
        size = abs(points)
        if (points and (points > 0) != (expected_sign > 0)) or not (
            self.points_min <= size <= self.points_max
        ):
            raise ValidationError(
                self.env._(
                    "%(points)s points do not fit standard %(standard)s, worth "
                    "%(allowed)s.",
                    points=points,
                    standard=self.display_name,
                    allowed=self.points_label,
                )
            )

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "every company keeps its own copy: change the one of the other "
            "company there."
        )
