"""Self-check of ``mlp_CIFAR10_gris.ipynb``: the prediction "in gray the MLP
will be more accurate than in colour", checked against the accuracies the
notebook measures (its own in gray, the slide's in colour)."""

from utils.selfcheck import Question, ask

__all__ = ["SLIDE_COLOR", "SLIDE_GRAY", "check", "question"]

SLIDE_COLOR, SLIDE_GRAY = 0.4788, 0.4127
"""The test accuracies of the class's slides, in colour and in gray."""

_HINT = "responde True (en gris acertará más que a color) o False (igual o menos), sin comillas."


def question(gray_accuracy: float, color_accuracy: float) -> Question:
    """The question, whose answer is what was measured: ``True`` when the
    MLP in gray beat the one in colour."""
    gray, color = float(gray_accuracy), float(color_accuracy)
    measured = f"en gris la red acierta {gray:.1%} y a color {color:.1%}"
    if gray > color:
        return Question(
            "", True,
            why=f"Tu predicción coincide con lo medido: {measured}. Es inusual: en clase fue "
                f"{SLIDE_GRAY} contra {SLIDE_COLOR}, y el color suele ayudar.",
            hint=_HINT,
            mistakes=((False, f"en esta corrida lo medido dice otra cosa: {measured}. Es inusual: en clase fue "
                              f"{SLIDE_GRAY} contra {SLIDE_COLOR}."),))
    return Question(
        "", False,
        why=f"Tu predicción coincide con lo medido: {measured}; quitar el color empeoró. Menos entradas no "
            "ayudaron: la red perdió información útil (el color) y nada más.",
        hint=_HINT,
        mistakes=((True, f"lo medido dice otra cosa: {measured}. La red tiene menos entradas, pero también menos "
                         "información: piensa qué pistas daba el color (el cielo, el mar, el pasto)."),))


def check(gray_will_be_better, gray_accuracy: float, color_accuracy: float = SLIDE_COLOR) -> bool:
    """The verdict of the prediction, given the measured accuracies."""
    return ask((question(gray_accuracy, color_accuracy), gray_will_be_better))
