"""One WTForms class per question page; every label and message translatable, every answer read into the case."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import g
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    FieldList,
    Label,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, EqualTo, Length, Optional, StopValidation, ValidationError

from complaint import answers, clock, model
from complaint.law import rules
from complaint.model import (
    ANSWERED,
    ANSWERS,
    CHANNELS,
    DOCUMENTS,
    EVIDENCE,
    HIDDEN_WORD_LENGTH,
    HIDDEN_WORDS,
    LENDER_TYPES,
    LETTER_LANGUAGES,
    OUTCOMES,
    REPLIES,
    REQUESTS,
    SENT_BY,
    TARGETS,
    Collectors,
    Documents,
    EarlierComplaint,
    Incident,
    Loan,
    Person,
    Sending,
    Wants,
)
from complaint.storage import protected
from complaint.web import formatting, suggestions
from complaint.web.datefield import PartialDateField
from complaint.web.i18n import current_locale

LENDER_TYPE_LABELS = {
    "bank": _l("A bank"),
    "consumer_finance": _l("A consumer finance company (消费金融公司)"),
    "small_loan": _l("A small-loan company, including online small loans (小额贷款公司)"),
    "platform": _l("A lending platform or app"),
    "other": _l("Something else, or I don't know"),
}
ANSWER_LABELS = {"yes": _l("Yes"), "no": _l("No"), "unsure": _l("Not sure")}
CHANNEL_LABELS = {
    "call": _l("Phone call"),
    "sms": _l("Text message (SMS)"),
    "chat": _l("WeChat, QQ or another chat app"),
    "home_visit": _l("They came to my home"),
    "work_visit": _l("They came to my workplace"),
    "third_party": _l("They contacted other people about my debt"),
    "online_post": _l("They posted about me online or in group chats"),
    "letter": _l("A letter or parcel"),
    "other": _l("Another way"),
}
TARGET_LABELS = {
    "self": _l("Me"),
    "family": _l("My family"),
    "work": _l("My employer or colleagues"),
    "contacts": _l("People in my phone's contact list"),
    "others": _l("Other people"),
}
EVIDENCE_LABELS = {
    "call_log": _l("A screenshot of the call log"),
    "recording": _l("A recording of the call"),
    "messages": _l("Screenshots of messages or chats"),
    "photo_video": _l("Photos or videos"),
    "witness": _l("Someone who saw or heard it"),
    "document": _l("A letter, notice or other paper"),
    "other": _l("Something else"),
}
REQUEST_LABELS = {
    "stop_unlawful": _l("Stop the unlawful collection"),
    "name_agency": _l("Tell me which collection agency is involved and show its authorisation"),
    "stop_third_parties": _l("Stop contacting my family, friends and colleagues, and delete their details"),
    "contact_limits": _l("Contact me only in writing, or at times I agree to"),
    "correct_amount": _l("Correct the amount and cancel unfair fees"),
    "apologise": _l("Apologise to me"),
    "investigate": _l("Investigate and discipline the people responsible"),
    "compensation": _l("Compensate me for the harm"),
}
DOCUMENT_LABELS = {
    "lender": _l("A complaint letter to the lender"),
    "regulator": _l("A complaint to the financial regulator"),
    "hotline": _l("Notes for a call to a complaints hotline"),
    "police": _l("A statement for the police"),
    "reminder": _l("A reminder to the lender"),
    "review": _l("An application for review to the branch's higher level"),
}
OUTCOME_LABELS = {
    "no_reply": _l("They have not replied"),
    "refused": _l("They refused to deal with it"),
    "unsatisfied": _l("They replied, but it did not help"),
    "pending": _l("I am still waiting: it has been less than 15 days"),
}
SENT_BY_LABELS = {
    "registered_post": _l("Registered post or EMS (挂号信、EMS)"),
    "post": _l("Ordinary post"),
    "email": _l("E-mail"),
    "in_person": _l("Handed it in in person"),
    "online": _l("An online form or the lender's app"),
    "phone": _l("By phone"),
}
REPLY_LABELS = {
    "no_reply": _l("No answer yet"),
    "resolved": _l("They dealt with it"),
    "partly": _l("They dealt with part of it"),
    "refused": _l("They refused to deal with it"),
}
BRANCH_LABELS = {
    "yes": _l("Yes, a branch"),
    "no": _l("No, the head office"),
    "unsure": _l("I don't know"),
}
LETTER_LANGUAGE_LABELS = {"zh": _l("Chinese (for lenders and regulators in China)"), "en": _l("English")}


def _choices(codes, labels) -> list[SelectChoice]:
    return [SelectChoice(code, labels[code]) for code in codes]


def _radio(label, codes, labels, message, **kwargs) -> RadioField:
    # An empty or tampered choice gets the same plain message: pick one of these.
    return RadioField(label, choices=_choices(codes, labels), invalid_choice_message=message, **kwargs)


def _checkboxes(label, codes, labels, message, **kwargs) -> SelectMultipleField:
    return SelectMultipleField(label, choices=_choices(codes, labels), invalid_choice_message=message, **kwargs)


def _length(limit: str, message) -> Length:
    """A check of the answer's length against answers.MAX_LENGTH; Length puts the limit in for %(max)s."""
    return Length(max=answers.MAX_LENGTH[limit], message=message)


