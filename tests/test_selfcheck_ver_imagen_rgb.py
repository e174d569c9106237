"""utils.selfcheck.ver_imagen_rgb: the answers agree with the course's
grayscale conversion, with skimage's ``as_gray`` and with what a Keras
``Conv2D`` takes, and each typical mistake gets its own message."""

import numpy as np
import pytest
from skimage import color

from utils import datasets
from utils.selfcheck import CORRECT, PROMPT
from utils.selfcheck import ver_imagen_rgb as selfcheck


def test_the_gray_levels_are_what_to_grayscale_computes():
    pixel = np.array([[selfcheck.PIXEL]], dtype=np.uint8)
    assert selfcheck.GRAY_MEAN.expected == pytest.approx(float(datasets.to_grayscale(pixel, method="mean")[0, 0]),
                                                         abs=1e-3)
    assert selfcheck.GRAY_PERCEPTUAL.expected == pytest.approx(float(datasets.to_grayscale(pixel)[0, 0]), abs=1e-3)
    assert selfcheck.WEIGHTS == datasets.LUMINANCE_WEIGHTS


def test_the_shape_is_what_as_gray_gives():
    tiger = np.zeros(selfcheck.TIGER_SHAPE, dtype=np.uint8)
    assert color.rgb2gray(tiger).shape == selfcheck.SHAPE.expected


def test_the_lightest_pure_colour_by_the_perceptual_formula():
    pure = np.eye(3, dtype=np.uint8)[None] * 255  # red, green, blue
    lightest = int(np.argmax(datasets.to_grayscale(pure)[0]))
    assert selfcheck.COLOURS[lightest] == selfcheck.LIGHTEST.expected


def test_the_batch_shape_is_what_a_keras_conv2d_takes():
    import keras

    shape = selfcheck.BATCH_SHAPE.expected
    assert shape == (selfcheck.BATCH, *datasets._SHAPES["cifar10"]["image"])
    layer = keras.layers.Conv2D(1, 3)
    assert layer.compute_output_shape(shape) == (selfcheck.BATCH, 30, 30, 1)
    assert keras.config.image_data_format() == "channels_last"


def test_the_teachers_answers_are_right_and_none_prompts(capsys):
    assert selfcheck.check(116.67, 124.5, (150, 134), "Verde", (16, 32, 32, 3)) is True
    assert capsys.readouterr().out.count(CORRECT) == 5
    assert selfcheck.check(116.7, 124.5, [150, 134], "verde", [16, 32, 32, 3]) is True  # one decimal is enough
    capsys.readouterr()
    assert selfcheck.check(None, None, None, None, None) is False
    assert capsys.readouterr().out.strip() == PROMPT


RIGHT = (116.67, 124.5, (150, 134), "verde", (16, 32, 32, 3))


@pytest.mark.parametrize("position, answer, expected", [
    (0, 350, "olvidaste dividir"),
    (0, 31.33, "desbordó"),
    (0, 117, "no tiene por qué ser entero"),
    (1, 116.67, "ese es el promedio"),
    (1, 96, "pesos al revés"),
    (1, 117.645, "pesos de skimage"),
    (2, (134, 150), "no cambian de lugar"),
    (2, (150, 134, 3), "se esperan (2,) valores"),
    (3, "azul", "el más oscuro"),
    (4, (16, 3, 32, 32), "la forma de PyTorch"),
    (4, (32, 32, 3), "una sola imagen"),
    (4, (16, 32, 32), "falta el eje de los canales"),
    (4, (16, 32, 32, 1), "tienen 3 canales"),
    (4, (32, 32, 3, 16), "el eje del lote va primero"),
    (4, (16, 3072), "lote aplanado"),
])
def test_each_typical_mistake_gets_its_message(capsys, position, answer, expected):
    answers = list(RIGHT)
    answers[position] = answer
    assert selfcheck.check(*answers) is False
    out = capsys.readouterr().out
    assert expected in out and out.count(CORRECT) == 4
