"""Self-check of ``Convolucion_3_canales.ipynb``: the output shape and the
parameters of a ``Conv2D`` with 16 filters of 5×5 on a 32×32×3 CIFAR-10 image,
padding 2 and stride 2."""

from utils import convmath
from utils.selfcheck import Question, ask

__all__ = ["OUTPUT_SHAPE", "PARAMETERS", "C", "F", "K", "N", "P", "S", "check"]

N, C, F, K, P, S = 32, 3, 16, 5, 2, 2
"""Input side and channels, filters, kernel size, padding and stride of the question."""

_T = convmath.conv_output_size(N, K, padding=P, stride=S)
_WEIGHTS = K * K * C

OUTPUT_SHAPE = Question(
    "1.", (_T, _T, F),
    why=f"T = ⌊({N} + 2·{P} - {K}) / {S}⌋ + 1 = ⌊{(N + 2 * P - K) / S:g}⌋ + 1 = {_T}, y la profundidad es "
        f"la cantidad de filtros ({F}), no la de canales ({C}): ({_T}, {_T}, {F}).",
    hint=f"calcula T con ⌊(N + 2P - K) / S⌋ + 1 (N = {N}, K = {K}, P = {P}, S = {S}) y piensa cuántos planos "
         "produce cada filtro.",
    mistakes=(((_T, _T, C), "la profundidad de la salida es la cantidad de filtros, no la de canales de la "
                            "entrada."),
              ((_T, _T, F * C), f"cada filtro da un solo plano: sus {C} canales se suman."),
              (((N + 2 * P - K) // S,) * 2 + (F,), "falta el «+ 1»: la primera posición del filtro también "
                                                   "cuenta."),
              ((convmath.conv_output_size(N, K, stride=S),) * 2 + (F,), "olvidaste el relleno: suma 2P a N."),
              ((convmath.conv_output_size(N, K, padding=P),) * 2 + (F,), "olvidaste el paso: divide por S "
                                                                        "antes de sumar 1."),
              (((N + 2 * P - K) / S + 1,) * 2 + (F,), "el tamaño es un entero: redondea hacia abajo antes de "
                                                      "sumar 1.")))

PARAMETERS = Question(
    "2.", convmath.conv_params(K, C, F),
    why=f"Cada filtro tiene {K}·{K}·{C} = {_WEIGHTS} pesos (un plano de {K}×{K} por canal) y 1 sesgo: "
        f"{F}·{_WEIGHTS} + {F} = {convmath.conv_params(K, C, F):,}. No depende del tamaño de la imagen.",
    hint="cuenta los pesos de un filtro (K·K·canales de entrada), multiplica por la cantidad de filtros y suma "
         "los sesgos.",
    mistakes=((F * _WEIGHTS, "faltan los sesgos: uno por filtro."),
              (F * _WEIGHTS + 1, "hay un sesgo por filtro, no uno por capa."),
              (F * _WEIGHTS + F * C, "cada filtro tiene un solo sesgo, no uno por canal."),
              (convmath.conv_params(K, 1, F), "cada filtro tiene un plano de K×K por cada canal de la entrada."),
              (_WEIGHTS + 1, f"eso es un filtro: la capa tiene {F}."),
              (_T * _T * F, "eso es la cantidad de valores de la salida; los parámetros son los pesos y sesgos "
                            "de los filtros.")))


def check(shape, parameters) -> bool:
    """The verdicts of questions 1 and 2."""
    return ask((OUTPUT_SHAPE, shape), (PARAMETERS, parameters))