def _text_only(value):
    """A file posted under a text box's name counts as nothing typed."""
    return value if isinstance(value, str) else ""


def _cleaned(value):
    return answers.clean(_text_only(value))


def _distinct(values):
    """A box ticked twice (a replayed or hand-made post) counts once."""
    return list(dict.fromkeys(values)) if values else values


class TextForm(FlaskForm):
    """A form whose answers are tidied before they are checked: text boxes cleaned (so a name of only control
    characters counts as empty, not as a name), and each ticked box counted once."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            kind, first = unbound_field.field_class, None
            if issubclass(kind, StringField):
                first = _text_only if issubclass(kind, PasswordField) else _cleaned  # passwords are kept as typed
            elif issubclass(kind, SelectMultipleField):
                first = _distinct
            if first is not None:
                options = {**options, "filters": [first, *unbound_field.kwargs.get("filters", ())]}
            return super().bind_field(form, unbound_field, options)


class DraftForm(TextForm):
    """A form whose answers go into the draft: refused, keeping what was typed, when the draft changed meanwhile."""

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if g.get("stale_draft"):
            self.form_errors.append(_l("Your answers were changed in another tab or on another device after this "
                                       "page was opened, so nothing from this page was saved. What you entered is "
                                       "still below: check it and save again."))
            return False
        return valid


class DatedForm(DraftForm):
    """A form whose dates are checked against today (the view's, in the service's time zone)."""

    def __init__(self, *args, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or clock.today()


@dataclass(frozen=True)
class SummaryRow:
    """One answer on the check page: the question, the answer (text, or items shown as a list), and the id of the
    box its Change link goes to."""

    label: str
    value: str | list[str]
    anchor: str


class StepForm(DatedForm):
    """A question page's form: fills itself from the case, writes its answers back, and writes them out for the
    check page."""

    @classmethod
    def data_from(cls, case) -> dict:
        raise NotImplementedError

    def apply(self, case) -> None:
        raise NotImplementedError

    def add_row(self, which: str) -> bool:
        """Handle an 'add another' button; True when the page should be shown again with a new box."""
        return False

    def summary(self, case) -> list[SummaryRow]:
        """The answers for the check page, one row per box, from a form filled with data_from(case)."""
        return [self._row(field) for field in self if field.name != "csrf_token"]

    def _row(self, field, value=None, label=None) -> SummaryRow:
        """A box's row: its question (or `label`), its answer (or `value`), and where its Change link goes."""
        boxes = isinstance(field, (FieldList, RadioField, SelectMultipleField))  # the first of several boxes
        return SummaryRow(str(label or field.label.text), self._shown(field) if value is None else value,
                          f"{field.id}-0" if boxes else field.id)

    def _shown(self, field) -> str | list[str]:
        """A box's answer as the check page shows it: a choice by its label, several boxes joined."""
        if isinstance(field, FieldList):
            return formatting.join_list(entry.data for entry in field.entries if entry.data)
        if isinstance(field, SelectMultipleField):
            return [_choice_label(field, code) for code in field.data or []]
        if isinstance(field, SelectField) and field.data:  # radios too
            return _choice_label(field, field.data)
        return field.data or ""


