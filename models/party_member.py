# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# R-MEM-1: the three kinds of people in scoring scope.
MEMBER_TYPES = [
    ("full", "Full Member"),
    ("probationary", "Probationary Member"),
    ("activist", "Activist"),
]

# R-MEM-2
MEMBER_CATEGORIES = [
    ("direct", "Directly Managed"),
    ("in_service", "In Service"),
    ("retired", "Retired"),
    ("mobile", "Mobile"),
]

# R-MEM-3, grouped into the three bands of R-ORG-4 by EDUCATION_BANDS.
EDUCATION_LEVELS = [
    ("junior", "Junior Middle School or Below"),
    ("senior", "Senior Middle School / Technical School"),
    ("college", "Junior College"),
    ("bachelor", "Bachelor"),
    ("postgraduate", "Postgraduate"),
]
EDUCATION_BANDS = {
    "junior": "below_college",
    "senior": "below_college",
    "college": "college",
    "bachelor": "above_college",
    "postgraduate": "above_college",
}

# GB 11643-1999: weights and check characters of the 18-character citizen ID.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
ID_PATTERN = re.compile(r"^\d{17}[\dX]$")

SENSITIVE_GROUP = "party_points.group_party_organisation"


def id_number_check_char(first17):
    """Return the check character of an 18-character PRC citizen ID number."""
    total = sum(
        int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True)
    )
    return ID_CHECK_CHARS[total % 11]


def id_number_birth_date(id_number):
    """Return the birth date an ID number encodes, or None if it has none."""
    try:
        return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


