"""utils.selfcheck.mnist_conv2d_maxpool: the self-check agrees with Keras, and
the three exercise checks accept the teacher's solutions (run from the
notebook's solution regions) and reject each typical mistake with its message.
Nothing is trained: accuracies are passed as numbers."""

import re

import nbformat
import pytest

from tools import editions, lessons
from utils.selfcheck import CORRECT, PROMPT, ExerciseNotPassed
from utils.selfcheck import mnist_conv2d_maxpool as selfcheck

NOTEBOOK = lessons.ROOT / "notebooks" / "05_cnn_mnist" / "MNIST_Conv2D_MaxPool.ipynb"


def role_cells(kind):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    return [cell for cell in nb.cells if editions.role(cell) == kind]


def run_solution(index, source=None):
    """The namespace after running solution cell ``index`` (its region, or ``source``)."""
    import keras

    cell = role_cells("solution")[index]
    code = source if source is not None else "\n".join(editions.solution_lines(cell.source))
    namespace = {"keras": keras}
    exec(compile(code, f"{NOTEBOOK.name}:solution-{index + 1}", "exec"), namespace)
    return namespace


@pytest.fixture(scope="module")
def keras():
    import keras

    return keras


@pytest.fixture(scope="module")
def solutions():
    return {name: run_solution(i)[name] for i, name in enumerate(("softmax_model", "mlp_model", "cnn_model"))}


# --- the self-check ----------------------------------------------------------------

def test_the_expected_answers_agree_with_keras(keras):
    variant_4 = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        keras.layers.Conv2D(64, 3, activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(16, 3, activation="relu", name="conv_2"),
    ])
    assert variant_4.get_layer("conv_2").count_params() == selfcheck.CONV_2_PARAMS.expected == 9232
    variant_3 = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        keras.layers.Conv2D(64, 3, activation="relu"),
        keras.layers.MaxPooling2D(pool_size=(3, 3)),
        keras.layers.Flatten(name="flatten"),
    ])
    assert variant_3.get_layer("flatten").output.shape == (None, selfcheck.FLATTEN_SIZE.expected)
    assert selfcheck.FLATTEN_SIZE.expected == 4096


def test_the_answer_cell_is_right_and_its_wrong_answers_are_not(capsys):
    cell = role_cells("answer")[0]
    right, wrong = {}, {}
    exec("\n".join(editions.solution_lines(cell.source)), right)
    exec(cell.metadata["cnn_course"]["wrong"], wrong)
    assert selfcheck.check(right["answer_conv_2"], right["answer_flatten"]) is True
    assert capsys.readouterr().out.count(CORRECT) == 2
    assert selfcheck.check(wrong["answer_conv_2"], wrong["answer_flatten"]) is False
    out = capsys.readouterr().out
    assert CORRECT not in out and "32 filtros" in out and "2×2" in out
    selfcheck.check(None, None)
    assert capsys.readouterr().out.strip() == PROMPT


# --- the exercise -------------------------------------------------------------------

def test_the_teachers_solutions_pass_in_full_mode(solutions, capsys):
    selfcheck.check_softmax(solutions["softmax_model"], 0.9267, fast=False)
    selfcheck.check_mlp(solutions["mlp_model"], 0.9759, fast=False)
    selfcheck.check_cnn(solutions["cnn_model"], 0.9918, fast=False)
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out] == ["Ejercicio 1", "Ejercicio 2", "Ejercicio 3"]
    assert all(CORRECT in line for line in out)
    assert "7,850 parámetros" in out[0] and "0.9918 ≥ 0.99" in out[2]
    assert "225,034 parámetros" in out[2]


def test_the_teachers_cnn_uses_only_the_lessons_layers(solutions):
    kinds = {type(layer).__name__ for layer in solutions["cnn_model"].layers}
    assert kinds <= {"Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dropout"}


@pytest.mark.parametrize("check, name, low", [
    (selfcheck.check_softmax, "softmax_model", 0.5),
    (selfcheck.check_mlp, "mlp_model", 0.96),
    (selfcheck.check_cnn, "cnn_model", 0.985),
])
def test_the_accuracy_target_is_checked_in_full_mode_only(solutions, capsys, check, name, low):
    with pytest.raises(ExerciseNotPassed, match=f"la exactitud en prueba de {name} es {low:.4f}, por debajo"):
        check(solutions[name], low, fast=False)
    check(solutions[name], low, fast=True)
    out = capsys.readouterr().out
    assert CORRECT in out and "en modo rápido no se comprueba la meta" in out
    with pytest.raises(ExerciseNotPassed, match="tiene que ser un número"):
        check(solutions[name], None, fast=False)


def test_the_default_mode_is_the_courses(solutions, capsys, monkeypatch):
    from utils import runtime

    monkeypatch.setattr(runtime, "FAST", False)
    with pytest.raises(ExerciseNotPassed):
        selfcheck.check_cnn(solutions["cnn_model"], 0.98)
    monkeypatch.setattr(runtime, "FAST", True)
    selfcheck.check_cnn(solutions["cnn_model"], 0.98)
    assert CORRECT in capsys.readouterr().out


@pytest.mark.parametrize("index, check", [(0, selfcheck.check_softmax), (1, selfcheck.check_mlp),
                                          (2, selfcheck.check_cnn)])
def test_the_notebooks_wrong_solutions_are_rejected(index, check):
    cell = role_cells("solution")[index]
    name = ("softmax_model", "mlp_model", "cnn_model")[index]
    model = run_solution(index, cell.metadata["cnn_course"]["wrong"])[name]
    with pytest.raises(ExerciseNotPassed):
        check(model, 0.999, fast=False)


