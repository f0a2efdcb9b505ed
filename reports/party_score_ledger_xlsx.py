# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models

from ..models.party_score_standard import SCORE_CATEGORIES

# rows read and written at a time: memory stays flat whatever the company's size
BATCH = 2000

LEDGER_KINDS = [
    ("total", "Points General Ledger"),
    ("additions", "Additions Ledger"),
    ("deductions", "Deductions Ledger"),
    ("notice", "Public Notice Version"),
    ("assessment", "HR Yearly Assessment"),
]


class PartyScoreLedgerXlsx(models.AbstractModel):
    """The points ledgers of a cycle as XLSX workbooks (issue 10).

    积分总台账 (one row per member: base, additions and deductions by
    indicator, total, rank), 加分台账 and 扣分台账 (one row per approved
    line) and 公示版 (name, score and rank only, for the notice board). The
    user's record rules decide which members and lines appear. Rows are read
    in batches and written with xlsxwriter's ``constant_memory`` mode, so a
    ledger of tens of thousands of members keeps a flat memory.
    """

    _name = "report.party_points.score_ledger_xlsx"
    _inherit = "report.party_points.report_xlsx"
    _description = "Points Ledgers (XLSX)"

    @api.private  # called by report_xlsx's create_xlsx_report
    def get_workbook_options(self):
        # rows go to disk as they are written: memory stays flat
        return {"constant_memory": True}

    @api.private  # called by report_xlsx's create_xlsx_report
    def generate_xlsx_report(self, workbook, data, wizards):
        """The ledger each export wizard chose (kind, cycle, organisation)."""
        for wizard in wizards:
            self._write_ledger(workbook, wizard.cycle_id, wizard.kind, wizard.branch_id)

    def _write_ledger(self, workbook, cycle, kind, branch=None):
        """Add the sheet of the ledger ``kind`` of ``cycle``, for ``branch``
        and the organisations under it (every member the user reads when
        empty)."""
        # the wizard's many2ones are ids the user chose: read them as the user
        cycle.check_access("read")
        if branch:
            branch.check_access("read")
        title = dict(self._kinds())[kind]
        heading = f"{branch.name if branch else cycle.company_id.name} "
        columns, rows = getattr(self, f"_{kind}_ledger")(cycle, branch)
        sheet, first = self._party_sheet(
            workbook, f"{cycle.year} {title}", f"{heading}{cycle.year} {title}", columns
        )
        for row, values in enumerate(rows, start=first):
            self._party_write_row(sheet, row, values)

    def _kinds(self):
        labels = {
            "total": self.env._("Points General Ledger"),
            "additions": self.env._("Additions Ledger"),
            "deductions": self.env._("Deductions Ledger"),
            "notice": self.env._("Public Notice Version"),
            "assessment": self.env._("HR Yearly Assessment"),
        }
        return [(key, labels[key]) for key, _label in LEDGER_KINDS]

    # ------------------------------------------------------------------
    # The ledgers: columns, then rows produced batch by batch
    # ------------------------------------------------------------------

    def _cards(self, cycle, branch):
        domain = [("cycle_id", "=", cycle.id)]
        if branch:
            domain.append(("branch_id", "child_of", branch.id))
        # ids only (cheap), in the order of the ledger; records batch by batch
        return self.env["party.score.card"].search(
            domain, order="branch_id, total_score desc, member_id, id"
        )

    def _batches(self, records):
        """``records`` batch by batch, each prefetching only itself; the
        cache is emptied after each one."""
        ids = records.ids
        for start in range(0, len(ids), BATCH):
            yield records.browse(ids[start : start + BATCH])
            self.env.invalidate_all()

    def _total_ledger(self, cycle, branch):
        categories = (
            self.env["party.score.standard"]
            ._fields["category"]
            ._description_selection(self.env)
        )
        columns = [
            (self.env._("Member"), 12),
            (self.env._("Scoring Branch"), 30),
            (self.env._("Member Type"), 12),
            (self.env._("Base Score"), 8),
        ]
        columns += [
            (self.env._("Additions: %(indicator)s", indicator=label), 10)
            for _key, label in categories
        ]
        columns += [
            (self.env._("Deductions: %(indicator)s", indicator=label), 10)
            for _key, label in categories
        ]
        columns += [
            (self.env._("Additions"), 8),
            (self.env._("Deductions"), 8),
            (self.env._("Score"), 8),
            (self.env._("Rank in Branch"), 8),
            (self.env._("One-vote Veto"), 8),
        ]
        types = dict(
            self.env["party.member"]
            ._fields["member_type"]
            ._description_selection(self.env)
        )

        def rows():
            all_cards = self._cards(cycle, branch)
            ranks = all_cards._ranks_in_branch()
            for cards in self._batches(all_cards):
                by_category = defaultdict(int)
                for card, category, sign, points in self.env[
                    "party.score.line"
                ]._read_group(
                    [("card_id", "in", cards.ids), ("state", "=", "approved")],
                    ["card_id", "category", "sign"],
                    ["points:sum"],
                ):
                    by_category[card.id, category, sign] += points
                for card in cards:
                    yield [
                        card.member_id.name,
                        card.branch_id.complete_name or "",
                        types.get(card.member_type, ""),
                        card.base_score,
                        *(
                            by_category[card.id, key, "addition"]
                            for key, _label in SCORE_CATEGORIES
                        ),
                        *(
                            by_category[card.id, key, "deduction"]
                            for key, _label in SCORE_CATEGORIES
                        ),
                        card.addition_points,
                        card.deduction_points,
                        card.total_score,
                        ranks.get(card.id) or "",
                        self.env._("Yes") if card.has_veto else "",
                    ]

        return columns, rows()

    def _lines_ledger(self, cycle, branch, sign):
        columns = [
            (self.env._("Date"), 11),
            (self.env._("Member"), 12),
            (self.env._("Scoring Branch"), 30),
            (self.env._("Code"), 8),
            (self.env._("Standard Item"), 40),
            (self.env._("Points"), 8),
            (self.env._("Description"), 40),
            (self.env._("Approved or Registered by"), 12),
            (self.env._("Approved or Registered on"), 17),
            (self.env._("Corrects"), 20),
        ]
        domain = [
            ("cycle_id", "=", cycle.id),
            ("state", "=", "approved"),
            ("sign", "=", sign),
        ]
        if branch:
            domain.append(("branch_id", "child_of", branch.id))

        def rows():
            lines = self.env["party.score.line"].search(
                domain, order="date, branch_id, member_id, id"
            )
            for batch in self._batches(lines):
                for line in batch:
                    yield [
                        fields.Date.to_string(line.date),
                        line.member_id.name,
                        line.branch_id.complete_name or "",
                        line.standard_id.code,
                        line.standard_id.name,
                        line.points,
                        line.description or "",
                        line.approved_by_id.name or "",
                        fields.Datetime.to_string(
                            fields.Datetime.context_timestamp(line, line.approved_date)
                        )[:16]
                        if line.approved_date
                        else "",
                        line.correction_of_id.display_name or "",
                    ]

        return columns, rows()

    def _additions_ledger(self, cycle, branch):
        return self._lines_ledger(cycle, branch, "addition")

    def _deductions_ledger(self, cycle, branch):
        return self._lines_ledger(cycle, branch, "deduction")

    def _notice_ledger(self, cycle, branch):
        # 公示版: what goes on the notice board, and nothing else
        columns = [
            (self.env._("Member"), 14),
            (self.env._("Scoring Branch"), 30),
            (self.env._("Score"), 8),
            (self.env._("Rank in Branch"), 8),
        ]

        def rows():
            all_cards = self._cards(cycle, branch)
            ranks = all_cards._ranks_in_branch()
            for cards in self._batches(all_cards):
                for card in cards.filtered(lambda c: not c.is_exempt):
                    yield [
                        card.member_id.name,
                        card.branch_id.complete_name or "",
                        card.total_score,
                        ranks.get(card.id) or "",
                    ]

        return columns, rows()

    def _assessment_ledger(self, cycle, branch):
        # R-USE-5: what HR puts next to the performance review, deductions
        # included (seed 000), one row per employee who is a member
        columns = [
            (self.env._("Employee"), 14),
            (self.env._("Department"), 20),
            (self.env._("Job Position"), 16),
            (self.env._("Scoring Branch"), 30),
            (self.env._("Base Score"), 8),
            (self.env._("Additions"), 8),
            (self.env._("Deductions"), 8),
            (self.env._("Score"), 8),
            (self.env._("Rank in Branch"), 8),
            (self.env._("Grade"), 10),
            (self.env._("One-vote Veto"), 8),
            (self.env._("Outstanding Member"), 10),
            (self.env._("Flags"), 30),
        ]
        domain = [("cycle_id", "=", cycle.id)]
        if branch:
            domain.append(("branch_id", "child_of", branch.id))
        Assessment = self.env["party.hr.assessment"]
        flags = [
            "flag_probation_cancel",
            "flag_not_development_target",
            "flag_transfer_deferred",
        ]
        flag_labels = {
            name: Assessment._fields[name].get_description(self.env)["string"]
            for name in flags
        }
        yes = self.env._("Yes")

        def rows():
            records = Assessment.search(domain, order="department_id, employee_id")
            for batch in self._batches(records):
                for row in batch:
                    yield [
                        row.employee_id.name,
                        row.department_id.complete_name or "",
                        row.job_id.name or "",
                        row.branch_id.complete_name or "",
                        row.base_score,
                        row.addition_points,
                        row.deduction_points,
                        row.total_score,
                        row.rank_in_branch or "",
                        row.grade_id.name or "",
                        yes if row.has_veto else "",
                        yes if row.is_outstanding else "",
                        "; ".join(flag_labels[name] for name in flags if row[name]),
                    ]

        return columns, rows()


