"""The judgement questions of the lessons on normalization and ZCA whitening (11–12), kept apart from the checks that ask them.

Each entry has the form of ``choices.QUESTIONS``: question name -> (its lettered options, the right letter,
why it is right, {wrong letter: a hint that does not give the answer away}). ``choices`` merges them and
makes a ``check_<name>`` for each; lessons import the checks from there.

Example:
    >>> options, right, why, hints = STATISTICS_QUESTIONS["validation_statistics"]
    >>> right in options, right in hints
    (True, False)
"""

STATISTICS_QUESTIONS = {
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
}
