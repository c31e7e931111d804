"""Importing an Ofsted document: upload or paste, review what the parser found, confirm into a draft plan."""
