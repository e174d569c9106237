"""utils.selfcheck.pooling: the answers agree with Keras' ``MaxPooling2D``,
and each typical mistake gets its own message."""

import numpy as np
import pytest

from utils.selfcheck import CORRECT, PROMPT
from utils.selfcheck import pooling as selfcheck


def test_the_answers_agree_with_keras():
    import keras

    layer = keras.layers.MaxPooling2D(pool_size=selfcheck.POOL_SIZE)
    pooled = np.asarray(layer(selfcheck.MATRIX[None, :, :, None].astype("float32")))[0, :, :, 0]
    assert pooled.tolist() == selfcheck.MAX_POOL.expected
    side_in = selfcheck.SIDE_IN
    assert layer.compute_output_shape((None, side_in, side_in, 1))[1] == selfcheck.SIDE.expected


def test_the_teachers_answers_are_right_and_none_prompts(capsys):
    assert selfcheck.check([[6, 5], [7, 9]], 6) is True
    assert selfcheck.check(np.array([[6, 5], [7, 9]]), 6.0) is True
    assert capsys.readouterr().out.count(CORRECT) == 4
    assert selfcheck.check(None, None) is False
    assert capsys.readouterr().out.strip() == PROMPT


@pytest.mark.parametrize("answers, expected", [
    (([[3.5, 2], [3, 6.75]], 6), "average pooling"),
    (([[1, 0], [0, 4]], 6), "tomaste el mínimo"),
    (([[6, 7], [5, 9]], 6), "las regiones se ordenan"),
    (([6, 5, 7, 9], 6), "forma (4,)"),
    (([[6, 5], [7, 9]], 6.5), "el tamaño es un entero"),
    (([[6, 5], [7, 9]], 7), "no completan una ventana"),
    (([[6, 5], [7, 9]], 12), "olvidaste el paso"),
    (([[6, 5], [7, 9]], 5), "falta el «+ 1»"),
])
def test_each_typical_mistake_gets_its_message(capsys, answers, expected):
    assert selfcheck.check(*answers) is False
    out = capsys.readouterr().out
    assert expected in out and out.count(CORRECT) == 1
