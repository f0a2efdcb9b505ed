# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.4.0, names that say what a thing is (issue 18, item 5).

A laggard step's stored code is now the key of the case's method that takes
it (``action_<code>``) and of the step wizard's choice: three codes change.
The rows of the selection itself (ir_model_fields_selection and their xml
ids) are renamed too, before the module's data is loaded, so that Odoo finds
them in place, with their translations, instead of dropping the old values
and creating new ones.

The Party working committee's group (党工委) was ``group_party_manager``,
a name a reader took for a branch committee's: its xml id becomes
``group_party_working_committee`` before the data loads, so that the group
keeps its users, rules, menus and access rights. The secretary's group is
relabelled; an upgrade keeps a field's existing translations, so its
Chinese label of earlier versions (支部书记/支委) is dropped here and the po
gives the new one (支部书记/支部委员)."""

STEP_CODES = {
    "skip_announce": "skip_announcement",
    "direct": "designate_directly",
    "rectify": "start_rectification",
}

RENAMED_XMLIDS = {"group_party_manager": "group_party_working_committee"}


def migrate(cr, version):
    for old, new in RENAMED_XMLIDS.items():
        cr.execute(
            """
            UPDATE ir_model_data
               SET name = %s
             WHERE module = 'party_points' AND name = %s
            """,
            (new, old),
        )
    cr.execute(
        """
        UPDATE res_groups g
           SET name = g.name - 'zh_CN'
          FROM ir_model_data d
         WHERE d.module = 'party_points'
           AND d.name = 'group_party_secretary'
           AND d.model = 'res.groups'
           AND g.id = d.res_id
           AND g.name->>'zh_CN' = '支部书记/支委'
        """
    )
    for old, new in STEP_CODES.items():
        cr.execute(
            "UPDATE party_laggard_step SET step = %s WHERE step = %s", (new, old)
        )
        cr.execute(
            """
            UPDATE ir_model_fields_selection s
               SET value = %s
              FROM ir_model_fields f
             WHERE s.field_id = f.id
               AND f.model = 'party.laggard.step'
               AND f.name = 'step'
               AND s.value = %s
            """,
            (new, old),
        )
        cr.execute(
            """
            UPDATE ir_model_data
               SET name = %s
             WHERE module = 'party_points'
               AND model = 'ir.model.fields.selection'
               AND name = %s
            """,
            (
                f"selection__party_laggard_step__step__{new}",
                f"selection__party_laggard_step__step__{old}",
            ),
        )
