# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

PARTY_READERS = "party_points.group_party_member,party_points.group_party_hr"


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # One2many because the link is stored on the member; the unique
    # constraint there makes it at most one (issue 4: one member per employee).
    party_member_ids = fields.One2many(
        "party.member", "employee_id", string="Party Members", groups=PARTY_READERS
    )
    party_member_id = fields.Many2one(
        "party.member",
        compute="_compute_party_member_id",
        groups=PARTY_READERS,
    )

    @api.depends("party_member_ids")
    def _compute_party_member_id(self):
        for employee in self:
            employee.party_member_id = employee.party_member_ids[:1]

    def action_open_party_member(self):
        self.ensure_one()
        action = {
            "type": "ir.actions.act_window",
            "res_model": "party.member",
            "view_mode": "form",
            "name": self.env._("Party Member"),
        }
        if self.party_member_id:
            action["res_id"] = self.party_member_id.id
        else:
            action["context"] = {
                "default_employee_id": self.id,
                "default_name": self.name,
                "default_gender": self.gender
                if self.gender in ("male", "female")
                else False,
                "default_birthday": self.birthday,
            }
        return action
