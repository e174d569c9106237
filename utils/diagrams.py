"""Schematic figures of where convolutional networks come from, drawn with
matplotlib (nothing is downloaded): the simple and complex cells of Hubel and
Wiesel (1962), Fukushima's Neocognitron (1980), the timeline from the visual
cortex to LeNet-5 (LeCun et al. 1989 and 1998), the hierarchy of features a
CNN learns, and the LeNet-5 architecture of LeCun, Bottou, Bengio and Haffner
(1998, Fig. 2) as the course builds it.

``mlp_MNIST_traslaciones.ipynb`` shows the history; ``LeNet5_MNIST.ipynb``
draws the architecture. Every function draws a new figure and returns the
:class:`matplotlib.figure.Figure`, closed from pyplot: a notebook shows it
once when the call is the last line of a cell, and tests or scripts can save
it (``fig.savefig(...)``) without leaving figures open. Labels are in Spanish,
the class's language.
"""

from __future__ import annotations

from itertools import pairwise

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Arc, Circle, Ellipse, FancyArrowPatch, Polygon, Rectangle

from utils import _checks, convmath

__all__ = [
    "LENET5_LAYERS", "TIMELINE", "draw_cnn_timeline", "draw_feature_hierarchy", "draw_hubel_wiesel",
    "draw_lenet5_architecture", "draw_neocognitron",
]

_INK = "#222222"
_CELL = "#d9e6f2"  # light blue: a receptive field
_ACTIVE = "#c0392b"  # red: a cell that fires
_QUIET = "#7f8c8d"  # gray: a cell that does not fire
_FIELD = "#f4f4f4"  # the visual field


def _done(fig):
    """Close ``fig`` from pyplot (so it is not shown twice) and return it."""
    plt.close(fig)
    return fig


def _blank(ax, xlim, ylim):
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")


def _arrow(ax, start, end, **style):
    style = {"arrowstyle": "-|>", "mutation_scale": 14, "color": _INK, "lw": 1.3, **style}
    ax.add_patch(FancyArrowPatch(start, end, **style))


def _spikes(ax, x0, x1, y, fires: bool):
    """A spike train: tall ticks when the cell fires, a flat line when not."""
    ax.plot([x0, x1], [y, y], color=_INK, lw=1)
    if fires:
        for x in np.linspace(x0 + 0.06, x1 - 0.06, 9):
            ax.plot([x, x], [y, y + 0.11], color=_ACTIVE, lw=1.6)


def _bar(ax, center, angle_deg, length=0.28, color=_INK):
    """A short line (the stimulus) centred at ``center`` with ``angle_deg``."""
    dx = 0.5 * length * np.cos(np.radians(angle_deg))
    dy = 0.5 * length * np.sin(np.radians(angle_deg))
    ax.plot([center[0] - dx, center[0] + dx], [center[1] - dy, center[1] + dy], color=color, lw=5,
            solid_capstyle="round")


# --------------------------------------------------------------------------
# Hubel and Wiesel (1962)
# --------------------------------------------------------------------------

