"""The exercises of the index and of the lessons on ImageDataGenerator and image folders (00–02).

``IDG_QUESTIONS`` holds the judgement questions. Each entry has the form of ``choices.QUESTIONS``:
question name -> (its lettered options, the right letter, why it is right, {wrong letter: a hint that does
not give the answer away}). ``choices`` merges them and makes a ``check_<name>`` for each; lessons import
those checks from there.

``check_class_weight`` is the one typed answer: lesson 02's ``class_weight`` dict, where the trap is a dict
keyed by class names, which ``model.fit`` silently ignores.

Example:
    >>> options, right, why, hints = IDG_QUESTIONS["flow_batches"]
    >>> right in options, right in hints
    (True, False)
    >>> check_class_weight({0: 0.56, 1: 5.0}).passed, check_class_weight({"cat": 0.56, "dog": 5.0}).passed
    (True, False)
"""

import math
import numbers
from collections.abc import Mapping

import numpy as np

from augcourse.exercises import Result, unanswered
from augcourse.language import N_, tr

IDG_QUESTIONS = {
    # ------------------------------------------------------------------ 00 index
    "label_keeping": (
        {"a": "rotation by up to 10°", "b": "brightness from 0.8 to 1.2", "c": "horizontal flip",
         "d": "zoom from 0.9 to 1.1"}, "c",
        "a mirror turns a 'turn left' arrow into a 'turn right' arrow, so the flipped copy would be trained "
        "with the wrong label. A small turn, a little more light or a little zoom leave the arrow pointing the "
        "same way: they keep the label.",
        {"a": "Tilt a left arrow by 10°: it still points left. Which transform makes it point the other way?",
         "b": "Brightness changes how light the sign is, not the way its arrow points.",
         "d": "Seen a little closer or farther away, an arrow still points the same way."}),
    "mask_transforms": (
        {"a": "all of them", "b": "only the spatial ones (flip, rotation, zoom, shear)",
         "c": "only the pixel-level ones (brightness, channel shift)",
         "d": "none: a mask is a label, and labels are not augmented"}, "b",
        "spatial transforms move the object's pixels, so its mask must move with them, with the same random "
        "draw; pixel-level transforms change values, not positions, so the mask stays as it is (brightening "
        "it would even change its class numbers). Lesson 20 runs masks through whole pipelines.",
        {"a": "Brighten a mask and its values, which are class numbers, change: but has the object moved?",
         "c": "Does brightness move the object to another place in the image? Does a flip?",
         "d": "After a flip the object is on the other side of the image: where would the unchanged mask "
              "point?"}),
    # ------------------------------------------------------- 01 ImageDataGenerator
    "flow_batches": (
        {"a": "3", "b": "4", "c": "32"}, "b",
        "the last batch holds the 4 images that are left over: len(flow) = ceil(100 / 32) = 4.",
        {"a": "100 // 32 is 3, but flow() does not drop the images that are left over: the last batch is smaller.",
         "c": "32 is the batch size, the number of images in a batch, not the number of batches."}),
    "fit_forgotten": (
        {"a": "an error at the first batch", "b": "each batch is centred with its own mean",
         "c": "training runs with a warning; the images are flipped but not centred"}, "c",
        "without fit() the generator has no mean to subtract: it warns (once per image; Python shows the first) "
        "and passes the values through unchanged, while the random flips still happen (section 7 measures it). "
        "Nothing stops the training, so the mistake is easy to miss.",
        {"a": "Section 7 runs featurewise_center without fit(): does it stop with an error, or print something "
              "else?",
         "b": "IDG computes no statistics per batch: featurewise statistics come from fit() alone (section 7). "
              "Normalizing each batch with its own statistics is what BatchNormalization does, in the model."}),
    "flow_memory": (
        {"a": "about 6 GB: a float32 copy of all of x", "b": "almost none: flow() transforms nothing until next()",
         "c": "about 19 MB: one float32 batch of 32 images"}, "a",
        "flow() converts the whole array to float32 when it is called (section 6 measures the x4), so 1.5 GB "
        "of uint8 becomes 6 GB of float32 before a single image is transformed. For data this size, read "
        "batches from files (lesson 02) or use tf.data.",
        {"b": "True, nothing is transformed yet (section 5). But what does the iterator keep in memory? "
              "Section 6 compares its array with the input.",
         "c": "Batches are made one at a time, on request; but what does the iterator already hold before the "
              "first request (section 6)?"}),
    # ------------------------------------------------------------ 02 image folders
    "folder_classes": (
        {"a": "1", "b": "2", "c": "4"}, "c",
        "both Keras readers sort the folder names as text, the way Python's sorted() sorts strings: '1', '10', "
        "'11', '12', '2', ... so '2' is the fifth name, index 4. Name the folders 01, 02, ..., 12 and text "
        "order is number order again.",
        {"a": "1 would be right if the names were sorted as numbers. Section 2 says how the readers order "
              "them: where does sorted() put the string '10' relative to '2'?",
         "b": "Class indices start at 0, and the order is that of the sorted names (section 2): which names "
              "come before '2' when strings are sorted?"}),
    "folder_broken_file": (
        {"a": "a text file (notes.txt) in a class folder",
         "b": "a damaged image file with an image ending (.jpg, .png)",
         "c": "images of different sizes in the folder", "d": "a class folder with no images"}, "b",
        "PIL raises UnidentifiedImageError when a file named like an image cannot be decoded. "
        "flow_from_directory lists the files by their ending and opens each one only when a batch needs it, "
        "so the error waits for that batch (section 5).",
        {"a": "Both readers choose files by their ending. Section 5 adds notes.txt and a damaged image to 120 "
              "images: how many images does the reader find?",
         "c": "target_size resizes every image as it is loaded, whatever its size (section 3 measures how).",
         "d": "An empty class folder is a class with no images: the reader counts it and moves on, and there is "
              "no file to open."}),
}

