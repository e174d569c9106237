"""utils.selfcheck.gradientes: the minimum number of sigmoid layers and the
kernel of two stacked 3×3 convolutions agree with the computation, and each
typical mistake gets its own message."""

import numpy as np
import pytest
from scipy import signal

from utils import convmath
from utils.selfcheck import CORRECT, PROMPT
from utils.selfcheck import gradientes as selfcheck


def test_the_answers_agree_with_the_computation():
    n = selfcheck.MIN_LAYERS
    assert 0.25 ** n < 1e-3 <= 0.25 ** (n - 1)
    k = signal.convolve2d(np.ones((3, 3)), np.ones((3, 3)), mode="full")
    assert k.shape == (selfcheck.KERNEL_SIZE,) * 2
    rng = np.random.default_rng(0)
    image, k1, k2 = rng.integers(-3, 4, (9, 9)), rng.integers(-3, 4, (3, 3)), rng.integers(-3, 4, (3, 3))
    two_steps = convmath.conv2d(convmath.conv2d(image, k1), k2)
    one_step = convmath.conv2d(image, signal.convolve2d(k1, k2, mode="full"))
    assert np.array_equal(two_steps, one_step)


def test_the_teachers_answers_are_right_and_none_prompts(capsys):
    assert selfcheck.check(5, 5) is True
    assert capsys.readouterr().out.count(CORRECT) == 2
    assert selfcheck.check(None, None) is False
    assert capsys.readouterr().out.strip() == PROMPT


@pytest.mark.parametrize("answers, expected", [
    ((4, 5), "todavía no baja de una milésima"),
    ((3, 5), "ceros de 10⁻³"),
    ((10, 5), "usaste 0.5"),
    ((7, 5), "prueba potencias de 0.25"),
    ((5, 6), "falta el «− 1»"),
    ((5, 9), "no se multiplican"),
    ((5, 3), "pero más grande"),
    ((5, 7), "cuántos píxeles de la entrada"),
    ((5, (5, 5)), "escribe un número"),
])
def test_each_typical_mistake_gets_its_message(capsys, answers, expected):
    assert selfcheck.check(*answers) is False
    out = capsys.readouterr().out
    assert expected in out and out.count(CORRECT) == 1
