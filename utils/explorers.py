"""Interactive explorers (ipywidgets) for the lessons students learn by
playing with: convolution, pooling, and shifted digits.

Each explorer is a small class that keeps its settings in plain attributes
and computes what to draw (:class:`ConvStep`, :class:`PoolStep`,
:func:`shift_probabilities`); that logic is tested without any widget. The
widgets only call :meth:`update` and redraw.

``show()`` displays the widget together with a static figure of a few
settings in one output: Jupyter and Colab draw the live widget, while the
stored notebook, GitHub and the HTML site (where the widget cannot run) show
the static figure. Without ipywidgets only the static figure is shown.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from utils import _checks, convmath, datasets, plots

__all__ = [
    "FALLBACK_TEXT",
    "PADDING_CHOICES",
    "WIDGET_VIEW_MIMETYPE",
    "ConvExplorer",
    "ConvStep",
    "PoolExplorer",
    "PoolStep",
    "ShiftExplorer",
    "conv_step",
    "draw_conv_step",
    "draw_pool_step",
    "draw_shift",
    "fallback_bundle",
    "figure_png",
    "pool_step",
    "shift_probabilities",
    "widgets_available",
]

WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"
FALLBACK_TEXT = "Explorador interactivo: ejecuta esta celda en Jupyter o Colab para usarlo."
PADDING_CHOICES = ("valid", "same", "full", 1, 2)


def _plain(value) -> str:
    """A number written exactly when it has at most 4 decimals (18.25, 0.5,
    266), rounded to 4 decimals otherwise (1/9 → 0.1111): what the tables of
    the lessons print, never fewer digits."""
    value = float(value)
    if value == round(value):
        return f"{value:.0f}" if abs(value) < 1e15 else f"{value:g}"
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _number(value) -> str:
    """A matrix entry as the slides write it in a sum: integers without
    decimals, negative numbers in parentheses."""
    text = _plain(value)
    return f"({text})" if float(value) < 0 else text


def _input_scale(image: np.ndarray) -> dict:
    """One scale for an input matrix and its zero padding: the course's gray
    map (the higher, the lighter) from min(0, ·) to max(0, ·); signed inputs
    get the signed map on a symmetric range."""
    low, high = min(0.0, float(image.min())), max(0.0, float(image.max()))
    if low < 0:
        limit = max(-low, high) or 1.0
        return {"cmap": plots.SIGNED_CMAP, "vmin": -limit, "vmax": limit}
    return {"cmap": plots.MATRIX_CMAP, "vmin": low, "vmax": high or 1.0}


def _check_matrix(value, name: str) -> np.ndarray:
    """A 2-D numeric array with finite values (every number is written out)."""
    return _checks.numeric_array(value, name, ndim=2, shape="a 2-D numeric array (H×W)", non_empty=True,
                                 finite=True)


def _check_cell(row: int, col: int, shape: tuple[int, int]) -> None:
    context = f"(the output is {shape[0]}×{shape[1]})"
    _checks.int_in_range(row, "row", 0, shape[0] - 1, context)
    _checks.int_in_range(col, "col", 0, shape[1] - 1, context)


def _check_axes(axes, count: int) -> None:
    try:
        ok = len(axes) >= count and all(isinstance(ax, Axes) for ax in list(axes)[:count])
    except TypeError:
        ok = False
    if not ok:
        raise TypeError(f"axes={_checks.show(axes)}: expected {count} matplotlib Axes "
                        f"(e.g. plt.subplots(1, {count})[1])")


def _check_step(step, kind: type, function: str) -> None:
    if not isinstance(step, kind):
        raise TypeError(f"step={_checks.show(step)}: expected a {kind.__name__} (from {function})")


# --------------------------------------------------------------------------
# Convolution
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class ConvStep:
    """One output cell of a 2-D cross-correlation (what ``Conv2D`` computes)."""

    image: np.ndarray
    kernel: np.ndarray
    padding: int  # zero rows/columns on each side
    stride: int
    output: np.ndarray
    row: int
    col: int

    def __post_init__(self):
        image, kernel = _check_matrix(self.image, "image"), _check_matrix(self.kernel, "kernel")
        padding = _checks.non_negative_int(self.padding, "padding")
        stride = _checks.positive_int(self.stride, "stride")
        expected = convmath.conv2d(image, kernel, padding=padding, stride=stride)
        output = _checks.numeric_array(self.output, "output")
        if output.shape != expected.shape:
            raise ValueError(f"output has shape {output.shape}: expected {expected.shape} for this image, kernel, "
                             "padding and stride (conv_step computes it)")
        _check_cell(self.row, self.col, output.shape)
        for name, value in (("image", image), ("kernel", kernel), ("padding", padding), ("stride", stride),
                            ("output", output), ("row", int(self.row)), ("col", int(self.col))):
            object.__setattr__(self, name, value)

    @property
    def padded(self) -> np.ndarray:
        return np.pad(self.image, self.padding)

    @property
    def window(self) -> tuple[int, int, int, int]:
        """``(row, col, height, width)`` of the window in the padded input."""
        return (self.row * self.stride, self.col * self.stride, *self.kernel.shape)

    @property
    def patch(self) -> np.ndarray:
        r, c, h, w = self.window
        return self.padded[r:r + h, c:c + w]

    @property
    def value(self):
        return self.output[self.row, self.col]

    def sum_text(self) -> str:
        """The step-by-step sum, as the slides write it: ``60·0 + 113·(-1) + … = 266``."""
        pairs = zip(self.patch.ravel(), self.kernel.ravel(), strict=True)
        terms = " + ".join(f"{_number(x)}·{_number(k)}" for x, k in pairs)
        return f"{terms} = {_number(self.value)}"

    def size_text(self) -> str:
        """The output size by the slide formula ``⌊(N + 2P − K)/S⌋ + 1``."""
        parts = []
        for n, k, out in zip(self.image.shape, self.kernel.shape, self.output.shape, strict=True):
            parts.append(f"⌊({n} + 2·{self.padding} − {k}) / {self.stride}⌋ + 1 = {out}")
        if parts[0] == parts[1]:
            return f"tamaño de salida: {parts[0]} (→ {self.output.shape[0]}×{self.output.shape[1]})"
        return f"filas: {parts[0]};  columnas: {parts[1]}"


def conv_step(image, kernel, padding="valid", stride: int = 1, row: int = 0, col: int = 0) -> ConvStep:
    """The output cell ``(row, col)`` of ``convmath.conv2d(image, kernel,
    padding, stride)`` with everything needed to draw and explain it."""
    image = _check_matrix(image, "image")
    kernel = _check_square_kernel(kernel)
    output = convmath.conv2d(image, kernel, padding=padding, stride=stride)
    _check_cell(row, col, output.shape)
    return ConvStep(image, kernel, convmath.padding_amount(padding, kernel.shape[0]), int(stride), output,
                    int(row), int(col))


def _check_square_kernel(kernel) -> np.ndarray:
    kernel = _check_matrix(kernel, "kernel")
    if kernel.shape[0] != kernel.shape[1]:
        raise ValueError(f"kernel is {kernel.shape[0]}×{kernel.shape[1]}: the explorer expects a square kernel")
    return kernel


def draw_conv_step(axes, step: ConvStep, output_limit=None) -> None:
    """Three panels: padded input with the window, kernel, output with the cell.

    The input (with its zero padding) is drawn on one gray scale that includes
    0, the kernel and the output with the signed map on symmetric ranges;
    ``output_limit`` fixes the output's range ``-limit..limit`` (the same for
    several steps drawn together)."""
    _check_axes(axes, 3)
    _check_step(step, ConvStep, "conv_step")
    if output_limit is not None:
        output_limit = _checks.number(output_limit, "output_limit", above=0)
    padded = step.padded
    plots.draw_matrix(axes[0], padded, title=f"Entrada {step.image.shape[0]}×{step.image.shape[1]}, "
                      f"relleno {step.padding}, paso {step.stride}", fmt=_plain, highlight=step.window,
                      **_input_scale(step.image))
    if step.padding:  # the original image inside the zeros
        p = step.padding
        axes[0].add_patch(Rectangle((p - 0.5, p - 0.5), step.image.shape[1], step.image.shape[0], fill=False,
                                    edgecolor="tab:blue", linestyle="--", linewidth=1.5))
    plots.draw_matrix(axes[1], step.kernel, title="Filtro", cmap=plots.SIGNED_CMAP, fmt=_plain)
    limit = output_limit or float(np.abs(step.output).max()) or 1.0
    plots.draw_matrix(axes[2], step.output, title=f"Salida {step.output.shape[0]}×{step.output.shape[1]}",
                      cmap=plots.SIGNED_CMAP, fmt=_plain, vmin=-limit, vmax=limit,
                      highlight=(step.row, step.col, 1, 1))


def _conv_figure(steps: list[ConvStep], captions: list[str], title: str):
    """One row of panels per step, each with its caption (size formula, sum) above it."""
    ratios = [max(s.padded.shape[1] for s in steps), steps[0].kernel.shape[1], max(s.output.shape[1] for s in steps)]
    fig = plt.figure(figsize=(min(14, 0.62 * sum(ratios) + 3), 4.4 * len(steps) + 0.4), layout="constrained")
    fig.suptitle(title, fontsize=11)
    limit = max(float(np.abs(s.output).max()) for s in steps) or 1.0  # one output scale for every row
    for subfig, step, caption in zip(np.atleast_1d(fig.subfigures(len(steps), 1)), steps, captions, strict=True):
        draw_conv_step(subfig.subplots(1, 3, gridspec_kw={"width_ratios": ratios}), step, output_limit=limit)
        subfig.suptitle(caption, fontsize=9)
    return fig


class ConvExplorer:
    """Kernel (gallery preset or free values), padding and stride over a small
    image: the sliding window, the output, its size by formula and the sum
    of one output cell."""

    def __init__(self, image, kernel="sharpen", padding="valid", stride: int = 1):
        self.image = _check_matrix(image, "image")
        if max(self.image.shape) > 12:
            raise ValueError(f"image has shape {self.image.shape}: the explorer writes every number, "
                             "use an image of at most 12×12")
        self.presets = {name: k for name, k in convmath.KERNELS.items() if k.shape == (3, 3)}
        kernel = convmath.get_kernel(kernel) if isinstance(kernel, str) else kernel
        self.kernel = _check_square_kernel(kernel).astype(float)
        self.padding, self.stride, self.row, self.col = "valid", 1, 0, 0
        self.update(kernel=self.kernel, padding=padding, stride=stride)

    def update(self, kernel=None, padding=None, stride=None, row=None, col=None) -> ConvStep:
        """Change some settings; the output cell is kept inside the new output."""
        kernel = self.kernel if kernel is None else _check_square_kernel(kernel).astype(float)
        padding = self.padding if padding is None else padding
        stride = self.stride if stride is None else stride
        output = convmath.conv2d(self.image, kernel, padding=padding, stride=stride)
        row = self.row if row is None else _checks.non_negative_int(row, "row")
        col = self.col if col is None else _checks.non_negative_int(col, "col")
        self.kernel, self.padding, self.stride = kernel, padding, int(stride)
        self.row, self.col = min(row, output.shape[0] - 1), min(col, output.shape[1] - 1)
        return self.step()

    def step(self) -> ConvStep:
        return conv_step(self.image, self.kernel, self.padding, self.stride, self.row, self.col)

    def figure(self):
        step = self.step()
        return _conv_figure([step], [f"{step.size_text()}\ncelda ({step.row}, {step.col}): {step.sum_text()}"],
                            "Convolución paso a paso")

    def static_figure(self, settings=(("valid", 1), ("same", 1), ("same", 2))):
        steps = [conv_step(self.image, self.kernel, padding, stride) for padding, stride in settings]
        captions = [f"{s.size_text()}\ncelda (0, 0): {s.sum_text()}" for s in steps]
        return _conv_figure(steps, captions, "Vista estática: el mismo filtro con tres configuraciones")

    def widget(self):
        import ipywidgets as w

        labels = [(convmath.KERNEL_LABELS_ES.get(name, name), name) for name in self.presets]
        preset = w.Dropdown(options=[("(valores libres)", ""), *labels], description="Filtro")
        cells = [w.FloatText(value=float(v), layout=w.Layout(width="70px")) for v in self.kernel.ravel()]
        padding = w.Dropdown(options=[(str(p), p) for p in PADDING_CHOICES], value=self.padding,
                             description="Relleno")
        stride = w.IntSlider(value=self.stride, min=1, max=3, description="Paso")
        row = w.IntSlider(value=self.row, min=0, description="Fila")
        col = w.IntSlider(value=self.col, min=0, description="Columna")
        out = w.Output()

        quiet = _Quiet()

        def redraw():
            step = self.step()
            with quiet:  # keep the cell sliders inside the output without redrawing for each
                row.max, col.max = step.output.shape[0] - 1, step.output.shape[1] - 1
                row.value, col.value = step.row, step.col
                if preset.value and not np.array_equal(self.kernel, self.presets[preset.value]):
                    preset.value = ""  # the values were edited: no longer the preset
            with out:
                out.clear_output(wait=True)
                _show_figure(self.figure())

        def on_preset(change):
            if quiet or not change["new"]:
                return
            with quiet:  # nine cells change, one figure is drawn
                for cell, value in zip(cells, self.presets[change["new"]].ravel(), strict=True):
                    cell.value = float(value)
            on_change(None)

        def on_change(_):
            if quiet:
                return
            kernel = np.array([c.value for c in cells]).reshape(self.kernel.shape)
            try:
                self.update(kernel=kernel, padding=padding.value, stride=stride.value, row=row.value, col=col.value)
            except ValueError as error:  # e.g. a 3×3 kernel that does not fit the padded image
                with out:
                    out.clear_output(wait=True)
                    print(error)
                return
            redraw()

        preset.observe(on_preset, names="value")
        for control in (*cells, padding, stride, row, col):
            control.observe(on_change, names="value")
        redraw()
        grid = w.GridBox(cells, layout=w.Layout(grid_template_columns="repeat(3, 75px)"))
        return w.VBox([w.HBox([w.VBox([preset, grid]), w.VBox([padding, stride, row, col])]), out])

    def show(self) -> None:
        _display(self, "Explorador de la convolución")


# --------------------------------------------------------------------------
# Pooling
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class PoolStep:
    """One output cell of max or average pooling."""

    image: np.ndarray
    pool_size: int
    stride: int
    mode: str
    output: np.ndarray
    row: int
    col: int

    def __post_init__(self):
        image = _check_matrix(self.image, "image")
        pool_size = _checks.positive_int(self.pool_size, "pool_size")
        stride = _checks.positive_int(self.stride, "stride")
        _checks.one_of(self.mode, "mode", ("max", "average"))
        expected = convmath.pool2d(image, pool_size=pool_size, stride=stride, mode=self.mode)
        output = _checks.numeric_array(self.output, "output")
        if output.shape != expected.shape:
            raise ValueError(f"output has shape {output.shape}: expected {expected.shape} for this image, pool "
                             "size and stride (pool_step computes it)")
        _check_cell(self.row, self.col, output.shape)
        for name, value in (("image", image), ("pool_size", pool_size), ("stride", stride), ("output", output),
                            ("row", int(self.row)), ("col", int(self.col))):
            object.__setattr__(self, name, value)

    @property
    def window(self) -> tuple[int, int, int, int]:
        return (self.row * self.stride, self.col * self.stride, self.pool_size, self.pool_size)

    @property
    def patch(self) -> np.ndarray:
        r, c, h, w = self.window
        return self.image[r:r + h, c:c + w]

    @property
    def value(self):
        return self.output[self.row, self.col]

    def sum_text(self) -> str:
        values = ", ".join(_number(v) for v in self.patch.ravel())
        if self.mode == "max":
            return f"máx({values}) = {_number(self.value)}"
        return f"promedio({values}) = {_number(self.value)}"

    def size_text(self) -> str:
        n, out = self.image.shape[0], self.output.shape[0]
        return f"tamaño de salida: ⌊({n} − {self.pool_size}) / {self.stride}⌋ + 1 = {out}"


def pool_step(image, pool_size: int = 2, stride=None, mode: str = "max", row: int = 0, col: int = 0) -> PoolStep:
    """The output cell ``(row, col)`` of ``convmath.pool2d(image, pool_size, stride, mode)``."""
    image = _check_matrix(image, "image")
    output = convmath.pool2d(image, pool_size=pool_size, stride=stride, mode=mode)
    _check_cell(row, col, output.shape)
    return PoolStep(image, int(pool_size), int(pool_size if stride is None else stride), mode, output,
                    int(row), int(col))


MODE_ES = {"max": "máximo", "average": "promedio"}


def draw_pool_step(axes, step: PoolStep) -> None:
    """Input with the window and output with the cell, on one scale (the
    input's range: the same value has the same shade in both panels, with a
    colorbar); every number written exactly when the input is small."""
    _check_axes(axes, 2)
    _check_step(step, PoolStep, "pool_step")
    title_in = f"Entrada {step.image.shape[0]}×{step.image.shape[1]}"
    title_out = (f"{MODE_ES[step.mode].capitalize()} {step.pool_size}×{step.pool_size}, paso {step.stride} → "
                 f"{step.output.shape[0]}×{step.output.shape[1]}")
    low, high = float(step.image.min()), float(step.image.max())
    scale = {"cmap": plots.MATRIX_CMAP, "vmin": low, "vmax": high if high > low else low + 1}
    if max(step.image.shape) <= 12:
        plots.draw_matrix(axes[0], step.image, title=title_in, fmt=_plain, highlight=step.window, **scale)
        plots.draw_matrix(axes[1], step.output, title=title_out, fmt=_plain, highlight=(step.row, step.col, 1, 1),
                          colorbar=True, **scale)
        return
    for ax, image, title in ((axes[0], step.image, title_in), (axes[1], step.output, title_out)):
        shown = ax.imshow(image, interpolation="nearest", **scale)
        ax.set_title(title)
        ax.axis("off")
    bar = axes[1].figure.colorbar(shown, cax=axes[1].inset_axes([1.04, 0.0, 0.05, 1.0]))
    bar.ax.tick_params(labelsize=8)
    r, c, h, w = step.window
    axes[0].add_patch(Rectangle((c - 0.5, r - 0.5), w, h, fill=False, edgecolor="tab:red", linewidth=2))


class PoolExplorer:
    """Pool size, stride and max/average over the slides' matrix or a picture."""

    def __init__(self, image, pool_size: int = 2, stride=None, mode: str = "max"):
        self.image = _check_matrix(image, "image")
        self.pool_size, self.stride, self.mode, self.row, self.col = 2, 2, "max", 0, 0
        self.update(pool_size=pool_size, stride=pool_size if stride is None else stride, mode=mode)

    def update(self, pool_size=None, stride=None, mode=None, row=None, col=None) -> PoolStep:
        """Change some settings; the output cell is kept inside the new output."""
        pool_size = self.pool_size if pool_size is None else pool_size
        stride = self.stride if stride is None else stride
        mode = self.mode if mode is None else mode
        output = convmath.pool2d(self.image, pool_size=pool_size, stride=stride, mode=mode)
        row = self.row if row is None else _checks.non_negative_int(row, "row")
        col = self.col if col is None else _checks.non_negative_int(col, "col")
        self.pool_size, self.stride, self.mode = int(pool_size), int(stride), mode
        self.row, self.col = min(row, output.shape[0] - 1), min(col, output.shape[1] - 1)
        return self.step()

    def step(self) -> PoolStep:
        return pool_step(self.image, self.pool_size, self.stride, self.mode, self.row, self.col)

    def _figure(self, steps: list[PoolStep], titles: list[str]):
        fig, axes = plt.subplots(len(steps), 2, figsize=(9, 4.2 * len(steps)), squeeze=False)
        for row_axes, step, title in zip(axes, steps, titles, strict=True):
            draw_pool_step(row_axes, step)
            row_axes[1].set_xlabel(title, fontsize=9, labelpad=10)
            row_axes[1].xaxis.label.set_visible(True)
        return fig

    def figure(self):
        step = self.step()
        small = max(self.image.shape) <= 12
        fig = self._figure([step], [step.sum_text() if small else ""])
        fig.suptitle(step.size_text(), fontsize=10)
        fig.tight_layout()
        return fig

    def static_figure(self, settings=((2, 2, "max"), (2, 2, "average"), (3, 1, "max"))):
        steps = [pool_step(self.image, size, stride, mode) for size, stride, mode in settings]
        small = max(self.image.shape) <= 12
        titles = [f"{s.size_text()}" + (f"\ncelda (0, 0): {s.sum_text()}" if small else "") for s in steps]
        fig = self._figure(steps, titles)
        fig.suptitle("Vista estática: tres configuraciones de pooling", fontsize=11)
        fig.tight_layout()
        return fig

    def widget(self):
        import ipywidgets as w

        largest = min(self.image.shape)
        size = w.IntSlider(value=self.pool_size, min=1, max=min(largest, 16), description="Tamaño")
        stride = w.IntSlider(value=self.stride, min=1, max=min(largest, 16), description="Paso")
        mode = w.ToggleButtons(options=[("máximo", "max"), ("promedio", "average")], value=self.mode,
                               description="Tipo")
        row = w.IntSlider(value=self.row, min=0, description="Fila")
        col = w.IntSlider(value=self.col, min=0, description="Columna")
        out = w.Output()

        quiet = _Quiet()

        def redraw():
            step = self.step()
            with quiet:
                row.max, col.max = step.output.shape[0] - 1, step.output.shape[1] - 1
                row.value, col.value = step.row, step.col
            with out:
                out.clear_output(wait=True)
                _show_figure(self.figure())

        def on_change(_):
            if quiet:
                return
            self.update(pool_size=size.value, stride=stride.value, mode=mode.value, row=row.value, col=col.value)
            redraw()

        for control in (size, stride, mode, row, col):
            control.observe(on_change, names="value")
        redraw()
        return w.VBox([w.HBox([w.VBox([size, stride, mode]), w.VBox([row, col])]), out])

    def show(self) -> None:
        _display(self, "Explorador del pooling")


