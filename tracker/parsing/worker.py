"""The reading process: `python -m tracker.parsing.worker`, started by tracker/parsing/sandbox.py for one document.

It reads one line of JSON from stdin (the file's name, or null for pasted text, and the Limits), then the
document itself to the end of stdin; it confines itself (lower priority, CPU time, address space, no core
file, no file written) before it touches the document, and writes one JSON object to stdout: the parsed
document as ParsedDocument.to_dict gives it with its source text, or the message of the DocumentError that
refused it. Anything else (a crash, a kill by a limit) is the sandbox's to explain.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import resource
import sys

from tracker.parsing import DocumentError, ParsedDocument, parse_bytes, parse_text
from tracker.parsing.limits import NEEDED_TOO_MUCH_MEMORY, Limits, TooComplex

# Below the web processes, so that a document being read takes only the CPU they leave.
NICENESS = 10
# Loaded before the limits are set: the CPU budget is for the document, not for the reader's own start-up.
READERS = ("pypdfium2", "docx", "lxml.etree")


def main() -> int:
    for name in READERS:
        importlib.import_module(name)
    header = json.loads(sys.stdin.buffer.readline())
    limits = Limits(**header["limits"])
    confine(limits)
    payload = sys.stdin.buffer.read()
    try:
        document = read(payload, header["filename"], limits)
    except MemoryError:
        answer = {"error": str(TooComplex(NEEDED_TOO_MUCH_MEMORY))}
    except DocumentError as exc:
        answer = {"error": str(exc)}
    else:
        answer = {"document": document.to_dict(), "source_text": document.source_text}
    sys.stdout.buffer.write(json.dumps(answer).encode("ascii"))
    return 0


def read(payload: bytes, filename: str | None, limits: Limits) -> ParsedDocument:
    if filename is None:
        return parse_text(payload.decode("utf-8"), limits)
    return parse_bytes(payload, filename, limits)


def confine(limits: Limits) -> None:
    """Limits the kernel enforces on this process from now on; lowered hard limits cannot be raised again."""
    os.nice(NICENESS)
    used = resource.getrusage(resource.RUSAGE_SELF)
    # SIGXCPU at the soft limit ends the process; the hard limit (SIGKILL) a second later is a backstop.
    cpu = math.ceil(used.ru_utime + used.ru_stime) + limits.cpu_seconds
    lower(resource.RLIMIT_CPU, cpu, cpu + 1)
    memory = limits.memory_mb * 1024 * 1024
    lower(resource.RLIMIT_AS, memory, memory)
    lower(resource.RLIMIT_CORE, 0, 0)
    lower(resource.RLIMIT_FSIZE, 0, 0)


def lower(limit: int, soft: int, hard: int) -> None:
    """Set a limit, never above one the server was already started with (which cannot be raised)."""
    _, current = resource.getrlimit(limit)
    if current != resource.RLIM_INFINITY:
        soft, hard = min(soft, current), min(hard, current)
    resource.setrlimit(limit, (soft, hard))


if __name__ == "__main__":
    sys.exit(main())