class PartyMember(models.Model):
    _name = "party.member"
    _description = "Party Member"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "branch_id, name, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    # R-ORG-3: every member belongs to exactly one organisation at a time.
    branch_id = fields.Many2one(
        "party.branch",
        string="Party Branch",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="branch_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        ondelete="restrict",
        index=True,
        copy=False,
        help="The contact through which the member follows the records and, "
        "with a user account, reads their own points.",
    )
    employee_id = fields.Many2one(
        "hr.employee",
        index="btree_not_null",
        ondelete="restrict",
        copy=False,
        tracking=True,
        domain="[('company_id', 'in', (company_id, False))]",
        help="Retired and some mobile members have no employee record (R-MEM-2).",
    )
    member_type = fields.Selection(
        MEMBER_TYPES, required=True, default="full", tracking=True
    )
    category = fields.Selection(
        MEMBER_CATEGORIES,
        string="Member Category",
        required=True,
        default="in_service",
        tracking=True,
    )
    gender = fields.Selection([("male", "Male"), ("female", "Female")], tracking=True)
    birthday = fields.Date(string="Date of Birth", tracking=True)
    education = fields.Selection(EDUCATION_LEVELS, tracking=True)
    education_band = fields.Selection(
        [
            ("below_college", "Below Junior College"),
            ("college", "Junior College"),
            ("above_college", "Above Junior College"),
        ],
        compute="_compute_education_band",
        store=True,
    )
    join_date = fields.Date(string="Date Joined the Party", tracking=True)
    party_post = fields.Char(tracking=True)
    # R-MEM-3: sensitive, read and written by organisation officers only; the
    # ORM never sends them to anyone else (views, RPC, export).
    id_number = fields.Char(
        string="ID Number", groups=SENSITIVE_GROUP, tracking=True, copy=False
    )
    phone = fields.Char(groups=SENSITIVE_GROUP, tracking=True, copy=False)
    note = fields.Html()

    _sql_constraints = [
        (
            "employee_uniq",
            "unique(employee_id)",
            "This employee is already registered as a Party member.",
        ),
        (
            "id_number_company_uniq",
            "unique(id_number, company_id)",
            "Another Party member already has this ID number.",
        ),
    ]

    @api.depends("education")
    def _compute_education_band(self):
        for member in self:
            member.education_band = EDUCATION_BANDS.get(member.education)

    @api.constrains("id_number")
    def _check_id_number(self):
        for member in self.sudo().filtered("id_number"):
            number = member.id_number
            if not ID_PATTERN.match(number) or id_number_birth_date(number) is None:
                raise ValidationError(
                    self.env._(
                        "The ID number %(number)s of %(name)s is not a valid "
                        "18-character citizen ID number: 17 digits followed by a "
                        "digit or X.",
                        number=number,
                        name=member.name,
                    )
                )
            if id_number_check_char(number[:17]) != number[17]:
                raise ValidationError(
                    self.env._(
                        "The ID number %(number)s of %(name)s has a wrong check "
                        "character: please check it against the ID card.",
                        number=number,
                        name=member.name,
                    )
                )
            if member.birthday and member.birthday != id_number_birth_date(number):
                raise ValidationError(
                    self.env._(
                        "The date of birth of %(name)s does not match the one in "
                        "the ID number %(number)s.",
                        number=number,
                        name=member.name,
                    )
                )

    @api.constrains("birthday", "join_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for member in self:
            if member.birthday and member.birthday > today:
                raise ValidationError(
                    self.env._(
                        "The date of birth of %(name)s is in the future.",
                        name=member.name,
                    )
                )
            if member.join_date and member.join_date > today:
                raise ValidationError(
                    self.env._(
                        "The date %(name)s joined the Party is in the future.",
                        name=member.name,
                    )
                )
            if (
                member.birthday
                and member.join_date
                and member.join_date < member.birthday
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot have joined the Party before being born.",
                        name=member.name,
                    )
                )

    @api.constrains("employee_id", "branch_id")
    def _check_employee_company(self):
        for member in self:
            employee = member.employee_id
            if employee and employee.company_id != member.company_id:
                raise ValidationError(
                    self.env._(
                        "Employee %(employee)s works for %(company)s, but branch "
                        "%(branch)s belongs to another company.",
                        employee=employee.name,
                        company=employee.company_id.name,
                        branch=member.branch_id.name,
                    )
                )

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        # Pre-fill what HR already knows (issue: creating from an employee).
        employee = self.employee_id
        if not employee:
            return
        self.name = self.name or employee.name
        if not self.gender and employee.gender in ("male", "female"):
            self.gender = employee.gender
        self.birthday = self.birthday or employee.birthday

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_branch_given(vals, self.env.context.get("default_branch_id"))
            self._check_employee_free(vals.get("employee_id"))
            if not vals.get("partner_id"):
                vals["partner_id"] = self._prepare_partner(vals).id
        return super().create(vals_list)

    def write(self, vals):
        if "branch_id" in vals:
            self._check_branch_given(vals)
        if vals.get("employee_id"):
            if len(self) > 1:
                raise ValidationError(
                    self.env._("An employee can be linked to one Party member only.")
                )
            self._check_employee_free(vals["employee_id"])
        res = super().write(vals)
        if "branch_id" in vals:
            # Rules are checked on the records before a write; check again so
            # that nobody moves a member into an organisation they do not serve.
            self.check_access("write")
        if "name" in vals:
            # Keep the member's own contact (not a user's) named as the member.
            self.partner_id.filtered(lambda p: not p.user_ids).write(
                {"name": vals["name"]}
            )
        return res

    def action_view_employee(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.employee",
            "res_id": self.employee_id.id,
            "view_mode": "form",
        }

    def _check_branch_given(self, vals, default=False):
        # R-ORG-3: a member always belongs to one branch; say so before the
        # database refuses the row with a technical message.
        if not vals.get("branch_id") and not default:
            raise ValidationError(
                self.env._(
                    "%(name)s has no Party branch: every member must belong to "
                    "exactly one branch. Choose the branch.",
                    name=vals.get("name") or self.env._("The member"),
                )
            )

    def _check_employee_free(self, employee_id):
        # Said before the database's unique constraint refuses it, and with
        # the name of the member who already holds the employee.
        if not employee_id:
            return
        holder = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [("employee_id", "=", employee_id), ("id", "not in", self.ids)], limit=1
            )
        )
        if holder:
            raise ValidationError(
                self.env._(
                    "Employee %(employee)s is already registered as Party member "
                    "%(member)s. An employee can be only one Party member.",
                    employee=holder.employee_id.name,
                    member=holder.name,
                )
            )

    def _prepare_partner(self, vals):
        employee = self.env["hr.employee"].browse(vals.get("employee_id"))
        if employee.user_id:
            return employee.user_id.partner_id
        branch = self.env["party.branch"].browse(vals.get("branch_id"))
        return (
            self.env["res.partner"]
            .sudo()
            .create(
                {
                    "name": vals.get("name") or employee.name,
                    "company_id": branch.company_id.id or False,
                    "type": "contact",
                }
            )
        )
