"""The atlas of Keras 3's image layers covers every layer the pinned Keras exports, and its probes measure."""

import numpy as np
import pytest

from augcourse import atlas

WORDS = {"draws": {"per image", "per batch", "sometimes", "same every call", "none seen", "mixes the batch"},
         "predict": {"acts", "passes through"}, "training=False": {"acts", "passes through"},
         "no argument": {"acts", "passes through"},
         "mask": {"aligned", "unchanged", "not aligned", "not aligned (blended values)", "cannot tell"},
         "boxes": {"aligned", "unchanged", "not aligned", "cannot tell"}}


def test_every_image_layer_of_keras_has_an_entry_and_no_entry_is_stale():
    """Fails when a Keras upgrade adds (or drops) an image preprocessing layer the atlas does not know."""
    in_keras, in_atlas = set(atlas.keras_image_layers()), set(atlas.ENTRIES)
    assert not in_keras - in_atlas, f"Keras image layers with no atlas entry: {sorted(in_keras - in_atlas)}"
    assert not in_atlas - in_keras, f"atlas entries Keras no longer has: {sorted(in_atlas - in_keras)}"
    assert len(in_keras) == 31                   # Keras 3.15.1; a new release may change it (then update the lessons)


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
    ("RandomElasticTransform", "mask", "not aligned"),  # the mask gets a random field of its own (Keras 3.15)
])
def test_the_measured_behaviours_a_lesson_relies_on(answers, name, question, expected):
    assert answers[name][question] == expected


def test_the_elastic_mask_gets_a_field_of_its_own_and_the_flip_mask_the_same_one():
    """Column numbers as the image and as the mask: one field would move them alike (up to interpolation)."""
    from augcourse._tf import keras

    columns = np.tile(np.arange(32, dtype="float32"), (4, 32, 1))[..., None]
    data = {"images": np.repeat(columns, 3, axis=-1), "segmentation_masks": columns}
    gaps = {}
    for name, layer in [("elastic", keras.layers.RandomElasticTransform((1.0, 1.0), (1.0, 1.0), seed=1)),
                        ("rotation", keras.layers.RandomRotation(0.2, seed=1))]:
        out = layer(data, training=True)
        gaps[name] = np.abs(keras.ops.convert_to_numpy(out["images"][..., 0] - out["segmentation_masks"][..., 0]))
    assert gaps["elastic"].mean() > 0.7 and gaps["rotation"].mean() < 0.3, {k: v.mean() for k, v in gaps.items()}


def test_the_demos_draw_what_their_purposes_say():
    x = atlas.probe_images(n=64)

    def drawn(name, key):
        return atlas._numpy(atlas.build(name, seed=1).get_random_transformation(x, training=True)[key]).ravel()
    assert set((8 - drawn("RandomPosterization", "shift_factor")).tolist()) == {2, 3, 4}     # bits kept
    assert drawn("RandomColorDegeneration", "factor").min() >= 0                       # towards grey only
    thresholds = drawn("Solarization", "thresholds")
    assert thresholds.min() < 10 and thresholds.max() <= 0.5 * 255


@pytest.mark.parametrize("name", sorted(atlas.ENTRIES))
def test_the_atlas_widget_draws_every_layer(name):
    from augcourse.widgets.keras_layers import FACTORS, keras_draw, layer_code

    values = {"layer": name, "factor": FACTORS[name].start if name in FACTORS else 0.0}
    images = atlas.probe_images(n=2)
    out, _ = keras_draw("atlas")(images, values, seed=0)
    assert len(out) == 2 and np.isfinite(out).all()
    assert layer_code("atlas", values).splitlines()[1].strip().startswith(f"keras.layers.{name}(")


def test_the_atlas_controls_show_the_chosen_layer():
    from augcourse.widgets import lesson_controls

    controls = lesson_controls("atlas", debounce=0, layer="RandomFlip")
    assert "keras.layers.RandomFlip(mode='horizontal_and_vertical', bounding_box_format='xyxy')" in \
        controls.last_frame.text
    controls.widgets["layer"].value = "RandomInvert"
    assert "keras.layers.RandomInvert(" in controls.last_frame.text


# -- value_range ---------------------------------------------------------------------------------------
RANGE_LAYERS = [name for name in sorted(atlas.ENTRIES) if atlas.has_value_range(name)]


@pytest.fixture(scope="module")
def ranges():
    return {name: atlas.probe_value_range(name) for name in RANGE_LAYERS}


