"""The Albumentations ``Compose`` closest to a spec, as paste-ready source (the notes' other library).

``albumentations_code(options, image_shape=None)`` writes ``transform = A.Compose([...])`` with
one transform per option and the spec's probability on each (Albumentations has ``p`` on every
transform, so per-transform probabilities carry over exactly). Geometric options with the same
probability share one ``A.Affine`` (one resampling); the fill mode becomes the OpenCV border
mode, ``cval`` the fill value. Units change: IDG's zoom factor z shows the content at 1/z, so
``scale`` is the reciprocal range; IDG's shear leans by sin(s), so the angle is atan(sin(s)).
Where Albumentations differs (the shear's stretch, clipping, normalization) a comment says so.
Pixel shifts need ``image_shape`` (H, W[, C]) to become the fractions ``translate_percent`` takes.

Example:
    >>> from augcourse.augment.options import AugmentOptions
    >>> print(albumentations_code(AugmentOptions(rotation_range=20, horizontal_flip=True,
    ...                                          p={"rotation": 0.5})))
    import albumentations as A
    import cv2
    transform = A.Compose([
        A.HorizontalFlip(p=0.5),
        A.Affine(rotate=(-20, 20), border_mode=cv2.BORDER_REPLICATE, interpolation=cv2.INTER_LINEAR, p=0.5),
    ])
"""

import math

from augcourse.augment.codegen import python_literal, shift_fraction

# The OpenCV border mode of each fill mode (IDG's "reflect" is SciPy's d c b a | a b c d).
BORDER_MODES = {"nearest": "cv2.BORDER_REPLICATE", "reflect": "cv2.BORDER_REFLECT", "wrap": "cv2.BORDER_WRAP",
                "constant": "cv2.BORDER_CONSTANT"}
INTERPOLATIONS = {"bilinear": "cv2.INTER_LINEAR", "nearest": "cv2.INTER_NEAREST"}


def _pair(value):
    return python_literal((round(-value, 6), round(value, 6)))


def _geometry(options, image_shape, notes):
    """[(probability, "key=value")] for each geometric option that is on."""
    parts = []
    if options.rotation_range:
        parts.append((options.p["rotation"], f"rotate={_pair(options.rotation_range)}"))
    if options.width_shift_range or options.height_shift_range:
        x = _fraction(options.width_shift_range, image_shape, 1, notes)
        y = _fraction(options.height_shift_range, image_shape, 0, notes)
        parts.append((options.p["shift"], f'translate_percent={{"x": {x}, "y": {y}}}'))
    low, high = options.zoom_range
    if (low, high) != (1.0, 1.0):
        scale = python_literal((round(1 / high, 6), round(1 / low, 6)))
        parts.append((options.p["zoom"], f'scale={{"x": {scale}, "y": {scale}}}'))
        notes.append("scale is the reciprocal of IDG's zoom factor (x and y drawn independently, as in IDG), "
                     "drawn uniformly in scale rather than in zoom")
    if options.shear_range:
        angle = round(math.degrees(math.atan(math.sin(math.radians(options.shear_range)))), 4)
        parts.append((options.p["shear"], f'shear={{"x": {_pair(angle)}, "y": 0}}'))
        notes.append(f"shear: atan(sin({python_literal(options.shear_range)}°)) = {python_literal(angle)}° "
                     "leans as far as IDG's shear; Albumentations does not stretch the height by 1/cos(shear)")
    return parts


def albumentations_transforms(options, image_shape=None):
    """``(transform source lines, comment lines)`` for the Albumentations equivalent of ``options``."""
    notes, lines = [], []
    if options.horizontal_flip:
        lines.append(f"A.HorizontalFlip(p={python_literal(options.p['horizontal_flip'])})")
    if options.vertical_flip:
        lines.append(f"A.VerticalFlip(p={python_literal(options.p['vertical_flip'])})")
    border = f"border_mode={BORDER_MODES[options.fill_mode]}"
    if options.fill_mode == "constant":
        border += f", fill={python_literal(float(options.cval))}"
    border += f", interpolation={INTERPOLATIONS[options.interpolation]}"
    if options.interpolation == "nearest":
        border += ", mask_interpolation=cv2.INTER_NEAREST"
    groups = {}
    for p, part in _geometry(options, image_shape, notes):
        groups.setdefault(p, []).append(part)
    for p, parts in groups.items():
        lines.append(f"A.Affine({', '.join(parts)}, {border}, p={python_literal(p)})")
    if options.brightness_range is not None:
        lines.append(f"A.MultiplicativeNoise(multiplier={python_literal(tuple(options.brightness_range))}, "
                     f"per_channel=False, elementwise=False, p={python_literal(options.p['brightness'])})")
        notes.append("MultiplicativeNoise multiplies like IDG's brightness; it clips to the dtype's range "
                     "(0..255 for uint8)")
    if options.channel_shift_range:
        r = options.channel_shift_range
        p = python_literal(options.p["channel_shift"])
        if options.channel_shift_per_channel:
            lines.append(f"A.RGBShift(r_shift_limit={_pair(r)}, g_shift_limit={_pair(r)}, "
                         f"b_shift_limit={_pair(r)}, p={p})")
        else:
            lines.append(f"A.RandomBrightnessContrast(brightness_limit={_pair(round(r / 255, 6))}, "
                         f"contrast_limit=0, brightness_by_max=True, p={p})")
            notes.append("one offset for all channels, as IDG's channel shift, but clipped to 0..255 "
                         "rather than to each image's own min and max")
    if options.rescale is not None or options.featurewise or options.samplewise_center \
            or options.samplewise_std_normalization:
        notes.append("normalization (rescale, featurewise, samplewise) is not augmentation: apply it after "
                     "the transform in your pipeline")
    return lines, notes


def albumentations_code(options, image_shape=None):
    """``transform = A.Compose([...])`` source, with a comment for each difference from the spec."""
    lines, notes = albumentations_transforms(options, image_shape)
    return "\n".join(["import albumentations as A", "import cv2", "transform = A.Compose(["]
                     + [f"    {line}," for line in lines] + ["])"] + [f"# {note}" for note in notes])


def albumentations_compose(options, image_shape=None, seed=None):
    """The ``Compose`` ``albumentations_code`` prints, built from that very source (``seed`` for
    repeatable draws). Sets ``NO_ALBUMENTATIONS_UPDATE=1`` unless it is set: no network check at import."""
    import os

    os.environ.setdefault("NO_ALBUMENTATIONS_UPDATE", "1")
    namespace = {}
    exec(albumentations_code(options, image_shape), namespace)      # noqa: S102 - our own code
    import albumentations as A

    return A.Compose(namespace["transform"].transforms, seed=seed)


def _fraction(value, image_shape, axis, notes):
    """A shift setting as a symmetric fraction range, as source text."""
    fraction = shift_fraction(value, image_shape, axis, notes)
    if isinstance(fraction, str):
        return f"(-{fraction}, {fraction})"
    return _pair(fraction) if fraction else "0"
