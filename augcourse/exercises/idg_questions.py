"""The judgement questions of the lessons on ImageDataGenerator and image folders (01–02), kept apart from the checks that ask them.

Each entry has the form of ``choices.QUESTIONS``: question name -> (its lettered options, the right letter,
why it is right, {wrong letter: a hint that does not give the answer away}). ``choices`` merges them and
makes a ``check_<name>`` for each; lessons import the checks from there.

Example:
    >>> options, right, why, hints = IDG_QUESTIONS["flow_batches"]
    >>> right in options, right in hints
    (True, False)
"""

IDG_QUESTIONS = {
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
}
