"""Figures with one consistent style: images and grids, RGB channels, numeric
matrices, kernel|result panels, feature maps, prediction grids, training
curves and confusion matrices. Labels are in Spanish, the class's language.

Every function draws a new figure (except :func:`draw_matrix`, which draws on
the axes it is given). With ``show=True`` (the default, what the notebooks
use) it displays it and returns None; with ``show=False`` it returns the
:class:`matplotlib.figure.Figure` (for tests, or to add to it).

One colour convention for the whole course:

- values that are never negative (pixels, counts, activations after ReLU) use
  :data:`MATRIX_CMAP` (``"gray"``): the higher the value, the lighter, as
  lesson 1 says ("a mayor valor, más claro");
- signed values (kernels, feature maps before ReLU) use :data:`SIGNED_CMAP`
  (``"RdBu_r"``: red positive, white 0, blue negative) on a symmetric range
  ``-m..m``, so that 0 is always white;
- panels that are compared share one scale (``shared=True``, or the same
  ``vmin``/``vmax``) and one colorbar: the same value, the same colour.

``cmap=None`` (the default of the matrix and feature-map functions) picks
between the two by the data: :data:`SIGNED_CMAP` when there is a negative
value, :data:`MATRIX_CMAP` otherwise.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from utils import _checks

__all__ = [
    "MATRIX_CMAP", "SIGNED_CMAP", "STYLE", "confusion_matrix", "draw_matrix", "plot_confusion_matrix",
    "plot_history", "set_style", "show_channels", "show_feature_maps", "show_images", "show_kernel_results",
    "show_matrices", "show_predictions",
]

STYLE = {
    "figure.dpi": 80,
    "savefig.dpi": 80,
    # nearest when enlarging, smoothed when shrinking (matplotlib 3.10 calls it "auto"; 3.8 knows only this name)
    "image.interpolation": "antialiased",
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "figure.titlesize": 13,
    "axes.grid": False,
}


MATRIX_CMAP = "gray"
"""Colour map of values that are never negative: the higher, the lighter."""
SIGNED_CMAP = "RdBu_r"
"""Colour map of signed values (red positive, white 0, blue negative), always on a range -m..m."""
DIVERGING = frozenset({"RdBu_r", "RdBu", "bwr", "bwr_r", "coolwarm", "coolwarm_r", "seismic", "seismic_r",
                       "PiYG", "PRGn", "BrBG", "PuOr", "RdGy", "RdYlBu", "RdYlGn", "Spectral"})


def set_style() -> None:
    """The course's figure style (pixel-exact images, light figures)."""
    plt.rcParams.update(STYLE)


def _finish(fig, show: bool):
    if not isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine):  # constrained: figures with a colorbar
        fig.tight_layout()
    if show:
        plt.show()
        return None
    return fig


def _grid(n: int, cols: int, size: float, what: str = "image", layout=None):
    if n < 1:
        raise ValueError(f"nothing to plot: expected at least one {what}")
    cols = _checks.positive_int(cols, "cols")
    size = _checks.number(size, "size", above=0)
    cols = min(cols, n)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(size * cols, size * rows), squeeze=False, layout=layout)
    for ax in axes.flat[n:]:
        ax.axis("off")
    return fig, list(axes.flat[:n])


def _imshow(ax, image, cmap=None, title=None, **kwargs):
    image = np.asarray(image)
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[..., 0]
    if image.ndim == 2 and cmap is None:
        cmap = "gray"
    ax.imshow(image, cmap=cmap, **kwargs)
    ax.set_xticks([])
    ax.set_yticks([])
    if title is not None:
        ax.set_title(title)


IMAGE_SHAPES = "H×W, H×W×1, H×W×3 or H×W×4"


def _image(image, name: str) -> np.ndarray:
    """An image matplotlib can draw: H×W, H×W×1, H×W×3 or H×W×4, numeric, not empty."""
    image = _checks.numeric_array(image, name, ndim=(2, 3), shape=IMAGE_SHAPES, non_empty=True)
    if image.ndim == 3 and image.shape[-1] not in (1, 3, 4):
        raise ValueError(f"{name} has shape {image.shape}: expected {IMAGE_SHAPES}")
    return image


