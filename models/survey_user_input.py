# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

RATER_KINDS = [
    ("self", "Self-appraisal"),
    ("peer", "Appraisal by a Member"),
    ("mass", "Mass Appraisal"),
]


class SurveyUserInput(models.Model):
    """One rating of a democratic appraisal: one rater, one member rated
    (民主评议党员: 个人自评, 党员互评, 群众评议). Created only by the campaign
    (``party.appraisal.campaign.action_open``), one per rater and member,
    so each rater rates each member once; the survey's answer token is the
    rater's personal link. Answers of an appraisal survey are read by no
    user (Odoo's rules on answers list the survey types an officer reads):
    only the counts of the result are shown."""

    _inherit = "survey.user_input"

    party_campaign_id = fields.Many2one(
        "party.appraisal.campaign",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    party_result_id = fields.Many2one(
        "party.appraisal.result",
        string="Member Rated",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    party_ratee_member_id = fields.Many2one(
        related="party_result_id.member_id", string="Party Member Rated"
    )
    party_rater_kind = fields.Selection(RATER_KINDS, readonly=True)

    def _save_lines(self, question, answer, comment=None, overwrite_existing=True):
        # the campaign's dates and state decide, whoever saves (the survey
        # pages save as the system); a rating given is given once
        self._party_check_rating_open()
        if self.party_campaign_id and self.state == "done":
            raise UserError(
                self.env._(
                    "You have already rated this member: a rating is given once."
                )
            )
        return super()._save_lines(
            question, answer, comment=comment, overwrite_existing=overwrite_existing
        )

    def _mark_in_progress(self):
        self._party_check_rating_open()
        return super()._mark_in_progress()

    def _mark_done(self):
        self._party_check_rating_open()
        res = super()._mark_done()
        results_sudo = self.party_result_id
        if results_sudo:
            # sudo: a rating done updates the counts of the member rated,
            # which no rater may read
            results_sudo.sudo()._party_refresh_votes()
        return res

    def _party_check_rating_open(self):
        for answer in self.filtered("party_campaign_id"):
            # sudo: the campaign's dates, whoever rates (a portal member, a
            # personal link)
            answer.party_campaign_id.sudo()._check_rating_open(answer.party_rater_kind)

    def _party_rating_error(self):
        """Why this rating cannot be taken now (a sentence), or False."""
        self.ensure_one()
        if not self.party_campaign_id:
            return False
        # sudo: as above
        return self.party_campaign_id.sudo()._rating_closed_reason(
            self.party_rater_kind
        )
