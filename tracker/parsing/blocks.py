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
from dataclasses import dataclass, field

from tracker.parsing.cleanup import PAGE_BREAK
from tracker.parsing.headings import heading_kind

# Bullet signs seen in extracted text, including private-use glyphs from Symbol and Wingdings fonts.
BULLET_SIGNS = "•◼■▪●◦○‣⁃∙·►▶➢➤✓✔❖□◻➔→\ue000-\uf8ff"
BULLET = re.compile(rf"^\s*(?:[{BULLET_SIGNS}]|[-–—*](?=\s|$))\s*")
# "144.BSCB needs to…": a 2014 report may leave out the space after an item's number.
NUMBER = re.compile(r"^\s*\(?(\d{1,3})[.)](?=\s|$|[A-Z])\s*")
# Lettered and roman lists: "a)", "(b)", "(iii)". A lone "a." or "i." would too often be prose.
LETTER = re.compile(r"^\s*\(?(?:[a-h]|i{1,3}|iv|vi{0,3}|ix|x)\)(?=\s)\s*")
_FOOTNOTE_MARK = re.compile(r"^(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹])$")
DATE_LINE = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4}$")
_TERMINAL = re.compile(r"""[.?!:;)]["')\]]*$""")
_DANGLING = re.compile(r"\b(?:and|or|of|the|to|in|for|with|a|an|by|that|which|on|at|from|as|their|its)$", re.I)
_JOIN_WITH_SPACE = {"to", "and", "or", "nor"}
_RECENT = 6  # blocks looked back at to tell a list's style
# No real paragraph or list item is longer; past this a block ends, so that junk input cannot make joining slow.
LONGEST_BLOCK = 20_000


@dataclass
class Block:
    kind: str  # "heading", "para", "item" or "row"
    text: str
    section: str | None = None  # for a heading: a point kind, "strengths" or "other"
    marker: str | None = None  # for an item: "bullet" or "number"
    number: int | None = None  # an item's printed number
    parts: list[str] = field(default_factory=list)  # the lines it was joined from
    gap_before: int = 0  # 0: straight after the previous block's last line; 1: a blank line; 2: a page break

    def __post_init__(self):
        self.parts = self.parts or [self.text]

    def add(self, line: str) -> None:
        self.text = join_text(self.text, line)
        self.parts.append(line)

    @property
    def terminated(self) -> bool:
        return bool(_TERMINAL.search(self.text[-20:]))

    @property
    def dangling(self) -> bool:
        """Whether the text stops on a word that cannot end a sentence: "…conferences and"."""
        return bool(_DANGLING.search(self.text[-20:]))


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
    if re.search(r"\w-$", before[-3:]) and after[:1].isalnum():
        first_word = re.match(r"\w+", after)
        # "16- and 17-year-olds": the hyphen belongs to the first number, so keep the space.
        if first_word and first_word.group(0).lower() in _JOIN_WITH_SPACE:
            return f"{before} {after}"
        return before + after
    return f"{before} {after}"


_FUNCTION_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)


def _ends_wrapped_item(current: Block, prev_line: str, line: str, width: int) -> bool:
    """The last line of a numbered item wrapped from a full line, in words a heading would not use:
    "148. Review the resources … of Multi-Agency" / "Looked After Partnership (MALAP) to ensure a focus"."""
    if current.kind != "item" or current.number is None or len(prev_line) < 0.8 * width or heading_kind(line):
        return False
    prose = [w for w in re.findall(r"\b[a-z][a-z'-]+\b", line) if w not in _FUNCTION_WORDS]
    return len(prose) >= 3


def looks_like_heading(text: str) -> bool:
    """A short capitalised line that does not finish a sentence: an unlisted heading."""
    words = text.split()
    return (
        0 < len(words) <= 10
        and len(text) <= 80
        and text[0].isupper()
        and not _TERMINAL.search(text)
        and not text.endswith(",")
        and not _DANGLING.search(text[-20:])
    )


