"""Self-check of ``LeNet5_MNIST_mejor_configuracion.ipynb``: how many pixels
``RandomTranslation(0.08, 0.08)`` shifts, at most, the 32×32 image (28×28
with the border of zeros) that it receives. The notebook measures it with a
probe; ``check`` takes the answer and that measurement."""

from __future__ import annotations

from utils.selfcheck import Question, ask

__all__ = ["FACTOR", "QUESTION", "SIZE", "TOLERANCE", "check", "question"]

FACTOR = 0.08        # RandomTranslation(0.08, 0.08)
SIZE = 32            # 28 px + 2 px of zeros on each side (ZeroPadding2D(2))
ORIGINAL_SIZE = 28
TOLERANCE = 0.15     # px: the notebook accepted any answer this close
SLIDE_COMMENT = 4    # the slide's comment: «traslación ±4 px»

_MISTAKES = (
    (FACTOR * ORIGINAL_SIZE, "usaste los 28 px del dígito original, pero la capa recibe la imagen con el borde "
                             "de ceros."),
    (SLIDE_COMMENT, "eso dice el comentario de la diapositiva: haz la cuenta con el factor y el tamaño de la imagen "
                    "que recibe la capa."),
    (FACTOR, "0.08 es una fracción del tamaño, no una cantidad de píxeles: multiplícala por el lado de la imagen."),
    (FACTOR * 100, "0.08 es el 8 % del lado, no 8 píxeles."),
    (2 * FACTOR * SIZE, "contaste el recorrido entero, de un extremo al otro; la pregunta es cuánto se traslada, como "
                        "máximo, hacia un lado."),
    (FACTOR * SIZE / 2, "el factor ya es el corrimiento máximo hacia cada lado: multiplícalo por el lado entero, "
                        "no por la mitad."),
    (3, "no redondees: la capa interpola y puede correr la imagen una fracción de píxel; escribe el valor con "
        "decimales."),
)


def question(measured_px: float | None = None) -> Question:
    """The question; ``measured_px``, the largest shift the probe measured,
    is quoted in the reasoning."""
    measured = "" if measured_px is None else f" La sonda midió {float(measured_px):.2f} px."
    return Question(
        "", FACTOR * SIZE,
        why=f"{FACTOR} · {SIZE} = {FACTOR * SIZE:.2f} px: la fracción se aplica a los {SIZE} px de la imagen con "
            f"borde, no a los {ORIGINAL_SIZE} del dígito original ni a los {SLIDE_COMMENT} px del comentario."
            + measured,
        hint="el factor es una fracción del alto (y del ancho) de la imagen que recibe la capa: ¿cuánto mide esa "
             "imagen en nuestro modelo?",
        mistakes=_MISTAKES, tolerance=TOLERANCE)


QUESTION = question()


def check(answer_px, measured_px: float) -> bool:
    """The verdict on ``answer_px``, the largest shift in pixels; ``measured_px``
    is what the notebook's probe measured."""
    return ask((question(measured_px), answer_px))
