"""Crafted documents that try to hold or exhaust the reader, built here (never copied from real files).

Each is small to upload and costly to read naively: the sizes match what issue 16 found or asked for.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPH = "<w:p><w:r><w:t>a</w:t></w:r></w:p>"


@cache
def _template() -> dict[str, bytes]:
    """The parts of python-docx's blank document, so that a crafted body sits in an otherwise real .docx."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def docx_with_body(body: str, extra: dict[str, bytes] | None = None) -> bytes:
    """A Word document whose body is the given WordprocessingML (streamed: it may be large)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in _template().items():
            if name != "word/document.xml":
                archive.writestr(name, content)
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def many_paragraphs_docx(count: int = 200_000) -> bytes:
    """Issue 16's finding: tens of kilobytes that unpack to hundreds of thousands of tiny paragraphs."""
    return docx_with_body(PARAGRAPH * count)


def deeply_nested_docx(depth: int = 5_000) -> bytes:
    """Tables within table cells, thousands deep, around one paragraph."""
    return docx_with_body("<w:tbl><w:tr><w:tc>" * depth + PARAGRAPH + "</w:tc></w:tr></w:tbl>" * depth)


def zip_bomb_docx(unpacked_mb: int = 200) -> bytes:
    """A Word document whose main part is megabytes of blank space, compressed a thousand times over."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in _template().items():
            if name != "word/document.xml":
                archive.writestr(name, content)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
            block = b" " * (1024 * 1024)
            for _ in range(unpacked_mb):
                part.write(block)
            part.write(f"{PARAGRAPH}</w:body></w:document>".encode())
    return buffer.getvalue()


def pdf_with_pages(count: int = 2_000, line: str = "Recommendations") -> bytes:
    """A PDF of many pages, each with a line of text in a standard font (written by hand: no library)."""
    content = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (4 + 2 * n) for n in range(count))
        + b"] /Count %d >>" % count,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for n in range(count):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % (5 + 2 * n)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    return _pdf(objects)


def _pdf(objects: list[bytes]) -> bytes:
    pdf, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(pdf)


def long_text(characters: int) -> str:
    """Plain text of the given length, in lines of report-like prose."""
    sentence = "Inspectors found that the quality of practice varied across the service and its teams.\n"
    return (sentence * (characters // len(sentence) + 1))[:characters]


# Written out rather than imported: the tests check the wording people see.
TOO_COMPLEX = "This document is too large or complex to read: "


@dataclass(frozen=True)
class Crafted:
    build: Callable[[], bytes]
    filename: str
    reason: str  # why it is refused under the default limits


CRAFTED = {
    "200,000 paragraphs": Crafted(many_paragraphs_docx, "report.docx", "it has more than 20,000 paragraphs"),
    "nested 5,000 deep": Crafted(deeply_nested_docx, "report.docx", "its parts are nested more than 100 levels deep"),
    "zip bomb": Crafted(zip_bomb_docx, "report.docx", "it unpacks to more than 50MB"),
    "2,000 pages": Crafted(pdf_with_pages, "report.pdf", "it has more than 150 pages"),
    "3 MB of text": Crafted(
        lambda: long_text(3_000_000).encode(), "report.txt", "it has more than 1,000,000 characters of text"
    ),
}


def pdf_of_text_objects(count: int) -> bytes:
    """A PDF of one page whose compressed contents hold `count` text objects: a few tens of kilobytes that
    PDFium needs about a kilobyte of memory for each object to lay out."""
    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Inspectors found) Tj ET\n" * count, 9)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents 5 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        ]
    )
