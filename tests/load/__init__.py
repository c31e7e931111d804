"""`make load`: 50 users of the three kinds for 60 seconds against gunicorn and PostgreSQL (see README)."""
