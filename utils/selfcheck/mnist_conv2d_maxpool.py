"""Self-check and exercise checks of ``MNIST_Conv2D_MaxPool.ipynb``.

The self-check asks for two variants of the lesson's models (the parameters
of ``conv_2`` when the first layer has 64 filters; the ``Flatten`` size with a
3×3 pooling). The exercise builds three networks for MNIST: (1) only a
softmax layer, (2) an MLP at 97 % or more, (3) a CNN at 99 % or more made of
the layers of the lesson. Each check looks at the model's structure, with a
Spanish message for each typical mistake, and at its test accuracy in full
mode (in fast mode the few epochs say nothing about the target, so it is not
checked).
"""

from __future__ import annotations

from utils import convmath
from utils.selfcheck import Question, ask, layer_activation, passed, require

__all__ = ["CNN_TARGET", "CONV_2_PARAMS", "FLATTEN_SIZE", "MLP_TARGET", "SOFTMAX_TARGET",
           "check", "check_cnn", "check_mlp", "check_softmax"]

# --- the self-check ----------------------------------------------------------

_CONV_2 = convmath.conv_params(3, in_channels=64, filters=16)
CONV_2_PARAMS = Question(
    "1.", _CONV_2,
    why=f"la entrada de conv_2 son los 64 mapas de la primera capa: cada uno de sus 16 filtros es de "
        f"3×3×64. 16·3·3·64 + 16 = {_CONV_2:,}.",
    hint="usa N_f·K·K·N_c + N_f; N_c es la cantidad de mapas que entran a conv_2, no los canales de la imagen.",
    mistakes=(
        (convmath.conv_params(3, 32, 16), "ese es el valor del modelo 4 tal como está, con 32 filtros en la primera "
                                          "capa: cada filtro de conv_2 abarca todos los mapas que le llegan."),
        (convmath.conv_params(3, 64, 16, bias=False), "faltan los sesgos: uno por filtro."),
        (convmath.conv_params(3, 64, 16, bias=False) + 1, "hay un sesgo por filtro, no uno por capa."),
        (convmath.conv_params(3, 1, 16), "contaste un solo canal de entrada: conv_2 no ve la imagen sino los mapas "
                                         "que salen de la primera capa."),
        (convmath.conv_params(3, 1, 64), "esos son los parámetros de la primera capa; la pregunta es por conv_2."),
        (convmath.conv_params(3, 64, 64), "conv_2 sigue teniendo 16 filtros: solo cambió la capa anterior."),
    ))

_POOLED = convmath.conv_output_size(26, 3, stride=3)
_FLATTEN = 64 * _POOLED * _POOLED
FLATTEN_SIZE = Question(
    "2.", _FLATTEN,
    why=f"⌊(26 − 3)/3⌋ + 1 = {_POOLED}: cada uno de los 64 mapas queda de {_POOLED}×{_POOLED}, "
        f"y 64·{_POOLED}·{_POOLED} = {_FLATTEN:,}.",
    hint="aplica ⌊(N − K)/S⌋ + 1 al mapa de 26×26 con K = S = 3 y multiplica por la cantidad de mapas.",
    mistakes=(
        (64 * 13 * 13, "ese es el tamaño con el pooling de 2×2 del modelo 3; con 3×3 el paso (stride) también es 3."),
        (64 * 9 * 9, "redondeaste hacia arriba: la fórmula toma la parte entera (el bloque incompleto del borde "
                     "se descarta)."),
        (64 * 24 * 24, "MaxPooling2D avanza de a 3 (el paso es, por defecto, el tamaño de la ventana), no de a 1."),
        (64 * 26 * 26, "ese es el Flatten sin pooling."),
        (_POOLED * _POOLED, "ese es el tamaño de un mapa: Flatten pone en fila los 64."),
        (64 * (26 / 3) ** 2, "el lado de un mapa es un entero: redondea hacia abajo."),
    ))


def check(conv_2, flatten) -> bool:
    """The verdicts of questions 1 and 2."""
    return ask((CONV_2_PARAMS, conv_2), (FLATTEN_SIZE, flatten))


# --- the exercise --------------------------------------------------------------

SOFTMAX_TARGET = 0.80
"""Test accuracy the softmax-only network must reach: well above chance (0.10)."""
MLP_TARGET = 0.97
CNN_TARGET = 0.99

