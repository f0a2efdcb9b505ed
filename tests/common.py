# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command
from odoo.tests import TransactionCase, new_test_user


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
    def setup_party_world(cls):
        env = cls.env
        cls.company = env.ref("base.main_company")
        cls.Branch = env["party.branch"]
        cls.Member = env["party.member"]
        user = cls.party_user

        cls.user_manager = user(
            "pp_manager", "base.group_user,party_points.group_party_manager", "王委员"
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


class PartyPointsCase(PartyPointsCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
