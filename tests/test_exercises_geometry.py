"""The geometry lessons' exercise checks (03-06): every way of writing a right answer passes, plausible
wrong answers get a hint, and nothing a learner can type raises."""

import decimal
import fractions
import math

import numpy as np
import pytest
from hypothesis import given, strategies as st

from augcourse.exercises import Result, choices
from augcourse.exercises import geometry as g
from exercise_checks import assert_accepts_and_rejects, assert_asks_for_an_answer

# check -> (right answers, wrong answers): each right form a learner may type, each wrong one a learner may think
CASES = {
    g.check_shift_axis: (
        ["vertical", "Vertical ", "vertically", "VERTICALLY.", "up-down", "up/down", "up and down", "Up or down",
         "down", "vertical axis", "the vertical axis", "along the vertical axis", "rows", "along the rows",
         "row-wise", "y", "y-axis", "along y", "height", "axis 0", "axis=0", "top to bottom"],
        ["horizontal", "Horizontally", "left-right", "left and right", "sideways", "x", "x axis", "columns",
         "along the columns", "width", "axis 1", "both", "vertical and horizontal", "up, then left", "diagonal",
         "0", 0, 1, "", "rows and columns"]),
    g.check_true_wrap: (
        [[2, 3, 4, 5, 6, 7, 0, 1], (2, 3, 4, 5, 6, 7, 0, 1), np.roll(np.arange(8), -2), [2.0, 3, 4, 5, 6, 7, 0, 1],
         np.roll(np.arange(8), -2)[None], list(np.roll(np.arange(8), -2)), "2, 3, 4, 5, 6, 7, 0, 1",
         "[2 3 4 5 6 7 0 1]", ["2", "3", "4", "5", "6", "7", "0", "1"]],
        [[2, 3, 4, 5, 6, 7, 1, 2], [6, 7, 0, 1, 2, 3, 4, 5], list(range(8)), [2, 3, 4, 5, 6, 7, 7, 7],
         [2, 3, 4, 5, 6, 7], "23456701", 3, {2, 3, 4, 5, 6, 7, 0, 1}, np.roll(np.arange(8), -2).astype(bool)]),
    g.check_zoom_keeps_aspect: (
        [False, np.False_, np.array(False), 0, 0.0, np.int64(0), "False", "false", " FALSE ", "no", "No.", "n", "f",
         "0", "No, zx and zy differ", "false: they are drawn apart"],
        [True, np.True_, 1, 1.0, "True", "yes", "Yes!", "y", "1", "yes, always"]),
    g.check_shear_stretch: (
        [1 / math.cos(math.radians(45)), math.sqrt(2), np.sqrt(2), np.float32(1.414), 1.41, 1.42, 1.4, "1.414",
         " 1.41 ", "sqrt(2)", "np.sqrt(2)", "√2", "2**0.5", fractions.Fraction(141, 100), decimal.Decimal("1.414"),
         np.array(1.414)],
        [math.cos(math.radians(45)), 0.707, 1.0, 1 / math.cos(math.radians(30)), 1.155, 2.0, 1.5, 1.38, "1.5",
         "1/sqrt(2)", math.tan(math.radians(45))]),
}

# answers that say nothing: every check refuses them, with a hint
UNRELATED = [type(None), "maybe", "not sure", [], {}, (), [[]], "horizontal or vertical", "yes and no"]


@pytest.mark.parametrize("check", list(CASES), ids=lambda c: c.__name__)
def test_every_right_form_passes_and_every_wrong_one_gets_a_hint(check):
    right, wrong = CASES[check]
    assert_accepts_and_rejects(check, right, wrong + UNRELATED)


@pytest.mark.parametrize("check", list(CASES), ids=lambda c: c.__name__)
def test_placeholder_asks_to_fill_in(check):
    assert_asks_for_an_answer(check)


def test_common_mistakes_get_specific_hints():
    assert "IDG's 'wrap'" in g.check_true_wrap([2, 3, 4, 5, 6, 7, 1, 2]).message
    assert "loses no value" in g.check_true_wrap([2, 3, 4, 5, 6, 7, 7, 7]).message
    for horizontal in ("horizontal", "left-right", "columns", "width", "axis 1"):
        assert "not what IDG does" in g.check_shift_axis(horizontal).message, horizontal
    assert "Answer in words" in g.check_shift_axis(0).message
    assert "(zx, zy) pairs" in g.check_zoom_keeps_aspect("yes").message
    assert "Answer True or False" in g.check_zoom_keeps_aspect("maybe").message
    assert "inverse" in g.check_shear_stretch(math.cos(math.radians(45))).message
    assert "stretch at 30°" in g.check_shear_stretch(1.155).message
    assert "pure shear would give 1" in g.check_shear_stretch(1).message


