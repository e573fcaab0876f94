"""The converged grid read back: a table over seeds, paired differences to "none", dose–response, robustness, cost.

``load_grid`` reads what ``python -m augcourse.study.grid`` wrote (``{config: [record per seed]}``, in the
grid's order, with only the runs finished so far); the tables print ``mean ± sd`` over seeds and, for each
configuration, the paired difference to a baseline with its 95 % interval and a verdict that goes no
further than the interval (``seed_stats.compare``). Corruption accuracies are averaged per corruption
over its severities.

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
        raise FileNotFoundError(f"No grid results at {str(path)!r}: run `python -m augcourse.study.grid` first.")
    content = json.loads(path.read_text(encoding="utf-8"))
    order = list(content["settings"]["grid"])
    runs = {name: [content["runs"][name][seed] for seed in sorted(content["runs"][name], key=int)]
            for name in order if content["runs"].get(name)}
    return content["settings"], runs


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
    """The runs with each corruption's mean accuracy as a flat key ``"<corruption>_acc"`` (for the tables)."""
    return {name: [dict(r, **{f"{k}_acc": v for k, v in corruption_means(r).items()}) for r in records]
            for name, records in runs.items()}


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
            lines.append(f"{name:<24}{len(out['seeds']):>6}{out['diff']:>+28.3f}  {interval:<18}{out['verdict']}")
    return "\n".join(lines)


def cost_table(runs):
    """Per configuration: epochs run, median wall and CPU seconds per epoch, and training minutes (means over seeds).

    Example:
        >>> run = {"label": "none", "epochs_run": 30, "epoch_s": [3.0, 2.0, 2.5], "epoch_cpu_s": [5.0, 4.0, 4.5],
        ...        "train_s": 90.0}
        >>> print(cost_table({"none": [run]}))
        configuration                                   epochs   s/epoch   CPU s/epoch   minutes
        none                                              30.0      2.50          4.50       1.5
    """
    lines = [f"{'configuration':<48}{'epochs':>6}{'s/epoch':>10}{'CPU s/epoch':>14}{'minutes':>10}"]
    for name, records in runs.items():
        epochs = np.mean([r["epochs_run"] for r in records])
        wall = np.mean([np.median(r["epoch_s"]) for r in records])
        cpu = np.mean([np.median(r["epoch_cpu_s"]) for r in records])
        minutes = np.mean([r["train_s"] for r in records]) / 60
        lines.append(f"{records[0].get('label', name):<48}{epochs:>6.1f}{wall:>10.2f}{cpu:>14.2f}{minutes:>10.1f}")
    return "\n".join(lines)


def plot_dose_response(runs, names, doses, base="none", key="test_acc", ax=None):
    """Mean ± sd of ``key`` against the dose of each configuration in ``names`` (labels ``doses``), with the
    baseline's mean as a dashed line; returns the axes. Configurations without runs yet are left out."""
    import matplotlib.pyplot as plt

    ax = ax or plt.subplots(figsize=(6, 3.5))[1]
    shown = [(name, dose) for name, dose in zip(names, doses) if name in runs]
    stats = [summary(runs[name], key) for name, _ in shown]
    ax.errorbar(range(len(shown)), [s[0] for s in stats], yerr=[s[1] for s in stats], marker="o", capsize=4,
                label="flip + zoom")
    if base in runs:
        ax.axhline(summary(runs[base], key)[0], color="grey", linestyle="--", label=f"{base} (mean)")
    ax.set_xticks(range(len(shown)), [dose for _, dose in shown])
    ax.set_xlabel("zoom_range")
    ax.set_ylabel(key.replace("_", " "))
    ax.legend(loc="best")
    return ax
