"""utils.course: the Colab badge and setup cell of every notebook come from
one setting, and the stamp command rewrites them consistently."""

import re
import shutil

import nbformat
import pytest

from tools import lessons


def make_repo(tmp_path):
    """A copy of utils/course.py and of two small notebooks in a fake repository."""
    (tmp_path / "utils").mkdir()
    shutil.copy(lessons.ROOT / "utils" / "course.py", tmp_path / "utils" / "course.py")
    folder = tmp_path / "notebooks" / "01_x"
    folder.mkdir(parents=True)
    paths = []
    for name in ("A", "B"):
        path = folder / f"{name}.ipynb"
        nb = nbformat.v4.new_notebook(cells=[
            nbformat.v4.new_markdown_cell(
                f"# Título {name}\n\n[![Abrir en Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
                f"({course.colab_url(path, root=tmp_path)})\n\nTexto."),
            nbformat.v4.new_code_cell(course.setup_bootstrap() + "\n\nimport numpy as np"),
        ])
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def test_a_fresh_notebook_agrees_with_the_setting(tmp_path):
    for path in make_repo(tmp_path):
        assert course.problems(path, root=tmp_path) == []


def test_stamp_rewrites_badges_setup_cells_and_the_setting(tmp_path):
    paths = make_repo(tmp_path)
    url = "https://github.com/unam-ia/curso-cnn"
    changed = course.stamp(url, root=tmp_path)
    assert sorted(changed) == sorted(paths)
    for path in paths:
        assert course.problems(path, url, root=tmp_path) == []
        assert course.problems(path, root=tmp_path) != []  # no longer the old URL
        nb = nbformat.read(path, as_version=4)
        assert nb.cells[1].source.endswith("runtime.setup(seed=42)\n\nimport numpy as np")
        assert f"colab.research.google.com/github/unam-ia/curso-cnn/blob/main/notebooks/01_x/{path.name}" \
            in nb.cells[0].source
        assert 'ROOT = Path("/content/curso-cnn")' in nb.cells[1].source
    assert f'REPO_URL = "{url}"' in (tmp_path / "utils" / "course.py").read_text(encoding="utf-8")
    assert course.stamp(url, root=tmp_path) == []  # idempotent


def test_problems_reports_a_missing_badge_and_setup_cell(tmp_path):
    path = make_repo(tmp_path)[0]
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source = "# Título"
    nb.cells[1].source = "import numpy as np"
    nbformat.write(nb, path)
    found = course.problems(path, root=tmp_path)
    assert any("Colab badge" in p for p in found) and any("no setup cell" in p for p in found)


@pytest.mark.parametrize("url", ["github.com/a/b", "https://gitlab.com/a/b", "https://github.com/a"])
def test_stamp_rejects_other_addresses(tmp_path, url):
    make_repo(tmp_path)
    with pytest.raises(ValueError, match=re.escape("https://github.com/OWNER/REPO")):
        course.stamp(url, root=tmp_path)


def test_the_command_line(tmp_path, capsys):
    assert course.main(["stamp", "not a url"]) == 2
    assert course.main([]) == 2
    assert course.main(["check"]) == 0, capsys.readouterr().out
