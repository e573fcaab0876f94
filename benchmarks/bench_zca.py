"""The cost of ImageDataGenerator's ZCA whitening, and how IDG's whitening treats held-out images (lesson 12).

Lesson 12 times ZCA on 400 images in the notebook; this script measures what a notebook should not wait
for, on the bundled CIFAR-10 subset (pixels scaled to [0, 1], as in the lesson):

  fit           ``ImageDataGenerator(zca_whitening=True).fit(x)`` on the first 400 training images (the
                lesson's fit set) and on all 4,660: wall seconds, and the peak memory the fit adds to the
                process (resident memory sampled every 5 ms during the fit, above what it was before;
                each fit runs in a fresh child process)
  flow          images/s of ``flow()`` over the 400 images with the ZCA matrix of the 400-image fit, at
                batch 32 (IDG's default) and at batch 400 (the lesson's single batch), against ``flow()``
                with geometric transforms only (rotation 20°, shifts 0.1, zoom 0.1, horizontal flip) at
                batch 32; after a warm-up pass, each round times one pass of every case in a rotating
                order, and the median over rounds is reported (min and max are in the JSON)
  held-out      with the 4,660-image matrix (more images than the 3,072 values of an image): the RMS of the
                846 whitened test images over the RMS of the whitened fit set, and their largest |value|

The time per image of ``flow()`` with ZCA is the same at every batch size: IDG whitens one image at a time
(``standardize`` multiplies each flattened image by the 3,072 x 3,072 float64 matrix), so a batch of 400
does 400 such products, as do 13 batches of 32 (the JSON keeps the rounds, so the spread between them
shows how much a shared machine moves a single timing).

    .venv/bin/python benchmarks/bench_zca.py                 # the committed run: 5 rounds, both fits (~3 min)
    .venv/bin/python benchmarks/bench_zca.py --quick         # 2 rounds, no 4,660-image fit (~30 s)

Writes benchmarks/results/zca_latest.json and zca_latest.txt (the printed table). Not a test: it prints
numbers, and asserts nothing.
"""

import argparse
import json
import multiprocessing
import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIT_SETS = (400, 4660)
BATCHES = (32, 400)
GEOMETRY = {"rotation_range": 20, "width_shift_range": 0.1, "height_shift_range": 0.1, "zoom_range": 0.1,
            "horizontal_flip": True}


def _images():
    """The subset's training and test images as float32 in [0, 1]."""
    import numpy as np

    from augcourse.datasets import load_cifar10

    (x_train, _), (x_test, _), _ = load_cifar10("subset")
    return x_train.astype(np.float32) / 255.0, x_test.astype(np.float32) / 255.0


