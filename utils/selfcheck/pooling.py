"""Self-check of ``Pooling.ipynb``: the 2×2 max pooling of a 4×4 matrix and
the side of a 13×13 image after ``MaxPooling2D(pool_size=2)``."""

import numpy as np

from utils import convmath
from utils.selfcheck import Question, ask

__all__ = ["MATRIX", "MAX_POOL", "POOL_SIZE", "SIDE", "SIDE_IN", "check"]

MATRIX = np.array([[1, 3, 2, 0],
                   [4, 6, 1, 5],
                   [7, 2, 9, 8],
                   [0, 3, 4, 6]])
"""The question's 4×4 matrix (the notebook shows it)."""
MATRIX.flags.writeable = False
POOL_SIZE = 2
SIDE_IN = 13
"""The side of the image of question 2."""


def _regions() -> list[list[int]]:
    """The values of each 2×2 window, row by row."""
    p = POOL_SIZE
    return [MATRIX[i:i + p, j:j + p].ravel().tolist()
            for i in range(0, MATRIX.shape[0], p) for j in range(0, MATRIX.shape[1], p)]


_max = convmath.pool2d(MATRIX, pool_size=POOL_SIZE).tolist()
_average = convmath.pool2d(MATRIX, pool_size=POOL_SIZE, mode="average").tolist()
_minimum = (-convmath.pool2d(-MATRIX, pool_size=POOL_SIZE)).tolist()
_side = convmath.conv_output_size(SIDE_IN, POOL_SIZE, stride=POOL_SIZE)

MAX_POOL = Question(
    "1.", _max,
    why="Cada región de 2 × 2 da su máximo: " + ", ".join(
        f"{region} → {max(region)}" for region in _regions()) + f"; en total {_max}.",
    hint="divide la matriz en 4 regiones de 2 × 2 que no se solapan (paso 2) y quédate con el máximo de cada "
         "una, en el mismo orden en que están las regiones.",
    mistakes=((_average, "eso es el promedio de cada región (average pooling); aquí se pide el máximo."),
              (_minimum, "tomaste el mínimo de cada región; el max pooling toma el máximo."),
              (np.array(_max).T.tolist(), "las regiones se ordenan como en la matriz: la de arriba a la "
                                          "derecha va arriba a la derecha en la salida.")))

SIDE = Question(
    "2.", _side,
    why=f"T = ⌊({SIDE_IN} - {POOL_SIZE}) / {POOL_SIZE}⌋ + 1 = {_side}: la fila y la columna {SIDE_IN} no "
        "completan una ventana y se descartan.",
    hint=f"usa la fórmula de la convolución con K = S = {POOL_SIZE} (el tamaño de la ventana) y sin relleno.",
    mistakes=((SIDE_IN / POOL_SIZE, "el tamaño es un entero: cuenta cuántas ventanas de 2 × 2 completas caben."),
              (_side + 1, "la fila y la columna que sobran no completan una ventana: `MaxPooling2D` (relleno "
                          "«valid») no las usa."),
              (SIDE_IN - POOL_SIZE + 1, "olvidaste el paso: la ventana avanza de a 2, tanto como su tamaño."),
              ((SIDE_IN - POOL_SIZE) // POOL_SIZE, "falta el «+ 1»: la primera ventana también cuenta.")))


def check(max_pool, side) -> bool:
    """The verdicts of questions 1 and 2."""
    return ask((MAX_POOL, max_pool), (SIDE, side))
