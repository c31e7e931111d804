"""Importing a document: upload or paste it, review what was read, confirm it into a draft plan."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError

from tracker.actions import drafting
from tracker.councils import operations as councils
from tracker.extensions import db
from tracker.forms import choices, error_summary_items
from tracker.imports import draft as drafts
from tracker.imports import filing, operations, reader
from tracker.imports.forms import AddNamedCouncilForm, ReviewForm, UploadForm
from tracker.inspections.publication import OFSTED_REPORT, publication_problem
from tracker.models import Authority, DocumentImport, FrameworkArea, Inspection, Role, User
from tracker.parsing import DocumentError
from tracker.parsing.model import NOTHING_TO_IMPROVE
from tracker.security import authority_scoped, requires_role

bp = Blueprint("imports", __name__)
bp.record_once(lambda state: reader.init_app(state.app))  # the sandbox that reads uploads, one for each app

IMPORTERS = (Role.DIRECTOR, Role.ADMINISTRATOR)
# The service operator imports too, filing each document under the council it names; the council's own
# people then review and confirm it (they choose its owners: the operator reads no council's plan).
FILERS = (*IMPORTERS, Role.OPERATOR)
PENDING_SHOWN = 50
NO_COUNCIL_NAMED = (
    "The document does not say which council it is about, so it cannot be filed. "
    "Ask the council’s administrator to import it"
)


@bp.route("/imports")
@requires_role(*FILERS)
def index():
    # The operator's: the documents waiting for the council they name to be added (authority_id None).
    pending = db.session.scalars(
        select(DocumentImport)
        .options(joinedload(DocumentImport.uploaded_by))
        .where(
            DocumentImport.authority_id.is_(None)
            if current_user.authority_id is None
            else DocumentImport.authority_id == current_user.authority_id
        )
        .order_by(DocumentImport.uploaded_at.desc())
        .limit(PENDING_SHOWN)
    ).all()
    return render_template("imports/index.html", title="Import an Ofsted document", pending=pending)


@bp.route("/imports/new", methods=["GET", "POST"])
@requires_role(*FILERS)
def new():
    form = UploadForm()
    if form.validate_on_submit():
        source = form.file if form.has_file() else form.pasted  # where a refusal is shown
        try:
            if form.has_file():
                upload = form.file.data
                data = upload.read(current_app.config["MAX_UPLOAD_MB"] * 1024 * 1024 + 1)
                if len(data) > current_app.config["MAX_UPLOAD_MB"] * 1024 * 1024:
                    raise DocumentError(f"The file must be smaller than {current_app.config['MAX_UPLOAD_MB']}MB")
                parsed, filename = reader.sandbox().read_file(data, upload.filename), upload.filename
            else:
                parsed, filename = reader.sandbox().read_text(form.pasted.data), "Pasted text"
            council = _council_for(parsed.authority)
            pending = operations.start(parsed, filename[:255], current_user, council)
        except DocumentError as exc:  # unreadable, past a limit of the reader's, or every reader busy
            source.errors = [*source.errors, str(exc)]
        except operations.ImportRefused as exc:
            source.errors = [*source.errors, str(exc)]
            return render_template(
                "imports/new.html", title="Upload a document", form=form, existing=_link_to(exc.existing)
            )
        else:
            db.session.commit()
            return _after_start(pending)
    return render_template("imports/new.html", title="Upload a document", form=form, existing=None)


def _council_for(named: str | None) -> Authority | None:
    """The council the document is filed under: the importer's own (refusing a document that clearly names
    another), or for the operator the council it names (None: one not yet on the service)."""
    if current_user.role != Role.OPERATOR:
        if reason := filing.refusal(named, current_user.authority):
            raise operations.ImportRefused(reason)
        return current_user.authority
    if not named:
        raise operations.ImportRefused(NO_COUNCIL_NAMED)
    return filing.council_named(named)


def _after_start(pending: DocumentImport):
    if current_user.role != Role.OPERATOR:
        return redirect(url_for("imports.review", import_id=pending.id))
    if pending.authority_id is None:
        return redirect(url_for("imports.add_council", import_id=pending.id))
    return _filed(pending)


def _filed(pending: DocumentImport):
    council = db.session.get(Authority, pending.authority_id)
    flash(
        f"{pending.source_filename} is filed under {council.name}, for its directors and administrators to review",
        "success",
    )
    return redirect(url_for("councils.show", authority_id=council.id))


@bp.route("/imports/<int:import_id>/council", methods=["GET", "POST"])
@requires_role(Role.OPERATOR)
def add_council(import_id: int):
    """The operator adds the council a document names, with its name confirmed here, and files it there."""
    pending = _pending(import_id)  # the operator's are those with no council yet: any other is 404
    form = AddNamedCouncilForm()
    if request.method == "GET":
        form.council.data = filing.name_to_add(pending.draft.get("parsed_authority") or "")
    elif form.validate_on_submit():
        try:
            council = filing.council_named(form.council.data) or councils.create_council(
                current_user, form.council.data
            )
            operations.file_under(pending, council, current_user)
        except (councils.CouncilRefused, operations.ImportRefused) as exc:
            form.council.errors.append(str(exc))
        else:
            db.session.commit()
            return _filed(pending)
    return render_template(
        "imports/add_council.html", title="Add the council the document is about", form=form, pending=pending
    )


def _link_to(existing) -> Markup | None:
    if isinstance(existing, Inspection) and existing.authority_id == current_user.authority_id:
        href, text = url_for("inspections.show", inspection_id=existing.id), existing.title
    elif isinstance(existing, DocumentImport) and existing.authority_id == current_user.authority_id:
        href, text = url_for("imports.review", import_id=existing.id), f"{existing.source_filename}, being reviewed"
    else:
        return None  # another authority's: say it exists, show nothing of it
    return Markup('<a class="govuk-link" href="{}">{}</a>').format(href, escape(text))


def _pending(import_id: int) -> DocumentImport:
    # Locked while a POST works on it (PostgreSQL), so a double-click confirms once and the second waits,
    # then finds it gone.
    pending = db.session.get(DocumentImport, import_id, with_for_update=request.method == "POST")
    return authority_scoped(
        pending, pending.authority_id if pending else None, entity="document_import", object_id=import_id
    )


def _people(authority_id: int | None) -> tuple[list[User], list[User]]:
    """The service managers and directors who may own and lead the draft actions."""
    if authority_id not in {a.id for a in _authorities()}:
        return [], []
    return drafting.people(authority_id)


def _authorities() -> list[Authority]:
    """Directors and administrators import for their own council only (councils are sealed)."""
    return [current_user.authority]


def _review_form(draft: dict, formdata) -> ReviewForm:
    form = ReviewForm(formdata=formdata)
    form.authority_id.choices = choices([("", "Choose the authority"), *((a.id, a.name) for a in _authorities())])
    # The importer's own council's people, offered even before the council is chosen (it is the only choice).
    owners, directors = _people(current_user.authority_id)
    form.owner_id.choices = choices([("", "Choose an owner"), *((u.id, u.display_name) for u in owners)])
    form.lead_director_id.choices = choices(
        [("", "Choose a lead director"), *((u.id, u.display_name) for u in directors)]
    )
    form.passage_lines.choices = choices((str(i), line) for i, line in enumerate(draft.get("passage", [])))
    return form


@bp.route("/imports/<int:import_id>", methods=["GET", "POST"])
@requires_role(*IMPORTERS)
def review(import_id: int):
    pending = _pending(import_id)
    draft = pending.draft
    if request.method == "GET":
        return _show(pending, _review_form(draft, drafts.formdata(draft)))

    form = _review_form(draft, request.form)
    draft = drafts.update_from_form(draft, form)
    operation = request.form.get("operation", "save")
    problem = None
    try:
        drafts.refuse_unknown_areas(draft, form)
        if operation not in ("save", "confirm"):
            draft = drafts.apply(draft, operation)
        elif operation == "confirm" and draft.get("ticked"):
            # Lines ticked and then "Create" pressed: they are the points the person means.
            draft = drafts.mark(draft)
    except drafts.DraftError as exc:
        problem = exc
        operation = "problem"  # shown again with the message, nothing confirmed
    pending.draft = draft
    try:
        db.session.commit()  # what was typed is kept, whatever happens next
    except StaleDataError:
        db.session.rollback()
        flash("This document has already been imported or discarded", "success")
        return redirect(url_for("imports.index"))

    if operation == "confirm":
        form = _review_form(draft, drafts.formdata(draft))
        if _check(form, draft):
            return _confirm(pending, form, draft)
        return _show(pending, form)
    if operation != "save":
        form = _review_form(draft, drafts.formdata(draft))
    if problem:
        if problem.field:
            fields = form if problem.point is None else form.points[problem.point].form
            getattr(fields, problem.field).errors = [str(problem)]
            if problem.point is not None:
                # As FieldList.validate would: the list's errors are its entries', which form.errors reads.
                form.points.errors = [entry.errors for entry in form.points]
        else:
            form.form_errors.append(str(problem))
    elif operation == "save":
        flash("Your changes have been saved", "success")
        return redirect(url_for("imports.review", import_id=pending.id))
    return _show(pending, form)


ALREADY_IMPORTED = "This document has already been imported"

SELECT_MESSAGES = {
    "authority_id": "Choose the authority the document is about",
    "owner_id": "Choose who owns the draft actions",
    "lead_director_id": "Choose the lead director",
}
NO_POINTS_NOT_SAID = (
    "Tick the lines that are improvement points, or say that the document has none"
    " (“The document has no improvement points”)"
)


def _check(form: ReviewForm, draft: dict) -> bool:
    """Validate for confirming: the form's own rules, then those that need the whole draft."""
    form.validate()
    for name, message in SELECT_MESSAGES.items():
        field = getattr(form, name)
        required = name == "authority_id" or drafts.has_actions(draft)
        if draft.get(name) is None:
            field.errors = [message] if required else []
        elif field.errors:
            field.errors = [message.replace("Choose", "Choose from the list", 1)]
    # Each message names its item as the page does (a point within its group: see drafts.point_names).
    point_names = drafts.point_names(draft)
    for name, entry in zip(point_names, form.points, strict=False):
        for field in entry.form:
            field.errors = [f"{name}: {message}" for message in field.errors]
    for noun, entries in (("Judgement", form.judgements), ("Strength", form.strengths)):
        for number, entry in enumerate(entries, start=1):
            for field in entry.form:
                field.errors = [f"{noun} {number}: {message}" for message in field.errors]
    dates = {name: getattr(form, name).data for name in drafts.DATE_FIELDS}
    if dates["visit_start"] and dates["visit_end"] and dates["visit_end"] < dates["visit_start"]:
        form.visit_end.errors.append("The last day must be the same as or after the first day")
    if not form.published.errors and (problem := publication_problem(dates["published"], dates["visit_end"])):
        form.published.errors.append(problem)
    if drafts.is_committee_paper(draft):
        # The paper's own date is its meeting's; Ofsted's, which the statutory deadline needs, is asked too.
        problem = publication_problem(dates["ofsted_published"], dates["visit_end"], OFSTED_REPORT)
        if not form.ofsted_published.errors and problem:
            form.ofsted_published.errors.append(problem)
    else:
        form.ofsted_published.errors = []  # not on the page: nothing to say about it
    if drafts.points_not_read(draft) and not draft["points"] and not draft.get("no_points"):
        # Never a document whose points could not be read accepted as one with none, unless said so.
        form.no_points.errors.append(NO_POINTS_NOT_SAID)
    if drafts.has_actions(draft) and not form.target_date.errors:
        problem = drafting.target_date_problem(dates["target_date"], form.target_date.label.text)
        if problem:
            form.target_date.errors.append(problem)
    form.rag.errors = [drafting.RAG_MISSING] if drafts.has_actions(draft) and not draft.get("rag") else []
    return not error_summary_items(form)


