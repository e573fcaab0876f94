"""What does augmentation add to a training epoch? Paired epochs on the bundled CIFAR-10 subset.

A small CNN (3 blocks of 2 x Conv3x3 with 32/64/128 filters + max-pool, global average pool,
Dense(10)) trains with batch 64 on the 4,660 bundled CIFAR-10 training images, fed four ways:

  none         tf.data: shuffle -> batch -> cast -> prefetch (no augmentation)
  idg          model.fit(ImageDataGenerator(...).flow(x, y, batch_size=64))
  core_tfdata  model.fit(Augment(...).to_dataset(x, y, batch_size=64))  (NumPy core in a parallel map)
  core_layer   Augment(...).to_layer() as the model's first layer, fed like "none"

with the transform set of bench_augment.py. Each configuration first trains one warm-up epoch.
Then, per round, every augmented epoch is bracketed by no-augmentation epochs
(N A N B N C N) and its overhead is epoch / mean(its two brackets) - 1; the median over rounds
is reported. An epoch is the training loop, timed by a callback from on_epoch_begin to
on_epoch_end, not the wall time of fit() (tf.data can stall at teardown on CPU; see
shared/reference/augmentation-speed.md section 4). TensorFlow uses its default threading.

    .venv/bin/python benchmarks/bench_epoch.py            # 5 rounds, ~4 minutes on 2 cores
    .venv/bin/python benchmarks/bench_epoch.py --quick    # 1 round on 1,024 images, ~1 minute

Writes benchmarks/results/epoch_latest.json. Not a test: it prints numbers, asserts nothing.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from augcourse._tf import keras, tf  # noqa: E402
from augcourse.augment import Augment  # noqa: E402
from augcourse.datasets import load_cifar10  # noqa: E402

warnings.simplefilter("ignore", DeprecationWarning)       # IDG calls scipy.ndimage.interpolation
RESULTS = Path(__file__).resolve().parent / "results"
SPEC = dict(rotation_range=20, width_shift_range=0.1, height_shift_range=0.1, zoom_range=0.2, shear_range=10,
            brightness_range=(0.7, 1.3), channel_shift_range=30, horizontal_flip=True, fill_mode="nearest")
BATCH = 64
CONFIGS = ("idg", "core_tfdata", "core_layer")
LABELS = {"none": "no augmentation (tf.data)", "idg": "ImageDataGenerator.flow",
          "core_tfdata": "augcourse core, tf.data", "core_layer": "augcourse core, in-model layer"}


class EpochTimer(keras.callbacks.Callback):
    """Seconds from on_epoch_begin to on_epoch_end, one entry per epoch."""

    def __init__(self):
        super().__init__()
        self.seconds = []

    def on_epoch_begin(self, epoch, logs=None):
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self._start)


def build_model(augment_layer=None, seed=0):
    """The small CNN; inputs are 0-255 floats, rescaled inside the model."""
    keras.utils.set_random_seed(seed)
    layers = [keras.Input((32, 32, 3))] + ([augment_layer] if augment_layer is not None else [])
    layers.append(keras.layers.Rescaling(1 / 255))
    for filters in (32, 64, 128):
        layers += [keras.layers.Conv2D(filters, 3, padding="same", activation="relu"),
                   keras.layers.Conv2D(filters, 3, padding="same", activation="relu")]
        if filters != 128:
            layers.append(keras.layers.MaxPooling2D())
    layers += [keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(10, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


def plain_dataset(x, y, seed=0):
    data = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
    return data.batch(BATCH).map(lambda a, b: (tf.cast(a, tf.float32), b),
                                 num_parallel_calls=tf.data.AUTOTUNE).prefetch(tf.data.AUTOTUNE)


def setups(x, y):
    """name -> (model, data) for every configuration, all built before anything is timed."""
    aug = Augment(**SPEC)
    idg = tf.keras.preprocessing.image.ImageDataGenerator(**SPEC)
    return {
        "none": (build_model(), plain_dataset(x, y)),
        "idg": (build_model(), idg.flow(x, y, batch_size=BATCH, seed=0)),
        "core_tfdata": (build_model(), aug.to_dataset(x, y, batch_size=BATCH, seed=0)),
        "core_layer": (build_model(aug.to_layer(seed=0)), plain_dataset(x, y)),
    }


def run_epoch(model, data):
    timer = EpochTimer()
    model.fit(data, epochs=1, verbose=0, callbacks=[timer])
    return timer.seconds[0]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 round on 1,024 images (a smoke run)")
    parser.add_argument("--rounds", type=int, default=None, help="rounds of bracketed epochs (default 5, quick 1)")
    parser.add_argument("--out", default=str(RESULTS), help="folder for epoch_latest.json")
    args = parser.parse_args(argv)
    rounds = args.rounds or (1 if args.quick else 5)
    (x, y), _, _ = load_cifar10("subset")
    if args.quick:
        x, y = x[:1024], y[:1024]

    runs = setups(x, y)
    warmup = {name: run_epoch(*runs[name]) for name in runs}
    epochs = {name: [] for name in runs}
    overhead = {name: [] for name in CONFIGS}
    previous = run_epoch(*runs["none"])
    epochs["none"].append(previous)
    for r in range(rounds):
        order = CONFIGS[r % len(CONFIGS):] + CONFIGS[:r % len(CONFIGS)]
        for name in order:
            seconds = run_epoch(*runs[name])
            after = run_epoch(*runs["none"])
            epochs[name].append(seconds)
            epochs["none"].append(after)
            overhead[name].append(seconds / ((previous + after) / 2) - 1)
            previous = after
            print(f"round {r + 1}: {name:<12} {seconds:6.2f} s, brackets {epochs['none'][-2]:.2f} / {after:.2f} s, "
                  f"overhead {overhead[name][-1]:+.1%}", flush=True)

    base = statistics.median(epochs["none"])
    print(f"\nOne training epoch, {len(x)} CIFAR-10 images, batch {BATCH}, small CNN "
          f"(median of {rounds} bracketed rounds; no-augmentation epoch {base:.2f} s)")
    print(f"{'input pipeline':<34}{'epoch s':>9}{'images/s':>10}{'overhead vs none':>18}  per round")
    print(f"{LABELS['none']:<34}{base:>9.2f}{len(x) / base:>10,.0f}{'-':>18}")
    summary = {}
    for name in CONFIGS:
        med = statistics.median(overhead[name])
        seconds = statistics.median(epochs[name])
        summary[name] = {"median_overhead": med, "overheads": overhead[name], "median_epoch_s": seconds,
                         "warmup_epoch_s": warmup[name]}
        print(f"{LABELS[name]:<34}{seconds:>9.2f}{len(x) / seconds:>10,.0f}{med:>+17.1%}  "
              + ", ".join(f"{v:+.1%}" for v in overhead[name]))
    for name in ("core_tfdata", "core_layer"):
        met = summary[name]["median_overhead"] <= 0.03
        print(f"target <= +3% for {LABELS[name]}: {summary[name]['median_overhead']:+.1%} ({'met' if met else 'MISSED'})")

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    record = {"benchmark": "bench_epoch", "quick": args.quick, "rounds": rounds, "images": len(x), "batch": BATCH,
              "spec": SPEC, "labels": LABELS, "none_epoch_s": epochs["none"], "warmup_epoch_s": warmup["none"],
              "results": summary,
              "machine": {"python": platform.python_version(), "cpu_count": os.cpu_count(),
                          "platform": platform.platform(), "tensorflow": tf.__version__, "keras": keras.__version__,
                          "numpy": np.__version__, "load_average": os.getloadavg()},
              "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    with open(out / "epoch_latest.json", "w") as f:
        json.dump(record, f, indent=2)
    print(f"\nwrote {out / 'epoch_latest.json'}")
    return record


if __name__ == "__main__":
    main()
