# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 11, item 1: the access matrix.

One table says, for every persistent model of the addon and every role, which
of create/read/write/unlink the role has on the records of each scope; the
test asks the ORM (ACL + record rules, ``has_access``) for every cell.

The expected table is the business's (DOMAIN §1 roles, R-MEM-3, R-SCORE-8/9,
R-USE-5, DESIGN and ARCHITECTURE "Security"), not a copy of the XML:

- member: themself (own member record and its rows), their own branch and
  its published lists (R-SCORE-8); they declare additions (score lines), write
  their own monthly laggard reports and half-yearly mobile reports;
- a member of a Party group (group_member) is a member like the others, and
  reads the list of the branch their group belongs to;
- portal member: reads the same about themself, no backend model beyond it;
- recorder and up: the subtree of the organisations they serve (child_of);
  the recorder keeps the register (lines, meetings, mobile logs, dues), the
  secretary manages members, exemptions, publications, cases, nominations;
  the general branch does the same over its branches;
- the receiving village branch reads the mobile-branch member it scores and
  keeps that member's points (R-SCORE-9), and nothing else of the mobile
  branch;
- the committee (manager): everything of its company; history rows, cards,
  snapshots, steps and watch rows are written by the system only;
- HR officer: reads (never writes) the company's Party records, never the dues
  or the six-month watch (income);
- the organisation officer is a secretary: the group adds the ID number and
  phone only (tested below);
- nothing of another company, for anybody.

Create is asked of an existing row of the scope (ACL and the create rules,
which is what the ORM checks on the row a create makes); workflow states and
the models' own guards (UserError) are other tests' business.

