"""utils.selfcheck.lenet5_mnist: the right choice follows the measured
accuracy on the shifted digits, and each wrong choice gets its own message."""

import pytest

from utils.selfcheck import CORRECT, PROMPT
from utils.selfcheck import lenet5_mnist as selfcheck


@pytest.mark.parametrize("accuracy, right", [(0.1401, "c"), (0.4999, "c"), (0.5, "b"), (0.9, "b"),
                                             (0.95, "a"), (0.99, "a")])
def test_the_right_choice_follows_the_measured_accuracy(capsys, accuracy, right):
    assert selfcheck.right_option(accuracy) == right
    assert selfcheck.check(right.upper(), accuracy) is True
    out = capsys.readouterr().out
    assert out.startswith(CORRECT) and f"{accuracy:.4f}" in out
    for other in "abc".replace(right, ""):
        assert selfcheck.check(other, accuracy) is False
        out = capsys.readouterr().out
        assert out.startswith("Todavía no:") and CORRECT not in out


def test_none_prompts_and_the_slides_accuracy_makes_c_right(capsys):
    assert selfcheck.check(None, 0.1401) is False
    assert capsys.readouterr().out.strip() == PROMPT
    assert selfcheck.AT_SLIDE_ACCURACY.expected == "c"


@pytest.mark.parametrize("answer, expected", [
    ("a", "Flatten y las capas densas"),
    ("b", "entre 50 % y 95 %"),
    ("d", "«a», «b» o «c»"),
    (3, "entre comillas"),
])
def test_each_wrong_choice_gets_its_message(capsys, answer, expected):
    assert selfcheck.check(answer, 0.1401) is False
    out = capsys.readouterr().out
    assert expected in out and CORRECT not in out


def test_with_a_high_accuracy_c_is_the_mistake(capsys):
    assert selfcheck.check("c", 0.97) is False
    assert "por debajo del 50 %" in capsys.readouterr().out


@pytest.mark.parametrize("accuracy", [-0.1, 1.5, float("nan"), "0.14", None])
def test_a_measured_value_that_is_no_accuracy_is_refused(accuracy):
    with pytest.raises(ValueError, match="shifted_accuracy"):
        selfcheck.check("c", accuracy)
