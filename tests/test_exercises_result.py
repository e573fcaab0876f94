"""The pass/hint mechanism every exercise check uses."""

from augcourse.exercises import Result, unanswered, verdict


def test_verdict_passes_with_the_success_message():
    result = verdict(True, "Right.", "Try again.")
    assert result and repr(result) == "✅ Right."


def test_verdict_fails_with_the_hint():
    result = verdict(False, "Right.", "Look at the axis.")
    assert not result and repr(result) == "❌ Not yet. Look at the axis."
    assert isinstance(result, Result)


def test_placeholders_count_as_unanswered():
    assert unanswered(None) and unanswered(...) and not unanswered(0)
