"""A Word document's shape, checked before python-docx builds it in memory.

python-docx unpacks every part of the zip and builds a tree of each XML part before a line of text is
read, and then walks its paragraphs one by one: a zip bomb, a part nested thousands of levels deep or
200,000 tiny paragraphs all do their harm before any later check could run. Here the zip's declared sizes
are added up (zipfile never unpacks more than a member declares, so the declaration bounds the work) and
each XML part is streamed through expat, stopping at the first limit passed.
"""

from __future__ import annotations

import zipfile
import zlib
from xml.parsers import expat

from tracker.parsing.limits import Limits
from tracker.parsing.model import DocumentError

DAMAGED = "The Word document could not be opened: the file may be damaged"
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPH = f"{WORD} p"  # expat's name for <w:p> with namespace_separator=" "
XML_PARTS = (".xml", ".rels")
CHUNK = 64 * 1024
# Not XML; damaged compressed data or a bad checksum; a compression method zipfile cannot unpack; encryption.
UNREADABLE = (expat.ExpatError, zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError)


def check_docx(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Raises TooComplex for the first limit the document passes, DocumentError if a part is not XML."""
    members = archive.infolist()
    limits.check_unpacked(sum(member.file_size for member in members))
    paragraphs = 0
    for member in members:
        if member.filename.lower().endswith(XML_PARTS):
            paragraphs = _scan(archive, member, limits, paragraphs)


def _scan(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits, paragraphs: int) -> int:
    """Stream one part, tracking its depth; returns the paragraph count so far (all parts together)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    depth = 0

    def start(name: str, _attributes) -> None:
        nonlocal depth, paragraphs
        depth += 1
        limits.check_nesting(depth)
        if name == PARAGRAPH:
            paragraphs += 1
            limits.check_paragraphs(paragraphs)

    def end(_name: str) -> None:
        nonlocal depth
        depth -= 1

    def doctype(*_args) -> None:
        # Office never writes a DOCTYPE; one is there only to declare entities, which python-docx ignores.
        raise DocumentError(DAMAGED)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = doctype
    try:
        with archive.open(member) as part:
            while chunk := part.read(CHUNK):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except UNREADABLE as exc:
        raise DocumentError(DAMAGED) from exc
    return paragraphs
