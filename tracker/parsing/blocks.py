"""Group cleaned lines into blocks: headings, paragraphs, list items and table rows.

Documents arrive in two shapes. Text saved from Word or a web page has one paragraph per line; text
extracted from a PDF is hard-wrapped, often without blank lines between paragraphs. The rules below
decide, line by line, whether a line carries on the block before it:
  - a bullet sign or a number starts a list item (the sign may stand alone on its own line);
  - a known heading starts a heading block;
  - a line starting in lower case carries on the block, even across a blank line or a page break,
    when that block has not ended its sentence;
  - in wrapped text a line carries on when the previous line was nearly full width or unfinished.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from tracker.parsing.cleanup import PAGE_BREAK
from tracker.parsing.headings import heading_kind

# Bullet signs seen in extracted text, including private-use glyphs from Symbol and Wingdings fonts.
_GLYPHS = "•◼■▪●◦○‣⁃∙·►▶➢➤✓✔❖□◻➔→"
BULLET = re.compile(rf"^\s*(?:[{_GLYPHS}\ue000-\uf8ff]|[-–—*](?=\s|$))\s*")
NUMBER = re.compile(r"^\s*\(?(\d{1,3})[.)](?=\s|$)\s*")
_TERMINAL = re.compile(r"""[.?!:;)]["')\]]*$""")
_JOIN_WITH_SPACE = {"to", "and", "or", "nor"}


@dataclass
class Block:
    kind: str  # "heading", "para", "item" or "row"
    text: str
    section: str | None = None  # for a heading: a point kind, "strengths" or "other"
    marker: str | None = None  # for an item: "bullet" or "number"
    number: int | None = None  # an item's printed number
    lines: int = 1

    @property
    def terminated(self) -> bool:
        return bool(_TERMINAL.search(self.text))


def wrap_width(lines: list[str]) -> int | None:
    """The line width of hard-wrapped text, or None when lines are whole paragraphs."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip() and line != PAGE_BREAK)
    if len(lengths) < 10 or not 30 <= statistics.median(lengths) <= 120:
        return None
    return lengths[int(len(lengths) * 0.9)]


def join_text(before: str, after: str) -> str:
    """Join a line to the text before it, mending a word hyphenated at the line end."""
    before, after = before.rstrip(), after.strip()
    if not before:
        return after
    if re.search(r"\w-$", before) and after[:1].isalnum():
        first_word = re.match(r"\w+", after)
        # "16- and 17-year-olds": the hyphen belongs to the first number, so keep the space.
        if first_word and first_word.group(0).lower() in _JOIN_WITH_SPACE:
            return f"{before} {after}"
        return before + after
    return f"{before} {after}"


def looks_like_heading(text: str) -> bool:
    """A short capitalised line that does not finish a sentence: an unlisted heading."""
    words = text.split()
    return (
        0 < len(words) <= 10
        and len(text) <= 80
        and text[0].isupper()
        and not _TERMINAL.search(text)
        and not text.endswith(",")
        and words[-1].lower() not in {"and", "of", "the", "to", "in", "for", "with", "or", "a", "an"}
    )


def build_blocks(lines: list[str]) -> list[Block]:
    width = wrap_width(lines)
    content = [line for line in lines if line.strip() and line != PAGE_BREAK]
    # Where lines start at the margin, a lone leading space is what is left of a bullet sign that was lost.
    space_is_bullet = sum(line[:1].isspace() for line in content) < 0.1 * len(content)
    blocks: list[Block] = []
    gap = 0  # 0: the line follows directly; 1: after a blank line; 2: after a page break
    blanks = 0
    pending: tuple[str, int | None] | None = None  # a bullet or number standing alone on its line
    prev_line = ""

    for raw in lines:
        if raw == PAGE_BREAK:
            gap = 2
            continue
        if not raw.strip():
            blanks += 1
            gap = max(gap, 2 if blanks >= 2 else 1)
            continue
        line, blanks = raw.strip(), 0
        current = blocks[-1] if blocks else None
        marker, number, text = _marker(raw)
        if marker is None and space_is_bullet and raw[:1] == " " and raw[1:2].isalnum():
            marker = "bullet"

        if pending and marker is None and heading_kind(line) is None:
            marker, number = pending
            text = line
        pending = None

        if "\t" in line:
            cells = "\t".join(cell.strip() for cell in line.split("\t"))
            blocks.append(Block("row", cells))
        elif marker and not text:
            pending = (marker, number)
        elif marker and heading_kind(text) not in (None, "other") and len(text) < 80:
            # A numbered heading ("3. Recommendations") or a heading Word kept in a list.
            blocks.append(Block("heading", text, section=heading_kind(text)))
        elif marker:
            if _bullet_carries_on(current, gap, marker, text):
                current.text = join_text(current.text, text)
                current.lines += 1
            else:
                blocks.append(Block("item", text, marker=marker, number=number))
        elif (section := heading_kind(line)) is not None:
            blocks.append(Block("heading", line, section=section))
        elif current is not None and _carries_on(current, prev_line, line, gap, width):
            current.text = join_text(current.text, line)
            current.lines += 1
        else:
            blocks.append(Block("para", line))
        prev_line, gap = line, 0
    return blocks


def _marker(line: str) -> tuple[str | None, int | None, str]:
    if m := NUMBER.match(line):
        return "number", int(m.group(1)), line[m.end() :].strip()
    if m := BULLET.match(line):
        return "bullet", None, line[m.end() :].strip()
    return None, None, line.strip()


def _bullet_carries_on(current: Block | None, gap: int, marker: str, content: str) -> bool:
    # A page break can leave a stray bullet sign before the rest of a sentence: "ensures that" / "- thresholds are".
    return (
        current is not None
        and current.kind in ("item", "para")
        and marker == "bullet"
        and gap == 2
        and not current.terminated
        and content[:1].islower()
    )


def _carries_on(current: Block, prev_line: str, line: str, gap: int, width: int | None) -> bool:
    if current.kind == "row":
        return False
    starts_lower = line[:1].islower() or line[:1] in "(&" or (line[:1].isdigit() and not NUMBER.match(line))
    if gap:
        # Across a blank line or a page break only an unfinished sentence carries on.
        return not current.terminated and starts_lower and current.kind != "heading"
    if starts_lower:
        return True
    if current.kind == "heading":
        return False
    if not current.terminated:
        # An unlisted heading on its own line does not swallow the paragraph after it.
        return not (current.lines == 1 and looks_like_heading(current.text))
    if width and len(prev_line) >= 0.8 * width:
        return not looks_like_heading(line)
    return False
