"""From a file's bytes to plain text. Every failure is a DocumentError with a sentence a user can act on.

Given Limits (an upload, read in the sandbox), a document past one is refused as soon as that is known;
without (trusted local files: the seed, `inspection parse`), everything is read.
"""

from __future__ import annotations

import io
import threading
import zipfile
from pathlib import PurePath

from tracker.parsing.limits import Limits
from tracker.parsing.model import DocumentError
from tracker.parsing.structure import check_docx

NOT_A_DOCUMENT = "The file is not a PDF, Word (.docx) or text document"
DAMAGED_PDF = "The PDF could not be read: the file may be damaged"
LINE_END_HYPHEN = "\x02"
_PDFIUM = threading.Lock()
NO_PDF_TEXT = "No text could be read from this PDF (it may be a scanned image)"


def extract_text(data: bytes, filename: str, limits: Limits | None = None) -> str:
    """The document's text. The suffix says what the file should be; the content must agree."""
    if not data or not data.strip():
        raise DocumentError("The file is empty")
    suffix = PurePath(filename or "").suffix.lower()
    if suffix == ".pdf":
        return pdf_text(data, limits)
    if suffix == ".docx":
        return docx_text(data, limits)
    if suffix in (".txt", ".text"):
        return plain_text(data, limits)
    if suffix == ".doc":
        raise DocumentError("Older Word (.doc) files cannot be read: save the document as .docx or PDF")
    raise DocumentError(NOT_A_DOCUMENT)


def pdf_text(data: bytes, limits: Limits | None = None) -> str:
    # The PDF header may follow a little junk, but must be within the first kilobyte.
    if b"%PDF-" not in data[:1024]:
        raise DocumentError("The file is named .pdf but is not a PDF document")
    # PDFium may not be called from two threads at once, even for different documents (it corrupts its
    # state): a process reads one PDF at a time. The sandbox reads each upload in a process of its own.
    with _PDFIUM:
        text = _pdfium_text(data, limits)
    if not text.strip():
        raise DocumentError(NO_PDF_TEXT)
    return text


def _pdfium_text(data: bytes, limits: Limits | None) -> str:
    # PDFium (Chrome's PDF engine) rather than pypdf: it keeps each page's reading order and is about
    # fifteen times faster (docs/decisions.md, issue 17). Imported here so text-only callers never load it.
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise DocumentError("This PDF is password-protected, so its text cannot be read") from exc
        raise DocumentError(DAMAGED_PDF) from exc
    try:
        if limits is not None:
            limits.check_pages(len(document))  # the count is read from the page tree: no page is laid out
        # A form feed between pages lets the cleanup find page headers and footers.
        return "\f".join(_page_texts(document, limits))
    except (DocumentError, MemoryError):  # a MemoryError is the sandbox's limit, not damage
        raise
    except Exception as exc:  # a page PDFium cannot lay out
        raise DocumentError(DAMAGED_PDF) from exc
    finally:
        document.close()


def _page_texts(document, limits: Limits | None):
    """Each page's text, stopping once the text passes the limit: the pages after it are never read."""
    length = 0
    for index in range(len(document)):
        # Each page and text page is closed here, under the lock, not later by the garbage collector.
        page = document[index]
        try:
            textpage = page.get_textpage()
            try:
                # Bounded by the page: text placed outside the visible page is not part of the document.
                # PDFium writes a hyphen that ends a line as \x02 and drops the line end after it
                # ("multi\x02agency"): the hyphen and the line end are put back, for cleanup and blocks to mend.
                text = _heading_drawn_last_first(textpage, textpage.get_text_bounded())
                text = text.replace(LINE_END_HYPHEN, "-\n")
            finally:
                textpage.close()
        finally:
            page.close()
        length += len(text) + 1
        if limits is not None:
            limits.check_text(length)
        yield text


# A page's text in drawing order ends with a line placed above everything drawn before it at most this
# long: a heading drawn after the text beneath it.
_LONGEST_LATE_HEADING = 120
_MOST_LATE_RUNS = 30


