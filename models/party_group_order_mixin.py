# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.models import regex_order
from odoo.tools import SQL


class PartyGroupOrderMixin(models.AbstractModel):
    """Groups of a big table ordered by a many2one's own order after they are
    counted, not before (issue 20, item 4).

    ``read_group`` (the pivot, the graph, grouped lists) orders groups of a
    many2one by the comodel's ``_order``: Odoo joins the comodel's table
    to every row before aggregating and groups by its order columns too. On
    two million points lines grouped by scoring branch, that join made each
    grouped query three to four times the plain ``GROUP BY`` (0.95 s against
    0.28 s). Here each order column of the comodel is read by a scalar
    subquery on the group's value, which PostgreSQL evaluates once per group
    (five hundred branches) after the aggregation: the same groups in the same
    order, under the same rules.

    Only plain stored, untranslated columns without groups are read this way;
    any other order (a translated name, a many2one order, NULLS FIRST/LAST)
    is left to Odoo.
    """

    _name = "party.group.order.mixin"
    _description = "Grouped Reads Ordered after Aggregation"

    def _read_group_orderby(self, order, groupby_terms, query):
        if not order:
            return super()._read_group_orderby(order, groupby_terms, query)
        terms = []
        for order_part in order.split(","):
            match = regex_order.match(order_part)
            term = match and match["term"]
            field = self._fields.get(term) if term in groupby_terms else None
            sql = None
            if field is not None and field.type == "many2one" and not match["nulls"]:
                sql = self._party_comodel_order(
                    field, groupby_terms[term], (match["direction"] or "ASC").upper()
                )
            if sql is None:
                # Odoo's own order for this part (and its errors)
                sql = super()._read_group_orderby(order_part, groupby_terms, query)
            terms.append(sql)
        return SQL(", ").join(terms)

    def _party_comodel_order(self, field, value, direction):
        """The comodel's order for the many2one ``value`` (an SQL expression
        of the group), as subqueries on its table; None when its order is
        not made of plain columns."""
        comodel = self.env[field.comodel_name]
        if comodel._order == "id":
            return None
        terms = []
        for part in comodel._order.split(","):
            match = regex_order.match(part)
            if not match or match["nulls"]:
                return None
            cofield = comodel._fields.get(match["term"])
            if (
                cofield is None
                or not cofield.store
                or not cofield.column_type
                or cofield.type == "many2one"
                or cofield.translate
                or cofield.groups
            ):
                return None
            codirection = (match["direction"] or "ASC").upper()
            if direction == "DESC":
                codirection = "ASC" if codirection == "DESC" else "DESC"
            if cofield.name == "id":
                expression = value
            else:
                expression = SQL(
                    "(SELECT %s FROM %s WHERE %s = %s)",
                    SQL.identifier(cofield.name),
                    SQL.identifier(comodel._table),
                    SQL.identifier("id"),
                    value,
                )
            terms.append(SQL("%s %s", expression, SQL(codirection)))
        return SQL(", ").join(terms)