def draw_hubel_wiesel():
    """Simple and complex cells (Hubel and Wiesel, 1962), as the slides tell
    it: a simple cell sees a small patch of the visual field and fires for a
    line of one orientation there; a complex cell gathers several simple
    cells, so its field is larger, and fires for that line wherever it falls
    inside it. Each panel: the visual field, the receptive field (blue), the
    line shown, and the cell's spikes below (red ticks: it fires)."""
    fig, axes = plt.subplots(2, 3, figsize=(10.5, 7.4))
    xlim, ylim = (0, 1), (-0.32, 1.0)
    for ax in axes.flat:
        _blank(ax, xlim, ylim)
        ax.add_patch(Rectangle((0.02, 0.02), 0.96, 0.96, facecolor=_FIELD, edgecolor="#bbbbbb"))

    # Row 1: simple cells. Left: many small fields tiling the visual field.
    ax = axes[0, 0]
    centers = [(x, y) for y in (0.2, 0.5, 0.8) for x in (0.2, 0.5, 0.8)]
    for i, center in enumerate(centers):
        ax.add_patch(Circle(center, 0.13, facecolor=_CELL if i == 4 else "none", edgecolor="#4a78a8", lw=1.2,
                            linestyle="-" if i == 4 else "--"))
    ax.set_title("Células simples: cada una ve\nun pedacito del campo visual")
    ax.text(0.5, -0.17, "juntas cubren todo el campo", ha="center", va="center", fontsize=10)
    # Middle and right: one simple cell, a line of its orientation and a rotated one.
    for ax, angle, fires in ((axes[0, 1], 60, True), (axes[0, 2], -30, False)):
        ax.add_patch(Circle((0.5, 0.55), 0.3, facecolor=_CELL, edgecolor="#4a78a8", lw=1.5))
        _bar(ax, (0.5, 0.55), angle)
        _spikes(ax, 0.1, 0.9, -0.2, fires)
        ax.text(0.5, -0.29, "se activa" if fires else "no se activa", ha="center", va="center", fontsize=10,
                color=_ACTIVE if fires else _QUIET, fontweight="bold")
    axes[0, 1].set_title("Una línea con su orientación")
    axes[0, 2].set_title("La misma línea, girada")

    # Row 2: complex cells. Left: several simple fields feed one complex cell.
    ax = axes[1, 0]
    ax.add_patch(Circle((0.5, 0.55), 0.4, facecolor=_CELL, edgecolor="#4a78a8", lw=1.5))
    small = [(0.32, 0.62), (0.5, 0.75), (0.68, 0.62), (0.4, 0.4), (0.6, 0.4)]
    for center in small:
        ax.add_patch(Circle(center, 0.1, facecolor="white", edgecolor="#4a78a8", lw=1, linestyle="--"))
    ax.set_title("Células complejas: agrupan varias\nsimples (campo receptivo más grande)")
    ax.text(0.5, -0.17, "cada círculo punteado: una célula simple", ha="center", va="center", fontsize=10)
    # Middle and right: the same line in two places of the large field: both fire.
    for ax, center in ((axes[1, 1], (0.36, 0.68)), (axes[1, 2], (0.62, 0.4))):
        ax.add_patch(Circle((0.5, 0.55), 0.4, facecolor=_CELL, edgecolor="#4a78a8", lw=1.5))
        _bar(ax, center, 60, length=0.24)
        _spikes(ax, 0.1, 0.9, -0.2, True)
        ax.text(0.5, -0.29, "se activa", ha="center", va="center", fontsize=10, color=_ACTIVE,
                fontweight="bold")
    axes[1, 1].set_title("La línea en un lugar del campo")
    axes[1, 2].set_title("La misma línea en otro lugar")
    fig.suptitle("Hubel y Wiesel (1962): neuronas de la corteza visual del gato")
    fig.tight_layout()
    return _done(fig)


# --------------------------------------------------------------------------
# Fukushima's Neocognitron (1980)
# --------------------------------------------------------------------------

def _planes(ax, x, y, side, n, step=0.09, color="white", edge=_INK):
    """``n`` stacked square planes, the front one with its lower-left corner
    at (x, y); the back ones go up and to the right. Returns the front one's
    corner and side."""
    for k in reversed(range(n)):
        ax.add_patch(Rectangle((x + k * step, y + k * step), side, side, facecolor=color, edgecolor=edge,
                               lw=1))
    return x, y, side


# A tiny "5" (7 × 5 pixels) drawn on the Neocognitron's input plane.
_FIVE = np.array([
    [1, 1, 1, 1, 1],
    [1, 0, 0, 0, 0],
    [1, 1, 1, 1, 0],
    [0, 0, 0, 0, 1],
    [0, 0, 0, 0, 1],
    [1, 0, 0, 0, 1],
    [0, 1, 1, 1, 0],
])


