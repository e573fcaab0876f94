"""What does augmentation add to a training epoch? Paired epochs on the bundled CIFAR-10 subset.

A small CNN (3 blocks of 2 x Conv3x3 with 32/64/128 filters + max-pool, global average pool,
Dense(10)) trains with batch 64 on the 4,660 bundled CIFAR-10 training images, fed eight ways:

  none         tf.data: shuffle -> batch -> cast -> prefetch (no augmentation)
  idg          model.fit(ImageDataGenerator(...).flow(x, y, batch_size=64))
  core_tfdata  model.fit(Augment(...).to_dataset(x, y, batch_size=64))  (NumPy core in a parallel map)
  core_tfdata_cv1  the same with OpenCV limited to one thread during its epochs: tf.data's
               parallel map already runs batches side by side, and OpenCV's own pool (2 threads
               by default here) then only burns CPU; a training script can call
               cv2.setNumThreads(1) (the library never changes it)
  core_layer   Augment(...).to_layer() as the model's first layer, fed like "none"
  keras_tfdata the Keras 3 layers Augment(...).to_keras_code() prints, in a tf.data map on batches
               (Keras has no multiplying brightness: that transform is left out)
  keras_layer  the same layers as the model's first layers, fed like "none"
  albumentations_tfdata  the Compose Augment(...).to_albumentations_code() prints, per image
               through tf.numpy_function in a parallel tf.data map, then batched

with the study's transform set (augcourse.study.TIMING_TRANSFORMS, which bench_augment.py and
notebook 17 use too). Each configuration first trains one warm-up epoch.
Then, per round, every augmented epoch is bracketed by no-augmentation epochs
(N A N B N ... N) and its overhead is epoch / mean(its two brackets) - 1; the median over rounds
is reported. An epoch is the training loop, timed by the study's one epoch timer
(augcourse.study.timed_epoch) from on_epoch_begin to on_epoch_end, not the wall time of fit()
(tf.data can stall at teardown on CPU; see shared/reference/augmentation-speed.md section 4). TensorFlow uses its default threading.
The same brackets give a CPU-time overhead (process CPU seconds, all threads): on a machine
that other programs load, wall times drift by more than the effect measured, while the extra
CPU time the augmentation costs stays put.

    .venv/bin/python benchmarks/bench_epoch.py                       # 5 rounds, all 4,660 images (the committed run)
    .venv/bin/python benchmarks/bench_epoch.py --quick --rounds 3    # 1,024 images, 3 rounds
    .venv/bin/python benchmarks/bench_epoch.py --quick               # 1 round on 1,024 images

(the full run took 11 minutes on the 2-core machine of the committed results, where an epoch of all
4,660 images takes ~6 s, and about 30 minutes on a slower 2-core VM: eight configurations with a
warm-up epoch each and two bracket epochs per measured one add up)

Writes benchmarks/results/epoch_latest.json and epoch_latest.txt (the printed table). Not a test: it
prints numbers, asserts nothing.
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

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from augcourse._tf import keras, tf  # noqa: E402
from augcourse.augment import Augment  # noqa: E402
from augcourse.augment.albumentations_code import albumentations_compose  # noqa: E402
from augcourse.augment.keras_code import keras_stack  # noqa: E402
from augcourse.datasets import load_cifar10  # noqa: E402
from augcourse.study import TIMING_TRANSFORMS as SPEC  # noqa: E402
from augcourse.study import array_dataset, timed_epoch  # noqa: E402
from augcourse.study.configs import PIXEL_SCALE  # noqa: E402

warnings.simplefilter("ignore", DeprecationWarning)       # IDG calls scipy.ndimage.interpolation
RESULTS = Path(__file__).resolve().parent / "results"
BATCH = 64
CONFIGS = ("idg", "core_tfdata", "core_tfdata_cv1", "core_layer", "keras_tfdata", "keras_layer",
           "albumentations_tfdata")
LABELS = {"none": "no augmentation (tf.data)", "idg": "ImageDataGenerator.flow",
          "core_tfdata": "augcourse core, tf.data", "core_tfdata_cv1": "  same, cv2.setNumThreads(1)",
          "core_layer": "augcourse core, in-model layer", "keras_tfdata": "Keras 3 layers, tf.data",
          "keras_layer": "Keras 3 layers, in the model", "albumentations_tfdata": "albumentations, tf.data"}


def build_model(augment_layer=None, seed=0):
    """The small CNN; inputs are 0-255 floats, rescaled inside the model."""
    keras.utils.set_random_seed(seed)
    layers = [keras.Input((32, 32, 3))] + ([augment_layer] if augment_layer is not None else [])
    layers.append(keras.layers.Rescaling(PIXEL_SCALE))
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
    """tf.data: shuffle -> batch -> cast to float32 0-255 -> prefetch, with tf.data's autotuning on."""
    return array_dataset(x, y, BATCH, seed, rescale=False, autotune=True)


def albumentations_dataset(compose, x, y, seed=0):
    """tf.data: shuffle -> one image at a time through the Compose (tf.numpy_function) -> batch -> float32."""
    def one(image):
        return compose(image=image)["image"]

    def augment(image, label):
        out = tf.numpy_function(one, [image], tf.uint8, stateful=True)
        out.set_shape(image.shape)
        return out, label

    return (tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=seed)
            .map(augment, num_parallel_calls=tf.data.AUTOTUNE).batch(BATCH)
            .map(lambda a, b: (tf.cast(a, tf.float32), b)).prefetch(tf.data.AUTOTUNE))


