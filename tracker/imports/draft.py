"""The editable reading of an uploaded document, kept between visits to the review page.

A draft is plain JSON (stored on DocumentImport.draft): what the parser found, then whatever the
reviewer typed, kept as typed (dates as their three boxes) so nothing is lost when the page is shown
again. Points are numbered by their order within their kind, as Ofsted numbers them. Each point keeps
its National Framework areas (hidden inputs of its own on the page, so what is saved is what the page
showed, even from a page older than the draft) and, for a kind the council does not answer by default,
whether it will.

A draft made before these keys existed reads with their defaults (the `.get`s below).
"""

from __future__ import annotations

import re
from datetime import date

from werkzeug.datastructures import MultiDict

from tracker.actions import drafting
from tracker.imports.forms import parse_id
from tracker.imports.marking import points_from_lines
from tracker.parsing import ImprovementPoint, Judgement, ParsedDocument, SupportingParagraph
from tracker.parsing.model import POINTS_FOUND, POINTS_NOT_READ
from tracker.vocabulary import DocumentKind, FrameworkArea, PointKind

DATE_FIELDS = ("visit_start", "visit_end", "published", "ofsted_published", "target_date")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class DraftError(ValueError):
    """An edit that cannot be made; the message is for the user, shown at `field` if one is named (a
    field of point `point`'s sub-form when that is given)."""

    def __init__(self, message: str, field: str | None = None, point: int | None = None):
        super().__init__(message)
        self.field = field
        self.point = point


def new_point(kind: str, text: str = "", framework: list[str] | None = None) -> dict:
    return {"kind": kind, "text": text, "framework": list(framework or []), "council_answers": False}


def councils_kind(point: dict) -> bool:
    """Whether the point's kind is one the council answers (PointKind.answered_by_council): the review
    page's group for it, the council's points or the safeguarding partnership's."""
    try:
        return PointKind(point["kind"]).answered_by_council
    except ValueError:  # a kind not on the list: refused when confirming, counted as the council's here
        return True


def answered_by_council(point: dict) -> bool:
    """Whether the point goes into the council's plan: always for its own kinds, for a recommendation to
    the safeguarding partnership only when the reviewer said the council will answer it."""
    return councils_kind(point) or bool(point.get("council_answers"))


def has_actions(draft: dict) -> bool:
    """Whether confirming makes draft actions (and so needs their owner, lead director and date)."""
    return any(answered_by_council(p) for p in draft["points"])


def is_committee_paper(draft: dict) -> bool:
    """Whether the draft is of a council's committee paper, dated by its meeting: the page then asks also
    for the date Ofsted published the report the paper reports (`ofsted_published`)."""
    return draft.get("doc_type") == DocumentKind.COMMITTEE_REPORT


def points_not_read(draft: dict) -> bool:
    return draft.get("points_status", POINTS_FOUND) == POINTS_NOT_READ


def from_parsed(parsed: ParsedDocument, authority_id: int | None) -> dict:
    return {
        "parsed_authority": parsed.authority,
        "authority_id": authority_id,
        "doc_type": parsed.doc_type,
        "visit_start": _parts(parsed.visit_start),
        "visit_end": _parts(parsed.visit_end),
        "published": _parts(parsed.published),
        "ofsted_published": _parts(parsed.ofsted_published),
        "overall_effectiveness": parsed.overall_effectiveness or "",
        "judgements": [{"area": j.area, "grade": j.grade} for j in parsed.judgements],
        "points": [new_point(p.kind, p.text, list(p.framework)) for p in parsed.improvement_points],
        "points_status": parsed.points_status,
        "passage": list(parsed.passage),
        "ticked": [],  # the passage's lines ticked as points, by their place in it
        "mark_kind": "",
        "no_points": False,
        "strengths": list(parsed.strengths),
        "supporting_paragraphs": [{"number": p.number, "text": p.text} for p in parsed.supporting_paragraphs],
        "owner_id": None,
        "lead_director_id": None,
        "target_date": ["", "", ""],
        "rag": None,  # the draft actions' rating: none until the reviewer chooses one
    }


def numbered_points(draft: dict) -> list[dict]:
    """The points with their numbers: 1, 2, 3 … within each kind, in the order listed."""
    counts: dict[str, int] = {}
    numbered = []
    for point in draft["points"]:
        counts[point["kind"]] = counts.get(point["kind"], 0) + 1
        numbered.append({**point, "number": counts[point["kind"]]})
    return numbered


def next_in_group(points: list[dict], i: int) -> int | None:
    """The place of the next point shown in the same group as point i (the page shows the council's
    points, then the partnership's, so the next in the list may be in the other group)."""
    group = councils_kind(points[i])
    return next((j for j in range(i + 1, len(points)) if councils_kind(points[j]) == group), None)