# --------------------------------------------------------------------------
# Shifted digits
# --------------------------------------------------------------------------

def _check_models(models) -> None:
    if not isinstance(models, Mapping):
        raise TypeError(f"models={_checks.show(models)}: expected a dict of name -> Keras model")
    if not models:
        raise ValueError("models must be a non-empty dict of name -> Keras model")
    for name, model in models.items():
        shape = getattr(model, "input_shape", None)
        if not callable(model) or not isinstance(shape, tuple) or len(shape) < 2:
            raise TypeError(f"models[{name!r}]={_checks.show(model)}: expected a built Keras model "
                            "(with an input_shape)")


def shift_probabilities(models: Mapping, image, dx: int, dy: int) -> tuple[np.ndarray, dict]:
    """Shift a 28×28 digit (``dx`` right, ``dy`` down, zero fill) and return
    it with each model's class probabilities. Models may take flat vectors
    (an MLP, input ``(None, 784)``) or images (a CNN, ``(None, 28, 28, 1)``)."""
    _check_models(models)
    image = _check_matrix(image, "image")
    shifted = datasets.shift_images(image[None], dx, dy)[0]
    for name, model in models.items():
        shape = tuple(model.input_shape[1:])
        if int(np.prod(shape)) != image.size:
            raise ValueError(f"model {name!r} takes inputs of shape {shape}, not a {image.shape[0]}×{image.shape[1]} "
                             "image")
    import keras

    probabilities = {}
    for name, model in models.items():
        batch = shifted.astype("float32").reshape((1, *model.input_shape[1:]))
        probabilities[name] = keras.ops.convert_to_numpy(model(batch, training=False))[0]
    return shifted, probabilities


