"""Entry point for `flask --app wsgi …` and for WSGI servers (gunicorn wsgi:app)."""

import gc

from tracker.app import create_app

app = create_app()

# What start-up made (modules, the app, its templates' code) lives as long as the process: leave it out of the
# garbage collector's full sweeps, which otherwise walk all of it every so often, adding about 90 ms to
# whichever request is running then (measured under a committee report of a 10,000-action council).
gc.freeze()
