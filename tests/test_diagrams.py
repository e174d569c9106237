"""utils.diagrams: every diagram draws, with its Spanish labels, returns its
Figure without leaving it open in pyplot, and rejects bad arguments."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from utils import convmath, diagrams, models

DRAWINGS = {
    "draw_hubel_wiesel": ["Hubel y Wiesel (1962)", "Células simples", "Células complejas", "se activa",
                          "no se activa"],
    "draw_neocognitron": ["Fukushima (1980)", "Neocognitrón", "S1", "C1", "S3", "C3", "salida",
                          "sin retropropagación"],
    "draw_cnn_timeline": ["1962", "1980", "1989", "1998", "Hubel y Wiesel", "Neocognitrón", "USPS", "LeNet-5",
                          "cheques"],
    "draw_feature_hierarchy": ["Nivel bajo", "líneas y bordes", "Nivel medio", "ojo", "nariz", "oreja",
                               "Nivel alto", "cara"],
    "draw_lenet5_architecture": ["entrada", "28×28×1", "Conv2D(6, 5×5)", "24×24×6", "12×12×6", "8×8×16",
                                 "4×4×16", "256", "Dense(120)", "Dense(84)", "Dense(10)", "softmax",
                                 "sigmoide/tanh", "44,426"],
}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts(fig):
    """Every piece of text on the figure: titles, annotations, suptitle."""
    found = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    return "\n".join(found)


@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_each_diagram_draws_its_labels_and_is_closed_from_pyplot(name, tmp_path):
    before = set(plt.get_fignums())
    fig = getattr(diagrams, name)()
    assert isinstance(fig, Figure)
    assert set(plt.get_fignums()) == before, "the figure must be closed from pyplot (shown once in a notebook)"
    written = "\n".join([texts(fig)] + [ax.get_title() for ax in fig.axes])
    for label in DRAWINGS[name]:
        assert label in written, f"{name}: {label!r} is missing"
    fig.savefig(tmp_path / f"{name}.png")  # it renders
    assert (tmp_path / f"{name}.png").stat().st_size > 5_000


def test_every_public_drawing_is_tested():
    assert {n for n in diagrams.__all__ if n.startswith("draw_")} == set(DRAWINGS)


def test_the_lenet5_table_is_the_course_model():
    names = [layer[0] for layer in diagrams.LENET5_LAYERS]
    assert names[0] == "entrada" and names[-1] == "Dense(10)"
    params = [layer[2] for layer in diagrams.LENET5_LAYERS]
    assert params == [0, 156, 0, 2_416, 0, 0, 30_840, 10_164, 850]
    assert sum(params) == 44_426 == models.lenet5().count_params()
    model = models.lenet5()
    shapes = [layer[1] for layer in diagrams.LENET5_LAYERS[1:]]
    assert shapes == [tuple(layer.output.shape[1:]) for layer in model.layers]
    assert convmath.conv_output_size(28, 5) == 24 and convmath.conv_output_size(12, 5) == 8


def test_lenet5_without_parameters():
    written = texts(diagrams.draw_lenet5_architecture(show_params=False))
    assert "parám." not in written and "44,426" not in written and "24×24×6" in written


@pytest.mark.parametrize("bad", [1, "no", None])
def test_show_params_must_be_a_bool(bad):
    with pytest.raises(TypeError, match="show_params"):
        diagrams.draw_lenet5_architecture(show_params=bad)


def test_the_timeline_tells_lenet5_was_not_the_first():
    years = [year for year, *_ in diagrams.TIMELINE]
    assert years == sorted(years) == [1962, 1980, 1989, 1998]
    assert "retropropagación" in diagrams.TIMELINE[2][2] and "consolidada" in diagrams.TIMELINE[3][2]
