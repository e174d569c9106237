"""utils.selfcheck.lenet5_cifar10: the self-check's answers and the exercise's
table agree with Keras, and the exercise check accepts the teacher's LeNet-5
(run from the notebook's solution region) and rejects each typical mistake
with its message. Nothing is trained."""

import re

import nbformat
import pytest

from tools import editions, lessons
from utils.selfcheck import CORRECT, PROMPT, ExerciseNotPassed
from utils.selfcheck import lenet5_cifar10 as selfcheck

NOTEBOOK = lessons.ROOT / "notebooks" / "07_lenet5" / "LeNet5_CIFAR10.ipynb"


def role_cell(kind):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    found = [cell for cell in nb.cells if editions.role(cell) == kind]
    assert len(found) == 1
    return found[0]


def run_cell(source):
    import keras
    from keras import layers

    namespace = {"keras": keras, "layers": layers}
    exec(compile(source, f"{NOTEBOOK.name}:solution", "exec"), namespace)
    return namespace["lenet5"]


@pytest.fixture(scope="module")
def keras():
    import keras

    return keras


@pytest.fixture(scope="module")
def solution():
    return run_cell(role_cell("solution").source)  # the whole cell: its visible lines and its region


def lenet(keras, shape=(32, 32, 3), padding="valid", filters=(6, 16), kernel=5, pools=(True, True), out=10,
          activation="softmax", dense=(120, 84), flatten=True, hidden="relu"):
    layers = keras.layers
    stack = [keras.Input(shape=shape)]
    for n_filters, pool in zip(filters, pools, strict=True):
        stack.append(layers.Conv2D(n_filters, kernel, activation=hidden, padding=padding))
        if pool:
            stack.append(layers.MaxPooling2D(2))
    if flatten:
        stack.append(layers.Flatten())
    stack += [layers.Dense(units, activation=hidden) for units in dense]
    stack.append(layers.Dense(out, activation=activation))
    return keras.Sequential(stack)


# --- the self-check ----------------------------------------------------------------

def test_the_expected_answers_and_the_table_agree_with_keras(solution):
    assert selfcheck.CONV1_PARAMS.expected == solution.layers[0].count_params() == 456
    assert selfcheck.FC1_INPUTS.expected == solution.get_layer("fc1").kernel.shape[0] == 400
    shapes = [tuple(layer.output.shape[1:]) for layer in solution.layers]
    assert shapes == [shape for _, shape, _ in selfcheck.LAYERS]
    assert [layer.count_params() for layer in solution.layers] == [params for *_, params in selfcheck.LAYERS]
    assert solution.count_params() == selfcheck.TOTAL_PARAMS == 62_006


def test_the_answer_cell_is_right_and_its_wrong_answers_are_not(capsys):
    cell = role_cell("answer")
    right, wrong = {}, {}
    exec("\n".join(editions.solution_lines(cell.source)), right)
    exec(cell.metadata["cnn_course"]["wrong"], wrong)
    assert selfcheck.check(right["answer_conv1_params"], right["answer_fc1_inputs"]) is True
    assert capsys.readouterr().out.count(CORRECT) == 2
    assert selfcheck.check(wrong["answer_conv1_params"], wrong["answer_fc1_inputs"]) is False
    out = capsys.readouterr().out
    assert CORRECT not in out and out.count("MNIST") == 2
    selfcheck.check(None, None)
    assert capsys.readouterr().out.strip() == PROMPT


# --- the exercise -------------------------------------------------------------------

def test_the_teachers_solution_passes(solution, capsys):
    selfcheck.check_lenet5(solution)
    out = capsys.readouterr().out
    assert out.startswith(f"Ejercicio 1: {CORRECT}") and "62,006 parámetros" in out
    assert "28×28×6 → 14×14×6 → 10×10×16 → 5×5×16 → 400" in out


