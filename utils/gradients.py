"""The gradient of a Keras model's loss with respect to each of its trainable
weights, on any of Keras' backends.

Keras has no gradient function of its own: automatic differentiation belongs
to the backend. :func:`loss_and_gradients` uses ``tf.GradientTape`` on
TensorFlow, ``jax.value_and_grad`` (over ``model.stateless_call``) on JAX and
``torch.autograd.grad`` on PyTorch, and returns numpy arrays, in the order of
``model.trainable_variables`` (kernel, bias, kernel, bias... for a
``Sequential`` of ``Conv2D`` and ``Dense`` layers).

``Como_aprende_una_CNN.ipynb`` takes one training step by hand with it
(``w ← w − η·g``) and compares it with ``optimizer.apply``;
``Gradientes.ipynb`` checks its numpy backward pass against it.

The loss is the one given, of the model's output on ``x``, averaged over the
batch as ``fit`` does (``model.losses``, the regularization terms, are not
added). ``training=False`` (the default)
runs ``Dropout`` and ``BatchNormalization`` as at inference, so the same call
gives the same gradients; ``training=True`` runs them as ``fit`` does (the
moving statistics of ``BatchNormalization`` are not updated either way).
"""

from __future__ import annotations

import numpy as np

from utils import _checks

__all__ = ["BACKENDS", "keras_gradients", "loss_and_gradients"]

BACKENDS = ("tensorflow", "jax", "torch")
"""The Keras backends whose autodiff :func:`loss_and_gradients` knows."""


def _loss_function(loss):
    import keras

    if isinstance(loss, str):
        try:
            return keras.losses.get(loss)  # a function of one value per example: averaged below
        except ValueError:
            raise ValueError(f"loss={loss!r}: expected the name of a Keras loss, such as "
                             "'sparse_categorical_crossentropy', or a loss function") from None
    if callable(loss):
        return loss
    raise TypeError(f"loss={_checks.show(loss)}: expected the name of a Keras loss or a callable(y_true, y_pred)")


def _check_model(model):
    import keras

    if not isinstance(model, keras.layers.Layer):
        raise TypeError(f"model={_checks.show(model)}: expected a Keras model")
    if not model.built or not model.trainable_variables:
        raise ValueError(f"model={model.name!r} has no trainable weights yet: build it (start it with "
                         "keras.Input(shape=...)) before asking for its gradients")
    return model


def _check_data(x, y):
    x = _checks.numeric_array(x, "x", non_empty=True)
    if x.ndim < 1:
        raise ValueError(f"x has shape {x.shape}: expected a batch, one example per row")
    y = _checks.numeric_array(y, "y")
    if y.ndim < 1 or len(y) != len(x):
        raise ValueError(f"y has shape {y.shape} but x holds {len(x)} examples: expected one label per example")
    return x, y


def _to_numpy(tensor) -> np.ndarray:
    import keras

    return np.asarray(keras.ops.convert_to_numpy(tensor))


def loss_and_gradients(model, x, y, loss="sparse_categorical_crossentropy",
                       training: bool = False) -> tuple[float, list[np.ndarray]]:
    """The loss of ``model`` on the batch ``(x, y)`` and its gradient with
    respect to every trainable variable, by the active backend's autodiff.

    Returns ``(loss, gradients)``: a float and a list of numpy arrays, one per
    variable of ``model.trainable_variables``, each of that variable's shape.

    >>> value, grads = loss_and_gradients(model, x_batch, y_batch)
    >>> [g.shape for g in grads]   # [(3, 3, 1, 4), (4,), (676, 10), (10,)]
    """
    import keras

    model = _check_model(model)
    x, y = _check_data(x, y)
    loss_fn = _loss_function(loss)
    training = _checks.boolean(training, "training")
    backend = keras.backend.backend()
    x_tensor, y_tensor = keras.ops.convert_to_tensor(x), keras.ops.convert_to_tensor(y)
    variables = model.trainable_variables

    if backend == "tensorflow":
        import tensorflow as tf

        with tf.GradientTape() as tape:
            value = keras.ops.mean(loss_fn(y_tensor, model(x_tensor, training=training)))
        grads = tape.gradient(value, variables)
    elif backend == "jax":
        import jax

        non_trainable = [v.value for v in model.non_trainable_variables]

        def loss_of(trainable):
            y_pred, _ = model.stateless_call(trainable, non_trainable, x_tensor, training=training)
            return keras.ops.mean(loss_fn(y_tensor, y_pred))

        value, grads = jax.value_and_grad(loss_of)([v.value for v in variables])
    elif backend == "torch":
        import torch

        tensors = [v.value for v in variables]  # torch parameters, with requires_grad
        value = keras.ops.mean(loss_fn(y_tensor, model(x_tensor, training=training)))
        grads = torch.autograd.grad(value, tensors, allow_unused=True)
        value = value.detach()
        grads = [None if g is None else g.detach() for g in grads]
    else:
        raise NotImplementedError(f"Keras backend {backend!r}: loss_and_gradients knows {', '.join(BACKENDS)}")

    # a variable the loss does not depend on gets None from TensorFlow and PyTorch: its gradient is 0
    arrays = [np.zeros(tuple(v.shape), dtype=v.dtype) if g is None else _to_numpy(g)
              for v, g in zip(variables, grads, strict=True)]
    return float(_to_numpy(value)), arrays


def keras_gradients(model, x, y, loss="sparse_categorical_crossentropy", training: bool = False) -> list[np.ndarray]:
    """The gradients of :func:`loss_and_gradients`, without the loss."""
    return loss_and_gradients(model, x, y, loss=loss, training=training)[1]