def draw_shift(axes, shifted, probabilities: dict, label: int, dx: int, dy: int, vmax=None) -> None:
    """The shifted digit (the course's gray map: the more ink, the lighter;
    from 0 to ``vmax``, by default the digit's own maximum) and every model's
    probabilities, side by side."""
    _check_axes(axes, 2)
    shifted = _check_matrix(shifted, "shifted")
    if not isinstance(probabilities, Mapping) or not probabilities:
        raise TypeError(f"probabilities={_checks.show(probabilities)}: expected a non-empty dict of "
                        "name -> class probabilities")
    arrays = {name: _checks.numeric_array(p, f"probabilities[{name!r}]", ndim=1, shape="one value per class",
                                          non_empty=True, finite=True) for name, p in probabilities.items()}
    if len({len(p) for p in arrays.values()}) != 1:
        raise ValueError("probabilities: every model must give one value per class, the same number of classes")
    classes = len(next(iter(arrays.values())))
    label = _checks.int_in_range(label, "label", 0, classes - 1, f"(there are {classes} classes)")
    dx = _checks.integer(dx, "dx", what="an int number of pixels")
    dy = _checks.integer(dy, "dy", what="an int number of pixels")
    if vmax is not None:
        vmax = _checks.number(vmax, "vmax", above=0)
    probabilities = arrays
    axes[0].imshow(shifted, cmap=plots.MATRIX_CMAP, vmin=0, vmax=vmax or float(shifted.max()) or 1.0)
    axes[0].set_title(f"Dígito {label} trasladado dx = {dx}, dy = {dy}")
    axes[0].axis("off")
    width = 0.8 / len(probabilities)
    classes = np.arange(len(next(iter(probabilities.values()))))
    for i, (name, probs) in enumerate(probabilities.items()):
        axes[1].bar(classes + (i - (len(probabilities) - 1) / 2) * width, probs, width=width,
                    label=f"{name}: predice {probs.argmax()} ({100 * probs.max():.0f} %)")
    axes[1].axvspan(label - 0.45, label + 0.45, color="tab:green", alpha=0.12, label=f"clase real: {label}")
    axes[1].set_xticks(classes)
    axes[1].set_ylim(0, 1.5)  # headroom above the bars, so the legend never covers one
    axes[1].set_yticks(np.linspace(0, 1, 6))
    axes[1].set_xlabel("clase")
    axes[1].set_ylabel("probabilidad")
    axes[1].legend(fontsize=8, loc="upper center", ncols=2)


