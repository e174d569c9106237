"""utils.selfcheck.mnist_aplicar_modelo: the answers agree with the
8,954-parameter CNN of ``models.cnn_8954`` (built, not trained) and each
typical mistake gets its own message."""

import numpy as np
import pytest

from utils import models
from utils.selfcheck import CORRECT, PROMPT
from utils.selfcheck import mnist_aplicar_modelo as selfcheck

RIGHT = ((5, 26, 26, 32), 288, 1936)


def test_the_answers_agree_with_the_model():
    import keras

    model = models.cnn_8954()
    names = ["conv_1", "max_pool_1", "conv_2", "max_pool_2"]
    extractor = keras.Model(inputs=model.inputs[0], outputs=[model.get_layer(n).output for n in names])
    outputs = extractor.predict(np.zeros((selfcheck.BATCH, 28, 28, 1), "float32"), verbose=0)
    a, b, c = (q.expected for q in selfcheck.QUESTIONS)
    assert outputs[0].shape == a
    kernel = model.get_layer("conv_2").kernel
    assert int(np.prod(kernel.shape[:3])) == b and kernel.shape[3] == selfcheck.FILTERS_2
    assert outputs[2][0].size == c
    assert outputs[3][0].shape == (selfcheck.POOL_2, selfcheck.POOL_2, selfcheck.FILTERS_2)


def test_the_teachers_answers_are_right_and_none_prompts(capsys):
    assert selfcheck.check(*RIGHT) is True
    out = capsys.readouterr().out
    assert out.count(CORRECT) == 3 and "4,624 parámetros" in out and "= 1,936" in out
    assert selfcheck.check(None, None, None) is False
    assert capsys.readouterr().out.strip() == PROMPT


@pytest.mark.parametrize("index, answer, expected", [
    (0, (1, 26, 26, 32), "x_test[:5] tiene 5"),
    (0, (5, 28, 28, 32), "le quita 2 píxeles"),
    (0, (5, 26, 26, 1), "un mapa por filtro"),
    (0, (5, 13, 13, 32), "max_pool_1"),
    (0, (26, 26, 32), "forma (3,)"),
    (1, 9, "eso es un plano"),
    (1, 289, "sin el sesgo"),
    (1, 4608, "todos los filtros"),
    (1, 4624, "todos los parámetros"),
    (1, 144, "usaste los filtros de conv_2"),
    (2, 3872, "un mapa por filtro"),
    (2, 400, "max_pool_2"),
    (2, 2704, "le quita 2 píxeles"),
    (2, 121, "eso es un mapa"),
    (2, 21632, "salida de conv_1"),
])
def test_each_typical_mistake_gets_its_message(capsys, index, answer, expected):
    answers = list(RIGHT)
    answers[index] = answer
    assert selfcheck.check(*answers) is False
    out = capsys.readouterr().out
    assert expected in out and out.count(CORRECT) == 2
