"""The study's results shown: the accuracy and time tables (text) and the plots (matplotlib).

Tables take the records of ``run`` / ``make_record`` or the timings of ``time_epochs`` (lists of
dicts) and return a string; plots return a matplotlib Figure.

Example:
    >>> record = {"config": "idg", "label": "horizontal flip (the notes)", "epochs_run": 12,
    ...           "train_acc": 0.79, "val_acc": 0.63, "test_acc": 0.63, "gap": 0.16}
    >>> print(results_table([record]))
    configuration                      epochs   train     val    test     gap
    -------------------------------------------------------------------------
    horizontal flip (the notes)            12    0.79    0.63    0.63    0.16
"""

import numpy as np

# (heading, record key (None: the label, or the config's name without one), heading format, value format)
RESULTS_COLUMNS = (("configuration", None, "<34", "<34"), ("epochs", "epochs_run", ">7", ">7"),
                   ("train", "train_acc", ">8", ">8.2f"), ("val", "val_acc", ">8", ">8.2f"),
                   ("test", "test_acc", ">8", ">8.2f"), ("gap", "gap", ">8", ">8.2f"))
TIMING_COLUMNS = (("pipeline", None, "<34", "<34"), ("s/epoch", "epoch_s", ">9", ">9.2f"),
                  ("images/s", "images_per_s", ">10", ">10,.0f"), ("overhead", "overhead", ">10", ">+10.0%"),
                  ("CPU s", "cpu_s", ">8", ">8.2f"), ("extra CPU s", "extra_cpu_s", ">13", ">+13.2f"))


def text_table(columns, rows):
    """A fixed-width table: the headings, a rule, then one line per row (a dict), as one string.

    Example:
        >>> print(text_table((("name", None, "<6", "<6"), ("n", "n", ">4", ">4d")),
        ...                  [{"config": "a", "label": "", "n": 3}]))
        name     n
        ----------
        a        3
    """
    head = "".join(f"{title:{head_format}}" for title, _, head_format, _ in columns)
    lines = [head, "-" * len(head)]
    for row in rows:
        lines.append("".join(f"{row['label'] or row['config'] if key is None else row[key]:{value_format}}"
                             for _, key, _, value_format in columns))
    return "\n".join(lines)


def results_table(records):
    """The accuracy table, rounded: one row per configuration (see the module's example)."""
    return text_table(RESULTS_COLUMNS, records)


def timing_table(timings):
    """The time table: s/epoch (training loop), images/s, overhead and extra CPU s vs the first row.

    Example:
        >>> timing = {"config": "none_tfdata", "label": "no augmentation, tf.data", "epoch_s": 1.71,
        ...           "images_per_s": 2311.0, "overhead": 0.0, "cpu_s": 2.89, "extra_cpu_s": 0.0}
        >>> print(timing_table([timing]))
        pipeline                            s/epoch  images/s  overhead   CPU s  extra CPU s
        ------------------------------------------------------------------------------------
        no augmentation, tf.data               1.71     2,311       +0%    2.89        +0.00
    """
    return text_table(TIMING_COLUMNS, timings)


def seed_table(seed_runs):
    """Mean ± standard deviation over seeds: one row per configuration, from ``{name: [records]}``.

    The standard deviation is the sample one (n − 1); with one seed it is shown as ± 0.00.

    Example:
        >>> runs = [{"config": "idg", "label": "flip", "train_acc": a, "val_acc": 0.6, "test_acc": t,
        ...          "gap": a - t} for a, t in ((0.80, 0.62), (0.78, 0.64), (0.79, 0.63))]
        >>> print(seed_table({"idg": runs}))
        configuration                      seeds           train             val            test             gap
        --------------------------------------------------------------------------------------------------------
        flip                                   3     0.79 ± 0.01     0.60 ± 0.00     0.63 ± 0.01     0.16 ± 0.02
    """
    keys = ("train_acc", "val_acc", "test_acc", "gap")
    head = f"{'configuration':<34}{'seeds':>6}" + "".join(f"{k.split('_')[0]:>16}" for k in keys)
    lines = [head, "-" * len(head)]
    for name, records in seed_runs.items():
        cells = []
        for key in keys:
            values = np.array([r[key] for r in records], dtype=float)
            sd = values.std(ddof=1) if len(values) > 1 else 0.0
            cells.append(f"{values.mean():.2f} ± {sd:.2f}")
        label = records[0].get("label") or name
        lines.append(f"{label:<34}{len(records):>6}" + "".join(f"{c:>16}" for c in cells))
    return "\n".join(lines)


