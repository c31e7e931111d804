"""The import's document reader: one sandbox for each app, with the limits its settings give."""

from __future__ import annotations

from dataclasses import fields

from flask import Flask, current_app

from tracker.parsing.limits import Limits
from tracker.parsing.sandbox import Sandbox

EXTENSION = "document_reader"


def setting(field: str) -> str:
    """Each limit's setting in tracker/config.py: PARSE_ and the field's name, e.g. PARSE_MAX_PAGES."""
    return f"PARSE_{field.upper()}"


def init_app(app: Flask) -> None:
    limits = Limits(**{f.name: app.config[setting(f.name)] for f in fields(Limits)})
    app.extensions[EXTENSION] = Sandbox(limits, app.config["PARSE_CONCURRENCY"])


def sandbox() -> Sandbox:
    return current_app.extensions[EXTENSION]