def build_blocks(lines: list[str]) -> list[Block]:
    width = wrap_width(lines)
    content = [line for line in lines if line.strip() and line != PAGE_BREAK]
    # Where lines start at the margin, a lone leading space is what is left of a bullet sign that was lost.
    space_is_bullet = sum(line[:1].isspace() for line in content) < 0.1 * len(content)
    blocks: list[Block] = []
    gap = 0  # 0: the line follows directly; 1: after a blank line; 2: after a page break
    blanks = 0
    # Bullet signs or numbers standing alone on their lines, waiting for their text. pdftotext puts the
    # text just after its sign; pdfminer may give a column of signs first, then the texts in order.
    pending: list[tuple[str, int | None]] = []
    just_marked = False
    prev_line = ""
    following = _following_lines(lines)

    for index, raw in enumerate(lines):
        if raw == PAGE_BREAK:
            gap = 2
            continue
        if not raw.strip():
            blanks += 1
            # Three or more blank lines are what a page break leaves in text saved from a PDF viewer.
            gap = max(gap, 2 if blanks >= 3 else 1)
            continue
        line, blanks = raw.strip(), 0
        current = blocks[-1] if blocks else None
        marker, number, text = _marker(raw)
        if marker is None and space_is_bullet and raw[:1] == " " and raw[1:2].isupper():
            marker = "bullet"
        section = heading_kind(text if marker else line)

        if _FOOTNOTE_MARK.match(line) and current is not None and current.kind == "heading" and not gap:
            # "What needs to improve?" / "1": the heading's footnote mark, put on a line of its own.
            continue
        if "\t" in line:
            cells = "\t".join(cell.strip() for cell in line.split("\t"))
            blocks.append(Block("row", cells))
        elif marker and not text:
            pending.append((marker, number))
        elif section is not None and (not marker or (section != "other" and len(text) < 80)):
            # A heading, perhaps numbered ("3. Recommendations") or kept by Word in a list.
            blocks.append(Block("heading", text, section=section))
            pending.clear()
        elif marker:
            if _bullet_carries_on(current, gap, marker, text, blocks[-_RECENT:]):
                current.add(text)
            else:
                blocks.append(Block("item", text, marker=marker, number=number))
        elif pending and (just_marked or not _carries_on(current, prev_line, line, gap, width, following[index])):
            marker, number = pending.pop(0)
            blocks.append(Block("item", line, marker=marker, number=number))
        elif current is not None and _carries_on(current, prev_line, line, gap, width, following[index]):
            current.add(line)
        else:
            blocks.append(Block("para", line))
        if blocks and blocks[-1] is not current:
            blocks[-1].gap_before = gap
        just_marked = bool(marker and not text)
        prev_line, gap = line, 0
    return blocks


def _marker(line: str) -> tuple[str | None, int | None, str]:
    if m := NUMBER.match(line):
        return "number", int(m.group(1)), line[m.end() :].strip()
    if m := BULLET.match(line):
        return "bullet", None, line[m.end() :].strip()
    if m := LETTER.match(line):
        return "letter", None, line[m.end() :].strip()
    return None, None, line.strip()


def _bullet_carries_on(current: Block | None, gap: int, marker: str, content: str, recent: list[Block]) -> bool:
    # A page break can leave a stray bullet sign before the rest of a sentence:
    # "…the CAF team ensures that" / (page break) / "- thresholds are applied consistently…". Not in a list
    # whose items start in lower case ("- ensure that…"), where it is the next item.
    return (
        current is not None
        and not any(block.kind == "item" and block.text[:1].islower() for block in recent)
        and current.kind in ("item", "para")
        and marker == "bullet"
        and gap == 2
        and not current.terminated
        and len(current.text) < LONGEST_BLOCK
        and content[:1].islower()
    )


def _following_lines(lines: list[str]) -> list[str]:
    """For each line, the next line with text on it ("" at the end)."""
    following = [""] * len(lines)
    after = ""
    for index in range(len(lines) - 1, -1, -1):
        following[index] = after
        if lines[index].strip() and lines[index] != PAGE_BREAK:
            after = lines[index]
    return following


def _carries_on(current: Block, prev_line: str, line: str, gap: int, width: int | None, next_line: str) -> bool:
    if current.kind == "row" or len(current.text) >= LONGEST_BLOCK:
        return False
    starts_lower = line[:1].islower() or line[:1] in "(&"
    if gap:
        # Across a blank line or a page break only an unfinished sentence carries on: one that
        # continues in lower case, or a long paragraph whose next line is not a heading.
        if current.terminated or current.kind == "heading":
            return False
        if starts_lower or (line[:1].isdigit() and not NUMBER.match(line) and not DATE_LINE.match(line)):
            return True
        if current.dangling:  # "…chairs of child protection conferences and" / "IROs improve…"
            return True
        return current.kind == "para" and len(current.text) > 60 and not looks_like_heading(line)
    if starts_lower:
        return True
    if current.kind == "heading":
        return False
    if not current.terminated:
        if current.dangling:
            return True
        if line.endswith(":") and len(line) < 60:
            return False  # "Within three months:" groups the items of a list
        if width and len(prev_line) < 0.7 * width:
            return False  # in wrapped text a short line ends its paragraph, even without a full stop
        if width and _ends_wrapped_item(current, prev_line, line, width):
            return True
        if width and looks_like_heading(line) and next_line[:1].isupper():
            return False  # a short line between full ones is a heading: "About this inspection"
        # An unlisted heading on its own line does not swallow the paragraph after it.
        return not (len(current.parts) == 1 and looks_like_heading(current.text))
    if width and len(prev_line) >= 0.8 * width:
        if line.endswith(":") and len(line) < 60:
            return False  # "Within three months:" after a finished item starts the next group
        # A full line usually wrapped mid-sentence, unless what follows stands alone: a heading, or an
        # unfinished line that introduces a list ("…in the following areas" / "- Clear procedures").
        introduces_list = not _TERMINAL.search(line) and (_marker(next_line)[0] or heading_kind(next_line))
        # A heading is short; a nearly full line whose sentence carries on in lower case is prose.
        wrapped = len(line) >= 0.8 * width and next_line[:1].islower()
        return (wrapped or not looks_like_heading(line)) and not introduces_list
    return False
