"""Self-check of ``Gradientes.ipynb``: how many sigmoid layers shrink the
gradient below a thousandth, and how many layers with large weights make the
error grow more than a million times. (The kernel of two stacked 3×3
convolutions is asked in ``Como_aprende_una_CNN.ipynb``.)"""

import math
from itertools import count

from utils.selfcheck import Question, ask

__all__ = ["EXPLOSION_LAYERS", "GROWTH", "MIN_LAYERS", "QUESTIONS", "check"]

FACTOR = 0.25        # max of σ'(x), at x = 0
THRESHOLD = 1e-3     # a thousandth of the output's gradient
MIN_LAYERS = next(n for n in count(1) if FACTOR ** n < THRESHOLD)

# N(0, 1) weights, 64 inputs per neuron, half of them switched off by ReLU: each layer
# multiplies the error by about sqrt(64 · 1 · 1/2) = sqrt(32) ≈ 5.66
GROWTH = math.sqrt(64 * 0.5)
MILLION = 1e6
EXPLOSION_LAYERS = next(n for n in count(1) if GROWTH ** n > MILLION)

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
        "2.", EXPLOSION_LAYERS,
        why=f"√32^{EXPLOSION_LAYERS} = 32^{EXPLOSION_LAYERS // 2} = {GROWTH ** EXPLOSION_LAYERS:,.0f} > 10⁶, mientras "
            f"que √32^{EXPLOSION_LAYERS - 1} ≈ {GROWTH ** (EXPLOSION_LAYERS - 1):,.0f}: √32^n > 10⁶ ⇔ n > "
            f"6/log₁₀(√32) ≈ {6 / math.log10(GROWTH):.2f}, y n es un entero. En la red de 12 capas ocultas, el "
            "error que llega a la primera capa ya es gigantesco.",
        hint="busca el menor n entero con 5.66^n > 1,000,000: multiplica por 5.66 capa a capa, o despeja n con "
             "logaritmos.",
        mistakes=(
            (EXPLOSION_LAYERS - 1, "con esa cantidad de capas el error todavía no crece un millón de veces: calcula "
                                   "la potencia."),
            (6, "contaste los ceros de 10⁶, pero cada capa multiplica por ≈ 5.66, no por 10."),
            (next(n for n in count(1) if 32 ** n > MILLION), "usaste 32 (o 64) como factor por capa; el factor es "
                                                             "su raíz, √32 ≈ 5.66."),
            (12, "12 son las capas ocultas de la red; la pregunta es cuántas bastan para pasar de un millón."),
        )),
)


def check(min_layers, explosion_layers) -> bool:
    """The verdicts of questions 1. and 2."""
    return ask(*zip(QUESTIONS, (min_layers, explosion_layers), strict=True))
