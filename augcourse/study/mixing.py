"""MixUp and CutMix in real training: the mixed tf.data pipeline, the grid of lesson 21, its resumable runner.

Every run trains the study's CNN (``build_model``) on batches that are flipped per image
(``keras.layers.RandomFlip("horizontal")``), then, for the mixing configurations, mixed per batch by
``keras.layers.MixUp`` or ``keras.layers.CutMix`` on one-hot labels; the loss is
``keras.losses.CategoricalCrossentropy(label_smoothing=...)``. All runs get the same number of epochs
(no early stopping) and the same learning-rate schedule. Afterwards each model is scored on clean
(only rescaled) images by ``calibration.scores``: accuracy, negative log-likelihood and expected
calibration error (15 bins).

``python -m augcourse.study.mixing`` runs the grid (6 configurations × seeds) and rewrites the JSON file
after every run, skipping the runs already in it, so an interrupted grid resumes where it stopped;
``mixing_results`` reads it back.

Example:
    >>> [c.name for c in GRID]
    ['base', 'base_ls', 'mixup', 'mixup_ls', 'cutmix', 'cutmix_ls']
    >>> config = get_mix_config("cutmix_ls")
    >>> config.mix, config.label_smoothing, run_name(config, 2)
    ('cutmix', 0.1, 'cutmix_ls/seed2')
"""

import math
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from augcourse._checks import check_choice, check_int, check_number
from augcourse.language import tr
from augcourse.study.calibration import ECE_BINS, scores
from augcourse.study.configs import BATCH_SIZE, PIXEL_SCALE, SEED

MIXUP_ALPHA = 0.2        # keras.layers.MixUp's default: lambda ~ Beta(0.2, 0.2) per image
CUTMIX_FACTOR = 1.0      # keras.layers.CutMix's default: alpha ~ U(0, 1) per batch, lambda ~ Beta(alpha, alpha)
LABEL_SMOOTHING = 0.1
LEARNING_RATE = 1e-3
MIXES = (None, "mixup", "cutmix")


@dataclass(frozen=True)
class MixConfig:
    """One configuration of the grid: which mixing layer (None, "mixup" or "cutmix") and label smoothing.

    Example:
        >>> MixConfig("mixup_ls", "mixup", 0.1, "flip + MixUp + LS 0.1").mix
        'mixup'
    """
    name: str
    mix: object = None
    label_smoothing: float = 0.0
    label: str = ""

    def __post_init__(self):
        check_choice("mix", self.mix, MIXES)
        check_number("label_smoothing", self.label_smoothing, low=0, high=1, high_inclusive=False)


GRID = (
    MixConfig("base", None, 0.0, "flip"),
    MixConfig("base_ls", None, LABEL_SMOOTHING, "flip + LS 0.1"),
    MixConfig("mixup", "mixup", 0.0, "flip + MixUp"),
    MixConfig("mixup_ls", "mixup", LABEL_SMOOTHING, "flip + MixUp + LS 0.1"),
    MixConfig("cutmix", "cutmix", 0.0, "flip + CutMix"),
    MixConfig("cutmix_ls", "cutmix", LABEL_SMOOTHING, "flip + CutMix + LS 0.1"),
)
GRID_NAMES = tuple(c.name for c in GRID)


def get_mix_config(config):
    """``config`` itself if it is a ``MixConfig``, else the grid's configuration of that name.

    Example:
        >>> get_mix_config("cutmix_ls").label_smoothing
        0.1
        >>> get_mix_config("mixup_cutmix")
        Traceback (most recent call last):
        ...
        ValueError: config must be one of 'base', 'base_ls', 'mixup', 'mixup_ls', 'cutmix', 'cutmix_ls'; got 'mixup_cutmix'.
    """
    if isinstance(config, MixConfig):
        return config
    check_choice("config", config, GRID_NAMES)
    return GRID[GRID_NAMES.index(config)]


def mixing_layer(mix, seed=SEED):
    """The Keras 3 layer for ``mix``: ``MixUp(alpha=MIXUP_ALPHA)``, ``CutMix(factor=CUTMIX_FACTOR)`` or None.

    Example:
        >>> type(mixing_layer("cutmix", seed=0)).__name__, mixing_layer(None) is None
        ('CutMix', True)
    """
    check_choice("mix", mix, MIXES)
    if mix is None:
        return None
    from augcourse._tf import keras

    if mix == "mixup":
        return keras.layers.MixUp(alpha=MIXUP_ALPHA, seed=seed)
    return keras.layers.CutMix(factor=CUTMIX_FACTOR, seed=seed)


