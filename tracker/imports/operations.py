"""Starting, confirming and discarding an import; each writes its audit events. The caller commits."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tracker.actions.drafting import create_draft_action
from tracker.audit import change_fields, record, record_creation
from tracker.councils import matching
from tracker.extensions import db
from tracker.imports import draft as drafts
from tracker.imports import filing
from tracker.inspections.operations import checksum, create_inspection, find_duplicate
from tracker.models import Authority, DocumentImport, Inspection, Rag, User
from tracker.parsing import ParsedDocument

NONE_SAID = "none: the reviewer said the document has no improvement points"


class ImportRefused(ValueError):
    """The document cannot be imported; the message is for the user. `existing` is what it duplicates."""

    def __init__(self, message: str, existing: Inspection | DocumentImport | None = None):
        super().__init__(message)
        self.existing = existing


def find_pending(text: str, authority_id: int) -> DocumentImport | None:
    return db.session.scalar(
        select(DocumentImport).where(
            DocumentImport.source_sha256 == checksum(text), DocumentImport.authority_id == authority_id
        )
    )


def start(parsed: ParsedDocument, filename: str, actor: User, council: Authority | None) -> DocumentImport:
    """Keep what the parser found for review, filed under `council` (None: one the operator is yet to add),
    refusing a document already imported or under review there.

    The draft's council is chosen only when the document names it; otherwise the reviewer chooses it."""
    if council is not None:
        duplicate = find_duplicate(parsed.source_text, council.id)
        if duplicate is not None:
            raise ImportRefused("This document has already been imported", duplicate)
        pending = find_pending(parsed.source_text, council.id)
        if pending is not None:
            raise ImportRefused("This document is already waiting to be reviewed", pending)
    named = council is not None and filing.names_council(parsed.authority, council)
    pending = DocumentImport(
        authority_id=council.id if council else None,
        uploaded_by=actor,
        source_filename=filename,
        source_text=parsed.source_text,
        source_sha256=checksum(parsed.source_text),
        draft=drafts.from_parsed(parsed, council.id if named and council else None),
    )
    db.session.add(pending)
    record_creation(
        pending,
        actor,
        {
            "source_filename": filename,
            "authority_id": pending.authority_id,
            "improvement_points": len(parsed.improvement_points),
            "points_status": parsed.points_status,
        },
    )
    return pending


def file_under(pending: DocumentImport, council: Authority, actor: User) -> None:
    """File an import the operator made for a council not then on the service under that council, now added."""
    named = pending.draft.get("parsed_authority")
    if matching.names_another(named, council.name):
        # The name confirmed on the page may be corrected, but not made another council's.
        raise ImportRefused(f"The document is about {matching.official_name(named or '')}, not {council.name}")
    duplicate = find_duplicate(pending.source_text, council.id) or find_pending(pending.source_text, council.id)
    if duplicate is not None and duplicate is not pending:
        raise ImportRefused(f"This document is already on the service for {council.name}", duplicate)
    change_fields(pending, actor, authority_id=council.id)
    pending.draft = {**pending.draft, "authority_id": council.id}


def confirm(
    pending: DocumentImport,
    draft: dict,
    *,
    authority: Authority,
    dates: dict[str, date | None],
    owner: User | None,
    lead_director: User | None,
    rag: Rag | None,
    actor: User,
) -> Inspection:
    """Create the inspection, its points and one draft action per point, and end the import."""
    duplicate = find_duplicate(pending.source_text, authority.id)
    if duplicate is not None:
        raise ImportRefused("This document has already been imported", duplicate)
    parsed = drafts.to_parsed(draft, pending.source_text, dates=dates)
    inspection = create_inspection(parsed, authority, source_filename=pending.source_filename, actor=actor)
    if not inspection.improvement_points and drafts.points_not_read(draft):
        # The points could not be read and the reviewer said there are none: on the record as their word.
        record(inspection, "confirmed_without_points", actor, field="improvement_points", after=NONE_SAID)
    for point, reviewed in zip(inspection.improvement_points, draft["points"], strict=True):
        # The reviewer's choice for a recommendation to the partnership, audited as a change to the default.
        change_fields(point, actor, answered_by_council=drafts.answered_by_council(reviewed))
        if not point.answered_by_council:
            continue  # not the council's to answer: its action is drafted if the council starts answering it
        create_draft_action(
            point, actor, owner=owner, lead_director=lead_director, target_date=dates["target_date"], rag=rag
        )
    record(pending, "confirmed", actor, field="inspection", after=inspection.id)
    db.session.delete(pending)
    return inspection


def discard(pending: DocumentImport, actor: User) -> None:
    record(pending, "discarded", actor, field="source_filename", before=pending.source_filename)
    db.session.delete(pending)
