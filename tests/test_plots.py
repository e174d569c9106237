"""utils.plots: every figure is drawn with the expected panels and Spanish
labels, and bad input is rejected."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from utils import plots


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def titles(fig):
    return [ax.get_title() for ax in fig.axes]


def test_show_images_grid_and_titles():
    fig = plots.show_images([np.zeros((4, 4))] * 7, titles=list("abcdefg"), cols=3, show=False)
    assert len(fig.axes) == 9  # 3×3 grid, two empty panels switched off
    assert titles(fig)[:7] == list("abcdefg")
    assert sum(ax.axison for ax in fig.axes) == 7


def test_show_channels_uses_the_colour_maps():
    image = np.zeros((5, 6, 3), np.uint8)
    image[..., 1] = 7
    fig = plots.show_channels(image, title="mía", show=False)
    assert len(fig.axes) == 4 and titles(fig)[0] == "mía" and all(titles(fig))
    assert [ax.images[0].get_cmap().name for ax in fig.axes[1:]] == ["Reds", "Greens", "Blues"]
    assert [int(ax.images[0].get_array().max()) for ax in fig.axes[1:]] == [0, 7, 0]  # each its own channel


def test_draw_matrix_writes_every_number_and_the_window():
    _fig, ax = plt.subplots()
    plots.draw_matrix(ax, np.array([[1, -2], [3, 40]]), highlight=(0, 0, 1, 2))
    assert sorted(t.get_text() for t in ax.texts) == sorted(["1", "-2", "3", "40"])
    assert len(ax.patches) == 1


def test_show_matrices_and_kernel_results():
    fig = plots.show_matrices([np.eye(3), np.ones((2, 2))], titles=["entrada", "filtro"], show=False)
    assert titles(fig) == ["entrada", "filtro"]
    fig = plots.show_kernel_results(np.zeros((8, 8)), [np.eye(3), -np.eye(3)],
                                    [np.zeros((6, 6))] * 2, labels=["a", "b"], show=False)
    assert len(fig.axes) == 7  # 2×3 panels and the results' colorbar
    assert fig.axes[0].axison is False and fig.axes[3].images  # the image below an empty corner
    assert [ax.get_title() for ax in fig.axes[1:3]] == ["a", "b"]  # each kernel with its label


def test_show_feature_maps_one_panel_per_map():
    fig = plots.show_feature_maps(np.zeros((5, 5, 6)), cols=4, show=False)
    assert sum(ax.axison for ax in fig.axes) == 7 and len(fig.axes) == 9  # 2×4 grid and one colorbar
    assert [ax.get_title().split()[-1] for ax in fig.axes[:6]] == [str(i) for i in range(6)]  # numbered


def test_show_predictions_marks_mistakes_in_red():
    fig = plots.show_predictions(np.zeros((3, 8, 8)), [1, 2, 3], [1, 0, 3],
                                 class_names=list("abcd"), show=False)
    lines = [title.splitlines() for title in titles(fig)]  # predicted class, then the true one
    assert [(pred.split()[-1], true.split()[-1]) for pred, true in lines] == [("b", "b"), ("a", "c"), ("d", "d")]
    colours = [ax.title.get_color() for ax in fig.axes]
    assert colours[1] == "tab:red" and colours[0] == colours[2] == "black"
    fig = plots.show_predictions(np.zeros((2, 8, 8)), [5, 5], [5, 3], probabilities=[1.0, 0.97], show=False)
    assert ["0.97" in title for title in titles(fig)] == [False, True] and "1.00" in titles(fig)[0]


def test_plot_history_from_dict():
    fig = plots.plot_history({"loss": [1.0, 0.5], "val_loss": [1.1, 0.7],
                              "accuracy": [0.5, 0.8], "val_accuracy": [0.4, 0.7]}, show=False)
    assert len(fig.axes) == 2 and all(titles(fig))  # loss, then accuracy
    assert [list(line.get_ydata()) for line in fig.axes[1].lines] == [[0.5, 0.8], [0.4, 0.7]]
    assert all(tick == int(tick) for tick in fig.axes[0].get_xticks())  # whole epochs
    fig = plots.plot_history({"loss": [1.0, 0.5, 0.2]}, show=False)
    assert len(fig.axes) == 1 and len(fig.axes[0].lines) == 1


def test_confusion_matrix_counts():
    matrix = plots.confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 2, 0])
    np.testing.assert_array_equal(matrix, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    fig = plots.plot_confusion_matrix([0, 1], [1, 1], class_names=["gato", "perro"], show=False)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["gato", "perro"] == \
        [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(t.get_text() for t in ax.texts) == ["0", "0", "1", "1"]
    assert ax.get_xlabel() and ax.get_ylabel()


# Bad arguments: tests/test_bad_inputs.py.


# ---------------------------------------------------------------- one colour convention

def colour(ax, value):
    """The RGBA colour the panel's image gives to ``value``."""
    image = ax.images[0]
    return tuple(np.round(image.cmap(image.norm(value)), 6))


