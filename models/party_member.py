# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import date

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, create_index, email_normalize

from .party_workflow_mixin import (
    check_action_date,
    check_reason,
    party_month_label,
    party_today,
)
from .reference_guard import check_not_referenced

# R-MEM-1: the three kinds of people in scoring scope.
MEMBER_TYPES = [
    ("full", "Full Member"),
    ("probationary", "Probationary Member"),
    ("activist", "Activist"),
]
# R-USE-1, R-ORG-4: Party members (党员), full or probationary; an activist
# (入党积极分子) is not one.
PARTY_MEMBER_TYPES = ("full", "probationary")

# R-MEM-2
MEMBER_CATEGORIES = [
    ("direct", "Directly Managed"),
    ("in_service", "In Service"),
    ("retired", "Retired"),
    ("mobile", "Mobile"),
]

# R-MEM-5: status over time; the last four mean the member left the
# organisation of the enterprise, and the member is archived.
MEMBER_STATUSES = [
    ("normal", "Normal"),
    ("rectification", "In Rectification"),
    ("unqualified", "Unqualified Member"),
    ("persuaded", "Persuaded to Withdraw"),
    ("removed", "Removed"),
    ("transferred_out", "Transferred Out"),
    ("deceased", "Deceased"),
]
LEAVING_STATUSES = ("persuaded", "removed", "transferred_out", "deceased")

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
IMPORT_TEMPLATE = "/party_points/static/xls/party_member_import_template.xlsx"


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
    # the branch is no fixed key: members move through dated transfers
    # (_transfer_to, _log_direct_changes); the company follows the branch
    _inherit = [
        "party.input.mixin",
        "party.fixed.keys.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "image.mixin",
        "party.import.lookup.mixin",
    ]
    _order = "branch_id, name, id"

    name = fields.Char(required=True, index=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    # R-ORG-3: every member belongs to exactly one organisation at a time.
    branch_id = fields.Many2one(
        "party.branch",
        string="Assigned Branch",
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
        tracking=True,
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
        help="Retired and some mobile members have no employee record.",
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
    # R-MEM-5 and R-ORG-3: type, status and branch change through dated
    # history rows (party.member.change / party.member.transfer); a plain
    # write records one too, dated today.
    status = fields.Selection(
        MEMBER_STATUSES, required=True, default="normal", tracking=True, index=True
    )
    probation_start = fields.Date(
        tracking=True,
        help="Start of the probationary period.",
    )
    probation_end = fields.Date(
        tracking=True,
        help="Planned end of the probationary period.",
    )
    full_date = fields.Date(
        string="Date Became Full Member",
        tracking=True,
        help="Date of conversion to full membership (转正).",
    )
    home_branch_id = fields.Many2one(
        "party.branch",
        string="Receiving Village/Residence Branch",
        domain="[('branch_type', '=', 'village'), ('company_id', '=', company_id)]",
        tracking=True,
        help="A member of the mobile branch is scored by the "
        "village/residence branch they are to be transferred to.",
    )
    transfer_ids = fields.One2many(
        "party.member.transfer", "member_id", string="Transfers", readonly=True
    )
    change_ids = fields.One2many(
        "party.member.change",
        "member_id",
        string="Type and Status Changes",
        readonly=True,
    )
    exemption_ids = fields.One2many(
        "party.member.exemption", "member_id", string="Exemptions", readonly=True
    )
    exemption_count = fields.Integer(compute="_compute_exemption_count")
    score_card_ids = fields.One2many(
        "party.score.card", "member_id", string="Points Cards", readonly=True
    )
    current_score = fields.Integer(
        string="Points This Year",
        compute="_compute_current_score",
        help="The score of the cycle of the current year.",
    )
    is_outstanding_this_year = fields.Boolean(
        string="Outstanding Member (Current Honour)",
        compute="_compute_is_outstanding_this_year",
        search="_search_is_outstanding_this_year",
        help="Confirmed outstanding member for the current year or for "
        "the year just ended (a year's honour is confirmed after it ends and "
        "carried through the next).",
    )
    # R-SCORE-10: a one-vote veto puts the member on the laggard watch list
    laggard_watch = fields.Boolean(
        string="On the Laggard Watch List",
        compute="_compute_laggard_watch",
        search="_search_laggard_watch",
        help="A one-vote veto that stands (not corrected) in a points "
        "cycle still open puts the member on the laggard watch list; closing the "
        "year takes the member off it.",
    )
    is_exempt = fields.Boolean(
        string="Exempt from Scoring Today",
        compute="_compute_is_exempt",
        search="_search_is_exempt",
        help="An approved exemption covers today.",
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
    # 入党年月 / 出生年月 as rosters and forms write them (2010年7月)
    join_month_label = fields.Char(
        string="Month Joined the Party", compute="_compute_month_labels"
    )
    birth_month_label = fields.Char(
        string="Month of Birth", compute="_compute_month_labels"
    )
    party_post = fields.Char(tracking=True)
    # R-MEM-3: sensitive, read and written by organisation officers only; the
    # ORM never sends them to anyone else (views, RPC, export).
    id_number = fields.Char(
        string="ID Number", groups=SENSITIVE_GROUP, tracking=True, copy=False
    )
    phone = fields.Char(groups=SENSITIVE_GROUP, tracking=True, copy=False)
    note = fields.Html()
    laggard_case_ids = fields.One2many(
        "party.laggard.case", "member_id", string="Laggard Cases", readonly=True
    )
    laggard_case_count = fields.Integer(compute="_compute_laggard_case_count")

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

    def _compute_exemption_count(self):
        counts = dict(
            self.env["party.member.exemption"]._read_group(
                [("member_id", "in", self.ids)], ["member_id"], ["__count"]
            )
        )
        for member in self:
            member.exemption_count = counts.get(member, 0)

    def _compute_laggard_case_count(self):
        counts = dict(
            self.env["party.laggard.case"]._read_group(
                [("member_id", "in", self.ids)], ["member_id"], ["__count"]
            )
        )
        for member in self:
            member.laggard_case_count = counts.get(member, 0)

    @api.depends("join_date", "birthday")
    @api.depends_context("lang")
    def _compute_month_labels(self):
        for member in self:
            member.join_month_label = party_month_label(self.env, member.join_date)
            member.birth_month_label = party_month_label(self.env, member.birthday)

    @api.depends("score_card_ids.total_score")
    def _compute_current_score(self):
        year = party_today(self).year
        for member in self:
            card = member.score_card_ids.filtered(lambda c: c.cycle_id.year == year)[:1]
            member.current_score = card.total_score if card else 0

    @api.depends("score_card_ids.is_outstanding", "score_card_ids.year")
    def _compute_is_outstanding_this_year(self):
        years = self._honour_years()
        for member in self:
            member.is_outstanding_this_year = any(
                card.is_outstanding and card.year in years
                for card in member.score_card_ids
            )

    def _search_is_outstanding_this_year(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on outstanding members."))
        honoured = [
            (
                "score_card_ids",
                "any",
                [("is_outstanding", "=", True), ("year", "in", self._honour_years())],
            )
        ]
        positive = (operator == "=") == bool(value)
        return honoured if positive else ["!", *honoured]

    def _laggard_watch_domain(self):
        # the card's veto is recomputed while the cycle is open, and frozen
        # with it at the year close, which ends the watch
        return [
            (
                "score_card_ids",
                "any",
                [("has_veto", "=", True), ("cycle_id.state", "=", "open")],
            )
        ]

    @api.depends("score_card_ids.has_veto", "score_card_ids.cycle_id.state")
    def _compute_laggard_watch(self):
        watched = self.filtered_domain(self._laggard_watch_domain())
        for member in self:
            member.laggard_watch = member in watched

    def _search_laggard_watch(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on the laggard watch list."))
        positive = (operator == "=") == bool(value)
        domain = self._laggard_watch_domain()
        return domain if positive else ["!", *domain]

    def _honour_years(self):
        year = party_today(self).year
        return [year - 1, year]

    def _compute_is_exempt(self):
        exempt = self._exempt_on(party_today(self))
        for member in self:
            member.is_exempt = member in exempt

    def _search_is_exempt(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on exemption."))
        today = party_today(self)
        exempt_domain = [
            ("exemption_ids.state", "=", "approved"),
            ("exemption_ids.date_from", "<=", today),
            ("exemption_ids.date_to", ">=", today),
        ]
        ids = self.with_context(active_test=False)._search(exempt_domain)
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", ids)]

    @api.depends("education")
    def _compute_education_band(self):
        for member in self:
            member.education_band = EDUCATION_BANDS.get(member.education)

    @api.constrains("id_number")
    def _check_id_number(self):
        # sudo: the ID number is behind the organisation group; the check
        # holds whoever writes (an import, a secretary)
        for member_sudo in self.sudo().filtered("id_number"):
            number = member_sudo.id_number
            if not ID_PATTERN.match(number) or id_number_birth_date(number) is None:
                raise ValidationError(
                    self.env._(
                        "The ID number %(number)s of %(name)s is not a valid "
                        "18-character citizen ID number: 17 digits followed by a "
                        "digit or X.",
                        number=number,
                        name=member_sudo.name,
                    )
                )
            if id_number_check_char(number[:17]) != number[17]:
                raise ValidationError(
                    self.env._(
                        "The ID number %(number)s of %(name)s has a wrong check "
                        "character: please check it against the ID card.",
                        number=number,
                        name=member_sudo.name,
                    )
                )
            if member_sudo.birthday and member_sudo.birthday != id_number_birth_date(
                number
            ):
                raise ValidationError(
                    self.env._(
                        "The date of birth of %(name)s does not match the one in "
                        "the ID number %(number)s.",
                        number=number,
                        name=member_sudo.name,
                    )
                )

    @api.constrains("birthday", "join_date")
    def _check_dates(self):
        today = party_today(self)
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

    @api.constrains("probation_start", "probation_end")
    def _check_probation(self):
        for member in self:
            if (
                member.probation_start
                and member.probation_end
                and member.probation_end < member.probation_start
            ):
                raise ValidationError(
                    self.env._(
                        "The probation of %(name)s cannot end before it starts.",
                        name=member.name,
                    )
                )

    @api.model
    def _prepare_create_vals(self, vals_list):
        # New dicts: the caller's are never changed (an import retries them
        # one by one after a failed batch, with the batch's savepoint undone).
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            self._check_branch_given(vals, self.env.context.get("default_branch_id"))
            self._check_employee_free(vals.get("employee_id"))
            self._check_id_number_free(vals.get("id_number"), vals.get("name"))
            if not vals.get("partner_id"):
                vals["partner_id"] = self._prepare_partner(vals).id
        return super()._prepare_create_vals(vals_list)

    def write(self, vals):
        # the checks and the history below read the values
        self._check_input_vals(vals)
        if "partner_id" in vals:
            self._check_partner_kept(vals["partner_id"])
        if "branch_id" in vals:
            self._check_branch_given(vals)
        if vals.get("employee_id"):
            if len(self) > 1:
                raise ValidationError(
                    self.env._("An employee can be linked to one Party member only.")
                )
            self._check_employee_free(vals["employee_id"])
        if vals.get("id_number"):
            for member in self:
                member._check_id_number_free(vals["id_number"], member.name)
        # A plain write (form, import, RPC) still leaves its dated trace:
        # whatever the context, nothing changes the branch, type or status
        # without its history row (R-ORG-3, R-MEM-5).
        self._log_direct_changes(vals)
        res = super().write(vals)
        self._after_write(vals)
        return res

    def _write_recorded(self, vals):
        """Write once the history rows are recorded by the caller (private,
        so no RPC client reaches it)."""
        res = super().write(vals)
        self._after_write(vals)
        return res

    def _after_write(self, vals):
        if "branch_id" in vals:
            # Rules are checked on the records before a write; check again so
            # that nobody moves a member into an organisation they do not serve.
            self.check_access("write")
        if "name" in vals:
            # Keep the member's own contact (not a user's) named as the member.
            self.partner_id.filtered(lambda p: not p.user_ids).write(
                {"name": vals["name"]}
            )

    @api.private  # the registry's hook, never an RPC endpoint
    def init(self):
        # issue 20: the six-month watch's daily run finds the members written
        # since its last run (``_party_watch_changed``) on this index
        res = super().init()
        create_index(
            self.env.cr, "party_member_write_date_index", self._table, ["write_date"]
        )
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_ledger(self):
        # points lines, cards, attendance, snapshots … are kept for good
        check_not_referenced(self)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        # sudo: a history the user cannot read still forbids the deletion
        if self.sudo().transfer_ids or self.sudo().change_ids:
            raise UserError(
                self.env._(
                    "A member with a recorded history cannot be deleted: archive "
                    "the member instead, or record the status change."
                )
            )

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

    def _party_holder_sudo(self, field_name, value):
        """The other member holding ``value`` in a field unique among members
        (the employee, the ID number), archived or in another branch too."""
        # sudo: the value is unique among all members, read or not; the
        # callers say only the holder's name, to who may write the field
        return (
            self.sudo()
            .with_context(active_test=False)
            .search([(field_name, "=", value), ("id", "not in", self.ids)], limit=1)
        )

    def _check_employee_free(self, employee_id):
        # Said before the database's unique constraint refuses it, and with
        # the name of the member who already holds the employee.
        if not employee_id:
            return
        holder_sudo = self._party_holder_sudo("employee_id", employee_id)
        if holder_sudo:
            raise ValidationError(
                self.env._(
                    "Employee %(employee)s is already registered as Party member "
                    "%(member)s. An employee can be only one Party member.",
                    employee=holder_sudo.employee_id.name,
                    member=holder_sudo.name,
                )
            )

    def _check_id_number_free(self, id_number, name):
        # R-MEM-3: unique, said with the holder's name before the database
        # refuses it (an import then reports the row and this reason).
        if not id_number:
            return
        # R-MEM-3: who may not write the ID number learns nothing of its holder
        self.check_field_access_rights("write", ["id_number"])
        holder_sudo = self._party_holder_sudo("id_number", id_number)
        if holder_sudo:
            raise ValidationError(
                self.env._(
                    "The ID number %(number)s of %(name)s is already registered for "
                    "Party member %(holder)s.",
                    number=id_number,
                    name=name or "",
                    holder=holder_sudo.name,
                )
            )

    def _check_partner_kept(self, partner_id):
        """The contact decides whose member record this is (the "own" record
        rules, the portal, declarations): given once, it is changed only by
        the Party working committee, so that nobody hands a member's points
        to another user."""
        if self.env.uid == SUPERUSER_ID or self.env.user.has_group(
            "party_points.group_party_working_committee"
        ):
            return
        moved = self.filtered(
            lambda member: member.partner_id and member.partner_id.id != partner_id
        )
        if moved:
            raise AccessError(
                self.env._(
                    "The contact of %(member)s says whose member record it is: once "
                    "given, only the Party working committee changes it.",
                    member=moved[0].name,
                )
            )

    def _prepare_partner(self, vals):
        employee = self.env["hr.employee"].browse(vals.get("employee_id"))
        if employee.user_id:
            return employee.user_id.partner_id
        branch = self.env["party.branch"].browse(vals.get("branch_id"))
        return (
            # sudo: the member's contact is made with the member, by a
            # secretary who may not create contacts
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

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Party Members"),
                "template": IMPORT_TEMPLATE,
            }
        ]

    def action_open_transfer_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Transfer Organisational Relationship"),
            "res_model": "party.member.transfer.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_member_ids": self.ids},
        }

    def action_open_change_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Type or Status"),
            "res_model": "party.member.change.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_member_id": self.id},
        }

    def action_create_portal_users(self):
        """Give each member portal access (issue 10): members without a
        backend user read their points and declare additions at /my/party.

        Access is granted by Odoo's portal wizard (``portal.wizard``, issue
        18 item 3) to the member's contact, which the portal record rules
        match (``partner_id = user.partner_id``); a member without a contact
        gets one. Login: the contact's email, and Odoo's invitation to choose
        a password is e-mailed to it; without an e-mail address ``pm<id>``
        with the company's email domain (or ``party.local``), and an
        administrator sets the password. A member whose contact already has a
        user, or whose login is taken, is skipped. Returns the result wizard,
        a line a member with its login and how the password is set (issue 17
        g)."""
        if not self.env.user.has_group("party_points.group_party_secretary"):
            raise AccessError(
                self.env._("Only a branch secretary or above creates portal users.")
            )
        self.check_access("write")
        for member in self.filtered(lambda m: not m.partner_id):
            # sudo: as in _prepare_partner, the secretary may not create contacts
            member.partner_id = (
                self.env["res.partner"].sudo().create({"name": member.name})
            )
        # sudo: the role was checked above; granting portal access creates
        # users, which a branch secretary may not do
        wizard_sudo = (
            self.env["portal.wizard"]
            .sudo()
            .create({"partner_ids": [Command.set(self.partner_id.ids)]})
        )
        wizard_users_sudo = {
            line_sudo.partner_id: line_sudo for line_sudo in wizard_sudo.user_ids
        }
        lines = []
        for member in self:
            wizard_user_sudo = wizard_users_sudo[member.partner_id]
            if wizard_user_sudo.user_id:
                lines.append(
                    {
                        "member_id": member.id,
                        "login": wizard_user_sudo.user_id.login,
                        "password_setup": "skipped",
                        "note": self.env._("Already has a user."),
                    }
                )
                continue
            email = email_normalize(member.partner_id.email)
            if not email:
                domain = (member.company_id.email or "").partition("@")[2]
                wizard_user_sudo.write(
                    {
                        "email": f"pm{member.id}@{domain or 'party.local'}",
                        "party_login_only": True,
                    }
                )
            # a user created for an earlier member may have taken the login
            wizard_user_sudo.invalidate_recordset(["email_state"])
            login = email_normalize(wizard_user_sudo.email)
            if wizard_user_sudo.email_state == "exist":
                lines.append(
                    {
                        "member_id": member.id,
                        "login": login,
                        "password_setup": "skipped",
                        "note": self.env._(
                            "The login %(login)s is already taken by another user.",
                            login=login,
                        ),
                    }
                )
                continue
            wizard_user_sudo.with_company(member.company_id).action_grant_access()
            if email:
                setup = "invitation"
                note = self.env._(
                    "An invitation to choose a password was e-mailed to %(email)s.",
                    email=email,
                )
            else:
                setup = "administrator"
                note = self.env._(
                    "No e-mail address: an administrator sets the password and "
                    "gives it to the member."
                )
            wizard_user_sudo.invalidate_recordset(["user_id"])
            lines.append(
                {
                    "member_id": member.id,
                    "login": wizard_user_sudo.user_id.login,
                    "password_setup": setup,
                    "note": note,
                }
            )
        created = [line for line in lines if line["password_setup"] != "skipped"]
        summary = self.env._(
            "Portal users created: %(count)s of %(total)s.",
            count=len(created),
            total=len(lines),
        )
        result = self.env["party.portal.user.result"].create(
            {
                "summary": summary,
                "line_ids": [Command.create(line) for line in lines],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Create Portal Users"),
            "res_model": "party.portal.user.result",
            "res_id": result.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def action_view_score_cards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_points.party_score_card_action"
        )
        action["domain"] = [("member_id", "=", self.id)]
        return action

    def action_view_score_chart(self):
        """Issue 10, item 3: the member's points quarter after quarter, for
        the latest cycle the user may read."""
        self.ensure_one()
        card = self.env["party.score.card"].search(
            [("member_id", "=", self.id)], order="year desc", limit=1
        )
        if not card:
            raise UserError(
                self.env._("%(member)s has no points card yet.", member=self.name)
            )
        return card.action_view_score_chart()

    def action_view_exemptions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_points.party_member_exemption_action"
        )
        action["domain"] = [("member_id", "=", self.id)]
        action["context"] = {"default_member_id": self.id}
        return action

    def action_view_laggard_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_points.party_laggard_case_action"
        )
        action["domain"] = [("member_id", "=", self.id)]
        action["context"] = {"default_member_id": self.id}
        return action

    def _is_user(self, user):
        """Whether ``user`` is this member: the member's contact is the
        user's (how record rules and the portal know a member's own records),
        or the member's employee is the user's. The one answer of the four
        eyes checks (R-SCORE-5/7): nobody decides about themself."""
        self.ensure_one()
        # sudo: compared only: the member's contact and employee's user, which
        # the user asking may not read
        member_sudo = self.sudo()
        return bool(
            (member_sudo.partner_id and member_sudo.partner_id == user.partner_id)
            or (
                member_sudo.employee_id.user_id
                and member_sudo.employee_id.user_id == user
            )
        )

    # ------------------------------------------------------------------
    # History (R-ORG-3, R-MEM-5)
    # ------------------------------------------------------------------

    def _log_direct_changes(self, vals):
        today = party_today(self)
        reason = self.env._("Changed directly on the member record.")
        if vals.get("branch_id"):
            branch = self.env["party.branch"].browse(vals["branch_id"])
            movers = self.filtered(lambda m: m.branch_id != branch)
            movers._check_transfer_date(today)
            movers._check_transfer_company(branch)
            movers._log_transfers(today, branch, reason)
        for field_name in ("member_type", "status"):
            if field_name in vals:
                changed = self.filtered(lambda m, f=field_name: m[f] != vals[f])
                changed._log_changes(field_name, vals[field_name], today, reason)

    def _transfer_to(self, branch, date, reason, external_organisation=False):
        """Move the members' organisational relationship to ``branch`` on
        ``date`` (组织关系转接), keeping the move in the transfer log.

        ``branch`` empty means the relationship leaves the enterprise: the
        member gets status *transferred out* and is archived.
        """
        reason = check_reason(
            self.env, reason, self.env._("Give the reason of the transfer.")
        )
        for member in self:
            date = check_action_date(
                self.env,
                date,
                self.env._("The transfer of %(name)s", name=member.name),
            )
        for member in self:
            if branch and member.branch_id == branch:
                raise UserError(
                    self.env._(
                        "%(name)s already belongs to %(branch)s.",
                        name=member.name,
                        branch=branch.display_name,
                    )
                )
        self._check_transfer_date(date)
        self._check_transfer_company(branch)
        self._log_transfers(date, branch, reason, external_organisation)
        if branch:
            self._write_recorded({"branch_id": branch.id})
        else:
            self._record_change("status", "transferred_out", date, reason)

    def _check_change_date(self, date):
        """The date of a change of these members (type, status, post): not in
        the future, not before they joined the Party. Returns the date."""
        for member in self:
            date = check_action_date(
                self.env,
                date,
                self.env._("The change of %(name)s", name=member.name),
                not_before=[
                    (member.join_date, self.env._("the day they joined the Party"))
                ],
            )
        return date

    def _record_change(self, field_name, value, date, reason):
        """Change the members' type or status on ``date`` with a reason."""
        reason = check_reason(
            self.env, reason, self.env._("Give the reason of the change.")
        )
        labels = dict(self._fields[field_name]._description_selection(self.env))
        date = self._check_change_date(date)
        for member in self:
            if member[field_name] == value:
                raise UserError(
                    self.env._(
                        "%(name)s is already %(value)s.",
                        name=member.name,
                        value=labels[value],
                    )
                )
            last = member.change_ids.filtered(
                lambda c, f=field_name: c.field == f
            ).sorted(lambda c: (c.date, c.id))[-1:]
            if last and last.date > date:
                raise UserError(
                    self.env._(
                        "%(name)s has a later change recorded on %(date)s: record "
                        "changes in the order they happened.",
                        name=member.name,
                        date=last.date,
                    )
                )
        self._log_changes(field_name, value, date, reason)
        vals = {field_name: value}
        if field_name == "member_type" and value == "full":
            vals["full_date"] = date  # 转正
        if field_name == "status" and value in LEAVING_STATUSES:
            vals["active"] = False
        elif field_name == "status":
            vals["active"] = True
        self._write_recorded(vals)

    def _record_party_post(self, value, date, reason):
        """Change the members' Party post (党内职务) on ``date`` with a reason,
        kept in their history; ``value`` empty: the post lapses (R-USE-2)."""
        reason = check_reason(
            self.env, reason, self.env._("Give the reason of the change.")
        )
        date = self._check_change_date(date)
        value = value or False
        changed = self.filtered(lambda m: (m.party_post or False) != value)
        changed._log_changes("party_post", value, date, reason)
        changed._write_recorded({"party_post": value})

    def _check_transfer_date(self, date):
        for member in self:
            last = member.transfer_ids.sorted(lambda t: (t.date, t.id))[-1:]
            if last and last.date > date:
                raise UserError(
                    self.env._(
                        "%(name)s has a later transfer recorded on %(date)s: record "
                        "transfers in the order they happened.",
                        name=member.name,
                        date=last.date,
                    )
                )

    def _check_transfer_company(self, branch):
        """A move stays inside the company: the member's company follows the
        branch, and with it the company of every line, card and case of the
        member, closed years included."""
        for member in self:
            # sudo: the branch's company and name, to refuse a move to another
            # company's branch the user may not read
            if branch and branch.sudo().company_id != member.company_id:
                raise UserError(
                    self.env._(
                        "%(member)s is a member of %(company)s and %(branch)s is "
                        "an organisation of another company: transfer the "
                        "relationship out of the enterprise and register the "
                        "member in the other company.",
                        member=member.name,
                        company=member.company_id.name,
                        # sudo: as above
                        branch=branch.sudo().display_name,
                    )
                )

    def _log_transfers(self, date, branch, reason, external_organisation=False):
        # sudo: nobody writes the history; the move it records was checked
        self.env["party.member.transfer"].sudo()._create_history(
            [
                {
                    "member_id": member.id,
                    "date": date,
                    "from_branch_id": member.branch_id.id,
                    "to_branch_id": branch.id if branch else False,
                    "external_organisation": external_organisation,
                    "reason": reason,
                }
                for member in self
            ]
        )

    def _log_changes(self, field_name, value, date, reason):
        # sudo: nobody writes the history; the change it records was checked
        self.env["party.member.change"].sudo()._create_history(
            [
                {
                    "member_id": member.id,
                    "date": date,
                    "field": field_name,
                    "old_value": member[field_name],
                    "new_value": value,
                    "reason": reason,
                }
                for member in self
            ]
        )

    def _branch_at(self, date):
        """Return {member: branch} of the members' organisation on ``date``.

        R-ORG-3 / R-SCORE-9: answered from the transfer log, not from the
        current branch: the last move on or before the date tells where the
        member was; without one, the first later move tells where the member
        came from; without any move, the current branch. An empty branch
        means the relationship was outside the enterprise on that date.
        """
        self.env["party.member.transfer"].flush_model()
        before = dict(
            self.env.execute_query(
                SQL(
                    """SELECT DISTINCT ON (member_id) member_id, to_branch_id
                         FROM party_member_transfer
                        WHERE member_id = ANY(%s) AND date <= %s
                     ORDER BY member_id, date DESC, id DESC""",
                    self.ids,
                    date,
                )
            )
        )
        after = dict(
            self.env.execute_query(
                SQL(
                    """SELECT DISTINCT ON (member_id) member_id, from_branch_id
                         FROM party_member_transfer
                        WHERE member_id = ANY(%s) AND date > %s
                     ORDER BY member_id, date, id""",
                    self.ids,
                    date,
                )
            )
        )
        Branch = self.env["party.branch"]
        result = {}
        for member in self:
            if member.id in before:
                result[member] = Branch.browse(before[member.id])
            elif member.id in after:
                result[member] = Branch.browse(after[member.id])
            else:
                result[member] = member.branch_id
        return result

    def _scoring_branch_at(self, date):
        """The branch that scores the member on ``date`` (R-SCORE-9)."""
        self.ensure_one()
        return self._scoring_branches_at(date)[self]

    def _scoring_branches_at(self, date):
        """{member: the branch that scores the member on ``date``} (R-SCORE-9).

        Members under rectification sit in the party-spirit education branch
        by then (their transfer is in the log), so the branch of the day is
        it; a member of a mobile branch is scored by the village/residence
        branch they are to be transferred to, when one is set.
        """
        result = {}
        for member, branch in self._branch_at(date).items():
            if not branch:
                raise ValidationError(
                    self.env._(
                        "%(member)s was not in an organisation of the enterprise "
                        "on %(date)s.",
                        member=member.name,
                        date=date,
                    )
                )
            result[member] = member._scoring_unit_of(branch)
        return result

    def _scoring_unit_of(self, branch):
        self.ensure_one()
        if branch.branch_type == "mobile" and self.home_branch_id:
            return self.home_branch_id
        return branch._scoring_unit()

    def _exempt_on(self, date):
        """The members of ``self`` out of scoring on ``date`` (R-MEM-4)."""
        groups = (
            # sudo: an approved exemption counts for every reader, who may not
            # read the exemptions themselves
            self.env["party.member.exemption"]
            .sudo()
            ._read_group(
                [
                    ("member_id", "in", self.ids),
                    ("state", "=", "approved"),
                    ("date_from", "<=", date),
                    ("date_to", ">=", date),
                ],
                ["member_id"],
            )
        )
        return self.browse([member.id for (member,) in groups])

    @api.model
    def _party_watch_changed(self, companies, since, date_from, date_to):
        """The members written since ``since`` (status, type, organisation,
        date joined, archived …), archived ones included, for the six-month
        watch's daily run (R-MEM-6, issue 20): judged again, or leaving the
        watch. A member with a watch row is never deleted but with it."""
        members = self.with_context(active_test=False).search(
            [("company_id", "in", companies.ids), ("write_date", ">=", since)]
        )
        return set(members.ids), self.env["party.branch"]


