"""utils.runtime: fast/full choice, seeding, timing and recorded results."""

import json

import numpy as np
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


def test_seed_everything_makes_numpy_and_new_layers_repeatable():
    import keras

    def draw():
        layer = keras.layers.Dense(4)
        layer.build((None, 3))
        return np.random.rand(3), np.asarray(layer.kernel)

    runtime.seed_everything(7)
    first = draw()
    runtime.seed_everything(7)
    second = draw()
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])
    runtime.seed_everything(8)
    assert not np.array_equal(draw()[1], first[1])
    with pytest.raises(ValueError, match="seed=-1"):
        runtime.seed_everything(-1)


def test_timer_measures_elapsed_seconds():
    import time

    with runtime.Timer() as timer:
        time.sleep(0.05)
    assert 0.04 < timer.seconds < 2


def test_record_results_prints_and_writes_json(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CNN_RESULTS_DIR", str(tmp_path / "results"))
    record = runtime.record_results("mlp_MNIST", {"test_accuracy": np.float32(0.9754), "params": 109386},
                                    epochs=10, train_seconds=12.345)
    printed = capsys.readouterr().out
    assert "mlp_MNIST" in printed and "0.9754" in printed and "109386" in printed
    saved = json.loads((tmp_path / "results" / "mlp_MNIST.json").read_text(encoding="utf-8"))
    assert saved == record
    assert saved["metrics"]["test_accuracy"] == pytest.approx(0.9754, abs=1e-6)
    assert saved["epochs"] == 10 and saved["train_seconds"] == 12.3 and saved["mode"] == "fast"
    assert "cores" in saved["machine"]
    assert not list((tmp_path / "results").glob("*.part"))


def test_record_results_without_results_dir_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("CNN_RESULTS_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    runtime.record_results("Gradientes", {"ratio": 1e-5})
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("notebook, metrics, words", [
    ("", {"a": 1}, ["notebook=''"]),
    ("a/b", {"a": 1}, ["notebook='a/b'"]),
    ("nb", {}, ["metrics={}", "non-empty"]),
    ("nb", {"acc": "high"}, ["metrics['acc']='high'", "number"]),
])
def test_record_results_errors(notebook, metrics, words):
    with pytest.raises(ValueError) as error:
        runtime.record_results(notebook, metrics)
    for word in words:
        assert word in str(error.value)


def test_missing_packages_names_only_what_cannot_be_imported():
    assert runtime.missing_packages({"numpy": "numpy", "no_such_module_xyz": "no-such-dist"}) == ["no-such-dist"]


def test_load_results_reads_what_record_results_wrote(tmp_path, monkeypatch):
    monkeypatch.delenv("CNN_RESULTS_DIR", raising=False)
    assert runtime.load_results("mlp_CIFAR10") is None
    monkeypatch.setenv("CNN_RESULTS_DIR", str(tmp_path))
    assert runtime.load_results("mlp_CIFAR10") is None
    runtime.record_results("mlp_CIFAR10", {"test_accuracy": 0.49})
    assert runtime.load_results("mlp_CIFAR10")["metrics"] == {"test_accuracy": 0.49}
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json"):
        runtime.load_results("broken")


def test_artifact_path_is_none_without_the_variable(monkeypatch):
    monkeypatch.delenv("CNN_ARTIFACTS_DIR", raising=False)
    assert runtime.artifact_path("mlp_mnist.keras") is None


def test_artifact_path_per_mode_and_creates_the_folder(tmp_path, monkeypatch):
    folder = tmp_path / "models" / "run1"
    monkeypatch.setenv("CNN_ARTIFACTS_DIR", str(folder))
    monkeypatch.setattr(runtime, "FAST", False)
    assert runtime.artifact_path("mlp_mnist.keras") == folder / "mlp_mnist.keras"
    assert folder.is_dir()
    monkeypatch.setattr(runtime, "FAST", True)
    assert runtime.artifact_path("mlp_mnist.keras") == folder / "mlp_mnist.fast.keras"


@pytest.mark.parametrize("filename", ["", "a/b.keras", "..\\b.keras", None])
def test_artifact_path_rejects_what_is_not_a_file_name(filename, tmp_path, monkeypatch):
    monkeypatch.setenv("CNN_ARTIFACTS_DIR", str(tmp_path))
    with pytest.raises(ValueError, match=r"filename=.*expected a file name"):
        runtime.artifact_path(filename)
