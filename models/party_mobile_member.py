# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
import unicodedata

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_workflow_mixin import (
    check_action_date,
    party_day_label,
    party_in_reader_lang,
    party_today,
    quarter_of,
)

MOBILE_STATES = [
    ("planned", "Planned"),
    ("out", "Out"),
    ("returned", "Returned"),
    ("transferred", "Relationship Transferred"),
    ("lost_contact", "Lost Contact"),
]
# An absence that still runs: out, or out of reach.
AWAY_STATES = ("out", "lost_contact")
# An absence that is over: it no longer blocks another one.
ENDED_STATES = ("returned", "transferred")

MOBILE_REASONS = [
    ("work", "Work"),
    ("business", "Business"),
    ("study", "Study"),
    ("other", "Other"),
]

# R-MOB-6: the three cases of the seed for a member going abroad.
ABROAD_KINDS = [
    ("short_trip", "Short Private Trip"),
    ("settle", "Settling Permanently"),
    ("other", "Other"),
]

# R-MOB-1: what the expected absence decides.
TREATMENTS = [
    ("contact", "Keep Contact and Pay Dues at Home"),
    ("letter", "Certificate Letter"),
    ("transfer", "Relationship Transfer"),
    ("certificate", "Activity Certificate"),
    ("abroad", "Abroad: Relationship Kept in the Branch"),
]

# R-MOB-3: the contact person calls at least once a quarter; the member
# reports every half year; R-MOB-5: three months without a report from the
# member fall under laggard cause (a); R-MOB-6: more than a year abroad.
CONTACT_MONTHS = 3
REPORT_MONTHS = 6
SILENCE_MONTHS = 3
ABROAD_YEARS = 1

# Punctuation and separators ignored when comparing destinations (R-MOB-4).
_PLACE_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise_place(place):
    """The key under which two spellings of one destination meet (R-MOB-4):
    full-width folded (NFKC), case folded, spaces and punctuation dropped."""
    if not place:
        return False
    key = _PLACE_NOISE.sub("", unicodedata.normalize("NFKC", place).casefold())
    return key or False


def treatment_for(departure, expected_return, fixed_place, abroad):
    """R-MOB-1, with the boundaries this addon reads into the seed:

    * abroad: R-MOB-6 decides, the relationship stays in the branch;
    * expected return before departure + 3 months: keep contact (< 3 months);
    * from exactly 3 months up to exactly 6 months included: certificate
      letter (the seed's "3 至 6 个月" includes both ends);
    * after departure + 6 months, or no expected return: relationship
      transfer with a fixed place, else activity certificate.

    Months are calendar months (15 January + 3 months = 15 April).
    """
    if abroad:
        return "abroad"
    if not departure:
        return False
    if expected_return and expected_return < departure + relativedelta(months=3):
        return "contact"
    if expected_return and expected_return <= departure + relativedelta(months=6):
        return "letter"
    return "transfer" if fixed_place else "certificate"


