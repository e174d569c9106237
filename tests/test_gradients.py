"""utils.gradients on the active Keras backend (``KERAS_BACKEND``): the
gradients of known cases (a linear layer under the squared error, softmax with
cross-entropy), agreement with finite differences on a small CNN, the order
and shapes of ``model.trainable_variables``, the loss it returns, the
``training`` flag, a hand step equal to ``optimizer.apply``, and bad input."""

from pathlib import Path

import numpy as np
import pytest

import utils
from utils import gradients

UTILS = Path(utils.__file__).resolve().parent


def keras():
    import keras as k

    return k


def small_cnn(activation="tanh"):
    k = keras()
    k.utils.set_random_seed(3)
    return k.Sequential([
        k.Input(shape=(6, 6, 1)),
        k.layers.Conv2D(2, 3, activation=activation, bias_initializer="random_normal", name="conv"),
        k.layers.Flatten(name="flatten"),
        k.layers.Dense(3, activation="softmax", name="out"),
    ], name="small_cnn")


def data(n=5, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, 6, 6, 1)).astype("float32"), rng.integers(0, 3, size=n)


def loss_of(model, x, y):
    k = keras()
    return float(k.ops.convert_to_numpy(k.losses.SparseCategoricalCrossentropy()(y, model(x))))


def test_a_linear_layer_under_the_squared_error_has_the_textbook_gradient():
    k = keras()
    k.utils.set_random_seed(0)
    model = k.Sequential([k.Input(shape=(4,)), k.layers.Dense(3, bias_initializer="random_normal")])
    rng = np.random.default_rng(1)
    x, t = rng.normal(size=(7, 4)).astype("float32"), rng.normal(size=(7, 3)).astype("float32")
    value, (d_kernel, d_bias) = gradients.loss_and_gradients(model, x, t, loss="mean_squared_error")
    kernel, bias = model.get_weights()
    error = x @ kernel + bias - t
    assert value == pytest.approx(np.mean(error ** 2), rel=1e-5)
    # L = mean over examples and outputs of (xW + b − t)²: dL/dW = 2 xᵀ(error) / (N·U)
    assert np.allclose(d_kernel, 2 * x.T @ error / error.size, atol=1e-6)
    assert np.allclose(d_bias, 2 * error.sum(axis=0) / error.size, atol=1e-6)


def test_the_output_bias_gradient_of_softmax_cross_entropy_is_p_minus_one_hot():
    model = small_cnn()
    x, y = data()
    grads = gradients.keras_gradients(model, x, y)
    p = keras().ops.convert_to_numpy(model(x))
    assert np.allclose(grads[-1], (p - np.eye(3)[y]).mean(axis=0), atol=1e-6)


def test_the_gradients_agree_with_finite_differences():
    model = small_cnn()
    x, y = data()
    grads = gradients.keras_gradients(model, x, y)
    weights = model.get_weights()
    rng = np.random.default_rng(2)
    eps = 1e-2
    for index, grad in enumerate(grads):
        for _ in range(3):
            position = tuple(rng.integers(0, s) for s in grad.shape)
            shifted = []
            for sign in (1, -1):
                changed = [w.copy() for w in weights]
                changed[index][position] += sign * eps
                model.set_weights(changed)
                shifted.append(loss_of(model, x, y))
            model.set_weights(weights)
            assert grad[position] == pytest.approx((shifted[0] - shifted[1]) / (2 * eps), abs=2e-4, rel=2e-2)


def test_one_gradient_per_trainable_variable_in_order_and_the_loss_is_the_models():
    model = small_cnn(activation="relu")
    x, y = data()
    value, grads = gradients.loss_and_gradients(model, x, y)
    assert [g.shape for g in grads] == [tuple(v.shape) for v in model.trainable_variables]
    assert [g.shape for g in grads] == [(3, 3, 1, 2), (2,), (32, 3), (3,)]
    assert all(isinstance(g, np.ndarray) and g.dtype == np.float32 for g in grads)
    assert value == pytest.approx(loss_of(model, x, y), rel=1e-5)
    # a Loss object, a function and a name give the same
    k = keras()
    for loss in (k.losses.SparseCategoricalCrossentropy(), k.losses.sparse_categorical_crossentropy):
        other_value, other = gradients.loss_and_gradients(model, x, y, loss=loss)
        assert other_value == pytest.approx(value, rel=1e-6)
        assert all(np.allclose(a, b, atol=1e-7) for a, b in zip(grads, other, strict=True))


