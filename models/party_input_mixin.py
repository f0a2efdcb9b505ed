# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
from datetime import date as Date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Bad input (issue 11): a text longer than this is a mistake (a pasted file),
# refused with a clear message instead of filling the database.
CHAR_MAX_LENGTH = 1000
TEXT_MAX_LENGTH = 20000


def check_input_vals(records, vals):
    """Refuse values of the wrong type or size before the ORM converts them.

    A client program (RPC, import, a script) may send anything: a string for
    a number, a list for a date, 30 February, NaN, a 1 MB description. The
    ORM would fail on them with a bare ValueError or TypeError, or store
    them; the user gets a translated message naming the field instead.
    """
    env = records.env
    for name, value in vals.items():
        field = records._fields.get(name)
        if field is None or value is None or value is False:
            continue
        error = _input_error(env, field, value)
        if error:
            raise ValidationError(
                env._(
                    "%(field)s of %(model)s: %(error)s",
                    field=field._description_string(env),
                    model=records._description,
                    error=error,
                )
            )


def _input_error(env, field, value):
    shown = repr(value) if not isinstance(value, str) else value
    shown = shown if len(shown) <= 40 else shown[:40] + "…"
    kind = field.type
    if kind == "integer":
        number = value if not isinstance(value, bool) else None
        if not isinstance(number, int | float) or not (
            isinstance(number, int) or (math.isfinite(number) and number.is_integer())
        ):
            return env._("enter a whole number, not %(value)s.", value=shown)
        if abs(number) > 2**31 - 1:
            return env._("%(value)s is out of range.", value=shown)
    elif kind in ("float", "monetary"):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            return env._("enter a number, not %(value)s.", value=shown)
    elif kind in ("date", "datetime"):
        convert = fields.Date.to_date if kind == "date" else fields.Datetime.to_datetime
        if not isinstance(value, str | Date):
            return env._("enter a date (YYYY-MM-DD), not %(value)s.", value=shown)
        try:
            convert(value)
        except ValueError:
            return env._("enter a date (YYYY-MM-DD), not %(value)s.", value=shown)
    elif kind in ("char", "text"):
        if not isinstance(value, str):
            return env._("enter a text, not %(value)s.", value=shown)
        limit = CHAR_MAX_LENGTH if kind == "char" else TEXT_MAX_LENGTH
        if len(value) > limit:
            return env._(
                "%(length)s characters is too long: at most %(max)s.",
                length=len(value),
                max=limit,
            )
    elif kind == "many2one":
        if isinstance(value, bool) or not isinstance(value, int | models.BaseModel):
            return env._("choose a record, not %(value)s.", value=shown)
        if isinstance(value, int) and not 0 < value < 2**31:
            return env._("choose a record, not %(value)s.", value=shown)
    elif kind == "selection" and isinstance(field.selection, list):
        if value not in dict(field.selection):
            return env._("%(value)s is not one of the choices.", value=shown)
    return None


class PartyInputMixin(models.AbstractModel):
    """Every party model checks what a client sends before anything else.

    ``create`` and ``write`` refuse values of the wrong type or size
    (``check_input_vals``: a string for a number, 30 February, a 1 MB
    name) with a translated message naming the field, then hand the
    checked values to the model's hooks: ``_prepare_create_vals`` completes
    new records, ``_check_write_vals`` checks a write, so that no model
    code reads an unchecked value.

    A model's own ``create``/``write`` override runs before the mixin's:
    it reads no value before ``super`` (its checks go in the hooks), or it
    calls ``_check_input_vals`` first.

    List it first in ``_inherit`` (``party.workflow.mixin`` and
    ``party.mobile.log.mixin`` do), before ``party.fixed.keys.mixin``: a
    wrong value is said as such before any other rule judges it.
    """

    _name = "party.input.mixin"
    _description = "Checked Input"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_input_vals(vals)
        return super().create(self._prepare_create_vals(vals_list))

    def write(self, vals):
        self._check_input_vals(vals)
        self._check_write_vals(vals)
        return super().write(vals)

    def _check_input_vals(self, vals):
        """The check itself (``check_input_vals``). A model whose own
        ``write`` acts on the values before calling ``super`` (a member
        logs its moves, a line takes its item's sign) calls it first."""
        check_input_vals(self, vals)

    @api.model
    def _prepare_create_vals(self, vals_list):
        """Hook: check and complete the values of new records, once their
        input is checked (the system may set workflow fields here)."""
        return vals_list

    def _check_write_vals(self, vals):
        """Hook: check the values of a write, once their input is checked,
        before anything is written."""
