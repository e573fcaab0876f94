"""Test-time augmentation: predict on several transformed copies of each test image, then combine.

``tta_view(images, name)`` makes one copy (a flip, a 180° turn, a 2-pixel shift, a centre zoom) of
images (N, H, W, C); ``predict_views`` runs a model on several copies; ``combine`` averages the
softmax outputs (or their logarithms). ``paired_counts`` and ``bootstrap_interval`` compare two ways
of predicting image by image. ``python -m augcourse.study.tta`` trains the study's CNN with the
Keras flip layer (the ``keras_flip`` configuration) for a few seeds and saves, after every seed,
the test-set softmax outputs of every view (float16) in one ``.npz`` that lesson 22 reads; it skips
seeds already in the file, so an interrupted run resumes.

Example:
    >>> x = np.arange(2 * 4 * 4 * 1, dtype=np.float32).reshape(2, 4, 4, 1)
    >>> tta_view(x, "hflip")[0, 0, :, 0], x[0, 0, :, 0]
    (array([3., 2., 1., 0.], dtype=float32), array([0., 1., 2., 3.], dtype=float32))
    >>> combine([np.array([[0.9, 0.1]]), np.array([[0.3, 0.7]])])
    array([[0.6, 0.4]])
"""

import json
import os
import sys
import time
from pathlib import Path

import numpy as np

from augcourse._checks import check_choice, check_int, check_number, fail
from augcourse.language import tr
from augcourse.study.results import write_atomically

SHIFT = 2            # pixels, for the four shift views
ZOOM_CROP = 28       # the centre zoom crops 28 × 28 (of 32 × 32) and stretches it back: 1.14×
VIEWS = ("identity", "hflip", "vflip", "rot180", "shift_left", "shift_right", "shift_up", "shift_down",
         "zoom")
VIEW_LABELS = {
    "identity": "the image itself", "hflip": "horizontal flip", "vflip": "vertical flip",
    "rot180": "180° rotation", "shift_left": "2 px left", "shift_right": "2 px right",
    "shift_up": "2 px up", "shift_down": "2 px down", "zoom": "centre zoom 1.14×",
}
EPS = 1e-6           # probabilities are clipped here before a logarithm (float16 stores 0 for < 6e-8)
PREDICTIONS_FILE = "tta_predictions.npz"
WEIGHTS_FILE = "tta_model.weights.h5"


def tta_view(images, name):
    """One test-time copy of ``images`` (N, H, W, C) → float32 (N, H, W, C), same pixel scale.

    "identity", "hflip" (left ↔ right), "vflip" (top ↔ bottom), "rot180" (both flips), "shift_left" /
    "shift_right" / "shift_up" / "shift_down" (content moves ``SHIFT`` pixels that way; the uncovered
    border repeats the edge pixels, like ``fill_mode="nearest"``) and "zoom" (the centre
    ``ZOOM_CROP`` × ``ZOOM_CROP`` pixels stretched to H × W, bilinear; for 32 × 32 images).

    Example:
        >>> x = np.arange(5, dtype=np.float32).reshape(1, 1, 5, 1)
        >>> tta_view(x, "shift_right")[0, 0, :, 0]
        array([0., 0., 0., 1., 2.], dtype=float32)
        >>> tta_view(x, "rot180")[0, 0, :, 0]
        array([4., 3., 2., 1., 0.], dtype=float32)
    """
    check_choice("name", name, VIEWS)
    x = np.asarray(images, dtype=np.float32)
    if x.ndim != 4:
        fail("images", tr("an array of shape {shape}", shape=x.shape), tr("4-D (N, H, W, C)"))
    if name == "identity":
        return x.copy()
    if name == "hflip":
        return x[:, :, ::-1].copy()
    if name == "vflip":
        return x[:, ::-1].copy()
    if name == "rot180":
        return x[:, ::-1, ::-1].copy()
    if name == "zoom":
        return _centre_zoom(x, ZOOM_CROP)
    s = SHIFT
    pad = {"shift_left": ((0, 0), (0, 0), (0, s), (0, 0)), "shift_right": ((0, 0), (0, 0), (s, 0), (0, 0)),
           "shift_up": ((0, 0), (0, s), (0, 0), (0, 0)), "shift_down": ((0, 0), (s, 0), (0, 0), (0, 0))}[name]
    padded = np.pad(x, pad, mode="edge")
    h, w = x.shape[1:3]
    top = s if name == "shift_up" else 0
    left = s if name == "shift_left" else 0
    return padded[:, top:top + h, left:left + w].copy()


