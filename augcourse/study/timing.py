"""What augmentation costs in time: training epochs through each pipeline, and augmentation alone.

``time_epochs`` times training epochs of each configuration, interleaved over rounds (the six doors
of ``TIMING_CONFIGS``: none, then ``TIMING_TRANSFORMS`` through ImageDataGenerator, the core in
tf.data and inside the model, and Keras 3 layers in tf.data and inside the model) with
``timed_epoch``, which uses the one ``epoch_timer``;
``benchmarks/bench_epoch.py`` times its epochs with ``timed_epoch`` too. ``generation_rate`` and
``core_rate`` measure ImageDataGenerator and the core without training, with ``images_per_s``
(which ``benchmarks/bench_augment.py`` uses too); ``prefetch_demo`` measures whether ``fit()`` overlaps
producing batches with training on them. Times are wall-clock seconds unless named CPU seconds.

Example:
    >>> from augcourse.study import load_data
    >>> data = load_data("subset", limit=64)
    >>> timings = time_epochs(["core_tfdata"], data, rounds=2, batch_size=32)
    >>> [(t["config"], len(t["times"]), t["epoch_s"] > 0, t["overhead"]) for t in timings]
    [('core_tfdata', 2, True, 0.0)]
"""

import math
import statistics
import time

import numpy as np

from augcourse._checks import check_int
from augcourse.language import tr
from augcourse.study.callbacks import epoch_timer
from augcourse.study.configs import BATCH_SIZE, PIXEL_SCALE, SEED, get_config
from augcourse.study.model import build_model
from augcourse.study.pipelines import build_pipeline, core_augment, idg_flows, quiet_fit


def time_epochs(names, data, *, rounds=2, batch_size=BATCH_SIZE, seed=SEED, progress=False):
    """Time one training epoch per configuration, interleaved over ``rounds``, after a warm-up epoch.

    Every configuration gets its model and pipeline first and one untimed warm-up epoch (tracing);
    then, in each round, each configuration trains one more epoch (``timed_epoch``: ``fit(epochs=1)``
    timed by ``epoch_timer`` from ``on_epoch_begin`` to ``on_epoch_end``; the training loop, no
    validation).
    Interleaving spreads background load over all configurations alike.

    Returns:
        A list of dicts: config, label, pipeline, epoch_s (median over rounds), times (all rounds),
        cpu_s (median CPU seconds of this process per epoch, all threads), cpu_times (all rounds),
        images_per_s, overhead (epoch_s / epoch_s of the first configuration − 1), extra_cpu_s
        (cpu_s − cpu_s of the first configuration). CPU seconds hardly change when other programs
        load the machine; wall-clock seconds do.

    Example: see the module's.
    """
    check_int("rounds", rounds, low=1)
    configs = [get_config(n) for n in names]
    setups = {}
    for config in configs:
        model, train, _, steps, _ = build_pipeline(config, data, batch_size, seed, with_validation=False)
        quiet_fit(model, train, epochs=1, steps_per_epoch=steps, verbose=0)    # warm-up: tracing
        setups[config.name] = (model, train, steps)
    times = {c.name: [] for c in configs}
    cpu = {c.name: [] for c in configs}
    bar = None
    if progress:
        from tqdm.auto import tqdm
        bar = tqdm(total=rounds * len(configs), desc=tr("timing"), unit="epoch")
    for _ in range(rounds):
        for config in configs:
            model, train, steps = setups[config.name]
            wall_s, cpu_s = timed_epoch(model, train, steps_per_epoch=steps)
            times[config.name].append(wall_s)
            cpu[config.name].append(cpu_s)
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


