"""Kernels, a numpy reference for 2-D convolution and pooling, the slide
formulas for output sizes and parameter counts, and a helper that applies
kernels through a single Keras ``Conv2D`` layer.

Conventions: images are ``H×W`` or ``H×W×C`` arrays (channels last, as in
Keras); a kernel is ``k×k``, ``k×k×C`` or ``k×k×C×F`` (``F`` filters, the
layout of a ``Conv2D`` kernel). Like Keras, :func:`conv2d` computes a
cross-correlation (no kernel flip); :func:`convolve2d` flips the kernel first.
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np

__all__ = [
    "KERNELS", "KERNEL_LABELS_ES", "apply_with_conv2d", "conv2d", "conv_output_size", "conv_params",
    "convolve2d", "dense_params", "get_kernel", "padding_amount", "pool2d",
]


def _kernel(rows) -> np.ndarray:
    array = np.array(rows, dtype=np.float64) if any(
        isinstance(v, float) for row in rows for v in row
    ) else np.array(rows, dtype=np.int64)
    array.flags.writeable = False
    return array


_GALLERY = {
    # The classic gallery of Aplicar_filtro.ipynb.
    "identity": _kernel([[0, 0, 0], [0, 1, 0], [0, 0, 0]]),
    "blur": _kernel([[1 / 9] * 3] * 3),
    "sharpen": _kernel([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]),
    "edge": _kernel([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]),
    "horizontal_edge": _kernel([[1, 1, 1], [0, 0, 0], [-1, -1, -1]]),
    "horizontal_gradient": _kernel([[-1, -1, -1], [0, 1, 0], [1, 1, 1]]),
    "vertical_gradient": _kernel([[-1, 0, 1]] * 3),
    "diagonal_laplacian": _kernel([[1, 0, -1], [0, 0, 1], [-1, 0, 1]]),
    # The 6×6 worked example of Convolucion_2D.ipynb.
    "vertical_edge": _kernel([[1, 0, -1]] * 3),
    # The slide's exercise in Aplicar_filtro.ipynb and its mirror image.
    "diagonal_edge": _kernel([[-1, 0], [0, 1]]),
    "diagonal_edge_mirror": _kernel([[0, -1], [1, 0]]),
    # The two diagonal filters of Aplicar_filtros_Conv2.ipynb.
    "diagonal_edge_up": _kernel([[-1, -1, 0], [-1, 0, 1], [0, 1, 1]]),
    "diagonal_edge_down": _kernel([[1, 1, 0], [1, 0, -1], [0, -1, -1]]),
    # The "detect the X" example: the whole X and its two diagonals.
    "x_detector": _kernel([[1, -1, 1], [-1, 1, -1], [1, -1, 1]]),
    "x_main_diagonal": _kernel([[1, -1, -1], [-1, 1, -1], [-1, -1, 1]]),
    "x_anti_diagonal": _kernel([[-1, -1, 1], [-1, 1, -1], [1, -1, -1]]),
}

KERNELS = MappingProxyType(_GALLERY)
"""The named kernels of the syllabus (read-only arrays)."""

KERNEL_LABELS_ES = MappingProxyType({
    "identity": "identidad",
    "blur": "desenfoque (promedio 3×3)",
    "sharpen": "realce (sharpen)",
    "edge": "bordes (todas direcciones)",
    "horizontal_edge": "borde horizontal",
    "horizontal_gradient": "gradiente horizontal",
    "vertical_gradient": "gradiente vertical",
    "diagonal_laplacian": "laplaciano diagonal",
    "vertical_edge": "borde vertical",
    "diagonal_edge": "borde diagonal",
    "diagonal_edge_mirror": "borde diagonal (espejo)",
    "diagonal_edge_up": "borde diagonal / (claro abajo a la derecha)",
    "diagonal_edge_down": "borde diagonal / (claro arriba a la izquierda)",
    "x_detector": "detector de X",
    "x_main_diagonal": "diagonal principal",
    "x_anti_diagonal": "diagonal secundaria",
})
"""Spanish names of the gallery's kernels, for figure titles."""