def _images(images, name: str = "images") -> list[np.ndarray]:
    """A list of images, or an (N, H, W[, C]) array of them."""
    if isinstance(images, (str, bytes)) or not hasattr(images, "__len__"):
        raise TypeError(f"{name}={_checks.show(images)}: expected a list of images or an (N, H, W[, C]) array")
    if isinstance(images, np.ndarray) and images.ndim < 3:
        raise ValueError(f"{name} has shape {images.shape}: expected a list of images or an (N, H, W[, C]) "
                         "array (for one image, pass [image])")
    return [_image(image, f"{name}[{i}]") for i, image in enumerate(images)]


def _scale(vmin, vmax) -> tuple:
    vmin = None if vmin is None else _checks.number(vmin, "vmin")
    vmax = None if vmax is None else _checks.number(vmax, "vmax")
    if vmin is not None and vmax is not None and vmin > vmax:
        raise ValueError(f"vmin={vmin:g} is above vmax={vmax:g}")
    return vmin, vmax


def _cmap_name(cmap) -> str | None:
    return cmap if isinstance(cmap, str) or cmap is None else getattr(cmap, "name", None)


def _color_scale(arrays, cmap=None, vmin=None, vmax=None) -> tuple:
    """``(cmap, vmin, vmax)`` that draw every array of ``arrays`` on one scale.

    ``cmap=None`` picks :data:`SIGNED_CMAP` when any value is negative and
    :data:`MATRIX_CMAP` otherwise. A diverging map gets a symmetric range
    ``-m..m`` (``m`` the largest absolute value, or the given ``vmin``/``vmax``
    made symmetric); otherwise the missing ends are the arrays' own minimum and
    maximum."""
    vmin, vmax = _scale(vmin, vmax)
    values = [np.asarray(a, dtype=float) for a in arrays]
    finite = np.concatenate([v[np.isfinite(v)].ravel() for v in values]) if values else np.zeros(0)
    if not finite.size:
        finite = np.zeros(1)
    low, high = float(finite.min()), float(finite.max())
    if cmap is None:
        cmap = SIGNED_CMAP if low < 0 else MATRIX_CMAP
    if _cmap_name(cmap) in DIVERGING:
        given = [abs(v) for v in (vmin, vmax) if v is not None]
        limit = max(given) if given else max(abs(low), abs(high))
        limit = limit or 1.0
        return cmap, -limit, limit
    vmin = low if vmin is None else vmin
    vmax = high if vmax is None else vmax
    if vmax < vmin:  # only one end was given, beyond the data
        vmin, vmax = min(vmin, vmax), max(vmin, vmax)
    return cmap, vmin, vmax


def _colorbar(fig, image, axes) -> None:
    """One colorbar for ``axes`` (a list: all the panels that share the scale)."""
    bar = fig.colorbar(image, ax=axes, shrink=0.85, pad=0.02, fraction=0.05 if len(axes) > 1 else 0.08)
    bar.ax.tick_params(labelsize=8)


def _titles(titles, n: int, what: str, name: str = "titles") -> list | None:
    titles = _checks.names(titles, name)
    if titles is not None and len(titles) != n:
        raise ValueError(f"{name} has {len(titles)} entries but there are {n} {what}")
    return titles


