# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.party_workflow_mixin import party_today
from ..reports.party_score_ledger_xlsx import LEDGER_KINDS


class PartyScoreLedgerExport(models.TransientModel):
    """Chooses a points ledger to download as XLSX (积分总台账, 加分台账,
    扣分台账, 公示版, HR's yearly assessment) of one organisation; the
    download prints this wizard through its report action, under the user's
    rights (each kind of a whole cycle is also in the cycle's Print menu)."""

    _name = "party.score.ledger.export"
    _description = "Export a Points Ledger"

    cycle_id = fields.Many2one(
        "party.score.cycle",
        required=True,
        default=lambda self: self._default_cycle(),
    )
    branch_id = fields.Many2one(
        "party.branch",
        string="Organisation",
        help="This organisation and those under it; empty: every member you may "
        "read.",
    )
    kind = fields.Selection(
        LEDGER_KINDS, string="Ledger", required=True, default="total"
    )

    @api.model
    def _default_cycle(self):
        return self.env["party.score.cycle"].search(
            [
                ("company_id", "=", self.env.company.id),
                ("year", "<=", party_today(self).year),
            ],
            order="year desc",
            limit=1,
        )

    def action_export(self):
        self.ensure_one()
        action = self.env.ref(
            "party_points.action_report_party_score_ledger_export_xlsx"
        ).report_action(self, data={}, config=False)
        # no data: the web client prints the wizard's id (an empty dict, not
        # None, which XML-RPC cannot send)
        action["close_on_report_download"] = True
        return action

    def _get_report_base_filename(self):
        """The file's name, as the ledgers were always named: who, the year,
        the ledger (第一党支部 2025-积分总台账)."""
        self.ensure_one()
        who = self.branch_id.name or self.cycle_id.company_id.name
        kind = dict(self.env["report.party_points.score_ledger_xlsx"]._kinds())[
            self.kind
        ]
        return f"{who} {self.cycle_id.year}-{kind}"
