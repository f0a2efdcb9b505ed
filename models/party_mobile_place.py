# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .party_mobile_member import AWAY_STATES

# R-MOB-4: members out together at one place form a temporary branch from 3.
TEMPORARY_BRANCH_MIN = 3


class PartyMobilePlace(models.Model):
    """R-MOB-4: the places where three or more members of a company are out
    at the same time (destinations compared normalised), for the committee
    to form a temporary branch or group.

    Forming it creates a ``party.branch`` of type *temporary* under the
    committee and records the members out there as its participants
    (``party.mobile.member.temporary_branch_id``); their relationship stays
    in their home branch (the seed: the home organisation keeps in touch
    with them), so nothing is moved.
    """

    _name = "party.mobile.place"
    _description = "Place with Mobile Members"
    _auto = False
    _order = "member_count desc, destination"
    _rec_name = "destination"
    _depends = {
        "party.mobile.member": [
            "destination",
            "destination_key",
            "company_id",
            "state",
            "temporary_branch_id",
        ],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    destination = fields.Char(readonly=True)
    destination_key = fields.Char(readonly=True)
    member_count = fields.Integer(string="Members Out", readonly=True)
    temporary_branch_id = fields.Many2one("party.branch", readonly=True)
    mobile_ids = fields.One2many(
        "party.mobile.member",
        compute="_compute_mobile_ids",
        string="Members Out Here",
    )

    @api.private  # the registry's hook, never an RPC endpoint
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(view)s AS (
            SELECT MIN(m.id) AS id, m.company_id, m.destination_key,
                   MIN(m.destination) AS destination,
                   COUNT(DISTINCT m.member_id) AS member_count,
                   MAX(m.temporary_branch_id) AS temporary_branch_id
              FROM party_mobile_member m
             WHERE m.state IN %(states)s AND m.destination_key IS NOT NULL
          GROUP BY m.company_id, m.destination_key
            HAVING COUNT(DISTINCT m.member_id) >= %(minimum)s
            )""",
                view=SQL.identifier(self._table),
                states=tuple(AWAY_STATES),
                minimum=TEMPORARY_BRANCH_MIN,
            )
        )

    def _compute_mobile_ids(self):
        Mobile = self.env["party.mobile.member"]
        for place in self:
            place.mobile_ids = Mobile.search(place._mobile_domain())

    def _mobile_domain(self):
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("destination_key", "=", self.destination_key),
            ("state", "in", AWAY_STATES),
        ]

    def action_create_temporary_branch(self):
        """Form the temporary branch (临时党支部) of the place and record the
        members out there as its participants."""
        if not self.env.user.has_group("party_points.group_party_working_committee"):
            raise AccessError(
                self.env._(
                    "Temporary branches are formed by the Party working committee."
                )
            )
        if len(self) != 1:
            raise UserError(self.env._("Form the temporary branch of one place."))
        self.invalidate_recordset(["temporary_branch_id"])
        if self.temporary_branch_id:
            raise UserError(
                self.env._(
                    "%(place)s already has the temporary branch %(branch)s.",
                    place=self.destination,
                    branch=self.temporary_branch_id.display_name,
                )
            )
        mobiles = self.env["party.mobile.member"].search(self._mobile_domain())
        committee = self.env["party.branch"].search(
            [
                ("kind", "=", "committee"),
                ("id", "parent_of", mobiles.branch_id.ids),
                ("company_id", "=", self.company_id.id),
            ],
            order="parent_path",
            limit=1,
        )
        branch = self.env["party.branch"].create(
            {
                "name": self.env._(
                    "Temporary Party Branch at %(place)s", place=self.destination
                ),
                "kind": "branch",
                "branch_type": "temporary",
                "parent_id": committee.id,
                "company_id": self.company_id.id,
                "note": self.env._(
                    "Formed for the members out at %(place)s: %(names)s. "
                    "Their relationship stays in their home branch.",
                    place=self.destination,
                    names="、".join(mobiles.member_id.mapped("name")),
                ),
            }
        )
        mobiles._write_workflow({"temporary_branch_id": branch.id})
        for mobile in mobiles:
            mobile.message_post(
                body=self.env._(
                    "Takes part in the temporary branch %(branch)s.",
                    branch=branch.display_name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.branch",
            "res_id": branch.id,
            "view_mode": "form",
        }