class ShiftExplorer:
    """A digit moved ``dx``, ``dy`` pixels, and what each model believes it is."""

    def __init__(self, models: Mapping, images, labels, index: int = 0, max_shift: int = 6):
        _check_models(models)
        self.models = dict(models)
        self.images = _checks.numeric_array(images, "images", ndim=3, shape="(N, H, W) digits", finite=True)
        self.labels = _checks.class_labels(labels, "labels")
        if len(self.images) != len(self.labels) or not len(self.images):
            raise ValueError(f"images must be (N, H, W) with one label each, got images {self.images.shape} and "
                             f"labels {self.labels.shape}")
        self.max_shift = _checks.non_negative_int(max_shift, "max_shift")
        self.index, self.dx, self.dy = 0, 0, 0
        self.update(index=index)

    def update(self, index=None, dx=None, dy=None):
        index = self.index if index is None else _checks.int_in_range(index, "index", 0, len(self.images) - 1)
        dx = self.dx if dx is None else _checks.integer(dx, "dx", what="an int number of pixels")
        dy = self.dy if dy is None else _checks.integer(dy, "dy", what="an int number of pixels")
        self.index, self.dx, self.dy = index, dx, dy
        return shift_probabilities(self.models, self.images[self.index], self.dx, self.dy)

    def _figure(self, shifts):
        fig, axes = plt.subplots(len(shifts), 2, figsize=(10, 3.2 * len(shifts)), squeeze=False,
                                 gridspec_kw={"width_ratios": [1, 2.6]})
        label = int(self.labels[self.index])
        for row_axes, (dx, dy) in zip(axes, shifts, strict=True):
            shifted, probabilities = shift_probabilities(self.models, self.images[self.index], dx, dy)
            draw_shift(row_axes, shifted, probabilities, label, dx, dy, vmax=float(self.images.max()) or 1.0)
        return fig

    def figure(self):
        fig = self._figure([(self.dx, self.dy)])
        fig.tight_layout()
        return fig

    def static_figure(self, shifts=((0, 0), (2, 2), (4, 4))):
        fig = self._figure(list(shifts))
        fig.suptitle("Vista estática: el mismo dígito sin mover y trasladado 2 y 4 píxeles", fontsize=11)
        fig.tight_layout()
        return fig

    def widget(self):
        import ipywidgets as w

        index = w.IntSlider(value=self.index, min=0, max=len(self.images) - 1, description="Dígito n.º")
        dx = w.IntSlider(value=self.dx, min=-self.max_shift, max=self.max_shift, description="dx (→)")
        dy = w.IntSlider(value=self.dy, min=-self.max_shift, max=self.max_shift, description="dy (↓)")
        out = w.Output()

        def on_change(_):
            self.update(index=index.value, dx=dx.value, dy=dy.value)
            with out:
                out.clear_output(wait=True)
                _show_figure(self.figure())

        for control in (index, dx, dy):
            control.observe(on_change, names="value")
        on_change(None)
        return w.VBox([w.HBox([index, dx, dy]), out])

    def show(self) -> None:
        _display(self, "Explorador de traslaciones")