def _heading_drawn_last_first(textpage, text: str) -> str:
    """The page's text, with a line drawn last but placed above all the rest put first.

    PDFium gives text in the order the PDF draws it, which is nearly always reading order. Some reports
    draw a page's heading ("Recommendations") after the paragraphs below it, so the heading would head the
    next page's paragraphs instead of its own list. Only a short final run of text lying wholly above
    everything else on the page moves, so columns, tables and margins keep the order they are drawn in."""
    count = textpage.count_rects()
    if count < 2:
        return text
    tops = [textpage.get_rect(i)[3] for i in range(count)]
    first_late = count
    lowest_late = float("inf")
    # A heading is a few runs of text; past that the page is simply drawn from the bottom up.
    while first_late > max(1, count - _MOST_LATE_RUNS):
        lowest_late = min(lowest_late, tops[first_late - 1])
        if lowest_late <= max(tops[: first_late - 1]):
            break
        first_late -= 1
    if first_late == count or first_late == 0:
        return text
    late = " ".join(
        " ".join(textpage.get_text_bounded(*textpage.get_rect(i)).split()) for i in range(first_late, count)
    ).strip()
    body = text.rstrip()
    if not late or len(late) > _LONGEST_LATE_HEADING or not " ".join(body[-len(late) - 20 :].split()).endswith(late):
        return text
    # Cut the late run from the end of the text by its words, whatever spacing PDFium put between them.
    words = late.split()
    cut = len(body)
    for word in reversed(words):
        cut = body.rfind(word, 0, cut)
        if cut < 0:
            return text
    return late + "\n" + body[:cut].rstrip() + "\n"


def docx_text(data: bytes, limits: Limits | None = None) -> str:
    if not data.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError("The file is named .docx but is not a Word document")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # a damaged central directory
        raise DocumentError("The Word document could not be opened: the file may be damaged") from exc
    if "word/document.xml" not in set(archive.namelist()):
        # .docx is a zip archive, but not every zip archive is a Word document.
        raise DocumentError("The file is named .docx but is not a Word document")
    if limits is not None:
        check_docx(archive, limits)
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_docx_lines(document))
    except MemoryError:  # the sandbox's limit, not damage
        raise
    except Exception as exc:  # a zip that is not a Word document, or damaged XML
        raise DocumentError("The Word document could not be opened: the file may be damaged") from exc
    text = "\n".join(lines)
    if not text.strip():
        raise DocumentError("The Word document contains no text")
    if limits is not None:
        limits.check_text(len(text))
    return text


def _docx_lines(document):
    """Paragraphs between blank lines, list paragraphs as "- " bullets, table rows as tab-separated cells."""
    from docx.table import Table

    styles = _ParagraphStyles(document)
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    # A merged cell is returned once per grid column it spans.
                    if not cells or text != cells[-1]:
                        cells.append(text)
                yield "\t".join(cells)
            yield ""
            continue
        text = item.text.strip()
        if not text:
            continue
        if _is_list_paragraph(item, styles):
            # Word keeps bullets and numbers in the numbering part, not in the text.
            yield f"- {text}"
        else:
            yield ""
            yield text
            yield ""


class _ParagraphStyles:
    """Paragraph style names by id, looked up once per document: python-docx's `paragraph.style` searches
    every style for the default on each call, a millisecond a paragraph (20 s for 20,000 paragraphs)."""

    def __init__(self, document):
        from docx.enum.style import WD_STYLE_TYPE

        paragraph = WD_STYLE_TYPE.PARAGRAPH
        first: dict = {}
        for style in document.styles:
            first.setdefault(style.style_id, style)  # the first of an id is the one Word (and python-docx) uses
        self.names = {key: style.name or "" for key, style in first.items() if style.type == paragraph}
        default = document.styles.default(paragraph)
        self.default = (default.name or "") if default is not None else ""

    def name(self, paragraph) -> str:
        # As python-docx resolves it: an id that names no paragraph style means the default.
        return self.names.get(paragraph._p.style, self.default)


def _is_list_paragraph(paragraph, styles: _ParagraphStyles) -> bool:
    style = styles.name(paragraph).lower()
    if style.startswith(("heading", "title")):
        return False  # a numbered heading is still a heading
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return True
    return style.startswith("list")


def plain_text(data: bytes, limits: Limits | None = None) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode(data, "utf-16")
    elif b"\x00" in data:
        raise DocumentError("The file does not contain readable text")
    else:
        text = _decode(data, "utf-8-sig")
        if text is None:
            # Windows-1252 is what Word's "Save as text" produces on British machines.
            text = _decode(data, "cp1252") or data.decode("latin-1")
    if text is None:
        raise DocumentError("The file does not contain readable text")
    text = text.lstrip("\ufeff")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(5, len(text) // 100):
        raise DocumentError("The file does not contain readable text")
    if limits is not None:
        limits.check_text(len(text))
    return text


def _decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None