class PartyMobileMember(models.Model):
    """流动党员: one absence of a member away from their branch (R-MOB-1..6).

    The record says where the member is, who keeps in touch, and what the
    expected absence requires (``treatment``); its ``action_*`` methods
    issue the certificate letter or the activity certificate, transfer the
    relationship through the registry's history, and close the absence.
    A daily cron watches contacts, reports, long stays abroad and members
    gathered at one place.
    """

    _name = "party.mobile.member"
    _description = "Mobile Party Member"
    _inherit = ["party.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "departure_date desc, id desc"
    _workflow_fields = (
        "state",
        "actual_return",
        "letter_number",
        "letter_date",
        "letter_host",
        "flag_overstay",
        "flag_settled_abroad",
        "flag_probation_lapses",
        "silence_case_id",
        "temporary_branch_id",
    )
    # a planned absence may still be corrected to the right member (the
    # recorder cannot delete it): checked as a new one, and by the record
    # rules after the write (party.fixed.keys.mixin); kept once the member left
    _party_rechecked_fields = ("member_id",)

    name = fields.Char(compute="_compute_name", store=True)
    member_id = fields.Many2one(
        "party.member",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="member_id.company_id", store=True, index=True, precompute=True
    )
    branch_id = fields.Many2one(
        related="member_id.branch_id",
        string="Home Branch",
        store=True,
        index=True,
        precompute=True,
    )
    home_branch_id = fields.Many2one(
        related="member_id.home_branch_id",
        string="Receiving Village/Residence Branch",
        store=True,
        index=True,
        precompute=True,
        help="The village/residence branch that scores a member of the "
        "mobile branch and reads this record.",
    )
    member_type = fields.Selection(related="member_id.member_type")
    state = fields.Selection(
        MOBILE_STATES,
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    reason = fields.Selection(
        MOBILE_REASONS, string="Reason for Leaving", required=True, default="work"
    )
    destination = fields.Char(
        string="Place of Destination",
        required=True,
        tracking=True,
        help="The place the member goes to.",
    )
    destination_key = fields.Char(
        compute="_compute_destination_key",
        store=True,
        index=True,
        help="The destination normalised, to find members out at one place.",
    )
    host_organisation = fields.Char(
        tracking=True, help="The unit or Party organisation at the destination."
    )
    host_branch_id = fields.Many2one(
        "party.branch",
        string="Host Branch in the Company",
        domain="[('company_id', '=', company_id), ('kind', 'in', ('branch', 'group'))]",
        help="When the host organisation is a branch of the same company: the "
        "relationship is transferred to it.",
    )
    abroad = fields.Boolean(tracking=True)
    abroad_kind = fields.Selection(ABROAD_KINDS, tracking=True)
    fixed_place = fields.Boolean(
        default=True,
        help="A fixed place and unit at the destination: a long absence "
        "transfers the relationship; without one the member gets an activity "
        "certificate.",
    )
    departure_date = fields.Date(required=True, tracking=True)
    expected_return = fields.Date(
        tracking=True, help="Empty: a long absence without a known end."
    )
    actual_return = fields.Date(readonly=True, tracking=True)
    expected_months = fields.Float(
        string="Expected Absence (Months)",
        compute="_compute_expected_months",
        digits=(16, 1),
    )
    treatment = fields.Selection(
        TREATMENTS,
        compute="_compute_treatment",
        store=True,
        help="What the expected absence requires.",
    )
    contact_member_id = fields.Many2one(
        "party.member",
        string="Contact Person",
        tracking=True,
        domain="[('company_id', '=', company_id), ('member_type', '=', 'full')]",
        help="A full member of the home branch who contacts the mobile "
        "member at least once a quarter.",
    )
    note = fields.Text()
    # certificate letter (党员证明信), issued by the branch
    letter_number = fields.Char(readonly=True, copy=False)
    letter_date = fields.Date(readonly=True, copy=False)
    letter_host = fields.Char(string="Letter Addressed To", readonly=True, copy=False)
    certificate_ids = fields.One2many(
        "party.mobile.certificate", "mobile_id", string="Activity Certificates"
    )
    certificate_count = fields.Integer(compute="_compute_certificate_count")
    contact_ids = fields.One2many(
        "party.mobile.contact", "mobile_id", string="Contacts"
    )
    report_ids = fields.One2many(
        "party.mobile.report", "mobile_id", string="Thought and Work Reports"
    )
    last_contact_date = fields.Date(
        compute="_compute_last_dates",
        store=True,
        help="The last contact of the log, whoever made it.",
    )
    last_report_date = fields.Date(
        string="Last Report",
        compute="_compute_last_dates",
        store=True,
    )
    last_member_news_date = fields.Date(
        string="Last News from the Member",
        compute="_compute_last_dates",
        store=True,
        help="The last report of the member, or the last contact the " "member made.",
    )
    contact_overdue = fields.Boolean(
        string="No Contact for a Quarter",
        compute="_compute_overdue",
        search="_search_contact_overdue",
    )
    report_overdue = fields.Boolean(
        compute="_compute_overdue",
        search="_search_report_overdue",
    )
    # R-MOB-6, raised by the watch for the committee
    flag_overstay = fields.Boolean(
        string="Overstaying Abroad",
        readonly=True,
        tracking=True,
        help="Abroad more than a year past the approved return date (leave "
        "extensions included) without returning: the relationship and file go "
        "to the county-level organisation department; a return proposes "
        "dealing with the member as having left the Party.",
    )
    flag_settled_abroad = fields.Boolean(
        string="Settled Abroad",
        readonly=True,
        tracking=True,
        help="A member settling abroad permanently has membership "
        "suspended on leaving.",
    )
    flag_probation_lapses = fields.Boolean(
        string="Probationary Status Lapses",
        readonly=True,
        tracking=True,
        help="A probationary member approved to settle abroad loses "
        "probationary status.",
    )
    silence_case_id = fields.Many2one(
        "party.laggard.case",
        string="Laggard Case (No Report)",
        readonly=True,
        ondelete="set null",
        copy=False,
        help="The case proposed after three months without a report.",
    )
    temporary_branch_id = fields.Many2one(
        "party.branch",
        readonly=True,
        ondelete="set null",
        copy=False,
        help="The temporary branch or group the member takes part in at "
        "the destination; the relationship stays in the home branch.",
    )
    # R-SCORE-9 / R-USE-4: the scoring side, shown on the form
    # a year is a name, never "2,026" (issue 17 d)
    score_year = fields.Char(compute="_compute_score_info", string="Points Year")
    score_total = fields.Integer(compute="_compute_score_info", string="Points")
    flag_transfer_deferred = fields.Boolean(
        compute="_compute_score_info",
        string="Transfer into Home Branch Deferred",
        help="The member's card of the current year (or of the last "
        "year) is under the mobile threshold.",
    )
    projected_transfer_deferred = fields.Boolean(
        compute="_compute_score_info",
        string="Projection: Transfer into Home Branch Would Be Deferred",
        help="At the current score of a year whose result is not final yet, "
        "the transfer would be deferred; only a projection.",
    )

    @api.depends("member_id.name", "destination")
    def _compute_name(self):
        for record in self:
            record.name = " → ".join(
                filter(None, [record.member_id.name, record.destination])
            )

    @api.depends("destination")
    def _compute_destination_key(self):
        for record in self:
            record.destination_key = normalise_place(record.destination)

    @api.depends("departure_date", "expected_return", "fixed_place", "abroad")
    def _compute_treatment(self):
        for record in self:
            record.treatment = treatment_for(
                record.departure_date,
                record.expected_return,
                record.fixed_place,
                record.abroad,
            )

    @api.depends("departure_date", "expected_return")
    def _compute_expected_months(self):
        for record in self:
            months = 0.0
            if record.departure_date and record.expected_return:
                delta = relativedelta(record.expected_return, record.departure_date)
                months = delta.years * 12 + delta.months + delta.days / 30.0
            record.expected_months = months

    def _compute_certificate_count(self):
        counts = dict(
            self.env["party.mobile.certificate"]._read_group(
                [("mobile_id", "in", self.ids)], ["mobile_id"], ["__count"]
            )
        )
        for record in self:
            record.certificate_count = counts.get(record, 0)

    @api.depends("contact_ids.date", "contact_ids.initiated_by", "report_ids.date")
    def _compute_last_dates(self):
        # sudo: the last dates of the absence's contacts and reports, shown to
        # whoever reads the absence (the entries may be the host's or member's)
        Contact_sudo = self.env["party.mobile.contact"].sudo()
        Report_sudo = self.env["party.mobile.report"].sudo()  # sudo: as above
        ids = self.ids
        contacts = dict(
            Contact_sudo._read_group(
                [("mobile_id", "in", ids)], ["mobile_id"], ["date:max"]
            )
        )
        by_member = dict(
            Contact_sudo._read_group(
                [("mobile_id", "in", ids), ("initiated_by", "=", "member")],
                ["mobile_id"],
                ["date:max"],
            )
        )
        reports = dict(
            Report_sudo._read_group(
                [("mobile_id", "in", ids)], ["mobile_id"], ["date:max"]
            )
        )
        for record in self:
            # sudo: the dictionaries' keys are the sudo records of the groups
            key_sudo = record.sudo()
            record.last_contact_date = contacts.get(key_sudo, False)
            record.last_report_date = reports.get(key_sudo, False)
            news = [d for d in (reports.get(key_sudo), by_member.get(key_sudo)) if d]
            record.last_member_news_date = max(news) if news else False

    def _compute_overdue(self):
        today = party_today(self)
        for record in self:
            away = record.state in AWAY_STATES
            record.contact_overdue = away and record._contact_due_date() <= today
            record.report_overdue = away and record._report_due_date() <= today

    def _search_contact_overdue(self, operator, value):
        return self._search_overdue(
            "last_contact_date", CONTACT_MONTHS, operator, value
        )

    def _search_report_overdue(self, operator, value):
        return self._search_overdue("last_report_date", REPORT_MONTHS, operator, value)

    def _search_overdue(self, field_name, months, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on overdue duties."))
        limit = party_today(self) - relativedelta(months=months)
        overdue = [
            ("state", "in", AWAY_STATES),
            "|",
            (field_name, "<=", limit),
            "&",
            (field_name, "=", False),
            ("departure_date", "<=", limit),
        ]
        positive = (operator == "=") == bool(value)
        return overdue if positive else ["!", *overdue]

    @api.depends("member_id")
    def _compute_score_info(self):
        year = party_today(self).year
        # sudo: the member's score and flags are shown on the absence, also to
        # the host or officers who read no card of the member
        Card_sudo = self.env["party.score.card"].sudo()
        cards_sudo = Card_sudo.search(
            [("member_id", "in", self.member_id.ids), ("year", "in", [year, year - 1])],
            order="year desc",
        )
        for record in self:
            card_sudo = cards_sudo.filtered(
                lambda c, r=record: c.member_id == r.member_id
            )[:1]
            record.score_year = card_sudo and str(card_sudo.year)
            record.score_total = card_sudo.total_score
            record.flag_transfer_deferred = card_sudo.flag_transfer_deferred
            record.projected_transfer_deferred = (
                card_sudo.projected_transfer_deferred and not card_sudo.results_final
            )

    @api.constrains("departure_date", "expected_return")
    def _check_dates(self):
        for record in self.filtered("departure_date"):
            back = record.expected_return
            if back and back < record.departure_date:
                raise ValidationError(
                    self.env._(
                        "The expected return of %(member)s (%(back)s) is before the "
                        "departure (%(out)s).",
                        member=record.member_id.name,
                        back=record.expected_return,
                        out=record.departure_date,
                    )
                )

    @api.constrains("member_id", "departure_date", "expected_return", "state")
    def _check_no_overlap(self):
        for record in self.filtered(lambda r: r.member_id and r.departure_date):
            start, end = record._period()
            # sudo: an absence of the member anywhere forbids an overlap
            others_sudo = self.sudo().search(
                [
                    ("member_id", "=", record.member_id.id),
                    ("id", "!=", record._origin.id or 0),
                    ("state", "!=", "transferred"),
                ]
            )
            for other_sudo in others_sudo:
                other_start, other_end = other_sudo._period()
                if start <= other_end and other_start <= end:
                    raise ValidationError(
                        self.env._(
                            "%(member)s already has an absence from %(start)s "
                            "(%(destination)s) that overlaps this one: one member "
                            "is away once at a time.",
                            member=record.member_id.name,
                            start=other_sudo.departure_date,
                            destination=other_sudo.destination,
                        )
                    )

    @api.constrains("contact_member_id", "member_id")
    def _check_contact_member(self):
        for record in self.filtered("contact_member_id"):
            # sudo: the contact person and the member are compared (type,
            # branch), past the rules of who records the absence
            contact_sudo = record.contact_member_id.sudo()
            member_sudo = record.member_id.sudo()  # sudo: as above
            if contact_sudo == member_sudo:
                raise ValidationError(
                    self.env._(
                        "%(member)s cannot be their own contact person.",
                        member=member_sudo.name,
                    )
                )
            if (
                contact_sudo.member_type != "full"
                or not contact_sudo.active
                or contact_sudo.branch_id._scoring_unit()
                != member_sudo.branch_id._scoring_unit()
            ):
                raise ValidationError(
                    self.env._(
                        "%(contact)s cannot be the contact person of %(member)s: "
                        "the contact person is a full member of the same branch.",
                        contact=contact_sudo.name,
                        member=member_sudo.name,
                    )
                )

    @api.constrains("host_branch_id", "member_id")
    def _check_host_branch(self):
        for record in self.filtered("host_branch_id"):
            if record.host_branch_id.company_id != record.company_id:
                raise ValidationError(
                    self.env._(
                        "The host branch %(branch)s belongs to another company: "
                        "give the host organisation by name.",
                        branch=record.host_branch_id.display_name,
                    )
                )

    @api.onchange("abroad")
    def _onchange_abroad(self):
        if not self.abroad:
            self.abroad_kind = False

    @api.model
    def _prepare_create_vals(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            self._check_member_given(vals.get("member_id"))
            # said before the insert: nothing is written for a refused absence
            new = self.new(self._add_missing_default_values(vals))
            new._check_dates()
            new._check_no_overlap()
            new._check_contact_member()
            new._check_host_branch()
        return vals_list

    def write(self, vals):
        frozen = {"member_id", "departure_date"} & vals.keys()
        for record in self:
            if frozen and record.state != "planned":
                raise UserError(
                    self.env._(
                        "The member and the departure of %(name)s are kept once "
                        "the member left: close this absence and record a new one.",
                        name=record.name,
                    )
                )
            if record.state in ENDED_STATES and (
                vals.keys()
                - {"note", "contact_member_id", "message_main_attachment_id"}
            ):
                raise UserError(
                    self.env._(
                        "The absence %(name)s is closed: it can no longer change.",
                        name=record.name,
                    )
                )
        return super().write(vals)

    def _check_rechecked_keys(self, vals):
        self._check_member_given(vals.get("member_id"))

    @api.model
    def _check_member_given(self, member_id):
        member = self.env["party.member"].browse(member_id).exists()
        if not member:
            raise ValidationError(self.env._("Choose the mobile member."))
        # sudo: the member's company and name, to say where to record it
        company_sudo = member.sudo().company_id
        if company_sudo not in self.env.companies:
            raise ValidationError(
                self.env._(
                    "%(member)s is a member of %(company)s: record the absence "
                    "in that company.",
                    # sudo: as above
                    member=member.sudo().name,
                    company=company_sudo.name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if self.filtered(lambda r: r.state != "planned"):
            raise UserError(
                self.env._("An absence that started is history: it cannot be deleted.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_depart(self):
        """The member left: the absence is out, settling abroad is flagged
        for the committee at once (R-MOB-6)."""
        self._check_branch_role(
            "party_points.group_party_recorder",
            self.env._("The branch records the departure of its members."),
        )
        self._check_state(("planned",))
        today = party_today(self)
        for record in self:
            if record.departure_date > today:
                raise UserError(
                    self.env._(
                        "%(member)s leaves on %(date)s: record the departure once "
                        "it happened.",
                        member=record.member_id.name,
                        date=record.departure_date,
                    )
                )
            if record.abroad and not record.abroad_kind:
                raise UserError(
                    self.env._(
                        "Say what kind of stay abroad %(member)s goes on.",
                        member=record.member_id.name,
                    )
                )
        self._write_workflow({"state": "out"})
        self._check_settled_abroad(today)
        return True

    def action_return(self, date=None):
        """The member is back (from out or lost contact)."""
        self._check_branch_role(
            "party_points.group_party_recorder",
            self.env._("The branch records the return of its members."),
        )
        self._check_state(AWAY_STATES)
        for record in self:
            date = check_action_date(
                self.env,
                date,
                self.env._("The return of %(member)s", member=record.member_id.name),
                not_before=[(record.departure_date, self.env._("the departure"))],
            )
        # a stay abroad that overran by more than a year is flagged at the
        # latest on the return, which then proposes the seed's decision
        for record in self:
            # sudo: the overstay flag and its proposal are the system's,
            # whoever records the return
            record.sudo()._check_overstay(date)
        self._write_workflow({"state": "returned", "actual_return": date})
        for record in self:
            record.certificate_ids.filtered(lambda c: c.state == "issued")._close(
                "returned"
            )
        self._propose_overstay_removal()
        return True

    def action_mark_lost_contact(self):
        self._check_branch_role(
            "party_points.group_party_recorder",
            self.env._("The branch records that it lost contact with a member."),
        )
        self._check_state(("out",))
        self._write_workflow({"state": "lost_contact"})
        return True

    def action_contact_restored(self):
        self._check_branch_role(
            "party_points.group_party_recorder",
            self.env._("The branch records that contact is restored."),
        )
        self._check_state(("lost_contact",))
        self._write_workflow({"state": "out"})
        return True

    def action_issue_letter(self):
        """R-MOB-1: 3–6 months away, the branch gives a certificate letter
        (党员证明信) to the host organisation, and prints it."""
        self._check_branch_role(
            "party_points.group_party_secretary",
            self.env._(
                "The certificate letter is issued by the secretary of the branch."
            ),
        )
        self._check_state(("planned", "out"))
        for record in self:
            record._check_treatment("letter")
            if record.letter_number:
                raise UserError(
                    self.env._(
                        "%(member)s already has the certificate letter %(number)s "
                        "for this absence.",
                        member=record.member_id.name,
                        number=record.letter_number,
                    )
                )
            if not (record.host_organisation or record.host_branch_id):
                raise UserError(
                    self.env._(
                        "Give the host organisation the letter of %(member)s is "
                        "addressed to.",
                        member=record.member_id.name,
                    )
                )
        today = party_today(self)
        for record in self:
            record._write_workflow(
                {
                    "letter_number": record._next_number(
                        "party.mobile.letter", record.company_id
                    ),
                    "letter_date": today,
                    "letter_host": record.host_organisation
                    or record.host_branch_id.name,
                }
            )
            record.message_post(
                body=self.env._(
                    "Certificate letter %(number)s issued to %(host)s.",
                    number=record.letter_number,
                    host=record.letter_host,
                )
            )
        report = self.env.ref("party_points.action_report_party_mobile_letter")
        return report.report_action(self)

    def action_issue_certificate(self, date_to=None):
        """R-MOB-2: the committee issues the activity certificate."""
        self._check_role(
            "party_points.group_party_working_committee",
            self.env._(
                "The activity certificate is issued by the Party working committee."
            ),
        )
        self._check_state(("planned", "out"))
        for record in self:
            record._check_treatment("certificate")
        certificates = self.env["party.mobile.certificate"]
        for record in self:
            certificates |= certificates.create(
                {"mobile_id": record.id, "date_to": date_to or record.expected_return}
            )
        if len(certificates) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "party.mobile.certificate",
                "res_id": certificates.id,
                "view_mode": "form",
            }
        return True

    def action_transfer(self, date=None):
        """R-MOB-1: over 6 months at a fixed place, the relationship moves to
        the host organisation, through the registry's history (R-ORG-3)."""
        self._check_branch_role(
            "party_points.group_party_secretary",
            self.env._(
                "The relationship is transferred by the secretary of the branch."
            ),
        )
        self._check_state(("planned", "out"))
        for record in self:
            record._check_treatment("transfer")
            date = check_action_date(
                self.env,
                date,
                self.env._("The transfer of %(member)s", member=record.member_id.name),
                not_before=[(record.departure_date, self.env._("the departure"))],
            )
            if not (record.host_branch_id or record.host_organisation):
                raise UserError(
                    self.env._(
                        "Give the host organisation %(member)s's relationship is "
                        "transferred to.",
                        member=record.member_id.name,
                    )
                )
        for record in self:
            reason = self.env._(
                "Mobile member: away for more than six months at %(place)s, "
                "relationship transferred.",
                place=record.destination,
            )
            record.member_id._transfer_to(
                record.host_branch_id,
                date,
                reason,
                external_organisation=record.host_organisation
                if not record.host_branch_id
                else False,
            )
            record._write_workflow({"state": "transferred"})
        return True

    def action_view_certificates(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_points.party_mobile_certificate_action"
        )
        action["domain"] = [("mobile_id", "=", self.id)]
        action["context"] = {"default_mobile_id": self.id}
        return action

    # ------------------------------------------------------------------
    # The daily watch (R-MOB-3..6)
    # ------------------------------------------------------------------

    @api.model
    def _cron_watch_mobile_members(self, today=None):
        today = fields.Date.to_date(today) or party_today(self)
        # sudo: the daily job watches every absence of the database
        away_sudo = self.sudo().search([("state", "in", AWAY_STATES)])
        for record_sudo in away_sudo:
            record_sudo._remind_contact(today)
            record_sudo._remind_report(today)
            record_sudo._check_overstay(today)
        away_sudo.filtered(lambda r: r.state == "out")._propose_silence_cases(today)
        # sudo: as above, every place
        self.sudo()._suggest_temporary_branches(today)

    def _remind_contact(self, today):
        """R-MOB-3: a quarter without contact: once per lapse, for the contact
        person (or the branch recorder)."""
        due = self._contact_due_date()
        if due > today:
            return
        user = self._contact_user()
        if user:
            self._party_remind_once(
                "party_points.mail_activity_type_mobile_contact",
                user,
                lambda record: record.env._(
                    "Contact %(member)s: no contact since %(date)s",
                    member=record.member_id.name,
                    date=party_day_label(
                        record.env, due - relativedelta(months=CONTACT_MONTHS)
                    ),
                ),
                due,
                lapse=True,
            )

    def _remind_report(self, today):
        """R-MOB-3: the half-yearly thought-and-work report is due."""
        due = self._report_due_date()
        if due > today:
            return
        user = self.member_id.partner_id.user_ids[:1] or self._contact_user()
        if user:
            self._party_remind_once(
                "party_points.mail_activity_type_mobile_report",
                user,
                lambda record: record.env._(
                    "Half-yearly thought and work report of %(member)s due on "
                    "%(date)s",
                    member=record.member_id.name,
                    date=party_day_label(record.env, due),
                ),
                due,
                lapse=True,
            )

    def _check_overstay(self, today):
        """R-MOB-6 (出境逾期(包括续假)一年以上未归): still abroad more than a
        year after the approved return date, leave extensions included: flag
        and tell the committee once. A two-year approved study abroad is not
        overstaying in its second year."""
        approved = self._approved_return()
        if (
            not self.abroad
            or self.flag_overstay
            or today <= approved + relativedelta(years=ABROAD_YEARS)
        ):
            return
        self._write_workflow({"flag_overstay": True})

        def summary(record):
            return record.env._(
                "%(member)s has stayed abroad more than a year past the approved "
                "return date (%(date)s, leave extensions included): the "
                "relationship and file go to the county-level organisation "
                "department",
                member=record.member_id.name,
                date=party_day_label(record.env, approved),
            )

        self.message_post(body=summary(self._in_readers_lang()))
        self._remind_committee("mobile_overstay", today, summary)

    def _propose_overstay_removal(self):
        """Seed 000: "无故超假一年以上回国的党员，一般不能恢复其组织生活，按
        自行脱党处理". A member back with the overstay flag: the removal (按自
        行脱党处理) is proposed through the six-month watch's decisions, for
        the committee to confirm or refuse (a good reason, found on review,
        refuses it)."""
        # sudo: the decision is proposed by the system for the committee,
        # whoever records the return (a branch officer)
        Decision_sudo = self.env["party.member.watch.decision"].sudo()
        decisions_sudo = Decision_sudo
        for record in self.filtered(lambda r: r.flag_overstay):
            if Decision_sudo.search_count(
                [("mobile_id", "=", record.id), ("state", "!=", "refused")]
            ):
                continue
            reader = record._in_readers_lang()
            reason = reader.env._(
                "Back from abroad on %(back)s, more than a year past the approved "
                "return date (%(approved)s, leave extensions included): dealt with "
                "as having left the Party of their own accord, unless the "
                "committee finds a good reason.",
                back=party_day_label(reader.env, record.actual_return),
                approved=party_day_label(reader.env, record._approved_return()),
            )
            decision_sudo = Decision_sudo._create_workflow(
                [
                    {
                        "member_id": record.member_id.id,
                        "kind": "removal",
                        # the status changes when the committee decides
                        "date": party_today(self),
                        "reason": reason,
                        "mobile_id": record.id,
                    }
                ]
            )
            record.message_post(body=reason)
            record._remind_committee(
                "mobile_overstay_decision",
                party_today(self),
                lambda reader: reader.env._(
                    "Decide on %(member)s: back from abroad more than a year past "
                    "the approved return date",
                    member=reader.member_id.name,
                ),
            )
            decisions_sudo |= decision_sudo
        return decisions_sudo

    def _check_settled_abroad(self, today):
        """R-MOB-6: a member leaving to settle abroad; a probationary member
        approved to settle abroad loses probationary status."""
        for record in self.filtered(
            lambda r: r.abroad and r.abroad_kind == "settle" and r.state != "planned"
        ):
            vals = {"flag_settled_abroad": True}
            probationary = record.member_id.member_type == "probationary"
            if probationary:
                vals["flag_probation_lapses"] = True

            def summary(reader, probationary=probationary):
                text = reader.env._(
                    "%(member)s settles abroad permanently: membership is "
                    "suspended on leaving and the relationship and file go to the "
                    "county-level organisation department",
                    member=reader.member_id.name,
                )
                if probationary:
                    text = reader.env._(
                        "%(summary)s; the probationary status lapses", summary=text
                    )
                return text

            record._write_workflow(vals)
            record.message_post(body=summary(record._in_readers_lang()))
            record._remind_committee("mobile_settled_abroad", today, summary)

    def _propose_silence_cases(self, today):
        """R-MOB-5: three months without a report or a contact from the
        member: a laggard case with cause (a) is proposed, once per absence."""
        # sudo: the daily job proposes the case, which no branch creates
        # itself; every open case of the member counts
        Case_sudo = self.env["party.laggard.case"].sudo()
        silent = self.filtered(
            lambda r: not r.silence_case_id
            and (r.last_member_news_date or r.departure_date)
            + relativedelta(months=SILENCE_MONTHS)
            <= today
        )
        if not silent:
            return Case_sudo
        busy_sudo = Case_sudo.search(
            [
                ("member_id", "in", silent.member_id.ids),
                ("state", "not in", ("done", "dismissed")),
            ]
        ).member_id
        cases_sudo = Case_sudo
        for record in silent.filtered(lambda r: r.member_id not in busy_sudo):
            cycle_sudo = (
                # sudo: the open cycle of the member's company
                self.env["party.score.cycle"]
                .sudo()
                .search(
                    [
                        ("company_id", "=", record.company_id.id),
                        ("year", "=", today.year),
                        ("state", "=", "open"),
                    ],
                    limit=1,
                )
            )
            quarter = quarter_of(today)
            if not cycle_sudo or Case_sudo.search_count(
                [
                    ("member_id", "=", record.member_id.id),
                    ("cycle_id", "=", cycle_sudo.id),
                    ("quarter", "=", quarter),
                ]
            ):
                continue
            since = record.last_member_news_date or record.departure_date
            # the case and the posts are read by the branches: in the
            # company's language when a job proposes them
            reader = record._in_readers_lang()
            case_sudo = Case_sudo._create_workflow(
                [
                    {
                        "member_id": record.member_id.id,
                        "origin": "mobile_silence",
                        "open_date": today,
                        "cause_category": "a",
                        "shortcomings": reader.env._(
                            "Mobile member out at %(place)s since %(departure)s: no "
                            "report and no contact from the member since %(since)s.",
                            place=record.destination,
                            departure=party_day_label(
                                reader.env, record.departure_date
                            ),
                            since=party_day_label(reader.env, since),
                        ),
                    }
                ]
            )
            record._write_workflow({"silence_case_id": case_sudo.id})
            case_sudo.message_post(
                body=reader.env._(
                    "Proposed by the mobile member watch: no report from the member "
                    "for three months (cause (a))."
                )
            )
            record.message_post(
                body=reader.env._(
                    "No report from the member since %(since)s: laggard case "
                    "proposed.",
                    since=party_day_label(reader.env, since),
                )
            )
            cases_sudo |= case_sudo
        return cases_sudo

    @api.model
    def _suggest_temporary_branches(self, today):
        """R-MOB-4: three or more members out at one place: suggest a
        temporary branch to the committee, once per place."""
        places_sudo = (
            # sudo: the daily job looks at every place of the database
            self.env["party.mobile.place"]
            .sudo()
            .search([("temporary_branch_id", "=", False)])
        )
        for place_sudo in places_sudo:
            first_sudo = place_sudo.mobile_ids.sorted("id")[:1]
            first_sudo._remind_committee(
                "mobile_temporary_branch",
                today,
                lambda reader, place=place_sudo: reader.env._(
                    "%(count)s members are out at %(place)s: form a temporary "
                    "branch or group",
                    count=place.member_count,
                    place=place.destination,
                ),
                # once per place: whichever absence to it carries it
                # sudo: the job reads every absence to the place
                among=self.sudo().search(
                    [("destination_key", "=", place_sudo.destination_key)]
                ),
            )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @api.model
    def _members_away_on(self, members, day):
        """The members of ``members`` away on ``day``: an absence (mobile, or
        abroad) left on or before it and not returned by then. They take
        part in organisational life at the host: a meeting at home lists
        them as away, which costs nothing (附件1, deduction item 1)."""
        if not members or not day:
            return self.env["party.member"]
        return (
            # sudo: the members are away whoever records the meeting; only
            # the members are returned
            self.sudo()
            .search(
                [
                    ("member_id", "in", members.ids),
                    ("state", "in", (*AWAY_STATES, "returned")),
                    ("departure_date", "<=", day),
                    "|",
                    ("actual_return", "=", False),
                    ("actual_return", ">", day),
                ]
            )
            .member_id.with_env(members.env)
        )

    def _approved_return(self):
        """The approved return date of a stay abroad, leave extensions (续假)
        included: the expected return as it stands (each extension moves it,
        tracked in the chatter); the departure when none was approved."""
        self.ensure_one()
        return self.expected_return or self.departure_date

    def _period(self):
        self.ensure_one()
        end = (
            self.actual_return
            or self.expected_return
            or fields.Date.to_date("9999-12-31")
        )
        return self.departure_date, end

    def _contact_due_date(self):
        self.ensure_one()
        since = max(filter(None, [self.last_contact_date, self.departure_date]))
        return since + relativedelta(months=CONTACT_MONTHS)

    def _report_due_date(self):
        self.ensure_one()
        since = max(filter(None, [self.last_report_date, self.departure_date]))
        return since + relativedelta(months=REPORT_MONTHS)

    def _contact_user(self):
        self.ensure_one()
        branch = self.branch_id._scoring_unit()
        return (
            self.contact_member_id.partner_id.user_ids[:1]
            or branch.recorder_id
            or branch.officer_user_ids[:1]
        )

    def _committee_user(self):
        self.ensure_one()
        committee_sudo = (
            # sudo: the committee above the absence's branch and its users,
            # which the branch's officers may not read
            self.env["party.branch"]
            .sudo()
            .search(
                [
                    ("kind", "=", "committee"),
                    ("id", "parent_of", self.branch_id.id),
                ],
                order="parent_path",
                limit=1,
            )
        )
        return committee_sudo.recorder_id or committee_sudo.officer_user_ids[:1]

    def _in_readers_lang(self):
        """The absence in the language of who reads its chatter: the users
        its reminders go to (the contact person or the branch recorder, and
        the committee), else the company's (``party_reader_lang``)."""
        self.ensure_one()
        return party_in_reader_lang(
            self, user=self._contact_user() | self._committee_user()
        )

    def _remind_committee(self, kind, today, summary, among=None):
        """Tell the committee once (``_party_remind_once``), with the
        addon's activity type ``mail_activity_type_<kind>``."""
        user = self._committee_user()
        if user:
            self._party_remind_once(
                f"party_points.mail_activity_type_{kind}",
                user,
                summary,
                today,
                among=among,
            )

    def _check_treatment(self, treatment):
        labels = dict(self._fields["treatment"]._description_selection(self.env))
        if self.treatment != treatment:
            raise UserError(
                self.env._(
                    "The expected absence of %(member)s calls for “%(actual)s”, not "
                    "“%(wanted)s”: correct the dates or the place first.",
                    member=self.member_id.name,
                    actual=labels.get(self.treatment, ""),
                    wanted=labels[treatment],
                )
            )

    def _check_branch_role(self, group, message):
        """The role, and for branch roles the member's branch served."""
        self._check_role(group, message)
        self._check_branch_served("branch_id", message)
        self.check_access("write")

    @api.model
    def _next_number(self, code, company):
        """The next number of ``code`` for ``company``: each company numbers
        its own register (a sequence per company, made on first use from
        the addon's template)."""
        # sudo: sequences are for administrators; each company's is made from
        # the addon's template on first use
        Sequence_sudo = self.env["ir.sequence"].sudo()
        sequence_sudo = Sequence_sudo.search(
            [("code", "=", code), ("company_id", "=", company.id)], limit=1
        )
        if not sequence_sudo:
            template_sudo = Sequence_sudo.search(
                [("code", "=", code), ("company_id", "=", False)], limit=1
            )
            if not template_sudo:
                raise UserError(
                    self.env._("The numbering %(code)s is missing.", code=code)
                )
            sequence_sudo = template_sudo.copy(
                {"company_id": company.id, "number_next": 1, "name": template_sudo.name}
            )
        return sequence_sudo.next_by_id()


class PartyBranch(models.Model):
    """The overdue duties towards mobile members in the Branches Overview
    (issue 10, item 3; issue 18, item 3: each model adds what it counts)."""

    _inherit = "party.branch"

    dashboard_contact_overdue_count = fields.Integer(
        compute="_compute_dashboard_mobile", string="Mobile Contacts Overdue"
    )
    dashboard_report_overdue_count = fields.Integer(
        compute="_compute_dashboard_mobile", string="Mobile Reports Overdue"
    )

    def _compute_dashboard_mobile(self):
        contact_groups = self._party_subtree_groups(
            "party.mobile.member", "branch_id", [("contact_overdue", "=", True)]
        )
        report_groups = self._party_subtree_groups(
            "party.mobile.member", "branch_id", [("report_overdue", "=", True)]
        )
        for branch in self:
            branch.dashboard_contact_overdue_count = sum(
                count for (count,) in branch._party_rolled_up(contact_groups)
            )
            branch.dashboard_report_overdue_count = sum(
                count for (count,) in branch._party_rolled_up(report_groups)
            )