def _confirm(pending: DocumentImport, form: ReviewForm, draft: dict):
    pending_id = pending.id
    authority = db.session.get(Authority, form.authority_id.data)
    owners, directors = _people(authority.id)
    owner = next((u for u in owners if u.id == form.owner_id.data), None)
    director = next((u for u in directors if u.id == form.lead_director_id.data), None)
    draft = {**draft, "points": drafts.numbered_points(draft)}
    dates = {name: getattr(form, name).data for name in drafts.DATE_FIELDS}
    try:
        inspection = operations.confirm(
            pending,
            draft,
            authority=authority,
            dates=dates,
            owner=owner,
            lead_director=director,
            rag=drafting.chosen_rag(draft.get("rag")),
            actor=current_user,
        )
        # Counted before the commit expires them, while the points' actions are still in memory.
        imported = f"{inspection.title} imported with {_counted(inspection)}"
        db.session.commit()
    except (operations.ImportRefused, IntegrityError) as exc:
        # IntegrityError: the same document imported at the same moment, caught by its unique checksum.
        db.session.rollback()
        form.form_errors.append(str(exc) if isinstance(exc, operations.ImportRefused) else ALREADY_IMPORTED)
        return _show(db.session.get(DocumentImport, pending_id) or abort(404), form)
    flash(imported, "success")
    return redirect(url_for("inspections.show", inspection_id=inspection.id))


