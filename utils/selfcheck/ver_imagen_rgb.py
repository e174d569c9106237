"""Self-check of ``verImagen_RGB.ipynb``: the gray level of one pixel by the
mean and by the slide's perceptual formula, the shape ``as_gray=True`` gives,
which pure colour the perceptual formula makes lightest, and the shape of a
batch of CIFAR-10 images for Keras."""

from utils.selfcheck import Question, ask

__all__ = ["BATCH", "BATCH_SHAPE", "CIFAR10_IMAGE", "GRAY_MEAN", "GRAY_PERCEPTUAL", "LIGHTEST", "PIXEL", "SHAPE",
           "TIGER_SHAPE", "WEIGHTS", "check"]

PIXEL = (200, 100, 50)
"""The question's pixel ``(R, G, B)``."""
WEIGHTS = (0.3, 0.59, 0.11)
"""The slide's perceptual weights of R, G and B."""
SKIMAGE_WEIGHTS = (0.2125, 0.7154, 0.0721)
TIGER_SHAPE = (150, 134, 3)
"""The tiger photo of the slide."""
COLOURS = ("rojo", "verde", "azul")
BATCH = 16
"""The question's batch size."""
CIFAR10_IMAGE = (32, 32, 3)
"""One CIFAR-10 image: height, width, channels."""

_r, _g, _b = PIXEL


def _weighted(weights) -> float:
    return sum(w * v for w, v in zip(weights, PIXEL, strict=True))


_mean = (_r + _g + _b) / 3
_perceptual = _weighted(WEIGHTS)

GRAY_MEAN = Question(
    "1a.", _mean,
    why=f"({_r} + {_g} + {_b}) / 3 = {_r + _g + _b} / 3 ≈ {_mean:.2f}.",
    hint="suma los tres canales y divide por la cantidad de canales.",
    mistakes=((_r + _g + _b, "olvidaste dividir: el promedio de tres números es su suma dividida por 3."),
              (((_r + _g + _b) % 256) / 3, "la suma desbordó, como en uint8 (pasa de 255 y da la vuelta): "
                                          "suma en punto flotante."),
              (round(_mean - 0.5), "el promedio no tiene por qué ser entero: escribe dos decimales."),
              (round(_mean + 0.5), "el promedio no tiene por qué ser entero: escribe dos decimales."),
              (int(_mean * 10) / 10, "redondea en lugar de cortar los decimales."),
              (_perceptual, "esa es la fórmula perceptual; aquí los tres canales pesan lo mismo.")),
    tolerance=0.05)

GRAY_PERCEPTUAL = Question(
    "1b.", _perceptual,
    why=f"0.3·{_r} + 0.59·{_g} + 0.11·{_b} = {WEIGHTS[0] * _r:g} + {WEIGHTS[1] * _g:g} + "
        f"{WEIGHTS[2] * _b:g} = {_perceptual:g}.",
    hint="multiplica cada canal por su peso (0.3 para R, 0.59 para G, 0.11 para B) y suma.",
    mistakes=((_mean, "ese es el promedio; en la fórmula perceptual cada canal tiene su propio peso."),
              (_perceptual / 3, "los pesos ya suman 1: no dividas por 3."),
              (_perceptual / 255, "la pregunta es en la escala de 0 a 255: no dividas por 255."),
              (_weighted(WEIGHTS[::-1]), "aplicaste los pesos al revés: 0.3 va con R y 0.11 con B."),
              (_weighted(SKIMAGE_WEIGHTS), "esos son los pesos de skimage (BT.709); la pregunta pide "
                                           "0.3, 0.59 y 0.11.")),
    tolerance=0.05)

SHAPE = Question(
    "2.", TIGER_SHAPE[:2],
    why=f"La conversión a grises deja un valor por píxel: las filas y las columnas no cambian y "
        f"desaparece el eje de los 3 canales, {TIGER_SHAPE[:2]}.",
    hint="piensa cuántos números quedan por píxel después de pasar a grises, y qué pasa con las filas "
         "y las columnas.",
    mistakes=((TIGER_SHAPE[1::-1], "las filas y las columnas no cambian de lugar: la forma es "
                                    "(filas, columnas)."),
              ((TIGER_SHAPE[0], TIGER_SHAPE[1] * 3), "los canales no se ponen uno al lado del otro: se "
                                                      "combinan en un solo valor por píxel.")))

LIGHTEST = Question(
    "3.", "verde",
    why="El verde tiene el peso más grande (0.59): 0.59·255 = 150.45, contra 76.5 del rojo y 28.05 del azul.",
    hint="responde «rojo», «verde» o «azul»: compara los tres pesos de la fórmula perceptual.",
    mistakes=(("rojo", "el rojo no tiene el peso más grande de la fórmula perceptual: compara los tres."),
              ("azul", "el azul tiene el peso más pequeño de los tres: con la fórmula perceptual queda como el "
                      "más oscuro."),
              ("iguales", "eso pasa con el promedio; la fórmula perceptual da a cada canal un peso distinto."),
              ("blanco", "la pregunta es entre los tres colores puros: rojo, verde o azul.")))


_h, _w, _c = CIFAR10_IMAGE
BATCH_SHAPE = Question(
    "4.", (BATCH, _h, _w, _c),
    why=f"Un lote de Keras es N × H × W × C, con los canales al final: ({BATCH}, {_h}, {_w}, {_c}), "
        f"{BATCH} imágenes de {_h} × {_w} con sus {_c} canales.",
    hint="un lote tiene 4 ejes: cuántas imágenes, alto, ancho y canales, en el orden que usa Keras.",
    mistakes=(((BATCH, _c, _h, _w), "esa es la forma de PyTorch, con los canales antes del alto; Keras los pone al "
                                    "final (channels last)."),
              (CIFAR10_IMAGE, "esa es la forma de una sola imagen: falta el eje del lote, adelante."),
              ((BATCH, _h, _w), "falta el eje de los canales: las imágenes de CIFAR-10 son a color."),
              ((BATCH, _h, _w, 1), "las imágenes de CIFAR-10 son a color: tienen 3 canales, no 1."),
              ((_h, _w, _c, BATCH), "el eje del lote va primero: N × H × W × C."),
              ((BATCH, _h * _w * _c), "esa es la forma del lote aplanado (un vector por imagen); la pregunta es la del "
                                       "lote de imágenes, con sus 4 ejes.")))


def check(gray_mean, gray_perceptual, shape, lightest, batch_shape) -> bool:
    """The verdicts of questions 1a, 1b, 2, 3 and 4."""
    return ask((GRAY_MEAN, gray_mean), (GRAY_PERCEPTUAL, gray_perceptual), (SHAPE, shape), (LIGHTEST, lightest),
               (BATCH_SHAPE, batch_shape))
