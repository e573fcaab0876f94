"""The study's command line: ``python -m augcourse.study`` trains, times, and writes JSON and PNG plots.

``main(argv)`` runs the training configurations (``--configs``), then the time comparison
(``--timing``), on the data of ``--source`` / ``--full``, and writes ``<out>/<stem>.json`` and
``<stem>_curves.png``, ``<stem>_gaps.png``, ``<stem>_epoch_times.png`` (stem: ``study_<source>``,
with the source actually loaded). Exit status 0, or 2 for bad usage, unavailable data, an
output folder that cannot be written or a results file that would lose results.

Nothing computed is lost: the output folder and every file or folder option are checked before any
data are loaded (``--out`` and ``--cache-dir`` are local folders, ``~`` expanded, never empty, a URL or a
file; ``--origin`` is a URL; ``--name`` is a plain file name; every file written is joined to ``--out`` by
``output_paths`` and stays in it); a configuration named twice in ``--configs`` or ``--timing`` (or a seed
in ``--seeds``) runs once, where it was first named (the other runners read their lists the same way,
``name_list`` and ``seed_list``); the JSON file is
rewritten (atomically, merged under a lock with what another run into the same ``--out`` wrote
meanwhile: ``results.write_results``) after every configuration; an earlier file in ``--out`` is added
to only when its settings are the same and no run or timing of the same name is in it; anything
else stops at once with one line, unless ``--overwrite`` (or another ``--name``) is given.

Example:
    >>> parse_args(["--full", "--epochs", "40", "--timing", ""]).source
    'full'
    >>> main(["--full", "--epochs", "40"])  # doctest: +SKIP
"""

import platform
import sys
from pathlib import Path

from augcourse import datasets
from augcourse.language import tr
from augcourse.study.configs import BATCH_SIZE, CONFIGS, SEED, TIMING_CONFIGS, TRAINING_CONFIGS
from augcourse.study.data import load_data
from augcourse.study.options import (OUTPUT_SUFFIXES, ArgumentParser, at_least, file_stem, folder_option, name_list,
                                     output_paths, seed_list, sha256_hex, url_option)
from augcourse.study.report import (plot_epoch_times, plot_gaps, plot_histories, results_table, seed_table,
                                    timing_table)
from augcourse.study.results import (ResultsFileError, jsonable, merge_conflicts, prepare_folder, read_results,
                                     write_results)
from augcourse.study.runs import run
from augcourse.study.timing import time_epochs


def parse_args(argv=None):
    """The command line's options as an ``argparse.Namespace`` (exits with status 2 on bad usage).

    ``configs`` and ``timing`` come back as lists of configuration names, each once in first-seen order
    (``name_list``); ``source`` defaults to "subset"; ``out`` and ``cache_dir`` with ``~`` expanded.

    Example:
        >>> args = parse_args(["--configs", "none,none,idg", "--timing", ""])
        >>> args.source, args.configs, args.timing, args.epochs
        ('subset', ['none', 'idg'], [], 12)
    """
    p = ArgumentParser(
        prog="python -m augcourse.study",
        description=tr("The CIFAR-10 augmentation study: train without augmentation, with the notes' "
                       "flip (as ImageDataGenerator and as a Keras 3 layer) and with two kinds of too much "
                       "(zoom, rotation); then time one epoch through each input pipeline. Writes a JSON "
                       "file and PNG plots."))
    src = p.add_mutually_exclusive_group()
    src.add_argument("--full", action="store_const", const="full", dest="source",
                     help=tr("the full 50,000/10,000 CIFAR-10 (downloaded once by Keras, 170 MB)"))
    src.add_argument("--source", choices=datasets.SOURCES, dest="source",
                     help=tr("subset (bundled, default), full or auto (full if it can be had)"))
    p.add_argument("--epochs", type=at_least(1), default=12, help=tr("maximum epochs per training run (default 12)"))
    p.add_argument("--batch-size", type=at_least(1), default=BATCH_SIZE, help=tr("batch size (default 64)"))
    p.add_argument("--seed", type=at_least(0), default=SEED, help=tr("seed for the split, weights and augmentation"))
    p.add_argument("--seeds", type=seed_list, default=None,
                   help=tr("train each configuration once per seed, e.g. 0,1,2 (weights, dropout and augmentation "
                           "draws; the split stays that of the first seed) and report mean ± sd"))
    p.add_argument("--out", type=folder_option, default="benchmarks/results",
                   help=tr("output folder, ~ expanded (default benchmarks/results); every file goes inside it"))
    p.add_argument("--name", type=file_stem, default=None,
                   help=tr("file name stem, a plain name inside --out (default study_<source>)"))
    p.add_argument("--overwrite", action="store_true",
                   help=tr("replace what is in the results file: runs and timings of the same name, or the "
                           "whole file when its settings differ (default: refuse, and keep the file)"))
    p.add_argument("--configs", default=",".join(TRAINING_CONFIGS),
                   help=tr("training configurations, comma-separated, from {names} (default: all); '' for none; "
                           "a name given twice runs once", names=", ".join(TRAINING_CONFIGS)))
    p.add_argument("--timing", default=",".join(TIMING_CONFIGS),
                   help=tr("pipelines for the time comparison, comma-separated (default: {names}); '' to skip",
                           names=",".join(TIMING_CONFIGS)))
    p.add_argument("--rounds", type=at_least(1), default=3, help=tr("timed epochs per pipeline (default 3)"))
    p.add_argument("--limit", type=at_least(4), default=None, help=tr("use only the first N (4 or more) "
                                                                     "train/test images"))
    p.add_argument("--cache-dir", type=folder_option, default=None, help=tr("Keras cache root for the full download"))
    p.add_argument("--origin", type=url_option, default=None,
                   help=tr("URL of cifar-10-python.tar.gz (default: Keras'); file:///... for a local copy"))
    p.add_argument("--file-hash", type=sha256_hex, default=None, help=tr("sha256 of the archive at --origin"))
    args = p.parse_args(argv)
    args.source = args.source or "subset"
    if args.seeds is not None:
        args.seed = args.seeds[0]
    args.configs = name_list(args.configs)     # each name once, in first-seen order
    args.timing = name_list(args.timing)
    for c in args.configs + args.timing:
        if c not in CONFIGS:
            p.error(tr("unknown configuration {name!r}; choose from {names}", name=c, names=", ".join(CONFIGS)))
    return args


