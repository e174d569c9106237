"""utils.selfcheck.convolucion_3_canales: the answers agree with Keras (a
built, untrained layer), and each typical mistake gets its own message."""

import pytest

from utils.selfcheck import CORRECT, PROMPT
from utils.selfcheck import convolucion_3_canales as selfcheck


def test_the_answers_agree_with_keras():
    import keras

    s = selfcheck
    model = keras.Sequential([
        keras.Input(shape=(s.N, s.N, s.C)),
        keras.layers.ZeroPadding2D(s.P),  # the slide's symmetric padding
        keras.layers.Conv2D(s.F, s.K, strides=s.S, padding="valid"),
    ])
    assert model.output_shape[1:] == s.OUTPUT_SHAPE.expected
    assert model.count_params() == s.PARAMETERS.expected


def test_the_teachers_answers_are_right_and_none_prompts(capsys):
    assert selfcheck.check((16, 16, 16), 1216) is True
    assert capsys.readouterr().out.count(CORRECT) == 2
    assert selfcheck.check(None, None) is False
    assert capsys.readouterr().out.strip() == PROMPT


@pytest.mark.parametrize("answers, expected", [
    (((16, 16, 3), 1216), "cantidad de filtros, no la de canales"),
    (((14, 14, 16), 1216), "olvidaste el relleno"),
    (((32, 32, 16), 1216), "olvidaste el paso"),
    (((15, 15, 16), 1216), "falta el «+ 1»"),
    (((16, 16, 16), 1200), "faltan los sesgos"),
    (((16, 16, 16), 416), "un plano de K×K por cada canal"),
    (((16, 16, 16), 4096), "valores de la salida"),
])
def test_each_typical_mistake_gets_its_message(capsys, answers, expected):
    assert selfcheck.check(*answers) is False
    out = capsys.readouterr().out
    assert expected in out and out.count(CORRECT) == 1
