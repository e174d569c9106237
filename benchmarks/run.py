"""The full-mode benchmark: execute every notebook headless, one after
another, each by itself in a fresh kernel, collect the results each declares
in its metadata (``metadata.cnn_course.metrics``), its wall time and its peak
memory, check the course's targets and write
``benchmarks/RESULTS.md`` and ``benchmarks/results.json``.

    python -m benchmarks.run                 # every notebook, the peer comparison, the fast tests
    python -m benchmarks.run --in-place      # the same, refreshing the notebooks' stored outputs
    python -m benchmarks.run mlp_MNIST ...   # some notebooks (names or paths); report in scratch/

Scratch copies go to ``benchmarks/scratch/`` (or ``--scratch DIR``) so the
committed notebooks are untouched unless ``--in-place``; a notebook given by a
path outside the lesson table is run the same way (in place with
``--in-place``). Before any kernel starts, the runner checks that it can write
every folder it will write to. A notebook is replaced only after it ran in
full; interrupted (SIGINT or SIGTERM, to the runner, to its executor or to the
whole group) the runner stops the executor and its kernel, exits 130 and says
which notebooks were refreshed and which were not. A run of every notebook also checks the
whole-course figures (total time, peak memory per notebook), runs the peer
comparison of ``benchmarks/peer.py`` and times the README's test command in
fast mode. Exits non-zero when a notebook fails or a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import execute
from benchmarks.machine import machine_description
from tools import lessons

ROOT = lessons.ROOT

HERE = ROOT / "benchmarks"
SCRATCH = HERE / "scratch"


@dataclass(frozen=True)
class Target:
    notebook: str
    metric: str
    goal: str  # as written in RESULTS.md
    check: Callable[[float, dict], bool]  # (value, every notebook's metrics) -> met?


def _at_least(x):
    return lambda value, _: value >= x


def _at_most(x):
    return lambda value, _: value <= x


def _reported(value, _):
    return value == value  # any number (not NaN) meets a "reported" target


TARGETS = (
    Target("mlp_MNIST", "test_accuracy", "≥ 0.975", _at_least(0.975)),
    Target("mlp_CIFAR10", "test_accuracy", "≥ 0.48", _at_least(0.48)),
    Target("mlp_CIFAR10_gris", "test_accuracy", "< mlp_CIFAR10",
           lambda value, all_: value < all_.get("mlp_CIFAR10", {}).get("test_accuracy", float("nan"))),
    Target("mlp_MNIST_traslaciones", "shifted_test_accuracy", "≤ 0.25", _at_most(0.25)),
    Target("mlp_MNIST_traslaciones", "test_accuracy", "reported (unshifted)", _reported),
    Target("MNIST_Conv2D_MaxPool", "cnn_test_accuracy", "≥ 0.990", _at_least(0.990)),
    Target("Como_aprende_una_CNN", "test_accuracy", "≥ 0.90", _at_least(0.90)),
    Target("LeNet5_MNIST", "test_accuracy", "≥ 0.990", _at_least(0.990)),
    Target("LeNet5_MNIST", "shifted_test_accuracy", "reported (it collapses)", _reported),
    Target("LeNet5_MNIST_mejor_configuracion", "test_accuracy", "≥ 0.992", _at_least(0.992)),
    Target("LeNet5_MNIST_mejor_configuracion", "shifted_test_accuracy", "≥ 0.985", _at_least(0.985)),
    Target("LeNet5_MNIST_mejor_configuracion", "worst_shift_accuracy", "≥ 0.97", _at_least(0.97)),
    Target("LeNet5_CIFAR10", "test_accuracy", "≥ 0.58", _at_least(0.58)),
    Target("LeNet5_CIFAR10", "improved_test_accuracy", "≥ 0.70", _at_least(0.70)),
    Target("Gradientes", "sigmoid_grad_ratio", "≤ 1e-3", _at_most(1e-3)),
    Target("Gradientes", "relu_grad_ratio", "reported (beside sigmoid's)", _reported),
)


COURSE_MINUTES = 30  # every notebook in full mode, one after another, each by itself
NOTEBOOK_MINUTES = 8  # any one notebook in full mode
NOTEBOOK_PEAK_MB = 3000  # resident memory of any one notebook's kernel
FAST_TESTS_MINUTES = 6  # the README's test command in fast mode


def notebook_list(names: list[str]) -> list[Path]:
    """The notebooks to run: every lesson, in the order of the lesson table,
    or the ones named (a lesson's name or path, or the path of any existing
    ``.ipynb`` file)."""
    ordered = lessons.lesson_paths()
    if not names:
        return ordered
    chosen = []
    for name in names:
        matches = [p for p in ordered if name in (p.stem, p.name, str(p.relative_to(ROOT)))]
        if not matches:
            path = Path(name).expanduser()
            if path.suffix != ".ipynb" or not path.is_file():
                raise SystemExit(f"notebook {name!r} is not in the lesson table (tools/lessons.py LESSONS) "
                                 "nor an existing .ipynb file")
            matches = [path.resolve()]
        chosen.extend(matches)
    return chosen


def output_path(path: Path, in_place: bool, scratch: Path = SCRATCH) -> Path:
    """Where the executed ``path`` is written: ``path`` itself with
    ``--in-place``, else its copy in the scratch folder (a notebook outside the
    repository goes to ``scratch/outside/``)."""
    if in_place:
        return path
    try:
        return scratch / path.relative_to(ROOT)
    except ValueError:
        return scratch / "outside" / path.name


def unwritable(folders) -> list[str]:
    """The folders among ``folders`` the runner could not write into, each
    with the reason. A folder that does not exist yet is judged by its nearest
    existing parent (the run creates it). Nothing is left behind."""
    problems = []
    for folder in dict.fromkeys(Path(f) for f in folders):
        existing = folder
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not existing.is_dir():
            problems.append(f"{folder}: {existing} is not a folder")
            continue
        try:
            with tempfile.TemporaryFile(dir=existing):
                pass
        except OSError as error:
            problems.append(f"{folder}: {error.strerror or error}")
    return problems


def _file_identity(path: Path):
    """What changes when a file is replaced (``os.replace`` gives a new inode)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def _child_dies_with_parent() -> None:
    """In the child, before exec: get SIGTERM if the runner dies (Linux), so
    an executor never outlives the run that started it."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


STOP_SECONDS = 60
"""How long an interrupted executor gets to shut its kernel down before SIGKILL."""

INTERRUPTED_STATUSES = {execute.INTERRUPTED_EXIT, -signal.SIGINT, -signal.SIGTERM}
"""Exit statuses of an executor that was interrupted (not one that failed)."""


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM the executor (it shuts its kernel down and exits), SIGKILL it if
    it takes longer than :data:`STOP_SECONDS` or on another Ctrl-C; then reap it."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except (subprocess.TimeoutExpired, KeyboardInterrupt):
        process.kill()
    while True:
        try:
            process.wait()
            return
        except KeyboardInterrupt:
            continue


def run_one(path: Path, out: Path, fast: bool, timeout: int) -> dict:
    """Execute one notebook in a child process; its declared results, wall
    seconds, the peak resident memory of the child and its kernel (ru_maxrss
    of wait4) and each code cell's seconds. Raises KeyboardInterrupt, after
    stopping the executor and its kernel, when the run or the executor is
    interrupted."""
    with tempfile.TemporaryDirectory(prefix="cnn-run-") as scratch:
        timings, metrics = Path(scratch) / "cells.json", Path(scratch) / "metrics.json"
        command = [sys.executable, "-m", "benchmarks.execute", str(path), "--out", str(out),
                   "--timeout", str(timeout), "--timings", str(timings), "--metrics", str(metrics)]
        command += ["--fast"] if fast else []
        start = time.perf_counter()
        with tempfile.TemporaryFile(mode="w+") as log:
            process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                       preexec_fn=_child_dies_with_parent)
            try:
                _, status, usage = os.wait4(process.pid, 0)
            except BaseException:  # Ctrl-C or SIGTERM to the runner: stop the child (and its kernel) first
                _stop(process)
                raise
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode in INTERRUPTED_STATUSES:  # the executor itself was interrupted
                raise KeyboardInterrupt
            log.seek(0)
            output = log.read()
        seconds = time.perf_counter() - start
        cells = json.loads(timings.read_text(encoding="utf-8")) if timings.exists() else []
        record = json.loads(metrics.read_text(encoding="utf-8")) if metrics.exists() else {}
    ok = process.returncode == 0
    return {"ok": ok, "seconds": round(seconds, 1), "peak_mb": round(usage.ru_maxrss / 1024),
            "cells": cells, "record": record,
            # the executor's own one-line reason is its last line; kernel chatter comes before it
            "error": None if ok else (output.strip().splitlines() or ["no output"])[-1]}


def time_breakdown(runs: dict, slowest: int = 3) -> list[str]:
    """RESULTS.md's "Where the time goes": per notebook, the time outside its
    cells (kernel start, imports) and its slowest code cells."""
    lines = ["## Where the time goes", "",
             "Wall seconds per notebook: outside the cells (kernel start, imports, saving) and the "
             f"{slowest} slowest code cells (cell index: first line).", "",
             "| notebook | seconds | outside cells | slowest cells |", "| --- | --- | --- | --- |"]
    for name, run in runs.items():
        cells = run.get("cells") or []
        outside = run["seconds"] - sum(c["seconds"] for c in cells)
        top = sorted(cells, key=lambda c: -c["seconds"])[:slowest]
        shown = "; ".join(f"{c['seconds']:.0f} s in {c['cell']}: `{c['line'].replace('|', '/')}`" for c in top)
        lines.append(f"| {name} | {run['seconds']} | {outside:.0f} | {shown} |")
    return [*lines, ""]


def time_fast_tests() -> dict:
    """Wall time of the README's test command (pytest, fast mode)."""
    env = {**os.environ, "CNN_FAST": "1"}
    start = time.perf_counter()
    process = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rf"], cwd=ROOT, env=env,
                             capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = process.stdout.strip().splitlines()
    summary = lines[-1] if lines else ""
    failed = [line.removeprefix("FAILED ") for line in lines if line.startswith("FAILED ")]
    return {"ok": process.returncode == 0, "seconds": round(seconds, 1), "summary": summary, "failed": failed}


