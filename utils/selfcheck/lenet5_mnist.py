"""Self-check of ``LeNet5_MNIST.ipynb``: what happens to LeNet-5's accuracy on
test digits shifted 4 px (a prediction: the right choice depends on the
accuracy the notebook measured, so the question is built inside ``check``)."""

from __future__ import annotations

import math

from utils.selfcheck import Question, _is_number, ask

__all__ = ["AT_SLIDE_ACCURACY", "OPTIONS", "SLIDE_ACCURACY", "check", "question", "right_option"]

OPTIONS = {  # choice: (lowest accuracy, highest accuracy, what it says)
    "a": (0.95, 1.0, "casi nada (sigue cerca del 99 %)"),
    "b": (0.5, 0.95, "baja un poco (queda entre 50 % y 95 %)"),
    "c": (0.0, 0.5, "se derrumba, como la del MLP (queda por debajo del 50 %)"),
}

_WHY = {
    "a": "LeNet-5 casi no lo nota: la convolución detecta los trazos en su nueva posición y, en esta red, lo que "
         "llega a las capas densas cambió poco.",
    "b": "baja, pero no se derrumba como la del MLP: la convolución detecta los trazos en su nueva posición, y las "
         "capas densas del final, que esperan cada trazo donde lo vieron al entrenar, se confunden con parte de "
         "los dígitos.",
    "c": "LeNet-5 también falla: la convolución detecta los trazos en su nueva posición, pero las capas densas del "
         "final esperan cada trazo en el lugar donde lo vieron al entrenar.",
}

_MISTAKE = {
    "a": "la convolución recorre toda la imagen, pero después vienen el Flatten y las capas densas, que atan cada "
         "valor a una posición. Compara con la exactitud medida arriba.",
    "b": "«b» es para una exactitud entre 50 % y 95 %: compárala con la medida arriba.",
    "c": "«c» es para una exactitud por debajo del 50 %: compárala con la medida arriba.",
}


def right_option(shifted_accuracy: float) -> str:
    """The choice that the measured accuracy on shifted digits makes right."""
    if not _is_number(shifted_accuracy) or not 0 <= shifted_accuracy <= 1 or math.isnan(shifted_accuracy):
        raise ValueError(f"shifted_accuracy={shifted_accuracy!r}: expected the measured accuracy, from 0 to 1")
    return "a" if shifted_accuracy >= 0.95 else "b" if shifted_accuracy >= 0.5 else "c"


def question(shifted_accuracy: float) -> Question:
    """The question, with its answer set by the measured accuracy."""
    right = right_option(shifted_accuracy)
    return Question(
        "", right,
        why=f"la respuesta es «{right}»: con los dígitos trasladados 4 px la exactitud medida es "
            f"{float(shifted_accuracy):.4f}. {_WHY[right]}",
        hint="elige una de las tres opciones: «a», «b» o «c».",
        mistakes=tuple((option, meaning) for option, meaning in _MISTAKE.items() if option != right))


SLIDE_ACCURACY = 0.1392  # the slide's accuracy on the shifted digits
AT_SLIDE_ACCURACY = question(SLIDE_ACCURACY)


def check(answer, shifted_accuracy: float) -> bool:
    """The verdict on ``answer`` ("a", "b" or "c"), given the accuracy the
    notebook measured on the test digits shifted 4 px."""
    return ask((question(shifted_accuracy), answer))
