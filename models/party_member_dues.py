# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .party_dues_rate import DUES_KINDS

# The monthly base is income: branch roles (recorder and up) and the member
# (on their own dues lines) see it, HR does not (issue 9).
DUES_GROUP = "party_points.group_party_recorder"


class PartyMember(models.Model):
    _inherit = "party.member"

    dues_kind = fields.Selection(
        DUES_KINDS,
        compute="_compute_dues_kind",
        store=True,
        readonly=False,
        precompute=True,
        help="Which bands of the dues standard apply: a retired member pays on "
        "the pension, students and the unemployed a fixed small amount.",
    )
    dues_base = fields.Float(
        string="Monthly Dues Base",
        digits=(16, 2),
        groups=DUES_GROUP,
        copy=False,
        help="The monthly income the dues are computed on (党费计算基数), copied "
        "to each new month of the dues register.",
    )
    dues_line_ids = fields.One2many(
        "party.dues.line", "member_id", string="Party Dues", groups=DUES_GROUP
    )
    dues_arrears = fields.Float(
        digits=(16, 2),
        compute="_compute_dues_arrears",
        groups=DUES_GROUP,
    )

    @api.depends("category")
    def _compute_dues_kind(self):
        for member in self:
            if member.category == "retired":
                member.dues_kind = "retired"
            elif member.dues_kind != "fixed":
                member.dues_kind = "in_service"

    def _compute_dues_arrears(self):
        totals = dict(
            self.env["party.dues.line"]._read_group(
                [("member_id", "in", self.ids)], ["member_id"], ["arrears:sum"]
            )
        )
        for member in self:
            member.dues_arrears = totals.get(member, 0.0)

    def action_view_dues_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_points.party_dues_line_action"
        )
        action["domain"] = [("member_id", "=", self.id)]
        action["context"] = {"search_default_filter_arrears": 0}
        return action
