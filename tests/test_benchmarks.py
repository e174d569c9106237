"""The benchmark runner and the headless executor, on tiny notebooks
(interrupted runs: tests/test_interrupts.py)."""

from pathlib import Path

import nbformat
import pytest

from benchmarks import execute, run
from utils import explorers


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
    with pytest.raises(execute.ExecutionFailed, match="cell 1 raised ValueError: boom"):
        execute.execute(source, source, fast=True)
    assert source.read_text() == before
    assert not list(tmp_path.glob("*.part"))


def test_run_one_collects_the_declared_metrics_time_and_memory(tmp_path):
    good, bad = tmp_path / "good.ipynb", tmp_path / "bad.ipynb"
    tiny_notebook(good, "import numpy as np\nacc = np.float32(0.5)\nepochs = 3")
    nb = nbformat.read(good, as_version=4)
    nb.metadata["cnn_course"] = {"metrics": {"acc": "acc", "half": "acc / 2", "optional": "not_defined"},
                                 "details": {"epochs": "epochs"}}
    nbformat.write(nb, good)
    tiny_notebook(bad, "1/0")
    ok = run.run_one(good, tmp_path / "scratch" / "good.ipynb", fast=True, timeout=120)
    assert ok["ok"], ok["error"]
    assert ok["seconds"] > 0 and ok["peak_mb"] > 20
    assert ok["record"]["metrics"] == {"acc": 0.5, "half": 0.25, "optional": None}
    assert ok["record"]["details"] == {"epochs": 3}
    stored = nbformat.read(tmp_path / "scratch" / "good.ipynb", as_version=4)
    assert len(stored.cells) == 2, "the collecting cell is not saved"
    failed = run.run_one(bad, tmp_path / "scratch" / "bad.ipynb", fast=True, timeout=120)
    assert not failed["ok"] and "ZeroDivisionError" in failed["error"]
    assert failed["error"].count("\n") == 0, "a failing notebook is reported in one line"
    assert not (tmp_path / "scratch" / "bad.ipynb").exists()


def test_in_place_refuses_fast_mode(capsys):
    with pytest.raises(SystemExit):
        run.main(["--in-place", "--fast", "Pooling"])
    assert "--in-place refuses --fast" in capsys.readouterr().err


def test_execute_refuses_to_write_fast_outputs_into_a_committed_notebook(capsys):
    notebook = run.notebook_list(["Pooling"])[0]
    with pytest.raises(SystemExit):
        execute.main([str(notebook), "--fast"])
    assert "fast mode never writes into a committed notebook" in capsys.readouterr().err


def test_strip_widget_views_keeps_the_fallback():
    notebook = {"metadata": {"widgets": {"state": {}}}, "cells": [
        {"cell_type": "code", "outputs": [{"output_type": "display_data", "data": {
            execute.WIDGET_VIEW_MIMETYPE: {"model_id": "x"}, "image/png": "...", "text/plain": "t"}}]},
        {"cell_type": "markdown"},
    ]}
    assert execute.strip_widget_views(notebook) == 1
    assert notebook["cells"][0]["outputs"][0]["data"] == {"image/png": "...", "text/plain": "t"}
    assert "widgets" not in notebook["metadata"]


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


def test_notebook_list_takes_any_existing_notebook_path(tmp_path):
    outside = tmp_path / "mine.ipynb"
    tiny_notebook(outside, "x = 1")
    assert run.notebook_list([str(outside), "Pooling"]) == [outside.resolve(), *run.notebook_list(["Pooling"])]
    (tmp_path / "notes.txt").write_text("x")
    for bad in (tmp_path / "missing.ipynb", tmp_path / "notes.txt", tmp_path):
        with pytest.raises(SystemExit, match=r"nor an existing \.ipynb file"):
            run.notebook_list([str(bad)])


def test_output_path_in_place_in_scratch_and_outside_the_repository(tmp_path):
    lesson = run.notebook_list(["Pooling"])[0]
    outside = tmp_path / "mine.ipynb"
    assert run.output_path(lesson, in_place=True) == lesson
    assert run.output_path(outside, in_place=True) == outside
    assert run.output_path(lesson, False, tmp_path / "s") == tmp_path / "s" / lesson.relative_to(run.ROOT)
    assert run.output_path(outside, False, tmp_path / "s") == tmp_path / "s" / "outside" / "mine.ipynb"


def test_unwritable_names_each_folder_and_why(tmp_path, monkeypatch):
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    assert run.unwritable([tmp_path, tmp_path / "not" / "yet"]) == []  # created by the run later
    assert run.unwritable([a_file / "sub"]) == [f"{a_file / 'sub'}: {a_file} is not a folder"]
    real = run.tempfile.TemporaryFile
    locked = tmp_path / "locked"
    locked.mkdir()

    def temporary_file(*args, dir=None, **kwargs):  # root ignores chmod, so refuse like a read-only folder
        if Path(dir) == locked:
            raise PermissionError(13, "Permission denied")
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(run.tempfile, "TemporaryFile", temporary_file)
    assert run.unwritable([locked, tmp_path]) == [f"{locked}: Permission denied"]
    assert sorted(tmp_path.iterdir()) == [a_file, locked]  # nothing created, nothing left


