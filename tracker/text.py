"""Text safe to store, render and send: no control characters except tab and line ends."""

import re
from urllib.parse import quote

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str | None) -> str | None:
    """Remove control characters (they break Word, Excel and HTTP headers, and mean nothing to a reader)."""
    return _CONTROL.sub("", value) if value else value


def one_line(value: str) -> str:
    """Clean text with line ends and tabs turned into spaces: for titles and file names."""
    return " ".join((clean_text(value) or "").split())


def attachment(name: str) -> str:
    """A Content-Disposition header for a download, safe whatever the name holds."""
    name = one_line(name).replace("/", "-").replace("\\", "-")
    ascii_name = name.encode("ascii", "ignore").decode().replace('"', "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
