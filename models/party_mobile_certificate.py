# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_workflow_mixin import party_today

CERTIFICATE_STATES = [
    ("issued", "Issued"),
    ("returned", "Returned"),
    ("cancelled", "Cancelled"),
]


class PartyMobileCertificate(models.Model):
    """流动党员活动证 (R-MOB-2): issued by the grass-roots committee,
    numbered in the company's register, with the member's photo; the host
    organisations write their entries in it (``entry_ids``)."""

    _name = "party.mobile.certificate"
    _description = "Mobile Member Activity Certificate"
    _inherit = ["party.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "issue_date desc, id desc"
    _workflow_fields = ("state", "name", "issue_date", "issued_by_id")
    _party_fixed_fields = ("mobile_id",)

    name = fields.Char(string="Number", readonly=True, copy=False)
    mobile_id = fields.Many2one(
        "party.mobile.member",
        string="Absence",
        required=True,
        index=True,
        ondelete="restrict",
    )
    member_id = fields.Many2one(
        related="mobile_id.member_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="mobile_id.company_id", store=True, index=True, precompute=True
    )
    branch_id = fields.Many2one(
        related="mobile_id.branch_id", store=True, index=True, precompute=True
    )
    home_branch_id = fields.Many2one(
        related="mobile_id.home_branch_id", store=True, index=True, precompute=True
    )
    photo = fields.Image(related="member_id.image_1920", string="Photo")
    reason = fields.Selection(related="mobile_id.reason")
    destination = fields.Char(related="mobile_id.destination")
    host_organisation = fields.Char(related="mobile_id.host_organisation")
    departure_date = fields.Date(related="mobile_id.departure_date")
    issue_date = fields.Date(readonly=True, copy=False)
    issued_by_id = fields.Many2one("res.users", readonly=True)
    date_to = fields.Date(string="Valid Until", tracking=True)
    state = fields.Selection(
        CERTIFICATE_STATES,
        default="issued",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    entry_ids = fields.One2many(
        "party.mobile.certificate.entry", "certificate_id", string="Host Entries"
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "The number of an activity certificate is unique in its company.",
        ),
    ]

    @api.constrains("date_to", "issue_date")
    def _check_date_to(self):
        for certificate in self:
            if certificate.date_to and certificate.date_to < certificate.issue_date:
                raise ValidationError(
                    self.env._(
                        "The certificate %(number)s cannot expire before it is "
                        "issued.",
                        number=certificate.name,
                    )
                )

    @api.model
    def _prepare_create_vals(self, vals_list):
        """The committee issues (R-MOB-2): the number, the issue date and
        the issuer are the system's, once per absence."""
        self._check_role(
            "party_points.group_party_working_committee",
            self.env._(
                "The activity certificate is issued by the Party working committee."
            ),
        )
        vals_list = [dict(vals) for vals in vals_list]
        Mobile = self.env["party.mobile.member"]
        today = party_today(self)
        for vals in vals_list:
            mobile = Mobile.browse(vals.get("mobile_id")).exists()
            if not mobile:
                raise ValidationError(self.env._("Choose the absence."))
            if mobile.state not in ("planned", "out"):
                raise ValidationError(
                    self.env._(
                        "The absence %(name)s is over: no certificate is issued for "
                        "it.",
                        name=mobile.name,
                    )
                )
            if mobile.treatment != "certificate":
                mobile._check_treatment("certificate")
            # sudo: a certificate issued for the absence forbids a second one,
            # whether or not the officer's rules let them read it
            issued_sudo = self.sudo().search(
                [("mobile_id", "=", mobile.id), ("state", "=", "issued")], limit=1
            )
            if issued_sudo:
                raise ValidationError(
                    self.env._(
                        "%(member)s already holds the activity certificate "
                        "%(number)s for this absence: one certificate per absence.",
                        member=mobile.member_id.name,
                        number=issued_sudo.name,
                    )
                )
            vals["name"] = Mobile._next_number(
                "party.mobile.certificate", mobile.company_id
            )
            vals["issue_date"] = today
            vals["issued_by_id"] = self.env.uid
        return vals_list

    @api.ondelete(at_uninstall=False)
    def _unlink_mark_watch(self):
        # R-MEM-6: the database deletes the entries with the certificate,
        # without their own unlink: the member's months at the host are
        # judged again
        self.env["party.member.watch"]._mark_stale(self.member_id)

    @api.depends("name", "member_id.name")
    def _compute_display_name(self):
        for certificate in self:
            certificate.display_name = self.env._(
                "Activity Certificate No. %(number)s (%(member)s)",
                number=certificate.name or "",
                member=certificate.member_id.name or "",
            )

    def action_return(self):
        """The member hands the certificate back (R-MOB-2)."""
        self._check_committee()
        self._check_issued()
        self._close("returned")
        return True

    def action_cancel(self):
        self._check_committee()
        self._check_issued()
        self._close("cancelled")
        return True

    def _check_committee(self):
        self._check_role(
            "party_points.group_party_working_committee",
            self.env._("Certificates are kept by the Party working committee."),
        )

    def _check_issued(self):
        for certificate in self:
            if certificate.state != "issued":
                raise UserError(
                    self.env._(
                        "The certificate %(number)s is no longer in use.",
                        number=certificate.name,
                    )
                )

    def _close(self, state):
        # also when the branch records the member's return: the system's step
        # sudo: closing is a consequence of the return, and the branch
        # recording it may not write certificates
        self.sudo()._write_workflow({"state": state})

    def _fixed_keys_advice(self, field_name):
        return self.env._("cancel the certificate and issue one for the right absence.")
