"""``Augment``: ImageDataGenerator's options, validated at once, with a probability per transform.

Randomness lives in ``sample`` (its own seeded generator, never NumPy's
global one); ``apply`` is a pure function of images and parameters.

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

from augcourse._checks import check_choice, check_images, check_int, check_number, fail
from augcourse.augment import colour, normalize
from augcourse.augment.ops import NUMPY_OPS
from augcourse.augment.warp import warp_batch
from augcourse.augment.options import DEFAULT_P, FILL_MODES, INTERPOLATIONS, TRANSFORMS
from augcourse.augment.params import AugmentParams


# Column of each uniform draw: the same columns are drawn whatever the options, so
# switching one transform on or off never changes the draws of the others.
_U = {name: i for i, name in enumerate(
    ("theta", "tx", "ty", "shear", "zx", "zy", "flip_horizontal", "flip_vertical", "brightness",
     "channel_shift", "rotation?", "shift?", "zoom?", "shear?", "brightness?", "channel_shift?"))}
N_UNIFORMS = len(_U)


class Augment:
    """An augmentation spec with ImageDataGenerator's parameter names and meanings.

    Differences from ImageDataGenerator, all on purpose (see ``IDG_DEVIATIONS``):
    ``width_shift_range`` moves horizontally and ``height_shift_range``
    vertically; rotation, zoom and shear turn about the true centre of any
    image; ``wrap`` is a true circular shift and ``constant`` has no hard
    edge; brightness multiplies the float values (no uint8 round trip).

    Args:
        rotation_range: degrees, angle ~ U(-r, r).
        width_shift_range, height_shift_range: below 1 a fraction of the
            width/height, otherwise pixels; an int n gives whole-pixel shifts,
            each of -n..n equally likely. Width moves horizontally (unlike IDG).
        zoom_range: z for [1 - z, 1 + z], or (low, high); a factor below 1
            enlarges. x and y are drawn independently, as in IDG.
        shear_range: degrees, ImageDataGenerator's shear matrix.
        brightness_range: (low, high) factors >= 0, or None. Multiplies the
            float values, then clips to the image's scale: [0, 255], or [0, 1]
            when the image's max is <= 1 (no lower clip for negative data).
        channel_shift_range: offset ~ U(-r, r) in pixel units, added to all
            channels (or to each channel on its own with
            ``channel_shift_per_channel=True``), clipped to the image's range.
        horizontal_flip, vertical_flip: flip with probability 0.5 (or ``p``).
        fill_mode: "nearest", "reflect", "wrap" or "constant" (with ``cval``).
        interpolation: "bilinear" or "nearest" (use "nearest" for label masks).
        rescale, samplewise_*, featurewise_*: normalization, applied after
            the augmentation in ImageDataGenerator's order; featurewise needs ``fit``.
        p: probability per transform, e.g. ``{"rotation": 0.5}``; keys from
            ``TRANSFORMS``. Flips default to 0.5, everything else to 1.0.
    """

    def __init__(self, rotation_range=0.0, width_shift_range=0.0, height_shift_range=0.0,
                 zoom_range=0.0, shear_range=0.0, brightness_range=None, channel_shift_range=0.0,
                 horizontal_flip=False, vertical_flip=False, fill_mode="nearest", cval=0.0,
                 interpolation="bilinear", rescale=None, featurewise_center=False,
                 featurewise_std_normalization=False, samplewise_center=False,
                 samplewise_std_normalization=False, channel_shift_per_channel=False, p=None):
        self.rotation_range = check_number("rotation_range", rotation_range, low=0, high=360)
        self.width_shift_range = _check_shift("width_shift_range", width_shift_range)
        self.height_shift_range = _check_shift("height_shift_range", height_shift_range)
        self.zoom_range = _check_zoom(zoom_range)
        self.shear_range = check_number("shear_range", shear_range, low=0, high=90, high_inclusive=False)
        self.brightness_range = _check_brightness(brightness_range)
        self.channel_shift_range = check_number("channel_shift_range", channel_shift_range, low=0)
        self.horizontal_flip = _check_bool("horizontal_flip", horizontal_flip)
        self.vertical_flip = _check_bool("vertical_flip", vertical_flip)
        self.fill_mode = check_choice("fill_mode", fill_mode, FILL_MODES)
        self.cval = check_number("cval", cval)
        self.interpolation = check_choice("interpolation", interpolation, INTERPOLATIONS)
        if rescale is not None and (check_number("rescale", rescale) == 0):
            fail("rescale", rescale, "None or a non-zero number such as 1/255")
        self.rescale = rescale
        self.featurewise_center = _check_bool("featurewise_center", featurewise_center)
        self.featurewise_std_normalization = _check_bool("featurewise_std_normalization",
                                                         featurewise_std_normalization)
        self.samplewise_center = _check_bool("samplewise_center", samplewise_center)
        self.samplewise_std_normalization = _check_bool("samplewise_std_normalization",
                                                        samplewise_std_normalization)
        self.channel_shift_per_channel = _check_bool("channel_shift_per_channel", channel_shift_per_channel)
        self.p = _check_p(p)
        self.mean = self.std = None

    # -- sampling -------------------------------------------------------------------------
    def sample(self, n, image_shape, seed=None):
        """Draw parameters for ``n`` images of ``image_shape`` (H, W, C) from ``seed``.

        Returns:
            AugmentParams; print it to see every draw.
        """
        n = check_int("n", n, low=0)
        image_shape = _check_shape(image_shape)
        rng = np.random.default_rng(seed)
        uniforms, per_channel = rng.random((n, N_UNIFORMS)), rng.random((n, image_shape[2]))
        return AugmentParams(image_shape, **self.params_from_uniforms(uniforms, per_channel, image_shape,
                                                                      NUMPY_OPS))

    def params_from_uniforms(self, u, u_channels, image_shape, ops):
        """Map U(0, 1) draws, (N, N_UNIFORMS) and (N, C), to parameter arrays (NumPy or TF)."""
        def col(name):
            return u[:, _U[name]]

        def applied(name, value, neutral):
            return ops.where(col(name + "?") < self.p[name], value, neutral)

        def symmetric(name, r):
            return (2.0 * col(name) - 1.0) * r

        h, w = image_shape[:2]
        z_lo, z_hi = self.zoom_range
        zx, zy = z_lo + (z_hi - z_lo) * col("zx"), z_lo + (z_hi - z_lo) * col("zy")
        tx = _shift_pixels(col("tx"), self.width_shift_range, w, ops)
        ty = _shift_pixels(col("ty"), self.height_shift_range, h, ops)
        if self.brightness_range is None:
            bright = col("brightness") * 0.0 + 1.0
        else:
            lo, hi = self.brightness_range
            bright = lo + (hi - lo) * col("brightness")
        shift = (2.0 * u_channels - 1.0 if self.channel_shift_per_channel
                 else symmetric("channel_shift", 1.0)) * self.channel_shift_range
        shift_applied = col("channel_shift?") < self.p["channel_shift"]
        if self.channel_shift_per_channel:
            shift_applied = shift_applied[:, None]
        return {
            "theta": applied("rotation", symmetric("theta", self.rotation_range), 0.0),
            "tx": applied("shift", tx, 0.0),
            "ty": applied("shift", ty, 0.0),
            "shear": applied("shear", symmetric("shear", self.shear_range), 0.0),
            "zx": applied("zoom", zx, 1.0),
            "zy": applied("zoom", zy, 1.0),
            "flip_horizontal": (col("flip_horizontal") < self.p["horizontal_flip"]) & self.horizontal_flip,
            "flip_vertical": (col("flip_vertical") < self.p["vertical_flip"]) & self.vertical_flip,
            "brightness": applied("brightness", bright, 1.0),
            "channel_shift": ops.where(shift_applied, shift, 0.0),
        }

    # -- applying -------------------------------------------------------------------------
    def apply(self, images, params):
        """Augment ``images`` (N, H, W, C) with ``params``; returns float32 (N, H, W, C).

        Pure: the same images and params always give the same pixels.
        """
        images = check_images("images", images, ranks=(4,), channels=(1, 3))
        if not isinstance(params, AugmentParams):
            fail("params", type(params).__name__, "an AugmentParams from Augment.sample()", TypeError)
        if len(params) != len(images) or tuple(params.image_shape) != images.shape[1:]:
            fail("params", f"{len(params)} draws for shape {params.image_shape}",
                 f"{len(images)} draws for shape {images.shape[1:]} (sample with the images' shape)")
        x = warp_batch(images, params.matrices, self.fill_mode, self.cval, self.interpolation)
        return self.colour_and_normalize(x, params, NUMPY_OPS).astype(np.float32, copy=False)

    def colour_and_normalize(self, x, params, ops):
        """Channel shift, brightness, then normalization, on a geometrically transformed float32 batch.

        With NumPy ops ``x`` is overwritten (``apply`` passes the fresh warp output).
        """
        shift = params.channel_shift if self.channel_shift_range else None
        factor = params.brightness if self.brightness_range is not None else None
        if shift is not None or factor is not None:
            x = colour.shift_and_brightness(x, shift, factor, ops)
        return self.standardize(x, ops)

    def standardize(self, x, ops=NUMPY_OPS):
        """Normalization only (no augmentation): what validation and test data get."""
        if (self.featurewise_center or self.featurewise_std_normalization) and self.mean is None:
            raise RuntimeError("This Augment uses featurewise_center/featurewise_std_normalization: "
                               "call aug.fit(x_train) first.")
        return normalize.standardize(
            x, ops, rescale=self.rescale, samplewise_center=self.samplewise_center,
            samplewise_std_normalization=self.samplewise_std_normalization,
            mean=self.mean if self.featurewise_center else None,
            std=self.std if self.featurewise_std_normalization else None)

    def augment(self, images, seed=None):
        """Sample parameters for ``images`` and apply them: ``apply(images, sample(...))``."""
        images = check_images("images", images, ranks=(4,), channels=(1, 3))
        return self.apply(images, self.sample(len(images), images.shape[1:], seed=seed))

    __call__ = augment

    def fit(self, x):
        """Compute the per-channel mean and std that the featurewise options use (after rescale)."""
        x = check_images("x", x, ranks=(4,), channels=(1, 3))
        self.mean, self.std = normalize.featurewise_statistics(x, self.rescale)
        return self

    # -- the three doors ------------------------------------------------------------------
    def flow(self, x, y=None, batch_size=32, shuffle=True, seed=0, *, sample_weight=None):
        """A Keras PyDataset of augmented batches: a drop-in for ``ImageDataGenerator.flow``.

        ``it[i]`` and ``next(it)`` give ``xb``, ``(xb, yb)`` or ``(xb, yb, weights)``;
        ``len(it)`` is ceil(N / batch_size). ``seed=None`` draws a fresh seed.
        """
        from augcourse.augment.pipelines import AugmentedBatches

        return AugmentedBatches(self, x, y, batch_size=batch_size, shuffle=shuffle, seed=seed,
                                sample_weight=sample_weight)

    def to_dataset(self, x, y=None, batch_size=32, shuffle=True, seed=0):
        """A ``tf.data`` pipeline: shuffle, batch, parallel augment, prefetch."""
        from augcourse.augment.pipelines import augmented_dataset

        return augmented_dataset(self, x, y, batch_size=batch_size, shuffle=shuffle, seed=seed)

    def to_layer(self, seed=0):
        """A Keras layer that augments with TF ops when ``training=True`` (in-model, GPU)."""
        from augcourse.augment.tf_backend import AugmentLayer

        return AugmentLayer(self, seed=seed)

    # -- code -----------------------------------------------------------------------------
    def settings(self):
        """The constructor arguments that differ from the defaults."""
        defaults = Augment()
        names = [n for n in vars(defaults) if n not in ("mean", "std")]
        return {n: getattr(self, n) for n in names if getattr(self, n) != getattr(defaults, n)}

    def to_code(self):
        """``Augment(...)`` source for this spec, ready to paste."""
        args = dict(self.settings())
        if "p" in args:
            args["p"] = {k: v for k, v in self.p.items() if v != _default_p()[k]}
        return "Augment(" + ", ".join(f"{k}={python_literal(v)}" for k, v in args.items()) + ")"

    def to_idg_kwargs(self):
        """The closest ``ImageDataGenerator`` keyword arguments (see ``idg.to_idg_kwargs`` for the notes)."""
        from augcourse.augment.idg import to_idg_kwargs

        return to_idg_kwargs(self)[0]

    def to_idg_code(self):
        """The closest ``ImageDataGenerator(...)`` source, with comments where IDG differs."""
        from augcourse.augment.idg import idg_code

        return idg_code(self)

    def __repr__(self):
        return self.to_code()


def _default_p():
    return dict(DEFAULT_P)


def python_literal(value):
    """Short Python source for a setting: 0.1 not 0.1000000001, tuples, lists and dicts inside."""
    if isinstance(value, float):
        short = f"{value:g}"
        if float(short) == value:
            return short
        inverse = round(1 / value) if value else 0
        return f"1 / {inverse}" if inverse and 1 / inverse == value else repr(value)
    if isinstance(value, (tuple, list)):
        inner = ", ".join(python_literal(v) for v in value)
        return f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {python_literal(v)}" for k, v in value.items()) + "}"
    return repr(value)


def _check_bool(name, value):
    if not isinstance(value, (bool, np.bool_)):
        fail(name, value, "True or False", TypeError)
    return bool(value)


def _check_shift(name, value):
    number = check_number(name, value, low=0)
    return int(value) if isinstance(value, numbers.Integral) and number >= 1 else number


def _shift_pixels(u, value, size, ops):
    """A U(0, 1) draw as a shift in pixels.

    An int n gives whole pixels, each of -n..n equally likely; a float below 1
    a fraction of ``size``; a float from 1 up, pixels (continuous).
    """
    if isinstance(value, int):
        return ops.floor(u * (2 * value + 1)) - value
    return (2.0 * u - 1.0) * (value * size if value < 1 else value)


def _check_zoom(value):
    allowed = ("a number z in [0, 1) meaning [1 - z, 1 + z], "
               "or a (low, high) pair with 0 < low <= high")
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        if not 0 <= value < 1:
            fail("zoom_range", value, allowed)
        return (1.0 - float(value), 1.0 + float(value))
    ok = (isinstance(value, (tuple, list)) and len(value) == 2
          and all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in value)
          and 0 < value[0] <= value[1])
    if not ok:
        fail("zoom_range", value, allowed)
    return (float(value[0]), float(value[1]))


def _check_brightness(value):
    if value is None:
        return None
    ok = (isinstance(value, (tuple, list)) and len(value) == 2
          and all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in value)
          and 0 <= value[0] <= value[1])
    if not ok:
        fail("brightness_range", value, "None or a (low, high) pair of factors with 0 <= low <= high, "
             "such as (0.7, 1.3)")
    return (float(value[0]), float(value[1]))


def _check_p(p):
    probabilities = _default_p()
    if p is None:
        return probabilities
    if not isinstance(p, dict):
        fail("p", p, "None or a dict such as {'rotation': 0.5}", TypeError)
    for name, value in p.items():
        check_choice("p key", name, TRANSFORMS)
        probabilities[name] = check_number(f"p[{name!r}]", value, low=0, high=1)
    return probabilities


def _check_shape(shape):
    ok = (isinstance(shape, (tuple, list)) and len(shape) == 3
          and all(isinstance(s, numbers.Integral) and s > 0 for s in shape) and shape[2] in (1, 3))
    if not ok:
        fail("image_shape", shape, "(height, width, channels) with 1 or 3 channels")
    return tuple(int(s) for s in shape)
