"""Self-checks for the lesson exercises.

A lesson asks a question, the learner writes an answer and calls the lesson's
``check_...(answer)`` function. It returns a ``Result`` that shows a clear pass,
or a hint without giving the answer away. The verdict comes first, as a word
("Right:" or "Not yet:"), so it reads the same in every lesson and without an emoji font. Results are truthy when passed, so
tests can assert on them.

Example:
    >>> from augcourse.exercises import verdict
    >>> verdict(2 + 2 == 4, "Right: 4.", "Add again.")
    Right: 4.
"""


import numbers

import numpy as np

from augcourse.language import tr


class Result:
    """The outcome of one check: ``bool(result)`` is whether it passed."""

    def __init__(self, passed, message):
        self.passed = bool(passed)
        self.message = message

    def __bool__(self):
        return self.passed

    def __repr__(self):
        """The verdict word first ("Right:" or "Not yet:", in the learner's language), then the message:
        readable without emoji fonts."""
        right = tr("Right: ")
        text = self.message.removeprefix("Right: ").removeprefix(right)
        return (right if self.passed else tr("Not yet: ")) + text


def verdict(passed, success, hint):
    """A passed Result saying ``success``, or a failed one giving ``hint``."""
    return Result(passed, success if passed else hint)


def unanswered(answer):
    """True when the learner has not replaced the ``...`` / None placeholder yet."""
    return answer is None or answer is Ellipsis


def all_checks():
    """Every lesson's ``check_...`` function, by name, from all modules of this package.

    Example:
        >>> checks = all_checks()
        >>> "check_vertical_flip_data" in checks and "check_class_weight" in checks
        True
    """
    import importlib
    import inspect
    import pkgutil

    checks = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        checks.update({name: fn for name, fn in inspect.getmembers(module, inspect.isfunction)
                       if name.startswith("check_") and fn.__module__.startswith(__name__)})
    return checks


def real_number(value):
    """``value`` as a float when it is one real number (a NumPy scalar or a one-element numeric array counts;
    bools, text and ints too big for a float do not), else None.

    Example:
        >>> real_number(np.array([2])), real_number(True), real_number("2"), real_number(10**400)
        (2.0, None, None, None)
    """
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf" \
            and not np.ma.is_masked(value):
        value = value.ravel()[0]
    if not isinstance(value, numbers.Real) or isinstance(value, (bool, np.bool_)):
        return None
    try:
        return float(value)
    except (OverflowError, TypeError, ValueError):
        return None


def answer_words(value):
    """A text answer as lower-case words: "-", "_" and runs of spaces become one space; None if not a string.

    Example:
        >>> answer_words(" Horizontal_and-Vertical "), answer_words(4)
        ('horizontal and vertical', None)
    """
    if not isinstance(value, str):
        return None
    return " ".join(value.strip().lower().replace("-", " ").replace("_", " ").split())
