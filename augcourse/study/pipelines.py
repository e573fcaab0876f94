"""How batches reach the model: the notes' ImageDataGenerator flows, tf.data, and the augcourse core.

Every pipeline takes the uint8 images (N, 32, 32, 3) and one-hot labels (N, 10) of a ``StudyData``
and yields float32 batches (B, 32, 32, 3) in 0–1 with their labels (B, 10); ``build_pipeline`` pairs
a configuration's pipeline with a fresh seeded model. For the in-model doors ("core_layer",
"keras_layer") the model also takes 0–1 images: its first layers scale them back to 0–255, augment
(while training) and rescale, so validation and the clean accuracy see what every other model sees.

Example:
    >>> from augcourse.study import load_data
    >>> data = load_data("subset", limit=64)
    >>> model, train, val, steps, val_steps = build_pipeline(get_config("none_tfdata"), data, 16, 0)
    >>> x, y = next(iter(train))
    >>> tuple(x.shape), x.dtype.name, tuple(y.shape), steps, val[0].shape
    ((16, 32, 32, 3), 'float32', (16, 10), 4, (10, 32, 32, 3))
"""

import math
import warnings

import numpy as np

from augcourse._checks import fail
from augcourse.language import tr
from augcourse.study.configs import BATCH_SIZE, PIXEL_SCALE, SEED, get_config
from augcourse.study.model import build_model


def idg_flows(config, data, batch_size=BATCH_SIZE):
    """The notes' generators: an augmenting train flow (shuffled) and a rescale-only validation flow.

    Example:
        >>> from augcourse.study import load_data
        >>> data = load_data("subset", limit=64)
        >>> flow_tr_gen, flow_val_gen = idg_flows(get_config("idg"), data, batch_size=16)
        >>> x, y = flow_val_gen[0]
        >>> x.shape, x.dtype.name, float(x.max()) <= 1.0, y.shape, len(flow_tr_gen)
        ((10, 32, 32, 3), 'float32', True, (10, 10), 4)
    """
    from augcourse._tf import tf

    config = get_config(config)
    ImageDataGenerator = tf.keras.preprocessing.image.ImageDataGenerator
    train_generator = ImageDataGenerator(**config.idg_kwargs())
    valid_generator = ImageDataGenerator(rescale=PIXEL_SCALE)
    flow_tr_gen = train_generator.flow(data.tr_images, data.tr_oh_labels, batch_size=batch_size,
                                       shuffle=True)
    flow_val_gen = valid_generator.flow(data.val_images, data.val_oh_labels, batch_size=batch_size,
                                        shuffle=False)
    return flow_tr_gen, flow_val_gen


def array_dataset(images, labels, batch_size=BATCH_SIZE, seed=SEED, *, rescale=True, autotune=False):
    """tf.data from uint8 arrays: shuffle (seeded, every epoch) → batch → cast/rescale → prefetch.

    Batches are float32 (B, H, W, C), in 0–1 with ``rescale`` and 0–255 without; the labels pass
    through as they are. tf.data's autotuning thread is off (``without_autotune``) unless ``autotune``.

    Example:
        >>> import numpy as np
        >>> images, labels = np.full((10, 4, 4, 3), 255, np.uint8), np.zeros((10, 1))
        >>> x, y = next(iter(array_dataset(images, labels, batch_size=4)))
        >>> tuple(x.shape), x.dtype.name, float(x.numpy().max()), tuple(y.shape)
        ((4, 4, 4, 3), 'float32', 1.0, (4, 1))
    """
    from augcourse._tf import tf

    ds = tf.data.Dataset.from_tensor_slices((images, labels))
    ds = ds.shuffle(len(images), seed=seed, reshuffle_each_iteration=True).batch(batch_size)

    def to_float(x, y):
        x = tf.cast(x, tf.float32)
        return (x * PIXEL_SCALE if rescale else x), y

    ds = ds.map(to_float, num_parallel_calls=tf.data.AUTOTUNE).prefetch(tf.data.AUTOTUNE)
    return ds if autotune else without_autotune(ds)


def without_autotune(ds):
    """The dataset with tf.data's autotuning thread off.

    On a CPU, ``fit()`` can wait seconds after the last step while that thread winds down (the
    "teardown stall" of the course's speed reference: ``fit`` returns at 2.55 s, 5.11 s, 10.23 s ...
    after it started). The training loop itself runs just as fast without it.

    Example:
        >>> from augcourse._tf import tf
        >>> without_autotune(tf.data.Dataset.range(3)).options().autotune.enabled
        False
    """
    from augcourse._tf import tf

    options = tf.data.Options()
    options.autotune.enabled = False
    return ds.with_options(options)


