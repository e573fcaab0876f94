"""The Keras 3 layer stack closest to a spec, as paste-ready source (what a learner uses next).

``keras_code(options, image_shape=None)`` writes a ``keras.Sequential`` of preprocessing layers
that draws from the same ranges as the spec, with the spec's fill mode, fill value and
interpolation, then the normalization layers in IDG's order (``Rescaling``, samplewise as a
``LayerNormalization`` over each whole image, featurewise as ``Normalization``); where Keras 3 has
no equivalent (multiplying brightness, a per-transform probability, a shear that also stretches) a
comment in the code says so. Shifts given in pixels
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

from augcourse.augment.source import python_literal
from augcourse.language import tr


def keras_layers(options, image_shape=None):
    """``(layer source lines, comment lines)`` for the Keras 3 equivalent of ``options``."""
    geometry = f'fill_mode="{options.fill_mode}", interpolation="{options.interpolation}"'
    if options.fill_mode == "constant":
        geometry += f", fill_value={python_literal(float(options.cval))}"
    layers, notes = [], []
    for transform in options.active:
        layers += transform.keras(options, image_shape, geometry, notes)
    if options.rescale is not None:
        layers.append(f"keras.layers.Rescaling({python_literal(options.rescale)})")
    if options.samplewise_std_normalization:           # IDG turns samplewise_center on with it
        layers.append(SAMPLEWISE)
    elif options.samplewise_center:
        layers.append(SAMPLEWISE_CENTER)
    if options.featurewise_center or options.featurewise_std_normalization:
        layers.append("keras.layers.Normalization(axis=-1)")
        notes.append(tr("call augment.layers[-1].adapt(x_train) first (the featurewise statistics)"))
    if not layers:                      # a spec that changes nothing: a model must have a layer to be called
        layers.append("keras.layers.Identity()")
    changed = {name: value for name, value in options.settings().get("p", {}).items()
               if name not in KERAS_PROBABILITY and name in {t.name for t in options.active}}
    if changed:
        notes.append(tr("Keras 3 layers have no per-transform probability: each layer always applies (p={changed} "
                        "is not reproduced)", changed=changed))
    return layers, notes


# IDG's samplewise pair (one mean and one std per image, over its pixels and channels) is a layer
# normalization over the height, width and channel axes; IDG adds 1e-6 to the std, the layer its epsilon
# to the variance (default 1e-3, too large for 0-1 data), hence the small epsilon. Lesson 11 compares them.
SAMPLEWISE = "keras.layers.LayerNormalization(axis=(1, 2, 3), center=False, scale=False, epsilon=1e-12)"
# samplewise_center alone (no division) has no layer: a Lambda subtracts each image's mean.
SAMPLEWISE_CENTER = "keras.layers.Lambda(lambda x: x - keras.ops.mean(x, axis=(1, 2, 3), keepdims=True))"

# The transforms whose Keras 3 layer takes the probability itself (factor=(p, p)).
KERAS_PROBABILITY = ("erasing", "perspective")


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
