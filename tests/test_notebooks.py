"""Notebook hygiene: what a student, a teacher and nbval rely on, checked
statically on the committed files (nbval then executes them)."""

import json
import re

import pytest

from tools import lessons, stamp
from utils import runtime

NOTEBOOKS = lessons.notebook_paths()
IDS = [p.stem for p in NOTEBOOKS]
MACHINE_PATH = re.compile(r"(/root/|/home/[a-z]|/tmp/|/Users/[A-Za-z]|[A-Z]:\\\\Users|site-packages)")
MAX_BYTES = 3_000_000


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_the_lesson_table_lists_exactly_the_notebooks_on_disk():
    listed = {lessons.ROOT / "notebooks" / folder / f"{name}.ipynb" for folder, name, *_ in lessons.LESSONS}
    assert listed == set(NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_title_badge_and_setup_cell(path):
    nb = load(path)
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown"
    title = "".join(first["source"]).splitlines()[0]
    assert title.startswith("# ") and len(title) > 4
    lesson = next(entry for entry in lessons.LESSONS if entry[1] == path.stem)
    assert title[2:] == lesson[2], "the title must match the lesson table (tools/lessons.py LESSONS)"
    settings = lessons.config()
    assert stamp.problems(path, settings["repository"], settings["branch"]) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_structure_in_spanish(path):
    markdown = "\n".join("".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    assert "## Resumen" in markdown
    spanish_words = len(re.findall(r"\b(el|la|los|las|que|una|con|para|del)\b", markdown))
    assert spanish_words > 30, "the prose should be Spanish"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stored_outputs_are_complete_and_clean(path):
    nb = load(path)
    cells = code_cells(nb)
    assert any(c["outputs"] for c in cells), "the notebook must be committed executed"
    counts = [c["execution_count"] for c in cells]
    assert counts == list(range(1, len(cells) + 1)), "execution counts must be 1..n (restart and run all)"
    for cell in cells:
        for output in cell["outputs"]:
            assert output["output_type"] != "error", "".join(cell["source"])[:80]
            if output["output_type"] == "stream" and output["name"] == "stderr":
                text = "".join(output["text"])
                assert "Warning" not in text, f"a warning in a stored output: {text[:200]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_live_widget_is_stored(path):
    """A stored widget view cannot run without its kernel: readers (GitHub, the
    site, a notebook opened before running) must get the static figure."""
    nb = load(path)
    assert "widgets" not in nb["metadata"]
    for cell in code_cells(nb):
        for output in cell["outputs"]:
            assert "application/vnd.jupyter.widget-view+json" not in output.get("data", {})


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_machine_paths_kernel_and_size(path):
    text = path.read_text(encoding="utf-8")
    match = MACHINE_PATH.search(text)
    assert match is None, f"a path of one machine: ...{text[max(0, match.start() - 60):match.end() + 40]}..."
    nb = json.loads(text)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert path.stat().st_size < MAX_BYTES


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_checked_cells_have_outputs_to_compare(path):
    for cell in code_cells(load(path)):
        source = "".join(cell["source"])
        assert "NBVAL_" not in source, "nbval's markers are cell tags (nbval-check-output), not comments in a lesson"
        if "nbval-check-output" in cell.get("metadata", {}).get("tags", []):
            assert cell["outputs"], "a cell tagged nbval-check-output with no stored output checks nothing"


def test_readme_lesson_table_links_every_notebook():
    """Each notebook is linked from the README (its wording is the README's own)."""
    readme = (lessons.ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(((?:notebooks|student)/[^)\s]+\.ipynb)\)", readme))
    for edition in ("notebooks", "student"):
        assert {f"{edition}/{folder}/{name}.ipynb" for folder, name, *_ in lessons.LESSONS} <= linked
    assert all((lessons.ROOT / link).is_file() for link in linked), "a README link to a notebook that is not there"


# Words that belong to the project's machinery, never to a lesson.
PLUMBING = re.compile(r"benchmark|(?-i:\bCNN_[A-Z_]+\b)|esta máquina|modo rápido|pruebas automáticas"
                      r"|validación automática|sys\.path|record_results|load_results|artifact_path", re.I)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_lesson_cell_or_output_serves_the_machinery(path):
    nb = load(path)
    for cell in nb["cells"]:
        text = "".join(cell["source"])
        for output in cell.get("outputs", []):
            text += "".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", ""))
        match = PLUMBING.search(text)
        assert match is None, f"{match.group(0)!r} in: {text[max(0, match.start() - 80):match.end() + 80]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stored_outputs_are_from_full_mode(path):
    for cell in code_cells(load(path)):
        for output in cell["outputs"]:
            assert runtime.FAST_MODE_BANNER not in "".join(output.get("text", "")), \
                "fast-mode outputs were stored: run the notebook in full mode (python -m benchmarks.run --in-place)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_declared_datasets_are_the_ones_loaded(path):
    """conftest.py skips a notebook whose datasets are missing by this metadata."""
    nb = load(path)
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    loaded = [name for name, pattern in (("mnist", r"load_mnist\(|prepare_mnist\("), ("cifar10", r"load_cifar10\("))
              if re.search(pattern, code)]
    assert nb["metadata"].get("cnn_course", {}).get("datasets", []) == loaded


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_declared_metrics_are_names_and_expressions(path):
    spec = load(path)["metadata"].get("cnn_course", {})
    for group in ("metrics", "details"):
        for name, expression in spec.get(group, {}).items():
            assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name
            compile(expression, f"{path.stem}:{group}.{name}", "eval")
