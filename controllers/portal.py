# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member portal (issue 10): /my/party for members without a backend user.

Every read goes through the portal user's own rights: the portal record rules
(security/portal_security.xml) limit them to their own member record, card and
lines, and to the published quarters of their branch. ``sudo`` is used only on
records already read under those rights (a report render, the names of a
published list). A declaration is the model's: the controller parses the
form and calls ``party.score.line.declare_addition``."""

import base64
from datetime import date as Date

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import content_disposition, request
from odoo.tools import consteq
from odoo.tools.safe_eval import safe_eval

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.party_workflow_mixin import check_evidence_content, party_today


class PartyPointsPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "party_points_count" in counters:
            values["party_points_count"] = len(self._party_member())
        return values

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _party_member(self):
        """The member of the logged-in user, read under their rights."""
        Member = request.env["party.member"]
        if not Member.has_access("read"):
            return Member
        return Member.search(
            [("partner_id", "=", request.env.user.partner_id.id)], limit=1
        )

    def _party_member_or_404(self):
        member = self._party_member()
        if not member:
            raise request.not_found()
        return member

    def _party_card(self, member):
        """The member's card of the current cycle (else their latest)."""
        cards = request.env["party.score.card"].search(
            [("member_id", "=", member.id)], order="year desc"
        )
        today = party_today(member)
        return cards.filtered(lambda c: c.year == today.year)[:1] or cards[:1]

    def _party_addition_items(self, member):
        return request.env["party.score.standard"].search(
            [
                ("company_id", "=", member.company_id.id),
                ("sign", "=", "addition"),
                ("active", "=", True),
            ]
        )

    def _party_publications(self):
        return request.env["party.score.publication"].search(
            [("state", "=", "published")], order="date_from desc"
        )

    def _party_pdf(self, record, report_ref):
        """The PDF of ``record``, already read under the user's rules: the
        report action itself is not readable by a portal user."""
        # sudo: a portal user cannot read report actions; the record itself
        # was read under the user's rules
        Report_sudo = request.env["ir.actions.report"].sudo()
        report_sudo = Report_sudo._get_report(report_ref)
        pdf = Report_sudo.with_company(record.company_id)._render_qweb_pdf(
            report_ref, record.ids
        )[0]
        # sudo: the report's file name expression may read fields of records
        # linked to the (readable) record that the user cannot read
        name = safe_eval(report_sudo.print_report_name, {"object": record.sudo()})
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", content_disposition(f"{name}.pdf")),
            ],
        )

    def _party_values(self, member, **values):
        values.update(
            {
                "page_name": "party_points",
                "member": member,
                "card": self._party_card(member),
            }
        )
        return values

    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------

    @http.route("/my/party", type="http", auth="user", website=True)
    def portal_party_home(self, **kw):
        member = self._party_member_or_404()
        card = self._party_card(member)
        values = self._party_values(
            member,
            # sudo: the rank is computed over the branch's cards: read for
            # the member's own card only, once the rules returned it
            rank=card.sudo().rank_in_branch if card else 0,
            lines=request.env["party.score.line"].search(
                [("member_id", "=", member.id)], limit=10
            ),
            publications=self._party_publications()[:4],
        )
        values["rank_text"] = self._party_rank_text(card, values["rank"])
        return request.render("party_points.portal_party_home", values)

    def _party_rank_text(self, card, rank):
        """2026年度 支部内排名第2名 (the year a name, never "2,026")."""
        if not card:
            return ""
        if rank:
            return request.env._(
                "Cycle %(year)s: rank %(rank)s in the branch",
                year=card.year,
                rank=rank,
            )
        return request.env._("Cycle %(year)s: not ranked yet", year=card.year)

    @http.route("/my/party/lines", type="http", auth="user", website=True)
    def portal_party_lines(self, **kw):
        member = self._party_member_or_404()
        lines = request.env["party.score.line"].search([("member_id", "=", member.id)])
        return request.render(
            "party_points.portal_party_lines",
            self._party_values(member, lines=lines, declared=kw.get("declared")),
        )

    @http.route("/my/party/handbook", type="http", auth="user", website=True)
    def portal_party_handbook(self, **kw):
        member = self._party_member_or_404()
        card = self._party_card(member)
        if not card:
            raise request.not_found()
        return self._party_pdf(card, "party_points.action_report_party_score_card")

    @http.route("/my/party/publications", type="http", auth="user", website=True)
    def portal_party_publications(self, **kw):
        member = self._party_member_or_404()
        publications = self._party_publications()
        # sudo: the rules let the member read these rows; the names of the
        # other members of the list are the published notice itself
        rows = {
            publication.id: publication.snapshot_ids.sudo().sorted(
                lambda r: (r.rank or 10**6, r.id)
            )
            for publication in publications
        }
        return request.render(
            "party_points.portal_party_publications",
            self._party_values(member, publications=publications, rows=rows),
        )

    @http.route(
        "/my/party/publications/<int:publication_id>/notice.pdf",
        type="http",
        auth="user",
        website=True,
    )
    def portal_party_publication_pdf(self, publication_id, **kw):
        self._party_member_or_404()
        try:
            publication = self._document_check_access(
                "party.score.publication", publication_id
            )
        except (AccessError, MissingError):
            raise request.not_found() from None
        return self._party_pdf(
            publication, "party_points.action_report_party_score_publication"
        )

    @http.route(
        "/my/party/declare",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_party_declare(self, **post):
        member = self._party_member_or_404()
        error = None
        kept_sudo = request.env["ir.attachment"]
        if request.httprequest.method == "POST":
            upload = request.httprequest.files.get("evidence")
            content = upload.read() if upload else b""
            name = (upload.filename if upload else None) or None
            if not content:
                # the file kept from a refused try, if the form sends it back
                kept_sudo = self._party_kept_evidence(post)
                if kept_sudo:
                    name, content = kept_sudo.name, kept_sudo.raw
            try:
                self._party_declare(member, post, name, content)
            except (UserError, ValidationError, AccessError) as exc:
                error = exc.args[0]
                if upload and content:
                    kept_sudo = self._party_keep_evidence(name, content)
            else:
                self._party_pending_evidence().unlink()
                return request.redirect("/my/party/lines?declared=1")
        values = self._party_values(
            member,
            items=self._party_addition_items(member),
            error=error,
            post=post,
            today=party_today(member),
            kept_evidence=kept_sudo,
        )
        return request.render("party_points.portal_party_declare", values)

    def _party_declare(self, member, post, evidence_name=None, evidence_content=b""):
        """Parse the form and declare the line (个人申报): every check is the
        model's (``party.score.line.declare_addition``), as in the backend."""
        try:
            item_id = int(post.get("standard_id") or 0)
        except ValueError:
            item_id = 0
        if not item_id:
            raise UserError(
                request.env._(
                    "Choose an addition item of your organisation's catalogue."
                )
            )
        try:
            points = int(post.get("points") or "")
        except ValueError:
            raise UserError(
                request.env._("Enter the points as a whole number.")
            ) from None
        try:
            day = Date.fromisoformat(post.get("date") or "")
        except ValueError:
            raise UserError(request.env._("Enter the date of the event.")) from None
        return request.env["party.score.line"].declare_addition(
            item_id,
            points,
            day,
            (post.get("description") or "").strip(),
            evidence_name=evidence_name,
            evidence_datas=base64.b64encode(evidence_content)
            if evidence_content
            else None,
        )

    # A file sent with a refused declaration is kept for the next try (a
    # phone's photo is not chosen again), the way Odoo's portal keeps an
    # upload before its message is posted: an attachment of no record yet,
    # created by the user, with an access token the form sends back. Only a
    # file the ledger would take is kept, one per user at most; the
    # declaration itself still checks it like any other file.

    def _party_pending_evidence(self):
        return (
            # sudo: portal users may neither create nor search attachments
            # of no record yet; only the user's own (create_uid) are taken
            request.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "party.score.line"),
                    ("res_id", "=", 0),
                    ("create_uid", "=", request.env.uid),
                ]
            )
        )

    def _party_keep_evidence(self, name, content):
        # sudo: portal users cannot create attachments (as in Odoo's portal
        # attachment_add); the content is checked first, the token guards it
        Attachment_sudo = request.env["ir.attachment"].sudo()
        name = (name or request.env._("Evidence"))[:255]
        try:
            check_evidence_content(request.env, name, content)
        except ValidationError:
            return Attachment_sudo
        self._party_pending_evidence().unlink()
        attachment_sudo = Attachment_sudo.create(
            {
                "name": name,
                "raw": content,
                "res_model": "party.score.line",
                "res_id": 0,
                "public": False,
            }
        )
        attachment_sudo.generate_access_token()
        return attachment_sudo

    def _party_kept_evidence(self, post):
        # sudo: the user's own pending file, found by _party_pending_evidence
        # and given back only with its access token
        Attachment_sudo = request.env["ir.attachment"].sudo()
        try:
            attachment_id = int(post.get("kept_evidence_id") or 0)
        except ValueError:
            return Attachment_sudo
        attachment_sudo = self._party_pending_evidence().filtered(
            lambda a: a.id == attachment_id
        )
        token = post.get("kept_evidence_token") or ""
        if not attachment_sudo or not consteq(
            attachment_sudo.access_token or "", token
        ):
            return Attachment_sudo
        return attachment_sudo
