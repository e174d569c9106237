"""Self-check of ``mlp_CIFAR10_gris.ipynb``: the prediction "in gray and at
28×28 (MNIST's input) the MLP will be more accurate than in colour", checked
against the accuracies the notebook uses (its own in gray, the slide's in
colour)."""

from utils.selfcheck import Question, ask

__all__ = ["SLIDE_COLOR", "SLIDE_GRAY", "check", "question"]

SLIDE_COLOR, SLIDE_GRAY = 0.4788, 0.4127
"""The test accuracies of the class's slides, in colour and in gray at 28×28."""

_HINT = "responde True (en gris y a 28 × 28 acertará más que a color) o False (igual o menos), sin comillas."


def question(gray_accuracy: float, color_accuracy: float) -> Question:
    """The question, whose answer is what was measured: ``True`` when the
    MLP in gray beat the one in colour."""
    gray, color = float(gray_accuracy), float(color_accuracy)
    measured = f"en gris y a 28 × 28 la red acierta {gray:.1%} y a color {color:.1%}"
    if gray > color:
        return Question(
            "", True,
            why=f"Tu predicción coincide con lo medido: {measured}. Es inusual: en la diapositiva "
                f"fue {SLIDE_GRAY} contra {SLIDE_COLOR}, y el color suele ayudar.",
            hint=_HINT,
            mistakes=((False, f"en esta ejecución lo medido dice otra cosa: {measured}. Es inusual: en la "
                              f"diapositiva fue {SLIDE_GRAY} contra {SLIDE_COLOR}."),))
    return Question(
        "", False,
        why=f"Tu predicción coincide con lo medido: {measured}; quitar el color y achicar la imagen no ayudó. "
            "Con las mismas 784 entradas que en MNIST, la red perdió información útil (el color) y no ganó nada a "
            "cambio.",
        hint=_HINT,
        mistakes=((True, f"lo medido dice otra cosa: {measured}. La red tiene menos entradas, pero también "
                         "menos información: piensa qué pistas daba el color (el cielo, el mar, el pasto)."),))


def check(gray_will_be_better, gray_accuracy: float, color_accuracy: float = SLIDE_COLOR) -> bool:
    """The verdict of the prediction, given the measured accuracies."""
    return ask((question(gray_accuracy, color_accuracy), gray_will_be_better))
