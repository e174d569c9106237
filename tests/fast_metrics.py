"""Record what each notebook declares as its results while nbval runs it.

    CNN_METRICS_LOG=path make test-jax     # one JSON line per notebook

With ``CNN_METRICS_LOG`` set, one more item runs after a notebook's last cell,
in its kernel: the benchmark's collector (``benchmarks.execute``) evaluates the
expressions of ``metadata.cnn_course.metrics`` and the line is appended to the
log with the notebook's name. That is how the fast-mode margins of the
notebooks' assertions (``assert test_accuracy > 0.5``) are read on every
backend and version without a run of its own (``python -m benchmarks.margins``).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import defaultdict
from pathlib import Path

import nbformat
from nbval.plugin import IPyNbCell

from benchmarks.execute import collector_source

LOG_VARIABLE = "CNN_METRICS_LOG"


def log_path() -> Path | None:
    value = os.environ.get(LOG_VARIABLE)
    return Path(value) if value else None


class MetricsCell(IPyNbCell):
    """The collector cell; after it ran, its record goes to the log."""

    def runtest(self):
        super().runtest()
        record = json.loads(Path(self.record_path).read_text(encoding="utf-8"))
        record.update(notebook=Path(str(self.fspath)).stem, backend=os.environ.get("KERAS_BACKEND", "tensorflow"),
                      fast=os.environ.get("CNN_FAST", "1") == "1")
        with open(self.log, "a", encoding="utf-8") as log:
            log.write(json.dumps(record) + "\n")


def add_metric_items(items: list) -> None:
    """After each notebook's last nbval cell, its collector item (in place)."""
    log = log_path()
    if log is None:
        return
    last_by_file = {}
    for index, item in enumerate(items):
        if isinstance(item, IPyNbCell):
            last_by_file[item.parent] = index
    for parent, index in sorted(last_by_file.items(), key=lambda pair: -pair[1]):
        spec = parent.nb.metadata.get("cnn_course", {})
        metrics = {"metrics": dict(spec.get("metrics", {}))}
        if not metrics["metrics"]:
            continue
        record = Path(tempfile.mkdtemp(prefix="cnn-metrics-")) / "record.json"
        cell = nbformat.v4.new_code_cell(collector_source(metrics, record))
        item = MetricsCell.from_parent(parent, name="Metrics", cell_num=len(parent.nb.cells), cell=cell,
                                       options=defaultdict(bool, check=False))
        item.record_path, item.log = record, log
        items.insert(index + 1, item)