# --------------------------------------------------------------------------
# Display: the live widget, with the static figure as its fallback
# --------------------------------------------------------------------------

def figure_png(fig) -> str:
    """A figure as base64 PNG (what a notebook stores), closing it."""
    if not isinstance(fig, Figure):
        raise TypeError(f"fig={_checks.show(fig)}: expected a matplotlib Figure")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


class _Quiet:
    """True inside ``with``: change handlers return at once while the widget
    itself sets several controls, so one user action draws one figure."""

    def __init__(self):
        self.depth = 0

    def __bool__(self) -> bool:
        return self.depth > 0

    def __enter__(self):
        self.depth += 1
        return self

    def __exit__(self, *exc) -> None:
        self.depth -= 1


def _show_figure(fig) -> None:
    """Display a figure once (inside a widget's output area) and close it."""
    from IPython.display import display

    display(fig)
    plt.close(fig)


def widgets_available() -> bool:
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        return False
    return True


def fallback_bundle(explorer, model_id: str | None) -> dict:
    """The output data: the static figure and, when a widget exists, its view
    (frontends that run widgets prefer it; the others show the figure)."""
    if not callable(getattr(explorer, "static_figure", None)):
        raise TypeError(f"explorer={_checks.show(explorer)}: expected an explorer (ConvExplorer, PoolExplorer or "
                        "ShiftExplorer)")
    _checks.text(model_id, "model_id", allow_none=True, non_empty=True)
    bundle = {"text/plain": FALLBACK_TEXT, "image/png": figure_png(explorer.static_figure())}
    if model_id is not None:
        bundle[WIDGET_VIEW_MIMETYPE] = {"version_major": 2, "version_minor": 0, "model_id": model_id}
    return bundle


def _display(explorer, name: str) -> None:
    from IPython.display import display

    if not widgets_available():
        print(f"{name}: ipywidgets no está instalado; se muestra la vista estática (pip install ipywidgets).")
        display(fallback_bundle(explorer, None), raw=True)
        return
    ui = explorer.widget()
    display(fallback_bundle(explorer, ui.model_id), raw=True)