def course_rows(runs: dict, tests: dict | None, complete: bool) -> list[dict]:
    """The whole-course targets: total time, peak memory, fast tests."""
    rows = []
    slowest = max(runs, key=lambda name: runs[name]["seconds"], default=None)
    if slowest is not None:
        rows.append({"notebook": f"(slowest: {slowest})", "metric": "minutes, full mode",
                     "value": runs[slowest]["seconds"] / 60, "target": f"≤ {NOTEBOOK_MINUTES}",
                     "pass": runs[slowest]["seconds"] <= NOTEBOOK_MINUTES * 60})
    if complete:
        total = sum(r["seconds"] for r in runs.values())
        rows.append({"notebook": "(all notebooks)", "metric": "total minutes, full mode",
                     "value": total / 60, "target": f"≤ {COURSE_MINUTES}", "pass": total <= COURSE_MINUTES * 60})
    peak = max((r["peak_mb"] for r in runs.values()), default=0)
    rows.append({"notebook": "(any notebook)", "metric": "peak memory MB", "value": float(peak),
                 "target": f"≤ {NOTEBOOK_PEAK_MB}", "pass": peak <= NOTEBOOK_PEAK_MB})
    if tests is not None:
        rows.append({"notebook": "(make test, fast)", "metric": "minutes", "value": tests["seconds"] / 60,
                     "target": f"≤ {FAST_TESTS_MINUTES}",
                     "pass": tests["ok"] and tests["seconds"] <= FAST_TESTS_MINUTES * 60})
    return rows


