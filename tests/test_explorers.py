"""The explorers' logic (what they compute and draw) and their widget wiring."""

import matplotlib

matplotlib.use("Agg")

import keras
import numpy as np
import pytest
from scipy import signal

from utils import convmath, explorers

# Convolucion_2D.ipynb, example 1 (5×5 image, sharpen kernel) and example 2 (6×6, vertical edges).
X5 = np.array([[60, 113, 56, 139, 85],
               [73, 121, 54, 84, 128],
               [131, 99, 70, 129, 127],
               [80, 57, 115, 69, 134],
               [104, 126, 123, 95, 130]])
SHARPEN = np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])
X6 = np.array([[3, 1, 0, 2, 1, 0],
               [2, 0, 1, 3, 2, 1],
               [0, 1, 2, 1, 0, 3],
               [4, 0, 3, 2, 2, 1],
               [1, 1, 0, 1, 0, 1],
               [3, 2, 1, 0, 2, 1]])
# Pooling.ipynb: the slide's 6×6 max-pooling example.
P6 = np.array([[12, 5, 3, 9, 1, 23],
               [8, 6, 55, 6, 13, 62],
               [41, 8, 3, 51, 22, 27],
               [32, 67, 53, 12, 26, 17],
               [9, 22, 15, 8, 57, 62],
               [23, 53, 25, 75, 12, 9]])


def test_conv_step_first_cell_of_the_slide_example():
    step = explorers.conv_step(X5, SHARPEN)
    assert step.value == 266
    assert step.window == (0, 0, 3, 3)
    assert step.sum_text().endswith("60·0 + 113·(-1) + 56·0 + 73·(-1) + 121·5 + 54·(-1) + 131·0 + 99·(-1) + 70·0 = 266")
    assert "⌊(5 + 2·0 − 3) / 1⌋ + 1 = 3" in step.size_text() and "3×3" in step.size_text()


@pytest.mark.parametrize("padding, stride", [("valid", 1), ("same", 1), ("same", 2), ("full", 1), (2, 3)])
def test_conv_step_agrees_with_scipy_in_every_cell(padding, stride):
    p = convmath.padding_amount(padding, 3)
    reference = signal.correlate2d(np.pad(X6, p), convmath.KERNELS["vertical_edge"], mode="valid")[::stride, ::stride]
    for (row, col), expected in np.ndenumerate(reference):
        step = explorers.conv_step(X6, convmath.KERNELS["vertical_edge"], padding, stride, row, col)
        assert step.output.shape == reference.shape
        assert step.value == expected == int((step.patch * step.kernel).sum())
        assert step.window[:2] == (row * stride, col * stride)


def test_conv_step_same_stride_2_matches_the_slide_size():
    step = explorers.conv_step(X5, SHARPEN, padding=1, stride=2, row=1, col=2)
    assert step.output.shape == (3, 3)
    assert step.padded.shape == (7, 7)
    assert step.window == (2, 4, 3, 3)
    assert "⌊(5 + 2·1 − 3) / 2⌋ + 1 = 3" in step.size_text()


def test_conv_explorer_keeps_the_cell_inside_a_smaller_output():
    explorer = explorers.ConvExplorer(X6, kernel="vertical_edge", padding="same")
    explorer.update(row=5, col=5)
    assert explorer.step().output.shape == (6, 6)
    step = explorer.update(padding="valid", stride=2)
    assert step.output.shape == (2, 2)
    assert (step.row, step.col) == (1, 1)
    assert step.value == convmath.conv2d(X6, convmath.KERNELS["vertical_edge"], stride=2)[1, 1]


def test_conv_explorer_free_kernel_values():
    explorer = explorers.ConvExplorer(X5)
    step = explorer.update(kernel=np.ones((3, 3)) / 9)
    assert step.value == pytest.approx(X5[:3, :3].mean())


def test_pool_step_the_slide_example():
    expected = np.array([[12, 55, 62], [67, 53, 27], [53, 75, 62]])
    for (row, col), value in np.ndenumerate(expected):
        step = explorers.pool_step(P6, 2, row=row, col=col)
        assert step.value == value == step.patch.max()
    step = explorers.pool_step(P6, 2, row=0, col=1)
    assert step.sum_text().endswith("(3, 9, 55, 6) = 55")
    assert "⌊(6 − 2) / 2⌋ + 1 = 3" in step.size_text()
    average = explorers.pool_step(P6, 2, mode="average")
    assert average.value == pytest.approx(7.75)
    assert average.sum_text().endswith("(12, 5, 8, 6) = 7.75")
    # the notebook's table says 18.25: the explorer writes it exactly, in the sum and in the matrix
    cell = explorers.pool_step(P6, 2, mode="average", row=0, col=1)
    assert cell.value == 18.25 and cell.sum_text() == "promedio(3, 9, 55, 6) = 18.25"
    assert average.sum_text().split("(")[0] != explorers.pool_step(P6, 2).sum_text().split("(")[0]  # says which


