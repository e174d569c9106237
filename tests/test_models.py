"""utils.models: the shared models match the slides' counts, and each is still
exactly what its teaching notebook writes out (the notebook's cell marked
``metadata.cnn_course.same_as`` is executed and its model compared)."""

import math

import nbformat
import numpy as np
import pytest

from tools import lessons
from utils import models


def marked_cells():
    found = []
    for path in lessons.notebook_paths():
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            spec = cell.get("metadata", {}).get("cnn_course", {})
            if "same_as" in spec:
                found.append(pytest.param(path, cell.source, spec, id=f"{path.stem}[{index}]"))
    return found


def architecture(model) -> list:
    """Each layer's class and config, without the names Keras numbers per session."""
    layers = []
    for layer in model.get_config()["layers"]:
        config = {k: v for k, v in layer["config"].items() if k not in ("name", "dtype", "seed")}
        layers.append((layer["class_name"], config))
    return layers


MARKED = marked_cells()


def test_every_shared_model_is_marked_in_its_teaching_notebook():
    marked = {spec["same_as"].split("(")[0] for _, _, spec in (p.values for p in MARKED)}
    assert marked == {"models.mlp", "models.cnn_8954", "models.lenet5", "models.fast_cnn"}


@pytest.mark.parametrize("path, source, spec", MARKED)
def test_the_teaching_cell_builds_the_packaged_model(path, source, spec):
    import keras
    from keras import layers

    namespace = {"keras": keras, "layers": layers, "np": np, "math": math, "models": models}
    exec(compile(source, f"{path.name}:same_as", "exec"), namespace)
    ours = eval(spec["expression"], namespace)
    theirs = eval(spec["same_as"], {"models": models})
    assert architecture(ours) == architecture(theirs)
    assert [layer.name for layer in ours.layers] == [layer.name for layer in theirs.layers]
    assert ours.compiled == theirs.compiled
    if ours.compiled:  # the recipe too: optimizer, learning-rate schedule, loss
        def recipe(model):
            return {k: v for k, v in model.optimizer.get_config().items() if k != "name"}

        assert recipe(ours) == recipe(theirs)
        assert ours.loss == theirs.loss


@pytest.mark.parametrize("build, params", [
    (lambda: models.mlp(), 188_660),
    (lambda: models.mlp(input_shape=(32, 32, 3)), 646_260),
    (lambda: models.cnn_8954(), 8_954),
    (lambda: models.lenet5(), 44_426),
    (lambda: models.fast_cnn(1000, 1), 225_034),
])
def test_the_slides_parameter_counts(build, params):
    assert build().count_params() == params


def test_lenet5_shapes_layer_by_layer():
    model = models.lenet5()
    shapes = {layer.name: tuple(layer.output.shape[1:]) for layer in model.layers}
    assert shapes == {"conv1": (24, 24, 6), "pool1": (12, 12, 6), "conv2": (8, 8, 16), "pool2": (4, 4, 16),
                      "flatten": (256,), "fc1": (120,), "fc2": (84,), "salida": (10,)}


def test_training_steps_and_the_cosine_recipe():
    assert models.training_steps(60000, 10, 128) == 10 * math.ceil(54000 / 128)
    model = models.compile_with_cosine_decay(models.mlp(), total_steps=100, learning_rate=0.002)
    schedule = model.optimizer._learning_rate  # the schedule itself (learning_rate is its current value)
    assert float(schedule(0)) == pytest.approx(0.002)
    assert float(schedule(50)) == pytest.approx(0.001)
    assert float(schedule(100)) == pytest.approx(0.0, abs=1e-9)
    assert model.loss == "sparse_categorical_crossentropy"


def test_fast_cnn_schedule_warms_up_then_decays():
    schedule = models.fast_cnn_schedule(n_train=1280, epochs=10, batch_size=128)  # 100 steps, 20 of warm-up
    assert float(schedule(0)) == pytest.approx(5e-4)
    assert float(schedule(20)) == pytest.approx(5e-3)
    assert float(schedule(100)) == pytest.approx(0.0, abs=1e-9)