def test_a_variable_the_loss_ignores_gets_a_zero_gradient():
    k = keras()

    class WithSpare(k.layers.Layer):
        def build(self, input_shape):
            self.kernel = self.add_weight(shape=(input_shape[-1], 3), initializer="ones", name="kernel")
            self.spare = self.add_weight(shape=(2,), initializer="ones", name="spare")  # never used

        def call(self, inputs):
            return k.ops.softmax(k.ops.matmul(inputs, self.kernel))

    model = k.Sequential([k.Input(shape=(4,)), WithSpare()])
    x, y = np.arange(8, dtype="float32").reshape(2, 4) / 8, np.array([0, 2])
    d_kernel, d_spare = gradients.keras_gradients(model, x, y)
    assert d_kernel.shape == (4, 3) and np.any(d_kernel != 0)
    assert d_spare.shape == (2,) and np.array_equal(d_spare, np.zeros(2))


def test_training_runs_dropout_as_fit_does():
    k = keras()
    k.utils.set_random_seed(0)
    model = k.Sequential([k.Input(shape=(20,)), k.layers.Dense(20, name="hidden"), k.layers.Dropout(0.5, seed=1),
                          k.layers.Dense(3, activation="softmax", name="out")])
    x, y = np.random.default_rng(0).normal(size=(8, 20)).astype("float32"), np.arange(8) % 3
    at_inference = gradients.keras_gradients(model, x, y)
    assert all(np.array_equal(a, b) for a, b in zip(at_inference, gradients.keras_gradients(model, x, y), strict=True))
    while_training = gradients.keras_gradients(model, x, y, training=True)
    assert not np.allclose(at_inference[0], while_training[0])


def test_a_hand_step_equals_the_optimizers():
    k = keras()
    model = small_cnn(activation="relu")
    x, y = data(n=8)
    before = model.get_weights()
    value, grads = gradients.loss_and_gradients(model, x, y)
    k.optimizers.SGD(learning_rate=0.1).apply([k.ops.convert_to_tensor(g) for g in grads], model.trainable_variables)
    by_hand = [w - 0.1 * g for w, g in zip(before, grads, strict=True)]
    assert all(np.allclose(a, b, atol=1e-6) for a, b in zip(model.get_weights(), by_hand, strict=True))
    assert loss_of(model, x, y) < value


BAD = [
    (("not a model", *data()), {}, TypeError, "model='not a model'"),
    ((None, *data()), {}, TypeError, "model=None"),
    ((lambda: keras().Sequential([keras().layers.Dense(2)]), *data()), {}, ValueError, "no trainable weights"),
    ((small_cnn, data()[0], data()[1][:3]), {}, ValueError, "one label per example"),
    ((small_cnn, np.ones((0, 6, 6, 1)), np.ones(0)), {}, ValueError, "x has shape (0, 6, 6, 1)"),
    ((small_cnn, "images", data()[1]), {}, TypeError, "x="),
    ((small_cnn, data()[0], np.float64(1.0)), {}, ValueError, "y has shape ()"),
    ((small_cnn, *data()), {"loss": "hinge_of_doom"}, ValueError, "loss='hinge_of_doom'"),
    ((small_cnn, *data()), {"loss": 3}, TypeError, "loss=3"),
    ((small_cnn, *data()), {"training": 1}, TypeError, "training=1"),
    ((small_cnn, *data()), {"training": "yes"}, TypeError, "training='yes'"),
]


@pytest.mark.parametrize("function", [gradients.loss_and_gradients, gradients.keras_gradients],
                         ids=["loss_and_gradients", "keras_gradients"])
@pytest.mark.parametrize("args, kwargs, error, fragment", BAD, ids=[case[3] for case in BAD])
def test_a_bad_input_gets_a_short_error_naming_it(function, args, kwargs, error, fragment):
    model, *rest = args
    if callable(model) and not isinstance(model, str):
        model = model()
    with pytest.raises(error) as raised:
        function(model, *rest, **kwargs)
    message = str(raised.value)
    assert fragment in message
    assert "\n" not in message and len(message) < 400
    assert Path(raised.traceback[-1].path).resolve().parent == UTILS, "raised by utils, not deep in a library"
