"""The core's (augcourse.augment) messages in Korean: every module's errors and printed text go through ``tr``.

Each case makes a real call that fails (or prints) and checks the message: in Korean it holds Hangul, the
parameter's name and the value; ``augcourse.language.missing`` gains nothing; in English it is the message
the other tests compare, unchanged.
"""

import re

import numpy as np
import pytest
from PIL import Image

from augcourse import language
from augcourse.augment import Augment
from augcourse.augment.directory import DIFFERENCES
from augcourse.augment.flow_inputs import FlowInputs, check_saving
from augcourse.augment.idg import idg_equivalent
from augcourse.augment.inputs import VALUE_PROBLEM, VALUE_PROBLEM_TEMPLATE
from augcourse.augment.normalize import standardize
from augcourse.augment.ops import NUMPY_OPS
from augcourse.augment.options import AugmentOptions
from augcourse.augment.params import AugmentParams
from augcourse._checks import PIXEL_LIMIT

HANGUL = re.compile("[\uac00-\ud7a3]")
IMAGES = np.zeros((4, 8, 8, 3), np.uint8)


@pytest.fixture(scope="module")
def three_classes(tmp_path_factory):
    root = tmp_path_factory.mktemp("three")
    for name in ("bird", "cat", "dog"):
        (root / name).mkdir()
        Image.fromarray(np.zeros((8, 8, 3), np.uint8)).save(root / name / "a.png")
    return root


def fitted():
    aug = Augment(featurewise_center=True)
    aug.fit(np.ones((2, 4, 4, 3), np.float32))
    return aug


def next_index():
    batches = Augment().flow(IMAGES, batch_size=2)
    batches[len(batches)]


