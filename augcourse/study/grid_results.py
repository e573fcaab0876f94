"""The converged grid read back as tables: accuracy over seeds, paired differences, robustness, test-time augmentation, cost.

``load_grid`` reads what ``python -m augcourse.study.grid`` wrote (``{config: [record per seed]}``, in the
grid's order, with only the runs finished so far); the tables print ``mean ± sd`` over seeds and, for each
configuration, the paired difference to a baseline with its 95 % interval and a verdict that goes no
further than the interval (``seed_stats.compare``). Corruption accuracies are averaged per corruption
over its severities. ``grid_plots`` draws the same records.

Example:
    >>> record = lambda seed, acc: {"config": "x", "label": "x", "seed": seed, "test_acc": acc}
    >>> runs = {"none": [record(0, 0.60), record(1, 0.62), record(2, 0.61)],
    ...         "flip": [record(0, 0.66), record(1, 0.67), record(2, 0.65)]}
    >>> print(paired_table(runs, keys=("test_acc",)))
    configuration            seeds             test_acc − none  95 % interval     verdict
    flip                         3                      +0.050  [+0.025, +0.075]  higher
"""

import json
from pathlib import Path

import numpy as np

from augcourse.language import tr
from augcourse.study.seed_stats import compare, summary


def load_grid(path):
    """``(settings, {config: [records by seed]})`` from a grid file, configurations in the grid's order.

    Example:
        >>> load_grid("nowhere/grid_subset.json")
        Traceback (most recent call last):
        ...
        FileNotFoundError: No grid results at 'nowhere/grid_subset.json': run `python -m augcourse.study.grid` first.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(tr("No grid results at {path!r}: run `python -m augcourse.study.grid` first.",
                                   path=str(path)))
    content = json.loads(path.read_text(encoding="utf-8"))
    order = list(content["settings"]["grid"])
    runs = {name: [content["runs"][name][seed] for seed in sorted(content["runs"][name], key=int)]
            for name in order if content["runs"].get(name)}
    return content["settings"], runs


def short(corruption):
    """The column title of a corruption: "gaussian_noise" → "noise", "gaussian_blur" → "blur"."""
    return corruption.replace("gaussian_", "")


def corruption_means(record):
    """``{corruption: accuracy averaged over its severities}`` of one run ("gaussian_noise/3" → "gaussian_noise").

    Example:
        >>> corruption_means({"corruption_acc": {"jpeg/1": 0.6, "jpeg/5": 0.4, "contrast/1": 0.5}})
        {'jpeg': 0.5, 'contrast': 0.5}
    """
    groups = {}
    for key, accuracy in record["corruption_acc"].items():
        groups.setdefault(key.split("/")[0], []).append(accuracy)
    return {name: float(np.mean(values)) for name, values in groups.items()}


def with_corruptions(runs):
    """The runs with each corruption's mean accuracy as a flat key ``"<corruption>_acc"``, the train − test
    ``gap`` and the flip test-time augmentation's gain ``tta_gain`` (flip_tta_acc − test_acc), for the tables.

    Example:
        >>> run = {"train_acc": 0.9, "test_acc": 0.6, "flip_tta_acc": 0.62, "corruption_acc": {"jpeg/1": 0.5}}
        >>> flat = with_corruptions({"x": [run]})["x"][0]
        >>> flat["jpeg_acc"], round(flat["gap"], 2), round(flat["tta_gain"], 2)
        (0.5, 0.3, 0.02)
    """
    def derived(r):
        extra = {f"{k}_acc": v for k, v in corruption_means(r).items()}
        extra.update(gap=r["train_acc"] - r["test_acc"], tta_gain=r["flip_tta_acc"] - r["test_acc"])
        return dict(r, **extra)

    return {name: [derived(r) for r in records] for name, records in runs.items()}


def grid_table(runs, keys=("test_acc", "flip_tta_acc", "mean_corruption_acc", "epochs_run")):
    """One row per configuration: the number of seeds and ``mean ± sd`` of each key.

    Example:
        >>> runs = {"none": [{"label": "none", "test_acc": a} for a in (0.60, 0.62, 0.64)]}
        >>> print(grid_table(runs, keys=("test_acc",)))
        configuration                                    seeds         test_acc
        none                                                 3    0.620 ± 0.020
    """
    widths = [max(17, len(key) + 2) for key in keys]
    lines = [f"{'configuration':<48}{'seeds':>6}" + "".join(f"{k:>{w}}" for k, w in zip(keys, widths))]
    for name, records in runs.items():
        cells = []
        for key in keys:
            mean, sd, *_ = summary(records, key)
            cells.append(f"{mean:.1f} ± {sd:.1f}" if key == "epochs_run" else f"{mean:.3f} ± {sd:.3f}")
        lines.append(f"{records[0].get('label', name):<48}{len(records):>6}"
                     + "".join(f"{c:>{w}}" for c, w in zip(cells, widths)))
    return "\n".join(lines)


def paired_table(runs, base="none", keys=("test_acc", "mean_corruption_acc")):
    """Each configuration against ``base``, seed by seed: mean difference, 95 % interval, verdict.

    Rows need two seeds in common with ``base`` for an interval; with fewer the verdict says so.
    See the module's example.
    """
    lines = []
    for key in keys:
        lines.append(f"{'configuration':<24}{'seeds':>6}{key + ' − ' + base:>28}  {'95 % interval':<18}verdict")
        for name in runs:
            if name == base or base not in runs:
                continue
            out = compare(runs, base, name, key)
            interval = ("[{:+.3f}, {:+.3f}]".format(*out["interval"]) if out["interval"] else "—")
            lines.append(f"{name:<24}{len(out['seeds']):>6}{out['diff']:>+28.3f}  {interval:<18}"
                         f"{tr(out['verdict'])}")
    return "\n".join(lines)


def cost_table(runs, base="none"):
    """Cost beside benefit, per configuration (means over seeds): epochs run, median wall and CPU seconds
    per epoch, CPU minutes of the whole training, and the test accuracy with its difference to ``base``.

    Example:
        >>> run = {"label": "none", "epochs_run": 30, "epoch_s": [3.0, 2.0, 2.5], "epoch_cpu_s": [5.0, 4.0, 4.5],
        ...        "train_s": 90.0, "test_acc": 0.6}
        >>> print(cost_table({"none": [run]}))
        configuration     epochs  s/epoch  CPU s/epoch  CPU min  test_acc  − none
        none                30.0     2.50         4.50      0.2     0.600  +0.000
    """
    lines = [f"{'configuration':<18}{'epochs':>6}{'s/epoch':>9}{'CPU s/epoch':>13}{'CPU min':>9}{'test_acc':>10}"
             f"{'− ' + base:>8}"]
    reference = np.mean([r["test_acc"] for r in runs[base]]) if base in runs else np.nan
    for name, records in runs.items():
        epochs = np.mean([r["epochs_run"] for r in records])
        wall = np.mean([np.median(r["epoch_s"]) for r in records])
        cpu = np.mean([np.median(r["epoch_cpu_s"]) for r in records])
        cpu_minutes = np.mean([np.sum(r["epoch_cpu_s"]) for r in records]) / 60
        accuracy = np.mean([r["test_acc"] for r in records])
        lines.append(f"{name[:17]:<18}{epochs:>6.1f}{wall:>9.2f}{cpu:>13.2f}"
                     f"{cpu_minutes:>9.1f}{accuracy:>10.3f}{accuracy - reference:>+8.3f}")
    return "\n".join(lines)


def total_cost(runs):
    """``(runs, wall hours of the ``fit`` calls (training and validation), CPU hours of the training loops)``
    of the whole grid, summed over every run.

    Example:
        >>> total_cost({"x": [{"train_s": 1800.0, "epoch_cpu_s": [3600.0, 1800.0]}]})
        (1, 0.5, 1.5)
    """
    records = [r for rs in runs.values() for r in rs]
    return (len(records), round(sum(r["train_s"] for r in records) / 3600, 10),
            round(sum(sum(r["epoch_cpu_s"]) for r in records) / 3600, 10))


def tta_table(runs):
    """Flip test-time augmentation per configuration: clean and TTA accuracy (means over seeds) and the
    gain, TTA − clean, paired seed by seed with its 95 % interval and verdict (``seed_stats.compare``).

    Example:
        >>> runs = {"x": [{"seed": s, "test_acc": a, "flip_tta_acc": a + 0.01} for s, a in enumerate((0.6, 0.7))]}
        >>> print(tta_table(runs))
        configuration         clean  flip TTA     gain  95 % interval     verdict
        x                     0.650     0.660   +0.010  [+0.010, +0.010]  higher
    """
    lines = [f"{'configuration':<18}{'clean':>9}{'flip TTA':>10}{'gain':>9}  {'95 % interval':<18}verdict"]
    for name, records in runs.items():
        pairs = {"clean": [{"seed": r["seed"], "x": r["test_acc"]} for r in records],
                 "tta": [{"seed": r["seed"], "x": r["flip_tta_acc"]} for r in records]}
        out = compare(pairs, "clean", "tta", "x")
        interval = "[{:+.3f}, {:+.3f}]".format(*out["interval"]) if out["interval"] else "—"
        lines.append(f"{name[:17]:<18}{np.mean([r['test_acc'] for r in records]):>9.3f}"
                     f"{np.mean([r['flip_tta_acc'] for r in records]):>10.3f}{out['diff']:>+9.3f}  "
                     f"{interval:<18}{tr(out['verdict'])}")
    return "\n".join(lines)


def clean_and_corrupted(records, corruptions):
    """``[clean test accuracy, then each corruption's accuracy]``, each the mean over the records (seeds).

    Example:
        >>> runs = [{"test_acc": 0.6, "corruption_acc": {"jpeg/1": 0.5}}, {"test_acc": 0.8, "corruption_acc": {"jpeg/1": 0.7}}]
        >>> [round(v, 2) for v in clean_and_corrupted(runs, ["jpeg"])]
        [0.7, 0.6]
    """
    return ([float(np.mean([r["test_acc"] for r in records]))]
            + [float(np.mean([corruption_means(r)[c] for r in records])) for c in corruptions])


def robustness_table(runs, names=None):
    """Accuracy on the clean test set and on each corruption (mean over its severities and over seeds),
    with the share of the clean accuracy kept under corruption (mean corrupted / clean).

    Example:
        >>> run = {"label": "x", "test_acc": 0.6, "corruption_acc": {"jpeg/1": 0.5, "jpeg/5": 0.3}}
        >>> print(robustness_table({"x": [run]}))
        configuration           clean       jpeg       mean   kept
        x                       0.600      0.400      0.400    67%
    """
    names = [name for name in (names or runs) if name in runs]
    corruptions = list(corruption_means(runs[names[0]][0]))
    lines = [f"{'configuration':<18}" + "".join(f"{short(c):>11}" for c in ["clean"] + corruptions + ["mean"])
             + f"{'kept':>7}"]
    for name in names:
        clean, *per = clean_and_corrupted(runs[name], corruptions)
        mean = float(np.mean(per))
        lines.append(f"{name[:17]:<18}" + "".join(f"{v:>11.3f}" for v in [clean] + per + [mean])
                     + f"{mean / clean:>7.0%}")
    return "\n".join(lines)
