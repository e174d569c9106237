"""utils.selfcheck.como_aprende_una_cnn: the three answers agree with Keras
(two stacked 3×3 Conv2D without activation are one 5×5 Conv2D, SGD's step is
w − η·g, Dropout keeps 1/(1 − p)), and each typical mistake gets its own
message."""

import numpy as np
import pytest
from scipy import signal

from utils.selfcheck import CORRECT, PROMPT
from utils.selfcheck import como_aprende_una_cnn as selfcheck

RIGHT = (5, 0.3, 1 / 0.75)


def test_two_stacked_convolutions_are_one_of_the_answers_size():
    import keras

    keras.utils.set_random_seed(0)
    two = keras.Sequential([keras.Input(shape=(12, 12, 1)), keras.layers.Conv2D(1, 3, name="a"),
                            keras.layers.Conv2D(1, 3, name="b")])
    (ka, ba), (kb, bb) = two.get_layer("a").get_weights(), two.get_layer("b").get_weights()
    k = signal.convolve2d(ka[:, :, 0, 0], kb[:, :, 0, 0], mode="full")
    assert k.shape == (selfcheck.KERNEL_SIZE,) * 2
    one = keras.Sequential([keras.Input(shape=(12, 12, 1)), keras.layers.Conv2D(1, selfcheck.KERNEL_SIZE, name="k")])
    one.get_layer("k").set_weights([k.reshape(5, 5, 1, 1).astype("float32"),
                                    np.array([ba[0] * kb.sum() + bb[0]], "float32")])
    x = np.random.default_rng(0).normal(size=(2, 12, 12, 1)).astype("float32")
    assert np.allclose(keras.ops.convert_to_numpy(two(x)), keras.ops.convert_to_numpy(one(x)), atol=1e-5)


def test_keras_sgd_takes_the_answers_step():
    import keras

    w = keras.Variable(np.array([selfcheck.WEIGHT], "float32"))
    keras.optimizers.SGD(learning_rate=selfcheck.LEARNING_RATE).apply(
        [keras.ops.convert_to_tensor(np.array([selfcheck.GRADIENT], "float32"))], [w])
    assert keras.ops.convert_to_numpy(w)[0] == pytest.approx(selfcheck.NEW_WEIGHT)


def test_keras_dropout_keeps_the_answers_value():
    import keras

    out = keras.ops.convert_to_numpy(keras.layers.Dropout(selfcheck.RATE, seed=0)(np.ones((1, 1000), "float32"),
                                                                                 training=True))
    assert 0 < np.mean(out == 0) < 0.5
    assert np.allclose(out[out > 0], selfcheck.DROPOUT_VALUE)


def test_the_teachers_answers_are_right_and_none_prompts(capsys):
    assert selfcheck.check(*RIGHT) is True
    assert capsys.readouterr().out.count(CORRECT) == 3
    assert selfcheck.check(1.33, 0.30000001, 4 / 3) is False   # 1.33 is no kernel size
    capsys.readouterr()
    assert selfcheck.check(5, 0.3, 1.33) is True               # two decimals are enough
    capsys.readouterr()
    assert selfcheck.check(None, None, None) is False
    assert capsys.readouterr().out.strip() == PROMPT


@pytest.mark.parametrize("position, answer, expected", [
    (0, 6, "falta el «− 1»"),
    (0, 9, "no se multiplican"),
    (0, 3, "pero más grande"),
    (0, 7, "cuántos píxeles de la entrada"),
    (1, 0.7, "sumaste el paso"),
    (1, -1.5, "restaste el gradiente entero"),
    (1, 0.2, "ese es el tamaño del paso"),
    (1, 0.4, "restaste solo η"),
    (1, 0.35, "resta al peso la tasa de aprendizaje"),
    (2, 0.75, "multiplicaste por la fracción que sobrevive"),
    (2, 1, "así sale al predecir"),
    (2, 4, "dividiste por la fracción que se apaga"),
    (2, 1.25, "sumaste la fracción"),
    (2, 0, "lo que valen los que se apagan"),
    (2, 1.5, "qué fracción de los valores sobrevive"),
    (2, "1.33", "escribe un número"),
])
def test_each_typical_mistake_gets_its_message(capsys, position, answer, expected):
    answers = list(RIGHT)
    answers[position] = answer
    assert selfcheck.check(*answers) is False
    out = capsys.readouterr().out
    assert expected in out and out.count(CORRECT) == 2
