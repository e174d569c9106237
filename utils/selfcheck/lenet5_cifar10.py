"""Self-check and exercise check of ``LeNet5_CIFAR10.ipynb``.

The self-check asks for the parameters of ``conv1`` on a colour image and
the inputs of ``fc1`` on 32×32 images. The exercise is the slide's: "De
manera similar a MNIST, implementa esta red convolucional para CIFAR10", the
LeNet-5 on 32×32×3; its check looks at the input, the layer sequence, each
layer's output shape and the parameter count, with a Spanish message for each
typical mistake.
"""

from __future__ import annotations

from utils import convmath
from utils.selfcheck import Question, ask, layer_activation, passed, require

__all__ = ["CONV1_PARAMS", "FC1_INPUTS", "LAYERS", "TOTAL_PARAMS", "check", "check_lenet5"]


def _lenet5_layers(size: int, channels: int, padding="valid") -> list[tuple[str, tuple, int]]:
    """LeNet-5 on ``size``×``size``×``channels``: (kind, output shape, parameters) per layer."""
    c1 = convmath.conv_output_size(size, 5, padding=padding)
    p1 = convmath.conv_output_size(c1, 2, stride=2)
    c2 = convmath.conv_output_size(p1, 5, padding=padding)
    p2 = convmath.conv_output_size(c2, 2, stride=2)
    flat = 16 * p2 * p2
    return [
        ("Conv2D", (c1, c1, 6), convmath.conv_params(5, channels, 6)),
        ("pooling", (p1, p1, 6), 0),
        ("Conv2D", (c2, c2, 16), convmath.conv_params(5, 6, 16)),
        ("pooling", (p2, p2, 16), 0),
        ("Flatten", (flat,), 0),
        ("Dense", (120,), convmath.dense_params(flat, 120)),
        ("Dense", (84,), convmath.dense_params(120, 84)),
        ("Dense", (10,), convmath.dense_params(84, 10)),
    ]


LAYERS = _lenet5_layers(32, 3)
"""The exercise's LeNet-5: (kind, output shape, parameters) of each layer."""
TOTAL_PARAMS = sum(params for *_, params in LAYERS)
_FLAT = LAYERS[4][1][0]
_SAME_FLAT = _lenet5_layers(32, 3, padding="same")[4][1][0]

# --- the self-check ----------------------------------------------------------

_CONV1 = LAYERS[0][2]
CONV1_PARAMS = Question(
    "1.", _CONV1,
    why=f"6 filtros de 5×5×3 (75 pesos cada uno, un plano de 5×5 por canal) y 6 sesgos: 6·75 + 6 = {_CONV1}. "
        f"En MNIST, con 1 canal, eran {convmath.conv_params(5, 1, 6)}.",
    hint="cuenta los pesos de un filtro (K·K·canales de entrada), multiplica por la cantidad de filtros y suma "
         "un sesgo por filtro.",
    mistakes=(
        (convmath.conv_params(5, 1, 6), "ese es el valor de MNIST: las fotos de CIFAR-10 son a color y cada filtro "
                                        "tiene un plano de 5×5 por canal."),
        (convmath.conv_params(5, 3, 6, bias=False), "faltan los sesgos: uno por filtro."),
        (convmath.conv_params(5, 3, 6, bias=False) + 1, "hay un sesgo por filtro, no uno por capa."),
        (convmath.conv_params(5, 3, 1), "eso es un filtro: la capa tiene 6."),
        (28 * 28 * 6, "eso es el tamaño de la salida (cuántos valores produce la capa), no la cantidad de "
                      "parámetros: los pesos no dependen del tamaño de la imagen."),
    ))

FC1_INPUTS = Question(
    "2.", _FLAT,
    why=f"32 − 5 + 1 = 28, pooling → 14, 14 − 5 + 1 = 10, pooling → 5; los 16 mapas de 5×5 dan "
        f"16·5·5 = {_FLAT} (en MNIST, 16·4·4 = {_lenet5_layers(28, 1)[4][1][0]}).",
    hint="sigue el lado de la imagen capa por capa con ⌊(N − K)/S⌋ + 1 y multiplica el último por la cantidad "
         "de mapas de conv2.",
    mistakes=(
        (_lenet5_layers(28, 1)[4][1][0], "ese es el valor de MNIST (28×28): con 32×32 los mapas salen más grandes."),
        (_SAME_FLAT, "usaste relleno «same»: LeNet-5 no usa relleno, cada convolución de 5×5 le quita 4 píxeles "
                     "al lado."),
        (_FLAT * 3, "los 3 canales de la entrada ya se combinaron en conv1: Flatten aplana los 16 mapas de conv2."),
        (32 * 32 * 3, "esa es la imagen aplanada: fc1 recibe lo que sale del segundo pooling."),
        (5 * 5, "ese es el tamaño de un mapa: Flatten pone en fila los 16."),
    ))


def check(conv1_params, fc1_inputs) -> bool:
    """The verdicts of questions 1 and 2."""
    return ask((CONV1_PARAMS, conv1_params), (FC1_INPUTS, fc1_inputs))


# --- the exercise --------------------------------------------------------------

_POOL = ("MaxPooling2D", "AveragePooling2D")
_KINDS = ("Conv2D", *_POOL, "Flatten", "Dense", "Dropout", "Activation", "ReLU", "Softmax")


def _kind(layer) -> str:
    import keras

    for name in _KINDS:
        if isinstance(layer, getattr(keras.layers, name)):
            return "pooling" if name in _POOL else name
    return type(layer).__name__


def _shape(shape) -> str:
    return "×".join(str(n) for n in shape)


