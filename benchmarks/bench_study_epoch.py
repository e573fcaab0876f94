"""Where the study's epoch goes: the notes' ImageDataGenerator flows against tf.data from the arrays.

The study's earlier 12-epoch runs (``notebooks/study_results/seeds_subset.json``, replaced by the converged
grid; git history keeps it) recorded about 17 s per training epoch of the study's network on the 3,961
training images of the bundled subset; the converged
grid (``augcourse.study.grid``) trains the same network on the same images in about 2–3 s. This script
takes the difference apart in one process, with the study's own model (``build_model``), batch 64 and
callbacks-free ``fit(epochs=1)`` calls, feeding the same images five ways:

  recorded      the 12-epoch runs' pipeline: IDG flow (rescale only) for training and for validation,
                with steps_per_epoch and validation_steps (``study.build_pipeline("none")``)
  idg_train     IDG flow for training, validation from the rescaled arrays
  arrays        tf.data from the arrays for training, validation from the arrays (the grid's "none")
  idg_flip      the notes' flip through IDG flows (``study.build_pipeline("idg")``)
  core_flip     the same flip drawn by the course's core in tf.data (the grid's "flip")

Every door first trains one warm-up epoch; then each round trains one epoch of every door, in a
rotating order, and the median over rounds is reported. Per epoch it records the training loop (wall
and CPU seconds of this process, from ``on_epoch_begin`` to the start of validation: the study's
``epoch_timer``), the validation pass, and the whole ``fit()`` call (which adds what Keras does before
the first and after the last step, such as building and winding down the input pipeline).

    .venv/bin/python benchmarks/bench_study_epoch.py              # 3 rounds on all 3,961 images (committed)
    .venv/bin/python benchmarks/bench_study_epoch.py --quick      # 1 round on 512 images (a smoke run)

Writes benchmarks/results/study_epoch_latest.json and study_epoch_latest.txt (the printed table). Not a
test: it prints numbers and ratios, and asserts nothing.
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
from augcourse.study import build_pipeline, epoch_timer, load_data, quiet_fit  # noqa: E402
from augcourse.study.configs import PIXEL_SCALE  # noqa: E402
from augcourse.study.grid import get_grid_config, train_dataset  # noqa: E402
from augcourse.study.model import build_model  # noqa: E402

warnings.simplefilter("ignore", DeprecationWarning)
RESULTS = Path(__file__).resolve().parent / "results"
BATCH = 64
LABELS = {"recorded": "IDG flows, train + validation (recorded runs)",
          "idg_train": "IDG flow train, array validation",
          "arrays": "tf.data train, array validation (grid)",
          "idg_flip": "IDG flows with the flip",
          "core_flip": "core flip in tf.data (grid)"}


def validation_timer():
    """A callback timing each validation pass (``.times``, wall seconds)."""
    class ValidationTimer(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.times, self._start = [], None

        def on_test_begin(self, logs=None):
            self._start = time.perf_counter()

        def on_test_end(self, logs=None):
            self.times.append(time.perf_counter() - self._start)

    return ValidationTimer()


def doors(data):
    """name -> (model, train input, fit keywords), everything built before anything is timed."""
    val = (data.val_images.astype(np.float32) * PIXEL_SCALE, data.val_oh_labels)
    out = {}
    for name, config in (("recorded", "none"), ("idg_flip", "idg"), ("arrays", "none_tfdata")):
        model, train, validation, steps, val_steps = build_pipeline(config, data, BATCH, seed=0)
        out[name] = (model, train, dict(steps_per_epoch=steps, validation_data=validation,
                                        validation_steps=val_steps))
    recorded_train = build_pipeline("none", data, BATCH, seed=0)[1]
    out["idg_train"] = (build_model(seed=0), recorded_train, dict(validation_data=val))
    flip = train_dataset(get_grid_config("flip"), data.tr_images, data.tr_oh_labels, batch_size=BATCH, seed=0)
    out["core_flip"] = (build_model(seed=0), flip, dict(validation_data=val))
    return {name: out[name] for name in LABELS}


def one_epoch(model, train, fit_kwargs):
    """``(train loop s, train loop CPU s, validation s, whole fit() s)`` of one epoch."""
    timer, val_timer = epoch_timer(), validation_timer()
    start = time.perf_counter()
    quiet_fit(model, train, epochs=1, verbose=0, callbacks=[timer, val_timer], **fit_kwargs)
    return timer.times[0], timer.cpu_times[0], val_timer.times[0], time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 round on 512 images (a smoke run)")
    parser.add_argument("--rounds", type=int, default=None, help="rounds (default 3, quick 1)")
    parser.add_argument("--out", default=str(RESULTS), help="folder for study_epoch_latest.json and .txt")
    args = parser.parse_args(argv)
    rounds = args.rounds or (1 if args.quick else 3)
    data = load_data("subset", limit=512 if args.quick else None)
    runs = doors(data)
    names = list(runs)
    times = {name: [] for name in names}
    for name in names:                                  # warm-up: tracing, first iterators
        one_epoch(*runs[name])
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            times[name].append(one_epoch(*runs[name]))
            loop, cpu, val, whole = times[name][-1]
            print(f"round {r + 1}: {name:<10} loop {loop:6.2f} s (CPU {cpu:6.2f} s), validation {val:5.2f} s, "
                  f"fit() {whole:6.2f} s", flush=True)

    medians = {name: [statistics.median(t[k] for t in times[name]) for k in range(4)] for name in names}
    floor = medians["arrays"][0]
    lines = [f"One epoch of the study's network, {len(data.tr_images)} training and {len(data.val_images)} "
             f"validation images, batch {BATCH}, median of {rounds} rounds",
             f"{'input pipeline':<48}{'loop s':>8}{'CPU s':>8}{'val s':>7}{'fit() s':>9}{'loop / tf.data':>16}"]
    for name in names:
        loop, cpu, val, whole = medians[name]
        lines.append(f"{LABELS[name]:<48}{loop:>8.2f}{cpu:>8.2f}{val:>7.2f}{whole:>9.2f}{loop / floor:>15.1f}x")
    lines.append(f"IDG per image, rescale only: {(medians['idg_train'][0] - floor) / len(data.tr_images) * 1e3:.2f} ms "
                 "more than tf.data in the training loop")
    text = "\n".join(lines)
    print("\n" + text)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "study_epoch_latest.txt").write_text(text + "\n")
    record = {"benchmark": "bench_study_epoch", "quick": args.quick, "rounds": rounds,
              "images": {"train": len(data.tr_images), "validation": len(data.val_images)}, "batch": BATCH,
              "labels": LABELS, "columns": ["loop_s", "loop_cpu_s", "validation_s", "fit_s"],
              "epochs": times, "medians": medians,
              "machine": {"python": platform.python_version(), "cpu_count": os.cpu_count(),
                          "platform": platform.platform(), "tensorflow": tf.__version__, "keras": keras.__version__,
                          "load_average": os.getloadavg()},
              "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (out / "study_epoch_latest.json").write_text(json.dumps(record, indent=2) + "\n")
    print(f"wrote {out / 'study_epoch_latest.json'}")
    return record


if __name__ == "__main__":
    main()
