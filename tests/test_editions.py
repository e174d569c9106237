"""The two editions: the student's is the teacher's regenerated, holds no
solution, and every exercise and self-check is complete in both.

Executing the student edition (with the solutions and typical wrong answers
put in) is done by conftest.py's collector of ``student/``; this file checks
what can be read without running anything.
"""

import re
from pathlib import Path

import nbformat
import pytest

from tools import editions, lessons
from utils.selfcheck import CORRECT, PROMPT

TEACHER = lessons.notebook_paths()
PAIRS = [pytest.param(path, editions.student_path(path), id=path.stem) for path in TEACHER]


def read(path):
    return nbformat.read(path, as_version=4)


def roles(nb):
    return [(i, editions.role(cell), cell) for i, cell in enumerate(nb.cells) if editions.role(cell)]


def test_the_student_edition_is_the_teachers_regenerated():
    assert editions.out_of_step() == [], "run `python -m tools.editions` (README, «Dos ediciones»)"


@pytest.mark.parametrize("teacher, student", PAIRS)
def test_no_solution_line_reaches_the_student_edition(teacher, student):
    nb = read(teacher)
    solution, elsewhere = set(), set()
    for cell in nb.cells:
        inside = {line.strip() for line in editions.solution_lines(cell.source)}
        if editions.role(cell) == "teacher":
            inside |= {line.strip() for line in cell.source.splitlines()}
        solution |= inside
        elsewhere |= {line.strip() for line in cell.source.splitlines()} - inside
    secret = {line for line in solution - elsewhere if len(line) > 3 and not line.startswith("#")}
    student_lines = {line.strip() for cell in read(student).cells for line in cell.source.splitlines()}
    assert not secret & student_lines, sorted(secret & student_lines)


@pytest.mark.parametrize("teacher, student", PAIRS)
def test_student_answers_start_as_none_and_exercises_as_stubs(teacher, student):
    for _, kind, cell in roles(read(student)):
        assert editions.BEGIN not in cell.source and editions.END not in cell.source
        if kind == "answer":
            assignments = re.findall(r"^(\w+) = (.*?)(?:\s+#.*)?$", cell.source, re.M)
            assert assignments and all(value == "None" for _, value in assignments), cell.source
        if kind == "solution" and cell.cell_type == "code":
            assert re.search(r'raise NotImplementedError\("Ejercicio \d+', cell.source), cell.source
            assert "# TU CÓDIGO AQUÍ" in cell.source
        assert not cell.get("outputs")


@pytest.mark.parametrize("path", TEACHER, ids=[p.stem for p in TEACHER])
def test_every_exercise_and_self_check_is_complete(path):
    nb = read(path)
    found = roles(nb)
    pending = None
    for i, kind, cell in found:
        meta = cell.metadata["cnn_course"]
        if kind in ("answer", "solution"):
            if cell.cell_type == "code":
                assert editions.solution_lines(cell.source), f"cell {i}: no ### BEGIN/END SOLUTION region"
                assert meta.get("wrong"), f"cell {i}: no cnn_course.wrong (a typical wrong answer to test)"
                pending = (i, kind)
        elif kind in ("selfcheck", "check"):
            assert pending, f"cell {i}: a {kind} with no answer or solution before it"
            assert (pending[1], kind) in {("answer", "selfcheck"), ("solution", "check")}, (i, pending, kind)
            if kind == "check":
                assert int(meta.get("points", 1)) >= 1
            pending = None
    assert pending is None, f"cell {pending[0]}: a {pending[1]} nobody checks"


@pytest.mark.parametrize("path", TEACHER, ids=[p.stem for p in TEACHER])
def test_the_teachers_stored_checks_say_correct(path):
    for i, kind, cell in roles(read(path)):
        if kind not in ("selfcheck", "check"):
            continue
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        assert CORRECT in text, f"cell {i}: the stored verdict is not «{CORRECT}»: {text[:200]!r}"
        assert "Todavía no" not in text and PROMPT not in text, f"cell {i}: {text[:200]!r}"
        assert not any(o.output_type == "error" for o in cell.outputs)


