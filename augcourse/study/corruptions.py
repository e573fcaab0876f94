"""CIFAR-10-C-style corruptions of a test set, made locally and deterministically, for the robustness table.

``corrupt(images, name, severity, seed=0)`` returns one corrupted copy of uint8 images (N, H, W, 3);
``corrupted_sets(images)`` returns every corruption of ``CORRUPTIONS`` at every severity of
``SEVERITIES`` in a dict keyed by ``(name, severity)``. Only "gaussian_noise" is random: it draws from
``np.random.default_rng(seed)`` (never from NumPy's global generator), the same standard-normal draws
at every severity, so a higher severity is the same noise pattern, scaled up.

The parameters (``PARAMETERS[name][severity - 1]``, severities 1 to 5) are those of Hendrycks &
Dietterich, "Benchmarking Neural Network Robustness to Common Corruptions and Perturbations" (ICLR
2019), as published in ``ImageNet-C/create_c/make_cifar_c.py`` of github.com/hendrycks/robustness;
the code here is our own. Pixel values are read on a 0..1 scale (value / 255):

==============  ===========================================  ==================================
name            parameter c, severity 1 → 5                  what it does
==============  ===========================================  ==================================
gaussian_noise  0.04, 0.06, 0.08, 0.09, 0.10                 add normal noise with std c
gaussian_blur   0.4, 0.6, 0.7, 0.8, 1.0                      Gaussian blur, sigma c pixels
contrast        0.75, 0.5, 0.4, 0.3, 0.15                    (x - mean) * c + mean, per channel
brightness      0.05, 0.1, 0.15, 0.2, 0.3                    add c to V of HSV (clipped at 1)
jpeg            80, 65, 58, 50, 40                           JPEG quality c (Pillow, in memory)
pixelate        0.95, 0.9, 0.85, 0.75, 0.65                  shrink the sides to c, then enlarge
==============  ===========================================  ==================================

Where we differ from that script: results are rounded to the nearest integer (it truncates with
``np.uint8``); the blur is ``scipy.ndimage.gaussian_filter`` with the settings of its skimage call
(mode "nearest", truncate 4); brightness scales R, G and B by V_new / V, which is exactly "add c to
V with H and S kept" (black pixels, S = 0, become grey c), without a colour-space round trip;
pixelate shrinks to int(H * c) × int(W * c) by averaging the pixels under each box weighted by
their overlap (Pillow's BOX, used by the script, gives whole weight to the pixels whose centre lies
in the box), then enlarges with nearest neighbours (the same pixels as Pillow's BOX enlargement for
32 × 32 images at these five sizes). The contrast mean is per image and per channel, as in the script.

Example:
    >>> x = np.zeros((1, 2, 2, 3), dtype=np.uint8)
    >>> x[0, 0, 0] = 200                                    # channel means are 50
    >>> corrupt(x, "contrast", 3)[0, :, :, 0]               # c = 0.4: 50 + (200 - 50) * 0.4 = 110
    array([[110,  30],
           [ 30,  30]], dtype=uint8)
    >>> sets = corrupted_sets(np.zeros((4, 32, 32, 3), dtype=np.uint8))
    >>> len(sets), list(sets)[:2], sets["pixelate", 5].shape
    (18, [('gaussian_noise', 1), ('gaussian_noise', 3)], (4, 32, 32, 3))
"""

import io

import numpy as np
from PIL import Image
from scipy import ndimage

from augcourse._checks import check_choice, check_images, check_int, check_seed, fail
from augcourse.language import tr

CORRUPTIONS = ("gaussian_noise", "gaussian_blur", "contrast", "brightness", "jpeg", "pixelate")
PARAMETERS = {                                    # severity 1..5 → c, from make_cifar_c.py (see above)
    "gaussian_noise": (0.04, 0.06, 0.08, 0.09, 0.10),
    "gaussian_blur": (0.4, 0.6, 0.7, 0.8, 1.0),
    "contrast": (0.75, 0.5, 0.4, 0.3, 0.15),
    "brightness": (0.05, 0.1, 0.15, 0.2, 0.3),
    "jpeg": (80, 65, 58, 50, 40),
    "pixelate": (0.95, 0.9, 0.85, 0.75, 0.65),
}
ALL_SEVERITIES = (1, 2, 3, 4, 5)
SEVERITIES = (1, 3, 5)                            # the study's three levels: mild, middle, strongest


def parameter(name, severity):
    """The parameter c of corruption ``name`` at ``severity`` (1..5), e.g. the JPEG quality."""
    check_choice("name", name, CORRUPTIONS)
    return PARAMETERS[name][_check_severity(severity) - 1]


def _check_severity(severity, label="severity"):
    check_int(label, severity, low=1)
    return int(check_choice(label, severity, ALL_SEVERITIES))


def _check_uint8(images):
    arr = check_images("images", images, ranks=(4,), channels=(3,))
    if arr.dtype != np.uint8:
        fail("images.dtype", arr.dtype, tr("uint8 (pixel values 0..255; convert with np.uint8 first)"), TypeError)
    return arr


def _to_uint8(x01):
    """Pixel values on the 0..1 scale → uint8 0..255, clipped and rounded to the nearest integer."""
    return np.clip(np.rint(x01 * np.float32(255)), 0, 255).astype(np.uint8)


