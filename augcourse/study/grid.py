"""The study's converged grid: which augmentation, how strong, and whether it helps, trained to the end.

``GRID`` is fixed before any run and reported whole: no augmentation; the notes' flip; flip +
pad-and-crop (the standard CIFAR recipe); that + random erasing; RandAugment at two strengths; MixUp;
AugMix; and a dose–response of the notes' own example, flip + zoom at four ranges. Every run trains
the study's network (``build_model``) with the notes' callbacks (ReduceLROnPlateau, EarlyStopping on
validation loss, here restoring the best epoch's weights) for up to ``MAX_EPOCHS`` epochs on the
bundled subset's 3,961 training images, with the same split for every run. ``train_run`` returns a
plain record: the per-epoch history (with the learning rate, so cuts and early stops are visible),
wall and CPU seconds per epoch (and the machine's load when the run started), and the test accuracy on
clean images, with flip test-time augmentation, and on each corruption of ``augcourse.study.corruptions``,
with every test image's predicted class (for paired tests over images).

The augmentation keeps its meaning and drops ImageDataGenerator's cost: the notes' options
(``horizontal_flip``, ``zoom_range``) run in the course's core, which draws them as IDG does (lessons 03–09
prove it), in a batched ``tf.data`` map; pad-and-crop is the core's whole-pixel shift of -4..4 px with black
fill (IDG's integer shift would draw -3..3, 0 twice as often). The policies IDG lacks are Keras 3's own
layers: RandAugment on each image (called on a whole batch it would give every image of the batch the same
operations: lesson 18), MixUp on each batch (it mixes pairs within the batch), and AugMix without the
operations that overlap the test corruptions (``all_ops=False``, as in the AugMix paper), called eagerly on
each batch: it picks its operations with Python's ``random``, which a traced ``tf.data`` map would call
once for the whole training. Its chains and mixing weights are drawn per batch, and the paper's
Jensen-Shannon consistency loss is not used.

The runner, ``python -m augcourse.study.grid``, trains seed 0 of every configuration first, then seed 1,
and so on (a full grid at one seed comes first); it rewrites ``<out>/grid_subset.json`` atomically (merged
under a lock with what another process wrote meanwhile) after
every run and skips the runs already in it, so it can be stopped and resumed at any time.

Example:
    >>> [config.name for config in GRID][:4]
    ['none', 'flip', 'flip_crop', 'flip_crop_erase']
    >>> get_grid_config("zoom_0.5_0.7").core
    {'horizontal_flip': True, 'zoom_range': (0.5, 0.7)}
    >>> run_order(["none", "flip"], {"none": 2, "flip": 1})
    [('none', 0), ('flip', 0), ('none', 1)]
"""

import argparse
import os
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from augcourse._checks import check_choice, check_int
from augcourse.language import tr
from augcourse.study.configs import BATCH_SIZE, PIXEL_SCALE

MAX_EPOCHS = 60
RESULTS_NAME = "grid_subset.json"
AUGMIX_CALL = "eager, once per batch (tf.py_function)"      # recorded in the results' settings
RANDAUGMENT_CALL = "on each image, before batching"
FLIP = {"horizontal_flip": True}
# zero-padding by 4 px and a random 32x32 crop = a whole-pixel shift of -4..4 px with black fill
FLIP_CROP = dict(FLIP, width_shift_range=4, height_shift_range=4, fill_mode="constant", cval=0)


@dataclass(frozen=True)
class GridConfig:
    """One configuration: the core's options (IDG names), then an optional Keras policy on each batch.

    ``policy`` is None, "randaugment", "augmix" or "mixup", built by ``policy_layer`` with
    ``policy_kwargs``; ``seeds`` is how many seeds (0, 1, ...) the grid trains.
    """
    name: str
    label: str
    core: dict = field(default_factory=dict)
    policy: str = None
    policy_kwargs: dict = field(default_factory=dict)
    seeds: int = 3


