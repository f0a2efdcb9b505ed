# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ledger's day: one "today" for everyone of a company.

At 23:30 UTC on 1 December it is already 2 December in Beijing. A portal
member without a time zone, a cron running as OdooBot (Europe/Brussels in a
fresh database) and a secretary in Beijing must all call that day 2
December: the day of an event registered today is never "in the future"
for one of them and "today" for another, and every default date agrees."""

import base64
from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.party_points.models.party_workflow_mixin import (
    check_action_date,
    party_today,
)

from .common import PartyPointsCommon, open_cycle

PDF = b"%PDF-1.4 evidence of the ledger day"


@tagged("post_install", "-at_install")
class TestLedgerDay(PartyPointsCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        open_cycle(cls.env, 2026)
        cls.member_a1.with_user(cls.user_secretary_a).action_create_portal_users()
        cls.portal = cls.member_a1.partner_id.user_ids
        cls.env.ref("base.partner_root").tz = "Europe/Brussels"
        (cls.portal | cls.user_recorder_a).partner_id.tz = False
        cls.user_secretary_a.tz = "Asia/Shanghai"
        cls.j01 = cls.env.ref("party_points.standard_j01")

    def test_late_evening_utc_is_tomorrow_in_beijing_for_everyone(self):
        users = (
            self.env.ref("base.user_root"),
            self.portal,
            self.user_recorder_a,
            self.user_secretary_a,
        )
        with freeze_time("2026-12-01 23:30:00"):
            for user in users:
                self.assertEqual(
                    party_today(self.env(user=user)["res.users"]), date(2026, 12, 2)
                )
                self.assertEqual(
                    check_action_date(self.env(user=user), False, "A step"),
                    date(2026, 12, 2),
                )
            # the portal member declares what happened today, Beijing time
            line_id = (
                self.env["party.score.line"]
                .with_user(self.portal)
                .declare_addition(
                    self.j01.id,
                    2,
                    "2026-12-02",
                    "社区志愿服务",
                    "志愿服务.pdf",
                    base64.b64encode(PDF),
                )
            )
            line = self.env["party.score.line"].browse(line_id)
            self.assertEqual((line.date, line.state), (date(2026, 12, 2), "submitted"))
            # the recorder (no time zone) registers with the default date
            new = (
                self.env["party.score.line"]
                .with_user(self.user_recorder_a)
                .new({"member_id": self.member_a2.id})
            )
            self.assertEqual(new.date, date(2026, 12, 2))
            # the day after is in the future, for everyone
            for user in users:
                with self.assertRaisesRegex(UserError, "2026-12-03 is in the future"):
                    check_action_date(self.env(user=user), "2026-12-03", "A step")
            with self.assertRaisesRegex(ValidationError, "2026-12-03 is in the future"):
                self.env["party.score.line"].with_user(self.user_recorder_a).create(
                    {
                        "member_id": self.member_a2.id,
                        "standard_id": self.j01.id,
                        "points": 2,
                        "date": "2026-12-03",
                    }
                )

    def test_the_company_time_zone_decides(self):
        self.company.partner_id.tz = "America/New_York"
        with freeze_time("2026-12-02 03:00:00"):  # 22:00 on 1 December in New York
            self.assertEqual(party_today(self.env["res.users"]), date(2026, 12, 1))
            self.assertEqual(
                party_today(self.env(user=self.user_secretary_a)["res.users"]),
                date(2026, 12, 1),
            )
        self.company.partner_id.tz = False
        with freeze_time("2026-12-31 16:30:00"):  # 00:30 on 1 January in Beijing
            self.assertEqual(party_today(self.env["res.users"]).year, 2027)

    def test_statistics_count_ages_on_the_company_day(self):
        """队伍现状 is an SQL view: its "today" is the company's too. Two time
        zones 25 hours apart never share a date, so with the server's date
        one of the two cases below is always wrong."""
        Stats = self.env["party.branch.statistics"]
        for tz, days_after, band in (
            ("Pacific/Kiritimati", 0, "older"),  # 36 today: not young
            ("Pacific/Pago_Pago", 1, "young"),  # 36 tomorrow: still 35
        ):
            with self.subTest(tz=tz):
                self.company.partner_id.tz = tz
                today = party_today(self.env["res.users"])
                self.member_a1.birthday = (
                    today - relativedelta(years=36) + relativedelta(days=days_after)
                )
                self.env.flush_all()
                Stats.invalidate_model()  # a view: its rows change with the data
                row = Stats.search(
                    [
                        ("member_id", "=", self.member_a1.id),
                        ("row_kind", "=", "member"),
                        ("organisation_id", "=", self.branch_a.id),
                    ]
                )
                self.assertEqual(row.mapped("age_band"), [band])
