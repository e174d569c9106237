"""Keep every notebook's opening in step with the course's address.

    python -m tools.stamp            # write pyproject.toml's address into every notebook
    python -m tools.stamp --check    # list notebooks out of step (exit 1)

The address lives in one place, ``[tool.cnn-course] repository`` in
``pyproject.toml``; to publish or move the course, edit it there and run the
command, which rewrites notebooks only. While the address is empty no
notebook carries a Colab badge or a Colab install cell (a link to nowhere
helps nobody). Once it is set, the first cell of each notebook gets the "Abrir
en Colab" badge and a cell right after it installs the course package in
Colab (and does nothing elsewhere). The setup cell is the same in every
notebook, stamped or not.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from tools import lessons

BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
_BADGE_LINE = re.compile(r"^\[!\[Abrir en Colab\]\([^)]*\)\]\([^)]*\)\n?", re.M)

SETUP_CELL = '''try:  # el paquete del curso (utils); `make setup` lo instala
    from utils import runtime
except ImportError:
    raise ImportError("Falta el paquete del curso: abre el curso con `make lab` (README, «Cómo empezar»)") from None
runtime.start()'''
"""The setup cell of every notebook: five lines a student can read."""

COLAB_CELL_FIRST_LINE = "# Solo en Colab: instala el paquete del curso (en tu computadora lo instala `make setup`)."


def colab_cell(repository: str) -> str:
    """The cell that installs the course package in Colab (and nowhere else)."""
    return (f'{COLAB_CELL_FIRST_LINE}\nimport sys\n\nif "google.colab" in sys.modules:\n'
            f'    %pip install --quiet "cnn-course @ git+{repository}"')


def colab_url(notebook: Path, repository: str, branch: str = "main", root: Path = lessons.ROOT) -> str:
    """The "Abrir en Colab" address of a notebook of the repository at ``root``."""
    relative = Path(notebook).resolve().relative_to(Path(root).resolve()).as_posix()
    owner_repo = repository.rstrip("/").removeprefix("https://github.com/")
    return f"https://colab.research.google.com/github/{owner_repo}/blob/{branch}/{relative}"


def badge(notebook: Path, repository: str, branch: str = "main", root: Path = lessons.ROOT) -> str:
    return f"[![Abrir en Colab]({BADGE_IMAGE})]({colab_url(notebook, repository, branch, root)})"


def _source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def setup_cell_index(cells: list) -> int | None:
    """Where the setup cell is, or None."""
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "code" and _source(cell).strip() == SETUP_CELL:
            return i
    return None


def colab_cell_index(cells: list) -> int | None:
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "code" and _source(cell).startswith(COLAB_CELL_FIRST_LINE):
            return i
    return None


def problems(notebook: Path, repository: str, branch: str = "main", root: Path = lessons.ROOT) -> list[str]:
    """Ways the notebook's opening disagrees with ``repository`` ("" = unpublished)."""
    import nbformat

    cells = nbformat.read(notebook, as_version=4).cells
    found = []
    first = cells[0].source if cells and cells[0].cell_type == "markdown" else ""
    badges = _BADGE_LINE.findall(first)
    colab = colab_cell_index(cells)
    if repository:
        if badge(notebook, repository, branch, root) not in first:
            url = colab_url(notebook, repository, branch, root)
            found.append(f"the first cell has no Colab badge pointing at {url}")
        if colab is None or cells[colab].source != colab_cell(repository):
            found.append("no Colab install cell for this address (right after the first cell)")
    else:
        if badges:
            found.append("a Colab badge, but the course has no address yet (pyproject.toml)")
        if colab is not None:
            found.append("a Colab install cell, but the course has no address yet (pyproject.toml)")
    setup = setup_cell_index(cells)
    if setup is None:
        found.append("no setup cell (tools.stamp.SETUP_CELL)")
    elif setup != (2 if repository else 1):
        after = "the title and the Colab cell" if repository else "the title"
        found.append(f"the setup cell is cell {setup}; it must follow {after}")
    return found


def stamp(root: Path = lessons.ROOT) -> list[Path]:
    """Write the address of ``root/pyproject.toml`` into the opening of every
    notebook (badge, Colab cell; both removed while the address is empty).
    Returns the notebooks that changed."""
    import nbformat

    settings = lessons.config(root)
    repository, branch = settings["repository"], settings["branch"]
    if repository and not re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", repository):
        raise ValueError(f"[tool.cnn-course] repository={repository!r} in pyproject.toml: "
                         "expected https://github.com/OWNER/REPO (or \"\" while unpublished)")
    changed = []
    for path in lessons.notebook_paths(root):
        text = path.read_text(encoding="utf-8")
        nb = nbformat.reads(text, as_version=4)
        before = nbformat.writes(nb)
        first = nb.cells[0]
        title, _, rest = first.source.partition("\n")
        rest = _BADGE_LINE.sub("", rest).lstrip("\n")
        opening = f"{title}\n\n{badge(path, repository, branch, root)}\n\n" if repository else f"{title}\n\n"
        first.source = (opening + rest).rstrip()
        index = colab_cell_index(nb.cells)
        if not repository:
            if index is not None:
                del nb.cells[index]
        elif index is None:
            nb.cells.insert(1, nbformat.v4.new_code_cell(colab_cell(repository)))
        else:
            nb.cells[index].source = colab_cell(repository)
        if nbformat.writes(nb) != before:
            path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="list notebooks out of step; exit 1 if any")
    args = parser.parse_args(argv)
    settings = lessons.config()
    if not args.check:
        try:
            changed = stamp()
        except ValueError as error:
            print(error, file=sys.stderr)
            return 2
        shown = settings["repository"] or "(none: unpublished)"
        print(f"repository = {shown}; {len(changed)} notebook(s) updated")
        return 0
    bad = 0
    for path in lessons.notebook_paths():
        for problem in problems(path, settings["repository"], settings["branch"]):
            print(f"{path.relative_to(lessons.ROOT)}: {problem}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
