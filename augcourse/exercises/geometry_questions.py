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
    "six_as_nine": (
        {"a": "about 250", "b": "about 500", "c": "about 750",
         "d": "none: a flip mirrors the digit, it never turns it"}, "a",
        "only the outcome with both flips is a 9-like 6 (two flips make a 180° turn, section 3), and IDG's two "
        "independent coins give both flips to a quarter of the images (section 4 counts them).",
        {"b": "Half of the copies are flipped vertically, but a vertical flip alone gives a mirrored 6 "
              "(section 3's pictures and overlaps), not a 9.",
         "c": "Three quarters of the copies get at least one flip. Does a single flip make a 9? Look at section 3's "
              "pictures and overlaps.",
         "d": "Look at section 3's 'both' picture: two flips together are more than a mirror image."}),
    "flip_port": (
        {"a": "the seed ties the two flips together: give the layer seed=None",
         "b": "the layer tosses one coin for both flips: stack RandomFlip(\"horizontal\") and RandomFlip(\"vertical\")",
         "c": "two flips cancel each other, so some mirror images were turned back: the count is misleading",
         "d": "the layer tosses one coin for both flips: apply RandomFlip(\"horizontal_and_vertical\") twice, "
              "for two coins"}, "b",
        "RandomFlip(\"horizontal_and_vertical\") leaves an image unchanged or applies both flips, a 180° turn; "
        "two layers, one per flip, toss two coins and give IDG's four outcomes (section 5 counts both).",
        {"a": "A seed decides which images are flipped, not how a flip is made: section 5's stacked layers are "
              "seeded too, and they do give mirror images.",
         "c": "Two flips along different axes do not cancel: together they are a 180° turn (section 3), and "
              "section 5's count has no plain mirror image at all.",
         "d": "The diagnosis is right, but each copy of that layer leaves an image unchanged or turns it by 180°. "
              "What do two such turns make together?"}),
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
    "zoom_port": (
        {"a": "RandomZoom(height_factor=(0.7, 0.9))",
         "b": "RandomZoom(height_factor=(0.1, 0.3), width_factor=(0.1, 0.3))",
         "c": "RandomZoom(height_factor=(-0.3, -0.1))",
         "d": "RandomZoom(height_factor=(-0.3, -0.1), width_factor=(-0.3, -0.1))"}, "d",
        "RandomZoom takes zoom − 1 and a negative factor enlarges, as IDG's factors below 1 do; with both "
        "factors given, height and width are drawn independently, as IDG draws zy and zx (section 6).",
        {"a": "RandomZoom's factor is not IDG's zoom factor: section 6 converts one into the other.",
         "b": "The amounts are right, but which way do they go? IDG's 0.7 to 0.9 enlarge; find the sign that "
              "enlarges in section 6.",
         "c": "Close: with height_factor alone, one draw serves both axes and the aspect ratio is kept. That is "
              "often the better augmentation, but it is not what IDG draws (section 3)."}),
    "zoom_for_digits": (
        {"a": "zoom_range=(0.5, 0.7)", "b": "zoom_range=0.1", "c": "zoom_range=(1.5, 2.0)"}, "b",
        "factors between 0.9 and 1.1 change the size by about 10 % either way and cut off at most about 5 % "
        "per side: the number stays readable, at a size that occurs in real photos.",
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
        {"a": "shear_range=0", "b": "shear_range=10", "c": "shear_range=45"}, "b",
        "italic fonts lean by roughly 10° and handwriting by varying amounts, so a small slant makes words the "
        "model will meet; at 10° IDG's extra stretch (section 4) is under 2 %.",
        {"a": "A slant of a few degrees turns no letter into another, unlike a flip of a 6 (lesson 03). Italics "
              "and handwriting do slant: a model that never saw a slant may misread them.",
         "c": "Variety helps only when it looks like real data. At 45° IDG leans letters far more than any "
              "italic font does, and stretches them too (sections 3 and 4)."}),
    "shift_pixels": (
        {"a": "12 pixels: 0.2 of the height, since the content moves vertically",
         "b": "20 pixels: 0.2 of the width, applied vertically",
         "c": "none: width_shift_range only moves the content sideways"}, "b",
        "IDG turns width_shift_range into pixels with the width (0.2 x 100 = 20) and then applies them to the "
        "rows: the photo moves up or down by up to 20 pixels, a third of its height.",
        {"a": "Only the direction is swapped: the number of pixels still comes from the axis the option is "
              "named after (section 4).",
         "c": "Section 4 moved a photo with width_shift_range: which way did it go?"}),
}
