"""The study's command line: ``python -m augcourse.study`` trains, times, and writes JSON and PNG plots.

``main(argv)`` runs the training configurations (``--configs``), then the time comparison
(``--timing``), on the data of ``--source`` / ``--full``, and writes ``<out>/<stem>.json`` and
``<stem>_curves.png``, ``<stem>_gaps.png``, ``<stem>_epoch_times.png`` (stem: ``study_<source>``,
with the source actually loaded). Exit status 0, or 2 for bad usage or unavailable data.

Example:
    >>> parse_args(["--full", "--epochs", "40", "--timing", ""]).source
    'full'
    >>> main(["--full", "--epochs", "40"])  # doctest: +SKIP
"""

import argparse
import json
import platform
import sys
from pathlib import Path

from augcourse import datasets
from augcourse.study.configs import BATCH_SIZE, CONFIGS, SEED, TIMING_CONFIGS, TRAINING_CONFIGS
from augcourse.study.data import load_data
from augcourse.study.report import plot_epoch_times, plot_gaps, plot_histories, results_table, timing_table
from augcourse.study.results import write_json
from augcourse.study.runs import run
from augcourse.study.timing import time_epochs


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
                    "augmentation and with too much zoom; then time one epoch through each input "
                    "pipeline. Writes a JSON file and PNG plots.")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--full", action="store_const", const="full", dest="source",
                     help="the full 50,000/10,000 CIFAR-10 (downloaded once by Keras, 170 MB)")
    src.add_argument("--source", choices=datasets.SOURCES, dest="source",
                     help="subset (bundled, default), full or auto (full if it can be had)")
    p.add_argument("--epochs", type=int, default=12, help="maximum epochs per training run (default 12)")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="batch size (default 64)")
    p.add_argument("--seed", type=int, default=SEED, help="seed for the split, weights and augmentation")
    p.add_argument("--out", default="benchmarks/results", help="output folder (default benchmarks/results)")
    p.add_argument("--name", default=None, help="file name stem (default study_<source>)")
    p.add_argument("--configs", default=",".join(TRAINING_CONFIGS),
                   help=f"training configurations, comma-separated, from {', '.join(TRAINING_CONFIGS)} "
                        "(default: all); '' for none")
    p.add_argument("--timing", default=",".join(TIMING_CONFIGS),
                   help="pipelines for the time comparison, comma-separated (default: "
                        f"{','.join(TIMING_CONFIGS)}); '' to skip")
    p.add_argument("--rounds", type=int, default=3, help="timed epochs per pipeline (default 3)")
    p.add_argument("--limit", type=int, default=None, help="use only the first N train/test images")
    p.add_argument("--cache-dir", default=None, help="Keras cache root for the full download")
    p.add_argument("--origin", default=None, help="URL of cifar-10-python.tar.gz (default: Keras')")
    p.add_argument("--file-hash", default=None, help="sha256 of the archive at --origin")
    args = p.parse_args(argv)
    args.source = args.source or "subset"
    for option in ("epochs", "batch_size", "rounds"):
        if getattr(args, option) < 1:
            p.error(f"--{option.replace('_', '-')} must be at least 1; got {getattr(args, option)}")
    args.configs = [c for c in args.configs.split(",") if c]
    args.timing = [c for c in args.timing.split(",") if c]
    for c in args.configs + args.timing:
        if c not in CONFIGS:
            p.error(f"unknown configuration {c!r}; choose from {', '.join(CONFIGS)}")
    return args


def main(argv=None):
    """Command line entry point; returns the exit status (0 ok, 2 data unavailable / bad usage).

    A JSON file with the same settings is added to (its runs replaced by name), not overwritten.
    See the module's example.
    """
    args = parse_args(argv)
    loader_kwargs = {k: v for k, v in (("cache_dir", args.cache_dir), ("origin", args.origin),
                                       ("file_hash", args.file_hash)) if v is not None}
    try:
        data = load_data(args.source, seed=args.seed, limit=args.limit, **loader_kwargs)
    except datasets.CIFAR10Unavailable as error:
        print(f"error: {error.args[0]}", file=sys.stderr)
        return 2
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from augcourse._tf import tf

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = args.name or f"study_{data.source}"
    json_path = out / f"{stem}.json"
    settings = {"source": data.source, "sizes": data.sizes(), "epochs": args.epochs,
                "batch_size": args.batch_size, "seed": args.seed, "limit": args.limit}
    results = {"settings": settings, "runs": {}, "timing": []}
    if json_path.exists():
        old = json.loads(json_path.read_text())
        if old.get("settings") == settings:
            results = old          # same settings: add to / replace runs of an earlier invocation
            print(f"adding to {json_path} (same settings)")
    results["machine"] = {"platform": platform.platform(), "python": platform.python_version(),
                          "tensorflow": tf.__version__,
                          "gpus": [d.name for d in tf.config.list_physical_devices("GPU")]}
    print(f"CIFAR-10 {data.source}: {settings['sizes']}, batch {args.batch_size}, seed {args.seed}")
    for name in args.configs:
        hist, record = run(name, data, epochs=args.epochs, batch_size=args.batch_size, seed=args.seed,
                           progress=True)
        results["runs"][name] = {"record": record, "history": hist}
        write_json(json_path, results)
    records = [results["runs"][n]["record"] for n in results["runs"]]
    if records:
        print(results_table(records))
        fig = plot_histories({n: r["history"] for n, r in results["runs"].items()},
                             {n: r["record"]["label"] for n, r in results["runs"].items()})
        fig.savefig(out / f"{stem}_curves.png", dpi=100)
        plot_gaps(records).savefig(out / f"{stem}_gaps.png", dpi=100)
    if args.timing:
        results["timing"] = time_epochs(args.timing, data, rounds=args.rounds, batch_size=args.batch_size,
                                        seed=args.seed, progress=True)
        results["timing_method"] = ("median training-loop seconds of one fit(epochs=1) per round, "
                                    f"{args.rounds} rounds interleaved, after one warm-up epoch")
        print(timing_table(results["timing"]))
        plot_epoch_times(results["timing"]).savefig(out / f"{stem}_epoch_times.png", dpi=100)
    plt.close("all")
    write_json(json_path, results)
    print(f"wrote {json_path} and PNG plots to {out}/")
    return 0
