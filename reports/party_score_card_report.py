# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from ..models.party_score_card import FLAG_FIELDS
from ..models.party_score_line import COUNTED_STATES


class PartyScoreCardReport(models.AbstractModel):
    """党员积分制动态量化考评手册: a member's cycle as the paper handbook
    kept it (seed 002): every counted line by quarter with its item, points,
    evidence note and approver, quarterly subtotals and running scores
    (R-SCORE-3), then the year's score, rank, honour and flags (R-USE-1/3/4).
    Printed by whoever may read the card: the member, the branch, the
    committee, HR."""

    _name = "report.party_points.report_party_score_card"
    _description = "Assessment Handbook"

    @api.model
    def _get_report_values(self, docids, data=None):
        cards = self.env["party.score.card"].browse(docids)
        cards.check_access("read")
        return {
            "doc_ids": cards.ids,
            "doc_model": "party.score.card",
            "docs": cards,
            "handbooks": {card.id: self._handbook(card) for card in cards},
        }

    def _label(self, record, field_name):
        field = record._fields[field_name]
        return dict(field._description_selection(self.env)).get(record[field_name], "")

    def _handbook(self, card):
        member = card.member_id
        lines = card.line_ids.filtered(lambda x: x.state in COUNTED_STATES).sorted(
            lambda x: (x.date, x.id)
        )
        quarter_names = {
            "1": self.env._("First Quarter"),
            "2": self.env._("Second Quarter"),
            "3": self.env._("Third Quarter"),
            "4": self.env._("Fourth Quarter"),
        }
        quarters = []
        for key in "1234":
            in_quarter = lines.filtered(lambda x, key=key: x.quarter == key)
            subtotal = card[f"q{key}_points"]
            quarters.append(
                {
                    "label": quarter_names[key],
                    "lines": [
                        {
                            "date": line.date.strftime("%Y-%m-%d"),
                            "item": f"{line.standard_id.code} {line.standard_id.name}",
                            "points": f"{line.points:+d}",
                            "note": self._note(line),
                            "approver": line.approved_by_id.name or "",
                        }
                        for line in in_quarter
                    ],
                    "subtotal_label": self.env._(
                        "%(quarter)s subtotal", quarter=quarter_names[key]
                    ),
                    "subtotal": f"{subtotal:+d}",
                    "running_label": self.env._(
                        "Score at the end of the quarter: %(score)s",
                        score=card._score_until(key),
                    ),
                }
            )
        honours = []
        if card.is_outstanding:
            honours.append(self.env._("Outstanding Member"))
        # R-USE-3/4: the flags once the result is final, else the projection,
        # whose label says it is one
        for flag, projection in FLAG_FIELDS.items():
            name = flag if card.results_final else projection
            if card[name]:
                honours.append(card._fields[name].get_description(self.env)["string"])
        waiting = card.line_ids.filtered(
            lambda x: x.state in ("draft", "submitted", "verified")
        )
        return {
            "info": {
                "year_label": self.env._("Cycle %(year)s", year=card.year),
                "name": member.name,
                "gender": self._label(member, "gender"),
                "member_type": self._label(card, "member_type"),
                "branch": card.branch_id.complete_name or "",
                "join_date": member.join_month_label,
                "base": card.base_score,
                "additions": f"{card.addition_points:+d}",
                "deductions": f"{card.deduction_points:+d}",
                "total": card.total_score,
                "rank": card.rank_in_branch or "",
                "veto": self.env._("Yes") if card.has_veto else self.env._("No"),
                "honours": "; ".join(honours) or self.env._("None"),
                "waiting": self.env._(
                    "%(count)s lines still wait for their decision and are not "
                    "counted yet.",
                    count=len(waiting),
                )
                if waiting
                else "",
            },
            "quarters": quarters,
        }

    def _note(self, line):
        note = line.description or ""
        # sudo: the card was checked: its own lines' evidence is named, whoever
        # filed it (an attachment is readable by its filer and the record's)
        if line.sudo().attachment_ids:
            evidence = self.env._(
                "Evidence: %(files)s",
                # sudo: the same evidence, named
                files=", ".join(line.sudo().attachment_ids.mapped("name")),
            )
            note = f"{note} ({evidence})" if note else evidence
        if line.correction_of_id:
            note = self.env._(
                "Correction of %(line)s: %(reason)s",
                line=line.correction_of_id.display_name,
                reason=line.correction_reason or "",
            )
        return note