# (what it calls, the error, the English message's start, words the Korean message keeps, English words it drops)
CASES = [
    ("checks.check_bool", lambda: Augment(horizontal_flip="yes"), TypeError,
     "horizontal_flip must be True or False; got 'yes'.", ["horizontal_flip", "'yes'", "True", "False"],
     ['True or False']),
    ("checks.check_pair", lambda: Augment(brightness_range=(2, 1)), ValueError,
     "brightness_range must be None or a (low, high) pair of finite numbers with 0 <= low <= high <= 100, such as ",
     ["brightness_range", "(2, 1)", "(0.7, 1.3)"], ['pair of finite numbers', 'such as']),
    ("checks.check_zoom", lambda: Augment(zoom_range=5), ValueError,
     "zoom_range must be a number z in [0, 0.99] meaning [1 - z, 1 + z]", ["zoom_range", "0.99", "5"],
     ['meaning', 'pair of finite']),
    ("erasing", lambda: Augment(erasing_fill="snow"), ValueError,
     "erasing_fill must be a number (in the images' units) or \"noise\"; got 'snow'.", ["erasing_fill", "'snow'"],
     ["in the images' units"]),
    ("options.rescale", lambda: Augment(rescale=0), ValueError,
     "rescale must be None or a non-zero number such as 1/255; got 0.", ["rescale", "1/255"], ['non-zero number']),
    ("options.p", lambda: Augment(p=[0.5]), TypeError,
     "p must be None or a dict such as {'rotation': 0.5}; got [0.5].", ["p", "{'rotation': 0.5}"],
     ['a dict such as']),
    ("options.unknown", lambda: Augment(rotation=3), TypeError,
     "an option name must be one of ", ["'rotation'", "rotation_range"], ['an option name', 'one of ']),
    ("inputs.fitted_channels", lambda: fitted().augment(np.zeros((1, 4, 4, 1), np.float32)), ValueError,
     "images (shape (1, 4, 4, 1)) must be images with 3 channels, the count fit() saw",
     ["images", "(1, 4, 4, 1)", "fit()"],
     ['1 channels', 'the count fit() saw']),
    ("flow_inputs.y", lambda: FlowInputs.from_arguments(IMAGES, y=[0, 1]), ValueError,
     "y must be one label per image (4); got '2 labels'.", ["y", "(4", "2"], ['one label per image', '2 labels']),
    ("flow_inputs.subset", lambda: FlowInputs.from_arguments(IMAGES, y=[0, 0, 1, 1], validation_split=0.5,
                                                             subset="training"), ValueError,
     "subset must be a split whose two parts hold the same classes (the first 2 images",
     ["subset", "ignore_class_split=True"],
     ['a split whose', 'validation part']),
    ("flow_inputs.save_to_dir", lambda: check_saving("/no/such/folder", "", "png"), ValueError,
     "save_to_dir must be an existing folder; got '/no/such/folder'.", ["save_to_dir", "'/no/such/folder'"],
     ['an existing folder']),
    ("params.replace", lambda: AugmentParams.identity(1, (8, 8, 3)).replace(angle=[1.0]), TypeError,
     "AugmentParams has no field 'angle'; its fields: ", ["AugmentParams", "'angle'", "theta"],
     ['has no field', 'its fields']),
    ("normalize", lambda: standardize(AugmentOptions(featurewise_center=True), IMAGES, NUMPY_OPS), RuntimeError,
     "This Augment uses featurewise_center/featurewise_std_normalization: call aug.fit(x_train) first.",
     ["featurewise_center", "aug.fit(x_train)"], ['This Augment uses', 'first.']),
    ("spec.apply", lambda: Augment().apply(IMAGES, "draws"), TypeError,
     "params must be an AugmentParams from Augment.sample(); got 'str'.", ["params", "Augment.sample()", "'str'"],
     ['an AugmentParams from']),
    ("spec.fit", lambda: Augment().fit(IMAGES[:0]), ValueError,
     "x must be at least one image to compute statistics from; got 'an empty batch (shape (0, 8, 8, 3))'.",
     ["x", "(0, 8, 8, 3)"], ['at least one image', 'an empty batch']),
    ("spec.cval", lambda: Augment(fill_mode="constant", cval=300.0).augment(IMAGES), ValueError,
     "cval must be within uint8's range 0..255 for uint8 images", ["cval", "uint8", "0..255", "300.0"],
     ['within uint8', 'or pass float images']),
    ("idg.i", lambda: idg_equivalent(Augment().sample(2, (8, 8, 3), seed=0), 5), ValueError,
     "i must be an image index below 2; got 5.", ["i", "2", "5"], ['an image index below']),
    ("pipelines.index", next_index, IndexError, "batch index 2 out of range for 2 batches", ["2"],
     ['batch index', 'out of range']),
]


@pytest.mark.parametrize("where, call, error, english_start, kept, gone", CASES, ids=[c[0] for c in CASES])
def test_each_module_s_message_is_korean_and_keeps_names_and_values(korean, where, call, error, english_start, kept,
                                                                   gone):
    with pytest.raises(error) as caught:
        call()
    message = str(caught.value).strip("'\"")
    assert HANGUL.search(message), message
    assert not message.startswith(english_start)
    for word in kept:
        assert word in message, (word, message)
    for words in gone:
        assert words not in message, (words, message)


@pytest.mark.parametrize("where, call, error, english_start, kept, gone", CASES, ids=[c[0] for c in CASES])
def test_each_module_s_message_is_unchanged_in_english(english, where, call, error, english_start, kept, gone):
    with pytest.raises(error) as caught:
        call()
    message = str(caught.value).strip("'\"")
    assert message.startswith(english_start), message
    assert not HANGUL.search(message)
    assert all(words in message for words in gone)


def test_directory_messages_and_the_printed_count_in_korean(korean, three_classes, capsys):
    with pytest.raises(ValueError) as caught:
        Augment().flow_from_directory(three_classes, class_mode="binary")
    message = str(caught.value)
    assert HANGUL.search(message) and "class_mode" in message and "'binary'" in message and "3" in message
    Augment().flow_from_directory(three_classes, target_size=(8, 8))
    printed = capsys.readouterr().out
    assert HANGUL.search(printed) and "3" in printed and "Found" not in printed


