# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 11: what the benchmark and the concurrency run changed, kept by tests.

The figures themselves come from ``make bench`` (docs/BENCHMARKS.md); these
tests keep the behaviour: batches give the same results as single lines,
the locks and checks added for concurrent clients hold, and every action a
client may call over XML-RPC answers it.
"""

import ast
import xmlrpc.client
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..models.party_score_card import CARD_FILLFACTOR, TOTAL_FIELDS
from .common import PartyPointsCommon, ScoreCase, open_cycle

ADDON = Path(__file__).resolve().parent.parent


@tagged("post_install", "-at_install")
class TestScaleBehaviour(ScoreCase):
    def _publication(self, quarter):
        return self._publish_quarter(quarter, publish=False)

    @contextmanager
    def assertQueries(self, expected):
        """``assertQueryCount(expected)``, exactly: Odoo's only logs a count
        lower than expected; here it fails too, so the figure stays true."""
        self.env.flush_all()
        self.env.cr.flush()
        # assertQueryCount reads the login before it counts: so do we
        self.env.user.fetch(["login"])
        before = self.cr.sql_log_count
        with self.assertQueryCount(expected):
            yield
        self.assertEqual(self.cr.sql_log_count - before, expected)

    def _branch_of(self, size):
        """A branch of ``size`` members, each with a registered deduction of
        February 2025 (and so a card of the cycle): the same world at two
        sizes shows which costs do not grow with the number of records."""
        branch = self.Branch.create(
            {
                "name": f"规模{size}党支部",
                "kind": "branch",
                "branch_type": "enterprise",
                "code": f"T-S{size}",
                "parent_id": self.general.id,
            }
        )
        return self._deducted_members(branch, size)

    def _cards_of(self, members):
        return self.env["party.score.card"].search(
            [("member_id", "in", members.ids), ("cycle_id", "=", self.cycle.id)]
        )

    def test_a_batch_of_lines_is_placed_as_single_lines_are(self):
        # one create for several members and dates: each line gets the cycle,
        # the scoring branch (R-SCORE-9: 郑二 of the Party group is scored by
        # the branch) and the member's card, cards created once
        Line = self.env["party.score.line"].with_user(self.user_recorder_a)
        k07 = self.std("k07")
        lines = Line.create(
            [
                {
                    "member_id": member.id,
                    "standard_id": k07.id,
                    "points": -2,
                    "date": day,
                }
                for member in (self.member_a1, self.member_a2, self.member_a1)
                for day in (date(2025, 2, 3), date(2025, 5, 6))
            ]
        )
        self.assertEqual(len(lines), 6)
        self.assertEqual(set(lines.mapped("cycle_id")), {self.cycle})
        self.assertEqual(set(lines.mapped("branch_id")), {self.branch_a})
        self.assertEqual(
            sorted(set(lines.mapped("quarter"))), ["1", "2"], "quarters from the dates"
        )
        for member in (self.member_a1, self.member_a2):
            card = self.env["party.score.card"].search(
                [("member_id", "=", member.id), ("cycle_id", "=", self.cycle.id)]
            )
            self.assertEqual(len(card), 1)
            self.assertEqual(
                lines.filtered(lambda line, m=member: line.member_id == m).card_id, card
            )

    def test_a_bad_line_in_a_batch_writes_nothing(self):
        Line = self.env["party.score.line"].with_user(self.user_recorder_a)
        before = Line.search_count([])
        with self.assertRaisesRegex(ValidationError, "in the future"):
            Line.create(
                [
                    {
                        "member_id": self.member_a1.id,
                        "standard_id": self.std("k07").id,
                        "points": -2,
                        "date": date(2025, 2, 3),
                    },
                    {
                        "member_id": self.member_a2.id,
                        "standard_id": self.std("k07").id,
                        "points": -2,
                        "date": date(2099, 1, 1),
                    },
                ]
            )
        self.assertEqual(Line.search_count([]), before)

    def test_publishing_refuses_a_draft_arrived_after_approval(self):
        # R-SCORE-8: a line registered between the branch committee's
        # approval and the publication is decided before the list goes out
        self._line(self.member_a1, "k07", -2, date(2025, 2, 10)).action_register()
        publication = self._publication("1")
        publication.with_user(self.user_secretary_a).action_approve()
        late = self._line(self.member_a2, "k07", -3, date(2025, 3, 1))
        with self.assertRaisesRegex(UserError, "still waiting"):
            publication.with_user(self.user_secretary_a).action_publish()
        self.assertEqual(publication.state, "approved")
        late.action_register()
        publication.with_user(self.user_secretary_a).action_publish()
        self.assertEqual(publication.state, "published")
        self.assertIn(late, publication.line_ids)
        self.assertEqual(len(publication.line_ids), 2)

    def test_totals_from_one_query_per_batch(self):
        # R-SCORE-3/10: sums by sign and quarter and a standing veto, as the
        # single-line computation gave them
        a1 = self.member_a1
        self._line(a1, "k07", -3, date(2025, 2, 10)).action_register()
        self._line(a1, "k01_1", -5, date(2025, 8, 10)).action_register()
        card = self.env["party.score.card"].search(
            [("member_id", "=", a1.id), ("cycle_id", "=", self.cycle.id)]
        )
        base = card.base_score
        self.assertEqual(
            (card.deduction_points, card.q1_points, card.q3_points, card.total_score),
            (-8, -3, -5, base - 8),
        )
        # the cards' pages keep room for their next version (HOT updates)
        self.env.cr.execute(
            "SELECT reloptions FROM pg_class WHERE relname = 'party_score_card'"
        )
        self.assertIn(f"fillfactor={CARD_FILLFACTOR}", self.env.cr.fetchone()[0])
        # the covering index serves the sums
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["party_score_line_card_totals_index"],
        )
        self.assertIn("INCLUDE", self.env.cr.fetchone()[0])
        # the totals of a batch of cards cost the same for 10 cards as for
        # 100: one statement sums, compares and writes them
        Card = self.env["party.score.card"]
        for size in (10, 100):
            cards = self._cards_of(self._branch_of(size))
            self.assertEqual(len(cards), size)
            self.env.invalidate_all()
            with self.assertQueries(1):
                for fname in TOTAL_FIELDS:
                    self.env.add_to_compute(Card._fields[fname], cards)
            self.assertEqual(set(cards.mapped("total_score")), {base - 2})
        # Odoo hands the compute 1,000 cards at a time; the cards waiting
        # beyond the batch go into the same statement (fifty thousand cards
        # are one pass over the lines, not fifty): here batches of 10
        cards = self._cards_of(self._branch_of(60))
        self.env.invalidate_all()
        with patch("odoo.fields.PREFETCH_MAX", 10), self.assertQueries(1):
            for fname in TOTAL_FIELDS:
                self.env.add_to_compute(Card._fields[fname], cards)
        self.assertEqual(set(cards.mapped("total_score")), {base - 2})
        self.assertFalse(
            [
                fname
                for fname in TOTAL_FIELDS
                if self.env.records_to_compute(Card._fields[fname])
            ]
        )

    def test_totals_write_only_the_cards_that_changed(self):
        # issue 20: the compute writes its batch in one statement, only the
        # cards whose figures differ, with their write date; nothing is
        # left dirty for the flush
        Card = self.env["party.score.card"]
        members = self._branch_of(10)
        cards = self._cards_of(members)
        base = cards[0].base_score
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE party_score_card SET write_date = '2020-01-01' WHERE id = ANY(%s)",
            [cards.ids],
        )
        # a wrong stored total on one card: the recompute mends it alone
        self.env.cr.execute(
            "UPDATE party_score_card SET total_score = 0, q1_points = 7 "
            "WHERE id = %s",
            [cards[0].id],
        )
        self.env.invalidate_all()
        with self.assertQueries(1):
            for fname in TOTAL_FIELDS:
                self.env.add_to_compute(Card._fields[fname], cards)
            cards._recompute_recordset(list(TOTAL_FIELDS))
            self.assertFalse(
                any(self.env.cache.get_dirty_fields()), "nothing left to flush"
            )
        self.env.cr.execute(
            "SELECT id, total_score, q1_points, write_date::date::text "
            "FROM party_score_card WHERE id = ANY(%s) ORDER BY id",
            [cards.ids],
        )
        rows = self.env.cr.fetchall()
        today = str(self.env.cr.now().date())
        self.assertEqual(rows[0][1:], (base - 2, -2, today))
        self.assertEqual({row[1:] for row in rows[1:]}, {(base - 2, -2, "2020-01-01")})
        self.assertEqual(cards[0].total_score, base - 2)

    def test_ranks_of_a_set_equal_each_card_s_rank(self):
        for member, points in ((self.member_a1, -3), (self.member_a2, -5)):
            self._line(member, "k07", points, date(2025, 2, 10)).action_register()
        cards = self.env["party.score.card"].search([("cycle_id", "=", self.cycle.id)])
        ranks = cards._ranks_in_branch()
        self.assertEqual(
            {card.id: card.rank_in_branch for card in cards},
            {card.id: ranks.get(card.id, 0) for card in cards},
        )
        self.assertTrue(any(ranks.values()))
        # one window query ranks a batch, whatever its size
        for size in (10, 100):
            cards = self._cards_of(self._branch_of(size))
            self.env.invalidate_all()
            # the cards, their cycles, the company's time zone (company and
            # partner) for today, the window query
            with self.assertQueries(5):
                ranks = cards._ranks_in_branch()
            self.assertEqual(set(ranks.values()), {1})
            # and it reads only what it needs: a ledger ranks fifty thousand
            # cards at once, and every column of them in the cache was the
            # 100 MB the 积分总台账 XLSX grew by (issue 20)
            Card = self.env["party.score.card"]
            cached = {
                name
                for name, field in Card._fields.items()
                if any(self.env.cache.contains(card, field) for card in cards)
            }
            self.assertEqual(cached, {"cycle_id"})

    def test_the_tracking_of_a_batch_is_logged_in_one_batch(self):
        # issue 20: registering or approving 500 lines logged 500 tracking
        # messages one create at a time; each line still gets its own note,
        # by the user who acted, with the change of state
        counted = {}
        for size in (3, 12):
            branch = self.Branch.create(
                {
                    "name": f"跟踪{size}党支部",
                    "kind": "branch",
                    "branch_type": "enterprise",
                    "code": f"T-K{size}",
                    "parent_id": self.general.id,
                }
            )
            members = self.Member.create(
                [
                    {"name": f"跟踪{size}党员{i}", "branch_id": branch.id}
                    for i in range(size)
                ]
            )
            Line = self.Line.with_user(self.user_manager)
            lines = Line.create(
                [
                    {
                        "member_id": member.id,
                        "standard_id": self.std("k07").id,
                        "points": -2,
                        "date": date(2025, 2, 3),
                    }
                    for member in members
                ]
            )
            self.env.cr.flush()
            lines.action_register()
            self.env.flush_all()
            before = self.cr.sql_log_count
            # the tracking is logged when the transaction commits
            self.env.cr.flush()
            counted[size] = self.cr.sql_log_count - before
            messages = self.env["mail.message"].search(
                [
                    ("model", "=", "party.score.line"),
                    ("res_id", "in", lines.ids),
                    ("tracking_value_ids", "!=", False),
                ]
            )
            self.assertEqual(sorted(messages.mapped("res_id")), sorted(lines.ids))
            self.assertEqual(messages.author_id, self.user_manager.partner_id)
            self.assertEqual(messages.subtype_id, self.env.ref("mail.mt_note"))
            self.assertEqual(set(messages.mapped("message_type")), {"notification"})
            state = messages.tracking_value_ids.filtered(
                lambda value: value.field_id.name == "state"
            )
            self.assertEqual(len(state), size)
            self.assertEqual(state.mapped("mail_message_id"), messages)
            self.assertEqual(
                set(state.mapped("new_value_char")),
                {
                    dict(Line._fields["state"]._description_selection(self.env))[
                        "approved"
                    ]
                },
            )
        # 4 queries for 3 lines or 12 (mail alone: 2 more a line, 8 and 26)
        self.assertEqual(counted, {3: 4, 12: 4})

    def test_missing_cards_are_created_in_one_batch(self):
        # the cards of a new year, for 10 members as for 100
        Card = self.env["party.score.card"]
        cycle = open_cycle(self.env, 2024)
        for size in (10, 100):
            members = self._branch_of(size)
            self.env.invalidate_all()
            # one search, one INSERT of the batch, and what the new cards
            # compute (members, branches, exemptions, the totals' sum, one
            # UPDATE), each read once for the batch
            with self.assertQueries(12):
                cards = Card._get_or_create_many({(m, cycle) for m in members})
            self.assertEqual(len(cards), size)
            self.assertEqual({card.cycle_id for card in cards.values()}, {cycle})
            self.env.invalidate_all()
            # found: the search and the cards' keys, nothing created
            with self.assertQueries(2):
                again = Card._get_or_create_many({(m, cycle) for m in members})
            self.assertEqual(again, cards)

    def _import_queries(self, members):
        """The queries of an import of one line per member, through ``load``
        with the context the web client's import sends (its default leaves
        the chatter of the new drafts off)."""
        Line = self.Line.with_user(self.user_manager).with_context(
            import_file=True, tracking_disable=True
        )
        rows = [
            [member.name, "K07", "-2", "2025-03-04", f"导入{member.id}"]
            for member in members
        ]
        self.env.cr.cache.pop("party_points.import_lookup", None)
        self.env.invalidate_all()
        self.env.flush_all()
        before = self.cr.sql_log_count
        result = Line.load(
            ["member_id", "standard_id", "points", "date", "description"], rows
        )
        self.env.flush_all()
        queries = self.cr.sql_log_count - before
        self.env.cr.cache.pop("party_points.import_lookup", None)
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(len(result["ids"]), len(members))
        lines = self.Line.browse(result["ids"])
        self.assertEqual(set(lines.mapped("points")), {-2.0})
        self.assertEqual(set(lines.mapped("state")), {"draft"})
        return queries

    def test_an_import_costs_the_same_queries_for_5_or_25_lines(self):
        # issue 20, item 3: no query per line (the item of each line was
        # looked up one by one, 10,000 queries for 10,000 lines)
        warm, small, large = (self._branch_of(size) for size in (2, 5, 25))
        # the first import fills the caches of the user's rights
        self._import_queries(warm)
        self.assertEqual(self._import_queries(small), self._import_queries(large))

    def test_a_column_of_names_is_found_as_name_search_finds_each(self):
        # the import's members are found in one search (issue 20), with the
        # answers one name_search per name gives: twins in their order, a
        # member the recorder may not read left out, a name not found absent
        Member = self.Member.with_user(self.user_recorder_a)
        twin = self.Member.create(
            {"name": self.member_a1.name, "branch_id": self.branch_a.id}
        )
        names = {self.member_a1.name, self.member_a2.name, self.member_b1.name}
        expected = {name: Member.name_search(name, operator="=") for name in names}
        self.assertEqual(
            [pair[0] for pair in expected[self.member_a1.name]],
            (self.member_a1 | twin).sorted().ids,
        )
        self.assertEqual(expected[self.member_b1.name], [], "not the recorder's")
        importing = Member.with_context(import_file=True)
        self.addCleanup(self.env.cr.cache.pop, "party_points.import_lookup", None)
        with self.assertQueries(1):
            importing._party_import_prefetch([*names, "不存在", 7, ""])
        with self.assertQueries(0):
            for name in (self.member_a1.name, self.member_a2.name):
                self.assertEqual(
                    importing.name_search(name, operator="="), expected[name]
                )
        memo = self.env.cr.cache["party_points.import_lookup"]
        unknown = ("不存在", self.member_b1.name)
        self.assertFalse(any(name in key for key in memo for name in unknown))
        # outside an import nothing is remembered
        self.env.cr.cache.pop("party_points.import_lookup")
        Member._party_import_prefetch(names)
        self.assertNotIn("party_points.import_lookup", self.env.cr.cache)

    def test_items_are_found_by_code_and_names_once_per_import(self):
        Standard = self.env["party.score.standard"].with_user(self.user_recorder_a)
        found = Standard.name_search("K07", operator="=")
        self.assertEqual([item_id for item_id, _name in found], self.std("k07").ids)
        memo = self.env.cr.cache.get("party_points.import_lookup", {})
        self.assertFalse(any(key[0] == Standard._name for key in memo))
        importing = Standard.with_context(import_file=True)
        self.assertEqual(importing.name_search("K07", operator="="), found)
        # found once: the next rows of the import ask the database nothing
        with self.assertQueries(0):
            self.assertEqual(importing.name_search("K07", operator="="), found)
        memo = self.env.cr.cache["party_points.import_lookup"]
        self.assertTrue(any(key[0] == Standard._name for key in memo))
        # a name not found is not remembered: it is searched again
        self.assertEqual(importing.name_search("不存在", operator="="), [])
        self.assertFalse(any("不存在" in key for key in memo))


@tagged("post_install", "-at_install")
class TestActionsAnswerRpc(PartyPointsCommon, HttpCase):
    """An action a client calls over XML-RPC answers it: a method returning
    None cannot be sent back, and the client was told that a step done and
    committed had failed (found by the concurrency run, issue 11)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_party_world()
        cls.cycle = open_cycle(cls.env, 2025)

    def test_every_action_method_returns_a_value(self):
        missing = []
        for path in sorted([*ADDON.glob("models/*.py"), *ADDON.glob("wizards/*.py")]):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (
                    isinstance(node, ast.FunctionDef)
                    and node.name.startswith(("action_", "button_"))
                ):
                    continue
                last = node.body[-1]
                if not isinstance(last, ast.Return | ast.Raise) or (
                    isinstance(last, ast.Return) and last.value is None
                ):
                    missing.append(f"{path.name}: {node.name}")
        self.assertEqual(missing, [])

    def test_register_a_line_over_xmlrpc(self):
        user = self.user_recorder_a
        db = self.env.cr.dbname
        standard = self.env.ref("party_points.standard_k07")

        def call(model, method, *args):
            return self.xmlrpc_object.execute_kw(
                db, user.id, user.login, model, method, list(args)
            )

        line_id = call(
            "party.score.line",
            "create",
            {
                "member_id": self.member_a1.id,
                "standard_id": standard.id,
                "points": -2,
                "date": "2025-02-10",
            },
        )
        self.assertIs(call("party.score.line", "action_register", [line_id]), True)
        line = self.env["party.score.line"].browse(line_id)
        self.assertEqual(line.state, "approved")
        with self.assertRaises(xmlrpc.client.Fault), mute_logger("odoo.http"):
            # and a refusal is still a fault
            call("party.score.line", "action_register", [line_id])
