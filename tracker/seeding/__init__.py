"""The demo seed: the five seed documents, parsed, joined with the hand-written plan in seed/plan.yaml."""
