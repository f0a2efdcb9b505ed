# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SurveySurvey(models.Model):
    """民主评议党员 (seed 000) runs on Odoo's survey engine: the shipped
    template and each campaign's copy are surveys of their own type. Odoo's
    record rules on answers list the types a survey officer reads: answers
    of this type are read by no one but the campaign's own code (sudo), so
    a peer's rating stays anonymous (hr_appraisal_survey does the same)."""

    _inherit = "survey.survey"

    survey_type = fields.Selection(
        selection_add=[("party_appraisal", "Democratic Appraisal of Party Members")],
        ondelete={"party_appraisal": "set default"},
    )
    party_appraisal_template = fields.Boolean(
        string="Democratic Appraisal Template",
        help="Offered to the branch secretary as the form of a new democratic "
        "appraisal campaign (民主评议党员); each campaign rates on its own copy.",
    )
    party_campaign_id = fields.Many2one(
        "party.appraisal.campaign",
        string="Democratic Appraisal Campaign",
        readonly=True,
        index="btree_not_null",
        copy=False,
    )

    @api.depends("survey_type")
    def _compute_allowed_survey_types(self):
        res = super()._compute_allowed_survey_types()
        for survey in self.filtered(lambda s: s.survey_type == "party_appraisal"):
            survey.allowed_survey_types = [
                *(survey.allowed_survey_types or []),
                "party_appraisal",
            ]
        return res

    def write(self, vals):
        self._party_check_campaign_form()
        return super().write(vals)

    def unlink(self):
        self._party_check_campaign_form()
        return super().unlink()

    def _party_check_campaign_form(self):
        """A campaign's own copy of the form is the campaign's: its questions
        and the grades of its choices decide what the ratings count, so no
        survey officer changes it in the Survey app; the campaign's code
        (as the system) alone opens, closes and archives it. The template
        stays editable."""
        if self.env.su:
            return
        # sudo: the campaign a survey belongs to, whoever edits the survey
        campaigns_sudo = self.sudo().party_campaign_id
        if campaigns_sudo:
            raise UserError(
                self.env._(
                    "The form of %(campaign)s is the campaign's own: it is not "
                    "changed in the Survey app. Change the template before the "
                    "next campaign.",
                    campaign=campaigns_sudo[0].name,
                )
            )
