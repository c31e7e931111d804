"""Reading an uploaded document in a process of its own, so that no document can take the service down.

A crafted file (a zip bomb, 200,000 paragraphs, 2,000 pages, parts nested thousands deep) could hold a
web process for minutes or exhaust its memory. Here each document is read by a fresh Python process
(tracker/parsing/worker.py) started with subprocess: it inherits no database connection or open file, runs
at lower priority, and is confined by the kernel (CPU time, address space) as well as by the checks of the
document's shape (Limits). The caller waits at most `Limits.timeout_seconds`, then kills it. Whatever goes
wrong, the caller gets a DocumentError whose message can be shown to the person who uploaded the file.

Each Sandbox also reads at most `concurrency` documents at once, so a burst of uploads cannot fill the
machine with readers or hold every thread of a web process: beyond that, a document is refused at once.
"""

from __future__ import annotations

import json
import logging
import signal
import subprocess
import sys
import threading
from pathlib import Path

from tracker.parsing.limits import NEEDED_TOO_MUCH_MEMORY, TOOK_TOO_LONG, Limits, TooComplex
from tracker.parsing.model import DocumentError, ParsedDocument

log = logging.getLogger(__name__)

BUSY = "The service is busy reading other documents: try again in a minute"
COULD_NOT_READ = "This document could not be read: it may be damaged, or too large or complex"
# The folder holding the tracker package: the reader imports it from there, installed or not.
SOURCE_ROOT = Path(__file__).resolve().parent.parent.parent
# -E: no PYTHON* variables; -s: no user site-packages; -B: no .pyc written (the reader may write nothing).
COMMAND = (sys.executable, "-E", "-s", "-B", "-m", "tracker.parsing.worker")
# The reader needs no setting of the app's, and must not see its secrets.
ENVIRONMENT = {"LC_ALL": "C.UTF-8"}
STDERR_LOGGED = 2000


class Busy(DocumentError):
    """Every reading slot of this process is taken; nothing about the document itself."""


class Sandbox:
    def __init__(self, limits: Limits, concurrency: int):
        self.limits = limits
        self._slots = threading.BoundedSemaphore(concurrency)

    def read_file(self, data: bytes, filename: str) -> ParsedDocument:
        """An uploaded file's bytes; its name's suffix says which kind it should be."""
        return self._read(filename, data)

    def read_text(self, text: str) -> ParsedDocument:
        """Pasted text, read under the same limits as a file (its length is known before it is sent)."""
        self.limits.check_text(len(text))
        return self._read(None, text.encode("utf-8"))

    def _read(self, filename: str | None, payload: bytes) -> ParsedDocument:
        if not self._slots.acquire(blocking=False):
            raise Busy(BUSY)
        try:
            return self._run(filename, payload)
        finally:
            self._slots.release()

    def _run(self, filename: str | None, payload: bytes) -> ParsedDocument:
        header = json.dumps({"filename": filename, "limits": self.limits.as_dict()}).encode("utf-8") + b"\n"
        named = repr(filename) if filename is not None else "pasted text"  # repr: a name cannot forge log lines
        try:
            process = subprocess.Popen(
                COMMAND,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=SOURCE_ROOT,
                env=ENVIRONMENT,
                start_new_session=True,  # a signal meant for the web server's process group is not its concern
            )
        except OSError:  # no process could be started (the machine's process or memory limits)
            log.exception("The document reader could not be started")
            raise Busy(BUSY) from None
        try:
            out, err = process.communicate(header + payload, timeout=self.limits.timeout_seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            log.warning("A document (%s) was stopped after %s s", named, self.limits.timeout_seconds)
            raise TooComplex(TOOK_TOO_LONG) from None
        if process.returncode == -signal.SIGXCPU:
            log.warning("A document (%s) used its %s s of CPU time", named, self.limits.cpu_seconds)
            raise TooComplex(TOOK_TOO_LONG)
        if process.returncode == -signal.SIGABRT:
            # PDFium (C++) aborts when an allocation fails under the address-space limit: it has no way to
            # fail gently, and Python's own MemoryError the reader already reports (tracker/parsing/worker.py).
            log.warning("A document (%s) needed more than its %s MB of memory", named, self.limits.memory_mb)
            raise TooComplex(NEEDED_TOO_MUCH_MEMORY)
        answer = _answer(out) if process.returncode == 0 else None
        if answer is None:
            # A crash, or a kill by a limit that gave it no chance to answer (memory, often): the detail is
            # for the operator; the person is told plainly.
            log.error(
                "The document reader failed on %s (exit status %s): %s",
                named,
                process.returncode,
                err.decode("utf-8", "replace")[-STDERR_LOGGED:],
            )
            raise DocumentError(COULD_NOT_READ)
        if "error" in answer:
            raise DocumentError(answer["error"])
        return ParsedDocument.from_dict(answer["document"], answer["source_text"])


def _answer(out: bytes) -> dict | None:
    try:
        answer = json.loads(out)
    except ValueError:
        return None
    if isinstance(answer, dict) and ("error" in answer or {"document", "source_text"} <= answer.keys()):
        return answer
    return None
