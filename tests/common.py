# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import ExitStack
from datetime import date, timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command
from odoo.tests import HttpCase, TransactionCase, new_test_user

from odoo.addons.party_points.models.party_workflow_mixin import party_today

from .helpers import BYPASS_CONTEXT, execute_kw, rpc_fault


def evidence_file(name="表彰决定.pdf", content=b"%PDF-1.4 evidence"):
    """The value of an ``attachment_ids`` field uploading a new evidence
    file: each record proves itself with its own file, uploaded by the user
    who creates it (the evidence policy refuses anyone else's file)."""
    return [Command.create({"name": name, "raw": content})]


def open_cycle(env, year):
    """The company's points cycle of ``year``, open: created if missing, or
    reopened if the demo data closed it (tests own their transaction)."""
    cycle = env["party.score.cycle"].search(
        [("year", "=", year), ("company_id", "=", env.company.id)]
    )
    if cycle:
        if cycle.state != "open":
            # no user reopens a closed year: the test rewinds its own data
            env.cr.execute(
                "UPDATE party_score_cycle SET state = 'open' WHERE id = %s", [cycle.id]
            )
            cycle.invalidate_recordset(["state"])
        return cycle
    return env["party.score.cycle"].create({"year": year})


def publication_day(day):
    """Stand on ``day`` for the quarter-has-ended check of the publication
    (R-SCORE-6): a test that publishes the current quarter of the current
    year publishes it as on the first day after it, and nothing else of
    the ledger moves in time."""
    return patch(
        "odoo.addons.party_points.models.party_score_publication.party_today",
        return_value=day,
    )


def declare(lines):
    """The member declares the ``lines`` (个人申报, R-SCORE-7). The members
    of the test world have no user: Odoo's superuser stands for them, as in
    the demo data, so that the branch then verifies someone else's
    declaration and the committee approves it (four eyes)."""
    return lines.with_user(SUPERUSER_ID).action_submit()


def valid_id_number(first17):
    """Complete 17 digits into a valid PRC ID number (GB 11643 check digit)."""
    from ..models.party_member import id_number_check_char

    return first17 + id_number_check_char(first17)


