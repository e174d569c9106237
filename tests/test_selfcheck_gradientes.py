"""utils.selfcheck.gradientes: the minimum number of sigmoid layers and the
number of layers whose ≈ √32 growth passes a million agree with the
computation, the growth factor is what N(0, 1) weights give a 64-unit ReLU
layer, and each typical mistake gets its own message."""

import math

import numpy as np
import pytest

from utils.selfcheck import CORRECT, PROMPT
from utils.selfcheck import gradientes as selfcheck


def test_the_answers_agree_with_the_computation():
    n = selfcheck.MIN_LAYERS
    assert 0.25 ** n < 1e-3 <= 0.25 ** (n - 1)
    m = selfcheck.EXPLOSION_LAYERS
    assert math.sqrt(32) ** m > 1e6 >= math.sqrt(32) ** (m - 1)
    assert selfcheck.GROWTH ** m == pytest.approx(32 ** (m / 2))


def test_the_growth_factor_is_what_large_weights_give_a_relu_layer():
    # ‖relu(h W)‖ / ‖h‖ for W ~ N(0, 1), 64 inputs and 64 units: about √(64 · ½) = √32 per layer
    rng = np.random.default_rng(0)
    h = np.abs(rng.normal(size=(2000, 64)))
    ratios = [np.linalg.norm(np.maximum(h @ rng.normal(size=(64, 64)), 0)) / np.linalg.norm(h) for _ in range(20)]
    assert np.mean(ratios) == pytest.approx(selfcheck.GROWTH, rel=0.1)


def test_the_teachers_answers_are_right_and_none_prompts(capsys):
    assert selfcheck.check(5, 8) is True
    assert capsys.readouterr().out.count(CORRECT) == 2
    assert selfcheck.check(None, None) is False
    assert capsys.readouterr().out.strip() == PROMPT


@pytest.mark.parametrize("answers, expected", [
    ((4, 8), "todavía no baja de una milésima"),
    ((3, 8), "ceros de 10⁻³"),
    ((10, 8), "usaste 0.5"),
    ((7, 8), "prueba potencias de 0.25"),
    ((5, 7), "todavía no crece un millón"),
    ((5, 6), "ceros de 10⁶"),
    ((5, 4), "usaste 32 (o 64)"),
    ((5, 12), "capas ocultas de la red"),
    ((5, 10), "multiplica por 5.66"),
    ((5, (5, 5)), "escribe un número"),
])
def test_each_typical_mistake_gets_its_message(capsys, answers, expected):
    assert selfcheck.check(*answers) is False
    out = capsys.readouterr().out
    assert expected in out and out.count(CORRECT) == 1
