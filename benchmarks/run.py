"""The full-mode benchmark: execute every notebook headless, one after
another, each by itself in a fresh kernel, collect the results each declares
in its metadata (``metadata.cnn_course.metrics``), its wall time and its peak
memory, check the course's targets and write
``benchmarks/RESULTS.md`` and ``benchmarks/results.json``.

    python -m benchmarks.run                 # every notebook, the peer comparison, the fast tests
    python -m benchmarks.run --in-place      # the same, refreshing the notebooks' stored outputs
    python -m benchmarks.run mlp_MNIST ...   # some notebooks (names or paths); report in scratch/

Scratch copies go to ``benchmarks/scratch/`` so the committed notebooks are
untouched unless ``--in-place``. A run of every notebook also checks the
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
    """The notebooks to run, in the order of the lesson table."""
    ordered = lessons.lesson_paths()
    if not names:
        return ordered
    chosen = []
    for name in names:
        matches = [p for p in ordered if name in (p.stem, p.name, str(p.relative_to(ROOT)))]
        if not matches:
            raise SystemExit(f"notebook {name!r} is not in the lesson table (tools/lessons.py LESSONS)")
        chosen.extend(matches)
    return chosen


def _child_dies_with_parent() -> None:
    """In the child, before exec: get SIGTERM if the runner dies (Linux), so
    an executor never outlives the run that started it."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def run_one(path: Path, out: Path, fast: bool, timeout: int) -> dict:
    """Execute one notebook in a child process; its declared results, wall
    seconds, the peak resident memory of the child and its kernel (ru_maxrss
    of wait4) and each code cell's seconds."""
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
                process.terminate()
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                raise
            process.returncode = os.waitstatus_to_exitcode(status)
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
    process = subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=ROOT, env=env,
                             capture_output=True, text=True)
    seconds = time.perf_counter() - start
    summary = process.stdout.strip().splitlines()[-1] if process.stdout.strip() else ""
    return {"ok": process.returncode == 0, "seconds": round(seconds, 1), "summary": summary}


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


def keras_backend() -> str:
    return os.environ.get("KERAS_BACKEND", "tensorflow")


def report_paths(fast: bool, complete: bool = True) -> tuple[Path, Path]:
    """RESULTS.md and results.json. A fast run, or a run of some notebooks
    only, writes to the scratch folder (it never overwrites the committed
    whole-course results); another Keras backend gets its own files
    (RESULTS-jax.md)."""
    folder = SCRATCH if fast or not complete else HERE
    suffix = "" if keras_backend() == "tensorflow" else f"-{keras_backend()}"
    return folder / f"RESULTS{suffix}.md", folder / f"results{suffix}.json"


def _rounded(value) -> str:
    return "" if value is None else f"{value:.1f}"


def write_report(runs: dict, metrics: dict, rows: list[dict], records: dict, fast: bool,
                 extra: list[str] = (), extra_json: dict | None = None, complete: bool = True) -> None:
    machine = machine_description()
    date = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    total = sum(r["seconds"] for r in runs.values())
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python -m benchmarks.run` ({'FAST mode: not a benchmark' if fast else 'full mode'}) "
        f"on {date}.",
        f"Machine: {machine}. Keras backend: {keras_backend()}.",
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
    markdown, json_path = report_paths(fast, complete)
    markdown.parent.mkdir(parents=True, exist_ok=True)
    markdown.write_text("\n".join(lines), encoding="utf-8")
    summary = {"date": date, "machine": machine, "backend": keras_backend(), "mode": "fast" if fast else "full",
               "total_seconds": round(total, 1), "notebooks": runs, "records": records, "targets": rows,
               **(extra_json or {})}
    json_path.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _sigterm_as_interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _sigterm_as_interrupt)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="names or paths (default: every notebook)")
    parser.add_argument("--in-place", action="store_true", help="refresh the committed notebooks' outputs")
    parser.add_argument("--fast", action="store_true", help="fast mode, to try the runner itself")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per cell")
    parser.add_argument("--no-peer", action="store_true", help="skip the peer comparison")
    parser.add_argument("--no-tests", action="store_true", help="skip timing the fast test command")
    args = parser.parse_args(argv)
    complete = not args.notebooks

    if args.in_place and args.fast:
        parser.error("--in-place refuses --fast: the committed notebooks keep full-mode outputs only")

    paths = notebook_list(args.notebooks)
    runs = {}
    refreshed = []
    try:
        for i, path in enumerate(paths, 1):
            out = path if args.in_place else SCRATCH / path.relative_to(ROOT)
            print(f"[{i}/{len(paths)}] {path.stem} ...", end=" ", flush=True)
            run = run_one(path, out, args.fast, args.timeout)
            runs[path.stem] = run
            print(f"{'ok' if run['ok'] else 'FAILED'} in {run['seconds']} s, peak {run['peak_mb']} MB", flush=True)
            if run["ok"]:
                refreshed.append(path.stem)
            else:
                print(run["error"], file=sys.stderr)
    except KeyboardInterrupt:
        print(f"\ninterrupted: stopped the running notebook, which was left as it was. "
              f"{'Refreshed' if args.in_place else 'Ran'}: {', '.join(refreshed) or 'none'}.", file=sys.stderr)
        return 130

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
        extra += ["## The README's test command", "", f"`make test` (fast mode): {tests['summary']} "
                  f"in {tests['seconds']} s.", ""]
        extra_json["fast_tests"] = tests
    rows += course_rows(runs, tests, complete)
    write_report(runs, metrics, rows, records, args.fast, extra, extra_json, complete)
    for row in rows:
        value = "missing" if row["value"] is None else f"{row['value']:.4g}"
        print(f"{'pass' if row['pass'] else 'FAIL'}  {row['notebook']}.{row['metric']} = {value} "
              f"(target {row['target']})")
    total = sum(r["seconds"] for r in runs.values())
    report = report_paths(args.fast, complete)[0]
    print(f"total {total:.0f} s; report in {report.relative_to(ROOT)}")
    failed = [n for n, r in runs.items() if not r["ok"]] + [r["notebook"] for r in rows if not r["pass"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
