"""One training run of the study: train a configuration the notes' way and measure it.

``run`` trains; ``make_record`` turns a finished run (a ``fit`` History, the model, the data and the
epoch timer) into ``(history, record)``: per-epoch lists and a flat dict of plain JSON types, with
train / validation / test accuracy measured on clean (only rescaled) images.

Example:
    >>> from augcourse.study import load_data
    >>> history, record = run("none", load_data("subset", limit=64), epochs=2, batch_size=32)
    >>> sorted(history)
    ['accuracy', 'loss', 'lr', 'val_accuracy', 'val_loss']
    >>> len(history["val_accuracy"]), record["label"], record["epochs_run"], 0 <= record["test_acc"] <= 1
    (2, 'no augmentation', 2, True)
"""

import statistics

import numpy as np

from augcourse._checks import check_int
from augcourse.study.callbacks import epoch_timer, make_callbacks, tqdm_epochs
from augcourse.study.configs import BATCH_SIZE, PIXEL_SCALE, SEED, get_config
from augcourse.study.pipelines import build_pipeline, quiet_fit
from augcourse.study.results import jsonable


def run(config, data, *, epochs=12, batch_size=BATCH_SIZE, seed=SEED, verbose=0, progress=False,
        callbacks=None):
    """Train one configuration the notes' way and measure it.

    ``model.fit(flow_tr_gen, steps_per_epoch=ceil(n/batch), validation_data=flow_val_gen,
    validation_steps=ceil(n_val/batch), callbacks=[rlr_cb, ely_cb])`` for ImageDataGenerator
    configurations (the other pipelines: see ``build_pipeline``), plus the epoch timer, a tqdm bar
    with ``progress`` and any extra ``callbacks``; afterwards train, validation and test accuracy are
    measured on clean rescaled images (so the train accuracy is comparable between configurations).

    Returns:
        ``(history, record)``: ``history`` maps "accuracy", "val_accuracy", "loss", "val_loss", "lr"
        to per-epoch lists; ``record`` is a dict with config, label, pipeline, augment, epochs_run,
        train_acc, val_acc, test_acc, gap (train − test accuracy), fit_train_acc (the last epoch's
        accuracy on the augmented batches), epoch_s (median training-loop seconds per epoch),
        images_per_s.

    Example: see the module's.
    """
    config = get_config(config)
    check_int("epochs", epochs, low=1)
    check_int("batch_size", batch_size, low=1)
    check_int("seed", seed, low=0)
    model, train, val, steps, val_steps = build_pipeline(config, data, batch_size, seed)
    timer = epoch_timer()
    cbs = make_callbacks() + [timer] + list(callbacks or [])
    if progress:
        cbs.append(tqdm_epochs(epochs, config.name))
    history = quiet_fit(model, train, epochs=epochs, steps_per_epoch=steps, validation_data=val,
                        validation_steps=val_steps, callbacks=cbs, verbose=verbose)
    return make_record(config, history, model, data, timer)


def make_record(config, history, model, data, timer):
    """``(history dict, result record)`` of a finished run (see ``run``).

    ``history`` is the ``fit`` History (or its ``.history`` dict), ``timer`` the run's
    ``epoch_timer()``. Train, validation and test accuracy are measured here on clean images (only
    rescaled), so the train accuracy of an augmented run is comparable with that of a plain run.

    Example:
        >>> from augcourse.study import build_model, idg_flows, load_data
        >>> data = load_data("subset", limit=64)
        >>> model, timer = build_model(seed=0), epoch_timer()
        >>> flow_tr_gen, flow_val_gen = idg_flows("none", data, 32)
        >>> fitted = model.fit(flow_tr_gen, validation_data=flow_val_gen, callbacks=[timer], verbose=0)
        >>> history, record = make_record("none", fitted, model, data, timer)
        >>> record["epochs_run"], record["gap"] == record["train_acc"] - record["test_acc"]
        (1, True)
    """
    config = get_config(config)
    hist = {k: [float(v) for v in vals] for k, vals in getattr(history, "history", history).items()}
    if "learning_rate" in hist:
        hist["lr"] = hist.pop("learning_rate")
    train_acc = clean_accuracy(model, data.tr_images, data.tr_oh_labels)
    val_acc = clean_accuracy(model, data.val_images, data.val_oh_labels)
    test_acc = clean_accuracy(model, data.test_images, data.test_oh_labels)
    epoch_s = statistics.median(timer.times)
    record = {
        "config": config.name, "label": config.label, "pipeline": config.pipeline,
        "augment": jsonable(config.augment), "epochs_run": len(hist["loss"]),
        "train_acc": train_acc, "val_acc": val_acc, "test_acc": test_acc,
        "gap": train_acc - test_acc, "fit_train_acc": hist["accuracy"][-1],
        "epoch_s": epoch_s, "images_per_s": len(data.tr_images) / epoch_s,
    }
    return hist, record


def clean_accuracy(model, images, oh_labels, batch_size=256):
    """Accuracy on uint8 images (N, H, W, C) only rescaled to 0–1 (no augmentation, no shuffling).

    Example:
        >>> from augcourse.study import build_model
        >>> model = build_model(seed=0)
        >>> labels = np.eye(10, dtype=np.float32)[[0, 1, 2, 3]]
        >>> 0.0 <= clean_accuracy(model, np.zeros((4, 32, 32, 3), np.uint8), labels) <= 1.0
        True
    """
    x = images.astype(np.float32) * PIXEL_SCALE
    _, acc = model.evaluate(x, oh_labels, batch_size=batch_size, verbose=0)
    return float(acc)

