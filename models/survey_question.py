# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

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


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    party_grade = fields.Selection(
        APPRAISAL_GRADES,
        string="Democratic Appraisal Grade",
        help="The grade this choice gives in a democratic appraisal.",
    )