def _glyph(ax, x0, y0, side):
    """The "5" of :data:`_FIVE`, centred in the square at (x0, y0) of ``side``."""
    cell = side / 9
    for i, row in enumerate(_FIVE):
        for j, on in enumerate(row):
            if on:
                ax.add_patch(Rectangle((x0 + (j + 2) * cell, y0 + side - (i + 1.2) * cell), cell, cell,
                                       facecolor=_INK, edgecolor="none"))


def draw_neocognitron():
    """Fukushima's Neocognitron (1980), schematically: an input plane, then
    pairs of layers of S-cells (each detects a feature in a small region,
    like a simple cell) and C-cells (each tolerates that the feature moves a
    little, like a complex cell), planes getting smaller and more numerous
    up the hierarchy, and a last layer with one cell per character. It was
    not trained with backpropagation."""
    fig, ax = plt.subplots(figsize=(12, 4.0))
    stages = [  # (label, side, planes, colour)
        ("entrada", 2.2, 1, "white"),
        ("S1", 1.8, 4, "#e8f0f8"), ("C1", 1.4, 4, "#f8ece0"),
        ("S2", 1.2, 6, "#e8f0f8"), ("C2", 0.9, 6, "#f8ece0"),
        ("S3", 0.7, 8, "#e8f0f8"), ("C3", 0.5, 8, "#f8ece0"),
    ]
    x = 0.0
    fronts = []
    for label, side, n, color in stages:
        y = 1.1 - side / 2
        fronts.append(_planes(ax, x, y, side, n, color=color))
        ax.text(x + side / 2 + (n - 1) * 0.045, -0.45, label, ha="center", va="center", fontsize=11,
                fontweight="bold")
        x += side + (n - 1) * 0.09 + 0.55
    x0, y0, side = fronts[0]
    _glyph(ax, x0, y0, side)
    # A receptive field on the input and the S1 cell it feeds.
    ax.add_patch(Rectangle((x0 + 0.2, y0 + 1.25), 0.6, 0.6, facecolor="none", edgecolor="#4a78a8", lw=2))
    x1, y1, _ = fronts[1]
    target = (x1 + 0.45, y1 + 1.3)
    for corner in ((x0 + 0.8, y0 + 1.85), (x0 + 0.8, y0 + 1.25)):
        ax.plot([corner[0], target[0]], [corner[1], target[1]], color="#4a78a8", lw=1)
    ax.add_patch(Circle(target, 0.05, color="#4a78a8"))
    # The output: one cell per class.
    out_x = x
    for k in range(10):
        yk = 2.1 - k * 0.22
        ax.add_patch(Circle((out_x + 0.1, yk), 0.07, facecolor=_ACTIVE if k == 5 else "white", edgecolor=_INK))
        ax.text(out_x + 0.3, yk, str(k), va="center", fontsize=8)
    ax.text(out_x + 0.15, -0.45, "salida", ha="center", va="center", fontsize=11, fontweight="bold")
    for (xa, _, sa), (xb, _, _) in pairwise(fronts):
        _arrow(ax, (xa + sa + 0.05, 1.1), (xb - 0.05, 1.1), lw=1)
    xl, _, sl = fronts[-1]
    _arrow(ax, (xl + sl + 0.35, 1.1), (out_x - 0.05, 1.1), lw=1)
    _blank(ax, (-0.3, out_x + 0.8), (-1.95, 2.75))
    middle = (out_x + 0.5) / 2
    ax.text(middle, -1.05, "S: células «simples», detectan un rasgo en una zona pequeña (la zona azul en la entrada)"
                        "\nC: células «complejas», responden aunque el rasgo se mueva un poco dentro de su zona",
            ha="center", va="center", fontsize=10)
    ax.text(middle, -1.7, "Capas jerárquicas de campos receptivos; se entrenaba sin retropropagación",
            ha="center", va="center", fontsize=10, style="italic")
    ax.set_title("Fukushima (1980): el Neocognitrón reconoce un carácter sin importar dónde esté")
    fig.tight_layout()
    return _done(fig)


