"""The exercises of lessons 00–02: ``check_class_weight`` accepts every right form and refuses the traps with
the right hint; the judgement questions say what the libraries really do (checked against Keras here); no
answer a learner can type makes a check raise."""

import math
import tempfile
import warnings
from collections import OrderedDict
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from augcourse.exercises import Result
from augcourse.exercises import choices
from augcourse.exercises.idg_questions import IDG_QUESTIONS, check_class_weight

# ------------------------------------------------------------------ check_class_weight, table tests

RIGHT = [
    {0: 0.56, 1: 5.0},                                   # the lesson's rounding
    {0: 1000 / (2 * 900), 1: 1000 / (2 * 100)},          # the formula of section 5
    {1: 5.0, 0: 0.56},                                   # any order
    {0: 1, 1: 9},                                        # the same ratio, integers
    {0: 0.1, 1: 0.9},                                    # the same ratio, another scale
    {np.int64(0): np.float32(0.5556), np.int32(1): np.float64(5.0)},   # NumPy scalars, e.g. from class_indices
    OrderedDict([(0, 0.55), (1, 5)]),                    # any mapping; 0.55 is within rounding
]

# answer -> a phrase its hint must hold (the hint that explains *this* mistake)
WRONG = [
    ({"cat": 0.56, "dog": 5.0}, "silently"),             # the trap: names as keys
    ({"0": 0.56, "1": 5.0}, "silently"),                 # digits as text are still strings
    ({b"cat": 0.56, b"dog": 5.0}, "silently"),
    ({0.0: 0.56, 1.0: 5.0}, "tf.data"),                  # works with arrays, fails in tf.data
    ({0: 5.0, 1: 0.56}, "rarer class"),                  # swapped
    ({0: 0.9, 1: 0.1}, "rarer class"),                   # the shares
    ({0: 1, 1: 1}, "change nothing"),
    ({1: 0.56, 2: 5.0}, "start at 0"),
    ({0: 0.56, 1: 5.0, 2: 1.0}, "two classes"),
    ({0: 0.6, 1: 5.0}, "100 x (dog weight)"),            # 8.3 : 1, rounded too far
    ({0: 0.5, 1: 5.0}, "100 x (dog weight)"),            # 10 : 1
    ({0: 1, 1: 10}, "100 x (dog weight)"),
    ({0: -0.56, 1: -5.0}, "positive"),
    ({0: 0, 1: 5.0}, "positive"),
    ({0: float("nan"), 1: 5.0}, "positive"),
    ({0: 0.56, 1: float("inf")}, "positive"),
    ({0: "0.56", 1: "5.0"}, "positive"),
    ({0: 10 ** 400, 1: 9 * 10 ** 400}, "positive"),      # too large for a float
    ({0: 5e-324, 1: 1e308}, "sensible"),                 # the ratio overflows
    ({False: 0.56, True: 5.0}, "integers"),
    ({None: 0.56, 1: 5.0}, "integers"),
    ([0.56, 5.0], "list"),
    ((0.56, 5.0), "list"),
    (np.array([0.56, 5.0]), "list"),
    ("{0: 0.56, 1: 5.0}", "dict"),                       # typed as text
    (5.0, "dict"),
    ({}, "two classes"),
]


@pytest.mark.parametrize("answer", RIGHT, ids=repr)
def test_class_weight_accepts_every_right_form(answer):
    result = check_class_weight(answer)
    assert isinstance(result, Result) and result, (answer, result)
    assert repr(result).startswith("Right: ") and "9 cats" in result.message


@pytest.mark.parametrize("answer, phrase", WRONG, ids=[repr(a) for a, _ in WRONG])
def test_class_weight_refuses_each_mistake_with_its_own_hint(answer, phrase):
    result = check_class_weight(answer)
    assert isinstance(result, Result) and not result, (answer, result)
    assert repr(result).startswith("Not yet: ") and phrase in result.message, (answer, result.message)


def test_class_weight_placeholders_ask_for_an_answer():
    for placeholder in (..., None):
        result = check_class_weight(placeholder)
        assert not result and "replace the `...` with your answer" in result.message


def test_class_weight_notes_a_changed_loss_scale_only_when_there_is_one():
    assert "average" not in check_class_weight({0: 0.56, 1: 5.0}).message
    assert "average 1.8" in check_class_weight({0: 1, 1: 9}).message


def test_class_weight_hints_never_give_the_answer():
    for answer, _ in WRONG:
        message = check_class_weight(answer).message
        assert "0.56" not in message and "5.0" not in message and "{0: 0." not in message, (answer, message)


class _Hostile(dict):
    """A mapping whose own methods fail, as a learner's odd object might."""

    def keys(self):
        raise RuntimeError("no keys")


def test_class_weight_survives_an_answer_whose_methods_fail():
    result = check_class_weight(_Hostile({0: 0.56, 1: 5.0}))
    assert not result and "dict" in result.message


# -------------------------------------------------------- the judgement questions of lessons 00–02

LESSON_QUESTIONS = ["label_keeping", "mask_transforms", "flow_batches", "fit_forgotten", "flow_memory",
                    "folder_classes", "folder_broken_file"]


def test_the_lessons_questions_are_the_modules_and_none_is_left_over():
    assert sorted(IDG_QUESTIONS) == sorted(LESSON_QUESTIONS)


@pytest.mark.parametrize("name", LESSON_QUESTIONS)
def test_each_question_passes_its_letter_and_gives_each_wrong_letter_its_hint(name):
    options, right, why, hints = IDG_QUESTIONS[name]
    check = getattr(choices, f"check_{name}")
    for spelling in (right, right.upper(), f" ({right}) "):
        assert check(spelling) and check(spelling).message == "Right: " + why
    for letter, hint in hints.items():
        result = check(letter)
        assert not result and result.message == hint
        assert options[right] not in hint, (name, letter)      # the hint does not quote the right option
    for odd in ("", "z", "bb", 2, 2.5, None, ..., [right], {right: 1}, np.array([right]), float("nan")):
        assert isinstance(check(odd), Result) and not check(odd)


