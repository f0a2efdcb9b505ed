# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .party_mobile_member_report import _format_date, _label


class PartyMobileCertificateReport(models.AbstractModel):
    """流动党员活动证 (R-MOB-2): the certificate with the member's photo,
    its register data and the host organisations' entries."""

    _name = "report.party_points.report_party_mobile_certificate"
    _description = "Mobile Member Activity Certificate"

    @api.model
    def _get_report_values(self, docids, data=None):
        certificates = self.env["party.mobile.certificate"].browse(docids)
        certificates.check_access("read")
        return {
            "doc_ids": certificates.ids,
            "doc_model": "party.mobile.certificate",
            # sudo: the certificate prints the member's photo and data and the
            # host organisations' entries, past the reader's rules once the
            # certificate itself is readable (checked above)
            "docs": certificates.sudo(),
            "label": _label,
            "format_date": lambda day: _format_date(self.env, day),
            # sudo: the issuing committee is named, readable or not
            "issuer": {c.id: self._issuer(c.sudo()) for c in certificates},
        }

    def _issuer(self, certificate):
        committee_sudo = (
            # sudo: the committee above the certificate's branch is named on
            # the certificate; the reader may not read that branch
            self.env["party.branch"]
            .sudo()
            .search(
                [
                    ("kind", "=", "committee"),
                    ("id", "parent_of", certificate.branch_id.id),
                ],
                order="parent_path",
                limit=1,
            )
        )
        return committee_sudo.name or certificate.company_id.name
