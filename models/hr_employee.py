# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .party_workflow_mixin import party_today

PARTY_READERS = "party_points.group_party_member,party_points.group_party_hr"
# R-USE-5: the scores HR reads next to the employee (the committee too).
SCORE_READERS = "party_points.group_party_hr,party_points.group_party_working_committee"


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
    # R-USE-5: the current and past annual Party scores, read-only.
    party_assessment_ids = fields.One2many(
        "party.hr.assessment",
        "employee_id",
        string="Party Points by Year",
        groups=SCORE_READERS,
    )
    party_score = fields.Integer(
        string="Party Points This Year",
        compute="_compute_party_score",
        groups=SCORE_READERS,
    )
    party_grade_id = fields.Many2one(
        "party.score.grade",
        string="Party Grade This Year",
        compute="_compute_party_score",
        groups=SCORE_READERS,
    )

    @api.depends("party_member_ids")
    def _compute_party_member_id(self):
        for employee in self:
            employee.party_member_id = employee.party_member_ids[:1]

    def _compute_party_score(self):
        year = party_today(self).year
        current = {
            assessment.employee_id: assessment
            for assessment in self.env["party.hr.assessment"].search(
                [("employee_id", "in", self.ids), ("year", "=", str(year))]
            )
        }
        for employee in self:
            assessment = current.get(employee)
            employee.party_score = assessment.total_score if assessment else 0
            employee.party_grade_id = assessment.grade_id if assessment else False

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

    def action_open_party_lines(self):
        """The smart button 党员积分 (issue 17 i): the employee's Party
        assessment of every year, whose total is the figure on the button
        (the base score and the approved points of the year), for HR to
        read; the lines are behind each year's card."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_points.party_hr_assessment_action"
        )
        action.update(
            name=self.env._("Party Points of %(name)s", name=self.name),
            domain=[("employee_id", "=", self.id)],
            context={"create": False, "edit": False, "delete": False},
        )
        return action
