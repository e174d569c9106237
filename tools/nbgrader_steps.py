"""The course's two steps in nbgrader's pipeline (nbgrader and nbconvert
preprocessors), used by ``tools.editions`` and by ``nbgrader_config.py`` so
that ``nbgrader generate_assignment`` makes the same student edition.

- :class:`CourseClearSolutions`: nbgrader's ``ClearSolutions`` with one stub
  per cell: ``None`` answers for a self-check, the cell's own
  ``cnn_course.stub`` for an exercise;
- :class:`StudentOpening`: leaves out the teacher's notes and the benchmark's
  metadata, unfolds every cell and says which edition this is.
"""

from __future__ import annotations

from nbgrader.preprocessors import ClearSolutions, NbGraderPreprocessor

from tools import editions


class CourseClearSolutions(ClearSolutions):
    """ClearSolutions with the stub of each cell (see ``tools.editions``)."""

    def preprocess_cell(self, cell, resources, cell_index):
        kind = editions.role(cell)
        course = cell.metadata.get("cnn_course", {})
        if kind == "answer":
            stub = editions.answer_stub("\n".join(editions.solution_lines(cell.source)))
        elif kind == "solution" and cell.cell_type == "code":
            stub = course["stub"]
        else:
            stub = course.get("stub", editions.TEXT_STUB)
        if cell.cell_type == "code":
            self.code_stub = {**self.code_stub, "python": stub}
        else:
            self.text_stub = stub
        return super().preprocess_cell(cell, resources, cell_index)


class StudentOpening(NbGraderPreprocessor):  # nbgrader's base: enabled wherever it is listed
    """The student edition's opening and metadata."""

    def preprocess(self, nb, resources):
        nb.cells = [cell for cell in nb.cells if editions.role(cell) != "teacher"]
        for cell in nb.cells:
            cell.metadata.pop("jupyter", None)
            course = cell.metadata.get("cnn_course")
            if course is not None:
                course.pop("same_as", None)
                if not course:
                    cell.metadata.pop("cnn_course")
        course = nb.metadata.get("cnn_course", {})
        nb.metadata["cnn_course"] = {key: course[key] for key in ("datasets",) if key in course}
        nb.metadata["cnn_course"]["edition"] = "student"
        # tools.editions passes the lesson folder and name; nbgrader, the assignment and notebook
        grading = resources.get("nbgrader", {})
        folder = resources.get("folder") or grading.get("assignment")
        name = resources.get("name") or grading.get("notebook")
        branch = resources.get("branch", "main")
        first = nb.cells[0]
        link = editions._other_link(folder, name, editions.TEACHER_FOLDER)
        first.source = editions._with_edition_line(first.source, editions.STUDENT_LINE.format(other=link))
        first.source = first.source.replace(f"/blob/{branch}/{editions.TEACHER_FOLDER}/",
                                            f"/blob/{branch}/{editions.STUDENT_FOLDER}/")
        return nb, resources
