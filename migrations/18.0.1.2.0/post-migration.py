# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0, the year's flags are the year's result (issue 16): the flags
of earlier versions followed the running total. A closed year keeps them as
its close froze them, now also as its projections (the new columns, which
the ORM does not compute for a closed cycle); an open year's flags become
its projections, and the flags wait for the result to be final."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    cr.execute(
        """
        UPDATE party_score_card c
           SET projected_probation_cancel = c.flag_probation_cancel,
               projected_not_development_target = c.flag_not_development_target,
               projected_transfer_deferred = c.flag_transfer_deferred,
               results_final = true
          FROM party_score_cycle cy
         WHERE cy.id = c.cycle_id AND cy.state = 'closed'
        """
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    Card = env["party.score.card"]
    Card.invalidate_model()
    cards = Card.search([("cycle_id.state", "=", "open")])
    for fname in (
        "results_final",
        "projected_probation_cancel",
        "flag_probation_cancel",
    ):
        env.add_to_compute(Card._fields[fname], cards)
    env.flush_all()
