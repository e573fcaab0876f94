"""The judgement questions of the lessons on crop, brightness and channel shift (07–09), kept apart from the checks that ask them.

Each entry has the form of ``choices.QUESTIONS``: question name -> (its lettered options, the right letter,
why it is right, {wrong letter: a hint that does not give the answer away}). ``choices`` merges them and
makes a ``check_<name>`` for each; lessons import the checks from there.

Example:
    >>> options, right, why, hints = CROP_COLOUR_QUESTIONS["crop_batch"]
    >>> right in options, right in hints
    (True, False)
"""

CROP_COLOUR_QUESTIONS = {
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
}