def show_images(images, titles=None, cols: int = 5, cmap=None, size: float = 2.4,
                suptitle=None, vmin=None, vmax=None, show: bool = True, colorbar: bool = False):
    """A grid of images (H×W, H×W×1 or H×W×3) with optional titles. Gray
    images are contrast-stretched one by one unless ``vmin``/``vmax`` fix a
    common scale (e.g. 0 and 1, or 0 and 255). ``colorbar=True`` draws every
    gray image on one scale (``vmin``/``vmax``, or the images' overall range)
    with one colorbar for all of them."""
    images = _images(images)
    titles = _titles(titles, len(images), "images")
    vmin, vmax = _scale(vmin, vmax)
    colorbar = _checks.boolean(colorbar, "colorbar")
    gray = [image for image in images if image.ndim == 2 or image.shape[-1] == 1]
    if colorbar and gray:
        cmap, vmin, vmax = _color_scale(gray, cmap if cmap is not None else MATRIX_CMAP, vmin, vmax)
    fig, axes = _grid(len(images), cols, size, layout="constrained" if colorbar and gray else None)
    for i, (ax, image) in enumerate(zip(axes, images, strict=True)):
        _imshow(ax, image, cmap=cmap, title=None if titles is None else titles[i], vmin=vmin, vmax=vmax)
    if suptitle:
        fig.suptitle(suptitle)
    if colorbar and gray:
        mappable = next(ax.images[0] for ax, image in zip(axes, images, strict=True) if image.ndim == 2
                        or image.shape[-1] == 1)
        _colorbar(fig, mappable, axes)
    return _finish(fig, show)


def show_channels(image, title: str = "Imagen RGB", show: bool = True):
    """The RGB image and its three channels with the Reds/Greens/Blues maps."""
    image = _checks.numeric_array(image, "image", ndim=3, shape="H×W×3 (RGB)", non_empty=True)
    if image.shape[-1] != 3:
        raise ValueError(f"image has shape {image.shape}: expected H×W×3 (RGB)")
    title = _checks.text(title, "title", allow_none=True)
    fig, axes = plt.subplots(1, 4, figsize=(13, 3.6))
    _imshow(axes[0], image, title=title)
    for ax, channel, cmap, name in zip(axes[1:], range(3), ("Reds", "Greens", "Blues"),
                                       ("Canal R (rojo)", "Canal G (verde)", "Canal B (azul)"), strict=True):
        _imshow(ax, image[:, :, channel], cmap=cmap, title=name)
    return _finish(fig, show)


def _formatter(fmt, sample):
    """``fmt`` as a function of one value: a format string such as ``"{:g}"``
    or any callable that returns the text."""
    if callable(fmt):
        write = fmt
    else:
        _checks.text(fmt, "fmt")
        write = fmt.format
    try:
        text = write(sample)
    except (ValueError, IndexError, KeyError, TypeError) as error:
        raise ValueError(f"fmt={fmt!r} cannot write the matrix's values ({error}); e.g. '{{:g}}'") from None
    if not isinstance(text, str):
        raise TypeError(f"fmt={fmt!r} returned {_checks.show(text)}: expected a str for each value")
    return write


def _highlight(highlight, name: str = "highlight"):
    if highlight is not None and not (
            isinstance(highlight, (tuple, list)) and len(highlight) == 4 and all(map(_checks.is_int, highlight))):
        raise TypeError(f"{name}={_checks.show(highlight)}: expected (row, col, height, width) ints")
    return highlight