# ---------------------------------------------------------------- 02, exercise 3 (typed)

_PLACEHOLDER = N_("replace the `...` with your answer, then run the cell again.")
_COUNTS = {0: 900, 1: 100}          # cat/ sorts first: index 0, 900 photos; dog/: index 1, 100 photos
_RATIO = _COUNTS[0] / _COUNTS[1]    # a dog must weigh 9 cats
_NOT_A_DICT = (N_("model.fit's class_weight is a dict {class index: weight}, one entry per class, e.g. "
                  "{0: ..., 1: ...}."))
_NAMES_AS_KEYS = (N_("Keras looks up each label's class index (0, 1, ...) in this dict, never a name: with names "
                     "as keys every lookup misses, and Keras silently weighs every image 1.0, exactly as with no "
                     "class_weight (section 5 measures the loss); in a tf.data pipeline it fails instead. Use the "
                     "indices that class_indices gives the folders (section 2)."))


def _is_index(key):
    """A key Keras can use as a class index everywhere (arrays, IDG, tf.data): an int, not a bool."""
    return isinstance(key, (int, np.integer)) and not isinstance(key, (bool, np.bool_))


def _weight(value):
    """The weight as a positive finite float, or None."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        return None
    try:
        value = float(value)
    except (OverflowError, ValueError, TypeError):       # an int too large for a float, an odd Real
        return None
    return value if math.isfinite(value) and value > 0 else None


def _judge_class_weight(answer):
    if not isinstance(answer, Mapping):
        if isinstance(answer, (list, tuple, np.ndarray)):
            return Result(False, tr("A list holds the weights but not which class each is for: {rule}",
                                 rule=tr(_NOT_A_DICT)))
        return Result(False, tr(_NOT_A_DICT))
    keys = list(answer.keys())
    if any(isinstance(key, (str, bytes)) for key in keys):
        return Result(False, tr(_NAMES_AS_KEYS))
    if any(isinstance(key, (float, np.floating)) for key in keys):
        return Result(False, tr("Float keys happen to work with arrays and IDG, but in a tf.data pipeline Keras "
                                "calls range() on the largest key and fails: write the class indices as integers."))
    if not all(_is_index(key) for key in keys):
        return Result(False, tr("The keys must be the class indices, integers: {rule}", rule=tr(_NOT_A_DICT)))
    indices = sorted(int(key) for key in keys)
    if indices == [1, 2]:
        return Result(False, tr("Class indices start at 0: look at the class_indices section 2 prints."))
    if indices != [0, 1]:
        return Result(False, tr("The folder has two classes, so two keys, its class indices; got {indices}.",
                                indices=indices))
    weights = {int(key): _weight(value) for key, value in answer.items()}
    if None in weights.values():
        return Result(False, tr("Each weight must be a positive number: how much one image of that class counts."))
    ratio = weights[1] / weights[0]
    if not math.isfinite(ratio) or ratio <= 0:
        return Result(False, tr("Each weight must be a positive number of a sensible size."))
    if abs(ratio / _RATIO - 1) <= 0.03:
        mean = (_COUNTS[0] * weights[0] + _COUNTS[1] * weights[1]) / sum(_COUNTS.values())
        if abs(mean - 1) <= 0.05:
            return Result(True, tr("Right: flow_from_directory gives cat/ index 0 and dog/ index 1 (sorted names), "
                                   "and one dog now weighs about 9 cats, so the 100 dogs count as much as the 900 "
                                   "cats."))
        return Result(True, tr("Right: flow_from_directory gives cat/ index 0 and dog/ index 1 (sorted names), and "
                               "one dog now weighs about 9 cats, so the 100 dogs count as much as the 900 cats. "
                               "Your weights average {mean:.3g} per image, so the loss is {mean:.3g} times its "
                               "usual size; total / (classes x count), as in section 5, keeps the average at 1.",
                               mean=mean))
    if ratio < 1:
        return Result(False, tr("These weights make each cat count more than each dog, so the 900 cats dominate "
                                "even more. The rarer class needs the larger weight, and check which index each "
                                "folder gets (section 2)."))
    if abs(ratio - 1) <= 1e-9:
        return Result(False, tr("Equal weights change nothing: the 900 cats still make 90 % of the loss, and always "
                                "answering 'cat' already scores 90 %."))
    return Result(False, tr("One dog now weighs {ratio:.3g} cats; for the classes to weigh the same in total, "
                            "100 x (dog weight) must equal 900 x (cat weight). Section 5 computes such weights as "
                            "total / (classes x count).", ratio=ratio))


def check_class_weight(answer):
    """02, exercise 3: ``class_weight`` for 900 cats (``cat/``, index 0) and 100 dogs (``dog/``, index 1).

    Any dict keyed by the integer indices 0 and 1 whose dog weight is 9 times the cat weight passes
    (e.g. ``{0: 0.56, 1: 5.0}`` or ``{0: 1, 1: 9}``); a dict keyed by names gets the hint that Keras ignores it.
    Never raises, whatever the answer.
    """
    if unanswered(answer):
        return Result(False, tr(_PLACEHOLDER))
    try:
        return _judge_class_weight(answer)
    except Exception:     # an answer whose own methods fail: feedback, never a traceback
        return Result(False, tr(_NOT_A_DICT))
