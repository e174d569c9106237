"""Each notebook's opening says how long a full run takes; this writes it
from the last whole-course run, ``benchmarks/RESULTS.md``.

    python -m tools.openings        # after python -m benchmarks.run, then make editions

The phrase is "menos de 1 min" under 60 s, "alrededor de 1 min" under 90 s,
and "unos M min" after that (tests/test_voice.py checks the openings against
the same table, within a minute or 35 %).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

from tools import lessons

RESULTS = lessons.ROOT / "benchmarks" / "RESULTS.md"
RUN_TIME = re.compile(r"ejecutarlo completo toma (?:menos de 1 min|alrededor de 1 min|unos \d+ min) en una CPU")


def measured_seconds(results: Path = RESULTS) -> dict[str, float]:
    """Each notebook's full-mode seconds, from the runner's «Every notebook» table."""
    text = Path(results).read_text(encoding="utf-8")
    table = text.split("## Every notebook", 1)[1].split("\n## ", 1)[0]
    rows = (line.split("|") for line in table.splitlines() if line.startswith("| ") and "---" not in line)
    return {cells[1].strip(): float(cells[3]) for cells in rows if cells[3].strip().replace(".", "").isdigit()}


def run_time_phrase(seconds: float) -> str:
    if seconds < 60:
        return "menos de 1 min"
    if seconds < 90:
        return "alrededor de 1 min"
    return f"unos {max(2, round(seconds / 60))} min"


def write_run_times(paths: list[Path], seconds: dict[str, float]) -> list[str]:
    """Rewrite the run time in the first cell of each notebook measured; the ones changed."""
    changed = []
    for path in paths:
        if path.stem not in seconds:
            continue
        nb = nbformat.read(path, as_version=4)
        opening = nb.cells[0]
        phrase = run_time_phrase(seconds[path.stem])
        new = RUN_TIME.sub(f"ejecutarlo completo toma {phrase} en una CPU", opening.source)
        if new != opening.source:
            opening.source = new
            nbformat.write(nb, path)
            changed.append(f"{path.stem}: {seconds[path.stem]:.0f} s -> {phrase}")
    return changed


def main() -> int:
    changed = write_run_times(lessons.lesson_paths(), measured_seconds())
    print("\n".join(changed) or "every opening already says what benchmarks/RESULTS.md measured")
    return 0


if __name__ == "__main__":
    sys.exit(main())
