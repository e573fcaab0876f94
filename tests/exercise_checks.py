"""Shared assertions for the lesson exercise checks (augcourse.exercises.*)."""

from augcourse.exercises import Result


def assert_accepts_and_rejects(check, right, wrong):
    """``check`` passes every right answer with "Right:" and fails every wrong one with a "Not yet:" hint."""
    for answer in right:
        result = check(answer)
        assert isinstance(result, Result) and result, (answer, result)
        assert repr(result).startswith("Right: ")
    for answer in wrong:
        result = check(answer)
        assert isinstance(result, Result) and not result, (answer, result)
        assert repr(result).startswith("Not yet: ") and len(result.message) > 10


def assert_asks_for_an_answer(check):
    """The ``...`` and None placeholders get a reminder to fill in the answer."""
    for placeholder in (..., None):
        result = check(placeholder)
        assert not result and "replace the `...`" in result.message