class PartyBranch(models.Model):
    """The figures of an organisation that count its members (issue 18,
    item 3: each model adds what it counts)."""

    _inherit = "party.branch"

    member_count = fields.Integer(
        compute="_compute_member_count", string="Direct Members"
    )
    total_member_count = fields.Integer(
        compute="_compute_member_count", string="Members (incl. sub-organisations)"
    )
    dashboard_watch_count = fields.Integer(
        compute="_compute_dashboard_watch_count",
        string="On the Laggard Watch List",
        help="Members with a one-vote veto in an open points cycle.",
    )

    def _compute_member_count(self):
        # Counted in SQL, one query per figure whatever the number of branches.
        member_model = self.env["party.member"]
        direct = dict(
            member_model._read_group(
                [("branch_id", "in", self.ids)], ["branch_id"], ["__count"]
            )
        )
        subtree = member_model._read_group(
            [("branch_id", "child_of", self.ids)], ["branch_id"], ["__count"]
        )
        for branch in self:
            branch.member_count = direct.get(branch, 0)
            branch.total_member_count = sum(
                count for (count,) in branch._party_rolled_up(subtree)
            )

    def _compute_dashboard_watch_count(self):
        groups = self._party_subtree_groups(
            "party.member", "branch_id", [("laggard_watch", "=", True)]
        )
        for branch in self:
            branch.dashboard_watch_count = sum(
                count for (count,) in branch._party_rolled_up(groups)
            )
