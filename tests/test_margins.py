"""The fast-mode results log (tests/fast_metrics.py) and the margins table
(benchmarks/margins.py), on tiny notebooks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat

from benchmarks import margins

ROOT = Path(__file__).resolve().parents[1]


def notebook(path, sources, metrics):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["cnn_course"] = {"metrics": metrics}
    nbformat.write(nb, path)
    return nbformat.read(path, as_version=4)


def test_thresholds_reads_both_sides_and_only_the_named_result(tmp_path):
    nb = notebook(tmp_path / "a.ipynb",
                  ["assert acc > 0.5  # aprendió", "assert 1e-3 < ratio", "assert best_acc > 0.9",
                   "assert ratio_small < 1e-3 < ratio", "print(acc > 0.7)", 'assert scores["ReLU"] >= 0.25'],
                  {"acc": "acc"})
    assert margins.thresholds(nb, "acc") == [(">", 0.5)]
    assert margins.thresholds(nb, "ratio") == [(">", 1e-3), (">", 1e-3)]
    assert margins.thresholds(nb, "ratio_small") == [("<", 1e-3)]
    assert margins.thresholds(nb, 'scores["ReLU"]') == [(">", 0.25)]


def test_margin_rows_give_the_worst_run(tmp_path):
    path = tmp_path / "lesson.ipynb"
    notebook(path, ["assert acc > 0.5", "assert tiny < 0.01"], {"acc": "acc", "tiny": "tiny"})
    records = [{"notebook": "lesson", "keras": "3.15 (jax)", "metrics": {"acc": 0.8, "tiny": 0.001}},
               {"notebook": "lesson", "keras": "3.8 (tensorflow)", "metrics": {"acc": 0.6, "tiny": 0.004}}]
    runs, rows = margins.margin_rows(records, {"lesson": path})
    assert runs == ["3.15 (jax)", "3.8 (tensorflow)"]
    by_metric = {row["metric"]: row for row in rows}
    assert abs(by_metric["acc"]["worst_margin"] - 1.2) < 1e-12
    assert abs(by_metric["tiny"]["worst_margin"] - 2.5) < 1e-12
    assert "| lesson | acc | > 0.5 | 0.8 | 0.6 | ×1.2 |" in margins.markdown(runs, rows)


def test_nbval_run_logs_each_notebooks_declared_results(tmp_path):
    notebook(tmp_path / "lesson.ipynb", ["acc = 0.25 * 3", "assert acc > 0.5"], {"acc": "acc", "missing": "nope"})
    log = tmp_path / "metrics.jsonl"
    env = {**os.environ, "CNN_METRICS_LOG": str(log), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "0", "--rootdir", str(ROOT),
                             "-c", str(ROOT / "pytest.ini"), "-p", "conftest", str(tmp_path / "lesson.ipynb")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:]
    (record,) = [json.loads(line) for line in log.read_text().splitlines()]
    assert record["notebook"] == "lesson"
    assert record["metrics"] == {"acc": 0.75, "missing": None}
