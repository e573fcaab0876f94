"""Judgement exercises: multiple-choice questions whose checks explain why a wrong choice is wrong.

Each ``check_<question>(answer)`` takes a letter ("b", "(B)", " b ") and returns a ``Result``:
the reason the choice is right, or a hint for that particular wrong choice (never the answer).
The lesson's markdown cell shows the question and its lettered options; the options are kept
here too (``OPTIONS``), so the tests can check that every lesson shows the same ones. The questions
of lessons 10, 13–14 and 24–25 are written here; those of the other lessons live beside them, one module
per group of lessons (``idg_questions`` 00–02, ``geometry_questions`` 03–06, ``crop_colour_questions``
07–09, ``statistics_questions`` 11–12, ``playground`` 15, ``toolbox_questions`` 16–23); ``QUESTIONS`` holds them all.

Example:
    >>> check_vertical_flip_data("b")
    Right: seen from above, a field has no up or down: a vertically flipped satellite tile is still \
a plausible tile. Digits, X-rays and everyday photos have a top.
    >>> check_vertical_flip_data("a").passed
    False
"""

from augcourse.exercises import Result, unanswered
from augcourse.language import N_, tr
from augcourse.exercises.crop_colour_questions import CROP_COLOUR_QUESTIONS
from augcourse.exercises.geometry_questions import GEOMETRY_QUESTIONS
from augcourse.exercises.idg_questions import IDG_QUESTIONS
from augcourse.exercises.playground import PLAYGROUND_QUESTIONS
from augcourse.exercises.statistics_questions import STATISTICS_QUESTIONS
from augcourse.exercises.toolbox_questions import TOOLBOX_QUESTIONS

_PLACEHOLDER = N_("replace the `...` with a letter, e.g. answer = \"a\", then run the cell again.")

