# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.3.0, names as the regulation writes them (issue 17 l): the stored
names of laggard cases and dues sheets read "何伟 2026-12-02" and
"恒达集团第一党支部 2026-10"; they are written again, in the company's
language (何伟 2026年第4季度, 恒达集团第一党支部 2026年10月)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for model in ("party.laggard.case", "party.dues.sheet"):
        records = env[model].with_context(active_test=False).search([])
        env.add_to_compute(records._fields["name"], records)
    env.flush_all()
