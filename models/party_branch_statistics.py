# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL

from .party_branch import ORGANISATION_KINDS
from .party_member import (
    LEAVING_STATUSES,
    MEMBER_CATEGORIES,
    MEMBER_TYPES,
    PARTY_MEMBER_TYPES,
)
from .party_workflow_mixin import PARTY_DEFAULT_TZ


class PartyBranchStatistics(models.Model):
    """队伍现状 (R-ORG-4), as a read-only SQL view for pivot and graph.

    Each member counts once in every organisation above them (their branch
    included), so grouping by ``organisation_id`` gives figures rolled up the
    tree. Transfers count as in or out of an organisation only when they cross
    its border: a move between two branches of one general branch is neither
    in nor out of that general branch.

    The team is the Party's: ``member_count`` (the total and every band)
    counts Party members, full and probationary; activists, who are not
    Party members, count in ``activist_count`` only. A member is developed
    by an organisation when they were admitted to the Party (``join_date``,
    in the last three years) while their relationship was in it, as
    ``party.member._branch_at`` answers: a member transferred in after
    joining elsewhere is a transfer, not a member developed here.
    """

    _name = "party.branch.statistics"
    _description = "Party Organisation Statistics"
    _auto = False
    _order = "organisation_id"
    _rec_name = "organisation_id"

    organisation_id = fields.Many2one("party.branch", readonly=True)
    # Rows of one level never overlap: filtering on a level gives totals
    # without the double counting of the roll-up.
    organisation_kind = fields.Selection(
        ORGANISATION_KINDS, string="Organisation Level", readonly=True
    )
    branch_id = fields.Many2one("party.branch", string="Party Branch", readonly=True)
    member_id = fields.Many2one("party.member", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    row_kind = fields.Selection(
        [("member", "Member"), ("transfer", "Transfer")], string="Row", readonly=True
    )
    # a name, never a number (issue 17 d): see party.hr.assessment.year
    year = fields.Char(string="Transfer Year", readonly=True)
    member_type = fields.Selection(MEMBER_TYPES, readonly=True)
    category = fields.Selection(
        MEMBER_CATEGORIES, string="Member Category", readonly=True
    )
    gender = fields.Selection([("male", "Male"), ("female", "Female")], readonly=True)
    age_band = fields.Selection(
        [("young", "35 and Under"), ("older", "Over 35"), ("unknown", "Age Unknown")],
        readonly=True,
    )
    education_band = fields.Selection(
        [
            ("below_college", "Below Junior College"),
            ("college", "Junior College"),
            ("above_college", "Above Junior College"),
        ],
        readonly=True,
    )
    member_count = fields.Integer(
        string="Members",
        readonly=True,
        help="Party members: full and probationary members, activists left out.",
    )
    activist_count = fields.Integer(string="Activists", readonly=True)
    developed_count = fields.Integer(
        string="Developed in the Last Three Years",
        readonly=True,
        help="Admitted to the Party in the last three years while in this "
        "organisation; members transferred in after joining elsewhere are not "
        "counted.",
    )
    transfer_in_count = fields.Integer(string="Transfers In", readonly=True)
    transfer_out_count = fields.Integer(string="Transfers Out", readonly=True)

    @api.private  # the registry's hook, never an RPC endpoint
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(view)s AS (
            WITH ancestry AS (
                SELECT b.id AS branch_id, a.id AS organisation_id, a.parent_path,
                       a.kind AS organisation_kind
                  FROM party_branch b
                  JOIN party_branch a ON starts_with(b.parent_path, a.parent_path)
            ),
            member_attrs AS (
                SELECT m.id, m.branch_id, m.company_id, m.member_type, m.category,
                       m.gender, m.education_band, m.active, m.status, m.join_date,
                       d.today,
                       CASE
                           WHEN m.birthday IS NULL THEN 'unknown'
                           WHEN m.birthday > d.today - INTERVAL '36 years'
                               THEN 'young'
                           ELSE 'older'
                       END AS age_band,
                       -- R-ORG-3: the organisation on the day the member joined
                       -- the Party, from the transfer log as _branch_at answers
                       CASE
                           WHEN m.join_date IS NULL THEN NULL
                           WHEN before.member_id IS NOT NULL THEN before.to_branch_id
                           WHEN after.member_id IS NOT NULL THEN after.from_branch_id
                           ELSE m.branch_id
                       END AS join_branch_id
                  FROM party_member m
                  LEFT JOIN res_company c ON c.id = m.company_id
                  LEFT JOIN res_partner cp ON cp.id = c.partner_id
                  -- the company's today (party_today), not the server's
                  CROSS JOIN LATERAL (
                       SELECT (now() AT TIME ZONE COALESCE(cp.tz, %(default_tz)s))::date
                              AS today) d
                  LEFT JOIN LATERAL (
                       SELECT t.member_id, t.to_branch_id
                         FROM party_member_transfer t
                        WHERE t.member_id = m.id AND t.date <= m.join_date
                     ORDER BY t.date DESC, t.id DESC LIMIT 1) before ON true
                  LEFT JOIN LATERAL (
                       SELECT t.member_id, t.from_branch_id
                         FROM party_member_transfer t
                        WHERE t.member_id = m.id AND t.date > m.join_date
                     ORDER BY t.date, t.id LIMIT 1) after ON true
            ),
            rows AS (
                SELECT an.organisation_id, an.organisation_kind, m.branch_id,
                       m.id AS member_id,
                       m.company_id, 'member' AS row_kind, NULL::varchar AS year,
                       m.member_type, m.category, m.gender, m.age_band,
                       m.education_band,
                       -- the Party's team: activists are not Party members
                       CASE WHEN m.member_type IN %(party_types)s
                            THEN 1 ELSE 0 END AS member_count,
                       CASE WHEN m.member_type = 'activist'
                            THEN 1 ELSE 0 END AS activist_count,
                       CASE WHEN m.member_type IN %(party_types)s
                             AND m.join_date > m.today - INTERVAL '3 years'
                             AND starts_with(jb.parent_path, an.parent_path)
                            THEN 1 ELSE 0 END AS developed_count,
                       0 AS transfer_in_count, 0 AS transfer_out_count
                  FROM member_attrs m
                  JOIN ancestry an ON an.branch_id = m.branch_id
                  LEFT JOIN party_branch jb ON jb.id = m.join_branch_id
                 WHERE m.active AND m.status NOT IN %(leaving)s
                UNION ALL
                SELECT an.organisation_id, an.organisation_kind, t.to_branch_id,
                       m.id, m.company_id,
                       'transfer', EXTRACT(YEAR FROM t.date)::integer::varchar,
                       m.member_type, m.category, m.gender, m.age_band,
                       m.education_band, 0, 0, 0, 1, 0
                  FROM party_member_transfer t
                  JOIN member_attrs m ON m.id = t.member_id
                  JOIN ancestry an ON an.branch_id = t.to_branch_id
                  LEFT JOIN party_branch f ON f.id = t.from_branch_id
                 WHERE f.id IS NULL OR NOT starts_with(f.parent_path, an.parent_path)
                UNION ALL
                SELECT an.organisation_id, an.organisation_kind, t.from_branch_id,
                       m.id, m.company_id,
                       'transfer', EXTRACT(YEAR FROM t.date)::integer::varchar,
                       m.member_type, m.category, m.gender, m.age_band,
                       m.education_band, 0, 0, 0, 0, 1
                  FROM party_member_transfer t
                  JOIN member_attrs m ON m.id = t.member_id
                  JOIN ancestry an ON an.branch_id = t.from_branch_id
                  LEFT JOIN party_branch d ON d.id = t.to_branch_id
                 WHERE d.id IS NULL OR NOT starts_with(d.parent_path, an.parent_path)
            )
            -- ids stable from one query to the next (a search, then a read
            -- under the record rules): numbered in a fixed order
            SELECT row_number() OVER (
                       ORDER BY rows.row_kind, rows.organisation_id, rows.member_id,
                                rows.year, rows.branch_id, rows.transfer_in_count
                   ) AS id, rows.*
              FROM rows
            )
            """,
                view=SQL.identifier(self._table),
                leaving=LEAVING_STATUSES,
                party_types=PARTY_MEMBER_TYPES,
                default_tz=PARTY_DEFAULT_TZ,
            )
        )
