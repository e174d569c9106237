"""Exercise and self-checks of ``Aplicar_filtros_Conv2.ipynb``: the slide's three
filters stacked into one ``Conv2D(3, 3)``, the slide's questions about the X
detector (multiple choice), one value of its feature map before and after ReLU,
parameter counts and output shapes."""

from __future__ import annotations

import numpy as np

from utils import convmath
from utils.selfcheck import Question, as_numpy, ask, passed, require

__all__ = [
    "FILTERS", "MAP_QUESTIONS", "PARAMETERS", "SHAPES", "VALUE_AFTER_RELU", "VALUE_BEFORE_RELU", "X_IMAGE",
    "X_KERNELS", "check_maps", "check_parameters", "check_shapes", "check_three_filters", "check_value",
]


FILTERS = tuple(convmath.KERNELS[name] for name in ("horizontal_edge", "diagonal_edge_up", "diagonal_edge_down"))
"""The slide's three 3×3 filters, K1, K2 and K3, in that order."""


# --- Ejercicio 1: the kernel (3, 3, 1, 3) of one Conv2D(3, 3) ---------------

def _same(a, b) -> bool:
    return np.shape(a) == np.shape(b) and np.allclose(a, b)


def _check_kernel(kernel) -> np.ndarray:
    require(kernel is not None, "todavía no hay kernel: escribe kernel = ...")
    try:
        kernel = np.asarray(kernel, dtype=float)
    except (TypeError, ValueError):
        kernel = None
    require(kernel is not None, "kernel debe ser un arreglo de numpy con los tres filtros.")
    filters = [np.asarray(f, dtype=float) for f in FILTERS]
    shape = kernel.shape
    if shape == (3, 3, 3):
        if all(_same(kernel[f], filters[f]) for f in range(3)):
            require(False, "kernel tiene forma (3, 3, 3) con los filtros en el primer eje (eso hace np.array([...]) "
                    "o np.stack sin axis): Keras los espera en el último, y falta el eje de canales: (3, 3, 1, 3).")
        if all(_same(kernel[:, :, f], filters[f]) for f in range(3)):
            require(False, "kernel tiene forma (3, 3, 3): los filtros están bien apilados en el último eje, pero "
                    "falta el eje de canales de entrada; Keras espera (filas, columnas, canales, filtros).")
    if shape == (3, 3, 3, 1) and all(_same(kernel[:, :, f, 0], filters[f]) for f in range(3)):
        require(False, "kernel tiene forma (3, 3, 3, 1): los filtros quedaron en el eje de los canales de entrada "
                "(el tercero) y la capa vería un solo filtro de 3 canales; el eje de canales (de tamaño 1) va antes "
                "del de filtros: (3, 3, 1, 3).")
    if shape == (1, 3, 3, 3) and all(_same(kernel[0, f], filters[f]) for f in range(3)):
        require(False, "kernel tiene forma (1, 3, 3, 3) con los filtros en el segundo eje: Keras espera "
                "(filas, columnas, canales, filtros) = (3, 3, 1, 3), con los filtros en el último eje.")
    require(shape == (3, 3, 1, 3), f"kernel tiene forma {shape}: Keras espera (filas, columnas, canales de entrada, "
            "filtros) = (3, 3, 1, 3).")
    planes = [kernel[:, :, 0, f] for f in range(3)]
    if all(_same(p, f) for p, f in zip(planes, filters, strict=True)):
        return kernel
    require(not _same(kernel, np.array(filters).reshape(3, 3, 1, 3)),
            "la forma es (3, 3, 1, 3) pero los números están mezclados: reshape no mueve los filtros al último eje, "
            "reparte los mismos 27 números en otro orden (kernel[:, :, 0, 0] no es kernel_1). Apila con "
            "np.stack(..., axis=-1).")
    order = [next((g for g in range(3) if _same(p, filters[g])), None) for p in planes]
    if None not in order:
        require(False, "los filtros están en otro orden: kernel[:, :, 0, f] tiene que ser el filtro f + 1 "
                "(kernel_1, kernel_2, kernel_3, en ese orden): el mapa f de la salida es el del filtro f + 1.")
    if all(_same(p, f.T) for p, f in zip(planes, filters, strict=True)):
        require(False, "cada filtro quedó transpuesto (filas por columnas): kernel[:, :, 0, f] tiene que ser el "
                "filtro f + 1 tal cual; revisa el eje del apilado y no uses .T ni transpose.")
    wrong = [f + 1 for f in range(3) if not _same(planes[f], filters[f])]
    require(False, f"kernel[:, :, 0, f] no es el filtro f + 1 para f + 1 = {', '.join(map(str, wrong))}: apila "
            "kernel_1, kernel_2 y kernel_3 con np.stack(..., axis=-1) y agrega el eje de canales.")
    return kernel


