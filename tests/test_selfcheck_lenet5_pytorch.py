"""utils.selfcheck.lenet5_pytorch: the inputs of ``fc1`` for 128×128×3 agree
with Keras (and with PyTorch when it is installed), and each typical mistake
gets its own message."""

import pytest

from utils import convmath, models
from utils.selfcheck import CORRECT, PROMPT
from utils.selfcheck import lenet5_pytorch as selfcheck


def test_the_answer_agrees_with_keras():
    import keras
    from keras import layers

    conv_part = keras.Sequential([keras.Input(shape=(128, 128, 3)), layers.Conv2D(6, 5), layers.MaxPooling2D(2),
                                  layers.Conv2D(16, 5), layers.MaxPooling2D(2), layers.Flatten()])
    assert conv_part.output_shape == (None, selfcheck.FC1_INPUTS)
    model = models.lenet5(input_shape=(128, 128, 3))
    assert model.get_layer("fc1").count_params() == convmath.dense_params(selfcheck.FC1_INPUTS, 120)
    assert selfcheck.flatten_size(28) == 256 and selfcheck.flatten_size(32) == 400


def test_the_answer_agrees_with_pytorch():
    torch = pytest.importorskip("torch")
    from torch.nn import functional

    conv1, conv2 = torch.nn.Conv2d(3, 6, kernel_size=5), torch.nn.Conv2d(6, 16, kernel_size=5)
    with torch.no_grad():
        x = functional.max_pool2d(functional.relu(conv1(torch.zeros(1, 3, 128, 128))), 2)
        x = functional.max_pool2d(functional.relu(conv2(x)), 2)
    assert torch.flatten(x, 1).shape[1] == selfcheck.FC1_INPUTS


def test_the_teachers_answer_is_right_and_none_prompts(capsys):
    assert selfcheck.check(13456) is True
    assert capsys.readouterr().out.startswith(CORRECT)
    assert selfcheck.check(None) is False
    assert capsys.readouterr().out.strip() == PROMPT


@pytest.mark.parametrize("answer, expected", [
    (256, "28×28"),
    (40368, "canales de color"),
    (16384, "resta 4 píxeles"),
    (53824, "segundo pooling"),
    (841, "16 mapas"),
    (12544, "«+ 1»"),
    (10000, "sigue el tamaño desde 128"),
    ("13456", "sin comillas"),
])
def test_each_typical_mistake_gets_its_message(capsys, answer, expected):
    assert selfcheck.check(answer) is False
    out = capsys.readouterr().out
    assert out.startswith("Todavía no:") and expected in out and CORRECT not in out
