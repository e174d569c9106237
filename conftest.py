"""pytest configuration shared by the unit tests and the notebook validation.

Everything runs in fast mode unless CNN_FAST is set explicitly, and notebook
kernels use the course's test IPython profile, which keeps TensorFlow's C++
start-up lines out of cell outputs.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("CNN_FAST", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["IPYTHONDIR"] = str(ROOT / "tests" / "ipython")
