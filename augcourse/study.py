"""The CIFAR-10 study: training with and without augmentation, and what augmentation costs in time.

What is in here (used by notebooks 12 and 13, and by the command line):

- ``load_data(source)``: CIFAR-10 split like the notes (train / 15 % validation / test), one-hot labels
  (``tr_oh_labels`` ...), images kept as uint8 0–255 (the generators rescale them).
- ``build_model(seed)``: a small CNN in the notes' style: Conv-BN-ReLU blocks, max pooling, dropout,
  a dense head; Adam and categorical cross-entropy. Seeded, so a run is bit-reproducible on one machine.
- ``make_callbacks()``: ``ReduceLROnPlateau`` and ``EarlyStopping`` on the validation loss, as in the notes.
- ``run(config, data)``: trains one configuration (``CONFIGS``) through ``ImageDataGenerator.flow`` the
  way the notes do and returns ``(history, record)``: the per-epoch history and a record with train /
  validation / test accuracy (all measured on clean, rescaled images), the train–test gap, the time per
  epoch (training loop only) and images per second.
- ``time_epochs(names, data)``: the time comparison: no augmentation (tf.data from arrays),
  ImageDataGenerator, the augcourse core in tf.data and inside the model, all with the same transforms.
- ``results_table``, ``timing_table``, ``plot_histories``, ``plot_gaps``, ``plot_epoch_times``.
- ``main()``: ``python -m augcourse.study --full --epochs 40`` runs the whole study outside Jupyter and
  writes a JSON file and PNG plots.

Example:
    >>> data = load_data("subset")
    >>> history, record = run("idg", data, epochs=2)
    >>> print(results_table([record]))
"""

import argparse
import json
import math
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from augcourse import datasets
from augcourse._checks import check_choice, check_int, check_number, fail

SEED = 0
BATCH_SIZE = 64
VAL_FRACTION = 0.15

# The transforms of the time comparison: the set the course's speed reference measured
# (flip, rotation, shift, zoom, shear, brightness, channel shift), so IDG and the core do the same work.
TIMING_TRANSFORMS = dict(rotation_range=20, width_shift_range=0.1, height_shift_range=0.1,
                         zoom_range=0.2, shear_range=10, brightness_range=(0.7, 1.3),
                         channel_shift_range=30, horizontal_flip=True, fill_mode="nearest")


@dataclass(frozen=True)
class Config:
    """One training configuration: how batches reach the model.

    pipeline: "idg" (``ImageDataGenerator.flow``, as in the notes), "arrays" (tf.data from the arrays,
    rescale only), "core_tfdata" (``Augment.to_dataset``) or "core_layer" (``Augment.to_layer`` as the
    model's first layer). ``augment`` holds the augmentation keywords (ImageDataGenerator names).
    """
    name: str
    pipeline: str
    augment: dict = field(default_factory=dict)
    label: str = ""

    def idg_kwargs(self):
        return dict(self.augment, rescale=1 / 255.0)


CONFIGS = {
    "none": Config("none", "idg", {}, "no augmentation"),
    "idg": Config("idg", "idg", {"horizontal_flip": True}, "horizontal flip (the notes)"),
    "zoom": Config("zoom", "idg", {"horizontal_flip": True, "zoom_range": (0.5, 0.7)},
                   "flip + zoom in 1.4-2x (too much)"),
    # the time comparison: the same transforms through four doors
    "none_tfdata": Config("none_tfdata", "arrays", {}, "no augmentation, tf.data"),
    "idg_timing": Config("idg_timing", "idg", TIMING_TRANSFORMS, "ImageDataGenerator.flow"),
    "core_tfdata": Config("core_tfdata", "core_tfdata", TIMING_TRANSFORMS, "core in tf.data"),
    "core_layer": Config("core_layer", "core_layer", TIMING_TRANSFORMS, "core inside the model"),
}
TRAINING_CONFIGS = ("none", "idg", "zoom")
TIMING_CONFIGS = ("none_tfdata", "idg_timing", "core_tfdata", "core_layer")


def _config(config):
    if isinstance(config, Config):
        return config
    check_choice("config", config, tuple(CONFIGS))
    return CONFIGS[config]


# --------------------------------------------------------------------------------------------- data