def test_in_place_into_a_folder_it_cannot_write_fails_before_any_kernel(tmp_path, monkeypatch, capsys):
    notebook = tmp_path / "lessons" / "tiny.ipynb"
    notebook.parent.mkdir()
    tiny_notebook(notebook, "x = 1")
    before = notebook.read_bytes()
    monkeypatch.setattr(run, "unwritable", lambda folders: [f"{f}: Permission denied" for f in folders
                                                            if Path(f) == notebook.parent])
    monkeypatch.setattr(run, "run_one", lambda *args: pytest.fail("a notebook was run"))
    assert run.main(["--in-place", "--scratch", str(tmp_path / "scratch"), str(notebook)]) == 2
    err = capsys.readouterr().err
    assert f"{notebook.parent}: Permission denied" in err and "nothing was run" in err
    assert notebook.read_bytes() == before


def test_refresh_summary_says_what_was_and_was_not_refreshed():
    paths = [run.ROOT / f"{name}.ipynb" for name in ("a", "b", "c", "d")]
    status = {"a": "ok", "b": "failed", "c": "interrupted"}
    assert run.refresh_summary(paths, status, in_place=True) == \
        "Refreshed: a. Not refreshed: b (failed), c (interrupted), d (not run)."
    assert run.refresh_summary(paths[:1], {"a": "ok"}, in_place=True) == "Refreshed: a. Not refreshed: none."
    assert run.refresh_summary(paths[:1], {}, in_place=False) == "Ran: none. Not run to the end: a (not run)."


def test_the_executor_reports_an_interruption_with_its_own_exit_status():
    assert execute.INTERRUPTED_EXIT in run.INTERRUPTED_STATUSES
    assert issubclass(execute.Interrupted, execute.ExecutionFailed)


def test_whole_course_rows():
    runs = {"a": {"seconds": 600.0, "peak_mb": 1200}, "b": {"seconds": 1260.0, "peak_mb": 3500}}
    rows = {r["metric"]: r for r in run.course_rows(runs, {"ok": True, "seconds": 300.0}, complete=True)}
    assert rows["total minutes, full mode"]["value"] == 31 and not rows["total minutes, full mode"]["pass"]
    assert rows["minutes, full mode"]["value"] == 21 and not rows["minutes, full mode"]["pass"]  # the slowest, b
    assert rows["peak memory MB"]["value"] == 3500 and not rows["peak memory MB"]["pass"]
    assert rows["minutes"]["pass"]
    partial = run.course_rows(runs, None, complete=False)
    assert [r["metric"] for r in partial] == ["minutes, full mode", "peak memory MB"]


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
    tiny_notebook(source, "import numpy as np\nfrom utils import explorers\n"
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


def _backend_run(folder, backend, sources="abc", mode="full", seconds=(10.0, 20.0), ok=(True, True)):
    import json

    from benchmarks import backends

    notebooks = {name: {"ok": good, "seconds": s, "peak_mb": 1, "cells": []}
                 for name, s, good in zip(("verImagen_RGB", "Gradientes"), seconds, ok, strict=True)}
    run = {"date": "2026-12-01 10:00 UTC", "machine": "test", "backend": backend, "sources": sources, "mode": mode,
           "total_seconds": sum(seconds), "notebooks": notebooks}
    backends.results_path(backend, folder).write_text(json.dumps(run), encoding="utf-8")


def test_backends_table_compares_three_runs_of_the_same_sources(tmp_path):
    from benchmarks import backends

    _backend_run(tmp_path, "tensorflow", seconds=(10.0, 30.0))
    _backend_run(tmp_path, "jax", seconds=(12.0, 20.0))
    _backend_run(tmp_path, "torch", seconds=(9.0, 40.0), ok=(True, False))
    text = backends.write(tmp_path).read_text(encoding="utf-8")
    assert "| verImagen_RGB | 10.0 | 12.0 | 9.0 | torch |" in text
    assert "| Gradientes | 30.0 | 20.0 | failed | jax |" in text
    assert "Fastest on: tensorflow 0 notebook(s), jax 1 notebook(s), torch 1 notebook(s)." in text
    assert "digest abc" in text


def test_backends_table_refuses_runs_of_different_sources_or_missing(tmp_path):
    from benchmarks import backends

    _backend_run(tmp_path, "tensorflow")
    with pytest.raises(ValueError, match=r"results-jax\.json: missing"):
        backends.write(tmp_path)
    _backend_run(tmp_path, "jax", sources="other")
    _backend_run(tmp_path, "torch", mode="fast")
    with pytest.raises(ValueError, match="different sources") as error:
        backends.write(tmp_path)
    assert "not a full run on torch" in str(error.value)
    assert not (tmp_path / "BACKENDS.md").exists()


def test_the_sources_digest_follows_code_not_outputs_nor_prose(tmp_path):
    import shutil

    import nbformat

    from benchmarks import run

    for folder in ("notebooks", "utils"):
        shutil.copytree(run.ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    before = run.sources_digest(tmp_path)
    path = next((tmp_path / "notebooks").rglob("Pooling.ipynb"))
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    nbformat.write(nb, path)
    assert run.sources_digest(tmp_path) == before
    markdown = next(cell for cell in nb.cells if cell.cell_type == "markdown")
    markdown.source += " "
    nbformat.write(nb, path)
    assert run.sources_digest(tmp_path) == before
    code = next(cell for cell in nb.cells if cell.cell_type == "code")
    code.source += " "
    nbformat.write(nb, path)
    assert run.sources_digest(tmp_path) != before
