"""tools.stamp: every notebook opens the same way, and the course's address
(pyproject.toml) is the one source of its Colab badge and install cell."""

import re
import shutil

import nbformat
import pytest

from tools import lessons, stamp


def publish(root, url):
    """What a maintainer does: set the address in pyproject.toml."""
    path = root / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'^repository = ".*"$', f'repository = "{url}"', text, flags=re.M), encoding="utf-8")


def make_repo(tmp_path):
    """pyproject.toml and two small notebooks, unpublished, in a fake repository."""
    shutil.copy(lessons.ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    publish(tmp_path, "")
    folder = tmp_path / "notebooks" / "01_x"
    folder.mkdir(parents=True)
    paths = []
    for name in ("A", "B"):
        path = folder / f"{name}.ipynb"
        nb = nbformat.v4.new_notebook(cells=[
            nbformat.v4.new_markdown_cell(f"# Título {name}\n\nTexto."),
            nbformat.v4.new_code_cell(stamp.SETUP_CELL),
            nbformat.v4.new_code_cell("import numpy as np"),
        ])
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def test_the_setup_cell_is_short():
    assert len(stamp.SETUP_CELL.splitlines()) <= 5


def test_an_unpublished_notebook_has_no_colab_link(tmp_path):
    for path in make_repo(tmp_path):
        assert stamp.problems(path, "", root=tmp_path) == []
        assert "colab.research.google.com" not in path.read_text(encoding="utf-8")


def test_stamp_adds_badge_and_colab_cell_and_the_setting(tmp_path):
    paths = make_repo(tmp_path)
    assert stamp.stamp(root=tmp_path) == []  # unpublished: nothing to add
    url = "https://github.com/unam-ia/curso-cnn"
    publish(tmp_path, url)
    assert sorted(stamp.stamp(root=tmp_path)) == sorted(paths)
    for path in paths:
        assert stamp.problems(path, url, root=tmp_path) == []
        assert stamp.problems(path, "", root=tmp_path) != []  # no longer an unpublished notebook
        nb = nbformat.read(path, as_version=4)
        assert f"colab.research.google.com/github/unam-ia/curso-cnn/blob/main/notebooks/01_x/{path.name}" \
            in nb.cells[0].source
        assert nb.cells[0].source.endswith("Texto.")
        assert f"git+{url}" in nb.cells[1].source and 'if "google.colab" in sys.modules' in nb.cells[1].source
        assert nb.cells[2].source == stamp.SETUP_CELL
        assert nb.cells[3].source == "import numpy as np"
    assert stamp.stamp(root=tmp_path) == []  # idempotent
    publish(tmp_path, "https://github.com/other/place")
    assert sorted(stamp.stamp(root=tmp_path)) == sorted(paths)  # a new address replaces the old
    nb = nbformat.read(paths[0], as_version=4)
    assert nb.cells[0].source.count("Abrir en Colab") == 1 and "unam-ia" not in nb.cells[0].source
    assert sum(stamp.COLAB_CELL_FIRST_LINE in c.source for c in nb.cells) == 1
    publish(tmp_path, "")  # unpublished again: badge and Colab cell go
    assert sorted(stamp.stamp(root=tmp_path)) == sorted(paths)
    for path in paths:
        assert stamp.problems(path, "", root=tmp_path) == []
        assert "colab" not in path.read_text(encoding="utf-8").lower()


def test_problems_reports_a_missing_setup_cell_and_a_stray_badge(tmp_path):
    path = make_repo(tmp_path)[0]
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source = "# Título\n\n[![Abrir en Colab](x)](y)"
    nb.cells[1].source = "import sys\nsys.path.insert(0, '..')"
    nbformat.write(nb, path)
    found = stamp.problems(path, "", root=tmp_path)
    assert any("Colab badge" in p for p in found) and any("no setup cell" in p for p in found)


@pytest.mark.parametrize("url", ["github.com/a/b", "https://gitlab.com/a/b", "https://github.com/a"])
def test_stamp_rejects_other_addresses(tmp_path, url):
    make_repo(tmp_path)
    publish(tmp_path, url)
    with pytest.raises(ValueError, match=re.escape("https://github.com/OWNER/REPO")):
        stamp.stamp(root=tmp_path)


def test_the_committed_notebooks_are_in_step(capsys):
    assert stamp.main(["--check"]) == 0, capsys.readouterr().out