def test_no_message_speaks_of_classes_the_lessons_do_not_have():
    """The old folder_classes reason named CIFAR-10's 'truck' (index 9) in a lesson with three classes."""
    text = str(IDG_QUESTIONS)
    assert "truck" not in text and "'airplane' is 0" not in text


def test_the_month_folders_get_the_index_the_question_calls_right():
    """folder_classes: both Keras readers sort folder names as text, so '2' is index 4."""
    from augcourse import keras
    from augcourse.folders import write_image_folder
    from tensorflow.keras.preprocessing.image import ImageDataGenerator

    months = [str(m) for m in range(1, 13)]
    folder = write_image_folder(Path(tempfile.mkdtemp()) / "months", np.zeros((12, 4, 4, 3), np.uint8),
                                list(range(12)), months)
    options, right, _, _ = IDG_QUESTIONS["folder_classes"]
    indices = ImageDataGenerator().flow_from_directory(folder, target_size=(4, 4)).class_indices
    names = keras.utils.image_dataset_from_directory(folder, image_size=(4, 4), verbose=False).class_names
    assert indices["2"] == int(options[right]) == names.index("2")


def test_flow_keeps_a_float32_copy_four_times_the_uint8_input():
    """flow_memory: the memory is taken when flow() returns, before any next()."""
    from tensorflow.keras.preprocessing.image import ImageDataGenerator

    x = np.zeros((10, 8, 8, 3), np.uint8)
    iterator = ImageDataGenerator(rotation_range=10).flow(x, batch_size=4)
    assert iterator.x.dtype == np.float32 and iterator.x.nbytes == 4 * x.nbytes
    assert math.isclose(10_000 * 224 * 224 * 3 * 4 / 1e9, 6.0, rel_tol=0.01)     # the question's "about 6 GB"


def test_featurewise_center_without_fit_warns_and_passes_values_through():
    """fit_forgotten: no error, a warning, the values unchanged (the flip aside)."""
    from tensorflow.keras.preprocessing.image import ImageDataGenerator

    x = np.arange(2 * 4 * 4 * 3, dtype=np.uint8).reshape(2, 4, 4, 3)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        batch = next(ImageDataGenerator(featurewise_center=True).flow(x, batch_size=2, shuffle=False))
    assert caught and "featurewise_center" in str(caught[0].message)
    np.testing.assert_array_equal(batch, x.astype(np.float32))


# ------------------------------------------------ what Keras does with class_weight (the hints' claims)

def _first_step_loss(class_weight, *data, **fit_options):
    from augcourse import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
    model.compile("sgd", "sparse_categorical_crossentropy")
    history = model.fit(*data, epochs=1, verbose=0, class_weight=class_weight, **fit_options)
    return history.history["loss"][0]


def test_model_fit_silently_ignores_names_and_fails_in_tf_data_unless_keys_are_integers():
    from augcourse import tf

    x = np.random.default_rng(0).normal(size=(40, 4)).astype("float32")
    y = (np.arange(40) % 10 == 0).astype("int32")            # 4 of 40 in class 1
    plain = _first_step_loss(None, x, y, batch_size=40, shuffle=False)
    assert _first_step_loss({"cat": 0.56, "dog": 5.0}, x, y, batch_size=40, shuffle=False) == plain
    by_index = _first_step_loss({0: 0.56, 1: 5.0}, x, y, batch_size=40, shuffle=False)
    assert by_index != plain
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(40)
    for bad_keys in ({"cat": 0.56, "dog": 5.0}, {0.0: 0.56, 1.0: 5.0}):
        with pytest.raises(TypeError):
            _first_step_loss(bad_keys, dataset, shuffle=False)
    numpy_keys = {np.int64(0): 0.56, np.int64(1): 5.0}
    assert math.isclose(_first_step_loss(numpy_keys, dataset, shuffle=False), by_index, rel_tol=1e-6)
    assert check_class_weight(numpy_keys) and not check_class_weight({0.0: 0.56, 1.0: 5.0})


# ------------------------------------------------------------------ no typed answer raises

LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=10 ** 300),
                   st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20), st.binary(max_size=8),
                   st.just(...), st.complex_numbers(allow_nan=True))
ANSWERS = st.recursive(
    st.one_of(LEAVES, hnp.arrays(hnp.scalar_dtypes(), hnp.array_shapes(max_dims=2, max_side=3))),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.tuples(inner, inner),
                            st.dictionaries(st.one_of(st.integers(), st.text(max_size=5), st.floats(allow_nan=False),
                                                      st.booleans(), st.none()), inner, max_size=3)),
    max_leaves=8)


@given(ANSWERS)
def test_no_answer_makes_a_check_raise(answer):
    for check in [check_class_weight] + [getattr(choices, f"check_{name}") for name in LESSON_QUESTIONS]:
        result = check(answer)
        assert isinstance(result, Result) and isinstance(result.message, str) and result.message


@given(st.dictionaries(st.integers(0, 1), st.floats(allow_nan=True, allow_infinity=True)
                       | st.integers(-10 ** 400, 10 ** 400), min_size=2, max_size=2))
def test_any_pair_of_numbers_for_the_two_classes_gets_a_verdict(answer):
    result = check_class_weight(answer)
    assert isinstance(result, Result)
    if result:
        assert abs(answer[1] / answer[0] / 9 - 1) <= 0.03
