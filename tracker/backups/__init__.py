"""Backups: a consistent copy of the database and the evidence files, with a manifest of checksums."""