def _choice_label(field, code: str) -> str:
    return next((str(choice.label) for choice in field.choices if choice.value == code), "")


class ItemForm(DatedForm):
    """The form of one item in a list (an incident, a piece of evidence): fills itself from the item, or from
    nothing for a new one."""

    @classmethod
    def data_from(cls, item) -> dict:
        raise NotImplementedError


class AboutYouForm(StepForm):
    name = StringField(_l("Your full name"), validators=[
        DataRequired(_l("Enter your full name")),
        _length("name", _l("Your name must be %(max)s characters or fewer"))])
    phone = StringField(_l("Your phone number"), validators=[
        DataRequired(_l("Enter your phone number")),
        _length("phone", _l("Your phone number must be %(max)s characters or fewer"))])
    id_number = StringField(_l("Resident ID number (optional)"), validators=[Optional()])
    contact = TextAreaField(_l("Address or e-mail for the reply (optional)"), filters=[answers.clean], validators=[
        Optional(), _length("contact", _l("The address must be %(max)s characters or fewer"))])

    ID_MESSAGES = {
        "shape": _l("Enter your ID number as 18 characters: 17 digits, then a digit or X"),
        "date": _l("The date of birth in this ID number is not a real date – check the digits"),
        "check": _l("This ID number has a typing mistake – check each digit against your ID card"),
    }

    def validate_phone(self, field):
        if not answers.phone_looks_real(field.data):
            raise ValidationError(_l("Enter a phone number using digits, like 139 1234 5678"))

    def validate_id_number(self, field):
        if problem := answers.id_number_problem(field.data):
            raise ValidationError(self.ID_MESSAGES[problem])

    @classmethod
    def data_from(cls, case) -> dict:
        return vars(case.person) if case.person else {}

    def apply(self, case) -> None:
        case.person = Person(name=answers.clean(self.name.data), phone=answers.normalise_phone(self.phone.data),
                             id_number=answers.normalise_id_number(self.id_number.data or ""),
                             contact=answers.clean(self.contact.data))