# --------------------------------------------------------------------------
# The timeline
# --------------------------------------------------------------------------

TIMELINE = (
    (1962, "Hubel y Wiesel", "células simples y complejas\nen la corteza visual del gato"),
    (1980, "Fukushima: Neocognitrón", "capas jerárquicas de campos\nreceptivos; sin retropropagación"),
    (1989, "LeCun et al.", "una CNN entrenada con\nretropropagación lee códigos\npostales (USPS)"),
    (1998, "LeCun, Bottou, Bengio y Haffner", "LeNet-5, la versión consolidada:\nlee cheques bancarios"),
)
"""(year, who, what) of each step the lesson tells."""


def draw_cnn_timeline():
    """The four steps of :data:`TIMELINE` on a time axis to scale: from the
    cells of the visual cortex to the first CNN trained by backpropagation
    (1989) and LeNet-5 (1998)."""
    fig, ax = plt.subplots(figsize=(11, 3.8))
    first, last = TIMELINE[0][0], TIMELINE[-1][0]
    ax.set_xlim(first - 6, last + 6)
    ax.set_ylim(-1.6, 1.6)
    ax.axis("off")
    ax.plot([first - 4, last + 4], [0, 0], color=_INK, lw=2)
    for k, (year, who, what) in enumerate(TIMELINE):
        up = k % 2 == 0
        ax.plot([year, year], [0, 0.35 if up else -0.35], color=_INK, lw=1)
        ax.plot(year, 0, "o", color=_ACTIVE, markersize=9)
        ax.text(year, -0.17 if up else 0.17, str(year), ha="center", va="top" if up else "bottom",
                fontsize=11, fontweight="bold")
        ax.text(year, 0.42 if up else -0.42, f"{who}\n{what}", ha="center", va="bottom" if up else "top",
                fontsize=10, linespacing=1.25)
    ax.set_title("De la corteza visual a las redes convolucionales")
    fig.tight_layout()
    return _done(fig)


# --------------------------------------------------------------------------
# The hierarchy of features
# --------------------------------------------------------------------------

def _edge_patch(angle_deg: float, kind: str, size: int = 15) -> np.ndarray:
    """A small gray patch: a step edge or a bright line at ``angle_deg``
    (values in [0, 1], 1 = light)."""
    r = np.arange(size) - (size - 1) / 2
    yy, xx = np.meshgrid(-r, r, indexing="ij")
    t = np.radians(angle_deg)
    distance = xx * np.sin(t) - yy * np.cos(t)  # signed distance to the line through the centre
    if kind == "edge":
        return 1 / (1 + np.exp(-1.5 * distance))
    return np.exp(-(distance ** 2) / 2.0)


def _eye(ax, cx, cy, s):
    ax.add_patch(Ellipse((cx, cy), 0.28 * s, 0.16 * s, facecolor="white", edgecolor=_INK, lw=1.5))
    ax.add_patch(Circle((cx, cy), 0.05 * s, color=_INK))


def _nose(ax, cx, cy, s):
    ax.add_patch(Polygon([(cx, cy + 0.13 * s), (cx - 0.09 * s, cy - 0.13 * s), (cx + 0.09 * s, cy - 0.13 * s)],
                         closed=True, facecolor="none", edgecolor=_INK, lw=1.5))


def _mouth(ax, cx, cy, s):
    ax.add_patch(Arc((cx, cy + 0.05 * s), 0.4 * s, 0.2 * s, theta1=200, theta2=340, color=_INK, lw=1.8))


def _ear(ax, cx, cy, s):
    ax.add_patch(Ellipse((cx, cy), 0.18 * s, 0.36 * s, facecolor="white", edgecolor=_INK, lw=1.5))


