"""The benchmark runner and the headless executor, on tiny notebooks."""

import json

import nbformat
import pytest

from benchmarks import execute, run
from tools import lessons, explorers


def tiny_notebook(path, source):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T"),
                                         nbformat.v4.new_code_cell(source)])
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nbformat.write(nb, path)


def test_execute_stores_outputs_and_runs_in_the_notebook_folder(tmp_path):
    source = tmp_path / "nb.ipynb"
    tiny_notebook(source, "import os, pathlib\nprint(pathlib.Path.cwd().name, os.environ['CNN_FAST'])")
    out = tmp_path / "out" / "nb.ipynb"
    execute.execute(source, out, fast=True)
    cell = nbformat.read(out, as_version=4).cells[1]
    assert cell.execution_count == 1
    assert cell.outputs[0]["text"] == f"{tmp_path.name} 1\n"
    assert "execution" not in cell.metadata


def test_execute_leaves_the_target_untouched_when_a_cell_fails(tmp_path):
    source = tmp_path / "nb.ipynb"
    tiny_notebook(source, "raise ValueError('boom')")
    before = source.read_text()
    with pytest.raises(SystemExit, match="a cell failed"):
        execute.execute(source, source, fast=True)
    assert source.read_text() == before
    assert not list(tmp_path.glob("*.part"))


def test_run_one_measures_time_and_memory_and_reports_failures(tmp_path):
    good, bad = tmp_path / "good.ipynb", tmp_path / "bad.ipynb"
    tiny_notebook(good, f"import sys\nsys.path.insert(0, {str(run.ROOT)!r})\n"
                        "from utils import runtime\nruntime.record_results('good', {'acc': 0.5})")
    tiny_notebook(bad, "1/0")
    results = tmp_path / "results"
    ok = run.run_one(good, tmp_path / "scratch" / "good.ipynb", results, fast=True, timeout=120)
    assert ok["ok"], ok["error"]
    assert ok["seconds"] > 0 and ok["peak_mb"] > 20
    assert json.loads((results / "good.json").read_text())["metrics"] == {"acc": 0.5}
    failed = run.run_one(bad, tmp_path / "scratch" / "bad.ipynb", results, fast=True, timeout=120)
    assert not failed["ok"] and "ZeroDivisionError" in failed["error"]


def test_targets_pass_fail_and_missing():
    runs = {"mlp_MNIST": {}, "mlp_CIFAR10": {}, "mlp_CIFAR10_gris": {}, "MNIST_Conv2D_MaxPool": {}}
    metrics = {"mlp_MNIST": {"test_accuracy": 0.98}, "mlp_CIFAR10": {"test_accuracy": 0.47},
               "mlp_CIFAR10_gris": {"test_accuracy": 0.41}}
    rows = {r["notebook"]: r for r in run.evaluate(runs, metrics)}
    assert rows["mlp_MNIST"]["pass"] and not rows["mlp_CIFAR10"]["pass"]
    assert rows["mlp_CIFAR10_gris"]["pass"]  # below the colour MLP
    assert rows["MNIST_Conv2D_MaxPool"]["value"] is None and not rows["MNIST_Conv2D_MaxPool"]["pass"]
    assert "mlp_MNIST_traslaciones" not in rows  # not run, not judged


def test_notebook_list_follows_the_lesson_table():
    everything = run.notebook_list([])
    assert [p.stem for p in everything][:2] == ["verImagen_RGB", "Convolucion_2D"]
    assert [p.stem for p in run.notebook_list(["Pooling"])] == ["Pooling"]
    with pytest.raises(SystemExit, match="not in the lesson table"):
        run.notebook_list(["NoSuchNotebook"])


def test_whole_course_rows():
    runs = {"a": {"seconds": 600.0, "peak_mb": 1200}, "b": {"seconds": 960.0, "peak_mb": 3500}}
    rows = {r["metric"]: r for r in run.course_rows(runs, {"ok": True, "seconds": 300.0}, complete=True)}
    assert rows["total minutes, full mode"]["value"] == 26 and not rows["total minutes, full mode"]["pass"]
    assert rows["peak memory MB"]["value"] == 3500 and not rows["peak memory MB"]["pass"]
    assert rows["minutes"]["pass"]
    partial = run.course_rows(runs, None, complete=False)
    assert [r["metric"] for r in partial] == ["peak memory MB"]


def test_peer_seconds_to_threshold():
    from benchmarks import peer

    trace = [{"epoch": 1, "seconds": 10.0, "test_accuracy": 0.985},
             {"epoch": 2, "seconds": 20.0, "test_accuracy": 0.9905},
             {"epoch": 3, "seconds": 30.0, "test_accuracy": 0.992}]
    assert peer.seconds_to(trace) == 20.0
    assert peer.seconds_to(trace, 0.995) is None
    assert peer.build_reference().count_params() == 34826  # the keras-io page's model