def evaluate(runs: dict, metrics: dict) -> list[dict]:
    rows = []
    for target in TARGETS:
        if target.notebook not in runs:
            continue
        value = metrics.get(target.notebook, {}).get(target.metric)
        met = value is not None and bool(target.check(value, metrics))
        rows.append({"notebook": target.notebook, "metric": target.metric, "value": value,
                     "target": target.goal, "pass": met})
    return rows


def sources_digest(root: Path = ROOT) -> str:
    """A digest of what a run executes: every teacher's notebook's code cells
    (not their outputs, nor the prose) and the course package. Two runs with
    the same digest ran the same code, whatever their stored outputs and
    however their text was edited since (an opening's run time, say, is
    written from a run's own results); benchmarks/backends.py compares runs
    on different backends by it."""
    import hashlib

    import nbformat

    digest = hashlib.sha256()
    for path in lessons.notebook_paths(root):
        digest.update(path.relative_to(root).as_posix().encode())
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                digest.update(cell.source.encode())
    for path in sorted((Path(root) / "utils").rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def keras_backend() -> str:
    return os.environ.get("KERAS_BACKEND", "tensorflow")


def report_paths(fast: bool, complete: bool = True, scratch: Path = SCRATCH) -> tuple[Path, Path]:
    """RESULTS.md and results.json. A fast run, or a run of some notebooks
    only, writes to the scratch folder (it never overwrites the committed
    whole-course results); another Keras backend gets its own files
    (RESULTS-jax.md)."""
    folder = scratch if fast or not complete else HERE
    suffix = "" if keras_backend() == "tensorflow" else f"-{keras_backend()}"
    return folder / f"RESULTS{suffix}.md", folder / f"results{suffix}.json"


def _rounded(value) -> str:
    return "" if value is None else f"{value:.1f}"


def write_report(runs: dict, metrics: dict, rows: list[dict], records: dict, fast: bool,
                 extra: list[str] = (), extra_json: dict | None = None, complete: bool = True,
                 scratch: Path = SCRATCH) -> None:
    machine = machine_description()
    date = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    total = sum(r["seconds"] for r in runs.values())
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python -m benchmarks.run` ({'FAST mode: not a benchmark' if fast else 'full mode'}) "
        f"on {date}.",
        f"Machine: {machine}. Keras backend: {keras_backend()}. Sources digest: {sources_digest()}.",
        "",
        "## Targets",
        "",
        "| notebook | metric | value | target | pass | seconds |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        value = "missing" if row["value"] is None else f"{row['value']:.4g}"
        seconds = runs[row["notebook"]]["seconds"] if row["notebook"] in runs else ""
        lines.append(f"| {row['notebook']} | {row['metric']} | {value} | {row['target']} | "
                     f"{'pass' if row['pass'] else 'FAIL'} | {seconds} |")
    if not rows:
        lines.append("| (no targets among the notebooks run) | | | | | |")
    lines += [
        "",
        "## Every notebook",
        "",
        "| notebook | ran | seconds | peak memory (MB) | epochs | training seconds | metrics |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, run in runs.items():
        details = records.get(name, {}).get("details", {})
        shown = ", ".join(f"{k} = {v:.4g}" if isinstance(v, float) else f"{k} = {v}"
                          for k, v in metrics.get(name, {}).items())
        lines.append(f"| {name} | {'ok' if run['ok'] else 'FAILED'} | {run['seconds']} | {run['peak_mb']} | "
                     f"{details.get('epochs') or ''} | {_rounded(details.get('train_seconds'))} | {shown} |")
    lines += ["", f"Total wall time: {total:.0f} s ({total / 60:.1f} min) for {len(runs)} notebook(s).", ""]
    lines += time_breakdown(runs)
    lines += list(extra)
    markdown, json_path = report_paths(fast, complete, scratch)
    markdown.parent.mkdir(parents=True, exist_ok=True)
    markdown.write_text("\n".join(lines), encoding="utf-8")
    summary = {"date": date, "machine": machine, "backend": keras_backend(), "sources": sources_digest(),
               "mode": "fast" if fast else "full",
               "total_seconds": round(total, 1), "notebooks": runs, "records": records, "targets": rows,
               **(extra_json or {})}
    json_path.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _sigterm_as_interrupt(signum, frame):
    raise KeyboardInterrupt


def refresh_summary(paths: list[Path], status: dict[str, str], in_place: bool) -> str:
    """What a run did to each notebook, in one line: with ``--in-place``
    ``Refreshed: a, b. Not refreshed: c (failed), d (interrupted), e (not run).``"""
    done = [p.stem for p in paths if status.get(p.stem) == "ok"]
    left = [f"{p.stem} ({status.get(p.stem, 'not run')})" for p in paths if status.get(p.stem) != "ok"]
    if in_place:
        return f"Refreshed: {', '.join(done) or 'none'}. Not refreshed: {', '.join(left) or 'none'}."
    return f"Ran: {', '.join(done) or 'none'}. Not run to the end: {', '.join(left) or 'none'}."


def main(argv: list[str] | None = None) -> int:
    # A runner started in the background of a non-interactive shell (`cmd &`,
    # nohup, CI scripts) inherits SIGINT ignored; Ctrl-C and kill -INT must
    # still stop it, its executor and its kernel.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _sigterm_as_interrupt)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="lesson names, or paths of .ipynb files (default: every lesson)")
    parser.add_argument("--in-place", action="store_true", help="refresh the notebooks' stored outputs")
    parser.add_argument("--fast", action="store_true", help="fast mode, to try the runner itself")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per cell")
    parser.add_argument("--scratch", type=Path, default=SCRATCH,
                        help="folder for the scratch copies and a partial run's report (default: benchmarks/scratch)")
    parser.add_argument("--no-peer", action="store_true", help="skip the peer comparison")
    parser.add_argument("--no-tests", action="store_true", help="skip timing the fast test command")
    args = parser.parse_args(argv)
    complete = not args.notebooks
    scratch = args.scratch.resolve()

    if args.in_place and args.fast:
        parser.error("--in-place refuses --fast: the committed notebooks keep full-mode outputs only")
    if args.timeout < 1:
        parser.error(f"--timeout {args.timeout}: expected a positive number of seconds")

    paths = notebook_list(args.notebooks)
    outs = {path: output_path(path, args.in_place, scratch) for path in paths}
    report_folder = report_paths(args.fast, complete, scratch)[0].parent
    problems = unwritable([*(out.parent for out in outs.values()), report_folder, Path(tempfile.gettempdir())])
    if problems:
        print("benchmarks.run: cannot write where this run would write; nothing was run.\n  "
              + "\n  ".join(problems) + "\nFix the folder's permissions, or give another --scratch.",
              file=sys.stderr)
        return 2

    runs, status = {}, {}
    current = None
    try:
        for i, path in enumerate(paths, 1):
            out = outs[path]
            current, before = path, _file_identity(out)
            print(f"[{i}/{len(paths)}] {path.stem} ...", end=" ", flush=True)
            try:
                run = run_one(path, out, args.fast, args.timeout)
            except KeyboardInterrupt:
                # the executor writes only after a complete run: a new file means it finished
                status[path.stem] = "ok" if _file_identity(out) != before else "interrupted"
                raise
            runs[path.stem] = run
            status[path.stem] = "ok" if run["ok"] else "failed"
            print(f"{'ok' if run['ok'] else 'FAILED'} in {run['seconds']} s, peak {run['peak_mb']} MB", flush=True)
            if not run["ok"]:
                print(run["error"], file=sys.stderr)
        current = None

        records = {name: run["record"] for name, run in runs.items() if run["record"]}
        metrics = {name: {k: v for k, v in record.get("metrics", {}).items() if v is not None}
                   for name, record in records.items()}
        rows = evaluate(runs, metrics)
        extra, extra_json = [], {}
        if complete and not args.no_peer and not args.fast:
            from benchmarks import peer

            print("peer comparison on MNIST ...", flush=True)
            result = peer.run()
            extra += peer.markdown(result)
            extra_json["peer"] = result
            rows.append({"notebook": "(peer comparison)", "metric": "course / reference seconds to 0.990",
                         "value": result["ratio"], "target": f"≤ {peer.TARGET_RATIO}", "pass": result["pass"]})
        tests = None
        if complete and not args.no_tests:
            print("timing the fast test command (python -m pytest) ...", flush=True)
            tests = time_fast_tests()
            print(f"  {tests['summary']} in {tests['seconds']} s", flush=True)
            for name in tests["failed"]:
                print(f"  FAILED {name}", flush=True)
            extra += ["## The README's test command", "", f"`make test` (fast mode): {tests['summary']} "
                      f"in {tests['seconds']} s.", "", *(f"- failed: `{name}`" for name in tests["failed"]), ""]
            extra_json["fast_tests"] = tests
    except KeyboardInterrupt:
        where = (f"stopped {current.stem} and its kernel" if current is not None
                 else "every notebook had run; no report written")
        print(f"\ninterrupted: {where}. {refresh_summary(paths, status, args.in_place)}", file=sys.stderr)
        return 130

    rows += course_rows(runs, tests, complete)
    write_report(runs, metrics, rows, records, args.fast, extra, extra_json, complete, scratch)
    for row in rows:
        value = "missing" if row["value"] is None else f"{row['value']:.4g}"
        print(f"{'pass' if row['pass'] else 'FAIL'}  {row['notebook']}.{row['metric']} = {value} "
              f"(target {row['target']})")
    total = sum(r["seconds"] for r in runs.values())
    report = report_paths(args.fast, complete, scratch)[0]
    shown = report.relative_to(ROOT) if report.is_relative_to(ROOT) else report
    print(f"total {total:.0f} s; report in {shown}")
    if args.in_place:
        print(refresh_summary(paths, status, args.in_place))
    failed = [n for n, r in runs.items() if not r["ok"]] + [r["notebook"] for r in rows if not r["pass"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