def check_three_filters(kernel, model, image) -> None:
    """Ejercicio 1: ``kernel`` is the slide's three filters as (3, 3, 1, 3) and the
    ``Conv2D(3, 3)`` of ``model`` holds it, with zero biases: each of its three
    maps of ``image`` is the numpy convolution with its filter."""
    import keras

    kernel = _check_kernel(kernel)
    convs = [layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D)]
    require(len(convs) == 1 and convs[0].filters == 3, "el modelo debe tener una capa Conv2D de 3 filtros.")
    weights = convs[0].get_weights()
    require(_same(weights[0], kernel), "la capa no tiene tu kernel: pónselo con set_weights([kernel, sesgos]).")
    if convs[0].use_bias:
        bias = weights[1]
        require(not np.any(bias), f"los sesgos de la capa no son cero ({', '.join(f'{b:g}' for b in bias)}): cada "
                "mapa sería la convolución más una constante. Pasa np.zeros(3) como segundo arreglo de set_weights.")
    image = np.asarray(image, dtype="float32")
    maps = as_numpy(model(image[np.newaxis, :, :, np.newaxis], training=False))[0]  # no predict: no retracing
    for f, filter_ in enumerate(FILTERS):
        require(np.allclose(maps[:, :, f], convmath.conv2d(image, filter_), atol=1e-4),
                f"el mapa {f} de la salida no coincide con la convolución de numpy con el filtro {f + 1}.")
    passed("Ejercicio 1", "una sola capa Conv2D(3, 3) aplica los tres filtros de la diapositiva a la vez: cada uno "
           "de sus 3 mapas coincide con la convolución de numpy con su filtro (kernel[:, :, 0, f] es el filtro "
           "f + 1, sesgos en cero).")


# --- Preguntas de la diapositiva sobre el detector de la X -------------------

def _choice(label: str, expected: str, why: str, wrong: dict[str, str]) -> Question:
    return Question(label, expected, why=why, hint='responde con una letra: "a", "b" o "c".',
                    mistakes=tuple(wrong.items()))


MAP_QUESTIONS = (
    _choice("1)", "b",
            why="cada valor es la suma de los productos de la ventana por el filtro: con una imagen de ceros y unos, "
                "los unos sobre +1 menos los unos sobre −1. El máximo (5 para k1, la cantidad de +1) es la "
                "coincidencia perfecta: «aquí hay una X».",
            wrong={"a": "la imagen solo tiene ceros y unos y el mapa tiene valores negativos y hasta 5: no son "
                        "brillos. Mira qué se multiplica con qué en cada ventana.",
                   "c": "un píxel en 1 que cae sobre un −1 del filtro, ¿suma o resta? No es solo contar."}),
    _choice("2)", "c",
            why="es un mapa de características: una matriz con la disposición de la imagen (el valor (i, j) viene de "
                "la ventana en (i, j)), que se puede dibujar, pero cuyos valores ya no son brillos: miden la "
                "coincidencia con el filtro (y pueden ser negativos, por eso la ReLU).",
            wrong={"a": "la salida conserva filas y columnas: el valor (i, j) viene de la ventana en la posición "
                        "(i, j) de la imagen. No hace falta aplanarla.",
                   "b": "compara los valores de la salida (negativos, hasta 5) con los de la imagen (0 y 1): "
                        "¿son brillos?"}),
    _choice("3)", "a",
            why="un filtro de la segunda capa tiene 3 × 3 × 3 pesos, un plano por mapa, y suma lo que ve en los "
                "tres: relaciona las características que encontró la primera capa y agrega un nivel de abstracción "
                "(en la sección 3 un filtro así detecta el centro de una X).",
            wrong={"b": "sin la ReLU, dos convoluciones seguidas serían una sola convolución (más grande); con la "
                        "ReLU en medio, no. Y el nuevo filtro ve otra cosa: los mapas, no la imagen.",
                   "c": "una Conv2D sobre una entrada de 3 canales no filtra cada canal por separado: su filtro "
                        "tiene un plano por canal y suma los tres."}),
)


def check_maps(a, b, c) -> bool:
    """The slide's three questions about the X detector's maps (multiple choice)."""
    return ask(*zip(MAP_QUESTIONS, (a, b, c), strict=True))


# --- ¿Cómo chequear si entendí? -------------------------------------------

X_IMAGE = np.pad(np.maximum(np.eye(5, dtype=int), np.fliplr(np.eye(5, dtype=int))), 1)
"""The slide's 7×7 image: a 5×5 X of ones inside a border of zeros."""
X_KERNELS = tuple(convmath.KERNELS[name] for name in ("x_detector", "x_main_diagonal", "x_anti_diagonal"))
"""k1 (the X), k2 (main diagonal), k3 (anti-diagonal)."""

