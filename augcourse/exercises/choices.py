"""Judgement exercises: multiple-choice questions whose checks explain why a wrong choice is wrong.

Each ``check_<question>(answer)`` takes a letter ("b", "(B)", " b ") and returns a ``Result``:
the reason the choice is right, or a hint for that particular wrong choice (never the answer).
The lesson's markdown cell shows the question and its lettered options; the options are kept
here too (``OPTIONS``), so the tests can check that every lesson shows the same ones. The questions
of lessons 01–15 and 24–25 are written here, those of the toolbox lessons 16–23 in
``toolbox_questions``; ``QUESTIONS`` holds both.

Example:
    >>> check_vertical_flip_data("b")
    Right: seen from above, a field has no up or down: a vertically flipped satellite tile is still \
a plausible tile. Digits, X-rays and everyday photos have a top.
    >>> check_vertical_flip_data("a").passed
    False
"""

from augcourse.exercises import Result, unanswered
from augcourse.exercises.toolbox_questions import TOOLBOX_QUESTIONS

_PLACEHOLDER = "replace the `...` with a letter, e.g. answer = \"a\", then run the cell again."

# question -> (its lettered options, the right letter, why it is right, {wrong letter: hint})
QUESTIONS = {
    "flow_batches": (
        {"a": "3", "b": "4", "c": "32"}, "b",
        "the last batch holds the 4 images that are left over: len(flow) = ceil(100 / 32) = 4.",
        {"a": "100 // 32 is 3, but flow() does not drop the images that are left over: the last batch is smaller.",
         "c": "32 is the batch size, the number of images in a batch, not the number of batches."}),
    "next_twice": (
        {"a": "always the same picture", "b": "each one flipped or not, independently, with probability ½",
         "c": "alternately flipped and not flipped"}, "b",
        "every next() draws new parameters for every image; the two calls do not know about each other.",
        {"a": "The iterator draws new random parameters on every request (section 8 counts them).",
         "c": "Nothing remembers the previous draw: each request tosses a new coin per image."}),
    "flow_one_image": (
        {"a": "image / 255.0", "b": "np.expand_dims(image, axis=0)", "c": "image.astype('float32')"}, "b",
        "flow() wants a batch (N, H, W, C); expand_dims turns the one image into a batch of one.",
        {"a": "Scaling does not change the shape, and flow() complains about the shape (section 4).",
         "c": "The dtype is not the problem: flow() refuses a 3-D array (section 4)."}),
    "vertical_flip_data": (
        {"a": "CIFAR-10 photos", "b": "satellite images of fields, seen from above",
         "c": "handwritten digits", "d": "chest X-rays"}, "b",
        "seen from above, a field has no up or down: a vertically flipped satellite tile is still a "
        "plausible tile. Digits, X-rays and everyday photos have a top.",
        {"a": "Upside-down cars, ships and horses do not occur in CIFAR-10's test set: the model would "
              "spend capacity on images it never meets.",
         "c": "A flipped 6 looks like a 9 with a wrong label (section 3): the flip changes the class.",
         "d": "Anatomy has an up and a down (heart, lungs); an upside-down X-ray never occurs in practice."}),
    "reflect_fill": (
        {"a": "0, 0", "b": "1, 0", "c": "6, 7", "d": "cval, cval"}, "b",
        "'reflect' mirrors the row at its edge (d c b a | a b c d), so the two new pixels are 1, 0, "
        "followed by 0, 1, 2, ...",
        {"a": "That is 'nearest': the edge value repeated. 'reflect' mirrors the row at its edge.",
         "c": "That is 'wrap': the other end of the row comes in. 'reflect' mirrors the row at its edge.",
         "d": "That is 'constant', which paints cval. 'reflect' takes the new pixels from the row itself."}),
    "zoom_for_digits": (
        {"a": "zoom_range=(0.5, 0.7)", "b": "zoom_range=0.1", "c": "zoom_range=(1.5, 2.0)"}, "b",
        "factors between 0.9 and 1.1 keep the whole number in view at a size that occurs in real photos.",
        {"a": "A factor below 1 magnifies: 1.4-2x crops away digits (lesson 25 shows what that does to "
              "accuracy).",
         "c": "A factor above 1 shrinks: the number becomes a few pixels wide, surrounded by fill."}),
    "crop_batch": (
        {"a": "64 windows, one per image", "b": "one window, shared by all 64 images",
         "c": "no crop: the layer only crops single images"}, "b",
        "RandomCrop draws one (top, left) corner per call, so a batch of 64 is cut at the same place "
        "(section 3); map it over single images in tf.data to get a window per image.",
        {"a": "Count the crop corners printed in section 3: one call gives one corner.",
         "c": "It crops a batch (4-D input) as readily as one image; the question is where."}),
    "crop_inference": (
        {"a": "a 32 x 32 centre crop, as its docstring says", "b": "the 40 x 40 input, unchanged",
         "c": "a random 32 x 32 crop"}, "b",
        "with training=False the layer skips the crop (section 4): a model with RandomCrop inside gets "
        "images of another size at prediction time.",
        {"a": "Section 4 calls the layer with training=False and prints the shape: read the output, not the "
              "docstring.",
         "c": "Random layers are switched off at inference; section 4 shows what is left."}),
    "crop_small_objects": (
        {"a": "random crops of half the side, resized back", "b": "pad 4 pixels, then crop back to the size",
         "c": "both are equally safe"}, "b",
        "pad-then-crop moves the picture by at most 4 pixels and keeps all of it; a half-side crop misses a "
        "small object in a corner most of the time (section 6 counts how often).",
        {"a": "Section 6 counts how often a half-side crop loses the small square: far too often for a label "
              "that depends on it.",
         "c": "Section 6 counts the object lost by each recipe: the counts are far apart."}),
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
        "neither changes hue, saturation or contrast around the mean (section 5's table).",
        {"a": "brightness_range multiplies all three channels by one factor: the hue and saturation stay.",
         "b": "channel_shift_range adds one value to all three channels: no colour moves apart (lesson 09)."}),
    "folder_classes": (
        {"a": "in the order the folders were created", "b": "alphabetically by folder name",
         "c": "by the number of images, largest first"}, "b",
        "both Keras readers sort the subfolder names, so 'airplane' is 0 and 'truck' is 9 (section 2 "
        "prints class_indices).",
        {"a": "A file system keeps no creation order the readers could rely on; section 2 prints the mapping.",
         "c": "Section 2 prints class_indices: compare it with the counts per folder."}),
    "folder_broken_file": (
        {"a": "when the generator is created", "b": "when a batch that holds the file is made",
         "c": "never: it is skipped"}, "b",
        "flow_from_directory only lists names at creation; the file is opened when a batch needs it, so "
        "training stops in the middle of an epoch (section 5).",
        {"a": "Section 5 creates the generator without an error: it only lists the files then.",
         "c": "Section 5 shows the error it raises once the batch needs the file."}),
    "folder_class_weight": (
        {"a": "{'cat': 0.56, 'dog': 5.0}", "b": "{'cat': 0.9, 'dog': 0.1}", "c": "{'cat': 1, 'dog': 1}"}, "a",
        "each class gets n_images / (classes x its count): 1,000 / (2 x 900) = 0.56 and 1,000 / (2 x 100) = 5.0, "
        "so the 100 dogs weigh as much in the loss as the 900 cats (section 5).",
        {"b": "Those are the classes' shares of the images: they would weigh the cats even more than the folder "
              "already does. Section 5 divides by each class's count.",
         "c": "Equal weights leave the loss to the 900 cats: always answering 'cat' already scores 90 %."}),
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
    "shear_layer": (
        {"a": "RandomShear(x_factor=30)", "b": "RandomShear(x_factor=0.5)", "c": "RandomShear(x_factor=0.58)",
         "d": "RandomShear(y_factor=0.5)"}, "b",
        "RandomShear's factor is the slope, and IDG's shear of 30° moves a vertical line by sin(30°) = 0.5 "
        "columns per row (section 3).",
        {"a": "RandomShear takes a slope (columns per row), not degrees.",
         "c": "0.58 = tan(30°) is the slope of a true 30° shear; IDG's line leans by another function of "
              "the angle (section 3).",
         "d": "y_factor shears vertically; IDG's shear_range only slants horizontally."}),
    "shear_for_text": (
        {"a": "yes: printed and handwritten words do slant, like italics", "b": "no: letters never slant"},
        "a",
        "a small slant is a variation real text has (italics, handwriting), so it is a plausible augmentation.",
        {"b": "Italic fonts and handwriting slant letters by about 10-15°: a model should read those too."}),
    "brightness_layer": (
        {"a": "RandomBrightness(factor=0.2, value_range=(0, 255))",
         "b": "none: RandomBrightness adds a value, IDG's brightness multiplies",
         "c": "RandomContrast(factor=0.2)"}, "b",
        "IDG multiplies each pixel by a factor (black stays black); RandomBrightness adds the same value "
        "to every pixel (section 5 compares a row of grey levels both ways).",
        {"a": "That adds up to ±51 to every pixel; IDG multiplies, so dark pixels barely change (section 5).",
         "c": "Contrast scales the distance from the image's mean, not from 0: another transform."}),
    "colour_cast": (
        {"a": "ImageDataGenerator(channel_shift_range=50)", "b": "Augment(channel_shift_range=50, "
         "channel_shift_per_channel=True)", "c": "ImageDataGenerator(brightness_range=(0.5, 1.5))"}, "b",
        "only a different shift per channel moves red, green and blue apart, which is what a tint is.",
        {"a": "IDG adds ONE value to all three channels: brighter or darker, never tinted (section 2).",
         "c": "Brightness multiplies all channels by the same factor: no channel moves apart from the others."}),
    "validation_statistics": (
        {"a": "nothing: each set is normalized to mean 0 and std 1",
         "b": "validation is normalized with its own statistics, not the ones the model was trained with",
         "c": "fit() must be called after flow()"}, "b",
        "the model learned on data shifted by the TRAINING mean and std; validation and test must get the "
        "same shift, or their numbers mean something else to it (section 4 copies the training statistics).",
        {"a": "Mean 0 per set hides the difference between the sets: a darker validation set would look "
              "just as bright as the training set.",
         "c": "flow() uses what fit() computed, so fit() comes first; the order is right here."}),
    "zca_large_images": (
        {"a": "yes, it only takes longer", "b": "no: the matrix alone needs about 180 GB"}, "b",
        "D = 224 x 224 x 3 = 150,528, and a D x D float64 matrix holds D² x 8 bytes: about 181 GB.",
        {"a": "Compute D = 224 * 224 * 3 and D * D * 8 bytes: does it fit in a laptop's memory?"}),
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
        {"a": "yes, prefetching hides all of it", "b": "no: both cores are busy training, so the "
         "augmentation work adds to the epoch"}, "b",
        "prefetching overlaps work only when a core is free for it; on this 2-core CPU training keeps both "
        "busy (section 4.3).",
        {"a": "Prefetching needs a free core to run the producer on. Is there one (section 4.3)?"}),
    "fast_on_gpu": (
        {"a": "ImageDataGenerator.flow, as in the notes", "b": "Keras preprocessing layers inside the model "
         "(or a parallel tf.data map)"}, "b",
        "layers inside the model run on the GPU with the model, and tf.data maps run batched and in "
        "parallel; IDG makes one image at a time on one Python thread.",
        {"a": "One Python thread making a few thousand images per second may not keep a GPU busy "
              "(section 4.3)."}),
    "interval_reading": (
        {"a": "it hurts a little: the mean difference is negative", "b": "repeated with other seeds, it could "
         "come out about 6 points lower or 4 points higher than no augmentation: these seeds cannot tell",
         "c": "it makes no difference: the interval includes 0"}, "b",
        "the interval is the range of differences the seeds are consistent with; it includes 0, so they do "
        "not show a loss, and it reaches far on both sides, so they do not show 'no difference' either.",
        {"a": "The mean of three seeds moves by points from one set of seeds to another; the interval says "
              "how far.",
         "c": "'Cannot tell' is not 'no difference': the interval also includes −0.057, a large loss, and "
              "+0.037, a gain. An interval shows no difference only when it is narrow around 0."}),
    **TOOLBOX_QUESTIONS,
}


def _letter(answer):
    """The answer as a lower-case letter ("(B) " -> "b"), or None when it is not one."""
    if not isinstance(answer, str):
        return None
    text = answer.strip().strip("()").strip().lower()
    return text if len(text) == 1 and text.isalpha() else None


def _make_check(name):
    options, right, why, hints = QUESTIONS[name]

    def check(answer):
        if unanswered(answer):
            return Result(False, _PLACEHOLDER)
        letter = _letter(answer)
        if letter not in options:
            return Result(False, "Answer with one of the letters " + ", ".join(repr(k) for k in options) + ".")
        if letter == right:
            return Result(True, "Right: " + why)
        return Result(False, hints[letter])

    check.__name__ = check.__qualname__ = f"check_{name}"
    check.__doc__ = f"Judgement question {name!r}: one of {', '.join(options)} (see ``QUESTIONS``)."
    return check


OPTIONS = {name: question[0] for name, question in QUESTIONS.items()}
globals().update({f"check_{name}": _make_check(name) for name in QUESTIONS})
__all__ = ["OPTIONS", "QUESTIONS"] + [f"check_{name}" for name in QUESTIONS]
