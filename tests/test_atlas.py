"""The atlas of Keras 3's image layers covers every layer the pinned Keras exports, and its probes measure."""

import pytest

from augcourse import atlas

WORDS = {"draws": {"per image", "per batch", "sometimes", "same every call", "none seen", "mixes the batch"},
         "predict": {"acts", "passes through"}, "training=False": {"acts", "passes through"},
         "no argument": {"acts", "passes through"},
         "mask": {"aligned", "unchanged", "not aligned", "not aligned (blended values)", "cannot tell"},
         "boxes": {"aligned", "unchanged", "not aligned", "cannot tell"}}


def test_every_image_layer_of_keras_has_an_entry_and_no_entry_is_stale():
    """Fails when a Keras upgrade adds (or drops) an image preprocessing layer the atlas does not know."""
    assert atlas.keras_image_layers() == sorted(atlas.ENTRIES)


@pytest.fixture(scope="module")
def answers():
    return {name: atlas.probe(name) for name in sorted(atlas.ENTRIES)}


def test_every_probe_answers_every_question_in_the_atlas_words(answers):
    for name, answer in answers.items():
        assert list(answer) == list(WORDS), name
        for question, word in answer.items():
            ok = word in WORDS[question] or word.startswith(("error: ", "changed shape"))
            assert ok, (name, question, word)


@pytest.mark.parametrize("name, question, expected", [
    ("RandomFlip", "predict", "passes through"), ("RandomFlip", "no argument", "acts"),
    ("RandomFlip", "training=False", "passes through"), ("RandomFlip", "mask", "aligned"),
    ("RandomFlip", "boxes", "aligned"), ("RandomRotation", "draws", "per image"),
    ("RandomRotation", "mask", "aligned"), ("RandomZoom", "boxes", "aligned"),
    ("Resizing", "predict", "acts"), ("CenterCrop", "training=False", "acts"),
    ("RandomCrop", "draws", "per batch"),               # one window for the whole batch
    ("RandomCrop", "boxes", "not aligned"),             # Keras 3.15 moves the boxes along the wrong axis
    ("RandomGaussianBlur", "draws", "per batch"),       # the strength is drawn once per call
    ("RandomHue", "mask", "unchanged"), ("RandomBrightness", "draws", "per image"),
    ("AugMix", "mask", "not aligned (blended values)"), ("MixUp", "mask", "changed shape (8, 32, 32, 8)"),
    ("CutMix", "boxes", "error: NotImplementedError"), ("RandomGrayscale", "mask", "error: AttributeError"),
    ("ContrastLimitedAdaptiveHistogramEqualization", "mask", "error: NotImplementedError"),
    ("MixUp", "draws", "mixes the batch"), ("MixUp", "no argument", "acts"),
])
def test_the_measured_behaviours_a_lesson_relies_on(answers, name, question, expected):
    assert answers[name][question] == expected


@pytest.mark.parametrize("name", sorted(atlas.ENTRIES))
def test_the_atlas_widget_draws_every_layer(name):
    import numpy as np

    from augcourse.widgets.keras_layers import keras_draw, layer_code

    images = atlas.probe_images(n=2)
    out, _ = keras_draw("atlas")(images, {"layer": name}, seed=0)
    assert len(out) == 2 and np.isfinite(out).all()
    assert layer_code("atlas", {"layer": name}).splitlines()[1].strip().startswith(f"keras.layers.{name}(")


def test_the_atlas_controls_show_the_chosen_layer():
    from augcourse.widgets import lesson_controls

    controls = lesson_controls("atlas", debounce=0, layer="RandomFlip")
    assert "keras.layers.RandomFlip(mode='horizontal_and_vertical')" in controls.last_frame.text
    controls.widgets["layer"].value = "RandomInvert"
    assert "keras.layers.RandomInvert(" in controls.last_frame.text