def lightness(rgba) -> float:
    red, green, blue = rgba[:3]
    return 0.299 * red + 0.587 * green + 0.114 * blue


def test_draw_matrix_high_values_are_light_and_text_contrasts():
    _fig, ax = plt.subplots()
    plots.draw_matrix(ax, np.array([[0, 5], [9, 2]]))
    assert ax.images[0].get_cmap().name == plots.MATRIX_CMAP == "gray"
    assert lightness(colour(ax, 9)) > lightness(colour(ax, 5)) > lightness(colour(ax, 0))  # a mayor valor, más claro
    text = {t.get_text(): t.get_color() for t in ax.texts}
    assert text["9"] == "black" and text["0"] == "white"  # dark text on light cells, light on dark


def test_signed_matrices_use_the_signed_map_on_a_symmetric_range():
    _fig, axes = plt.subplots(1, 3)
    plots.draw_matrix(axes[0], np.array([[-8, 1], [10, 0]]))            # cmap=None: negatives → RdBu_r
    plots.draw_matrix(axes[1], np.array([[-1, 0], [2, 1]]), cmap="RdBu_r")
    plots.draw_matrix(axes[2], np.array([[-1, 0], [2, 1]]), cmap="RdBu_r", vmax=4)
    for ax, limit in zip(axes, (10, 2, 4), strict=True):
        norm = ax.images[0].norm
        assert ax.images[0].get_cmap().name == plots.SIGNED_CMAP == "RdBu_r"
        assert (norm.vmin, norm.vmax) == (-limit, limit)
        assert colour(ax, 0) == tuple(np.round(plt.get_cmap("RdBu_r")(0.5), 6))  # 0 is the middle, white
    assert "-0" not in [t.get_text() for t in axes[0].texts]


def test_show_matrices_shared_scale_same_value_same_colour():
    """Convolucion_3_canales' output: two planes, one scale, one colorbar."""
    o0 = np.array([[2, 3, 3], [3, 7, 3], [8, 10, -3]])
    o1 = np.array([[-8, -8, -3], [-3, 1, 0], [-3, -8, -5]])
    fig = plots.show_matrices([o0, o1], titles=["o0", "o1"], shared=True, show=False)
    panels = [ax for ax in fig.axes if ax.get_title()]
    assert len(panels) == 2 and len(fig.axes) == 3  # two panels and one colorbar
    for value in (-3, 0, 1, 3):  # values of both planes: the same colour in each
        assert colour(panels[0], value) == colour(panels[1], value)
    assert {(ax.images[0].norm.vmin, ax.images[0].norm.vmax) for ax in panels} == {(-10, 10)}
    assert lightness(colour(panels[0], 10)) < lightness(colour(panels[0], 0)) > lightness(colour(panels[1], -8))
    # without shared, each panel has its own scale (a worked example: input, kernel, output)
    fig = plots.show_matrices([np.array([[60, 139]]), np.array([[1, 2]])], show=False)
    assert len(fig.axes) == 2 and colour(fig.axes[0], 60) != colour(fig.axes[1], 60)
    # Pooling: 12 in the input and in the output, the same shade when they share the scale
    fig = plots.show_matrices([np.array([[12, 5], [8, 6]]), np.array([[12]])], shared=True, show=False)
    assert colour(fig.axes[0], 12) == colour(fig.axes[1], 12) and fig.axes[0].images[0].get_cmap().name == "gray"
    fig = plots.show_matrices([np.eye(2), np.eye(2)], vmin=0, vmax=4, highlights=[(0, 0, 1, 1), None], show=False)
    assert {ax.images[0].norm.vmax for ax in fig.axes[:2]} == {4} and len(fig.axes[0].patches) == 1