class PartyScoreLedgerKindXlsx(models.AbstractModel):
    """One kind of ledger for each selected cycle, the whole company as the
    user reads it: the kind's report below sets ``_ledger_kind``."""

    _name = "report.party_points.score_ledger_kind_xlsx"
    _inherit = "report.party_points.score_ledger_xlsx"
    _description = "Points Ledger of a Cycle (XLSX)"
    _ledger_kind = None

    @api.private  # called by report_xlsx's create_xlsx_report
    def generate_xlsx_report(self, workbook, data, cycles):
        for cycle in cycles:
            self._write_ledger(workbook, cycle, self._ledger_kind)


class PartyScoreLedgerTotalXlsx(models.AbstractModel):
    _name = "report.party_points.score_ledger_total_xlsx"
    _inherit = "report.party_points.score_ledger_kind_xlsx"
    _description = "Points General Ledger (XLSX)"
    _ledger_kind = "total"


class PartyScoreLedgerAdditionsXlsx(models.AbstractModel):
    _name = "report.party_points.score_ledger_additions_xlsx"
    _inherit = "report.party_points.score_ledger_kind_xlsx"
    _description = "Additions Ledger (XLSX)"
    _ledger_kind = "additions"


class PartyScoreLedgerDeductionsXlsx(models.AbstractModel):
    _name = "report.party_points.score_ledger_deductions_xlsx"
    _inherit = "report.party_points.score_ledger_kind_xlsx"
    _description = "Deductions Ledger (XLSX)"
    _ledger_kind = "deductions"


class PartyScoreLedgerNoticeXlsx(models.AbstractModel):
    _name = "report.party_points.score_ledger_notice_xlsx"
    _inherit = "report.party_points.score_ledger_kind_xlsx"
    _description = "Public Notice Version (XLSX)"
    _ledger_kind = "notice"


class PartyScoreLedgerAssessmentXlsx(models.AbstractModel):
    _name = "report.party_points.score_ledger_assessment_xlsx"
    _inherit = "report.party_points.score_ledger_kind_xlsx"
    _description = "HR Yearly Assessment (XLSX)"
    _ledger_kind = "assessment"
