"""One spec, three doors: NumPy, tf.data and the Keras layer give the same pixels for the same
parameters; flow() is a drop-in for ImageDataGenerator.flow; all of them train a model."""

import numpy as np
import pytest

from augcourse._checks import INT32_SEED_MAX
from augcourse._tf import keras, tf
from augcourse.augment import Augment
from augcourse.augment.pipelines import batch_seeds
from augcourse.datasets import load_cifar10

FULL = dict(rotation_range=20, width_shift_range=0.1, height_shift_range=0.1, zoom_range=0.2, shear_range=10,
            brightness_range=(0.7, 1.3), channel_shift_range=30, horizontal_flip=True, vertical_flip=True)


@pytest.fixture(scope="module")
def cifar():
    (x, y), _, _ = load_cifar10("subset")
    return x[:64], y[:64]


@pytest.mark.parametrize("fill_mode", ["nearest", "reflect", "wrap", "constant"])
@pytest.mark.parametrize("extra", [{}, {"channel_shift_per_channel": True, "rescale": 1 / 255},
                                   {"samplewise_center": True, "samplewise_std_normalization": True}])
def test_numpy_and_layer_give_the_same_pixels_for_the_same_params(cifar, fill_mode, extra):
    x = cifar[0][:16]
    aug = Augment(fill_mode=fill_mode, cval=50.0, **FULL, **extra)
    params = aug.sample(len(x), x.shape[1:], seed=7)
    ours = aug.apply(x, params)
    layer = aug.to_layer(seed=0).transform(x, params).numpy()
    scale = 1 / 255 if "rescale" in extra else 1.0
    tolerance = 0.05 if extra.get("samplewise_std_normalization") else 2e-3 * scale
    assert np.abs(ours - layer).max() < tolerance


def test_layer_on_a_non_square_grey_image_matches_numpy():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (6, 20, 36, 1), dtype=np.uint8)
    aug = Augment(fill_mode="reflect", **FULL)
    params = aug.sample(len(x), x.shape[1:], seed=1)
    assert np.abs(aug.apply(x, params) - aug.to_layer().transform(x, params).numpy()).max() < 2e-3


def test_tf_data_batches_are_the_numpy_core_with_the_seeds_it_reports(cifar):
    x, y = cifar
    aug = Augment(**FULL)
    ds = aug.to_dataset(x, y, batch_size=16, shuffle=False, seed=3)
    seeds = [int(s) & INT32_SEED_MAX for s in batch_seeds(3).take(4).as_numpy_iterator()]
    batches = list(ds.as_numpy_iterator())
    assert [b[0].shape for b in batches] == [(16, 32, 32, 3)] * 4 and batches[0][0].dtype == np.float32
    for k, (xb, yb) in enumerate(batches):
        expected = aug.apply(x[16 * k:16 * (k + 1)], aug.sample(16, x.shape[1:], seed=seeds[k]))
        assert np.array_equal(xb, expected) and np.array_equal(yb, y[16 * k:16 * (k + 1)])


def test_tf_data_is_reproducible_and_redraws_each_epoch(cifar):
    x, y = cifar
    aug = Augment(**FULL)
    first = [b[0] for b in Augment(**FULL).to_dataset(x, y, batch_size=32, seed=5).as_numpy_iterator()]
    ds = aug.to_dataset(x, y, batch_size=32, seed=5)
    epoch1 = [b[0] for b in ds.as_numpy_iterator()]
    epoch2 = [b[0] for b in ds.as_numpy_iterator()]
    assert all(np.array_equal(a, b) for a, b in zip(first, epoch1))
    assert not np.array_equal(epoch1[0], epoch2[0])


def test_layer_augments_only_when_training_and_normalizes_always(cifar):
    x = cifar[0][:8]
    layer = Augment(rotation_range=30, horizontal_flip=True, rescale=1 / 255).to_layer(seed=0)
    inference = layer(x, training=False).numpy()
    assert np.allclose(inference, x / 255.0, atol=1e-6)
    trained = layer(x, training=True).numpy()
    assert trained.shape == x.shape and not np.allclose(trained, inference)
    assert 0 <= trained.min() and trained.max() <= 1 + 1e-6


