"""The exercise checks speak Korean when the learner chose it: every hint and every success message of every
check (typed answers and judgement questions) comes from ``exercises.po``, keeps the values it reports, starts
with the Korean verdict word, and leaves ``augcourse.language.missing`` empty; in English nothing changed."""

import math
import re

import numpy as np
import pytest

from augcourse import exercises, language
from augcourse.exercises import Result, beyond, choices, geometry, idg_questions, pixels, playground

HANGUL = re.compile(r"[\uac00-\ud7a3]")


CHECKS = exercises.all_checks()

# Answers that reach the branches of the typed checks: right answers, each trap, wrong shapes and text.
TYPED = {
    "check_shift_axis": ["vertical", "horizontal", "diagonal", 3],
    "check_true_wrap": [[2, 3, 4, 5, 6, 7, 0, 1], [2, 3, 4, 5, 6, 7, 1, 2], [9] * 8, [1, 0, 2, 3, 4, 5, 6, 7], "x"],
    "check_zoom_keeps_aspect": [False, True, "maybe"],
    "check_shear_stretch": [1.414, "sqrt(2)", 0.7071, 1.1547, 1.0, 3.0, "x"],
    "check_unit_input_brightness": [0, [0, 0, 0], 0.84, "0", [1, 2], 5],
    "check_brightness_range": [(0.7, 1.3), (1.3, 0.7), 0.3, np.array([0.7, 1.3]), [1], ("a", "b"), (-0.3, 0.3),
                               (70, 130), (0.5, 1.5), "(0.7, 1.3)"],
    "check_channel_shift_clip": [[80, 130, 210], [80, 130, 230], [100, 150, 210], [1, 2, 3], "x", 5],
    "check_channel_shift_keras": [0.2, (-0.2, 0.2), np.array([0.2]), np.float32(0.2), "x", (0, 0.2), (0.1, 0.1),
                                  0.1, 5, [1, 2, 3]],
    "check_rescale": [1 / 255, 1.0, 255, 3, "x", [1, 2]],
    "check_samplewise": [[-10, 0, 10], [0, 0, 0], [10, 20, 30], [-1.2247, 0, 1.2247], [1, 2, 3], "x", 5],
    "check_zca_rank": [300, 299, 3072, 5, "x"],
    "check_zca_epsilon": [2.813, 2.81, 1.0, -1, 10, float("inf"), "x"],
    "check_rotation_layer": [("RandomRotation", 0.1), "RandomRotation(0.1)", "garbage(", ("RandomZoom", 0.1),
                             ("RandomRotation", "0.1"), ("RandomRotation", [1, 2, 3]),
                             ("RandomRotation", float("inf")), ("RandomRotation", 36), ("RandomRotation", 0.628),
                             ("RandomRotation", (0, 0.1)), ("RandomRotation", 0.2), ("RandomRotation", (-0.1, 0.3)),
                             ("RandomRotation", 0.15), 5],
    "check_mask_interpolation": [0, 2, "nearest", "nearest bilinear", "bilinear", "bicubic", "xyz", b"nearest",
                                 [1]],
    "check_expected_applied": [250, 0.25, 3, "x"],
    "check_unchanged_images": [24, 0.24, 70, 30, 16.8, 50, "x", [1]],
    "check_class_weight": [{0: 1, 1: 9}, {0: 0.1, 1: 0.9}, [1, 9], 5, {"cat": 1, "dog": 9}, {0.0: 1, 1.0: 9},
                           {(1,): 1, 0: 2}, {1: 1, 2: 9}, {0: 1, 1: 2, 2: 3}, {0: "a", 1: 1}, {0: 1, 1: 1},
                           {0: 9, 1: 1}, {0: 1, 1: 3}, {0: 1e-300, 1: 1e300}],
}
GENERIC = [None, ..., "z", "a", "b", "c", "d", "(B)", 7, -1.5, "some words", [1, 2, 3], {"k": 1}]


def assert_korean(result):
    assert isinstance(result, Result)
    assert HANGUL.search(result.message), result.message
    text = repr(result)
    assert text.startswith("정답: " if result.passed else "아직: "), text
    assert "Right:" not in text and "Not yet:" not in text, text


def test_the_typed_checks_are_all_covered():
    typed = {name for name, fn in CHECKS.items() if fn.__module__ != "augcourse.exercises.choices"}
    assert typed == set(TYPED)
    assert {name for name in CHECKS if name not in TYPED} == {f"check_{q}" for q in choices.QUESTIONS}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_every_answer_gets_korean_feedback(korean, name):
    check = CHECKS[name]
    results = []
    with np.errstate(all="ignore"):
        for answer in GENERIC + TYPED.get(name, []):
            result = check(answer)
            assert_korean(result)
            results.append(result)
    if name in TYPED:
        assert any(r.passed for r in results), name          # the right answer is among those tried
        assert all(r.message.startswith("정답: ") for r in results if r.passed)


