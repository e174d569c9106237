"""Self-check and exercise of ``Convolucion_2D.ipynb``: output sizes and the parameters
of a ``Conv2D``, and the class notes' 4×4 filter on an image with a vertical edge."""

import numpy as np

from utils import convmath
from utils.selfcheck import Question, ask, passed, require

__all__ = ["EDGE_IMAGE", "KERNEL_4X4", "OUTPUT_SIZES", "PARAMETERS", "check", "check_edge_4x4"]


def _size(label: str, n: int, k: int, p: int, s: int) -> Question:
    right = convmath.conv_output_size(n, k, padding=p, stride=s)
    mistakes = [((n + 2 * p - k) // s, "falta el «+ 1»: la primera posición del filtro también cuenta.")]
    if p:
        mistakes.append((convmath.conv_output_size(n, k, stride=s), "olvidaste el relleno: suma 2P a N."))
    if s > 1:
        mistakes.append((convmath.conv_output_size(n, k, padding=p),
                         "olvidaste el paso: divide por S antes de sumar 1."))
        mistakes.append(((n + 2 * p - k) / s + 1, "el tamaño es un entero: redondea hacia abajo antes de sumar 1."))
    return Question(
        label, right,
        why=f"⌊({n} + 2·{p} - {k}) / {s}⌋ + 1 = ⌊{(n + 2 * p - k) / s:g}⌋ + 1 = {right}.",
        hint=f"aplica la fórmula con N = {n}, K = {k}, P = {p}, S = {s}, paso por paso.",
        mistakes=tuple(mistakes))


OUTPUT_SIZES = (
    _size("a)", 28, 5, 0, 1),
    _size("b)", 32, 3, 1, 1),
    _size("c)", 7, 3, 1, 2),
    _size("d)", 6, 3, 0, 2),
)
PARAMETERS = Question(
    "e)", convmath.conv_params(3, in_channels=1, filters=4),
    why="4 filtros × (3·3·1 pesos) + 4 sesgos = 40; no depende del tamaño de la imagen.",
    hint="cuenta los pesos de un filtro (K·K·canales de entrada), multiplica por los filtros y suma los sesgos.",
    mistakes=((36, "faltan los sesgos: uno por filtro."),
              (9 * 4 + 1, "hay un sesgo por filtro, no uno por capa."),
              (10, "eso es un filtro: la capa tiene 4.")))


def check(a, b, c, d, e) -> bool:
    """The verdicts of questions a)–e)."""
    return ask(*zip(OUTPUT_SIZES, (a, b, c, d), strict=True), (PARAMETERS, e))


# --- Ejercicio 1: the class notes' 4×4 filter --------------------------------

KERNEL_4X4 = np.array([[-1, -1, 1, 1]] * 4)
"""The 4×4 filter of the class notes: the two columns on the right minus the two on the left."""
EDGE_IMAGE = np.tile([0.3, 0.3, 0.5, 1.0, 0.9, 0.9, 0.9, 0.9], (6, 1))
"""A 6×8 image with a vertical edge, dark on the left, light on the right; each row holds
the class notes' 0.3 0.5 1 0.9."""
_EVEN_KERNEL_ANSWER = "c"  # what an even kernel means for the output (the choices are in the notebook)


def _same_array(a, b) -> bool:
    return np.shape(a) == np.shape(b) and bool(np.allclose(a, b, atol=1e-9))


def _check_response(image, response) -> np.ndarray:
    rows, cols = image.shape
    k = KERNEL_4X4.shape[0]
    expected = convmath.conv2d(image, KERNEL_4X4)
    require(response is not None, "todavía no hay response_4x4: calcula la correlación cruzada de edge_image con "
            "kernel_4x4.")
    try:
        response = np.asarray(response, dtype=float)
    except (TypeError, ValueError):
        response = None
    require(response is not None and response.ndim == 2,
            "response_4x4 debe ser una matriz de numpy: la salida de la correlación cruzada.")
    shape, right = response.shape, expected.shape
    wrong_shapes = {
        (rows, cols): "response_4x4 mide lo mismo que la imagen: calculaste con relleno («same»); el ejercicio pide "
                      "sin relleno, como Conv2D por defecto.",
        (rows + k - 1, cols + k - 1): "response_4x4 es más grande que la imagen: eso es con relleno «full»; el "
                                      "ejercicio pide sin relleno.",
        (rows - 2, cols - 2): "response_4x4 perdió 2 filas y 2 columnas, como con un filtro de 3 × 3: el de las notas "
                              "es de 4 × 4 (N − K + 1 con K = 4).",
        (rows - k, cols - k): "a response_4x4 le falta una fila y una columna: N − K + 1, no N − K.",
        (right[1], right[0]): "response_4x4 tiene filas y columnas intercambiadas.",
        (rows, cols - k + 1): "response_4x4 tiene tantas filas como la imagen: tu filtro tiene una sola fila; el de "
                              "las notas repite [-1, -1, 1, 1] en 4 filas (4 × 4).",
        (rows - k + 1, cols): "response_4x4 tiene tantas columnas como la imagen: tu filtro es una columna; el de las "
                              "notas tiene 4 filas iguales a [-1, -1, 1, 1].",
    }
    if shape != right:
        require(shape not in wrong_shapes, wrong_shapes.get(shape, ""))
        require(False, f"response_4x4 tiene forma {shape}: sin relleno y con paso 1, una imagen de {rows} × {cols} "
                "y un filtro de 4 × 4 dan N − K + 1 por eje.")
    require(not _same_array(response, -expected),
            "response_4x4 tiene el signo cambiado: el filtro quedó girado 180° (la convolución verdadera, como "
            "convolution o signal.convolve2d) o con los −1 a la derecha. Conv2D calcula la correlación cruzada, "
            "sin girar: cross_correlation o convmath.conv2d.")
    require(not (np.allclose(response, 0) and not np.allclose(expected, 0)),
            "response_4x4 es 0 en todas partes: tu filtro compara filas (arriba con abajo) y esta imagen no cambia "
            "de arriba a abajo; el filtro de las notas compara columnas: cada fila es [-1, -1, 1, 1].")
    require(_same_array(response, expected),
            "los valores de response_4x4 no coinciden con la correlación cruzada de edge_image con el filtro de las "
            "notas: revisa kernel_4x4 (4 filas iguales a [-1, -1, 1, 1]) y la cuenta.")
    return expected


def check_edge_4x4(image, response, strongest_column, even_kernel_answer) -> None:
    """Ejercicio 1: the 4×4 filter's response to ``image`` (``EDGE_IMAGE``), the output
    column where it is largest, and what an even kernel means for the output size."""
    require(np.shape(image) == EDGE_IMAGE.shape and np.asarray(image).dtype != object,
            "pasa edge_image, la imagen del ejercicio, como primer argumento.")
    image = np.asarray(image, dtype=float)
    expected = _check_response(image, response)
    column = int(expected.max(axis=0).argmax())
    require(strongest_column is not None, "falta strongest_column: la columna de la salida donde la respuesta es "
            "mayor.")
    require(isinstance(strongest_column, (int, np.integer)) and not isinstance(strongest_column, bool),
            f"strongest_column debe ser un entero, la columna de la salida (escribiste {strongest_column!r}).")
    jumps = np.abs(np.diff(image, axis=1)).max(axis=0)
    edge_columns = {int(jumps.argmax()), int(jumps.argmax()) + 1}
    if strongest_column != column and strongest_column in edge_columns:
        require(False, "esa es una columna de la imagen, donde está el salto de brillo. La columna j de la salida es "
                "la ventana que empieza en la columna j de la imagen: ¿en qué columna empieza la ventana que tiene "
                "el salto justo en su mitad?")
    require(strongest_column == column,
            f"la respuesta no es mayor en la columna {strongest_column} de la salida: busca el máximo de "
            "response_4x4 (np.argmax, o mirándola).")
    answer = str(even_kernel_answer).strip().strip("\"'").lower() if even_kernel_answer is not None else None
    require(answer in ("a", "b", "c"), 'even_kernel_answer debe ser una letra: "a", "b" o "c".')
    require(answer != "a", "mira la forma de response_4x4: ¿es la de edge_image? Sin relleno, la salida siempre "
            "pierde K − 1 filas y columnas, tenga o no centro el filtro.")
    require(answer != "b", "aplica N − K + 1 con K = 4: ¿cuántas filas se pierden? Cuéntalas en response_4x4.")
    require(answer == _EVEN_KERNEL_ANSWER, 'even_kernel_answer debe ser "a", "b" o "c".')
    rows, cols = image.shape
    best = f"{float(expected.max()):.1f}"
    passed("Ejercicio 1", f"la respuesta es mayor en la columna {column} de la salida ({best} = 4 filas × 1.1): "
           "la ventana con el salto de brillo justo entre su mitad de −1 y su mitad de +1. Eso significa el 1.1: la "
           "mitad derecha de la ventana es más clara que la izquierda, un borde vertical de oscuro a claro (con "
           "píxeles entre 0 y 1, el máximo posible es 2 por fila). Un filtro de 4 × 4 quita K − 1 = 3 filas y "
           f"columnas ({rows} × {cols} → {rows - 3} × {cols - 3}), un número impar que no se reparte igual entre los "
           "dos bordes: cada valor de salida cae entre píxeles de la entrada, y un relleno «same» pone 1 fila de "
           "ceros de un lado y 2 del otro.")
