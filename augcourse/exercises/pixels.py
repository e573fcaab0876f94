"""Self-checks for the pixel-value lessons: 08 brightness, 09 channel shift,
11 normalization and 12 ZCA whitening.

Each ``check_...(answer)`` returns a ``Result``: a clear pass, or a hint that
points back to the cell of the lesson that holds the answer. ``...`` or None
(the placeholder in the lesson) gets a reminder to write an answer first.

Example:
    >>> check_rescale(1 / 255)
    Right: rescale=1/255 multiplies every pixel by 1/255, so 255 becomes 1.0.
"""

import numbers

import numpy as np

from augcourse.exercises import Result, unanswered, verdict

_PLACEHOLDER = "replace the `...` with your answer, then run the cell again."


def _is_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _close(value, target, tol=1e-6):
    """``value`` is a number within a relative ``tol`` of ``target`` (absolute when target is 0)."""
    return _is_number(value) and abs(float(value) - target) <= tol * (abs(target) or 1.0)


def _as_vector(value, n):
    """``value`` as a float array of length ``n``, or None when it is not one."""
    try:
        arr = np.asarray(value, dtype=float).ravel()
    except (TypeError, ValueError):
        return None
    return arr if arr.shape == (n,) else None


def _unanswered():
    return Result(False, _PLACEHOLDER)


# ---------------------------------------------------------------- 08 brightness

def check_unit_input_brightness(answer):
    """08, exercise 2: a pixel of 0.7 (image in [0, 1]) after IDG brightness 1.2 (answer: 0)."""
    if unanswered(answer):
        return _unanswered()
    return verdict(_close(answer, 0.0),
                   "Right: astype('uint8') truncates 0.7 to 0, and 0 times any factor is 0: the pixel is black.",
                   "Before PIL sees the image, IDG truncates it to uint8. What is int(0.7)? "
                   "Section 4 prints what is left of such images.")


def check_brightness_range(answer):
    """08, exercise 3: a brightness_range for 'up to 30 % darker or brighter' (answer: (0.7, 1.3))."""
    if unanswered(answer):
        return _unanswered()
    if _is_number(answer):
        return Result(False, "A single number is refused by the constructor (section 1): give a range of two numbers.")
    pair = _as_vector(answer, 2)
    if pair is None:
        return Result(False, "Give a tuple or list of two numbers, (low, high).")
    return verdict(np.allclose(sorted(pair), [0.7, 1.3], atol=1e-6),
                   "Right: factors from 0.7 (30 % darker) to 1.3 (30 % brighter).",
                   "The factor multiplies: 1.0 is unchanged, 30 % darker is 1 - 0.3, 30 % brighter is 1 + 0.3.")


# -------------------------------------------------------------- 09 channel shift

def check_channel_shift_clip(answer):
    """09, exercise 2: the same pixel and shift in an image whose min/max are 40/210 (answer: [80, 130, 210])."""
    if unanswered(answer):
        return _unanswered()
    vec = _as_vector(answer, 3)
    if vec is None:
        return Result(False, "Give the three channel values, e.g. [r, g, b].")
    if np.allclose(vec, [80, 130, 230]):
        return Result(False, "Almost: the clip is not to 0..255 but to this image's own min and max.")
    return verdict(np.allclose(vec, [80, 130, 210]),
                   "Right: +30 everywhere, then clipped to the image's own range 40..210, so 230 becomes 210.",
                   "Add 30 to each channel, then clip to the image's own minimum and maximum (section 2).")


def check_channel_shift_keras(answer):
    """09, exercise 3: RandomBrightness factor for channel_shift_range=51 on 0..255 data (answer: 0.2)."""
    if unanswered(answer):
        return _unanswered()
    return verdict(_close(answer, 0.2, 1e-3),
                   "Right: RandomBrightness(factor=51/255 = 0.2, value_range=(0, 255)) adds up to ±51.",
                   "RandomBrightness's factor is a fraction of the value range (0..255): factor = range / 255.")


# -------------------------------------------------------------- 11 normalization

def check_rescale(answer):
    """11, exercise 1: the rescale value that maps 0..255 to 0..1 (answer: 1/255)."""
    if unanswered(answer):
        return _unanswered()
    if _close(answer, 255.0):
        return Result(False, "That is the notes' value: rescale *multiplies*, so 255 gives 0..65025 (section 3).")
    return verdict(_close(answer, 1 / 255, 2e-3),          # 0.00392, written out, is right too
                   "Right: rescale=1/255 multiplies every pixel by 1/255, so 255 becomes 1.0.",
                   "rescale multiplies every pixel. What number turns 255 into 1?")


def check_samplewise(answer):
    """11, exercise 3: samplewise_center on an image whose channels are the constants 10, 20, 30
    (answer: [-10, 0, 10])."""
    if unanswered(answer):
        return _unanswered()
    vec = _as_vector(answer, 3)
    if vec is None:
        return Result(False, "Give the three channel values after centring, e.g. [r, g, b].")
    if np.allclose(vec, 0):
        return Result(False, "That would be a per-channel mean. samplewise_center subtracts ONE number "
                             "per image, the mean over all pixels and channels.")
    return verdict(np.allclose(vec, [-10, 0, 10]),
                   "Right: the image's single mean is 20, so the channels become -10, 0 and 10.",
                   "samplewise_center subtracts one number: the mean of all pixels of all channels (here 20).")


# ------------------------------------------------------------ 12 ZCA whitening

def check_zca_rank(answer):
    """12, exercise 2: rank of the matrix ImageDataGenerator.fit() decomposes for 300 images of
    D = 3072 values (answer: 300). fit() subtracts one mean per colour channel (``mean`` has shape
    (1, 1, 3)), not the mean image, so the centred images do not sum to zero and keep full rank;
    299 is the rank after per-pixel (textbook) centring."""
    if unanswered(answer):
        return _unanswered()
    if _close(answer, 299):
        return Result(False, "That is the rank after per-pixel centring (textbook ZCA): subtracting the mean "
                             "image makes the images sum to zero and removes one direction. IDG's fit() "
                             "subtracts one mean per colour channel (its mean has shape (1, 1, 3)), which "
                             "does not (section 4).")
    if _close(answer, 3072):
        return Result(False, "The images cannot span 3072 directions: at most one per image.")
    return verdict(_close(answer, 300),
                   "Right: IDG subtracts one mean per colour channel, not the mean image, so the 300 "
                   "centred images do not sum to zero and keep all 300 directions.",
                   "The rank is at most the number of images. Does IDG's centring (one mean per channel) "
                   "remove a direction? (section 4)")


def check_zca_epsilon(answer):
    """12, exercise 3: with keras' formula gain = sqrt(n) / (s + eps), which zca_epsilon gives the
    weakest direction of singular value s=0.35 and n=1000 a gain of at most 10 (answer: >= sqrt(1000)/10 - 0.35)."""
    if unanswered(answer):
        return _unanswered()
    if not _is_number(answer):
        return Result(False, "Give one number.")
    need = np.sqrt(1000) / 10 - 0.35
    if float(answer) > need + 0.05:
        return Result(False, "That eps works, but the question asks for the smallest one: a larger eps also "
                             "damps the directions that carry the picture. Solve sqrt(1000) / (0.35 + eps) = 10.")
    return verdict(float(answer) >= need - 0.005,
                   f"Right: sqrt(1000)/(0.35 + eps) <= 10 needs eps >= {need:.2f}, far above the default 1e-6.",
                   "Solve sqrt(1000) / (0.35 + eps) <= 10 for eps: the smallest eps that keeps the gain at 10.")
