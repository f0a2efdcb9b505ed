# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 15, item 5: the RPC surface.

Every public method (no leading ``_``, not ``@api.private``) of every model
of the addon, and every public method the addon adds to an Odoo model, is
an endpoint that any user who can read one record may call over XML-RPC
with any arguments. The list is made by introspection: a new public method
fails ``test_every_public_method_is_classified`` until it is listed here.

Each action is then called over XML-RPC on the demo database's records of
恒达集团第一党支部 by five users who must change nothing there: a member of
that branch (the records are not hers), a portal user, HR, the recorder of
another branch and the Party working committee of another company. Each
call ends in a clean refusal (an AccessError, UserError or ValidationError,
never a traceback) or changes no row of the addon's tables, attachments,
users, messages or activities (row counts and checksums)."""

import inspect
import xmlrpc.client
from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from .helpers import execute_kw

ADDON = "odoo.addons.party_points"

# The ORM's own endpoints, overridden by the addon to check more: access
# rights and record rules guard them, and their overrides are tried role by
# role in test_access_matrix, test_integrity, test_bad_input, test_guards
# and test_record_keys.
ORM_METHODS = {
    "create",
    "write",
    "unlink",
    "copy_data",
    "default_get",
    "load",
    "name_search",
    # reads what the caller may read, and only words its flags (test_hr_export)
    "export_data",
}

# Methods that need no caller check of their own, and why.
NO_CALLER_CHECK = {
    "action_view_members": "opens a list read under the user's record rules",
    "action_view_lines": "opens a list read under the user's record rules",
    "action_open_payment_wizard": "opens a dialog; its action checks the role",
    "action_open_step_wizard": "opens a dialog; the step checks the role",
    "action_view_dues_lines": "opens a list read under the user's record rules",
    "action_view_employee": "opens the employee under the user's rights",
    "action_open_transfer_wizard": "opens a dialog; the transfer checks the role",
    "action_open_change_wizard": "opens a dialog; the change checks the role",
    "action_view_score_cards": "opens a list read under the user's record rules",
    "action_view_score_chart": "opens a graph read under the user's rules",
    "action_view_exemptions": "opens a list read under the user's record rules",
    "action_view_laggard_cases": "opens a list read under the user's rules",
    "action_view_certificates": "opens a list read under the user's rules",
    "action_open_refuse_wizard": "opens a dialog; the refusal checks the role",
    "action_open_party_member": "opens the member under the user's rights",
    "action_open_party_lines": "opens a list read under the user's rules",
    "action_open_calendar_event": "opens the meeting's event under the user's rights",
    "get_import_templates": "the name of a static template file",
    "parse_preview": "Odoo's import preview; reads the user's own upload",
    "execute_import": "Odoo's import; each row is created under the user's rights",
}

# Arguments by parameter name, for the methods that take some.
ARGUMENTS = {
    "date": "2026-11-30",
    "date_to": "2027-06-30",
    "opinion": "经研究决定。",
    "attachment_ids": [],
    "reason": "理由",
    "amount": 10.0,
    "outcome": "improved",
    "paid_where": "home",
    "standard_id": 0,
    "points": 3,
    "description": "志愿服务",
}

# The record each model's methods are called on (demo data), by domain.
RECORDS = {
    "party.score.line": [("state", "=", "submitted")],
    "party.laggard.case": [],
    "party.meeting": [],
    "party.member": [],
    "party.member.exemption": [],
    "party.mobile.member": [("state", "=", "out")],
}

# Methods that rightly change the caller's own scope: the rows of the
# organisations the caller serves are left out of the comparison, all the
# others must stay as they are.
SCOPED = {
    ("party.member.watch", "action_refresh"): (
        "rebuilds the watch of the members of the organisations the caller serves",
        ("party_member_watch", "party_member_watch_month"),
    ),
}

# Kinds of records the demo database may hold none of: their methods are then
# called on no record (the role checks still run), and why that is enough.
EMPTY = {
    "party.mobile.place": "a view of places with three members out at once",
    "party.outstanding.nomination": "candidates exist only once a year is scored",
    "party.member.watch.decision": "decisions need a member flagged by the watch",
}

# Wizards: each role creates its own, pointed at the demo's records, then
# confirms it (a wizard of someone else is not even readable).
WIZARDS = {
    "party.laggard.step.wizard": lambda t: {
        "case_id": t.record("party.laggard.case").id,
        "action": "announce",
        "date": "2026-11-30",
        "opinion": "通报。",
    },
    "party.member.transfer.wizard": lambda t: {
        "member_ids": [[6, 0, t.record("party.member").ids]],
        "destination": "internal",
        "to_branch_id": t.env.ref("party_points.branch_hengda_2").id,
        "date": "2026-11-30",
        "reason": "调动",
    },
    "party.member.change.wizard": lambda t: {
        "member_id": t.record("party.member").id,
        "field": "status",
        "status": "rectification",
        "date": "2026-11-30",
        "reason": "整改",
    },
    "party.score.line.correction.wizard": lambda t: {
        "line_id": t.record("party.score.line", [("state", "=", "approved")]).id,
        "reason": "更正",
    },
    "party.score.line.refuse.wizard": lambda t: {
        "line_ids": [[6, 0, t.record("party.score.line").ids]],
        "reason": "不符合",
    },
    "party.dues.payment.wizard": lambda t: {
        "line_ids": [[6, 0, t.record("party.dues.line").ids]],
        "mode": "full",
        "date": "2026-11-30",
    },
    "party.outstanding.propose.wizard": lambda t: {
        "cycle_id": t.record("party.score.cycle", [("state", "=", "open")]).id,
    },
    "party.outstanding.refuse.wizard": lambda t: {
        "nomination_ids": [[6, 0, t.record("party.outstanding.nomination").ids]],
        "reason": "不符合",
    },
    "party.annual.results.print": lambda t: {},
    "party.score.ledger.export": lambda t: {},
    "party.score.register.print": lambda t: {},
    # issue 17 e: whatever company is sent, the form is the caller's own
    "party.settings": lambda t: {"company_id": t.company.id},
}


@tagged("post_install", "-at_install")
class TestRpcSurface(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        ref = env.ref
        cls.company = ref("base.main_company")
        cls.member_user = ref("party_points.user_party_member")
        cls.hr_user = ref("party_points.user_party_hr")
        cls.other_recorder = new_test_user(
            env,
            login="pp_rpc_recorder",
            groups="base.group_user,party_points.group_party_recorder",
            company_id=cls.company.id,
        )
        ref("party_points.branch_hengda_2").officer_user_ids = [
            Command.link(cls.other_recorder.id)
        ]
        portal_member = env["party.member"].search(
            [("branch_id", "=", ref("party_points.branch_hengda_1").id)],
            limit=1,
            order="id desc",
        )
        cls.portal_user = new_test_user(
            env,
            login="pp_rpc_portal",
            groups="base.group_portal",
            partner_id=portal_member.partner_id.id,
        )
        other_company = env["res.company"].create({"name": "另一公司（RPC）"})
        cls.other_committee = new_test_user(
            env,
            login="pp_rpc_committee",
            groups="base.group_user,party_points.group_party_working_committee",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        env["party.branch"].create(
            {
                "name": "另一公司党工委",
                "kind": "committee",
                "code": "RPC",
                "company_id": other_company.id,
                "officer_user_ids": [Command.set(cls.other_committee.ids)],
            }
        )
        cls.roles = [
            cls.member_user,
            cls.portal_user,
            cls.hr_user,
            cls.other_recorder,
            cls.other_committee,
        ]
        cls.tables = cls._watched_tables()
        cls._add_missing_records()

    @classmethod
    def _add_missing_records(cls):
        """Records of the kinds the demo has none of, made as the system."""
        env = cls.env
        cls.missing = {}
        case = env.ref("party_points.laggard_case_member_15")
        member = env.ref("party_points.member_01")
        attempts = [
            (
                "party.laggard.report",
                {
                    "case_id": case.id,
                    "report_text": "本月思想汇报",
                    "date": max(case.start_date, date(2026, 11, 30)),
                },
            ),
            (
                "party.member.watch.decision",
                {
                    "member_id": member.id,
                    "kind": "good_reason",
                    "month_from": "2026-09-01",
                    "month_to": "2026-10-01",
                    "reason": "外出务工，已向支部说明",
                    "date": "2026-11-30",
                },
            ),
            (
                "party.outstanding.nomination",
                {
                    "member_id": member.id,
                    "cycle_id": env.ref("party_points.cycle_2025").id,
                },
            ),
            # 民主评议党员: a campaign in preparation of the demo's branch
            (
                "party.appraisal.campaign",
                {"branch_id": env.ref("party_points.branch_hengda_1").id},
            ),
        ]
        for model, vals in attempts:
            if env[model].search_count([]):
                continue
            try:
                with env.cr.savepoint():
                    env[model].create(vals)
            except (UserError, ValidationError) as error:
                # the kind stays in EMPTY, with its reason
                cls.missing[model] = str(error)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @classmethod
    def _public_methods(cls):
        """(model, method) of every public method an addon class defines."""
        found = set()
        for name in cls.env.registry:
            model_class = cls.env.registry[name]
            for klass in model_class.__mro__:
                if not getattr(klass, "__module__", "").startswith(ADDON):
                    continue
                for attr, value in vars(klass).items():
                    if attr.startswith("_") or not callable(value):
                        continue
                    if isinstance(value, type):
                        continue
                    if getattr(getattr(model_class, attr), "_api_private", False):
                        continue
                    found.add((name, attr))
        return found

    @classmethod
    def _watched_tables(cls):
        tables = {"ir_attachment", "res_users", "mail_message", "mail_activity"}
        for name in cls.env.registry:
            model = cls.env[name]
            if (
                name.startswith("party.")
                and not model._abstract
                and not model._transient
                and model._auto
            ):
                tables.add(model._table)
                for field in model._fields.values():
                    if field.type == "many2many" and field.store:
                        tables.add(field.relation)
        tables.add("hr_employee")
        return sorted(tables)

    def _checksum(self, scoped_tables=(), served=None):
        self.env.flush_all()
        sums = {}
        for table in self.tables:
            where = SQL()
            if table in scoped_tables and served:
                where = SQL(
                    "WHERE t.branch_id IS NULL OR t.branch_id NOT IN %s", served
                )
            sums[table] = self.env.execute_query(
                SQL(
                    "SELECT count(*), md5(COALESCE(string_agg(md5(t::text), '' "
                    "ORDER BY md5(t::text)), '')) FROM %s t %s",
                    SQL.identifier(table),
                    where,
                )
            )[0]
        return sums

    def record(self, model, domain=None):
        Model = self.env[model]
        where = list(domain if domain is not None else RECORDS.get(model, []))
        if "company_id" in Model._fields:
            where.append(("company_id", "=", self.company.id))
        if model == "party.member":
            where.append(("partner_id", "!=", self.member_user.partner_id.id))
        elif "member_id" in Model._fields:
            where.append(("member_id.partner_id", "!=", self.member_user.partner_id.id))
        return Model.search(where, limit=1, order="id")

    def _rpc(self, user, model, method, args, kwargs=None):
        return execute_kw(self, user, model, method, args, kwargs)

    def _kwargs(self, model, method):
        function = getattr(type(self.env[model]), method)
        kwargs = {}
        for parameter in list(inspect.signature(function).parameters.values())[1:]:
            if parameter.name in ARGUMENTS:
                kwargs[parameter.name] = ARGUMENTS[parameter.name]
        return kwargs

    def _try(self, user, model, method, args, kwargs):
        """Call and return None, or the reason the call is not clean."""
        scoped = SCOPED.get((model, method), (None, ()))[1]
        served = tuple(
            self.env["party.branch"]
            .search([("id", "child_of", user.party_branch_ids.ids)])
            .ids
        )

        def checksum():
            return self._checksum(scoped, served)

        before = checksum()
        try:
            self._rpc(user, model, method, args, kwargs)
        except xmlrpc.client.Fault as fault:
            if fault.faultCode == 1:  # an application error: a traceback
                return f"traceback: {fault.faultString.splitlines()[-1]}"
            after = checksum()
            return None if after == before else "refused but changed rows"
        after = checksum()
        changed = sorted(table for table in after if after[table] != before[table])
        return f"changed {changed}" if changed else None

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------

    def test_every_public_method_is_classified(self):
        unclassified = sorted(
            (model, method)
            for model, method in self._public_methods()
            if method not in ORM_METHODS
            and method not in NO_CALLER_CHECK
            and not method.startswith("action_")
            and (model, method) not in {("party.score.line", "declare_addition")}
        )
        self.assertEqual(unclassified, [])

    def test_no_one_outside_changes_anything_over_rpc(self):
        calls = sorted(
            (model, method)
            for model, method in self._public_methods()
            if method not in ORM_METHODS
            and not self.env[model]._abstract
            and (model.startswith("party.") or method in NO_CALLER_CHECK)
            and method not in ("parse_preview", "execute_import")
        )
        self.assertGreater(len(calls), 80)
        failures = []
        with mute_logger("odoo.http", "odoo.sql_db"):
            for model, method in calls:
                kwargs = self._kwargs(model, method)
                for user in self.roles:
                    if self.env[model]._transient:
                        values = WIZARDS.get(model)
                        if values is None:
                            continue
                        try:
                            ids = [self._rpc(user, model, "create", [values(self)])]
                        except xmlrpc.client.Fault as fault:
                            if fault.faultCode == 1:
                                failures.append((model, "create", user.login, "tb"))
                            continue
                    elif method == "declare_addition":
                        ids = None
                        kwargs = {
                            "standard_id": self.env.ref("party_points.standard_j03").id,
                            "points": 2,
                            "date": "2026-11-30",
                            "description": "志愿服务",
                        }
                    else:
                        ids = self.record(model).ids
                        if not ids and model not in EMPTY:
                            failures.append((model, method, user.login, "no record"))
                            continue
                    function = getattr(type(self.env[model]), method)
                    if getattr(function, "_api", None) == "model":
                        ids = None
                    args = [ids] if ids is not None else []
                    reason = self._try(user, model, method, args, kwargs)
                    if reason and not (
                        # a member's own declaration is her right
                        method == "declare_addition"
                        and user in (self.member_user, self.portal_user)
                    ):
                        failures.append((model, method, user.login, reason))
        self.assertEqual(
            failures, [], "\n".join(" ".join(map(str, f)) for f in failures)
        )
