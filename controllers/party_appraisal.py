# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""民主评议党员 on Odoo's survey pages.

A rating is a ``survey.user_input`` made by the campaign for one rater and
one member; its token is the rater's personal link. Odoo's survey routes
take the answers (as the system, as they always do); the campaign's dates
and state are checked here before a page shows and again by the model
before anything is saved. The list of a rater's ratings is shown to the
logged-in rater (/my/appraisal) or to whoever holds the rater's personal
token (/party/appraisal/<token>), never anyone else's."""

from odoo import http
from odoo.http import request

from odoo.addons.survey.controllers.main import Survey


class PartyAppraisalSurvey(Survey):
    def _check_validity(
        self, survey_token, answer_token, ensure_token=True, check_partner=True
    ):
        validity = super()._check_validity(
            survey_token,
            answer_token,
            ensure_token=ensure_token,
            check_partner=check_partner,
        )
        if validity is not True:
            return validity
        _survey_sudo, answer_sudo = self._fetch_from_access_token(
            survey_token, answer_token
        )
        if answer_sudo.party_campaign_id and answer_sudo._party_rating_error():
            return "survey_closed"
        return validity

    def _redirect_with_error(self, access_data, error_key):
        answer_sudo = access_data["answer_sudo"]
        if error_key == "survey_closed" and answer_sudo.party_campaign_id:
            # the rater reads why, and when the appraisal takes ratings
            return request.render(
                "party_points.survey_party_appraisal_closed",
                {
                    "survey": access_data["survey_sudo"],
                    "reason": answer_sudo._party_rating_error(),
                },
            )
        return super()._redirect_with_error(access_data, error_key)


class PartyAppraisalPortal(http.Controller):
    def _party_ratings_values(self, answers_sudo):
        campaigns = []
        for campaign_sudo in answers_sudo.party_campaign_id.sorted("id"):
            mine_sudo = answers_sudo.filtered(
                lambda a, c=campaign_sudo: a.party_campaign_id == c
            ).sorted(
                lambda a: (
                    a.party_rater_kind != "self",
                    a.party_ratee_member_id.name or "",
                    a.id,
                )
            )
            campaigns.append(
                {
                    "campaign": campaign_sudo,
                    "answers": mine_sudo,
                    "closed_reason": {
                        kind: campaign_sudo._rating_closed_reason(kind)
                        for kind in ("self", "peer")
                    },
                }
            )
        kinds = dict(
            request.env["survey.user_input"]
            ._fields["party_rater_kind"]
            ._description_selection(request.env)
        )
        return {"campaigns": campaigns, "kinds": kinds, "page_name": "party_appraisal"}

    @http.route("/my/appraisal", type="http", auth="user", website=True)
    def portal_party_appraisal(self, **kw):
        # sudo: the answers are read by no user; the logged-in rater's own
        # only, found by their contact
        answers_sudo = (
            request.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("party_campaign_id", "!=", False),
                    ("partner_id", "=", request.env.user.partner_id.id),
                    ("party_campaign_id.state", "!=", "draft"),
                ]
            )
        )
        return request.render(
            "party_points.portal_party_appraisal",
            self._party_ratings_values(answers_sudo),
        )

    @http.route(
        "/party/appraisal/<string:token>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def party_appraisal_personal(self, token, **kw):
        if not token or len(token) < 32:
            raise request.not_found()
        # sudo: the personal link's holder is the rater; their ratings only
        answers_sudo = (
            request.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("party_campaign_id", "!=", False),
                    ("invite_token", "=", token),
                    ("party_campaign_id.state", "!=", "draft"),
                ]
            )
        )
        if not answers_sudo:
            raise request.not_found()
        return request.render(
            "party_points.portal_party_appraisal",
            self._party_ratings_values(answers_sudo),
        )
