# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import api, models
from odoo.exceptions import UserError

from ..models.party_workflow_mixin import party_today


class PartyAnnualResultsReport(models.AbstractModel):
    """年度积分运用结果 (DOMAIN §5, issue 10 item 1): for an organisation and
    the organisations under it, one cycle: the distribution of the scores by
    grade band, the outstanding candidates and honours (R-USE-1), the laggard
    cases (R-USE-2) and the eligibility flags (R-USE-3, R-USE-4).

    Every figure is counted with ``_read_group`` and read with the printing
    user's rights: a secretary prints the branches they serve."""

    _name = "report.party_points.report_party_annual_results"
    _description = "Annual Points Results"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        if not docids:
            # printed through the wizard: the web client sends the options
            # (``data``) without record ids
            docids = [
                value
                for value in data.get("branch_ids") or []
                if isinstance(value, int) and not isinstance(value, bool)
            ]
        branches = self.env["party.branch"].browse(docids).exists()
        if not branches:
            raise UserError(
                self.env._(
                    "Choose the Party organisation whose annual results to print."
                )
            )
        branches.check_access("read")
        reports = {}
        for branch in branches:
            cycle = self._cycle(branch, data.get("cycle_id"))
            reports[branch.id] = self._branch_results(branch, cycle)
        return {
            "doc_ids": branches.ids,
            "doc_model": "party.branch",
            "docs": branches,
            "results": reports,
        }

    @api.model
    def _cycle(self, branch, cycle_id=None):
        Cycle = self.env["party.score.cycle"]
        if cycle_id:
            cycle = Cycle.browse(cycle_id).exists()
            if cycle.company_id != branch.company_id:
                raise UserError(
                    self.env._(
                        "The points cycle and %(branch)s belong to different "
                        "companies: choose a cycle of the organisation's company.",
                        branch=branch.name,
                    )
                )
            return cycle
        # printed from the organisation: the cycle of the current year
        year = party_today(self).year
        cycle = Cycle.search(
            [("company_id", "=", branch.company_id.id), ("year", "=", year)], limit=1
        )
        if not cycle:
            raise UserError(
                self.env._(
                    "There is no points cycle for %(year)s: print the annual results "
                    "from a points cycle.",
                    year=year,
                )
            )
        return cycle

    @api.model
    def _branch_results(self, branch, cycle):
        Card = self.env["party.score.card"]
        card_domain = [
            ("cycle_id", "=", cycle.id),
            ("branch_id", "child_of", branch.id),
        ]
        grades = self.env["party.score.grade"].search(
            [("company_id", "=", branch.company_id.id)], order="min_score desc"
        )
        # one grouped query per figure, by scoring branch
        totals = {
            group_branch: (count, total)
            for group_branch, count, total in Card._read_group(
                card_domain, ["branch_id"], ["__count", "total_score:sum"]
            )
        }
        upper = None
        band_counts = []
        for grade in grades:
            domain = [*card_domain, ("total_score", ">=", grade.min_score)]
            if upper is not None:
                domain.append(("total_score", "<", upper))
            band_counts.append(
                dict(Card._read_group(domain, ["branch_id"], ["__count"]))
            )
            upper = grade.min_score
        flag_fields = ["is_outstanding_candidate", "is_outstanding"]
        flag_counts = {
            name: dict(
                Card._read_group(
                    [*card_domain, (name, "=", True)], ["branch_id"], ["__count"]
                )
            )
            for name in flag_fields
        }
        Case = self.env["party.laggard.case"]
        case_domain = [
            ("scoring_branch_id", "child_of", branch.id),
            "|",
            ("cycle_id", "=", cycle.id),
            "&",
            ("cycle_id", "=", False),
            "&",
            ("open_date", ">=", date(cycle.year, 1, 1)),
            ("open_date", "<=", date(cycle.year, 12, 31)),
        ]
        case_counts = dict(
            Case._read_group(case_domain, ["scoring_branch_id"], ["__count"])
        )

        # the organisations of the tree that hold a figure, rolled up
        holders = set(totals) | set(case_counts) | {b for c in band_counts for b in c}
        tree = self.env["party.branch"].search(
            [("id", "child_of", branch.id)], order="parent_path"
        )

        def rolled(counts, org):
            prefix = org.parent_path
            return sum(
                value
                for holder, value in counts.items()
                if (holder.parent_path or "").startswith(prefix)
            )

        rows = []
        for org in tree:
            if org != branch and not any(
                (h.parent_path or "").startswith(org.parent_path) for h in holders
            ):
                continue
            count = rolled({b: v[0] for b, v in totals.items()}, org)
            total = rolled({b: v[1] for b, v in totals.items()}, org)
            rows.append(
                {
                    "name": org.name,
                    "depth": len(org.parent_path.split("/"))
                    - len(branch.parent_path.split("/")),
                    "count": count,
                    "average": round(total / count, 1) if count else 0.0,
                    "bands": [rolled(counts, org) for counts in band_counts],
                    "candidates": rolled(flag_counts["is_outstanding_candidate"], org),
                    "outstanding": rolled(flag_counts["is_outstanding"], org),
                    "laggards": rolled(case_counts, org),
                }
            )

        honours = Card.search(
            [
                *card_domain,
                "|",
                ("is_outstanding_candidate", "=", True),
                ("is_outstanding", "=", True),
            ],
            order="total_score desc, id",
        )
        flagged = Card.search(
            [
                *card_domain,
                "|",
                "|",
                "|",
                ("has_veto", "=", True),
                ("flag_probation_cancel", "=", True),
                ("flag_not_development_target", "=", True),
                ("flag_transfer_deferred", "=", True),
            ],
            order="total_score, id",
        )
        flag_labels = {
            name: Card._fields[name].get_description(self.env)["string"]
            for name in (
                "has_veto",
                "flag_probation_cancel",
                "flag_not_development_target",
                "flag_transfer_deferred",
            )
        }
        appraisals = self._appraisal_rows(card_domain, cycle, grades)
        states = dict(Case._fields["state"]._description_selection(self.env))
        outcomes = dict(Case._fields["outcome"]._description_selection(self.env))
        yes = self.env._("Yes")
        return {
            "cycle": cycle,
            "title": self.env._(
                "%(organisation)s %(year)s Annual Results of the Party Members' Points",
                organisation=branch.name,
                year=cycle.year,
            ),
            "subtitle": self.env._(
                "Base score %(base)s; outstanding from %(outstanding)s; laggard "
                "below %(laggard)s. Cycle %(state)s.",
                base=cycle.base_score,
                outstanding=cycle.outstanding_threshold,
                laggard=cycle.laggard_threshold,
                state=dict(cycle._fields["state"]._description_selection(self.env)).get(
                    cycle.state
                ),
            ),
            "grades": [
                {"name": grade.name, "band": grade.band_label} for grade in grades
            ],
            "rows": rows,
            "honours": [
                {
                    "name": card.member_id.name,
                    "branch": card.branch_id.name,
                    "score": card.total_score,
                    "rank": card.final_rank or card.rank_in_branch,
                    "candidate": yes if card.is_outstanding_candidate else "",
                    "outstanding": yes if card.is_outstanding else "",
                }
                for card in honours
            ],
            "cases": [
                {
                    "name": case.member_id.name,
                    "branch": case.scoring_branch_id.name,
                    "open_date": case.open_date,
                    "score": case.score,
                    "state": states.get(case.state, ""),
                    "outcome": outcomes.get(case.outcome, ""),
                }
                for case in Case.search(case_domain, order="open_date, id")
            ],
            "appraisals": appraisals,
            "flagged": [
                {
                    "name": card.member_id.name,
                    "branch": card.branch_id.name,
                    "score": card.total_score,
                    "flags": "; ".join(
                        label for name, label in flag_labels.items() if card[name]
                    ),
                }
                for card in flagged
            ],
        }

    def _appraisal_rows(self, card_domain, cycle, grades):
        """R-USE-5, 民主评议党员: each member's grade of the year's published
        democratic appraisal next to the points grade (the close's frozen
        grade, else the band the score reaches)."""
        cards = self.env["party.score.card"].search(card_domain, order="id")
        published = self.env["party.appraisal.result"]._published_grades(
            cards.member_id, {cycle.year}
        )
        if not published:
            return []
        labels = dict(
            self.env["party.appraisal.result"]
            ._fields["committee_grade"]
            ._description_selection(self.env)
        )
        rows = []
        for card in cards.sorted(lambda c: (c.branch_id.name or "", c.member_id.name)):
            grade = published.get((card.member_id.id, cycle.year))
            if not grade:
                continue
            band = card.final_grade_id or next(
                (g for g in grades if g.min_score <= card.total_score), grades[:0]
            )
            rows.append(
                {
                    "name": card.member_id.name,
                    "branch": card.branch_id.name,
                    "score": card.total_score,
                    "points_grade": band.name or "",
                    "appraisal_grade": labels.get(grade, ""),
                }
            )
        return rows