def test_hints_do_not_give_the_answer_away():
    for answer in ("horizontal", "diagonal"):
        message = g.check_shift_axis(answer).message.replace("'horizontal' or 'vertical'", "")
        assert "vertical" not in message.lower() and "rows" not in message
    for answer in (True, "maybe"):
        assert "false" not in g.check_zoom_keeps_aspect(answer).message.replace("True or False", "").lower()
    for answer in (0.707, 1.155, 1, 2.0):
        assert not any(s in g.check_shear_stretch(answer).message for s in ("1.41", "√2", "sqrt"))


# ------------------------------------------------ judgement questions of lessons 03-06

# question -> (the right letter, {wrong letter: a word its own hint must contain})
QUESTIONS = {
    "six_as_nine": ("a", {"b": "vertical flip alone", "c": "single flip", "d": "two flips"}),
    "flip_port": ("b", {"a": "seed", "c": "do not cancel", "d": "diagnosis is right"}),
    "vertical_flip_data": ("b", {"a": "Upside-down", "c": "6", "d": "Anatomy"}),
    "reflect_fill": ("b", {"a": "'nearest'", "c": "'wrap'", "d": "'constant'"}),
    "zoom_port": ("d", {"a": "converts", "b": "sign", "c": "one draw"}),
    "zoom_for_digits": ("b", {"a": "magnifies", "c": "shrinks"}),
    "shear_layer": ("b", {"a": "not degrees", "c": "tan(30°)", "d": "vertically"}),
    "shear_for_text": ("b", {"a": "Italics", "c": "45°"}),
    "shift_pixels": ("b", {"a": "named after", "c": "which way"}),
}


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_each_geometry_question_takes_its_letter_and_explains_each_wrong_one(name):
    right, hint_words = QUESTIONS[name]
    check = getattr(choices, f"check_{name}")
    assert_accepts_and_rejects(check, [right, f"({right.upper()})", f" {right} "],
                               list(hint_words) + ["z", 2, type(None)])
    for letter, word in hint_words.items():
        assert word in check(letter).message, (name, letter)
    assert set(hint_words) | {right} == set(choices.OPTIONS[name])


def test_this_table_covers_every_geometry_question():
    from augcourse.exercises.geometry_questions import GEOMETRY_QUESTIONS

    assert set(QUESTIONS) == set(GEOMETRY_QUESTIONS)


# ------------------------------------------------ nothing a learner types raises

HOSTILE = [0, -1, 10**400, -10**5000, 1e308, float("nan"), float("inf"), -0.0, 1j, True, "", " ", "nan", "inf",
           "1e400", "x" * 10**6, "1" * 10**5, "√", "\x00", "é", b"vertical", bytearray(b"1"), [None] * 8,
           [10**400] * 8, ["x"] * 8, [1j] * 8, list(range(10**6)), range(10**12), {"answer": "vertical"},
           {1, 2}, frozenset(), np.array([]), np.zeros((8, 8)), np.full(8, np.nan), np.arange(8) * 1j,
           np.array(["a"] * 8), np.array([object()] * 8), np.ones((10**3, 10**3)), np.float64("nan"),
           np.array(np.nan), decimal.Decimal("sNaN"), decimal.Decimal("1e999999"), fractions.Fraction(1, 3),
           object(), type, print, Ellipsis.__class__, iter([1, 2]), (x for x in range(3)), slice(1), NotImplemented]


@pytest.mark.parametrize("check", list(CASES) + [choices.check_six_as_nine], ids=lambda c: c.__name__)
def test_no_typed_answer_raises(check):
    for answer in HOSTILE:
        result = check(answer)
        assert isinstance(result, Result) and result.message, (check.__name__, repr(answer)[:40])


ANY_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.complex_numbers() | st.text(max_size=300)
    | st.binary(max_size=20) | st.decimals() | st.fractions(),
    lambda inner: st.lists(inner, max_size=10) | st.tuples(inner, inner) | st.dictionaries(st.text(max_size=5), inner,
                                                                                            max_size=3),
    max_leaves=20)


@pytest.mark.parametrize("check", list(CASES), ids=lambda c: c.__name__)
@given(answer=ANY_VALUE)
def test_any_value_gets_a_result_with_a_message(check, answer):
    result = check(answer)
    assert isinstance(result, Result) and result.message