def cell_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def colour_of(ax, value):
    """The RGBA colour the panel's image gives to ``value``."""
    image = ax.images[0]
    return tuple(np.round(image.cmap(image.norm(value)), 6))


def test_the_explorers_write_every_number_exactly():
    step = explorers.pool_step(P6, 2, mode="average")
    fig, axes = explorers.plt.subplots(1, 2)
    explorers.draw_pool_step(axes, step)
    assert "18.25" in cell_texts(axes[1]) and "18.2" not in cell_texts(axes[1])
    assert sorted(cell_texts(axes[1])) == sorted(["7.75", "18.25", "24.75", "37", "29.75", "23",
                                                  "26.75", "30.75", "35"])
    assert explorers._plain(1 / 9) == "0.1111" and explorers._plain(-2.5) == "-2.5" and explorers._number(-3) == "(-3)"
    explorers.plt.close(fig)


def test_pool_step_draws_input_and_output_on_one_scale():
    """The same value has the same shade in both panels (12 is in both); high values are light."""
    for mode in ("max", "average"):
        fig, axes = explorers.plt.subplots(1, 2)
        explorers.draw_pool_step(axes, explorers.pool_step(P6, 2, mode=mode))
        for value in (12, 23, P6.min(), P6.max()):
            assert colour_of(axes[0], value) == colour_of(axes[1], value)
        assert axes[0].images[0].get_cmap().name == "gray"
        assert sum(colour_of(axes[0], P6.max())[:3]) > sum(colour_of(axes[0], P6.min())[:3])  # high = light
        explorers.plt.close(fig)


def test_conv_static_figure_shares_the_output_scale_and_includes_the_padding():
    fig = explorers.ConvExplorer(X5).static_figure()
    inputs, kernels, outputs = fig.axes[0::3], fig.axes[1::3], fig.axes[2::3]
    assert len(outputs) == 3 and {ax.images[0].get_cmap().name for ax in outputs} == {"RdBu_r"}
    assert len({ax.images[0].norm.vmax for ax in outputs}) == 1  # one output range for the three settings
    assert all(ax.images[0].norm.vmin == -ax.images[0].norm.vmax for ax in outputs + kernels)  # symmetric
    assert len({colour_of(ax, 60) for ax in inputs}) == 1  # 60 looks the same with and without padding
    assert all(ax.images[0].norm.vmin == 0 for ax in inputs)  # the padding zeros are on the scale
    assert [ax.get_title() for ax in kernels] == ["Filtro"] * 3
    assert "relleno 1, paso 2" in inputs[2].get_title()
    explorers.plt.close(fig)


def test_pool_step_agrees_with_keras():
    layer = keras.layers.MaxPooling2D(pool_size=3, strides=1)
    keras_out = keras.ops.convert_to_numpy(layer(P6[None, :, :, None].astype("float32")))[0, :, :, 0]
    step = explorers.pool_step(P6, 3, stride=1, row=3, col=2)
    assert np.array_equal(step.output, keras_out)
    assert step.window == (3, 2, 3, 3)


def test_pool_explorer_keeps_the_cell_inside_a_smaller_output():
    explorer = explorers.PoolExplorer(P6)
    explorer.update(row=2, col=2)
    step = explorer.update(pool_size=3, stride=3)
    assert step.output.shape == (2, 2)
    assert (step.row, step.col) == (1, 1)
    with pytest.raises(ValueError, match="mode='median'"):
        explorer.update(mode="median")
    assert explorer.mode == "max", "a refused setting changes nothing"


