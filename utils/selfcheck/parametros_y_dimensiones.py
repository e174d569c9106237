"""Self-check of ``Parametros_y_dimensiones.ipynb``: output shapes and parameter
counts of convolution, pooling and dense layers, predicted with the slide formulas.

Six exercises, one check function each (``check_1`` … ``check_6``), and
``example``, the notebook's demonstration of how the checker answers a
deliberately wrong answer.
"""

from __future__ import annotations

import math

from utils import convmath
from utils.selfcheck import Question, ask

__all__ = [
    "EXAMPLE", "EXERCISES", "check_1", "check_2", "check_3", "check_4", "check_5", "check_6", "example",
    "keras_same_padding", "lenet5_flatten_size",
]


def _num(value: float) -> str:
    """``value`` as the notebook writes it: decimal point, no trailing zeros."""
    return f"{value:g}"


def keras_same_padding(n: int, k: int, stride: int) -> tuple[int, int]:
    """Zeros that Keras' ``padding="same"`` adds before and after one axis of
    size ``n`` (kernel ``k``, stride ``stride``): the output has ``ceil(n / S)``
    positions, and an odd total goes to the bottom/right."""
    total = max((math.ceil(n / stride) - 1) * stride + k - n, 0)
    return total // 2, total - total // 2


def _lenet5_sides(n: int) -> list[int]:
    """The side of the maps of the class's PyTorch LeNet-5 for an ``n×n``
    input: ``[input, conv1, pool1, conv2, pool2]``."""
    sides = [n]
    for k, s in ((5, 1), (2, 2), (5, 1), (2, 2)):
        sides.append(convmath.conv_output_size(sides[-1], k, stride=s))
    return sides


def lenet5_flatten_size(n: int) -> int:
    """Values that the class's PyTorch LeNet-5 flattens for an ``n×n`` input:
    conv 5×5 → pool 2×2 → conv 5×5 → pool 2×2, 16 maps."""
    return 16 * _lenet5_sides(n)[-1] ** 2


# --- the demonstration: Conv2D(64, 3) on one channel, forgetting the bias -------------

EXAMPLE = Question(
    "Ejemplo:", convmath.conv_params(3, in_channels=1, filters=64),
    why="64·3·3·1 + 64 = 640: 576 pesos y un sesgo por filtro.",
    hint="cuenta los pesos de un filtro (K·K·N_c), multiplica por los filtros y suma los sesgos.",
    mistakes=((64 * 3 * 3 * 1, "calculaste solo los pesos 64·3·3·1 y olvidaste el sesgo: cada filtro suma 1."),))


def example(answer) -> bool:
    """The verdict for the demonstration (``Conv2D(64, 3)`` on a 1-channel image)."""
    return ask((EXAMPLE, answer))


# --- Ejercicio 1: Conv2D(8, 5, strides=2) on 28×28×1 -------------------------------------

