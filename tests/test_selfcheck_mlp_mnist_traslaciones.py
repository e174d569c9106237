"""utils.selfcheck.mlp_mnist_traslaciones: the prediction's answer is what
was measured, in either direction."""

import pytest

from utils.selfcheck import CORRECT, PROMPT
from utils.selfcheck import mlp_mnist_traslaciones as selfcheck


@pytest.mark.parametrize("accuracy, above", [(0.0621, False), (0.5, False), (0.62, True)])
def test_the_answer_is_what_was_measured(accuracy, above):
    question = selfcheck.question(accuracy)
    assert question.expected is above
    assert question.verdict(above)[0] == "right"
    status, text = question.verdict(not above)
    assert status == "wrong" and f"{accuracy:.1%}" in text and CORRECT not in text


def test_the_verdict_in_the_usual_run(capsys):
    assert selfcheck.check(False, 0.0621) is True
    out = capsys.readouterr().out
    assert out.startswith(CORRECT) and "6.2%" in out and "menos de la mitad" in out
    assert selfcheck.check(True, 0.0621) is False
    assert "lo medido dice otra cosa" in capsys.readouterr().out


def test_none_prompts_and_text_asks_for_a_bool(capsys):
    assert selfcheck.check(None, 0.0621) is False
    assert capsys.readouterr().out.strip() == PROMPT
    assert selfcheck.check("True", 0.0621) is False
    assert "sin comillas" in capsys.readouterr().out
