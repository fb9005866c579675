"""Evidence: photos and screenshots uploaded (cleaned, encrypted), files kept on the phone listed, the chart."""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from complaint import answers
from complaint.evidence import chart, images
from complaint.model import EvidenceItem
from complaint.storage import store
from complaint.web import forms, steps
from complaint.web.i18n import current_locale
from complaint.web.views import current, navigation
from complaint.web.views.navigation import next_url, returning_to_check

bp = Blueprint("evidence", __name__, url_prefix="/evidence")
STEP = steps.BY_SLUG["evidence"]

REJECTIONS = {
    "not_image": _l("%(name)s is not a photo or screenshot (JPEG, PNG or WebP). Nothing was kept."),
    "unsupported": _l("%(name)s is a kind of picture we cannot read (for example HEIC). Send it as JPEG or "
                      "take a screenshot of it. Nothing was kept."),
    "too_large": _l("%(name)s is larger than %(mb)s MB. Nothing was kept."),
    "too_many_pixels": _l("%(name)s has more than %(mp)s million pixels, too many to handle safely. Nothing was "
                          "kept."),
    "request_full": _l("%(name)s was not kept: the pictures sent together came to more than %(total)s million "
                       "pixels. Send it again on its own."),
    "evidence_full": _l("%(name)s was not kept: a case holds at most %(limit)s pieces of evidence."),
    "damaged": _l("%(name)s is damaged or was cut off while sending. Nothing was kept."),
    "case_full": _l("%(name)s would take your evidence over %(mb)s MB in all. Nothing was kept."),
}


def _stored_bytes(case) -> int:
    return sum(item.size or 0 for item in case.evidence)