def get_kernel(name: str) -> np.ndarray:
    """A writable copy of the named kernel of :data:`KERNELS`."""
    if name not in KERNELS:
        raise ValueError(f"kernel name {name!r} is unknown; expected one of {sorted(KERNELS)}")
    return np.array(KERNELS[name])


# --------------------------------------------------------------------------
# Argument checking
# --------------------------------------------------------------------------

def _as_array(value, name: str) -> np.ndarray:
    array = np.asarray(value)
    if array.dtype == object or not (
        np.issubdtype(array.dtype, np.number) or array.dtype == bool
    ):
        raise ValueError(f"{name} must be a numeric array, got dtype {array.dtype}")
    if array.dtype == bool:
        array = array.astype(np.int64)
    return array


def _check_stride(stride) -> int:
    if isinstance(stride, bool) or not isinstance(stride, (int, np.integer)) or stride < 1:
        raise ValueError(f"stride={stride!r}: expected a positive int")
    return int(stride)


def _kernel_size_pair(kernel_size) -> tuple[int, int]:
    if isinstance(kernel_size, (int, np.integer)) and not isinstance(kernel_size, bool):
        pair = (int(kernel_size), int(kernel_size))
    elif (
        isinstance(kernel_size, (tuple, list))
        and len(kernel_size) == 2
        and all(isinstance(k, (int, np.integer)) and not isinstance(k, bool) for k in kernel_size)
    ):
        pair = (int(kernel_size[0]), int(kernel_size[1]))
    else:
        raise ValueError(f"kernel_size={kernel_size!r}: expected a positive int or a pair of them")
    if min(pair) < 1:
        raise ValueError(f"kernel_size={kernel_size!r}: expected a positive int or a pair of them")
    return pair


def padding_amount(padding, kernel_size: int) -> int:
    """Zero padding ``P`` on each side for a padding name or int, as the slides
    define it: valid ``0``, same ``(K-1)/2`` (odd ``K`` only), full ``K-1``."""
    if isinstance(padding, str):
        if padding == "valid":
            return 0
        if padding == "same":
            if kernel_size % 2 == 0:
                raise ValueError(
                    f"padding='same' needs an odd kernel size, got {kernel_size}; "
                    "use an int padding or 'valid'"
                )
            return (kernel_size - 1) // 2
        if padding == "full":
            return kernel_size - 1
        raise ValueError(f"padding={padding!r}: expected 'valid', 'same', 'full' or an int >= 0")
    if isinstance(padding, (int, np.integer)) and not isinstance(padding, bool) and padding >= 0:
        return int(padding)
    raise ValueError(f"padding={padding!r}: expected 'valid', 'same', 'full' or an int >= 0")


def _check_image(image) -> np.ndarray:
    image = _as_array(image, "image")
    if image.ndim == 2:
        return image[:, :, None]
    if image.ndim == 3:
        return image
    raise ValueError(f"image has shape {image.shape}: expected H×W or H×W×C")


def _check_kernel(kernel, channels: int) -> np.ndarray:
    """Return the kernel as kh×kw×C×F."""
    kernel = _as_array(kernel, "kernel")
    if kernel.ndim == 2:
        kernel = kernel[:, :, None, None]
    elif kernel.ndim == 3:
        kernel = kernel[:, :, :, None]
    elif kernel.ndim != 4:
        raise ValueError(f"kernel has shape {kernel.shape}: expected k×k, k×k×C or k×k×C×F")
    if min(kernel.shape) < 1:
        raise ValueError(f"kernel has shape {kernel.shape}: every dimension must be >= 1")
    if kernel.shape[2] != channels:
        raise ValueError(
            f"kernel has {kernel.shape[2]} channel(s) but image has {channels}; "
            "they must match"
        )
    return kernel


# --------------------------------------------------------------------------
# Convolution and pooling (numpy references)
# --------------------------------------------------------------------------

