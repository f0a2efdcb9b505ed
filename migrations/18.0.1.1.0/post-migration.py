# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0, the evidence policy: bind the evidence files that earlier
versions left bound to no record (the demo shared one file between its
lines), so that those who read a line read its evidence."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["ir.attachment"]._party_bind_unbound_evidence()
