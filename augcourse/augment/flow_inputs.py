"""What ``Augment.flow`` takes beyond one image array, as ``ImageDataGenerator.flow`` does.

- ``FlowInputs.from_arguments``: ``x`` as images or ``(images, extra)`` with extra an array or a
  list of arrays (passed through unaugmented, as IDG does: ``[xb, *extra]``), the images checked
  as every door checks them (``inputs.check_batch``: values, shape, fit's channels), ``y`` and
  ``sample_weight``, every length checked against the images'; and a validation split as IDG
  cuts it (``subset="validation"`` is the first ``int(N * validation_split)`` images, training
  the rest; both parts must hold the same classes unless ``ignore_class_split``).
- ``save_batch``: the augmented images written as files, each stretched to 0..255 from its own
  min and max as IDG saves them (``array_to_img(..., scale=True)``).

Example:
    >>> import numpy as np
    >>> x, y = np.zeros((10, 4, 4, 3), np.uint8), np.arange(10) % 2
    >>> part = FlowInputs.from_arguments(x, y, validation_split=0.2, subset="validation")
    >>> len(part.images), part.y.tolist(), part.extras
    (2, [0, 1], [])
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from augcourse._checks import check_choice, check_number, fail
from augcourse.augment.inputs import check_batch
from augcourse.language import tr

SUBSETS = (None, "training", "validation")
SAVE_FORMATS = ("png", "jpeg", "jpg", "bmp", "tiff")


@dataclass
class FlowInputs:
    """The checked arrays of one ``flow`` call: images (N, H, W, C), extra inputs, labels, weights."""

    images: np.ndarray
    extras: list
    y: np.ndarray | None
    sample_weight: np.ndarray | None

    @classmethod
    def from_arguments(cls, x, y=None, sample_weight=None, validation_split=0.0, subset=None,
                       ignore_class_split=False, aug=None):
        """Check and split the arguments; ``aug`` (the ``Augment``) fixes the channel count once fitted."""
        extras = []
        if isinstance(x, (tuple, list)):
            if len(x) != 2:
                fail("x", tr("a {kind} of {count} items", kind=type(x).__name__, count=len(x)),
                     tr("an image array, or (images, extra) where extra is an array or a list of arrays"))
            x, extra = x
            extras = [np.asarray(e) for e in (extra if isinstance(extra, list) else [extra])]
        images = check_batch(aug, "x", x)
        for k, extra in enumerate(extras):
            if extra.ndim == 0 or len(extra) != len(images):
                fail(tr("x[1] (extra input {k})", k=k),
                     tr("{count} rows", count=extra.shape[0]) if extra.ndim else tr("no rows"),
                     tr("one row per image ({count})", count=len(images)))
        if y is not None and len(y) != len(images):
            fail("y", tr("{count} labels", count=len(y)), tr("one label per image ({count})", count=len(images)))
        if sample_weight is not None and (y is None or len(sample_weight) != len(images)):
            fail("sample_weight", tr("{count} weights", count=len(sample_weight)),
                 tr("one weight per image ({count}), with y", count=len(images)))
        inputs = cls(images, extras, None if y is None else np.asarray(y),
                     None if sample_weight is None else np.asarray(sample_weight))
        return inputs._split(validation_split, subset, ignore_class_split)

    def _split(self, validation_split, subset, ignore_class_split):
        validation_split = check_number("validation_split", validation_split, low=0, high=1, high_inclusive=False)
        check_choice("subset", subset, SUBSETS)
        if subset is None:
            return self
        cut = int(len(self.images) * validation_split)
        if cut == 0:
            fail("validation_split", validation_split, tr("a share that leaves at least one of the "
                 "{count} images for validation when subset={subset!r}", count=len(self.images), subset=subset))
        if self.y is not None and not ignore_class_split and \
                not np.array_equal(np.unique(self.y[:cut]), np.unique(self.y[cut:])):
            fail("subset", subset, tr("a split whose two parts hold the same classes (the first "
                 "{cut} images are the validation part: shuffle data sorted by label first, or pass "
                 "ignore_class_split=True)", cut=cut))
        part = slice(0, cut) if subset == "validation" else slice(cut, None)
        return FlowInputs(self.images[part], [e[part] for e in self.extras],
                          None if self.y is None else self.y[part],
                          None if self.sample_weight is None else self.sample_weight[part])


def check_saving(save_to_dir, save_prefix, save_format, channels=3):
    """The checked saving options for images of ``channels`` channels: (folder or None, prefix, format).

    JPEG holds no alpha channel, so 4-channel (RGBA) images are saved as png, bmp or tiff.
    """
    if save_to_dir is None:
        return None, save_prefix, save_format
    if not isinstance(save_prefix, str):
        fail("save_prefix", save_prefix, tr("a string"), TypeError)
    check_choice("save_format", save_format, SAVE_FORMATS)
    if channels == 4 and save_format in ("jpeg", "jpg"):
        fail("save_format", save_format,
             tr("'png', 'bmp' or 'tiff' for 4-channel (RGBA) images (JPEG holds no alpha)"))
    folder = Path(save_to_dir)
    if not folder.is_dir():
        fail("save_to_dir", str(save_to_dir), tr("an existing folder"))
    return folder, save_prefix, save_format


def save_batch(images, indices, folder, prefix, save_format, epoch):
    """Write each float image as ``{prefix}_{index}_{epoch}.{format}`` (IDG puts a random number where
    the epoch is), stretched from its own min and max to 0..255."""
    from PIL import Image

    for image, index in zip(images, indices):
        low, high = float(image.min()), float(image.max())
        scaled = (image - low) / (high - low) * 255 if high > low else np.zeros_like(image)
        picture = scaled.round().astype(np.uint8)
        Image.fromarray(picture[..., 0] if picture.shape[-1] == 1 else picture).save(
            folder / f"{prefix}_{int(index)}_{epoch}.{save_format}")