_ROW, _COL = 0, 1
_window = X_IMAGE[_ROW:_ROW + 3, _COL:_COL + 3]
_products = _window * X_KERNELS[0]
_hits, _misses = int((_products == 1).sum()), int((_products == -1).sum())
_before = int(convmath.conv2d(X_IMAGE, X_KERNELS[0])[_ROW, _COL])
_after = max(_before, 0)
_b = f"{_before}".replace("-", "−")
VALUE_BEFORE_RELU = Question(
    "Antes de la ReLU:", _before,
    why=f"la ventana x_image[0:3, 1:4] tiene {_hits} unos sobre +1 y {_misses} sobre −1: "
        f"{_hits} − {_misses} = {_b}.",
    hint="en la ventana x_image[0:3, 1:4], cuenta los unos que caen sobre +1 (suman) y los que caen sobre −1 "
         "(restan).",
    mistakes=((-_before, "los unos de esa ventana, ¿caen sobre +1 o sobre −1 del filtro? Los que caen sobre −1 "
                         "restan."),
              (0, "¿aplicaste ya la ReLU? Antes de ella la suma puede ser negativa."),
              (_hits - (_misses - 1), "te faltó contar un 1: mira las tres filas de la ventana.")))
VALUE_AFTER_RELU = Question(
    "Después de la ReLU:", _after,
    why=f"ReLU({_b}) = max(0, {_b}) = {_after}: un parche que contradice al filtro da 0, «no encontré lo "
        "que busco».",
    hint="la ReLU es max(0, z): aplícala al valor de antes.",
    mistakes=((_before, "la ReLU no deja pasar los negativos."),
              (abs(_before), "la ReLU no toma el valor absoluto.")))


def check_value(before_relu, after_relu) -> bool:
    """Pregunta 1: k1 on the X at row 0, column 1, before and after ReLU."""
    return ask((VALUE_BEFORE_RELU, before_relu), (VALUE_AFTER_RELU, after_relu))


def _parameters(label: str, filters: int, channels: int, mistakes: tuple) -> Question:
    right = convmath.conv_params(3, channels, filters)
    return Question(
        label, right,
        why=f"N_f·K·K·N_c + N_f = {filters}·3·3·{channels} + {filters} = {right}.",
        hint="cuenta los pesos de un filtro (K·K·canales de entrada), multiplica por los filtros y suma un sesgo "
             "por filtro.",
        mistakes=((convmath.conv_params(3, channels, filters, bias=False), "faltan los sesgos: uno por filtro."),
                  (convmath.conv_params(3, channels, filters, bias=False) + 1,
                   "hay un sesgo por filtro, no uno por capa."),
                  *mistakes))


PARAMETERS = (
    _parameters("(a) gris:", 3, 1, ((convmath.conv_params(3, 1, 1), "eso es un filtro: la capa tiene 3."),)),
    _parameters("(b) RGB:", 3, 3, ((convmath.conv_params(3, 1, 3), "con RGB cada filtro tiene un plano por canal "
                                                                   "de entrada: 3 planos de 3 × 3."),
                                   (convmath.conv_params(3, 3, 1), "eso es un filtro: la capa tiene 3."))),
    _parameters("(c) segunda capa:", 1, 3, ((convmath.conv_params(3, 1, 1), "la segunda capa recibe 3 mapas: su "
                                                                            "filtro tiene 3 planos."),
                                            (convmath.conv_params(3, 1, 3), "intercambiaste filtros y canales: "
                                                                            "1 filtro sobre 3 mapas."),
                                            (convmath.conv_params(3, 3, 3), "la segunda capa tiene 1 filtro, no 3."))),
)


def check_parameters(gray, rgb, second) -> bool:
    """Pregunta 2: parameters of Conv2D(3, 3) on gray and RGB, and of the second layer Conv2D(1, 3)."""
    return ask(*zip(PARAMETERS, (gray, rgb, second), strict=True))


def _shape(label: str, rows: int, cols: int, filters: int) -> Question:
    right = (convmath.conv_output_size(rows, 3), convmath.conv_output_size(cols, 3), filters)
    mistakes = [((rows, cols, filters), "sin relleno la salida es más pequeña que la entrada."),
                ((right[0], right[1], 1), "hay un mapa por filtro, y la capa tiene 3."),
                ((filters, right[0], right[1]), "los mapas van en el último eje: (alto, ancho, mapas)."),
                ((rows - 3, cols - 3, filters), "falta el «+ 1»: N − K + 1.")]
    if rows != cols:
        mistakes.append(((right[1], right[0], filters), "intercambiaste alto y ancho."))
    return Question(label, right,
                    why=f"({rows} − 3 + 1, {cols} − 3 + 1, {filters}) = {right}: N − K + 1 por lado y un mapa por "
                        "filtro.",
                    hint="por lado, sin relleno: N − K + 1; y un mapa por filtro en el último eje.",
                    mistakes=tuple(mistakes))


SHAPES = (_shape("x_detector, 7 × 7:", 7, 7, 3), _shape("any_size, 12 × 20:", 12, 20, 3))


def check_shapes(shape_7x7, shape_12x20) -> bool:
    """Pregunta 3: output shapes of x_detector on 7×7 and of any_size on 12×20."""
    return ask(*zip(SHAPES, (shape_7x7, shape_12x20), strict=True))
