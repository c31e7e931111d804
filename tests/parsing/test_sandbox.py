"""Reading in a process of its own (tracker/parsing/sandbox.py and worker.py): the same reading as in the
caller's process for a real document; the limit passed, or a plain message, for everything else."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from tests.helpers import hostile
from tests.helpers.hostile import CRAFTED, TOO_COMPLEX
from tests.helpers.paths import SEED_DOCUMENTS
from tracker.parsing import DocumentError, Limits, parse_bytes, parse_file, parse_text
from tracker.parsing.sandbox import BUSY, COULD_NOT_READ, Busy, Sandbox

DOCUMENTS = Path(__file__).parent / "documents"
TOOK_TOO_LONG = TOO_COMPLEX + "it took too long to read"
DEFAULTS = Limits()
# Structure checks out of the way, to reach the limits the kernel and the clock enforce.
UNCHECKED = Limits(
    max_pages=10**6, max_paragraphs=10**8, max_text_characters=10**9, max_unpacked_mb=10**5, max_nesting=10**6
)


def read(data: bytes, filename: str, limits: Limits = DEFAULTS) -> str:
    try:
        Sandbox(limits, concurrency=1).read_file(data, filename)
    except DocumentError as exc:
        return str(exc)
    return "read"


def word_document(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "path", [SEED_DOCUMENTS / "001_11c695456367b2f4.txt", DOCUMENTS / "ilacs_ashcombe.pdf"], ids=lambda p: p.suffix
)
def test_a_real_document_reads_exactly_as_in_process(path):
    sandbox = Sandbox(Limits(), concurrency=1)
    document = sandbox.read_file(path.read_bytes(), path.name)
    assert document == parse_file(path)
    assert document.improvement_points and document.source_text


def test_a_word_document_and_pasted_text_read_exactly_as_in_process():
    text = (SEED_DOCUMENTS / "000_fa815bd9a06c470f.txt").read_text()
    sandbox = Sandbox(Limits(), concurrency=1)
    data = word_document(text)
    assert sandbox.read_file(data, "letter.docx") == parse_bytes(data, "letter.docx")
    pasted = sandbox.read_text(text)
    assert pasted == parse_text(text)
    assert len(pasted.improvement_points) == 3


def test_a_refusal_inside_the_reader_keeps_its_message():
    assert read(b"not a pdf at all", "report.pdf") == "The file is named .pdf but is not a PDF document"


@pytest.mark.parametrize("name", CRAFTED)
def test_a_crafted_document_is_refused_by_the_reader_with_the_limit_it_passed(name):
    crafted = CRAFTED[name]
    assert read(crafted.build(), crafted.filename) == TOO_COMPLEX + crafted.reason


def test_pasted_text_past_the_limit_is_refused_before_a_reader_starts():
    with pytest.raises(DocumentError, match="it has more than 1,000,000 characters of text$"):
        Sandbox(Limits(), concurrency=1).read_text(hostile.long_text(1_000_001))


def test_the_cpu_limit_stops_a_document_that_passes_every_check(caplog):
    # Unchecked, 200,000 paragraphs take python-docx far longer than a second of CPU time.
    with caplog.at_level(logging.WARNING, "tracker.parsing.sandbox"):
        assert read(hostile.many_paragraphs_docx(), "report.docx", replace(UNCHECKED, cpu_seconds=1)) == TOOK_TOO_LONG
    assert "used its 1 s of CPU time" in caplog.text


def test_the_clock_stops_a_reader_the_cpu_limit_has_not_yet_stopped(caplog):
    limits = replace(UNCHECKED, cpu_seconds=60, timeout_seconds=1.5)
    with caplog.at_level(logging.WARNING, "tracker.parsing.sandbox"):
        assert read(hostile.many_paragraphs_docx(), "report.docx", limits) == TOOK_TOO_LONG
    assert "was stopped after 1.5 s" in caplog.text


def test_the_memory_limit_stops_a_zip_bomb_that_passes_every_check():
    # 200 MB of blank space unpacked into a reader allowed 128 MB in all.
    limits = replace(UNCHECKED, memory_mb=128)
    assert (
        read(hostile.zip_bomb_docx(), "report.docx", limits)
        == TOO_COMPLEX + "it needs more memory than the service allows"
    )


def test_a_pdf_that_pdfium_cannot_hold_in_memory_is_too_large_or_complex(caplog):
    # PDFium aborts the reader when an allocation fails under the limit; 200,000 text objects on one page
    # need about 200 MB.
    with caplog.at_level(logging.WARNING, "tracker.parsing.sandbox"):
        assert (
            read(hostile.pdf_of_text_objects(200_000), "report.pdf", replace(DEFAULTS, memory_mb=128))
            == TOO_COMPLEX + "it needs more memory than the service allows"
        )
    assert "A document ('report.pdf') needed more than its 128 MB of memory" in caplog.text


def test_a_reader_that_fails_outright_gives_a_plain_message_and_logs_why(caplog):
    # The reader cannot even hold a 32 MB upload in 64 MB of address space: it dies with a traceback.
    with caplog.at_level(logging.ERROR, "tracker.parsing.sandbox"):
        assert read(b"x" * (32 * 1024 * 1024), "notes.txt", replace(UNCHECKED, memory_mb=64)) == COULD_NOT_READ
    assert "The document reader failed on 'notes.txt' (exit status 1)" in caplog.text
    assert "MemoryError" in caplog.text


def test_a_reader_past_its_concurrency_refuses_at_once_and_recovers():
    sandbox = Sandbox(replace(UNCHECKED, timeout_seconds=3), concurrency=1)
    slow = hostile.many_paragraphs_docx()
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def upload():
        start.wait()
        try:
            sandbox.read_file(slow, "report.docx")
        except Busy as exc:
            outcomes.append(f"busy: {exc}")
        except DocumentError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=upload) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted([f"busy: {BUSY}", TOOK_TOO_LONG])
    # The slot is free again once the first has finished.
    assert sandbox.read_text((SEED_DOCUMENTS / "000_fa815bd9a06c470f.txt").read_text()).improvement_points


def test_a_limit_above_the_servers_own_is_held_to_the_servers():
    # A web server started under `ulimit -v` cannot give its readers more; they still read, within it.
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1024 ** 3, 1024 ** 3))\n"
        "from tracker.parsing import Limits\n"
        "from tracker.parsing.sandbox import Sandbox\n"
        "document = Sandbox(Limits(memory_mb=4096), concurrency=1).read_text(sys.stdin.read())\n"
        "print(len(document.improvement_points))\n"
    )
    letter = (SEED_DOCUMENTS / "000_fa815bd9a06c470f.txt").read_text()
    result = subprocess.run([sys.executable, "-c", code], input=letter, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3"