class PartyPointsCommon:
    """Builds once the world every party_points test needs.

    A small organisation of the main company (R-ORG-1):

        测试党工委 (committee)
        ├── 测试党总支 (general branch)
        │   ├── 第一党支部 (enterprise branch)   ← secretary_a, recorder_a serve it
        │   │   └── 第一党小组 (group)
        │   └── 第二党支部 (enterprise branch)
        └── 流动党支部 (mobile branch)

    and one user per role, each acting through ``with_user``.
    """

    @classmethod
    def party_user(cls, login, groups, name, company=None):
        """A user of ``company`` (the main one by default) with ``groups``,
        password = login, reading the interface in English."""
        company = company or cls.env.ref("base.main_company")
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            groups=groups,
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
            lang="en_US",
        )

    @classmethod
    def setup_second_company(cls):
        """恒远实业有限公司, the database's second company, with its Party
        committee (committee2) and first branch (branch2); the callers give
        the branch its officers once they have made the company's users."""
        env = cls.env
        cls.company2 = env["res.company"].create({"name": "恒远实业有限公司"})
        Branch = env["party.branch"].with_company(cls.company2)
        cls.committee2 = Branch.create(
            {"name": "恒远党委", "kind": "committee", "company_id": cls.company2.id}
        )
        cls.branch2 = Branch.create(
            {
                "name": "恒远第一党支部",
                "kind": "branch",
                "parent_id": cls.committee2.id,
                "company_id": cls.company2.id,
            }
        )
        return cls.company2

    @classmethod
    def setup_party_world(cls):
        env = cls.env
        cls.company = env.ref("base.main_company")
        cls.Branch = env["party.branch"]
        cls.Member = env["party.member"]
        user = cls.party_user

        cls.user_manager = user(
            "pp_manager",
            "base.group_user,party_points.group_party_working_committee",
            "王委员",
        )
        cls.user_general = user(
            "pp_general",
            "base.group_user,party_points.group_party_general_branch",
            "赵总支",
        )
        cls.user_secretary_a = user(
            "pp_secretary_a",
            "base.group_user,party_points.group_party_secretary",
            "李书记",
        )
        cls.user_recorder_a = user(
            "pp_recorder_a",
            "base.group_user,party_points.group_party_recorder",
            "张登记",
        )
        cls.user_member = user(
            "pp_member", "base.group_user,party_points.group_party_member", "陈党员"
        )
        cls.user_hr = user(
            "pp_hr",
            "base.group_user,hr.group_hr_user,party_points.group_party_hr",
            "刘人事",
        )
        cls.user_organisation = user(
            "pp_organisation",
            "base.group_user,party_points.group_party_secretary,"
            "party_points.group_party_organisation",
            "孙组织",
        )
        cls.user_plain = user("pp_plain", "base.group_user", "周员工")

        cls.committee = cls.Branch.create(
            {
                "name": "测试党工委",
                "kind": "committee",
                "code": "T",
                "officer_user_ids": [(6, 0, cls.user_manager.ids)],
            }
        )
        cls.general = cls.Branch.create(
            {
                "name": "测试党总支",
                "kind": "general_branch",
                "code": "T-G",
                "parent_id": cls.committee.id,
                "officer_user_ids": [(6, 0, cls.user_general.ids)],
            }
        )
        cls.branch_a = cls.Branch.create(
            {
                "name": "第一党支部",
                "kind": "branch",
                "branch_type": "enterprise",
                "code": "T-G-1",
                "parent_id": cls.general.id,
                "recorder_id": cls.user_recorder_a.id,
                "officer_user_ids": [
                    (6, 0, (cls.user_secretary_a | cls.user_organisation).ids)
                ],
            }
        )
        cls.group_a = cls.Branch.create(
            {
                "name": "第一党小组",
                "kind": "group",
                "code": "T-G-1-1",
                "parent_id": cls.branch_a.id,
            }
        )
        cls.branch_b = cls.Branch.create(
            {
                "name": "第二党支部",
                "kind": "branch",
                "branch_type": "enterprise",
                "code": "T-G-2",
                "parent_id": cls.general.id,
            }
        )
        cls.branch_mobile = cls.Branch.create(
            {
                "name": "流动党支部",
                "kind": "branch",
                "branch_type": "mobile",
                "code": "T-M",
                "parent_id": cls.committee.id,
            }
        )

        def member(name, branch, **vals):
            return cls.Member.create({"name": name, "branch_id": branch.id, **vals})

        cls.member_self = member(
            "陈党员",
            cls.branch_a,
            partner_id=cls.user_member.partner_id.id,
            gender="female",
        )
        cls.member_a1 = member(
            "吴一", cls.branch_a, gender="male", party_post="组织委员"
        )
        cls.member_a2 = member("郑二", cls.group_a, gender="female")
        cls.member_b1 = member("冯三", cls.branch_b, gender="male")
        cls.member_m1 = member("何四", cls.branch_mobile, category="mobile")

    @classmethod
    def party_role_user(cls, login, group, name):
        """A user of the main company with the addon's ``group`` only."""
        return cls.party_user(login, f"base.group_user,party_points.{group}", name)

    @classmethod
    def this_year(cls):
        """Today in the company's time zone, and the open points cycle of
        its year."""
        today = party_today(cls.env["party.score.line"])
        return today, open_cycle(cls.env, today.year)

    @classmethod
    def employ(cls, member, **vals):
        """``member``'s employee record in HR, linked to the member."""
        employee = cls.env["hr.employee"].create({"name": member.name, **vals})
        member.employee_id = employee
        return employee

    @classmethod
    def new_village(cls, secretary=False):
        """某村党支部 (a village branch of the committee, with its recorder),
        made the home branch of 何四 of the mobile branch; with ``secretary``
        its secretary serves it too. Returns (branch, recorder, secretary)."""
        recorder = cls.party_role_user(
            "pp_recorder_v", "group_party_recorder", "村登记员"
        )
        officers = cls.env["res.users"]
        if secretary:
            officers = cls.party_role_user(
                "pp_secretary_v", "group_party_secretary", "村书记"
            )
        village = cls.Branch.create(
            {
                "name": "某村党支部",
                "kind": "branch",
                "branch_type": "village",
                "parent_id": cls.committee.id,
                "recorder_id": recorder.id,
                "officer_user_ids": [(6, 0, officers.ids)],
            }
        )
        cls.member_m1.home_branch_id = village
        return village, recorder, officers

    @classmethod
    def setup_village(cls, secretary=False):
        """The village branch of ``new_village`` in the class's world:
        village, recorder_v (and secretary_v)."""
        cls.village, cls.recorder_v, secretary_v = cls.new_village(secretary)
        if secretary:
            cls.secretary_v = secretary_v

    # ------------------------------------------------------------------
    # records the tests build again and again, each made by the role that
    # makes it in the application
    # ------------------------------------------------------------------

    @classmethod
    def std(cls, code):
        return cls.env.ref(f"party_points.standard_{code}")

    @classmethod
    def _score_line(cls, member, code, points, day, user, **vals):
        """A line of ``points`` to ``member`` for the item ``code``, created
        by ``user`` (a draft); a class method, for the worlds too."""
        return (
            cls.env["party.score.line"]
            .with_user(user)
            .create(
                {
                    "member_id": member.id,
                    "standard_id": cls.std(code).id,
                    "points": points,
                    "date": day,
                    **vals,
                }
            )
        )

    @classmethod
    def _registered(cls, member, code, points, day, user=None):
        """A deduction of ``points`` to ``member``, registered by ``user``
        (the committee by default)."""
        user = user or cls.user_manager
        line = cls._score_line(member, code, points, day, user)
        line.with_user(user).action_register()
        return line

    @classmethod
    def _deducted_members(cls, branch, count):
        """``count`` new members of ``branch``, each with a deduction of
        February 2025 registered by the committee in one batch (and so a
        card of the 2025 cycle): the scale tests' world at any size."""
        members = cls.env["party.member"].create(
            [
                {"name": f"{branch.name}党员{i}", "branch_id": branch.id}
                for i in range(count)
            ]
        )
        cls.env["party.score.line"].with_user(cls.user_manager).create(
            [
                {
                    "member_id": member.id,
                    "standard_id": cls.std("k07").id,
                    "points": -2,
                    "date": date(2025, 2, 3),
                }
                for member in members
            ]
        ).action_register()
        return members

    def _publish_quarter(
        self, quarter, branch=None, user=None, cycle=None, publish=True
    ):
        """The publication of ``quarter`` of ``branch`` (第一党支部 by default)
        in ``cycle`` (the test's ``cycle`` by default), created by ``user``
        (the branch's secretary by default) and, unless ``publish`` is false,
        approved and published by them."""
        publication = (
            self.env["party.score.publication"]
            .with_user(user or self.user_secretary_a)
            .create(
                {
                    "branch_id": (branch or self.branch_a).id,
                    "cycle_id": (cycle or self.cycle).id,
                    "quarter": quarter,
                }
            )
        )
        if publish:
            publication.action_approve()
            publication.action_publish()
        return publication

    def _theme_day(self, day, members, status="present", branch=None, close=True):
        """A theme Party day (主题党日) of ``branch`` (第一党支部 by default)
        recorded by its recorder, ``members`` attending with ``status``;
        closed (which scores the attendance) unless ``close`` is false."""
        meeting = (
            self.env["party.meeting"]
            .with_user(self.user_recorder_a)
            .create(
                {
                    "name": "主题党日",
                    "meeting_type": "theme_day",
                    "branch_id": (branch or self.branch_a).id,
                    "date": day,
                    "attendance_ids": [
                        (0, 0, {"member_id": member.id, "status": status})
                        for member in members
                    ],
                }
            )
        )
        if close:
            meeting.action_close()
        return meeting

    def _mobile(self, member=None, user=None, **vals):
        """吴一 (or ``member``) leaves for work in Shenzhen from 10 January
        2025 until 10 May, recorded by the committee (or ``user``)."""
        values = {
            "member_id": (member or self.member_a1).id,
            "reason": "work",
            "destination": "广东省深圳市",
            "host_organisation": "深圳某电子公司",
            "departure_date": date(2025, 1, 10),
            "expected_return": date(2025, 5, 10),
            **vals,
        }
        return (
            self.env["party.mobile.member"]
            .with_user(user or self.user_manager)
            .create(values)
        )