def draw_matrix(ax, matrix, title=None, cmap=None, fmt="{:g}", highlight=None,
                vmin=None, vmax=None, fontsize=None, colorbar: bool = False):
    """Draw a small 2-D matrix as coloured cells with its numbers written in
    them, each number in black or white, whichever reads better on its cell.

    ``cmap=None`` draws values that are never negative with
    :data:`MATRIX_CMAP` (the higher, the lighter) and signed values with
    :data:`SIGNED_CMAP` on a symmetric range; a diverging ``cmap`` always gets
    a symmetric range. Give the same ``vmin``/``vmax`` to panels that are
    compared (or use :func:`show_matrices` with ``shared=True``).
    ``highlight`` is ``(row, col, height, width)``: a box around a window (the
    sliding window of a convolution, for instance). ``fmt`` is a format string
    or a function of one value. ``colorbar=True`` adds a colorbar beside this
    panel."""
    if not isinstance(ax, Axes):
        raise TypeError(f"ax={_checks.show(ax)}: expected a matplotlib Axes (e.g. from plt.subplots())")
    matrix = _checks.numeric_array(matrix, "matrix", ndim=2, shape="a 2-D array", non_empty=True)
    vmin, vmax = _scale(vmin, vmax)
    write = _formatter(fmt, matrix.flat[0])
    _highlight(highlight)
    if fontsize is not None:
        fontsize = _checks.number(fontsize, "fontsize", above=0)
    colorbar = _checks.boolean(colorbar, "colorbar")
    cmap, vmin, vmax = _color_scale([matrix], cmap, vmin, vmax)
    image = ax.imshow(matrix, cmap=cmap, vmin=vmin, vmax=vmax, interpolation="nearest")
    rows, cols = matrix.shape
    size = fontsize or max(6, min(12, 60 / max(rows, cols)))
    colours = image.cmap(image.norm(matrix.astype(float)))
    for (r, c), value in np.ndenumerate(matrix):
        red, green, blue = colours[r, c, :3]
        dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5  # text readable on any colour map
        ax.text(c, r, write(abs(value) if value == 0 else value), ha="center", va="center", fontsize=size,  # no "-0"
                color="white" if dark else "black")
    ax.set_xticks(np.arange(-0.5, cols, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, rows, 1), minor=True)
    ax.grid(which="minor", color="0.6", linewidth=0.5)
    ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
    if highlight is not None:
        r, c, h, w = highlight
        ax.add_patch(Rectangle((c - 0.5, r - 0.5), w, h, fill=False, edgecolor="tab:red", linewidth=2.5))
    if title is not None:
        ax.set_title(title)
    if colorbar:  # inside the panel's own space, so that tight_layout still works after it
        bar = ax.figure.colorbar(image, cax=ax.inset_axes([1.04, 0.0, 0.05, 1.0]))
        bar.ax.tick_params(labelsize=8)
    return ax


def _matrix_list(matrices, name: str = "matrices") -> list[np.ndarray]:
    if isinstance(matrices, np.ndarray) and matrices.ndim == 2:
        raise ValueError(f"{name} has shape {matrices.shape}: expected a list of matrices (for one, [matrix])")
    if isinstance(matrices, (str, bytes)) or not hasattr(matrices, "__len__"):
        raise TypeError(f"{name}={_checks.show(matrices)}: expected a list of 2-D arrays")
    return [_checks.numeric_array(m, f"{name}[{i}]", ndim=2, shape="a 2-D array", non_empty=True)
            for i, m in enumerate(matrices)]


def show_matrices(matrices, titles=None, cmap=None, fmt="{:g}", size: float = 3.0,
                  suptitle=None, vmin=None, vmax=None, show: bool = True, shared: bool = False,
                  colorbar=None, highlights=None, fontsize=None):
    """Several small matrices side by side with their numbers (a worked
    example: input, kernel, output).

    Each panel has its own scale unless ``shared=True`` (or ``vmin``/``vmax``
    are given): then every panel uses one scale, so the same value has the
    same colour in all of them, and one colorbar (``colorbar`` defaults to
    ``shared``). ``cmap=None`` follows :func:`draw_matrix`, deciding once for
    all panels when they share the scale. ``highlights`` gives one
    ``(row, col, height, width)`` box (or None) per matrix."""
    matrices = _matrix_list(matrices)
    titles = _titles(titles, len(matrices), "matrices")
    shared = _checks.boolean(shared, "shared")
    colorbar = shared if colorbar is None else _checks.boolean(colorbar, "colorbar")
    if highlights is not None:
        if isinstance(highlights, (str, bytes)) or not hasattr(highlights, "__len__"):
            raise TypeError(f"highlights={_checks.show(highlights)}: expected one (row, col, height, width) "
                            "or None per matrix")
        if len(highlights) != len(matrices):
            raise ValueError(f"highlights has {len(highlights)} entries but there are {len(matrices)} matrices")
        highlights = [_highlight(h, f"highlights[{i}]") for i, h in enumerate(highlights)]
    vmin, vmax = _scale(vmin, vmax)
    if shared or vmin is not None or vmax is not None:
        cmap, vmin, vmax = _color_scale(matrices, cmap, vmin, vmax)
    one_bar = colorbar and (shared or vmin is not None or vmax is not None)
    fig, axes = _grid(len(matrices), max(len(matrices), 1), size, "matrix", layout="constrained" if one_bar else None)
    for i, (ax, matrix) in enumerate(zip(axes, matrices, strict=True)):
        draw_matrix(ax, matrix, title=None if titles is None else titles[i], cmap=cmap, fmt=fmt,
                    vmin=vmin, vmax=vmax, fontsize=fontsize,
                    highlight=None if highlights is None else highlights[i],
                    colorbar=colorbar and not one_bar)
    if suptitle:
        fig.suptitle(suptitle)
    if one_bar:
        _colorbar(fig, axes[-1].images[0], axes)
    return _finish(fig, show)