def test_the_same_network_written_another_way_passes(keras, capsys):
    layers = keras.layers
    model = keras.Sequential([
        keras.Input(shape=(32, 32, 3)),
        layers.Conv2D(6, (5, 5)), layers.Activation("relu"), layers.MaxPool2D(),
        layers.Conv2D(16, 5), layers.ReLU(), layers.AveragePooling2D(2),
        layers.Flatten(), layers.Dense(120, activation="relu"), layers.Dropout(0.2),
        layers.Dense(84, activation="relu"), layers.Dense(10), layers.Softmax(),
    ])
    selfcheck.check_lenet5(model)
    assert CORRECT in capsys.readouterr().out


def test_the_notebooks_wrong_solution_is_rejected():
    model = run_cell(role_cell("solution").metadata["cnn_course"]["wrong"])
    with pytest.raises(ExerciseNotPassed, match="como en MNIST"):
        selfcheck.check_lenet5(model)


MISTAKES = [  # (keyword arguments of lenet(), what the message says)
    ({"shape": (28, 28, 1)}, "la entrada quedó como en MNIST, (28, 28, 1)"),
    ({"shape": (32, 32, 1)}, "la entrada tiene 1 canal"),
    ({"shape": (64, 64, 3)}, "la entrada es (64, 64, 3)"),
    ({"padding": "same"}, 'con padding="same" las convoluciones no achican la imagen y al aplanar quedan 1024 '
                          "valores en lugar de 400"),
    ({"pools": (True, False)}, "falta una capa de pooling"),
    ({"pools": (False, True)}, "falta una capa de pooling"),
    ({"out": 3}, "la salida tiene 3 neuronas"),
    ({"out": 1}, "la salida tiene 1 neurona:"),
    ({"activation": None}, "la capa de salida no tiene activación"),
    ({"activation": "sigmoid"}, "la capa de salida usa sigmoid"),
    ({"filters": (16, 6)}, "tiene 16 filtros: LeNet-5 usa 6 en la primera y 16 en la segunda"),
    ({"filters": (6, 32)}, "la convolución 2 (conv2d"),
    ({"kernel": 3}, "son de 3×3: en LeNet-5 son de 5×5"),
    ({"flatten": False}, "falta el Flatten"),
    ({"dense": (100, 84)}, "es 100; en LeNet-5 es 120"),
    ({"dense": (120,)}, "LeNet-5 es Conv2D → pooling → Conv2D → pooling → Flatten → Dense → Dense → Dense"),
    ({"hidden": None}, "no tiene activación: LeNet-5 aplica relu"),
]


@pytest.mark.parametrize("change, message", MISTAKES, ids=[str(change) for change, _ in MISTAKES])
def test_each_typical_mistake_gets_its_message(keras, change, message):
    with pytest.raises(ExerciseNotPassed, match=re.escape(message)):
        selfcheck.check_lenet5(lenet(keras, **change))


def test_not_a_model_or_no_input(keras):
    with pytest.raises(ExerciseNotPassed, match="tiene que ser un modelo de Keras"):
        selfcheck.check_lenet5(None)
    with pytest.raises(ExerciseNotPassed, match="no sabe qué forma tiene su entrada"):
        selfcheck.check_lenet5(keras.Sequential([keras.layers.Conv2D(6, 5)]))
    batch_norm = keras.Sequential([keras.Input(shape=(32, 32, 3)), keras.layers.Conv2D(6, 5),
                                   keras.layers.BatchNormalization(), keras.layers.MaxPooling2D(2),
                                   keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
    with pytest.raises(ExerciseNotPassed, match="BatchNormalization"):
        selfcheck.check_lenet5(batch_norm)


def test_a_missing_bias_is_caught_by_the_count(keras):
    model = lenet(keras)
    model = keras.Sequential([keras.Input(shape=(32, 32, 3)), *[
        keras.layers.Dense(layer.units, activation=layer.activation, use_bias=False) if layer.name.startswith("dense")
        and layer.units == 84 else layer for layer in model.layers]])
    with pytest.raises(ExerciseNotPassed, match="revisa los sesgos"):
        selfcheck.check_lenet5(model)
