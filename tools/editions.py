"""Two editions from one source: the teacher's (``notebooks/``) and the
student's (``student/``), generated from it with nbgrader's preprocessors.

    python -m tools.editions           # mark notebooks/ and write student/ from it
    python -m tools.editions --check   # list what is out of step (exit 1)

``notebooks/`` is the teacher's edition: complete, executed in full mode,
solutions included. A cell's part in an exercise is one word of its metadata,
``cnn_course.role``; everything else (nbgrader's cell metadata, what the
student edition shows) follows from it:

- ``answer``: the answers to a self-check, in a ``### BEGIN SOLUTION`` /
  ``### END SOLUTION`` region; the student edition assigns ``None`` to each
  answer instead;
- ``selfcheck``: the cell that checks those answers (read-only, not graded);
- ``solution``: an exercise's solution, in a solution region; the student
  edition shows ``cnn_course.stub`` instead (which raises the exercise's
  Spanish ``NotImplementedError``), or, in a markdown cell, a line to write on;
- ``check``: the exercise's check (read-only, graded with
  ``cnn_course.points`` points);
- ``teacher``: a note for the teacher only, left out of the student edition.

In the teacher's edition the solution and answer cells are collapsed (click
to show), and so are the outputs of the checks, which give the answer away.
The student edition is nbgrader's ``ClearSolutions`` (with the stubs above),
``ClearOutput``, ``ClearHiddenTests`` and ``LockCells`` run through
nbconvert, plus the opening line that says which edition it is.
"""

from __future__ import annotations

import argparse
import copy
import io
import re
import sys
import tokenize
from pathlib import Path

from tools import lessons

ROLES = ("answer", "selfcheck", "solution", "check", "teacher")
STUDENT_FOLDER = "student"
TEACHER_FOLDER = "notebooks"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
TEXT_STUB = "_Escribe aquí tu respuesta._"

TEACHER_LINE = ("> **Edición del docente**: con las soluciones de los ejercicios y las respuestas de las "
                "autoevaluaciones (celdas plegadas: haz clic para verlas). "
                "Para practicar, usa la [edición del estudiante]({other}).")
STUDENT_LINE = ("> **Edición del estudiante**: los ejercicios y las autoevaluaciones esperan tu respuesta. "
                "Cuando termines, compara con la [edición del docente]({other}).")
_EDITION_LINE = re.compile(r"^> \*\*Edición del (?:docente|estudiante)\*\*.*\n?", re.M)


def role(cell) -> str | None:
    """The cell's part in an exercise (``cnn_course.role``), or None."""
    value = cell.get("metadata", {}).get("cnn_course", {}).get("role")
    if value is not None and value not in ROLES:
        raise ValueError(f"cnn_course.role={value!r}: expected one of {', '.join(ROLES)}")
    return value


def student_path(teacher: Path, root: Path = lessons.ROOT) -> Path:
    """Where the student edition of ``notebooks/<folder>/<name>.ipynb`` lives."""
    relative = Path(teacher).resolve().relative_to((Path(root) / TEACHER_FOLDER).resolve())
    return Path(root) / STUDENT_FOLDER / relative


def _other_link(folder: str, name: str, to: str) -> str:
    return f"../../{to}/{folder}/{name}.ipynb"


def _with_edition_line(source: str, line: str) -> str:
    """The first cell's source with ``line`` right after the title and badge."""
    source = _EDITION_LINE.sub("", source)
    head, _, rest = source.partition("\n\n")
    rest = rest.lstrip("\n")
    if head.startswith("# ") and rest.startswith("[![Abrir en Colab]"):
        badge, _, rest = rest.partition("\n\n")
        head, rest = f"{head}\n\n{badge}", rest.lstrip("\n")
    return f"{head}\n\n{line}\n\n{rest}".rstrip()


# --- the teacher's edition -------------------------------------------------

def _nbgrader(kind: str, grade_id: str, points: int) -> dict:
    meta = {"grade": kind == "check", "grade_id": grade_id, "locked": kind in ("selfcheck", "check"),
            "schema_version": 3, "solution": kind in ("answer", "solution"), "task": False}
    if kind == "check":
        meta["points"] = points
    return meta


def mark_teacher(nb, path: Path) -> None:
    """Give every role cell its nbgrader metadata and fold what gives answers
    away; write the teacher's opening line. In place."""
    counts: dict[str, int] = {}
    for cell in nb.cells:
        kind = role(cell)
        jupyter = cell.metadata.get("jupyter", {})
        jupyter.pop("source_hidden", None)
        jupyter.pop("outputs_hidden", None)
        if kind is None or kind == "teacher":
            cell.metadata.pop("nbgrader", None)
            if jupyter:
                cell.metadata["jupyter"] = jupyter
            else:
                cell.metadata.pop("jupyter", None)
            continue
        counts[kind] = counts.get(kind, 0) + 1
        points = int(cell.metadata["cnn_course"].get("points", 1))
        cell.metadata["nbgrader"] = _nbgrader(kind, f"{kind}-{counts[kind]}", points)
        if kind in ("answer", "solution"):
            jupyter["source_hidden"] = True
        elif cell.cell_type == "code":
            jupyter["outputs_hidden"] = True
        cell.metadata["jupyter"] = jupyter
    folder, name = Path(path).parent.name, Path(path).stem
    nb.cells[0].source = _with_edition_line(
        nb.cells[0].source, TEACHER_LINE.format(other=_other_link(folder, name, STUDENT_FOLDER)))


