"""Bad input raises DocumentError with a sentence a user can act on, never another exception."""

import contextlib
import io
import time
import zipfile
from pathlib import Path

import docx
import pytest

from tracker.parsing import DocumentError, parse_bytes, parse_file, parse_text

DOCUMENTS = Path(__file__).parent / "documents"
SEEDS = Path(__file__).resolve().parents[2] / "seed" / "documents"


def zipped(name: str, content: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "report.pdf", "The file is empty"),
        (b"  \n\n  ", "letter.txt", "The file is empty"),
        (bytes(range(256)) * 8, "report.pdf", "The file is named .pdf but is not a PDF document"),
        (
            b"%PDF-1.7\n1 0 obj << /Type /Catalog",
            "report.pdf",
            "The PDF could not be read: the file may be damaged",
        ),
        (b"Dear Sir, this is not a zip", "report.docx", "The file is named .docx but is not a Word document"),
        (zipped("notes.txt", "hello"), "report.docx", "The file is named .docx but is not a Word document"),
        (zipped("word/document.xml", "<not xml"), "report.docx", "The Word document could not be opened"),
        (b"\x00\x01\x02binary\x00junk", "letter.txt", "The file does not contain readable text"),
        (b"Some notes", "notes.odt", "The file is not a PDF, Word (.docx) or text document"),
        (b"Some notes", "notes", "The file is not a PDF, Word (.docx) or text document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old.doc", "Older Word (.doc) files cannot be read"),
    ],
    ids=[
        "empty",
        "blank",
        "junk-pdf",
        "broken-pdf",
        "not-a-zip",
        "zip-not-word",
        "broken-word",
        "binary-text",
        "odt",
        "no-suffix",
        "old-word",
    ],
)
def test_bad_files(data, filename, message):
    with pytest.raises(DocumentError) as error:
        parse_bytes(data, filename)
    assert str(error.value).startswith(message)


def test_a_pdf_of_the_wrong_kind_is_cut_short():
    data = (DOCUMENTS / "ilacs_ashcombe.pdf").read_bytes()
    with pytest.raises(DocumentError, match="could not be read"):
        parse_bytes(data[: len(data) // 3], "report.pdf")


def test_a_pdf_without_text(tmp_path):
    # A one-page PDF that draws a rectangle and nothing else, as a scanner's image-only PDF has no text.
    content = b"0 0 1 rg 10 10 100 100 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    pdf += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf)
    with pytest.raises(DocumentError, match=r"^No text could be read from this PDF \(it may be a scanned image\)$"):
        parse_file(path)


def test_text_with_no_inspection_content():
    with pytest.raises(DocumentError) as error:
        parse_text("Dear Sam,\n\nThank you for lunch on 3 May 2024. The minutes of the meeting are attached.\n")
    assert str(error.value) == (
        "This does not look like an Ofsted inspection document or council report: "
        "no improvement points or inspection details were found"
    )


def test_missing_file():
    with pytest.raises(DocumentError, match="could not be opened"):
        parse_file(DOCUMENTS / "no-such-report.pdf")


def test_text_encodings(tmp_path):
    letter = (DOCUMENTS / "monitoring_visit_fenmarsh.txt").read_text(encoding="utf-8")
    for encoding in ("utf-8-sig", "cp1252", "utf-16"):
        path = tmp_path / f"letter-{encoding}.txt"
        path.write_bytes(letter.replace("\n", "\r\n").encode(encoding))
        doc = parse_file(path)
        assert doc.doc_type == "monitoring_visit"
        assert doc.authority == "Fenmarsh County Council"
        assert not doc.source_text.startswith("\ufeff")


def test_a_word_document_without_text():
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(DocumentError, match=r"^The Word document contains no text$"):
        parse_bytes(buffer.getvalue(), "blank.docx")


@pytest.mark.parametrize(
    "text",
    [
        "Recommendations\n" + "the quality of assessments is not yet good enough and\n" * 40000,
        "Recommendations\n" + "Improve it.\n\n" * 40000,
        "The report identified the following areas for improvement:\n" * 30000,
        "Judgement\tGrade\n" + "Good\n" * 50000,
        "Inspection dates: " + "1 and 2 " * 50000 + "May 2019\n",
        "<p>" * 100000 + "\f" * 10000,
    ],
    ids=["one-long-paragraph", "many-paragraphs", "many-list-openings", "many-grades", "long-date", "markup"],
)
def test_megabytes_of_junk_are_read_quickly(text):
    started = time.perf_counter()
    with contextlib.suppress(DocumentError):
        parse_text(text)
    assert time.perf_counter() - started < 5


def test_a_long_report_is_read_quickly():
    # The 2017 Leicester report four times over, pages split by form feeds: well over 100 pages of text.
    report = (SEEDS / "001_11c695456367b2f4.txt").read_text(encoding="utf-8")
    pages = [report[i : i + 3000] for i in range(0, len(report), 3000)]
    started = time.perf_counter()
    doc = parse_text("\f".join(pages * 4))
    assert time.perf_counter() - started < 2
    assert len(doc.improvement_points) == 11
