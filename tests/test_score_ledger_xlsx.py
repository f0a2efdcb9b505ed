# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 10, item 2: the points ledgers as XLSX (积分总台账, 加分台账,
扣分台账, 公示版), read back with openpyxl, under each user's rights.

Issue 18, item 4: each kind is a report action in the Print menu of the
cycles; the export wizard (one organisation) prints through its own."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval, time

from .common import PartyPointsCommon, declare, evidence_file, open_cycle
from .helpers import XlsxHttpMixin, render_xlsx, sheet_rows

WIZARD_REPORT = "party_points.action_report_party_score_ledger_export_xlsx"


def kind_report(kind):
    return f"party_points.action_report_party_score_ledger_{kind}_xlsx"


@tagged("post_install", "-at_install")
class TestScoreLedgerXlsx(XlsxHttpMixin, PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.cycle = open_cycle(cls.env, 2025)

        def line(member, code, points, day, user):
            return cls._score_line(
                member,
                code,
                points,
                day,
                user,
                description=f"{member.name} {code}",
                attachment_ids=evidence_file("依据.pdf"),
            )

        addition = line(cls.member_a1, "j06", 10, date(2025, 2, 3), cls.user_recorder_a)
        declare(addition)
        addition.with_user(cls.user_recorder_a).action_verify()
        addition.with_user(cls.user_manager).action_approve()
        cls.addition = addition
        for member, code, points, day in (
            (cls.member_a1, "k07", -2, date(2025, 3, 3)),
            (cls.member_a2, "k02_1", -20, date(2025, 3, 4)),
            (cls.member_a2, "k01_1", -5, date(2025, 4, 5)),
        ):
            line(member, code, points, day, cls.user_recorder_a).with_user(
                cls.user_recorder_a
            ).action_register()
        line(cls.member_b1, "k07", -4, date(2025, 5, 6), cls.user_manager).with_user(
            cls.user_manager
        ).action_register()
        # a declaration still waiting appears in no ledger
        line(cls.member_self, "j03", 2, date(2025, 6, 1), cls.user_member)

    def _ledger(self, kind, user, branch=None):
        """(rows, file name) of the ledger as the Chinese users read it: the
        cycle's report of the kind, or the wizard's for one organisation."""
        if branch:
            xmlid = WIZARD_REPORT
            record = (
                self.env["party.score.ledger.export"]
                .with_user(user)
                .create(
                    {"cycle_id": self.cycle.id, "kind": kind, "branch_id": branch.id}
                )
            )
        else:
            xmlid, record = kind_report(kind), self.cycle
        content = render_xlsx(self.env, xmlid, record, user)
        # the name /report/download gives the file
        report = self.env.ref(xmlid).with_user(user).with_context(lang="zh_CN")
        filename = safe_eval(
            report.print_report_name,
            {"object": record.with_user(user).with_context(lang="zh_CN"), "time": time},
        )
        return sheet_rows(content), filename

    def test_general_ledger_by_indicator_for_the_recorder(self):
        rows, filename = self._ledger("total", self.user_recorder_a)
        self.assertIn("2025", rows[0][0])
        self.assertIn("积分总台账", filename)
        header = rows[3]
        self.assertEqual(header[:4], ["党员", "考评党支部", "党员类型", "基础分"])
        self.assertEqual(header[-5:], ["加分", "扣分", "积分", "支部排名", "一票否决"])
        body = {row[0]: row for row in rows[4:]}
        # the recorder's rules: members of the first branch only (R-SCORE-9)
        self.assertEqual(set(body), {"吴一", "郑二", "陈党员"})
        col = header.index
        wu = body["吴一"]
        # the test's own sums: 80 + 10 (J06, 服务职工) − 2 (K07, 遵纪守法)
        self.assertEqual(wu[col("加分：服务职工")], 10)
        self.assertEqual(wu[col("扣分：遵纪守法")], -2)
        self.assertEqual(
            (wu[col("加分")], wu[col("扣分")], wu[col("积分")], wu[col("支部排名")]),
            (10, -2, 80 + 10 - 2, 1),
        )
        zheng = body["郑二"]
        self.assertEqual(zheng[col("扣分：政治素质")], -25)
        self.assertEqual((zheng[col("积分")], zheng[col("支部排名")]), (55, 3))
        # 陈党员's declaration waits: her card stands at the base score
        chen = body["陈党员"]
        self.assertEqual((chen[col("加分")], chen[col("积分")]), (0, 80))

    def test_committee_ledger_covers_the_company_or_one_branch(self):
        rows, _name = self._ledger("total", self.user_manager)
        self.assertEqual(
            {row[0] for row in rows[4:]}, {"吴一", "郑二", "冯三", "陈党员"}
        )
        rows, _name = self._ledger("total", self.user_manager, self.branch_b)
        self.assertEqual([row[0] for row in rows[4:]], ["冯三"])
        self.assertIn("第二党支部", rows[0][0])

    def test_additions_and_deductions_ledgers_list_approved_lines(self):
        rows, filename = self._ledger("additions", self.user_manager)
        self.assertIn("加分台账", filename)
        self.assertEqual(len(rows[4:]), 1)
        date_, member, _branch, code, _item, points, description = rows[4][:7]
        self.assertEqual(
            (date_, member, code, points, description),
            ("2025-02-03", "吴一", "J06", 10, "吴一 j06"),
        )
        self.assertEqual(rows[4][7], self.user_manager.name)
        rows, filename = self._ledger("deductions", self.user_manager)
        self.assertIn("扣分台账", filename)
        self.assertEqual(
            [(row[1], row[3], row[5]) for row in rows[4:]],
            [
                ("吴一", "K07", -2),
                ("郑二", "K02-1", -20),
                ("郑二", "K01-1", -5),
                ("冯三", "K07", -4),
            ],
        )
        self.assertEqual(sum(row[5] for row in rows[4:]), -31)

    def test_notice_version_has_name_score_and_rank_only(self):
        rows, filename = self._ledger("notice", self.user_secretary_a)
        self.assertIn("公示版", filename)
        self.assertEqual(rows[3], ["党员", "考评党支部", "积分", "支部排名"])
        self.assertEqual(
            [(row[0], row[2], row[3]) for row in rows[4:]],
            [("吴一", 88, 1), ("陈党员", 80, 2), ("郑二", 55, 3)],
        )

    def test_download_route_under_the_user_rights(self):
        self.user_recorder_a.lang = "zh_CN"
        self.authenticate(self.user_recorder_a.login, self.user_recorder_a.login)
        response = self.get_xlsx(kind_report("deductions"), self.cycle)
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        rows = sheet_rows(response.content)
        # the recorder sees the lines of the branch it serves, not 冯三's
        self.assertEqual({row[1] for row in rows[4:]}, {"吴一", "郑二"})
        # the Print menu's download names the file after the cycle and kind
        rows = self.assert_xlsx_file(
            self.download_xlsx(kind_report("total"), self.cycle),
            f"{self.company.name} 2025-积分总台账.xlsx",
        )
        self.assertEqual({row[0] for row in rows[4:]}, {"吴一", "郑二", "陈党员"})
        # the wizard prints through its report action, named as before
        Export = self.env["party.score.ledger.export"].with_user(self.user_recorder_a)
        wizard = Export.create(
            {"cycle_id": self.cycle.id, "kind": "notice", "branch_id": self.branch_a.id}
        )
        action = wizard.action_export()
        self.assertEqual(
            (action["type"], action["report_name"], action["context"]["active_ids"]),
            ("ir.actions.report", "party_points.score_ledger_xlsx", wizard.ids),
        )
        rows = self.assert_xlsx_file(
            self.download_xlsx(WIZARD_REPORT, wizard), "第一党支部 2025-公示版.xlsx"
        )
        self.assertEqual([row[0] for row in rows[4:]], ["吴一", "陈党员", "郑二"])
        # an organisation the recorder does not serve is refused
        wizard = Export.create(
            {"cycle_id": self.cycle.id, "branch_id": self.branch_b.id}
        )
        with mute_logger("odoo.http"):  # the server logs the refusal
            response = self.get_xlsx(WIZARD_REPORT, wizard)
        self.assertEqual(response.status_code, 403)
        # so is a cycle of a company the user does not belong to
        other = self.env["res.company"].create({"name": "另一公司（台账）"})
        other_cycle = self.env["party.score.cycle"].create(
            {"company_id": other.id, "year": 2025}
        )
        with mute_logger("odoo.http"):
            response = self.get_xlsx(kind_report("total"), other_cycle)
        self.assertEqual(response.status_code, 403)

    def test_every_kind_is_in_the_print_menu_of_the_cycles(self):
        toolbar = (
            self.env["party.score.cycle"]
            .with_user(self.user_hr)
            .get_views([(False, "list")], {"toolbar": True})["views"]["list"]["toolbar"]
        )
        printed = {action["id"] for action in toolbar["print"]}
        for kind in ("total", "additions", "deductions", "notice", "assessment"):
            report = self.env.ref(kind_report(kind))
            self.assertEqual(
                (report.report_type, report.binding_model_id.model),
                ("xlsx", "party.score.cycle"),
            )
            self.assertIn(report.id, printed)
        # a member reads her own card, not the ledgers
        toolbar = (
            self.env["party.score.cycle"]
            .with_user(self.user_member)
            .get_views([(False, "list")], {"toolbar": True})["views"]["list"]["toolbar"]
        )
        self.assertFalse(
            {action["id"] for action in toolbar.get("print", [])}
            & {self.env.ref(kind_report(kind)).id for kind in ("total", "notice")}
        )

    def test_hr_yearly_assessment_export(self):
        # R-USE-5: HR exports the year, deductions as well as additions
        Employee = self.env["hr.employee"]
        dept = self.env["hr.department"].create({"name": "生产部"})
        self.member_a1.employee_id = Employee.create(
            {"name": "吴一", "department_id": dept.id}
        )
        self.member_a2.employee_id = Employee.create(
            {"name": "郑二", "department_id": dept.id}
        )
        rows, filename = self._ledger("assessment", self.user_hr)
        self.assertIn("年度考核", filename)
        header = rows[3]
        col = header.index
        body = {row[0]: row for row in rows[4:]}
        self.assertEqual(set(body), {"吴一", "郑二"})
        wu = body["吴一"]
        self.assertEqual(
            (
                wu[col("部门")],
                wu[col("加分")],
                wu[col("扣分")],
                wu[col("积分")],
                wu[col("考核等次")],
            ),
            ("生产部", 10, -2, 88, "合格"),
        )
        self.assertEqual(
            (body["郑二"][col("积分")], body["郑二"][col("考核等次")]), (55, "较差")
        )
        # a branch recorder has no access to the HR assessment
        with self.assertRaises(AccessError):
            self._ledger("assessment", self.user_recorder_a)
