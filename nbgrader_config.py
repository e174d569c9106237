"""nbgrader configuration: the course folder is an nbgrader course.

Each lesson folder of ``notebooks/`` is an assignment (``02_convolucion``...),
and ``nbgrader generate_assignment`` writes the same student edition as
``python -m tools.editions`` (the course's stubs and opening line), into
``release/``. The steps, tried: README, «Para docentes: corregir con nbgrader».
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tools/, when nbgrader runs from this folder

from nbgrader.preprocessors import (
    CheckCellMetadata,
    ClearHiddenTests,
    ClearMarkScheme,
    ClearOutput,
    ComputeChecksums,
    IncludeHeaderFooter,
    InstantiateTests,
    LockCells,
    SaveCells,
)

from tools.nbgrader_steps import CourseClearSolutions, StudentOpening

c = get_config()  # noqa: F821 (nbgrader defines it)

c.CourseDirectory.course_id = "curso-cnn"
c.CourseDirectory.source_directory = "notebooks"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"

# nbgrader's own pipeline, with the course's stubs instead of "YOUR CODE HERE"
# and the student's opening line (the order matters: see nbgrader's GenerateAssignment).
c.GenerateAssignment.preprocessors = [
    IncludeHeaderFooter, InstantiateTests, LockCells, CourseClearSolutions, ClearOutput,
    CheckCellMetadata, ComputeChecksums, SaveCells, ClearHiddenTests, ClearMarkScheme,
    ComputeChecksums, CheckCellMetadata, StudentOpening,
]
c.ClearSolutions.code_stub = {"python": '# TU CÓDIGO AQUÍ\nraise NotImplementedError("Completa este ejercicio.")'}
c.ClearSolutions.text_stub = "_Escribe aquí tu respuesta._"
c.ExecutePreprocessor.timeout = 1800  # a lesson that trains, run in full mode