def sequential(keras, *layers, shape=(28, 28, 1)):
    head = [keras.Input(shape=shape)] if shape else []
    return keras.Sequential([*head, *layers])


COMMON_MISTAKES = [  # (what the student wrote, what the message says)
    (lambda k: sequential(k, k.layers.Flatten(), k.layers.Dense(10)), "no tiene activación"),
    (lambda k: sequential(k, k.layers.Flatten(), k.layers.Dense(10, activation="sigmoid")), "usa sigmoid"),
    (lambda k: sequential(k, k.layers.Flatten(), k.layers.Dense(1, activation="softmax")), "tiene 1 neurona"),
    (lambda k: sequential(k, k.layers.Flatten(), k.layers.Dense(784, activation="softmax")), "784 neuronas"),
    (lambda k: sequential(k, k.layers.Flatten(), k.layers.Dense(2, activation="softmax")), "tiene 2 neuronas"),
    (lambda k: sequential(k, k.layers.Dense(10, activation="softmax")), "falta un Flatten"),
    (lambda k: sequential(k, k.layers.Flatten(), k.layers.Dense(10, activation="softmax"), shape=(28, 28)),
     "tienen forma (28, 28, 1)"),
    (lambda k: sequential(k, k.layers.Flatten(), k.layers.Dense(10, activation="softmax"), shape=None),
     "no sabe qué forma tiene su entrada"),
    (lambda k: "una red", "tiene que ser un modelo de Keras"),
]


@pytest.mark.parametrize("check, name", [(selfcheck.check_softmax, "softmax_model"),
                                         (selfcheck.check_mlp, "mlp_model"), (selfcheck.check_cnn, "cnn_model")])
@pytest.mark.parametrize("build, message", COMMON_MISTAKES)
def test_every_check_names_the_common_mistakes(keras, check, name, build, message):
    with pytest.raises(ExerciseNotPassed, match=re.escape(message)) as error:
        check(build(keras), 0.999, fast=False)
    assert name in str(error.value)


def hidden(k, activation="relu"):
    return k.layers.Dense(32, activation=activation)


def softmax_output(k):
    return k.layers.Dense(10, activation="softmax")


EXERCISE_MISTAKES = [
    (selfcheck.check_softmax, lambda k: sequential(k, k.layers.Flatten(), hidden(k), softmax_output(k)),
     "no tiene capas ocultas"),
    (selfcheck.check_softmax, lambda k: sequential(k, k.layers.Conv2D(4, 3), k.layers.Flatten(), softmax_output(k)),
     "capas convolucionales"),
    (selfcheck.check_softmax, lambda k: sequential(k, k.layers.Flatten(),
                                                   k.layers.Dense(10, activation="softmax", use_bias=False)),
     "un peso por píxel y un sesgo"),
    (selfcheck.check_mlp, lambda k: sequential(k, k.layers.Flatten(), softmax_output(k)), "le falta una capa oculta"),
    (selfcheck.check_mlp, lambda k: sequential(k, k.layers.Conv2D(8, 3, activation="relu"), k.layers.Flatten(),
                                               hidden(k), softmax_output(k)), "tiene una capa Conv2D"),
    (selfcheck.check_mlp, lambda k: sequential(k, k.layers.MaxPooling2D(2), k.layers.Flatten(), hidden(k),
                                               softmax_output(k)), "tiene una capa de pooling"),
    (selfcheck.check_mlp, lambda k: sequential(k, k.layers.Flatten(), hidden(k, None), softmax_output(k)),
     "no tiene activación: sin una no lineal"),
    (selfcheck.check_mlp, lambda k: sequential(k, k.layers.Flatten(), hidden(k), k.layers.BatchNormalization(),
                                               softmax_output(k)), "usa solo las capas de esta lección"),
    (selfcheck.check_cnn, lambda k: sequential(k, k.layers.Flatten(), hidden(k), softmax_output(k)),
     "no tiene ninguna capa Conv2D"),
    (selfcheck.check_cnn, lambda k: sequential(k, k.layers.Conv2D(8, 3, activation="relu"), k.layers.Flatten(),
                                               softmax_output(k)), "le falta una capa de pooling"),
    (selfcheck.check_cnn, lambda k: sequential(k, k.layers.Conv2D(8, 3, activation="relu"), k.layers.MaxPooling2D(2),
                                               softmax_output(k)), "falta un Flatten"),
    (selfcheck.check_cnn, lambda k: sequential(k, k.layers.Conv2D(8, 3), k.layers.BatchNormalization(),
                                               k.layers.MaxPooling2D(2), k.layers.Flatten(), softmax_output(k)),
     "usa solo las capas de esta lección"),
]


@pytest.mark.parametrize("check, build, message", EXERCISE_MISTAKES)
def test_each_exercise_names_its_own_mistakes(keras, check, build, message):
    with pytest.raises(ExerciseNotPassed, match=re.escape(message)):
        check(build(keras), 0.999, fast=False)


def test_alternative_ways_to_write_a_right_model_pass(keras, capsys):
    mlp = sequential(keras, keras.layers.Flatten(), keras.layers.Dense(64), keras.layers.Activation("relu"),
                     keras.layers.Dropout(0.2), keras.layers.Dense(10), keras.layers.Softmax())
    selfcheck.check_mlp(mlp, 0.975, fast=False)
    inputs = keras.Input(shape=(28, 28, 1))
    x = keras.layers.MaxPooling2D(2)(keras.layers.Conv2D(16, 3, activation="relu")(inputs))
    functional = keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(keras.layers.Flatten()(x)))
    selfcheck.check_cnn(functional, 0.991, fast=False)
    assert capsys.readouterr().out.count(CORRECT) == 2
