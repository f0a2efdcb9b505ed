# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PartyMemberTransfer(models.Model):
    """One move of a member's organisational relationship (组织关系转接).

    R-ORG-3: moves are recorded with their date, never by overwriting; a
    member's branch on any past date is answered from these rows
    (``party.member._branch_at``). Rows are written by the ORM only, through
    ``party.member``; nobody edits or deletes them.
    """

    _name = "party.member.transfer"
    _description = "Party Member Transfer"
    _order = "date desc, id desc"
    _inherit = ["party.history.mixin"]
    _rec_name = "member_id"

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="member_id.company_id", store=True)
    date = fields.Date(required=True, index=True, readonly=True)
    from_branch_id = fields.Many2one(
        "party.branch",
        string="From Organisation",
        index=True,
        ondelete="restrict",
        readonly=True,
        help="Empty: the relationship came from outside the enterprise.",
    )
    to_branch_id = fields.Many2one(
        "party.branch",
        string="To Organisation",
        index=True,
        ondelete="restrict",
        readonly=True,
        help="Empty: the relationship left the enterprise.",
    )
    external_organisation = fields.Char(
        readonly=True,
        help="The organisation outside the enterprise the relationship came "
        "from or went to.",
    )
    reason = fields.Text(required=True, readonly=True)
