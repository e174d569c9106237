"""utils.selfcheck.mlp_cifar10: chance accuracy is one over CIFAR-10's
classes; the comparison with the measured accuracy comes only after a right
answer."""

import pytest

from utils import datasets
from utils.selfcheck import CORRECT, PROMPT
from utils.selfcheck import mlp_cifar10 as selfcheck


def test_chance_is_one_over_the_classes():
    assert len(datasets.CIFAR10_CLASSES_ES) == selfcheck.N_CLASSES
    assert selfcheck.CHANCE_ACCURACY.expected == pytest.approx(1 / len(datasets.CIFAR10_CLASSES_ES))


def test_a_right_answer_compares_with_the_measured_accuracy(capsys):
    assert selfcheck.check(0.1, 0.5034) is True
    assert selfcheck.check(1 / 10, 0.5034) is True
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(CORRECT)
    assert out[1] == ("Nuestro MLP (50.3%) es unas 5.0 veces mejor que el azar: aprendió algo, pero todavía se "
                      "equivoca en el 50% de las imágenes.")


def test_none_prompts_without_the_comparison(capsys):
    assert selfcheck.check(None, 0.5034) is False
    assert capsys.readouterr().out.strip() == PROMPT


@pytest.mark.parametrize("answer, expected", [
    (10, "no como porcentaje"),
    (0.5, "eso es lo que logra el MLP"),
    (0, "también se acierta a veces"),
    (1 / 9, "también es una de las opciones"),
    (0.2, "cuántas clases hay"),
])
def test_each_typical_mistake_gets_its_message_and_no_comparison(capsys, answer, expected):
    assert selfcheck.check(answer, 0.5034) is False
    out = capsys.readouterr().out
    assert expected in out and CORRECT not in out and "veces mejor" not in out
