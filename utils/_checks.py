"""The argument checks every public function of ``utils`` uses.

Each check returns the value in a plain form (a Python ``int``, a numpy
array...) or raises a short English error that names the argument, shows the
value and says what was expected: ``TypeError`` for a value of the wrong kind,
``ValueError`` for a value of the right kind out of its range. NumPy scalars
are accepted wherever a Python number or bool is (``np.int64(3)``,
``np.float32(0.5)``, ``np.True_``); a bool is never taken for an int.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np


def show(value) -> str:
    """A short description of ``value`` for an error message."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    if "\n" in text:  # an object holding arrays: its kind says enough
        return f"a {type(value).__name__}"
    return text if len(text) <= 60 else text[:57] + "..."


def is_int(value) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def integer(value, name: str, minimum: int | None = None, maximum: int | None = None, what: str = "") -> int:
    """``value`` as an int within ``minimum``..``maximum`` (each optional)."""
    if minimum is not None and maximum is not None:
        expected = what or f"an int in {minimum}..{maximum}"
    elif minimum == 1:
        expected = what or "a positive int"
    elif minimum == 0:
        expected = what or "an int >= 0"
    elif minimum is not None:
        expected = what or f"an int >= {minimum}"
    elif maximum is not None:
        expected = what or f"an int <= {maximum}"
    else:
        expected = what or "an int"
    if not is_int(value):
        raise TypeError(f"{name}={show(value)}: expected {expected}")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ValueError(f"{name}={show(value)}: expected {expected}")
    return int(value)


def positive_int(value, name: str) -> int:
    """``value`` as an int >= 1."""
    return integer(value, name, minimum=1)


def non_negative_int(value, name: str) -> int:
    """``value`` as an int >= 0."""
    return integer(value, name, minimum=0)


def int_in_range(value, name: str, low: int, high: int, context: str = "") -> int:
    """``value`` as an int in ``low..high`` (both included); ``context`` is
    added to the message, e.g. ``"(the output is 3×3)"``."""
    what = f"an int in {low}..{high}" + (f" {context}" if context else "")
    if high < low:
        if not is_int(value):
            raise TypeError(f"{name}={show(value)}: expected an int")
        raise ValueError(f"{name}={show(value)}: nothing to choose from {context}".rstrip())
    return integer(value, name, minimum=low, maximum=high, what=what)


def number(value, name: str, minimum: float | None = None, maximum: float | None = None,
           above: float | None = None, below: float | None = None) -> float:
    """``value`` as a finite float: ``minimum <= value <= maximum`` and
    ``above < value < below`` (each optional)."""
    bounds = []
    if minimum is not None:
        bounds.append(f">= {minimum:g}")
    if above is not None:
        bounds.append(f"> {above:g}")
    if maximum is not None:
        bounds.append(f"<= {maximum:g}")
    if below is not None:
        bounds.append(f"< {below:g}")
    expected = "a finite number" + (f" {' and '.join(bounds)}" if bounds else "")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name}={show(value)}: expected {expected}")
    value = float(value)
    if (not math.isfinite(value) or (minimum is not None and value < minimum)
            or (maximum is not None and value > maximum) or (above is not None and value <= above)
            or (below is not None and value >= below)):
        raise ValueError(f"{name}={show(value)}: expected {expected}")
    return value


def boolean(value, name: str) -> bool:
    """``value`` as a bool (``True``/``False`` or a numpy bool, not 0/1 or "no")."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name}={show(value)}: expected True or False")
    return bool(value)


def one_of(value, name: str, choices: Sequence):
    """``value`` if it is one of ``choices`` (of the choice's type: 1 is not 1.0 or True)."""
    for choice in choices:
        if isinstance(value, type(choice)) and not isinstance(value, (bool, np.bool_)) and value == choice:
            return choice
    raise ValueError(f"{name}={show(value)}: expected one of {', '.join(map(repr, choices))}")


def text(value, name: str, allow_none: bool = False, non_empty: bool = False) -> str | None:
    """``value`` as a str (or None when ``allow_none``)."""
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name}={show(value)}: expected a str" + (" or None" if allow_none else ""))
    if non_empty and not value.strip():
        raise ValueError(f"{name}={show(value)}: expected a non-empty str")
    return value


def path(value, name: str) -> Path:
    """``value`` (a str or path) as a :class:`~pathlib.Path`."""
    if not isinstance(value, (str, os.PathLike)) or (isinstance(value, str) and not value.strip()):
        raise TypeError(f"{name}={show(value)}: expected a folder path (str or pathlib.Path)")
    return Path(value).expanduser()


def names(value, name: str, allow_none: bool = True) -> list | None:
    """A list of labels (class names, titles): a list, tuple or array, not a
    single string."""
    if value is None and allow_none:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
        raise TypeError(f"{name}={show(value)}: expected a list of names (one per item)")
    return list(value)


def numeric_array(value, name: str, ndim: int | tuple[int, ...] | None = None, shape: str | None = None,
                  non_empty: bool = False, finite: bool = False) -> np.ndarray:
    """``value`` as a numeric numpy array (bools become 0/1 ints).

    ``ndim`` is the allowed number(s) of dimensions, ``shape`` how the message
    writes what is expected (``"H×W or H×W×C"``); ``non_empty`` rejects an
    array with no elements and ``finite`` one with NaN or infinite values."""
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"{name}: not an array of one shape ({error})") from None
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
        if array.ndim == 0:
            raise TypeError(f"{name}={show(value)}: expected a numeric array")
        raise TypeError(f"{name} must be a numeric array, got dtype {array.dtype}")
    if np.iscomplexobj(array):
        raise TypeError(f"{name} must be a real array, got dtype {array.dtype}")
    if array.dtype == bool:
        array = array.astype(np.int64)
    allowed = (ndim,) if isinstance(ndim, int) else ndim
    if allowed is not None and array.ndim not in allowed:
        expected = shape or " or ".join(f"{n}-D" for n in allowed) + " array"
        raise ValueError(f"{name} has shape {array.shape}: expected {expected}")
    if non_empty and array.size == 0:
        raise ValueError(f"{name} has shape {array.shape}: expected at least one value")
    if finite and not np.isfinite(array).all():
        raise ValueError(f"{name} has NaN or infinite values: expected finite numbers")
    return array


def class_labels(value, name: str) -> np.ndarray:
    """Integer class labels ``0, 1, 2...`` as a 1-D int64 array: an (N,)
    or (N, 1) array of ints, or of floats that are whole numbers. Float
    fractions (probabilities) and negative numbers are refused, not truncated."""
    array = numeric_array(value, name)
    if array.ndim == 2 and array.shape[1] == 1:
        array = array[:, 0]
    if array.ndim != 1:
        hint = "; for probabilities or one-hot rows take .argmax(axis=-1)" if array.ndim == 2 else ""
        raise ValueError(f"{name} has shape {array.shape}: expected one class label per example, (N,) or (N, 1)"
                         + hint)
    if not np.issubdtype(array.dtype, np.integer):
        if not np.isfinite(array).all():
            raise ValueError(f"{name} has NaN or infinite values: expected integer class labels")
        fractional = array[array != np.round(array)]
        if fractional.size:
            raise ValueError(f"{name} has non-integer values (e.g. {fractional[0]:g}): expected integer class "
                             "labels; for probabilities take .argmax(axis=-1)")
    if array.size and array.min() < 0:
        raise ValueError(f"{name} has negative values (e.g. {array.min():g}): expected class labels 0, 1, 2...")
    return array.astype(np.int64)
