"""utils.selfcheck.parametros_y_dimensiones: the six answers agree with Keras
(the asserts the notebook's old check cells made), Keras' ``padding="same"``
with stride 2 on 64×64 pads (0, 1) as the statement of Ejercicio 2 says, and
each check names each typical mistake."""

import numpy as np
import pytest

from utils import convmath
from utils.selfcheck import CORRECT, PROMPT
from utils.selfcheck import parametros_y_dimensiones as selfcheck

CHECKS = (selfcheck.check_1, selfcheck.check_2, selfcheck.check_3,
          selfcheck.check_4, selfcheck.check_5, selfcheck.check_6)


def lenet5_keras(size, n_channels):
    import keras

    return keras.Sequential([
        keras.Input(shape=(size, size, n_channels)),
        keras.layers.Conv2D(6, kernel_size=5, activation="relu"),
        keras.layers.MaxPooling2D(pool_size=2),
        keras.layers.Conv2D(16, kernel_size=5, activation="relu"),
        keras.layers.MaxPooling2D(pool_size=2),
        keras.layers.Flatten(name="flatten"),
        keras.layers.Dense(120, name="fc1"),
    ])


def test_the_answers_agree_with_keras():
    import keras

    layers = keras.layers
    ex1, ex2, ex3, ex4, ex5, ex6 = (q.expected for q in selfcheck.EXERCISES)
    model_1 = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(8, 5, strides=2)])
    assert tuple(model_1.output_shape[1:]) == ex1
    model_2 = keras.Sequential([keras.Input(shape=(64, 64, 3)), layers.Conv2D(16, 3, strides=2, padding="same")])
    assert tuple(model_2.output_shape[1:]) == ex2
    model_3 = keras.Sequential([keras.Input(shape=(30, 30, 32)), layers.Conv2D(64, 3)])
    assert model_3.count_params() == ex3
    model_4 = keras.Sequential([keras.Input(shape=(11, 11, 16)), layers.MaxPooling2D(pool_size=2)])
    assert tuple(model_4.output_shape[1:]) == ex4 and model_4.count_params() == 0
    model_5 = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(8, 3), layers.MaxPooling2D(2),
                                layers.Flatten(), layers.Dense(32, name="densa")])
    assert model_5.get_layer("densa").count_params() == ex5
    assert lenet5_keras(32, 3).get_layer("flatten").output.shape == (None, ex6)


def test_the_lenet5_sizes_of_the_notebook():
    assert selfcheck.lenet5_flatten_size(28) == 256
    assert selfcheck.lenet5_flatten_size(128) == 13456
    assert lenet5_keras(28, 1).get_layer("flatten").output.shape == (None, 256)
    assert lenet5_keras(128, 3).get_layer("flatten").output.shape == (None, 13456)


def test_the_class_notes_slip_activations_are_not_parameters():
    """The class notes write «124×124×6 = parámetros» for conv1 on 128×128×3:
    that is the size of its output (activations); its parameters are 456."""
    conv1 = lenet5_keras(128, 3).layers[0]
    assert tuple(conv1.output.shape[1:]) == (124, 124, 6) and 124 * 124 * 6 == 92256
    assert conv1.count_params() == 6 * 5 * 5 * 3 + 6 == convmath.conv_params(5, 3, 6) == 456


def test_the_verdicts_write_numbers_as_the_course_does(capsys):
    """Decimal point and comma as the thousands separator (``⌊11.5⌋``, ``18,496``)."""
    for check, answer in zip(CHECKS, ((12, 12, 8), (32, 32, 16), 18496, (5, 5, 16), 43296, 400), strict=True):
        check(answer)
    out = capsys.readouterr().out
    assert "⌊11.5⌋" in out and "⌊4.5⌋" in out and "18,496" in out and "43,296" in out
    assert not any(bad in out for bad in ("11,5", "4,5⌋", "18496", "43296"))


def test_keras_same_pads_zero_before_and_one_after_as_exercise_2_says():
    assert selfcheck.keras_same_padding(64, 3, 2) == (0, 1)
    assert selfcheck.keras_same_padding(28, 3, 1) == (1, 1)
    image = np.random.default_rng(0).integers(0, 10, size=(64, 64)).astype("float32")
    kernel = np.arange(9, dtype="float32").reshape(3, 3)
    by_keras = convmath.apply_with_conv2d(image, kernel, padding="same", stride=2)[:, :, 0]
    padded = np.pad(image, ((0, 1), (0, 1)))
    assert by_keras.shape == selfcheck.EXERCISES[1].expected[:2]
    assert np.allclose(by_keras, convmath.conv2d(padded, kernel, stride=2), atol=1e-3)
    # the symmetric padding of the slides (P = 1) gives other numbers, same size
    symmetric = convmath.conv2d(image, kernel, padding=1, stride=2)
    assert symmetric.shape == by_keras.shape and not np.allclose(symmetric, by_keras)


def test_the_teachers_answers_are_right_and_none_prompts(capsys):
    answers = ((12, 12, 8), [32, 32, 16], 18496, (5, 5, 16), 43296, 400)
    for check, answer in zip(CHECKS, answers, strict=True):
        assert check(answer) is True
        out = capsys.readouterr().out
        assert CORRECT in out and "Todavía no" not in out
        assert check(None) is False
        assert capsys.readouterr().out.strip() == PROMPT


@pytest.mark.parametrize("number, answer, expected", [
    (1, (24, 24, 8), "olvidaste el paso (stride)"),
    (1, (11, 11, 8), "«+ 1»"),
    (1, (14, 14, 8), "«− K»"),
    (1, (12.5, 12.5, 8), "redondea hacia abajo"),
    (1, (12, 12, 1), "un canal por filtro"),
    (1, (12, 12), "forma (2,)"),
    (2, (31, 31, 16), "olvidaste el relleno (padding)"),
    (2, (64, 64, 16), "olvidaste el paso (stride)"),
    (2, (62, 62, 16), "el relleno y el paso"),
    (2, (32, 32, 3), "cantidad de filtros"),
    (2, (32, 32, 48), "no se multiplican"),
    (3, 18432, "olvidaste el sesgo"),
    (3, 640, "canales de entrada N_c"),
    (3, 576, "canales de entrada y el sesgo"),
    (3, 18464, "un sesgo por canal"),
    (3, 57600, "no interviene"),
    (3, "18496", "sin comillas"),
    (4, (6, 6, 16), "redondeaste hacia arriba"),
    (4, (5.5, 5.5, 16), "número entero"),
    (4, (5, 5, 8), "no cambia la cantidad de canales"),
    (4, (11, 11, 16), "a la mitad"),
    (4, (10, 10, 16), "de a 2"),
    (5, 43264, "sesgos de la densa"),
    (5, 173088, "olvidaste el pooling"),
    (5, 25120, "784 píxeles"),
    (5, 5440, "los 8 mapas"),
    (6, 256, "MNIST"),
    (6, 1200, "canales de color"),
    (6, 1024, "resta 4 píxeles"),
    (6, 1600, "segundo pooling"),
    (6, 999, "sigue el tamaño desde 32"),
])
def test_each_typical_mistake_gets_its_message(capsys, number, answer, expected):
    assert CHECKS[number - 1](answer) is False
    out = capsys.readouterr().out
    assert out.startswith(f"Ejercicio {number}: Todavía no:") and expected in out and CORRECT not in out


def test_the_demonstration_shows_a_wrong_and_a_right_answer(capsys):
    assert selfcheck.example(576) is False
    assert "olvidaste el sesgo" in capsys.readouterr().out
    assert selfcheck.example(640) is True
    assert CORRECT in capsys.readouterr().out
