"""Reading a PDF's text with PDFium (tracker/parsing/extract.py): its quirks mended, its refusals plain, and
safe from several threads at once."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pypdf
import pytest

from tests.helpers import hostile
from tests.helpers.pdfs import pdf_from_html
from tracker.parsing import DocumentError, parse_bytes
from tracker.parsing.cleanup import normalise
from tracker.parsing.extract import pdf_text

DOCUMENTS = Path(__file__).parent / "documents"


def test_a_hyphen_at_a_line_end_is_kept_and_the_line_end_put_back():
    # PDFium gives "well\x02established" for "well-" at a line's end, and drops the line end.
    point = "The arrangements of the well-established multi-agency hub and the decision-making in it."
    body = (
        "<p>Focused visit to Oakhampton children's services</p><h2>What needs to improve</h2>"
        f'<p style="width: 7cm">◼ {point}</p><h2>Main findings</h2><p>Children are seen.</p>'
    )
    text = pdf_text(pdf_from_html(body))
    assert "\x02" not in text
    assert "well-\nestablished" in text
    assert [p.text for p in parse_bytes(pdf_from_html(body), "letter.pdf").improvement_points] == [point]


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("145.Monitor the quality of help.", "145. Monitor the quality of help."),
        ("12.BSCB should review its plans.", "12. BSCB should review its plans."),
        ("2.1 Scope of the inspection", "2.1 Scope of the inspection"),
        ("It rose by 3.5m.", "It rose by 3.5m."),
    ],
)
def test_a_paragraph_number_read_without_its_space_gets_one(line, read):
    assert normalise(line) == read


def encrypted(user_password: str, owner_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO((DOCUMENTS / "ilacs_ashcombe.pdf").read_bytes()))
    writer.encrypt(user_password, owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_password_protected_pdf_is_refused_with_a_plain_message():
    with pytest.raises(DocumentError, match="^This PDF is password-protected, so its text cannot be read$"):
        pdf_text(encrypted("secret", "secret"))


def test_a_pdf_locked_only_against_changes_is_read():
    # An owner password alone (no password to open it) only restricts printing and editing.
    assert pdf_text(encrypted("", "owner")) == pdf_text((DOCUMENTS / "ilacs_ashcombe.pdf").read_bytes())


def test_pdfs_read_from_several_threads_at_once_read_as_from_one():
    # PDFium corrupts its state when two threads call it at once, even for different documents: without the
    # lock this fails often (a race, so not every time) with "could not be read" or a different text.
    documents = [
        hostile.pdf_with_pages(150, line="Inspectors found that practice varied " * 4),
        hostile.pdf_of_text_objects(5_000),
    ]
    expected = [pdf_text(data) for data in documents]
    wrong: list[str] = []

    def read_repeatedly() -> None:
        for _ in range(10):
            for data, text in zip(documents, expected, strict=True):
                try:
                    if pdf_text(data) != text:
                        wrong.append("different text")
                except DocumentError as exc:
                    wrong.append(str(exc))

    threads = [threading.Thread(target=read_repeatedly) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