# question -> (its lettered options, the right letter, why it is right, {wrong letter: hint})
QUESTIONS = {
    "saturation_factor": (
        {"a": "each image more or less saturated, at random", "b": "only less saturated (or unchanged)",
         "c": "only more saturated"}, "b",
        "a single float f draws from (0, f), and 0.5 is the no-op point: RandomSaturation(0.5) can only "
        "take colour away (section 2 measures it). Pass a pair around 0.5, e.g. (0.3, 0.7).",
        {"a": "Section 2 measures the saturation of 200 outputs of RandomSaturation(0.5): is any of them "
              "above the original?",
         "c": "1.0 is full saturation and 0.5 no change: where does a draw from (0, 0.5) fall?"}),
    "mixup_label": (
        {"a": "[1, 0] (the cat: the larger share wins)", "b": "[0.7, 0.3]", "c": "[0.5, 0.5]"}, "b",
        "MixUp blends the labels with the same weight as the pixels: 0.7 x [1, 0] + 0.3 x [0, 1] = "
        "[0.7, 0.3] (section 4 prints it for real layers).",
        {"a": "A hard label would tell the model the dog pixels are cat pixels; MixUp mixes the labels too "
              "(section 4).",
         "c": "The weight of the mix is 0.7, not one half: the labels get the same weights as the pixels."}),
    "colour_in_idg": (
        {"a": "brightness_range", "b": "channel_shift_range", "c": "none of its options"}, "c",
        "IDG has brightness (one factor for all channels) and channel shift (one offset for all channels); "
        "neither changes hue, saturation or contrast around the mean (section 3's table).",
        {"a": "brightness_range multiplies all three channels by one factor: the hue and saturation stay.",
         "b": "channel_shift_range adds one value to all three channels: no colour moves apart (lesson 09)."}),
    "mask_with_image": (
        {"a": "an albumentations Compose", "b": "Keras 3 layers given a dict of images and segmentation_masks",
         "c": "tf.image.random_flip_left_right called once on the image and once on the mask"}, "b",
        "the layers move images and masks with one draw (section 4) and, inside the model, run where the "
        "model runs, on the GPU.",
        {"a": "It does transform a mask with its image (section 1), but on NumPy, one image at a time in "
              "Python: outside the model, so not on the GPU.",
         "c": "Two random calls draw two coins: the image can be flipped while its mask is not. Section 3's "
              "stateless ops with the same seed would match, but still outside the model."}),
    "repeatable_epoch": (
        {"a": "tf.image.stateless_random_* ops with seeds drawn from the epoch number",
         "b": "tf.image.random_* ops after tf.random.set_seed(0)",
         "c": "keras.layers.RandomFlip() without a seed"}, "a",
        "a stateless op's output depends only on its input and the seed it is given, so the same epoch seed "
        "gives the same pixels, whatever ran before (section 3 checks it).",
        {"b": "The stateful random_* ops keep a state that every call advances: what else ran before, and in "
              "what order, changes what they draw.",
         "c": "Without a seed the layer starts from a new random state in every run."}),
    "albumentations_in_keras": (
        {"a": "nothing: model.fit takes an albumentations Compose", "b": "a keras.utils.PyDataset or "
         "tf.numpy_function that calls it on NumPy images", "c": "converting it to a Keras layer with "
         "A.to_keras()"}, "b",
        "albumentations works on NumPy arrays, one image at a time; Keras needs batches, so a PyDataset "
        "(or tf.numpy_function inside tf.data) makes them (section 2 trains a model both ways).",
        {"a": "model.fit takes arrays, a tf.data.Dataset or a PyDataset: a Compose is none of these.",
         "c": "albumentations has no such function; section 2 shows the two ways that do work."}),
    "gap_conclusion": (
        {"a": "the flip model is the better model", "b": "the flip model memorises less; which model is "
         "better is decided by accuracy on data it never saw", "c": "the gap says nothing at all"}, "b",
        "a narrower gap says the model fits its training images less tightly; the better model is the one "
        "with the higher test accuracy, and after 8 epochs on one seed the two test accuracies are within "
        "noise of each other (section 7 answers it with converged runs over five seeds).",
        {"a": "The gap is not accuracy on new images: compare the test column (and section 7's converged "
              "runs), not the gap.",
         "c": "The gap measures memorisation: it narrows with the flip in the live run and in every seed of "
              "section 7."}),
    "augment_which_data": (
        {"a": "training, validation and test", "b": "training only", "c": "validation and test only"}, "b",
        "validation and test measure the model on real images; augmenting them would measure it on "
        "images that never occur.",
        {"a": "Augmented validation images are not the real images the model must work on (section 3's "
              "valid_generator only rescales).",
         "c": "The other way round: training data is augmented, validation and test are only rescaled."}),
    "first_callback": (
        {"a": "training stops", "b": "the learning rate is cut by 5", "c": "both at once"}, "b",
        "ReduceLROnPlateau waits 3 epochs without a better validation loss, EarlyStopping 6: the learning "
        "rate is cut first, and training stops only if 3 more epochs bring no improvement.",
        {"a": "Compare the two patience values printed in section 2: which callback runs out first?",
         "c": "They have different patience (section 2), so they act at different epochs."}),
    "tiny_gap": (
        {"a": "it generalises well", "b": "what it learned carries over poorly to whole images: train, "
         "validation and test are all low"}, "b",
        "train, validation and test, all measured on whole, unzoomed images, are far below the weaker "
        "zooms'. It did learn something on its own magnified batches, but little of it transfers to the "
        "real images, so there is little to overfit and a small gap means nothing.",
        {"a": "A gap is small when train and test agree; look at how high they are (section 1)."}),
    "hide_the_cost": (
        {"a": "yes, prefetching hides all of it", "b": "only a little: training keeps both cores nearly busy, "
         "so most of the augmentation work adds to the epoch"}, "b",
        "prefetching overlaps work only when a core is free for it; on this 2-core CPU training alone keeps "
        "most of both cores busy (section 4.4: compare an epoch's CPU seconds with its wall seconds), so most of "
        "IDG's work adds to the epoch.",
        {"a": "Prefetching needs a free core to run the producer on. Is there one (section 4.3)?"}),
    "fast_on_gpu": (
        {"a": "ImageDataGenerator.flow, as in the notes", "b": "Keras preprocessing layers inside the model "
         "(or a parallel tf.data map)"}, "b",
        "layers inside the model run on the GPU with the model, and tf.data maps run batched and in "
        "parallel; IDG makes one image at a time on one Python thread.",
        {"a": "One Python thread making a few thousand images per second may not keep a GPU busy "
              "(section 4.3)."}),
    "interval_reading": (
        {"a": "it hurts a little: the mean difference is negative", "b": "the seeds are consistent with a true "
         "effect anywhere from about 6 points lower to 4 points higher: they cannot tell",
         "c": "it makes no difference: the interval includes 0"}, "b",
        "the interval is the range of differences the seeds are consistent with; it includes 0, so they do "
        "not show a loss, and it reaches far on both sides, so they do not show 'no difference' either.",
        {"a": "The mean of three seeds moves by points from one set of seeds to another; the interval says "
              "how far.",
         "c": "'Cannot tell' is not 'no difference': the interval also includes −0.057, a large loss, and "
              "+0.037, a gain. An interval shows no difference only when it is narrow around 0."}),
    **IDG_QUESTIONS,
    **GEOMETRY_QUESTIONS,
    **CROP_COLOUR_QUESTIONS,
    **STATISTICS_QUESTIONS,
    **PLAYGROUND_QUESTIONS,
    **TOOLBOX_QUESTIONS,
}


def _letter(answer):
    """The answer as a lower-case letter ("(B) " -> "b", "b." -> "b"), or None when it is not one."""
    if not isinstance(answer, str):
        return None
    text = answer.strip().rstrip(".:)").strip().strip("()").strip().lower()
    return text if len(text) == 1 and text.isalpha() else None


def _make_check(name):
    options, right, why, hints = QUESTIONS[name]

    def check(answer):
        if unanswered(answer):
            return Result(False, tr(_PLACEHOLDER))
        letter = _letter(answer)
        if letter not in options:
            return Result(False, tr("Answer with one of the letters {letters}.",
                                    letters=", ".join(repr(k) for k in options)))
        if letter == right:
            return Result(True, tr("Right: ") + tr(why))
        return Result(False, tr(hints[letter]))

    check.__name__ = check.__qualname__ = f"check_{name}"
    check.__doc__ = f"Judgement question {name!r}: one of {', '.join(options)} (see ``QUESTIONS``)."
    return check


OPTIONS = {name: question[0] for name, question in QUESTIONS.items()}
globals().update({f"check_{name}": _make_check(name) for name in QUESTIONS})
__all__ = ["OPTIONS", "QUESTIONS"] + [f"check_{name}" for name in QUESTIONS]
