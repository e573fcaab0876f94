"""How fast is the augcourse core next to its peers? Augmentation-only throughput, one thread.

Every method maps the same uint8 batch of real CIFAR-10 photos (32x32, batch 256; and the
same photos resized to 224x224, batch 32) to an augmented float32 batch with the same
transform set (augcourse.study.TIMING_TRANSFORMS, shared with bench_epoch.py and the study):
horizontal flip p=0.5, rotation +-20 deg, shift +-10 %, zoom 0.8-1.2, shear 10
deg, brightness x0.7-1.3, channel shift +-30, fill "nearest", bilinear.

    .venv/bin/python benchmarks/bench_augment.py            # full run, ~1 minute
    .venv/bin/python benchmarks/bench_augment.py --quick    # smoke run, ~15 seconds

Methods (side by side in one run, repetitions interleaved round-robin, median reported):
  idg            ImageDataGenerator(...).flow(x, batch_size=B), timing next(it)
  keras_chain    the Keras 3 layer stack the playground prints for the spec (Augment.to_keras_code),
                 built from that very source by augcourse.augment.keras_code.keras_stack (as
                 bench_epoch.py does), in one tf.function; Keras 3 has no multiplying brightness,
                 so its stack does one transform fewer
  core           augcourse Augment.augment (NumPy + OpenCV: one warp per image, batched colour)
  core_tf        augcourse Augment.to_layer() in a tf.function (TF ops, the in-model/GPU door)
  albumentations the Compose the playground prints (Augment.to_albumentations_code), built from that
                 source by augcourse.augment.albumentations_code.albumentations_compose, per image
                 (skipped when albumentations is not installed)
  floor_compute  the compute floor, the least work any implementation of the core's result must do:
                 a bare loop calling cv2.warpAffine once per image with a fixed matrix (drawn before
                 the timing), from the same uint8 batch the core gets (each image converted to float32
                 in the loop, as the core interpolates in float), then the colour pass: each image's
                 min/max and one fused add-multiply-clip over the batch. No sampling, no matrix
                 building, no checks; it gives the core's pixels for the same draws (tested)
  floor_copy     numpy copy of the uint8 batch (the memory floor)

The core's fraction of the compute floor (target: at least 90 % at both sizes) is printed twice: by
wall clock, like every other row, and by this process's CPU time over the same repetitions (the
study's one timer, augcourse.study.epoch_timer; both are one-thread NumPy/OpenCV loops): when other
programs load the machine, wall-clock rates drift by more than the few per cent that fraction turns
on, while CPU time stays put.

Writes benchmarks/results/latest.json, latest.txt (the printed tables) and latest.png. Not a test: it
prints numbers and asserts nothing. The machine may be shared: read the ratios, measured side
by side, rather than the absolute figures.
"""

import os

for _name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "TF_NUM_INTRAOP_THREADS",
              "TF_NUM_INTEROP_THREADS"):
    os.environ[_name] = "1"                     # one thread, set before NumPy/TF/OpenCV load

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from augcourse._tf import keras, tf  # noqa: E402

tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.threading.set_inter_op_parallelism_threads(1)
cv2.setNumThreads(1)
warnings.simplefilter("ignore", DeprecationWarning)       # IDG calls scipy.ndimage.interpolation

from augcourse.augment import Augment  # noqa: E402
from augcourse.augment.albumentations_code import albumentations_compose  # noqa: E402
from augcourse.augment.keras_code import keras_stack  # noqa: E402
from augcourse.augment.options import FILL  # noqa: E402
from augcourse.datasets import load_cifar10  # noqa: E402
from augcourse.study import TIMING_TRANSFORMS as SPEC  # noqa: E402
from augcourse.study import epoch_timer, images_per_s  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
SIZES = {"32x32": (32, 256), "224x224": (224, 32)}
LABELS = {"idg": "ImageDataGenerator.flow", "keras_chain": "Keras 3 layers (keras_stack)",
          "core": "augcourse core (NumPy/OpenCV)", "core_tf": "augcourse core (TF layer)",
          "albumentations": "albumentations (compose)", "floor_compute": "floor: cv2.warpAffine loop + colour",
          "floor_copy": "floor: numpy copy of the batch"}