def check_lenet5(model) -> None:
    """Exercise 1: LeNet-5 for CIFAR-10, layer by layer (raises ExerciseNotPassed)."""
    import keras

    name = "lenet5"
    require(isinstance(model, keras.Model),
            f"{name} tiene que ser un modelo de Keras (keras.Sequential([...])), no {type(model).__name__}.")
    try:
        input_shape, output_shape = tuple(model.input_shape), tuple(model.output_shape)
    except (AttributeError, ValueError):  # a Sequential without keras.Input, never built
        input_shape = output_shape = None
    require(input_shape is not None, f"{name} no sabe qué forma tiene su entrada: empieza con "
                                     "keras.Input(shape=(32, 32, 3)).")
    require(input_shape != (None, 28, 28, 1), "la entrada quedó como en MNIST, (28, 28, 1): las fotos de "
                                              "CIFAR-10 son de 32×32 píxeles y 3 canales.")
    require(input_shape != (None, 32, 32, 1), "la entrada tiene 1 canal: las fotos de CIFAR-10 son a color, "
                                              "keras.Input(shape=(32, 32, 3)).")
    require(input_shape == (None, 32, 32, 3), f"la entrada es {input_shape[1:]}: las fotos de CIFAR-10 son de "
                                              "32×32×3, keras.Input(shape=(32, 32, 3)).")

    layers = [layer for layer in model.layers if _kind(layer) not in ("InputLayer", "Dropout")]
    activations = [layer_activation(layer) for layer in layers]
    for i in range(len(layers) - 1):  # an Activation layer right after gives its layer the activation
        if activations[i] == "linear" and _kind(layers[i + 1]) in ("Activation", "ReLU", "Softmax"):
            activations[i] = activations[i + 1]
    main = [(layer, activation) for layer, activation in zip(layers, activations, strict=True)
            if _kind(layer) not in ("Activation", "ReLU", "Softmax")]
    kinds = [_kind(layer) for layer, _ in main]
    for layer, _ in main:
        require(_kind(layer) in _KINDS or _kind(layer) == "pooling",
                f"{name} tiene una capa {type(layer).__name__} ({layer.name}): LeNet-5 es solo Conv2D, "
                "MaxPooling2D, Flatten y Dense.")

    units = output_shape[-1]
    require(len(output_shape) == 2 and "Flatten" in kinds,
            f"la salida de {name} tiene forma {output_shape[1:]}: falta el Flatten entre el último pooling y "
            "las capas Dense.")
    require(units != 3, "la salida tiene 3 neuronas, una por canal de color: hace falta una por clase, y "
                        "CIFAR-10 tiene 10.")
    require(units == 10, f"la salida tiene {units} neurona{'' if units == 1 else 's'}: CIFAR-10 tiene 10 clases, "
                         "una neurona por clase.")
    last = main[-1][1]
    require(last != "linear", "la capa de salida no tiene activación: agrega activation=\"softmax\" para que las "
                              "10 salidas sean probabilidades que suman 1.")
    require(last == "softmax", f"la capa de salida usa {last}: para elegir una clase entre 10 hace falta softmax.")

    convs = [layer for layer, _ in main if _kind(layer) == "Conv2D"]
    require(kinds.count("pooling") >= 2 or len(convs) != 2,
            "falta una capa de pooling: después de cada convolución va un MaxPooling2D(2), que divide el lado "
            "por 2.")
    expected_kinds = [kind for kind, _, _ in LAYERS]
    require(kinds == expected_kinds,
            f"las capas de {name} son {' → '.join(kinds)}; LeNet-5 es "
            f"{' → '.join(expected_kinds)}.")

    for layer, number, filters in zip(convs, (1, 2), (6, 16), strict=True):
        require(layer.filters == filters,
                f"la convolución {number} ({layer.name}) tiene {layer.filters} filtros: LeNet-5 usa 6 en la "
                "primera y 16 en la segunda.")
        require(tuple(layer.kernel_size) == (5, 5),
                f"los filtros de la convolución {number} ({layer.name}) son de "
                f"{_shape(layer.kernel_size)}: en LeNet-5 son de 5×5.")
        require(tuple(layer.strides) == (1, 1), f"la convolución {number} ({layer.name}) tiene paso (stride) "
                                                f"{layer.strides}: en LeNet-5 avanza de a 1.")
    flat_layer = main[4][0]
    flat = tuple(flat_layer.output.shape)[-1]
    require(not any(layer.padding == "same" for layer in convs),
            f"con padding=\"same\" las convoluciones no achican la imagen y al aplanar quedan {flat} valores en "
            f"lugar de {_FLAT}: LeNet-5 usa convoluciones sin padding (\"valid\", el valor por defecto).")
    for (layer, activation), (kind, shape, _) in zip(main, LAYERS, strict=True):
        actual = tuple(layer.output.shape)[1:]
        require(actual == shape, f"la salida de {layer.name} es {_shape(actual)}; en LeNet-5 es {_shape(shape)}.")
        if kind in ("Conv2D", "Dense") and shape != (10,):
            require(activation != "linear", f"{layer.name} no tiene activación: LeNet-5 aplica relu después de "
                                            "cada convolución y de cada capa densa oculta.")
    require(model.count_params() == TOTAL_PARAMS,
            f"{name} tiene {model.count_params()} parámetros; con las capas de LeNet-5 sobre 32×32×3 la fórmula "
            "da otra cantidad: revisa los sesgos (use_bias) de cada capa.")
    shapes = " → ".join(_shape(shape) for _, shape, _ in LAYERS)
    passed("Ejercicio 1", f"32×32×3 → {shapes}; {model.count_params():,} parámetros, los de la fórmula.")
