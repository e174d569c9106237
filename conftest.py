"""pytest configuration shared by the unit tests and the notebook validation.

Everything runs in fast mode unless CNN_FAST is set explicitly, and notebook
kernels use the course's test IPython profile, which keeps TensorFlow's C++
start-up lines out of cell outputs. The course package is installed
(``make setup``), so nothing here edits ``sys.path``.

The student edition (``student/``) is not run by nbval, whose cells would
stop at the first exercise: ``tests/student_edition.py`` runs each of its
notebooks as a student would, trying every exercise and self-check with the
typical wrong answer and with the teacher's.

A notebook that trains on a dataset no folder has (``CNN_DATA_DIR``, ``data/``
or Keras' cache) is skipped with the notebook's own message, instead of
failing at every cell after the loading one.
"""

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent

os.environ.setdefault("CNN_FAST", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["IPYTHONDIR"] = str(ROOT / "tests" / "ipython")
# Two notebooks run at once (pytest.ini: -n 2) on the 2-core machine; PyTorch's
# thread pool, one thread per core in each kernel, then oversubscribes the cores:
# two notebooks on the torch backend took 181 s so and 47 s with one thread per
# kernel (TensorFlow's time did not change). The kernels inherit this.
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.setdefault("OMP_NUM_THREADS", "1")


def notebook_datasets(path: Path) -> list[str]:
    """The datasets a notebook declares it loads (``metadata.cnn_course.datasets``)."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    return list(nb.get("metadata", {}).get("cnn_course", {}).get("datasets", []))


def _in_student_edition(path: Path) -> bool:
    return path.suffix == ".ipynb" and (ROOT / "student") in path.resolve().parents


def pytest_collect_file(file_path, parent):
    if _in_student_edition(Path(file_path)):
        from tests.student_edition import StudentNotebook

        return StudentNotebook.from_parent(parent, path=Path(file_path))
    return None


def pytest_collection_modifyitems(config, items):
    from tests.fast_metrics import add_metric_items
    from tests.student_edition import StudentRun
    from utils import datasets

    items[:] = [item for item in items
                if isinstance(item, StudentRun) or not _in_student_edition(Path(str(item.fspath)))]

    reasons = {}
    for item in items:
        path = Path(str(item.fspath))
        if path.suffix != ".ipynb":
            continue
        if path not in reasons:
            missing = [name for name in notebook_datasets(path) if not datasets.available(name)]
            reasons[path] = (f"{', '.join(missing)} not available offline (run `make data`, or set CNN_DATA_DIR)"
                             if missing else None)
        if reasons[path]:
            item.add_marker(pytest.mark.skip(reason=reasons[path]))
    add_metric_items(items)
