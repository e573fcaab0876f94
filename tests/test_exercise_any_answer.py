"""No answer a learner can type makes an exercise check raise: every check returns a Result with a message.

The answers are drawn by Hypothesis from everything a cell can hold: text, numbers (NaN, infinities, huge),
booleans, None, bytes, lists, tuples, dicts, sets, NumPy arrays of any dtype and shape, nested mixtures.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from augcourse import exercises
from augcourse.exercises import Result


CHECKS = exercises.all_checks()

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.complex_numbers(allow_nan=True),
    st.text(max_size=40), st.binary(max_size=10), st.just(...), st.just(np.float32("nan")),
    st.sampled_from(["a", "b", "c", "(B)", " yes ", "False", "0", "1/255", "nearest", "RandomRotation",
                     "horizontal_and_vertical", "", "   ", "é", "z", "ab", "1e400", "nan", "-0.2", "(0.7, 1.3)"]),
    st.builds(object), st.just(print), st.just(np.float64), st.just(range(3)), st.just(slice(1, 2)),
    st.just(np.array(["a", "b"])), st.just(np.array([None, 1], dtype=object)), st.just(np.zeros((2000, 2000))),
    st.just(np.datetime64("2026-01-01")), st.just(np.ma.masked_array([1.0, 2.0], mask=[0, 1])))
arrays = hnp.arrays(dtype=st.sampled_from([np.uint8, np.int64, np.float32, np.float64, np.bool_, np.complex64]),
                    shape=hnp.array_shapes(min_dims=0, max_dims=3, max_side=4))
answers = st.recursive(st.one_of(scalars, arrays),
                       lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                                               st.dictionaries(st.text(max_size=5), inner, max_size=3),
                                               st.frozensets(st.integers(), max_size=3)),
                       max_leaves=8)


def test_every_exercise_module_is_searched():
    assert len(CHECKS) >= 40 and "check_zca_epsilon" in CHECKS and "check_interval_reading" in CHECKS


@pytest.mark.parametrize("name", sorted(CHECKS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers)
def test_any_typed_answer_gets_feedback_not_a_traceback(name, answer):
    with np.errstate(all="ignore"):
        result = CHECKS[name](answer)
    assert isinstance(result, Result), (name, answer, result)
    assert isinstance(result.message, str) and result.message.strip(), (name, answer)
