"""Day, month and year boxes as one WTForms field, read into a PartialDate, each message on the box at fault."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from wtforms import Field
from wtforms.utils import unset_value

from complaint import answers
from complaint.dates import DateProblem, PartialDate

BOXES = ("day", "month", "year")

# What to say for each problem, and the box it is about (the error summary links to that box).
MESSAGES = {
    "missing_month": (_l("Enter the month and year it happened"), "month"),
    "missing_year": (_l("Enter the year it happened"), "year"),
    "year": (_l("Enter the year as 4 digits, like 2026"), "year"),
    "month": (_l("Enter a month from 1 to 12"), "month"),
    "real": (_l("Enter a real date"), "day"),
    "future": (_l("The date must be today or in the past"), "day"),
    "too_early": (_l("Enter a date after the year 2000"), "year"),
}
LABELS = {"day": _l("Day"), "month": _l("Month"), "year": _l("Year")}


class Box:
    """One of the three boxes as the page shows it."""

    def __init__(self, field: PartialDateField, part: str):
        self.part, self.name = part, field.box_name(part)
        self.id = self.name
        self.label = LABELS[part]
        self.value = field.typed[part]
        self.wrong = part == field.wrong_box


class PartialDateField(Field):
    """Day, month and year boxes read as one PartialDate (None when left empty, if `optional`).

    The boxes are posted as `day`, `month` and `year` (after the form's prefix), as three text boxes would be, and
    the data is a PartialDate. The checks run after the field's validators, against the form's `today` (plus
    `days_ahead`); a validator that raises StopValidation (as wtforms' Optional does) skips them.
    `day_message`: the day must be given, else this message; `messages`: replace those in MESSAGES by problem.
    """

    def __init__(self, label=None, validators=None, *, optional: bool = False, day_message=None, days_ahead: int = 0,
                 messages: dict | None = None, box_prefix: str = "", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.optional, self.day_needed, self.days_ahead = optional, bool(day_message), days_ahead
        self.box_prefix = box_prefix  # a second date on one form: its boxes are e.g. reply_day, reply_month
        self.messages = {**MESSAGES, **(messages or {}), "missing_day": (day_message, "day")}
        self.typed: dict[str, str] = {}
        self.wrong_box: str | None = None

    def box_name(self, part: str) -> str:
        return self.name.removesuffix(self.short_name) + self.box_prefix + part

    def boxes(self, order=BOXES) -> list[Box]:
        return [Box(self, part) for part in order]

    @property
    def wrong_box_id(self) -> str:
        """Where the error summary's link goes: the box the message is about."""
        return self.box_name(self.wrong_box or "day")

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.process_errors = []
        self.object_data = self.data = None if data is unset_value else data
        self.typed = _written(self.data)
        if formdata is None:
            return
        for part in BOXES:  # a box not posted keeps what was given before, as a text box does
            if values := formdata.getlist(self.box_name(part)):
                # A file posted under a box's name counts as nothing typed; control characters are dropped.
                self.typed[part] = answers.clean(values[0] if isinstance(values[0], str) else "")

    def post_validate(self, form, validation_stopped):
        self.wrong_box = None
        if validation_stopped:
            return
        try:
            self.data = self._read(form.today + dt.timedelta(days=self.days_ahead))
        except DateProblem as problem:
            self.data = None
            message, self.wrong_box = self.messages[problem.code]
            self.errors.append(message)

    def _read(self, latest: dt.date) -> PartialDate | None:
        day, month, year = (self.typed[part] for part in BOXES)
        if self.optional and not (day + month + year).strip():
            return None
        if self.day_needed and not answers.fold(day):
            raise DateProblem("missing_day")
        return PartialDate.typed(year, month, day, latest)


def _written(when: PartialDate | None) -> dict[str, str]:
    """The boxes filled in for a date already given."""
    if when is None:
        return dict.fromkeys(BOXES, "")
    return {"day": str(when.day or ""), "month": str(when.month), "year": f"{when.year:04d}"}
