"""The exercise and self-checks of Aplicar_filtros_Conv2.ipynb
(utils.selfcheck.aplicar_filtros_conv2): the expected values agree with numpy and
Keras (the asserts the old check cells made), the notebook's own cells get the
verdicts they should, and the exercise check names each typical mistake. Built
one-layer models on a small image: nothing is trained."""

import re

import numpy as np
import pytest

from tests.notebook_cells import read, region, role_cells, run
from tools import editions, lessons
from utils import convmath
from utils.selfcheck import CORRECT, PROMPT, ExerciseNotPassed
from utils.selfcheck import aplicar_filtros_conv2 as selfcheck

NOTEBOOK = lessons.ROOT / "notebooks" / "02_convolucion" / "Aplicar_filtros_Conv2.ipynb"
IMAGE = np.random.default_rng(1).random((11, 14)).astype("float32")


@pytest.fixture(scope="module")
def nb():
    return read(NOTEBOOK)


def notebook_filters(nb, capsys):
    cell = next(c for c in nb.cells if c.cell_type == "code" and "kernel_1 = np.array(" in c.source)
    namespace = {"np": np, "convmath": convmath}
    run(cell.source, namespace, capsys)
    return [namespace[f"kernel_{f}"] for f in (1, 2, 3)]


def test_the_filters_and_the_x_are_the_notebooks(nb, capsys):
    for mine, theirs in zip(selfcheck.FILTERS, notebook_filters(nb, capsys), strict=True):
        assert np.array_equal(mine, theirs)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "x_image = np.array(" in c.source)
    namespace = {"np": np}
    run(cell.source, namespace, capsys)
    assert np.array_equal(namespace["x_image"], selfcheck.X_IMAGE)


def test_the_questions_agree_with_numpy_and_keras():
    import keras

    before = convmath.conv2d(selfcheck.X_IMAGE, selfcheck.X_KERNELS[0])[0, 1]
    assert before == np.sum(selfcheck.X_IMAGE[0:3, 1:4] * selfcheck.X_KERNELS[0])
    assert selfcheck.VALUE_BEFORE_RELU.expected == before
    assert selfcheck.VALUE_AFTER_RELU.expected == max(before, 0)
    for question, (filters, channels) in zip(selfcheck.PARAMETERS, [(3, 1), (3, 3), (1, 3)], strict=True):
        layer = keras.layers.Conv2D(filters, 3)
        layer.build((None, 7, 7, channels))
        assert question.expected == layer.count_params()
    detector = keras.layers.Conv2D(3, 3, activation="relu")
    for question, (rows, cols) in zip(selfcheck.SHAPES, [(7, 7), (12, 20)], strict=True):
        assert question.expected == tuple(detector.compute_output_shape((1, rows, cols, 1))[1:])


def test_the_notebook_answers_get_their_verdicts(nb, capsys):
    answers, checks = role_cells(nb, "answer"), role_cells(nb, "selfcheck")
    assert len(answers) == len(checks) == 4
    for answer, check in zip(answers, checks, strict=True):
        namespace = {"selfcheck": selfcheck}
        out = run(editions.answer_stub(region(answer)) + "\n" + check.source, namespace, capsys)
        assert out.strip() == PROMPT
        out = run(answer.metadata["cnn_course"]["wrong"] + "\n" + check.source, namespace, capsys)
        assert CORRECT not in out and "Todavía no" in out
        out = run(region(answer) + "\n" + check.source, namespace, capsys)
        assert CORRECT in out and "Todavía no" not in out


def test_the_multiple_choice_reasoning_comes_only_with_the_right_letter():
    for question in selfcheck.MAP_QUESTIONS:
        assert {wrong for wrong, _ in question.mistakes} == {"a", "b", "c"} - {question.expected}
        for letter in "abc":
            _, text = question.verdict(letter)
            assert (question.why in text) == (letter == question.expected)
        assert question.verdict("d")[0] == "wrong"


# --- Ejercicio 1 -------------------------------------------------------------

def fresh_model():
    import keras

    return keras.Sequential([keras.Input(shape=(*IMAGE.shape, 1)),
                             keras.layers.Conv2D(3, kernel_size=3, name="tres_filtros")])


def solve(nb, capsys, source):
    """The namespace after ``source`` runs where the notebook's solution cell does."""
    namespace = {"np": np, "model": fresh_model()}
    for f, k in enumerate(notebook_filters(nb, capsys), start=1):
        namespace[f"kernel_{f}"] = k
    run(source, namespace, capsys)
    return namespace


def test_the_teachers_solution_passes(nb, capsys):
    (solution,), (check,) = role_cells(nb, "solution"), role_cells(nb, "check")
    assert "selfcheck.check_three_filters(kernel, model, image)" in check.source
    namespace = solve(nb, capsys, solution.source)
    selfcheck.check_three_filters(namespace["kernel"], namespace["model"], IMAGE)
    assert capsys.readouterr().out.startswith(f"Ejercicio 1: {CORRECT}")


def test_the_stub_and_the_typical_wrong_solution_are_refused(nb, capsys):
    (solution,) = role_cells(nb, "solution")
    meta = solution.metadata["cnn_course"]
    with pytest.raises(NotImplementedError, match="Ejercicio 1"):
        exec(meta["stub"], {})
    namespace = solve(nb, capsys, meta["wrong"])
    with pytest.raises(ExerciseNotPassed, match="reshape no mueve"):
        selfcheck.check_three_filters(namespace["kernel"], namespace["model"], IMAGE)


FILTERS = [np.asarray(k) for k in selfcheck.FILTERS]
RIGHT = np.stack(FILTERS, axis=-1)[:, :, np.newaxis, :]


def set_in_model(kernel, bias=(0, 0, 0)):
    model = fresh_model()
    model.get_layer("tres_filtros").set_weights([np.asarray(kernel, "float32"), np.asarray(bias, "float32")])
    return model


@pytest.mark.parametrize("kernel, model, message", [
    (np.array(FILTERS).reshape(3, 3, 1, 3), "same", "reshape no mueve los filtros"),
    (np.array(FILTERS), "right", "los filtros en el primer eje"),
    (np.stack(FILTERS, axis=-1), "right", "falta el eje de canales"),
    (np.stack(FILTERS, axis=-1)[..., np.newaxis], "right", "forma (3, 3, 3, 1)"),
    (np.stack([FILTERS[0], FILTERS[2], FILTERS[1]], axis=-1)[:, :, np.newaxis], "same", "en otro orden"),
    (np.stack([k.T for k in FILTERS], axis=-1)[:, :, np.newaxis], "same", "transpuesto"),
    (RIGHT, "bias", "los sesgos de la capa no son cero"),
    (RIGHT, "unset", "la capa no tiene tu kernel"),
], ids=["reshape", "first-axis", "no-channel-axis", "channel-axis", "order", "transposed", "bias", "not-set"])
def test_each_typical_mistake_gets_its_message(kernel, model, message):
    models = {"same": lambda: set_in_model(kernel), "right": lambda: set_in_model(RIGHT),
              "bias": lambda: set_in_model(RIGHT, bias=(0.5, 0, 0)), "unset": fresh_model}
    with pytest.raises(ExerciseNotPassed, match=re.escape(message)):
        selfcheck.check_three_filters(kernel, models[model](), IMAGE)

