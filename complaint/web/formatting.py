"""Answers written out for the pages in the interface language: dates, amounts, lists, incident names."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flask_babel import format_decimal
from flask_babel import gettext as _

from complaint.dates import PartialDate
from complaint.letters import wording
from complaint.web.i18n import current_locale


def format_day(day: dt.date, month_only: bool = False) -> str:
    """A date in the interface language, written as the letters write it (1 December 2026, 2026年12月1日)."""
    return wording.date(day, current_locale(), month_only)


def format_incident_when(incident) -> str:
    """An incident's date and time in the interface language."""
    if incident.month_only:
        return _("%(month)s (day not known)", month=format_day(incident.first_day, month_only=True))
    written = format_day(incident.first_day)
    return f"{written} {incident.time}" if incident.time else written


def format_partial_date(value: PartialDate | None) -> str:
    """A day or a month in the interface language; "" when not given."""
    return format_day(value.first_day, value.month_only) if value else ""


def join_list(items, names: dict | None = None) -> str:
    """A list in running text (each item by its name in `names`, when given): 、 between Chinese items, a comma
    in English."""
    return ("、" if current_locale() == "zh" else ", ").join(str(names[i] if names else i) for i in items)


def incident_name(n: int) -> str:
    return _("Incident %(n)s", n=n)


def format_yuan(amount: Decimal | None) -> str:
    return _("%(amount)s yuan", amount=format_decimal(amount, "#,##0.00")) if amount is not None else ""
