"""Run-time plumbing shared by every notebook: fast/full mode, seeding, timing
and recording a notebook's results for the benchmark runner.

Fast mode (``CNN_FAST=1``, set by the tests and CI) shrinks epochs and sample
counts through :func:`pick`; the notebooks' code is otherwise identical in
both modes.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import random
import sys
import time
from pathlib import Path

_TRUE_WORDS = {"1", "true", "yes", "on"}
_FALSE_WORDS = {"", "0", "false", "no", "off"}


def _env_flag(name: str) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if value in _TRUE_WORDS:
        return True
    if value in _FALSE_WORDS:
        return False
    raise ValueError(f"{name}={value!r}: expected one of 1/0, true/false, yes/no, on/off")


FAST: bool = _env_flag("CNN_FAST")
"""True when the course runs in fast mode (``CNN_FAST=1``)."""

IN_COLAB: bool = "google.colab" in sys.modules


def pick(full, fast):
    """Return ``fast`` in fast mode and ``full`` otherwise.

    >>> epochs = pick(full=20, fast=1)
    """
    return fast if FAST else full


def mode_name() -> str:
    return "rápido (CNN_FAST=1)" if FAST else "completo"


def seed_everything(seed: int = 42) -> None:
    """Seed Python, NumPy and the Keras backend in one call.

    Layers draw their seeds when they are built, so call this before building
    a model to make its initialization, dropout and augmentation repeatable.
    """
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed={seed!r}: expected a non-negative int")
    random.seed(seed)
    try:
        import keras
    except ImportError:  # the image lessons work without Keras installed
        import numpy as np

        np.random.seed(seed)
        return
    keras.utils.set_random_seed(seed)


# What Colab may lack, by import name -> PyPI name. TensorFlow and Keras are
# never installed there: Colab's own builds are kept.
COLAB_PACKAGES = {"skimage": "scikit-image", "ipywidgets": "ipywidgets"}


def missing_packages(packages: dict = COLAB_PACKAGES) -> list[str]:
    """The PyPI names of ``packages`` whose module cannot be imported."""
    import importlib.util

    return [pypi for module, pypi in packages.items() if importlib.util.find_spec(module) is None]


def setup(seed: int = 42) -> None:
    """What the setup cell of every notebook does after finding the repository:
    in Colab install what is missing (nothing is ever installed elsewhere),
    quiet TensorFlow's C++ logging, seed everything, set the figure style and
    say which mode is on."""
    if IN_COLAB:
        missing = missing_packages()
        if missing:
            import subprocess

            subprocess.run([sys.executable, "-m", "pip", "install", "-q", *missing], check=True)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    seed_everything(seed)
    from . import plots

    plots.set_style()
    print(f"Modo {mode_name()} · semilla {seed}")


class Timer:
    """Context manager measuring wall-clock seconds.

    >>> with Timer() as t:
    ...     model.fit(...)
    >>> t.seconds
    """

    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.start


def machine_description() -> str:
    """A one-line description of this machine, for results tables."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.machine()}"


def _jsonable(value):
    try:  # numpy scalars and 0-d arrays
        return value.item()
    except AttributeError:
        return value


def record_results(notebook: str, metrics: dict, *, epochs=None, train_seconds=None) -> dict:
    """Print a notebook's results as a small table and, when ``CNN_RESULTS_DIR``
    is set, write them to ``<dir>/<notebook>.json`` for the benchmark runner.

    ``metrics`` maps metric names to numbers (accuracies as fractions).
    Returns the record that was printed (and written).
    """
    if not isinstance(notebook, str) or not notebook or any(c in notebook for c in "/\\"):
        raise ValueError(f"notebook={notebook!r}: expected a notebook name such as 'mlp_MNIST'")
    if not isinstance(metrics, dict) or not metrics:
        raise ValueError(f"metrics={metrics!r}: expected a non-empty dict of name -> number")
    clean = {}
    for name, value in metrics.items():
        value = _jsonable(value)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ValueError(f"metrics[{name!r}]={value!r}: expected a number")
        clean[str(name)] = value

    record = {
        "notebook": notebook,
        "metrics": clean,
        "epochs": _jsonable(epochs),
        "train_seconds": None if train_seconds is None else round(float(train_seconds), 1),
        "mode": "fast" if FAST else "full",
        "machine": machine_description(),
        "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }
    try:
        import keras

        record["keras"] = f"{keras.__version__} ({keras.backend.backend()})"
    except ImportError:
        pass

    width = max(len(name) for name in clean)
    print(f"Resultados de {notebook} (modo {mode_name()})")
    for name, value in clean.items():
        shown = f"{value:.4g}" if isinstance(value, float) else str(value)
        print(f"  {name:<{width}}  {shown}")
    if epochs is not None:
        print(f"  {'épocas':<{width}}  {epochs}")
    if train_seconds is not None:
        print(f"  {'segundos de entrenamiento':<{width}}  {record['train_seconds']}")

    out_dir = os.environ.get("CNN_RESULTS_DIR")
    if out_dir:
        path = Path(out_dir) / f"{notebook}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    return record


def load_results(notebook: str) -> dict | None:
    """What ``notebook`` recorded with :func:`record_results` in this run of
    the course (``CNN_RESULTS_DIR/<notebook>.json``), or None when the
    variable is not set or that notebook has not recorded anything yet."""
    out_dir = os.environ.get("CNN_RESULTS_DIR")
    if not out_dir:
        return None
    path = Path(out_dir) / f"{notebook}.json"
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ValueError(f"{path.name} in CNN_RESULTS_DIR is not valid JSON ({error})") from error


def artifact_path(filename: str) -> Path | None:
    """Where a notebook saves a trained model for later notebooks of the same
    run of the course, ``CNN_ARTIFACTS_DIR/<filename>``, or None when the
    variable is not set (then every notebook trains its own models).

    In fast mode ``.fast`` goes before the extension, so a model trained on a
    fast-mode subset never stands in for a full-mode one. The folder is
    created if needed; whether the file exists is the caller's question.

    >>> path = artifact_path("mlp_mnist.keras")
    >>> if path and path.exists(): model.load_weights(path)
    """
    if not isinstance(filename, str) or not filename or any(c in filename for c in "/\\"):
        raise ValueError(f"filename={filename!r}: expected a file name such as 'mlp_mnist.keras'")
    folder = os.environ.get("CNN_ARTIFACTS_DIR")
    if not folder:
        return None
    path = Path(folder) / filename
    if FAST:
        path = path.with_name(f"{path.stem}.fast{path.suffix}")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
