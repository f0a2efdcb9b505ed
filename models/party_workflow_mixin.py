# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date as Date

from babel.dates import format_skeleton

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import date_utils
from odoo.tools.mimetypes import guess_mimetype
from odoo.tools.misc import babel_locale_parse

# Evidence and step attachments (R-SCORE-5): a photo, a PDF or an office
# document, at most 10 MB, never empty; the type is read from the content,
# not from the name or the type the client announced.
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_MIMETYPES = (
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/bmp",
    "image/tiff",
    "application/pdf",
    "text/plain",
    "text/csv",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
)


def check_evidence_content(env, name, content):
    """Refuse an empty, oversized or wrong-type evidence file (R-SCORE-5)."""
    if not content:
        raise ValidationError(
            env._("The file %(name)s is empty: attach the document itself.", name=name)
        )
    if len(content) > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            env._("The file %(name)s is larger than 10 MB.", name=name)
        )
    mimetype = guess_mimetype(content)
    if mimetype not in EVIDENCE_MIMETYPES:
        raise ValidationError(
            env._(
                "The file %(name)s is not a photo, a PDF or an office document "
                "(its content is %(type)s).",
                name=name,
                type=mimetype,
            )
        )


# The ledger's day (R-SCORE-4, R-ORG-5): every default date, every "not in
# the future" check and every "this year" of the addon is the date in the
# company's time zone, never the acting user's, so that a member with no
# time zone, a cron running as OdooBot and a secretary in Beijing agree on
# what today is. A company without a time zone on its contact keeps China's
# time, the time of the regulation.
PARTY_DEFAULT_TZ = "Asia/Shanghai"


def party_today(record, company=None):
    """Today in the time zone of ``company`` (default: the environment's
    company). ``record`` is any record or model of the environment; the
    signature is that of ``fields.Date.context_today``, so that it can be a
    field default."""
    env = record.env
    company = company or env.company
    # sudo: the company's time zone makes the ledger's day for every user
    tz = company.sudo().partner_id.tz or PARTY_DEFAULT_TZ
    return fields.Date.context_today(env["res.company"].with_context(tz=tz))


# Generated texts (issue 17 c): a scheduled job runs as OdooBot and speaks
# OdooBot's language, sudo() code speaks the actor's; neither is the
# language of who reads the text. An activity is written in the language of
# the user it is assigned to, a notification in that of the partner it goes
# to, a chatter post of a job in that of the record's officers, else of the
# company; a person acting writes a post in their own language.
def party_reader_lang(env, user=None, partner=None, company=None):
    """The language code a generated text is written in.

    In order: ``user``'s (one user, or several, e.g. the officers of a
    branch: their language when they all share one); ``partner``'s; when a
    person acts (not the superuser, OdooBot or a scheduled job), the
    environment's, else that person's; the language of ``company``'s
    contact (default: the environment's company); the environment's. Only
    active languages count (and English, the source). Render with
    ``record.with_context(lang=...)`` (``env._`` translates with
    ``env.lang``) and name periods with ``lang=``."""

    def active(code):
        return _party_active_lang(env, code)

    # sudo: the readers' languages, whoever renders (a member reads no user)
    users_sudo = user.sudo() if user else env["res.users"]
    langs = {active(lang) for lang in users_sudo.mapped("lang")} - {False, None}
    if len(langs) == 1:
        return langs.pop()
    # sudo: the partner's language only, readable or not
    if partner and active(partner.sudo()[:1].lang):
        return active(partner.sudo()[:1].lang)  # sudo: as on the line above
    if env.uid != SUPERUSER_ID and active(env.lang or env.user.lang):
        return active(env.lang or env.user.lang)
    return party_company_lang(env, company)


def _party_active_lang(env, code):
    """``code`` if it is an active language (English, the source, is always
    readable, even inactive), else a false value."""
    if code == "en_US":
        return code
    return code and env["res.lang"]._get_code(code)


def party_company_lang(env, company=None):
    """The language of ``company``'s contact (default: the environment's
    company), if active, else the environment's: what a stored name, read
    by everyone of the company, is written in, and the last resort of
    ``party_reader_lang``."""
    company = company or env.company
    # sudo: the company contact's language, the same for every reader
    return _party_active_lang(env, company.sudo()[:1].partner_id.lang) or (
        env.lang or "en_US"
    )