def plot_histories(histories, labels=None):
    """Accuracy and loss per epoch, side by side; solid = train, dashed = validation.

    ``histories`` maps a configuration name to its history dict (per-epoch lists "accuracy",
    "val_accuracy", "loss", "val_loss"); ``labels`` maps names to legend labels. Returns the Figure.

    Example:
        >>> history = {"accuracy": [0.3, 0.4], "val_accuracy": [0.3, 0.35], "loss": [2.0, 1.6],
        ...            "val_loss": [1.9, 1.7]}
        >>> fig = plot_histories({"none": history}, {"none": "no augmentation"})
        >>> [ax.get_ylabel() for ax in fig.axes], len(fig.axes[0].lines)
        (['accuracy', 'loss'], 2)
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
    for i, (name, hist) in enumerate(histories.items()):
        colour = f"C{i}"
        label = (labels or {}).get(name, name)
        epochs = np.arange(1, len(hist["loss"]) + 1)
        for ax, key in zip(axes, ("accuracy", "loss")):
            ax.plot(epochs, hist[key], "-", color=colour, label=f"{label}: train")
            ax.plot(epochs, hist["val_" + key], "--", color=colour, label=f"{label}: validation")
    for ax, key in zip(axes, ("accuracy", "loss")):
        ax.set_xlabel("epoch")
        ax.set_ylabel(key)
        ax.set_title(f"{key} per epoch (solid: train, dashed: validation)")
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_gaps(records):
    """Train / validation / test accuracy per configuration, with the train–test gap written on top.

    Example:
        >>> record = {"config": "idg", "label": "flip", "train_acc": 0.79, "val_acc": 0.63,
        ...           "test_acc": 0.63, "gap": 0.16}
        >>> plot_gaps([record]).axes[0].texts[0].get_text()
        'gap 0.16'
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(max(6, 2.4 * len(records)) + 1.2, 4))   # + 1.2: the legend
    xs = np.arange(len(records))
    width = 0.26
    for j, (key, name) in enumerate((("train_acc", "train"), ("val_acc", "validation"),
                                     ("test_acc", "test"))):
        ax.bar(xs + (j - 1) * width, [r[key] for r in records], width, label=name, color=f"C{j}")
    for x, r in zip(xs, records):
        ax.text(x, max(r["train_acc"], r["val_acc"], r["test_acc"]) + 0.02,
                f"gap {r['gap']:.2f}", ha="center", fontsize=10)
    ax.set_xticks(xs, [r["label"] or r["config"] for r in records], fontsize=9)
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("accuracy (clean images)")
    ax.set_title("train vs validation vs test accuracy; gap = train − test")
    # outside the axes, right of the bars: inside, it would cover a bar whatever the accuracies
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
    fig.tight_layout()
    return fig


def plot_epoch_times(timings):
    """Seconds per epoch (training loop) per pipeline, with the overhead vs the first bar.

    Example:
        >>> timings = [{"config": "a", "label": "", "epoch_s": 1.7, "overhead": 0.0},
        ...            {"config": "b", "label": "", "epoch_s": 2.2, "overhead": 0.3}]
        >>> [t.get_text() for t in plot_epoch_times(timings).axes[0].texts]
        ['1.70 s\\n+0%', '2.20 s\\n+30%']
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(max(6, 2.2 * len(timings)), 4))
    xs = np.arange(len(timings))
    ax.bar(xs, [t["epoch_s"] for t in timings], color=[f"C{i}" for i in range(len(timings))])
    for x, t in zip(xs, timings):
        ax.text(x, t["epoch_s"], f"{t['epoch_s']:.2f} s\n{t['overhead']:+.0%}", ha="center",
                va="bottom", fontsize=9)
    ax.set_xticks(xs, [t["label"] or t["config"] for t in timings], fontsize=9)
    ax.set_ylabel("seconds per epoch (training loop)")
    ax.set_ylim(0, 1.25 * max(t["epoch_s"] for t in timings))
    ax.set_title("time per epoch, same model and data")
    fig.tight_layout()
    return fig
