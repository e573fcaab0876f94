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
    # 07 crop
    "crop_batch": (
        {"a": "64: the mapped function runs once per image", "b": "one, shared by all 64 images",
         "c": "64, but the same 64 in every epoch"}, "b",
        "after .batch(64) each call of the mapped function receives a whole batch, and RandomCrop draws one "
        "(top, left) corner per call (section 3). Map the crop before .batch to give every image its own window.",
        {"a": "After .batch(64), what does one call of the mapped function receive: one image or 64? Section 3 "
              "prints the corners that one call on a batch cuts.",
         "c": "Count the windows inside one batch first: section 3 prints the corners that one call on a batch "
              "cuts."}),
    "crop_equal_side": (
        {"a": "a random window, anywhere from column 0 to column 8, new for every image",
         "b": "always the centre window, columns 4 to 35",
         "c": "an error: with no spare rows there is no room to crop"}, "b",
        "RandomCrop draws a random corner only when both sides are strictly larger than the crop (section 5 "
        "prints the condition from its source); otherwise it cuts the centred window, in training too. Pad "
        "the height by a few pixels, or use tf.image.stateless_random_crop, which moves along the width alone.",
        {"a": "Section 5 prints the condition under which RandomCrop draws a random corner: does a height of 32 "
              "meet it for a 32-pixel crop?",
         "c": "Section 5 calls the layer on 32 x 40 images with training=True and prints what comes back: no "
              "error."}),
    "crop_small_objects": (
        {"a": "random crops of half the side, resized back", "b": "pad 4 pixels, then crop back to the size",
         "c": "both are equally safe"}, "b",
        "pad-then-crop moves the picture by at most 4 pixels and keeps all of it; a half-side crop misses a "
        "small object in a corner most of the time (section 7 counts how often).",
        {"a": "Section 7 counts how often a half-side crop loses the small square: far too often for a label "
              "that depends on it.",
         "c": "Section 7 counts the object lost by each recipe: the counts are far apart."}),
    # 08 brightness
    "brightness_layer": (
        {"a": "always 0: black stays black, as with IDG", "b": "anything from 0 to 51",
         "c": "anything from -51 to 51"}, "b",
        "the layer adds one value drawn from [-0.2, 0.2] x 255 = [-51, 51] to every pixel, then clips to "
        "value_range: black becomes 0 to 51 (section 5 turns 0 into 51 at +0.2). IDG multiplies, so black "
        "stays black: the two are different transforms.",
        {"a": "That is what IDG's factor does: 0 times anything is 0. Does RandomBrightness multiply? Section 5 "
              "puts a row of grey levels through both.",
         "c": "Can a pixel leave value_range? Section 5's row of grey levels shows what the layer does at the "
              "top end."}),
    "layer_direct_call": (
        {"a": "the images unchanged: preprocessing layers act only when training=True",
         "b": "augmented images: the random layers run",
         "c": "an error: the call needs training=True or training=False"}, "b",
        "a layer called without a training argument falls back on its call's default, training=True, and a "
        "model passes that on (section 5 counts the images that model(x) changes); only model.predict, or "
        "training=False, switches the random layers off.",
        {"a": "That is what model.predict does: it passes training=False. What does a call without the "
              "argument pass? Section 5 counts the images each kind of call changes.",
         "c": "training is optional: section 5 calls layers and a model without it and prints what comes "
              "back."}),
    # 09 channel shift
    "colour_cast": (
        {"a": "ImageDataGenerator(channel_shift_range=50)", "b": "Augment(channel_shift_range=50, "
         "channel_shift_per_channel=True)", "c": "ImageDataGenerator(brightness_range=(0.5, 1.5))"}, "b",
        "only a different shift per channel moves red, green and blue apart, which is what a tint is.",
        {"a": "IDG adds ONE value to all three channels: the hue stays, so nothing turns red or blue "
              "(sections 2 and 3).",
         "c": "Brightness multiplies all channels by the same factor: no channel moves apart from the others."}),
    "shift_saturation": (
        {"a": "nothing: the same offset in every channel leaves the colour as it was",
         "b": "the same hue, but paler (less saturated)",
         "c": "the same hue, but more vivid (more saturated)"}, "b",
        "the offset keeps the differences between the channels, so the hue stays; but saturation is "
        "(max - min) / max, and the same difference over a larger max is a paler colour (section 3 measures "
        "it on the pixels that do not clip). A negative shift does the opposite.",
        {"a": "The hue stays, but is the hue all of a colour? Section 3 measures the saturation of the pixels "
              "that never reach the clip.",
         "c": "Saturation is (max - min) / max. Adding the same c to every channel: which of the two changes? "
              "Section 3 measures it."}),
}