def test_the_layers_with_a_value_range_are_the_ones_keras_gives_one():
    assert len(RANGE_LAYERS) == 18
    assert "RandomSaturation" in RANGE_LAYERS and "RandomRotation" not in RANGE_LAYERS
    assert atlas.probe_value_range("RandomRotation") == dict.fromkeys(atlas.RANGE_QUESTIONS, "-")


def test_every_value_range_probe_answers_in_the_atlas_words(ranges):
    starts = {"0..1 vs 0..255": ("same up to scale", "differs by "),
              "in-range input": ("stays in range", "leaves it ("),
              "out-of-range input": ("kept in range", "not clipped ("),
              "0..1 with (0, 255)": ("harmless", "black image", "does nothing", "leaves 0..1 (", "wrong by ")}
    for name, answer in ranges.items():
        assert tuple(answer) == atlas.RANGE_QUESTIONS, name
        for question, word in answer.items():
            assert word.startswith(starts[question]), (name, question, word)


@pytest.mark.parametrize("name, question, expected", [
    ("RandomBrightness", "0..1 vs 0..255", "same up to scale"),
    ("RandomBrightness", "out-of-range input", "kept in range"),       # the layer clips to value_range
    ("RandomBrightness", "0..1 with (0, 255)", "leaves 0..1 (0..39.5)"),  # the offset is 0.2 * 255
    ("RandomInvert", "out-of-range input", "not clipped (-17..277)"),  # 255 - x, no clip
    ("RandomErasing", "0..1 with (0, 255)", "leaves 0..1 (0..255)"),   # random fill drawn in 0..255
    ("RandomSaturation", "in-range input", "leaves it (-39..230)"),    # value_range clips the S channel
    ("RandomSaturation", "0..1 vs 0..255", "differs by 39"),
    ("Equalization", "0..1 with (0, 255)", "does nothing"),           # every value in the first bin
    ("Solarization", "0..1 with (0, 255)", "does nothing"),           # nothing above 0.5 * 255
    ("RandomPosterization", "0..1 with (0, 255)", "black image"),
    ("ContrastLimitedAdaptiveHistogramEqualization", "0..1 with (0, 255)", "black image"),
    ("RandomHue", "0..1 with (0, 255)", "harmless"),
    ("AugMix", "0..1 vs 0..255", "same up to scale"),                 # only with Python's random fixed
])
def test_the_measured_value_range_meanings(ranges, name, question, expected):
    assert ranges[name][question] == expected


def test_python_random_fixes_augmix_and_restores_the_global_state():
    import random

    random.seed(5)
    before = random.getstate()
    x = atlas.probe_images(n=2, copies=False)
    runs = []
    for _ in range(2):
        with atlas.python_random(3):
            runs.append(atlas.build("AugMix", seed=1)(x, training=True))
    assert random.getstate() == before
    assert np.allclose(runs[0], runs[1])


# -- boxes and masks, seen -----------------------------------------------------------------------------
def test_targets_name_exactly_the_geometric_layers_that_move_masks_or_boxes(answers):
    for name, entry in atlas.ENTRIES.items():
        moved = {target for target, question in (("mask", "mask"), ("boxes", "boxes"))
                 if answers[name][question].startswith(("aligned", "not aligned", "cannot tell"))}
        expected = set() if entry.photometric or entry.mixes or name == "MaxNumBoundingBoxes" else moved
        assert set(entry.targets) == expected, name


def test_targets_after_moves_the_mask_and_box_with_a_flip():
    x = atlas.probe_images(n=8)
    top, bottom, left, right = atlas.SQUARE
    mask = np.zeros((32, 32))
    mask[top:bottom, left:right] = 1
    out, masks, boxes = atlas.targets_after("RandomFlip", x, mask, [left, top, right, bottom], seed=0)
    flipped = ~np.all(boxes == [left, top, right, bottom], axis=1)
    assert flipped.any() and (~flipped).any()
    for image, m, box in zip(out, masks, boxes):
        assert np.array_equal(image.mean(axis=-1) > 170, m > 0.5)          # the mask on the square
        seen = atlas.bright_box(image)
        assert (box[0], box[1], box[2], box[3]) == (seen[1], seen[0], seen[3], seen[2])


def test_targets_after_leaves_out_what_the_layer_does_not_take():
    x = atlas.probe_images(n=1)
    out, masks, boxes = atlas.targets_after("RandomElasticTransform", x, np.zeros((32, 32)), [0, 0, 4, 4])
    assert masks.shape == (1, 32, 32) and boxes is None
    out, masks, boxes = atlas.targets_after("CenterCrop", x, np.zeros((32, 32)), [0, 0, 4, 4], height=16, width=16)
    assert out.shape == (1, 16, 16, 3) and masks.shape == (1, 16, 16)
