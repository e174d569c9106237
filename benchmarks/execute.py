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
import asyncio
import contextlib
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


class Interrupted(ExecutionFailed):
    """SIGINT or SIGTERM stopped the run (its kernel shut down first)."""


INTERRUPTED_EXIT = 130
"""The executor's exit status when interrupted (the shell's 128 + SIGINT)."""


_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _run_until_signalled(client) -> None:
    """``client.async_execute()`` in an event loop of its own, stopped cleanly
    by SIGINT or SIGTERM.

    The loop's signal handlers are ours: the first signal cancels the run, so
    nbclient's clean-up (shut the kernel down, remove its connection file) runs
    to the end; a second signal is ignored rather than cutting that short.
    (nbclient installs handlers of its own that shut the kernel down under the
    running cell and then fail on the dead kernel; they are not installed.)
    Whatever happens, the kernel this client started is gone on return.
    Raises :class:`Interrupted` after a signal, nbclient's exception otherwise."""
    loop = asyncio.new_event_loop()
    loop_class = type(loop)
    signalled: list[int] = []
    task = None

    def stop(signum):
        if not signalled:
            signalled.append(signum)
            client.shutdown_kernel = "immediate"
            if task is not None:
                task.cancel()

    async def run():
        try:
            await client.async_execute()
        finally:
            await _stop_kernel(client)

    previous = {signum: signal.getsignal(signum) for signum in _SIGNALS}
    try:
        with contextlib.suppress(ValueError, RuntimeError):  # only the main thread can take signals
            for signum in _SIGNALS:
                loop.add_signal_handler(signum, stop, signum)
        loop.add_signal_handler = lambda *args, **kwargs: None  # nbclient's own: not installed
        loop.remove_signal_handler = lambda *args, **kwargs: False
        task = loop.create_task(run())
        try:
            loop.run_until_complete(task)
        except BaseException:
            if not signalled:
                raise
        if signalled:  # also when the signal came after the last cell: the run was stopped
            raise Interrupted(f"interrupted by {signal.Signals(signalled[0]).name}")
    finally:
        try:
            pending = asyncio.all_tasks(loop)  # nbclient's pollers of the last cell
            for leftover in pending:
                leftover.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            for signum in _SIGNALS:
                if loop_class.remove_signal_handler(loop, signum):
                    signal.signal(signum, previous[signum])
            loop.close()


async def _stop_kernel(client) -> None:
    """Kill the client's kernel if nbclient left one (a signal while it was
    starting); best effort, the kernel's own parent poller being the last resort."""
    from nbclient.util import ensure_async

    km = getattr(client, "km", None)
    if km is None:  # nbclient shut it down and let it go
        return
    with contextlib.suppress(Exception):
        if km.has_kernel and await ensure_async(km.is_alive()):
            await ensure_async(km.shutdown_kernel(now=True))
    with contextlib.suppress(Exception):
        await ensure_async(km.cleanup_resources())


def execute(notebook: Path, out: Path, fast: bool = False, timeout: int = 3600,
            metrics: Path | None = None) -> list[dict]:
    """Run ``notebook``; only if every cell ran, write it with its outputs to
    ``out`` (atomically) and ``metrics`` (its declared results); return
    :func:`cell_seconds`. Raises :class:`ExecutionFailed` otherwise
    (:class:`Interrupted` for SIGINT or SIGTERM), with a one-line message, after
    shutting the kernel down."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    class _Client(NotebookClient):
        async def _async_handle_timeout(self, timeout, cell=None):
            # The kernel is still busy in the cell: kill it rather than ask it to
            # shut down (it would answer the interrupted cell on closed sockets).
            self.shutdown_kernel = "immediate"
            return await super()._async_handle_timeout(timeout, cell)

    notebook, out = Path(notebook).resolve(), Path(out).resolve()
    nb = nbformat.read(notebook, as_version=4)
    spec = declared_results(nb)
    collect = metrics is not None and any(spec.values())
    part = Path(str(metrics) + ".part") if collect else None
    if collect:
        nb.cells.append(nbformat.v4.new_code_cell(collector_source(spec, part)))
    os.environ.update(kernel_environment(fast))
    client = _Client(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook.parent)}},
        record_timing=True,
        # nbclient's Output-widget hook needs the widget state it stores (KeyError
        # without it); strip_widget_views drops that state again below.
    )
    try:
        _run_until_signalled(client)
    except BaseException as error:
        if part is not None:
            part.unlink(missing_ok=True)
        if isinstance(error, Interrupted):
            raise Interrupted(f"{notebook.name}: {error}") from None
        if isinstance(error, KeyboardInterrupt):  # before the event loop took the signals over
            raise Interrupted(f"{notebook.name}: interrupted") from None
        if isinstance(error, CellExecutionError):
            raise ExecutionFailed(f"{notebook.name}: {_failed_cell(nb)}") from None
        if isinstance(error, CellTimeoutError):
            raise ExecutionFailed(f"{notebook.name}: a cell ran longer than {timeout} s (--timeout)") from None
        if isinstance(error, DeadKernelError):
            raise ExecutionFailed(f"{notebook.name}: the kernel died (killed, or out of memory)") from None
        raise
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
        return INTERRUPTED_EXIT if isinstance(error, Interrupted) else 1
    except KeyboardInterrupt:  # after the run, while writing: the target is whole, old or new
        print(f"{args.notebook.name}: interrupted", file=sys.stderr)
        return INTERRUPTED_EXIT
    if args.timings:
        args.timings.write_text(json.dumps(timings, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
