"""Self-check of ``Gradientes.ipynb``: how many sigmoid layers shrink the
gradient below a thousandth, and the kernel that two stacked 3×3 convolutions
without activation amount to."""

import math
from itertools import count

from utils.selfcheck import Question, ask

__all__ = ["KERNEL_SIZE", "MIN_LAYERS", "QUESTIONS", "check"]

FACTOR = 0.25        # max of σ'(x), at x = 0
THRESHOLD = 1e-3     # a thousandth of the output's gradient
K1 = K2 = 3          # two 3×3 convolutions

MIN_LAYERS = next(n for n in count(1) if FACTOR ** n < THRESHOLD)
KERNEL_SIZE = K1 + K2 - 1   # the size of the full convolution of the two kernels

QUESTIONS = (
    Question(
        "1.", MIN_LAYERS,
        why=f"0.25^{MIN_LAYERS} = {FACTOR ** MIN_LAYERS:.1e} < 1e-3, mientras que 0.25^{MIN_LAYERS - 1} = "
            f"{FACTOR ** (MIN_LAYERS - 1):.1e}: 0.25^n < 0.001 ⇔ n > log(0.001)/log(0.25) ≈ "
            f"{math.log(THRESHOLD) / math.log(FACTOR):.2f}, y n es un entero.",
        hint="busca el menor n entero con 0.25^n < 0.001: prueba potencias de 0.25, o despeja n con logaritmos.",
        mistakes=(
            (MIN_LAYERS - 1, "con esa cantidad de capas 0.25^n todavía no baja de una milésima: calcula la potencia."),
            (3, "contaste los ceros de 10⁻³, pero cada capa divide por 4, no por 10."),
            (next(n for n in count(1) if 0.5 ** n < THRESHOLD), "usaste 0.5 como factor por capa; la cota de la "
                                                                "derivada de la sigmoide es 0.25."),
        )),
    Question(
        "2.", KERNEL_SIZE,
        why=f"K = {K1} + {K2} − 1 = {KERNEL_SIZE}: cada salida de la segunda capa «ve» {K2} valores de la primera, "
            f"y cada uno de ésos «ve» {K1} píxeles; el núcleo equivalente es la convolución completa de los dos "
            f"núcleos, de {KERNEL_SIZE}×{KERNEL_SIZE}.",
        hint="piensa cuántos píxeles de la entrada, por lado, influyen en una salida de la segunda convolución.",
        mistakes=(
            (K1 + K2, "sumaste los tamaños, pero las dos ventanas comparten un píxel: falta el «− 1»."),
            (K1 * K2, "los tamaños no se multiplican: cada convolución agranda la ventana en K − 1 píxeles."),
            (K1, "sin activación, dos convoluciones son una sola, pero más grande: cada salida de la segunda mira "
                 "una ventana de la primera, y cada valor de esa ventana mira otra ventana de la entrada."),
        )),
)


def check(min_layers, kernel_size) -> bool:
    """The verdicts of questions 1. and 2."""
    return ask(*zip(QUESTIONS, (min_layers, kernel_size), strict=True))