@dataclass
class StudyData:
    """CIFAR-10 split three ways; images uint8 (N, 32, 32, 3), labels one-hot float32 (N, 10)."""
    tr_images: np.ndarray
    tr_oh_labels: np.ndarray
    val_images: np.ndarray
    val_oh_labels: np.ndarray
    test_images: np.ndarray
    test_oh_labels: np.ndarray
    class_names: tuple
    source: str

    def sizes(self):
        return {"train": len(self.tr_images), "validation": len(self.val_images),
                "test": len(self.test_images)}


def load_data(source="subset", *, val_fraction=VAL_FRACTION, seed=SEED, limit=None, **loader_kwargs):
    """CIFAR-10 as a ``StudyData``: train / validation (``val_fraction``, seeded) / test, one-hot labels.

    Args:
        source: "subset" (bundled, 4,660 / 846 images), "full" (50,000 / 10,000, downloaded once by
            Keras; raises ``datasets.CIFAR10Unavailable`` without a network) or "auto".
        val_fraction: share of the training images held out for validation (0 < f < 1).
        seed: seeds the split (``np.random.default_rng(seed)``).
        limit: keep only the first ``limit`` training and test images (a tiny slice for tests).
        loader_kwargs: passed to ``datasets.load_cifar10`` (``cache_dir``, ``origin``, ``file_hash``).

    Example:
        >>> data = load_data("subset")
        >>> data.sizes()
        {'train': 3961, 'validation': 699, 'test': 846}
    """
    check_number("val_fraction", val_fraction, low=0, high=1, low_inclusive=False, high_inclusive=False)
    check_int("seed", seed, low=0)
    if limit is not None:
        check_int("limit", limit, low=4)
    (x_train, y_train), (x_test, y_test), names = datasets.load_cifar10(source, **loader_kwargs)
    used = source if source != "auto" else ("subset" if len(x_train) == 4660 else "full")
    if limit is not None:
        x_train, y_train, x_test, y_test = x_train[:limit], y_train[:limit], x_test[:limit], y_test[:limit]
    order = np.random.default_rng(seed).permutation(len(x_train))
    n_val = max(1, int(round(len(x_train) * val_fraction)))
    val, tr = order[:n_val], order[n_val:]
    n_classes = len(names)

    def one_hot(y):
        return np.eye(n_classes, dtype=np.float32)[np.asarray(y).reshape(-1).astype(int)]

    return StudyData(x_train[tr], one_hot(y_train[tr]), x_train[val], one_hot(y_train[val]),
                     x_test, one_hot(y_test), tuple(names), used)


# -------------------------------------------------------------------------------------------- model

def build_model(input_shape=(32, 32, 3), n_classes=10, *, seed=SEED, filters=(32, 64, 128),
                dropout=0.0, head_dropout=0.3, dense_units=256, bn_momentum=0.9, learning_rate=1e-3,
                augment_layer=None):
    """The study's CNN, compiled: blocks of Conv-BN-ReLU + MaxPool + Dropout, then Dense-Dropout-Dense.

    Calls ``keras.utils.set_random_seed(seed)`` first, so the same seed gives the same initial weights
    and the same dropout masks. ``augment_layer`` (a Keras layer such as ``Augment.to_layer()``) becomes
    the first layer; it should also rescale to 0–1 (the other pipelines feed 0–1 images).

    Example:
        >>> model = build_model(seed=0)
        >>> model.output_shape
        (None, 10)
    """
    from augcourse._tf import keras

    check_int("seed", seed, low=0)
    check_int("n_classes", n_classes, low=2)
    check_number("dropout", dropout, low=0, high=1, high_inclusive=False)
    check_number("head_dropout", head_dropout, low=0, high=1, high_inclusive=False)
    keras.utils.set_random_seed(seed)
    layers = keras.layers
    inputs = keras.Input(shape=input_shape)
    x = inputs
    if augment_layer is not None:
        x = augment_layer(x)
    for n_filters in filters:
        x = layers.Conv2D(n_filters, 3, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization(momentum=bn_momentum)(x)
        x = layers.Activation("relu")(x)
        x = layers.MaxPooling2D(2)(x)
        x = layers.Dropout(dropout)(x)
    x = layers.Flatten()(x)
    x = layers.Dense(dense_units, activation="relu")(x)
    x = layers.Dropout(head_dropout)(x)
    outputs = layers.Dense(n_classes, activation="softmax")(x)
    model = keras.Model(inputs, outputs, name="study_cnn")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate),
                  loss="categorical_crossentropy", metrics=["accuracy"])
    return model


