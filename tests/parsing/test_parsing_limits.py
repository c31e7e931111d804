"""The checks of a document's shape (tracker/parsing/limits.py, structure.py): each crafted document is
refused with the limit it passed, before the costly reading starts; a document within every limit reads."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import hostile
from tests.helpers.hostile import CRAFTED, TOO_COMPLEX
from tests.helpers.paths import SEED_DOCUMENTS
from tracker.parsing import NOT_AN_INSPECTION, DocumentError, Limits, parse_bytes, parse_text

LIMITS = Limits()
REPORT = SEED_DOCUMENTS / "001_11c695456367b2f4.txt"  # Leicester's 2017 report: 11 recommendations
PDF = Path(__file__).parent / "documents" / "ilacs_ashcombe.pdf"


@pytest.mark.parametrize("name", CRAFTED)
def test_a_crafted_document_is_refused_with_the_limit_it_passed(name):
    crafted = CRAFTED[name]
    with pytest.raises(DocumentError) as error:
        parse_bytes(crafted.build(), crafted.filename, LIMITS)
    assert str(error.value) == TOO_COMPLEX + crafted.reason


def test_pasted_text_past_the_limit_is_refused():
    with pytest.raises(DocumentError, match="it has more than 1,000,000 characters of text$"):
        parse_text(hostile.long_text(1_000_001), LIMITS)


def test_a_pdf_whose_text_passes_the_limit_is_refused_without_reading_every_page():
    # 100 pages of a long line each, with room for only 10 pages' text.
    data = hostile.pdf_with_pages(100, line="Inspectors found " * 20)
    with pytest.raises(DocumentError, match="characters of text$"):
        parse_bytes(data, "report.pdf", replace(LIMITS, max_text_characters=3_500))


def test_documents_at_the_limits_are_read():
    limits = replace(LIMITS, max_pages=3, max_paragraphs=300, max_text_characters=len(REPORT.read_text()))
    assert parse_text(REPORT.read_text(), limits).improvement_points
    # Three pages exactly, and 300 paragraphs exactly, are read (to find no inspection in them); one more is not.
    assert outcome(hostile.pdf_with_pages(3), "report.pdf", limits) == NOT_AN_INSPECTION
    assert outcome(hostile.pdf_with_pages(4), "report.pdf", limits) == TOO_COMPLEX + "it has more than 3 pages"
    paragraphs = hostile.PARAGRAPH * 300
    assert outcome(hostile.docx_with_body(paragraphs), "report.docx", limits) == NOT_AN_INSPECTION
    assert (
        outcome(hostile.docx_with_body(paragraphs + hostile.PARAGRAPH), "report.docx", limits)
        == TOO_COMPLEX + "it has more than 300 paragraphs"
    )


def outcome(data: bytes, filename: str, limits: Limits) -> str:
    try:
        parse_bytes(data, filename, limits)
    except DocumentError as exc:
        return str(exc)
    return "read"


def test_a_word_document_with_a_doctype_is_refused_as_damaged():
    # A DOCTYPE exists only to declare entities (the "billion laughs"); Word never writes one.
    laughs = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    data = hostile.docx_with_body(hostile.PARAGRAPH)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/document.xml"] = laughs.encode() + parts["word/document.xml"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    with pytest.raises(DocumentError, match="^The Word document could not be opened: the file may be damaged$"):
        parse_bytes(buffer.getvalue(), "report.docx", LIMITS)


SAMPLES = {
    "report.txt": REPORT.read_bytes()[:6_000],
    "report.pdf": PDF.read_bytes(),
    "report.docx": hostile.docx_with_body(
        "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in REPORT.read_text().splitlines()[:40])
    ),
}


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(SAMPLES)),
    edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.binary(min_size=0, max_size=8)), max_size=6),
)
def test_a_mangled_document_is_read_or_refused_with_a_message(name, edits):
    """Bytes overwritten anywhere (headers, compressed streams, XML): the reader gives a document or a
    DocumentError, never another exception."""
    data = bytearray(SAMPLES[name])
    for where, replacement in edits:
        start = int(where * len(data))
        data[start : start + len(replacement)] = replacement
    try:
        parse_bytes(bytes(data), name, LIMITS)
    except DocumentError as exc:
        assert str(exc)