def _face(ax, cx, cy, s):
    """A schematic face centred at (cx, cy): outline, eyes, nose, mouth, ears."""
    for side in (-1, 1):
        _ear(ax, cx + side * 0.7 * s, cy + 0.05 * s, s)
    ax.add_patch(Ellipse((cx, cy), 1.3 * s, 1.75 * s, facecolor="white", edgecolor=_INK, lw=2))
    for side in (-1, 1):
        _eye(ax, cx + side * 0.27 * s, cy + 0.22 * s, s)
    _nose(ax, cx, cy - 0.05 * s, s)
    _mouth(ax, cx, cy - 0.4 * s, s)


def draw_feature_hierarchy():
    """What the layers of a CNN trained on faces respond to, from the first
    to the last: lines and edges (low level), parts such as eyes, nose and
    ears (middle level), the structure of a face (high level). Schematic:
    drawn, not learned."""
    fig, axes = plt.subplots(1, 3, figsize=(12, 4.2), gridspec_kw={"wspace": 0.35})
    low, mid, high = axes
    # Low level: a 3 × 3 mosaic of edges and lines at several angles.
    _blank(low, (0, 3), (0, 3))
    specs = [(0, "edge"), (45, "edge"), (90, "edge"), (135, "line"), (0, "line"), (90, "line"),
             (135, "edge"), (45, "line"), (22, "edge")]
    for k, (angle, kind) in enumerate(specs):
        row, col = divmod(k, 3)
        box = (col + 0.06, col + 0.94, 2 - row + 0.06, 2 - row + 0.94)
        low.imshow(_edge_patch(angle, kind), cmap="gray", vmin=0, vmax=1, extent=box)
        low.add_patch(Rectangle((box[0], box[2]), 0.88, 0.88, facecolor="none", edgecolor="#888888", lw=1))
    low.set_title("Nivel bajo\nlíneas y bordes")
    # Middle level: the parts, each on its own, in a 2 × 2 grid.
    _blank(mid, (0, 3), (0, 3))
    parts = ((_eye, "ojo"), (_ear, "oreja"), (_nose, "nariz"), (_mouth, "boca"))
    for k, (draw, name) in enumerate(parts):
        row, col = divmod(k, 2)
        x0, y0 = 0.1 + col * 1.45, 1.6 - row * 1.5
        mid.add_patch(Rectangle((x0, y0), 1.35, 1.35, facecolor=_FIELD, edgecolor="#888888", lw=1))
        draw(mid, x0 + 0.675, y0 + 0.78, 2.6)
        mid.text(x0 + 0.675, y0 + 0.18, name, ha="center", va="center", fontsize=10)
    mid.set_title("Nivel medio\nojos, nariz, orejas")
    # High level: a whole face.
    _blank(high, (0, 3), (0, 3))
    _face(high, 1.5, 1.5, 1.55)
    high.set_title("Nivel alto\nla estructura de una cara")
    fig.canvas.draw()  # place the axes before drawing arrows between them
    for left, right in ((low, mid), (mid, high)):
        a = left.get_position()
        b = right.get_position()
        y = (a.y0 + a.y1) / 2
        fig.add_artist(FancyArrowPatch((a.x1 + 0.008, y), (b.x0 - 0.008, y), transform=fig.transFigure,
                                       arrowstyle="-|>", mutation_scale=18, color=_INK, lw=1.5))
    fig.suptitle("La jerarquía de características de una CNN: de las primeras capas a las últimas")
    return _done(fig)


# --------------------------------------------------------------------------
# LeNet-5 (LeCun, Bottou, Bengio and Haffner, 1998, Fig. 2)
# --------------------------------------------------------------------------

LENET5_LAYERS = (
    # (name, output shape, parameters, activation)
    ("entrada", (28, 28, 1), 0, None),
    ("Conv2D(6, 5×5)", (24, 24, 6), convmath.conv_params(5, 1, 6), "ReLU"),
    ("MaxPooling2D(2×2)", (12, 12, 6), 0, None),
    ("Conv2D(16, 5×5)", (8, 8, 16), convmath.conv_params(5, 6, 16), "ReLU"),
    ("MaxPooling2D(2×2)", (4, 4, 16), 0, None),
    ("Flatten", (256,), 0, None),
    ("Dense(120)", (120,), convmath.dense_params(256, 120), "ReLU"),
    ("Dense(84)", (84,), convmath.dense_params(120, 84), "ReLU"),
    ("Dense(10)", (10,), convmath.dense_params(84, 10), "softmax"),
)
"""The layers of ``models.lenet5()`` on 28×28×1, as the figure labels them:
(name, output shape, parameters, activation); 44,426 parameters in all."""


