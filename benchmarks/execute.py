"""Execute one notebook headless, the way the tests and the benchmark do.

    python -m benchmarks.execute NOTEBOOK [--out PATH] [--fast] [--timeout S] [--timings JSON]

The kernel runs in the notebook's own folder with the course's test IPython
profile (TensorFlow's C++ logging kept out of cell outputs), in full mode
unless ``--fast``. ``--out`` defaults to the notebook itself: its stored
outputs are refreshed in place. A failing cell leaves the target untouched
and exits non-zero, naming the cell. ``--timings`` writes how long each code
cell took (the benchmark's "where the time goes"); the stored notebook keeps
no timing metadata.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IPYTHON_DIR = ROOT / "tests" / "ipython"


def kernel_environment(fast: bool, results_dir: Path | None = None, artifacts_dir: Path | None = None) -> dict:
    """The environment variables a notebook kernel is started with."""
    env = {
        "IPYTHONDIR": str(IPYTHON_DIR),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "CNN_FAST": "1" if fast else "0",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    if results_dir is not None:
        env["CNN_RESULTS_DIR"] = str(results_dir)
    if artifacts_dir is not None:
        env["CNN_ARTIFACTS_DIR"] = str(artifacts_dir)
    return env


def cell_seconds(nb) -> list[dict]:
    """Each executed code cell's wall seconds, from the timing metadata nbclient
    records: ``[{"cell": index, "seconds": s, "line": first source line}]``."""
    timings = []
    for index, cell in enumerate(nb.cells):
        stamps = cell.get("metadata", {}).get("execution", {})
        start, end = stamps.get("iopub.execute_input"), stamps.get("shell.execute_reply")
        if cell.cell_type != "code" or not (start and end):
            continue
        seconds = (dt.datetime.fromisoformat(end.replace("Z", "+00:00"))
                   - dt.datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()
        lines = [line for line in cell.source.splitlines() if line.strip() and not line.startswith("#")]
        timings.append({"cell": index, "seconds": round(seconds, 2), "line": lines[0][:80] if lines else ""})
    return timings


def execute(notebook: Path, out: Path, fast: bool = False, timeout: int = 3600,
            results_dir: Path | None = None, artifacts_dir: Path | None = None) -> list[dict]:
    """Run ``notebook``, write it with its outputs to ``out`` and return
    :func:`cell_seconds` of the run."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from utils.explorers import strip_widget_views

    notebook = Path(notebook).resolve()
    nb = nbformat.read(notebook, as_version=4)
    os.environ.update(kernel_environment(fast, results_dir, artifacts_dir))
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook.parent)}},
        record_timing=True,
        # nbclient's Output-widget hook needs the widget state it stores (KeyError
        # without it); strip_widget_views drops that state again below.
    )
    try:
        client.execute()
    except CellExecutionError as error:
        raise SystemExit(f"{notebook.name}: a cell failed; {out} left as it was\n{error}") from None
    timings = cell_seconds(nb)
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
    # A stored widget view cannot run without its kernel; keep the explorers' static figure instead.
    strip_widget_views(nb)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    nbformat.write(nb, tmp)
    os.replace(tmp, out)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--out", type=Path, help="where to write the executed notebook (default: in place)")
    parser.add_argument("--fast", action="store_true", help="fast mode (CNN_FAST=1)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per cell")
    parser.add_argument("--results-dir", type=Path, help="CNN_RESULTS_DIR for the kernel")
    parser.add_argument("--artifacts-dir", type=Path, help="CNN_ARTIFACTS_DIR for the kernel")
    parser.add_argument("--timings", type=Path, help="write each code cell's seconds to this JSON file")
    args = parser.parse_args(argv)
    if not args.notebook.is_file():
        parser.error(f"notebook {args.notebook} does not exist")
    timings = execute(args.notebook, args.out or args.notebook, fast=args.fast, timeout=args.timeout,
                      results_dir=args.results_dir, artifacts_dir=args.artifacts_dir)
    if args.timings:
        args.timings.write_text(json.dumps(timings, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