PEERS = ("idg", "keras_chain", "albumentations")
FLOOR_TARGET = 0.9          # the core should reach at least 90 % of the compute floor's throughput


def photos(size, n):
    """n real CIFAR-10 training photos at size x size (resized with OpenCV when size != 32)."""
    (x, _), _, _ = load_cifar10("subset")
    x = x[:n]
    if size == 32:
        return np.ascontiguousarray(x)
    return np.stack([cv2.resize(im, (size, size), interpolation=cv2.INTER_LINEAR) for im in x])


def floor_inputs(aug, images, seed):
    """What the compute floor takes as fixed: the core's draws for ``images`` with ``seed``, drawn once.

    Returns (2x3 float64 matrices (N, 2, 3), offsets (N, 1, 1, 1), factors (N, 1, 1, 1)), float32 terms.
    """
    params = aug.sample(len(images), images.shape[1:], seed=seed)
    affine = np.ascontiguousarray(params.matrices[:, :2], dtype=np.float64)
    add = np.asarray(params.channel_shift, np.float32).reshape(-1, 1, 1, 1)
    mul = np.asarray(params.brightness, np.float32).reshape(-1, 1, 1, 1)
    return affine, add, mul


def compute_floor(images, affine, add, mul, flags, border):
    """The bare compute floor: one cv2.warpAffine per image, then one fused add-multiply-clip.

    ``images`` is the uint8 (N, H, W, C) batch the core gets; each image becomes float32 in the loop
    (in cache) because the core interpolates in float. The clip limits are the core's colour pass
    (``augcourse.augment.colour``): each warped image's min/max, scaled by its factor, held to 0..255.
    """
    n, h, w, c = images.shape
    out = np.empty(images.shape, np.float32)
    src, dst = (images[..., 0], out[..., 0]) if c == 1 else (images, out)
    for image, target, matrix in zip(src, dst, affine):
        cv2.warpAffine(image.astype(np.float32), matrix, (w, h), target, flags, border)
    flat = out.reshape(n, -1)
    lo, hi = flat.min(axis=1).reshape(-1, 1, 1, 1), flat.max(axis=1).reshape(-1, 1, 1, 1)
    low = np.maximum(lo * mul, np.where(lo < 0, -np.inf, 0.0)).astype(np.float32)
    high = np.minimum(hi * mul, np.where(hi <= 1.0, 1.0, np.maximum(hi, 255.0))).astype(np.float32)
    np.add(out, add, out=out)
    np.multiply(out, mul, out=out)
    return np.clip(out, low, high, out=out)


def make_methods(x, batch):
    """name -> function(k) that augments the k-th batch of x (all return float32 batches)."""
    batches = [x[i:i + batch] for i in range(0, len(x) - batch + 1, batch)]
    tensors = [tf.constant(b) for b in batches]
    shape = x.shape[1:]
    methods = {}

    idg = tf.keras.preprocessing.image.ImageDataGenerator(**SPEC)
    flow = idg.flow(x, batch_size=batch, shuffle=False, seed=0)
    methods["idg"] = lambda k: next(flow)

    aug = Augment(**SPEC)
    keras.utils.set_random_seed(0)
    chain = keras_stack(aug, shape)                 # the playground's Keras source, built (as bench_epoch.py)
    chain_fn = tf.function(lambda b: chain(tf.cast(b, tf.float32), training=True))
    methods["keras_chain"] = lambda k: chain_fn(tensors[k % len(tensors)])

    methods["core"] = lambda k: aug.augment(batches[k % len(batches)], seed=k)

    layer = aug.to_layer(seed=0)
    layer_fn = tf.function(lambda b: layer(b, training=True))
    methods["core_tf"] = lambda k: layer_fn(tensors[k % len(tensors)])

    try:
        compose = albumentations_compose(aug, shape, seed=0)       # the playground's Compose source, built
    except ImportError:
        print("albumentations not installed: skipped (it is a course dependency: make install)")
    else:
        methods["albumentations"] = lambda k: np.stack(
            [compose(image=im)["image"] for im in batches[k % len(batches)]]).astype(np.float32)

    fixed = [floor_inputs(aug, b, seed=k) for k, b in enumerate(batches)]      # drawn once, here
    flags = (cv2.INTER_LINEAR if aug.interpolation == "bilinear" else cv2.INTER_NEAREST) | cv2.WARP_INVERSE_MAP
    border = getattr(cv2, FILL[aug.fill_mode]["opencv"])
    assert aug.fill_mode != "constant", "the floor passes no border value"
    methods["floor_compute"] = lambda k: compute_floor(batches[k % len(batches)], *fixed[k % len(batches)],
                                                       flags, border)
    methods["floor_copy"] = lambda k: batches[k % len(batches)].copy()
    return methods