GRID = (
    GridConfig("none", "no augmentation", seeds=5),
    GridConfig("flip", "horizontal flip (the notes' option)", FLIP, seeds=5),
    GridConfig("flip_crop", "flip + pad-and-crop 4 px", FLIP_CROP),
    GridConfig("flip_crop_erase", "flip + crop + random erasing", dict(
        FLIP_CROP, erasing_area=(0.02, 0.25), erasing_ratio=(0.3, 3.3), erasing_fill=0, p={"erasing": 0.5})),
    GridConfig("randaugment_0.2", "flip + crop + RandAugment factor 0.2", FLIP_CROP, "randaugment",
               {"num_ops": 2, "factor": 0.2}),
    GridConfig("randaugment_0.5", "flip + crop + RandAugment factor 0.5", FLIP_CROP, "randaugment",
               {"num_ops": 2, "factor": 0.5}),
    GridConfig("mixup", "flip + crop + MixUp (alpha 0.2)", FLIP_CROP, "mixup", {"alpha": 0.2}),
    GridConfig("augmix", "flip + crop + AugMix (per batch, no JSD loss)", FLIP_CROP, "augmix", {"all_ops": False}),
    GridConfig("zoom_0.1", "flip + zoom 0.1", dict(FLIP, zoom_range=0.1)),
    GridConfig("zoom_0.2", "flip + zoom 0.2", dict(FLIP, zoom_range=0.2)),
    GridConfig("zoom_0.7_0.9", "flip + zoom (0.7, 0.9): the notes' example", dict(FLIP, zoom_range=(0.7, 0.9))),
    GridConfig("zoom_0.5_0.7", "flip + zoom (0.5, 0.7): too much", dict(FLIP, zoom_range=(0.5, 0.7))),
)
GRID_NAMES = tuple(config.name for config in GRID)


def get_grid_config(name):
    """The ``GridConfig`` called ``name`` (ValueError naming the allowed ones otherwise)."""
    check_choice("name", name, GRID_NAMES)
    return GRID[GRID_NAMES.index(name)]


def run_order(names, seeds):
    """``[(name, seed)]``: seed 0 of every configuration, then seed 1 of those that have one, ...

    ``seeds`` maps each name to its number of seeds. See the module's example.
    """
    most = max((seeds[name] for name in names), default=0)
    return [(name, seed) for seed in range(most) for name in names if seed < seeds[name]]


def policy_layer(config, seed):
    """The Keras layer of ``config.policy`` on 0–255 batches (None without a policy)."""
    from augcourse._tf import keras

    if config.policy is None:
        return None
    layers = {"randaugment": keras.layers.RandAugment, "augmix": keras.layers.AugMix,
              "mixup": keras.layers.MixUp}
    check_choice("policy", config.policy, tuple(layers))
    extra = {} if config.policy == "mixup" else {"value_range": (0, 255)}
    return layers[config.policy](**config.policy_kwargs, **extra, seed=seed)


