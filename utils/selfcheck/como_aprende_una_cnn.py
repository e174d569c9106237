"""Self-check of ``Como_aprende_una_CNN.ipynb``: the kernel that two stacked
3×3 convolutions without activation amount to, one step of gradient descent
by hand, and the value ``Dropout`` gives the inputs it keeps while training."""

from utils.selfcheck import Question, ask

__all__ = ["DROPOUT_VALUE", "KERNEL_SIZE", "NEW_WEIGHT", "QUESTIONS", "check"]

K1 = K2 = 3                   # two 3×3 convolutions
KERNEL_SIZE = K1 + K2 - 1     # the size of the full convolution of the two kernels

WEIGHT, GRADIENT, LEARNING_RATE = 0.5, 2.0, 0.1
NEW_WEIGHT = WEIGHT - LEARNING_RATE * GRADIENT   # w ← w − η·g

RATE = 0.25                    # Dropout(0.25)
DROPOUT_VALUE = 1 / (1 - RATE)  # what a kept 1 becomes while training

QUESTIONS = (
    Question(
        "1.", KERNEL_SIZE,
        why=f"K = {K1} + {K2} − 1 = {KERNEL_SIZE}: cada salida de la segunda capa «ve» {K2} valores de la primera, "
            f"y cada uno de esos «ve» {K1} píxeles; el filtro equivalente es la convolución completa de los dos "
            f"filtros, de {KERNEL_SIZE}×{KERNEL_SIZE}.",
        hint="piensa cuántos píxeles de la entrada, por lado, influyen en una salida de la segunda convolución.",
        mistakes=(
            (K1 + K2, "sumaste los tamaños, pero las dos ventanas comparten un píxel: falta el «− 1»."),
            (K1 * K2, "los tamaños no se multiplican: cada convolución agranda la ventana en K − 1 píxeles."),
            (K1, "sin activación, dos convoluciones son una sola, pero más grande: cada salida de la segunda mira "
                 "una ventana de la primera, y cada valor de esa ventana mira otra ventana de la entrada."),
        )),
    Question(
        "2.", NEW_WEIGHT,
        why=f"w ← w − η·g = {WEIGHT} − {LEARNING_RATE}·{GRADIENT:g} = {WEIGHT} − {LEARNING_RATE * GRADIENT:g} = "
            f"{NEW_WEIGHT:g}: el gradiente positivo dice que subir el peso sube la pérdida, así que el paso lo baja.",
        hint="el descenso por gradiente resta al peso la tasa de aprendizaje por el gradiente.",
        mistakes=(
            (WEIGHT + LEARNING_RATE * GRADIENT, "sumaste el paso: el descenso va en contra del gradiente, "
                                                "w − η·g."),
            (WEIGHT - GRADIENT, "restaste el gradiente entero: falta multiplicarlo por la tasa de aprendizaje η."),
            (LEARNING_RATE * GRADIENT, "ese es el tamaño del paso, η·g; falta restárselo al peso."),
            (WEIGHT - LEARNING_RATE, "restaste solo η: el paso es η multiplicada por el gradiente."),
        ),
        tolerance=1e-6),
    Question(
        "3.", DROPOUT_VALUE,
        why=f"1/(1 − {RATE}) = 1/{1 - RATE} ≈ {DROPOUT_VALUE:.3f}: Keras agranda los que sobreviven para que el "
            f"valor esperado no cambie: con probabilidad {1 - RATE} vale {DROPOUT_VALUE:.3f} y con probabilidad "
            f"{RATE} vale 0, en promedio 1, lo mismo que al predecir, cuando Dropout no hace nada.",
        hint="Keras cambia los valores que sobreviven para que el promedio de la salida siga siendo 1: piensa qué "
             "fracción de los valores sobrevive.",
        mistakes=(
            (1 - RATE, "multiplicaste por la fracción que sobrevive; Keras divide por ella, para que el promedio "
                       "siga siendo 1."),
            (1.0, "así sale al predecir (training=False); al entrenar, los valores que sobreviven cambian."),
            (1 / RATE, "dividiste por la fracción que se apaga; se divide por la que sobrevive."),
            (1 + RATE, "sumaste la fracción que se apaga; la escala es una división, no una suma."),
            (0.0, "0 es lo que valen los que se apagan; la pregunta es por los que sobreviven."),
        ),
        tolerance=0.01),
)


def check(kernel_size, new_weight, dropout_value) -> bool:
    """The verdicts of questions 1., 2. and 3."""
    return ask(*zip(QUESTIONS, (kernel_size, new_weight, dropout_value), strict=True))