def _tiny_models():
    keras.utils.set_random_seed(0)
    mlp = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(10, activation="softmax")])
    cnn = keras.Sequential([keras.Input(shape=(28, 28, 1)), keras.layers.Conv2D(2, 3),
                            keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
    return {"MLP": mlp, "CNN": cnn}


def test_draw_shift_uses_the_gray_map_and_says_trasladado():
    fig, axes = explorers.plt.subplots(1, 2)
    digit = np.zeros((28, 28))
    digit[10:18, 12:14] = 1.0
    explorers.draw_shift(axes, digit, {"m": np.eye(10)[3] * 0.97}, 3, 2, -1)
    assert axes[0].images[0].get_cmap().name == "gray" and axes[0].images[0].norm.vmin == 0
    assert "trasladado dx = 2, dy = -1" in axes[0].get_title()
    assert any("predice 3 (97 %)" in t.get_text() for t in axes[1].get_legend().get_texts())
    explorers.plt.close(fig)


def test_shift_probabilities_shift_and_predict():
    models = _tiny_models()
    digit = np.zeros((28, 28), dtype="float32")
    digit[10:18, 12:14] = 1.0
    shifted, probs = explorers.shift_probabilities(models, digit, 4, 4)
    assert np.array_equal(shifted[14:22, 16:18], np.ones((8, 2)))
    assert shifted.sum() == digit.sum()
    for name, model in models.items():
        expected = model.predict(shifted.reshape((1, *model.input_shape[1:])), verbose=0)[0]
        np.testing.assert_allclose(probs[name], expected, rtol=1e-5, atol=1e-6)
        assert probs[name].shape == (10,)


@pytest.mark.parametrize("make, panels", [
    (lambda: explorers.ConvExplorer(X5), 3),
    (lambda: explorers.PoolExplorer(P6), 2),
    (lambda: explorers.PoolExplorer(np.arange(40 * 40, dtype=float).reshape(40, 40)), 2),
    (lambda: explorers.ShiftExplorer(_tiny_models(), np.zeros((2, 28, 28)), [3, 4]), 2),
], ids=["conv", "pool", "pool-picture", "shift"])
def test_figures_and_fallback_bundle(make, panels):
    explorer = make()
    fig = explorer.figure()
    assert len(fig.axes) == panels  # the current setting: one row of panels
    static = explorer.static_figure()
    assert len(static.axes) == 3 * panels  # three settings, one row each
    bundle = explorers.fallback_bundle(explorer, "abc")
    assert bundle[explorers.WIDGET_VIEW_MIMETYPE]["model_id"] == "abc"
    assert bundle["image/png"].startswith("iVBORw0KGgo")  # base64 of the PNG signature
    assert bundle["text/plain"] == explorers.FALLBACK_TEXT
    assert explorers.WIDGET_VIEW_MIMETYPE not in explorers.fallback_bundle(explorer, None)


def widgets_in(ui) -> list:
    """Every widget of a layout tree, depth first."""
    found = [ui]
    for child in getattr(ui, "children", ()):
        found += widgets_in(child)
    return found


def control(ui, description: str):
    """The one control of ``ui`` labelled ``description``, wherever the layout puts it."""
    (found,) = [w for w in widgets_in(ui) if getattr(w, "description", None) == description]
    return found


def kernel_cells(ui) -> list:
    """The ConvExplorer's nine kernel values, in row order."""
    import ipywidgets

    return [w for w in widgets_in(ui) if isinstance(w, ipywidgets.FloatText)]


def test_conv_widget_controls_drive_the_explorer():
    explorer = explorers.ConvExplorer(X6, kernel="vertical_edge", padding="same")
    ui = explorer.widget()
    cells = kernel_cells(ui)
    assert len(cells) == 9
    control(ui, "Fila").value = 5
    assert explorer.row == 5
    control(ui, "Relleno").value = "valid"
    assert explorer.step().output.shape == (4, 4)
    assert control(ui, "Fila").max == 3 and control(ui, "Fila").value == 3
    preset = control(ui, "Filtro")
    preset.value = "sharpen"
    assert np.array_equal(explorer.kernel, convmath.KERNELS["sharpen"])
    cells[4].value = 1.0
    assert explorer.kernel[1, 1] == 1.0


@pytest.fixture
def draws(monkeypatch):
    """How many figures the widgets draw (each one is a visible redraw)."""
    drawn = []

    def count(fig):
        drawn.append(fig)
        explorers.plt.close(fig)

    monkeypatch.setattr(explorers, "_show_figure", count)
    return drawn


def test_one_action_draws_one_figure(draws):
    explorer = explorers.ConvExplorer(X6, kernel="vertical_edge", padding="same")
    ui = explorer.widget()
    preset, row = control(ui, "Filtro"), control(ui, "Fila")
    row.value = 5
    draws.clear()
    preset.value = "blur"                   # nine cells change
    assert len(draws) == 1 and np.allclose(explorer.kernel, convmath.KERNELS["blur"])
    control(ui, "Relleno").value = "valid"  # the row slider is clamped from 5 to 3
    assert len(draws) == 2 and row.value == 3
    kernel_cells(ui)[0].value = 2.0         # an edited value: no longer the preset
    assert len(draws) == 3 and preset.value == ""
    assert explorer.kernel[0, 0] == 2.0 and np.allclose(explorer.kernel.ravel()[1:], 1 / 9)

    pool = explorers.PoolExplorer(P6, pool_size=2)
    ui = pool.widget()
    size, row = control(ui, "Tamaño"), control(ui, "Fila")
    row.value = 2
    draws.clear()
    size.value = 4                          # 6×6 pooled 4×4 with stride 2: two rows left
    assert len(draws) == 1 and row.max == 1 and row.value == 1 and pool.row == 1


def test_pool_and_shift_widgets_drive_their_explorers():
    pool = explorers.PoolExplorer(P6)
    ui = pool.widget()
    control(ui, "Tamaño").value, control(ui, "Paso").value = 3, 1
    control(ui, "Tipo").value = "average"
    assert pool.step().output.shape == (4, 4) and pool.mode == "average"
    shift = explorers.ShiftExplorer(_tiny_models(), np.zeros((2, 28, 28)), [3, 4])
    ui = shift.widget()
    control(ui, "dx (→)").value, control(ui, "dy (↓)").value = 4, -2
    control(ui, "Dígito n.º").value = 1
    assert (shift.index, shift.dx, shift.dy) == (1, 4, -2)