def _shape_text(shape) -> str:
    return "×".join(str(n) for n in shape)


def draw_lenet5_architecture(show_params: bool = True):
    """LeNet-5 as a row of boxes, in the manner of Fig. 2 of LeCun, Bottou,
    Bengio and Haffner (1998): each feature map stack drawn to scale (side
    proportional to its size, one plane per channel, at most 8 drawn), each
    dense layer a bar, with the layer above, its output shape below and,
    with ``show_params``, its parameters. ReLU as the course builds it
    (``models.lenet5()``); the original used sigmoid/tanh."""
    show_params = _checks.boolean(show_params, "show_params")
    fig, ax = plt.subplots(figsize=(13, 4.4))
    scale = 0.075  # drawing units per pixel
    step = 0.11  # offset between stacked planes
    min_distance = 1.75  # between the centres of two neighbours, so their labels do not touch
    x = 0.0
    mid = 1.5
    boxes = []
    for name, shape, *_ in LENET5_LAYERS:
        if len(shape) == 3:
            side = shape[0] * scale
            planes = min(shape[2], 8)
            width = side + (planes - 1) * step
        else:
            width = 0.32
        if boxes:
            previous_x, previous_width, _ = boxes[-1]
            gap = max(0.75, min_distance - previous_width / 2 - width / 2)
            x = previous_x + previous_width + gap
        if len(shape) == 3:
            color = "white" if name == "entrada" else ("#e8f0f8" if name.startswith("Conv") else "#f8ece0")
            _planes(ax, x, mid - side / 2, side, planes, step=step, color=color)
            if name == "entrada":
                _glyph(ax, x, mid - side / 2, side)
            top = mid + side / 2 + (planes - 1) * step
            if shape[2] > planes:
                ax.text(x + width + 0.02, top, "…", fontsize=11, va="bottom")
        else:
            height = 0.35 + 2.4 * np.sqrt(shape[0] / 256)
            color = "#eeeeee" if name == "Flatten" else "#e6f2e6"
            ax.add_patch(Rectangle((x, mid - height / 2), width, height, facecolor=color, edgecolor=_INK, lw=1))
            top = mid + height / 2
        boxes.append((x, width, top))
    label_y = max(top for *_, top in boxes) + 0.2
    lowest = mid - 1.6
    for (name, shape, params, activation), (bx, width, _) in zip(LENET5_LAYERS, boxes, strict=True):
        center = bx + width / 2
        label = name if activation is None else f"{name}\n{activation}"
        ax.text(center, label_y, label, ha="center", va="bottom", fontsize=9.5)
        below = _shape_text(shape)
        if show_params and name != "entrada":
            below += f"\n{params:,} parám."
        ax.text(center, lowest, below, ha="center", va="top", fontsize=9.5)
    for (xa, wa, _), (xb, _, _) in pairwise(boxes):
        _arrow(ax, (xa + wa + 0.08, mid), (xb - 0.08, mid), lw=1)
    end = boxes[-1][0] + boxes[-1][1]
    total = sum(params for *_, params, _ in LENET5_LAYERS)
    ax.set_xlim(-0.5, end + 0.6)
    ax.set_ylim(lowest - 0.9, label_y + 0.7)
    ax.set_aspect("equal")
    ax.axis("off")
    title = "LeNet-5 (LeCun et al., 1998, Fig. 2), con ReLU como en el curso; el original usaba sigmoide/tanh"
    ax.set_title(title + (f"\n{total:,} parámetros en total" if show_params else ""))
    fig.tight_layout()
    return _done(fig)
