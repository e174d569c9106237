"""The self-checks and exercise checks of the lessons.

A lesson's questions live in the module named after its notebook
(``utils.selfcheck.convolucion_2d`` for ``Convolucion_2D.ipynb``), so the
reasoning behind each answer is not in the notebook the student reads: it is
printed only after a right answer. The machinery is here:

- :class:`Question`: one question of a "¿Cómo chequear si entendí?" section,
  with its answer, the typical wrong answers and what each one means, a hint
  for any other wrong answer, and the reasoning;
- :func:`ask`: prints one verdict per question: a prompt while the answer is
  still ``None``, the hint or the mistake for a wrong answer, "¡Correcto!" and
  the reasoning for a right one. It never raises: self-checks are not graded;
- :func:`require` and :func:`passed`: the exercise checks. ``require`` raises
  :class:`ExerciseNotPassed` with a Spanish message that says what is wrong
  (nbgrader counts a graded cell that raises as failed), ``passed`` prints
  "¡Correcto!" with what the solution shows.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["CORRECT", "PROMPT", "ExerciseNotPassed", "Question", "as_numpy", "ask", "layer_activation", "passed",
           "require", "same"]

CORRECT = "¡Correcto!"
PROMPT = "Escribe tu respuesta en la celda de arriba y vuelve a ejecutar esta celda."


class ExerciseNotPassed(AssertionError):
    """An exercise's check failed; the message says what to fix, in Spanish."""

    def _render_traceback_(self):  # IPython's hook: these lines instead of a traceback
        return [f"\x1b[31mTodavía no\x1b[0m: {self}"]


def require(condition: bool, message: str) -> None:
    """Raise :class:`ExerciseNotPassed` with ``message`` unless ``condition`` holds."""
    if not condition:
        raise ExerciseNotPassed(message)


def as_numpy(tensor) -> np.ndarray:
    """A model's output as a numpy array on any Keras backend (``np.asarray``
    refuses a PyTorch tensor that requires grad)."""
    import keras

    return keras.ops.convert_to_numpy(tensor)


def layer_activation(layer) -> str:
    """The activation a Keras layer applies: its ``activation``, or what a
    ``Softmax``/``ReLU`` layer is; "linear" for none."""
    import keras

    if isinstance(layer, keras.layers.Softmax):
        return "softmax"
    if isinstance(layer, keras.layers.ReLU):
        return "relu"
    return getattr(getattr(layer, "activation", None), "__name__", "linear")


def passed(label: str, why: str) -> None:
    """Print the verdict of an exercise whose checks all held."""
    print(f"{label}: {CORRECT} {why}")


def _text(value: str) -> str:
    """``value`` lower-cased, without accents, quotes or surrounding blanks."""
    value = unicodedata.normalize("NFKD", value.strip().strip("\"'«»").strip().lower())
    return "".join(c for c in value if not unicodedata.combining(c))


def _is_number(value) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def same(answer, expected, tolerance: float = 1e-9) -> bool:
    """Whether ``answer`` equals ``expected``: numbers within ``tolerance``,
    text without regard to case, accents or quotes, sequences element by
    element (a list and a tuple, or an array, with the same values are the
    same answer)."""
    if isinstance(expected, (bool, np.bool_)):
        return isinstance(answer, (bool, np.bool_)) and bool(answer) == bool(expected)
    if isinstance(expected, str):
        return isinstance(answer, str) and _text(answer) == _text(expected)
    if _is_number(expected):
        return _is_number(answer) and math.isclose(float(answer), float(expected), rel_tol=0, abs_tol=tolerance)
    if isinstance(expected, (Sequence, np.ndarray)):
        if isinstance(answer, str) or not isinstance(answer, (Sequence, np.ndarray)):
            return False
        try:
            answer_array = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            return False
        expected_array = np.asarray(expected, dtype=float)
        return answer_array.shape == expected_array.shape and bool(
            np.allclose(answer_array, expected_array, rtol=0, atol=tolerance))
    try:
        return bool(answer == expected)
    except (TypeError, ValueError):  # an array against a scalar, say
        return False


def _kind_mismatch(answer, expected) -> str | None:
    """A hint when the answer is not even of the kind the question asks for."""
    if isinstance(expected, (bool, np.bool_)) and not isinstance(answer, (bool, np.bool_)):
        return "escribe True o False, sin comillas."
    if _is_number(expected) and not _is_number(answer):
        if isinstance(answer, str):
            return "escribe un número, sin comillas."
        return f"escribe un número (escribiste {answer!r})."
    if isinstance(expected, str) and not isinstance(answer, str):
        return "escribe la respuesta entre comillas, como texto."
    if isinstance(expected, (Sequence, np.ndarray)) and not isinstance(expected, str):
        if isinstance(answer, str) or not isinstance(answer, (Sequence, np.ndarray)):
            return f"escribe {len(expected)} valores entre paréntesis o corchetes, separados por comas."
        if np.ndim(answer) != np.ndim(expected) or np.shape(answer) != np.shape(expected):
            return f"la respuesta tiene forma {np.shape(answer)}; se esperan {np.shape(expected)} valores."
    return None


@dataclass(frozen=True)
class Question:
    """One question of a self-check.

    ``mistakes`` pairs typical wrong answers with what each one reveals;
    ``hint`` is for every other wrong answer and never gives the answer away;
    ``why`` is the reasoning, printed after a right answer only.
    """

    label: str
    expected: Any
    why: str
    hint: str
    mistakes: tuple[tuple[Any, str], ...] = field(default=())
    tolerance: float = 1e-9

    def __post_init__(self):  # a "mistake" that happens to be the answer (or a repeat) is no mistake
        kept = []
        for wrong, meaning in self.mistakes:
            if not same(wrong, self.expected, self.tolerance) and not any(
                    same(wrong, other, self.tolerance) for other, _ in kept):
                kept.append((wrong, meaning))
        object.__setattr__(self, "mistakes", tuple(kept))

    def verdict(self, answer) -> tuple[str, str]:
        """``("missing" | "right" | "wrong", the text to print)``."""
        if answer is None:
            return "missing", PROMPT
        if same(answer, self.expected, self.tolerance):
            return "right", f"{CORRECT} {self.why}"
        for wrong, meaning in self.mistakes:
            if same(answer, wrong, self.tolerance):
                return "wrong", f"Todavía no: {meaning}"
        mismatch = _kind_mismatch(answer, self.expected)
        if mismatch:
            return "wrong", f"Todavía no: {mismatch}"
        return "wrong", f"Todavía no: {self.hint}"


def ask(*pairs: tuple[Question, Any]) -> bool:
    """Print the verdict for each ``(question, answer)``; True when all are right.

    While every answer is still ``None`` it prints the prompt once.
    """
    verdicts = [(question, *question.verdict(answer)) for question, answer in pairs]
    if all(status == "missing" for _, status, _ in verdicts):
        print(PROMPT)
        return False
    for question, _, text in verdicts:
        print(f"{question.label} {text}" if question.label else text)
    return all(status == "right" for _, status, _ in verdicts)