def test_flow_is_a_drop_in_for_idg_flow(cifar):
    x, y = cifar
    aug = Augment(**FULL)
    it = aug.flow(x[:50], y[:50], batch_size=16, seed=0)
    assert isinstance(it, keras.utils.PyDataset) and len(it) == 4
    assert [it[i][0].shape[0] for i in range(4)] == [16, 16, 16, 2]
    xb, yb = it[1]
    assert xb.dtype == np.float32 and np.array_equal(xb, it[1][0])     # repeatable within an epoch
    assert yb.shape == (16, 1)
    batches = [next(it) for _ in range(5)]                              # walks on past the end, like IDG
    assert [b[0].shape[0] for b in batches] == [16, 16, 16, 2, 16]
    no_labels = aug.flow(x[:20], batch_size=8, shuffle=False, seed=1)
    expected = aug.augment(x[:8], seed=[1, 0, 0])
    assert np.array_equal(no_labels[0], expected)
    weighted = aug.flow(x, y, batch_size=16, sample_weight=np.arange(64.0), shuffle=False)
    assert np.array_equal(weighted[1][2], np.arange(16.0, 32.0))
    state = np.random.get_state()
    next(iter(aug.flow(x, y, seed=3)))
    assert np.array_equal(np.random.get_state()[1], state[1])


def _small_model(first=None):
    layers = [keras.Input((32, 32, 3))] + ([first] if first is not None else []) + [
        keras.layers.Rescaling(1 / 255) if first is None else keras.layers.Identity(),
        keras.layers.Conv2D(16, 3, activation="relu"), keras.layers.MaxPooling2D(4), keras.layers.Flatten(),
        keras.layers.Dense(10, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy")
    return model


def test_each_door_trains_a_keras_model_that_learns(cifar):
    """Through every door the training loss falls over a few epochs (not only: it is finite)."""
    (x, y), _, _ = load_cifar10("subset")
    x, y = x[:256], y[:256]
    aug = Augment(horizontal_flip=True, width_shift_range=0.05)
    doors = {
        "flow": lambda: _small_model().fit(aug.flow(x, y, batch_size=32), epochs=6, verbose=0),
        # shuffle=False: the dataset shuffles itself; fit's default shuffle=True makes Keras warn on a Dataset
        "tf.data": lambda: _small_model().fit(aug.to_dataset(x, y, batch_size=32), epochs=6, verbose=0,
                                              shuffle=False),
        "layer": lambda: _small_model(Augment(horizontal_flip=True, width_shift_range=0.05, rescale=1 / 255)
                                      .to_layer(seed=0)).fit(x, y, batch_size=32, epochs=6, verbose=0),
    }
    for door, train in doors.items():
        keras.utils.set_random_seed(0)
        loss = train().history["loss"]
        assert np.all(np.isfinite(loss)) and loss[-1] < loss[0] - 0.15, (door, loss)


def test_flow_redraws_every_epoch_and_keeps_draws_within_one(cifar):
    x, y = cifar
    aug = Augment(rotation_range=30, horizontal_flip=True)
    it = aug.flow(x, y, batch_size=16, shuffle=False, seed=0)
    first = it[0][0]
    assert np.array_equal(first, it[0][0])                    # repeatable within the epoch
    it.on_epoch_end()
    assert not np.array_equal(first, it[0][0])                # a new epoch draws anew
    walker = aug.flow(x, y, batch_size=16, shuffle=True, seed=0)
    epoch0 = [next(walker) for _ in range(len(walker))]
    epoch1 = [next(walker) for _ in range(len(walker))]
    assert walker.epoch == 2
    assert not np.array_equal(epoch0[0][1], epoch1[0][1])     # reshuffled: other labels first
    assert not np.array_equal(epoch0[0][0], epoch1[0][0])


def test_idg_flow_reseeds_numpy_and_copies_to_float32_the_core_does_neither(cifar):
    """Two IDG_DEVIATIONS shown: IDG's flow(seed=...) resets the global NumPy RNG and holds float32."""
    x, y = cifar
    idg_it = tf.keras.preprocessing.image.ImageDataGenerator(rotation_range=10).flow(x, y, batch_size=8, seed=3)
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    next(idg_it)
    assert not np.array_equal(np.random.get_state()[1], before)
    assert idg_it.x.dtype == np.float32 and x.dtype == np.uint8
    core_it = Augment(rotation_range=10).flow(x, y, batch_size=8, seed=3)
    before = np.random.get_state()[1].copy()
    next(core_it)
    assert np.array_equal(np.random.get_state()[1], before)
    assert core_it.x.dtype == np.uint8


def test_the_layer_round_trips_through_its_config(cifar):
    aug = Augment(rotation_range=20, fill_mode="wrap", p={"rotation": 0.5}, featurewise_center=True)
    layer = aug.fit(cifar[0]).to_layer(seed=4)
    clone = type(layer).from_config(layer.get_config())
    assert clone.aug.settings() == layer.aug.settings() and clone.seed == 4
    assert np.allclose(clone.aug.mean, aug.mean)
    x = cifar[0][:4]
    assert np.allclose(clone(x, training=False).numpy(), aug.standardize(x.astype(np.float32)), atol=1e-4)
