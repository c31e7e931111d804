"""How much an uploaded document may ask of the service, and the error that says which limit it passed.

The defaults come from reading all 241 real Ofsted PDFs of the team's archive (2013 to 2026) in the
sandbox: the longest has 54 pages and 135,603 characters of text; the slowest took 1.4 s of CPU in all
(1.2 s after the reader's start-up) and 4.0 s from start to answer on a loaded two-core machine; the
largest needed 64 MB of address space. Each default leaves a wide margin over those (docs/decisions.md,
issue 16), and tracker/config.py lets an installation change them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from tracker.parsing.model import DocumentError

TOO_COMPLEX = "This document is too large or complex to read"


class TooComplex(DocumentError):
    """A document past one of the limits: the message names the limit, so the person knows what to change."""

    def __init__(self, reason: str):
        super().__init__(f"{TOO_COMPLEX}: {reason}")
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    # Enforced on the reading process as a whole (tracker/parsing/worker.py and sandbox.py).
    cpu_seconds: int = 5  # CPU time for reading one document, after the reader has started
    timeout_seconds: float = 8  # wall-clock time from starting the reader to its answer
    memory_mb: int = 256  # the reader's whole address space
    # Checked while the document is read (tracker/parsing/extract.py and structure.py).
    max_pages: int = 150  # of a PDF; a page takes up to 0.025 s of CPU, so 150 fit in the CPU time
    max_paragraphs: int = 20_000  # of a Word document, in all its parts (table cells too); 20,000 take 1.3 s
    max_text_characters: int = 1_000_000  # extracted or pasted
    max_unpacked_mb: int = 50  # a Word document's parts, as the zip declares them: a zip bomb declares more
    max_nesting: int = 100  # XML elements within elements, in any part of a Word document

    def as_dict(self) -> dict:
        return asdict(self)

    def check_pages(self, count: int) -> None:
        if count > self.max_pages:
            raise TooComplex(f"it has more than {self.max_pages:,} pages")

    def check_paragraphs(self, count: int) -> None:
        if count > self.max_paragraphs:
            raise TooComplex(f"it has more than {self.max_paragraphs:,} paragraphs")

    def check_text(self, length: int) -> None:
        if length > self.max_text_characters:
            raise TooComplex(f"it has more than {self.max_text_characters:,} characters of text")

    def check_unpacked(self, size: int) -> None:
        if size > self.max_unpacked_mb * 1024 * 1024:
            raise TooComplex(f"it unpacks to more than {self.max_unpacked_mb:,}MB")

    def check_nesting(self, depth: int) -> None:
        if depth > self.max_nesting:
            raise TooComplex(f"its parts are nested more than {self.max_nesting:,} levels deep")


# What the reader reports when the process limits stop it, rather than a check of the document's shape.
TOOK_TOO_LONG = "it took too long to read"
NEEDED_TOO_MUCH_MEMORY = "it needs more memory than the service allows"
