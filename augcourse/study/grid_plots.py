"""The converged grid drawn: learning curves with their learning-rate cuts, the dose–response, and robustness.

Every function takes the runs of ``grid_results.load_grid`` (``{config: [record per seed]}``), draws on
new axes and returns the figure; configurations not run yet are left out.

Example:
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> history = {"accuracy": [0.3, 0.5, 0.6], "val_accuracy": [0.3, 0.4, 0.4], "val_loss": [1.8, 1.6, 1.7],
    ...            "lr": [1e-3, 1e-3, 2e-4]}
    >>> runs = {"none": [{"seed": 0, "history": history, "best_epoch": 2}]}
    >>> fig = plot_curves(runs, ["none", "flip"])
    >>> [ax.get_title() for ax in fig.axes]
    ['none', '']
"""

import numpy as np

from augcourse.study.seed_stats import summary


def plot_curves(runs, names, labels=None, width=4.2):
    """Per configuration a column: accuracy per epoch (on its own training batches, solid; on the
    validation images, dashed) above the validation loss, one line per seed. A dot marks the epoch whose
    weights the run kept (lowest validation loss), a triangle each learning-rate cut.

    ``labels`` maps a name to its column title (default: the name).
    """
    import matplotlib.pyplot as plt

    names = [name for name in names if name in runs]
    fig, axes = plt.subplots(2, len(names), figsize=(width * len(names), 5.6), sharex=True, sharey="row",
                             squeeze=False)
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for col, name in enumerate(names):
        top, bottom = axes[0, col], axes[1, col]
        for k, record in enumerate(runs[name]):
            h, colour = record["history"], colours[k % len(colours)]
            epochs = np.arange(1, len(h["val_loss"]) + 1)
            best = record["best_epoch"]
            top.plot(epochs, h["accuracy"], color=colour, lw=1.2, label=f"seed {record['seed']}")
            top.plot(epochs, h["val_accuracy"], color=colour, lw=1.2, ls="--")
            bottom.plot(epochs, h["val_loss"], color=colour, lw=1.2)
            bottom.plot(best, h["val_loss"][best - 1], "o", color=colour, ms=6)
            cuts = [e for e in range(1, len(h["lr"])) if h["lr"][e] < h["lr"][e - 1]]
            bottom.plot(np.array(cuts) + 1, [h["val_loss"][e] for e in cuts], "v", color=colour, ms=5)
        top.set_title((labels or {}).get(name, name))
        bottom.set_xlabel("epoch")
        top.grid(alpha=0.3)
        bottom.grid(alpha=0.3)
    axes[0, 0].set_ylabel("accuracy\n(solid: own training batches,\ndashed: validation)")
    axes[1, 0].set_ylabel("validation loss\n(● kept weights, ▼ LR cut)")
    most = max(range(len(names)), key=lambda col: len(runs[names[col]]))       # the column with most seeds
    axes[0, most].legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def plot_dose_response(runs, names, doses, base="none", keys=("test_acc", "mean_corruption_acc"),
                       xlabel="zoom_range"):
    """One panel per key: every seed as a dot and the mean ± sd against the dose of each configuration in
    ``names`` (tick labels ``doses``), with ``base``'s mean as a dashed line.

    Example:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> runs = {"a": [{"test_acc": 0.6}, {"test_acc": 0.62}], "none": [{"test_acc": 0.61}]}
        >>> fig = plot_dose_response(runs, ["a", "b"], ["0.1", "0.2"], keys=("test_acc",))
        >>> [t.get_text() for t in fig.axes[0].get_xticklabels()]
        ['0.1']
    """
    import matplotlib.pyplot as plt

    shown = [(name, dose) for name, dose in zip(names, doses) if name in runs]
    fig, axes = plt.subplots(1, len(keys), figsize=(5.2 * len(keys), 3.6), squeeze=False)
    for ax, key in zip(axes[0], keys):
        stats = [summary(runs[name], key) for name, _ in shown]
        for x, (name, _) in enumerate(shown):
            values = [r[key] for r in runs[name]]
            ax.plot(np.full(len(values), x) + np.linspace(-0.08, 0.08, len(values)), values, ".", color="0.6",
                    ms=7, label="one seed" if x == 0 else None)
        ax.errorbar(range(len(shown)), [s[0] for s in stats], yerr=[s[1] for s in stats], marker="o",
                    capsize=4, label="mean ± sd")
        if base in runs:
            ax.axhline(summary(runs[base], key)[0], color="grey", linestyle="--", label=f"{base} (mean)")
        ax.set_xticks(range(len(shown)), [dose for _, dose in shown])
        ax.set_xlabel(xlabel)
        ax.set_ylabel(key.replace("_", " "))
        ax.grid(alpha=0.3)
    axes[0, -1].legend(loc="best", fontsize=8)
    fig.tight_layout()
    return fig


def plot_robustness(runs, names=None, base="none"):
    """A heat map of what each configuration gains or loses against ``base``: configurations down, the clean
    test set and each corruption across (mean accuracy over severities and seeds, minus ``base``'s), the
    difference written in each cell (red: lower, blue: higher).

    Example:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> run = lambda acc: {"test_acc": acc, "corruption_acc": {"jpeg/1": acc - 0.1, "jpeg/5": acc - 0.3}}
        >>> fig = plot_robustness({"none": [run(0.6)], "x": [run(0.65)]})
        >>> [t.get_text() for t in fig.axes[0].get_xticklabels()], fig.axes[0].texts[-1].get_text()
        (['clean', 'jpeg'], '+0.05')
    """
    import matplotlib.pyplot as plt

    from augcourse.study.grid_results import clean_and_corrupted, corruption_means, short

    names = [name for name in (names or runs) if name in runs and name != base]
    corruptions = list(corruption_means(runs[base][0]))

    baseline = np.array(clean_and_corrupted(runs[base], corruptions))
    table = np.array([np.array(clean_and_corrupted(runs[name], corruptions)) - baseline for name in names])
    limit = max(float(np.abs(table).max()), 1e-6)
    fig, ax = plt.subplots(figsize=(1.0 * table.shape[1] + 3.0, 0.42 * len(names) + 1.4))
    image = ax.imshow(table, cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto")
    for (i, j), value in np.ndenumerate(table):
        ax.text(j, i, f"{value:+.2f}", ha="center", va="center", fontsize=8,
                color="white" if abs(value) > 0.6 * limit else "black")
    ax.set_xticks(range(table.shape[1]), ["clean"] + [short(c) for c in corruptions])
    ax.set_yticks(range(len(names)), names)
    fig.colorbar(image, ax=ax, label=f"accuracy − {base}'s")
    fig.tight_layout()
    return fig