@pytest.mark.parametrize("name", sorted(choices.QUESTIONS))
def test_every_judgement_question_in_korean(korean, name):
    options, right, _why, hints = choices.QUESTIONS[name]
    check = getattr(choices, f"check_{name}")
    assert check(right).passed and repr(check(right)).startswith("정답: ")
    for letter in options:
        assert_korean(check(letter))
    assert "'a'" in check("zz").message                   # the letters stay as they are
    assert check(None).message == '`...`를 문자로 바꾼 다음(예: answer = "a") 셀을 다시 실행하세요.'
    for letter, hint in hints.items():
        assert check(letter).message == language.tr(hint) != hint


@pytest.mark.parametrize("check, answer, english, kept", [
    (geometry.check_shift_axis, "horizontal",
     "That is what the name promises, but not what IDG does. Look where the marker pixel went in section 4.",
     ["IDG", "4절"]),
    (geometry.check_zoom_keeps_aspect, "no",
     "Right: zx and zy are drawn independently, so a circle comes out as an ellipse in most images.", ["zx", "zy"]),
    (pixels.check_zca_epsilon, 2.81,
     f"Almost: with zca_epsilon=2.81 the gain is sqrt(1000) / (0.35 + 2.81) = {math.sqrt(1000) / 3.16:.4f}, "
     "still above 10. Round up, not to the nearest.", ["zca_epsilon=2.81", f"{math.sqrt(1000) / 3.16:.4f}"]),
    (pixels.check_channel_shift_keras, np.float32(0.2),
     "RandomBrightness refuses a NumPy float32 scalar (it checks for a Python int or float): write a plain "
     "number, e.g. float(...).", ["float32", "float(...)"]),
    (pixels.check_brightness_range, (1.3, 0.7),
     "Right: factors from 0.7 (30 % darker) to 1.3 (30 % brighter) (IDG draws the same range from (high, low), "
     "but (low, high) reads better).", ["(high, low)", "0.7", "1.3"]),
    (pixels.check_rescale, "1/255",
     "You typed text ('1/255'): write the number(s) themselves, without quotes.", ["'1/255'"]),
    (beyond.check_mask_interpolation, 2,
     "Interpolation order 2 mixes neighbouring pixels: 0 and 2 could give 1, a class that is not there. "
     "Which order copies one pixel?", ["2"]),
    (beyond.check_rotation_layer, ("RandomRotation", 0.1),
     "Right: RandomRotation(factor=0.1) turns by up to ±0.1 x 360° = ±36°.", ["RandomRotation(factor=0.1)"]),
    (playground.check_unchanged_images, "24",
     "You typed text ('24'): write the number itself, without quotes.", ["'24'"]),
    (idg_questions.check_class_weight, {0: 1, 1: 3},
     "One dog now weighs 3 cats; for the classes to weigh the same in total, 100 x (dog weight) must equal "
     "900 x (cat weight). Section 5 computes such weights as total / (classes x count).", ["3", "5절"]),
    (idg_questions.check_class_weight, [1, 9],
     "A list holds the weights but not which class each is for: model.fit's class_weight is a dict "
     "{class index: weight}, one entry per class, e.g. {0: ..., 1: ...}.", ["{class index: weight}"]),
    (idg_questions.check_class_weight, {0: 0.1, 1: 0.9},
     "Right: flow_from_directory gives cat/ index 0 and dog/ index 1 (sorted names), and one dog now weighs "
     "about 9 cats, so the 100 dogs count as much as the 900 cats. Your weights average 0.18 per image, so the "
     "loss is 0.18 times its usual size; total / (classes x count), as in section 5, keeps the average at 1.",
     ["0.18", "cat/"]),
    (choices.check_mixup_label, "(B)",
     "Right: MixUp blends the labels with the same weight as the pixels: 0.7 x [1, 0] + 0.3 x [0, 1] = "
     "[0.7, 0.3] (section 4 prints it for real layers).", ["[0.7, 0.3]"]),
    (choices.check_mixup_label, "q", "Answer with one of the letters 'a', 'b', 'c'.", ["'a', 'b', 'c'"]),
])
def test_messages_in_both_languages(check, answer, english, kept):
    try:
        language.set_language("en")
        result = check(answer)
        assert result.message == english
        assert repr(result).startswith("Right: " if result.passed else "Not yet: ")
        language.set_language("ko")
        before = set(language.missing)
        korean = check(answer)
        assert korean.passed == result.passed
        assert korean.message != english and HANGUL.search(korean.message), korean.message
        for text in kept:
            assert text in korean.message, (text, korean.message)
        assert set(language.missing) == before
    finally:
        language.set_language(None)