class PartyPointsCase(PartyPointsCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()


class ScoreCase(PartyPointsCase):
    """The test world of common.py, an open 2025 cycle and evidence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Line = cls.env["party.score.line"]
        cls.cycle = open_cycle(cls.env, 2025)

    def _line(self, member, code, points, day, user=None, **vals):
        # a declaration says what was done
        said = {"description": "志愿服务"} if points > 0 else {}
        user = user or self.user_recorder_a
        return self._score_line(member, code, points, day, user, **{**said, **vals})

    def _card(self, member):
        return self.env["party.score.card"].search(
            [("member_id", "=", member.id), ("cycle_id", "=", self.cycle.id)]
        )


# additions that reach any total from the base score of 80, 10 points at most each
STEP = 10


class ResultsCase(ScoreCase):
    """ScoreCase with a helper that brings a member's 2025 total to a value,
    through real lines: declared, verified, approved (R-SCORE-5/7)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # four eyes: a second member of the committee verifies the lines the
        # first one approves
        cls.user_manager_2 = cls.party_user(
            "pp_manager_2",
            "base.group_user,party_points.group_party_working_committee",
            "钱委员",
        )

    def _exempt(self, member, date_from, date_to):
        exemption = self.env["party.member.exemption"].create(
            {
                "member_id": member.id,
                "date_from": date_from,
                "date_to": date_to,
                "reason_type": "long_sick",
            }
        )
        exemption.action_submit()
        exemption.with_user(self.user_manager).action_approve()
        return exemption

    def _score_to(
        self, member, total, day=date(2025, 3, 3), recorder=None, approver=None
    ):
        """Additions (j04: +5..+10, j01: +2..+5) and late arrivals (k01_4: -1)
        bring the card from its total to ``total``; the committee approves."""
        recorder = recorder or self.user_manager_2
        approver = approver or self.user_manager
        card = self._card(member)
        delta = total - (card.total_score if card else 80)
        steps = []
        if delta == 1:
            steps = [("j01", 2), ("k01_4", -1)]
        elif delta < 0:
            steps = [("k01_4", -1)] * -delta
        while delta > STEP:
            take = STEP if delta - STEP >= 2 else STEP - 2
            steps.append(("j04", take))
            delta -= take
        if delta >= 5:
            steps.append(("j04", delta))
        elif delta >= 2:
            steps.append(("j01", delta))
        for code, points in steps:
            if points < 0:
                line = self._line(member, code, points, day, user=recorder)
                line.with_user(recorder).action_register()
                continue
            line = self._line(
                member,
                code,
                points,
                day,
                user=recorder,
                attachment_ids=evidence_file(),
            )
            declare(line)
            line.with_user(recorder).action_verify()
            line.with_user(approver).action_approve()
        card = self._card(member)
        self.assertEqual(card.total_score, total, member.name)
        return card

    def _flags(self, card):
        """The projection of the year (issue 16: the flags themselves wait
        for the final result) and the candidacy."""
        return (
            card.projected_probation_cancel,
            card.projected_not_development_target,
            card.projected_transfer_deferred,
            card.is_outstanding_candidate,
        )

    def _final_flags(self, card):
        return (
            card.flag_probation_cancel,
            card.flag_not_development_target,
            card.flag_transfer_deferred,
        )

    def _publish_quarters(self, branch, quarters="1234", cycle=None):
        for quarter in quarters:
            self._publish_quarter(quarter, branch, self.user_manager, cycle)

    def _make_final(self, *branches):
        """Issue 16: the committee makes the year's results final once a
        branch has published its four quarters, and the branches do."""
        self.cycle.with_user(self.user_manager).flags_final_on_publication = True
        for branch in branches:
            self._publish_quarters(branch)


class LaggardCommon:
    @classmethod
    def setup_laggard_world(cls):
        user = cls.party_role_user
        cls.secretary_e = user("pp_secretary_e", "group_party_secretary", "教育书记")
        cls.recorder_e = user("pp_recorder_e", "group_party_recorder", "教育登记员")
        cls.education = cls.Branch.create(
            {
                "name": "党性教育党支部",
                "kind": "branch",
                "branch_type": "education",
                "code": "T-E",
                "parent_id": cls.committee.id,
                "recorder_id": cls.recorder_e.id,
                "officer_user_ids": [(6, 0, cls.secretary_e.ids)],
            }
        )
        cls.mentor_1 = cls.member_a2  # 郑二, full member of the branch's group
        cls.mentor_2 = cls.Member.create(
            {"name": "钱五", "branch_id": cls.branch_a.id, "gender": "male"}
        )
        cls.Case = cls.env["party.laggard.case"]

    @classmethod
    def open_case(cls, member=None, day=date(2025, 4, 1), user=None, **vals):
        """A laggard case of ``member`` (吴一 by default) opened on ``day`` by
        ``user`` (the branch secretary), educated by 党性教育党支部, with its
        shortcomings and a branch committee of 5, 4 present; ``vals`` add to
        or change that."""
        return cls.Case.with_user(user or cls.user_secretary_a).create(
            {
                "member_id": (member or cls.member_a1).id,
                "open_date": day,
                "education_branch_id": cls.education.id,
                "shortcomings": "无故不参加组织生活，拒不接受党组织交办的任务。",
                "committee_members_required": 5,
                "committee_members_present": 4,
                **vals,
            }
        )

    def _monthly_report(self, case, day=date(2025, 5, 15)):
        """The member's written monthly report (思想汇报) during the
        rectification, a draft."""
        return (
            self.env["party.laggard.report"]
            .with_user(self.user_member)
            .create(
                {
                    "case_id": case.id,
                    "report_text": "本月按时参加组织生活。",
                    "date": day,
                }
            )
        )


class LaggardCase(LaggardCommon, ScoreCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_laggard_world()

    def _open(self, member=None, day=date(2025, 4, 1), user=None):
        return self.open_case(member, day, user)

    def _register(self, member, code, points, day, user=None):
        line = self._line(member, code, points, day, user=user)
        line.with_user(user or self.user_recorder_a).action_register()

    def _as(self, case, user):
        return case.with_user(user)

    def _decided(self, case):
        """Steps 1–3 by their roles (附件2)."""
        self._as(case, self.user_secretary_a).action_announce(
            date(2025, 4, 2), "在专题组织生活会上通报积分。"
        )
        self._as(case, self.user_secretary_a).action_determine(
            date(2025, 4, 5), "经支委会集体研究，初定为后进党员。"
        )
        self._as(case, self.user_general).action_review(
            date(2025, 4, 8), "情况属实，同意上报。"
        )
        self._as(case, self.user_manager).action_decide(
            date(2025, 4, 10), "认定为后进党员，限期整改。"
        )
        return case

    def _in_rectification(self, case, months=2):
        self._decided(case)
        case.with_user(self.user_manager).write({"rectification_months": months})
        self._as(case, self.user_manager).action_transfer(
            date(2025, 4, 12), "组织关系转入党性教育党支部。"
        )
        case.with_user(self.secretary_e).write(
            {
                "mentor_ids": [(6, 0, (self.mentor_1 | self.mentor_2).ids)],
                "cause_category": "a",
                "rectification_plan": "重点学习党章党规，每月参加组织生活。",
            }
        )
        self._as(case, self.secretary_e).action_start_rectification(
            date(2025, 4, 15), "确定两名帮教联系人，制定整改计划。"
        )
        return case

    def _resolve_and_approve(self, case, outcome, resolve_day, approve_day):
        self._as(case, self.secretary_e).action_resolve(
            outcome, resolve_day, "党员大会评定。"
        )
        self._as(case, self.user_manager).action_approve(
            approve_day, "党工委集体研究，书面批复同意。"
        )


class DuesCommon:
    @classmethod
    def setup_dues(cls):
        cls.Line = cls.env["party.dues.line"]
        cls.Sheet = cls.env["party.dues.sheet"]
        (cls.member_self | cls.member_a1 | cls.member_a2 | cls.member_b1).write(
            {"dues_base": 4000.0}
        )

    def _line(self, member, month, user=None, **vals):
        return (
            self.Line.with_user(user or self.user_recorder_a)
            .create({"member_id": member.id, "month": month, **vals})
            .sudo(False)
        )


class NominationMixin:
    def _publish_year(self, branch, user):
        for quarter in "1234":
            self._publish_quarter(quarter, branch, user)

    def _nominations(self):
        return self.env["party.outstanding.nomination"].search(
            [("cycle_id", "=", self.cycle.id)], order="score desc"
        )


class YearMixin:
    def _approve(self, line):
        declare(line)
        line.with_user(self.user_recorder_a).action_verify()
        line.with_user(self.user_manager).action_approve()

    def _addition(self, member, code, points, day):
        line = self.Line.with_user(self.user_recorder_a).create(
            {
                "member_id": member.id,
                "standard_id": self.env.ref(f"party_points.standard_{code}").id,
                "points": points,
                "date": day,
                "description": "志愿服务",
                "attachment_ids": evidence_file(),
            }
        )
        self._approve(line)
        return line

    def _deduction(self, member, code, points, day, user=None):
        user = user or self.user_recorder_a
        standard = self.env.ref(f"party_points.standard_{code}")
        line = self.Line.with_user(user).create(
            {
                "member_id": member.id,
                "standard_id": standard.id,
                "points": points,
                "date": day,
                # the written record an item may require (the veto does)
                **(
                    {"attachment_ids": evidence_file()}
                    if standard.evidence_required
                    else {}
                ),
            }
        )
        line.with_user(user).action_register()
        return line

    def _meeting(self, day, statuses):
        meeting = self._theme_day(day, self.Member, close=False)
        meeting.action_load_members()
        for attendance in meeting.attendance_ids:
            attendance.status = statuses.get(attendance.member_id, "present")
        meeting.action_close()

    def _publish(self, quarter):
        return self._publish_quarter(quarter)


class MobileCase(PartyPointsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_village()
        cls.Mobile = cls.env["party.mobile.member"]
        cls.Activity = cls.env["mail.activity"]

    def _out(self, member=None, **vals):
        record = self._mobile(member, **vals)
        record.with_user(self.user_manager).action_depart()
        return record

    def _activities(self, record, user=None, summary=None):
        domain = [("res_model", "=", record._name), ("res_id", "=", record.id)]
        if user:
            domain.append(("user_id", "=", user.id))
        if summary:
            domain.append(("summary", "ilike", summary))
        return self.Activity.search(domain)


class PortalCase(PartyPointsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        # the demo database speaks only Chinese: English too, for the asserts
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.today, cls.cycle = cls.this_year()
        cls.cycle_2025 = open_cycle(cls.env, 2025)
        cls.Line = cls.env["party.score.line"]
        # issue 10: portal users are created from the member records
        cls.member_a1.with_user(cls.user_secretary_a).action_create_portal_users()
        cls.portal = cls.member_a1.partner_id.user_ids
        # password = login, as start_tour logs in
        cls.portal.write({"password": cls.portal.login, "lang": "en_US"})
        cls.card = cls.env["party.score.card"]._get_or_create(cls.member_a1, cls.cycle)
        cls.card_a2 = cls.env["party.score.card"]._get_or_create(
            cls.member_a2, cls.cycle
        )
        cls.item = cls.env["party.score.standard"].create(
            {
                "code": "PT1",
                "name": "PORTALTOUR volunteering",
                "category": "righteousness",
                "mechanism": "daily",
                "sign": "addition",
                "points_min": 1,
                "points_max": 3,
                "evidence_required": True,
            }
        )

    def _publication(self, branch, quarter, publish=True):
        # the committee publishes the quarters of 2025
        return self._publish_quarter(
            quarter, branch, self.user_manager, self.cycle_2025, publish
        )


class BypassRpcMixin:
    """XML-RPC calls of an HttpCase that send every context key a client
    might try to unlock a guard (issue 8 (a)), on top of ``context``."""

    def _rpc(self, user, model, method, *args, context=None):
        kwargs = {"context": {**BYPASS_CONTEXT, **(context or {})}}
        return execute_kw(self, user, model, method, args, kwargs)

    def _refused(self, user, model, method, *args, context=None):
        kwargs = {"context": {**BYPASS_CONTEXT, **(context or {})}}
        return rpc_fault(self, user, model, method, args, kwargs)


class MeetingPhoneCase(ScoreCase):
    """Meetings from the phone (issue 19, item 2): the world of common.py
    where the members of 第一党支部 and 冯三 of 第二党支部 have a user each
    (password = login), 李书记 is a member of 第一党支部 too, and a theme
    Party day of 第一党支部 starts on 10 March 2025 at 09:00 Beijing time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def member_user(login, member):
            return new_test_user(
                cls.env,
                login=login,
                name=member.name,
                groups="base.group_user,party_points.group_party_member",
                partner_id=member.partner_id.id,
                company_id=cls.company.id,
                company_ids=[(6, 0, cls.company.ids)],
                lang="en_US",
            )

        cls.user_a1 = member_user("pp_phone_a1", cls.member_a1)
        cls.user_a2 = member_user("pp_phone_a2", cls.member_a2)
        cls.user_b1 = member_user("pp_phone_b1", cls.member_b1)
        cls.member_secretary = cls.Member.create(
            {
                "name": "李书记",
                "branch_id": cls.branch_a.id,
                "partner_id": cls.user_secretary_a.partner_id.id,
                "gender": "male",
            }
        )
        cls.Meeting = cls.env["party.meeting"]
        cls.Leave = cls.env["party.meeting.leave"]

    def _plan(self, start="2025-03-10 01:00:00", branch=None, user=None, **vals):
        """A theme Party day of ``branch`` (第一党支部) planned by its
        recorder, starting at ``start`` (UTC)."""
        return self.Meeting.with_user(user or self.user_recorder_a).create(
            {
                "name": "主题党日：学习党章",
                "meeting_type": "theme_day",
                "branch_id": (branch or self.branch_a).id,
                "start": start,
                **vals,
            }
        )

    @staticmethod
    def _at(moment):
        """Stand at ``moment`` (UTC) for the sign-in and the leave."""
        return patch(
            "odoo.addons.party_points.models.party_meeting_phone.signin_now",
            return_value=moment,
        )


class AppraisalMixin:
    """民主评议党员: the world of a democratic appraisal of 第一党支部 (its
    three Party members rate each other; two employees who are not members
    do the mass appraisal), its steps dated around today ``T`` so that the
    organisation review runs today: study T-35..T-26, self-appraisal
    T-25..T-16, democratic appraisal T-15..T-6, review T-5..T+5, handling
    T+10. ``on_day`` stands on another day for the campaign's dates."""

    @classmethod
    def setup_appraisal_world(cls):
        cls.T = party_today(cls.env["party.score.line"])
        _today, cls.cycle = cls.this_year()
        cls.Campaign = cls.env["party.appraisal.campaign"]
        cls.Result = cls.env["party.appraisal.result"]
        cls.Answer = cls.env["survey.user_input"]
        cls.mass_1 = cls.env["hr.employee"].create({"name": "群众甲"})
        cls.mass_2 = cls.env["hr.employee"].create({"name": "群众乙"})
        cls.template = cls.env.ref("party_points.survey_party_appraisal_template")

    @classmethod
    def appraisal_dates(cls, base=None):
        t = base or cls.T
        return {
            "year": (t - timedelta(35)).year,
            "study_date_from": t - timedelta(35),
            "study_date_to": t - timedelta(26),
            "self_date_from": t - timedelta(25),
            "self_date_to": t - timedelta(16),
            "rating_date_from": t - timedelta(15),
            "rating_date_to": t - timedelta(6),
            "review_date_from": t - timedelta(5),
            "review_date_to": t + timedelta(5),
            "outcome_date": t + timedelta(10),
        }

    @classmethod
    def new_campaign(cls, user=None, open_it=True, **vals):
        campaign = cls.Campaign.with_user(user or cls.user_secretary_a).create(
            {
                "branch_id": cls.branch_a.id,
                "employee_ids": [(6, 0, (cls.mass_1 | cls.mass_2).ids)],
                **cls.appraisal_dates(),
                **vals,
            }
        )
        if open_it:
            campaign.action_open()
        return campaign

    @staticmethod
    def on_day(day):
        """Stand on ``day`` for the campaign's dates (not for the ledger)."""
        stack = ExitStack()
        for module in ("party_appraisal_campaign", "party_appraisal_result"):
            stack.enter_context(
                patch(
                    f"odoo.addons.party_points.models.{module}.party_today",
                    return_value=day,
                )
            )
        return stack

    def answers(self, campaign, member=None, kind=None, rater=None):
        """The campaign's answers (as the system: no user reads them)."""
        domain = [("party_campaign_id", "=", campaign.id)]
        if member:
            domain.append(("party_result_id.member_id", "=", member.id))
        if kind:
            domain.append(("party_rater_kind", "=", kind))
        answers = self.Answer.sudo().search(domain, order="id")
        if rater is not None:
            answers = answers.filtered(lambda a: a.nickname == rater.name)
        return answers

    def rate(self, answer, grade, text=None, day=None):
        """``answer`` given as the survey pages give it: every choice
        question answered with ``grade``, the text question with ``text``,
        on ``day`` (the middle of its step by default)."""
        campaign = answer.party_campaign_id
        if day is None:
            day = (
                campaign.self_date_from
                if answer.party_rater_kind == "self"
                else campaign.rating_date_from
            ) + timedelta(3)
        answer = answer.sudo()
        with self.on_day(day):
            for question in answer.survey_id.question_ids:
                if question.question_type == "simple_choice":
                    choice = question.suggested_answer_ids.filtered(
                        lambda c: c.party_grade == grade
                    )
                    answer._save_lines(question, str(choice.id))
                elif text is not None:
                    answer._save_lines(question, text)
            answer._mark_done()
        return answer

    def grade(self, campaign, member, grade, user=None, opinion="经支委会考察。"):
        result = campaign.result_ids.filtered(lambda r: r.member_id == member)
        with self.on_day(self.T):
            result.with_user(user or self.user_secretary_a).write(
                {"committee_grade": grade, "committee_opinion": opinion}
            )
        return result
