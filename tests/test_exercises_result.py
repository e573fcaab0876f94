"""The pass/hint mechanism every exercise check uses."""

from augcourse.exercises import Result, unanswered, verdict


def test_verdict_passes_with_the_success_message():
    result = verdict(True, "Right: four images.", "Try again.")
    assert result and repr(result) == "Right: four images."


def test_the_verdict_word_comes_first_without_emoji():
    for result in (verdict(True, "Right: 4.", "x"), verdict(False, "x", "replace the `...` first.")):
        text = repr(result)
        assert text.split(": ")[0] in ("Right", "Not yet") and not any(ord(ch) > 0x2000 for ch in text[:12])


def test_verdict_fails_with_the_hint():
    result = verdict(False, "Right.", "Look at the axis.")
    assert not result and repr(result) == "Not yet: Look at the axis."
    assert isinstance(result, Result)


def test_placeholders_count_as_unanswered():
    assert unanswered(None) and unanswered(...) and not unanswered(0)
