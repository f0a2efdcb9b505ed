# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# The company's Party Points settings (DOMAIN §5), in the order of the form.
PARTY_SETTINGS_FIELDS = (
    "party_base_score",
    "party_laggard_threshold",
    "party_outstanding_threshold",
    "party_outstanding_share",
    "party_probationary_threshold",
    "party_mobile_threshold",
    "party_laggard_rectification_months",
    "party_outstanding_rounding",
    "party_flags_final_on_publication",
    # meetings from the phone (wizards/party_settings_meeting.py)
    "party_signin_before_minutes",
    "party_signin_after_minutes",
    "party_signin_grace_minutes",
    "party_theme_day_reminder_days",
)


class PartySettings(models.TransientModel):
    """积分设置 (issue 17 e): the Party working committee's own form for the
    thresholds of the current company, so that the committee sets them
    without being a settings administrator (``res.config.settings`` is for
    ``base.group_system`` only). The administrator's section of Settings
    stays; both write the same company fields.

    The form reads and writes the current company only: a committee member
    of company A never reaches company B's settings, whatever is sent over
    RPC. Every change is logged on the company's contact."""

    _name = "party.settings"
    _description = "Party Points Settings"

    company_id = fields.Many2one(
        "res.company", readonly=True, default=lambda self: self.env.company
    )
    party_base_score = fields.Integer(
        string="Base Score",
        help="Every member starts each yearly points cycle from this score (80 by "
        "default); additions have no ceiling and a score never falls below 0.",
    )
    party_laggard_threshold = fields.Integer(
        string="Laggard Threshold",
        help="A quarterly published score below this starts the laggard procedure: "
        "with 60, a score of 59 is a laggard, 60 is not.",
    )
    party_outstanding_threshold = fields.Integer(
        string="Outstanding Member Threshold",
        help="A Party member (full or probationary, never an activist) whose annual "
        "total reaches this is a candidate: with 100, 100 is a candidate, 99 is "
        "not. At most this share of the Party members scored is confirmed.",
    )
    party_outstanding_share = fields.Float(
        string="Outstanding Member Share (%)",
        digits=(5, 1),
        help="At most this percentage of the Party members scored are confirmed "
        "outstanding members of the year.",
    )
    party_probationary_threshold = fields.Integer(
        string="Probationary and Activist Threshold",
        help="An annual total below this cancels probationary status and keeps an "
        "activist from being a development target of the year: with 100, 99 is "
        "below, 100 is not.",
    )
    party_mobile_threshold = fields.Integer(
        string="Mobile Member Transfer Threshold",
        help="A mobile-branch member whose annual total is below this has the "
        "transfer into the home village (residence) branch deferred: with 90, 89 "
        "is deferred, 90 is not.",
    )
    party_laggard_rectification_months = fields.Integer(
        string="Rectification Period (Months)",
        help="Each new laggard case starts with this rectification period (整改期限); "
        "a case's own period may still be changed until its rectification starts.",
    )
    party_outstanding_rounding = fields.Selection(
        [("down", "Down"), ("nearest", "To the Nearest"), ("up", "Up")],
        string="Outstanding Share Rounding",
        required=True,
        default="nearest",
        help="How the share of the Party members scored rounds to a number of "
        "members: to the nearest, 10 % of 8 members allows one.",
    )
    party_flags_final_on_publication = fields.Boolean(
        string="Results Final on Publication",
        help="The year's flags become final, and the decisions that follow them "
        "possible, once the scoring branch has published its four quarters; "
        "otherwise when the cycle is closed. Until then they are only a "
        "projection of the current score.",
    )

    # issue 19 (R-MSG-2)
    party_theme_day_reminder_days = fields.Integer(
        string="Theme Day Reminder (Days Before)",
        help="The members of a branch are reminded to declare their additions "
        "from this many days before each planned theme Party day until the day "
        "itself, once each: with 3, a theme day on the 20th is reminded from the "
        "17th; 0 reminds them on the day only.",
    )

    def _party_check_committee(self):
        if not self.env.user.has_group("party_points.group_party_working_committee"):
            raise AccessError(
                self.env._(
                    "Only the Party working committee changes the Party Points "
                    "settings."
                )
            )

    @api.model
    def default_get(self, fields_list):
        self._party_check_committee()
        values = super().default_get(fields_list)
        company = self.env.company
        for name in PARTY_SETTINGS_FIELDS:
            if name in fields_list:
                values[name] = company[name]
        return values

    @api.model_create_multi
    def create(self, vals_list):
        self._party_check_committee()
        for vals in vals_list:
            # always the current company, whatever the caller sends
            vals["company_id"] = self.env.company.id
        return super().create(vals_list)

    def _compute_display_name(self):
        for settings in self:
            settings.display_name = self.env._("Party Points Settings")

    @api.model
    def action_open_settings(self):
        """配置 → 设置: the form of the current company's settings, saved at
        once so that it opens as a record (a title, no "New")."""
        self._party_check_committee()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_points.party_settings_action"
        )
        action["res_id"] = self.create({}).id
        return action

    def action_save(self):
        """Write the form's values on the current company and log them."""
        self.ensure_one()
        self._party_check_committee()
        company = self.env.company
        if self.company_id != company:
            raise UserError(
                self.env._(
                    "These settings belong to %(company)s: open the Party Points "
                    "settings again in the current company.",
                    company=self.company_id.name,
                )
            )
        # sudo: only administrators write companies; the committee member was
        # checked above and writes the party settings of their own company
        company_sudo = company.sudo()
        changes = {
            name: self[name]
            for name in PARTY_SETTINGS_FIELDS
            if self[name] != company_sudo[name]
        }
        if changes:
            old = {name: company_sudo[name] for name in changes}
            company_sudo.write(changes)
            self._party_log_changes(company_sudo, old)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Party Points Settings"),
                "message": self.env._(
                    "The settings of %(company)s are saved.", company=company.name
                )
                if changes
                else self.env._("Nothing has changed."),
                "type": "success",
            },
        }

    def _party_log_changes(self, company, old):
        """A note on the company's contact: who changed which setting, from
        what to what (the company has no chatter of its own)."""
        rows = Markup()
        for name, before in old.items():
            field = self._fields[name]
            label = field._description_string(self.env)
            rows += Markup("<li>%s: %s → %s</li>") % (
                label,
                self._party_display_value(name, before),
                self._party_display_value(name, company[name]),
            )
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            escape(self.env._("Party Points settings changed:")),
            rows,
        )
        company.partner_id._message_log(
            body=body, author_id=self.env.user.partner_id.id
        )

    def _party_display_value(self, name, value):
        field = self._fields[name]
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, value)
        if field.type == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        if field.type == "float":
            return f"{value:g}"
        return str(value)
