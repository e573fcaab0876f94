"""The Albumentations ``Compose`` closest to a spec, as paste-ready source (the notes' other library).

``albumentations_code(options, image_shape=None)`` writes ``transform = A.Compose([...])`` with
one transform per option and the spec's probability on each (Albumentations has ``p`` on every
transform, so per-transform probabilities carry over exactly). Geometric options with the same
probability share one ``A.Affine`` (one resampling); the fill mode becomes the OpenCV border
mode, ``cval`` the fill value. Units change: IDG's zoom factor z shows the content at 1/z, so
``scale`` is the reciprocal range; IDG's shear leans by sin(s), so the angle is atan(sin(s)).
Where Albumentations differs (the shear's stretch, clipping, normalization) a comment says so. Each
transform's line comes from its record (``transforms``).
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

from augcourse.augment.options import FILL
from augcourse.augment.source import python_literal
from augcourse.language import tr

INTERPOLATIONS = {"bilinear": "cv2.INTER_LINEAR", "nearest": "cv2.INTER_NEAREST"}


def albumentations_transforms(options, image_shape=None):
    """``(transform source lines, comment lines)`` for the Albumentations equivalent of ``options``."""
    notes, lines = [], []
    border = f"border_mode=cv2.{FILL[options.fill_mode]['opencv']}"
    if options.fill_mode == "constant":
        border += f", fill={python_literal(float(options.cval))}"
    border += f", interpolation={INTERPOLATIONS[options.interpolation]}"
    if options.interpolation == "nearest":
        border += ", mask_interpolation=cv2.INTER_NEAREST"
    affine = {}                       # geometric parts with the same probability share one A.Affine
    for transform in options.active:
        for kind, source in transform.albumentations(options, image_shape, notes, border):
            if kind == "affine":
                p = options.p[transform.name]
                if p not in affine:
                    affine[p] = len(lines)
                    lines.append([])
                lines[affine[p]].append(source)
            else:
                lines.append(source)
    lines = [f"A.Affine({', '.join(line)}, {border}, p={python_literal(p)})" if isinstance(line, list) else line
             for line, p in zip(lines, _probabilities(lines, affine))]
    if options.rescale is not None or options.featurewise or options.samplewise_center \
            or options.samplewise_std_normalization:
        notes.append(tr("normalization (rescale, featurewise, samplewise) is not augmentation: apply it after "
                        "the transform in your pipeline"))
    return lines, notes


def _probabilities(lines, affine):
    """The probability of each line's shared ``A.Affine`` (None for other lines)."""
    at = {index: p for p, index in affine.items()}
    return [at.get(i) for i in range(len(lines))]


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
