from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SEED = PROJECT / "seed"
SEED_DOCUMENTS = SEED / "documents"
