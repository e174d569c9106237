"""Kernels, a numpy reference for 2-D convolution and pooling, the slide
formulas for output sizes and parameter counts, and a helper that applies
kernels through a single Keras ``Conv2D`` layer.

Conventions: images are ``H×W`` or ``H×W×C`` arrays (channels last, as in
Keras); a kernel is ``k×k``, ``k×k×C`` or ``k×k×C×F`` (``F`` filters, the
layout of a ``Conv2D`` kernel). Like Keras, :func:`conv2d` computes a
cross-correlation (no kernel flip); :func:`convolve2d` flips the kernel first.
A stride is one positive int for both axes or a pair ``(sy, sx)``, rows first,
as Keras' ``strides=(sy, sx)``.
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np

from utils import _checks

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
    # The standard kernels beside the two slips of the gallery above (the
    # slide's "gradiente horizontal" has a 1 in the centre and sums 1; its
    # "laplaciano diagonal" is neither symmetric nor a Laplacian).
    "prewitt_horizontal": _kernel([[-1, -1, -1], [0, 0, 0], [1, 1, 1]]),
    "laplacian": _kernel([[0, 1, 0], [1, -4, 1], [0, 1, 0]]),
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
    "horizontal_gradient": "gradiente horizontal (diapositiva)",
    "vertical_gradient": "gradiente vertical",
    "diagonal_laplacian": "laplaciano diagonal (diapositiva)",
    "prewitt_horizontal": "Prewitt horizontal (estándar)",
    "laplacian": "laplaciano de 4 vecinos (estándar)",
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
    _checks.text(name, "name")
    if name not in KERNELS:
        raise ValueError(f"kernel name {name!r} is unknown; expected one of {sorted(KERNELS)}")
    return np.array(KERNELS[name])


# --------------------------------------------------------------------------
# Argument checking
# --------------------------------------------------------------------------

def _check_stride(stride) -> int:
    return _checks.positive_int(stride, "stride")


_STRIDE_EXPECTED = "a positive int or a pair (sy, sx) of positive ints"


def _stride_pair(stride) -> tuple[int, int]:
    """``stride`` as ``(sy, sx)``: one positive int for both axes, or a pair
    (rows first, as Keras' ``strides``)."""
    if isinstance(stride, (tuple, list)):
        if len(stride) != 2:
            raise ValueError(f"stride={_checks.show(stride)}: expected {_STRIDE_EXPECTED}")
        if not all(_checks.is_int(s) for s in stride):
            raise TypeError(f"stride={_checks.show(stride)}: expected {_STRIDE_EXPECTED}")
        if min(stride) < 1:
            raise ValueError(f"stride={_checks.show(stride)}: expected {_STRIDE_EXPECTED}")
        return int(stride[0]), int(stride[1])
    stride = _checks.integer(stride, "stride", minimum=1, what=_STRIDE_EXPECTED)
    return stride, stride


def _size_pair(value, name: str) -> tuple[int, int]:
    """A positive int for both axes, or a pair of them (rows first)."""
    expected = "a positive int or a pair (rows, columns) of positive ints"
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise ValueError(f"{name}={_checks.show(value)}: expected {expected}")
        if not all(_checks.is_int(v) for v in value):
            raise TypeError(f"{name}={_checks.show(value)}: expected {expected}")
        if min(value) < 1:
            raise ValueError(f"{name}={_checks.show(value)}: expected {expected}")
        return int(value[0]), int(value[1])
    value = _checks.integer(value, name, minimum=1, what=expected)
    return value, value


def _kernel_size_pair(kernel_size) -> tuple[int, int]:
    expected = "a positive int or a pair of them"
    if isinstance(kernel_size, (tuple, list)) and len(kernel_size) == 2:
        pair = kernel_size
    elif isinstance(kernel_size, (tuple, list)) or not _checks.is_int(kernel_size):
        raise TypeError(f"kernel_size={_checks.show(kernel_size)}: expected {expected}")
    else:
        pair = (kernel_size, kernel_size)
    if not all(_checks.is_int(k) for k in pair):
        raise TypeError(f"kernel_size={_checks.show(kernel_size)}: expected {expected}")
    if min(pair) < 1:
        raise ValueError(f"kernel_size={_checks.show(kernel_size)}: expected {expected}")
    return int(pair[0]), int(pair[1])


_PADDING_EXPECTED = "'valid', 'same', 'full' or an int >= 0"


def padding_amount(padding, kernel_size: int) -> int:
    """Zero padding ``P`` on each side for a padding name or int, as the slides
    define it: valid ``0``, same ``(K-1)/2`` (odd ``K`` only), full ``K-1``."""
    kernel_size = _checks.positive_int(kernel_size, "kernel_size")
    if isinstance(padding, str):
        if padding not in ("valid", "same", "full"):
            raise ValueError(f"padding={padding!r}: expected {_PADDING_EXPECTED}")
        if padding == "valid":
            return 0
        if padding == "same":
            if kernel_size % 2 == 0:
                raise ValueError(
                    f"padding='same' needs an odd kernel size, got {kernel_size}; "
                    "use an int padding or 'valid'"
                )
            return (kernel_size - 1) // 2
        return kernel_size - 1
    return _checks.integer(padding, "padding", minimum=0, what=_PADDING_EXPECTED)


def _paddings(padding, kh: int, kw: int) -> tuple[int, int]:
    """``padding_amount`` of both kernel sides; 'same' names the whole kernel."""
    if isinstance(padding, str) and padding == "same" and (kh % 2 == 0 or kw % 2 == 0):
        raise ValueError(f"padding='same' needs an odd kernel size, got a {kh}×{kw} kernel; "
                         "use an int padding or 'valid'")
    return padding_amount(padding, kh), padding_amount(padding, kw)


def _check_image(image, name: str = "image") -> np.ndarray:
    image = _checks.numeric_array(image, name, ndim=(2, 3), shape="H×W or H×W×C", non_empty=True)
    return image[:, :, None] if image.ndim == 2 else image


def _check_kernel(kernel, channels: int, name: str = "kernel") -> np.ndarray:
    """Return the kernel as kh×kw×C×F."""
    kernel = _checks.numeric_array(kernel, name, ndim=(2, 3, 4), shape="k×k, k×k×C or k×k×C×F")
    if kernel.ndim == 2:
        kernel = kernel[:, :, None, None]
    elif kernel.ndim == 3:
        kernel = kernel[:, :, :, None]
    if min(kernel.shape) < 1:
        raise ValueError(f"{name} has shape {kernel.shape}: every dimension must be >= 1")
    if kernel.shape[2] != channels:
        raise ValueError(
            f"{name} has {kernel.shape[2]} channel(s) but image has {channels}; "
            "they must match"
        )
    return kernel


# --------------------------------------------------------------------------
# Convolution and pooling (numpy references)
# --------------------------------------------------------------------------

def conv2d(image, kernel, padding="valid", stride=1) -> np.ndarray:
    """Cross-correlate ``image`` with ``kernel`` (what Keras' ``Conv2D`` does).

    ``image`` is H×W or H×W×C; ``kernel`` is k×k (C must be 1), k×k×C, or
    k×k×C×F. ``padding`` is 'valid', 'same' (odd k), 'full' or an int number
    of zero rows/columns on each side; ``stride`` is a positive int or a pair
    ``(sy, sx)`` (rows, columns). The output is H'×W' (one filter) or H'×W'×F
    (a 4-D kernel), with ``H' = (H + 2P - k) // sy + 1`` and
    ``W' = (W + 2P - k) // sx + 1``. Integer inputs give an int64 result,
    float inputs a float64 result.
    """
    image3 = _check_image(image)
    kernel4 = _check_kernel(kernel, image3.shape[2])
    sy, sx = _stride_pair(stride)
    kh, kw = kernel4.shape[:2]
    ph, pw = _paddings(padding, kh, kw)
    if image3.shape[0] + 2 * ph < kh or image3.shape[1] + 2 * pw < kw:
        raise ValueError(
            f"kernel of size {kh}×{kw} is larger than the padded image "
            f"({image3.shape[0] + 2 * ph}×{image3.shape[1] + 2 * pw})"
        )
    dtype = np.result_type(image3.dtype, kernel4.dtype, np.int64)
    padded = np.pad(image3.astype(dtype), ((ph, ph), (pw, pw), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, (kh, kw), axis=(0, 1))
    windows = windows[::sy, ::sx]  # H'×W'×C×kh×kw
    out = np.einsum("ijcmn,mncf->ijf", windows, kernel4.astype(dtype))
    return out[:, :, 0] if np.ndim(kernel) < 4 else out


def convolve2d(image, kernel, padding="valid", stride=1) -> np.ndarray:
    """True 2-D convolution: :func:`conv2d` with the kernel flipped in both
    spatial axes (``(f*g)[x,y] = Σ f[n1,n2] g[x-n1, y-n2]``). Equal to
    :func:`conv2d` for kernels symmetric under a 180° rotation."""
    kernel = _checks.numeric_array(kernel, "kernel", ndim=(2, 3, 4), shape="k×k, k×k×C or k×k×C×F")
    return conv2d(image, kernel[::-1, ::-1], padding=padding, stride=stride)


def pool2d(image, pool_size: int = 2, stride=None, mode: str = "max") -> np.ndarray:
    """Max or average pooling of an H×W or H×W×C image ('valid', no padding).

    ``stride`` defaults to ``pool_size`` (non-overlapping windows, as in
    Keras' ``MaxPooling2D``). ``mode`` is 'max' or 'average'.
    """
    image3 = _check_image(image)
    pool_size = _checks.positive_int(pool_size, "pool_size")
    stride = pool_size if stride is None else _check_stride(stride)
    _checks.one_of(mode, "mode", ("max", "average"))
    if pool_size > min(image3.shape[:2]):
        raise ValueError(f"pool_size={pool_size} is larger than the image ({image3.shape[0]}×{image3.shape[1]})")
    windows = np.lib.stride_tricks.sliding_window_view(image3, (pool_size, pool_size), axis=(0, 1))
    windows = windows[::stride, ::stride]
    out = windows.max(axis=(3, 4)) if mode == "max" else windows.mean(axis=(3, 4))
    return out[:, :, 0] if np.ndim(image) == 2 else out


# --------------------------------------------------------------------------
# The slides' formulas
# --------------------------------------------------------------------------

def conv_output_size(n, k, padding="valid", stride=1):
    """``dim(out) = floor((N + 2P - K) / S) + 1``, the slide formula.

    ``padding`` is 'valid', 'same', 'full' or an int ``P``. It also gives the
    size after a pooling window (``k = pool size``, ``stride = pool size``).
    Each of ``n``, ``k`` and ``stride`` may be a pair, rows first (``(H, W)``,
    ``(kh, kw)``, ``(sy, sx)``): then the formula is applied to each axis and
    the result is the pair ``(H', W')``.
    """
    pairs = any(isinstance(v, (tuple, list)) for v in (n, k, stride))
    if not pairs:
        n, k = _checks.positive_int(n, "n"), _checks.positive_int(k, "k")
        stride = _check_stride(stride)
        p = padding_amount(padding, k)
        if n + 2 * p < k:
            raise ValueError(f"k={k} is larger than the padded input (n + 2P = {n + 2 * p})")
        return (n + 2 * p - k) // stride + 1
    ns, ks, strides = _size_pair(n, "n"), _size_pair(k, "k"), _stride_pair(stride)
    sizes = []
    for axis, n_axis, k_axis, s_axis in zip(("rows", "columns"), ns, ks, strides, strict=True):
        p = padding_amount(padding, k_axis)
        if n_axis + 2 * p < k_axis:
            raise ValueError(f"k={_checks.show(k)} is larger than the padded input along the {axis} "
                             f"(n + 2P = {n_axis + 2 * p})")
        sizes.append((n_axis + 2 * p - k_axis) // s_axis + 1)
    return tuple(sizes)


def conv_params(kernel_size, in_channels: int, filters: int, bias: bool = True) -> int:
    """Trainable parameters of a ``Conv2D`` layer: ``F·K·K·C + F`` (one bias
    per filter, dropped when ``bias=False``)."""
    kh, kw = _kernel_size_pair(kernel_size)
    in_channels = _checks.positive_int(in_channels, "in_channels")
    filters = _checks.positive_int(filters, "filters")
    return filters * kh * kw * in_channels + (filters if _checks.boolean(bias, "bias") else 0)


def dense_params(inputs: int, units: int, bias: bool = True) -> int:
    """Trainable parameters of a ``Dense`` layer: ``inputs·units + units``."""
    inputs, units = _checks.positive_int(inputs, "inputs"), _checks.positive_int(units, "units")
    return inputs * units + (units if _checks.boolean(bias, "bias") else 0)


# --------------------------------------------------------------------------
# A Conv2D layer is a filter
# --------------------------------------------------------------------------

def _stack_kernels(kernels, channels: int) -> np.ndarray:
    """One kernel array, or a list of same-shaped k×k / k×k×C kernels, as
    k×k×C×F."""
    if isinstance(kernels, (list, tuple)) and kernels and all(np.ndim(k) in (2, 3) for k in kernels):
        arrays = [_checks.numeric_array(k, f"kernels[{i}]") for i, k in enumerate(kernels)]
        shapes = {a.shape for a in arrays}
        if len(shapes) != 1:
            raise ValueError(f"kernels have different shapes {sorted(shapes)}; expected one shape")
        kernel = np.stack(arrays, axis=-1)
        if kernel.ndim == 3:  # F kernels of k×k
            kernel = kernel[:, :, None, :]
        return _check_kernel(kernel, channels, "kernels")
    if isinstance(kernels, (list, tuple)) and not kernels:
        raise ValueError("kernels is empty: expected one kernel or a list of them")
    return _check_kernel(kernels, channels, "kernels")


def apply_with_conv2d(image, kernels, padding="valid", stride=1, bias=None,
                      activation=None, return_model: bool = False):
    """Apply ``kernels`` to ``image`` with a one-layer Keras model whose
    ``Conv2D`` weights are set by hand, and return the output as a numpy array
    (H'×W'×F, float32).

    ``kernels`` is one kernel (k×k, k×k×C or k×k×C×F) or a list of k×k (or
    k×k×C) kernels, one per filter. ``padding`` 'valid' and 'same' are passed
    to Keras as they are (for 'same' with stride > 1 Keras pads more at the
    bottom/right than at the top/left when the total is odd); 'full' and an
    int ``P`` become an explicit ``ZeroPadding2D`` before a 'valid' ``Conv2D``,
    which is the slides' symmetric padding. ``stride`` is a positive int or a
    pair ``(sy, sx)``, Keras' ``strides``. ``bias`` is one number per filter
    (default zeros); ``activation`` is passed to ``Conv2D``. With
    ``return_model=True`` returns ``(output, model)``.
    """
    image3 = _check_image(image)
    kernel4 = _stack_kernels(kernels, image3.shape[2])
    stride = _stride_pair(stride)
    kh, kw, _channels, filters = kernel4.shape
    amounts = _paddings(padding, kh, kw)
    if isinstance(padding, str) and padding in ("valid", "same"):
        keras_padding, explicit = padding, (0, 0)
    else:
        keras_padding, explicit = "valid", amounts
    if image3.shape[0] + 2 * amounts[0] < kh or image3.shape[1] + 2 * amounts[1] < kw:
        raise ValueError(f"kernel of size {kh}×{kw} is larger than the padded image "
                         f"({image3.shape[0] + 2 * amounts[0]}×{image3.shape[1] + 2 * amounts[1]})")
    if bias is None:
        bias = np.zeros(filters, dtype=np.float32)
    bias = _checks.numeric_array(bias, "bias", finite=True).astype(np.float32).reshape(-1)
    if bias.shape != (filters,):
        raise ValueError(f"bias has {bias.size} value(s): expected one per filter ({filters})")
    if activation is not None and not (isinstance(activation, str) or callable(activation)):
        raise TypeError(f"activation={_checks.show(activation)}: expected None, a name such as 'relu', "
                        "or a function")
    return_model = _checks.boolean(return_model, "return_model")

    import keras

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
