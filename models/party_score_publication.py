# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import date, timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.base.models.ir_qweb import QWebException

from .party_workflow_mixin import (
    party_day_label,
    party_in_reader_lang,
    party_quarter_label,
    party_today,
    party_year_label,
)

_logger = logging.getLogger(__name__)

QUARTERS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]


class PartyScorePublication(models.Model):
    """季通报: a branch's quarter, approved by the branch committee and
    published (R-SCORE-6/8).

    Publishing freezes every line of the quarter scored by the branch: no
    write, no unlink, for any user; a correction is a new line in an open
    period. The scores and ranks as published are kept as snapshot rows.
    """

    _name = "party.score.publication"
    _description = "Quarterly Points Publication"
    _inherit = ["party.workflow.mixin", "mail.thread"]
    _order = "cycle_id desc, quarter desc, branch_id"
    _workflow_fields = (
        "state",
        "approved_by_id",
        "approved_date",
        "published_by_id",
        "published_date",
    )
    # the quarter of one branch (party.fixed.keys.mixin)
    _party_fixed_fields = ("branch_id", "cycle_id", "quarter")

    branch_id = fields.Many2one(
        "party.branch", required=True, index=True, ondelete="restrict", tracking=True
    )
    cycle_id = fields.Many2one(
        "party.score.cycle", required=True, ondelete="restrict", tracking=True
    )
    quarter = fields.Selection(QUARTERS, required=True, tracking=True)
    company_id = fields.Many2one(related="branch_id.company_id", store=True)
    date_from = fields.Date(compute="_compute_dates", store=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("approved", "Approved by the Branch Committee"),
            ("published", "Published"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True)
    approved_date = fields.Datetime(readonly=True)
    published_by_id = fields.Many2one("res.users", readonly=True)
    published_date = fields.Datetime(readonly=True)
    line_ids = fields.One2many(
        "party.score.line", "publication_id", string="Frozen Lines", readonly=True
    )
    snapshot_ids = fields.One2many(
        "party.score.publication.snapshot",
        "publication_id",
        string="Published Scores",
        readonly=True,
    )

    _sql_constraints = [
        (
            "branch_quarter_uniq",
            "unique(branch_id, cycle_id, quarter)",
            "This quarter of this branch already has its publication.",
        ),
    ]

    @api.depends("cycle_id.year", "quarter")
    def _compute_dates(self):
        for publication in self:
            year, quarter = publication.cycle_id.year, publication.quarter
            if not (year and quarter):
                publication.date_from = publication.date_to = False
                continue
            publication.date_from = date(year, int(quarter) * 3 - 2, 1)
            publication.date_to = fields.Date.end_of(publication.date_from, "quarter")

    @api.depends("branch_id", "cycle_id", "quarter")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # 恒达集团第一党支部 2026年第4季度, the way the regulation names a
        # quarter; pieces not chosen yet leave no "年第季度" behind
        for publication in self:
            quarter = publication.cycle_id.year and publication.quarter
            parts = [
                publication.branch_id.name,
                party_quarter_label(
                    self.env, publication.cycle_id.year, publication.quarter
                )
                if quarter
                else party_year_label(self.env, publication.cycle_id.year),
            ]
            publication.display_name = " ".join(
                part for part in parts if part
            ) or self.env._("New Publication")

    def write(self, vals):
        # R-SCORE-8: what was published stays as it was published (said only
        # to those who may write publications at all)
        self.check_access("write")
        if set(vals) - {"message_main_attachment_id"} and self.filtered(
            lambda p: p.state != "draft"
        ):
            raise UserError(
                self.env._(
                    "%(publication)s is approved or published: it can no longer "
                    "be changed.",
                    publication=self.filtered(lambda p: p.state != "draft")[
                        0
                    ].display_name,
                )
            )
        return super().write(vals)

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "create the publication of the right branch and quarter; a draft "
            "left unused changes nothing."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published(self):
        if self.filtered(lambda p: p.state == "published"):
            raise UserError(
                self.env._("A published quarter is history: it cannot be deleted.")
            )

    def action_approve(self):
        """支委会审定: the branch committee approves the quarter."""
        self._check_role("party_points.group_party_secretary")
        for publication in self:
            if publication.state != "draft":
                raise UserError(self.env._("Only a draft publication can be approved."))
            publication._check_quarter_ended()
            publication._check_nothing_waiting()
        self._write_workflow(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            }
        )
        return True

    def action_publish(self):
        """季通报: publish, freeze the quarter's lines, keep the snapshot."""
        self._check_role("party_points.group_party_secretary")
        # sudo: no user writes the snapshot: the published list is kept by
        # the publication itself, once the secretary's role is checked
        Snapshot_sudo = self.env["party.score.publication.snapshot"].sudo()
        for publication in self:
            if publication.state != "approved":
                raise UserError(
                    self.env._(
                        "The branch committee approves the quarter before it is "
                        "published."
                    )
                )
        # Issue 11: lock the publications before reading their lines. A line
        # registered meanwhile by another transaction locked the same row
        # (party.score.line._lock_open_quarters): one of the two fails with a
        # serialization error and is retried, so no line slips in unseen.
        self._lock_rows()
        for publication in self:
            publication._check_quarter_ended()
            # a line may have arrived since the branch committee approved
            publication._check_nothing_waiting()
            publication._freeze_lines()
            cards = publication._cards()
            Snapshot_sudo.create(
                [
                    {
                        "publication_id": publication.id,
                        "member_id": card.member_id.id,
                        "score": card._score_until(publication.quarter),
                        "quarter_points": card[f"q{publication.quarter}_points"],
                        "rank": rank,
                        "has_veto": card.has_veto,
                    }
                    for rank, card in publication._ranked(cards)
                ]
            )
            publication._write_workflow(
                {
                    "state": "published",
                    "published_by_id": self.env.user.id,
                    "published_date": fields.Datetime.now(),
                }
            )
            publication._post_to_branch()
            # issue 19: each member of the list is told their own line of it;
            # a template an administrator broke does not stop the publication
            try:
                with self.env.cr.savepoint():
                    publication._party_notify_members()
            except (UserError, QWebException) as error:
                publication._party_members_not_told(error)
            # R-USE-3/4: with the fourth quarter the year's flags may be final
            self.env["party.score.card"]._refresh_results_final(
                publication.cycle_id, publication.branch_id
            )
            # R-USE-2: a published score under the threshold opens a case
            self.env["party.laggard.case"]._open_from_publication(publication)
        return True

    def _lock_rows(self):
        """Touch the rows with a no-op UPDATE: under REPEATABLE READ, of two
        transactions touching the same publication the later one fails with
        a serialization error and the server retries it (issue 11)."""
        self.env.cr.execute(
            SQL(
                "UPDATE party_score_publication SET write_date = write_date "
                "WHERE id = ANY(%s)",
                self.ids,
            )
        )

    def _check_quarter_ended(self):
        """R-SCORE-6: a quarter is approved and published once it has ended,
        on the company's day: published earlier, the rest of the quarter
        could take no line (a December deduction, a December meeting)."""
        self.ensure_one()
        today = party_today(self, self.company_id)
        if self.date_to and today <= self.date_to:
            raise UserError(
                self.env._(
                    "%(quarter)s of %(branch)s ends on %(end)s: it can be approved "
                    "and published from %(day)s.",
                    quarter=party_quarter_label(
                        self.env, self.cycle_id.year, self.quarter
                    ),
                    branch=self.branch_id.name,
                    end=party_day_label(self.env, self.date_to),
                    day=party_day_label(self.env, self.date_to + timedelta(days=1)),
                )
            )

    def _check_nothing_waiting(self):
        self.ensure_one()
        pending = (
            # sudo: every line of the quarter counts, also those the
            # approving officer's rules hide (a member moved out since)
            self.env["party.score.line"]
            .sudo()
            .search_count(
                [
                    *self._quarter_domain(),
                    ("state", "in", ("draft", "submitted", "verified")),
                ]
            )
        )
        if pending:
            raise UserError(
                self.env._(
                    "%(count)s lines of the quarter are still waiting (draft, "
                    "declared or verified): decide them before approving.",
                    count=pending,
                )
            )

    def _freeze_lines(self):
        """R-SCORE-8: stamp every line of the quarter with the publication,
        in one statement (issue 11: a quarter of a large branch holds
        thousands of lines). ``publication_id`` is no tracked field: the
        publication's own chatter says who published and when."""
        self.ensure_one()
        Line = self.env["party.score.line"]
        Line.flush_model()
        self.env.cr.execute(
            SQL(
                """
            UPDATE party_score_line
               SET publication_id = %s, write_uid = %s,
                   write_date = now() at time zone 'UTC'
             WHERE branch_id = %s AND cycle_id = %s AND quarter = %s
               AND publication_id IS NULL
                """,
                self.id,
                self.env.uid,
                self.branch_id.id,
                self.cycle_id.id,
                self.quarter,
            )
        )
        Line.invalidate_model(["publication_id", "write_uid", "write_date"])
        self.invalidate_recordset(["line_ids"])

    def _quarter_domain(self):
        self.ensure_one()
        return [
            ("branch_id", "=", self.branch_id.id),
            ("cycle_id", "=", self.cycle_id.id),
            ("quarter", "=", self.quarter),
        ]

    def _cards(self):
        self.ensure_one()
        # R-SCORE-9: the members the branch scores: its own and its groups',
        # and the mobile-branch members it is to receive
        members_sudo = (
            # sudo: the list ranks every member the branch scores, beyond the
            # members the publishing user may read
            self.env["party.member"]
            .sudo()
            .search(
                [
                    "|",
                    ("branch_id", "child_of", self.branch_id.id),
                    ("home_branch_id", "=", self.branch_id.id),
                ]
            )
            .filtered(lambda m: m._scoring_unit_of(m.branch_id) == self.branch_id)
        )
        # and whoever has a line of the quarter here (moved out since), in one
        # grouped query rather than by reading every line
        groups = (
            # sudo: as above, the members with a line of the quarter here
            self.env["party.score.line"]
            .sudo()
            ._read_group(self._quarter_domain(), ["member_id"])
        )
        members_sudo |= members_sudo.browse(
            [member_sudo.id for (member_sudo,) in groups]
        )
        # sudo: no user creates cards; the list's cards are made if missing
        Card_sudo = self.env["party.score.card"].sudo()
        members_sudo -= members_sudo._exempt_on(self.date_to)
        cards_sudo = Card_sudo._get_or_create_many(
            {(member_sudo, self.cycle_id) for member_sudo in members_sudo}
        )
        return Card_sudo.browse(
            [
                cards_sudo[member_sudo.id, self.cycle_id.id].id
                for member_sudo in members_sudo
            ]
        )

    def _ranked(self, cards):
        ordered = cards.sorted(
            lambda c: (-c._score_until(self.quarter), c.member_id.name)
        )
        rank, previous = 0, None
        for position, card in enumerate(ordered, start=1):
            score = card._score_until(self.quarter)
            if score != previous:
                rank, previous = position, score
            yield rank, card

    def _post_to_branch(self):
        # 党务公开栏: the list goes to the branch's followers, in the language
        # of its officers (else the company's): the same post whether the
        # secretary publishes or a job does as the superuser
        # sudo: the post goes to the branch's followers whoever publishes
        # (the secretary may not write the branch, a job runs as OdooBot)
        branch_sudo = self.branch_id.sudo()
        reader = party_in_reader_lang(
            self, user=branch_sudo.officer_user_ids | branch_sudo.recorder_id
        )
        header = Markup("<tr><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            reader.env._("Rank"),
            reader.env._("Member"),
            reader.env._("Score"),
        )
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>")
            % (snapshot.rank, snapshot.member_id.name, snapshot.score)
            for snapshot in self.snapshot_ids.sorted("rank")
        )
        body = Markup("<p>%s</p><table class='table table-sm'>%s%s</table>") % (
            reader.env._(
                "Points of %(branch)s for %(quarter)s published.",
                branch=branch_sudo.name,
                quarter=party_quarter_label(
                    reader.env, self.cycle_id.year, self.quarter
                ),
            ),
            header,
            rows,
        )
        branch_sudo.message_post(body=body, subtype_xmlid="mail.mt_comment")

    def _party_notify_members(self):
        """R-MSG-1: each member of the published list receives their own score and
        rank (the template ``mail_template_party_score_published`` rendered
        on their snapshot row, in their language): a message on their member
        record, which they read in the portal, and an email when they have
        an address. Never another member's figures: each message is rendered
        on one row and readable by its recipient only. Not to members who
        left (archived) or switched the messages off; in one batch."""
        self.ensure_one()
        # sudo: the published rows and their members, whom the publishing
        # officer (or a job) may not all read; each message is one member's
        snapshots_sudo = self.sudo().snapshot_ids
        told_sudo = snapshots_sudo.member_id.filtered("active")._party_told()
        snapshots_sudo = snapshots_sudo.filtered(lambda s: s.member_id in told_sudo)
        if not snapshots_sudo:
            return
        Notify = self.env["party.notify"]
        rendered = Notify._party_render(
            self.env.ref("party_points.mail_template_party_score_published"),
            snapshots_sudo.ids,
        )
        Notify._party_notify(
            [
                {
                    "model": "party.member",
                    "res_id": snapshot_sudo.member_id.id,
                    "partner": snapshot_sudo.member_id.partner_id,
                    "subject": rendered[snapshot_sudo.id][0],
                    "body": rendered[snapshot_sudo.id][1],
                    "email_from": rendered[snapshot_sudo.id][2],
                }
                for snapshot_sudo in snapshots_sudo
            ],
            author=self.env.user.partner_id,
        )

    def _party_members_not_told(self, error):
        """The members' messages could not be written (their template was
        edited wrongly): the publication stands; its chatter and the log say
        that the members were not told."""
        _logger.warning(
            "%s published, but its members were not told: %s", self.display_name, error
        )
        # sudo: the note is the system's, whoever published
        self.sudo().message_post(
            body=self.env._(
                "The members were not told of their scores: the message template "
                "%(template)s could not be rendered. Correct it, then tell them "
                "at the branch meeting.",
                template=self.env.ref(
                    "party_points.mail_template_party_score_published"
                ).name,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _check_role(self, group, message=None):
        return super()._check_role(
            group,
            message
            or self.env._(
                "Approving and publishing a quarter is the work of the branch "
                "committee."
            ),
        )


class PartyScorePublicationSnapshot(models.Model):
    """A member's score and rank as published; never recomputed."""

    _name = "party.score.publication.snapshot"
    _description = "Published Score"
    _order = "publication_id, rank, id"

    publication_id = fields.Many2one(
        "party.score.publication", required=True, index=True, ondelete="cascade"
    )
    member_id = fields.Many2one("party.member", required=True, ondelete="restrict")
    company_id = fields.Many2one(related="publication_id.company_id", store=True)
    branch_id = fields.Many2one(related="publication_id.branch_id", store=True)
    score = fields.Integer(string="Score at the End of the Quarter")
    quarter_points = fields.Integer(string="Points of the Quarter")
    rank = fields.Integer()
    has_veto = fields.Boolean(string="One-vote Veto")

    def write(self, vals):
        # R-SCORE-8: a published score is kept as it was published, for every
        # user, sudo included
        if self:
            raise UserError(
                self.env._(
                    "A published score is kept as it was published: it cannot be "
                    "changed."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published(self):
        # sudo: the publication's state guards the row whoever deletes it
        if "published" in self.sudo().publication_id.mapped("state"):
            raise UserError(
                self.env._(
                    "A published score is kept as it was published: it cannot be "
                    "deleted."
                )
            )


class ResUsers(models.Model):
    _inherit = "res.users"

    def _party_digest_sections(self):
        """The daily digest (issue 19): the quarters of the organisations
        the user serves that wait for the branch committee, approved ones to
        publish and ended drafts to approve (R-SCORE-8)."""
        sections = super()._party_digest_sections()
        if not self.has_group("party_points.group_party_secretary"):
            return sections
        Publication = self.env["party.score.publication"]
        served = self._party_served_branches()
        domain = []
        if not self.has_group("party_points.group_party_working_committee"):
            domain = [("branch_id", "in", served.ids)]
        today = party_today(self, self.company_id)
        return [
            *sections,
            {
                "title": self.env._("Quarters to publish"),
                "records": Publication.search([*domain, ("state", "=", "approved")]),
            },
            {
                "title": self.env._("Ended quarters to approve"),
                "records": Publication.search(
                    [*domain, ("state", "=", "draft"), ("date_to", "<", today)]
                ),
            },
        ]
