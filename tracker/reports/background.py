"""A committee paper's Background, Background Papers and Appendix: what came before the inspection it covers,
read from the authority's inspection history, and the documents it rests on (never the paper itself)."""

from __future__ import annotations

from tracker.inspections.history import HistoryEntry, history_of
from tracker.models import Authority, DocumentKind, Inspection
from tracker.reports.data import ReportData
from tracker.reports.inputs import ReportInputs
from tracker.reports.model import Numberer, Paragraph, Section
from tracker.timeutil import long_date

_FRAMEWORK = (
    "Ofsted undertakes the Inspection of Local Authority Children’s Services on all local authority areas "
    "with the statutory responsibility for delivering children’s services. The inspection framework inspects "
    "local authority services for children in need of help and protection, children in care and care leavers "
    "and the effectiveness of leaders and managers and the impact they have on the lives of children and "
    "young people and the quality of professional practice."
)

# What Ofsted did, as a sentence names it.
_EVENTS = {
    DocumentKind.INSPECTION_REPORT: "a full inspection",
    DocumentKind.FOCUSED_VISIT: "a focused visit",
    DocumentKind.MONITORING_VISIT: "a monitoring visit",
    DocumentKind.JTAI: "a joint targeted area inspection",
    DocumentKind.UNANNOUNCED_INSPECTION: "an unannounced inspection",
    DocumentKind.COMMITTEE_REPORT: "an inspection",
}

# "overall effectiveness was judged …", in Ofsted's words for each grade.
_JUDGED = {
    "outstanding": "to be outstanding",
    "good": "to be good",
    "requires improvement to be good": "to require improvement to be good",
    "requires improvement": "to require improvement",
    "adequate": "to be adequate",
    "inadequate": "to be inadequate",
}


def judged(grade: str) -> str:
    return _JUDGED.get(grade.strip().lower(), f"to be “{grade}”")


def _graded(entry: HistoryEntry) -> str:
    if not entry.overall_effectiveness:
        return ""
    return f", when overall effectiveness was judged {judged(entry.overall_effectiveness)}"


def _happened(inspection: Inspection):
    return inspection.visit_start or inspection.visit_end or inspection.published


def background(n: Numberer, data: ReportData, main: Inspection | None) -> Section:
    """The framework, the last full inspection before the one covered (with its grade), and any visits since."""
    covered = {i.id for i in data.inspections}
    cutoff = _happened(main) if main is not None else None
    before = [
        e
        for e in history_of(data.authority.id)
        if e.inspection_id not in covered and (cutoff is None or e.happened < cutoff)
    ]
    blocks = [n.paragraph(_FRAMEWORK)]
    last_full = next((e for e in before if e.is_full_inspection), None)
    if last_full is not None:
        blocks.append(
            n.paragraph(
                "The last full inspection of the Council’s children’s services was undertaken "
                f"{last_full.visit_phrase}{_graded(last_full)}."
            )
        )
        since = [e for e in before if e.happened > last_full.happened and not e.is_full_inspection]
        lead = "Since then, Ofsted has also carried out:"
    else:
        since = before
        lead = (
            "There is no earlier full inspection of the Council’s children’s services on record. "
            "Ofsted has carried out:"
        )
        if not before:
            blocks.append(
                n.paragraph("There are no earlier inspections of the Council’s children’s services on record.")
            )
    if since:
        lines = [
            f"{_EVENTS[e.kind][0].upper()}{_EVENTS[e.kind][1:]} {e.visit_phrase}"
            + (f", published {long_date(e.published)}" if e.published else "")
            + f"{_graded(e)}."
            for e in reversed(since)  # oldest first, as a history is told
        ]
        blocks.append(n.paragraph(lead, bullets=lines))
    return Section("Background", blocks=blocks)


def _when(inspection: Inspection) -> str:
    start, end = inspection.visit_start, inspection.visit_end
    if inspection.published:
        return f"published {long_date(inspection.published)}"
    if start and end and start != end:
        return f"inspected {long_date(start)} to {long_date(end)}"
    if start or end:
        return f"inspected {long_date(start or end)}"
    return "not dated"


def _ofsted_document(inspection: Inspection, authority: Authority) -> str:
    """Ofsted's document on an inspection, named as a paper cites it."""
    return f"Ofsted, {inspection.doc_type.label}, {authority.name}, {_when(inspection)}"


# Beyond this many documents, a paper over many plans lists each kind in one paragraph rather than each
# document in its own: sixty documents a line each took three pages.
ONE_A_LINE = 8


def background_papers(data: ReportData, inputs: ReportInputs) -> Section:
    """Ofsted's documents on the inspections covered and the council's earlier papers they were read from.

    A committee paper read as an inspection's source is listed only if it went to an earlier meeting: a paper
    for this meeting is the paper being written, which never cites itself.
    """
    papers = [
        (inspection, inspection.source_dated)
        for inspection in data.inspections
        if inspection.read_from_committee_report
        and inspection.source_dated
        and inspection.source_dated < inputs.meeting_date
    ]
    if len(data.inspections) + len(papers) > ONE_A_LINE:
        return Section("Background Papers", blocks=_by_kind(data, papers))
    lines = []
    for inspection in data.inspections:
        lines.append(f"{_ofsted_document(inspection, data.authority)}.")
        if any(inspection is i for i, _ in papers):
            lines.append(
                f"{data.authority.possessive} report to committee on the inspection, "
                f"{long_date(inspection.source_dated)}."
            )
    return Section("Background Papers", blocks=[Paragraph(line) for line in lines] or [Paragraph("None.")])


def _by_kind(data: ReportData, papers: list) -> list[Paragraph]:
    """One paragraph per kind of Ofsted document, newest first, then one for the council's earlier papers."""
    kinds: dict[DocumentKind, list[Inspection]] = {}
    for inspection in data.inspections:
        kinds.setdefault(inspection.doc_type, []).append(inspection)
    lines = []
    for kind, of_kind in kinds.items():
        # "published" once for the published ones; any not yet published dated by the visit.
        published = [long_date(i.published) for i in of_kind if i.published]
        dated = (["published " + "; ".join(published)] if published else []) + [
            _when(i) for i in of_kind if not i.published
        ]
        lines.append(f"Ofsted, {kind.label}s, {data.authority.name} ({len(of_kind)}): {'; '.join(dated)}.")
    if papers:
        lines.append(
            f"{data.authority.possessive} reports to committee on the inspections ({len(papers)}): "
            + "; ".join(long_date(day) for _, day in papers)
            + "."
        )
    return [Paragraph(line) for line in lines]


def appendix(data: ReportData, main: Inspection | None, appended: list[str]) -> Section:
    """Ofsted's document on the main inspection, appended to the paper as the council's papers append it, as
    Appendix A; then `appended`, the headings of the paper's own appendices (appendices.py)."""
    lines = [f"Appendix A – {_ofsted_document(main, data.authority)}"] if main else []
    return Section("Appendix", blocks=[Paragraph(line) for line in lines + appended] or [Paragraph("None.")])