def main(argv=None):
    """Command line entry point; returns the exit status (0 ok, 2 bad usage, no data or nowhere to write).

    See the module's docstring for what is written and when an earlier file is added to.
    """
    args = parse_args(argv)
    out = Path(args.out)
    stems = [args.name] if args.name else [f"study_{s}" for s in ("subset", "full") if args.source in (s, "auto")]
    try:
        created = prepare_folder(out)
        output_paths(out, [stem + suffix for stem in stems for suffix in OUTPUT_SUFFIXES])
    except ResultsFileError as error:
        return _stop(f"--out: {error}")
    loader_kwargs = {k: v for k, v in (("cache_dir", args.cache_dir), ("origin", args.origin),
                                       ("file_hash", args.file_hash)) if v is not None}
    try:
        data = load_data(args.source, seed=args.seed, limit=args.limit, **loader_kwargs)
    except datasets.CIFAR10Unavailable as error:
        _remove_empty(out, created)
        return _stop(error.explain(tr("the bundled subset: run without --full (or with --source subset)")))
    stem = args.name or f"study_{data.source}"
    json_path, curves_path, gaps_path, times_path = output_paths(out, [stem + suffix for suffix in OUTPUT_SUFFIXES])
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
            return _stop(tr("{path} holds {conflicts}: nothing was run. Pass --overwrite to replace them, or "
                            "--name <stem> to write a separate file.", path=json_path, conflicts="; ".join(conflicts)))
        if old["settings"] == jsonable(settings):
            results = old          # same settings: add to the earlier invocation's runs
            print(tr("adding to {path} (same settings)", path=json_path))
        else:
            replace = True
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from augcourse._tf import tf

    results["machine"] = {"platform": platform.platform(), "python": platform.python_version(),
                          "tensorflow": tf.__version__,
                          "gpus": [d.name for d in tf.config.list_physical_devices("GPU")]}
    print(tr("CIFAR-10 {source}: {sizes}, batch {batch_size}, seed {seed}", source=data.source,
             sizes=settings["sizes"], batch_size=args.batch_size, seed=args.seed))
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
            print(tr("\nover seeds {seeds} (mean ± sd):", seeds=", ".join(map(str, args.seeds or [args.seed]))))
            print(seed_table(results["seed_runs"]))
        fig = plot_histories({n: r["history"] for n, r in results["runs"].items()},
                             {n: r["record"]["label"] for n, r in results["runs"].items()})
        fig.savefig(curves_path, dpi=100)
        plot_gaps(records).savefig(gaps_path, dpi=100)
    if args.timing:
        timed = time_epochs(args.timing, data, rounds=args.rounds, batch_size=args.batch_size,
                            seed=args.seed, progress=True)
        kept = [t for t in results.get("timing", []) if t["config"] not in args.timing]
        results["timing"] = kept + timed
        results["timing_method"] = ("median training-loop seconds of one fit(epochs=1) per round, "
                                    f"{args.rounds} rounds interleaved, after one warm-up epoch")
        print(timing_table(results["timing"]))
        plot_epoch_times(results["timing"]).savefig(times_path, dpi=100)
    plt.close("all")
    try:
        results = write_results(json_path, results, replace=replace)
    except ResultsFileError as error:
        return _stop(str(error))
    print(tr("wrote {path} and PNG plots to {out}/", path=json_path, out=out))
    return 0


def _stop(message):
    """Print ``error: message`` (one line) to stderr; the exit status 2."""
    print(tr("error: {message}", message=message), file=sys.stderr)
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
