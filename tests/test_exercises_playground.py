"""The exercise checks of lesson 15 (the playground): right forms pass, plausible wrong ones get a hint that
fits the mistake, the lesson shows the options its check knows, and what the answers claim is what the
playground does."""

import json
from pathlib import Path

import numpy as np
import pytest

from exercise_checks import assert_accepts_and_rejects, assert_asks_for_an_answer
from augcourse.exercises import choices
from augcourse.exercises import playground as ex

LESSON = Path(__file__).resolve().parents[1] / "notebooks" / "15_playground.ipynb"

CASES = [
    (ex.check_unchanged_images, [24, 24.0, 24.01, 100 * 0.7 ** 4, np.float64(24), np.array(24), 23.6],
     [0.24, 0.2401, 70, 30, 0.81, 100 * 0.7 ** 5, 100 * 0.7 ** 10, 25, 50, 0, 100, "24", [24], True]),
    (choices.check_brightness_after_samplewise, ["b", "B", " (b) ", "(B)"], ["a", "c", "z", "ab", 2, ""]),
]


@pytest.mark.parametrize("check, right, wrong", CASES, ids=[c[0].__name__ for c in CASES])
def test_check_accepts_right_and_rejects_wrong(check, right, wrong):
    assert_accepts_and_rejects(check, right, wrong)


def test_placeholder_asks_for_an_answer():
    assert_asks_for_an_answer(ex.check_unchanged_images)
    for placeholder in (..., None):                  # the letter questions' own reminder
        assert "replace the `...` with a letter" in choices.check_brightness_after_samplewise(placeholder).message


def test_each_wrong_choice_has_its_own_hint_and_the_lesson_shows_the_options():
    text = "".join("".join(cell["source"]) for cell in json.loads(LESSON.read_text())["cells"])
    for name, (options, right, why, hints) in ex.PLAYGROUND_QUESTIONS.items():
        assert right in options and set(hints) == set(options) - {right}
        assert all(f"- ({letter}) {option}" in text for letter, option in options.items()), name
        check = getattr(choices, f"check_{name}")
        assert check(right).message.endswith(why)
        assert {letter: check(letter).message for letter in hints} == hints
        assert f"check_{name}(" in text


def test_specific_hints_for_common_mistakes():
    assert "chance for one image" in ex.check_unchanged_images(0.24).message
    assert "all four are skipped" in ex.check_unchanged_images(70).message
    assert "switch on" in ex.check_unchanged_images(100 * 0.7 ** 10).message
    assert "typed text" in ex.check_unchanged_images("24").message


def test_the_answers_are_what_the_playground_does():
    """Exercise 1: four transforms at p = 0.3 leave 0.7**4 of the images alone. Exercise 2: with samplewise
    normalization, widening the brightness range changes the pictures far less than without it."""
    from augcourse.augment import Augment
    from augcourse.widgets import playground

    spec = playground(debounce=0).spec()
    spec["p"] = {name: 0.3 for name in spec["p"]}
    applied = Augment(**spec).sample(20_000, (256, 256, 3), seed=3).applied
    assert sum(flags.any() for flags in applied.values()) == 4              # flip, rotation, shift, zoom
    unchanged = ~np.any(list(applied.values()), axis=0)
    assert unchanged.mean() == pytest.approx(0.7 ** 4, abs=0.01)

    def change(**normalization):
        pictures = [np.array(playground(use_brightness=True, brightness_range=b, debounce=0, **normalization)
                             .last_frame.images, dtype=float) for b in ((0.8, 1.2), (0.5, 1.5))]
        return np.abs(pictures[1] - pictures[0]).mean()

    assert change(samplewise_center=True, samplewise_std_normalization=True) < change() / 3
