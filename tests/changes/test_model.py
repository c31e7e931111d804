"""A rating move's recovery is shown beside its reason only when the reason does not already say it."""

from datetime import datetime

from tracker.changes.model import RatingMove, Subject
from tracker.models import Rag


def _move(why: str, recovery: str | None) -> RatingMove:
    subject = Subject(1, "Hold conferences on time", 1, "Inspection report, May 2024", "Child protection")
    return RatingMove(subject, datetime(2026, 3, 6, 10), "Head of Service", Rag.GREEN, Rag.AMBER, why, recovery)


def test_a_recovery_written_into_the_reason_is_not_said_twice():
    said = _move("Two chairs left. Agency chairs start in  November.", "Agency chairs start in November.")
    assert said.recovery_to_add is None
    assert _move("Two chairs left.", "Agency chairs start in November.").recovery_to_add == (
        "Agency chairs start in November."
    )
    assert _move("Back on track.", None).recovery_to_add is None
