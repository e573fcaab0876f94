"""Two ways to feed ``model.fit`` from arrays: ``flow`` (a Keras PyDataset) and ``tf.data``.

- ``AugmentedBatches``: what ``Augment.flow`` returns, a drop-in for
  ``ImageDataGenerator.flow`` (``len()``, ``it[i]``, ``next(it)``, ``model.fit(it)``).
- ``augmented_dataset``: what ``Augment.to_dataset`` returns, shuffle -> batch -> parallel map
  of the NumPy core (OpenCV and NumPy release the GIL, so maps run side by side) -> prefetch,
  each batch augmented with its seed from ``batch_seeds``.

The in-model door, a Keras layer, is ``layer.AugmentLayer`` (``Augment.to_layer``).

Example:
    >>> import numpy as np
    >>> from augcourse.augment import Augment
    >>> ds = Augment(horizontal_flip=True).to_dataset(np.zeros((8, 32, 32, 3), np.uint8), batch_size=4)
    >>> next(iter(ds)).shape
    TensorShape([4, 32, 32, 3])
"""

import math

import numpy as np

from augcourse._checks import INT32_SEED_MAX, check_int, fail
from augcourse._tf import keras, tf
from augcourse.augment.flow_inputs import FlowInputs, check_saving, save_batch
from augcourse.augment.inputs import check_batch
from augcourse.language import tr


def _check_data(aug, x, y, batch_size):
    x = check_batch(aug, "x", x)
    if y is not None and len(y) != len(x):
        fail("y", tr("{count} labels", count=len(y)), tr("one label per image ({count})", count=len(x)))
    return x, None if y is None else np.asarray(y), check_int("batch_size", batch_size, low=1)


def _base_seed(seed):
    """An int seed; None becomes a fresh one from the operating system."""
    if seed is None:
        return int(np.random.SeedSequence().entropy & INT32_SEED_MAX)
    return check_int("seed", seed, low=0)


class AugmentedBatches(keras.utils.PyDataset):
    """Augmented batches of (x[, y]) for ``model.fit``, like ``ImageDataGenerator.flow``.

    Takes what IDG's ``flow`` takes (see ``flow_inputs``): ``x`` as images or
    ``(images, extra)``, ``sample_weight``, ``subset`` (with ``validation_split`` here, where IDG
    sets it on the generator) and ``save_to_dir``/``save_prefix``/``save_format``.

    Batch ``i`` of epoch ``e`` uses the images of a permutation drawn from
    (seed, e) and augmentation draws from (seed, e, i), so ``it[i]`` is
    repeatable within an epoch; the global NumPy RNG is never used.
    ``next(it)`` walks the batches forever, as IDG's iterator does. No images (N = 0) give
    no batches: ``len(it) == 0`` and ``next(it)`` returns the empty batch. The data
    stay in their dtype (no float32 copy of the whole set up front).
    """

    def __init__(self, aug, x, y=None, batch_size=32, shuffle=True, seed=0, sample_weight=None, *,
                 validation_split=0.0, subset=None, ignore_class_split=False, save_to_dir=None, save_prefix="",
                 save_format="png", **kwargs):
        super().__init__(**kwargs)
        self.aug = aug
        inputs = FlowInputs.from_arguments(x, y, sample_weight, validation_split, subset, ignore_class_split, aug)
        self.x, self.extras, self.y, self.sample_weight = inputs.images, inputs.extras, inputs.y, inputs.sample_weight
        self.batch_size = check_int("batch_size", batch_size, low=1)
        self.saving = check_saving(save_to_dir, save_prefix, save_format, self.x.shape[-1])
        self.shuffle, self.seed = bool(shuffle), _base_seed(seed)
        self.epoch, self._next = 0, 0
        self._order = self._permutation()

    def __len__(self):
        return math.ceil(len(self.x) / self.batch_size)

    def _permutation(self):
        if not self.shuffle:
            return np.arange(len(self.x))
        return np.random.default_rng([self.seed, self.epoch]).permutation(len(self.x))

    def __getitem__(self, i):
        if not 0 <= i < len(self):
            raise IndexError(tr("batch index {i} out of range for {count} batches", i=i, count=len(self)))
        return self._batch(i, self._order[i * self.batch_size:(i + 1) * self.batch_size])

    def _batch(self, i, index):
        """Batch ``i`` of this epoch: the images at ``index``, augmented, with their labels and weights."""
        xb = self.aug.augment(self.x[index], seed=[self.seed, self.epoch, i])
        if self.saving[0] is not None:
            save_batch(xb, index, *self.saving, self.epoch)
        if self.extras:
            xb = [xb] + [extra[index] for extra in self.extras]
        if self.y is None:
            return xb
        return (xb, self.y[index]) if self.sample_weight is None else (xb, self.y[index], self.sample_weight[index])

    def on_epoch_end(self):
        self.epoch += 1
        self._order = self._permutation()

    def __iter__(self):
        return self

    def __next__(self):
        if len(self) == 0:          # no images: the empty batch, each time (IDG's iterator divides by zero)
            return self._batch(0, self._order)
        batch = self[self._next]
        self._next += 1
        if self._next == len(self):
            self._next = 0
            self.on_epoch_end()
        return batch


def batch_seeds(seed):
    """The per-batch seeds ``augmented_dataset`` uses: new ones each time the dataset is iterated."""
    return tf.data.Dataset.random(seed=seed, rerandomize_each_iteration=True)


def augmented_dataset(aug, x, y=None, batch_size=32, shuffle=True, seed=0):
    """``tf.data`` pipeline of augmented batches: shuffle, batch, parallel map, prefetch.

    Batch k of an iteration is ``aug.augment(batch, seed=s_k)`` where s_k is
    the k-th value of ``batch_seeds(seed)`` (masked to 31 bits), so the
    pipeline is reproducible and each epoch gets fresh draws.

    Returns:
        a Dataset of float32 (B, H, W, C) batches, or (batch, labels) pairs; no batch for no images.
    """
    x, y, batch_size = _check_data(aug, x, y, batch_size)
    seed = _base_seed(seed)
    data = tf.data.Dataset.from_tensor_slices(x if y is None else (x, y))
    if shuffle:
        data = data.shuffle(max(len(x), 1), seed=seed, reshuffle_each_iteration=True)   # no images: no batch
    data = tf.data.Dataset.zip((data.batch(batch_size), batch_seeds(seed)))

    def augment_batch(images, batch_seed):
        out = tf.numpy_function(lambda b, s: aug.augment(b, seed=int(s) & INT32_SEED_MAX),
                                [images, batch_seed], tf.float32, stateful=False)
        out.set_shape(images.shape)
        return out

    if y is None:
        data = data.map(augment_batch, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
    else:
        data = data.map(lambda pair, s: (augment_batch(pair[0], s), pair[1]),
                        num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
    return data.prefetch(tf.data.AUTOTUNE)