def measure(methods, batch, rounds, rep_seconds):
    """Round-robin repetitions (start rotating): (name -> img/s per round (study.images_per_s, wall clock),
    name -> img/s per round by this process's CPU time (study.epoch_timer; all threads: meaningful for
    the one-thread NumPy/OpenCV methods))."""
    calls = {}
    for name, fn in methods.items():                    # warm-up (tracing), then calibrate
        fn(0), fn(1)
        start = time.perf_counter()
        fn(2)
        calls[name] = max(1, math.ceil(rep_seconds / max(time.perf_counter() - start, 1e-6)))
    names, rates, cpu_rates = list(methods), {name: [] for name in methods}, {name: [] for name in methods}
    timer = epoch_timer()              # the study's one wall/CPU timer, here around each repetition
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            timer.on_epoch_begin(r)
            rates[name].append(images_per_s(methods[name], calls[name], batch))
            timer.on_epoch_end(r)
            cpu_rates[name].append(calls[name] * batch / max(timer.cpu_times[-1], 1e-9))
    return rates, cpu_rates


def ratio_rows(medians, cpu_medians):
    rows = []
    for peer in PEERS + ("core_tf",):
        if peer in medians:
            rows.append((f"core vs {LABELS[peer]}", medians["core"] / medians[peer]))
    if "core_tf" in medians:
        rows.append((f"core (TF layer) vs {LABELS['idg']}", medians["core_tf"] / medians["idg"]))
        rows.append((f"core (TF layer) vs {LABELS['keras_chain']}", medians["core_tf"] / medians["keras_chain"]))
    rows.append(("core as a fraction of the compute floor", medians["core"] / medians["floor_compute"]))
    rows.append(("core as a fraction of the floor, by CPU time", cpu_medians["core"] / cpu_medians["floor_compute"]))
    rows.append(("memory floor (numpy copy) vs core", medians["floor_copy"] / medians["core"]))
    return rows


