"""Read an Ofsted inspection document or a council committee report into structured data.

Plain functions with no Flask: the app, the `inspection parse` command and the upload form all call these.

    doc = parse_file("letter.pdf")
    doc.improvement_points[0].text

The steps, one module each: extract (file to text), cleanup (page furniture out), blocks (lines into
headings, paragraphs, list items and table rows), then sections (improvement points and strengths),
judgements, metadata (kind of document, council, dates), supporting (the paragraphs marked
"(Recommendation)" that lie behind a recommendation) and status (whether the points were read, and if
not, the passage where they should be).
"""

from __future__ import annotations

from pathlib import Path

from tracker.parsing import metadata
from tracker.parsing.blocks import build_blocks
from tracker.parsing.cleanup import clean_lines, normalise
from tracker.parsing.extract import extract_text
from tracker.parsing.judgements import find_judgements
from tracker.parsing.limits import Limits, TooComplex
from tracker.parsing.model import DocumentError, ImprovementPoint, Judgement, ParsedDocument, SupportingParagraph
from tracker.parsing.sections import find_points, find_strengths
from tracker.parsing.status import points_status
from tracker.parsing.supporting import find_supporting_paragraphs

__all__ = [
    "DocumentError",
    "ImprovementPoint",
    "Judgement",
    "Limits",
    "ParsedDocument",
    "SupportingParagraph",
    "TooComplex",
    "parse_bytes",
    "parse_file",
    "parse_text",
]

NOT_AN_INSPECTION = (
    "This does not look like an Ofsted inspection document or council report: "
    "no improvement points or inspection details were found"
)


def parse_file(path: str | Path) -> ParsedDocument:
    """Read a .txt, .docx or .pdf file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"The file {path.name} could not be opened") from exc
    return parse_bytes(data, path.name)


def parse_bytes(data: bytes, filename: str, limits: Limits | None = None) -> ParsedDocument:
    """Read a file's bytes; its name's suffix says which kind it should be. An upload is read through
    tracker.parsing.sandbox, which calls this in a process of its own, with limits."""
    return parse_text(extract_text(data, filename, limits), limits)


def parse_text(text: str, limits: Limits | None = None) -> ParsedDocument:
    if not text or not text.strip():
        raise DocumentError("The document is empty")
    if limits is not None:
        limits.check_text(len(text))
    lines = clean_lines(text)
    blocks = build_blocks(lines)
    kind, kind_stated = metadata.doc_type(blocks)
    points = find_points(blocks, kind)
    judgements, overall = find_judgements(lines, blocks, normalise(text))
    start, end = metadata.visit_dates(blocks, lines)
    if not (points or judgements or overall or kind_stated):
        raise DocumentError(NOT_AN_INSPECTION)
    status, passage = points_status(kind, lines, points, judgements, overall, text)
    return ParsedDocument(
        authority=metadata.authority(blocks, lines),
        doc_type=kind,
        visit_start=start,
        visit_end=end,
        published=metadata.published(blocks, lines, kind),
        judgements=judgements,
        overall_effectiveness=overall,
        improvement_points=points,
        strengths=find_strengths(blocks),
        source_text=text,
        supporting_paragraphs=find_supporting_paragraphs(blocks),
        points_status=status,
        passage=passage,
    )
