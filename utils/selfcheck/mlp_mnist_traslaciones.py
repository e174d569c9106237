"""Self-check of ``mlp_MNIST_traslaciones.ipynb``: the prediction "the MLP
will still get more than half of the test digits right once they are
shifted 4 pixels down and right", checked against the measured accuracy."""

from utils.selfcheck import Question, ask

__all__ = ["HALF", "SLIDE_SHIFTED", "check", "question"]

HALF = 0.5
SLIDE_SHIFTED = 0.0761
"""The accuracy on the shifted digits in the class's slide."""

_HINT = "responde True (seguirá acertando más de la mitad) o False (no), sin comillas."


def question(shifted_accuracy: float) -> Question:
    """The question, whose answer is what was measured: ``True`` when the
    accuracy on the shifted digits is above one half."""
    accuracy = float(shifted_accuracy)
    measured = f"con los dígitos trasladados la red acierta {accuracy:.1%}"
    if accuracy > HALF:
        return Question(
            "", True,
            why=f"Tu predicción coincide con lo medido: {measured}, más de la mitad. Es inusual: en la "
                f"diapositiva fue {SLIDE_SHIFTED}.",
            hint=_HINT,
            mistakes=((False, f"en esta ejecución lo medido dice otra cosa: {measured}, más de la mitad. Es "
                              f"inusual: en la diapositiva fue {SLIDE_SHIFTED}."),))
    return Question(
        "", False,
        why=f"Tu predicción coincide con lo medido: {measured}, menos de la mitad. Adivinando al azar entre "
            "10 dígitos se acertaría alrededor del 10 %.",
        hint=_HINT,
        mistakes=((True, f"lo medido dice otra cosa: {measured}. Para el MLP cada píxel tiene su propio peso: "
                         "el dígito trasladado enciende píxeles distintos de los que vio al entrenar."),))


def check(still_above_half, shifted_accuracy: float) -> bool:
    """The verdict of the prediction, given the measured accuracy on the shifted digits."""
    return ask((question(shifted_accuracy), still_above_half))
