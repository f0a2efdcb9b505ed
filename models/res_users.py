# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    # The organisations a user keeps records for; record rules scope branch
    # roles to these and everything under them (DESIGN: child_of).
    party_branch_ids = fields.Many2many(
        "party.branch",
        "party_branch_officer_rel",
        "user_id",
        "branch_id",
        string="Served Party Organisations",
    )

    def _party_served_branches(self):
        """The organisations the user serves: those they are an officer of
        and every organisation under them (the ``child_of`` of the record
        rules), read as the system."""
        self.ensure_one()
        if not self.party_branch_ids:
            # sudo: an empty set of the same kind as below
            return self.env["party.branch"].sudo()
        return (
            # sudo: the served subtree is compared with, never shown; it may
            # reach organisations the user's rules do not list
            self.env["party.branch"]
            .sudo()
            .search([("id", "child_of", self.party_branch_ids.ids)])
        )

    def _party_serves(self, branches, committee=True):
        """Whether the user serves one of ``branches`` (R-ORG-2): the Party
        working committee (with ``committee``) serves every organisation,
        a branch role those of ``_party_served_branches``. No branch is
        served by nobody."""
        self.ensure_one()
        if committee and self.has_group("party_points.group_party_working_committee"):
            return True
        if not branches or not self.party_branch_ids:
            return False
        return bool(
            # sudo: counted only, the branches compared with those served
            self.env["party.branch"]
            .sudo()
            .search_count(
                [
                    ("id", "in", branches.ids),
                    ("id", "child_of", self.party_branch_ids.ids),
                ],
                limit=1,
            )
        )

    def _party_digest_sections(self):
        """What waits for the user (self, in the user's own environment: the
        searches run under their rights), for the daily digest
        (``models/party_digest.py``): a list of ``{"title": str, "records":
        recordset}``. Each model file that has something waiting adds its
        sections at its end (``_inherit = "res.users"``, ``super() +
        [...]``); an empty recordset is left out of the digest."""
        return []
