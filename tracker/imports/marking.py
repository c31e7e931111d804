"""Improvement points marked by hand: the lines a person ticks in the passage the parser could not read.

The rule, simple enough to say on the page: ticked lines next to each other make one point when the
later line carries on the earlier one; a line starts a new point when it begins with a bullet or a
number, or when it begins with a capital letter after a line that ended a sentence. A line that was
not ticked always ends the point before it, and a line ending in a hyphen joins the next without a
space. The person can then edit each point's text.
"""

from __future__ import annotations

import re

# A list sign at the start of a line: a bullet, a dash, "1." / "1)" / "(1)", "a." / "(a)" / "(iv)".
_LIST_SIGN = re.compile(r"^\s*(?:[•●▪◦‣∙·*–—-]|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)])\s+", re.I)
# How a line ends a sentence: a full stop, question or exclamation mark, colon or semicolon, perhaps
# followed by a closing quote or bracket.
_ENDS_SENTENCE = re.compile(r"[.?!:;][\"'”’)\]]*\s*$")


def starts_point(line: str, previous: str | None) -> bool:
    """Whether a ticked line starts a new point rather than carrying on the ticked line before it."""
    if previous is None or _LIST_SIGN.match(line):
        return True
    first = line.lstrip()[:1]
    return first.isupper() and bool(_ENDS_SENTENCE.search(previous))


def points_from_lines(lines: list[str], ticked: list[int]) -> list[str]:
    """The text of each point the ticked lines make, in the passage's order, list signs left off."""
    points: list[list[str]] = []
    previous_index: int | None = None
    for index in sorted(set(i for i in ticked if 0 <= i < len(lines))):
        line = lines[index].strip()
        if not line:
            continue
        joined = previous_index == index - 1 and points
        if not joined or starts_point(line, lines[previous_index].strip()):
            points.append([])
        points[-1].append(_LIST_SIGN.sub("", line, count=1))
        previous_index = index
    return [_join(parts) for parts in points]


def _join(parts: list[str]) -> str:
    # A line ending in a hyphen ends inside a word ("multi-" / "agency"): no space after it.
    text = parts[0]
    for part in parts[1:]:
        text = f"{text}{part}" if text.endswith("-") else f"{text} {part}"
    return text