@pytest.mark.parametrize("teacher, student", PAIRS)
def test_each_edition_says_which_it_is_and_links_the_other(teacher, student):
    for path, word, other in ((teacher, "docente", student), (student, "estudiante", teacher)):
        first = read(path).cells[0].source
        assert f"**Edición del {word}**" in first
        link = re.search(r"\]\((\.\./\.\./[^)]+\.ipynb)\)", first).group(1)
        assert (path.parent / link).resolve() == other.resolve()


def test_every_syllabus_exercise_exists():
    exercises = {path.stem: [cell for _, kind, cell in roles(read(path)) if kind == "check"] for path in TEACHER}
    for name in ("Aplicar_filtro", "Aplicar_filtros_Conv2", "MNIST_Conv2D_MaxPool", "LeNet5_CIFAR10"):
        assert exercises[name], f"{name}: the syllabus sets an exercise here"
    assert len(exercises["MNIST_Conv2D_MaxPool"]) >= 3  # softmax only, an MLP, a CNN at 99 %
    selfchecks = [p.stem for p in TEACHER if not any(k == "selfcheck" for _, k, _ in roles(read(p)))]
    assert selfchecks == [], f"notebooks without a self-check: {selfchecks}"


# --- the generator itself --------------------------------------------------

def notebook_with(*cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Título\n\nTexto."), *cells]
    return nb


def cell(source, kind=None, **meta):
    new = nbformat.v4.new_code_cell(source)
    if kind:
        new.metadata["cnn_course"] = {"role": kind, **meta}
    return new


def test_answer_stub_sets_every_answer_to_none_and_keeps_one_line_comments():
    region = "answer_a = 24  # tamaño\nanswer_b = [[6, 5],\n            [7, 9]]  # matriz\nanswer_c = 'verde'"
    assert editions.answer_stub(region) == "answer_a = None  # tamaño\nanswer_b = None\nanswer_c = None"
    with pytest.raises(ValueError, match="only `name = value`"):
        editions.answer_stub("print(24)")


def test_student_edition_of_a_small_notebook(tmp_path):
    teacher = tmp_path / "notebooks" / "01_x" / "Demo.ipynb"
    nb = notebook_with(
        cell("# Tus respuestas\n### BEGIN SOLUTION\nanswer = 24\n### END SOLUTION", "answer", wrong="answer = 23"),
        cell("print('check')", "selfcheck"),
        cell("def f():\n    ### BEGIN SOLUTION\n    return 42\n    ### END SOLUTION", "solution",
             stub='# TU CÓDIGO AQUÍ\nraise NotImplementedError("Ejercicio 1: escribe f")', wrong="def f(): return 0"),
        cell("check_f(f)", "check", points=2),
        nbformat.v4.new_markdown_cell("Nota para el docente: la respuesta es 42."),
    )
    nb.cells[-1].metadata["cnn_course"] = {"role": "teacher"}
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", text="¡Correcto!")]
    editions.mark_teacher(nb, teacher)
    assert nb.cells[1].metadata["nbgrader"]["solution"] is True
    assert nb.cells[1].metadata["jupyter"] == {"source_hidden": True}
    assert nb.cells[2].metadata["nbgrader"]["locked"] is True
    assert nb.cells[4].metadata["nbgrader"] == {"grade": True, "grade_id": "check-1", "locked": True, "points": 2,
                                                "schema_version": 3, "solution": False, "task": False}
    student = nbformat.reads(editions.student_edition(nb, teacher), as_version=4)
    sources = [c.source for c in student.cells]
    assert sources[1] == "# Tus respuestas\nanswer = None"
    assert sources[3] == ('def f():\n    # TU CÓDIGO AQUÍ\n    raise NotImplementedError("Ejercicio 1: escribe f")')
    assert not any("42" in s for s in sources[1:])  # the teacher's note is left out too
    assert all(not c.get("outputs") for c in student.cells if c.cell_type == "code")
    assert "**Edición del estudiante**" in sources[0] and "../../notebooks/01_x/Demo.ipynb" in sources[0]
    assert student.cells[4].metadata["editable"] is False  # nbgrader's LockCells


def test_bad_roles_and_missing_stubs_are_refused(tmp_path):
    with pytest.raises(ValueError, match=r"cnn_course\.role='answers'"):
        editions.role(cell("x = 1", "answers"))
    nb = notebook_with(cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION", "solution"))
    with pytest.raises(ValueError, match=r"cnn_course\.stub"):
        editions.student_edition(nb, tmp_path / "notebooks" / "01_x" / "Demo.ipynb")


def test_student_folder_mirrors_the_lessons():
    for path in TEACHER:
        student = editions.student_path(path)
        assert student.relative_to(lessons.ROOT / "student") == path.relative_to(lessons.ROOT / "notebooks")
        assert Path(student).exists()


# --- nbgrader, as a teacher runs it -----------------------------------------

def _course_copy(tmp_path, lesson):
    """A course folder with nbgrader_config.py and one lesson, as a teacher has it."""
    import shutil

    course = tmp_path / "curso"
    shutil.copytree(lessons.ROOT / "notebooks" / lesson, course / "notebooks" / lesson)
    for name in ("nbgrader_config.py", "pyproject.toml"):
        shutil.copy(lessons.ROOT / name, course / name)
    shutil.copytree(lessons.ROOT / "tools", course / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    return course


def _nbgrader(course, *args):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result


def test_nbgrader_releases_the_student_edition_and_grades_a_submission(tmp_path):
    """README «For teachers: grading with nbgrader», step by step, on one lesson."""
    import csv

    lesson, name = "02_convolucion", "Convolucion_2D"
    course = _course_copy(tmp_path, lesson)
    _nbgrader(course, "generate_assignment", lesson)
    released = read(course / "release" / lesson / f"{name}.ipynb")
    ours = read(lessons.ROOT / "student" / lesson / f"{name}.ipynb")
    assert [c.source for c in released.cells] == [c.source for c in ours.cells]

    source = read(course / "notebooks" / lesson / f"{name}.ipynb")
    teacher = {c.metadata["nbgrader"]["grade_id"]: c for c in source.cells if "nbgrader" in c.metadata}
    for student, right in (("ana", True), ("beto", False)):
        _nbgrader(course, "db", "student", "add", student)
        submission = read(course / "release" / lesson / f"{name}.ipynb")
        for c in submission.cells:
            grading = c.metadata.get("nbgrader", {})
            if grading.get("solution"):
                c.source = teacher[grading["grade_id"]].source if right else c.metadata["cnn_course"]["wrong"]
        folder = course / "submitted" / student / lesson
        folder.mkdir(parents=True)
        nbformat.write(submission, folder / f"{name}.ipynb")
    _nbgrader(course, "autograde", lesson)
    _nbgrader(course, "export")
    with open(course / "grades.csv", encoding="utf-8") as f:
        scores = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(f)}
    points = sum(int(c.metadata["cnn_course"].get("points", 1)) for c in teacher.values()
                 if c.metadata["nbgrader"].get("grade"))
    assert scores == {"ana": points, "beto": 0.0}


def test_the_student_editions_colab_badge_opens_the_student_notebook(tmp_path):
    teacher = tmp_path / "notebooks" / "01_x" / "Demo.ipynb"
    badge = ("[![Abrir en Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
             "(https://colab.research.google.com/github/o/r/blob/main/notebooks/01_x/Demo.ipynb)")
    nb = notebook_with()
    nb.cells[0].source = f"# Título\n\n{badge}\n\nTexto."
    editions.mark_teacher(nb, teacher)
    assert nb.cells[0].source.startswith(f"# Título\n\n{badge}\n\n> **Edición del docente**")
    first = nbformat.reads(editions.student_edition(nb, teacher), as_version=4).cells[0].source
    assert "/blob/main/student/01_x/Demo.ipynb)" in first and "/blob/main/notebooks/" not in first
    assert first.index("colab-badge") < first.index("**Edición del estudiante**") < first.index("Texto.")
