# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from .party_score_publication import QUARTERS
from .party_workflow_mixin import (
    check_action_date,
    party_day_label,
    party_in_reader_lang,
    party_quarter_label,
    party_today,
    quarter_of,
)

CASE_STATES = [
    ("proposed", "Proposed"),
    ("announced", "Score Announced"),
    ("determined", "Determined by the Branch"),
    ("reviewed", "Pre-reviewed by the General Branch"),
    ("decided", "Decided by the Committee"),
    ("transferred", "Moved to the Education Branch"),
    ("rectification", "In Rectification"),
    ("resolved", "Resolved by the Branch"),
    ("done", "Approved and Closed"),
    ("dismissed", "Dismissed"),
]
CLOSED_STATES = ("done", "dismissed")
IN_PROGRESS_STATES = tuple(s for s, _label in CASE_STATES if s not in CLOSED_STATES)

CASE_ORIGINS = [
    ("publication", "Quarterly Publication"),
    ("anytime", "Reported at Any Time"),
    ("committee", "Committee Direct Deduction"),
    # R-MOB-5: proposed by the mobile member watch (party.mobile.member)
    ("mobile_silence", "Mobile Member without Report"),
]

# 附件2 ⑵: the four cause categories, each with its own kind of education.
CAUSE_CATEGORIES = [
    (
        "a",
        "(a) Absent from organisational life / mobile member not reporting "
        "for 3 months",
    ),
    ("b", "(b) Refusing tasks or obstructing key work"),
    ("c", "(c) Improper petitioning or mass incidents"),
    ("d", "(d) Cult or superstition"),
]

# 附件2 step 6: what the education branch may resolve.
OUTCOMES = [
    ("improved", "Improved: back to the Original Branch"),
    ("extended", "Not Improved: Rectification Extended"),
    ("unqualified", "Unqualified Member"),
    ("persuaded", "Persuaded to Withdraw"),
    ("removed", "Removed"),
]
FINAL_OUTCOMES = ("unqualified", "persuaded", "removed")
EXTENSION_MONTHS = 3

# Fields users fill on the form, and the states in which they still may.
_UNTIL_DECISION = ("proposed", "announced", "determined", "reviewed", "decided")
_UNTIL_RECTIFICATION = (*_UNTIL_DECISION, "transferred")
REPORT_FORM_FIELDS = {
    "shortcomings": ("proposed", "announced"),
    "committee_members_required": ("proposed", "announced"),
    "committee_members_present": ("proposed", "announced"),
    "education_branch_id": _UNTIL_DECISION,
    "rectification_months": _UNTIL_RECTIFICATION,
    "mentor_ids": _UNTIL_RECTIFICATION,
    "cause_category": _UNTIL_RECTIFICATION,
    "rectification_plan": _UNTIL_RECTIFICATION,
    "remarks": IN_PROGRESS_STATES,
}


