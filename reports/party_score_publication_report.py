# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class PartyScorePublicationReport(models.AbstractModel):
    """季度积分公示 (R-SCORE-8): only a published quarter goes on the notice
    board, with the scores and ranks as they were published."""

    _name = "report.party_points.report_party_score_publication"
    _description = "Quarterly Points Notice"

    @api.model
    def _get_report_values(self, docids, data=None):
        publications = self.env["party.score.publication"].browse(docids)
        publications.check_access("read")
        unpublished = publications.filtered(lambda p: p.state != "published")
        if unpublished:
            raise UserError(
                self.env._(
                    "%(publication)s is not published: only a published quarter "
                    "is posted on the notice board.",
                    publication=unpublished[0].display_name,
                )
            )

        def day(value):
            if not value:
                return ""
            local = fields.Datetime.context_timestamp(publications, value)
            return self.env._(
                "%(year)s Year %(month)s Month %(day)s Day",
                year=local.year,
                month=local.month,
                day=local.day,
            )

        quarter_labels = {
            "1": self.env._("First Quarter"),
            "2": self.env._("Second Quarter"),
            "3": self.env._("Third Quarter"),
            "4": self.env._("Fourth Quarter"),
        }
        # sudo: the notice board shows every member's name, score and rank to
        # all who may read the publication (members of the branch included):
        # the rows come from the snapshot, read once access to it is checked
        rows = {
            publication.id: [
                {
                    "name": snapshot_sudo.member_id.name,
                    "veto": snapshot_sudo.has_veto,
                    "quarter_points": snapshot_sudo.quarter_points,
                    "score": snapshot_sudo.score,
                    "rank": snapshot_sudo.rank,
                }
                for snapshot_sudo in publication.sudo().snapshot_ids.sorted(
                    lambda s: (s.rank, s.member_id.name)
                )
            ]
            for publication in publications
        }
        titles = {
            p.id: self.env._(
                "%(branch)s %(year)s %(quarter)s Party Members' Points Notice",
                branch=p.branch_id.name,
                year=p.cycle_id.year,
                quarter=quarter_labels[p.quarter],
            )
            for p in publications
        }
        subtitles = {
            p.id: self.env._(
                "Approved by the branch committee on %(approved)s; published on "
                "%(published)s.",
                approved=day(p.approved_date),
                published=day(p.published_date),
            )
            for p in publications
        }
        return {
            "titles": titles,
            "subtitles": subtitles,
            "rows": rows,
            # sudo: the secretary signs the notice; a member of the branch
            # reads no other member's record
            "secretaries": {
                p.id: p.sudo().branch_id.secretary_id.name or "" for p in publications
            },
            "doc_ids": publications.ids,
            "doc_model": "party.score.publication",
            "docs": publications,
            "published_on": {p.id: day(p.published_date) for p in publications},
        }