def test_report_paths_per_backend_and_mode(monkeypatch):
    monkeypatch.delenv("KERAS_BACKEND", raising=False)
    assert run.report_paths(fast=False) == (run.HERE / "RESULTS.md", run.HERE / "results.json")
    assert run.report_paths(fast=True)[0] == run.SCRATCH / "RESULTS.md"
    assert run.report_paths(fast=False, complete=False)[0] == run.SCRATCH / "RESULTS.md"  # some notebooks only
    monkeypatch.setenv("KERAS_BACKEND", "jax")
    assert run.report_paths(fast=False) == (run.HERE / "RESULTS-jax.md", run.HERE / "results-jax.json")


def test_execute_stores_only_the_static_fallback_of_an_explorer(tmp_path):
    # A real explorer: its widget renders figures into an ipywidgets.Output, which
    # nbclient routes through widget state (the path that once raised KeyError).
    source = tmp_path / "nb.ipynb"
    tiny_notebook(source, f"import sys\nsys.path.insert(0, {str(lessons.ROOT)!r})\n"
                          "import numpy as np\nfrom utils import explorers\n"
                          "explorers.PoolExplorer(np.arange(36.0).reshape(6, 6)).show()")
    execute.execute(source, source, fast=True)
    nb = nbformat.read(source, as_version=4)
    (output,) = nb.cells[1].outputs
    assert set(output["data"]) == {"text/plain", "image/png"}
    assert output["data"]["text/plain"] == explorers.FALLBACK_TEXT
    assert "widgets" not in nb.metadata


def test_execute_reports_each_code_cell_seconds_and_stores_none(tmp_path):
    source = tmp_path / "nb.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T"),
                                         nbformat.v4.new_code_cell("# a comment first\nimport time\ntime.sleep(0.6)"),
                                         nbformat.v4.new_code_cell("x = 1")])
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nbformat.write(nb, source)
    timings = execute.execute(source, tmp_path / "out.ipynb", fast=True)
    assert [t["cell"] for t in timings] == [1, 2]
    assert timings[0]["line"] == "import time"
    assert 0.6 <= timings[0]["seconds"] < 5 and timings[1]["seconds"] < 0.6
    assert all("execution" not in c.metadata for c in nbformat.read(tmp_path / "out.ipynb", as_version=4).cells)


def test_run_one_passes_the_artifacts_folder_and_returns_cell_seconds(tmp_path):
    source = tmp_path / "nb.ipynb"
    tiny_notebook(source, "import os, pathlib\n"
                          "pathlib.Path(os.environ['CNN_ARTIFACTS_DIR'], 'model.keras').write_text('m')")
    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    result = run.run_one(source, tmp_path / "out.ipynb", tmp_path / "results", fast=True, timeout=120,
                         artifacts_dir=artifacts)
    assert result["ok"], result["error"]
    assert (artifacts / "model.keras").read_text() == "m"
    assert [c["cell"] for c in result["cells"]] == [1]


def test_time_breakdown_names_the_slowest_cells_and_the_time_outside_them():
    runs = {"nb": {"seconds": 100.0, "cells": [{"cell": 3, "seconds": 60.0, "line": "model.fit(x | y)"},
                                               {"cell": 5, "seconds": 30.0, "line": "plot()"},
                                               {"cell": 7, "seconds": 1.0, "line": "a = 1"},
                                               {"cell": 9, "seconds": 2.0, "line": "b = 2"}]}}
    lines = run.time_breakdown(runs)
    row = next(line for line in lines if line.startswith("| nb |"))
    assert row == "| nb | 100.0 | 7 | 60 s in 3: `model.fit(x / y)`; 30 s in 5: `plot()`; 2 s in 9: `b = 2` |"


def test_the_next_notebook_reuses_the_saved_mlp_and_its_checks_still_hold(tmp_path):
    """mlp_MNIST saves its MLP; mlp_MNIST_traslaciones loads it instead of
    training, and its own assertions (the never-inked pixels keep exactly the
    seeded initial weights) pass on the loaded network."""
    artifacts, results = tmp_path / "artifacts", tmp_path / "results"
    for name in ("mlp_MNIST", "mlp_MNIST_traslaciones"):
        path = next(p for p in run.notebook_list([]) if p.stem == name)
        result = run.run_one(path, tmp_path / f"{name}.ipynb", results, fast=True, timeout=300,
                             artifacts_dir=artifacts)
        assert result["ok"], result["error"]
    assert (artifacts / "mlp_mnist.fast.keras").is_file()
    shifted = nbformat.read(tmp_path / "mlp_MNIST_traslaciones.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in shifted.cells if c.cell_type == "code" for o in c.outputs)
    assert "Pesos cargados de CNN_ARTIFACTS_DIR (mlp_mnist.fast.keras" in printed
    assert json.loads((results / "mlp_MNIST_traslaciones.json").read_text())["epochs"] is None  # not trained
