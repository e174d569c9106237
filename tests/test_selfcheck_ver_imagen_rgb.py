"""utils.selfcheck.ver_imagen_rgb: the answers agree with the course's
grayscale conversion and with skimage's ``as_gray``, and each typical
mistake gets its own message."""

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


def test_the_teachers_answers_are_right_and_none_prompts(capsys):
    assert selfcheck.check(116.67, 124.5, (150, 134), "Verde") is True
    assert capsys.readouterr().out.count(CORRECT) == 4
    assert selfcheck.check(116.7, 124.5, [150, 134], "verde") is True  # one decimal is close enough
    capsys.readouterr()
    assert selfcheck.check(None, None, None, None) is False
    assert capsys.readouterr().out.strip() == PROMPT


@pytest.mark.parametrize("answers, expected", [
    ((350, 124.5, (150, 134), "verde"), "olvidaste dividir"),
    ((31.33, 124.5, (150, 134), "verde"), "desbordó"),
    ((117, 124.5, (150, 134), "verde"), "no tiene por qué ser entero"),
    ((116.67, 116.67, (150, 134), "verde"), "ese es el promedio"),
    ((116.67, 96, (150, 134), "verde"), "pesos al revés"),
    ((116.67, 117.645, (150, 134), "verde"), "pesos de skimage"),
    ((116.67, 124.5, (134, 150), "verde"), "no cambian de lugar"),
    ((116.67, 124.5, (150, 134, 3), "verde"), "se esperan (2,) valores"),
    ((116.67, 124.5, (150, 134), "azul"), "el más oscuro"),
])
def test_each_typical_mistake_gets_its_message(capsys, answers, expected):
    assert selfcheck.check(*answers) is False
    out = capsys.readouterr().out
    assert expected in out and out.count(CORRECT) == 3