_CONV = ("Conv2D",)
_POOL = ("MaxPooling2D", "AveragePooling2D")
_ACCESSORIES = ("Dropout", "Activation", "ReLU", "Softmax")
_TAUGHT = (*_CONV, *_POOL, "Flatten", "Dense", *_ACCESSORIES)


def _kind(layer) -> str:
    """The layer's class, as the lesson names it (a subclass counts as its parent)."""
    import keras

    for name in _TAUGHT:
        if isinstance(layer, getattr(keras.layers, name)):
            return name
    return type(layer).__name__


def _effective_activations(layers) -> list[str]:
    """Each layer's activation, or the one an ``Activation`` layer right after it applies."""
    found = []
    for i, layer in enumerate(layers):
        activation = layer_activation(layer)
        following = [other for other in layers[i + 1:] if _kind(other) != "Dropout"]
        if activation == "linear" and following and _kind(following[0]) in ("Activation", "ReLU", "Softmax"):
            activation = layer_activation(following[0])
        found.append(activation)
    return found


def _common(model, name: str) -> list:
    """What every exercise of this notebook asks of ``model``: a Keras model on
    (28, 28, 1) with 10 softmax outputs, made of the lesson's layers. Returns
    its layers (without the input)."""
    import keras

    require(isinstance(model, keras.Model),
            f"{name} tiene que ser un modelo de Keras (keras.Sequential([...])), no {type(model).__name__}.")
    try:
        input_shape, output_shape = tuple(model.input_shape), tuple(model.output_shape)
    except (AttributeError, ValueError):  # a Sequential without keras.Input, never built
        input_shape = output_shape = None
    require(input_shape is not None, f"{name} no sabe qué forma tiene su entrada: empieza con "
                                     "keras.Input(shape=(28, 28, 1)).")
    layers = [layer for layer in model.layers if type(layer).__name__ != "InputLayer"]
    require(input_shape == (None, 28, 28, 1),
            f"la entrada de {name} es {input_shape[1:]}: las imágenes preparadas tienen forma (28, 28, 1) "
            "(alto, ancho, canal). Empieza con keras.Input(shape=(28, 28, 1)).")
    for layer in layers:
        require(_kind(layer) in _TAUGHT,
                f"{name} tiene una capa {type(layer).__name__} ({layer.name}): usa solo las capas de esta lección "
                "(Conv2D, MaxPooling2D, Flatten, Dense y, si quieres, Dropout).")
    require(len(output_shape) == 2,
            f"la salida de {name} tiene forma {output_shape[1:]}: falta un Flatten antes de las capas Dense "
            "(una Dense aplicada a una imagen trabaja píxel por píxel y devuelve otra imagen).")
    units = output_shape[-1]
    require(units != 1, f"la salida de {name} tiene 1 neurona: hace falta una por dígito, cada una con la "
                        "probabilidad de su clase.")
    require(units != 28 * 28, f"la salida de {name} tiene 784 neuronas, una por píxel: la red no reconstruye la "
                              "imagen, la clasifica; pon una neurona por dígito.")
    require(units == 10, f"la salida de {name} tiene {units} neuronas: hay 10 dígitos, una neurona por clase.")
    last = _effective_activations([layer for layer in layers if _kind(layer) != "Dropout"])[-1]
    require(last != "linear",
            f"la capa de salida de {name} no tiene activación: agrega activation=\"softmax\" para que las 10 "
            "salidas sean probabilidades que suman 1 (así las espera sparse_categorical_crossentropy).")
    require(last == "softmax",
            f"la capa de salida de {name} usa {last}: para elegir un dígito entre 10 hace falta softmax, que da "
            "probabilidades que suman 1.")
    return layers


def _count(layers, kinds) -> int:
    return sum(_kind(layer) in kinds for layer in layers)


def _accuracy(accuracy, target: float, fast: bool | None, name: str, advice: str) -> str:
    """The verdict's clause on the test accuracy; raises below ``target`` in full mode."""
    from utils import runtime
    from utils.selfcheck import _is_number

    fast = runtime.FAST if fast is None else fast
    require(_is_number(accuracy), f"la exactitud de {name} tiene que ser un número (la da evaluate), "
                                  f"no {accuracy!r}.")
    if fast:
        return f"exactitud en prueba {accuracy:.4f} (en modo rápido no se comprueba la meta)"
    require(accuracy >= target, f"la exactitud en prueba de {name} es {accuracy:.4f}, por debajo de {target:.2f}: "
                                f"{advice}")
    return f"exactitud en prueba {accuracy:.4f} ≥ {target:.2f}"


