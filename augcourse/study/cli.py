"""The study's command line: ``python -m augcourse.study`` trains, times, and writes JSON and PNG plots.

``main(argv)`` runs the training configurations (``--configs``), then the time comparison
(``--timing``), on the data of ``--source`` / ``--full``, and writes ``<out>/<stem>.json`` and
``<stem>_curves.png``, ``<stem>_gaps.png``, ``<stem>_epoch_times.png`` (stem: ``study_<source>``,
with the source actually loaded). Exit status 0, or 2 for bad usage, unavailable data, an
output folder that cannot be written or a results file that would lose results.

Nothing computed is lost: the output folder and every file or folder option are checked before any
data are loaded (``--name`` is a plain file name: the file stays in ``--out``); the JSON file is
rewritten (atomically, merged under a lock with what another run into the same ``--out`` wrote
meanwhile: ``results.write_results``) after every configuration; an earlier file in ``--out`` is added
to only when its settings are the same and no run or timing of the same name is in it; anything
else stops at once with one line, unless ``--overwrite`` (or another ``--name``) is given.

Example:
    >>> parse_args(["--full", "--epochs", "40", "--timing", ""]).source
    'full'
    >>> main(["--full", "--epochs", "40"])  # doctest: +SKIP
"""

import argparse
import os
import platform
import sys
from pathlib import Path

from augcourse import datasets
from augcourse.study.configs import BATCH_SIZE, CONFIGS, SEED, TIMING_CONFIGS, TRAINING_CONFIGS
from augcourse.study.data import load_data
from augcourse.study.report import (plot_epoch_times, plot_gaps, plot_histories, results_table, seed_table,
                                    timing_table)
from augcourse.study.results import (ResultsFileError, merge_conflicts, prepare_folder, read_results,
                                     write_results)
from augcourse.study.runs import run
from augcourse.study.timing import time_epochs


def at_least(low):
    """An argparse ``type``: an integer no smaller than ``low`` (else a usage error, status 2).

    Example:
        >>> at_least(1)("3"), at_least(4).__name__
        (3, 'an integer of at least 4')
    """
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an integer of at least {low}; got {text!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}; got {value}")
        return value
    parse.__name__ = f"an integer of at least {low}"
    return parse


def seed_list(text):
    """An argparse ``type``: comma-separated seeds, each an integer of at least 0, at least one.

    Example:
        >>> seed_list("0,1, 2")
        [0, 1, 2]
    """
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts:
        raise argparse.ArgumentTypeError(f"expected seeds such as 0,1,2; got {text!r}")
    return [at_least(0)(part) for part in parts]


def file_stem(text):
    """An argparse ``type``: a plain file name stem (the results file ``<out>/<stem>.json``).

    Plain means no folder part: the file stays inside ``--out`` (use ``--out`` for another folder), so
    nothing can fail on a missing subfolder after training. Not empty, not "." or "..", not hidden
    (a leading "." is the temporary files' prefix), no "/" or NUL, at most 200 characters.

    Example:
        >>> file_stem("study_flip")
        'study_flip'
        >>> file_stem("sub/x")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: expected a plain file name (no folder part, not hidden, at most 200 \
characters; put folders in --out); got 'sub/x'
    """
    separators = {os.sep, os.altsep, "/", "\0"} - {None}
    if (not text or text.startswith(".") or len(text) > 200 or any(s in text for s in separators)
            or text.strip() != text):
        raise argparse.ArgumentTypeError("expected a plain file name (no folder part, not hidden, at most 200 "
                                         f"characters; put folders in --out); got {text!r}")
    return text


def folder_option(text):
    """An argparse ``type``: a folder that exists or can be created (not a file, not empty), ``~`` expanded.

    Example:
        >>> folder_option("/")
        '/'
        >>> folder_option("")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: expected a folder (or one to create); got ''
    """
    path = Path(text).expanduser() if text else None
    blocked = path is not None and any(p.exists() and not p.is_dir() for p in (path, *path.parents))
    if path is None or "\0" in text or blocked:
        what = " (a file)" if blocked else ""
        raise argparse.ArgumentTypeError(f"expected a folder (or one to create); got {text!r}{what}")
    return str(path)


