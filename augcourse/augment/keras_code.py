"""The Keras 3 layer stack closest to a spec, as paste-ready source (what a learner uses next).

``keras_code(options, image_shape=None)`` writes a ``keras.Sequential`` of preprocessing layers
that draws from the same ranges as the spec, with the spec's fill mode, fill value and
interpolation; where Keras 3 has no equivalent (multiplying brightness, a per-transform
probability, a shear that also stretches) a comment in the code says so. Shifts given in pixels
need ``image_shape`` (H, W[, C]) to become the fractions Keras takes.

Example:
    >>> from augcourse.augment.options import AugmentOptions
    >>> print(keras_code(AugmentOptions(rotation_range=36, width_shift_range=0.1, horizontal_flip=True)))
    augment = keras.Sequential([
        keras.layers.RandomFlip("horizontal"),
        keras.layers.RandomRotation(factor=0.1, fill_mode="nearest", interpolation="bilinear"),
        keras.layers.RandomTranslation(height_factor=0, width_factor=0.1, fill_mode="nearest", interpolation="bilinear"),
    ])
"""

import math

from augcourse.augment.codegen import python_literal, shift_fraction
from augcourse.augment.options import DEFAULT_P


def keras_layers(options, image_shape=None):
    """``(layer source lines, comment lines)`` for the Keras 3 equivalent of ``options``."""
    geometry = f'fill_mode="{options.fill_mode}", interpolation="{options.interpolation}"'
    if options.fill_mode == "constant":
        geometry += f", fill_value={python_literal(float(options.cval))}"
    layers, notes = [], []
    if options.horizontal_flip:
        layers.append('keras.layers.RandomFlip("horizontal")')
    if options.vertical_flip:
        layers.append('keras.layers.RandomFlip("vertical")')
    if options.rotation_range:
        layers.append(f"keras.layers.RandomRotation(factor={python_literal(options.rotation_range / 360)}, "
                      f"{geometry})")
    if options.width_shift_range or options.height_shift_range:
        height, width = (_fraction(options.height_shift_range, image_shape, 0, notes),
                         _fraction(options.width_shift_range, image_shape, 1, notes))
        layers.append(f"keras.layers.RandomTranslation(height_factor={height}, width_factor={width}, {geometry})")
    low, high = options.zoom_range
    if (low, high) != (1.0, 1.0):
        factor = python_literal((round(low - 1, 6), round(high - 1, 6)))
        layers.append(f"keras.layers.RandomZoom(height_factor={factor}, width_factor={factor}, {geometry})")
    if options.shear_range:
        slope = round(math.sin(math.radians(options.shear_range)), 4)
        layers.append(f"keras.layers.RandomShear(x_factor={python_literal(slope)}, y_factor=0, {geometry})")
        notes.append("RandomShear leans by the same slope, sin(shear), but pivots at the top-left and does not "
                     "stretch the height by 1/cos(shear) as ImageDataGenerator does")
    if options.brightness_range is not None:
        notes.append(f"brightness_range={python_literal(tuple(options.brightness_range))} multiplies; Keras 3 has "
                     "no multiplying layer (RandomBrightness adds a fraction of value_range)")
    if options.channel_shift_range:
        layers.append(f"keras.layers.RandomBrightness(factor={python_literal(round(options.channel_shift_range / 255, 6))}"
                      ", value_range=(0, 255))")
        notes.append("RandomBrightness clips to value_range, not to each image's own min and max"
                     + ("; it has no per-channel shift" if options.channel_shift_per_channel else ""))
    if options.rescale is not None:
        layers.append(f"keras.layers.Rescaling({python_literal(options.rescale)})")
    if options.featurewise_center or options.featurewise_std_normalization:
        layers.append("keras.layers.Normalization(axis=-1)")
        notes.append("call augment.layers[-1].adapt(x_train) first (the featurewise statistics)")
    if options.samplewise_center or options.samplewise_std_normalization:
        notes.append("no samplewise layer: use a keras.layers.Lambda on each image")
    changed = {k: v for k, v in options.p.items() if v != 1.0 and not (k.endswith("_flip") and v == DEFAULT_P[k])}
    if changed:
        notes.append(f"Keras 3 layers have no per-transform probability: each layer always applies (p={changed} "
                     "is not reproduced)")
    return layers, notes


def keras_code(options, image_shape=None):
    """``augment = keras.Sequential([...])`` source, with a comment for each part Keras 3 lacks."""
    layers, notes = keras_layers(options, image_shape)
    lines = ["augment = keras.Sequential(["] + [f"    {layer}," for layer in layers] + ["])"]
    return "\n".join(lines + [f"# {note}" for note in notes])


def keras_stack(options, image_shape=None):
    """The layers ``keras_code`` prints, built: a ``keras.Sequential`` of exactly that source.

    Building from the printed source keeps what the study times and what the playground shows
    the same code. Seed with ``keras.utils.set_random_seed`` first for repeatable draws.
    """
    from augcourse._tf import keras

    layers, _ = keras_layers(options, image_shape)
    return keras.Sequential([eval(source, {"keras": keras}) for source in layers])   # noqa: S307 - our own code


def _fraction(value, image_shape, axis, notes):
    """A shift setting as the fraction Keras takes, as source text."""
    fraction = shift_fraction(value, image_shape, axis, notes)
    return fraction if isinstance(fraction, str) else python_literal(fraction)
