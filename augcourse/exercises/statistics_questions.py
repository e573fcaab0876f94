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
    "zca_epsilon_effect": (
        {"a": "they become recognisable pictures, like section 5's regularised ZCA",
         "b": "they change visibly, but stay mostly noise",
         "c": "they barely change"}, "c",
        "IDG adds zca_epsilon to the singular values, and on 400 images in [0, 1] the smallest of them is about "
        "0.98 (section 4). 0.01 moves the largest gain sqrt(400) / (s + eps) from 20.5 to about 20.3, 1 %, and the "
        "whitened images by about half a percent. eps starts to matter only near the singular values themselves.",
        {"a": "Section 5's eps is added to eigenvalues of the covariance; IDG adds its eps to the singular values "
              "printed in section 4. How does 0.01 compare with the smallest of them?",
         "b": "Work out the largest gain sqrt(400) / (s + eps) with section 4's smallest singular value, for "
              "eps = 1e-6 and for eps = 0.01: how far does it move?"}),
}
