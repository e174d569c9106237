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
    assert len(fig.axes) == 6
    assert fig.axes[0].axison is False and fig.axes[3].images  # the image below an empty corner
    assert [ax.get_title() for ax in fig.axes[1:3]] == ["a", "b"]  # each kernel with its label


def test_show_feature_maps_one_panel_per_map():
    fig = plots.show_feature_maps(np.zeros((5, 5, 6)), cols=4, show=False)
    assert sum(ax.axison for ax in fig.axes) == 6 and len(fig.axes) == 8  # 2×4 grid
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
