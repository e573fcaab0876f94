"""The judgement questions of the Keras 3 toolbox lessons (16–23), kept apart from the checks that ask them.

Each entry has the form of ``choices.QUESTIONS``: question name -> (its lettered options, the right letter,
why it is right, {wrong letter: a hint that does not give the answer away}). ``choices`` merges them and
makes a ``check_<name>`` for each; lessons import the checks from there.

Example:
    >>> options, right, why, hints = TOOLBOX_QUESTIONS["atlas_at_inference"]
    >>> sorted(options), right in options, right in hints
    (['a', 'b', 'c'], True, False)
"""

TOOLBOX_QUESTIONS = {
    "atlas_at_inference": (
        {"a": "RandomFlip", "b": "Resizing", "c": "RandomRotation"}, "b",
        "Resizing is not augmentation: it gives every image the model's input size, at training and at "
        "inference (the atlas's predict column says 'acts').",
        {"a": "Random layers pass images through in model.predict (the atlas's predict column).",
         "c": "Random layers pass images through in model.predict (the atlas's predict column)."}),
    "atlas_boxes": (
        {"a": "keras.layers.RandomCrop with bounding_box_format='xyxy'",
         "b": "keras.layers.RandomZoom or RandomTranslation, with bounding_box_format='xyxy'",
         "c": "any of them: every Keras layer moves boxes with the image"}, "b",
        "the atlas measured both keeping the box on the object; check any layer you use for boxes the same way.",
        {"a": "In Keras 3.15 RandomCrop moves the boxes along the wrong axis (the atlas's boxes column says "
              "'not aligned'; section 4 shows it).",
         "c": "Not every layer does: the boxes column has 'not aligned' and errors (section 1)."}),
    "atlas_value_range": (
        {"a": "the brightness changes by up to 20 %, as intended",
         "b": "pixels reach far above 1",
         "c": "the layer raises an error"}, "b",
        "value_range=(0, 255) says the images span 255, so factor=0.2 adds up to 0.2 x 255 = 51 to 0..1 pixels "
        "(section 2 measured outputs up to 39.5); nothing checks the range.",
        {"a": "The layer computes its offset from value_range, not from your images: what is 0.2 of (0, 255) "
              "(section 2)?",
         "c": "No layer checks its input against value_range: section 2's last column shows what they do instead."}),
    "erasing_small_object": (
        {"a": "nothing: erasing never changes the label",
         "b": "many training images show no bird but are labelled 'bird'",
         "c": "the layer moves the boxes away from the birds"}, "b",
        "a box of 20-50% of the frame often hides a 5% object completely (section 2: with scale=(0.2, 0.5) "
        "it hid all of a 14% square in about one draw in four), and the label still says 'bird'.",
        {"a": "Look at section 2: how often did a box of scale=(0.2, 0.5) hide the whole small square?",
         "c": "RandomErasing returns boxes and masks unchanged (section 2): the question is what the pixels show."}),
    "invert_day_night": (
        {"a": "keras.layers.RandomSharpness(factor=(0.3, 0.7))",
         "b": "keras.layers.RandomInvert()",
         "c": "keras.layers.RandomErasing(scale=(0.02, 0.1))"}, "b",
        "inverting turns a dark image into a bright one (section 4 measured it on dark CIFAR-10 images), so a "
        "night photo becomes a day photo that still carries the label 'night'.",
        {"a": "Sharpening and softening change the edges. Do they change how dark the whole picture is?",
         "c": "A small box hides a small part of the picture. Does that decide whether the scene is dark?"}),
    "perspective_probability": (
        {"a": "about 60%", "b": "about 30%", "c": "all of them, each with 60% of the strength"}, "b",
        "a single number f means 'draw a probability between 0 and f for each image', so on average f / 2 "
        "of the images change: 0.3 here. Write factor=(0.6, 0.6) for a fixed 60%.",
        {"a": "Read how the layer turns one number into a range (section 2 counted the same rule for "
              "RandomErasing, section 3 for RandomPerspective).",
         "c": "factor is how often, not how strongly: scale sets the strength, and each image is warped or not."}),
    "policy_value_range": (
        {"a": "nothing: the defaults fit", "b": "pass value_range=(0, 1)", "c": "lower factor to 0.1"}, "b",
        "the layer assumes 0..255 unless told; on 0..1 images its brightness adds up to 127 and it clips to "
        "0..255, so in section 2's four calls a quarter of the values landed above 1, up to 255.",
        {"a": "The default value_range is (0, 255). Section 2 ran the layer with that default on 0..1 images: "
              "look at the largest output value.",
         "c": "factor scales the strengths inside the range the layer believes the images have. Which range "
              "does it believe in (section 2)?"}),
    "randaugment_low_factor": (
        {"a": "random_rotation", "b": "random_posterization", "c": "random_brightness"}, "b",
        "RandAugment builds RandomPosterization with factor max(1, int(8 * factor)): at factor 0.1 every "
        "image keeps 1 bit per channel (the strength table of section 2).",
        {"a": "The rotation goes up to 360 * factor degrees: it shrinks with the factor (section 2's table).",
         "c": "Brightness adds up to factor * 255: it shrinks with the factor (section 2's table)."}),
    "augmix_in_tf_data": (
        {"a": "at every batch", "b": "never: it is fixed once", "c": "at every epoch"}, "b",
        "AugMix picks its chains' operations with Python's random.choice, and tf.data runs the Python code "
        "of a map only once, while tracing it (section 3). The strengths still change at every batch.",
        {"a": "That is what happens in a direct (eager) call. Which generator picks the operations, and how "
              "often does Python code run inside a tf.data map (section 3)?",
         "c": "tf.data does not trace the map function again at each epoch. Section 3 iterated two epochs: "
              "did Python's random move?"}),
    "own_layer_training_default": (
        {"a": "it changes each image", "b": "nothing: the images pass through unchanged",
         "c": "the map raises an error"}, "b",
        "dataset.map(layer) calls the layer with no training argument, so training is None and the layer "
        "returns its input. Give call() the default training=True, as Keras' own image layers do.",
        {"a": "Which value does training take when tf.data calls layer(x) with no argument (section 4)?",
         "c": "Nothing fails, which is why the bug is easy to miss: measure it as section 4 does."}),
    "own_layer_numpy_draw": (
        {"a": "3,000", "b": "3", "c": "1"}, "c",
        "tf.data runs the Python of call() once, when it traces the map; the NumPy number drawn then is "
        "a constant of the graph, for every image and every epoch.",
        {"a": "When does the NumPy line run: for each image, or once when tf.data builds the map (section 6)?",
         "b": "Section 6 iterates the same dataset twice: compare the two epochs."}),
    "own_layer_save": (
        {"a": "it loads: the class is defined in this notebook", "b": "load_model raises an error",
         "c": "it loads with that layer left out"}, "b",
        "the .keras file names the class; load_model finds it only among registered classes (the decorator) "
        "or in custom_objects, not among your notebook's variables.",
        {"a": "Where does load_model look a class name up (section 8)?",
         "c": "Keras does not drop a layer quietly: section 8 shows what happens without the decorator."}),
    "boxes_declared_format": (
        {"a": "pass bounding_box_format='center_xywh' to each layer",
         "b": "convert them to 'xyxy' with keras.utils.bounding_boxes.convert_format and pass "
              "bounding_box_format='xyxy'",
         "c": "nothing: the layers find the format themselves"}, "b",
        "the layers of this pipeline all handle 'xyxy' correctly, but in Keras 3.15 RandomRotation (and "
        "RandomPerspective) treats any box as 'xyxy'; convert once before the pipeline and once after it if needed.",
        {"a": "Look at the RandomRotation row of the format table in section 2: which format keeps its IoU?",
         "c": "A box is four numbers; nothing in them says which format they are. Try a dict without "
              "bounding_box_format (section 2)."}),
    "mask_two_calls": (
        {"a": "each mask is turned by the same angle as its image, because of the seed",
         "b": "each mask is turned by a different angle from its image",
         "c": "the masks are not turned at all"}, "b",
        "the seed fixes the sequence of draws, and the second call takes the next draw; one call on "
        "{'images': x, 'segmentation_masks': m} uses one draw for both.",
        {"a": "Does a seed fix one draw per sample, or where a sequence of draws starts? Count the calls per "
              "sample (section 4 measures it).",
         "c": "A layer does not know that its input is a mask; it turns whatever it gets (section 4)."}),
    "box_leaves_image": (
        {"a": "an empty box array: the row is removed",
         "b": "the row, clipped to the image edge, with label -1",
         "c": "the row as it was, with its label unchanged"}, "b",
        "Keras keeps the shape fixed: it clips the box to the image and marks a box with no area left "
        "with label -1, so losses and metrics must skip label -1.",
        {"a": "That is what Albumentations does. Keras layers keep every row (section 3 shifts two boxes).",
         "c": "Section 3 shifts two boxes and prints each one before and after, with its label: compare them."}),
    "mixed_batch_accuracy": (
        {"a": "MixUp learned less than the flip alone", "b": "nothing yet: compare accuracies measured on clean images"},
        "b",
        "fit's accuracy for MixUp is measured on mixed batches against the argmax of mixed labels, a harder and "
        "different task; only accuracies on the same clean images compare (lesson 21, section 3.1).",
        {"a": "On which images was each accuracy measured? Section 2 says what fit's accuracy means for a "
              "mixed batch."}),
    "cutmix_factor": (
        {"a": "one pasted-area share for the whole batch, from U(0, 1)",
         "b": "one α for the batch from U(0, 1), then a weight per image from Beta(α, α)",
         "c": "a weight per image from U(0, 1)"}, "b",
        "CutMix draws α once per call from U(factor range), then λ per image from Beta(α, α); the box's sides "
        "are √(1 − λ) of the image's (lesson 21, section 1).",
        {"a": "Section 1 printed how many different label weights one batch holds: is it one?",
         "c": "In cut_mix.py (section 1), is U(0, factor) where the weight comes from, or one step before it?"}),
    "grid_cannot_tell": (
        {"a": "B beats A", "b": "this grid cannot tell A and B apart", "c": "A and B are equally good"}, "b",
        "the differences seed by seed change sign, and the 95 % interval of their mean (about −0.017 to "
        "+0.031) includes 0: another seed could reverse the order. More seeds might separate them, or not.",
        {"a": "Look at B − A seed by seed: does it point the same way every time?",
         "c": "An interval that includes 0 does not prove equality either: a small real difference could hide in it."}),
    "tta_views": (
        {"a": "horizontal flip and 2-pixel shifts", "b": "vertical flip and 180° rotation",
         "c": "every transform the library offers"}, "a",
        "TTA views should be images the model could meet and was trained to handle: a mirrored or slightly "
        "moved street photo is still a street photo.",
        {"b": "Upside-down streets never occur, and the model never saw one: section 4 measures what such "
              "views do to the accuracy.",
         "c": "More views are not better when some of them show the model images it never learned (section 4)."}),
    "tta_training_true": (
        {"a": "nothing else: only the augmentation layers read training",
         "b": "dropout drops units and BatchNormalization normalises with the batch and updates its "
              "moving averages",
         "c": "the weights take a gradient step"}, "b",
        "training=True reaches every layer: dropout and BatchNormalization switch to their training "
        "behaviour, and BatchNormalization even overwrites its moving averages with test-batch statistics.",
        {"a": "Keras passes training to the whole model: which other layers of this CNN behave differently "
              "while training (section 2 measures it)?",
         "c": "Calling a model never computes gradients; only fit() (or your own training step) does. Which "
              "layers change what they compute (section 2)?"}),
    "tta_small_gain": (
        {"a": "nothing: the accuracy went up", "b": "the training accuracy with and without TTA",
         "c": "how many test images TTA fixed and broke, over several seeds"}, "c",
        "a gain of a few images can be noise; the paired counts (fixed versus broken), repeated over "
        "seeds or with a bootstrap interval, show whether it holds.",
        {"a": "On 846 images, 0.5 points is 4 images: could another seed or another test set undo it (section 5)?",
         "b": "TTA is about test-time predictions; the training accuracy says nothing about whether the test "
              "gain is real (section 5)."}),
    "jersey_rotation": (
        {"a": "RandomRotation(0.5), turns of any angle", "b": "RandomRotation(0.04), up to about ±15°",
         "c": 'RandomFlip("horizontal_and_vertical")'}, "b",
        "small tilts imitate players who lean and turn a little, and a tilted 6 is still a 6; turns of any "
        "angle or by 180° make digits that no TV image shows (section 1).",
        {"a": "Turns of any angle put digits on their side and upside down, which the test images never show; "
              "section 1 measured what that costs a small model.",
         "c": "That layer turns half the images by 180° and keeps their labels: look at what section 1 found "
              "for 6 and 9."}),
    "skin_symmetries": (
        {"a": "the eight square symmetries (turns of 90° and mirrors) and small shifts",
         "b": "no geometric augmentation at all", "c": "strong colour inversion and hue changes"}, "a",
        "a close-up taken straight down at the skin has no up, and the diagnosis does not depend on a side: "
        "every turn or mirror image is a picture the camera could have taken (section 2).",
        {"b": "Geometry is only a risk when the image has an up or the label names a direction; does a "
              "close-up from above have either (section 2)?",
         "c": "Colour is part of what a dermatologist reads, and an inverted lesion never occurs in the test "
              "data (section 3 inverts an X-ray)."}),
    "hand_flip": (
        {"a": 'add RandomFlip("horizontal") to the model',
         "b": 'flip and swap the label "left" with "right" in the input pipeline',
         "c": "flips cannot be used for this task in any way"}, "b",
        "a mirrored left hand looks like a right hand, so the flip is a new, true example once its label is "
        "swapped; section 3 measured it on a left/right task (no loss of accuracy).",
        {"a": "A Keras image layer flips the pixels but keeps the class label: section 3 measured what that "
              "does to a left/right task.",
         "c": "Look at the third training run of section 3: it used flips on a left/right task, and how did "
              "it do?"}),
}
