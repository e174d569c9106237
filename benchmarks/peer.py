"""Peer comparison on MNIST: the course's fast CNN against the keras-io
"Simple MNIST convnet" recipe, trained one after the other on the same machine
and data. After every epoch the test accuracy and the training seconds so far
are recorded; the figure of merit is the training time to first reach 0.990
test accuracy, and the ratio course / reference.

    python -m benchmarks.peer            # writes benchmarks/peer.json and peer_mnist.png

The course model is not re-typed here: it is ``utils.models.fast_cnn``, the
fast CNN that ``MNIST_Conv2D_MaxPool.ipynb`` teaches (``tests/test_models.py``
checks that the notebook's cell builds the same model), trained as the notebook
trains it: on the same 90 % of the training images as the reference, the other
10 % held out for validation, whose pass counts in both models' epoch times.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from benchmarks.machine import machine_description

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks"
THRESHOLD = 0.990
TARGET_RATIO = 0.33
VALIDATION_SPLIT = 0.1


def build_reference():
    """keras-io "Simple MNIST convnet", as its page describes it."""
    import keras
    from keras import layers

    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ], name="keras_io_simple_convnet")
    model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    return model


def train_and_trace(model, x_train, y_train, x_test, y_test, epochs, batch_size, **fit_args) -> list[dict]:
    """Fit epoch by epoch; after each, the test accuracy (not timed) and the
    training seconds so far."""
    import keras

    trace = []

    class Trace(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            self.seconds = 0.0

        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.seconds += time.perf_counter() - self.start
            _, accuracy = self.model.evaluate(x_test, y_test, verbose=0, batch_size=1000)
            trace.append({"epoch": epoch + 1, "seconds": round(self.seconds, 2), "test_accuracy": float(accuracy)})
            print(f"    epoch {epoch + 1:2d}: {self.seconds:6.1f} s, test accuracy {accuracy:.4f}", flush=True)

    model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size, verbose=0, callbacks=[Trace()], **fit_args)
    return trace


def seconds_to(trace: list[dict], threshold: float = THRESHOLD) -> float | None:
    """Training seconds at the first epoch whose test accuracy reaches ``threshold``."""
    return next((row["seconds"] for row in trace if row["test_accuracy"] >= threshold), None)


def plot(traces: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2))
    for label, trace in traces.items():
        ax.plot([r["seconds"] for r in trace], [r["test_accuracy"] for r in trace], "o-", label=label)
    ax.axhline(THRESHOLD, color="0.5", linestyle="--", label=f"{THRESHOLD:.3f}")
    ax.set_xlabel("segundos de entrenamiento (2 núcleos de CPU)")
    ax.set_ylabel("exactitud en test")
    ax.set_ylim(0.97, 1.0)
    ax.set_title("MNIST: exactitud en test en función del tiempo de entrenamiento")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=90)


def run() -> dict:
    import keras
    import numpy as np

    from utils import datasets, models

    (x_train, y_train), (x_test, y_test) = datasets.load_mnist()
    x_train = (x_train.astype("float32") / 255.0)[..., None]
    x_test = (x_test.astype("float32") / 255.0)[..., None]

    print("reference: keras-io Simple MNIST convnet (Adam, batch 128, 15 epochs, validation_split 0.1)")
    keras.utils.set_random_seed(42)
    reference = train_and_trace(build_reference(), x_train, keras.utils.to_categorical(y_train, 10),
                                x_test, keras.utils.to_categorical(y_test, 10),
                                epochs=15, batch_size=128, validation_split=VALIDATION_SPLIT)

    print(f"course: MNIST_Conv2D_MaxPool fast CNN ({models.FAST_CNN_EPOCHS} epochs, "
          f"batch {models.FAST_CNN_BATCH_SIZE}, validation_split {VALIDATION_SPLIT})")
    keras.utils.set_random_seed(42)
    n_fit = math.ceil(len(x_train) * (1 - VALIDATION_SPLIT))  # as the notebook builds it
    course = train_and_trace(models.fast_cnn(n_fit), x_train, y_train.astype(np.int64), x_test,
                             y_test.astype(np.int64), epochs=models.FAST_CNN_EPOCHS,
                             batch_size=models.FAST_CNN_BATCH_SIZE, validation_split=VALIDATION_SPLIT)

    ref_s, course_s = seconds_to(reference), seconds_to(course)
    ratio = None if ref_s is None or course_s is None else course_s / ref_s
    result = {
        "threshold": THRESHOLD,
        "reference": {"name": "keras-io Simple MNIST convnet", "trace": reference, "seconds_to_threshold": ref_s,
                      "final_test_accuracy": reference[-1]["test_accuracy"]},
        "course": {"name": "MNIST_Conv2D_MaxPool fast CNN", "trace": course, "seconds_to_threshold": course_s,
                   "final_test_accuracy": course[-1]["test_accuracy"]},
        "ratio": ratio,
        "target_ratio": TARGET_RATIO,
        "pass": ratio is not None and ratio <= TARGET_RATIO and course[-1]["test_accuracy"] >= THRESHOLD,
        "machine": machine_description(),
    }
    (HERE / "peer.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    plot({"keras-io (referencia)": reference, "curso (CNN rápida)": course}, HERE / "peer_mnist.png")
    shown = "never" if ratio is None else f"{ratio:.2f}"
    print(f"seconds to {THRESHOLD}: reference {ref_s}, course {course_s}; ratio {shown} "
          f"(target ≤ {TARGET_RATIO}) -> {'pass' if result['pass'] else 'FAIL'}")
    return result


def markdown(result: dict) -> list[str]:
    """The RESULTS.md section for a peer comparison."""
    def fmt(value):
        return "never" if value is None else f"{value:.1f}"

    ratio = "—" if result["ratio"] is None else f"{result['ratio']:.2f}"
    return [
        "## Peer comparison: time to 0.990 on MNIST",
        "",
        "Both trained one after the other in the same run, same data, same machine; test accuracy",
        "measured after every epoch (not counted as training time).",
        "",
        "| model | seconds to ≥ 0.990 | epochs run | final test accuracy |",
        "| --- | --- | --- | --- |",
        f"| {result['reference']['name']} | {fmt(result['reference']['seconds_to_threshold'])} | "
        f"{len(result['reference']['trace'])} | {result['reference']['final_test_accuracy']:.4f} |",
        f"| {result['course']['name']} | {fmt(result['course']['seconds_to_threshold'])} | "
        f"{len(result['course']['trace'])} | {result['course']['final_test_accuracy']:.4f} |",
        "",
        f"Ratio course / reference: **{ratio}** (target ≤ {result['target_ratio']}): "
        f"**{'pass' if result['pass'] else 'FAIL'}**. Curves: [peer_mnist.png](peer_mnist.png).",
        "",
    ]


if __name__ == "__main__":
    sys.exit(0 if run()["pass"] else 1)