def _centre_zoom(x, crop):
    """The centre ``crop`` × ``crop`` of ``x`` (N, H, W, C) resized back to H × W (bilinear, pixel centres)."""
    h, w = x.shape[1:3]
    if crop > min(h, w):
        fail("crop", crop, tr("at most the image size {size}", size=min(h, w)))

    def axis(n):
        start = (n - crop) / 2
        src = start + (np.arange(n) + 0.5) * crop / n - 0.5
        lo = np.clip(np.floor(src).astype(int), 0, n - 1)
        hi = np.clip(lo + 1, 0, n - 1)
        return lo, hi, (src - np.floor(src)).astype(np.float32)

    (r0, r1, fr), (c0, c1, fc) = axis(h), axis(w)
    rows = x[:, r0] * (1 - fr)[None, :, None, None] + x[:, r1] * fr[None, :, None, None]
    return (rows[:, :, c0] * (1 - fc)[None, None, :, None] + rows[:, :, c1] * fc[None, None, :, None]).astype(np.float32)


def predict_views(model, images, views=VIEWS, *, scale=1 / 255, batch_size=256):
    """``{view: softmax outputs (N, n_classes) float32}``: the model on each copy of ``images``.

    ``images`` (N, H, W, C) are multiplied by ``scale`` (uint8 0–255 → 0–1 by default); the model is
    called in inference mode (``model.predict``: dropout off, BatchNormalization on its moving
    averages).

    Example:
        >>> from augcourse.study import build_model
        >>> out = predict_views(build_model(seed=0), np.zeros((3, 32, 32, 3), np.uint8), ("identity", "hflip"))
        >>> sorted(out), out["hflip"].shape, bool(np.allclose(out["identity"], out["hflip"]))
        (['hflip', 'identity'], (3, 10), True)
    """
    x = np.asarray(images, dtype=np.float32) * scale
    return {view: np.asarray(model.predict(tta_view(x, view), batch_size=batch_size, verbose=0), np.float32)
            for view in views}


def combine(probs, how="probs"):
    """Combine several views' softmax outputs, each (N, K), into one (N, K).

    ``how="probs"`` averages the probabilities; ``how="logprobs"`` averages their logarithms (the
    log-softmax, which is the logits up to a per-image constant; clipped at ``EPS``) and returns the
    softmax of that mean: a geometric mean, renormalised.

    Example:
        >>> p = [np.array([[0.5, 0.5]]), np.array([[0.98, 0.02]])]
        >>> combine(p, "probs").round(3), combine(p, "logprobs").round(3)
        (array([[0.74, 0.26]]), array([[0.875, 0.125]]))
    """
    check_choice("how", how, ("probs", "logprobs"))
    stack = np.stack([np.asarray(p, dtype=np.float64) for p in probs])
    if stack.ndim != 3:
        fail("probs", tr("arrays stacking to shape {shape}", shape=stack.shape), tr("a list of (N, K) arrays"))
    if how == "probs":
        return stack.mean(axis=0)
    mean_log = np.log(np.clip(stack, EPS, 1)).mean(axis=0)
    e = np.exp(mean_log - mean_log.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def accuracy(probs, labels):
    """Share of rows whose largest probability is at the true class; ``labels`` (N,) ints or (N, K) one-hot.

    Example:
        >>> accuracy(np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]]), np.array([0, 1, 1]))
        0.6666666666666666
    """
    return float(np.mean(correct(probs, labels)))


def correct(probs, labels):
    """Boolean (N,): is each row's top class the true one? (``labels`` as in ``accuracy``.)"""
    labels = np.asarray(labels)
    if labels.ndim == 2:
        labels = labels.argmax(axis=1)
    return np.asarray(probs).argmax(axis=1) == labels


def paired_counts(correct_a, correct_b):
    """``(fixed, broken)``: images wrong with ``a`` but right with ``b``, and right with ``a`` but wrong with ``b``.

    The accuracy difference b − a is exactly (fixed − broken) / N: the images both get right (or
    both get wrong) do not count.

    Example:
        >>> paired_counts(np.array([True, False, False, True]), np.array([True, True, True, False]))
        (2, 1)
    """
    a, b = np.asarray(correct_a, bool), np.asarray(correct_b, bool)
    if a.shape != b.shape:
        fail("correct_b", tr("an array of shape {shape}", shape=b.shape),
             tr("the shape of correct_a, {shape}", shape=a.shape))
    return int(np.sum(~a & b)), int(np.sum(a & ~b))


def bootstrap_interval(correct_a, correct_b, *, n_boot=2000, level=0.95, seed=0):
    """A percentile bootstrap interval for accuracy(b) − accuracy(a), resampling the test images.

    ``correct_a``, ``correct_b``: (N,) booleans (is each test image right?), or (N,) shares of
    runs that got each image right (several seeds pooled). The same resampled images are used for
    ``a`` and ``b`` (a paired bootstrap); the draws come from ``np.random.default_rng(seed)``, never
    the global RNG. Returns ``(low, high)``.

    Example:
        >>> a = np.array([True] * 50 + [False] * 50)
        >>> low, high = bootstrap_interval(a, np.ones(100, bool))
        >>> bool(0.35 < low < 0.5 < high < 0.65)
        True
    """
    check_int("n_boot", n_boot, low=10)
    check_number("level", level, low=0, high=1, low_inclusive=False, high_inclusive=False)
    diff = np.asarray(correct_b, float) - np.asarray(correct_a, float)
    idx = np.random.default_rng(seed).integers(0, len(diff), size=(n_boot, len(diff)))
    means = diff[idx].mean(axis=1)
    tail = (1 - level) / 2 * 100
    return float(np.percentile(means, tail)), float(np.percentile(means, 100 - tail))


# ---- the saved predictions -------------------------------------------------------------------------

def save_predictions(path, labels, runs, meta):
    """Write ``labels`` (N,), ``runs`` ``{seed: {view: (N, K) probs}}`` and ``meta`` (a JSON dict) to ``path``.

    One compressed ``.npz``: keys "labels", "meta" and "seed<s>/<view>" (float16). It is written to a
    temporary file in the same folder and renamed over ``path``, so a reader never sees half a file.

    Example:
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "p.npz"
        >>> _ = save_predictions(path, np.array([1, 0]), {0: {"identity": np.eye(2)[[1, 0]]}}, {"epochs": 1})
        >>> labels, runs, meta = load_predictions(path)
        >>> labels, sorted(runs), runs[0]["identity"].dtype.name, meta
        (array([1, 0], dtype=uint8), [0], 'float16', {'epochs': 1})
    """
    path = Path(path)
    arrays = {"labels": np.asarray(labels).astype(np.uint8), "meta": np.array(json.dumps(meta, sort_keys=True))}
    for seed, views in runs.items():
        for view, probs in views.items():
            check_choice("view", view, VIEWS)
            arrays[f"seed{int(seed)}/{view}"] = np.asarray(probs).astype(np.float16)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, lambda handle: np.savez_compressed(handle, **arrays))
    return path


