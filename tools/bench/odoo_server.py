# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's command line, as a plain file: the prefork server starts its
gevent (websocket) process again from ``sys.argv[0]``, which neither
``python -m odoo`` nor a setuptools console script survives."""

from odoo.cli.command import main

if __name__ == "__main__":
    main()
