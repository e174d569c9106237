"""Every notebook's full-mode seconds on the three Keras backends, side by side.

    python -m benchmarks.backends       # benchmarks/BACKENDS.md from results*.json

Each ``results[-<backend>].json`` is written by a whole-course full-mode run,
``KERAS_BACKEND=<backend> python -m benchmarks.run`` (TensorFlow's without the
suffix). The table is written only when the three runs executed the same
sources (the digest ``benchmarks.run.sources_digest`` records): otherwise the
seconds would compare different code, and the command says which run to redo.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BACKENDS = ("tensorflow", "jax", "torch")


def results_path(backend: str, folder: Path = HERE) -> Path:
    return folder / ("results.json" if backend == "tensorflow" else f"results-{backend}.json")


def load_runs(folder: Path = HERE) -> dict[str, dict]:
    """The three backends' results; raises ValueError saying what is missing or does not match."""
    runs, problems = {}, []
    for backend in BACKENDS:
        path = results_path(backend, folder)
        if not path.exists():
            problems.append(f"{path.name}: missing (run KERAS_BACKEND={backend} python -m benchmarks.run)")
            continue
        run = json.loads(path.read_text(encoding="utf-8"))
        if run.get("mode") != "full" or run.get("backend") != backend:
            problems.append(f"{path.name}: a {run.get('mode')} run on {run.get('backend')}, "
                            f"not a full run on {backend}")
        runs[backend] = run
    digests = {backend: run.get("sources") for backend, run in runs.items()}
    if len(set(digests.values())) > 1 or None in digests.values():
        shown = ", ".join(f"{b} {d}" for b, d in digests.items())
        problems.append(f"the runs executed different sources ({shown}): rerun the older ones on the same commit")
    if problems:
        raise ValueError("; ".join(problems))
    return runs


def table(runs: dict[str, dict]) -> list[str]:
    """The markdown lines: seconds per notebook and backend, the fastest, totals."""
    names = list(runs["tensorflow"]["notebooks"])
    lines = ["| notebook | " + " | ".join(f"{b} (s)" for b in BACKENDS) + " | fastest |",
             "| --- |" + " ---: |" * len(BACKENDS) + " --- |"]
    wins = dict.fromkeys(BACKENDS, 0)
    for name in names:
        seconds = {}
        for backend in BACKENDS:
            run = runs[backend]["notebooks"].get(name)
            seconds[backend] = run["seconds"] if run and run.get("ok") else None
        done = {b: s for b, s in seconds.items() if s is not None}
        fastest = min(done, key=done.get) if done else "—"
        if done:
            wins[fastest] += 1
        cells = [f"{s:.1f}" if s is not None else "failed" for s in seconds.values()]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {fastest} |")
    totals = [f"**{runs[b]['total_seconds'] / 60:.1f} min**" for b in BACKENDS]
    lines.append("| **whole course** | " + " | ".join(totals) + " | |")
    lines += ["", "Fastest on: " + ", ".join(f"{b} {n} notebook(s)" for b, n in wins.items()) + "."]
    return lines


def write(folder: Path = HERE) -> Path:
    runs = load_runs(folder)
    tf = runs["tensorflow"]
    dates = ", ".join(f"{b} ({runs[b]['date']})" for b in BACKENDS)
    head = ["# The notebooks on three Keras backends", "",
            f"Written by `python -m benchmarks.backends` from the whole-course full-mode runs of {dates}, "
            "all of the same sources "
            f"(digest {tf['sources']}). Machine: {tf['machine']}. Each notebook ran by itself in a fresh "
            "kernel; seconds are its wall time.", ""]
    out = folder / "BACKENDS.md"
    out.write_text("\n".join(head + table(runs)) + "\n", encoding="utf-8")
    return out


def main() -> int:
    try:
        out = write()
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
