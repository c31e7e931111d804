"""The whole-plan list's filters and search, read from the query string and written back into links."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tracker.models import ActionStatus, Rag
from tracker.pagination import chosen_id

# A search longer than this, or with more words, is cut: nothing anyone types to find an action is longer.
SEARCH_MAX_CHARS = 200
SEARCH_MAX_WORDS = 10


@dataclass(frozen=True)
class PlanFilters:
    inspection_id: int | None = None
    theme: str | None = None
    owner_id: int | None = None
    status: ActionStatus | None = None
    rag: Rag | None = None
    search: str = ""

    @property
    def words(self) -> list[str]:
        """The search's words: an action matches when each is in its title, description or point's text."""
        return self.search.split()[:SEARCH_MAX_WORDS]

    @property
    def any(self) -> bool:
        return bool(self.as_args())

    def as_args(self) -> dict:
        """The filters as query-string arguments (for the pages' links, so filters are kept across pages)."""
        args = {
            "inspection": self.inspection_id,
            "theme": self.theme,
            "owner": self.owner_id,
            "status": self.status.value if self.status else None,
            "rag": self.rag.value if self.rag else None,
            "q": self.search,
        }
        return {k: v for k, v in args.items() if v not in (None, "")}


def plan_filters(args: Mapping[str, str]) -> PlanFilters:
    """Filters from the query string. A value that is not one of the choices is ignored, as if not chosen (the
    page says how many actions match what is applied, and the form shows what is)."""
    status, rag = args.get("status"), args.get("rag")
    return PlanFilters(
        inspection_id=chosen_id(args, "inspection"),
        theme=args.get("theme") or None,
        owner_id=chosen_id(args, "owner"),
        status=ActionStatus(status) if status in {s.value for s in ActionStatus} else None,
        rag=Rag(rag) if rag in {r.value for r in Rag} else None,
        search=" ".join(args.get("q", "")[:SEARCH_MAX_CHARS].split()),
    )
