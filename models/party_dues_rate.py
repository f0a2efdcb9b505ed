# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Seed 000 (党员交纳党费制度): "党员交纳党费的标准，按照中央组织部有关规定执行".
# The Central Organisation Department's rule knows three kinds of members:
# those with a salary (在职, a percentage of the monthly base by band), those
# with a pension (离退休, a percentage by band), and students, farmers, the
# unemployed and those on minimum living allowance (a small fixed amount).
DUES_KINDS = [
    ("in_service", "Salaried (In Service)"),
    ("retired", "Retired (Pension)"),
    ("fixed", "Students, Unemployed and Others (Fixed Amount)"),
]


class PartyDuesRate(models.Model):
    """A band of the Party dues standard (党费收缴标准) of one company.

    A monthly base above ``base_from`` and up to ``base_to`` (no upper limit
    when ``base_to`` is 0) pays ``rate`` percent of it; bands of the kind
    *fixed* pay ``fixed_amount`` whatever the base. Shipped as editable data
    (the CPC standard) and copied to every company like the points standard
    (``res.company._party_ensure_catalogue``). A dues line keeps the band and
    the amount it was computed with: editing a band never rewrites a month
    already registered.
    """

    _name = "party.dues.rate"
    _description = "Party Dues Rate Band"
    _inherit = ["party.input.mixin", "party.fixed.keys.mixin", "mail.thread"]
    _order = "company_id, kind, base_from, id"
    # the dues lines of a company rest on its own bands
    _party_fixed_fields = ("company_id",)

    name = fields.Char(string="Band", required=True, translate=True, tracking=True)
    kind = fields.Selection(
        DUES_KINDS,
        string="Dues Kind",
        required=True,
        default="in_service",
        tracking=True,
    )
    base_from = fields.Float(
        string="Monthly Base Above",
        digits=(16, 2),
        tracking=True,
        help="The band applies to a monthly base above this amount (a band "
        "starting at 0 includes 0).",
    )
    base_to = fields.Float(
        string="Monthly Base Up To",
        digits=(16, 2),
        tracking=True,
        help="The band applies up to and including this amount; 0: no upper limit.",
    )
    rate = fields.Float(string="Rate (%)", digits=(5, 2), tracking=True)
    fixed_amount = fields.Float(
        digits=(16, 2),
        tracking=True,
        help="Monthly amount of a band of the kind 'fixed amount'.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True, tracking=True)

    @api.constrains("base_from", "base_to", "rate", "fixed_amount", "kind")
    def _check_band(self):
        for band in self:
            if band.base_from < 0 or band.base_to < 0 or band.fixed_amount < 0:
                raise ValidationError(
                    self.env._("Amounts of a dues band cannot be negative.")
                )
            if not 0 <= band.rate <= 100:
                raise ValidationError(
                    self.env._("A dues rate is a percentage from 0 to 100.")
                )
            if band.base_to and band.base_to <= band.base_from:
                raise ValidationError(
                    self.env._(
                        "The band %(band)s must end above where it starts.",
                        band=band.name,
                    )
                )

    @api.constrains("base_from", "base_to", "kind", "company_id", "active")
    def _check_overlap(self):
        for band in self.filtered("active"):
            others = self.search(
                [
                    ("id", "!=", band.id),
                    ("company_id", "=", band.company_id.id),
                    ("kind", "=", band.kind),
                ]
            )
            for other in others:
                if band.kind == "fixed" or (
                    (not other.base_to or band.base_from < other.base_to)
                    and (not band.base_to or other.base_from < band.base_to)
                ):
                    raise ValidationError(
                        self.env._(
                            "The dues bands %(band)s and %(other)s overlap: a "
                            "monthly base must fall in one band only.",
                            band=band.name,
                            other=other.name,
                        )
                    )

    @api.model
    def _band_for(self, company, kind, base):
        """The active band of ``company`` for a member of ``kind`` with the
        monthly ``base``, or an empty recordset."""
        # sudo: the bands of the member's company, whichever companies the
        # caller has active; a band is returned, never written
        bands_sudo = self.sudo().search(
            [("company_id", "=", company.id), ("kind", "=", kind)]
        )
        for band_sudo in bands_sudo:
            if kind == "fixed":
                return band_sudo
            above = base > band_sudo.base_from or (
                band_sudo.base_from == 0 and base >= 0
            )
            if above and (not band_sudo.base_to or base <= band_sudo.base_to):
                return band_sudo
        return self.browse()

    def _amount_for(self, base):
        """The monthly dues of ``base`` in this band, rounded to the fen."""
        self.ensure_one()
        if self.kind == "fixed":
            return round(self.fixed_amount, 2)
        return round(base * self.rate / 100.0, 2)

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "every company keeps its own copy: change the one of the other "
            "company there."
        )