def mixed_dataset(images, oh_labels, mix=None, *, batch_size=BATCH_SIZE, seed=SEED, parallel=True):
    """tf.data for training: shuffle → batch → rescale to 0–1 → flip per image → mix per batch.

    Args:
        images: uint8 (N, H, W, C). oh_labels: one-hot float32 (N, K) (MixUp and CutMix need floats).
        mix: None, "mixup" or "cutmix" (``mixing_layer``), applied to whole batches of ``batch_size``.
        seed: seeds the shuffle, the flip and the mixing layer.
        parallel: augment several batches at once (``num_parallel_calls=AUTOTUNE``, as the grid ran). Faster,
            but the layers' seeded draws then reach the batches in an order that changes from run to run, so
            a run is not bit-reproducible; ``parallel=False`` gives the same batches every time.

    Yields ``(images float32 (B, H, W, C) in 0–1, labels float32 (B, K))``; every label row sums to 1.

    Example:
        >>> images = np.zeros((8, 4, 4, 3), np.uint8); images[:4] = 255          # 4 white, 4 black
        >>> labels = np.eye(2, dtype=np.float32)[[0] * 4 + [1] * 4]
        >>> x, y = next(iter(mixed_dataset(images, labels, "mixup", batch_size=8, seed=0)))
        >>> tuple(x.shape), tuple(y.shape), np.allclose(y.numpy().sum(axis=1), 1)
        ((8, 4, 4, 3), (8, 2), True)
        >>> np.allclose(x.numpy().mean(axis=(1, 2, 3)), y.numpy()[:, 0], atol=1e-5)   # white share = weight
        True
    """
    from augcourse._tf import keras, tf
    from augcourse.study.pipelines import array_dataset, without_autotune

    check_int("batch_size", batch_size, low=1)
    oh_labels = np.asarray(oh_labels, dtype=np.float32)
    flip = keras.layers.RandomFlip("horizontal", seed=seed)
    mixer = mixing_layer(mix, seed=seed)

    def augment(x, y):
        x = flip(x, training=True)
        if mixer is not None:
            out = mixer({"images": x, "labels": y}, training=True)
            x, y = out["images"], out["labels"]
        return x, y

    ds = array_dataset(images, oh_labels, batch_size, seed, rescale=True)
    ds = ds.map(augment, num_parallel_calls=tf.data.AUTOTUNE if parallel else None).prefetch(tf.data.AUTOTUNE)
    return without_autotune(ds)


def build_mix_model(label_smoothing=0.0, *, seed=SEED, total_steps=None):
    """The study's CNN (``build_model(seed)``), compiled with ``CategoricalCrossentropy(label_smoothing)``.

    Adam; with ``total_steps`` its learning rate follows a cosine decay from ``LEARNING_RATE`` to 0
    over that many steps (every run of the grid ends at the same low rate), else it stays constant.

    Example:
        >>> model = build_mix_model(0.1, seed=0, total_steps=100)
        >>> model.loss.label_smoothing, model.output_shape
        (0.1, (None, 10))
    """
    from augcourse._tf import keras
    from augcourse.study.model import build_model

    check_number("label_smoothing", label_smoothing, low=0, high=1, high_inclusive=False)
    model = build_model(seed=seed)
    rate = LEARNING_RATE
    if total_steps is not None:
        check_int("total_steps", total_steps, low=1)
        rate = keras.optimizers.schedules.CosineDecay(LEARNING_RATE, decay_steps=total_steps)
    model.compile(optimizer=keras.optimizers.Adam(rate),
                  loss=keras.losses.CategoricalCrossentropy(label_smoothing=label_smoothing),
                  metrics=["accuracy"])
    return model


def predict_probs(model, images, batch_size=256):
    """Class probabilities (N, K) float64 for uint8 images (N, H, W, C), only rescaled to 0–1.

    Example:
        >>> model = build_mix_model(seed=0)
        >>> probs = predict_probs(model, np.zeros((3, 32, 32, 3), np.uint8))
        >>> probs.shape, bool(np.allclose(probs.sum(axis=1), 1))
        ((3, 10), True)
    """
    x = images.astype(np.float32) * PIXEL_SCALE
    return np.asarray(model.predict(x, batch_size=batch_size, verbose=0), dtype=np.float64)


