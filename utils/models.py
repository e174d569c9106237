"""The models and training recipes that several lessons share.

Each one is written out in full, layer by layer, in the notebook that teaches
it (named in its docstring); later notebooks call it from here and link back,
as d2l does with its ``#@save`` functions. ``tests/test_models.py`` checks
that each notebook's own cell still builds exactly the model returned here.

Keras is imported when a function is called, not when this module is.
"""

from __future__ import annotations

import math

from utils import _checks

__all__ = [
    "FAST_CNN_BATCH_SIZE", "FAST_CNN_EPOCHS", "cnn_8954", "compile_with_cosine_decay", "fast_cnn",
    "fast_cnn_schedule", "lenet5", "mlp", "training_steps",
]


def _input_shape(value, name: str = "input_shape", ndim: tuple[int, ...] = (1, 2, 3), shape: str = "") -> tuple:
    """A Keras input shape without the batch axis: a tuple of positive ints."""
    expected = shape or "a tuple of positive ints such as (28, 28)"
    if not isinstance(value, (tuple, list)) or not value or not all(_checks.is_int(v) for v in value):
        raise TypeError(f"{name}={_checks.show(value)}: expected {expected}")
    if len(value) not in ndim or min(value) < 1:
        raise ValueError(f"{name}={_checks.show(tuple(value))}: expected {expected}")
    return tuple(int(v) for v in value)


def _name(value) -> str:
    _checks.text(value, "name", non_empty=True)
    if any(c.isspace() or c == "/" for c in value):
        raise ValueError(f"name={value!r}: expected a model name without spaces or '/'")
    return value


def mlp(input_shape=(28, 28), name: str = "mlp_mnist"):
    """The class's multilayer perceptron ``Flatten → Dense(200, relu) →
    Dense(150, relu) → Dense(10, softmax)``, taught in ``mlp_MNIST.ipynb``
    (188,660 parameters on 28×28 inputs)."""
    input_shape = _input_shape(input_shape)
    name = _name(name)
    import keras

    return keras.Sequential(
        [
            keras.Input(shape=input_shape),
            keras.layers.Flatten(name="aplanar"),
            keras.layers.Dense(200, activation="relu", name="oculta_1"),
            keras.layers.Dense(150, activation="relu", name="oculta_2"),
            keras.layers.Dense(10, activation="softmax", name="salida"),
        ],
        name=name,
    )


def training_steps(n_examples: int, epochs: int, batch_size: int, validation_split: float = 0.1) -> int:
    """How many optimizer steps ``fit`` takes: ``epochs`` times the batches of
    the examples left after ``validation_split`` (``mlp_MNIST.ipynb``)."""
    n_examples = _checks.positive_int(n_examples, "n_examples")
    epochs = _checks.positive_int(epochs, "epochs")
    batch_size = _checks.positive_int(batch_size, "batch_size")
    validation_split = _checks.number(validation_split, "validation_split", minimum=0, below=1)
    n_fit = int(n_examples * (1 - validation_split))
    return epochs * math.ceil(n_fit / batch_size)


def compile_with_cosine_decay(model, total_steps: int, learning_rate: float = 1e-3,
                              loss: str = "sparse_categorical_crossentropy"):
    """Adam whose learning rate starts at ``learning_rate`` and falls to 0 along
    a cosine over ``total_steps``, the loss and the ``accuracy`` metric: the
    recipe taught in ``mlp_MNIST.ipynb``. Returns the model."""
    if not callable(getattr(model, "compile", None)):
        raise TypeError(f"model={_checks.show(model)}: expected a Keras model")
    total_steps = _checks.positive_int(total_steps, "total_steps")
    learning_rate = _checks.number(learning_rate, "learning_rate", above=0)
    if not (isinstance(loss, str) and loss.strip()) and not callable(loss):
        raise TypeError(f"loss={_checks.show(loss)}: expected a loss name such as "
                        "'sparse_categorical_crossentropy' or a loss function")
    import keras

    schedule = keras.optimizers.schedules.CosineDecay(initial_learning_rate=learning_rate,
                                                      decay_steps=total_steps)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=schedule), loss=loss, metrics=["accuracy"])
    return model


