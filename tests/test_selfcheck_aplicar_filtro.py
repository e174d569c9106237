"""The exercise and self-checks of Aplicar_filtro.ipynb (utils.selfcheck.aplicar_filtro):
the expected values agree with numpy and Keras, the notebook's own cells (answers,
solution, typical wrong ones) get the verdicts they should, and the exercise check
names each typical mistake. One-layer models on small images: nothing is trained."""

import re

import nbformat
import numpy as np
import pytest

from tests.notebook_cells import read, region, role_cells, run
from tools import editions, lessons
from utils import convmath
from utils.selfcheck import CORRECT, PROMPT, ExerciseNotPassed
from utils.selfcheck import aplicar_filtro as selfcheck

NOTEBOOK = lessons.ROOT / "notebooks" / "02_convolucion" / "Aplicar_filtro.ipynb"
IMAGE = np.random.default_rng(0).random((12, 17)).astype("float32")  # not square: rows and columns differ


@pytest.fixture(scope="module")
def nb():
    return read(NOTEBOOK)


def test_the_questions_agree_with_numpy_and_keras():
    import keras
    import skimage

    cat = skimage.data.chelsea()
    assert cat.shape[:2] == selfcheck.CAT_SHAPE
    assert selfcheck.OUTPUT_SHAPE.expected == convmath.conv2d(cat[:, :, 0], selfcheck.DIAGONAL).shape
    layer = keras.layers.Conv2D(1, 2, use_bias=False)
    assert tuple(layer.compute_output_shape((None, *selfcheck.CAT_SHAPE, 1))[1:3]) == selfcheck.OUTPUT_SHAPE.expected
    flat = np.full((5, 5), 0.4)
    assert np.allclose(convmath.conv2d(flat, convmath.KERNELS["sharpen"]), selfcheck.CONSTANT_SHARPEN.expected)
    assert np.allclose(convmath.conv2d(flat, convmath.KERNELS["edge"]), selfcheck.CONSTANT_EDGE.expected)


def test_the_mystery_image_is_made_by_the_answer_and_hidden_from_the_notebook(nb):
    answer = selfcheck.MYSTERY.expected
    assert np.array_equal(selfcheck.mystery_image(IMAGE), convmath.conv2d(IMAGE, convmath.KERNELS[answer]))
    others = [name for name in selfcheck.GALLERY if name != answer]
    assert not any(np.allclose(selfcheck.mystery_image(IMAGE), convmath.conv2d(IMAGE, convmath.KERNELS[name]))
                   for name in others)
    gallery_cell = next(c for c in nb.cells if c.cell_type == "code" and "gallery_names = [" in c.source)
    namespace = {}
    exec(gallery_cell.source.split("gallery_kernels")[0], namespace)
    assert tuple(namespace["gallery_names"]) == selfcheck.GALLERY
    holding = [cell for cell in nb.cells if answer in cell.source]  # the list of options, and the answer cell
    assert holding == [gallery_cell, role_cells(nb, "answer")[-1]]
    assert not any("mystery_name" in cell.source for cell in nb.cells)


def test_the_notebook_answers_get_their_verdicts(nb, capsys):
    answers, checks = role_cells(nb, "answer"), role_cells(nb, "selfcheck")
    assert len(answers) == len(checks) == 3
    for answer, check in zip(answers, checks, strict=True):
        namespace = {"selfcheck": selfcheck}
        out = run(editions.answer_stub(region(answer)) + "\n" + check.source, namespace, capsys)
        assert out.strip() == PROMPT
        out = run(answer.metadata["cnn_course"]["wrong"] + "\n" + check.source, namespace, capsys)
        assert CORRECT not in out and "Todavía no" in out
        out = run(region(answer) + "\n" + check.source, namespace, capsys)
        assert CORRECT in out and "Todavía no" not in out


# --- Ejercicio 1 -------------------------------------------------------------

def solution_namespace(source):
    import keras

    namespace = {"keras": keras, "np": np}
    exec(compile(source, "<solution>", "exec"), namespace)
    return namespace["filter_model"]


def test_the_teachers_solution_passes(nb, capsys):
    (solution,), (check,) = role_cells(nb, "solution"), role_cells(nb, "check")
    assert "selfcheck.check_filter_model(filter_model, image)" in check.source
    selfcheck.check_filter_model(solution_namespace(solution.source), IMAGE)
    assert capsys.readouterr().out.startswith(f"Ejercicio 1: {CORRECT}")


def test_the_stub_and_the_typical_wrong_solution_are_refused(nb):
    (solution,) = role_cells(nb, "solution")
    meta = solution.metadata["cnn_course"]
    with pytest.raises(NotImplementedError, match="Ejercicio 1"):
        exec(meta["stub"], {})
    with pytest.raises(ExerciseNotPassed, match="padding=\"same\""):
        selfcheck.check_filter_model(solution_namespace(meta["wrong"]), IMAGE)


def variant(*, shape=None, filters=1, kernel_size=None, bias=False, bias_value=None, padding="valid",
            flip=False, reshape=True, ignore_kernel=False):
    """A student's filter_model with one typical mistake."""
    import keras

    def filter_model(kernel, height, width):
        k = kernel.shape[0]
        layer = keras.layers.Conv2D(filters, kernel_size or k, use_bias=bias, padding=padding,
                                    bias_initializer="random_normal")
        model = keras.Sequential([keras.Input(shape=shape or (height, width, 1)), layer])
        weights = selfcheck.DIAGONAL.astype("float32") if ignore_kernel else kernel
        weights = weights[::-1, ::-1] if flip else weights
        weights = [weights.reshape(k, k, 1, 1) if reshape else weights]
        if bias_value is not None:
            weights.append(np.array([bias_value], dtype="float32"))
        layer.set_weights(weights)
        return model

    return filter_model


@pytest.mark.parametrize("student, message", [
    (variant(reshape=False), "llévalo a (2, 2, 1, 1)"),
    (variant(bias=True), "la capa tiene sesgo, así que espera dos arreglos"),
    (variant(bias=True, bias_value=0.5), "un sesgo que vale 0.5"),
    (variant(bias=True, bias_value=0.0), "use_bias=False"),
    (variant(padding="same"), "la salida mediría 12 × 17"),
    (variant(flip=True), "el filtro quedó girado 180°"),
    (variant(filters=3), "3 filtros"),
    (variant(shape=IMAGE.shape), "falta el eje de canales"),
    (variant(kernel_size=3), "un filtro de 3 × 3"),
    (variant(ignore_kernel=True), "no usa su argumento kernel"),
    (lambda kernel, height, width: None, "debe devolver el modelo"),
], ids=["no-reshape", "bias-unset", "bias-nonzero", "bias-zero", "same", "flipped", "filters", "no-channel",
        "kernel-size", "ignores-kernel", "no-return"])
def test_each_typical_mistake_gets_its_message(student, message):
    with pytest.raises(ExerciseNotPassed, match=re.escape(message)):
        selfcheck.check_filter_model(student, IMAGE)


def test_the_student_edition_shows_no_solution_and_stops_at_the_stub():
    student = nbformat.read(editions.student_path(NOTEBOOK), as_version=4)
    (solution,) = [c for c in student.cells if editions.role(c) == "solution"]
    assert "raise NotImplementedError(\"Ejercicio 1" in solution.source and "keras.Sequential" not in solution.source
    answer = [c for c in student.cells if editions.role(c) == "answer"][-1]
    assert answer.source.endswith("answer_mystery_kernel = None")
