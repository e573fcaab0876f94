"""``Augment``: ImageDataGenerator's options with a probability per transform, sampled then applied.

Randomness lives in ``sample`` (its own seeded generator, never NumPy's
global one); ``apply`` is a pure function of images and parameters. The
options are checked at construction (``options.AugmentOptions``); the doors to
``model.fit`` (``flow``, ``to_dataset``, ``to_layer``) import TensorFlow only
when called.

Example:
    >>> import numpy as np
    >>> aug = Augment(rotation_range=20, horizontal_flip=True, p={"rotation": 0.5})
    >>> images = np.zeros((4, 32, 32, 3), np.uint8)
    >>> params = aug.sample(4, images.shape[1:], seed=0)
    >>> aug.apply(images, params).dtype
    dtype('float32')
"""

import numbers

import numpy as np

from augcourse._checks import check_images, check_int, check_seed, fail
from augcourse.augment import codegen, geometry, normalize, pixels, sampling
from augcourse.augment.inputs import CHANNELS, check_batch, check_fitted_channels
from augcourse.augment.ops import NUMPY_OPS
from augcourse.augment.options import AugmentOptions
from augcourse.augment.params import AugmentParams
from augcourse.augment.transforms import RECORDS
from augcourse.augment.warp import warp_batch
from augcourse.language import tr


