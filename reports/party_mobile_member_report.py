# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


def _label(record, field_name):
    return dict(record._fields[field_name]._description_selection(record.env)).get(
        record[field_name], ""
    )


class PartyMobileLetterReport(models.AbstractModel):
    """党员证明信 (R-MOB-1, seed 000): the letter the branch gives a member
    away for three to six months, to the host organisation. The sentences
    are built here, in the reader's language, so that the translation keeps
    its own word order."""

    _name = "report.party_points.report_party_mobile_letter"
    _description = "Party Member Certificate Letter"

    @api.model
    def _get_report_values(self, docids, data=None):
        records = self.env["party.mobile.member"].browse(docids)
        records.check_access("read")
        missing = records.filtered(lambda r: not r.letter_number)
        if missing:
            raise UserError(
                self.env._(
                    "No certificate letter was issued for %(names)s: issue it first.",
                    names=", ".join(missing.mapped("name")),
                )
            )
        return {
            "doc_ids": records.ids,
            "doc_model": "party.mobile.member",
            # sudo: the letter names the member and their branch, which the
            # reader of the (checked) record may not read
            "docs": records.sudo(),
            # sudo: as for "docs"
            "letters": {record.id: self._letter(record.sudo()) for record in records},
        }

    def _letter(self, record):
        member = record.member_id
        kind = (
            self.env._("a full member of the Communist Party of China")
            if member.member_type == "full"
            else self.env._("a probationary member of the Communist Party of China")
        )
        period = (
            self.env._(
                "from %(start)s to %(end)s",
                start=_format_date(self.env, record.departure_date),
                end=_format_date(self.env, record.expected_return),
            )
            if record.expected_return
            else self.env._(
                "from %(start)s", start=_format_date(self.env, record.departure_date)
            )
        )
        return {
            "number": record.letter_number,
            "addressee": self.env._(
                "Party Organisation of %(host)s:", host=record.letter_host or ""
            ),
            "body": self.env._(
                "This is to certify that comrade %(name)s is %(kind)s, whose "
                "organisational relationship is in %(branch)s. The comrade leaves "
                "for %(reason)s to %(destination)s, %(period)s. Please receive the "
                "comrade, arrange for the comrade to take part in the organisational "
                "life of the Party, and look after the comrade.",
                name=member.name,
                kind=kind,
                branch=record.branch_id.name,
                reason=_label(record, "reason"),
                destination=record.destination,
                period=period,
            ),
            "closing": self.env._("Hereby certified."),
            "valid": self.env._(
                "Valid until %(date)s.",
                date=_format_date(
                    self.env,
                    record.expected_return
                    or record.letter_date + relativedelta(months=6),
                ),
            ),
            "issuer": self.env._("%(branch)s (seal)", branch=record.branch_id.name),
            "date": _format_date(self.env, record.letter_date),
        }


def _format_date(env, day):
    """年 月 日, as on paper."""
    if not day:
        return ""
    day = fields.Date.to_date(day)
    return env._(
        "%(year)s Year %(month)s Month %(day)s Day",
        year=day.year,
        month=day.month,
        day=day.day,
    )