def cnn_8954(name: str = "cnn_mnist_8954"):
    """The two-block CNN of the slides, ``Conv2D(32, 3) → MaxPooling2D(2) →
    Conv2D(16, 3) → MaxPooling2D(2) → Flatten → Dense(10)``: 8,954
    parameters, taught in ``MNIST_Conv2D_MaxPool.ipynb`` (model 4)."""
    name = _name(name)
    import keras

    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        keras.layers.Conv2D(32, kernel_size=3, activation="relu", name="conv_1"),
        keras.layers.MaxPooling2D(pool_size=2, name="max_pool_1"),
        keras.layers.Conv2D(16, kernel_size=3, activation="relu", name="conv_2"),
        keras.layers.MaxPooling2D(pool_size=2, name="max_pool_2"),
        keras.layers.Flatten(name="flatten"),
        keras.layers.Dense(10, activation="softmax", name="salida"),
    ], name=name)


def lenet5(input_shape=(28, 28, 1), name: str = "lenet5"):
    """LeNet-5 with ReLU as the class writes it, taught in ``LeNet5_MNIST.ipynb``:
    ``Conv2D(6, 5) → MaxPooling2D(2) → Conv2D(16, 5) → MaxPooling2D(2) →
    Flatten → Dense(120) → Dense(84) → Dense(10, softmax)`` (44,426
    parameters on 28×28×1)."""
    expected = "(H, W, C) with H and W at least 16, such as (28, 28, 1)"
    input_shape = _input_shape(input_shape, ndim=(3,), shape=expected)
    if min(input_shape[:2]) < 16:  # two 5×5 convolutions and two 2×2 poolings need 16 pixels
        raise ValueError(f"input_shape={input_shape}: expected {expected}")
    name = _name(name)
    import keras
    from keras import layers

    return keras.Sequential(
        [
            keras.Input(shape=input_shape),
            layers.Conv2D(6, kernel_size=5, activation="relu", name="conv1"),
            layers.MaxPooling2D(pool_size=2, name="pool1"),
            layers.Conv2D(16, kernel_size=5, activation="relu", name="conv2"),
            layers.MaxPooling2D(pool_size=2, name="pool2"),
            layers.Flatten(name="flatten"),
            layers.Dense(120, activation="relu", name="fc1"),
            layers.Dense(84, activation="relu", name="fc2"),
            layers.Dense(10, activation="softmax", name="salida"),
        ],
        name=name,
    )


FAST_CNN_EPOCHS = 2
"""Epochs of the fast CNN of ``MNIST_Conv2D_MaxPool.ipynb`` in full mode."""
FAST_CNN_BATCH_SIZE = 128


def fast_cnn_schedule(n_train: int, epochs: int, batch_size: int = FAST_CNN_BATCH_SIZE):
    """Linear warm-up (a fifth of the steps) from 5e-4 to 5e-3, then a cosine
    down to 0: the fast CNN's learning rate (``MNIST_Conv2D_MaxPool.ipynb``)."""
    n_train = _checks.positive_int(n_train, "n_train")
    epochs = _checks.positive_int(epochs, "epochs")
    batch_size = _checks.positive_int(batch_size, "batch_size")
    import keras

    total_steps = math.ceil(n_train / batch_size) * epochs
    warmup_steps = total_steps // 5
    return keras.optimizers.schedules.CosineDecay(
        initial_learning_rate=5e-4,
        warmup_target=5e-3,
        warmup_steps=warmup_steps,
        decay_steps=total_steps - warmup_steps,
    )


def fast_cnn(n_train: int = 60000, epochs: int = FAST_CNN_EPOCHS, batch_size: int = FAST_CNN_BATCH_SIZE):
    """The fast CNN of the exercise of ``MNIST_Conv2D_MaxPool.ipynb`` (99 % in
    two epochs), compiled with :func:`fast_cnn_schedule` for ``n_train``
    training images."""
    schedule = fast_cnn_schedule(n_train, epochs, batch_size)
    import keras

    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        keras.layers.Conv2D(32, kernel_size=3, activation="relu", name="conv_1"),
        keras.layers.MaxPooling2D(pool_size=2, name="max_pool_1"),
        keras.layers.Conv2D(64, kernel_size=3, activation="relu", name="conv_2"),
        keras.layers.MaxPooling2D(pool_size=2, name="max_pool_2"),
        keras.layers.Flatten(name="flatten"),
        keras.layers.Dense(128, activation="relu", name="oculta"),
        keras.layers.Dropout(0.3, name="dropout"),
        keras.layers.Dense(10, activation="softmax", name="salida"),
    ], name="cnn_rapida")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=schedule),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
