"""Exercise and self-check of ``Aplicar_filtro.ipynb``: a one-layer ``Sequential``
that applies the slide's 2×2 diagonal filter, the output size of that filter,
what a flat image gives through sharpen and edge, and which gallery kernel made
a mystery image (chosen here, out of the student's sight)."""

from __future__ import annotations

import ast
import re

import numpy as np

from utils import convmath
from utils.selfcheck import Question, as_numpy, ask, passed, require

__all__ = [
    "CAT_SHAPE", "CONSTANT_EDGE", "CONSTANT_SHARPEN", "DIAGONAL", "GALLERY", "MIRROR", "MYSTERY", "OUTPUT_SHAPE",
    "check_constant", "check_filter_model", "check_mystery", "check_output_shape", "mystery_image",
]


DIAGONAL = convmath.KERNELS["diagonal_edge"]
MIRROR = convmath.KERNELS["diagonal_edge_mirror"]
GALLERY = ("identity", "blur", "sharpen", "edge", "horizontal_edge", "horizontal_gradient",
           "vertical_gradient", "diagonal_laplacian")
"""The gallery of the notebook (its ``gallery_names``), in the same order."""

_MYSTERY_KERNEL = GALLERY[6]


# --- Ejercicio 1: filter_model(kernel, height, width) ----------------------

def _build_error(error: Exception) -> str:
    """What a student's mistake looks like when Keras refuses to build or set the model."""
    text = str(error)
    shapes = re.search(r"weight shape (\([\d, ]*\)) is not compatible with provided weight shape (\([\d, ]*\))", text)
    if shapes:
        layer, given = ast.literal_eval(shapes.group(1)), ast.literal_eval(shapes.group(2))
        if len(given) == 2:
            return ("el filtro tiene forma (2, 2), pero la capa guarda sus pesos como (filas, columnas, "
                    "canales, filtros): llévalo a (2, 2, 1, 1) con reshape antes de set_weights.")
        if len(layer) == 4 and layer[3] != 1:
            return (f"la capa tiene {layer[3]} filtros y el filtro es uno solo: usa Conv2D(1, ...), "
                    "un único filtro.")
        if len(layer) == 4 and layer[:2] != tuple(given[:2]):
            return (f"la capa tiene un filtro de {layer[0]} × {layer[1]} y el tuyo es de "
                    f"{given[0]} × {given[1]}: usa kernel_size=kernel.shape[0], el tamaño del filtro.")
        if len(layer) == 4 and layer[2] != 1:
            return f"la capa espera {layer[2]} canales de entrada: una imagen gris tiene 1."
        return f"la capa espera pesos de forma {layer} y le diste {given}."
    if "but the layer was expecting 2 weights" in text:
        return ("la capa tiene sesgo, así que espera dos arreglos (el filtro y el sesgo) y le diste uno: "
                "usa use_bias=False, el filtro puro.")
    if "but the layer was expecting 0 weights" in text:
        return ("la capa todavía no tiene pesos cuando llamas a set_weights: empieza el Sequential con "
                "keras.Input(shape=(height, width, 1)).")
    if "min_ndim=4" in text or "expected ndim=4" in text:
        return ("a la entrada le falta el eje de canales: Conv2D espera imágenes (alto, ancho, canales); "
                "una imagen gris es keras.Input(shape=(height, width, 1)).")
    return f"filter_model lanzó un error: {type(error).__name__}: {text.splitlines()[0] if text else ''}"


def _model_of(filter_model, kernel, height: int, width: int):
    import keras

    problem = None
    try:
        model = filter_model(np.array(kernel, dtype="float32"), height, width)
    except NotImplementedError:
        problem = "todavía no escribiste filter_model: reemplaza el raise NotImplementedError por tu código."
    except Exception as error:  # the student's code: say what Keras refused, in Spanish
        problem = _build_error(error)
    require(problem is None, problem)
    require(isinstance(model, keras.Model),
            f"filter_model debe devolver el modelo (un keras.Sequential); devolvió {type(model).__name__}.")
    return model