def check_softmax(model, accuracy, fast: bool | None = None) -> None:
    """Exercise 1: ``Flatten → Dense(10, softmax)`` on (28, 28, 1), 7,850 parameters."""
    name = "softmax_model"
    layers = _common(model, name)
    require(_count(layers, _CONV + _POOL) == 0,
            f"{name} tiene capas convolucionales o de pooling: la red del ejercicio 1 es solo Flatten y la capa de "
            "salida (las convoluciones son el ejercicio 3).")
    dense = _count(layers, ("Dense",))
    require(dense == 1, f"{name} tiene {dense} capas Dense: la red del ejercicio 1 no tiene capas ocultas, solo la "
                        "de salida (la capa oculta es el ejercicio 2).")
    params = convmath.dense_params(28 * 28, 10)
    require(model.count_params() == params,
            f"{name} tiene {model.count_params():,} parámetros; cada una de las 10 neuronas de salida tiene un peso "
            "por píxel y un sesgo.")
    verdict = _accuracy(accuracy, SOFTMAX_TARGET, fast, name,
                        "una sola capa softmax tendría que quedar muy por encima del azar (10 %).")
    passed("Ejercicio 1", f"solo Flatten y Dense(10, softmax): {params:,} parámetros; {verdict}.")


def check_mlp(model, accuracy, fast: bool | None = None) -> None:
    """Exercise 2: an MLP (Flatten, Dense hidden layers, no convolution) at 97 %."""
    name = "mlp_model"
    layers = _common(model, name)
    require(_count(layers, _CONV) == 0,
            f"{name} tiene una capa Conv2D: un perceptrón multicapa tiene solo capas Dense (las convoluciones son "
            "el ejercicio 3).")
    require(_count(layers, _POOL) == 0,
            f"{name} tiene una capa de pooling: un perceptrón multicapa tiene solo Flatten y capas Dense.")
    dense = [(layer, activation) for layer, activation in zip(layers, _effective_activations(layers), strict=True)
             if _kind(layer) == "Dense"]
    require(len(dense) >= 2, f"a {name} le falta una capa oculta: entre el Flatten y la salida va al menos una "
                             "capa Dense con activación (por ejemplo relu).")
    for layer, activation in dense[:-1]:
        require(activation != "linear",
                f"la capa oculta {layer.name} de {name} no tiene activación: sin una no lineal (relu), dos capas "
                "Dense seguidas equivalen a una sola y la red vuelve a ser la del ejercicio 1.")
    verdict = _accuracy(accuracy, MLP_TARGET, fast, name,
                        "prueba más neuronas en la capa oculta (128 o más) o una segunda capa oculta.")
    hidden = " → ".join(str(layer.units) for layer, _ in dense[:-1])
    passed("Ejercicio 2", f"un MLP con capas ocultas de {hidden} neuronas y {model.count_params():,} parámetros; "
                          f"{verdict}.")


def check_cnn(model, accuracy, fast: bool | None = None) -> None:
    """Exercise 3: a CNN of the lesson's layers (Conv2D, pooling, Flatten, Dense) at 99 %."""
    name = "cnn_model"
    layers = _common(model, name)
    convs, pools = _count(layers, _CONV), _count(layers, _POOL)
    require(convs >= 1, f"{name} no tiene ninguna capa Conv2D: una red convolucional empieza con bloques de "
                        "convolución y pooling.")
    require(pools >= 1, f"a {name} le falta una capa de pooling: después de la convolución va un MaxPooling2D, que "
                        "achica los mapas antes de aplanarlos.")
    verdict = _accuracy(accuracy, CNN_TARGET, fast, name,
                        "prueba más filtros (32 y 64), un segundo bloque convolución + pooling, una capa Dense "
                        "oculta antes de la salida o, si la exactitud de entrenamiento se separa de la de "
                        "validación, un Dropout antes de la salida.")
    passed("Ejercicio 3", f"{convs} capa(s) Conv2D y {pools} de pooling, {model.count_params():,} parámetros; "
                          f"{verdict}.")