def show_kernel_results(image, kernels, results, labels=None, size: float = 3.0,
                        show: bool = True, cmap=None, vmin=None, vmax=None, shared: bool = True,
                        colorbar=None):
    """One column per kernel: the kernel with its numbers on top, the filtered
    image below; the original image in the first column.

    Each kernel is drawn with :data:`SIGNED_CMAP` on its own symmetric range.
    The results share one scale by default (``shared=True``; ``vmin``/``vmax``
    fix it): :data:`SIGNED_CMAP` on a symmetric range when some result has
    negative values, :data:`MATRIX_CMAP` otherwise (``cmap`` overrides), with
    one colorbar (``colorbar`` defaults to ``shared``). With ``shared=False``
    each result is stretched on its own."""
    image = _image(image, "image")
    for name, value in (("kernels", kernels), ("results", results)):
        if isinstance(value, (str, bytes, np.ndarray)) or not hasattr(value, "__len__"):
            raise TypeError(f"{name}={_checks.show(value)}: expected a list of 2-D arrays (for one, [array])")
    kernels = [_checks.numeric_array(k, f"kernels[{i}]", ndim=2, shape="k×k", non_empty=True, finite=True)
               for i, k in enumerate(kernels)]
    results = [_image(r, f"results[{i}]") for i, r in enumerate(results)]
    if len(kernels) != len(results):
        raise ValueError(f"{len(kernels)} kernels but {len(results)} results; they must match")
    if not kernels:
        raise ValueError("nothing to plot: expected at least one kernel")
    labels = _titles(labels, len(kernels), "kernels", "labels")
    size = _checks.number(size, "size", above=0)
    shared = _checks.boolean(shared, "shared")
    colorbar = shared if colorbar is None else _checks.boolean(colorbar, "colorbar")
    vmin, vmax = _scale(vmin, vmax)
    gray = [r[..., 0] if r.ndim == 3 and r.shape[-1] == 1 else r for r in results]
    gray = [r for r in gray if r.ndim == 2]
    scale = {}
    if gray and (shared or vmin is not None or vmax is not None):
        result_cmap, low, high = _color_scale(gray, cmap, vmin, vmax)
        scale = {"cmap": result_cmap, "vmin": low, "vmax": high}
    cols = len(kernels) + 1
    one_bar = bool(colorbar and scale)
    fig, axes = plt.subplots(2, cols, figsize=(size * cols + (0.6 if one_bar else 0), size * 2), squeeze=False,
                             layout="constrained" if one_bar else None)
    _imshow(axes[1, 0], image, title="Imagen original")
    axes[0, 0].axis("off")
    for i, (kernel, result) in enumerate(zip(kernels, results, strict=True), start=1):
        label = None if labels is None else labels[i - 1]
        draw_matrix(axes[0, i], kernel, title=label, cmap=SIGNED_CMAP, fmt="{:.2g}")
        own = scale or ({} if result.ndim == 3 and result.shape[-1] != 1 else
                        dict(zip(("cmap", "vmin", "vmax"), _color_scale([result], cmap), strict=True)))
        _imshow(axes[1, i], result, title="Resultado", **own)
    if one_bar:
        _colorbar(fig, axes[1, 1].images[0], list(axes[1, 1:]))
    return _finish(fig, show)