def timed_epoch(model, x, **fit_kwargs):
    """Train ``model`` one epoch on ``x``: ``(wall seconds, CPU seconds)`` of its training loop.

    ``fit(x, epochs=1, verbose=0, **fit_kwargs)`` timed by ``epoch_timer`` (CPU seconds: this
    process, all threads). ``benchmarks/bench_epoch.py`` times its epochs with it too.

    Example:
        >>> from augcourse._tf import keras
        >>> model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
        >>> model.compile(loss="mse")
        >>> wall_s, cpu_s = timed_epoch(model, np.zeros((8, 2)), y=np.zeros((8, 1)))
        >>> wall_s > 0 and cpu_s >= 0
        True
    """
    timer = epoch_timer()
    quiet_fit(model, x, epochs=1, verbose=0, callbacks=[timer], **fit_kwargs)
    return timer.times[0], timer.cpu_times[0]


def images_per_s(step, n_calls, batch_size):
    """Images per second of ``step(k)`` for k = 0 .. n_calls − 1, each call making ``batch_size`` images.

    Wall-clock time (``time.perf_counter``) of the calls alone; warm up before calling it.

    Example:
        >>> rate = images_per_s(lambda k: time.sleep(0.01), 3, batch_size=64)
        >>> 0 < rate < 64 / 0.01
        True
    """
    start = time.perf_counter()
    for k in range(n_calls):
        step(k)
    return n_calls * batch_size / (time.perf_counter() - start)


def generation_rate(config, data, *, n_batches=20, batch_size=BATCH_SIZE):
    """Images per second that ``ImageDataGenerator.flow`` produces alone (no training), via ``next()``.

    Example:
        >>> from augcourse.study import load_data
        >>> generation_rate("idg_timing", load_data("subset", limit=128), n_batches=2) > 0
        True
    """
    flow, _ = idg_flows(get_config(config), data, batch_size)
    next(flow)                                                         # warm-up
    return images_per_s(lambda k: next(flow), n_batches, batch_size)


def core_rate(config, data, *, n_batches=20, batch_size=BATCH_SIZE):
    """Images per second of the core's NumPy path (``Augment.augment``) alone, same batches as IDG.

    Example:
        >>> from augcourse.study import load_data
        >>> core_rate("core_tfdata", load_data("subset", limit=128), n_batches=2) > 0
        True
    """
    aug = core_augment(get_config(config))
    batches = [data.tr_images[i * batch_size:(i + 1) * batch_size] for i in range(n_batches)]
    aug.augment(batches[0], seed=0)                                    # warm-up
    return images_per_s(lambda i: aug.augment(batches[i], seed=i), n_batches, batch_size)


def prefetch_demo(data, *, n_batches=30, batch_size=BATCH_SIZE, seed=SEED):
    """Does ``fit()`` overlap producing batches with training on them? Measured with a slow producer.

    A Keras ``PyDataset`` hands out ready-made batches, after sleeping ``delay`` seconds per batch
    (sleeping uses no CPU, so only overlap can hide it). First the model trains on it with no delay
    (``train_s``); then ``delay`` is set so that the producer alone needs as long as training
    (``producer_s`` = n_batches × delay) and the model trains again (``both_s``). Without overlap
    ``both_s`` ≈ train_s + producer_s; with full overlap ≈ max(train_s, producer_s).

    Returns:
        dict with train_s, producer_s, both_s, sum_s, max_s (seconds, training loop only).

    Example:
        >>> from augcourse.study import load_data
        >>> demo = prefetch_demo(load_data("subset", limit=64), n_batches=2, batch_size=16)
        >>> sorted(demo), demo["sum_s"] == demo["train_s"] + demo["producer_s"]
        (['both_s', 'max_s', 'producer_s', 'sum_s', 'train_s'], True)
    """
    from augcourse._tf import keras

    x = data.tr_images[:n_batches * batch_size].astype(np.float32) * PIXEL_SCALE
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
    train_s, _ = timed_epoch(model, SlowBatches(0.0))
    delay = train_s / n_batches
    both_s, _ = timed_epoch(model, SlowBatches(delay))
    producer_s = delay * n_batches
    return {"train_s": train_s, "producer_s": producer_s, "both_s": both_s,
            "sum_s": train_s + producer_s, "max_s": max(train_s, producer_s)}