def conv2d(image, kernel, padding="valid", stride: int = 1) -> np.ndarray:
    """Cross-correlate ``image`` with ``kernel`` (what Keras' ``Conv2D`` does).

    ``image`` is H×W or H×W×C; ``kernel`` is k×k (C must be 1), k×k×C, or
    k×k×C×F. ``padding`` is 'valid', 'same' (odd k), 'full' or an int number
    of zero rows/columns on each side; ``stride`` is a positive int. The
    output is H'×W' (one filter) or H'×W'×F (a 4-D kernel), with
    ``H' = (H + 2P - k) // stride + 1``. Integer inputs give an int64 result,
    float inputs a float64 result.
    """
    image3 = _check_image(image)
    kernel4 = _check_kernel(kernel, image3.shape[2])
    stride = _check_stride(stride)
    kh, kw = kernel4.shape[:2]
    ph = padding_amount(padding, kh)
    pw = padding_amount(padding, kw)
    if image3.shape[0] + 2 * ph < kh or image3.shape[1] + 2 * pw < kw:
        raise ValueError(
            f"kernel of size {kh}×{kw} is larger than the padded image "
            f"({image3.shape[0] + 2 * ph}×{image3.shape[1] + 2 * pw})"
        )
    dtype = np.result_type(image3.dtype, kernel4.dtype, np.int64)
    padded = np.pad(image3.astype(dtype), ((ph, ph), (pw, pw), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, (kh, kw), axis=(0, 1))
    windows = windows[::stride, ::stride]  # H'×W'×C×kh×kw
    out = np.einsum("ijcmn,mncf->ijf", windows, kernel4.astype(dtype))
    return out[:, :, 0] if np.ndim(kernel) < 4 else out


def convolve2d(image, kernel, padding="valid", stride: int = 1) -> np.ndarray:
    """True 2-D convolution: :func:`conv2d` with the kernel flipped in both
    spatial axes (``(f*g)[x,y] = Σ f[n1,n2] g[x-n1, y-n2]``). Equal to
    :func:`conv2d` for kernels symmetric under a 180° rotation."""
    kernel = _as_array(kernel, "kernel")
    if kernel.ndim < 2:
        raise ValueError(f"kernel has shape {kernel.shape}: expected k×k, k×k×C or k×k×C×F")
    return conv2d(image, kernel[::-1, ::-1], padding=padding, stride=stride)


def pool2d(image, pool_size: int = 2, stride=None, mode: str = "max") -> np.ndarray:
    """Max or average pooling of an H×W or H×W×C image ('valid', no padding).

    ``stride`` defaults to ``pool_size`` (non-overlapping windows, as in
    Keras' ``MaxPooling2D``). ``mode`` is 'max' or 'average'.
    """
    image3 = _check_image(image)
    if isinstance(pool_size, bool) or not isinstance(pool_size, (int, np.integer)) or pool_size < 1:
        raise ValueError(f"pool_size={pool_size!r}: expected a positive int")
    stride = pool_size if stride is None else _check_stride(stride)
    if mode not in ("max", "average"):
        raise ValueError(f"mode={mode!r}: expected 'max' or 'average'")
    if pool_size > min(image3.shape[:2]):
        raise ValueError(f"pool_size={pool_size} is larger than the image ({image3.shape[0]}×{image3.shape[1]})")
    windows = np.lib.stride_tricks.sliding_window_view(image3, (pool_size, pool_size), axis=(0, 1))
    windows = windows[::stride, ::stride]
    out = windows.max(axis=(3, 4)) if mode == "max" else windows.mean(axis=(3, 4))
    return out[:, :, 0] if np.ndim(image) == 2 else out


# --------------------------------------------------------------------------
# The slides' formulas
# --------------------------------------------------------------------------

def conv_output_size(n: int, k: int, padding="valid", stride: int = 1) -> int:
    """``dim(out) = floor((N + 2P - K) / S) + 1``, the slide formula.

    ``padding`` is 'valid', 'same', 'full' or an int ``P``. It also gives the
    size after a pooling window (``k = pool size``, ``stride = pool size``).
    """
    for name, value in (("n", n), ("k", k)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name}={value!r}: expected a positive int")
    stride = _check_stride(stride)
    p = padding_amount(padding, int(k))
    if n + 2 * p < k:
        raise ValueError(f"k={k} is larger than the padded input (n + 2P = {n + 2 * p})")
    return (int(n) + 2 * p - int(k)) // stride + 1


def conv_params(kernel_size, in_channels: int, filters: int, bias: bool = True) -> int:
    """Trainable parameters of a ``Conv2D`` layer: ``F·K·K·C + F`` (one bias
    per filter, dropped when ``bias=False``)."""
    kh, kw = _kernel_size_pair(kernel_size)
    for name, value in (("in_channels", in_channels), ("filters", filters)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name}={value!r}: expected a positive int")
    return int(filters) * kh * kw * int(in_channels) + (int(filters) if bias else 0)


def dense_params(inputs: int, units: int, bias: bool = True) -> int:
    """Trainable parameters of a ``Dense`` layer: ``inputs·units + units``."""
    for name, value in (("inputs", inputs), ("units", units)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name}={value!r}: expected a positive int")
    return int(inputs) * int(units) + (int(units) if bias else 0)


# --------------------------------------------------------------------------
# A Conv2D layer is a filter
# --------------------------------------------------------------------------

def _stack_kernels(kernels, channels: int) -> np.ndarray:
    """One kernel array, or a list of same-shaped k×k / k×k×C kernels, as
    k×k×C×F."""
    if isinstance(kernels, (list, tuple)) and kernels and all(np.ndim(k) in (2, 3) for k in kernels):
        shapes = {np.shape(k) for k in kernels}
        if len(shapes) != 1:
            raise ValueError(f"kernels have different shapes {sorted(shapes)}; expected one shape")
        kernel = np.stack([_as_array(k, "kernels") for k in kernels], axis=-1)
        if kernel.ndim == 3:  # F kernels of k×k
            kernel = kernel[:, :, None, :]
        return _check_kernel(kernel, channels)
    return _check_kernel(kernels, channels)


def apply_with_conv2d(image, kernels, padding="valid", stride: int = 1, bias=None,
                      activation=None, return_model: bool = False):
    """Apply ``kernels`` to ``image`` with a one-layer Keras model whose
    ``Conv2D`` weights are set by hand, and return the output as a numpy array
    (H'×W'×F, float32).

    ``kernels`` is one kernel (k×k, k×k×C or k×k×C×F) or a list of k×k (or
    k×k×C) kernels, one per filter. ``padding`` 'valid' and 'same' are passed
    to Keras as they are (for 'same' with stride > 1 Keras pads more at the
    bottom/right than at the top/left when the total is odd); 'full' and an
    int ``P`` become an explicit ``ZeroPadding2D`` before a 'valid' ``Conv2D``,
    which is the slides' symmetric padding. ``bias`` is one number per filter
    (default zeros); ``activation`` is passed to ``Conv2D``. With
    ``return_model=True`` returns ``(output, model)``.
    """
    import keras

    image3 = _check_image(image)
    kernel4 = _stack_kernels(kernels, image3.shape[2])
    stride = _check_stride(stride)
    kh, kw, _channels, filters = kernel4.shape
    if isinstance(padding, str) and padding in ("valid", "same"):
        keras_padding, explicit = padding, (0, 0)
        if padding == "same" and (kh % 2 == 0 or kw % 2 == 0):
            padding_amount("same", 2)  # raises the even-kernel error
    else:
        keras_padding, explicit = "valid", (padding_amount(padding, kh), padding_amount(padding, kw))
    if image3.shape[0] + 2 * explicit[0] < kh or image3.shape[1] + 2 * explicit[1] < kw:
        raise ValueError(f"kernel of size {kh}×{kw} is larger than the padded image")
    if bias is None:
        bias = np.zeros(filters, dtype=np.float32)
    bias = np.asarray(bias, dtype=np.float32).reshape(-1)
    if bias.shape != (filters,):
        raise ValueError(f"bias has {bias.size} value(s): expected one per filter ({filters})")

    layers = [keras.Input(shape=image3.shape)]
    if explicit != (0, 0):
        layers.append(keras.layers.ZeroPadding2D(explicit, name="relleno"))
    layers.append(keras.layers.Conv2D(filters, (kh, kw), strides=stride, padding=keras_padding,
                                      activation=activation, name="conv"))
    model = keras.Sequential(layers)
    model.get_layer("conv").set_weights([kernel4.astype(np.float32), bias])
    # Calling the model (rather than predict) avoids TensorFlow's retracing
    # warning when a notebook applies many one-off models.
    output = keras.ops.convert_to_numpy(model(image3[None].astype(np.float32), training=False))[0]
    return (output, model) if return_model else output