def _rss_mib():
    """This process's resident memory now (Linux: /proc/self/statm)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class PeakMemory:
    """The largest resident memory of this process while the ``with`` block runs, sampled every 5 ms by
    a thread, above what it was when the block began (``added_mib``)."""

    def __enter__(self):
        import threading

        self.before = self.peak = _rss_mib()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._done.wait(0.005):
            self.peak = max(self.peak, _rss_mib())

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_mib())
        self.added_mib = self.peak - self.before


def fit_in_child(n, queue):
    """Fit IDG's ZCA on the first ``n`` training images in this (fresh) process; report the seconds, the
    peak memory the fit added, and (for n > 3,072) what the matrix does to held-out images."""
    import numpy as np

    from augcourse import tf  # noqa: F401 - TensorFlow loaded before the baseline, as in a lesson
    from tensorflow.keras.preprocessing.image import ImageDataGenerator

    x_train, x_test = _images()
    x = x_train[:n]
    with warnings.catch_warnings(), PeakMemory() as memory:
        warnings.simplefilter("ignore")                          # ZCA switches featurewise_center on
        zca = ImageDataGenerator(zca_whitening=True)
        start = time.perf_counter()
        zca.fit(x)
        seconds = time.perf_counter() - start
    result = {"n": n, "fit_s": seconds, "peak_added_mib": memory.added_mib,
              "matrix_mib": zca.zca_whitening_matrix.nbytes / 2**20}
    if n > x.shape[1] * x.shape[2] * x.shape[3]:
        white = np.concatenate([next(zca.flow(x[i:i + 500], batch_size=500, shuffle=False))
                                for i in range(0, n, 500)])
        held = next(zca.flow(x_test, batch_size=len(x_test), shuffle=False))
        rms = lambda a: float(np.sqrt(np.mean(np.square(a, dtype=np.float64))))   # noqa: E731
        result.update(held_out_images=len(x_test), rms_fit=rms(white), rms_held=rms(held),
                      rms_ratio=rms(held) / rms(white), held_max_abs=float(np.abs(held).max()),
                      fit_max_abs=float(np.abs(white).max()))
    queue.put(result)


def time_fit(n):
    """``fit_in_child(n)`` in a fresh process (spawned: nothing inherited from this one)."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=fit_in_child, args=(n, queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def time_flows(rounds):
    """images/s of each flow case, per round (see the module docstring)."""
    from augcourse import tf  # noqa: F401
    from tensorflow.keras.preprocessing.image import ImageDataGenerator

    x = _images()[0][:400]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        zca = ImageDataGenerator(zca_whitening=True)
        zca.fit(x)
    geometry = ImageDataGenerator(**GEOMETRY)
    cases = {f"ZCA, batch {b}": (zca, b) for b in BATCHES}
    cases["geometric transforms, batch 32"] = (geometry, 32)

    def one_pass(generator, batch):
        iterator = generator.flow(x, batch_size=batch, shuffle=False)
        start, done = time.perf_counter(), 0
        while done < len(x):
            done += len(next(iterator))
        return done / (time.perf_counter() - start)

    for generator, batch in cases.values():                     # warm-up
        one_pass(generator, batch)
    names = list(cases)
    rates = {name: [] for name in names}
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            rates[name].append(one_pass(*cases[name]))
    return rates


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="2 rounds and no 4,660-image fit")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    rounds = 2 if args.quick else args.rounds
    started = time.time()
    fits = [time_fit(n) for n in (FIT_SETS[:1] if args.quick else FIT_SETS)]
    rates = time_flows(rounds)
    result = {
        "time": time.strftime("%Y-%m-%d %H:%M"),
        "machine": {"cpus": os.cpu_count(), "processor": platform.processor() or platform.machine(),
                    "python": platform.python_version(),
                    "threads": {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}},
        "rounds": rounds, "fits": fits,
        "flow_images_per_s": {name: {"median": statistics.median(v), "min": min(v), "max": max(v), "rounds": v}
                              for name, v in rates.items()},
        "seconds": round(time.time() - started, 1),
    }
    lines = ["ImageDataGenerator ZCA on the bundled CIFAR-10 subset (pixels in [0, 1]), "
             f"{os.cpu_count()} CPUs"]
    for fit in fits:
        lines.append(f"fit() on {fit['n']:>5} images: {fit['fit_s']:6.1f} s, peak memory added "
                     f"{fit['peak_added_mib']:6.0f} MiB (the matrix: {fit['matrix_mib']:.0f} MiB)")
    lines.append(f"flow() over 400 images, median of {rounds} rounds (min-max):")
    for name, v in result["flow_images_per_s"].items():
        lines.append(f"    {name:<32} {v['median']:7.0f} images/s   ({v['min']:.0f}-{v['max']:.0f})")
    held = next((fit for fit in fits if "rms_ratio" in fit), None)
    if held:
        lines.append(f"held-out ({held['held_out_images']} test images) through the {held['n']}-image matrix: "
                     f"RMS {held['rms_ratio']:.2f} x the fit set's, largest |value| {held['held_max_abs']:.0f} "
                     f"(fit set: {held['fit_max_abs']:.0f})")
    text = "\n".join(lines)
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "zca_latest.json").write_text(json.dumps(result, indent=1) + "\n")
    (args.out / "zca_latest.txt").write_text(text + "\n")


if __name__ == "__main__":
    main()