def train_dataset(config, images, oh_labels, *, batch_size=BATCH_SIZE, seed=0):
    """tf.data of ``(float32 images (B, 32, 32, 3) in 0–1, labels (B, 10))`` for one epoch after another.

    The core (shuffle, batch, augment with ``config.core``, seeded per batch), then the policy on the 0–255
    values (RandAugment on each image, MixUp and AugMix on each batch), then the rescale to 0–1. MixUp mixes
    the labels too (they must be one-hot floats).
    """
    from augcourse._tf import tf
    from augcourse.augment import Augment
    from augcourse.study.pipelines import without_autotune

    check_int("batch_size", batch_size, low=1)
    ds = Augment(**config.core).to_dataset(images, oh_labels.astype(np.float32), batch_size=batch_size,
                                           shuffle=True, seed=seed)
    layer = policy_layer(config, seed)
    if config.policy == "randaugment":                   # per image: unbatch, augment each image, batch again
        ds = ds.unbatch().map(lambda x, y: (layer(x, training=True), y), num_parallel_calls=tf.data.AUTOTUNE)
        batches = -(-len(images) // batch_size)         # tell Keras the epoch's length again (no warning)
        ds, layer = ds.batch(batch_size).apply(tf.data.experimental.assert_cardinality(batches)), None
    if config.policy == "mixup":
        def apply(x, y):
            out = layer({"images": x, "labels": y}, training=True)
            return out["images"], out["labels"]
    elif config.policy == "augmix":
        # AugMix picks its operations with Python's random: in a traced map it would pick them once for the
        # whole training (lesson 18). Called eagerly on each batch, it picks new ones every time.
        def apply(x, y):
            out = tf.py_function(lambda batch: layer(batch, training=True), [x], tf.float32)
            return tf.ensure_shape(out, x.shape), y
    else:
        def apply(x, y):
            return x, y

    def finish(x, y):
        x, y = apply(x, y)
        return tf.clip_by_value(x, 0.0, 255.0) * PIXEL_SCALE, y

    return without_autotune(ds.map(finish, num_parallel_calls=tf.data.AUTOTUNE).prefetch(tf.data.AUTOTUNE))


def evaluate(model, test_images, test_labels, corrupted):
    """Test accuracies of a trained model: clean, flip TTA (mean probabilities of the image and its
    mirror) and each corrupted copy. ``corrupted`` maps a name to uint8 images like ``test_images``.

    Returns ``{"test_acc", "flip_tta_acc", "corruption_acc": {name: accuracy}, "mean_corruption_acc",
    "predicted": {"clean" | "flip_tta" | name: the predicted classes as one string of digits}}`` (10 classes).
    """
    def probs(images):
        return model.predict(images.astype(np.float32) * PIXEL_SCALE, batch_size=256, verbose=0)

    clean = probs(test_images)
    predicted = {"clean": clean.argmax(axis=1), "flip_tta": (clean + probs(test_images[:, :, ::-1])).argmax(axis=1)}
    predicted.update({name: probs(images).argmax(axis=1) for name, images in corrupted.items()})
    accuracy = {name: float(np.mean(predicted[name] == test_labels)) for name in corrupted}
    return {"test_acc": float(np.mean(predicted["clean"] == test_labels)),
            "flip_tta_acc": float(np.mean(predicted["flip_tta"] == test_labels)),
            "corruption_acc": accuracy,
            "mean_corruption_acc": float(np.mean(list(accuracy.values()))) if accuracy else None,
            "predicted": {name: digits(classes) for name, classes in predicted.items()}}


def digits(classes):
    """Class indices 0..9 as one string ("3810..."): 846 test predictions in 846 characters.

    Example:
        >>> digits(np.array([3, 8, 1, 0]))
        '3810'
    """
    classes = np.asarray(classes)
    if classes.size and (classes.min() < 0 or classes.max() > 9):
        raise ValueError(tr("classes must be 0..9 to be written as digits; got {low}..{high}", low=classes.min(),
                            high=classes.max()))
    return "".join(map(str, classes.tolist()))


def train_run(name, data, seed, corrupted, *, max_epochs=MAX_EPOCHS, batch_size=BATCH_SIZE):
    """Train configuration ``name`` with ``seed`` (weights, shuffling and draws) and measure it.

    Returns a JSON-ready record: config, label, seed, epochs_run, best_epoch (1-based, lowest validation
    loss), stopped_early, lr_cuts, history (per-epoch loss, accuracy, val_loss, val_accuracy, lr),
    epoch_s and epoch_cpu_s (per epoch), train_s, the clean train accuracy, and ``evaluate``'s results.
    """
    from augcourse.study.callbacks import epoch_timer, make_callbacks
    from augcourse.study.model import build_model
    from augcourse.study.pipelines import quiet_fit
    from augcourse.study.runs import clean_accuracy

    config = get_grid_config(name)
    check_int("seed", seed, low=0)
    check_int("max_epochs", max_epochs, low=1)
    model = build_model(seed=seed)
    train = train_dataset(config, data.tr_images, data.tr_oh_labels, batch_size=batch_size, seed=seed)
    val = (data.val_images.astype(np.float32) * PIXEL_SCALE, data.val_oh_labels)
    timer = epoch_timer()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None     # other work on the machine
    start = time.perf_counter()
    history = quiet_fit(model, train, epochs=max_epochs, validation_data=val, verbose=0,
                        callbacks=make_callbacks(restore_best_weights=True) + [timer])
    train_s = time.perf_counter() - start
    hist = {key: [float(v) for v in values] for key, values in history.history.items()}
    hist["lr"] = hist.pop("learning_rate")
    record = {"config": name, "label": config.label, "seed": seed, "load_at_start": load,
              "epochs_run": len(hist["loss"]),
              "best_epoch": int(np.argmin(hist["val_loss"])) + 1, "stopped_early": len(hist["loss"]) < max_epochs,
              "lr_cuts": int(np.sum(np.diff(hist["lr"]) < 0)), "history": hist,
              "epoch_s": timer.times, "epoch_cpu_s": timer.cpu_times, "train_s": train_s,
              "train_acc": clean_accuracy(model, data.tr_images, data.tr_oh_labels),
              "val_acc": clean_accuracy(model, data.val_images, data.val_oh_labels)}
    record.update(evaluate(model, data.test_images, data.test_oh_labels.argmax(axis=1), corrupted))
    return record


def parse_args(argv=None):
    """The runner's options (usage errors exit with status 2 before anything is loaded).

    Example:
        >>> args = parse_args(["--configs", "none,flip,none", "--max-epochs", "2"])
        >>> args.configs, args.max_epochs, args.seeds      # a name given twice runs once
        (['none', 'flip'], 2, None)
    """
    from augcourse.study.options import ArgumentParser, at_least, existing_folder, name_list

    def names(text):           # each name once, in first-seen order
        chosen = name_list(text)
        unknown = [name for name in chosen if name not in GRID_NAMES]
        if not chosen or unknown:
            raise argparse.ArgumentTypeError(tr("unknown configurations {names!r}; choose from {choices}",
                                                names=unknown or text, choices=", ".join(GRID_NAMES)))
        return chosen

    p = ArgumentParser(prog="python -m augcourse.study.grid",
                       description=tr("The study's converged grid: which augmentation, how strong, and whether "
                                      "it helps, trained to the end."))
    p.add_argument("--configs", type=names, default=list(GRID_NAMES), help=tr("comma-separated (default: all)"))
    p.add_argument("--seeds", type=at_least(1), default=None,
                   help=tr("seeds per configuration (default: each configuration's own, 3 or 5)"))
    p.add_argument("--max-epochs", type=at_least(1), default=MAX_EPOCHS)
    p.add_argument("--limit", type=at_least(4), default=None, help=tr("first LIMIT images only (a smoke test)"))
    p.add_argument("--out", type=existing_folder, default="notebooks/study_results",
                   help=tr("existing folder of grid_subset.json, ~ expanded (a typo must not start a new grid)"))
    return p.parse_args(argv)


def main(argv=None):
    """Run the grid (or ``--configs``), resuming from ``<out>/grid_subset.json``; returns its path."""
    from augcourse.study.corruptions import SEVERITIES, corrupted_sets
    from augcourse.study.corruptions import PARAMETERS as CORRUPTION_PARAMETERS
    from augcourse.study.data import load_data
    from augcourse.study.options import output_paths
    from augcourse.study.results import ResultsFileError, prepare_folder, read_results, write_results

    args = parse_args(argv)    # --out: an existing folder (a typo must not start a new grid)
    out = Path(args.out)
    try:                       # writable? before any data are loaded or trained (a usage error, status 2)
        prepare_folder(out)
        [path] = output_paths(out, [RESULTS_NAME])
    except ResultsFileError as error:
        print(tr("error: {message}", message=f"--out: {error}"), file=sys.stderr)
        raise SystemExit(2) from None
    data = load_data("subset", limit=args.limit)
    settings = {"source": data.source, "sizes": {"train": len(data.tr_images), "validation": len(data.val_images),
                                                 "test": len(data.test_images)},
                "max_epochs": args.max_epochs, "batch_size": BATCH_SIZE, "limit": args.limit,
                "grid": {c.name: {"label": c.label, "core": c.core, "policy": c.policy,
                                  "policy_kwargs": c.policy_kwargs, "seeds": c.seeds} for c in GRID},
                "corruptions": {name: [values[s - 1] for s in SEVERITIES]
                                for name, values in CORRUPTION_PARAMETERS.items()},
                "corruption_severities": SEVERITIES, "augmix_call": AUGMIX_CALL,
                "randaugment_call": RANDAUGMENT_CALL}
    content = {"settings": settings, "runs": {}, "machine": f"{platform.machine()}, {platform.system()}"}
    if path.exists():
        content = read_results(path)
        if write_json_text(content["settings"]) != write_json_text(settings):
            raise SystemExit(tr("{path} holds a grid with other settings: move it away or use another --out",
                                path=path))
    seeds = {c.name: args.seeds or c.seeds for c in GRID}
    corrupted = {f"{name}/{severity}": images
                 for (name, severity), images in corrupted_sets(data.test_images, seed=0).items()}
    for name, seed in run_order(args.configs, seeds):
        if str(seed) in content["runs"].get(name, {}):
            continue
        record = train_run(name, data, seed, corrupted, max_epochs=args.max_epochs)
        content["runs"].setdefault(name, {})[str(seed)] = record
        try:                   # merged under the folder's lock with runs another process wrote meanwhile
            content = write_results(path, content, depth=2)
        except ResultsFileError as error:
            print(tr("error: {message}", message=error), file=sys.stderr)
            raise SystemExit(2) from None
        print(tr("{name} seed {seed}: {epochs} epochs (best {best}), test {test:.3f}, flip TTA {tta:.3f}, "
                 "corrupted {corrupted:.3f}, {seconds:.0f} s", name=name, seed=seed, epochs=record["epochs_run"],
                 best=record["best_epoch"], test=record["test_acc"], tta=record["flip_tta_acc"],
                 corrupted=record["mean_corruption_acc"], seconds=record["train_s"]), flush=True)
    return path


def write_json_text(value):
    """``value`` as canonical JSON text (tuples as lists), to compare settings read back from a file."""
    import json

    from augcourse.study.results import jsonable

    return json.dumps(jsonable(value), sort_keys=True)


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
