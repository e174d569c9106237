"""tools/wrap.py: one wrapping style for the markdown, without changing what it renders."""

import re

import nbformat
import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from tools import lessons
from tools.wrap import WIDTH, wrap_markdown

LONG = ("La convolución recorre la imagen con un filtro de $3 \\times 3$ y, en cada posición, suma los "
        "productos de los pesos por los píxeles que cubre; el resultado es un mapa de características "
        "con `padding=\"same\"` del mismo tamaño que la entrada - 2 en cada lado si no hay relleno.")


def rendered(markdown: str) -> str:
    return re.sub(r"\s+", " ", markdown2html_mistune(markdown)).strip()


@pytest.mark.parametrize("source", [
    LONG,
    f"Un párrafo:\n\n- {LONG}\n- corto\n  - anidado: {LONG}\n\n1. {LONG}\n2. fin",
    f"**Nota:** {LONG}\\\n{LONG}",
    f"| a | b |\n| --- | --- |\n| {LONG} | x |",
    f"$$\n{LONG}\n$$",
    f"> {LONG}",
    f"```\n{LONG}\n\n{LONG}\n```",
    f"## {LONG}",
], ids=["paragraph", "lists", "hard break", "table", "display math", "quote", "fence", "heading"])
def test_wrapping_keeps_what_the_markdown_renders(source):
    wrapped = wrap_markdown(source)
    assert rendered(wrapped) == rendered(source)
    assert wrap_markdown(wrapped) == wrapped


def test_prose_is_wrapped_at_the_width_and_atoms_stay_whole():
    wrapped = wrap_markdown(f"- {LONG}")
    lines = wrapped.split("\n")
    assert len(lines) > 1 and all(len(line) <= WIDTH for line in lines)
    assert all(line.startswith("  ") for line in lines[1:])  # list continuation
    assert "$3 \\times 3$" in wrapped and '`padding="same"`' in wrapped
    assert not any(re.match(r"\s*- 2", line) for line in lines[1:]), "a '- ' at a line's head would start a list"


def test_the_opening_block_and_tables_are_left_as_written():
    opening = ("**Al terminar podrás:**\n- " + LONG + "\n\n**Antes:** " + LONG + "\\\n**Tiempo:** " + LONG)
    assert wrap_markdown(opening) == opening
    table = f"| a |\n| --- |\n| {LONG} |"
    assert wrap_markdown(table) == table


@pytest.mark.parametrize("path", lessons.notebook_paths(), ids=lambda p: p.stem)
def test_every_notebook_uses_the_course_wrapping_style(path):
    cells = [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown"]
    unwrapped = [cell.get("id") for cell in cells if wrap_markdown(cell.source) != cell.source]
    assert not unwrapped, f"run `python -m tools.wrap` (cells {unwrapped})"