def train_mix(config, data, *, epochs=12, batch_size=BATCH_SIZE, seed=SEED, verbose=0):
    """Train one grid configuration for exactly ``epochs`` epochs and score it on clean images.

    Returns ``(history, record)``: ``history`` maps "loss", "accuracy" (on the mixed batches),
    "val_loss", "val_accuracy" to per-epoch lists; ``record`` holds config, label, mix,
    label_smoothing, seed, epochs, train_acc / val_acc / test_acc, train_nll, test_nll, test_ece
    (clean images), fit_train_acc (last epoch's accuracy on the mixed batches: not comparable between
    configurations) and epoch_s (median training-loop seconds per epoch).

    Example:
        >>> from augcourse.study import load_data
        >>> history, record = train_mix("cutmix_ls", load_data("subset", limit=64), epochs=1, batch_size=32)
        >>> record["epochs"], len(history["val_loss"]), 0 <= record["test_ece"] <= 1
        (1, 1, True)
    """
    from augcourse.study.callbacks import epoch_timer
    from augcourse.study.pipelines import quiet_fit

    config = get_mix_config(config)
    check_int("epochs", epochs, low=1)
    check_int("seed", seed, low=0)
    steps = math.ceil(len(data.tr_images) / batch_size)
    model = build_mix_model(config.label_smoothing, seed=seed, total_steps=epochs * steps)
    train = mixed_dataset(data.tr_images, data.tr_oh_labels, config.mix, batch_size=batch_size, seed=seed)
    val = (data.val_images.astype(np.float32) * PIXEL_SCALE, data.val_oh_labels)
    timer = epoch_timer()
    fitted = quiet_fit(model, train, epochs=epochs, validation_data=val, callbacks=[timer], verbose=verbose)
    history = {k: [float(v) for v in vals] for k, vals in fitted.history.items()}
    parts = {part: scores(predict_probs(model, images), labels) for part, images, labels in (
        ("train", data.tr_images, data.tr_oh_labels), ("val", data.val_images, data.val_oh_labels),
        ("test", data.test_images, data.test_oh_labels))}
    record = {"config": config.name, "label": config.label, "mix": config.mix,
              "label_smoothing": config.label_smoothing, "seed": seed, "epochs": len(history["loss"]),
              "train_acc": parts["train"]["acc"], "val_acc": parts["val"]["acc"],
              "test_acc": parts["test"]["acc"], "train_nll": parts["train"]["nll"],
              "test_nll": parts["test"]["nll"], "test_ece": parts["test"]["ece"],
              "fit_train_acc": history["accuracy"][-1], "epoch_s": statistics.median(timer.times)}
    return history, record


def run_name(config, seed):
    """The key of one run in the results file: ``"<config>/seed<seed>"``.

    Example:
        >>> run_name("mixup_ls", 2)
        'mixup_ls/seed2'
    """
    return f"{get_mix_config(config).name}/seed{seed}"


def grid_runs(configs=GRID_NAMES, seeds=(0, 1, 2)):
    """The runs in the order the runner trains them: seed by seed, every configuration within a seed
    (so a grid stopped early still covers every configuration).

    Example:
        >>> grid_runs(("base", "mixup"), (0, 1))
        [('base', 0), ('mixup', 0), ('base', 1), ('mixup', 1)]
    """
    return [(get_mix_config(c).name, s) for s in seeds for c in configs]


def grid_settings(data, epochs, batch_size):
    """What every run of one results file shares (a file with other settings is not added to).

    Example:
        >>> from augcourse.study import load_data
        >>> settings = grid_settings(load_data("subset", limit=40), 12, 64)
        >>> settings["epochs"], settings["mixup_alpha"], settings["cutmix_factor"], settings["sizes"]["train"]
        (12, 0.2, 1.0, 34)
    """
    return {"source": data.source, "sizes": data.sizes(), "epochs": epochs, "batch_size": batch_size,
            "split_seed": SEED, "base": "RandomFlip('horizontal') per image", "mixup_alpha": MIXUP_ALPHA,
            "cutmix_factor": CUTMIX_FACTOR, "learning_rate": f"Adam, cosine decay from {LEARNING_RATE} to 0",
            "ece_bins": ECE_BINS}


def run_grid(path, data, *, configs=GRID_NAMES, seeds=(0, 1, 2), epochs=12, batch_size=BATCH_SIZE,
             overwrite=False, log=print):
    """Train every (configuration, seed) not yet in ``path``; rewrite ``path`` atomically after each run.

    The file is ``{"settings", "machine", "runs": {run_name: {"record", "history"}}}``. An existing
    file with other settings raises ``ResultsFileError`` unless ``overwrite`` (then it starts afresh).
    Returns the content written.

    Example:
        >>> import tempfile
        >>> from augcourse.study import load_data
        >>> path = Path(tempfile.mkdtemp()) / "mixing.json"
        >>> data = load_data("subset", limit=40)
        >>> content = run_grid(path, data, configs=["base"], seeds=[0], epochs=1, log=None)
        >>> list(content["runs"])
        ['base/seed0']
        >>> _ = run_grid(path, data, configs=["base"], seeds=[0], epochs=1, log=print)
        skip base/seed0 (already in the file)
    """
    from augcourse.study.results import ResultsFileError, read_results, write_results

    settings = grid_settings(data, epochs, batch_size)
    content = read_results(path)
    if content is not None and content["settings"] != _json_roundtrip(settings):
        if not overwrite:
            raise ResultsFileError(tr("{path} holds runs with other settings; pass --overwrite or another --name",
                                      path=path))
        content = None
    replace = content is None and path.exists()      # --overwrite: the first write replaces the file
    if content is None:
        content = {"settings": settings, "runs": {}}
    from augcourse._tf import tf

    content["machine"] = {"platform": platform.platform(), "python": platform.python_version(),
                          "tensorflow": tf.__version__, "cpus": _cpu_count()}
    for name, seed in grid_runs(configs, seeds):
        key = run_name(name, seed)
        if key in content["runs"]:
            if log:
                log(tr("skip {key} (already in the file)", key=key))
            continue
        start = time.perf_counter()
        history, record = train_mix(name, data, epochs=epochs, batch_size=batch_size, seed=seed)
        record["run_s"] = time.perf_counter() - start
        content["runs"][key] = {"record": record, "history": history}
        content = write_results(path, content, replace=replace)   # merged with other processes' runs
        replace = False
        if log:
            log(tr("{key}: test acc {acc:.3f}, NLL {nll:.3f}, ECE {ece:.3f}, {epoch_s:.1f} s/epoch, {run_s:.0f} s",
                   key=key, acc=record["test_acc"], nll=record["test_nll"], ece=record["test_ece"],
                   epoch_s=record["epoch_s"], run_s=record["run_s"]))
    return content