# --- the student's edition ---------------------------------------------------

def answer_stub(region: str) -> str:
    """Each answer of a self-check's solution region set to ``None`` (keeping
    the comment of a one-line answer)."""
    import ast

    tree = ast.parse(region)
    comments = {}
    for token in tokenize.generate_tokens(io.StringIO(region).readline):
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token.string
    lines = []
    for node in tree.body:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
            raise ValueError(f"an answer region holds only `name = value` lines, not: {ast.unparse(node)}")
        comment = comments.get(node.lineno) if node.lineno == node.end_lineno else None
        lines.append(f"{node.targets[0].id} = None" + (f"  {comment}" if comment else ""))
    return "\n".join(lines)


def _solution_regions(source: str) -> list[tuple[int, int]]:
    """(begin, end) line indices of each solution region of ``source``."""
    regions, begin = [], None
    for i, line in enumerate(source.split("\n")):
        if BEGIN in line:
            begin = i
        elif END in line and begin is not None:
            regions.append((begin, i))
            begin = None
    return regions


def solution_lines(source: str) -> list[str]:
    """The lines inside the solution regions of ``source``."""
    lines = source.split("\n")
    return [line for begin, end in _solution_regions(source) for line in lines[begin + 1:end]]


def student_edition(nb, path: Path, branch: str = "main") -> str:
    """The student edition of the teacher's notebook ``nb`` (at ``path``), as
    the text of an .ipynb file."""
    import nbformat
    from nbconvert.exporters import NotebookExporter
    from nbgrader.preprocessors import ClearHiddenTests, ClearOutput, LockCells

    from tools.nbgrader_steps import CourseClearSolutions, StudentOpening

    for cell in nb.cells:
        if role(cell) == "solution" and cell.cell_type == "code":
            stub = cell.metadata["cnn_course"].get("stub", "")
            if "raise NotImplementedError(" not in stub:
                raise ValueError(f"{path}: an exercise's solution cell needs cnn_course.stub with the "
                                 "exercise's raise NotImplementedError(...)")
    exporter = NotebookExporter()
    for preprocessor in (CourseClearSolutions(), ClearOutput(), ClearHiddenTests(),
                         LockCells(lock_solution_cells=False), StudentOpening()):
        exporter.register_preprocessor(preprocessor, enabled=True)
    resources = {"folder": Path(path).parent.name, "name": Path(path).stem, "branch": branch}
    text, _ = exporter.from_notebook_node(copy.deepcopy(nb), resources=resources)
    return nbformat.writes(nbformat.reads(text, as_version=4)) + "\n"


def _teacher_text(path: Path) -> tuple[str, object]:
    import nbformat

    text = Path(path).read_text(encoding="utf-8")
    nb = nbformat.reads(text, as_version=4)
    mark_teacher(nb, path)
    return nbformat.writes(nb) + "\n", nb


def out_of_step(root: Path = lessons.ROOT) -> list[str]:
    """What ``python -m tools.editions`` would change."""
    branch = lessons.config(root)["branch"]
    found = []
    expected_students = set()
    for path in lessons.notebook_paths(root):
        teacher_text, nb = _teacher_text(path)
        if teacher_text != path.read_text(encoding="utf-8"):
            found.append(f"{path.relative_to(root)}: nbgrader metadata or opening line out of step")
        target = student_path(path, root)
        expected_students.add(target)
        if not target.exists():
            found.append(f"{target.relative_to(root)}: missing")
        elif target.read_text(encoding="utf-8") != student_edition(nb, path, branch):
            found.append(f"{target.relative_to(root)}: differs from the teacher's edition regenerated")
    for extra in sorted((Path(root) / STUDENT_FOLDER).rglob("*.ipynb")):
        if extra not in expected_students and ".ipynb_checkpoints" not in extra.parts:
            found.append(f"{extra.relative_to(root)}: no teacher's notebook of that name")
    return found


def write(root: Path = lessons.ROOT) -> list[Path]:
    """Mark every teacher's notebook and write its student edition; the files
    that changed."""
    branch = lessons.config(root)["branch"]
    changed = []
    for path in lessons.notebook_paths(root):
        teacher_text, nb = _teacher_text(path)
        if teacher_text != path.read_text(encoding="utf-8"):
            path.write_text(teacher_text, encoding="utf-8")
            changed.append(path)
        target = student_path(path, root)
        text = student_edition(nb, path, branch)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(target)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="list what is out of step; exit 1 if anything is")
    args = parser.parse_args(argv)
    if args.check:
        found = out_of_step()
        for line in found:
            print(line)
        return 1 if found else 0
    changed = write()
    print(f"{len(changed)} file(s) written" + "".join(f"\n  {p.relative_to(lessons.ROOT)}" for p in changed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