def _check_structure(model, height: int, width: int) -> None:
    import keras

    layers = list(model.layers)
    convs = [layer for layer in layers if isinstance(layer, keras.layers.Conv2D)]
    require(len(convs) == 1, f"el modelo debe tener una capa Conv2D; tiene {len(convs)}.")
    require(len(layers) == 1, "el modelo debe tener una sola capa, la Conv2D; tiene "
            f"{len(layers)}: {', '.join(type(layer).__name__ for layer in layers)}.")
    conv = convs[0]
    shape = tuple(model.input_shape)
    require(len(shape) == 4 and shape[-1] == 1,
            f"la entrada tiene forma {shape}: falta el eje de canales; una imagen gris es "
            "keras.Input(shape=(height, width, 1)).")
    require(shape[1:3] == (height, width),
            f"la entrada es de {shape[1]} × {shape[2]}: usa keras.Input(shape=(height, width, 1)).")
    require(conv.filters == 1, f"la capa tiene {conv.filters} filtros: usa uno solo, Conv2D(1, ...).")
    if conv.use_bias:
        bias = conv.get_weights()[1]
        require(not np.any(bias), f"la capa tiene un sesgo que vale {float(bias[0]):.3g} y se suma a cada "
                "píxel de la salida: usa use_bias=False, el filtro puro.")
        require(False, "la capa tiene sesgo (ahora vale 0, pero es un peso más: 5 parámetros en lugar de 4): "
                "usa use_bias=False, el filtro puro.")
    require(conv.padding == "valid",
            f"la capa usa padding=\"{conv.padding}\": la salida mediría {height} × {width}, como la entrada; "
            "el ejercicio pide padding=\"valid\" (el valor por defecto), sin relleno.")
    require(tuple(conv.strides) == (1, 1), f"la capa usa strides={tuple(conv.strides)}: el ejercicio pide paso 1.")
    require(tuple(conv.dilation_rate) == (1, 1), "la capa usa dilation_rate: el ejercicio no lo pide.")


def check_filter_model(filter_model, image) -> None:
    """Ejercicio 1: ``filter_model(kernel, height, width)`` applies ``kernel`` to ``image``
    exactly as ``convmath.conv2d``, for the diagonal filter and for its mirror."""
    require(callable(filter_model), "filter_model debe ser una función: def filter_model(kernel, height, width).")
    image = np.asarray(image, dtype="float32")
    height, width = image.shape
    outputs = {}
    for name, kernel in (("diagonal", DIAGONAL), ("espejo", MIRROR)):
        model = _model_of(filter_model, kernel, height, width)
        _check_structure(model, height, width)
        output = as_numpy(model(image[np.newaxis, :, :, np.newaxis], training=False))  # no predict: no retracing
        expected = convmath.conv2d(image, kernel)
        require(output.shape == (1, *expected.shape, 1),
                f"con el filtro {name} la salida tiene forma {output.shape}; se espera {(1, *expected.shape, 1)}.")
        result = output[0, :, :, 0]
        if name == "espejo" and np.allclose(result, outputs["diagonal"], atol=1e-5):
            require(False, "con el filtro espejo la salida es la misma que con el diagonal: filter_model no usa "
                    "su argumento kernel.")
        require(not np.allclose(result, -expected, atol=1e-5),
                f"con el filtro {name} la salida tiene el signo cambiado: el filtro quedó girado 180° (eso es la "
                "convolución matemática). Conv2D no gira el filtro: pon la matriz tal cual, con reshape.")
        difference = result - expected
        require(not (np.ptp(difference) < 1e-5 and abs(float(difference.mean())) > 1e-5),
                f"a la salida se le suma una constante ({float(difference.mean()):.3g}): hay un sesgo distinto de 0.")
        require(np.allclose(result, expected, atol=1e-5),
                f"con el filtro {name} la salida no coincide con convmath.conv2d(image, kernel): revisa cómo "
                "pusiste los pesos con set_weights.")
        outputs[name] = result
    passed("Ejercicio 1", f"tu modelo de una capa aplica el filtro diagonal y su espejo: coincide con "
           f"convmath.conv2d en los {height - 1} × {width - 1} píxeles de la salida, sin girar el filtro "
           "(una correlación cruzada) y sin sesgo.")


# --- ¿Cómo chequear si entendí? -------------------------------------------

CAT_SHAPE = (300, 451)
"""The grayscale cat (``skimage.data.chelsea()``): rows, columns."""

_ROWS_OUT = convmath.conv_output_size(CAT_SHAPE[0], 2)
_COLS_OUT = convmath.conv_output_size(CAT_SHAPE[1], 2)
OUTPUT_SHAPE = Question(
    "", (_ROWS_OUT, _COLS_OUT),
    why=f"({CAT_SHAPE[0]} − 2 + 1, {CAT_SHAPE[1]} − 2 + 1) = ({_ROWS_OUT}, {_COLS_OUT}): con K = 2 y sin relleno "
        "el filtro cabe en N − K + 1 posiciones por eje.",
    hint="por eje, sin relleno y con paso 1, la salida mide N − K + 1, con K = 2.",
    mistakes=(
        ((CAT_SHAPE[0] - 2, CAT_SHAPE[1] - 2), "restaste 2 por eje, como con un filtro de 3 × 3; aquí K = 2."),
        (CAT_SHAPE, "con relleno «valid» la salida es más chica que la entrada: el filtro tiene que caber entero."),
        ((_COLS_OUT, _ROWS_OUT), "intercambiaste filas y columnas: la forma es (filas, columnas) y el gato tiene "
                                 f"{CAT_SHAPE[0]} filas."),
        ((CAT_SHAPE[0] + 1, CAT_SHAPE[1] + 1),
         "la salida no crece: sin relleno el filtro cabe en menos posiciones que píxeles tiene la imagen."),
    ))

