"""The exercise and self-check of Convolucion_2D.ipynb (utils.selfcheck.convolucion_2d):
the sizes and parameter count agree with Keras (the asserts the old check cell
made), the notebook's own cells get the verdicts they should, and the 4×4 filter
exercise names each typical mistake."""

import re

import numpy as np
import pytest

from tests.notebook_cells import read, region, role_cells, run
from tools import editions, lessons
from utils import convmath
from utils.selfcheck import CORRECT, PROMPT, ExerciseNotPassed
from utils.selfcheck import convolucion_2d as selfcheck

NOTEBOOK = lessons.ROOT / "notebooks" / "02_convolucion" / "Convolucion_2D.ipynb"


@pytest.fixture(scope="module")
def nb():
    return read(NOTEBOOK)


def test_the_self_check_agrees_with_keras():
    import keras

    for question, (n, k, p, s) in zip(selfcheck.OUTPUT_SIZES, [(28, 5, 0, 1), (32, 3, 1, 1), (7, 3, 1, 2),
                                                               (6, 3, 0, 2)], strict=True):
        padded = keras.layers.ZeroPadding2D(p).compute_output_shape((None, n, n, 1))
        assert keras.layers.Conv2D(1, k, strides=s).compute_output_shape(padded)[1] == question.expected
    model = keras.Sequential([keras.Input(shape=(32, 32, 1)), keras.layers.Conv2D(4, 3)])
    assert model.count_params() == selfcheck.PARAMETERS.expected


def test_the_notebook_answers_get_their_verdicts(nb, capsys):
    (answer,), (check,) = role_cells(nb, "answer"), role_cells(nb, "selfcheck")
    namespace = {"selfcheck": selfcheck}
    assert run(editions.answer_stub(region(answer)) + "\n" + check.source, namespace, capsys).strip() == PROMPT
    out = run(answer.metadata["cnn_course"]["wrong"] + "\n" + check.source, namespace, capsys)
    assert CORRECT not in out and "Todavía no" in out
    out = run(region(answer) + "\n" + check.source, namespace, capsys)
    assert CORRECT in out and "Todavía no" not in out


# --- Ejercicio 1: the 4×4 filter of the class notes --------------------------

def lesson_namespace(nb, capsys):
    """What the exercise needs from the notebook: its convolution functions and edge_image."""
    namespace = {"np": np, "convmath": convmath}
    functions = next(c for c in nb.cells if c.cell_type == "code" and "def cross_correlation(" in c.source)
    image = next(c for c in nb.cells if c.cell_type == "code" and "edge_image = " in c.source)
    run(functions.source + "\n" + image.source, namespace, capsys)
    return namespace


def test_the_notebook_image_is_the_modules_and_its_rows_give_the_notes_count(nb, capsys):
    image = lesson_namespace(nb, capsys)["edge_image"]
    assert np.array_equal(image, selfcheck.EDGE_IMAGE)
    assert np.isclose(np.sum(image[0, 1:5] * selfcheck.KERNEL_4X4[0]), 1.1)  # −1·0.3 − 1·0.5 + 1·1 + 1·0.9


def test_the_teachers_solution_passes_and_the_wrong_one_does_not(nb, capsys):
    (solution,), (check,) = role_cells(nb, "solution"), role_cells(nb, "check")
    assert check.source.endswith(
        "selfcheck.check_edge_4x4(edge_image, response_4x4, strongest_column, even_kernel_answer)")
    namespace = lesson_namespace(nb, capsys)
    namespace["selfcheck"] = selfcheck
    out = run(solution.source + "\n" + check.source, namespace, capsys)
    assert out.startswith(f"Ejercicio 1: {CORRECT}")
    meta = solution.metadata["cnn_course"]
    with pytest.raises(NotImplementedError, match="Ejercicio 1"):
        exec(meta["stub"], {})
    with pytest.raises(ExerciseNotPassed, match="el signo cambiado"):
        run(meta["wrong"] + "\n" + check.source, namespace, capsys)


IMAGE = selfcheck.EDGE_IMAGE
RIGHT = convmath.conv2d(IMAGE, selfcheck.KERNEL_4X4)


@pytest.mark.parametrize("response, column, choice, message", [
    (convmath.convolve2d(IMAGE, selfcheck.KERNEL_4X4), 1, "c", "el signo cambiado"),
    (convmath.conv2d(IMAGE, selfcheck.KERNEL_4X4[::-1, ::-1]), 1, "c", "el signo cambiado"),
    (np.zeros(IMAGE.shape), 1, "c", "calculaste con relleno"),
    (np.zeros((4, 6)), 1, "c", "como con un filtro de 3 × 3"),
    (np.zeros((2, 4)), 1, "c", "N − K + 1, no N − K"),
    (RIGHT.T, 1, "c", "filas y columnas intercambiadas"),
    (convmath.conv2d(IMAGE, selfcheck.KERNEL_4X4[:1]), 1, "c", "tu filtro tiene una sola fila"),
    (convmath.conv2d(IMAGE, selfcheck.KERNEL_4X4.T), 1, "c", "tu filtro compara filas"),
    (RIGHT / 16, 1, "c", "no coinciden"),
    (None, 1, "c", "todavía no hay response_4x4"),
    (RIGHT, 3, "c", "esa es una columna de la imagen"),
    (RIGHT, 0, "c", "no es mayor en la columna 0"),
    (RIGHT, 1.0, "c", "debe ser un entero"),
    (RIGHT, 1, "a", "tenga o no centro el filtro"),
    (RIGHT, 1, "b", "¿cuántas filas se pierden?"),
    (RIGHT, 1, "d", "debe ser una letra"),
], ids=["convolution", "flipped", "same", "size-3x3", "no-plus-one", "transposed", "one-row", "kernel-transposed",
        "values", "missing", "image-column", "other-column", "float-column", "choice-a", "choice-b", "choice-d"])
def test_each_typical_mistake_gets_its_message(response, column, choice, message):
    with pytest.raises(ExerciseNotPassed, match=re.escape(message)):
        selfcheck.check_edge_4x4(IMAGE, response, column, choice)


def test_the_answer_is_where_the_edge_is_between_the_kernels_halves(capsys):
    column = int(RIGHT.max(axis=0).argmax())
    assert RIGHT.shape == (3, 5) and column == 1
    assert IMAGE[0, column + 1] < IMAGE[0, column + 2]  # the biggest jump, between the −1 half and the +1 half
    selfcheck.check_edge_4x4(IMAGE, RIGHT.tolist(), np.int64(column), " C ")
    assert CORRECT in capsys.readouterr().out