def test_draw_matrix_colorbar_and_callable_format():
    fig, ax = plt.subplots()
    plots.draw_matrix(ax, np.array([[0.25, 18.25]]), fmt=lambda v: f"{v:.2f}", colorbar=True)
    assert sorted(t.get_text() for t in ax.texts) == ["0.25", "18.25"]
    assert len(ax.child_axes) == 1  # the colorbar, inside the panel's space
    fig.tight_layout()  # still possible after the colorbar


def test_kernel_results_share_one_scale():
    signed = [np.array([[-2.0, 1.0], [0.0, 3.0]]), np.array([[1.0, -1.0], [0.5, 0.0]])]
    fig = plots.show_kernel_results(np.ones((4, 4)), [np.eye(3), -np.eye(3)], signed, show=False)
    results = [ax for ax in fig.axes if ax.get_title() == "Resultado"]
    assert {ax.images[0].get_cmap().name for ax in results} == {"RdBu_r"}
    assert {(ax.images[0].norm.vmin, ax.images[0].norm.vmax) for ax in results} == {(-3, 3)}
    assert colour(results[0], 1.0) == colour(results[1], 1.0)
    assert len(fig.axes) == 7  # 2 × 3 panels and one colorbar for the results
    kernels = [ax for ax in fig.axes[:3] if ax.images]
    assert all(ax.images[0].norm.vmin == -1 and ax.images[0].get_cmap().name == "RdBu_r" for ax in kernels)
    clipped = [np.array([[0.0, 0.5]]), np.array([[0.2, 1.0]])]  # Aplicar_filtro: results clipped to [0, 1]
    fig = plots.show_kernel_results(np.ones((4, 4)), [np.eye(3)] * 2, clipped, show=False)
    results = [ax for ax in fig.axes if ax.get_title() == "Resultado"]
    assert {ax.images[0].get_cmap().name for ax in results} == {"gray"}
    assert colour(results[0], 0.5) == colour(results[1], 0.5)
    fig = plots.show_kernel_results(np.ones((4, 4)), [np.eye(3)] * 2, clipped, shared=False, show=False)
    results = [ax for ax in fig.axes if ax.get_title() == "Resultado"]
    assert len(fig.axes) == 6 and colour(results[0], 0.5) != colour(results[1], 0.5)  # each stretched


def test_feature_maps_share_one_scale_by_default():
    maps = np.stack([np.full((3, 3), 1.0), np.full((3, 3), 4.0)], axis=-1)
    maps[0, 0, 0] = 0.0
    fig = plots.show_feature_maps(maps, cols=2, show=False)
    panels = [ax for ax in fig.axes if ax.get_title().startswith("mapa")]
    assert {ax.images[0].get_cmap().name for ax in panels} == {"gray"}
    assert colour(panels[0], 1.0) == colour(panels[1], 1.0)
    assert lightness(colour(panels[1], 4.0)) > lightness(colour(panels[0], 1.0))  # the stronger map is lighter
    assert len(fig.axes) == 3  # one colorbar
    signed = plots.show_feature_maps(maps - 2, cols=2, show=False)
    assert {ax.images[0].norm.vmin for ax in signed.axes[:2]} == {-2} and signed.axes[0].images[0].get_cmap().name \
        == "RdBu_r"
    own = plots.show_feature_maps(maps, cols=2, shared=False, show=False)
    assert len(own.axes) == 2 and colour(own.axes[0], 1.0) != colour(own.axes[1], 1.0)


def test_show_images_colorbar_puts_every_image_on_one_scale():
    fig = plots.show_images([np.zeros((2, 2)), np.ones((2, 2)) * 2], colorbar=True, show=False)
    assert len(fig.axes) == 3 and {ax.images[0].norm.vmax for ax in fig.axes[:2]} == {2}
    assert colour(fig.axes[0], 0) == colour(fig.axes[1], 0)


def test_confusion_matrix_more_examples_lighter():
    fig = plots.plot_confusion_matrix([0, 0, 0, 1], [0, 0, 0, 0], show=False)
    ax = fig.axes[0]
    assert ax.images[0].get_cmap().name == "gray" and ax.images[0].norm.vmin == 0
    assert lightness(colour(ax, 3)) > lightness(colour(ax, 0))
