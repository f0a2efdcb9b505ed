# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# 民主评议党员 (seed 000): the four grades of a rating
APPRAISAL_GRADES = [
    ("excellent", "Excellent"),
    ("qualified", "Qualified"),
    ("basic", "Basically Qualified"),
    ("unqualified", "Unqualified"),
]

QUESTION_ROLES = [
    ("content", "One of the Five Contents"),
    ("overall", "Overall Grade (the vote)"),
    ("text", "Opinion / Self-appraisal Text"),
]


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    party_appraisal_role = fields.Selection(
        QUESTION_ROLES,
        string="Democratic Appraisal Role",
        help="What the democratic appraisal reads from this question: the "
        "overall grade is the vote counted per member, the text is the "
        "self-appraisal of a member rating themself.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        surveys = self.env["survey.survey"].browse(
            {vals["survey_id"] for vals in vals_list if vals.get("survey_id")}
        )
        surveys._party_check_campaign_form()
        return super().create(vals_list)

    def write(self, vals):
        # sudo: the survey of each question, to find its campaign
        self.sudo().survey_id.with_env(self.env)._party_check_campaign_form()
        return super().write(vals)

    def unlink(self):
        # sudo: as in write
        self.sudo().survey_id.with_env(self.env)._party_check_campaign_form()
        return super().unlink()


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    party_grade = fields.Selection(
        APPRAISAL_GRADES,
        string="Democratic Appraisal Grade",
        help="The grade this choice gives in a democratic appraisal.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        questions = self.env["survey.question"].browse(
            {vals["question_id"] for vals in vals_list if vals.get("question_id")}
        )
        # sudo: the survey of each question, to find its campaign
        questions.sudo().survey_id.with_env(self.env)._party_check_campaign_form()
        return super().create(vals_list)

    def write(self, vals):
        # sudo: the survey of each choice, to find its campaign
        self.sudo()._party_surveys().with_env(self.env)._party_check_campaign_form()
        return super().write(vals)

    def unlink(self):
        # sudo: as in write
        self.sudo()._party_surveys().with_env(self.env)._party_check_campaign_form()
        return super().unlink()

    def _party_surveys(self):
        """The surveys of these choices (of a question, or of a matrix row)."""
        return self.question_id.survey_id | self.matrix_question_id.survey_id
