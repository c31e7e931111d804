"""The accessibility check run on every page a browser journey visits."""

import json
from functools import cache

from tests.helpers.paths import PROJECT

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8") + "\n;void 0"


def assert_accessible(page) -> None:
    """Run axe-core's WCAG 2.x A and AA rules on the page; fail on any serious or critical violation."""
    # Evaluated through the browser's debugging protocol: a <script> tag would be refused by the
    # Content-Security-Policy, as it should be.
    page.evaluate(_axe_source())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
    )
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe found on {page.url}:\n" + json.dumps(
        [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]],
            }
            for v in serious
        ],
        indent=2,
    )