def setups(x, y):
    """name -> (model, data) for every configuration, all built before anything is timed."""
    aug = Augment(**SPEC)
    idg = tf.keras.preprocessing.image.ImageDataGenerator(**SPEC)
    keras.utils.set_random_seed(0)
    tfdata_layers, model_layers = keras_stack(aug), keras_stack(aug)
    keras_data = plain_dataset(x, y).map(lambda xb, yb: (tfdata_layers(xb, training=True), yb),
                                         num_parallel_calls=tf.data.AUTOTUNE)
    return {
        "none": (build_model(), plain_dataset(x, y)),
        "idg": (build_model(), idg.flow(x, y, batch_size=BATCH, seed=0)),
        "core_tfdata": (build_model(), aug.to_dataset(x, y, batch_size=BATCH, seed=0)),
        "core_tfdata_cv1": (build_model(), aug.to_dataset(x, y, batch_size=BATCH, seed=0)),
        "core_layer": (build_model(aug.to_layer(seed=0)), plain_dataset(x, y)),
        "keras_tfdata": (build_model(), keras_data),
        "keras_layer": (build_model(model_layers), plain_dataset(x, y)),
        "albumentations_tfdata": (build_model(), albumentations_dataset(albumentations_compose(aug, seed=0), x, y)),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 round on 1,024 images (a smoke run)")
    parser.add_argument("--rounds", type=int, default=None, help="rounds of bracketed epochs (default 5, quick 1)")
    parser.add_argument("--out", default=str(RESULTS), help="folder for epoch_latest.json and epoch_latest.txt")
    args = parser.parse_args(argv)
    rounds = args.rounds or (1 if args.quick else 5)
    (x, y), _, _ = load_cifar10("subset")
    if args.quick:
        x, y = x[:1024], y[:1024]

    runs = setups(x, y)
    wall = {name: [] for name in runs}
    cpu = {name: [] for name in runs}
    overhead = {name: [] for name in CONFIGS}
    cpu_overhead = {name: [] for name in CONFIGS}

    def record(name):
        opencv_threads = cv2.getNumThreads()
        if name == "core_tfdata_cv1":        # tf.data's parallel map already runs batches side by side
            cv2.setNumThreads(1)
        try:
            seconds, cpu_seconds = timed_epoch(*runs[name])     # wall s, CPU s of this process
        finally:
            cv2.setNumThreads(opencv_threads)
        wall[name].append(seconds)
        cpu[name].append(cpu_seconds)

    for name in runs:                        # warm-up epochs (tracing, first iterators), not reported
        record(name)
    warmup = {name: wall[name].pop() for name in runs}
    for name in runs:
        cpu[name].pop()
    record("none")
    for r in range(rounds):
        order = CONFIGS[r % len(CONFIGS):] + CONFIGS[:r % len(CONFIGS)]
        for name in order:
            record(name)
            record("none")
            overhead[name].append(wall[name][-1] / statistics.mean(wall["none"][-2:]) - 1)
            cpu_overhead[name].append(cpu[name][-1] / statistics.mean(cpu["none"][-2:]) - 1)
            print(f"round {r + 1}: {name:<12} {wall[name][-1]:6.2f} s (brackets {wall['none'][-2]:.2f} / "
                  f"{wall['none'][-1]:.2f}) {overhead[name][-1]:+7.1%}   CPU {cpu[name][-1]:6.2f} s (brackets "
                  f"{cpu['none'][-2]:.2f} / {cpu['none'][-1]:.2f}) {cpu_overhead[name][-1]:+7.1%}", flush=True)

    lines = []

    def report(line=""):
        print(line)
        lines.extend(str(line).splitlines() or [""])

    base, base_cpu = statistics.median(wall["none"]), statistics.median(cpu["none"])
    report(f"\nOne training epoch, {len(x)} CIFAR-10 images, batch {BATCH}, small CNN, median of {rounds} "
          f"bracketed rounds (no-augmentation epoch: {base:.2f} s wall, {base_cpu:.2f} CPU-s)")
    report(f"{'input pipeline':<34}{'epoch s':>9}{'CPU s':>8}{'wall overhead':>15}{'CPU overhead':>14}"
          "   wall overhead per round")
    report(f"{LABELS['none']:<34}{base:>9.2f}{base_cpu:>8.2f}{'-':>15}{'-':>14}")
    summary = {}
    for name in CONFIGS:
        summary[name] = {"median_overhead": statistics.median(overhead[name]), "overheads": overhead[name],
                         "median_cpu_overhead": statistics.median(cpu_overhead[name]),
                         "cpu_overheads": cpu_overhead[name], "median_epoch_s": statistics.median(wall[name]),
                         "median_epoch_cpu_s": statistics.median(cpu[name]), "warmup_epoch_s": warmup[name]}
        row = summary[name]
        report(f"{LABELS[name]:<34}{row['median_epoch_s']:>9.2f}{row['median_epoch_cpu_s']:>8.2f}"
              f"{row['median_overhead']:>+15.1%}{row['median_cpu_overhead']:>+14.1%}   "
              + ", ".join(f"{v:+.1%}" for v in overhead[name]))
    report("(CPU overhead: extra CPU time of this process; it is what the augmentation costs when other "
          "programs load the machine and wall times drift)")
    for name in ("core_tfdata", "core_layer"):
        row = summary[name]
        met = row["median_overhead"] <= 0.03
        report(f"target <= +3% for {LABELS[name]}: wall {row['median_overhead']:+.1%} ({'met' if met else 'MISSED'}), "
              f"CPU {row['median_cpu_overhead']:+.1%}")

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "epoch_latest.txt").write_text("\n".join(lines).strip() + "\n")
    record = {"benchmark": "bench_epoch", "quick": args.quick, "rounds": rounds, "images": len(x), "batch": BATCH,
              "spec": SPEC, "labels": LABELS, "none_epoch_s": wall["none"], "none_epoch_cpu_s": cpu["none"],
              "warmup_epoch_s": warmup["none"],
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