def _exercise_1() -> Question:
    side = convmath.conv_output_size(28, 5, stride=2)
    return Question(
        "Ejercicio 1:", (side, side, 8),
        why=f"⌊(28 + 2·0 − 5)/2⌋ + 1 = ⌊{_num((28 - 5) / 2)}⌋ + 1 = {side}; los canales de salida son "
            f"los 8 filtros → ({side}, {side}, 8).",
        hint="aplica T = ⌊(N + 2P − K)/S⌋ + 1 con N = 28, K = 5, P = 0, S = 2, y recuerda que cada filtro da un mapa.",
        mistakes=(
            ((convmath.conv_output_size(28, 5),) * 2 + (8,),
             "olvidaste el paso (stride): ésa es la salida con S = 1. Hay que dividir por S = 2 antes de sumar 1."),
            (((28 - 5) // 2,) * 2 + (8,), "dividiste bien por el paso pero olvidaste el «+ 1» final de la fórmula."),
            ((28 // 2,) * 2 + (8,), "dividiste 28 entre 2 sin restar el tamaño del filtro: falta el «− K»."),
            (((28 - 5) / 2 + 1,) * 2 + (8,), "el tamaño es un entero: redondea hacia abajo antes de sumar 1."),
            ((side, side, 1), "el alto y el ancho están bien, pero la salida tiene un canal por filtro."),
        ))


# --- Ejercicio 2: Conv2D(16, 3, strides=2, padding="same") on 64×64×3 -------------------

def _exercise_2() -> Question:
    before, after = keras_same_padding(64, 3, 2)
    side = (64 + before + after - 3) // 2 + 1
    return Question(
        "Ejercicio 2:", (side, side, 16),
        why=f"Keras agrega {before} filas de ceros arriba y {after} abajo (lo mismo en columnas): "
            f"⌊(64 + {before} + {after} − 3)/2⌋ + 1 = {(64 + before + after - 3) // 2} + 1 = {side}; "
            f"16 filtros → ({side}, {side}, 16). Con el relleno simétrico de las diapositivas (P = 1) "
            f"da lo mismo: ⌊{_num((64 + 2 - 3) / 2)}⌋ + 1 = {convmath.conv_output_size(64, 3, 1, 2)}.",
        hint="aplica T = ⌊(N + P_arriba + P_abajo − K)/S⌋ + 1 con N = 64, K = 3, S = 2 y el relleno del enunciado; "
             "los canales de salida son los filtros.",
        mistakes=(
            ((convmath.conv_output_size(64, 3, stride=2),) * 2 + (16,),
             "olvidaste el relleno (padding): suma a N las filas de ceros que agrega «same»."),
            ((64, 64, 16), "olvidaste el paso (stride): «same» conserva el tamaño solo con S = 1; con S = 2 se "
                           "divide por 2."),
            ((convmath.conv_output_size(64, 3),) * 2 + (16,), "olvidaste el relleno y el paso a la vez."),
            ((side, side, 3), "los canales de salida no son los de la imagen (3) sino la cantidad de filtros."),
            ((side, side, 16 * 3), "no se multiplican filtros por canales: cada filtro de 3×3×3 suma sobre "
                                         "los 3 canales y da 1 mapa."),
        ))


# --- Ejercicio 3: Conv2D(64, 3) on 30×30×32 ---------------------------------------------

def _exercise_3() -> Question:
    return Question(
        "Ejercicio 3:", convmath.conv_params(3, in_channels=32, filters=64),
        why=f"N_f·K·K·N_c + N_f = 64·3·3·32 + 64 = {64 * 3 * 3 * 32:,} + 64 = {convmath.conv_params(3, 32, 64):,} "
            "(cada filtro es de 3×3×32).",
        hint="cada filtro tiene K·K·N_c pesos y un sesgo; multiplica por la cantidad de filtros.",
        mistakes=(
            (convmath.conv_params(3, 32, 64, bias=False),
             "calculaste los pesos (64·3·3·32) pero olvidaste el sesgo: un sesgo por filtro."),
            (convmath.conv_params(3, 1, 64), "olvidaste los canales de entrada N_c: cada filtro tiene 3·3·32 pesos, "
                                             "no 3·3."),
            (convmath.conv_params(3, 1, 64, bias=False), "olvidaste los canales de entrada y el sesgo."),
            (convmath.conv_params(3, 32, 64, bias=False) + 32,
             "sumaste un sesgo por canal de entrada (32); el sesgo es uno por filtro."),
            (64 * 30 * 30, "el tamaño de la imagen (30×30) no interviene: los pesos se comparten en todas las "
                           "posiciones."),
        ))


# --- Ejercicio 4: MaxPooling2D(2) on 11×11×16 -------------------------------------------

def _exercise_4() -> Question:
    side = convmath.conv_output_size(11, 2, stride=2)
    return Question(
        "Ejercicio 4:", (side, side, 16),
        why=f"⌊(11 − 2)/2⌋ + 1 = ⌊{_num((11 - 2) / 2)}⌋ + 1 = {side}; el pooling actúa canal por canal "
            f"→ ({side}, {side}, 16). La última fila y la última columna se descartan.",
        hint="un pooling usa la misma fórmula, con K = tamaño de la ventana y S = K, y no cambia los canales.",
        mistakes=(
            ((math.ceil(11 / 2),) * 2 + (16,),
             "redondeaste hacia arriba: la fórmula usa la parte entera; la última fila y columna se descartan."),
            ((11 / 2,) * 2 + (16,), "el tamaño es un número entero: la fórmula redondea hacia abajo."),
            ((side, side, 8), "el pooling no cambia la cantidad de canales: resume cada mapa por separado."),
            ((11, 11, 16), "el pooling 2×2 con paso 2 reduce el lado a la mitad (hacia abajo)."),
            ((convmath.conv_output_size(11, 2),) * 2 + (16,), "un pooling de 2×2 se mueve de a 2 (S = K), no de a 1."),
        ))


# --- Ejercicio 5: 28×28×1 → Conv2D(8, 3) → MaxPooling2D(2) → Flatten → Dense(32) ---------

def _exercise_5() -> Question:
    conv = convmath.conv_output_size(28, 3)
    pool = convmath.conv_output_size(conv, 2, stride=2)
    flat = pool * pool * 8
    return Question(
        "Ejercicio 5:", convmath.dense_params(flat, 32),
        why=f"28 → conv {conv} → pool {pool}; flatten {pool}·{pool}·8 = {flat:,}; "
            f"densa {flat:,}·32 + 32 = {convmath.dense_params(flat, 32):,}.",
        hint="sigue el tamaño capa por capa hasta el Flatten (alto · ancho · mapas) y usa n·m + m.",
        mistakes=(
            (convmath.dense_params(flat, 32, bias=False),
             "las entradas están bien, pero olvidaste los 32 sesgos de la densa."),
            (convmath.dense_params(conv * conv * 8, 32),
             "olvidaste el pooling: aplanaste los mapas que salen de la convolución, antes del MaxPooling2D."),
            (convmath.dense_params(28 * 28, 32),
             "usaste los 784 píxeles de la imagen original; la densa recibe lo que sale del Flatten."),
            (convmath.dense_params(pool * pool, 32),
             "olvidaste los canales: el Flatten aplana los 8 mapas, no uno solo."),
        ))


# --- Ejercicio 6: the class's PyTorch LeNet-5 on CIFAR-10 (32×32×3) ---------------------

def _exercise_6() -> Question:
    sides = _lenet5_sides(32)
    return Question(
        "Ejercicio 6:", lenet5_flatten_size(32),
        why=f"32 → conv {sides[1]} → pool {sides[2]} → conv {sides[3]} → pool {sides[4]}; "
            f"flatten 16·{sides[4]}·{sides[4]} = {lenet5_flatten_size(32)} → "
            f"Linear({lenet5_flatten_size(32)}, 120). Los 3 canales solo cambian conv1.",
        hint="sigue el tamaño desde 32: cada convolución 5×5 sin relleno resta 4 y cada pooling 2×2 divide por 2; "
             "al final multiplica por los 16 mapas de conv2.",
        mistakes=(
            (lenet5_flatten_size(28), "ése es el valor para MNIST (28×28): con 32×32 los mapas que llegan al Flatten "
                                      "son más grandes; rehaz la cuenta desde 32."),
            (lenet5_flatten_size(32) * 3, "los 3 canales de color no llegan al Flatten: conv1 los combina en 6 mapas, "
                                          "y al final hay 16."),
            (16 * (32 // 4) ** 2, "olvidaste que cada convolución 5×5 sin relleno resta 4 píxeles al lado."),
            (16 * sides[3] ** 2, "olvidaste el segundo pooling: después de conv2 todavía hay un MaxPooling 2×2."),
        ))


EXERCISES = (_exercise_1(), _exercise_2(), _exercise_3(), _exercise_4(), _exercise_5(), _exercise_6())


def check_1(answer) -> bool:
    """Ejercicio 1: the output shape of ``Conv2D(8, 5, strides=2)`` on 28×28×1."""
    return ask((EXERCISES[0], answer))


def check_2(answer) -> bool:
    """Ejercicio 2: the output shape of ``Conv2D(16, 3, strides=2, padding="same")`` on 64×64×3."""
    return ask((EXERCISES[1], answer))


def check_3(answer) -> bool:
    """Ejercicio 3: the parameters of ``Conv2D(64, 3)`` on 30×30×32."""
    return ask((EXERCISES[2], answer))


def check_4(answer) -> bool:
    """Ejercicio 4: the output shape of ``MaxPooling2D(2)`` on 11×11×16."""
    return ask((EXERCISES[3], answer))


def check_5(answer) -> bool:
    """Ejercicio 5: the parameters of the ``Dense(32)`` after conv, pooling and flatten."""
    return ask((EXERCISES[4], answer))


def check_6(answer) -> bool:
    """Ejercicio 6: the inputs of ``fc1`` for the PyTorch LeNet-5 on 32×32×3."""
    return ask((EXERCISES[5], answer))
