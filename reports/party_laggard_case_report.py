# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class PartyLaggardCaseReport(models.AbstractModel):
    """后进党员评定呈报表 (seed 002 附件3).

    The official form carries the member's phone and ID number, which only
    organisation officers (分管组织的支委) see (R-MEM-3). Whoever may read the
    case prints the form; the two sensitive values are filled in for an
    organisation officer only (read with sudo once the case is readable:
    the officer may serve another organisation than the member's), and
    left blank, to be written by hand, for everyone else (a recorder, an
    HR officer, the member).
    """

    _name = "report.party_points.report_party_laggard_case"
    _description = "Laggard Member Evaluation Report Form"

    @api.model
    def _get_report_values(self, docids, data=None):
        cases = self.env["party.laggard.case"].browse(docids)
        cases.check_access("read")
        officer = self.env.user.has_group("party_points.group_party_organisation")
        # sudo: the phone and ID number are behind the organisation group on
        # the member, who may belong to another organisation than the officer's
        sensitive = {
            case.id: {
                "phone": case.member_id.sudo().phone or "" if officer else "",
                "id_number": case.member_id.sudo().id_number or "" if officer else "",
            }
            for case in cases
        }
        # sudo: the dates of the case's steps are printed whoever reads the
        # case (checked above), even a reader the steps' rules do not cover
        determinations = {
            case.id: case.sudo()
            .step_ids.filtered(lambda s: s.step == "determine")[-1:]
            .date
            for case in cases
        }
        decision_steps = ("decide", "designate_directly")
        # sudo: as for the determinations above
        decisions = {
            case.id: case.sudo()
            .step_ids.filtered(lambda s: s.step in decision_steps)[-1:]
            .date
            for case in cases
        }
        return {
            "doc_ids": cases.ids,
            "doc_model": "party.laggard.case",
            # sudo: the form names the member, branches and people of a case
            # the reader may read (checked above) but not all its links
            "docs": cases.sudo(),
            "sensitive": sensitive,
            "format_date": self._format_form_date,
            "determinations": determinations,
            "decisions": decisions,
        }

    def _format_form_date(self, day):
        """年 月 日 as on the paper form: filled when the step is recorded,
        blank for a signature by hand otherwise."""
        if not day:
            return self.env._(
                "%(year)s Year %(month)s Month %(day)s Day",
                year="\u3000\u3000",
                month="\u3000",
                day="\u3000",
            )
        return self.env._(
            "%(year)s Year %(month)s Month %(day)s Day",
            year=day.year,
            month=day.month,
            day=day.day,
        )
