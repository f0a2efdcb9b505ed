# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .party_workflow_mixin import party_today

MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class PartyMobileCertificateEntry(models.Model):
    """One entry of a host organisation in the activity certificate
    (R-MOB-2): arrival, activities attended, dues paid, departure, and the
    remarks on good deeds or faults."""

    _name = "party.mobile.certificate.entry"
    _description = "Activity Certificate Host Entry"
    _inherit = ["party.input.mixin", "party.fixed.keys.mixin"]
    _party_fixed_fields = ("certificate_id",)
    _order = "arrival_date, id"

    certificate_id = fields.Many2one(
        "party.mobile.certificate", required=True, index=True, ondelete="cascade"
    )
    mobile_id = fields.Many2one(
        related="certificate_id.mobile_id", store=True, index=True, precompute=True
    )
    member_id = fields.Many2one(
        related="certificate_id.member_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="certificate_id.company_id", store=True, index=True, precompute=True
    )
    branch_id = fields.Many2one(
        related="certificate_id.branch_id", store=True, index=True, precompute=True
    )
    home_branch_id = fields.Many2one(
        related="certificate_id.home_branch_id",
        store=True,
        index=True,
        precompute=True,
    )
    host_organisation = fields.Char(required=True)
    arrival_date = fields.Date(required=True)
    activities = fields.Text(string="Activities Attended")
    activity_date = fields.Date(
        string="Organisational Life Attended On",
        help="The day the member took part in organisational life at the host: "
        "it counts as attendance for the six-month watch.",
    )
    dues_amount = fields.Float(string="Dues Paid", digits=(16, 2))
    dues_month = fields.Char(
        string="Dues for Month", help="The month the dues were paid for, e.g. 2026-03."
    )
    departure_date = fields.Date()
    dues_line_ids = fields.One2many(
        "party.dues.line",
        "certificate_entry_id",
        string="Dues Register",
        readonly=True,
        help="The months of the branch's dues register settled by this entry.",
    )
    remarks = fields.Text(help="Good deeds or faults of the member.")

    @api.model
    def _party_watch_months(self, members, date_from, date_to):
        """A member away attends organisational life at the host: the
        months between ``date_from`` and ``date_to`` in which the host's
        entry says so (``activity_date``), for the six-month watch
        (R-MEM-6): {"attended": {(member id, month)}}."""
        groups = self._read_group(
            [
                ("member_id", "in", members.ids),
                ("activity_date", ">=", date_from),
                ("activity_date", "<=", date_to),
            ],
            ["member_id", "activity_date:month"],
        )
        return {"attended": {(member.id, month) for member, month in groups}}

    @api.model
    def _party_watch_changed(self, companies, since, date_from, date_to):
        """The members with a host entry written since ``since``, for the
        six-month watch's daily run (R-MEM-6, issue 20); a deleted entry
        marks the rows itself (``_unlink_mark_watch``)."""
        changed = self._read_group(
            [("company_id", "in", companies.ids), ("write_date", ">=", since)],
            ["member_id"],
        )
        return {member.id for (member,) in changed}, self.env["party.branch"]

    @api.ondelete(at_uninstall=False)
    def _unlink_mark_watch(self):
        # R-MEM-6: a deleted entry leaves no write_date: the member's months
        # of attendance at the host are judged again
        self.env["party.member.watch"]._mark_stale(self.member_id)

    @api.depends("certificate_id.name", "host_organisation", "arrival_date")
    def _compute_display_name(self):
        for entry in self:
            entry.display_name = " ".join(
                part
                for part in (
                    entry.certificate_id.name,
                    entry.host_organisation,
                    fields.Date.to_string(entry.arrival_date),
                )
                if part
            )

    @api.constrains(
        "arrival_date", "departure_date", "dues_amount", "dues_month", "activity_date"
    )
    def _check_entry(self):
        today = party_today(self)
        for entry in self.filtered("arrival_date"):
            if (
                entry.arrival_date > today
                or (entry.departure_date and entry.departure_date > today)
                or (entry.activity_date and entry.activity_date > today)
            ):
                raise ValidationError(
                    self.env._(
                        "An entry of the certificate is recorded once it happened: "
                        "a date is in the future."
                    )
                )
            if entry.departure_date and entry.departure_date < entry.arrival_date:
                raise ValidationError(
                    self.env._(
                        "The member cannot leave %(host)s before arriving.",
                        host=entry.host_organisation,
                    )
                )
            if entry.activity_date and (
                entry.activity_date < entry.arrival_date
                or (entry.departure_date and entry.activity_date > entry.departure_date)
            ):
                raise ValidationError(
                    self.env._(
                        "The organisational life at %(host)s is attended between "
                        "the arrival and the departure: correct its date.",
                        host=entry.host_organisation,
                    )
                )
            if entry.dues_amount < 0:
                raise ValidationError(self.env._("The dues paid cannot be negative."))
            if entry.dues_amount and not entry.dues_month:
                raise ValidationError(
                    self.env._("Say for which month the dues were paid.")
                )
            if entry.dues_month and not MONTH_PATTERN.match(entry.dues_month):
                raise ValidationError(
                    self.env._(
                        "Write the month of the dues as year-month, e.g. 2026-03 "
                        "(not %(month)s).",
                        month=entry.dues_month,
                    )
                )

    @api.model
    def _prepare_create_vals(self, vals_list):
        # said before the insert: nothing is written for a refused row
        for vals in vals_list:
            new = self.new(self._add_missing_default_values(vals))
            new._check_entry()
        return super()._prepare_create_vals(vals_list)

    def _fixed_keys_advice(self, field_name):
        return self.env._("delete the entry and record it in the right certificate.")