def save_merged_predictions(path, labels, runs, meta):
    """``save_predictions`` under the folder's lock, keeping seeds another process wrote meanwhile.

    Returns the runs written (``{seed: views}``, those in the file and ``runs``; ``runs`` wins a seed in
    both). A file that now holds other settings is left alone: ``runs`` go to ``<stem>.conflict-<pid>.npz``
    beside it and ``SystemExit`` names that file.

    Example:
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "p.npz"
        >>> _ = save_predictions(path, np.array([1, 0]), {0: {"identity": np.eye(2)}}, {"epochs": 1})
        >>> sorted(save_merged_predictions(path, np.array([1, 0]), {1: {"identity": np.eye(2)}}, {"epochs": 1}))
        [0, 1]
    """
    from augcourse.study.results import locked

    path = Path(path)
    with locked(path):
        merged = dict(runs)
        if path.is_file():
            old_labels, old_runs, old_meta = load_predictions(path)
            if old_meta != meta or not np.array_equal(old_labels, labels):
                side = path.with_name(f"{path.stem}.conflict-{os.getpid()}{path.suffix}")
                save_predictions(side, labels, runs, meta)
                raise SystemExit(tr("{path} got other settings from another run while this one ran; this run's "
                                    "predictions are in {side}", path=path, side=side))
            merged = {**old_runs, **runs}
        save_predictions(path, labels, merged, meta)
    return dict(sorted(merged.items()))


