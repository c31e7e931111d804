"""`make bench`: page times and query counts at 1,000, 10,000 and 100,000 actions (see README)."""