def _json_roundtrip(value):
    """``value`` as it reads back from JSON (tuples become lists)."""
    from augcourse.study.results import jsonable

    return jsonable(value)


def _cpu_count():
    """CPUs this process may use."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def parse_args(argv=None):
    """The runner's options (exits with status 2 on bad usage).

    Example:
        >>> args = parse_args(["--epochs", "3", "--seeds", "0,1,0", "--configs", "base,mixup,base"])
        >>> args.epochs, args.seeds, args.configs, args.name
        (3, [0, 1], ['base', 'mixup'], 'mixing_subset')
    """
    from augcourse.study.options import ArgumentParser, at_least, file_stem, folder_option, name_list, seed_list

    p = ArgumentParser(prog="python -m augcourse.study.mixing",
                       description=tr("Lesson 21's grid: flip, + label smoothing, + MixUp, + CutMix, "
                                      "each over several seeds; resumable (skips runs already written)."))
    p.add_argument("--source", default="subset", choices=("subset", "full", "auto"))
    p.add_argument("--epochs", type=at_least(1), default=12)
    p.add_argument("--batch-size", type=at_least(1), default=BATCH_SIZE)
    p.add_argument("--seeds", type=seed_list, default=[0, 1, 2])
    p.add_argument("--configs", default=",".join(GRID_NAMES), help=tr("comma-separated (default: all); a name "
                                                                      "given twice runs once"))
    p.add_argument("--limit", type=at_least(4), default=None)
    p.add_argument("--out", type=folder_option, default="notebooks/study_results",
                   help=tr("output folder, ~ expanded (default notebooks/study_results)"))
    p.add_argument("--name", type=file_stem, default="mixing_subset", help=tr("file name stem (default mixing_subset)"))
    p.add_argument("--overwrite", action="store_true", help=tr("start afresh if the file has other settings"))
    args = p.parse_args(argv)
    args.configs = name_list(args.configs)     # each name once, in first-seen order
    for c in args.configs:
        if c not in GRID_NAMES:
            p.error(tr("unknown configuration {name!r}; choose from {names}", name=c, names=", ".join(GRID_NAMES)))
    return args


def main(argv=None):
    """Run the grid from the command line; returns the exit status (0, or 2 when the file cannot be used)."""
    from augcourse.study.data import load_data
    from augcourse.study.mixing_results import load_mix_runs, mix_table
    from augcourse.study.options import output_paths
    from augcourse.study.results import ResultsFileError, prepare_folder

    args = parse_args(argv)
    out = Path(args.out)
    try:                       # before any data are loaded or trained
        prepare_folder(out)
        [path] = output_paths(out, [f"{args.name}.json"])
    except ResultsFileError as error:
        print(tr("error: {message}", message=f"--out: {error}"), file=sys.stderr)
        return 2
    try:
        data = load_data(args.source, limit=args.limit)
        print(tr("CIFAR-10 {source}: {sizes}, {epochs} epochs, seeds {seeds} -> {path}", source=data.source,
                 sizes=data.sizes(), epochs=args.epochs, seeds=args.seeds, path=path), flush=True)
        run_grid(path, data, configs=args.configs, seeds=args.seeds, epochs=args.epochs,
                 batch_size=args.batch_size, overwrite=args.overwrite, log=lambda s: print(s, flush=True))
    except ResultsFileError as error:
        print(tr("error: {message}", message=error), file=sys.stderr)
        return 2
    _, by_config = load_mix_runs(path)
    print(mix_table(by_config))
    return 0


if __name__ == "__main__":
    sys.exit(main())