def _box_weights(size, new_size):
    """(new_size, size) matrix: row i averages the old pixels under new pixel i's box, by overlap."""
    edges = np.arange(new_size + 1) * (size / new_size)
    lo, hi = edges[:-1, None], edges[1:, None]
    j = np.arange(size)[None, :]
    overlap = np.clip(np.minimum(hi, j + 1) - np.maximum(lo, j), 0, None)
    return (overlap / (size / new_size)).astype(np.float32)


def _nearest_index(size, small):
    """For each of ``size`` output pixels, the index of the nearest of ``small`` pixels (centres aligned)."""
    return np.minimum(((np.arange(size) + 0.5) * small / size).astype(int), small - 1)


def _pixelate(x01, c):
    n, h, w, _ = x01.shape
    small_h, small_w = max(1, int(h * c)), max(1, int(w * c))
    small = np.einsum("ih,nhwc,jw->nijc", _box_weights(h, small_h), x01, _box_weights(w, small_w),
                      optimize=True)
    return small[:, _nearest_index(h, small_h)][:, :, _nearest_index(w, small_w)]


def _jpeg(images, quality):
    out = np.empty_like(images)
    for i, image in enumerate(images):
        buffer = io.BytesIO()
        Image.fromarray(image).save(buffer, format="JPEG", quality=int(quality))
        buffer.seek(0)
        with Image.open(buffer) as decoded:
            out[i] = np.asarray(decoded.convert("RGB"))
    return out


def _brightness(x01, c):
    value = x01.max(axis=-1, keepdims=True)                      # V of HSV
    new_value = np.minimum(value + np.float32(c), 1)
    ratio = new_value / np.maximum(value, np.float32(1e-12))
    return np.where(value > 0, x01 * ratio, new_value)           # black (S = 0) becomes grey


def corrupt(images, name, severity, seed=0):
    """One corruption of uint8 ``images`` (N, H, W, 3) → uint8 (N, H, W, 3), a new array.

    ``name`` is one of ``CORRUPTIONS``, ``severity`` one of 1..5 (``PARAMETERS`` gives its c). ``seed``
    (an integer 0..2**63-1 or a list of them) seeds "gaussian_noise"; the other corruptions are fixed
    functions of the images. An empty batch (N = 0) returns an empty batch.

    Example:
        >>> x = np.full((2, 8, 8, 3), 128, dtype=np.uint8)
        >>> a, b = corrupt(x, "gaussian_noise", 5, seed=1), corrupt(x, "gaussian_noise", 5, seed=1)
        >>> bool((a == b).all()), bool((a != x).any()), a.dtype
        (True, True, dtype('uint8'))
    """
    check_choice("name", name, CORRUPTIONS)
    severity = _check_severity(severity)
    seed = check_seed("seed", seed, allow_none=False)
    arr = _check_uint8(images)
    c = PARAMETERS[name][severity - 1]
    if arr.shape[0] == 0:
        return arr.copy()
    if name == "jpeg":
        return _jpeg(arr, c)
    x01 = arr.astype(np.float32) / np.float32(255)
    if name == "gaussian_noise":
        noise = np.random.default_rng(seed).standard_normal(x01.shape, dtype=np.float32)
        out = np.clip(x01 + noise * np.float32(c), 0, 1)
    elif name == "gaussian_blur":
        out = ndimage.gaussian_filter(x01, sigma=(0, c, c, 0), mode="nearest", truncate=4.0)
    elif name == "contrast":
        mean = x01.mean(axis=(1, 2), keepdims=True)
        out = (x01 - mean) * np.float32(c) + mean
    elif name == "brightness":
        out = _brightness(x01, c)
    else:                                                        # "pixelate"
        out = _pixelate(x01, c)
    return _to_uint8(out)


def corrupted_sets(images, severities=SEVERITIES, seed=0, names=CORRUPTIONS):
    """Every corruption in ``names`` at every severity: dict {(name, severity): uint8 (N, H, W, 3)}.

    Keys come in the order of ``names``, then of ``severities``. All arguments are checked before any
    corruption is computed.

    Example:
        >>> x = np.full((3, 6, 6, 3), 90, dtype=np.uint8)
        >>> sets = corrupted_sets(x, severities=(1, 5), names=("contrast", "jpeg"))
        >>> list(sets)
        [('contrast', 1), ('contrast', 5), ('jpeg', 1), ('jpeg', 5)]
    """
    if isinstance(names, str) or not isinstance(names, (list, tuple)) or not names:
        fail("names", names, tr("a non-empty list or tuple of corruption names from {names}",
                                names=", ".join(CORRUPTIONS)),
             TypeError)
    for name in names:
        check_choice("names[...]", name, CORRUPTIONS)
    if not isinstance(severities, (list, tuple)) or not severities:
        fail("severities", severities, tr("a non-empty list or tuple of severities from 1 to 5"), TypeError)
    severities = [_check_severity(s, "severities[...]") for s in severities]
    check_seed("seed", seed, allow_none=False)
    arr = _check_uint8(images)
    return {(name, s): corrupt(arr, name, s, seed=seed) for name in names for s in severities}
