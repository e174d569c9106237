"""Execute a student's notebook the way a student would, in fast mode.

The run goes top to bottom. Each self-check first runs with the answers still
``None`` (it must print the prompt), then with the answer cell's typical wrong
answer (``cnn_course.wrong``: no "¡Correcto!", a "Todavía no"), then with the
teacher's answers ("¡Correcto!"). Each exercise must stop with its Spanish
``NotImplementedError``; then its typical wrong solution runs through the
cells up to the check, which must raise ``ExerciseNotPassed``, and the
teacher's solution runs through them again, and the check must say
"¡Correcto!". The run then goes on, so every exercise and self-check of the
notebook is tried; it stops after the last of them, because the cells after
it are the teacher's own (tests/test_editions.py checks that the editions
differ only in those cells, and nbval runs the teacher's to the end).
conftest.py collects ``student/`` with this.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tools import editions, lessons
from utils.selfcheck import CORRECT, PROMPT


class StudentRunFailed(Exception):
    pass


def _text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def _grade_id(cell) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def teacher_path(student: Path) -> Path:
    relative = Path(student).resolve().relative_to((lessons.ROOT / editions.STUDENT_FOLDER).resolve())
    return lessons.ROOT / editions.TEACHER_FOLDER / relative


def run(student: Path, timeout: int = 900) -> list[str]:
    """Execute ``student`` as described above; returns what was tried, one
    line each. Raises StudentRunFailed saying which cell misbehaved."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(student, as_version=4)
    teacher = {_grade_id(c): c for c in nbformat.read(teacher_path(student), as_version=4).cells if _grade_id(c)}
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(Path(student).parent)}})
    tried = []

    def execute(cell, index, what):
        try:
            client.execute_cell(cell, index)
            return None
        except CellExecutionError as error:
            return error

    def must_run(cell, index, what):
        error = execute(cell, index, what)
        if error is not None:
            raise StudentRunFailed(f"cell {index} ({what}) failed: {error.ename}: {error.evalue}")

    def replacement(source):
        return nbformat.v4.new_code_cell(source)

    last_role = max((i for i, c in enumerate(nb.cells) if editions.role(c) in ("selfcheck", "check")), default=-1)
    with client.setup_kernel():
        last_answer = None
        index = 0
        while index <= last_role:
            cell = nb.cells[index]
            kind = editions.role(cell)
            if cell.cell_type != "code":
                index += 1
                continue
            if kind == "solution":
                error = execute(cell, index, "exercise stub")
                if error is None or error.ename != "NotImplementedError" or "Ejercicio" not in error.evalue:
                    got = f"{error.ename}: {error.evalue}" if error else "no error"
                    raise StudentRunFailed(f"cell {index}: the unsolved exercise must stop with its Spanish "
                                           f"NotImplementedError, got {got}")
                check = next(i for i in range(index + 1, len(nb.cells)) if editions.role(nb.cells[i]) == "check")
                between = [i for i in range(index + 1, check) if nb.cells[i].cell_type == "code"]
                # a typical wrong solution: the cells up to the check run, the check refuses it
                must_run(replacement(cell.metadata["cnn_course"]["wrong"]), index, "typical wrong solution")
                for i in between:
                    must_run(nb.cells[i], i, "cell after the wrong solution")
                error = execute(nb.cells[check], check, "check of the wrong solution")
                if error is None or error.ename != "ExerciseNotPassed":
                    raise StudentRunFailed(f"cell {check}: the check accepted a typical wrong solution "
                                           f"({error and error.ename}): {_text(nb.cells[check])[:200]!r}")
                # the teacher's solution: the check says it is right
                must_run(replacement(teacher[_grade_id(cell)].source), index, "teacher's solution")
                for i in between:
                    must_run(nb.cells[i], i, "cell after the solution")
                must_run(nb.cells[check], check, "check of the teacher's solution")
                if CORRECT not in _text(nb.cells[check]):
                    raise StudentRunFailed(f"cell {check}: the teacher's solution is not «{CORRECT}»")
                tried.append(f"exercise at cell {index}: stub stops, wrong refused, solution accepted")
                index = check + 1
                continue
            must_run(cell, index, kind or "lesson cell")
            if kind == "answer":
                last_answer = (index, cell)
            elif kind == "selfcheck":
                if last_answer is None:
                    raise StudentRunFailed(f"cell {index}: a self-check with no answer cell before it")
                if PROMPT not in _text(cell) or CORRECT in _text(cell):
                    raise StudentRunFailed(f"cell {index}: with the answers still None the check must print "
                                           f"the prompt, printed {_text(cell)[:200]!r}")
                answer_index, answer = last_answer
                must_run(replacement(answer.metadata["cnn_course"]["wrong"]), answer_index, "typical wrong answer")
                must_run(cell, index, "self-check of the wrong answer")
                if CORRECT in _text(cell) or "Todavía no" not in _text(cell):
                    raise StudentRunFailed(f"cell {index}: a typical wrong answer got {_text(cell)[:200]!r}")
                must_run(replacement(teacher[_grade_id(answer)].source), answer_index, "teacher's answer")
                must_run(cell, index, "self-check of the teacher's answer")
                if CORRECT not in _text(cell) or "Todavía no" in _text(cell):
                    raise StudentRunFailed(f"cell {index}: the teacher's answer got {_text(cell)[:200]!r}")
                tried.append(f"self-check at cell {index}: prompt, wrong refused, answer accepted")
                last_answer = None
            index += 1
    return tried


class StudentNotebook(pytest.File):
    def collect(self):
        yield StudentRun.from_parent(self, name="student edition")


class StudentRun(pytest.Item):
    def runtest(self):
        self.tried = run(self.path)

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, StudentRunFailed):
            return f"{self.path.name}: {excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"student edition: {self.path.name}"