def party_in_reader_lang(records, user=None, partner=None, company=None):
    """``records`` in the language of their reader (``party_reader_lang``)."""
    if company is None and "company_id" in records._fields:
        company = records[:1].company_id or None
    lang = party_reader_lang(records.env, user=user, partner=partner, company=company)
    return records.with_context(lang=lang)


# Periods are named as the regulation writes them (2026年12月, 2026年第4季度,
# 2026年12月2日), never as a machine would (2026-12, 2026 Q4, "2,026"):
# babel's skeletons give each language its own form of the same period
# (December 2026, 4th quarter 2026 in English).
def quarter_of(day):
    """The quarter of ``day`` (R-SCORE-6) as the key of the ``quarter``
    selections ("1" … "4")."""
    return str(date_utils.get_quarter_number(fields.Date.to_date(day)))


def party_period_label(env, day, skeleton="yMMMM", lang=None):
    """``day`` (a date) named in ``lang`` (default: the environment's),
    with a babel date skeleton: ``yMMMM`` a month, ``yQQQQ`` its quarter,
    ``yMMMd`` the day, ``y`` the year."""
    if not day:
        return ""
    day = fields.Date.to_date(day)
    locale = babel_locale_parse(lang or env.lang or "en_US")
    return format_skeleton(skeleton, day, locale=locale)


def party_month_label(env, day, lang=None):
    """2026年12月 / December 2026."""
    return party_period_label(env, day, "yMMMM", lang)


def party_quarter_label(env, year, quarter, lang=None):
    """2026年第4季度 / 4th quarter 2026."""
    if not year or not quarter:
        return ""
    return party_period_label(
        env, Date(int(year), 3 * int(quarter) - 2, 1), "yQQQQ", lang
    )


def party_day_label(env, day, lang=None):
    """2026年12月2日 / Dec 2, 2026."""
    return party_period_label(env, day, "yMMMd", lang)


def party_year_label(env, year, lang=None):
    """2026年 / 2026: a year is a name, never a number with a separator."""
    if not year:
        return ""
    return party_period_label(env, Date(int(year), 1, 1), "y", lang)


def check_reason(env, reason, message):
    """The reason given to a public method (a refusal, a correction, a move,
    an exemption …): text that is not blank, checked the same way everywhere
    before anything is written. A client program may send anything: what is
    not text is refused like a blank, with ``message`` ("Give the reason of
    the refusal."), never a traceback. Returns the reason without the blanks
    around it."""
    if not isinstance(reason, str) or not reason.strip():
        raise UserError(message)
    return reason.strip()


def check_action_date(env, value, what, not_before=(), company=None):
    """The date of a step, a payment, a move … given to a public method:
    checked once, the same way everywhere, before anything is written.

    ``value`` may come from a client program: empty means today; anything
    that is not a real date (a string that does not parse, a number) is
    refused with a translated message, never a traceback. The date cannot
    be in the future (a step is recorded once it happened), nor before any
    of ``not_before``, pairs (date, what it is: "the opening of the case"),
    empty dates ignored. With ``company`` (where the date feeds the points
    ledger), it cannot fall in a closed points cycle of that company
    (R-SCORE-4: a closed year no longer changes). ``what`` names what is
    dated ("A step of the case of 吴一"). Returns the date.
    """
    today = party_today(env.user)
    day = today
    if value is not None and value is not False and value != "":
        try:
            day = fields.Date.to_date(value)
        except (TypeError, ValueError):
            day = None
        if not isinstance(day, Date):
            shown = value if isinstance(value, str) else repr(value)
            raise ValidationError(
                env._(
                    "%(what)s: %(value)s is not a date; enter it as YYYY-MM-DD.",
                    what=what,
                    value=shown[:40],
                )
            )
    if day > today:
        raise UserError(
            env._(
                "%(what)s is recorded once it happened: %(date)s is in the future.",
                what=what,
                date=day,
            )
        )
    for start, event in not_before:
        start = fields.Date.to_date(start)
        if start and day < start:
            raise UserError(
                env._(
                    "%(what)s cannot be dated before %(event)s, on %(start)s: "
                    "%(date)s is earlier.",
                    what=what,
                    event=event,
                    start=start,
                    date=day,
                )
            )
    if company:
        closed_sudo = (
            # sudo: a closed year refuses the date whoever gives it, whatever
            # cycles they may read
            env["party.score.cycle"]
            .sudo()
            .search(
                [
                    ("company_id", "in", company.ids),
                    ("year", "=", day.year),
                    ("state", "=", "closed"),
                ],
                limit=1,
            )
        )
        if closed_sudo:
            raise UserError(
                env._(
                    "%(what)s cannot be dated %(date)s: the points cycle %(cycle)s "
                    "is closed, and a closed year no longer changes.",
                    what=what,
                    date=day,
                    cycle=closed_sudo.name,
                )
            )
    return day