def show_feature_maps(maps, cols: int = 8, size: float = 1.6, cmap=None,
                      suptitle=None, show: bool = True, vmin=None, vmax=None, shared: bool = True):
    """The F feature maps of an H×W×F array, one small panel each.

    By default (``shared=True``) every map is drawn on one scale with one
    colorbar, so a map that responds weakly looks dark beside one that responds
    strongly: :data:`MATRIX_CMAP` when no value is negative (after a ReLU),
    :data:`SIGNED_CMAP` on a symmetric range otherwise (``cmap``, ``vmin`` and
    ``vmax`` override). ``shared=False`` stretches each map on its own."""
    maps = _checks.numeric_array(maps, "maps", ndim=3, shape="H×W×F (one map per channel)")
    if not maps.size:
        raise ValueError(f"maps has shape {maps.shape}: expected at least one non-empty map")
    shared = _checks.boolean(shared, "shared")
    titles = [f"mapa {i}" for i in range(maps.shape[-1])]
    panels = [maps[:, :, i] for i in range(maps.shape[-1])]
    if shared:
        cmap, vmin, vmax = _color_scale(panels, cmap, vmin, vmax)
    elif cmap is None:
        cmap = SIGNED_CMAP if np.nanmin(maps) < 0 else MATRIX_CMAP
    return show_images(panels, titles=titles, cols=cols, cmap=cmap, size=size, suptitle=suptitle,
                       vmin=vmin, vmax=vmax, colorbar=shared, show=show)


def show_predictions(images, y_true, y_pred, class_names=None, probabilities=None,
                     cols: int = 5, size: float = 2.2, suptitle=None, show: bool = True):
    """A grid titled ``pred = X`` / ``real = Y``; mistakes in red. With
    ``probabilities`` (one per image: the probability given to the predicted
    class) the title reads ``pred = X (p=0.97)``."""
    images = _images(images)
    y_true = _checks.class_labels(y_true, "y_true")
    y_pred = _checks.class_labels(y_pred, "y_pred")
    if not len(images) == len(y_true) == len(y_pred):
        raise ValueError(
            f"{len(images)} images, {len(y_true)} true labels and {len(y_pred)} predictions; "
            "they must match"
        )
    if probabilities is not None:
        probabilities = _checks.numeric_array(probabilities, "probabilities", finite=True).astype(float)
        if probabilities.ndim != 1:
            raise ValueError(f"probabilities has shape {probabilities.shape}: expected one value per image "
                             "(the probability of the predicted class)")
        if len(probabilities) != len(images):
            raise ValueError(f"probabilities has {len(probabilities)} values but there are {len(images)} images")
        if probabilities.size and (probabilities.min() < 0 or probabilities.max() > 1):
            raise ValueError("probabilities has values outside 0..1")
    class_names = _checks.names(class_names, "class_names")
    _enough_names(class_names, y_true, y_pred)

    def name(label):
        return str(class_names[label]) if class_names is not None else str(label)

    fig, axes = _grid(len(images), cols, size)
    for i, (ax, image, true, pred) in enumerate(zip(axes, images, y_true, y_pred, strict=True)):
        _imshow(ax, image)
        wrong = true != pred
        p = "" if probabilities is None else f" (p={probabilities[i]:.2f})"
        ax.set_title(f"pred = {name(pred)}{p}\nreal = {name(true)}", color="tab:red" if wrong else "black",
                     fontsize=10)
        if wrong:
            for spine in ax.spines.values():
                spine.set_edgecolor("tab:red")
                spine.set_linewidth(3)
    if suptitle:
        fig.suptitle(suptitle)
    return _finish(fig, show)


