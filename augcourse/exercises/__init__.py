"""Self-checks for the lesson exercises.

A lesson asks a question, the learner writes an answer and calls the lesson's
``check_...(answer)`` function. It returns a ``Result`` that shows a clear pass,
or a hint without giving the answer away. Results are truthy when passed, so
tests can assert on them.

Example:
    >>> from augcourse.exercises import verdict
    >>> verdict(2 + 2 == 4, "Right: 4.", "Add again.")
    ✅ Right: 4.
"""


class Result:
    """The outcome of one check: ``bool(result)`` is whether it passed."""

    def __init__(self, passed, message):
        self.passed = bool(passed)
        self.message = message

    def __bool__(self):
        return self.passed

    def __repr__(self):
        return ("✅ " if self.passed else "❌ Not yet. ") + self.message


def verdict(passed, success, hint):
    """A passed Result saying ``success``, or a failed one giving ``hint``."""
    return Result(passed, success if passed else hint)


def unanswered(answer):
    """True when the learner has not replaced the ``...`` / None placeholder yet."""
    return answer is None or answer is Ellipsis