class PartyWorkflowMixin(models.AbstractModel):
    """Fields that only the model's own workflow methods write.

    A client program controls the whole request: its values, and its context
    too. So no context key, and no user, may set a state or a workflow field
    through ``create`` or ``write``; a ``default_<field>`` key of the context
    is ignored for them (a grouped list or a parent form may send one), so
    new records start where their workflow starts. The model's ``action_*``
    methods check who acts and in which state, then write through
    ``_write_workflow`` / ``_create_workflow``: private methods, which Odoo
    never lets an RPC client call.

    List the mixin first in ``_inherit`` (before ``mail.thread``), so that the
    private writes still go through tracking and the chatter.
    """

    _name = "party.workflow.mixin"
    _description = "Workflow Guard"
    # the input is checked first (party.input.mixin, which also calls
    # _prepare_create_vals); its private writes (_write_workflow) leave the
    # fixed keys alone too
    _inherit = ["party.input.mixin", "party.fixed.keys.mixin"]

    # Names of the fields only the workflow methods write.
    _workflow_fields = ()
    # The field naming the Party member a record is about (four eyes).
    _party_member_field = "member_id"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_no_workflow_fields(vals)
        clean = self._without_workflow_defaults()
        return super(PartyWorkflowMixin, clean).create(vals_list)

    def write(self, vals):
        self._check_no_workflow_fields(vals)
        return super().write(vals)

    def copy_data(self, default=None):
        # a copy starts its own workflow: it takes none of these values
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            for name in self._workflow_fields:
                vals.pop(name, None)
        return vals_list

    def _check_no_workflow_fields(self, vals):
        forced = sorted(set(self._workflow_fields) & vals.keys())
        if forced:
            raise UserError(
                self.env._(
                    "%(fields)s of %(model)s follow its workflow and cannot be set "
                    "by hand: use its buttons.",
                    fields=", ".join(self._fields[name].string for name in forced),
                    model=self._description,
                )
            )

    def _without_workflow_defaults(self):
        ignored = {f"default_{name}" for name in self._workflow_fields}
        if ignored.isdisjoint(self.env.context):
            return self
        clean = {
            key: value for key, value in self.env.context.items() if key not in ignored
        }
        # dropping keys takes a whole new context: with_context(**kw) only adds
        return self.with_context(clean)  # pylint: disable=context-overridden

    def _check_role(self, group, message=None):
        """Refuse the step unless the user has ``group``, the role the step
        belongs to (an action checks it before anything is written)."""
        if not self.env.user.has_group(group):
            raise AccessError(
                message
                or self.env._(
                    "You are not allowed to do this with %(records)s: it is the "
                    "work of %(role)s.",
                    records=self._description,
                    role=self.env.ref(group).name,
                )
            )

    def _check_four_eyes(self, step, group, branch_field=None, earlier=None):
        """Four eyes (R-SCORE-5/7): nobody decides about themself, and the
        one who took an earlier step does not also check it.

        Refuses the step for a record whose member is the user (see
        ``party.member._is_user``), or where the user took one of the
        ``earlier`` steps: {field naming who took it: what they did, e.g.
        ``{"declared_by_id": _("declared")}``}. ``step`` names the step
        ("verify"), ``group`` the role it needs and ``branch_field`` the
        organisation the record belongs to: the message says who else can.
        Odoo's superuser (install, demo data, crons) is the only exception:
        the addon's own ``sudo()`` keeps the user, so it is no way round.
        """
        if self.env.uid == SUPERUSER_ID:
            return
        user = self.env.user
        # sudo: the four-eyes check reads who did the earlier steps and whom
        # the record is about, also past the user's rules; only refusals leave
        for record_sudo in self.sudo():
            member_sudo = record_sudo[self._party_member_field]
            label = record_sudo._party_record_label()
            if member_sudo and member_sudo._is_user(user):
                reason = self.env._(
                    "%(record)s is about you: you cannot %(step)s it yourself.",
                    record=label,
                    step=step,
                )
            else:
                done = [
                    did
                    for name, did in (earlier or {}).items()
                    if record_sudo[name] == user
                ]
                if not done:
                    continue
                reason = self.env._(
                    "You %(did)s %(record)s: the same person cannot also %(step)s it.",
                    did=done[0],
                    record=label,
                    step=step,
                )
            branch_sudo = record_sudo[branch_field] if branch_field else None
            raise AccessError(
                self.env._(
                    "%(reason)s %(who)s",
                    reason=reason,
                    who=self._who_else_can(branch_sudo, step, group),
                )
            )

    def _party_record_label(self):
        """积分记录“吴一 …”: the record named with its model, as a message
        reads it, in the user's language."""
        self.ensure_one()
        return self.env._(
            "%(model)s %(record)s",
            # sudo: the model's name (ir.model is for administrators) and the
            # record's name, which the message shows past the reader's rules
            model=self.env["ir.model"].sudo()._get(self._name).name,
            record=self.sudo().display_name,
        )

    def _check_state(self, states):
        """The state guard of every step: refuse it, before anything is
        written, unless each record is in one of ``states`` (a state or a
        tuple of states); steps follow the order of the workflow."""
        if not self:
            raise UserError(
                self.env._(
                    "Choose the %(model)s first.",
                    # sudo: the model's name; ir.model is for administrators
                    model=self.env["ir.model"].sudo()._get(self._name).name,
                )
            )
        states = (states,) if isinstance(states, str) else tuple(states)
        labels = dict(self._fields["state"]._description_selection(self.env))
        for record in self:
            if record.state not in states:
                raise UserError(
                    self.env._(
                        "%(record)s is “%(state)s”: this step needs it "
                        "“%(expected)s”. Steps follow the order of the procedure.",
                        record=record._party_record_label(),
                        state=labels[record.state],
                        expected=" / ".join(labels[s] for s in states),
                    )
                )

    def _check_branch_served(self, branch_field, message, missing=None):
        """Refuse the step unless the user serves the organisation
        ``branch_field`` of each record names (``res.users._party_serves``:
        the committee serves all); ``message`` says whose step it is,
        ``missing`` names the organisation when the record has none yet."""
        for record in self:
            branch = record[branch_field]
            if not self.env.user._party_serves(branch):
                raise AccessError(
                    self.env._(
                        "%(message)s You do not serve %(branch)s.",
                        message=message,
                        branch=branch.display_name or missing or "",
                    )
                )

    def _party_remind_once(
        self, activity_type_xmlid, user, summary, deadline, lapse=False, among=None
    ):
        """Schedule an activity of the addon's type ``activity_type_xmlid``
        (``data/mail_activity_type_data.xml``) for ``user`` on the record,
        due on ``deadline``, once: an activity of that type on the record
        (or on any of ``among``), done or not, is not repeated; the addon's
        types keep the done ones. With ``lapse``, the deadline is the day the
        matter fell due and part of the match: each lapse is reminded once.
        ``summary`` is a function of the record in the language of ``user``
        (``party_reader_lang``) giving the text."""
        self.ensure_one()
        activity_type = self.env.ref(activity_type_xmlid)
        domain = [
            ("res_model", "=", self._name),
            ("res_id", "in", (among or self).ids),
            ("activity_type_id", "=", activity_type.id),
        ]
        if lapse:
            domain.append(("date_deadline", "=", deadline))
        # sudo: the same reminder given to anyone, done or not, is not
        # repeated; activities are shown only to their users
        Activity_sudo = self.env["mail.activity"].sudo().with_context(active_test=False)
        if Activity_sudo.search_count(domain, limit=1):
            return Activity_sudo.browse()
        # sudo: the reminder is given whoever triggers it (a job, a member)
        return self.sudo().activity_schedule(
            activity_type_id=activity_type.id,
            date_deadline=deadline,
            summary=summary(party_in_reader_lang(self, user=user)),
            user_id=user.id,
        )

    def _done_but_yours(self, message, next_action):
        """What a batch action returns when it did everything but the
        user's own records (four eyes): a sticky warning that says so, then
        ``next_action``."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "sticky": True,
                "message": message,
                "next": next_action,
            },
        }

    def _who_else_can(self, branch, step, group):
        """Who may take ``step`` (needing ``group``) instead of the user: the
        other officers of the organisation the user acts for, above it, or
        the Party working committee."""
        if not branch or group == "party_points.group_party_working_committee":
            return self.env._(
                "Another member of the Party working committee can %(step)s it.",
                step=step,
            )
        user = self.env.user
        # sudo: the refusal names the other officers of the organisation the
        # user acts for and those above it, whose records the user may not read
        branch_sudo = branch.sudo()
        acting_sudo = (
            branch_sudo.search(
                [
                    ("id", "parent_of", branch_sudo.id),
                    ("id", "in", user.party_branch_ids.ids),
                ],
                order="parent_path desc",
                limit=1,
            )
            or branch_sudo
        )
        others_sudo = (acting_sudo.officer_user_ids | acting_sudo.recorder_id) - user
        others_sudo = others_sudo.filtered(lambda other: other._has_group(group))
        if others_sudo:
            return self.env._(
                "Another officer of %(branch)s (%(officers)s), the organisation "
                "above it or the Party working committee can %(step)s it.",
                branch=acting_sudo.name,
                officers=", ".join(others_sudo.sorted("name").mapped("name")),
                step=step,
            )
        if not acting_sudo.parent_id:
            return self.env._(
                "Another member of the Party working committee can %(step)s it.",
                step=step,
            )
        if acting_sudo.parent_id.kind == "committee":
            return self.env._(
                "%(branch)s has no other officer who can %(step)s it: the Party "
                "working committee can.",
                branch=acting_sudo.name,
                step=step,
            )
        return self.env._(
            "%(branch)s has no other officer who can %(step)s it: %(parent)s, "
            "above it, or the Party working committee can.",
            branch=acting_sudo.name,
            parent=acting_sudo.parent_id.name,
            step=step,
        )

    def _set_state(self, state, step):
        """Move to ``state`` and sign the step: ``<step>_by_id`` and
        ``<step>_date`` say who took it and when."""
        return self._write_workflow(
            {
                "state": state,
                f"{step}_by_id": self.env.user.id,
                f"{step}_date": fields.Datetime.now(),
            }
        )

    def _write_workflow(self, vals):
        """Write workflow fields after the caller checked role and state.

        Record rules still apply: the user must be allowed to write the
        records (``check_access``); sudo is for the system's own steps.
        """
        self.check_access("write")
        return super(PartyWorkflowMixin, self._with_tracking()).write(vals)

    @api.model
    def _create_workflow(self, vals_list):
        """Create records with workflow fields set by the system itself (a
        correction line, a case opened by a publication …)."""
        clean = self._without_workflow_defaults()._with_tracking()
        # past the guard of workflow fields, through the input check and
        # _prepare_create_vals (party.input.mixin)
        return super(PartyWorkflowMixin, clean).create(vals_list)

    def _with_tracking(self):
        """The workflow's own writes are always tracked in the chatter (who,
        when, from which state to which): a client's context cannot switch
        the tracking off for them."""
        keys = ("tracking_disable", "mail_notrack", "mail_create_nolog")
        if not any(self.env.context.get(key) for key in keys):
            return self
        return self.with_context(**dict.fromkeys(keys, False))