def load_predictions(path):
    """``(labels (N,) uint8, {seed: {view: (N, K) float16}}, meta dict)`` from ``save_predictions``' file."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(tr("No TTA predictions at {path!r}: run `python -m augcourse.study.tta` first.",
                                   path=str(path)))
    runs = {}
    with np.load(path) as f:
        labels, meta = f["labels"], json.loads(str(f["meta"]))
        for key in f.files:
            if key.startswith("seed"):
                seed, view = key[4:].split("/")
                runs.setdefault(int(seed), {})[view] = f[key]
    return labels, dict(sorted(runs.items())), meta


# ---- training ----------------------------------------------------------------------------------------

def build_tta_model(seed=0):
    """The study's CNN behind the Keras flip layer (the ``keras_flip`` configuration), compiled.

    It takes 0–1 images (N, 32, 32, 3) and outputs softmax (N, 10); the flip acts in ``fit`` and not
    in ``predict`` or ``evaluate`` (a direct call ``model(x)`` would flip: pass ``training=False``). Build it this way to load ``tta_model.weights.h5``.

    Example:
        >>> model = build_tta_model(seed=0)
        >>> model.count_params(), [type(layer).__name__ for layer in model.layers[1].layers]
        (621034, ['Rescaling', 'Sequential'])
    """
    from augcourse._tf import keras
    from augcourse.study.configs import get_config
    from augcourse.study.model import build_model
    from augcourse.study.pipelines import _from_unit_range, keras_augment

    keras.utils.set_random_seed(seed)
    return build_model(seed=seed, augment_layer=_from_unit_range(keras_augment(get_config("keras_flip"))))


def train_seed(data, seed, epochs, batch_size=64):
    """Train ``build_tta_model(seed)``'s way: the study's ``keras_flip`` pipeline and callbacks. Returns the model."""
    from augcourse.study.callbacks import make_callbacks
    from augcourse.study.configs import get_config
    from augcourse.study.pipelines import build_pipeline, quiet_fit

    model, train, val, steps, _ = build_pipeline(get_config("keras_flip"), data, batch_size, seed)
    quiet_fit(model, train, epochs=epochs, steps_per_epoch=steps, validation_data=val,
              callbacks=make_callbacks(), verbose=0)
    return model


def save_model_weights(model, path, seed=0):
    """Save only the layers' weights of a trained ``build_tta_model`` (≈2.5 MB, no optimizer state).

    ``model.save_weights`` on a trained model also writes Adam's two moments per weight (three times
    the size); a fresh copy that has never been trained has none, so its file holds the layers only.
    """
    fresh = build_tta_model(seed)
    fresh.set_weights(model.get_weights())
    fresh.save_weights(path)
    return Path(path)


def parse_args(argv=None):
    """The runner's options (usage errors exit with status 2 before anything is loaded).

    Example:
        >>> args = parse_args(["--seeds", "1,0,1", "--epochs", "2"])
        >>> args.seeds, args.epochs                   # a seed given twice runs once
        ([1, 0], 2)
    """
    from augcourse.study.options import ArgumentParser, at_least, folder_option, seed_list

    parser = ArgumentParser(prog="python -m augcourse.study.tta",
                            description=tr("Train seeds one after the other; after each, rewrite the predictions "
                                           "file (skips seeds already in it)."))
    parser.add_argument("--seeds", type=seed_list, default=[0, 1, 2],
                        help=tr("comma-separated seeds (default 0,1,2)"))
    parser.add_argument("--epochs", type=at_least(1), default=20)
    parser.add_argument("--limit", type=at_least(4), default=None,
                        help=tr("use only the first LIMIT images (a smoke test)"))
    parser.add_argument("--out", type=folder_option, default="notebooks/study_results",
                        help=tr("folder of the two output files, ~ expanded"))
    return parser.parse_args(argv)


def main(argv=None):
    """Train seeds one after the other; after each, rewrite the predictions file (skips seeds already in it)."""
    args = parse_args(argv)
    from augcourse.study.options import output_paths
    from augcourse.study.data import load_data
    from augcourse.study.results import ResultsFileError, prepare_folder

    seeds = args.seeds
    out = Path(args.out)
    try:                       # before any data are loaded or trained (a usage error, status 2)
        prepare_folder(out)
        path, weights = output_paths(out, [PREDICTIONS_FILE, WEIGHTS_FILE])
    except ResultsFileError as error:
        print(tr("error: {message}", message=f"--out: {error}"), file=sys.stderr)
        raise SystemExit(2) from None
    data = load_data("subset", limit=args.limit)
    labels = data.test_oh_labels.argmax(axis=1)
    meta = {"config": "keras_flip", "epochs": args.epochs, "source": data.source, "limit": args.limit,
            "train_images": len(data.tr_images), "shift_px": SHIFT, "zoom_crop": ZOOM_CROP}
    runs = {}
    if path.is_file():
        old_labels, runs, old_meta = load_predictions(path)
        if old_meta != meta or not np.array_equal(old_labels, labels):
            raise SystemExit(tr("{path} was written with other settings ({meta}); move it away first.", path=path,
                                meta=old_meta))
    for seed in seeds:
        if seed in runs:
            print(tr("seed {seed}: already in {path}, skipped", seed=seed, path=path), flush=True)
            continue
        start = time.perf_counter()
        model = train_seed(data, seed, args.epochs)
        runs[seed] = predict_views(model, data.test_images)
        runs = save_merged_predictions(path, labels, runs, meta)      # keeps seeds another process wrote
        if seed == 0 and not weights.exists():
            save_model_weights(model, weights, seed)
        print(tr("seed {seed}: {seconds:.0f} s, test accuracy {accuracy:.4f} (flip TTA {tta:.4f})", seed=seed,
                 seconds=time.perf_counter() - start, accuracy=accuracy(runs[seed]["identity"], labels),
                 tta=accuracy(combine([runs[seed]["identity"], runs[seed]["hflip"]]), labels)), flush=True)
    return path


if __name__ == "__main__":
    main()
