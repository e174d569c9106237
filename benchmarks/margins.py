"""How far each fast-mode result is from the threshold its notebook asserts.

    CNN_METRICS_LOG=/tmp/m.jsonl make test-jax    # (tests/fast_metrics.py) one line per notebook
    python -m benchmarks.margins /tmp/m.jsonl [...]

For every result a notebook declares (``metadata.cnn_course.metrics``) and
asserts against a number in its code (``assert test_accuracy > 0.5``), one
row: the threshold, the value of each logged run (backend and Keras
version) and the worst run's margin as a factor (×1.25: a quarter above a
lower bound; ×1e4: ten thousand times below an upper one). A fast-mode
assertion that passes with a thin margin on one backend or version fails on
the next; this table is how to see it before it does.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NUMBER = r"([0-9][0-9_.eE+-]*)"


def thresholds(nb, expression: str) -> list[tuple[str, float]]:
    """The bounds the notebook's code asserts on ``expression``: (">" or "<", number)."""
    name = re.escape(expression)
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            if not line.lstrip().startswith("assert"):
                continue
            for match in re.finditer(rf"(?<![\w.]){name}\s*(>=?|<=?)\s*{NUMBER}", line):
                found.append((match.group(1)[0], float(match.group(2).replace("_", ""))))
            for match in re.finditer(rf"{NUMBER}\s*(<=?|>=?)\s*{name}(?![\w\[(])", line):
                found.append((">" if match.group(2)[0] == "<" else "<", float(match.group(1).replace("_", ""))))
    return found


def read_logs(paths: list[Path]) -> list[dict]:
    return [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def margin_rows(records: list[dict], notebooks: dict[str, Path]) -> tuple[list[str], list[dict]]:
    """The runs (column names) and one row per asserted result."""
    runs = sorted({record["keras"] for record in records})
    rows = []
    for name, path in notebooks.items():
        nb = nbformat.read(path, as_version=4)
        declared = nb.metadata.get("cnn_course", {}).get("metrics", {})
        for metric, expression in declared.items():
            for side, bound in thresholds(nb, expression):
                values = {record["keras"]: record["metrics"].get(metric) for record in records
                          if record["notebook"] == name}
                known = [v for v in values.values() if v is not None]
                # the margin as a factor: how many times the bound the worst value is (or the other way round)
                worst = (min(known) / bound if side == ">" else bound / max(known)) if known else None
                rows.append({"notebook": name, "metric": metric, "bound": f"{side} {bound:g}",
                             "values": values, "worst_margin": worst})
    return runs, rows


def markdown(runs: list[str], rows: list[dict]) -> str:
    lines = ["| notebook | result | asserted | " + " | ".join(runs) + " | worst margin (× bound) |",
             "| --- | --- | --- |" + " ---: |" * (len(runs) + 1)]
    for row in rows:
        cells = [f"{row['values'][run]:.4g}" if row["values"].get(run) is not None else "—" for run in runs]
        worst = f"×{row['worst_margin']:.3g}" if row["worst_margin"] is not None else "—"
        lines.append(f"| {row['notebook']} | {row['metric']} | {row['bound']} | " + " | ".join(cells)
                     + f" | {worst} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    paths = [Path(arg) for arg in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        print(__doc__.strip().splitlines()[0], "\nusage: python -m benchmarks.margins LOG.jsonl [...]", file=sys.stderr)
        return 2
    notebooks = {path.stem: path for path in sorted((ROOT / "notebooks").glob("*/*.ipynb"))}
    runs, rows = margin_rows(read_logs(paths), notebooks)
    print(markdown(runs, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
