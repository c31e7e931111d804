"""The improvement-plan tracker. The application is built by `tracker.app.create_app`.

This file stays empty on purpose: importing any part of the package (tracker.parsing, say) runs it first,
and the document reader (tracker/parsing/worker.py), a fresh process for every upload, would otherwise
load Flask, SQLAlchemy and every blueprint before reading a line: about a second of CPU and 65 MB each.
"""
