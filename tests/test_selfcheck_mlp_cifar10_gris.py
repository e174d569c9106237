"""utils.selfcheck.mlp_cifar10_gris: the prediction's answer is what was
measured, in either direction."""

import pytest

from utils.selfcheck import CORRECT, PROMPT
from utils.selfcheck import mlp_cifar10_gris as selfcheck


@pytest.mark.parametrize("gray, color, better", [(0.4102, 0.4788, False), (0.50, 0.4788, True),
                                                 (0.4788, 0.4788, False)])
def test_the_answer_is_what_was_measured(gray, color, better):
    question = selfcheck.question(gray, color)
    assert question.expected is better
    assert question.verdict(better)[0] == "right"
    status, text = question.verdict(not better)
    assert status == "wrong" and f"{gray:.1%}" in text and CORRECT not in text


def test_the_verdict_in_the_usual_run(capsys):
    assert selfcheck.check(False, 0.4102, 0.4788) is True
    out = capsys.readouterr().out
    assert out.startswith(CORRECT) and "41.0%" in out and "47.9%" in out
    assert "quitar el color y achicar la imagen no ayudó" in out
    assert selfcheck.check(True, 0.4102) is False  # the colour accuracy defaults to the slide's
    assert "lo medido dice otra cosa" in capsys.readouterr().out


def test_none_prompts_and_text_asks_for_a_bool(capsys):
    assert selfcheck.check(None, 0.4102, 0.4788) is False
    assert capsys.readouterr().out.strip() == PROMPT
    assert selfcheck.check("False", 0.4102, 0.4788) is False
    assert "True" in capsys.readouterr().out
