"""Self-check of ``mlp_CIFAR10.ipynb``: the accuracy of guessing one of the
10 classes at random, the reference for the MLP's measured accuracy."""

from utils.selfcheck import Question, ask

__all__ = ["CHANCE_ACCURACY", "N_CLASSES", "check"]

N_CLASSES = 10
"""CIFAR-10's classes, all with the same number of test images."""

CHANCE_ACCURACY = Question(
    "", 1 / N_CLASSES,
    why=f"Con {N_CLASSES} clases igual de frecuentes, adivinando al azar se acierta 1 de cada {N_CLASSES}: "
        f"1/{N_CLASSES} = {1 / N_CLASSES:g} ({1 / N_CLASSES:.0%}).",
    hint="si eliges una clase al azar sin mirar la imagen, ¿con qué probabilidad eliges la correcta? Piensa "
         "en cuántas clases hay.",
    mistakes=((100 / N_CLASSES, "escríbela como fracción entre 0 y 1, no como porcentaje."),
              (0.5, "eso es lo que logra el MLP; la pregunta es por una red que adivina sin mirar la imagen."),
              (0, "adivinando al azar también se acierta a veces: de vez en cuando la clase elegida es la "
                  "correcta."),
              (1 / (N_CLASSES - 1), "la clase correcta también es una de las opciones: ¿entre cuántas "
                                    "clases eliges?")),
    tolerance=1e-3)


def check(chance_accuracy, test_accuracy) -> bool:
    """The verdict of the question; after a right answer, how the MLP's
    measured ``test_accuracy`` compares with chance."""
    right = ask((CHANCE_ACCURACY, chance_accuracy))
    if right:
        chance = CHANCE_ACCURACY.expected
        print(f"Nuestro MLP ({test_accuracy:.1%}) es unas {test_accuracy / chance:.1f} veces mejor que el azar: "
              f"aprendió algo, pero todavía se equivoca en el {1 - test_accuracy:.0%} de las imágenes.")
    return right
