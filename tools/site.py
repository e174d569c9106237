"""Render every notebook, with its stored outputs, to a static HTML site that a
teacher can project or a student can read without Jupyter.

    python -m tools.site [OUT_DIR]      # default: _site/

Both editions are on it, laid out as in the repository: the teacher's pages
under ``notebooks/`` (with its stored outputs; solutions and the verdicts of
the checks folded, click to show) and the student's under ``student/`` (the
statements and stubs, with their Colab links once the course has an
address). The index page follows the README's lesson table
(tools/lessons.py LESSONS) and links both.
Figures are written as PNG files beside each page (not inlined), so the pages
stay light and every image link can be checked. Nothing is executed.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

from tools import lessons

ROOT = lessons.ROOT

STYLE = """
body.cnn-index { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
                 color: #222; line-height: 1.5; }
.cnn-index table { border-collapse: collapse; width: 100%; }
.cnn-index th, .cnn-index td { border-bottom: 1px solid #ddd; padding: .5rem; text-align: left; }
.cnn-index code { background: #f4f4f4; padding: 0 .25rem; }
nav.cnn-nav { font-family: system-ui, sans-serif; padding: .6rem 1rem; background: #263238; }
nav.cnn-nav a { color: #fff; margin-right: 1.5rem; text-decoration: none; }
nav.cnn-nav a:hover { text-decoration: underline; }
details.cnn-folded { border-left: 4px solid #8e24aa; margin: .5rem 0; padding-left: .5rem; }
details.cnn-folded > summary { cursor: pointer; font-family: system-ui, sans-serif; color: #6a1b9a;
                               padding: .3rem 0; }
"""


EDITIONS = ("notebooks", "student")
FOLDED = {"answer": "Ver la respuesta", "solution": "Ver la solución",
          "selfcheck": "Ver la verificación", "check": "Ver la verificación"}


def page_name(folder: str, name: str, edition: str = "notebooks") -> str:
    return f"{edition}/{folder}/{name}.html"


def lesson_number(folder: str) -> str:
    return str(int(folder.split("_", 1)[0]))


def navigation(index: int, edition: str = "notebooks") -> str:
    links = ['<a href="../../index.html">← Índice del curso</a>']
    if index > 0:
        folder, name, title, *_ = lessons.LESSONS[index - 1]
        links.append(f'<a href="../../{page_name(folder, name, edition)}">Anterior: {html.escape(title)}</a>')
    if index + 1 < len(lessons.LESSONS):
        folder, name, title, *_ = lessons.LESSONS[index + 1]
        links.append(f'<a href="../../{page_name(folder, name, edition)}">Siguiente: {html.escape(title)}</a>')
    return f'<nav class="cnn-nav">{"".join(links)}</nav>'


def _tag_roles(notebook) -> None:
    """Tag each exercise cell with its role, so the page can fold it."""
    for cell in notebook.cells:
        kind = cell.metadata.get("cnn_course", {}).get("role")
        if kind in FOLDED:
            cell.metadata.setdefault("tags", []).append(f"cnn-{kind}")


def _div_end(document: str, start: int) -> int:
    """The index just past the ``</div>`` closing the ``<div`` at ``start``."""
    depth, position = 0, start
    for match in re.finditer(r"<div\b|</div>", document[start:]):
        depth += 1 if match.group(0) == "<div" else -1
        if depth == 0:
            return start + match.end()
        position = start + match.end()
    raise ValueError(f"unbalanced <div> at {position}")


def folded_solutions(document: str) -> str:
    """Each cell tagged ``cnn-<role>`` inside a ``<details>``: the teacher's
    page shows the statement and keeps the answer one click away."""
    for kind, summary in FOLDED.items():
        pattern = re.compile(rf'<div[^>]*class="[^"]*\bcelltag_cnn-{kind}\b[^"]*"[^>]*>')
        position = 0
        while match := pattern.search(document, position):
            end = _div_end(document, match.start())
            wrapped = (f'<details class="cnn-folded"><summary>{summary}</summary>'
                       f"{document[match.start():end]}</details>")
            document = document[:match.start()] + wrapped + document[end:]
            position = match.start() + len(wrapped)
    return document


def render_notebook(path: Path, out_dir: Path, index: int, edition: str = "notebooks") -> Path:
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.writers import FilesWriter

    folder, name = path.parent.name, path.stem
    notebook = nbformat.read(path, as_version=4)
    _tag_roles(notebook)
    exporter = HTMLExporter(template_name="lab")
    exporter.register_preprocessor("nbconvert.preprocessors.ExtractOutputPreprocessor", enabled=True)
    body, resources = exporter.from_notebook_node(
        notebook, resources={"output_files_dir": f"{name}_files", "metadata": {"name": name}})
    nav = navigation(index, edition)
    body = without_blocking_scripts(body)
    body = notebook_links_as_pages(body)
    if edition == "notebooks":
        body = folded_solutions(body)
    body = body.replace("</head>", f"<style>{STYLE}</style></head>", 1)
    body = _insert_after_body_tag(body, nav)
    writer = FilesWriter(build_directory=str(out_dir / edition / folder))
    writer.write(body, resources, notebook_name=name)
    return out_dir / page_name(folder, name, edition)


REQUIRE_JS = re.compile(r'<script src="https://[^"]*/require(?:\.min)?\.js"></script>')
MATHJAX_JS = re.compile(r'<script (src="https://[^"]*/mathjax/[^"]*")>')


def without_blocking_scripts(document: str) -> str:
    """Keep a page readable offline (a classroom projector, CI): a CDN
    ``<script src>`` in the head holds the whole page blank until the request
    fails. require.js only serves live widgets, which the committed notebooks
    never store (tests/test_notebooks.py); MathJax is deferred, so online it
    typesets the formulas after the page shows, and offline they stay as
    readable TeX. tests/test_site.py fails if any page still waits."""
    document = REQUIRE_JS.sub("", document, count=1)
    return MATHJAX_JS.sub(r"<script defer \1>", document, count=1)


NOTEBOOK_LINK = re.compile(r'href="((?!https?:)[^"#]*?)\.ipynb(#[^"]*)?"')


def notebook_links_as_pages(document: str) -> str:
    """A lesson's link to another notebook (``../04_x/mlp_MNIST.ipynb``) points
    at that notebook's page on the site."""
    document = NOTEBOOK_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', document)
    return GLOSSARY_LINK.sub(lambda m: f'href="{m.group(1)}{GLOSSARY_PAGE}"', document)


GLOSSARY_LINK = re.compile(r'href="((?:\.\./)*)GLOSARIO\.md"')
GLOSSARY_PAGE = "glosario.html"


def glossary_page() -> str:
    """GLOSARIO.md as a page of the site, its notebook links pointing at pages."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    body = notebook_links_as_pages(markdown2html_mistune((ROOT / "GLOSARIO.md").read_text(encoding="utf-8")))
    return f"""<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Glosario: español ↔ inglés</title>
<style>{STYLE}</style></head>
<body class="cnn-index">
<nav class="cnn-nav"><a href="index.html">← Índice del curso</a></nav>
{body}
</body></html>
"""


def _insert_after_body_tag(document: str, fragment: str) -> str:
    start = document.index("<body")
    end = document.index(">", start) + 1
    return document[:end] + fragment + document[end:]


def index_page() -> str:
    rows = []
    for folder, name, title, topic, slide_name in lessons.LESSONS:
        rows.append(
            f"<tr><td>{lesson_number(folder)}</td>"
            f'<td><a href="{page_name(folder, name)}">{html.escape(title)}</a><br><code>{name}.ipynb</code></td>'
            f'<td><a href="{page_name(folder, name, "student")}">para el estudiante</a></td>'
            f"<td>{html.escape(topic)}</td><td>{html.escape(slide_name)}</td></tr>"
        )
    return f"""<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Curso de redes neuronales convolucionales</title>
<style>{STYLE}</style></head>
<body class="cnn-index">
<h1>Curso de redes neuronales convolucionales con Keras</h1>
<p>Las notebooks del curso en sus dos ediciones. La <strong>del docente</strong> tiene los resultados
ya calculados y las soluciones plegadas (haz clic en «Ver la solución»); la <strong>del
estudiante</strong> tiene los enunciados y espera tus respuestas. Para ejecutarlas y modificarlas,
ábrelas en Jupyter (README del repositorio, «Cómo empezar»). Los términos, en español y en inglés,
están en el <a href="{GLOSSARY_PAGE}">glosario</a>.</p>
<table>
<thead><tr><th>Clase</th><th>Edición del docente</th><th>Edición del estudiante</th><th>Tema</th>
<th>Nombre en las diapositivas</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
</body></html>
"""


def build(out_dir: Path) -> list[Path]:
    """Write the site into ``out_dir`` (replacing it); return the pages."""
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    pages = [out_dir / "index.html"]
    pages[0].write_text(index_page(), encoding="utf-8")
    pages.append(out_dir / GLOSSARY_PAGE)
    pages[-1].write_text(glossary_page(), encoding="utf-8")
    for edition in EDITIONS:
        for index, (folder, name, *_rest) in enumerate(lessons.LESSONS):
            path = lessons.ROOT / edition / folder / f"{name}.ipynb"
            pages.append(render_notebook(path, out_dir, index, edition))
    return pages


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / "_site"
    pages = build(out_dir)
    print(f"{len(pages)} pages in {out_dir}; open {out_dir / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