def sha256_hex(text):
    """An argparse ``type``: a sha256 as 64 hexadecimal digits (lower-cased).

    Example:
        >>> sha256_hex("AB" * 32) == "ab" * 32
        True
    """
    if len(text) != 64 or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise argparse.ArgumentTypeError(f"expected a sha256 (64 hexadecimal digits); got {text!r}")
    return text.lower()


def parse_args(argv=None):
    """The command line's options as an ``argparse.Namespace`` (exits with status 2 on bad usage).

    ``configs`` and ``timing`` come back as lists of configuration names; ``source`` defaults to
    "subset".

    Example:
        >>> args = parse_args(["--configs", "none", "--timing", ""])
        >>> args.source, args.configs, args.timing, args.epochs
        ('subset', ['none'], [], 12)
    """
    p = argparse.ArgumentParser(
        prog="python -m augcourse.study",
        description="The CIFAR-10 augmentation study: train without augmentation, with the notes' "
                    "flip (as ImageDataGenerator and as a Keras 3 layer) and with two kinds of too much "
                    "(zoom, rotation); then time one epoch through each input pipeline. Writes a JSON "
                    "file and PNG plots.")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--full", action="store_const", const="full", dest="source",
                     help="the full 50,000/10,000 CIFAR-10 (downloaded once by Keras, 170 MB)")
    src.add_argument("--source", choices=datasets.SOURCES, dest="source",
                     help="subset (bundled, default), full or auto (full if it can be had)")
    p.add_argument("--epochs", type=at_least(1), default=12, help="maximum epochs per training run (default 12)")
    p.add_argument("--batch-size", type=at_least(1), default=BATCH_SIZE, help="batch size (default 64)")
    p.add_argument("--seed", type=at_least(0), default=SEED, help="seed for the split, weights and augmentation")
    p.add_argument("--seeds", type=seed_list, default=None,
                   help="train each configuration once per seed, e.g. 0,1,2 (weights, dropout and augmentation "
                        "draws; the split stays that of the first seed) and report mean ± sd")
    p.add_argument("--out", default="benchmarks/results", help="output folder (default benchmarks/results)")
    p.add_argument("--name", type=file_stem, default=None,
                   help="file name stem, a plain name inside --out (default study_<source>)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace what is in the results file: runs and timings of the same name, or the "
                        "whole file when its settings differ (default: refuse, and keep the file)")
    p.add_argument("--configs", default=",".join(TRAINING_CONFIGS),
                   help=f"training configurations, comma-separated, from {', '.join(TRAINING_CONFIGS)} "
                        "(default: all); '' for none")
    p.add_argument("--timing", default=",".join(TIMING_CONFIGS),
                   help="pipelines for the time comparison, comma-separated (default: "
                        f"{','.join(TIMING_CONFIGS)}); '' to skip")
    p.add_argument("--rounds", type=at_least(1), default=3, help="timed epochs per pipeline (default 3)")
    p.add_argument("--limit", type=at_least(4), default=None, help="use only the first N (4 or more) "
                                                                  "train/test images")
    p.add_argument("--cache-dir", type=folder_option, default=None, help="Keras cache root for the full download")
    p.add_argument("--origin", default=None, help="URL of cifar-10-python.tar.gz (default: Keras')")
    p.add_argument("--file-hash", type=sha256_hex, default=None, help="sha256 of the archive at --origin")
    args = p.parse_args(argv)
    args.source = args.source or "subset"
    if args.seeds is not None:
        args.seed = args.seeds[0]
    args.configs = [c for c in args.configs.split(",") if c]
    args.timing = [c for c in args.timing.split(",") if c]
    for c in args.configs + args.timing:
        if c not in CONFIGS:
            p.error(f"unknown configuration {c!r}; choose from {', '.join(CONFIGS)}")
    return args