def _save_upload(draft, upload, budget: images.PixelBudget) -> str | None:
    """Clean and keep one uploaded picture; the reason it was refused, or None."""
    config = current_app.config
    limit = config["EVIDENCE_FILE_BYTES"]
    name = (upload.filename or "")[-80:]
    details = {"name": name, "mb": limit // (1024 * 1024), "limit": answers.MAX_EVIDENCE,
               "mp": config["EVIDENCE_IMAGE_PIXELS"] // 1_000_000,
               "total": config["EVIDENCE_REQUEST_PIXELS"] // 1_000_000}
    if len(draft.case.evidence) >= answers.MAX_EVIDENCE:
        return str(REJECTIONS["evidence_full"] % details)
    data = upload.read(limit + 1)
    try:
        cleaned = images.sanitise(data, max_bytes=limit, max_pixels=config["EVIDENCE_IMAGE_PIXELS"], budget=budget)
    except images.ImageRejected as rejected:
        return str(REJECTIONS[rejected.code] % details)
    case_limit = current_app.config["EVIDENCE_CASE_BYTES"]
    if _stored_bytes(draft.case) + len(cleaned.data) > case_limit:
        return str(REJECTIONS["case_full"] % {"name": name, "mb": case_limit // (1024 * 1024)})
    item = EvidenceItem(kind="image", sha256=cleaned.sha256, mime=cleaned.mime, width=cleaned.width,
                        height=cleaned.height, size=len(cleaned.data))
    current.store().put_file(draft, item.ref, cleaned.data)
    current.store().put_file(draft, _thumbnail_id(item), images.thumbnail(cleaned.data))
    draft.case.evidence.append(item)
    return None


@bp.route("", methods=["GET", "POST"])
@navigation.guard(STEP.slug)
def index(draft):
    form = forms.UploadForm()
    if form.validate_on_submit():
        chosen = form.chosen()
        if not chosen:
            return redirect(next_url(STEP.slug, draft.case))
        budget = images.PixelBudget(current_app.config["EVIDENCE_REQUEST_PIXELS"])
        form.pictures.errors += [p for p in (_save_upload(draft, f, budget) for f in chosen) if p]
        current.save(draft)
        if not form.pictures.errors:  # stay, so she sees what was added and can describe it
            return redirect(url_for("evidence.index", added=len(chosen), **_returning()))
    added = request.args.get("added", 0, type=int) if request.method == "GET" else 0
    return render_template(STEP.template, form=form, step=STEP, added=added)


def _returning() -> dict:
    return {"return": "check"} if returning_to_check() else {}


def _item_or_404(draft, ref: str) -> EvidenceItem:
    item = draft.case.evidence_item(ref)
    if item is None:
        abort(404)
    return item


def _back(draft) -> str:
    return url_for("documents.check") if returning_to_check() else url_for("evidence.index")


def _edit(draft, item: EvidenceItem, is_new: bool):
    form = forms.EvidenceForm(data=forms.EvidenceForm.data_from(item if not is_new else None),
                              case=draft.case, item=item, today=current.today())
    if form.validate_on_submit():
        form.apply(item)
        if is_new:
            draft.case.evidence.append(item)
        current.save(draft)
        return redirect(_back(draft))
    return render_template("evidence/item.html", form=form, item=item, is_new=is_new, step=STEP, back=_back(draft))


@bp.route("/listed/new", methods=["GET", "POST"])
@navigation.guard(STEP.slug)
def listed(draft):
    if len(draft.case.evidence) >= answers.MAX_EVIDENCE:
        form = forms.UploadForm()
        form.form_errors.append(_l("Nothing more can be added: a case holds at most %(limit)s pieces of evidence.",
                                   limit=answers.MAX_EVIDENCE))
        return render_template(STEP.template, form=form, step=STEP)
    return _edit(draft, EvidenceItem(kind="recording"), is_new=True)


@bp.route("/<ref>", methods=["GET", "POST"])
@current.with_draft  # not navigation.guard: describing an item that exists needs no earlier answer
def change(draft, ref: str):
    return _edit(draft, _item_or_404(draft, ref), is_new=False)


@bp.route("/<ref>/remove", methods=["GET", "POST"])
@current.with_draft  # not navigation.guard: removing an item that exists needs no earlier answer
def remove(draft, ref: str):
    item = _item_or_404(draft, ref)
    form = forms.YesNoForm(question=_l("Are you sure you want to remove this evidence?"),
                           message=_l("Select yes to remove it"))
    if form.validate_on_submit():
        if form.answer.data == "yes":
            draft.case.evidence.remove(item)
            current.store().delete_file(draft, item.ref)
            current.store().delete_file(draft, _thumbnail_id(item))
            current.save(draft)
        return redirect(_back(draft))
    return render_template("evidence/remove.html", form=form, item=item, step=STEP, back=_back(draft))


@bp.get("/<ref>/picture")
@current.with_draft  # not navigation.guard: shown inside guarded pages, and a redirect is no picture
def picture(draft, ref: str):
    item = _item_or_404(draft, ref)
    data = current.store().get_file(draft, item.ref) if item.kind == "image" else None
    if data is None:
        abort(404)
    return Response(data, mimetype=item.mime)


def _thumbnail_id(item: EvidenceItem) -> str:
    return store.thumbnail_id(item.ref)


@bp.get("/<ref>/thumbnail")
@current.with_draft  # not navigation.guard: shown inside guarded pages, and a redirect is no picture
def thumbnail(draft, ref: str):
    """A small copy for the evidence list, kept encrypted with the draft like the picture: made at upload,
    or once here for pictures uploaded before thumbnails existed."""
    item = _item_or_404(draft, ref)
    data = current.store().get_file(draft, _thumbnail_id(item)) if item.kind == "image" else None
    if data is None:
        picture = current.store().get_file(draft, item.ref) if item.kind == "image" else None
        if picture is None:
            abort(404)
        data = images.thumbnail(picture)
        current.store().put_file(draft, _thumbnail_id(item), data)
    return Response(data, mimetype="image/jpeg")


@bp.get("/chart.svg")
@current.with_draft  # not navigation.guard: shown inside the check page, and a redirect is no picture
def chart_svg(draft):
    picture = chart.harassment_chart(draft.case.incidents, current_locale(), frame=chart.SCREEN)
    if picture is None:
        abort(404)
    return Response(picture.svg, mimetype="image/svg+xml")