class Augment(AugmentOptions):
    """An augmentation spec with ImageDataGenerator's parameter names and meanings.

    Differences from ImageDataGenerator, all on purpose (see ``IDG_DEVIATIONS``):
    ``width_shift_range`` moves horizontally and ``height_shift_range``
    vertically; rotation, zoom and shear turn about the true centre of any
    image; ``wrap`` is a true circular shift and ``constant`` has no hard
    edge; brightness multiplies the float values (no uint8 round trip).

    Images are (N, H, W, C) arrays with 1, 3 or 4 channels (gray, RGB, RGBA: every transform treats
    the channels alike, so brightness scales an alpha channel too), at least 1x1 pixels, of any
    real dtype; float images must be finite (NaN or inf pixels are refused, naming how
    many) and within +-1e6; after ``fit`` they must have the channel count it saw. Every
    door (``augment``/``apply``, ``flow``, ``to_dataset``, ``to_layer``) refuses the same input with
    the same message (``augment.inputs``), and an empty batch (N = 0) gives an empty result.
    Factors (zoom, brightness) stop at 100, shifts at 10**6
    pixels, ``cval`` and ``rescale`` at +-1e6: beyond them a float32 result would
    overflow, and no picture needs them.

    Args: every transform's options (listed under "Transforms" below), and
        fill_mode: "nearest", "reflect", "wrap" or "constant" (with ``cval``).
        cval: the fill value for "constant", in the images' own units, not clipped;
            for integer images it must fit their dtype (0..255 for uint8), else
            ``apply`` refuses it.
        interpolation: "bilinear" or "nearest" (use "nearest" for label masks).
        rescale, samplewise_*, featurewise_*: normalization, applied after
            the augmentation in ImageDataGenerator's order; featurewise needs ``fit``.
        p: probability per transform, e.g. ``{"rotation": 0.5}``; keys from
            ``TRANSFORMS``. Flips and erasing default to 0.5, everything else to 1.0.
    """

    # -- sampling -------------------------------------------------------------------------
    def sample(self, n, image_shape, seed=None):
        """Draw parameters for ``n`` images of ``image_shape`` (H, W, C) from ``seed``.

        ``seed``: None (fresh draws), an integer from 0 to 2**63 - 1, or a list of them.

        Returns:
            AugmentParams; print it to see every draw.
        """
        n = check_int("n", n, low=0)
        image_shape = _check_shape(image_shape)
        seed = check_seed("seed", seed)
        active = self.active
        return AugmentParams(image_shape, active=[t.name for t in active],
                             **sampling.sample_fields(self, n, image_shape, seed, active))

    # -- applying -------------------------------------------------------------------------
    def apply(self, images, params):
        """Augment ``images`` (N, H, W, C) with ``params``; returns float32 (N, H, W, C).

        Pure: the same images and params always give the same pixels.
        """
        return self._apply(check_batch(self, "images", images), params)

    def _apply(self, images, params):
        """``apply`` on images already checked."""
        if not isinstance(params, AugmentParams):
            fail("params", type(params).__name__, tr("an AugmentParams from Augment.sample()"), TypeError)
        if len(params) != len(images) or tuple(params.image_shape) != images.shape[1:]:
            fail("params", tr("{count} draws for shape {shape}", count=len(params), shape=params.image_shape),
                 tr("{count} draws for shape {shape} (sample with the images' shape)", count=len(images),
                    shape=images.shape[1:]))
        self._check_cval(images)
        if geometry.geometric(params.active):
            x = warp_batch(images, params.matrices, self.fill_mode, self.cval, self.interpolation)   # a new array
        else:
            x = images.astype(np.float32)                                                          # a new array
        return pixels.colour_and_normalize(self, x, params, NUMPY_OPS, overwrite=True).astype("float32", copy=False)

    def _check_cval(self, images):
        """A ``cval`` the images' integer dtype cannot hold is refused (float images take any value)."""
        if self.fill_mode == "constant" and images.dtype.kind in "ui":
            info = np.iinfo(images.dtype)
            if not info.min <= self.cval <= info.max:
                fail("cval", self.cval, tr("within {dtype}'s range {low}..{high} for {dtype} images (or pass "
                                           "float images to fill with any value)", dtype=images.dtype,
                                           low=info.min, high=info.max))

    def standardize(self, x):
        """Normalization only (no augmentation): what validation and test data get. NumPy (N, H, W, C).

        After ``fit``, ``x`` must have the channel count fit saw (as in every door).
        """
        if np.ndim(x):
            check_fitted_channels(self, "x", np.shape(x))
        return normalize.standardize(self, x, NUMPY_OPS)

    def augment(self, images, seed=None):
        """Sample parameters for ``images`` and apply them: ``apply(images, sample(...))``."""
        images = check_batch(self, "images", images)
        return self._apply(images, self.sample(len(images), images.shape[1:], seed=seed))

    __call__ = augment

    def fit(self, x):
        """Compute the per-channel mean and std that the featurewise options use (after rescale)."""
        x = check_images("x", x, ranks=(4,), channels=CHANNELS)
        if len(x) == 0:
            fail("x", tr("an empty batch (shape {shape})", shape=x.shape),
                 tr("at least one image to compute statistics from"))
        self.mean, self.std = normalize.featurewise_statistics(x, self.rescale)
        return self

    # -- the three doors (TensorFlow, imported when called) -------------------------------
    def flow(self, x, y=None, batch_size=32, shuffle=True, seed=0, *, sample_weight=None, validation_split=0.0,
             subset=None, ignore_class_split=False, save_to_dir=None, save_prefix="", save_format="png"):
        """A Keras PyDataset of augmented batches: a drop-in for ``ImageDataGenerator.flow``.

        ``it[i]`` and ``next(it)`` give ``xb``, ``(xb, yb)`` or ``(xb, yb, weights)``, with
        ``xb`` a list ``[images, *extra]`` when ``x`` is ``(images, extra)``;
        ``len(it)`` is ceil(N / batch_size). ``seed=None`` draws a fresh seed.

        Where it differs from IDG, on purpose: ``validation_split`` is given here (IDG takes it
        in the generator's constructor) and a split that leaves no validation image is refused;
        ``seed=0`` by default (IDG: None); saved files are named ``{prefix}_{index}_{epoch}``
        (IDG draws a random number from NumPy's global generator for the last part); there is
        no ``dtype`` (the batches are float32, IDG's default).
        """
        from augcourse.augment.pipelines import AugmentedBatches

        return AugmentedBatches(self, x, y, batch_size=batch_size, shuffle=shuffle, seed=seed,
                                sample_weight=sample_weight, validation_split=validation_split, subset=subset,
                                ignore_class_split=ignore_class_split, save_to_dir=save_to_dir,
                                save_prefix=save_prefix, save_format=save_format)

    def flow_from_directory(self, directory, target_size=(256, 256), color_mode="rgb", classes=None,
                            class_mode="categorical", batch_size=32, shuffle=True, seed=0, save_to_dir=None,
                            save_prefix="", save_format="png", follow_links=False, subset=None,
                            interpolation="nearest", keep_aspect_ratio=False, *, validation_split=0.0,
                            data_format=None, dtype=None):
        """``flow`` over a folder with one subfolder per class: ``ImageDataGenerator.flow_from_directory``'s
        arguments, defaults and iterator attributes (``filenames``, ``filepaths``, ``classes``,
        ``labels``, ``samples``, ``class_indices``, ``num_classes``), files read batch by batch.

        It differs on purpose where IDG is silent or global (see ``augment.directory``): every file is
        decoded once before the first batch, so a stray or damaged file is named at once; ``validation_split``
        is given here; ``seed=0`` by default; EXIF orientation and transparency are applied as a viewer
        shows them. ``color_mode="rgba"`` gives 4 channels, which every transform treats alike.
        """
        from augcourse.augment.directory import DirectoryBatches

        return DirectoryBatches(self, directory, target_size=target_size, color_mode=color_mode, classes=classes,
                                class_mode=class_mode, batch_size=batch_size, shuffle=shuffle, seed=seed,
                                save_to_dir=save_to_dir, save_prefix=save_prefix, save_format=save_format,
                                follow_links=follow_links, subset=subset, interpolation=interpolation,
                                keep_aspect_ratio=keep_aspect_ratio, validation_split=validation_split,
                                data_format=data_format, dtype=dtype)

    def to_dataset(self, x, y=None, batch_size=32, shuffle=True, seed=0):
        """A ``tf.data`` pipeline: shuffle, batch, parallel augment, prefetch."""
        from augcourse.augment.pipelines import augmented_dataset

        return augmented_dataset(self, x, y, batch_size=batch_size, shuffle=shuffle, seed=seed)

    def to_layer(self, seed=0):
        """A Keras layer that augments with ``keras.ops`` when ``training=True`` (in-model, GPU, any backend)."""
        from augcourse.augment.layer import AugmentLayer

        return AugmentLayer(self, seed=seed)

    # -- code -----------------------------------------------------------------------------
    def to_code(self):
        """``Augment(...)`` source for this spec, ready to paste."""
        return codegen.augment_code(self)

    def to_idg_kwargs(self, image_shape=None):
        """The closest ``ImageDataGenerator`` keyword arguments (``codegen.to_idg_kwargs`` adds notes).

        Pass ``image_shape`` (H, W, C) on non-square images: IDG scales shift fractions by the other side.
        """
        return codegen.to_idg_kwargs(self, image_shape)[0]

    def to_idg_code(self, image_shape=None):
        """The closest ``ImageDataGenerator(...)`` source, with comments where IDG differs."""
        return codegen.idg_code(self, image_shape)

    def to_keras_code(self, image_shape=None):
        """The closest Keras 3 layer stack, ``augment = keras.Sequential([...])``, with comments where
        Keras 3 has no equivalent (see ``augcourse.augment.keras_code``)."""
        from augcourse.augment.keras_code import keras_code

        return keras_code(self, image_shape)

    def to_albumentations_code(self, image_shape=None):
        """The closest Albumentations ``transform = A.Compose([...])``, with this spec's probabilities and
        comments where Albumentations differs (see ``augcourse.augment.albumentations_code``)."""
        from augcourse.augment.albumentations_code import albumentations_code

        return albumentations_code(self, image_shape)

    def __repr__(self):
        return self.to_code()


def _transforms_doc():
    """The "Transforms" section of ``Augment``'s docstring, from the records."""
    lines = ["", "    Transforms (one record each, in ``augcourse.augment.transforms``; p key, then options):"]
    for t in RECORDS:
        lines.append(f"        {t.name} (p={t.default_p:g}):")
        lines += [f"            {option.name}={option.default!r}: {option.doc}" for option in t.options]
    return "\n".join(lines) + "\n"


Augment.__doc__ += _transforms_doc()


def _check_shape(shape):
    ok = (isinstance(shape, (tuple, list)) and len(shape) == 3
          and all(isinstance(s, numbers.Integral) and s > 0 for s in shape) and shape[2] in CHANNELS)
    if not ok:
        fail("image_shape", shape, tr("(height, width, channels) with 1, 3 or 4 channels"))
    return tuple(int(s) for s in shape)
