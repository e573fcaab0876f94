"""The images a control set shows: the sample photo, CIFAR subset images, or the learner's own.

``ImageChoice`` is the image choice of the lessons and the playground (two widgets,
``image`` and ``cifar_index``, and the image they select); ``CifarControls`` is the base of
the lessons that always show CIFAR training images (normalization, ZCA). The data are loaded
once, on first use.

Shapes: images are (H, W, C) uint8; the CIFAR subset is (4660, 32, 32, 3).

Example:
    >>> choice = ImageChoice(12)
    >>> list(choice.widgets), choice.widgets["image"].value, choice.widgets["cifar_index"].value
    (['image', 'cifar_index'], 'cifar', 12)
    >>> image, label = choice.source({"image": "cifar", "cifar_index": 12})
    >>> image.shape, label
    ((32, 32, 3), 'CIFAR #12 (horse)')
    >>> preview_photo().shape
    (256, 256, 3)
"""

import functools
from pathlib import Path

import numpy as np

from augcourse._checks import check_images, fail
from augcourse.images import load_image, shrink_to, tones_to_uint8
from augcourse.language import N_, tr
from augcourse.widgets.controls import Controls, dropdown, int_box

PREVIEW_SIZE = 256          # the sample photo is shown (and augmented) at 256 x 256
CIFAR_SUBSET = 4660         # training images in the bundled subset
IMAGE_CHOICES = {N_("sample photo"): "photo", N_("CIFAR image"): "cifar"}   # label (English) -> value


@functools.cache
def cifar_train():
    """The bundled CIFAR-10 subset's training images (N, 32, 32, 3) uint8, labels (N,) and class names."""
    from augcourse.datasets import load_cifar10

    (x, y), _, names = load_cifar10("subset")
    return x, y[:, 0], names


@functools.cache
def preview_photo():
    """The sample photo, square, at PREVIEW_SIZE: (256, 256, 3) uint8."""
    from augcourse.images import sample_image

    return sample_image(size=(PREVIEW_SIZE, PREVIEW_SIZE), square=True)


@functools.cache
def _cifar_statistics(rescale):
    from augcourse.augment import Augment

    fitted = Augment(rescale=rescale).fit(cifar_train()[0])
    return fitted.mean, fitted.std


def fitted_augment(spec):
    """``Augment(**spec)``, with featurewise statistics fitted on the CIFAR subset when an option needs them.

    The widgets have no training set of their own: the subset stands in for ``fit(x_train)``.

    Example:
        >>> fitted_augment({"featurewise_center": True}).mean.shape
        (3,)
    """
    from augcourse.augment import Augment

    aug = Augment(**spec)
    if spec.get("featurewise_center") or spec.get("featurewise_std_normalization"):
        aug.mean, aug.std = _cifar_statistics(spec.get("rescale"))
    return aug


class ImageChoice:
    """Which image to augment: the sample photo, a CIFAR subset image, the learner's array or an upload.

    Args:
        image: None or "photo" (the sample photo), "cifar", a CIFAR subset index, or the
            learner's own (H, W, C) or (H, W) array or image file path (offered as "your image"; shown
            and augmented with its longest side at most ``PREVIEW_SIZE``, reduced once here). An
            array's tones become uint8 as ``load_image`` reads files (``augcourse.images.tones_to_uint8``:
            uint16 and [0, 1] floats scaled, bool as black and white, NaN refused).
        upload: also offer "uploaded file" (the image given to ``set_upload``).

    ``widgets`` holds the ``image`` dropdown and the ``cifar_index`` box (shown only while a
    CIFAR image is chosen).
    """

    def __init__(self, image=None, *, upload=False):
        options = {tr(label): value for label, value in IMAGE_CHOICES.items()}
        choice, index, self.user_image = "photo", 0, None
        if image is None or (isinstance(image, str) and image == "photo"):
            pass
        elif isinstance(image, str) and image == "cifar":
            choice = "cifar"
        elif isinstance(image, (int, np.integer)) and not isinstance(image, bool):
            choice, index = "cifar", int(image)
            if not 0 <= index < CIFAR_SUBSET:
                fail("image", image, tr("a CIFAR subset index from 0 to {high}", high=CIFAR_SUBSET - 1))
        elif isinstance(image, np.ndarray):
            image = tones_to_uint8(image, name="image")    # load_image's rules for 16-bit and float tones
            if image.ndim == 2:
                image = image[:, :, None]                    # a 2-D array is a grayscale image
            self.user_image = shrink_to(check_images("image", image, ranks=(3,), channels=(1, 3)), PREVIEW_SIZE)
            options[tr("your image")] = "user"
            choice = "user"
        elif isinstance(image, (str, Path)):
            self.user_image = load_image(image, max_side=PREVIEW_SIZE)
            options[tr("your image")] = "user"
            choice = "user"
        else:
            fail("image", image, tr("None, 'photo', 'cifar', a CIFAR index (int), an (H, W, C) or (H, W) array or "
                                    "the path of an image file"))
        if upload:
            options[tr("uploaded file")] = "upload"
        self.uploaded, self.upload_version = None, 0
        self.widgets = {"image": dropdown("image", options, choice),
                        "cifar_index": int_box(tr("CIFAR index"), index, 0, CIFAR_SUBSET - 1)}
        self._sync_index_visibility()
        self.widgets["image"].observe(lambda change: self._sync_index_visibility(), names="value")

    def _sync_index_visibility(self):
        show = self.widgets["image"].value == "cifar"
        self.widgets["cifar_index"].layout.display = None if show else "none"

    def set_upload(self, image):
        """Make the (H, W, C) uint8 ``image`` the "uploaded file" choice (a new version: the key changes)."""
        self.uploaded = image
        self.upload_version += 1

    def relevant(self, values):
        """``values`` with what the chosen image depends on only: the index only for CIFAR, an upload's version."""
        values = dict(values)
        if values.get("image") != "cifar":
            values.pop("cifar_index", None)
        if values.get("image") == "upload":
            values["upload_version"] = self.upload_version
        return values

    def source(self, values):
        """The chosen image as uint8 (H, W, C), and a short name for it."""
        if values["image"] == "cifar":
            x, y, names = cifar_train()
            i = values["cifar_index"]
            return x[i], f"CIFAR #{i} ({names[y[i]]})"
        if values["image"] == "user":
            return self.user_image, tr("your image")
        if values["image"] == "upload":
            if self.uploaded is None:
                raise ValueError(tr("no image uploaded yet: use the 'upload an image' button on the image tab"))
            return self.uploaded, tr("uploaded image")
        return preview_photo(), tr("sample photo")


class CifarControls(Controls):
    """Controls for lessons that always show CIFAR training images (no image choice)."""

    def __init__(self, image=None, **kwargs):
        if image is not None:
            fail("image", image, tr("None (this lesson always shows CIFAR training images)"))
        super().__init__(**kwargs)

    @staticmethod
    def pick(seed, n, population):
        """``n`` distinct indices below ``population``, sorted, drawn from ``seed``.

        Example:
            >>> CifarControls.pick(0, 3, 10).tolist()
            [5, 6, 9]
        """
        rng = np.random.default_rng(seed)
        return np.sort(rng.choice(population, size=n, replace=False))
