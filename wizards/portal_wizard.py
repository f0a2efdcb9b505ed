# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields, models
from odoo.tools import email_normalize


class PortalWizardUser(models.TransientModel):
    """Odoo's portal wizard grants a Party member portal access (issue 10,
    issue 18 item 3: ``party.member.action_create_portal_users``). Odoo's
    wizard wants an e-mail address; a member without one gets the login the
    addon gives (``pm<id>@<company domain>``) in its place, which the wizard
    neither writes on the contact nor mails: an administrator sets the
    password."""

    _inherit = "portal.wizard.user"

    party_login_only = fields.Boolean(
        string="Login without E-mail",
        help="The e-mail holds the member's login, not an address.",
    )

    def _create_user(self):
        if not self.party_login_only:
            return super()._create_user()
        # the wizard's own user, without the login as the contact's e-mail
        return (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            ._create_user_from_template(
                {
                    "login": email_normalize(self.email),
                    "partner_id": self.partner_id.id,
                    "company_id": self.env.company.id,
                    "company_ids": [Command.set(self.env.company.ids)],
                }
            )
        )

    def _update_partner_email(self):
        if self.party_login_only:
            return None
        return super()._update_partner_email()

    def _send_email(self):
        if self.party_login_only:
            return True
        return super()._send_email()