class PartyLaggardCase(models.Model):
    """后进党员教育处置 (R-USE-2, DOMAIN §6, seed 002 附件2).

    A case goes through the seven steps of the regulation in order, like a
    leave in hr_holidays: a state, and ``action_*`` methods that check who
    acts (role, and the branch served) and in which state, then record the
    step as an immutable ``party.laggard.step`` row (date, actor, written
    opinion, attachments). Branch moves and status changes of the member go
    through the registry's history (``_transfer_to``, ``_record_change``).
    """

    _name = "party.laggard.case"
    _description = "Laggard Member Case"
    _inherit = [
        "party.workflow.mixin",
        "party.name.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _party_name_depends = (
        "member_id.name",
        "cycle_id.year",
        "quarter",
        "open_date",
    )
    _order = "open_date desc, id desc"
    _workflow_fields = (
        "state",
        "origin",
        "publication_id",
        "score",
        "cycle_id",
        "quarter",
        "original_branch_id",
        "scoring_branch_id",
        "announcement_skipped",
        "branch_evaluation",
        "general_opinion",
        "committee_opinion",
        "start_date",
        "end_date",
        "extension_count",
        "outcome",
    )
    # the case is the member's, opened for a cycle and quarter, reported by
    # the branches of its opening (party.fixed.keys.mixin)
    _party_fixed_fields = (
        "member_id",
        "cycle_id",
        "publication_id",
        "original_branch_id",
        "scoring_branch_id",
    )
    # chosen until the committee decides, among the company's education
    # branches
    _party_rechecked_fields = ("education_branch_id",)

    name = fields.Char(compute="_compute_name", store=True)
    member_id = fields.Many2one(
        "party.member",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="member_id.company_id", store=True, index=True, precompute=True
    )
    state = fields.Selection(
        CASE_STATES,
        default="proposed",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    origin = fields.Selection(
        CASE_ORIGINS, default="anytime", required=True, readonly=True, tracking=True
    )
    open_date = fields.Date(
        string="Opened On",
        required=True,
        default=party_today,
        tracking=True,
    )
    publication_id = fields.Many2one(
        "party.score.publication",
        readonly=True,
        ondelete="restrict",
        help="The quarterly publication whose score opened the case.",
    )
    score = fields.Integer(
        string="Published Score",
        readonly=True,
        help="The score that brought the member under the laggard threshold.",
    )
    cycle_id = fields.Many2one("party.score.cycle", readonly=True, ondelete="restrict")
    quarter = fields.Selection(QUARTERS, readonly=True)
    original_branch_id = fields.Many2one(
        "party.branch",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The branch the member belonged to when the case was opened; an "
        "improved member returns to it.",
    )
    scoring_branch_id = fields.Many2one(
        "party.branch",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The branch that scores the member and reports the case "
        "(steps 1-2): the member's branch, or for a member of a mobile branch the "
        "village/residence branch that is to receive them.",
    )
    education_branch_id = fields.Many2one(
        "party.branch",
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('branch_type', '=', 'education'), ('company_id', '=', company_id)]",
        help="The party-spirit education branch (党性教育党支部) that holds the "
        "member during rectification.",
    )
    # 附件3 后进党员评定呈报表
    gender = fields.Selection(related="member_id.gender")
    education = fields.Selection(related="member_id.education")
    join_date = fields.Date(related="member_id.join_date")
    party_post = fields.Char(related="member_id.party_post")
    shortcomings = fields.Text(
        string="Main Shortcomings", help="后进党员主要表现", tracking=True
    )
    committee_members_required = fields.Integer(
        help="应到支部委员: members of the branch committee called to the meeting.",
    )
    committee_members_present = fields.Integer(help="实到支部委员")
    branch_evaluation = fields.Text(
        string="Branch Opinion", readonly=True, help="党(总)支部意见: 评定情况"
    )
    general_opinion = fields.Text(
        string="General Branch Pre-review Opinion", readonly=True
    )
    committee_opinion = fields.Text(readonly=True)
    remarks = fields.Text()
    announcement_skipped = fields.Boolean(
        readonly=True,
        help="The committee approved skipping the score announcement (附件2).",
    )
    # 限期整改
    rectification_months = fields.Integer(
        tracking=True,
        default=lambda self: self.env.company.party_laggard_rectification_months,
        help="整改期限: a new case starts with the period of its company's "
        "settings; it may change until the rectification starts.",
    )
    start_date = fields.Date(string="Rectification Start", readonly=True)
    end_date = fields.Date(string="Rectification End", readonly=True, tracking=True)
    extension_count = fields.Integer(readonly=True)
    cause_category = fields.Selection(CAUSE_CATEGORIES, tracking=True)
    rectification_plan = fields.Text()
    mentor_ids = fields.Many2many(
        "party.member",
        "party_laggard_case_mentor_rel",
        "case_id",
        "member_id",
        string="Mentors",
        help="结对帮教: two full members of the original or the education branch.",
    )
    outcome = fields.Selection(OUTCOMES, readonly=True, tracking=True)
    step_ids = fields.One2many(
        "party.laggard.step", "case_id", string="Steps", readonly=True
    )
    report_ids = fields.One2many(
        "party.laggard.report", "case_id", string="Monthly Reports"
    )

    _sql_constraints = [
        (
            "member_quarter_uniq",
            "unique(member_id, cycle_id, quarter)",
            "This member already has a laggard case for this quarter.",
        ),
    ]

    @api.constrains("mentor_ids", "member_id")
    def _check_mentor_ids(self):
        for case in self:
            case._check_mentors(exact=False)

    @api.constrains("committee_members_required", "committee_members_present")
    def _check_committee_members(self):
        for case in self:
            required = case.committee_members_required
            present = case.committee_members_present
            if required < 0 or present < 0 or (required and present > required):
                raise ValidationError(
                    self.env._(
                        "The committee members present (%(present)s) cannot be "
                        "more than those required (%(required)s), nor negative.",
                        present=present,
                        required=required,
                    )
                )

    @api.constrains("rectification_months")
    def _check_rectification_months(self):
        for case in self:
            if case.rectification_months < 0:
                raise ValidationError(
                    self.env._("The rectification period cannot be negative.")
                )

    @api.model
    def _prepare_create_vals(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            member = self.env["party.member"].browse(vals.get("member_id")).exists()
            if not member:
                raise ValidationError(self.env._("Choose the member of the case."))
            open_date = check_action_date(
                self.env,
                vals.get("open_date"),
                self.env._("The opening of the case of %(member)s", member=member.name),
                company=member.company_id,
            )
            vals["open_date"] = open_date
            if not vals.get("cycle_id"):
                cycle = self.env["party.score.cycle"]._for_date(
                    open_date, member.company_id
                )
                vals["cycle_id"] = cycle.id
                vals["quarter"] = quarter_of(open_date)
                if "score" not in vals:
                    card_sudo = (
                        # sudo: no user creates cards; the member's card gives
                        # the case its score, the member may be another branch's
                        self.env["party.score.card"]
                        .sudo()
                        ._get_or_create(member.sudo(), cycle)
                    )
                    vals["score"] = card_sudo.total_score
            if not vals.get("rectification_months"):
                # 附件2 "整改期限为*个月": the company's period (Settings)
                vals["rectification_months"] = (
                    # sudo: the member's company's setting, whatever the user reads
                    member.sudo().company_id.party_laggard_rectification_months
                )
            vals.setdefault("original_branch_id", member.branch_id.id)
            publication = self.env["party.score.publication"].browse(
                vals.get("publication_id")
            )
            vals.setdefault(
                "scoring_branch_id",
                publication.branch_id.id
                # sudo: the scoring unit above the member's branch, which the
                # user may not read
                or member.sudo()._scoring_unit_of(member.branch_id).id,
            )
            if not vals.get("education_branch_id"):
                vals["education_branch_id"] = self._education_branch_of(
                    member.company_id
                ).id
            else:
                self._check_education_branch_of(
                    self.env["party.branch"].browse(vals["education_branch_id"]),
                    member.company_id,
                )
            self._check_no_other_case(
                member,
                self.env["party.score.cycle"].browse(vals["cycle_id"]),
                vals["quarter"],
            )
        return vals_list

    def write(self, vals):
        if "open_date" in vals and self:
            # the opening date sets the case's cycle and quarter, and the
            # steps are dated after it: it is fixed when the case is opened
            raise UserError(
                self.env._(
                    "The opening date of the laggard case of %(member)s is fixed "
                    "when the case is opened: it sets the cycle and the quarter "
                    "of the case. Dismiss the case and open a new one if the "
                    "date is wrong.",
                    member=self[0].member_id.name,
                )
            )
        for name in set(vals) & REPORT_FORM_FIELDS.keys():
            for case in self:
                if case.state not in REPORT_FORM_FIELDS[name]:
                    raise UserError(
                        self.env._(
                            "%(field)s of the case of %(member)s can no longer be "
                            "changed at this step (%(state)s).",
                            field=self._fields[name].string,
                            member=case.member_id.name,
                            state=dict(
                                self._fields["state"]._description_selection(self.env)
                            )[case.state],
                        )
                    )
        return super().write(vals)

    def _fixed_keys_advice(self, field_name):
        return self.env._(
            "a case without recorded steps is deleted by the Party working "
            "committee; then open the case of the right member."
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if self.filtered(lambda c: c.state != "proposed" or c.step_ids):
            raise UserError(
                self.env._(
                    "A laggard case with recorded steps is history: it cannot be "
                    "deleted; dismiss it instead."
                )
            )

    # ------------------------------------------------------------------
    # The seven steps (附件2)
    # ------------------------------------------------------------------

    def action_announce(self, date=None, opinion=None, attachment_ids=None):
        """Step 1 亮分通报: the branch announces the score at its meeting."""
        self._check_step(
            "party_points.group_party_secretary",
            ("proposed",),
            "scoring_branch_id",
            self.env._("The score is announced by the secretary of the branch."),
        )
        date = self._check_step_date(date)
        self._check_opinion(opinion)
        self._do_step("announce", date, opinion, attachment_ids, {"state": "announced"})
        return True

    def action_skip_announcement(self, date=None, opinion=None, attachment_ids=None):
        """附件2: in special cases the committee approves skipping step 1."""
        self._check_step(
            "party_points.group_party_working_committee",
            ("proposed",),
            None,
            self.env._(
                "Only the Party working committee approves skipping the score "
                "announcement."
            ),
        )
        date = self._check_step_date(date)
        self._check_opinion(opinion)
        self._do_step(
            "skip_announcement",
            date,
            opinion,
            attachment_ids,
            {"state": "announced", "announcement_skipped": True},
        )
        return True

    def action_determine(self, date=None, opinion=None, attachment_ids=None):
        """Step 2 党支部初定: collective decision of the branch committee; it
        fills the 后进党员评定呈报表 (附件3)."""
        date = self._check_determination(date, opinion)
        for case in self:
            if not (case.shortcomings or "").strip():
                raise UserError(
                    self.env._(
                        "Describe the main shortcomings of %(member)s for the report "
                        "form before the determination.",
                        member=case.member_id.name,
                    )
                )
            if not case.committee_members_required or not (
                0 < case.committee_members_present <= case.committee_members_required
            ):
                raise UserError(
                    self.env._(
                        "A determination is a collective decision: give the "
                        "committee members required and present at the meeting."
                    )
                )
        self._do_step(
            "determine",
            date,
            opinion,
            attachment_ids,
            {"state": "determined", "branch_evaluation": opinion},
        )
        return True

    def action_dismiss_by_branch(self, date=None, opinion=None, attachment_ids=None):
        """Step 2, other answer: the branch finds the member is no laggard."""
        date = self._check_determination(date, opinion)
        self._do_step(
            "determine",
            date,
            opinion,
            attachment_ids,
            {"state": "dismissed", "branch_evaluation": opinion},
            decision="dismissed",
        )
        return True

    def action_review(self, date=None, opinion=None, attachment_ids=None):
        """Step 3 党工委审评, first half: the general branch pre-reviews the
        report form with a written opinion."""
        self._check_step(
            "party_points.group_party_general_branch",
            ("determined",),
            "scoring_branch_id",
            self.env._("The pre-review is written by the general branch."),
        )
        date = self._check_step_date(date)
        self._check_opinion(opinion)
        self._do_step(
            "review",
            date,
            opinion,
            attachment_ids,
            {"state": "reviewed", "general_opinion": opinion},
        )
        return True

    def action_decide(self, date=None, opinion=None, attachment_ids=None):
        """Step 3, second half: the committee designates the laggard; a
        Party post held lapses (R-USE-2: 其原任职务自然撤销)."""
        self._check_committee_step(("reviewed",))
        date = self._check_step_date(date)
        self._check_opinion(opinion)
        self._do_step(
            "decide",
            date,
            opinion,
            attachment_ids,
            {"state": "decided", "committee_opinion": opinion},
            decision="confirmed",
        )
        self._revoke_party_posts(date)
        return True

    def action_dismiss(self, date=None, opinion=None, attachment_ids=None):
        """Step 3, other answer: the committee does not designate."""
        self._check_committee_step(("reviewed",))
        date = self._check_step_date(date)
        self._check_opinion(opinion)
        self._do_step(
            "decide",
            date,
            opinion,
            attachment_ids,
            {"state": "dismissed", "committee_opinion": opinion},
            decision="dismissed",
        )
        return True

    def action_designate_directly(self, date=None, opinion=None, attachment_ids=None):
        """附件2 shortcut: a committee-direct deduction took the score under
        the threshold; the committee announces it and designates the laggard
        at once (steps 2 and 3 are skipped)."""
        self._check_committee_step(("proposed",))
        date = self._check_step_date(date)
        self._check_opinion(opinion)
        for case in self:
            case._check_direct_deduction(date)
        self._do_step(
            "designate_directly",
            date,
            opinion,
            attachment_ids,
            {
                "state": "decided",
                "origin": "committee",
                "committee_opinion": opinion,
            },
            decision="confirmed",
        )
        self._revoke_party_posts(date)
        return True

    def action_transfer(self, date=None, opinion=None, attachment_ids=None):
        """Step 4 关系转出: the relationship moves to the education branch and
        the member's status becomes 整改帮教, both in the member's history."""
        self._check_committee_step(("decided",))
        date = self._check_step_date(date)
        self._check_opinion(opinion)
        for case in self:
            case._check_education_branch()
            if case.rectification_months <= 0:
                raise UserError(
                    self.env._(
                        "Set the rectification period (months) of %(member)s "
                        "before the transfer.",
                        member=case.member_id.name,
                    )
                )
            if case.member_id.branch_id == case.education_branch_id:
                raise UserError(
                    self.env._(
                        "%(member)s is already in the education branch.",
                        member=case.member_id.name,
                    )
                )
            case.member_id._check_transfer_date(date)
        for case in self:
            reason = self.env._(
                "Laggard member case: moved to the party-spirit education branch "
                "for rectification."
            )
            member = case.member_id
            member._transfer_to(case.education_branch_id, date, reason)
            if member.status != "rectification":
                member._record_change("status", "rectification", date, reason)
        self._do_step(
            "transfer", date, opinion, attachment_ids, {"state": "transferred"}
        )
        return True

    def action_start_rectification(self, date=None, opinion=None, attachment_ids=None):
        """Step 5 限期整改: the education branch sets two mentors (结对帮教),
        the cause category and the plan; the period runs from this date."""
        self._check_step(
            "party_points.group_party_secretary",
            ("transferred",),
            "education_branch_id",
            self.env._("Rectification is organised by the education branch."),
        )
        date = self._check_step_date(date)
        self._check_opinion(opinion)
        for case in self:
            case._check_mentors(exact=True)
            if not case.cause_category or not (case.rectification_plan or "").strip():
                raise UserError(
                    self.env._(
                        "Choose the cause category and write the rectification plan "
                        "of %(member)s.",
                        member=case.member_id.name,
                    )
                )
            if case.rectification_months <= 0:
                raise UserError(self.env._("Set the rectification period in months."))
        for case in self:
            case._do_step(
                "start_rectification",
                date,
                opinion,
                attachment_ids,
                {
                    "state": "rectification",
                    "start_date": date,
                    "end_date": date + relativedelta(months=case.rectification_months),
                },
            )
        return True

    def action_resolve(
        self, outcome=None, date=None, opinion=None, attachment_ids=None
    ):
        """Step 6 党支部决议: after the period, the education branch's general
        meeting resolves: improved, extended once by 3 months, or (after the
        extension) unqualified, persuaded to withdraw or removed."""
        self._check_step(
            "party_points.group_party_secretary",
            ("rectification",),
            "education_branch_id",
            self.env._("The resolution is taken by the education branch."),
        )
        date = self._check_step_date(date)
        self._check_opinion(opinion)
        labels = dict(self._fields["outcome"]._description_selection(self.env))
        if outcome not in labels:
            raise UserError(self.env._("Choose the resolution."))
        for case in self:
            if date < case.end_date:
                raise UserError(
                    self.env._(
                        "The rectification period of %(member)s ends on %(end)s: "
                        "the branch resolves after it.",
                        member=case.member_id.name,
                        end=case.end_date,
                    )
                )
            if outcome == "extended" and case.extension_count:
                raise UserError(
                    self.env._(
                        "The rectification of %(member)s was already extended once: "
                        "the member improved, or is an unqualified member, "
                        "persuaded to withdraw or removed.",
                        member=case.member_id.name,
                    )
                )
            if outcome in FINAL_OUTCOMES and not case.extension_count:
                raise UserError(
                    self.env._(
                        "%(outcome)s comes only after the extended period: a member "
                        "not improved is first given 3 more months.",
                        outcome=labels[outcome],
                    )
                )
        self._do_step(
            "resolve",
            date,
            opinion,
            attachment_ids,
            {"state": "resolved", "outcome": outcome},
            decision=outcome,
        )
        return True

    def action_approve(self, date=None, opinion=None, attachment_ids=None):
        """Step 7 党工委审批: the committee approves in writing and the
        resolution is carried out in the member's history."""
        self._check_committee_step(("resolved",))
        date = self._check_step_date(date)
        self._check_opinion(opinion)
        for case in self:
            if case.outcome == "improved":
                case.member_id._check_transfer_date(date)
        for case in self:
            member = case.member_id
            reason = self.env._(
                "Laggard member case approved by the Party working committee: "
                "%(outcome)s.",
                outcome=dict(self._fields["outcome"]._description_selection(self.env))[
                    case.outcome
                ],
            )
            vals = {"state": "done"}
            if case.outcome == "improved":
                member._transfer_to(case.original_branch_id, date, reason)
                member._record_change("status", "normal", date, reason)
            elif case.outcome == "extended":
                vals = {
                    "state": "rectification",
                    "extension_count": case.extension_count + 1,
                    "rectification_months": case.rectification_months
                    + EXTENSION_MONTHS,
                    "end_date": case.end_date + relativedelta(months=EXTENSION_MONTHS),
                }
            else:
                member._record_change("status", case.outcome, date, reason)
            case._do_step(
                "approve", date, opinion, attachment_ids, vals, decision=case.outcome
            )
        return True

    # ------------------------------------------------------------------
    # Opening
    # ------------------------------------------------------------------

    @api.model
    def _open_from_publication(self, publication):
        """R-USE-2: every member whose published score is under the cycle's
        laggard threshold gets a proposed case, once per member and quarter
        (exempt members are not in the snapshot)."""
        threshold = publication.cycle_id.laggard_threshold
        low = publication.snapshot_ids.filtered(lambda s: s.score < threshold)
        if not low:
            return self.browse()
        busy_sudo = (
            # sudo: a case of the member anywhere (in progress, or of the
            # quarter) means no second one, whatever the publisher reads
            self.sudo()
            .search(
                [
                    ("member_id", "in", low.member_id.ids),
                    "|",
                    ("state", "in", IN_PROGRESS_STATES),
                    "&",
                    ("cycle_id", "=", publication.cycle_id.id),
                    ("quarter", "=", publication.quarter),
                ]
            )
            .member_id
        )
        # published just now: the day of the publication, in the company's
        # time zone
        today = party_today(self, publication.company_id)
        low = low.filtered(lambda snapshot: snapshot.member_id not in busy_sudo)
        # 附件2 step 1 亮分通报 is the quarterly announcement of the scores:
        # the publication is that announcement, so the case starts announced,
        # its step 1 recorded from the publication (its date, the published
        # score, the publication as its document, the publisher)
        # sudo: the publication opens the cases, whoever publishes (the
        # workflow creates them; a secretary writes no step)
        cases_sudo = self.sudo()._create_workflow(
            [
                {
                    "member_id": snapshot.member_id.id,
                    "origin": "publication",
                    "publication_id": publication.id,
                    "score": snapshot.score,
                    "cycle_id": publication.cycle_id.id,
                    "quarter": publication.quarter,
                    "open_date": today,
                    "state": "announced",
                }
                for snapshot in low
            ]
        )
        # sudo: no user creates steps; the publication records step 1
        Step_sudo = self.env["party.laggard.step"].sudo()
        publisher = publication.published_by_id or self.env.user
        for case_sudo, snapshot in zip(cases_sudo, low, strict=True):
            # the step and the post are read by the branch: in the language
            # of its officers, else the publisher's, else the company's
            # sudo: the branch's officers' users give the readers' language
            branch_sudo = publication.branch_id.sudo()
            reader = party_in_reader_lang(
                case_sudo, user=branch_sudo.officer_user_ids | branch_sudo.recorder_id
            )
            opinion = reader.env._(
                "Score announced by the publication %(publication)s: published "
                "score %(score)s (rank %(rank)s in the branch), under the laggard "
                "threshold %(threshold)s.",
                publication=publication.with_env(reader.env).display_name,
                score=snapshot.score,
                rank=snapshot.rank,
                threshold=threshold,
            )
            step_sudo = Step_sudo._create_step(
                {
                    "case_id": case_sudo.id,
                    "step": "announce",
                    "date": today,
                    "user_id": publisher.id,
                    "opinion": opinion,
                    "publication_id": publication.id,
                }
            )
            case_sudo.message_post(
                body=Markup("<p><b>%s</b> (%s)</p><p>%s</p>")
                % (
                    step_sudo.with_env(reader.env).display_name,
                    party_day_label(reader.env, today),
                    opinion,
                )
            )
        return cases_sudo

    @api.model
    def _open_from_direct_deductions(self, lines):
        """附件2 shortcut: a deduction the committee registers itself
        (conclusive evidence, R-SCORE-7) that takes the score under the
        laggard threshold opens a case at once, for the committee to
        designate directly (``action_designate_directly``)."""
        lines = lines.filtered(
            lambda line: line.sign == "deduction" and line.standard_id.committee_direct
        )
        if not lines:
            return self.browse()
        low = lines.card_id.filtered(
            lambda card: card.total_score < card.cycle_id.laggard_threshold
        )
        busy_sudo = (
            # sudo: as for a publication, a case of the member anywhere
            self.sudo()
            .search(
                [
                    ("member_id", "in", low.member_id.ids),
                    "|",
                    ("state", "in", IN_PROGRESS_STATES),
                    ("cycle_id", "in", low.cycle_id.ids),
                ]
            )
            .filtered(
                lambda case_sudo: case_sudo.state in IN_PROGRESS_STATES
                or (case_sudo.cycle_id, case_sudo.quarter)
                in {(line.cycle_id, line.quarter) for line in lines}
            )
            .member_id
        )
        vals_list = []
        for card in low.filtered(lambda c: c.member_id not in busy_sudo):
            line = lines.filtered(lambda x, card=card: x.card_id == card)[:1]
            vals_list.append(
                {
                    "member_id": card.member_id.id,
                    "origin": "committee",
                    "score": card.total_score,
                    "cycle_id": card.cycle_id.id,
                    "quarter": line.quarter,
                    "open_date": line.date,
                }
            )
        # sudo: the committee's direct deduction opens the case, whoever
        # registered it; the workflow creates cases
        cases_sudo = self.sudo()._create_workflow(vals_list)
        for case_sudo in cases_sudo:
            case_sudo.message_post(
                body=self.env._(
                    "Opened by a deduction of the Party working committee: score "
                    "%(score)s, under the laggard threshold %(threshold)s. The "
                    "committee may designate the member directly (附件2).",
                    score=case_sudo.score,
                    threshold=case_sudo.cycle_id.laggard_threshold,
                )
            )
        return cases_sudo

    def _check_no_other_case(self, member, cycle, quarter):
        # sudo: a case of the member's quarter anywhere forbids a second one
        Case_sudo = self.sudo().with_context(active_test=False)
        if Case_sudo.search_count(
            [
                ("member_id", "=", member.id),
                ("cycle_id", "=", cycle.id),
                ("quarter", "=", quarter),
            ]
        ):
            raise ValidationError(
                self.env._(
                    "%(member)s already has a laggard case for Q%(quarter)s of "
                    "%(year)s.",
                    member=member.name,
                    quarter=quarter,
                    year=cycle.year,
                )
            )
        if Case_sudo.search_count(
            [("member_id", "=", member.id), ("state", "in", IN_PROGRESS_STATES)]
        ):
            raise ValidationError(
                self.env._(
                    "%(member)s already has a laggard case in progress: continue "
                    "that case.",
                    member=member.name,
                )
            )

    # ------------------------------------------------------------------
    # Checks and helpers
    # ------------------------------------------------------------------

    def _check_step(self, group, states, branch_field, role_message):
        self._check_role(group, role_message)
        self._check_state(states)
        if branch_field:
            self._check_branch_served(
                branch_field, role_message, missing=self.env._("the education branch")
            )
        # four eyes: the member of a case takes none of its steps
        self._check_four_eyes(
            self.env._("act on"), group, branch_field or "scoring_branch_id"
        )
        self.check_access("write")

    def _check_determination(self, date, opinion):
        """Step 2, either answer: the secretary of the scoring branch, for
        its committee, with the date and the written opinion."""
        self._check_step(
            "party_points.group_party_secretary",
            ("announced",),
            "scoring_branch_id",
            self.env._(
                "The preliminary determination is made by the secretary of the "
                "branch, for its committee."
            ),
        )
        date = self._check_step_date(date)
        self._check_opinion(opinion)
        return date

    def _check_committee_step(self, states):
        self._check_step(
            "party_points.group_party_working_committee",
            states,
            None,
            self.env._("This step is the decision of the Party working committee."),
        )

    def _check_step_date(self, date):
        """Steps are recorded once they happened, in order, after the case
        was opened and outside a closed points cycle."""
        day = None
        for case in self:
            # sudo: the date of the case's last step, whoever acts
            previous = max(case.sudo().step_ids.mapped("date"), default=None)
            day = check_action_date(
                self.env,
                date,
                self.env._(
                    "A step of the case of %(member)s", member=case.member_id.name
                ),
                not_before=[
                    (case.open_date, self.env._("the opening of the case")),
                    (previous, self.env._("its previous step")),
                ],
                company=case.company_id,
            )
        return day

    def _check_opinion(self, opinion):
        if not (opinion or "").strip():
            raise UserError(
                self.env._("Each step of the procedure needs its written opinion.")
            )

    def _check_education_branch(self):
        self.ensure_one()
        branch = self.education_branch_id
        if not branch:
            branch = self._education_branch_of(self.company_id)
            if not branch:
                raise UserError(
                    self.env._(
                        "%(company)s has no party-spirit education branch "
                        "(党性教育党支部): the committee creates one (a Party branch "
                        "of type Party-Spirit Education Branch) before moving a "
                        "laggard member.",
                        company=self.company_id.name,
                    )
                )
            self._write_workflow({"education_branch_id": branch.id})
        self._check_education_branch_of(branch, self.company_id)

    @api.model
    def _check_education_branch_of(self, branch, company):
        # sudo: the chosen branch is judged and named whether or not the user
        # may read it (the education branch is often not theirs)
        branch_sudo = branch.sudo()
        if (
            branch_sudo.kind != "branch"
            or branch_sudo.branch_type != "education"
            or branch_sudo.company_id != company
        ):
            raise UserError(
                self.env._(
                    "%(branch)s is not a party-spirit education branch of "
                    "%(company)s.",
                    branch=branch_sudo.display_name,
                    company=company.name,
                )
            )

    def _check_rechecked_keys(self, vals):
        # the education branch chosen on the form is one of the company's
        branch = self.env["party.branch"].browse(vals.get("education_branch_id"))
        if branch:
            for case in self:
                self._check_education_branch_of(branch, case.company_id)

    def _check_mentors(self, exact):
        """结对帮教: two full members in good standing of the original or the
        education branch, other than the member."""
        self.ensure_one()
        # sudo: the mentors are judged (type, status, branch) past the rules
        # of a user who may not read members of the education branch
        mentors_sudo = self.sudo().mentor_ids
        if exact and len(mentors_sudo) != 2:
            raise ValidationError(
                self.env._(
                    "%(member)s needs exactly two mentors (结对帮教), %(count)s "
                    "chosen.",
                    member=self.member_id.name,
                    count=len(mentors_sudo),
                )
            )
        if not mentors_sudo:
            return
        if self.member_id in mentors_sudo:
            raise ValidationError(
                self.env._(
                    "%(member)s cannot mentor themself.", member=self.member_id.name
                )
            )
        branches = (self.original_branch_id | self.education_branch_id).ids
        in_branch_sudo = mentors_sudo.search(
            [("id", "in", mentors_sudo.ids), ("branch_id", "child_of", branches)]
        )
        for mentor_sudo in mentors_sudo:
            if (
                mentor_sudo.member_type != "full"
                or mentor_sudo.status != "normal"
                or not mentor_sudo.active
                or mentor_sudo not in in_branch_sudo
            ):
                raise ValidationError(
                    self.env._(
                        "%(mentor)s cannot mentor %(member)s: a mentor is a full "
                        "member (正式党员) in good standing of the original branch or "
                        "of the education branch.",
                        mentor=mentor_sudo.name,
                        member=self.member_id.name,
                    )
                )

    def _check_direct_deduction(self, date):
        self.ensure_one()
        cycle = self.cycle_id
        card_sudo = (
            # sudo: the member's card and direct deductions decide whether the
            # committee may designate directly, whatever the user reads
            self.env["party.score.card"]
            .sudo()
            .search(
                [("member_id", "=", self.member_id.id), ("cycle_id", "=", cycle.id)],
                limit=1,
            )
        )
        direct = (
            # sudo: as above, counted only
            self.env["party.score.line"]
            .sudo()
            .search_count(
                [
                    ("member_id", "=", self.member_id.id),
                    ("cycle_id", "=", cycle.id),
                    ("state", "=", "approved"),
                    ("points", "<", 0),
                    ("standard_id.committee_direct", "=", True),
                    (
                        "approved_by_id.groups_id",
                        "in",
                        self.env.ref("party_points.group_party_working_committee").ids,
                    ),
                ]
            )
        )
        if not direct or card_sudo.total_score >= cycle.laggard_threshold:
            raise UserError(
                self.env._(
                    "%(member)s can be designated directly only after a deduction "
                    "by the committee took the score under %(threshold)s (score "
                    "now %(score)s).",
                    member=self.member_id.name,
                    threshold=cycle.laggard_threshold,
                    score=card_sudo.total_score,
                )
            )

    def _do_step(self, step, date, opinion, attachment_ids, vals, decision=False):
        if not isinstance(attachment_ids, list | tuple | type(None)) or any(
            not isinstance(attachment_id, int) or isinstance(attachment_id, bool)
            for attachment_id in attachment_ids or ()
        ):
            raise ValidationError(
                self.env._("Give the files of the step as a list of uploaded files.")
            )
        attachments = self.env["ir.attachment"].browse(attachment_ids or [])
        # the step (created with sudo, which keeps the user) accepts only the
        # files the user has just uploaded, binds them to itself and freezes
        # them (party.evidence.mixin)
        # sudo: no user creates steps; the case's step checks its files itself
        Step_sudo = self.env["party.laggard.step"].sudo()
        for case in self:
            step_row_sudo = Step_sudo._create_step(
                {
                    "case_id": case.id,
                    "step": step,
                    "decision": decision,
                    "date": date,
                    "user_id": self.env.user.id,
                    "opinion": opinion,
                    "attachment_ids": [(6, 0, attachments.ids)],
                }
            )
            case._write_workflow(vals)
            case.message_post(
                body=Markup("<p><b>%s</b> (%s)</p><p>%s</p>")
                % (
                    step_row_sudo.display_name,
                    party_day_label(self.env, date),
                    opinion,
                ),
                attachment_ids=attachments.ids,
            )

    def _revoke_party_posts(self, date):
        # R-USE-2: 有党内职务的党员其原任职务自然撤销, kept in the member's history
        for case in self.filtered(lambda c: c.member_id.party_post):
            case.member_id._record_party_post(
                False,
                date,
                self.env._(
                    "Designated a laggard member by the Party working committee: "
                    "the Party post lapses (其原任职务自然撤销)."
                ),
            )

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------

    def _cron_remind_rectification(self, today=None):
        """Remind the education branch of a missing monthly report and of a
        rectification period ended without resolution (附件2 step 5 ⑶)."""
        today = today or party_today(self)
        # sudo: the daily job reminds every case in rectification
        cases_sudo = self.sudo().search(
            [("state", "=", "rectification"), ("start_date", "!=", False)]
        )
        for case_sudo in cases_sudo:
            branch_sudo = case_sudo.education_branch_id
            user_sudo = branch_sudo.recorder_id or branch_sudo.officer_user_ids[:1]
            if not user_sudo:
                continue
            reported = set(case_sudo.report_ids.mapped("month"))
            month = 1
            while (
                month <= case_sudo.rectification_months
                and case_sudo.start_date + relativedelta(months=month) <= today
            ):
                if month not in reported:
                    # due on the day the month ends: each month reminded once
                    case_sudo._party_remind_once(
                        "party_points.mail_activity_type_laggard_report_missing",
                        user_sudo,
                        lambda reader, month=month: reader.env._(
                            "Monthly report %(month)s of %(member)s is missing",
                            month=month,
                            member=reader.member_id.name,
                        ),
                        case_sudo.start_date + relativedelta(months=month),
                        lapse=True,
                    )
                month += 1
            if case_sudo.end_date and case_sudo.end_date <= today:
                # an extension moves the end: the new end is reminded too
                case_sudo._party_remind_once(
                    "party_points.mail_activity_type_rectification_ended",
                    user_sudo,
                    lambda reader: reader.env._(
                        "Rectification period of %(member)s ended on %(end)s: the "
                        "education branch resolves",
                        member=reader.member_id.name,
                        end=party_day_label(reader.env, reader.end_date),
                    ),
                    case_sudo.end_date,
                    lapse=True,
                )

    @api.model
    def _education_branch_of(self, company):
        """The party-spirit education branch of ``company`` (R-ORG-1)."""
        return (
            # sudo: the company's education branch, found for whoever opens a
            # case (it is rarely among the organisations they serve)
            self.env["party.branch"]
            .sudo()
            .search(
                [
                    ("kind", "=", "branch"),
                    ("branch_type", "=", "education"),
                    ("company_id", "=", company.id),
                ],
                order="id",
                limit=1,
            )
        )

    def action_open_step_wizard(self):
        self.ensure_one()
        step = self.env.context.get("laggard_step")
        return {
            "type": "ir.actions.act_window",
            "name": dict(
                self.env["party.laggard.step.wizard"]
                ._fields["action"]
                ._description_selection(self.env)
            ).get(step, self.env._("Record a Step")),
            "res_model": "party.laggard.step.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id, "default_action": step or False},
        }

    def _party_label(self):
        """何伟 2026年第4季度: the member and the quarter whose publication
        opened the case (R-USE-2), or the day it was opened."""
        self.ensure_one()
        if self.cycle_id.year and self.quarter:
            period = party_quarter_label(self.env, self.cycle_id.year, self.quarter)
        else:
            period = party_day_label(self.env, self.open_date)
        # sudo: the name of the case, readable wherever the case is (the
        # member may be of another branch than the reader's: the education
        # branch)
        return " ".join(part for part in (self.member_id.sudo().name, period) if part)


class PartyBranch(models.Model):
    """The laggard cases of an organisation in the Branches Overview (issue
    10, item 3; issue 18, item 3: each model adds what it counts)."""

    _inherit = "party.branch"

    dashboard_laggard_count = fields.Integer(
        compute="_compute_dashboard_laggard_count", string="Laggard Cases in Progress"
    )

    def _compute_dashboard_laggard_count(self):
        # counted where the case is scored, not where the member is now
        groups = self._party_subtree_groups(
            "party.laggard.case",
            "scoring_branch_id",
            [("state", "not in", CLOSED_STATES)],
        )
        for branch in self:
            branch.dashboard_laggard_count = sum(
                count for (count,) in branch._party_rolled_up(groups)
            )


# 附件2: whose step each state of a case waits for, and the organisation
# the step is taken for (None: the committee's, for every organisation)
NEXT_STEP_ROLES = {
    "proposed": ("party_points.group_party_secretary", "scoring_branch_id"),
    "announced": ("party_points.group_party_secretary", "scoring_branch_id"),
    "determined": ("party_points.group_party_general_branch", "scoring_branch_id"),
    "reviewed": ("party_points.group_party_working_committee", None),
    "decided": ("party_points.group_party_working_committee", None),
    "transferred": ("party_points.group_party_secretary", "education_branch_id"),
    "resolved": ("party_points.group_party_working_committee", None),
}


class ResUsers(models.Model):
    _inherit = "res.users"

    def _party_digest_sections(self):
        """The daily digest (issue 19): the laggard cases whose next step is
        the user's (附件2), and the rectifications ended that the education
        branch resolves (step 6); not the user's own case (four eyes)."""
        sections = super()._party_digest_sections()
        committee = self.has_group("party_points.group_party_working_committee")
        served = self.party_branch_ids.ids
        clauses = []
        for state, (group, branch_field) in NEXT_STEP_ROLES.items():
            if not self.has_group(group):
                continue
            clause = [("state", "=", state)]
            if branch_field and not committee:
                clause.append((branch_field, "child_of", served))
            clauses.append(clause)
        if self.has_group("party_points.group_party_secretary"):
            clause = [
                ("state", "=", "rectification"),
                ("end_date", "<=", party_today(self, self.company_id)),
            ]
            if not committee:
                clause.append(("education_branch_id", "child_of", served))
            clauses.append(clause)
        if not clauses:
            return sections
        cases = self.env["party.laggard.case"].search(
            [
                *expression.OR(clauses),
                ("member_id.partner_id", "!=", self.partner_id.id),
            ]
        )
        return [
            *sections,
            {"title": self.env._("Laggard cases waiting for a step"), "records": cases},
        ]