Scopes: ``self`` (the member's own rows, for the member roles),
``own`` (another member of 第一党支部), ``child`` (a member of 第一党小组 under
it), ``sibling`` (第二党支部), ``received`` (a member of the mobile branch
that 某村党支部 receives), ``other`` (the second company).
"""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.models import BaseModel
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import PartyPointsCommon, PortalCase, open_cycle, valid_id_number
from .helpers import report_text

OPS = ("create", "read", "write", "unlink")
LETTER = {"c": "create", "r": "read", "w": "write", "u": "unlink"}
SCOPES = ("self", "own", "child", "sibling", "received", "other")
SHORT = {
    "S": "self",
    "O": "own",
    "C": "child",
    "B": "sibling",
    "R": "received",
    "X": "other",
}
ROLES = (
    "member",
    "group_member",
    "portal",
    "recorder",
    "secretary",
    "village",
    "general",
    "manager",
    "hr",
    "organisation",
    "manager2",
)

# Rows shared by several models: role -> "SCOPES=ops ...", where SCOPES are
# letters of SHORT and ops letters of LETTER; a scope not named is denied.
BRANCH_SUBTREE = {  # recorder and up, in the subtree they serve
    "recorder": "OC=r",
    "secretary": "OC=r",
    "organisation": "OC=r",
    "general": "OCB=r",
}
READ_ALL = {"manager": "OCBR=r", "hr": "OCBR=r", "manager2": "X=r"}
COMPANY_READ = {
    role: "O=r"
    for role in (
        "member",
        "portal",
        "recorder",
        "secretary",
        "village",
        "general",
        "hr",
        "organisation",
    )
}
# the committee keeps a record, HR reads it, the second company's keeps its own
COMMITTEE_KEEPS = {"manager": "OCBR=crwu", "hr": "OCBR=r", "manager2": "X=crwu"}
# the branch keeps a record of its subtree, the committee deletes it
BRANCH_KEEPS = {
    "recorder": "OC=r",
    "secretary": "OC=crw",
    "organisation": "OC=crw",
    "village": "R=r",
    "general": "OCB=crw",
    **COMMITTEE_KEEPS,
}
# a history row, card, snapshot or step: the system writes, people read
SYSTEM_WRITTEN = {
    "member": "S=r",
    "village": "R=r",
    **BRANCH_SUBTREE,
    **READ_ALL,
}
# the mobile member's log (certificate entries, contacts): the branch keeps it
MOBILE_LOG = {
    "member": "S=r",
    "recorder": "OC=crwu",
    "secretary": "OC=crwu",
    "organisation": "OC=crwu",
    "village": "R=r",
    "general": "OCB=crwu",
    **COMMITTEE_KEEPS,
}

EXPECTED = {
    # only the committee creates or edits organisations (ARCHITECTURE)
    "party.branch": {
        "member": "SO=r",
        "group_member": "SC=r",
        "portal": "SO=r",
        **BRANCH_SUBTREE,
        **COMMITTEE_KEEPS,
    },
    # secretaries manage their subtree's members, only the committee deletes;
    # the receiving branch reads the member it scores (R-SCORE-9)
    "party.member": {
        "member": "S=r",
        "portal": "S=r",
        **BRANCH_KEEPS,
    },
    # dated history (R-ORG-3, R-MEM-5): created by the member's own methods,
    # never written or deleted; "nothing else of the mobile branch" (R-SCORE-9)
    "party.member.transfer": {
        "member": "S=r",
        **BRANCH_SUBTREE,
        **READ_ALL,
    },
    "party.member.change": {
        "member": "S=r",
        **BRANCH_SUBTREE,
        **READ_ALL,
    },
    # R-MEM-4: the branch applies, the committee decides
    "party.member.exemption": {
        "member": "S=r",
        "recorder": "OC=r",
        "secretary": "OC=crwu",
        "organisation": "OC=crwu",
        "general": "OCB=crwu",
        **COMMITTEE_KEEPS,
    },
    # the catalogue (附件1) is the committee's; items are archived, not deleted
    "party.score.standard": {
        **COMPANY_READ,
        "manager": "O=crw",
        "manager2": "X=crw",
    },
    "party.score.cycle": {
        **COMPANY_READ,
        "manager": "O=crw",
        "manager2": "X=crw",
    },
    # R-USE-5: grade bands, configured by the committee, read by HR
    "party.score.grade": {
        **{r: v for r, v in COMPANY_READ.items() if r != "portal"},
        "manager": "O=crwu",
        "manager2": "X=crwu",
    },
    # R-SCORE-5/7: the member declares, the branch registers and verifies
    # (R-SCORE-9: the receiving branch scores the mobile member); workflow
    # states are the model's business, not the ACL's
    "party.score.line": {
        "member": "S=crwu",
        "portal": "S=r",
        "recorder": "OC=crwu",
        "secretary": "OC=crwu",
        "organisation": "OC=crwu",
        "village": "R=crwu",
        "general": "OCB=crwu",
        **COMMITTEE_KEEPS,
    },
    "party.score.card": {
        "portal": "S=r",
        **SYSTEM_WRITTEN,
    },
    # R-SCORE-8: the branch committee approves and publishes; the members of
    # the branch read the published list (党务公开栏)
    "party.score.publication": {
        "member": "SOC=r",
        "portal": "SOC=r",
        **BRANCH_KEEPS,
    },
    "party.score.publication.snapshot": {
        "member": "SOC=r",
        "portal": "SOC=r",
        "village": "R=r",
        **BRANCH_SUBTREE,
        **READ_ALL,
    },
    # 三会一课: kept by the branch, read by the member who attended
    "party.meeting": {
        "member": "S=r",
        "recorder": "OC=crwu",
        "secretary": "OC=crwu",
        "organisation": "OC=crwu",
        "general": "OCB=crwu",
        **COMMITTEE_KEEPS,
    },
    # 后进党员 (R-USE-2, 附件2): the branch determines, the committee decides
    "party.laggard.case": {
        "member": "S=r",
        **BRANCH_KEEPS,
    },
    "party.laggard.step": dict(SYSTEM_WRITTEN),
    # 月度汇报: the member writes their own; the education branch reviews;
    # the original and scoring branches read them
    "party.laggard.report": {
        "member": "S=crwu",
        "village": "R=r",
        **BRANCH_SUBTREE,
        **COMMITTEE_KEEPS,
    },
    # 优秀党员 (R-USE-1): branch proposes, general branch reviews, committee confirms
    "party.outstanding.nomination": {
        "member": "S=r",
        "recorder": "OC=r",
        "secretary": "OC=crwu",
        "organisation": "OC=crwu",
        "village": "R=r",
        "general": "OCB=crwu",
        **COMMITTEE_KEEPS,
    },
    # R-USE-5: a read-only SQL view for HR (and the committee)
    "party.hr.assessment": {
        "manager": "OCBR=r",
        "hr": "OCBR=r",
        "manager2": "X=r",
    },
    # 流动党员 (R-MOB-1..6)
    "party.mobile.member": {
        "member": "S=r",
        "recorder": "OC=crw",
        "secretary": "OC=crw",
        "organisation": "OC=crw",
        "village": "R=r",
        "general": "OCB=crw",
        **COMMITTEE_KEEPS,
    },
    # R-MOB-2: the activity certificate is issued by the committee
    "party.mobile.certificate": {
        "member": "S=r",
        "village": "R=r",
        **BRANCH_SUBTREE,
        "manager": "OCBR=crw",
        "hr": "OCBR=r",
        "manager2": "X=crw",
    },
    "party.mobile.certificate.entry": dict(MOBILE_LOG),
    "party.mobile.contact": dict(MOBILE_LOG),
    # R-MOB-3: the member reports on thought and work every half year
    "party.mobile.report": {**MOBILE_LOG, "member": "S=crw"},
    # R-MOB-4: the places with three or more members out, for the committee
    "party.mobile.place": {"manager": "O=r", "manager2": "X=r"},
    # 党费: income, so never HR; the recorder records, the secretary corrects
    "party.dues.rate": {
        **{r: v for r, v in COMPANY_READ.items() if r not in ("portal", "hr")},
        "manager": "O=crwu",
        "manager2": "X=crwu",
    },
    "party.dues.line": {
        "member": "S=r",
        "recorder": "OC=crw",
        "secretary": "OC=crwu",
        "organisation": "OC=crwu",
        "general": "OCB=crwu",
        "manager": "OCBR=crwu",
        "manager2": "X=crwu",
    },
    "party.dues.sheet": {
        "recorder": "O=crw",
        "secretary": "O=crwu",
        "organisation": "O=crwu",
        "general": "OB=crwu",
        "manager": "OBR=crwu",
        "manager2": "X=crwu",
    },
    # R-MEM-6: the branch's business; watch rows are written by the system
    "party.member.watch": {
        **BRANCH_SUBTREE,
        "manager": "OCBR=r",
        "manager2": "X=r",
    },
    "party.member.watch.month": {
        **BRANCH_SUBTREE,
        "manager": "OCBR=r",
        "manager2": "X=r",
    },
    "party.member.watch.decision": {
        "recorder": "OC=r",
        "secretary": "OC=crwu",
        "organisation": "OC=crwu",
        "general": "OCB=crwu",
        "manager": "OCBR=crwu",
        "manager2": "X=crwu",
    },
    # 民主评议党员 (R-APP-1/4): the secretary organises the campaign of the
    # organisations they serve; once closed and published, the members of the
    # organisation read it and its results, and HR reads them
    "party.appraisal.campaign": {
        "member": "SO=r",
        "portal": "SO=r",
        "secretary": "O=crwu",
        "organisation": "O=crwu",
        "general": "OB=crwu",
        "manager": "OBR=crwu",
        "hr": "OBR=r",
        "manager2": "X=crwu",
    },
    # the results are made by the campaign; the secretary writes the review
    "party.appraisal.result": {
        "member": "SO=r",
        "portal": "SO=r",
        "secretary": "O=rw",
        "organisation": "O=rw",
        "general": "OB=rw",
        "manager": "OBR=rw",
        "hr": "OBR=r",
        "manager2": "X=rw",
    },
    # R-ORG-4 队伍现状: a read-only SQL view, by organisation
    "party.branch.statistics": {
        **BRANCH_SUBTREE,
        **READ_ALL,
    },
}
# attendance follows its meeting
EXPECTED["party.meeting.attendance"] = dict(EXPECTED["party.meeting"])
# 请假 (issue 19): asked by the member (through the meeting), decided by the
# branch's secretary; the recorder reads them
EXPECTED["party.meeting.leave"] = {
    "member": "S=r",
    "portal": "S=r",
    "recorder": "OC=r",
    "secretary": "OC=rw",
    "organisation": "OC=rw",
    "general": "OCB=rw",
    "manager": "OCBR=rw",
    "manager2": "X=rw",
}
# a member of a Party group is a member like any other: their own rows, and
# the list of the branch their group belongs to (R-SCORE-8)
# (their "self" rows are those of the "child" scope)
for _table in EXPECTED.values():
    _table.setdefault(
        "group_member",
        " ".join(
            part.replace("S", "SC", 1) if "C" not in part.split("=")[0] else part
            for part in _table.get("member", "").split()
        ),
    )
# whose own rows the "self" scope holds, for the roles that are members
SELF_KEY = {"member": "self:member", "group_member": "child", "portal": "self:portal"}


def parse(row):
    """``"OC=crw B=r"`` -> {scope: {op, ...}}."""
    cells = {}
    for part in row.split():
        scopes, ops = part.split("=")
        for letter in scopes:
            cells[SHORT[letter]] = {LETTER[op] for op in ops}
    return cells


def raw_create(env, model, vals):
    """A fixture row written as the ORM writes it, without the model's own
    ``create`` (workflow guards, role checks): the matrix is about who may
    touch a row, whatever state the business put it in."""
    return BaseModel.create(env[model], [vals])


class MatrixWorld(PartyPointsCommon):
    @classmethod
    def setup_matrix_world(cls):
        cls.setup_party_world()
        env = cls.env
        cls.cycle = open_cycle(env, 2025)
        Branch = cls.Branch

        def user(login, groups, name, company=None):
            return cls.party_user(login, "base.group_user," + groups, name, company)

        # R-SCORE-9: the village branch receiving the mobile member 何四
        cls.user_village = user(
            "pp_mx_village", "party_points.group_party_recorder", "村登记员"
        )
        cls.village = Branch.create(
            {
                "name": "某村党支部",
                "kind": "branch",
                "branch_type": "village",
                "parent_id": cls.committee.id,
                "recorder_id": cls.user_village.id,
            }
        )
        cls.member_m1.home_branch_id = cls.village
        cls.education = Branch.create(
            {
                "name": "党性教育党支部",
                "kind": "branch",
                "branch_type": "education",
                "parent_id": cls.committee.id,
            }
        )
        # the portal member: a member of 第一党支部 without a backend user
        cls.member_p = cls.Member.create(
            {"name": "门户党员", "branch_id": cls.branch_a.id}
        )
        cls.member_p.with_user(cls.user_secretary_a).action_create_portal_users()
        cls.user_portal = cls.member_p.partner_id.user_ids

        # the second company, its committee member its branch's officer
        cls.setup_second_company()
        cls.user_manager2 = user(
            "pp_mx_manager2",
            "party_points.group_party_working_committee",
            "钱委员",
            company=cls.company2,
        )
        cls.branch2.officer_user_ids = cls.user_manager2
        cls.member_x = cls.Member.create(
            {"name": "林党员", "branch_id": cls.branch2.id}
        )
        cls.cycle2 = (
            env["party.score.cycle"]
            .with_company(cls.company2)
            .create({"year": 2025, "company_id": cls.company2.id})
        )

        # a member of 第一党小组 with a backend user
        cls.user_group_member = new_test_user(
            env,
            login="pp_mx_group_member",
            groups="base.group_user,party_points.group_party_member",
            name="郑二",
            partner_id=cls.member_a2.partner_id.id,
            lang="en_US",
        )
        cls.users = {
            "member": cls.user_member,
            "group_member": cls.user_group_member,
            "portal": cls.user_portal,
            "recorder": cls.user_recorder_a,
            "secretary": cls.user_secretary_a,
            "village": cls.user_village,
            "general": cls.user_general,
            "manager": cls.user_manager,
            "hr": cls.user_hr,
            "organisation": cls.user_organisation,
            "manager2": cls.user_manager2,
        }
        members = {
            "self:member": cls.member_self,
            "self:portal": cls.member_p,
            "own": cls.member_a1,
            "child": cls.member_a2,
            "sibling": cls.member_b1,
            "received": cls.member_m1,
            "other": cls.member_x,
        }
        cls.records = {model: {} for model in EXPECTED}

        def put(model, key, record):
            cls.records[model][key] = record

        for key, member in members.items():
            put("party.member", key, member)
        for key, branch in {
            "self:member": cls.branch_a,
            "self:portal": cls.branch_a,
            "own": cls.branch_a,
            "child": cls.group_a,
            "sibling": cls.branch_b,
            "received": cls.branch_mobile,
            "other": cls.branch2,
        }.items():
            put("party.branch", key, branch)

        # company-wide configuration: the own company's row and the other's
        for company, key in ((cls.company, "own"), (cls.company2, "other")):
            put(
                "party.score.standard",
                key,
                env["party.score.standard"].search(
                    [("code", "=", "K07"), ("company_id", "=", company.id)]
                ),
            )
            put("party.score.cycle", key, cls.cycle if key == "own" else cls.cycle2)
            put(
                "party.score.grade",
                key,
                raw_create(
                    env,
                    "party.score.grade",
                    {"name": "矩阵", "min_score": 999, "company_id": company.id},
                ),
            )
            put(
                "party.dues.rate",
                key,
                raw_create(
                    env,
                    "party.dues.rate",
                    {"name": "矩阵", "company_id": company.id, "active": False},
                ),
            )

        # one published quarter per scoring branch (R-SCORE-8)
        publications = {}
        for branch, cycle in (
            (cls.branch_a, cls.cycle),
            (cls.branch_b, cls.cycle),
            (cls.village, cls.cycle),
            (cls.branch2, cls.cycle2),
        ):
            publications[branch] = raw_create(
                env,
                "party.score.publication",
                {
                    "branch_id": branch.id,
                    "cycle_id": cycle.id,
                    "quarter": "1",
                    "state": "published",
                },
            )
        for key, branch in {
            "self:member": cls.branch_a,
            "self:portal": cls.branch_a,
            "own": cls.branch_a,
            # a Party group is listed by its branch (积分考评登记以党支部为单位)
            "child": cls.branch_a,
            "sibling": cls.branch_b,
            "received": cls.village,
            "other": cls.branch2,
        }.items():
            put("party.score.publication", key, publications[branch])

        # hr.assessment rows need employees
        Employee = env["hr.employee"]
        day = date(2025, 5, 6)
        for key, member in members.items():
            company = member.company_id
            cycle = cls.cycle if company == cls.company else cls.cycle2
            # the ledger is kept by the scoring branch (R-SCORE-9), dues and
            # the watch by the member's own 党支部
            scoring = member._scoring_unit_of(member.branch_id)
            unit = member.branch_id._scoring_unit()
            standard = env["party.score.standard"].search(
                [("code", "=", "K07"), ("company_id", "=", company.id)]
            )
            if key != "self:portal":
                member.employee_id = Employee.create(
                    {"name": member.name, "company_id": company.id}
                )
            card = env["party.score.card"]._get_or_create(member, cycle)
            put("party.score.card", key, card)
            put(
                "party.score.line",
                key,
                raw_create(
                    env,
                    "party.score.line",
                    {
                        "member_id": member.id,
                        "standard_id": standard.id,
                        "points": -3,
                        "date": day,
                        "branch_id": scoring.id,
                        "cycle_id": cycle.id,
                        "card_id": card.id,
                    },
                ),
            )
            put(
                "party.score.publication.snapshot",
                key,
                raw_create(
                    env,
                    "party.score.publication.snapshot",
                    {
                        "publication_id": publications[scoring].id,
                        "member_id": member.id,
                        "score": 80,
                        "rank": 1,
                    },
                ),
            )
            put(
                "party.member.transfer",
                key,
                raw_create(
                    env,
                    "party.member.transfer",
                    {
                        "member_id": member.id,
                        "date": date(2024, 1, 2),
                        "to_branch_id": member.branch_id.id,
                        "reason": "矩阵",
                    },
                ),
            )
            put(
                "party.member.change",
                key,
                raw_create(
                    env,
                    "party.member.change",
                    {
                        "member_id": member.id,
                        "date": date(2024, 1, 2),
                        "field": "party_post",
                        "new_value": "矩阵",
                        "reason": "矩阵",
                    },
                ),
            )
            put(
                "party.member.exemption",
                key,
                raw_create(
                    env,
                    "party.member.exemption",
                    {
                        "member_id": member.id,
                        "date_from": date(2025, 7, 1),
                        "date_to": date(2025, 9, 30),
                        "reason_type": env["party.member.exemption"]
                        ._fields["reason_type"]
                        .get_values(env)[0],
                    },
                ),
            )
            # a meeting each member alone attended, held by their own branch
            meeting = raw_create(
                env,
                "party.meeting",
                {
                    "name": "矩阵",
                    "meeting_type": "theme_day",
                    "branch_id": member.branch_id.id,
                    "date": day,
                },
            )
            put("party.meeting", key, meeting)
            put(
                "party.meeting.attendance",
                key,
                raw_create(
                    env,
                    "party.meeting.attendance",
                    {"meeting_id": meeting.id, "member_id": member.id},
                ),
            )
            put(
                "party.meeting.leave",
                key,
                raw_create(
                    env,
                    "party.meeting.leave",
                    {
                        "meeting_id": meeting.id,
                        "member_id": member.id,
                        "reason": "矩阵",
                    },
                ),
            )
            case = raw_create(
                env,
                "party.laggard.case",
                {
                    "member_id": member.id,
                    "cycle_id": cycle.id,
                    "quarter": "1",
                    "original_branch_id": member.branch_id.id,
                    "scoring_branch_id": scoring.id,
                    "education_branch_id": (
                        cls.education if company == cls.company else cls.branch2
                    ).id,
                    "state": "rectification",
                    "rectification_months": 6,
                    "start_date": date(2025, 4, 20),
                },
            )
            put("party.laggard.case", key, case)
            put(
                "party.laggard.step",
                key,
                raw_create(
                    env,
                    "party.laggard.step",
                    {
                        "case_id": case.id,
                        "step": "announce",
                        "date": day,
                        "user_id": env.uid,
                        "opinion": "矩阵",
                    },
                ),
            )
            put(
                "party.laggard.report",
                key,
                raw_create(
                    env,
                    "party.laggard.report",
                    {
                        "case_id": case.id,
                        "month": 1,
                        "date": day,
                        "report_text": "矩阵",
                    },
                ),
            )
            put(
                "party.outstanding.nomination",
                key,
                raw_create(
                    env,
                    "party.outstanding.nomination",
                    {
                        "member_id": member.id,
                        "cycle_id": cycle.id,
                        "card_id": card.id,
                        "branch_id": scoring.id,
                        "score": 100,
                    },
                ),
            )
            mobile = raw_create(
                env,
                "party.mobile.member",
                {
                    "member_id": member.id,
                    "destination": "深圳市南山区",
                    "departure_date": date(2025, 1, 10),
                    "state": "out",
                },
            )
            put("party.mobile.member", key, mobile)
            certificate = raw_create(
                env,
                "party.mobile.certificate",
                {
                    "mobile_id": mobile.id,
                    "name": f"MX-{member.id}",
                    "issue_date": date(2025, 1, 9),
                    "state": "issued",
                },
            )
            put("party.mobile.certificate", key, certificate)
            put(
                "party.mobile.certificate.entry",
                key,
                raw_create(
                    env,
                    "party.mobile.certificate.entry",
                    {
                        "certificate_id": certificate.id,
                        "host_organisation": "南山区党委",
                        "arrival_date": date(2025, 1, 12),
                    },
                ),
            )
            put(
                "party.mobile.contact",
                key,
                raw_create(
                    env,
                    "party.mobile.contact",
                    {"mobile_id": mobile.id, "summary": "矩阵", "date": day},
                ),
            )
            put(
                "party.mobile.report",
                key,
                raw_create(
                    env,
                    "party.mobile.report",
                    {"mobile_id": mobile.id, "report_text": "矩阵", "date": day},
                ),
            )
            put(
                "party.dues.line",
                key,
                raw_create(
                    env,
                    "party.dues.line",
                    {
                        "member_id": member.id,
                        "month": date(2025, 5, 1),
                        "branch_id": unit.id,
                    },
                ),
            )
            watch = raw_create(
                env,
                "party.member.watch",
                {"member_id": member.id, "branch_id": unit.id},
            )
            put("party.member.watch", key, watch)
            put(
                "party.member.watch.month",
                key,
                raw_create(
                    env,
                    "party.member.watch.month",
                    {"watch_id": watch.id, "month": date(2025, 5, 1)},
                ),
            )
            put(
                "party.member.watch.decision",
                key,
                raw_create(
                    env,
                    "party.member.watch.decision",
                    {
                        "member_id": member.id,
                        "branch_id": unit.id,
                        "reason": "矩阵",
                        "date": day,
                    },
                ),
            )
        # the mobile member is out of the village's reach for their dues,
        # watch and decisions: those stay with the mobile branch
        for key, branch in {
            "own": cls.branch_a,
            "sibling": cls.branch_b,
            "received": cls.branch_mobile,
            "other": cls.branch2,
        }.items():
            put(
                "party.dues.sheet",
                key,
                raw_create(
                    env,
                    "party.dues.sheet",
                    {"branch_id": branch.id, "month": date(2025, 5, 1)},
                ),
            )
        # the self rows of the branch-wide sheet are the branch's own
        for key in ("self:member", "self:portal"):
            put("party.dues.sheet", key, cls.records["party.dues.sheet"]["own"])

        env.flush_all()
        # SQL views: read once everything is written
        Assessment = env["party.hr.assessment"]
        for key, member in members.items():
            if key != "self:portal":
                put(
                    "party.hr.assessment",
                    key,
                    Assessment.search([("member_id", "=", member.id)], limit=1),
                )
        # R-MOB-4: three members of the company out at one place make a row;
        # the second company needs three of its own
        for name in ("高二", "高三"):
            other = cls.Member.create({"name": name, "branch_id": cls.branch2.id})
            raw_create(
                env,
                "party.mobile.member",
                {
                    "member_id": other.id,
                    "destination": "深圳市南山区",
                    "departure_date": date(2025, 1, 10),
                    "state": "out",
                },
            )
        env.flush_all()
        # the statistics view numbers its rows as it reads them: last
        Statistics = env["party.branch.statistics"]
        for key, member in members.items():
            put(
                "party.branch.statistics",
                key,
                Statistics.search(
                    [
                        ("member_id", "=", member.id),
                        ("organisation_id", "=", member.branch_id.id),
                    ],
                    limit=1,
                ),
            )
        for company, key in ((cls.company, "own"), (cls.company2, "other")):
            put(
                "party.mobile.place",
                key,
                env["party.mobile.place"].search(
                    [("company_id", "=", company.id)], limit=1
                ),
            )
        # 民主评议党员: a closed (published) campaign per organisation, and a
        # result of a member in it
        template = env.ref("party_points.survey_party_appraisal_template")
        for key, (branch, member) in {
            "own": (cls.branch_a, cls.member_a1),
            "sibling": (cls.branch_b, cls.member_b1),
            "received": (cls.branch_mobile, cls.member_m1),
            "other": (cls.branch2, cls.member_x),
        }.items():
            appraised = member
            if key == "own":
                appraised = member | cls.member_self | cls.member_p | cls.member_a2
            campaign = raw_create(
                env,
                "party.appraisal.campaign",
                {
                    "branch_id": branch.id,
                    "year": 2025,
                    "template_id": template.id,
                    "state": "closed",
                    "member_ids": [(6, 0, appraised.ids)],
                },
            )
            put("party.appraisal.campaign", key, campaign)
            put(
                "party.appraisal.result",
                key,
                raw_create(
                    env,
                    "party.appraisal.result",
                    {"campaign_id": campaign.id, "member_id": member.id},
                ),
            )
            if key == "own":
                for self_key, self_member in (
                    ("self:member", cls.member_self),
                    ("self:portal", cls.member_p),
                ):
                    put("party.appraisal.campaign", self_key, campaign)
                    put(
                        "party.appraisal.result",
                        self_key,
                        raw_create(
                            env,
                            "party.appraisal.result",
                            {"campaign_id": campaign.id, "member_id": self_member.id},
                        ),
                    )


@tagged("post_install", "-at_install")
class TestAccessMatrix(MatrixWorld, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_matrix_world()

    @staticmethod
    def _as(record, user):
        """As the web client sends it: the user's own companies."""
        return record.with_user(user).with_context(
            allowed_company_ids=user.company_ids.ids
        )

    def test_every_model_of_the_addon_is_in_the_table(self):
        persistent = {
            name
            for name, model in self.env.registry.items()
            if name.startswith("party.")
            and not model._abstract
            and not model._transient
        }
        self.assertEqual(persistent - set(EXPECTED), set())
        # and the world holds a row of each for every scope it has
        for model, rows in self.records.items():
            for key, record in rows.items():
                with self.subTest(model=model, scope=key):
                    self.assertEqual(len(record), 1, f"{model} {key}: no fixture row")

    def test_access_matrix(self):
        for model, table in EXPECTED.items():
            rows = self.records[model]
            for role in ROLES:
                user = self.users[role]
                expected = parse(table.get(role, ""))
                wrong = []
                for scope in SCOPES:
                    if scope == "self":
                        if role not in SELF_KEY:
                            continue
                        key = SELF_KEY[role]
                    else:
                        key = scope
                    record = rows.get(key)
                    if record is None:
                        continue
                    record = self._as(record, user)
                    for op in OPS:
                        allowed = op in expected.get(scope, ())
                        got = record.has_access(op)
                        if got != allowed:
                            wrong.append(
                                f"{model} / role {role} / scope {scope} / {op}: "
                                f"expected {'allow' if allowed else 'deny'}, "
                                f"got {'allow' if got else 'deny'}"
                            )
                with self.subTest(model=model, role=role):
                    self.assertFalse(wrong, "\n" + "\n".join(wrong))

    # R-MEM-3: the ID number and phone reach the organisation officers only

    def _give_sensitive_data(self):
        data = {}
        for index, member in enumerate(
            (self.member_a1, self.member_self, self.member_p)
        ):
            number = valid_id_number(f"3307831985031200{index}")
            phone = f"1380013800{index}"
            member.sudo().write({"id_number": number, "phone": phone})
            data[member] = (number, phone)
        return data

    def test_sensitive_fields_reach_no_role_without_the_group(self):
        data = self._give_sensitive_data()
        # every role that reads the member, the member themself included
        readers = {
            role: self.member_a1
            for role in ("recorder", "secretary", "general", "manager", "hr")
        }
        readers.update(member=self.member_self, portal=self.member_p)
        for role, member in readers.items():
            user = self.users[role]
            Member = self._as(self.Member, user)
            record = self._as(member, user)
            number, phone = data[member]
            attempts = {
                "read id_number": lambda r=record: r.read(["id_number"]),
                "read phone": lambda r=record: r.read(["phone"]),
                "web_read": lambda r=record: r.web_read({"phone": {}}),
                "search_read": lambda M=Member, m=member: M.search_read(
                    [("id", "=", m.id)], ["phone"]
                ),
                "web_search_read": lambda M=Member: M.web_search_read(
                    [], {"id_number": {}}
                ),
                "export_data": lambda r=record: r.export_data(["name", "id_number"]),
                "read_group by phone": lambda M=Member: M.read_group(
                    [], ["name:count"], ["phone"]
                ),
                "web_read_group by id_number": lambda M=Member: M.web_read_group(
                    [], ["name:count"], ["id_number"]
                ),
                "search on id_number": lambda M=Member, n=number: M.search(
                    [("id_number", "=", n)]
                ),
                "search_count on phone": lambda M=Member, p=phone: M.search_count(
                    [("phone", "like", p[:6])]
                ),
                "order by phone": lambda M=Member: M.search([], order="phone"),
                "write": lambda r=record: r.write({"phone": "13900000000"}),
            }
            for path, attempt in attempts.items():
                with self.subTest(role=role, path=path):
                    # a role without the export right is refused the export
                    # itself (a UserError, which AccessError is too)
                    refused = UserError if path == "export_data" else AccessError
                    with self.assertRaises(refused):
                        attempt()
            with self.subTest(role=role, path="every field the role reads"):
                fields = Member.fields_get(attributes=["store", "type"])
                self.assertFalse({"id_number", "phone"} & set(fields))
                stored = [
                    name
                    for name, field in fields.items()
                    if field["store"] and field["type"] not in ("one2many", "many2many")
                ]
                text = str(record.read(stored)) + str(record.name_search(number))
                self.assertNotIn(number, text)
                self.assertNotIn(phone, text)
                # the contact behind the member carries no copy of them
                self.assertFalse(member.partner_id.sudo().phone)
        # the organisation officer reads them (the group is all it takes)
        number, phone = data[self.member_a1]
        officer = self._as(self.member_a1, self.user_organisation)
        self.assertEqual(
            officer.read(["id_number", "phone"])[0],
            {"id": self.member_a1.id, "id_number": number, "phone": phone},
        )
        self.assertEqual(
            self._as(self.Member, self.user_organisation).search(
                [("id_number", "=", number)]
            ),
            self.member_a1,
        )

    def test_no_other_field_copies_the_sensitive_data(self):
        """A related or computed field on another model that reads the ID
        number or phone must carry the group too (the 附件3 form, the mobile
        member, the employee and the HR assessment show none today)."""
        sensitive = {
            self.env["party.member"]._fields[name] for name in ("id_number", "phone")
        }
        registry = self.env.registry
        copies = []
        for model_name in registry:
            model = self.env[model_name]
            for field in model._fields.values():
                if field in sensitive:
                    continue
                sources = set()
                related = getattr(field, "related_field", None)
                if related is not None:
                    sources.add(related)
                for path in registry.field_depends.get(field, ()):
                    target = model
                    for step in path.split("."):
                        target_field = target._fields.get(step)
                        if target_field is None:
                            break
                        sources.add(target_field)
                        if not target_field.relational:
                            break
                        target = self.env[target_field.comodel_name]
                if sources & sensitive and "group_party_organisation" not in (
                    field.groups or ""
                ):
                    copies.append(f"{model_name}.{field.name}")
        self.assertEqual(copies, [])

    def test_sensitive_fields_stay_out_of_the_chatter(self):
        # the fields are tracked: the change is in the chatter, its values
        # only for the organisation officer
        from odoo.addons.mail.tools.discuss import Store

        data = self._give_sensitive_data()
        self.env.flush_all()
        self.env.cr.precommit.run()
        number, phone = data[self.member_a1]
        messages = self.env["mail.message"].search(
            [("model", "=", "party.member"), ("res_id", "=", self.member_a1.id)]
        )
        self.assertTrue(messages.tracking_value_ids)
        for role in ("secretary", "manager", "hr", "organisation"):
            with self.subTest(role=role):
                user = self.users[role]
                text = str(
                    Store(self._as(messages, user), for_current_user=True).get_result()
                )
                seen = role == "organisation"
                self.assertEqual(number in text, seen)
                self.assertEqual(phone in text, seen)

    def test_duplicate_id_number_names_no_holder_to_other_roles(self):
        # R-MEM-3: whoever may not set an ID number learns nothing of who
        # holds one, through a form, RPC or an import
        number, _phone = self._give_sensitive_data()[self.member_a1]
        Member = self._as(self.Member, self.user_secretary_a)
        count = self.Member.search_count([])
        with self.assertRaises(AccessError) as caught:
            Member.create(
                {"name": "新党员", "branch_id": self.branch_a.id, "id_number": number}
            )
        self.assertNotIn("吴一", str(caught.exception))
        with self.assertRaises(AccessError):
            self._as(self.member_a2, self.user_secretary_a).write({"id_number": number})
        result = Member.load(
            ["name", "branch_id/.id", "id_number"],
            [["新党员", str(self.branch_a.id), number]],
        )
        self.assertFalse(result["ids"])
        self.assertTrue(result["messages"])
        self.assertNotIn("吴一", str(result["messages"]))
        self.assertEqual(self.Member.search_count([]), count)
        # the organisation officer is told who holds it
        with self.assertRaisesRegex(ValidationError, "吴一"):
            self._as(self.Member, self.user_organisation).create(
                {"name": "新党员", "branch_id": self.branch_a.id, "id_number": number}
            )


@tagged("post_install", "-at_install")
class TestSensitiveDataInThePortal(PortalCase):
    """R-MEM-3 over HTTP: the member's own pages at /my/party show neither
    their ID number nor their phone, nor those of the branch's list."""

    def test_portal_pages_show_no_id_number_or_phone(self):
        values = []
        for index, member in enumerate((self.member_a1, self.member_a2)):
            number = valid_id_number(f"3307831985031201{index}")
            phone = f"1390013900{index}"
            member.sudo().write({"id_number": number, "phone": phone})
            values += [number, phone]
        self._registered(self.member_a1, "k07", -3, date(2025, 2, 1))
        self._registered(self.member_a1, "k07", -3, self.today)
        published = self._publication(self.branch_a, "1")
        self.authenticate(self.portal.login, self.portal.login)
        for url in (
            "/my",
            "/my/account",
            "/my/party",
            "/my/party/lines",
            "/my/party/handbook",
            "/my/party/declare",
            "/my/party/publications",
            f"/my/party/publications/{published.id}/notice.pdf",
        ):
            response = self.url_open(url)
            with self.subTest(url=url):
                self.assertEqual(response.status_code, 200)
                text = report_text(response.content)
                self.assertIn("吴一", text)
                for value in values:
                    self.assertNotIn(value, text)