def main(argv=None):
    """Command line entry point; returns the exit status (0 ok, 2 bad usage, no data or nowhere to write).

    See the module's docstring for what is written and when an earlier file is added to.
    """
    args = parse_args(argv)
    out = Path(args.out)
    try:
        created = prepare_folder(out)
    except ResultsFileError as error:
        return _stop(f"--out: {error}")
    loader_kwargs = {k: v for k, v in (("cache_dir", args.cache_dir), ("origin", args.origin),
                                       ("file_hash", args.file_hash)) if v is not None}
    try:
        data = load_data(args.source, seed=args.seed, limit=args.limit, **loader_kwargs)
    except datasets.CIFAR10Unavailable as error:
        _remove_empty(out, created)
        return _stop(error.explain("the bundled subset: run without --full (or with --source subset)"))
    stem = args.name or f"study_{data.source}"
    json_path = out / f"{stem}.json"
    settings = {"source": data.source, "sizes": data.sizes(), "epochs": args.epochs,
                "batch_size": args.batch_size, "seed": args.seed, "limit": args.limit}
    if args.seeds is not None:
        settings["seeds"] = args.seeds
    results = {"settings": settings, "runs": {}, "timing": []}
    replace = False                # True: the first write replaces the file (--overwrite of other settings)
    try:
        old = read_results(json_path)
    except ResultsFileError as error:
        if not args.overwrite:
            return _stop(str(error))
        old, replace = None, True
    if old is not None:
        conflicts = merge_conflicts(old, settings, args.configs, args.timing)
        if conflicts and not args.overwrite:
            return _stop(f"{json_path} holds {'; '.join(conflicts)}: nothing was run. Pass --overwrite to "
                         "replace them, or --name <stem> to write a separate file.")
        if not conflicts or not conflicts[0].startswith("other settings"):
            results = old          # same settings: add to the earlier invocation's runs
            print(f"adding to {json_path} (same settings)")
        else:
            replace = True
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from augcourse._tf import tf

    results["machine"] = {"platform": platform.platform(), "python": platform.python_version(),
                          "tensorflow": tf.__version__,
                          "gpus": [d.name for d in tf.config.list_physical_devices("GPU")]}
    print(f"CIFAR-10 {data.source}: {settings['sizes']}, batch {args.batch_size}, seed {args.seed}")
    for name in args.configs:
        for k, seed in enumerate(args.seeds or [args.seed]):
            hist, record = run(name, data, epochs=args.epochs, batch_size=args.batch_size, seed=seed,
                               progress=True)
            if k == 0:                 # the first seed's run: the curves and the single-run table
                results["runs"][name] = {"record": record, "history": hist}
            if args.seeds is not None:
                results.setdefault("seed_runs", {}).setdefault(name, []).append(dict(record, seed=seed))
            try:                   # merged with what another run wrote meanwhile, under the folder's lock
                results = write_results(json_path, results, replace=replace)
            except ResultsFileError as error:
                return _stop(str(error))
            replace = False
    records = [results["runs"][n]["record"] for n in results["runs"]]
    if records:
        print(results_table(records))
        if results.get("seed_runs"):
            print(f"\nover seeds {', '.join(map(str, args.seeds or [args.seed]))} (mean ± sd):")
            print(seed_table(results["seed_runs"]))
        fig = plot_histories({n: r["history"] for n, r in results["runs"].items()},
                             {n: r["record"]["label"] for n, r in results["runs"].items()})
        fig.savefig(out / f"{stem}_curves.png", dpi=100)
        plot_gaps(records).savefig(out / f"{stem}_gaps.png", dpi=100)
    if args.timing:
        timed = time_epochs(args.timing, data, rounds=args.rounds, batch_size=args.batch_size,
                            seed=args.seed, progress=True)
        kept = [t for t in results.get("timing", []) if t["config"] not in args.timing]
        results["timing"] = kept + timed
        results["timing_method"] = ("median training-loop seconds of one fit(epochs=1) per round, "
                                    f"{args.rounds} rounds interleaved, after one warm-up epoch")
        print(timing_table(results["timing"]))
        plot_epoch_times(results["timing"]).savefig(out / f"{stem}_epoch_times.png", dpi=100)
    plt.close("all")
    try:
        results = write_results(json_path, results, replace=replace)
    except ResultsFileError as error:
        return _stop(str(error))
    print(f"wrote {json_path} and PNG plots to {out}/")
    return 0


def _stop(message):
    """Print ``error: message`` (one line) to stderr; the exit status 2."""
    print(f"error: {message}", file=sys.stderr)
    return 2


def _remove_empty(folder, created):
    """Remove ``folder`` and its parents up to ``created`` (the top one this run made), if empty."""
    if created is None:
        return
    for path in (folder, *folder.parents):
        if not path.is_dir() or any(path.iterdir()):
            return
        path.rmdir()
        if path == created:
            return
