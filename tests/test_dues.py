# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Party dues (党费, issue 9 items 6, 8 and 10): the rate bands at their
edges, the payment actions and every bad input, the collection sheet and
its PDF and XLSX, roles and record rules, and the workflow guard over
XML-RPC."""

import os
import shutil
import xmlrpc.client
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.party_points.models.party_workflow_mixin import party_today

from .common import DuesCommon, PartyPointsCase, PartyPointsCommon
from .helpers import XlsxHttpMixin, execute_kw, pdf_to_text, render_xlsx, workbook

SHEET_XLSX = "party_points.action_report_party_dues_sheet_xlsx"


@tagged("post_install", "-at_install")
class TestPartyDues(DuesCommon, PartyPointsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_dues()

    # ------------------------------------------------------------------
    # Rate bands (党费收缴标准)
    # ------------------------------------------------------------------

    def test_each_band_at_its_edges(self):
        # the CPC standard shipped as data: ≤3000 0.5 %, ≤5000 1 %, ≤10000
        # 1.5 %, above 2 %; pensions ≤5000 0.5 %, above 1 %; fixed 0.20 yuan
        cases = [
            ("in_service", 0.0, 0.0),
            ("in_service", 3000.0, 15.0),
            ("in_service", 3000.01, 30.0),
            ("in_service", 5000.0, 50.0),
            ("in_service", 5000.01, 75.0),
            ("in_service", 10000.0, 150.0),
            ("in_service", 10000.01, 200.0),
            ("retired", 5000.0, 25.0),
            ("retired", 5000.01, 50.0),
            ("fixed", 8000.0, 0.2),
        ]
        month = date(2026, 1, 1)
        for kind, base, amount in cases:
            line = self._line(self.member_self, month, dues_kind=kind, base=base)
            self.assertEqual(line.amount_due, amount, f"{kind} {base}")
            self.assertEqual(line.arrears, amount)
            month += relativedelta(months=1)

    def test_each_company_has_its_own_bands(self):
        company = self.env["res.company"].create({"name": "第二公司"})
        bands = self.env["party.dues.rate"].search([("company_id", "=", company.id)])
        self.assertEqual(len(bands), 7)
        self.assertEqual(sorted(set(bands.mapped("rate"))), [0.0, 0.5, 1.0, 1.5, 2.0])

    def test_overlapping_bands_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "overlap"):
            self.env["party.dues.rate"].create(
                {"name": "x", "kind": "in_service", "base_from": 4000, "rate": 3}
            )

    def test_a_band_edit_never_rewrites_a_registered_month(self):
        line = self._line(self.member_self, "2026-02-01")
        band = line.rate_id
        self.assertEqual((band.rate, line.amount_due), (1.0, 40.0))
        band.with_user(self.user_manager).rate = 3.0
        self.assertEqual(line.amount_due, 40.0)

    # ------------------------------------------------------------------
    # Lines: creation
    # ------------------------------------------------------------------

    def test_line_takes_branch_of_the_month_and_member_base(self):
        line = self._line(self.member_a2, "2026-03-17")
        # R-ORG-3: a member of a group pays to its branch; the month is normalised
        self.assertEqual(line.branch_id, self.branch_a)
        self.assertEqual(line.month, date(2026, 3, 1))
        self.assertEqual((line.base, line.rate, line.amount_due), (4000.0, 1.0, 40.0))
        self.assertEqual(line.state, "due")

    def test_one_line_per_member_and_month(self):
        self._line(self.member_self, "2026-03-01")
        with self.assertRaisesRegex(ValidationError, "already has a dues line"):
            self._line(self.member_self, "2026-03-20")

    def test_negative_base_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._line(self.member_self, "2026-03-01", base=-1.0)
        self.assertFalse(self.Line.search([("member_id", "=", self.member_self.id)]))

    def test_member_of_another_company_is_refused(self):
        company = self.env["res.company"].create({"name": "另一公司"})
        branch = self.Branch.create(
            {"name": "另一党支部", "kind": "branch", "company_id": company.id}
        )
        stranger = self.Member.create({"name": "外人", "branch_id": branch.id})
        for user in (self.user_recorder_a, self.user_manager):
            with self.assertRaisesRegex(ValidationError, "switch to it first"):
                self._line(stranger, "2026-03-01", user=user)
        self.assertFalse(self.Line.sudo().search([("member_id", "=", stranger.id)]))

    def test_activists_pay_no_dues(self):
        self.member_a1.member_type = "activist"
        with self.assertRaisesRegex(ValidationError, "only full and probationary"):
            self._line(self.member_a1, "2026-03-01")

    def test_base_changes_only_while_nothing_is_paid(self):
        line = self._line(self.member_self, "2026-03-01")
        line.base = 6000.0
        self.assertEqual(line.amount_due, 90.0)
        line.action_record_payment(10.0, "2026-03-05")
        with self.assertRaisesRegex(UserError, "already settled"):
            line.base = 1000.0
        with self.assertRaisesRegex(UserError, "is fixed when the record is created"):
            line.month = "2026-04-01"

    # ------------------------------------------------------------------
    # Payments
    # ------------------------------------------------------------------

    def test_partial_then_full_then_never_twice(self):
        line = self._line(self.member_self, "2026-04-01")
        line.action_record_payment(15.0, "2026-04-08")
        self.assertEqual(
            (line.state, line.amount_paid, line.arrears), ("partial", 15.0, 25.0)
        )
        line.action_record_payment(25.0, "2026-04-20")
        self.assertEqual((line.state, line.arrears), ("paid", 0.0))
        self.assertEqual(line.payment_date, date(2026, 4, 20))
        self.assertEqual(line.recorded_by_id, self.user_recorder_a)
        with self.assertRaisesRegex(UserError, "already paid"):
            line.action_record_payment(40.0, "2026-04-21")
        with self.assertRaisesRegex(UserError, "already paid"):
            line.action_pay_in_full("2026-04-21")
        self.assertEqual(line.amount_paid, 40.0)

    def test_bad_amounts_are_refused_and_nothing_changes(self):
        line = self._line(self.member_self, "2026-04-01")  # 40.00 due
        for amount in (-5.0, 0.0, float("nan"), 400.01):
            with self.assertRaisesRegex(UserError, "above zero|cannot be right"):
                line.action_record_payment(amount, "2026-04-08")
        line.action_record_payment(400.0, "2026-04-08")  # ten times: 自愿多交
        self.assertEqual((line.state, line.amount_paid), ("paid", 400.0))
        rich = self._line(self.member_a1, "2026-04-01", base=10000000.0)
        self.assertEqual(rich.amount_due, 200000.0)
        with self.assertRaisesRegex(UserError, "cannot be right"):
            rich.action_record_payment(100000.01, "2026-04-08")
        self.assertEqual((rich.state, rich.amount_paid), ("due", 0.0))

    def test_future_month_and_future_date_cannot_be_paid(self):
        today = party_today(self.Line.with_user(self.user_recorder_a))
        next_month = fields.Date.start_of(today, "month") + relativedelta(months=1)
        line = self._line(self.member_self, next_month)
        with self.assertRaisesRegex(UserError, "future month"):
            line.action_record_payment(40.0, today)
        current = self._line(self.member_a1, today)
        with self.assertRaisesRegex(UserError, "in the future"):
            current.action_record_payment(40.0, today + relativedelta(days=1))
        old = self._line(self.member_a2, "2026-02-01")
        with self.assertRaisesRegex(UserError, "before the month it is for"):
            old.action_record_payment(40.0, "2026-01-31")
        self.assertEqual((line | current | old).mapped("state"), ["due"] * 3)

    def test_paid_at_the_host_organisation_names_it(self):
        self.member_m1.dues_base = 4000.0
        line = self._line(self.member_m1, "2026-05-01", user=self.user_manager)
        with self.assertRaisesRegex(UserError, "Name the host organisation"):
            line.action_record_payment(40.0, "2026-05-10", "host")
        line.action_record_payment(40.0, "2026-05-10", "host", " 深圳市某街道党工委 ")
        self.assertEqual(
            (line.paid_where, line.host_organisation), ("host", "深圳市某街道党工委")
        )

    def test_exemption_by_the_secretary_with_reason(self):
        line = self._line(self.member_self, "2026-05-01")
        with self.assertRaises(AccessError):
            line.with_user(self.user_recorder_a).action_exempt("病休")
        with self.assertRaisesRegex(UserError, "reason"):
            line.with_user(self.user_secretary_a).action_exempt(" ")
        line.with_user(self.user_secretary_a).action_exempt("长期病休")
        self.assertEqual((line.state, line.arrears), ("exempt", 0.0))
        with self.assertRaisesRegex(UserError, "exempt"):
            line.action_record_payment(40.0, "2026-05-10")

    def test_payment_wizard_calls_the_line(self):
        line = self._line(self.member_self, "2026-05-01")
        wizard = (
            self.env["party.dues.payment.wizard"]
            .with_user(self.user_recorder_a)
            .with_context(default_line_ids=line.ids)
            .create({"date": "2026-05-09"})
        )
        self.assertEqual((wizard.mode, wizard.amount), ("pay", 40.0))
        wizard.action_confirm()
        self.assertEqual((line.state, line.payment_date), ("paid", date(2026, 5, 9)))

    # ------------------------------------------------------------------
    # Collection sheet
    # ------------------------------------------------------------------

    def test_sheet_lists_the_members_of_the_branch_once(self):
        sheet = self.Sheet.with_user(self.user_recorder_a).create(
            {"branch_id": self.branch_a.id, "month": "2026-06-15"}
        )
        self.assertEqual(sheet.month, date(2026, 6, 1))
        lines = sheet.action_generate_lines()
        # the group's member pays to the branch; another branch's does not
        self.assertEqual(
            set(lines.member_id), {self.member_self, self.member_a1, self.member_a2}
        )
        self.assertFalse(sheet.action_generate_lines())
        self.assertEqual(sheet.member_count, 3)
        line_self = lines.filtered(lambda line: line.member_id == self.member_self)
        line_a1 = lines.filtered(lambda line: line.member_id == self.member_a1)
        line_self.action_pay_in_full("2026-06-10")
        line_a1.action_record_payment(10.0, "2026-06-10")
        sheet.invalidate_recordset()
        self.assertEqual(
            (sheet.total_due, sheet.total_paid, sheet.total_arrears, sheet.paid_count),
            (120.0, 50.0, 70.0, 2),
        )
        sheet.action_pay_all()
        sheet.invalidate_recordset()
        self.assertEqual((sheet.total_paid, sheet.total_arrears), (120.0, 0.0))
        with self.assertRaisesRegex(UserError, "Nothing is due"):
            sheet.action_pay_all()

    def test_sheet_bad_input(self):
        Sheet = self.Sheet.with_user(self.user_recorder_a)
        today = party_today(Sheet)
        with self.assertRaisesRegex(UserError, "has not begun"):
            Sheet.create(
                {
                    "branch_id": self.branch_a.id,
                    "month": today + relativedelta(months=1),
                }
            )
        with self.assertRaisesRegex(ValidationError, "Party branch"):
            Sheet.create({"branch_id": self.group_a.id, "month": "2026-06-01"})
        Sheet.create({"branch_id": self.branch_a.id, "month": "2026-06-01"})
        with self.assertRaisesRegex(ValidationError, "already has a dues collection"):
            Sheet.create({"branch_id": self.branch_a.id, "month": "2026-06-30"})
        # another branch's sheet is beyond the recorder's rules
        with self.assertRaises(AccessError):
            Sheet.create({"branch_id": self.branch_b.id, "month": "2026-06-01"})

    def test_sheet_skips_members_who_left_before_the_month(self):
        self.member_a1._record_change("status", "removed", date(2026, 3, 15), "除名")
        march = self.Sheet.create(
            {"branch_id": self.branch_a.id, "month": "2026-03-01"}
        )
        april = self.Sheet.create(
            {"branch_id": self.branch_a.id, "month": "2026-04-01"}
        )
        self.assertIn(self.member_a1, march.action_generate_lines().member_id)
        self.assertNotIn(self.member_a1, april.action_generate_lines().member_id)

    # ------------------------------------------------------------------
    # Roles and record rules (item 8)
    # ------------------------------------------------------------------

    def test_roles(self):
        own = self._line(self.member_self, "2026-07-01")
        other = self._line(self.member_a1, "2026-07-01")
        b_line = self._line(self.member_b1, "2026-07-01", user=self.user_manager)
        # a member reads their own lines, base included, and pays nothing
        as_member = self.Line.with_user(self.user_member)
        self.assertEqual(as_member.search([]), own)
        self.assertEqual(own.with_user(self.user_member).base, 4000.0)
        with self.assertRaises(AccessError):
            own.with_user(self.user_member).action_record_payment(40.0, "2026-07-05")
        with self.assertRaises(AccessError):
            as_member.create({"member_id": self.member_self.id, "month": "2026-08-01"})
        # the recorder keeps the branch served, not another
        as_recorder = self.Line.with_user(self.user_recorder_a)
        self.assertEqual(
            set(as_recorder.search([("month", "=", "2026-07-01")])), {own, other}
        )
        with self.assertRaises(AccessError):
            b_line.with_user(self.user_recorder_a).action_pay_in_full("2026-07-05")
        # the general branch and the committee see the subtree / everything
        self.assertEqual(len(self.Line.with_user(self.user_general).search([])), 3)
        self.assertIn(b_line, self.Line.with_user(self.user_manager).search([]))
        # HR: the dues carry income, HR sees none of it (issue 9)
        with self.assertRaises(AccessError):
            self.Line.with_user(self.user_hr).search([])
        with self.assertRaises(AccessError):
            self.Sheet.with_user(self.user_hr).search([])
        self.assertNotIn("dues_base", self.Member.with_user(self.user_hr).fields_get())
        self.assertIn(
            "dues_base", self.Member.with_user(self.user_recorder_a).fields_get()
        )
        # only the secretary deletes an unpaid line; a paid one is kept
        with self.assertRaises(AccessError):
            other.with_user(self.user_recorder_a).unlink()
        own.action_pay_in_full("2026-07-05")
        with self.assertRaisesRegex(UserError, "is kept"):
            own.with_user(self.user_secretary_a).unlink()
        other.with_user(self.user_secretary_a).unlink()

    def test_workflow_fields_cannot_be_set(self):
        line = self._line(self.member_self, "2026-07-01")
        for vals in ({"state": "paid"}, {"amount_paid": 40.0}, {"amount_due": 1.0}):
            with self.assertRaisesRegex(UserError, "cannot be set by hand"):
                line.with_user(self.user_manager).write(vals)
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            self._line(self.member_a1, "2026-07-01", state="paid")
        line = self.Line.with_context(default_state="paid").create(
            {"member_id": self.member_a1.id, "month": "2026-07-01"}
        )
        self.assertEqual(line.state, "due")


@tagged("post_install", "-at_install")
class TestDuesReportsAndRpc(XlsxHttpMixin, DuesCommon, PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.setup_dues()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.member_a1.dues_base = 12000.0
        cls.sheet = cls.env["party.dues.sheet"].create(
            {"branch_id": cls.branch_a.id, "month": "2026-09-01"}
        )
        lines = cls.sheet.action_generate_lines()
        by_member = {line.member_id: line for line in lines}
        by_member[cls.member_self].action_pay_in_full("2026-09-10")
        by_member[cls.member_a1].action_record_payment(
            100.0, "2026-09-10", "host", "深圳市某街道党工委"
        )

    def test_sheet_pdf_in_chinese(self):
        self.assertTrue(shutil.which("pdftotext"), "poppler-utils must be installed")
        report = self.env.ref("party_points.action_report_party_dues_sheet")
        pdf, kind = (
            report.with_user(self.user_recorder_a)
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf(report.report_name, self.sheet.ids)
        )
        self.assertEqual(kind, "pdf")
        keep = os.environ.get("PARTY_POINTS_KEEP_PDF")
        if keep:  # to look at the page as an image
            with open(keep, "wb") as handle:
                handle.write(pdf)
        text = pdf_to_text(pdf)
        # issue 17 l: the month as the regulation writes it, not 2026-09
        self.assertIn("第一党支部 2026年9月 党费收缴表", text)
        for expected in (
            "陈党员",
            "吴一",
            "郑二",
            "应交金额",
            "实交金额",
            "欠交金额",
            "深圳市某",  # the host organisation, wrapped in its cell
            "已交清",
            "部分交纳",
            "未交",
            "240.00",  # 12000 × 2 %
            "140.00",  # arrears of 吴一
            "320.00",  # 40 + 240 + 40
        ):
            self.assertIn(expected, text)
        self.assertNotIn("冯三", text)

    def test_sheet_xlsx_reads_back(self):
        content = render_xlsx(self.env, SHEET_XLSX, self.sheet, self.user_recorder_a)
        sheet = workbook(content).worksheets[0]
        self.assertEqual(sheet["A1"].value, "第一党支部 2026年9月 党费收缴表")
        # the tab names the month and the branch, not "<id>-2026-09"
        self.assertEqual(sheet.title, "2026年9月 第一党支部")
        self.assertEqual(
            [cell.value for cell in sheet[3]][:5],
            ["序号", "姓名", "计算基数", "比例(%)", "应交金额"],
        )
        rows = {
            row[1].value: [cell.value for cell in row]
            for row in sheet.iter_rows(min_row=4)
            if row[1].value
        }
        self.assertEqual(rows["吴一"][2:7], [12000, 2, 240, 100, 140])
        self.assertEqual(rows["吴一"][8], "流入地党组织 深圳市某街道党工委")
        self.assertEqual(rows["陈党员"][9], "已交清")
        self.assertEqual(rows["合计"][4:7], [320, 140, 180])

    def test_xlsx_download_follows_record_rules(self):
        self.user_recorder_a.lang = "zh_CN"
        self.authenticate("pp_recorder_a", "pp_recorder_a")
        # the Print menu's file, named like the sheet
        rows = self.assert_xlsx_file(
            self.download_xlsx(SHEET_XLSX, self.sheet),
            "第一党支部 2026年9月-党费收缴表.xlsx",
        )
        self.assertEqual(rows[0][0], "第一党支部 2026年9月 党费收缴表")
        self.assertEqual(rows[-1][1:7], ["合计", None, None, 320, 140, 180])
        # HR does not read the dues, nor does a user outside the Party app
        self.authenticate("pp_hr", "pp_hr")
        with mute_logger("odoo.http"):
            self.assertEqual(self.get_xlsx(SHEET_XLSX, self.sheet).status_code, 403)
        with self.assertRaises(AccessError):
            render_xlsx(self.env, SHEET_XLSX, self.sheet, self.user_plain)

    def _rpc(self, user, model, method, *args, context=None):
        kwargs = {"context": {"tracking_disable": True, **(context or {})}}
        return execute_kw(self, user, model, method, args, kwargs)

    def test_state_and_payment_cannot_be_forced_over_rpc(self):
        line = self.sheet.line_ids.filtered(lambda x: x.member_id == self.member_a2)
        for vals in (
            {"state": "paid"},
            {"amount_paid": 40.0},
            {"paid_where": "host"},
            {"amount_due": 0.0},
        ):
            with (
                self.assertRaises(xmlrpc.client.Fault) as caught,
                mute_logger("odoo.http"),
            ):
                self._rpc(
                    self.user_recorder_a,
                    "party.dues.line",
                    "write",
                    [line.id],
                    vals,
                    context={"default_state": "paid", "party_dues_action": True},
                )
            self.assertIn("cannot be set by hand", caught.exception.faultString)
        # a private helper is out of reach of RPC
        with self.assertRaises(xmlrpc.client.Fault), mute_logger("odoo.http"):
            self._rpc(
                self.user_recorder_a,
                "party.dues.line",
                "_pay",
                [line.id],
                40.0,
                "2026-09-10",
                "home",
                False,
            )
        # created with a default state in the context: still due
        new_id = self._rpc(
            self.user_recorder_a,
            "party.dues.line",
            "create",
            {"member_id": self.member_self.id, "month": "2026-08-01"},
            context={"default_state": "paid", "default_amount_paid": 40.0},
        )
        new = self.env["party.dues.line"].browse(new_id)
        self.assertEqual((new.state, new.amount_paid), ("due", 0.0))
        line.invalidate_recordset()
        self.assertEqual((line.state, line.amount_paid), ("due", 0.0))