def core_augment(config):
    """``Augment(**config.augment, rescale=1/255)`` from the augcourse core.

    Example:
        >>> aug = core_augment(get_config("core_tfdata"))
        >>> aug.augment(np.zeros((2, 32, 32, 3), np.uint8), seed=0).shape
        (2, 32, 32, 3)
    """
    from augcourse.augment import Augment

    return Augment(**get_config(config).augment, rescale=PIXEL_SCALE)


def keras_augment(config):
    """The Keras 3 layers for ``config.augment`` plus ``Rescaling(1/255)``: the stack the core's
    ``to_keras_code`` prints, built (Keras has no multiplying brightness: that option is left out).

    Example:
        >>> [type(layer).__name__ for layer in keras_augment(get_config("keras_flip")).layers]
        ['RandomFlip', 'Rescaling']
    """
    from augcourse.augment.keras_code import keras_stack

    return keras_stack(core_augment(config))


def build_pipeline(config, data, batch_size=BATCH_SIZE, seed=SEED, with_validation=True):
    """``(model, train input, validation input, steps_per_epoch, validation_steps)`` for a config.

    The model is ``build_model(seed=seed)`` (with the core's layer first for "core_layer"). For "idg"
    both inputs are the notes' flows; otherwise the train input is a tf.data dataset, the validation
    input is the rescaled arrays ``(images (N, 32, 32, 3) float32, one-hot labels (N, 10))`` (None
    without ``with_validation``) and validation_steps is None. See the module's example.
    """
    config = get_config(config)
    n, n_val = len(data.tr_images), len(data.val_images)
    steps, val_steps = math.ceil(n / batch_size), math.ceil(n_val / batch_size)
    if config.pipeline == "idg":
        model = build_model(seed=seed)
        flow_tr_gen, flow_val_gen = idg_flows(config, data, batch_size)
        return model, flow_tr_gen, flow_val_gen, steps, val_steps
    val = (data.val_images.astype(np.float32) * PIXEL_SCALE, data.val_oh_labels) if with_validation else None
    if config.pipeline == "arrays":
        model = build_model(seed=seed)
        return model, array_dataset(data.tr_images, data.tr_oh_labels, batch_size, seed), val, steps, None
    aug = core_augment(config)
    if config.pipeline == "core_tfdata":
        model = build_model(seed=seed)
        ds = without_autotune(aug.to_dataset(data.tr_images, data.tr_oh_labels, batch_size=batch_size,
                                             shuffle=True, seed=seed))
        return model, ds, val, steps, None
    if config.pipeline == "core_layer":
        model = build_model(seed=seed, augment_layer=_from_unit_range(aug.to_layer(seed=seed)))
        return model, array_dataset(data.tr_images, data.tr_oh_labels, batch_size, seed), val, steps, None
    if config.pipeline in ("keras_tfdata", "keras_layer"):
        from augcourse._tf import keras, tf

        keras.utils.set_random_seed(seed)
        layers = keras_augment(config)
        if config.pipeline == "keras_layer":
            model = build_model(seed=seed, augment_layer=_from_unit_range(layers))
            return model, array_dataset(data.tr_images, data.tr_oh_labels, batch_size, seed), val, steps, None
        ds = array_dataset(data.tr_images, data.tr_oh_labels, batch_size, seed, rescale=False)
        ds = without_autotune(ds.map(lambda x, y: (layers(x, training=True), y),
                                     num_parallel_calls=tf.data.AUTOTUNE).prefetch(tf.data.AUTOTUNE))
        return build_model(seed=seed), ds, val, steps, None
    fail("config.pipeline", config.pipeline, tr("{names} or {last}", names="'idg', 'arrays', 'core_tfdata', "
                                                 "'core_layer', 'keras_tfdata'", last="'keras_layer'"))


def _from_unit_range(layer):
    """``layer`` (augmenting 0–255 images and rescaling them) behind a ``Rescaling(255)``: a layer for
    0–1 inputs, as every study model takes them."""
    from augcourse._tf import keras

    return keras.Sequential([keras.layers.Rescaling(255.0), layer])


def quiet_fit(model, x, **kwargs):
    """``model.fit(x, **kwargs)`` without Keras' "shuffle=True was passed ... tf.data.Dataset" warning.

    Keras 3.15 warns on every ``fit(dataset)`` even when shuffle was not passed; our datasets are
    already shuffled (seeded) in ``array_dataset`` / ``Augment.to_dataset``. Returns the History.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"`shuffle=True` was passed, but will be ignored",
                                category=UserWarning)
        return model.fit(x, **kwargs)
