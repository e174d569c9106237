"""utils.selfcheck.mlp_mnist: the answer agrees with Keras (the course's MLP
built with CIFAR-10's input, not trained), and each typical mistake gets its
own message."""

import pytest

from utils import models
from utils.selfcheck import CORRECT, PROMPT
from utils.selfcheck import mlp_mnist as selfcheck


def test_the_answer_agrees_with_keras():
    assert models.mlp(input_shape=selfcheck.INPUT_SHAPE).count_params() == selfcheck.CIFAR10_PARAMETERS.expected
    assert models.mlp().count_params() == selfcheck.mlp_parameters(28 * 28) == 188_660


def test_the_teachers_answer_is_right_and_none_prompts(capsys):
    assert selfcheck.check(646_260) is True
    assert capsys.readouterr().out.startswith(CORRECT)
    assert selfcheck.check(None) is False
    assert capsys.readouterr().out.strip() == PROMPT


@pytest.mark.parametrize("answer, expected", [
    (188_660, "parámetros con MNIST"),
    (236_660, "olvidaste los 3 canales"),
    (614_600, "solo la primera capa"),
    (645_900, "faltan los sesgos"),
    (502_260, "no de 28 × 28"),
    (1, "P = n_in · n_out + n_out"),
])
def test_each_typical_mistake_gets_its_message(capsys, answer, expected):
    assert selfcheck.check(answer) is False
    out = capsys.readouterr().out
    assert expected in out and CORRECT not in out