def _counted(inspection: Inspection) -> str:
    points = inspection.improvement_points
    actions = sum(1 for p in points if p.actions)
    if not points:
        return "no improvement points"
    counted = f"{len(points)} improvement point{'s' if len(points) != 1 else ''}"
    if actions == len(points):
        return f"{counted}, each with a draft action"
    return f"{counted} and {actions} draft action{'s' if actions != 1 else ''}"


def _show(pending: DocumentImport, form: ReviewForm):
    draft = pending.draft
    rows = _point_rows(draft, form)
    return render_template(
        "imports/review.html",
        title="Check what was read from the document",
        pending=pending,
        draft=draft,
        committee_paper=drafts.is_committee_paper(draft),
        # The council's own points, then those of the safeguarding partnership in a group of their own.
        council_points=[row for row in rows if row["council"]],
        partnership_points=[row for row in rows if not row["council"]],
        form=form,
        authority_differs=_differs(draft),
        points_not_read=drafts.points_not_read(draft),
        nothing_to_improve=draft.get("points_status") == NOTHING_TO_IMPROVE,
        framework_areas=_framework_areas,
    )


def _point_rows(draft: dict, form: ReviewForm) -> list[dict]:
    """Each point as its fieldset shows it: named within its group, with the point Merge joins it to."""
    names = drafts.point_names(draft)
    rows = []
    for i, (entry, point) in enumerate(zip(form.points, drafts.numbered_points(draft), strict=False)):
        following = drafts.next_in_group(draft["points"], i)
        rows.append(
            {
                "index": i,
                "entry": entry,
                "point": point,
                "council": drafts.councils_kind(point),
                "name": names[i],
                "kind_label": drafts.kind_label(point["kind"]),
                "merges_with": None if following is None else names[following],
            }
        )
    return rows


def _framework_areas(point: dict) -> list[FrameworkArea]:
    """The point's National Framework areas (a value no longer in the framework is left out of the page)."""
    return [FrameworkArea(a) for a in point.get("framework", []) if a in set(FrameworkArea)]


def _differs(draft: dict) -> bool:
    """Whether the document names a council (one not clearly another, or it would have been refused) that
    is not the one chosen, so the reviewer is asked to check it."""
    named = draft.get("parsed_authority")
    chosen = db.session.get(Authority, draft["authority_id"]) if draft.get("authority_id") is not None else None
    return bool(named) and not (chosen is not None and filing.names_council(named, chosen))


@bp.route("/imports/<int:import_id>/discard", methods=["GET", "POST"])
@requires_role(*FILERS)  # the operator's own only: one still waiting for its council (see _pending)
def discard(import_id: int):
    pending = _pending(import_id)
    if request.method == "GET":
        return render_template("imports/discard.html", title="Discard this document?", pending=pending)
    operations.discard(pending, current_user)
    db.session.commit()
    flash("The document was discarded; nothing was imported", "success")
    return redirect(url_for("imports.index"))
