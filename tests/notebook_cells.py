"""What the self-check tests read from a teacher's notebook: its cells by role,
a solution region's source, and a cell's source run in a namespace."""

import nbformat

from tools import editions


def read(path):
    return nbformat.read(path, as_version=4)


def role_cells(nb, kind):
    """The cells of ``nb`` whose ``cnn_course.role`` is ``kind``, in order."""
    return [cell for cell in nb.cells if editions.role(cell) == kind]


def region(cell) -> str:
    """The source inside the cell's solution region(s)."""
    return "\n".join(editions.solution_lines(cell.source))


def run(source, namespace, capsys):
    """Execute ``source`` in ``namespace``; what it printed."""
    exec(compile(source, "<cell>", "exec"), namespace)
    return capsys.readouterr().out
