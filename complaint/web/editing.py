"""The review page's forms: reword one section of a letter, and choose which of its citations stay in."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Label, SelectMultipleField, TextAreaField
from wtforms.validators import Length, ValidationError

from complaint.letters import edits
from complaint.letters.document import CitedRule
from complaint.model import SECTION_LENGTH, LetterEdits, SectionEdit
from complaint.web import formatting
from complaint.web.forms import DraftForm

SECTION_TITLES = {
    "opening": _l("Opening"),
    "requests": _l("Requests"),
    "background": _l("The loan"),
    "earlier": _l("Your complaint to the lender"),
    "facts": _l("What happened"),
    "further": _l("Further details"),
    "closing": _l("What must happen next"),
}


class SectionForm(DraftForm):
    """Her wording of one section, or her choice to drop it (`dropping`: the text posted with it does not matter);
    the text box takes the section's key as its id, as the page has one per section."""

    text = TextAreaField(validators=[Length(max=SECTION_LENGTH,
                                            message=_l("A section must be %(max)s characters or fewer"))])

    def __init__(self, *args, section: edits.Section, dropping: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.section, self.dropping = section, dropping
        if dropping:  # the text posted with it is not kept: nothing in it to check
            self.text.validators = []
        self.text.id = f"{section.key}-text"
        self.text.label = Label(self.text.id, _l("Your wording of: %(section)s", section=SECTION_TITLES[section.key]))

    def validate_text(self, field):
        if self.dropping or field.errors:  # dropped, or already too long: one message is enough
            return
        text = edits.clean(field.data or "")
        if not text and self.section.key != "further":
            raise ValidationError(_l("Enter the text of this section, or use the text made from your answers"))
        if typed := edits.typed_citations(text, self.section.generated):
            raise ValidationError(_l("Take out %(citations)s: citations cannot be typed in, only switched off "
                                     "in the list of citations", citations=formatting.join_list(typed)))

    def apply(self, letter: LetterEdits) -> None:
        """Keep her text in place of the generated one; the generated text itself, or no "further", is no edit."""
        text, key, generated = edits.clean(self.text.data or ""), self.section.key, self.section.generated
        if not text or text == edits.clean(generated):
            letter.sections.pop(key, None)
        else:
            letter.sections[key] = SectionEdit(text, based_on=edits.fingerprint(generated, key))

    def drop(self, letter: LetterEdits) -> None:
        """Print the generated text again ("further": leave the section out)."""
        letter.sections.pop(self.section.key, None)


class CitationsForm(DraftForm):
    """The citations the letter makes: ticked ones stay in; none can be added."""

    on = SelectMultipleField(_l("Citations in the letter"),
                             invalid_choice_message=_l("Choose only from the citations listed"))

    def __init__(self, *args, cited: list[CitedRule], **kwargs):
        super().__init__(*args, **kwargs)
        self.on.choices = [(c.key, c.name) for c in cited]

    @classmethod
    def data_from(cls, cited: list[CitedRule], letter: LetterEdits) -> dict:
        return {"on": [c.key for c in cited if c.key not in letter.off]}

    def apply(self, letter: LetterEdits) -> None:
        """Switch off the unticked ones; one switched off that this letter no longer makes stays off, should the
        answers bring it back."""
        listed = [key for key, _ in self.on.choices]
        letter.off = [key for key in letter.off if key not in listed] + [
            key for key in listed if key not in self.on.data]