def plot_history(history, title=None, show: bool = True):
    """Loss and accuracy per epoch, training and validation, from a Keras
    ``History`` or its ``.history`` dict."""
    logs = getattr(history, "history", history)
    if not isinstance(logs, dict):
        raise TypeError(f"history={_checks.show(history)}: expected a Keras History or its .history dict")
    if "loss" not in logs:
        raise ValueError(f"history has keys {sorted(logs)}: expected a 'loss' key (a Keras History's .history)")
    for key in ("loss", "val_loss", "accuracy", "val_accuracy"):
        if key in logs:
            values = _checks.numeric_array(logs[key], f"history[{key!r}]", ndim=1, shape="one value per epoch",
                                           non_empty=True)
            if len(values) != len(logs["loss"]):
                raise ValueError(f"history[{key!r}] has {len(values)} values but history['loss'] has "
                                 f"{len(logs['loss'])}; they must match (one per epoch)")
    metrics = [("loss", "Pérdida")] + ([("accuracy", "Exactitud")] if "accuracy" in logs else [])
    fig, axes = plt.subplots(1, len(metrics), figsize=(5.5 * len(metrics), 3.6), squeeze=False)
    for ax, (key, label) in zip(axes[0], metrics, strict=True):
        epochs = np.arange(1, len(logs[key]) + 1)
        ax.plot(epochs, logs[key], "o-", label="entrenamiento")
        if f"val_{key}" in logs:
            ax.plot(epochs, logs[f"val_{key}"], "s--", label="validación")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("época")
        ax.set_ylabel(label.lower())
        ax.set_title(label)
        ax.grid(alpha=0.3)
        ax.legend()
    if title:
        fig.suptitle(title)
    return _finish(fig, show)


def confusion_matrix(y_true, y_pred, n_classes: int | None = None) -> np.ndarray:
    """Counts ``C[i, j]`` of examples of class ``i`` predicted as ``j``.

    ``y_true`` and ``y_pred`` are integer class labels (N,) or (N, 1); for a
    model's probabilities take ``.argmax(axis=-1)`` first. ``n_classes``
    defaults to the largest label + 1."""
    y_true = _checks.class_labels(y_true, "y_true")
    y_pred = _checks.class_labels(y_pred, "y_pred")
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} labels but y_pred has {len(y_pred)}; they must match")
    largest = int(max(y_true.max(initial=-1), y_pred.max(initial=-1)))
    if n_classes is None:
        if largest < 0:
            raise ValueError("y_true and y_pred are empty: give n_classes to get an all-zero matrix")
        n_classes = largest + 1
    n_classes = _checks.positive_int(n_classes, "n_classes")
    if largest >= n_classes:
        raise ValueError(f"n_classes={n_classes} but the labels go up to {largest}; expected labels 0..{n_classes - 1}")
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(matrix, (y_true, y_pred), 1)
    return matrix


def _enough_names(class_names, *labels) -> None:
    """Every label has a name in ``class_names`` (when given)."""
    if class_names is None:
        return
    largest = max((int(y.max()) for y in labels if y.size), default=-1)
    if largest >= len(class_names):
        raise ValueError(f"class_names has {len(class_names)} names but the labels go up to {largest}; "
                         f"expected at least {largest + 1} names")


def plot_confusion_matrix(y_true, y_pred, class_names=None, title="Matriz de confusión",
                          show: bool = True):
    """The confusion matrix with counts, rows = real class, columns = predicted;
    the more examples, the lighter the cell (:data:`MATRIX_CMAP`, from 0)."""
    class_names = _checks.names(class_names, "class_names")
    if class_names is not None:
        if not class_names:
            raise ValueError("class_names is empty: expected one name per class")
        _enough_names(class_names, _checks.class_labels(y_true, "y_true"), _checks.class_labels(y_pred, "y_pred"))
    title = _checks.text(title, "title", allow_none=True)
    n = len(class_names) if class_names is not None else None
    matrix = confusion_matrix(y_true, y_pred, n)
    names = list(class_names) if class_names is not None else [str(i) for i in range(len(matrix))]
    fig, ax = plt.subplots(figsize=(0.55 * len(names) + 2.5, 0.55 * len(names) + 2))
    draw_matrix(ax, matrix, cmap=MATRIX_CMAP, fmt="{:d}", fontsize=8, vmin=0)
    ax.tick_params(labelbottom=True, labelleft=True)
    ax.set_xticks(range(len(names)), names, rotation=45, ha="right")
    ax.set_yticks(range(len(names)), names)
    ax.set_xlabel("clase predicha")
    ax.set_ylabel("clase real")
    ax.set_title(title)
    return _finish(fig, show)
