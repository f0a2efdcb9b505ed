# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""R-MOB-2: the activity certificate (流动党员活动证), numbered by the
committee in its company's register, with the host organisations' entries;
the certificate and the certificate letter (党员证明信) as PDFs in Chinese,
and the register of mobile members as XLSX (a report action, issue 18)."""

from datetime import date

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.party_points.models.party_workflow_mixin import party_today

from .common import MobileCase, PartyPointsCommon
from .helpers import XlsxHttpMixin, pdf_to_text, render_xlsx, workbook

REGISTER_XLSX = "party_points.action_report_party_mobile_register_xlsx"


@tagged("post_install", "-at_install")
class TestMobileCertificate(MobileCase):
    def _long(self, member=None):
        return self._out(member, expected_return=False, fixed_place=False)

    def test_committee_issues_numbered_certificates_once_per_absence(self):
        record = self._long()
        self.assertEqual(record.treatment, "certificate")
        with self.assertRaises(AccessError):
            record.with_user(self.user_secretary_a).action_issue_certificate()
        valid = fields.Date.add(party_today(record), years=1)
        action = record.with_user(self.user_manager).action_issue_certificate(valid)
        certificate = self.env["party.mobile.certificate"].browse(action["res_id"])
        year = certificate.issue_date.year
        prefix, first = certificate.name.split("-")
        self.assertEqual((prefix, len(first)), (str(year), 4))
        self.assertEqual(
            (certificate.member_id, certificate.state, certificate.issued_by_id),
            (self.member_a1, "issued", self.user_manager),
        )
        self.assertEqual(certificate.destination, "广东省深圳市")
        with self.assertRaisesRegex(ValidationError, "one certificate per absence"):
            record.with_user(self.user_manager).action_issue_certificate()
        second = self._long(self.member_b1)
        second.with_user(self.user_manager).action_issue_certificate()
        self.assertEqual(second.certificate_ids.name, f"{year}-{int(first) + 1:04d}")
        # another company numbers its own register
        company2 = self.env["res.company"].create({"name": "恒远实业有限公司"})
        number = self.Mobile._next_number("party.mobile.certificate", company2)
        self.assertEqual(number, f"{year}-0001")
        # a letter's absence gets no certificate
        letter = self._out(self.member_a2)
        with self.assertRaisesRegex(
            UserError, "calls for “Certificate Letter”, not “Activity Certificate”"
        ):
            letter.with_user(self.user_manager).action_issue_certificate()
        # the return closes the certificate
        record.with_user(self.user_recorder_a).action_return(date(2025, 6, 1))
        self.assertEqual(certificate.state, "returned")
        with self.assertRaisesRegex(UserError, "no longer in use"):
            certificate.with_user(self.user_manager).action_cancel()

    def test_host_entries(self):
        record = self._long()
        record.with_user(self.user_manager).action_issue_certificate()
        certificate = record.certificate_ids
        Entry = self.env["party.mobile.certificate.entry"].with_user(
            self.user_recorder_a
        )
        base = {
            "certificate_id": certificate.id,
            "host_organisation": "深圳某街道流动党员服务站党支部",
            "arrival_date": date(2025, 1, 15),
        }
        entry = Entry.create(
            {
                **base,
                "activities": "参加主题党日",
                "dues_amount": 30.5,
                "dues_month": "2025-02",
                "departure_date": date(2025, 3, 1),
                "remarks": "主动参加社区志愿服务",
            }
        )
        self.assertEqual(certificate.entry_ids, entry)
        bad = [
            ({"dues_amount": -5, "dues_month": "2025-02"}, "negative"),
            ({"dues_amount": 5}, "which month"),
            ({"dues_amount": 5, "dues_month": "2025-13"}, "year-month"),
            ({"departure_date": date(2025, 1, 1)}, "before arriving"),
            ({"arrival_date": date(2099, 1, 1)}, "future"),
        ]
        for vals, message in bad:
            with self.assertRaisesRegex(ValidationError, message):
                Entry.create({**base, **vals})
        self.assertEqual(len(certificate.entry_ids), 1)
        with self.assertRaises(AccessError):
            Entry.with_user(self.user_member).create(base)

    def test_register_export(self):
        out = self._out(contact_member_id=self.member_self.id)
        self.env["party.mobile.contact"].create(
            {"mobile_id": out.id, "date": date(2025, 2, 3), "summary": "电话联系"}
        )
        self._mobile(self.member_b1)
        # the list's button prints the selected absences; all that the
        # secretary reads are those of the branch served
        arch = self.Mobile.get_view(
            self.env.ref("party_points.party_mobile_member_view_list").id, "list"
        )["arch"]
        self.assertIn(f'name="{self.env.ref(REGISTER_XLSX).id}"', arch)
        selected = self.Mobile.with_user(self.user_secretary_a).search([], limit=10)
        self.assertEqual(selected, out)
        content = render_xlsx(
            self.env, REGISTER_XLSX, selected, self.user_secretary_a, lang="en_US"
        )
        sheet = workbook(content).worksheets[0]
        self.assertEqual(sheet["A1"].value, "Mobile Member Register")
        headers = [cell.value for cell in sheet[4]]
        self.assertEqual(headers[:3], ["No.", "Name", "Home Branch"])
        rows = [
            [cell.value for cell in row]
            for row in sheet.iter_rows(min_row=5)
            if row[0].value is not None
        ]
        # the secretary's register holds the absences of the branch served
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][1:3], ["吴一", "测试党工委 / 测试党总支 / 第一党支部"])
        self.assertEqual(rows[0][6], "深圳某电子公司")
        self.assertEqual(rows[0][7:9], ["2025-01-10", "2025-05-10"])
        self.assertEqual(rows[0][9], "Certificate Letter")
        self.assertEqual(rows[0][10:12], ["陈党员", "2025-02-03"])
        self.assertEqual(rows[0][14], "Out")


@tagged("post_install", "-at_install")
class TestMobilePdfs(XlsxHttpMixin, PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.user_manager.lang = "zh_CN"
        cls.Mobile = cls.env["party.mobile.member"]

    def _render(self, xmlid, records):
        report = self.env.ref(xmlid)
        pdf, kind = (
            report.with_user(self.user_manager)
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf(report.report_name, records.ids)
        )
        self.assertEqual(kind, "pdf")
        return pdf

    def test_certificate_letter_pdf(self):
        record = self.Mobile.with_user(self.user_manager).create(
            {
                "member_id": self.member_a1.id,
                "reason": "work",
                "destination": "江苏省苏州市",
                "host_organisation": "苏州某科技公司党支部",
                "departure_date": date(2025, 9, 1),
                "expected_return": date(2026, 1, 31),
            }
        )
        with self.assertRaisesRegex(UserError, "开具党员证明信"):
            self._render("party_points.action_report_party_mobile_letter", record)
        record.with_user(self.user_manager).action_issue_letter()
        pdf = self._render("party_points.action_report_party_mobile_letter", record)
        text = "".join(pdf_to_text(pdf).split())
        for words in (
            "党员证明信",
            "苏州某科技公司党支部党组织:",
            "兹证明吴一同志系中国共产党正式党员",
            "第一党支部",
            "外出务工",
            "江苏省苏州市",
            "请接洽",
            "给予关照",
            "特此证明",
            record.letter_number,
        ):
            self.assertIn(words, text)

    def test_activity_certificate_pdf(self):
        record = self.Mobile.with_user(self.user_manager).create(
            {
                "member_id": self.member_a1.id,
                "reason": "business",
                "destination": "新疆喀什市",
                "fixed_place": False,
                "departure_date": date(2025, 3, 1),
            }
        )
        record.with_user(self.user_manager).action_depart()
        record.with_user(self.user_manager).action_issue_certificate()
        certificate = record.certificate_ids
        self.env["party.mobile.certificate.entry"].create(
            {
                "certificate_id": certificate.id,
                "host_organisation": "喀什某街道党支部",
                "arrival_date": date(2025, 3, 10),
                "activities": "参加主题党日",
                "dues_month": "2025-04",
                "dues_amount": 36,
                "remarks": "表现良好",
            }
        )
        pdf = self._render(
            "party_points.action_report_party_mobile_certificate", certificate
        )
        text = "".join(pdf_to_text(pdf).split())
        for words in (
            "流动党员活动证",
            f"编号:{certificate.name}",
            "吴一",
            "经商",
            "外出地点新疆喀什市",
            "喀什某街道党支部",
            "参加主题党日",
            "表现良好",
            "测试党工委",
        ):
            self.assertIn(words, text)

    def test_register_download_follows_record_rules(self):
        record = self.Mobile.create(
            {
                "member_id": self.member_a1.id,
                "destination": "深圳",
                "departure_date": date(2025, 3, 1),
            }
        )
        other = self.Mobile.create(
            {
                "member_id": self.member_b1.id,
                "destination": "上海",
                "departure_date": date(2025, 3, 1),
            }
        )
        self.user_secretary_a.lang = "zh_CN"
        self.authenticate("pp_secretary_a", "pp_secretary_a")
        rows = self.assert_xlsx_file(
            self.download_xlsx(REGISTER_XLSX, record), "流动党员登记册.xlsx"
        )
        self.assertEqual(rows[0][0], "流动党员登记册")
        self.assertEqual([row[1] for row in rows[4:]], ["吴一"])
        self.assertEqual(rows[4][14], "计划中")
        # 冯三's absence is another branch's: refused, even beside her own
        with mute_logger("odoo.http"):
            response = self.get_xlsx(REGISTER_XLSX, record | other)
        self.assertEqual(response.status_code, 403)


@tagged("post_install", "-at_install")
class TestDuesPaidAtTheHost(MobileCase):
    def test_dues_paid_at_the_host_link_the_certificate_entry(self):
        # issue 9 item 6 with R-MOB-2: a month of the dues register paid at
        # the host organisation rests on the entry of the activity certificate
        record = self._out(expected_return=False, fixed_place=False)
        record.with_user(self.user_manager).action_issue_certificate()
        Entry = self.env["party.mobile.certificate.entry"].with_user(
            self.user_recorder_a
        )
        entry = Entry.create(
            {
                "certificate_id": record.certificate_ids.id,
                "host_organisation": "深圳某街道流动党员服务站党支部",
                "arrival_date": date(2025, 1, 15),
                "dues_amount": 40.0,
                "dues_month": "2025-02",
            }
        )
        self.member_a1.dues_base = 4000.0
        Line = self.env["party.dues.line"].with_user(self.user_recorder_a)
        line = Line.create({"member_id": self.member_a1.id, "month": date(2025, 2, 1)})
        other = Line.create(
            {"member_id": self.member_self.id, "month": date(2025, 2, 1)}
        )
        # an entry of another member's certificate, or a payment at home
        with self.assertRaisesRegex(UserError, "activity certificate of 陈党员"):
            other.action_record_payment(40.0, date(2025, 2, 20), "host", "x", entry.id)
        with self.assertRaisesRegex(UserError, "paid at the host"):
            line.action_record_payment(40.0, date(2025, 2, 20), "home", False, entry.id)
        self.assertEqual((line.state, other.state), ("due", "due"))
        line.action_record_payment(40.0, date(2025, 2, 20), "host", False, entry.id)
        self.assertEqual(
            (
                line.state,
                line.paid_where,
                line.host_organisation,
                line.certificate_entry_id,
            ),
            ("paid", "host", "深圳某街道流动党员服务站党支部", entry),
        )
        self.assertEqual(entry.dues_line_ids, line)
        self.assertIn(record.certificate_ids.name, entry.display_name)
