"""The judgement questions of the lessons on flip, shift, rotation, zoom and shear (03–06), kept apart from the checks that ask them.

Each entry has the form of ``choices.QUESTIONS``: question name -> (its lettered options, the right letter,
why it is right, {wrong letter: a hint that does not give the answer away}). ``choices`` merges them and
makes a ``check_<name>`` for each; lessons import the checks from there.

Example:
    >>> options, right, why, hints = GEOMETRY_QUESTIONS["vertical_flip_data"]
    >>> right in options, right in hints
    (True, False)
"""

GEOMETRY_QUESTIONS = {
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
}
