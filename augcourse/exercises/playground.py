"""Self-checks for lesson 15, the playground: predictions to make before moving a control.

``check_unchanged_images`` takes a number. The lesson's judgement question is kept in
``PLAYGROUND_QUESTIONS`` in the form of ``choices.QUESTIONS``; ``choices`` merges it and makes its check,
``choices.check_brightness_after_samplewise``. Every answer a learner can type gets a ``Result``, never an
exception.

Example:
    >>> check_unchanged_images(24)
    Right: each of the four transforms is skipped with probability 0.7, independently, so an image \
is left alone with probability 0.7⁴ = 0.24: about 24 of 100.
"""

from augcourse.exercises import Result, real_number, unanswered, verdict
from augcourse.language import N_, tr

_PLACEHOLDER = N_("replace the `...` with your answer, then run the cell again.")

# question -> (its lettered options, the right letter, why it is right, {wrong letter: hint}); ``choices``
# merges it and makes its check
PLAYGROUND_QUESTIONS = {
    "brightness_after_samplewise": (
        {"a": "the darker ones get darker and the brighter ones brighter, as without normalization",
         "b": "they hardly change",
         "c": "their contrast changes instead of their brightness"}, "b",
        "a brightness factor multiplies every pixel of an image, so it multiplies the image's mean and its "
        "std by the same number, and samplewise normalization divides it out (lesson 11). What is left is "
        "small: the pixels that a large factor clips at 255 flatten.",
        {"a": "samplewise_center and samplewise_std_normalization run after the brightness factor. What do they "
              "divide each image by, and what does the factor do to that number?",
         "c": "A factor f multiplies the std, the contrast, by f too. What is left of it after dividing by the "
              "image's own std?"}),
}


def check_unchanged_images(answer):
    """15, exercise 1: with the starting transforms (horizontal flip, rotation, shift, zoom) and every
    probability at 0.3, about how many of 100 images come out unchanged (answer: 100 x 0.7⁴ = 24; 23.5 to
    24.5 counts)."""
    if unanswered(answer):
        return Result(False, tr(_PLACEHOLDER))
    value = real_number(answer)
    if value is None:
        if isinstance(answer, (str, bytes)):
            return Result(False, tr("You typed text ({answer!r:.40}): write the number itself, without quotes.",
                                     answer=answer))
        return Result(False, tr("Give one number: how many of the 100 images."))
    if abs(value - 0.2401) < 0.005:
        return Result(False, tr("That is the chance for one image; the question asks how many of 100 images."))
    if abs(value - 70) < 0.5:
        return Result(False, tr("0.7 is the chance that one transform is skipped. An image is unchanged only "
                                "when all four are skipped, each by its own coin."))
    if abs(value - 30) < 0.5 or abs(value - 0.81) < 0.05:
        return Result(False, tr("0.3 is the chance that a transform is applied; an image is unchanged when "
                                "every one of them is skipped."))
    if abs(value - 100 * 0.7 ** 5) < 0.5 or abs(value - 100 * 0.7 ** 10) < 0.5:
        return Result(False, tr("Count only the transforms the starting settings switch on: a transform that "
                                "is off changes no image, whatever its probability."))
    return verdict(23.5 <= value <= 24.5,
                   tr("Right: each of the four transforms is skipped with probability 0.7, independently, so an "
                      "image is left alone with probability 0.7⁴ = 0.24: about 24 of 100."),
                   tr("Each transform the starting settings switch on tosses its own coin. What is the chance "
                      "that all of them are skipped?"))
