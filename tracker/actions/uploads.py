"""Evidence files: checked for size and type, stored outside the web root under generated names.

The content must agree with the name: a file called report.pdf must start like a PDF, a .docx must be a
Word package, and so on. The user's file name is kept only to show and to name the download.

A stored file lives and dies with the database transaction that records it: written (and flushed to
disk) before the commit, and removed again if that transaction ends any way but committed, whether it was
rolled back, its commit failed or the request ended in an error. A file that could not be written whole
(a full disk, a quota) is removed at once.
"""

from __future__ import annotations

import io
import os
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction
from werkzeug.datastructures import FileStorage


class UploadRefused(ValueError):
    """The message is for the user."""


class StorageFailed(OSError):
    """The file could not be written (disk full, over quota, not writable); nothing of it is left."""


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str


ALLOWED = {
    ".pdf": FileType("PDF", "application/pdf"),
    ".docx": FileType("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": FileType("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".csv": FileType("CSV", "text/csv"),
    ".png": FileType("PNG", "image/png"),
    ".jpg": FileType("JPEG", "image/jpeg"),
    ".jpeg": FileType("JPEG", "image/jpeg"),
}
ALLOWED_NAMES = "PDF, Word (.docx), Excel (.xlsx), CSV, PNG or JPEG"


@dataclass(frozen=True)
class CheckedFile:
    original_name: str
    suffix: str
    content_type: str
    data: bytes


def _office_package_has(data: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "[Content_Types].xml" in names and member in names


_CONTROL = set(range(32)) - {9, 10, 13}


def _is_text(data: bytes) -> bool:
    """Text a spreadsheet would write: decodable, no control characters but tab and line ends, not markup."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return not any(ord(ch) in _CONTROL for ch in text) and "<" not in text[:1]
    return False


CONTENT_CHECKS = {
    ".pdf": lambda d: d.startswith(b"%PDF-"),
    ".docx": lambda d: _office_package_has(d, "word/document.xml"),
    ".xlsx": lambda d: _office_package_has(d, "xl/workbook.xml"),
    ".csv": _is_text,
    ".png": lambda d: d.startswith(b"\x89PNG\r\n\x1a\n"),
    ".jpg": lambda d: d.startswith(b"\xff\xd8\xff"),
    ".jpeg": lambda d: d.startswith(b"\xff\xd8\xff"),
}


def check_upload(upload: FileStorage, max_bytes: int) -> CheckedFile:
    """Read and check an uploaded file, or raise UploadRefused saying why."""
    name = PurePath((upload.filename or "").replace("\\", "/")).name
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED:
        raise UploadRefused(f"The selected file must be a {ALLOWED_NAMES}")
    data = upload.stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UploadRefused(f"The selected file must be smaller than {max_bytes // (1024 * 1024)} MB")
    if not data:
        raise UploadRefused("The selected file is empty")
    if not CONTENT_CHECKS[suffix](data):
        raise UploadRefused(f"The selected file is not a real {ALLOWED[suffix].label} file: its content does not match")
    return CheckedFile(original_name=name[-255:], suffix=suffix, content_type=ALLOWED[suffix].content_type, data=data)


def store(checked: CheckedFile, folder: Path, authority_id: int, session: Session) -> str:
    """Write the file under a generated name in the authority's folder, kept only if `session` commits;
    returns the name to keep. Raises StorageFailed, leaving nothing behind, if it cannot be written whole."""
    stored_name = f"{authority_id}/{secrets.token_hex(16)}{checked.suffix}"
    path = folder / stored_name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as output:
            output.write(checked.data)
            output.flush()
            # Some file systems (NFS among them) report a full disk or quota only here or at close: find
            # out now, while the record can still be refused, not after it is committed.
            os.fsync(output.fileno())
    except OSError as error:
        path.unlink(missing_ok=True)
        raise StorageFailed(error.errno, f"Evidence file could not be stored: {error.strerror}") from error
    session.info.setdefault(_UNCOMMITTED, []).append(path)
    return stored_name


_UNCOMMITTED = "tracker.uploads.uncommitted"


@event.listens_for(Session, "after_commit")
def _keep_committed(session: Session) -> None:
    if not session.in_nested_transaction():  # a savepoint's release commits nothing yet
        session.info.pop(_UNCOMMITTED, None)


@event.listens_for(Session, "after_transaction_end")
def _remove_uncommitted(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        for path in session.info.pop(_UNCOMMITTED, []):
            path.unlink(missing_ok=True)


def stored_path(folder: Path, stored_name: str) -> Path:
    """Where a stored file is; refuses anything that would lead outside the upload folder."""
    path = (folder / stored_name).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise UploadRefused("Not a stored evidence file")
    return path


def download_name(original_name: str, suffix: str = "") -> str:
    """The user's file name, safe in a header: no control characters, quotes or path separators."""
    cleaned = "".join(ch for ch in original_name if ch.isprintable() and ch not in '"\\/;')
    cleaned = cleaned.strip(" .")
    return cleaned or f"evidence{suffix}"
