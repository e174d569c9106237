"""Execute one notebook headless, the way the benchmark runner does.

    python -m benchmarks.execute NOTEBOOK [--out PATH] [--fast] [--timeout S] [--metrics JSON] [--timings JSON]

The kernel runs in the notebook's own folder with the course's test IPython
profile (TensorFlow's C++ logging kept out of cell outputs), in full mode
unless ``--fast``. ``--out`` defaults to the notebook itself. The target is
written only after every cell ran without error, by an atomic replace: a
failing cell, a dying kernel, a timeout or an interruption leaves it as it
was, and the reason is one line.

``--metrics`` writes what the notebook declares as its results in its
metadata (``metadata.cnn_course.metrics``: name -> expression, and optional
``details`` such as epochs and training seconds), read from the kernel by a
cell appended to the run and removed before saving: no lesson cell serves
the benchmark. ``--timings`` writes each code cell's seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IPYTHON_DIR = ROOT / "tests" / "ipython"
WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"


class ExecutionFailed(Exception):
    """A notebook did not run to the end; the message is one line."""


def kernel_environment(fast: bool) -> dict:
    """The environment variables a notebook kernel is started with."""
    return {
        "IPYTHONDIR": str(IPYTHON_DIR),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "CNN_FAST": "1" if fast else "0",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }


def declared_results(nb) -> dict:
    """``metadata.cnn_course``'s ``metrics`` and ``details`` (name -> expression)."""
    spec = nb.metadata.get("cnn_course", {})
    return {group: dict(spec.get(group, {})) for group in ("metrics", "details")}


def collector_source(spec: dict, path: Path) -> str:
    """The cell appended to a run: evaluate each declared expression in the
    kernel and write them to ``path`` as JSON (a name not defined, as in an
    optional section that did not run, gives null)."""
    return f'''
import json as _cnn_json, sys as _cnn_sys
_cnn_out = {{"metrics": {{}}, "details": {{}}}}
for _cnn_group, _cnn_exprs in {spec!r}.items():
    for _cnn_name, _cnn_expr in _cnn_exprs.items():
        try:
            _cnn_value = eval(_cnn_expr)
        except NameError:
            _cnn_value = None
        _cnn_out[_cnn_group][_cnn_name] = _cnn_value.item() if hasattr(_cnn_value, "item") else _cnn_value
if "keras" in _cnn_sys.modules:
    _cnn_out["keras"] = f"{{_cnn_sys.modules['keras'].__version__}} ({{_cnn_sys.modules['keras'].backend.backend()}})"
with open({str(path)!r}, "w", encoding="utf-8") as _cnn_f:
    _cnn_json.dump(_cnn_out, _cnn_f)
'''.strip()


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


def strip_widget_views(nb) -> int:
    """Drop live-widget views (and saved widget state) from the stored outputs,
    keeping the explorers' static figure; returns how many."""
    removed = 0
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            if WIDGET_VIEW_MIMETYPE in output.get("data", {}):
                del output["data"][WIDGET_VIEW_MIMETYPE]
                removed += 1
    nb.get("metadata", {}).pop("widgets", None)
    return removed


def _failed_cell(nb) -> str:
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return f"cell {index} raised {output.get('ename')}: {str(output.get('evalue'))[:200]}"
    return "a cell failed"


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt


def execute(notebook: Path, out: Path, fast: bool = False, timeout: int = 3600,
            metrics: Path | None = None) -> list[dict]:
    """Run ``notebook``; only if every cell ran, write it with its outputs to
    ``out`` (atomically) and ``metrics`` (its declared results); return
    :func:`cell_seconds`. Raises :class:`ExecutionFailed` otherwise."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    notebook, out = Path(notebook).resolve(), Path(out).resolve()
    nb = nbformat.read(notebook, as_version=4)
    spec = declared_results(nb)
    collect = metrics is not None and any(spec.values())
    part = Path(str(metrics) + ".part") if collect else None
    if collect:
        nb.cells.append(nbformat.v4.new_code_cell(collector_source(spec, part)))
    os.environ.update(kernel_environment(fast))
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook.parent)}},
        record_timing=True,
        # nbclient's Output-widget hook needs the widget state it stores (KeyError
        # without it); strip_widget_views drops that state again below.
    )
    previous = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    try:
        client.execute()  # shuts the kernel down on the way out, whatever happens
    except CellExecutionError:
        raise ExecutionFailed(f"{notebook.name}: {_failed_cell(nb)}") from None
    except CellTimeoutError:
        raise ExecutionFailed(f"{notebook.name}: a cell ran longer than {timeout} s") from None
    except DeadKernelError:
        raise ExecutionFailed(f"{notebook.name}: the kernel died (out of memory?)") from None
    except KeyboardInterrupt:
        raise ExecutionFailed(f"{notebook.name}: interrupted") from None
    finally:
        signal.signal(signal.SIGTERM, previous)
        if part is not None and part.exists() and not part.stat().st_size:
            part.unlink()
    if collect:
        nb.cells.pop()
    timings = cell_seconds(nb)
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
    strip_widget_views(nb)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.part")
    try:
        nbformat.write(nb, tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    if collect:
        os.replace(part, metrics)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--out", type=Path, help="where to write the executed notebook (default: in place)")
    parser.add_argument("--fast", action="store_true", help="fast mode (CNN_FAST=1)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per cell")
    parser.add_argument("--metrics", type=Path, help="write the notebook's declared results to this JSON file")
    parser.add_argument("--timings", type=Path, help="write each code cell's seconds to this JSON file")
    args = parser.parse_args(argv)
    if not args.notebook.is_file():
        parser.error(f"notebook {args.notebook} does not exist")
    out = args.out or args.notebook
    if args.fast and out.resolve() == args.notebook.resolve() and ROOT / "notebooks" in out.resolve().parents:
        parser.error("fast mode never writes into a committed notebook: give --out")
    try:
        timings = execute(args.notebook, out, fast=args.fast, timeout=args.timeout, metrics=args.metrics)
    except ExecutionFailed as error:
        print(f"{error}; {out} left as it was", file=sys.stderr)
        return 1
    if args.timings:
        args.timings.write_text(json.dumps(timings, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