def test_directory_messages_in_english(english, three_classes, capsys):
    with pytest.raises(ValueError, match=r"^class_mode must be 'categorical' or 'sparse' here: 'binary' .* has 3: "):
        Augment().flow_from_directory(three_classes, class_mode="binary")
    Augment().flow_from_directory(three_classes, target_size=(8, 8))
    assert capsys.readouterr().out == "Found 3 images belonging to 3 classes.\n"


def test_the_lesson_s_table_of_differences_and_the_layer_s_graph_message_have_korean(korean):
    words = [entry for row in DIFFERENCES for entry in row if "{" not in entry and entry != "validation_split"]
    assert all(HANGUL.search(language.tr(entry)) for entry in words)
    shown = language.tr(VALUE_PROBLEM_TEMPLATE, limit=PIXEL_LIMIT)
    assert HANGUL.search(shown) and "+-1e+06" in shown and "np.nan_to_num(images)" in shown
    assert HANGUL.search(language.tr("NaN or infinite values:"))


def test_the_layer_s_graph_message_is_unchanged_in_english(english):
    assert language.tr(VALUE_PROBLEM_TEMPLATE, limit=PIXEL_LIMIT) == VALUE_PROBLEM
    assert VALUE_PROBLEM.startswith("images must be finite pixel values within +-1e+06 (the values")


def code_notes(code):
    return [line for line in code.split("\n") if line.startswith("#")]


def printed_code():
    from augcourse.augment.albumentations_code import albumentations_code
    from augcourse.augment.codegen import idg_code
    from augcourse.augment.keras_code import keras_code

    options = AugmentOptions(rotation_range=20, width_shift_range=5, zoom_range=(0.5, 3.0), shear_range=10,
                             brightness_range=(0.8, 1.2), channel_shift_range=300.0, perspective_range=0.1,
                             erasing_area=(0.02, 0.2), fill_mode="reflect", p={"rotation": 0.3})
    return [idg_code(options), keras_code(options), albumentations_code(options)]


def test_the_notes_of_printed_code_and_the_words_for_each_draw_in_korean(korean):
    from augcourse.augment.transforms import RECORDS

    for code in printed_code():
        notes = code_notes(code)
        assert notes and all(HANGUL.search(note) for note in notes), notes
    draw = {"theta": 12.3, "flip_horizontal": True, "flip_vertical": True, "tx": 3.0, "ty": 0.2, "zx": 1.1, "zy": 1.0,
            "shear": 10.0, "brightness": 1.2, "channel_shift": 5.0, "corners": [0.0] * 7 + [2.0], "erase_w": 3.0,
            "erase_h": 4.0}
    words = [w for t in RECORDS for w in t.describe(draw)]
    assert len(words) == 11 and all(HANGUL.search(w) for w in words), words
    assert "회전 12°" in words and "좌우 반전" in words and "이동 y 0.2 px" in words


def test_the_notes_and_the_words_in_english(english):
    from augcourse.augment.transforms import RECORDS

    notes = [note for code in printed_code() for note in code_notes(code)]
    assert notes and not any(HANGUL.search(note) for note in notes)
    assert "# IDG has no per-transform probability: every transform always applies, flips at 0.5" in notes
    draw = {"theta": 12.3, "flip_horizontal": True, "flip_vertical": False, "tx": 0.0, "ty": 0.0, "zx": 1.0,
            "zy": 1.0, "shear": 0.0, "brightness": 1.0, "channel_shift": 0.0, "corners": [0.0] * 8, "erase_w": 0.0,
            "erase_h": 0.0}
    assert [w for t in RECORDS for w in t.describe(draw)] == ["mirrored", "rotate 12°"]
