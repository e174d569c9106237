"""utils.runtime: fast/full choice, timing, and what the setup cell does."""

import subprocess
import sys

import pytest

from utils import runtime


def test_pick_follows_the_mode(monkeypatch):
    monkeypatch.setattr(runtime, "FAST", True)
    assert runtime.pick(full=20, fast=1) == 1
    monkeypatch.setattr(runtime, "FAST", False)
    assert runtime.pick(full=20, fast=1) == 20


@pytest.mark.parametrize("value, expected", [("1", True), ("true", True), ("ON", True),
                                             ("0", False), ("", False), ("no", False)])
def test_env_flag_words(monkeypatch, value, expected):
    monkeypatch.setenv("CNN_FAST", value)
    assert runtime._env_flag("CNN_FAST") is expected


def test_env_flag_rejects_other_words(monkeypatch):
    monkeypatch.setenv("CNN_FAST", "maybe")
    with pytest.raises(ValueError, match="CNN_FAST='maybe'"):
        runtime._env_flag("CNN_FAST")


def test_tests_run_in_fast_mode():
    assert runtime.FAST, "conftest.py sets CNN_FAST=1 for the test session"


def test_timer_measures_elapsed_seconds():
    import time

    with runtime.Timer() as timer:
        time.sleep(0.05)
    assert 0.04 < timer.seconds < 2


def test_start_sets_the_style_and_says_fast_mode_only_in_fast_mode(monkeypatch, capsys):
    import matplotlib.pyplot as plt

    from utils import plots

    plt.rcParams["figure.dpi"] = 123
    monkeypatch.setattr(runtime, "FAST", True)
    runtime.start()
    assert capsys.readouterr().out.strip() == runtime.FAST_MODE_BANNER
    assert plt.rcParams["figure.dpi"] == plots.STYLE["figure.dpi"]
    monkeypatch.setattr(runtime, "FAST", False)
    runtime.start()
    assert capsys.readouterr().out == ""


def test_the_setup_cell_imports_no_keras_and_works_from_any_folder(tmp_path):
    """What the notebooks' setup cell runs, in a fresh interpreter started in an
    unrelated folder: the installed package is found, and nothing heavy loads."""
    from tools import stamp

    heavy = "('keras', 'tensorflow', 'jax', 'torch')"
    code = stamp.SETUP_CELL + f"\nimport sys\nprint(sorted(m for m in {heavy} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "CNN_FAST": "0"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_setup_cell_says_what_to_do_in_spanish_without_the_package(tmp_path):
    from tools import stamp

    # A Python that cannot see the course package: isolated mode, no site-packages.
    done = subprocess.run([sys.executable, "-I", "-S", "-c", stamp.SETUP_CELL], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError: ") and "make lab" in last  # the command that fixes it



def test_claim_passes_when_the_run_shows_it(monkeypatch):
    monkeypatch.setattr(runtime, "FAST", False)
    runtime.claim(0.97 > 0.9, "la exactitud pasa de 0.9")


def test_claim_stops_full_mode_with_the_sentence(monkeypatch):
    monkeypatch.setattr(runtime, "FAST", False)
    with pytest.raises(runtime.ClaimNotShownError, match="la pérdida de validación sube"):
        runtime.claim(False, "la pérdida de validación sube")


def test_claim_is_skipped_in_fast_mode(monkeypatch):
    monkeypatch.setattr(runtime, "FAST", True)
    runtime.claim(False, "la pérdida de validación sube")


def test_claim_validates_its_arguments(monkeypatch):
    monkeypatch.setattr(runtime, "FAST", True)
    with pytest.raises(ValueError, match="statement"):
        runtime.claim(True, "  ")
    import numpy as np

    with pytest.raises(ValueError, match="holds"):
        runtime.claim(np.array([True, False]), "todas bajan")