_FLAT = 0.4
_flat_image = np.full((6, 6), _FLAT)
_sharpen_value = round(float(convmath.conv2d(_flat_image, convmath.KERNELS["sharpen"])[0, 0]), 6) + 0.0
_edge_value = round(float(convmath.conv2d(_flat_image, convmath.KERNELS["edge"])[0, 0]), 6) + 0.0
_HINT_FLAT = f"en una zona pareja cada producto es {_FLAT} × peso: la salida es {_FLAT} × (suma de los pesos)."
CONSTANT_SHARPEN = Question(
    "Realce:", _sharpen_value,
    why=f"{_FLAT} × (suma de los pesos, {convmath.KERNELS['sharpen'].sum()}) = {_sharpen_value:g}: el realce "
        "conserva el brillo de las zonas parejas.",
    hint=_HINT_FLAT,
    mistakes=((_FLAT * 5, "multiplicaste solo por el peso central: en una zona pareja los vecinos también valen "
                          f"{_FLAT} y sus pesos también cuentan."),
              (float(convmath.KERNELS["sharpen"].sum()), "esa es la suma de los pesos: falta multiplicarla por el "
                                                         "valor de la imagen."),
              (0.0, "el realce no es un detector de bordes: suma sus 9 pesos.")),
    tolerance=1e-6)
CONSTANT_EDGE = Question(
    "Bordes:", _edge_value,
    why=f"{_FLAT} × (suma de los pesos, {convmath.KERNELS['edge'].sum()}) = {_edge_value:g}: en una zona pareja no "
        "hay cambios que detectar. En una zona pareja solo importa la suma de los pesos.",
    hint=_HINT_FLAT,
    mistakes=((_FLAT * 8, "contaste solo el peso central: los 8 vecinos también valen "
                          f"{_FLAT} y cada uno pesa −1."),
              (_FLAT, "ese es el valor de la imagen: el detector de bordes no lo copia; suma sus 9 pesos."),
              (-_FLAT * 8, "contaste solo los 8 vecinos: falta el peso central.")),
    tolerance=1e-6)


def _mystery_mistake(name: str) -> str:
    kernel = convmath.KERNELS[name]
    if abs(float(kernel.sum()) - 1) < 1e-9:
        return ("ese filtro suma 1: en las zonas parejas conservaría el brillo y se vería la foto; aquí el fondo "
                "es negro.")
    rows_vary = not np.allclose(kernel, kernel[0:1, :])     # changes from top to bottom
    cols_vary = not np.allclose(kernel, kernel[:, 0:1])     # changes from left to right
    if name == "edge" or (rows_vary and cols_vary):
        return "ese filtro responde a bordes en todas las direcciones: mira en qué dirección van los que se ven aquí."
    if rows_vary:
        return "ese filtro compara filas (arriba con abajo): marca bordes horizontales. Mira los que se ven aquí."
    return "ese filtro no es: mira el fondo y la dirección de los bordes que se ven."


MYSTERY = Question(
    "", _MYSTERY_KERNEL,
    why="es el gradiente vertical (columna derecha menos columna izquierda): el fondo es negro porque suma 0, y "
        "solo se ven los bordes verticales donde la imagen se aclara hacia la derecha (los que se oscurecen dan "
        "negativo y, recortados a [0, 1], quedan negros).",
    hint="mira el fondo (¿qué suma de pesos deja negras las zonas parejas?) y la dirección de los bordes que "
         "aparecen; escribe uno de los nombres de gallery_names.",
    mistakes=(*((name, _mystery_mistake(name)) for name in GALLERY if name != _MYSTERY_KERNEL),
              (convmath.KERNEL_LABELS_ES[_MYSTERY_KERNEL],
               "escribe el nombre tal como aparece en gallery_names (en inglés), no su etiqueta.")))


def mystery_image(image) -> np.ndarray:
    """``image`` through one kernel of the gallery, chosen here so that the notebook does not show which."""
    return convmath.conv2d(image, convmath.KERNELS[_MYSTERY_KERNEL])


def check_output_shape(answer) -> bool:
    """Pregunta 1: the shape of the 2×2 filter's output on the grayscale cat."""
    return ask((OUTPUT_SHAPE, answer))


def check_constant(sharpen_value, edge_value) -> bool:
    """Pregunta 2: a flat image of 0.4 through sharpen and through edge."""
    return ask((CONSTANT_SHARPEN, sharpen_value), (CONSTANT_EDGE, edge_value))


def check_mystery(kernel_name) -> bool:
    """Pregunta 3: which kernel of the gallery made :func:`mystery_image`."""
    return ask((MYSTERY, kernel_name))