def point_names(draft: dict) -> list[str]:
    """What the page calls each point, counted within the group it is shown in: "Point 2" among the
    council's, "Recommendation to the safeguarding partnership 1" among the partnership's (all of one kind,
    so its number within its kind is its place in the group)."""
    names, counted = [], 0
    for point in numbered_points(draft):
        if councils_kind(point):
            counted += 1
            names.append(f"Point {counted}")
        else:
            names.append(f"{PointKind(point['kind']).label} {point['number']}")
    return names


def kind_label(kind: str) -> str:
    """The kind's name as users read it; empty for a value not on the list (the form refuses it)."""
    return PointKind(kind).label if kind in set(PointKind) else ""


def to_parsed(draft: dict, source_text: str, *, dates: dict[str, date | None]) -> ParsedDocument:
    """The reviewed reading, as create_inspection takes it (dates already checked by the form)."""
    return ParsedDocument(
        authority=draft["parsed_authority"],
        doc_type=draft["doc_type"],
        visit_start=dates["visit_start"],
        visit_end=dates["visit_end"],
        published=dates["published"],
        ofsted_published=dates["ofsted_published"] if is_committee_paper(draft) else None,
        judgements=[Judgement(j["area"], j["grade"]) for j in draft["judgements"]],
        overall_effectiveness=draft["overall_effectiveness"] or None,
        improvement_points=[
            ImprovementPoint(p["kind"], p["number"], p["text"], tuple(p.get("framework", ())))
            for p in numbered_points(draft)
        ],
        strengths=list(draft["strengths"]),
        supporting_paragraphs=[SupportingParagraph(p["number"], p["text"]) for p in draft["supporting_paragraphs"]],
        source_text=source_text,
    )


def formdata(draft: dict) -> MultiDict:
    """The draft as the review form's submitted data, so the form shows exactly what was kept."""
    data = MultiDict()
    for name in ("authority_id", "doc_type", "overall_effectiveness", "owner_id", "lead_director_id"):
        data.add(name, "" if draft.get(name) is None else str(draft[name]))
    for name in DATE_FIELDS:
        for part in draft.get(name) or ["", "", ""]:  # a draft saved before `ofsted_published` existed
            data.add(name, part)
    if draft.get("rag"):
        data.add("rag", draft["rag"])
    for i, point in enumerate(draft["points"]):
        data.add(f"points-{i}-kind", point["kind"])
        data.add(f"points-{i}-text", point["text"])
        for area in point.get("framework", []):
            data.add(f"points-{i}-framework", area)
        if point.get("council_answers"):
            data.add(f"points-{i}-council_answers", "y")
    for i, judgement in enumerate(draft["judgements"]):
        data.add(f"judgements-{i}-area", judgement["area"])
        data.add(f"judgements-{i}-grade", judgement["grade"])
    for i, text in enumerate(draft["strengths"]):
        data.add(f"strengths-{i}-text", text)
    for index in draft.get("ticked", []):
        data.add("passage_lines", str(index))
    data.add("mark_kind", draft.get("mark_kind", ""))
    if draft.get("no_points"):
        data.add("no_points", "y")
    return data


def update_from_form(draft: dict, form) -> dict:
    """A new draft holding what the form was sent, valid or not (its raw input, as typed)."""
    updated = dict(draft)
    for name in ("authority_id", "owner_id", "lead_director_id"):
        # Only an id on the form's list is kept: anything else was not a choice the page offered.
        field = getattr(form, name)
        chosen = parse_id((field.raw_data or [""])[0])
        updated[name] = chosen if chosen in {parse_id(c.value) for c in field.choices} else None
    updated["doc_type"] = (form.doc_type.raw_data or [draft["doc_type"]])[0]
    updated["overall_effectiveness"] = form.overall_effectiveness.data or ""
    for name in DATE_FIELDS:
        updated[name] = list(getattr(form, name).raw_data or ["", "", ""])
    if not is_committee_paper(draft):
        # Not on the page the reviewer saw (only a committee paper's asks for it): keep what it held, so a
        # date typed for a paper survives its kind being changed and changed back.
        updated["ofsted_published"] = list(draft.get("ofsted_published") or ["", "", ""])
    # Like the selects, only a rating the page offered is kept.
    rag = drafting.chosen_rag((form.rag.raw_data or [""])[0])
    updated["rag"] = rag.value if rag else None
    updated["points"] = [
        {
            **new_point(
                e.form.kind.raw_data[0] if e.form.kind.raw_data else "",
                e.form.text.data or "",
                _known_areas(e.form.framework.raw_data or []),
            ),
            "council_answers": bool(e.form.council_answers.data),
        }
        for e in form.points
    ]
    updated["judgements"] = [
        {"area": e.form.area.data or "", "grade": e.form.grade.data or ""} for e in form.judgements
    ]
    updated["strengths"] = [e.form.text.data or "" for e in form.strengths]
    passage = draft.get("passage", [])
    updated["ticked"] = sorted(
        {i for i in map(parse_id, form.passage_lines.raw_data or []) if i is not None} & set(range(len(passage)))
    )
    updated["mark_kind"] = (form.mark_kind.raw_data or [""])[0]
    updated["no_points"] = bool(form.no_points.data)
    return updated


