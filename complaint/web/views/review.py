"""The review page of one document: the letter as it will print, each section she may reword, and its citations."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from complaint.letters import page_images, render, typesetting
from complaint.model import FOLLOW_UPS, LETTER_LANGUAGES, LetterEdits, edit_key
from complaint.web import editing, forms
from complaint.web.views import current, documents, navigation

bp = Blueprint("review", __name__)
bp.errorhandler(typesetting.Busy)(documents.busy)


@bp.route("/documents/<kind>.<lang>/review", methods=["GET", "POST"])
@navigation.guard("check")
def review(draft, kind: str, lang: str):
    if (kind not in draft.case.documents.kinds and kind not in FOLLOW_UPS) or lang not in LETTER_LANGUAGES:
        abort(404)
    doc = documents.document(draft, kind, lang)  # a follow-up her records do not call for: 404 too
    sections = render.sections(doc)
    by_key = {section.key: section for section in sections}
    section_forms = {s.key: editing.SectionForm(formdata=None, section=s,
                                                data={"text": s.edited if s.edited is not None else s.generated})
                     for s in sections}
    citations = editing.CitationsForm(formdata=None, cited=doc.switchable,
                                      data=editing.CitationsForm.data_from(doc.switchable, doc.edits))
    posted = None
    if request.method == "POST":
        posted, change, anchor = _posted(doc, by_key)
        if change and posted.validate_on_submit():
            _letter(draft.case, kind, lang, change)
            current.save(draft)
            return redirect(url_for("review.review", kind=kind, lang=lang) + f"#{anchor}")
        if isinstance(posted, editing.SectionForm):
            section_forms[anchor] = posted
        elif isinstance(posted, editing.CitationsForm):
            citations = posted
    pages = page_images.count(documents.letter_pdf(draft, kind, lang, doc))
    return render_template("review.html", kind=kind, lang=lang, doc=doc, sections=sections,
                           back=documents.anchor(kind),
                           section_forms=section_forms, citations=citations, pages=pages,
                           statements={c.key: c.statement for c in doc.switchable},
                           titles=editing.SECTION_TITLES, **({"form": posted} if posted else {}))


def _posted(doc, by_key: dict):
    """The form posted, the change it makes to her edits once valid, and where on the page it is."""
    action = request.form.get("action")
    if action == "citations":
        form = editing.CitationsForm(cited=doc.switchable)
        return form, form.apply, "citations"
    section = by_key.get(request.form.get("section", ""))
    if section is None or action not in ("save", "drop"):
        # The section left the letter since the page was made (the answers changed), or a hand-made post.
        form = forms.DraftForm()
        form.form_errors.append(_l("That part of the letter is not on this page any more, so nothing was saved. "
                                   "Check the page and try again."))
        return form, None, ""
    form = editing.SectionForm(section=section, dropping=action == "drop")
    return form, form.drop if action == "drop" else form.apply, section.key


def _letter(case, kind: str, lang: str, change) -> None:
    """Apply `change` to her edits of this document, and keep none when nothing is left changed."""
    key = edit_key(kind, lang)
    letter = case.documents.edits.get(key) or LetterEdits()
    change(letter)
    if letter.sections or letter.off:
        case.documents.edits[key] = letter
    else:
        case.documents.edits.pop(key, None)
