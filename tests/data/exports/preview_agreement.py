"""Print how often the engine agrees with each fixture's expected labels.

Until ``pushpull batch`` reads these exports itself, this scores each expected row's
``tactic`` (the cells the tool will read, joined with " | ") with ``pushpull.classify``
and the context the layout implies. An expected inbound/outbound also accepts the
leaning label; an expected hybrid accepts hybrid or either leaning label. Total rows
are left out. Run: ``python tests/data/exports/preview_agreement.py``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pushpull

HERE = Path(__file__).parent
PAID = "paid ad"
CONTEXT = {"google_ads": PAID, "microsoft_ads": PAID, "meta_ads": PAID, "linkedin_ads": PAID}


def agrees(expected: str, got: str) -> bool:
    """Whether a label the engine gave counts as the expected one."""
    if expected == "hybrid":
        return got in ("hybrid", "leaning-inbound", "leaning-outbound")
    return got.removeprefix("leaning-") == expected


def main() -> None:
    """One summary line per fixture, then each disagreement."""
    for path in sorted(HERE.glob("*.expected.csv")):
        name = path.name.removesuffix(".expected.csv")
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [row for row in csv.DictReader(handle) if row["label"] != "total"]
        misses = []
        for row in rows:
            result = pushpull.classify(row["tactic"], context=CONTEXT.get(name))
            if not agrees(row["label"], str(result.label.value)):
                misses.append(
                    f"    {row['tactic']!r}: expected {row['label']}, "
                    f"got {result.label.value} ({result.score:+.2f})"
                )
        agreed = len(rows) - len(misses)
        print(f"{name}: {agreed}/{len(rows)} = {agreed / len(rows):.0%}")
        for miss in misses:
            print(miss)


if __name__ == "__main__":
    main()