def _known_areas(posted: list[str]) -> list[str]:
    """The areas posted for a point that are in the National Framework, once each, in their order (any
    other value is refused by refuse_unknown_areas and never kept)."""
    return list(dict.fromkeys(a for a in posted if a in set(FrameworkArea)))


def refuse_unknown_areas(draft: dict, form) -> None:
    """Refuse a post naming a National Framework area that is not one: the page only ever sends the areas
    it shows, so anything else is a page to reload, not an area to keep."""
    names = point_names(draft)
    for i, entry in enumerate(form.points):
        if any(a not in set(FrameworkArea) for a in entry.form.framework.raw_data or []):
            raise DraftError(
                f"{names[i]}: a National Framework area sent for it is not one of the framework’s."
                " Reload the page and check its areas",
                field="framework",
                point=i,
            )


def mark(draft: dict) -> dict:
    """Add the passage's ticked lines as points of the kind chosen (see tracker.imports.marking)."""
    if not draft.get("ticked"):
        raise DraftError("Tick the lines that are improvement points", field="passage_lines")
    if draft.get("mark_kind") not in set(PointKind):
        raise DraftError("Choose the kind of the points you ticked", field="mark_kind")
    texts = points_from_lines(draft["passage"], draft["ticked"])
    return {**draft, "points": [*draft["points"], *(new_point(draft["mark_kind"], t) for t in texts)], "ticked": []}


def apply(draft: dict, operation: str) -> dict:
    """Make one structural edit named by the button pressed: add-point, remove-point-3, split-point-3 …"""
    draft = {**draft, "points": list(draft["points"]), "judgements": list(draft["judgements"])}
    draft["strengths"] = list(draft["strengths"])
    match operation.split("-"):
        case ["add", "point"]:
            # The council's group: a point like the last the council answers, placed after it.
            last = max((i for i, p in enumerate(draft["points"]) if councils_kind(p)), default=None)
            kind = draft["points"][last]["kind"] if last is not None else PointKind.RECOMMENDATION.value
            draft["points"].insert(len(draft["points"]) if last is None else last + 1, new_point(kind))
        case ["add", "partnership", "point"]:
            draft["points"].append(new_point(PointKind.PARTNERSHIP_RECOMMENDATION.value))
        case ["add", "point", "after", index]:
            i = _index(draft["points"], index)
            draft["points"].insert(i + 1, new_point(draft["points"][i]["kind"]))
        case ["remove", "point", index]:
            del draft["points"][_index(draft["points"], index)]
        case ["split", "point", index]:
            i = _index(draft["points"], index)
            point = draft["points"][i]
            parts = [p.strip() for p in _PARAGRAPH_BREAK.split(point["text"].strip(), maxsplit=1)]
            if len(parts) < 2 or not all(parts):
                raise DraftError(
                    f"To split {in_sentence(point_names(draft)[i])}, put a blank line in its text where the second"
                    " point should begin"
                )
            draft["points"][i : i + 1] = [{**point, "text": parts[0]}, {**point, "text": parts[1]}]
        case ["merge", "point", index]:
            i = _index(draft["points"], index)
            j = next_in_group(draft["points"], i)
            if j is None:
                raise DraftError(f"{point_names(draft)[i]} is the last of its group: there is no next point to merge")
            first, second = draft["points"][i], draft["points"][j]
            text = f"{first['text'].rstrip()} {second['text'].lstrip()}"
            framework = list(dict.fromkeys([*first.get("framework", []), *second.get("framework", [])]))
            draft["points"][i] = {**first, "text": text, "framework": framework}
            del draft["points"][j]
        case ["remove", "framework", index, area]:
            i = _index(draft["points"], index)
            point = draft["points"][i]
            draft["points"][i] = {**point, "framework": [a for a in point.get("framework", []) if a != area]}
        case ["mark", "points"]:
            return mark(draft)
        case ["add", "judgement"]:
            draft["judgements"].append({"area": "", "grade": ""})
        case ["remove", "judgement", index]:
            del draft["judgements"][_index(draft["judgements"], index)]
        case ["add", "strength"]:
            draft["strengths"].append("")
        case ["remove", "strength", index]:
            del draft["strengths"][_index(draft["strengths"], index)]
        case _:
            raise DraftError("That button does nothing: reload the page and try again")
    return draft


def in_sentence(name: str) -> str:
    """A point's name inside a sentence ("split point 2")."""
    return name[:1].lower() + name[1:]


def _raw(field) -> str:
    return str(field.raw_data[0]) if field.raw_data else ""


def _index(items: list, index: str) -> int:
    i = parse_id(index)
    if i is None or i >= len(items):
        raise DraftError("That item is no longer on the page: reload it and try again")
    return i


def _parts(value: date | None) -> list[str]:
    return [str(value.day), str(value.month), str(value.year)] if value else ["", "", ""]
