"""Fast/full mode and timing, for every notebook.

Fast mode (``CNN_FAST=1``, set by the tests) shrinks epochs and sample counts
through :func:`pick`; the notebooks' code is otherwise identical in both
modes. Full mode is what students run and what the stored outputs show.
"""

from __future__ import annotations

import os
import time

__all__ = ["FAST", "FAST_MODE_BANNER", "ClaimNotShownError", "Timer", "claim", "pick", "start"]

_TRUE_WORDS = {"1", "true", "yes", "on"}
_FALSE_WORDS = {"", "0", "false", "no", "off"}


def _env_flag(name: str) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if value in _TRUE_WORDS:
        return True
    if value in _FALSE_WORDS:
        return False
    raise ValueError(f"{name}={value!r}: expected one of 1/0, true/false, yes/no, on/off")


FAST: bool = _env_flag("CNN_FAST")
"""True when the course runs in fast mode (``CNN_FAST=1``)."""

FAST_MODE_BANNER = "Modo rápido (CNN_FAST=1): subconjuntos pequeños y pocas épocas, solo para las pruebas."
"""What :func:`start` prints in fast mode, so a fast-mode output never passes
for a real one (the hygiene tests look for it in the stored notebooks)."""


def pick(full, fast):
    """Return ``fast`` in fast mode and ``full`` otherwise.

    >>> epochs = pick(full=20, fast=1)
    """
    return fast if FAST else full


def start() -> None:
    """What a notebook's setup cell calls: the course's figure style, and in
    fast mode a line saying so. Imports nothing heavy (no Keras)."""
    # TensorFlow reads this when it is first imported, in a later cell.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from utils import plots

    plots.set_style()
    if FAST:
        print(FAST_MODE_BANNER)


class Timer:
    """Context manager measuring wall-clock seconds.

    >>> with Timer() as t:
    ...     model.fit(...)
    >>> t.seconds
    """

    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.start


class ClaimNotShownError(AssertionError):
    """A sentence of the lesson about a run that this run does not show."""


def claim(holds, statement: str) -> None:
    """Check, in full mode, a sentence the lesson says about a run.

    A lesson that writes "la pérdida de validación baja en cada época" puts
    ``claim(all(np.diff(val_loss) < 0), "la pérdida de validación baja en cada
    época")`` in the cell that shows it. In full mode a run that does not show
    it stops the notebook with the sentence, so the prose never contradicts
    the outputs beside it. Fast mode trains too little for such sentences to
    hold, so there the check is skipped (the fast-mode asserts stay).

    >>> claim(val_loss[-1] < val_loss[0], "la pérdida de validación baja")
    """
    if not isinstance(statement, str) or not statement.strip():
        raise ValueError(f"statement={statement!r}: expected the sentence the lesson says, as a non-empty str")
    try:
        verdict = bool(holds)
    except Exception as error:  # numpy arrays of several values, for instance
        raise ValueError(f"holds={holds!r}: expected one truth value (use all(...) or any(...))") from error
    if FAST or verdict:
        return
    raise ClaimNotShownError(
        f"Esta ejecución no muestra lo que dice el texto: «{statement}». "
        "Revisa la salida de esta celda: si tu ejecución es distinta, el texto no vale para ella."
    )
