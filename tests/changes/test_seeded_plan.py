"""The "what changed" page on the seeded councils, held to the seed's plan file.

The plan file (seed/plan.yaml) is the recorded history the demo is replayed from: each action's progress
updates with their ratings, its milestones with their moves and completion, and its sign-off. The expected
changes are worked out here from that file alone, by reading what it says happened on which day, never from
the audit trail or the code that reads it; the page must list exactly those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
import yaml
from sqlalchemy import func, select

from tests.helpers.data import committed
from tests.helpers.paths import PROJECT
from tests.helpers.seeded import seeded_user
from tracker.extensions import db
from tracker.models import Authority, Inspection

PLAN_FILE = PROJECT / "seed" / "plan.yaml"
LABELS = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue"}


@dataclass
class Expected:
    ratings: list[tuple] = field(default_factory=list)  # (day, action, from, to, why)
    milestones_moved: list[tuple] = field(default_factory=list)  # (day, milestone, from, to, why)
    proposals: list[tuple] = field(default_factory=list)  # (day, action)
    sign_offs: list[tuple] = field(default_factory=list)  # (day, action)
    newly_overdue: list[tuple] = field(default_factory=list)  # (due, item)


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _published(app, authority: str, file_name: str) -> date:
    with committed(app):
        # For a council's committee paper, the meeting it went to (the seed's "publication" of it).
        return db.session.scalar(
            select(func.coalesce(Inspection.published, Inspection.source_dated))
            .join(Authority)
            .where(Authority.name == authority, Inspection.source_filename == file_name)
        )


def expected_from_plan_file(documents: list[dict], published: dict[str, date], since: date, until: date) -> Expected:
    """What the plan file says changed after `since` up to `until`, both UK days.

    The file's days are read as written: an action joins the plan on its "added" day (two weeks after the
    document's publication if none is given) rated as its first update says; each update rates it; a
    current rating different from the last update's was set after it; a proposal follows the action's last
    recorded event on the same day; a sign-off is on its day."""
    inside = lambda day: since < day <= until  # noqa: E731
    expected = Expected()
    for document in documents:
        for point in document["improvement_points"]:
            for action in point["actions"]:
                title = action["title"]
                updates = action.get("updates", [])
                added = _day(action["added"]) if "added" in action else published[document["file"]] + timedelta(days=14)
                days = [added]
                # Its first rating is where it starts, not a move.
                ratings = [(added, None, updates[0]["rag"] if updates else action["rag"], "")]
                for update in updates:
                    ratings.append((_day(update["on"]), ratings[-1][2], update["rag"], update["narrative"]))
                    days.append(_day(update["on"]))
                for milestone in action.get("milestones", []):
                    due = _day(milestone.get("original_due", milestone["due"]))
                    for replan in milestone.get("replans", []):
                        on, to = _day(replan["on"]), _day(replan["to"])
                        days.append(on)
                        if inside(on):
                            expected.milestones_moved.append(
                                (on, milestone["title"], _day(replan["from"]), to, replan["reason"])
                            )
                        if on <= until:
                            due = to
                    done = _day(milestone["completed"]) if milestone.get("completed") else None
                    if done:
                        days.append(done)
                    signed = action.get("signed_off")
                    open_at_end = not signed or _day(signed["on"]) > until
                    if added <= until and open_at_end and inside(due) and (done is None or done > until):
                        expected.newly_overdue.append((due, milestone["title"]))
                days += [_day(e["date"]) for e in action.get("evidence", [])]
                last = max(days)
                if action["status"] != "complete" and action["rag"] != ratings[-1][2]:
                    ratings.append((last, ratings[-1][2], action["rag"], action["rag_reason"]))
                if action["status"] in ("awaiting_sign_off", "complete") and inside(last):
                    expected.proposals.append((last, title))
                signed = action.get("signed_off")
                if signed:
                    on = _day(signed["on"])
                    assert on >= last, f"{title}: signed off before its last event; the file is inconsistent"
                    ratings.append((on, ratings[-1][2], "blue", action["rag_reason"]))
                    if inside(on):
                        expected.sign_offs.append((on, title))
                target = _day(action["target_date"])
                if added <= until and (not signed or _day(signed["on"]) > until) and inside(target):
                    expected.newly_overdue.append((target, title))
                for day, before, after, why in ratings:
                    if before is not None and before != after and inside(day):
                        expected.ratings.append((day, title, LABELS[before], LABELS[after], why))
    return expected


def _cells(page, table: str) -> list[list[str]]:
    rows = []
    for row in page.select(f"#{table} tbody tr"):
        rows.append([" ".join(cell.get_text(" ", strip=True).split()) for cell in row.select("td")])
    return rows


def _item(page, table: str) -> list[str]:
    """Each row's action or milestone, without the plan and theme line beneath it."""
    items = []
    for cell in page.select(f"#{table} tbody tr td:nth-of-type(1)"):
        first = next(cell.stripped_strings)
        items.append(" ".join(first.split()))
    return items


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.mark.parametrize(
    ("authority", "since", "until"),
    [
        ("Leicester City Council", date(2022, 12, 31), date(2026, 11, 20)),
        ("Leicestershire County Council", date(2024, 6, 30), date(2026, 11, 20)),
        ("Leeds City Council", date(2021, 6, 30), date(2026, 11, 20)),
    ],
)
def test_the_page_lists_what_the_plan_file_says_happened(seeded_app, seeded_client, authority, since, until):
    plan_file = yaml.safe_load(PLAN_FILE.read_text())
    documents = [d for d in plan_file["documents"] if d["authority"] == authority]
    published = {d["file"]: _published(seeded_app, authority, d["file"]) for d in documents}
    expected = expected_from_plan_file(documents, published, since, until)
    # The periods are chosen to hold each kind of change the file records.
    assert expected.ratings and expected.milestones_moved and expected.newly_overdue

    seeded_client.sign_in(seeded_user(seeded_app, authority))
    page = seeded_client.get_page(
        "oversight.changes",
        since=[since.day, since.month, since.year],
        until=[until.day, until.month, until.year],
    )

    assert page.select_one(".govuk-error-summary") is None and page.select_one("#period") is not None
    ratings = _cells(page, "ratings")
    shown = sorted((row[5], item, row[1], row[2]) for item, row in zip(_item(page, "ratings"), ratings, strict=True))
    assert shown == sorted((_long(d), a, f, t) for d, a, f, t, _ in expected.ratings)
    whys = {(item, row[5]): row[3] for item, row in zip(_item(page, "ratings"), ratings, strict=True)}
    for day, action, _, _, why in expected.ratings:
        assert whys[(action, _long(day))].startswith(" ".join(why.split()))

    moved = sorted(
        (row[5], item, row[1], row[2], row[3])
        for item, row in zip(_item(page, "milestones"), _cells(page, "milestones"), strict=True)
    )
    assert moved == sorted(
        (_long(d), m, _long(f), _long(t), " ".join(r.split())) for d, m, f, t, r in expected.milestones_moved
    )

    overdue = sorted((row[2], item) for item, row in zip(_item(page, "overdue"), _cells(page, "overdue"), strict=True))
    assert overdue == sorted((_long(due), item) for due, item in expected.newly_overdue)

    proposals = sorted(
        (row[2], item) for item, row in zip(_item(page, "proposals"), _cells(page, "proposals"), strict=True)
    )
    assert proposals == sorted((_long(d), a) for d, a in expected.proposals)
    sign_offs = sorted(
        (row[3], item) for item, row in zip(_item(page, "sign-offs"), _cells(page, "sign-offs"), strict=True)
    )
    assert sign_offs == sorted((_long(d), a) for d, a in expected.sign_offs)
