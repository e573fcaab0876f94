"""Self-checks for the pixel-value lessons: 08 brightness, 09 channel shift,
11 normalization and 12 ZCA whitening.

Each ``check_...(answer)`` returns a ``Result``: a clear pass, or a hint that
points back to the cell of the lesson that holds the answer. ``...`` or None
(the placeholder in the lesson) gets a reminder to write an answer first.

Example:
    >>> check_zca_rank(300)
    Right: IDG subtracts one mean per colour channel, not the mean image, so the 300 centred images do not \
sum to zero and keep all 300 directions.
"""

import numbers

import numpy as np

from augcourse.exercises import Result, real_number, unanswered, verdict
from augcourse.language import N_, tr

_PLACEHOLDER = N_("replace the `...` with your answer, then run the cell again.")


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
    return Result(False, tr(_PLACEHOLDER))


# ---------------------------------------------------------------- 08 brightness

def _plain_number(value):
    """``value`` as a float when it is one real number (not a bool, text, array or an int too big for a
    float), else None."""
    if not _is_number(value):
        return None
    try:
        return float(value)
    except (OverflowError, TypeError, ValueError):
        return None


def _plain_numbers(value, n):
    """The ``n`` numbers of a list, tuple or numeric array ``value`` as a float array, or None when it is
    not exactly that (text, bools, complex numbers and nested lists do not count as numbers)."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "iuf" or value.size != n or np.ma.is_masked(value):
            return None
        items = value.ravel().tolist()
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        return None
    numbers_ = [_plain_number(item) for item in items]
    if len(numbers_) != n or None in numbers_:
        return None
    return np.array(numbers_, dtype=float)


def _as_text_hint(answer):
    """A hint for an answer typed as text, or None when it is not text."""
    if isinstance(answer, (str, bytes)):
        return Result(False, tr("You typed text ({answer!r:.40}): write the number(s) themselves, without quotes.",
                                 answer=answer))
    return None


def check_unit_input_brightness(answer):
    """08, exercise 3: a pixel of 0.7 in every channel (image in [0, 1]) after IDG brightness 1.2
    (answer: 0, or [0, 0, 0] for the three channels)."""
    if unanswered(answer):
        return _unanswered()
    if (text := _as_text_hint(answer)) is not None:
        return text
    values = _plain_numbers(answer, 1) if isinstance(answer, np.ndarray) else None   # e.g. a 0-d array
    if values is None:
        values = _plain_numbers([answer], 1) if _is_number(answer) else _plain_numbers(answer, 3)
    if values is None:
        return Result(False, tr("Give one number (the value in every channel), or the three channel values [r, g, b]."))
    if np.any(np.abs(values - 0.84) < 1e-3):
        return Result(False, tr("0.84 is 0.7 x 1.2 in floating point. Does IDG multiply the float image? "
                                "Section 3 follows the pixels through PIL."))
    return verdict(bool(np.all(np.abs(values) < 1e-6)),
                   tr("Right: astype('uint8') truncates 0.7 to 0, and 0 times any factor is 0: the pixel is black."),
                   tr("Before PIL sees the image, IDG truncates it to uint8. What is int(0.7)? "
                      "Section 4 prints what is left of such images."))


def check_brightness_range(answer):
    """08, exercise 4: a brightness_range for exposure that varies 'up to 30 % either way'
    (answer: (0.7, 1.3), as a tuple or list: IDG's constructor refuses anything else)."""
    if unanswered(answer):
        return _unanswered()
    if (text := _as_text_hint(answer)) is not None:
        return text
    if _is_number(answer):
        return Result(False, tr("A single number is refused by the constructor (section 1): give a range of two numbers."))
    if isinstance(answer, np.ndarray):
        return Result(False, tr("IDG's constructor refuses a NumPy array: it checks for a tuple or list of two "
                                "numbers (section 1). Write the two numbers as a tuple, (low, high)."))
    if not isinstance(answer, (list, tuple)) or len(answer) != 2:
        return Result(False, tr("Give a tuple or list of two numbers, (low, high)."))
    pair = _plain_numbers(answer, 2)
    if pair is None:
        return Result(False, tr("Both entries must be numbers (not text or lists): (low, high)."))
    low, high = sorted(pair)
    if np.isclose(low, -0.3) and np.isclose(high, 0.3):
        return Result(False, tr("brightness_range holds factors that multiply, not changes: 1.0 leaves the image "
                                "as it is (section 2)."))
    if np.isclose(low, 70) and np.isclose(high, 130):
        return Result(False, tr("brightness_range holds factors, not percentages: 100 % is the factor 1.0."))
    if not (np.isclose(low, 0.7, rtol=0, atol=1e-6) and np.isclose(high, 1.3, rtol=0, atol=1e-6)):
        return Result(False, tr("The factor multiplies: 1.0 is unchanged, 30 % darker is 1 - 0.3, "
                                "30 % brighter is 1 + 0.3."))
    if pair[0] <= pair[1]:
        return Result(True, tr("Right: factors from 0.7 (30 % darker) to 1.3 (30 % brighter)."))
    return Result(True, tr("Right: factors from 0.7 (30 % darker) to 1.3 (30 % brighter) (IDG draws the same range "
                           "from (high, low), but (low, high) reads better)."))


# -------------------------------------------------------------- 09 channel shift

def check_channel_shift_clip(answer):
    """09, exercise 2: pixel [50, 100, 200] shifted by c = +30 in an image whose values run from 40 to 210
    (answer: [80, 130, 210])."""
    if unanswered(answer):
        return _unanswered()
    if (text := _as_text_hint(answer)) is not None:
        return text
    vec = _plain_numbers(answer, 3)
    if vec is None:
        return Result(False, tr("Give the three channel values as numbers, e.g. [r, g, b]."))
    if np.allclose(vec, [80, 130, 230]) or np.allclose(vec, [80, 130, 255]):
        return Result(False, tr("Almost: the clip is not to 0..255 but to this image's own min and max."))
    if np.allclose(vec, [100, 150, 210]):
        return Result(False, tr("That is the +50 of section 2; this time IDG drew c = +30."))
    return verdict(np.allclose(vec, [80, 130, 210]),
                   tr("Right: +30 everywhere, then clipped to the image's own range 40..210, so 230 becomes 210."),
                   tr("Add 30 to each channel, then clip to the image's own minimum and maximum (section 2)."))


def check_channel_shift_keras(answer):
    """09, exercise 4: RandomBrightness factor for channel_shift_range=51 on 0..255 data. Right: every
    form the layer itself turns into (-0.2, 0.2): 0.2, 51/255, -0.2 (it takes the absolute value),
    (-0.2, 0.2) or [0.2, -0.2] (it sorts a pair). The layer refuses NumPy arrays and NumPy float32
    scalars, so the check does too."""
    if unanswered(answer):
        return _unanswered()
    if (text := _as_text_hint(answer)) is not None:
        return text
    if isinstance(answer, np.ndarray):
        return Result(False, tr("RandomBrightness refuses a NumPy array (it takes a number, or a tuple or list of "
                                "two numbers): write the factor as a plain number or a tuple."))
    if isinstance(answer, np.generic) and not isinstance(answer, (float, int)):
        return Result(False, tr("RandomBrightness refuses a NumPy {type} scalar (it checks for a Python int "
                                "or float): write a plain number, e.g. float(...).", type=type(answer).__name__))
    if _is_number(answer):
        value = _plain_number(answer)
        low, high = (None, None) if value is None else (-abs(value), abs(value))   # what the layer does
    elif isinstance(answer, (list, tuple)) and len(answer) == 2 and _plain_numbers(answer, 2) is not None:
        low, high = sorted(_plain_numbers(answer, 2))
    else:
        return Result(False, tr("Give the factor: one number, or a tuple of two numbers (low, high)."))
    if low is None or not (np.isfinite(low) and np.isfinite(high)) or low < -1 or high > 1:
        return Result(False, tr("The layer refuses that: factor is a fraction of the value range, between -1 and 1. "
                                "It adds factor x 255 to every pixel (section 6)."))
    if np.isclose(high, 0.2, rtol=1e-3, atol=0) and np.isclose(low, -0.2, rtol=1e-3, atol=0):
        return Result(True, tr("Right: RandomBrightness(factor=51/255 = 0.2, value_range=(0, 255)) draws a value in "
                               "(-0.2, 0.2) and adds it x 255, up to ±51 (one number f means (-|f|, |f|))."))
    if np.isclose(high, 0.2, rtol=1e-3, atol=0) and abs(low) < 1e-9:
        return Result(False, tr("That only brightens: IDG's shift c is drawn from -51 to +51, both ways."))
    if np.isclose(low, high):
        return Result(False, tr("That adds the same value to every image: IDG draws a new shift per image, "
                                "from -51 to +51."))
    return Result(False, tr("RandomBrightness's factor is a fraction of the value range (0..255): it adds up to "
                            "factor x 255. Which fraction of 255 is 51?"))


# -------------------------------------------------------------- 11 normalization

def _typed_number(answer):
    """``(value, None)`` for one real number (a NumPy scalar or a one-element array counts), else
    ``(None, hint)``: the feedback for text, an empty cell's ``...``-less forms, lists and the rest."""
    value = real_number(answer)
    if value is not None:
        return value, None
    text = _as_text_hint(answer)            # a Result that failed is falsy: test for None, not truth
    return None, text if text is not None else Result(False, tr("Give one number."))


def _is_rounding_of(value, target, min_digits=2):
    """``value`` equals ``target`` or ``target`` rounded to ``min_digits`` or more significant digits (0.0039
    for 1/255 with 2; also 0.004 with 1)."""
    return (any(value == float(f"{target:.{digits}g}") for digits in range(min_digits, 18))
            or _close(value, target, 1e-6))


def check_rescale(answer):
    """11, exercise 1 (diagnose): images that a loader already divided by 255 go through
    ``ImageDataGenerator(rescale=1/255)``; the value a white pixel (1.0) ends with (answer: 1/255,
    about 0.0039, so the network sees 0..0.004)."""
    if unanswered(answer):
        return _unanswered()
    value, hint = _typed_number(answer)
    if hint is not None:
        return hint
    if _close(value, 1.0):
        return Result(False, tr("rescale does not look at the data, and nothing stops it at 1: it multiplies every "
                                "pixel by the same number, whatever range the pixels start in (section 3)."))
    if _close(value, 255.0) or _close(value, 65025.0):
        return Result(False, tr("rescale=1/255 multiplies every pixel by 1/255; it undoes nothing. A white pixel "
                                "starts here at 1.0, not 255."))
    return verdict(_is_rounding_of(value, 1 / 255, min_digits=1),
                   tr("Right: 1.0 x 1/255 = 0.0039. The images are scaled twice, so the network sees values "
                      "from 0 to 0.004, 255 times smaller than the 0..1 it was meant to get; nothing warns. "
                      "Scale in one place only."),
                   tr("rescale multiplies every pixel by 1/255, whatever its range. Start from a white pixel "
                      "of these images: 1.0."))


def _channel_values(answer):
    """The three channel values of an answer: a list/tuple/array of 3 numbers, or an (..., 3) array whose
    pixels are all equal (a whole constant image); None otherwise."""
    vec = _plain_numbers(answer, 3)
    if vec is None and isinstance(answer, np.ndarray) and answer.dtype.kind in "iuf" and answer.ndim >= 2 \
            and answer.shape[-1] == 3 and answer.size <= 3 * 10**6 and not np.ma.is_masked(answer):
        pixels = answer.reshape(-1, 3).astype(float)
        if np.all(pixels == pixels[0]):
            vec = pixels[0]
    return vec


def check_samplewise(answer):
    """11, exercise 3 (predict): samplewise_center on an image whose channels are the constants 10, 20, 30
    (answer: [-10, 0, 10]; the whole centred image, all of whose pixels are that, counts too)."""
    if unanswered(answer):
        return _unanswered()
    vec = _channel_values(answer)
    if vec is None:
        text = _as_text_hint(answer)
        return text if text is not None else Result(False, tr("Give the three channel values after centring, e.g. [r, g, b]."))
    if np.allclose(vec, 0):
        return Result(False, tr("That would subtract each channel's own mean. samplewise_center subtracts ONE number "
                                "per image: the mean over all its pixels and all its channels (section 2)."))
    if np.allclose(vec, [10, 20, 30]):
        return Result(False, tr("samplewise_center does change this image: it subtracts the image's mean. Which "
                                "single number is that here?"))
    if np.allclose(np.abs(vec), [1.2247, 0, 1.2247], atol=1e-3):
        return Result(False, tr("That also divides by the std: samplewise_std_normalization is off here, only the "
                                "mean is subtracted."))
    return verdict(np.allclose(vec, [-10, 0, 10]),
                   tr("Right: the image's single mean is 20, so the channels become -10, 0 and 10: the colour "
                      "differences stay, only the overall level goes."),
                   tr("samplewise_center subtracts one number: the mean of all pixels of all channels."))


# ------------------------------------------------------------ 12 ZCA whitening

def check_zca_rank(answer):
    """12, exercise 2: rank of the matrix ImageDataGenerator.fit() decomposes for 300 images of
    D = 3072 values (answer: 300). fit() subtracts one mean per colour channel (``mean`` has shape
    (1, 1, 3)), not the mean image, so the centred images do not sum to zero and keep full rank;
    299 is the rank after per-pixel (textbook) centring."""
    if unanswered(answer):
        return _unanswered()
    value, hint = _typed_number(answer)
    if hint is not None:
        return hint
    if _close(value, 299):
        return Result(False, tr("That is the rank after per-pixel centring (textbook ZCA): subtracting the mean "
                                "image makes the images sum to zero and removes one direction. IDG's fit() "
                                "subtracts one mean per colour channel (its mean has shape (1, 1, 3)), which "
                                "does not (section 4)."))
    if _close(value, 3072):
        return Result(False, tr("The images cannot span 3072 directions: at most one per image."))
    return verdict(_close(value, 300),
                   tr("Right: IDG subtracts one mean per colour channel, not the mean image, so the 300 "
                      "centred images do not sum to zero and keep all 300 directions."),
                   tr("The rank is at most the number of images. Does IDG's centring (one mean per channel) "
                      "remove a direction? (section 4)"))


ZCA_NEED = np.sqrt(1000) / 10 - 0.35       # the smallest zca_epsilon of exercise 3: 2.81228...


def check_zca_epsilon(answer):
    """12, exercise 3: with Keras' formula gain = sqrt(n) / (s + eps), the smallest zca_epsilon that
    gives the weakest direction (singular value s = 0.35, n = 1000) a gain of at most 10 (answer:
    sqrt(1000)/10 - 0.35 = 2.8123; any eps whose gain is at most 10 and that is less than 0.05 above it).
    Exact: 2.81 and 2.812 leave the gain above 10 (10.007, 10.0009) and are refused."""
    if unanswered(answer):
        return _unanswered()
    value, hint = _typed_number(answer)
    if hint is not None:
        return hint
    if not np.isfinite(value):
        return Result(False, tr("Give a finite number: the zca_epsilon to pass to ImageDataGenerator."))
    if value < 0:
        return Result(False, tr("zca_epsilon is added to s: a negative one makes 0.35 + eps smaller and the gain "
                                "larger. Solve sqrt(1000) / (0.35 + eps) = 10."))
    gain = np.sqrt(1000) / (0.35 + value)
    if gain > 10 * (1 + 1e-12):
        if value >= ZCA_NEED - 0.01:
            return Result(False, tr("Almost: with zca_epsilon={value:g} the gain is sqrt(1000) / (0.35 + {value:g}) "
                                    "= {gain:.4f}, still above 10. Round up, not to the nearest.",
                                    value=value, gain=gain))
        return Result(False, tr("With zca_epsilon={value:g} the gain is {gain:.2f}, above 10. Solve "
                                "sqrt(1000) / (0.35 + eps) <= 10 for eps: the smallest eps that keeps the gain at "
                                "10.", value=value, gain=gain))
    if value > ZCA_NEED + 0.05:
        return Result(False, tr("That eps works, but the question asks for the smallest one: a larger eps also "
                                "damps the directions that carry the picture. Solve sqrt(1000) / (0.35 + eps) = 10."))
    return Result(True, tr("Right: sqrt(1000) / (0.35 + eps) <= 10 needs eps >= {need:.4f} (gain "
                           "{gain:.4f} here), over a million times the default 1e-6.", need=ZCA_NEED, gain=gain))