def plot(results, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(results), figsize=(6.5 * len(results), 3.6))
    for ax, (size, result) in zip(np.atleast_1d(axes), results.items()):
        med = result["median_images_per_s"]
        names = [n for n in LABELS if n in med and not n.startswith("floor")]
        values = [med[n] for n in names]
        colours = ["tab:orange" if n.startswith("core") else "tab:grey" for n in names]
        ax.barh([LABELS[n] for n in names], values, color=colours)
        for i, (name, v) in enumerate(zip(names, values)):
            ax.text(v, i, f" {v:,.0f}" + ("" if name == "idg" else f"  ({v / med['idg']:.1f}x IDG)"),
                    va="center", fontsize=8)
        ax.set_xscale("log")
        ax.set_xlim(min(values) / 2, max(values) * 12)
        ax.set_title(f"{size}, batch {result['batch']}: images/s, 1 thread", fontsize=10)
        ax.invert_yaxis()
    fig.tight_layout()
    fig.savefig(path, dpi=90)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run (fewer, shorter repetitions)")
    parser.add_argument("--rounds", type=int, default=None, help="round-robin repetitions (default 7, quick 2)")
    parser.add_argument("--out", default=str(RESULTS), help="folder for latest.json, latest.txt and latest.png")
    args = parser.parse_args(argv)
    rounds = args.rounds or (2 if args.quick else 7)
    rep_seconds = 0.15 if args.quick else 0.5

    results = {}
    for size_name, (size, batch) in SIZES.items():
        x = photos(size, batch * (8 if size == 32 else 4))
        methods = make_methods(x, batch)
        rates, cpu_rates = measure(methods, batch, rounds, rep_seconds)
        medians = {name: statistics.median(r) for name, r in rates.items()}
        cpu_medians = {name: statistics.median(r) for name, r in cpu_rates.items()}
        results[size_name] = {"batch": batch, "median_images_per_s": medians,
                              "min_images_per_s": {n: min(r) for n, r in rates.items()},
                              "max_images_per_s": {n: max(r) for n, r in rates.items()},
                              "median_cpu_images_per_s": cpu_medians,
                              "ratios": dict(ratio_rows(medians, cpu_medians))}

    lines = []

    def report(line=""):
        print(line)
        lines.extend(str(line).splitlines() or [""])

    report(f"\nAugmentation throughput, 1 thread, images/s (median of {rounds} interleaved repetitions)")
    report(f"{'method':<34}" + "".join(f"{s + ' b' + str(r['batch']):>16}" for s, r in results.items()))
    for name, label in LABELS.items():
        if all(name in r["median_images_per_s"] for r in results.values()):
            report(f"{label:<34}" + "".join(f"{r['median_images_per_s'][name]:>16,.0f}" for r in results.values()))
    report(f"\n{'ratio':<48}" + "".join(f"{s:>12}" for s in results))
    for row in next(iter(results.values()))["ratios"]:
        report(f"{row:<48}" + "".join(f"{r['ratios'][row]:>11.2f}x" for r in results.values()))
    small, large = results["32x32"]["ratios"], results["224x224"]["ratios"]
    key = f"core vs {LABELS['idg']}"
    report(f"\ntargets: >= 20x IDG at 32x32: {small[key]:.1f}x ({'met' if small[key] >= 20 else 'MISSED'}); "
          f">= 8x IDG at 224x224: {large[key]:.1f}x ({'met' if large[key] >= 8 else 'MISSED'})")
    report(f"core as a fraction of its compute floor (a bare cv2.warpAffine loop + the colour pass), target >= "
           f"{FLOOR_TARGET:.0%}: " + ", ".join(
               f"{size} {r['ratios']['core as a fraction of the compute floor']:.0%} wall "
               f"({'met' if r['ratios']['core as a fraction of the compute floor'] >= FLOOR_TARGET else 'MISSED'}), "
               f"{r['ratios']['core as a fraction of the floor, by CPU time']:.0%} CPU" for size, r in results.items()))
    for size, r in results.items():
        med = r["median_images_per_s"]
        best_peer = max((p for p in PEERS if p in med), key=med.get)
        report(f"{size}: core is {'ahead of' if med['core'] > med[best_peer] else 'BEHIND'} every peer "
              f"(fastest peer: {LABELS[best_peer]}, {med['core'] / med[best_peer]:.2f}x)")

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.txt").write_text("\n".join(lines).strip() + "\n")
    record = {"benchmark": "bench_augment", "quick": args.quick, "rounds": rounds, "threads": 1,
              "spec": SPEC, "labels": LABELS, "results": results,
              "peer_code": {"keras": Augment(**SPEC).to_keras_code((32, 32, 3)),
                            "albumentations": Augment(**SPEC).to_albumentations_code((32, 32, 3))},
              "machine": {"python": platform.python_version(), "cpu_count": os.cpu_count(),
                          "platform": platform.platform(), "tensorflow": tf.__version__,
                          "keras": keras.__version__, "opencv": cv2.__version__, "numpy": np.__version__,
                          "load_average": os.getloadavg()},
              "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    with open(out / "latest.json", "w") as f:
        json.dump(record, f, indent=2)
    plot(results, out / "latest.png")
    print(f"\nwrote {out / 'latest.json'} and {out / 'latest.png'}")
    return record


if __name__ == "__main__":
    main()