class LoanForm(StepForm):
    lender = StringField(_l("Name of the lender"), validators=[
        DataRequired(_l("Enter the name of the lender")),
        _length("lender", _l("The lender's name must be %(max)s characters or fewer"))])
    lender_type = _radio(_l("What kind of lender is it?"), LENDER_TYPES, LENDER_TYPE_LABELS,
                         _l("Select what kind of lender it is"))
    product = StringField(_l("Name of the app or loan product (optional)"), validators=[
        Optional(), _length("product", _l("The product name must be %(max)s characters or fewer"))])
    account = StringField(_l("Contract or account number (optional)"), validators=[
        Optional(), _length("account", _l("The contract number must be %(max)s characters or fewer"))])
    borrowed = StringField(_l("How much you borrowed, in yuan (optional)"), validators=[Optional()])
    claimed = StringField(_l("How much they say you owe now, in yuan (optional)"), validators=[Optional()])
    province = SelectField(_l("Where is the lender based? (optional)"), validate_choice=False)
    disputed = _radio(_l("Do you disagree with the amount they say you owe?"), ANSWERS, ANSWER_LABELS,
                      _l("Select whether you disagree with the amount"))
    illegal = _radio(_l("Do you think the loan comes from illegal lending, such as usury?"), ANSWERS,
                     ANSWER_LABELS, _l("Select whether you think the loan comes from illegal lending"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lang = current_locale()
        self.province.choices = [SelectChoice("", _l("I don't know"))] + [
            SelectChoice(key, region.name(lang)) for key, region in rules.load().regions.items()]

    def validate_province(self, field):
        if field.data and field.data not in rules.load().regions:
            raise ValidationError(_l("Select a place from the list, or “I don't know”"))

    def validate_borrowed(self, field):
        if answers.parse_amount(field.data) is None:
            raise ValidationError(_l("Enter the amount you borrowed as a number, like 20000 or 20000.50"))

    def validate_claimed(self, field):
        if answers.parse_amount(field.data) is None:
            raise ValidationError(_l("Enter the amount they claim as a number, like 26480.55"))

    @classmethod
    def data_from(cls, case) -> dict:
        # The boxes hold text: the case's Decimal amounts are written back as typed numbers ("20000.00").
        return model.to_dict(case.loan) if case.loan else {}

    def apply(self, case) -> None:
        case.loan = Loan(lender=answers.clean(self.lender.data), lender_type=self.lender_type.data,
                         disputed=self.disputed.data, illegal=self.illegal.data,
                         product=answers.clean(self.product.data), account=answers.clean(self.account.data),
                         borrowed=answers.parse_amount(self.borrowed.data or ""),
                         claimed=answers.parse_amount(self.claimed.data or ""),
                         province=self.province.data or "")

    def _shown(self, field) -> str | list[str]:
        if field.name in (self.borrowed.name, self.claimed.name):
            return formatting.format_yuan(answers.parse_amount(field.data) if field.data else None)
        return super()._shown(field)


class CollectorsForm(StepForm):
    agency = StringField(_l("Name of the collection agency (optional)"), validators=[
        Optional(), _length("agency", _l("The agency's name must be %(max)s characters or fewer"))])
    names = FieldList(StringField(_l("Name"), filters=[_cleaned], validators=[
        Optional(), _length("alias", _l("Each name must be %(max)s characters or fewer"))]),
        min_entries=1, max_entries=answers.MAX_ALIASES)
    numbers = FieldList(StringField(_l("Number or account"), filters=[_cleaned], validators=[
        Optional(), _length("number", _l("Each number must be %(max)s characters or fewer"))]),
        min_entries=1, max_entries=answers.MAX_NUMBERS)

    @classmethod
    def data_from(cls, case) -> dict:
        return vars(case.collectors) if case.collectors else {}

    def add_row(self, which: str) -> bool:
        if which not in ("names", "numbers"):
            return False
        field = getattr(self, which)
        if len(field.entries) < field.max_entries:
            field.append_entry()
        return True

    def apply(self, case) -> None:
        def kept(field):
            return list(dict.fromkeys(v for v in (answers.clean(e.data) for e in field.entries) if v))

        case.collectors = Collectors(agency=answers.clean(self.agency.data), names=kept(self.names),
                                     numbers=[answers.normalise_phone(n) for n in kept(self.numbers)])

    def summary(self, case) -> list[SummaryRow]:
        return [self._row(self.agency), self._row(self.names, label=_l("Names they used")),
                self._row(self.numbers, label=_l("Numbers or accounts they used"))]


def _behaviour_choices():
    lang = current_locale()
    return [SelectChoice(b.key, b.label(lang)) for b in rules.load().behaviours.values()]


class IncidentForm(ItemForm):
    # Asked over three short pages, GOV.UK style: when and how, who and what was said, what it shows and the proof.
    PAGES = (("date", "time", "channel", "source", "times"),
             ("targets", "description"),
             ("behaviours", "evidence"))
    # What "add another like this one" copies from the incident before it.
    REPEATED = ("channel", "source", "targets")

    date = PartialDateField()
    time = StringField(_l("Time (optional)"))
    channel = _radio(_l("How did they make contact?"), CHANNELS, CHANNEL_LABELS,
                     _l("Select how they made contact"))
    source = StringField(_l("Number or account it came from (optional)"), validators=[
        Optional(), _length("source", _l("The number or account must be %(max)s characters or fewer"))])
    times = StringField(_l("How many times, if more than once (optional)"))
    targets = _checkboxes(_l("Who was it aimed at?"), TARGETS, TARGET_LABELS, _l("Select who it was aimed at"),
                          validators=[DataRequired(_l("Select who it was aimed at"))])
    description = TextAreaField(_l("What did they say or do?"), filters=[answers.clean], validators=[
        DataRequired(_l("Describe what they said or did")),
        _length("description", _l("Keep it to %(max)s characters or fewer – add another incident for the rest"))])
    behaviours = SelectMultipleField(_l("What does this show?"), invalid_choice_message=_l(
        "Select what it shows from the list"), validators=[
        DataRequired(_l("Select at least one thing it shows, or “Something else”"))])
    evidence = _checkboxes(_l("What proof do you have? (optional)"), EVIDENCE, EVIDENCE_LABELS,
                           _l("Select your proof from the list"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.behaviours.choices = _behaviour_choices()

    def validate_time(self, field):
        if field.data and answers.parse_time(field.data) is None:
            raise ValidationError(_l("Enter the time on the 24-hour clock, like 22:40"))

    def validate_times(self, field):
        value = answers.fold(field.data)
        if value and not 1 <= (answers.whole_number(value, 5) or 0) <= answers.MAX_TIMES:
            raise ValidationError(_l("Enter how many times as a whole number, like 12"))

    @classmethod
    def data_from(cls, incident: Incident | None) -> dict:
        if incident is None:
            return {"targets": ["self"]}
        return {**vars(incident), "times": str(incident.times or "")}

    @classmethod
    def like(cls, incident: Incident) -> dict:
        """A new incident's answers pre-filled from one like it: the same number, way of contact and targets."""
        return {name: getattr(incident, name) for name in cls.REPEATED}

    def only_errors_on(self, page: int) -> None:
        """Forget the messages about answers asked on other pages: each page shows its own."""
        for field in self:
            if field.name not in self.PAGES[page - 1] and field.name != "csrf_token":
                field.errors = []

    def first_page_with_errors(self, upto: int) -> int | None:
        """The first of pages 1..upto with an answer to correct, or None."""
        return next((number for number, names in enumerate(self.PAGES[:upto], 1)
                     if any(self[name].errors for name in names)), None)

    def incident(self) -> Incident:
        times = answers.whole_number(self.times.data, 5)
        return Incident(date=self.date.data, time=answers.parse_time(self.time.data or "") or "",
                        channel=self.channel.data, source=answers.clean(self.source.data),
                        targets=list(self.targets.data), times=times if times and times > 1 else None,
                        description=answers.clean(self.description.data), behaviours=list(self.behaviours.data),
                        evidence=list(self.evidence.data))


LISTED_KIND_LABELS = {
    "recording": _l("A call recording"),
    "video": _l("A video"),
    "other": _l("Another file"),
}


def _incident_choices(case) -> list[SelectChoice]:
    """Each incident by its number, date and channel, to link evidence to."""
    from flask_babel import gettext

    return [SelectChoice(incident.ref, gettext("Incident %(n)s: %(when)s, %(how)s", n=n, when=incident.date,
                                                how=CHANNEL_LABELS[incident.channel]))
            for n, incident in case.numbered_incidents()]


class UploadForm(DraftForm):
    """The evidence page's one button: pictures chosen are uploaded; with none, it goes on."""

    pictures = MultipleFileField(_l("Add photos or screenshots (optional)"))

    def chosen(self) -> list:
        return [f for f in self.pictures.data or [] if getattr(f, "filename", "")]


class EvidenceForm(ItemForm):
    """Describe one piece of evidence: what it is, what it proves, which incidents it belongs to."""

    kind = _radio(_l("What is it?"), tuple(LISTED_KIND_LABELS), LISTED_KIND_LABELS,
                  _l("Select what kind of file it is"))
    caption = StringField(_l("What is in it"), validators=[
        DataRequired(_l("Say in a few words what it shows")),
        _length("caption", _l("Keep it to %(max)s characters or fewer"))])
    purpose = TextAreaField(_l("What it proves (optional)"), filters=[answers.clean], validators=[
        Optional(), _length("purpose", _l("Keep it to %(max)s characters or fewer"))])
    incidents = SelectMultipleField(_l("Which incidents does it belong to? (optional)"),
                                    invalid_choice_message=_l("Select incidents from the list"))
    date = PartialDateField(optional=True)
    sha256 = StringField(_l("Check code (SHA-256, optional)"))

    def __init__(self, *args, case, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.incidents.choices = _incident_choices(case)
        if item.kind == "image":  # an uploaded picture: its kind and fingerprint are known already
            del self.kind
            del self.sha256

    def validate_sha256(self, field):
        value = answers.fold(field.data).lower()
        if value and not (len(value) == 64 and all(c in "0123456789abcdef" for c in value)):
            raise ValidationError(_l("A check code is 64 letters and digits (0–9, a–f)"))

    @classmethod
    def data_from(cls, item) -> dict:
        return vars(item) if item else {"kind": "recording"}

    def apply(self, item) -> None:
        if item.kind != "image":
            item.kind = self.kind.data
            item.sha256 = answers.fold(self.sha256.data).lower()
        item.caption = answers.clean(self.caption.data)
        item.purpose = answers.clean(self.purpose.data)
        item.incidents = list(self.incidents.data)
        item.date = self.date.data if self.date.data and not self.date.data.month_only else None


class ImportForm(DraftForm):
    log = FileField(_l("Call log or message backup"))
    numbers = TextAreaField(_l("Only calls and messages from these numbers (optional)"), filters=[answers.clean])
    since = StringField(_l("From (optional)"))
    until = StringField(_l("Until (optional)"))

    def validate_log(self, field):
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError(_l("Choose the backup file to import"))

    def _date(self, field) -> dt.date | None:
        try:
            return dt.date.fromisoformat(answers.fold(field.data)) if answers.fold(field.data) else None
        except ValueError as exc:
            raise ValidationError(_l("Enter the date like 2026-03-15")) from exc

    def validate_since(self, field):
        self._date(field)

    def validate_until(self, field):
        self._date(field)

    def window(self) -> tuple[dt.date | None, dt.date | None]:
        return self._date(self.since), self._date(self.until)

    def wanted_numbers(self) -> list[str]:
        return [line.strip() for line in (self.numbers.data or "").splitlines() if line.strip()]


class YesNoForm(DraftForm):
    """A single yes/no question; the page supplies the question and the message for no answer."""

    answer = RadioField(choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))])

    def __init__(self, *args, question, message, **kwargs):
        super().__init__(*args, **kwargs)
        self.answer.label = Label(self.answer.id, question)
        self.answer.invalid_choice_message = message


class EarlierForm(StepForm):
    made = _radio(_l("Have you already complained to the lender about this?"), ("yes", "no"), ANSWER_LABELS,
                  _l("Select yes if you have already complained to the lender"))
    date = PartialDateField(optional=True)
    outcome = RadioField(_l("What happened? (if you complained)"), choices=_choices(OUTCOMES, OUTCOME_LABELS),
                         validate_choice=False)
    reference = StringField(_l("Complaint or ticket number (optional)"), validators=[
        Optional(), _length("reference", _l("The number must be %(max)s characters or fewer"))])
    details = TextAreaField(_l("Anything else about their answer (optional)"), filters=[answers.clean],
                            validators=[Optional(), _length("other", _l("Keep it to %(max)s characters or fewer"))])

    def validate_date(self, field):
        if self.made.data != "yes":  # asked only of those who complained
            raise StopValidation()

    def validate_outcome(self, field):
        if self.made.data == "yes" and field.data not in OUTCOMES:
            raise ValidationError(_l("Select what happened to your complaint"))

    @classmethod
    def data_from(cls, case) -> dict:
        return vars(case.earlier) if case.earlier else {}

    def apply(self, case) -> None:
        if self.made.data == "no":
            case.earlier = EarlierComplaint(made="no")
            return
        case.earlier = EarlierComplaint(made="yes", date=self.date.data, outcome=self.outcome.data,
                                        reference=answers.clean(self.reference.data),
                                        details=answers.clean(self.details.data))

    def summary(self, case) -> list[SummaryRow]:
        if case.earlier.made != "yes":
            return [self._row(self.made)]
        return [self._row(self.made),
                SummaryRow(str(_l("When you complained")), formatting.format_partial_date(case.earlier.date),
                           self.date.box_name("year")),
                self._row(self.outcome), self._row(self.reference), self._row(self.details)]


class WantsForm(StepForm):
    requests = _checkboxes(_l("What do you want to happen?"), REQUESTS, REQUEST_LABELS,
                           _l("Select what you want from the list"))
    other = TextAreaField(_l("Anything else you want (optional)"), filters=[answers.clean], validators=[
        Optional(), _length("other", _l("Keep it to %(max)s characters or fewer"))])

    def validate_requests(self, field):
        if not field.data and not answers.clean(self.other.data):
            raise ValidationError(_l("Select at least one thing you want, or describe it below"))

    @classmethod
    def data_from(cls, case) -> dict:
        return vars(case.wants) if case.wants else {"requests": ["stop_unlawful"]}

    def apply(self, case) -> None:
        case.wants = Wants(requests=list(self.requests.data), other=answers.clean(self.other.data))


class RecipientForm(StepForm):
    kinds = _checkboxes(_l("Which documents do you want?"), DOCUMENTS, DOCUMENT_LABELS,
                        _l("Select a document from the list"),
                        validators=[DataRequired(_l("Select at least one document"))])
    letter_lang = _radio(_l("Which language should the documents be in?"), LETTER_LANGUAGES,
                         LETTER_LANGUAGE_LABELS, _l("Select the language of the documents"))

    @classmethod
    def data_from(cls, case) -> dict:
        if case.documents:
            return vars(case.documents)
        chosen = [s.kind for s in suggestions.for_case(case) if s.chosen]
        return {"kinds": chosen or ["lender"], "letter_lang": "zh"}

    def apply(self, case) -> None:
        kept = case.documents or Documents(kinds=[])
        # Her wording is kept per document and language whatever she picks now: choosing again loses no edit.
        case.documents = Documents(kinds=[k for k in DOCUMENTS if k in self.kinds.data],
                                   letter_lang=self.letter_lang.data, sent=kept.sent, edits=kept.edits,
                                   hidden=kept.hidden)


class HiddenWordsForm(DraftForm):
    """Names and words to star in the text for public complaint sites, one per line."""

    words = TextAreaField(_l("Other names and words to hide"))

    def validate_words(self, field):
        words = self.word_list
        if len(words) > HIDDEN_WORDS:
            raise ValidationError(_l("Enter at most %(n)s names or words", n=HIDDEN_WORDS))
        if any(len(word) > HIDDEN_WORD_LENGTH for word in words):
            raise ValidationError(_l("Put each name or word on a line of its own, at most %(n)s characters",
                                     n=HIDDEN_WORD_LENGTH))

    @property
    def word_list(self) -> list[str]:
        return list(dict.fromkeys(line.strip() for line in (self.words.data or "").splitlines() if line.strip()))


class SentForm(DatedForm):
    """The day and the way she sent one document (the hotline sheet: the day she called), and the answer to it."""

    date = PartialDateField(day_message=_l("Enter the day, month and year you sent it"))
    by = RadioField(_l("How did you send it?"), choices=_choices(SENT_BY, SENT_BY_LABELS), validate_choice=False)
    reply = RadioField(_l("Has there been an answer?"), choices=_choices(REPLIES, REPLY_LABELS),
                       validate_choice=False)
    reply_date = PartialDateField(optional=True, day_message=_l("Enter the day the answer came"), box_prefix="reply_")
    reference = StringField(_l("Complaint or ticket number (optional)"), validators=[
        Optional(), _length("reference", _l("The number must be %(max)s characters or fewer"))])
    # Asked only for the lender letter of a lender that 投诉处理办法 第二十条 governs: a branch's decision can be
    # reviewed by its higher level.
    branch = RadioField(_l("Did a branch of the lender make the decision? (optional)"),
                        choices=_choices(ANSWERS, BRANCH_LABELS), validate_choice=False)
    higher_level = StringField(_l("The branch's higher level, if you know it (optional)"), filters=[answers.clean],
                               validators=[Optional(), _length("lender", _l(
                                   "The name must be %(max)s characters or fewer"))])
    objection = TextAreaField(_l("Why you disagree with the decision (optional)"), filters=[answers.clean],
                              validators=[Optional(), _length("other", _l(
                                  "Keep it to %(max)s characters or fewer"))])

    def __init__(self, *args, kind: str, asks_branch: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind, self.asks_branch = kind, asks_branch
        self.by.choices = [c for c in self.by.choices if (c.value == "phone") == (kind == "hotline")]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.kind == "hotline":
            self.by.data = "phone"  # the only way to use a hotline: not asked
        if self.by.data not in [c.value for c in self.by.choices]:
            self.by.errors = [*self.by.errors, _l("Select how you sent it")]
            valid = False
        if self.reply.data not in (None, "", *REPLIES):
            self.reply.errors = [*self.reply.errors, _l("Select whether there has been an answer")]
            valid = False
        if self.asks_branch and self.branch.data not in (None, "", *ANSWERS):
            self.branch.errors = [*self.branch.errors, _l("Select whether a branch made the decision")]
            valid = False
        sent, answered = self.date.data, self.reply_date.data
        if answered and self.reply.data not in ANSWERED:  # a day with no answer to go with it would be lost
            self.reply_date.errors.append(_l("Choose what the answer was, or leave the day of the answer empty"))
            self.reply_date.wrong_box = "day"
            valid = False
        elif sent and answered and answered.first_day < sent.first_day:
            self.reply_date.errors.append(_l("The answer cannot have come before you sent it"))
            self.reply_date.wrong_box = "day"
            valid = False
        return valid

    @classmethod
    def data_from(cls, case, kind: str = "") -> dict:
        sending = case.documents.sent.get(kind) if case.documents else None
        if not sending:
            return {"by": "phone" if kind == "hotline" else None}
        return {"date": sending.on, "by": sending.by, "reply": sending.reply, "reference": sending.reference,
                "reply_date": sending.reply_on, "branch": sending.branch or None, "higher_level": sending.higher_level,
                "objection": sending.objection}

    def apply(self, case) -> None:
        # What the page did not ask (another kind of lender now) stays as it was recorded.
        before = case.documents.sent.get(self.kind) or Sending(on=self.date.data)
        asked = self.asks_branch
        case.documents.sent[self.kind] = Sending(
            on=self.date.data, by=self.by.data, reply=self.reply.data or "",
            reply_on=self.reply_date.data if self.reply.data in ANSWERED else None,
            reference=answers.clean(self.reference.data),
            branch=(self.branch.data or "") if asked else before.branch,
            higher_level=(self.higher_level.data or "") if asked else before.higher_level,
            objection=(self.objection.data or "") if asked else before.objection)


DEVICE_CHOICES = ("forget", "keep")  # the first, safer one is the default
DEVICE_LABELS = {"forget": _l("Forget my answers when I close the browser (safer)"),
                 "keep": _l("Keep my answers on this phone")}


def _device_field(**kwargs):
    return _radio(_l("Should this phone remember your answers?"), DEVICE_CHOICES, DEVICE_LABELS,
                  _l("Choose whether this phone keeps your answers"), default=DEVICE_CHOICES[0], **kwargs)


class ResumeForm(TextForm):
    code = StringField(_l("Your resume code"), validators=[DataRequired(_l("Enter your resume code"))])
    device = _device_field()

    def validate_code(self, field):
        from complaint.storage.crypto import normalise_resume_code

        if normalise_resume_code(field.data) is None:
            raise ValidationError(_l("Check the code: it has 16 letters and numbers, like K7QM-3XPA-9FDT-2WNB"))


class CaseFileForm(TextForm):
    case_file = FileField(_l("Open a saved case file"))
    password = PasswordField(_l("Password, if you protected the file (optional)"),
                             validators=[Optional(), Length(max=protected.MAX_PASSWORD)])
    device = _device_field()

    def validate_case_file(self, field):
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError(_l("Choose a case file to open"))


class SaveCaseFileForm(TextForm):
    password = PasswordField(_l("Password (optional)"), validators=[
        Optional(), Length(min=protected.MIN_PASSWORD, max=protected.MAX_PASSWORD,
                           message=_l("Use a password of %(min)s to %(max)s characters, or leave it empty"))])
    confirm = PasswordField(_l("The same password again"), validators=[
        EqualTo("password", message=_l("The two passwords are not the same. Type them again"))])


class ConfirmForm(TextForm):
    """A button and its CSRF token, for actions that need no other answer (delete, start)."""
