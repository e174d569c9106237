"""The self-check machinery, and every question of every lesson's module.

Each module of ``utils.selfcheck`` holds the questions of one notebook. For
every question found there: a ``None`` answer gets the prompt, the expected
answer gets "¡Correcto!" with the reasoning, each typical mistake gets its own
message and never "¡Correcto!", and neither the hint nor a mistake's message
gives the answer away.
"""

import importlib
import pkgutil

import numpy as np
import pytest

from utils import selfcheck
from utils.selfcheck import CORRECT, PROMPT, ExerciseNotPassed, Question, ask, passed, require, same


def lesson_modules():
    return [importlib.import_module(f"utils.selfcheck.{info.name}")
            for info in pkgutil.iter_modules(selfcheck.__path__)]


def questions_of(module):
    found = []
    for value in vars(module).values():
        if isinstance(value, Question):
            found.append(value)
        elif isinstance(value, (tuple, list)):
            found.extend(item for item in value if isinstance(item, Question))
        elif isinstance(value, dict):
            found.extend(item for item in value.values() if isinstance(item, Question))
    return found


ALL_QUESTIONS = [pytest.param(q, id=f"{m.__name__.rsplit('.', 1)[1]}:{q.label or '-'}")
                 for m in lesson_modules() for q in questions_of(m)]


def test_every_notebook_module_has_questions_or_checks():
    for module in lesson_modules():
        public = [name for name in getattr(module, "__all__", []) if callable(getattr(module, name))]
        assert questions_of(module) or public, f"{module.__name__} holds no question and no check"
        assert module.__doc__, f"{module.__name__} has no docstring naming its notebook"


@pytest.mark.parametrize("question", ALL_QUESTIONS)
def test_question_verdicts(question):
    assert question.verdict(None) == ("missing", PROMPT)
    status, text = question.verdict(question.expected)
    assert status == "right" and text.startswith(CORRECT) and question.why in text
    for wrong, meaning in question.mistakes:
        status, text = question.verdict(wrong)
        assert status == "wrong" and CORRECT not in text, (wrong, text)
        assert meaning in text or text.startswith("Todavía no:"), (wrong, text)


@pytest.mark.parametrize("question", ALL_QUESTIONS)
def test_hints_do_not_give_the_answer_away(question):
    assert question.why, "a right answer is always explained"
    told = [question.hint, *(meaning for _, meaning in question.mistakes)]
    for text in told:
        assert question.why not in text
    expected = question.expected
    # A computed count ("son 18496", "= 18,496") is never stated; small numbers are
    # also the question's own data (N = 32, S = 2), so only counts from 100 up are looked for.
    if isinstance(expected, (int, np.integer)) and not isinstance(expected, bool) and abs(expected) >= 100:
        written = {str(expected), f"{expected:,}", f"{expected:,}".replace(",", ".")}
        for text in told:
            assert not any(f"{lead} {w}" in text for lead in ("=", "son", "es", "da") for w in written), text


def test_same_compares_the_way_a_student_writes():
    assert same(24, 24) and same(24.0, 24) and same(np.int64(24), 24)
    assert not same("24", 24) and not same(True, 1)
    assert same(116.67, 350 / 3, tolerance=0.01) and not same(116.6, 350 / 3, tolerance=0.01)
    assert same("  Verde ", "verde") and same("«camión»", "camion")
    assert same([150, 134], (150, 134)) and same(np.array([[6, 5], [7, 9]]), [[6, 5], [7, 9]])
    assert not same((150, 134, 3), (150, 134)) and not same("150, 134", (150, 134))


def test_ask_prints_a_prompt_until_answered_then_one_verdict_per_question(capsys):
    a = Question("a)", 24, why="porque sí.", hint="usa la fórmula.", mistakes=((23, "falta el + 1."),))
    b = Question("b)", "verde", why="pesa más.", hint="mira los pesos.")
    assert ask((a, None), (b, None)) is False
    assert capsys.readouterr().out.strip() == PROMPT

    assert ask((a, 24), (b, "Verde")) is True
    out = capsys.readouterr().out.splitlines()
    assert out == [f"a) {CORRECT} porque sí.", f"b) {CORRECT} pesa más."]

    assert ask((a, 23), (b, None)) is False
    out = capsys.readouterr().out.splitlines()
    assert out == ["a) Todavía no: falta el + 1.", f"b) {PROMPT}"]

    ask((a, 7), (b, "rojo"))
    out = capsys.readouterr().out
    assert "usa la fórmula." in out and "mira los pesos." in out and CORRECT not in out


def test_a_wrong_kind_of_answer_says_what_to_write():
    q = Question("", 24, why="w", hint="h")
    assert q.verdict("24")[1] == "Todavía no: escribe un número, sin comillas."
    shape = Question("", (150, 134), why="w", hint="h")
    assert "forma" in shape.verdict((150, 134, 3))[1]
    assert "entre paréntesis" in shape.verdict(150)[1]
    text = Question("", "verde", why="w", hint="h")
    assert "comillas" in text.verdict(3)[1]


def test_a_mistake_equal_to_the_answer_is_dropped():
    q = Question("", 4, why="w", hint="h", mistakes=((4.0, "no"), (3, "x"), (3, "repeated")))
    assert q.mistakes == ((3, "x"),)


def test_exercise_checks_raise_a_spanish_one_line_error(capsys):
    require(True, "nada")
    with pytest.raises(ExerciseNotPassed, match="la salida debe tener 10 neuronas") as error:
        require(False, "la salida debe tener 10 neuronas.")
    assert isinstance(error.value, AssertionError)  # nbgrader counts it as a failed test
    lines = error.value._render_traceback_()
    assert len(lines) == 1 and "Todavía no" in lines[0]
    passed("Ejercicio 1", "la red tiene 7,850 parámetros.")
    assert capsys.readouterr().out == f"Ejercicio 1: {CORRECT} la red tiene 7,850 parámetros.\n"


def check_functions():
    for module in lesson_modules():
        for name in getattr(module, "__all__", []):
            value = getattr(module, name)
            if callable(value) and name.startswith("check"):
                yield pytest.param(value, id=f"{module.__name__.rsplit('.', 1)[1]}.{name}")


ODD_ANSWERS = [None, "", "24", 3.5, -1, (1, 2), [[1]], {"a": 1}, True, np.zeros((2, 2))]


@pytest.mark.parametrize("function", list(check_functions()))
def test_any_answer_gets_a_verdict_never_a_crash(function, capsys):
    """Whatever a student passes (nothing yet, text, a wrong shape, a dict...), a
    check prints a verdict or, for an exercise, raises its Spanish ExerciseNotPassed.
    What the notebook measured (an accuracy, a shift) is passed as the notebook would."""
    import inspect

    parameters = [p.name for p in inspect.signature(function).parameters.values()
                  if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    for odd in ODD_ANSWERS:
        arguments = [0.5 if ("accuracy" in name or "measured" in name) else odd for name in parameters]
        try:
            function(*arguments)
        except ExerciseNotPassed as error:
            assert str(error) and "Traceback" not in str(error)
        except Exception as error:
            raise AssertionError(f"{function.__name__}({odd!r}): {type(error).__name__}: {error}") from None
        out = capsys.readouterr().out
        assert "Traceback" not in out
