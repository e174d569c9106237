"""Self-check of ``MNIST_Aplicar_modelo.ipynb``: the shapes of the feature maps
of the 8,954-parameter CNN (``models.cnn_8954``) and the size of one of its
learned kernels, computed with the slide formulas."""

from utils import convmath
from utils.selfcheck import Question, ask

__all__ = ["QUESTIONS", "check"]

BATCH = 5                                                  # x_test[:5]
CONV_1 = convmath.conv_output_size(28, 3)                  # 26
POOL_1 = convmath.conv_output_size(CONV_1, 2, stride=2)    # 13
CONV_2 = convmath.conv_output_size(POOL_1, 3)              # 11
POOL_2 = convmath.conv_output_size(CONV_2, 2, stride=2)    # 5
FILTERS_1, FILTERS_2 = 32, 16

_KERNEL_2 = 3 * 3 * FILTERS_1
QUESTIONS = (
    Question(
        "a)", (BATCH, CONV_1, CONV_1, FILTERS_1),
        why=f"el extractor, como predict, devuelve un lote: una salida por cada una de las {BATCH} imágenes, "
            f"cada una con {FILTERS_1} mapas de (28 − 3) + 1 = {CONV_1} → ({BATCH}, {CONV_1}, {CONV_1}, {FILTERS_1}).",
        hint="escribe (lote, alto, ancho, mapas): el alto sale de la fórmula del tamaño de la salida y hay un "
             "mapa por filtro.",
        mistakes=(
            ((1, CONV_1, CONV_1, FILTERS_1), "el primer eje cuenta las imágenes del lote: x_test[:5] tiene 5."),
            ((BATCH, 28, 28, FILTERS_1), "sin relleno, una convolución 3×3 le quita 2 píxeles al lado."),
            ((BATCH, CONV_1, CONV_1, 1), "conv_1 da un mapa por filtro, no uno por canal de la imagen."),
            ((BATCH, POOL_1, POOL_1, FILTERS_1), "ésa es la salida de max_pool_1; la pregunta es por conv_1, "
                                                 "antes del pooling."),
        )),
    Question(
        "b)", _KERNEL_2,
        why=f"cada filtro de conv_2 mira, en una ventana de 3×3, los {FILTERS_1} mapas que salen de max_pool_1: "
            f"3·3·{FILTERS_1} = {_KERNEL_2} pesos (más 1 sesgo). Los {FILTERS_2} filtros suman "
            f"{FILTERS_2}·{_KERNEL_2} + {FILTERS_2} = {convmath.conv_params(3, FILTERS_1, FILTERS_2):,} parámetros.",
        hint="un filtro de K×K tiene un plano de pesos por cada canal que entra a la capa.",
        mistakes=(
            (3 * 3, "eso es un plano: el filtro de conv_2 tiene uno por cada mapa que le llega de max_pool_1."),
            (_KERNEL_2 + 1, "la pregunta es por los pesos del filtro, sin el sesgo."),
            (_KERNEL_2 * FILTERS_2, "ésos son los pesos de todos los filtros de conv_2; la pregunta es por uno."),
            (convmath.conv_params(3, FILTERS_1, FILTERS_2), "ésos son todos los parámetros de conv_2; la pregunta "
                                                            "es por los pesos de un filtro."),
            (3 * 3 * FILTERS_2, "usaste los filtros de conv_2; la profundidad del filtro es la cantidad de mapas "
                                "que entran a la capa."),
        )),
    Question(
        "c)", CONV_2 * CONV_2 * FILTERS_2,
        why=f"max_pool_1 entrega {POOL_1}×{POOL_1}×{FILTERS_1}; conv_2, sin relleno, da ({POOL_1} − 3) + 1 = "
            f"{CONV_2} por lado y un mapa por filtro: {CONV_2}·{CONV_2}·{FILTERS_2} = {CONV_2 * CONV_2 * FILTERS_2:,}.",
        hint="calcula la forma (alto, ancho, mapas) de la salida de conv_2 y multiplica.",
        mistakes=(
            (CONV_2 * CONV_2 * FILTERS_1, "conv_2 da un mapa por filtro (tiene 16), no uno por mapa de entrada."),
            (POOL_2 * POOL_2 * FILTERS_2, "ésos son los valores después de max_pool_2, lo que se aplana."),
            (POOL_1 * POOL_1 * FILTERS_2, "conv_2, sin relleno, le quita 2 píxeles al lado a los mapas que recibe."),
            (CONV_2 * CONV_2, "eso es un mapa: conv_2 da uno por filtro."),
            (CONV_1 * CONV_1 * FILTERS_1, "ésa es la salida de conv_1; conv_2 viene después del primer pooling."),
        )),
)


def check(a, b, c) -> bool:
    """The verdicts of questions a)–c)."""
    return ask(*zip(QUESTIONS, (a, b, c), strict=True))
