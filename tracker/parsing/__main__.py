"""`python -m tracker.parsing PATH`: print what the parser reads from a document, as JSON."""

from __future__ import annotations

import json
import sys

from tracker.parsing import DocumentError, parse_file


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tracker.parsing PATH", file=sys.stderr)
        return 2
    try:
        doc = parse_file(argv[0])
    except DocumentError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(json.dumps(doc.to_dict(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
