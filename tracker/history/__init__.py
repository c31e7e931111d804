"""What the plan was at a moment, read from the audit trail: the one source of "as at" for papers and charts."""
