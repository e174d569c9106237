"""utils.selfcheck.lenet5_mnist_mejor_configuracion: 0.08 · 32 is what Keras'
``RandomTranslation(0.08, 0.08)`` shifts at most (measured with the
notebook's probe), within the notebook's tolerance, and each typical mistake
gets its own message."""

import numpy as np
import pytest

from utils.selfcheck import CORRECT, PROMPT
from utils.selfcheck import lenet5_mnist_mejor_configuracion as selfcheck


def probe_max_shift(factor, size, n=2000, seed=1):
    """The notebook's probe: a bright 2×2 dot at the centre, shifted n times."""
    import keras

    probe = np.zeros((n, size, size, 1), dtype="float32")
    middle = size // 2
    probe[:, middle - 1:middle + 1, middle - 1:middle + 1] = 1.0
    layer = keras.layers.RandomTranslation(factor, factor, fill_mode="constant", fill_value=0.0, seed=seed)
    moved = keras.ops.convert_to_numpy(layer(probe, training=True))[..., 0]
    rows, cols = np.mgrid[0:size, 0:size]
    mass = moved.sum(axis=(1, 2))
    centre = middle - 0.5
    dx = (moved * cols).sum(axis=(1, 2)) / mass - centre
    dy = (moved * rows).sum(axis=(1, 2)) / mass - centre
    return float(max(np.abs(dx).max(), np.abs(dy).max()))


def test_the_answer_is_what_keras_shifts_at_most():
    measured = probe_max_shift(selfcheck.FACTOR, selfcheck.SIZE)
    assert measured == pytest.approx(selfcheck.FACTOR * selfcheck.SIZE, abs=selfcheck.TOLERANCE)
    assert measured <= selfcheck.FACTOR * selfcheck.SIZE + 1e-3


def test_right_answers_within_the_tolerance_and_none_prompts(capsys):
    for answer in (2.56, 2.5, 2.6, 0.08 * 32):
        assert selfcheck.check(answer, 2.56) is True
        out = capsys.readouterr().out
        assert out.startswith(CORRECT) and "La sonda midió 2.56 px" in out
    assert selfcheck.check(None, 2.56) is False
    assert capsys.readouterr().out.strip() == PROMPT


@pytest.mark.parametrize("answer, expected", [
    (2.24, "28 px del dígito original"),
    (4, "comentario de la diapositiva"),
    (0.08, "fracción del tamaño"),
    (8, "8 %"),
    (5.12, "recorrido entero"),
    (1.28, "no por la mitad"),
    (3, "no redondees"),
    (10, "imagen que recibe la capa"),
    ("2.56", "sin comillas"),
])
def test_each_typical_mistake_gets_its_message(capsys, answer, expected):
    assert selfcheck.check(answer, 2.56) is False
    out = capsys.readouterr().out
    assert out.startswith("Todavía no:") and expected in out and CORRECT not in out
