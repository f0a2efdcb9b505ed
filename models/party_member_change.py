# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

CHANGED_FIELDS = [
    ("member_type", "Member Type"),
    ("status", "Status"),
    ("party_post", "Party Post"),
]


class PartyMemberChange(models.Model):
    """A dated change of a member's type, status or Party post (R-MEM-5,
    R-ORG-3, R-USE-2).

    转正 (probationary → full), 整改帮教, 不合格, 劝退, 除名, 转出, 去世: each is a
    row with its date and reason; the member's current value is the last one.
    Written by the ORM only, through ``party.member``; never edited.
    """

    _name = "party.member.change"
    _description = "Party Member Type or Status Change"
    _order = "date desc, id desc"
    _inherit = ["party.history.mixin"]
    _rec_name = "member_id"

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="member_id.company_id", store=True)
    date = fields.Date(required=True, index=True, readonly=True)
    field = fields.Selection(
        CHANGED_FIELDS, string="Changed", required=True, readonly=True
    )
    old_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    old_label = fields.Char(string="Before", compute="_compute_labels")
    new_label = fields.Char(string="After", compute="_compute_labels")
    reason = fields.Text(required=True, readonly=True)

    @api.depends("field", "old_value", "new_value")
    def _compute_labels(self):
        member_fields = self.env["party.member"]._fields
        for change in self:
            field = member_fields.get(change.field)
            labels = dict(
                field._description_selection(self.env)
                if field and field.type == "selection"
                else []
            )
            change.old_label = labels.get(change.old_value, change.old_value or "")
            change.new_label = labels.get(change.new_value, change.new_value or "")
