"""A messy export from a clean event log: to check that a faster report reads it as before.

Takes the first N rows of a CSV made by ``timescale sample-data`` and spoils
some cells the way case-management exports do: impossible and two-digit-year
dates, UK day-first dates, offsets, fractions of a second, year 0, hour 24,
second 60, ``N/A`` and words, cells padded with spaces; blank children,
upper-case, padded and unknown rule ids; and (unless ``--no-short-lines``)
lines with too few fields. Seeded: the same seed gives the same file.

    python benchmarks/messy_export.py CLEAN.csv -o messy.csv [--rows 50000] [--seed 7]

Run ``timescale report`` on it with the old and the new code, with every
output asked for (``--rows-out``, ``--rejects``, ``--chase-out``, each
``--format``) and compare the files byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

BAD_DATES = (
    "N/A", "06/10/26", "2026-02-30", "31/04/2026", "2026-13-01", "tbc", "2026-03-31T24:00",
    "2026-3-1", "2026/03/31", "31-03-2026", "0001-01-01T00:00+00:00", "2026-03-31T10:00:00Z",
    "2026-03-31T10:00:00+01:00", "2026-03-31 10:00:00.5", "  2026-03-31  ", "2026-03-31 9:05",
    "1/2/2026 9:05", "01/02/2026", "2026-03-31T10:61", "2026-03-31T23:59:60", "２０２６-03-31",
    "2026-03-31\t", "20260331", "2026-W13", "29/02/2025", "29/02/2024 23:59:59", "0000-01-01",
    "9999-12-31 23:59", "2026-03-31T10:00", "2026-03-31 10:00:05", "Mon 31 Mar", "-2026-03-31",
)  # fmt: skip
KEPT_AS_THEY_ARE = ("team", "worker")


def spoil(row: list[str], header: list[str], chance: random.Random) -> list[str]:
    """One row with some of its cells spoiled (the child, rule, and date columns)."""
    roll = chance.random()
    if roll < 0.002:
        row[0] = ""
    elif roll < 0.004:
        row[1] = row[1].upper()
    elif roll < 0.005:
        row[1] = "lcs-nonesuch"
    elif roll < 0.007:
        row[1] = f" {row[1]} "
    for at in range(2, len(row)):
        if header[at] in KEPT_AS_THEY_ARE:
            continue
        # Filled cells spoiled more often than blank ones are filled with rubbish.
        if chance.random() < (0.03 if row[at] else 0.003):
            row[at] = chance.choice(BAD_DATES)
        elif row[at][4:5] == "-" and chance.random() < 0.02:
            year, month, day = row[at][:10].split("-")
            row[at] = f"{day}/{month}/{year}{row[at][10:]}"
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clean", type=Path, help="a CSV made by timescale sample-data")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-short-lines", action="store_true")
    args = parser.parse_args()
    if args.output.resolve() == args.clean.resolve():
        raise SystemExit("the output would overwrite the input")
    chance = random.Random(args.seed)
    with (
        args.clean.open(newline="", encoding="utf-8") as clean,
        args.output.open("w", newline="", encoding="utf-8") as messy,
    ):
        rows = csv.reader(clean)
        out = csv.writer(messy, quoting=csv.QUOTE_ALL)
        header = next(rows)
        out.writerow(header)
        for number, row in enumerate(rows):
            if number >= args.rows:
                break
            if not args.no_short_lines and chance.random() < 0.002:
                messy.write(",".join(row[:5]) + "\n")  # a line with too few fields
                continue
            out.writerow(spoil(row, header, chance))


if __name__ == "__main__":
    main()