def make_callbacks(*, rlr_patience=3, stop_patience=6):
    """``[rlr_cb, ely_cb]`` as in the notes: ReduceLROnPlateau (×0.2) and EarlyStopping on val_loss."""
    from augcourse._tf import keras

    rlr_cb = keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.2, patience=rlr_patience,
                                               mode="min", verbose=0)
    ely_cb = keras.callbacks.EarlyStopping(monitor="val_loss", patience=stop_patience, mode="min",
                                           verbose=0)
    return [rlr_cb, ely_cb]


def epoch_timer():
    """A Keras callback that times the training loop of every epoch (``.times``, seconds).

    It measures from ``on_epoch_begin`` to the start of validation (``on_test_begin``), or to
    ``on_epoch_end`` without validation, in wall-clock seconds (``.times``) and in CPU seconds of
    this process, all threads (``.cpu_times``): not the wall time of ``fit()``, which on a CPU can include a
    tf.data teardown wait of seconds after the last step (see the speed reference).
    """
    from augcourse._tf import keras

    class EpochTimer(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.times, self.cpu_times = [], []
            self._start = None

        def on_epoch_begin(self, epoch, logs=None):
            self._start = (time.perf_counter(), time.process_time())

        def on_test_begin(self, logs=None):
            if self._start is not None:
                self.times.append(time.perf_counter() - self._start[0])
                self.cpu_times.append(time.process_time() - self._start[1])
                self._start = None

        def on_epoch_end(self, epoch, logs=None):
            self.on_test_begin()

    return EpochTimer()


def tqdm_epochs(total, desc):
    """A Keras callback showing a tqdm progress bar over epochs (for the command line)."""
    from tqdm.auto import tqdm

    from augcourse._tf import keras

    class TqdmEpochs(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            self.bar = tqdm(total=total, desc=desc, unit="epoch", leave=True)

        def on_epoch_end(self, epoch, logs=None):
            logs = logs or {}
            self.bar.set_postfix({k: f"{logs[k]:.3f}" for k in ("accuracy", "val_accuracy") if k in logs})
            self.bar.update(1)

        def on_train_end(self, logs=None):
            self.bar.close()

    return TqdmEpochs()


# ------------------------------------------------------------------------------------------ running

def idg_flows(config, data, batch_size=BATCH_SIZE):
    """The notes' generators: an augmenting train flow (shuffled) and a rescale-only validation flow."""
    from augcourse._tf import tf

    ImageDataGenerator = tf.keras.preprocessing.image.ImageDataGenerator
    train_generator = ImageDataGenerator(**config.idg_kwargs())
    valid_generator = ImageDataGenerator(rescale=1 / 255.0)
    flow_tr_gen = train_generator.flow(data.tr_images, data.tr_oh_labels, batch_size=batch_size,
                                       shuffle=True)
    flow_val_gen = valid_generator.flow(data.val_images, data.val_oh_labels, batch_size=batch_size,
                                        shuffle=False)
    return flow_tr_gen, flow_val_gen


def evaluate_clean(model, images, oh_labels, batch_size=256):
    """Accuracy and loss on images only rescaled to 0–1 (no augmentation, no shuffling)."""
    x = images.astype(np.float32) / 255.0
    loss, acc = model.evaluate(x, oh_labels, batch_size=batch_size, verbose=0)
    return float(acc), float(loss)


def run(config, data, *, epochs=12, batch_size=BATCH_SIZE, seed=SEED, verbose=0, progress=False,
        callbacks=None):
    """Train one configuration the notes' way and measure it.

    ``model.fit(flow_tr_gen, steps_per_epoch=ceil(n/batch), validation_data=flow_val_gen,
    validation_steps=ceil(n_val/batch), callbacks=[rlr_cb, ely_cb])`` for ImageDataGenerator
    configurations; afterwards train, validation and test accuracy are measured on clean rescaled
    images (so the train accuracy is comparable between configurations).

    Returns:
        ``(history, record)``: ``history`` maps "accuracy", "val_accuracy", "loss", "val_loss", "lr"
        to per-epoch lists; ``record`` is a dict with config, label, epochs_run, train_acc, val_acc,
        test_acc, gap (train − test accuracy), fit_train_acc (the last epoch's accuracy on the
        augmented batches), epoch_s (median training-loop seconds per epoch), images_per_s.
    """
    config = _config(config)
    check_int("epochs", epochs, low=1)
    check_int("batch_size", batch_size, low=1)
    check_int("seed", seed, low=0)
    model, train, val, steps, val_steps = _pipeline(config, data, batch_size, seed)
    timer = epoch_timer()
    cbs = make_callbacks() + [timer] + list(callbacks or [])
    if progress:
        cbs.append(tqdm_epochs(epochs, config.name))
    history = _quiet_fit(model, train, epochs=epochs, steps_per_epoch=steps, validation_data=val,
                        validation_steps=val_steps, callbacks=cbs, verbose=verbose)
    return make_record(config, history, model, data, timer)


def make_record(config, history, model, data, timer):
    """``(history dict, result record)`` of a finished run (see ``run``).

    Train, validation and test accuracy are measured here on clean images (only rescaled), so
    the train accuracy of an augmented run is comparable with that of a plain run.
    """
    config = _config(config)
    hist = {k: [float(v) for v in vals] for k, vals in getattr(history, "history", history).items()}
    if "learning_rate" in hist:
        hist["lr"] = hist.pop("learning_rate")
    train_acc, _ = evaluate_clean(model, data.tr_images, data.tr_oh_labels)
    val_acc, _ = evaluate_clean(model, data.val_images, data.val_oh_labels)
    test_acc, _ = evaluate_clean(model, data.test_images, data.test_oh_labels)
    epoch_s = statistics.median(timer.times)
    record = {
        "config": config.name, "label": config.label, "pipeline": config.pipeline,
        "augment": _jsonable(config.augment), "epochs_run": len(hist["loss"]),
        "train_acc": train_acc, "val_acc": val_acc, "test_acc": test_acc,
        "gap": train_acc - test_acc, "fit_train_acc": hist["accuracy"][-1],
        "epoch_s": epoch_s, "images_per_s": len(data.tr_images) / epoch_s,
    }
    return hist, record


def _quiet_fit(model, x, **kwargs):
    """``model.fit`` without Keras' "shuffle=True was passed ... tf.data.Dataset" warning.

    Keras 3.15 warns on every ``fit(dataset)`` even when shuffle was not passed; our datasets are
    already shuffled (seeded) in ``array_dataset`` / ``Augment.to_dataset``.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"`shuffle=True` was passed, but will be ignored",
                                category=UserWarning)
        return model.fit(x, **kwargs)


def _pipeline(config, data, batch_size, seed, with_validation=True):
    """(model, train input, validation input, steps_per_epoch, validation_steps) for a config."""
    n, n_val = len(data.tr_images), len(data.val_images)
    steps, val_steps = math.ceil(n / batch_size), math.ceil(n_val / batch_size)
    if config.pipeline == "idg":
        model = build_model(seed=seed)
        flow_tr_gen, flow_val_gen = idg_flows(config, data, batch_size)
        return model, flow_tr_gen, flow_val_gen, steps, val_steps
    val = (data.val_images.astype(np.float32) / 255.0, data.val_oh_labels) if with_validation else None
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
        model = build_model(seed=seed, augment_layer=aug.to_layer(seed=seed))
        return model, array_dataset(data.tr_images, data.tr_oh_labels, batch_size, seed, rescale=False,
                                    cast=True), val, steps, None
    fail("config.pipeline", config.pipeline, "'idg', 'arrays', 'core_tfdata' or 'core_layer'")


def array_dataset(images, oh_labels, batch_size=BATCH_SIZE, seed=SEED, *, rescale=True, cast=True):
    """tf.data from uint8 arrays: shuffle (seeded, every epoch) → batch → cast/rescale → prefetch."""
    from augcourse._tf import tf

    ds = tf.data.Dataset.from_tensor_slices((images, oh_labels))
    ds = ds.shuffle(len(images), seed=seed, reshuffle_each_iteration=True).batch(batch_size)
    scale = 1 / 255.0 if rescale else 1.0
    if cast or rescale:
        ds = ds.map(lambda x, y: (tf.cast(x, tf.float32) * scale, y), num_parallel_calls=tf.data.AUTOTUNE)
    return without_autotune(ds.prefetch(tf.data.AUTOTUNE))


def without_autotune(ds):
    """The dataset with tf.data's autotuning thread off.

    On a CPU, ``fit()`` can wait seconds after the last step while that thread winds down (the
    "teardown stall" of the course's speed reference: ``fit`` returns at 2.55 s, 5.11 s, 10.23 s ...
    after it started). The training loop itself runs just as fast without it.
    """
    from augcourse._tf import tf

    options = tf.data.Options()
    options.autotune.enabled = False
    return ds.with_options(options)


def core_available():
    """True when the augcourse core (``augcourse.augment.Augment``) can be imported."""
    try:
        from augcourse.augment import Augment  # noqa: F401
    except ImportError:
        return False
    return True


def core_augment(config):
    """``Augment(**config.augment, rescale=1/255)`` from the augcourse core."""
    from augcourse.augment import Augment

    return Augment(**config.augment, rescale=1 / 255.0)


# ------------------------------------------------------------------------------------------- timing

def time_epochs(names=TIMING_CONFIGS, data=None, *, rounds=2, batch_size=BATCH_SIZE, seed=SEED,
                progress=False):
    """Time one training epoch per configuration, interleaved over ``rounds``, after a warm-up epoch.

    Every configuration gets its model and pipeline first and one untimed warm-up epoch (tracing);
    then, in each round, each configuration trains one more epoch (``fit(epochs=1)``), timed by a
    callback from ``on_epoch_begin`` to ``on_epoch_end`` (the training loop, no validation).
    Interleaving spreads background load over all configurations alike.

    Returns:
        A list of dicts: config, label, epoch_s (median over rounds), times (all rounds), images_per_s,
        overhead (epoch_s / epoch_s of the first configuration − 1), cpu_s (median CPU seconds of
        this process per epoch, all threads), extra_cpu_s (cpu_s − cpu_s of the first configuration).
        CPU seconds hardly change when other programs load the machine; wall-clock seconds do.
    """
    check_int("rounds", rounds, low=1)
    configs = [_config(n) for n in names]
    setups = {}
    for config in configs:
        model, train, _, steps, _ = _pipeline(config, data, batch_size, seed, with_validation=False)
        _quiet_fit(model, train, epochs=1, steps_per_epoch=steps, verbose=0)    # warm-up: tracing
        setups[config.name] = (model, train, steps)
    times = {c.name: [] for c in configs}
    cpu = {c.name: [] for c in configs}
    bar = None
    if progress:
        from tqdm.auto import tqdm
        bar = tqdm(total=rounds * len(configs), desc="timing", unit="epoch")
    for _ in range(rounds):
        for config in configs:
            model, train, steps = setups[config.name]
            timer = epoch_timer()
            _quiet_fit(model, train, epochs=1, steps_per_epoch=steps, verbose=0, callbacks=[timer])
            times[config.name].append(timer.times[0])
            cpu[config.name].append(timer.cpu_times[0])
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    base = statistics.median(times[configs[0].name])
    base_cpu = statistics.median(cpu[configs[0].name])
    out = []
    for config in configs:
        epoch_s = statistics.median(times[config.name])
        cpu_s = statistics.median(cpu[config.name])
        out.append({"config": config.name, "label": config.label, "pipeline": config.pipeline,
                    "epoch_s": epoch_s, "times": times[config.name], "cpu_s": cpu_s,
                    "cpu_times": cpu[config.name], "images_per_s": len(data.tr_images) / epoch_s,
                    "overhead": epoch_s / base - 1, "extra_cpu_s": cpu_s - base_cpu})
    return out


def generation_rate(config, data, *, n_batches=20, batch_size=BATCH_SIZE):
    """Images per second that ``ImageDataGenerator.flow`` produces alone (no training), via ``next()``."""
    config = _config(config)
    flow, _ = idg_flows(config, data, batch_size)
    next(flow)
    start = time.perf_counter()
    for _ in range(n_batches):
        next(flow)
    return n_batches * batch_size / (time.perf_counter() - start)


def core_rate(config, data, *, n_batches=20, batch_size=BATCH_SIZE):
    """Images per second of the core's NumPy path (``Augment.augment``) alone, same batches as IDG."""
    aug = core_augment(_config(config))
    batches = [data.tr_images[i * batch_size:(i + 1) * batch_size] for i in range(n_batches)]
    aug.augment(batches[0], seed=0)
    start = time.perf_counter()
    for i, batch in enumerate(batches):
        aug.augment(batch, seed=i)
    return n_batches * batch_size / (time.perf_counter() - start)


def prefetch_demo(data, *, n_batches=30, batch_size=BATCH_SIZE, seed=SEED):
    """Does ``fit()`` overlap producing batches with training on them? Measured with a slow producer.

    A Keras ``PyDataset`` hands out ready-made batches, after sleeping ``delay`` seconds per batch
    (sleeping uses no CPU, so only overlap can hide it). First the model trains on it with no delay
    (``train_s``); then ``delay`` is set so that the producer alone needs as long as training
    (``producer_s`` = n_batches × delay) and the model trains again (``both_s``). Without overlap
    ``both_s`` ≈ train_s + producer_s; with full overlap ≈ max(train_s, producer_s).

    Returns:
        dict with train_s, producer_s, both_s, sum_s, max_s (seconds, training loop only).
    """
    from augcourse._tf import keras

    x = data.tr_images[:n_batches * batch_size].astype(np.float32) / 255.0
    y = data.tr_oh_labels[:n_batches * batch_size]
    n_batches = math.ceil(len(x) / batch_size)

    class SlowBatches(keras.utils.PyDataset):
        def __init__(self, delay):
            super().__init__()
            self.delay = delay

        def __len__(self):
            return n_batches

        def __getitem__(self, i):
            time.sleep(self.delay)
            return x[i * batch_size:(i + 1) * batch_size], y[i * batch_size:(i + 1) * batch_size]

    model = build_model(seed=seed)
    model.fit(SlowBatches(0.0), epochs=1, verbose=0)                  # warm-up: tracing
    timer = epoch_timer()
    model.fit(SlowBatches(0.0), epochs=1, verbose=0, callbacks=[timer])
    train_s = timer.times[0]
    delay = train_s / n_batches
    timer = epoch_timer()
    model.fit(SlowBatches(delay), epochs=1, verbose=0, callbacks=[timer])
    producer_s, both_s = delay * n_batches, timer.times[0]
    return {"train_s": train_s, "producer_s": producer_s, "both_s": both_s,
            "sum_s": train_s + producer_s, "max_s": max(train_s, producer_s)}


# ------------------------------------------------------------------------------------ tables, plots

def results_table(records):
    """The accuracy table, rounded: one row per configuration."""
    head = f"{'configuration':<34}{'epochs':>7}{'train':>8}{'val':>8}{'test':>8}{'gap':>8}"
    lines = [head, "-" * len(head)]
    for r in records:
        lines.append(f"{r['label'] or r['config']:<34}{r['epochs_run']:>7}{r['train_acc']:>8.2f}"
                     f"{r['val_acc']:>8.2f}{r['test_acc']:>8.2f}{r['gap']:>8.2f}")
    return "\n".join(lines)


def timing_table(timings):
    """The time table: s/epoch (training loop), images/s, overhead and extra CPU s vs the first row."""
    head = f"{'pipeline':<26}{'s/epoch':>9}{'images/s':>10}{'overhead':>10}{'CPU s':>8}{'extra CPU s':>13}"
    lines = [head, "-" * len(head)]
    for t in timings:
        lines.append(f"{t['label'] or t['config']:<26}{t['epoch_s']:>9.2f}{t['images_per_s']:>10,.0f}"
                     f"{t['overhead']:>+10.0%}{t['cpu_s']:>8.2f}{t['extra_cpu_s']:>+13.2f}")
    return "\n".join(lines)


def plot_histories(histories, labels=None):
    """Accuracy and loss per epoch, side by side; solid = train, dashed = validation.

    ``histories`` maps a configuration name to its history dict. Returns the Figure.
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
    for i, (name, hist) in enumerate(histories.items()):
        colour = f"C{i}"
        label = (labels or {}).get(name, name)
        epochs = np.arange(1, len(hist["loss"]) + 1)
        for ax, key in zip(axes, ("accuracy", "loss")):
            ax.plot(epochs, hist[key], "-", color=colour, label=f"{label}: train")
            ax.plot(epochs, hist["val_" + key], "--", color=colour, label=f"{label}: validation")
    for ax, key in zip(axes, ("accuracy", "loss")):
        ax.set_xlabel("epoch")
        ax.set_ylabel(key)
        ax.set_title(f"{key} per epoch (solid: train, dashed: validation)")
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_gaps(records):
    """Train / validation / test accuracy per configuration, with the train–test gap written on top."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(max(6, 2.4 * len(records)), 4))
    xs = np.arange(len(records))
    width = 0.26
    for j, (key, name) in enumerate((("train_acc", "train"), ("val_acc", "validation"),
                                     ("test_acc", "test"))):
        ax.bar(xs + (j - 1) * width, [r[key] for r in records], width, label=name, color=f"C{j}")
    for x, r in zip(xs, records):
        ax.text(x, max(r["train_acc"], r["val_acc"], r["test_acc"]) + 0.02,
                f"gap {r['gap']:.2f}", ha="center", fontsize=10)
    ax.set_xticks(xs, [r["label"] or r["config"] for r in records], fontsize=9)
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("accuracy (clean images)")
    ax.set_title("train vs validation vs test accuracy; gap = train − test")
    ax.legend(loc="lower right")
    fig.tight_layout()
    return fig


def plot_epoch_times(timings):
    """Seconds per epoch (training loop) per pipeline, with the overhead vs the first bar."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(max(6, 2.2 * len(timings)), 4))
    xs = np.arange(len(timings))
    ax.bar(xs, [t["epoch_s"] for t in timings], color=[f"C{i}" for i in range(len(timings))])
    for x, t in zip(xs, timings):
        ax.text(x, t["epoch_s"], f"{t['epoch_s']:.2f} s\n{t['overhead']:+.0%}", ha="center",
                va="bottom", fontsize=9)
    ax.set_xticks(xs, [t["label"] or t["config"] for t in timings], fontsize=9)
    ax.set_ylabel("seconds per epoch (training loop)")
    ax.set_ylim(0, 1.25 * max(t["epoch_s"] for t in timings))
    ax.set_title("time per epoch, same model and data")
    fig.tight_layout()
    return fig


TIMING_FIELDS = ("epoch_s", "images_per_s")


def save_runs(path, settings, runs, digits=4):
    """Write ``{"settings": ..., "runs": {name: {"record", "history"}}}`` to JSON, for notebook 13.

    Floats are rounded to ``digits`` and the timing fields (which change every run) are left out,
    so the same seed on the same kind of machine writes the same file.
    """
    runs = {name: {"record": {k: v for k, v in run["record"].items() if k not in TIMING_FIELDS},
                   "history": run["history"]} for name, run in runs.items()}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    content = round_floats(_jsonable({"settings": settings, "runs": runs}), digits)
    path.write_text(json.dumps(content, indent=1) + "\n")
    return path


def load_runs(path):
    """Read what ``save_runs`` (or the command line) wrote: ``(settings, runs)``."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No study results at {str(path)!r}: run notebook 12 (part 1) first, "
                                "or `python -m augcourse.study`.")
    content = json.loads(path.read_text())
    return content["settings"], content["runs"]


def round_floats(value, digits=4):
    """``value`` (nested dicts/lists) with every float rounded to ``digits`` decimals."""
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {k: round_floats(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [round_floats(v, digits) for v in value]
    return value


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    return value


# --------------------------------------------------------------------------------------------- CLI

def _parse(argv):
    p = argparse.ArgumentParser(
        prog="python -m augcourse.study",
        description="The CIFAR-10 augmentation study: train without augmentation, with the notes' "
                    "augmentation and with too much zoom; then time one epoch through each input "
                    "pipeline. Writes a JSON file and PNG plots.")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--full", action="store_const", const="full", dest="source",
                     help="the full 50,000/10,000 CIFAR-10 (downloaded once by Keras, 170 MB)")
    src.add_argument("--source", choices=datasets.SOURCES, dest="source",
                     help="subset (bundled, default), full or auto (full if it can be had)")
    p.add_argument("--epochs", type=int, default=12, help="maximum epochs per training run (default 12)")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="batch size (default 64)")
    p.add_argument("--seed", type=int, default=SEED, help="seed for the split, weights and augmentation")
    p.add_argument("--out", default="benchmarks/results", help="output folder (default benchmarks/results)")
    p.add_argument("--name", default=None, help="file name stem (default study_<source>)")
    p.add_argument("--configs", default=",".join(TRAINING_CONFIGS),
                   help=f"training configurations, comma-separated, from {', '.join(TRAINING_CONFIGS)} "
                        "(default: all); '' for none")
    p.add_argument("--timing", default=",".join(TIMING_CONFIGS),
                   help="pipelines for the time comparison, comma-separated (default: "
                        f"{','.join(TIMING_CONFIGS)}); '' to skip")
    p.add_argument("--rounds", type=int, default=3, help="timed epochs per pipeline (default 3)")
    p.add_argument("--limit", type=int, default=None, help="use only the first N train/test images")
    p.add_argument("--cache-dir", default=None, help="Keras cache root for the full download")
    p.add_argument("--origin", default=None, help="URL of cifar-10-python.tar.gz (default: Keras')")
    p.add_argument("--file-hash", default=None, help="sha256 of the archive at --origin")
    args = p.parse_args(argv)
    args.source = args.source or "subset"
    for option in ("epochs", "batch_size", "rounds"):
        if getattr(args, option) < 1:
            p.error(f"--{option.replace('_', '-')} must be at least 1; got {getattr(args, option)}")
    args.configs = [c for c in args.configs.split(",") if c]
    args.timing = [c for c in args.timing.split(",") if c]
    for c in args.configs + args.timing:
        if c not in CONFIGS:
            p.error(f"unknown configuration {c!r}; choose from {', '.join(CONFIGS)}")
    return args


def main(argv=None):
    """Command line entry point; returns the exit status (0 ok, 2 data unavailable / bad usage)."""
    args = _parse(argv)
    loader_kwargs = {k: v for k, v in (("cache_dir", args.cache_dir), ("origin", args.origin),
                                       ("file_hash", args.file_hash)) if v is not None}
    try:
        data = load_data(args.source, seed=args.seed, limit=args.limit, **loader_kwargs)
    except datasets.CIFAR10Unavailable as error:
        print(f"error: {error.args[0]}", file=sys.stderr)
        return 2
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from augcourse._tf import tf

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = args.name or f"study_{data.source}"
    json_path = out / f"{stem}.json"
    settings = {"source": data.source, "sizes": data.sizes(), "epochs": args.epochs,
                "batch_size": args.batch_size, "seed": args.seed, "limit": args.limit}
    results = {"settings": settings, "runs": {}, "timing": []}
    if json_path.exists():
        old = json.loads(json_path.read_text())
        if old.get("settings") == settings:
            results = old          # same settings: add to / replace runs of an earlier invocation
            print(f"adding to {json_path} (same settings)")
    results["machine"] = {"platform": platform.platform(), "python": platform.python_version(),
                          "tensorflow": tf.__version__,
                          "gpus": [d.name for d in tf.config.list_physical_devices("GPU")]}
    print(f"CIFAR-10 {data.source}: {settings['sizes']}, batch {args.batch_size}, seed {args.seed}")
    for name in args.configs:
        hist, record = run(name, data, epochs=args.epochs, batch_size=args.batch_size, seed=args.seed,
                           progress=True)
        results["runs"][name] = {"record": record, "history": hist}
        _write_json(json_path, results)
    records = [results["runs"][n]["record"] for n in results["runs"]]
    if records:
        print(results_table(records))
        fig = plot_histories({n: r["history"] for n, r in results["runs"].items()},
                             {n: r["record"]["label"] for n, r in results["runs"].items()})
        fig.savefig(out / f"{stem}_curves.png", dpi=100)
        plot_gaps(records).savefig(out / f"{stem}_gaps.png", dpi=100)
    timing = [n for n in args.timing]
    if any(CONFIGS[n].pipeline.startswith("core") for n in timing) and not core_available():
        print("note: augcourse.augment is not available: core pipelines skipped", file=sys.stderr)
        timing = [n for n in timing if not CONFIGS[n].pipeline.startswith("core")]
    if timing:
        results["timing"] = time_epochs(timing, data, rounds=args.rounds, batch_size=args.batch_size,
                                        seed=args.seed, progress=True)
        results["timing_method"] = ("median training-loop seconds of one fit(epochs=1) per round, "
                                    f"{args.rounds} rounds interleaved, after one warm-up epoch")
        print(timing_table(results["timing"]))
        plot_epoch_times(results["timing"]).savefig(out / f"{stem}_epoch_times.png", dpi=100)
    plt.close("all")
    _write_json(json_path, results)
    print(f"wrote {json_path} and PNG plots to {out}/")
    return 0


def _write_json(path, results):
    path.write_text(json.dumps(_jsonable(results), indent=1) + "\n")


if __name__ == "__main__":
    sys.exit(main())
