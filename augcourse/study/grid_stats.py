"""What the grid can show: each configuration against a baseline, over seeds and over test images, corrected for many comparisons.

A difference in test accuracy between two configurations has two sources of chance. **Seeds**: another
seed gives other initial weights, batch orders and augmentation draws; ``seed_stats.compare`` pairs the
runs seed by seed (Student-t interval, and its p-value). **Test images**: the 846 test images are one
sample of the images the model could meet; ``image_interval`` resamples them (a paired bootstrap over
images of the per-image difference, averaged over the seeds both configurations have). A grid compares
many configurations with one baseline, so some intervals leave out 0 by luck alone; ``comparisons``
names one **primary** comparison, fixed before the runs (the notes' flip against no augmentation, the one
pair with five seeds), and corrects the p-values of all the others with Holm's method (at most a 5 % chance
of at least one false verdict among them).

A verdict is "higher" or "lower" only when the seeds show it (the primary's interval, or the others'
Holm-corrected p below 0.05) **and** the images' interval leaves out 0 on the same side; otherwise it
says which of the two cannot tell.

Example:
    >>> holm({"a": 0.01, "b": 0.04, "c": 0.03})
    {'a': 0.03, 'b': 0.06, 'c': 0.06}
"""

import numpy as np

from augcourse._checks import check_int
from augcourse.language import N_, tr
from augcourse.study.seed_stats import compare

LEVEL = 0.95


def holm(pvalues):
    """Holm's step-down correction of ``{name: p}``: the k-th smallest p times (m − k + 1), kept monotone, at most 1.

    It keeps the chance of any false "higher"/"lower" among the m comparisons at 5 % when each p is
    compared with 0.05. See the module's example.
    """
    names = sorted(pvalues, key=pvalues.get)
    adjusted, running = {}, 0.0
    for k, name in enumerate(names):
        running = max(running, min(1.0, pvalues[name] * (len(names) - k)))
        adjusted[name] = round(running, 12)
    return {name: adjusted[name] for name in pvalues}


def welch_interval(a, b, level=LEVEL):
    """The ``level`` Welch interval of mean(b) − mean(a), unpaired (unequal variances).

    Example:
        >>> [round(v, 3) for v in welch_interval([0.60, 0.62, 0.61], [0.66, 0.67, 0.65])]
        [0.027, 0.073]
    """
    from scipy import stats

    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if min(len(a), len(b)) < 2:
        raise ValueError(tr("welch_interval needs two values on each side; got {count_a} and {count_b}.",
                            count_a=len(a), count_b=len(b)))
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    diff, se = b.mean() - a.mean(), np.sqrt(va + vb)
    if se == 0:
        return float(diff), float(diff)
    dof = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    half = stats.t.ppf(0.5 + level / 2, dof) * se
    return float(diff - half), float(diff + half)


def correct(record, labels, which="clean"):
    """Per test image, 1 where the run's stored prediction ``which`` is right, else 0: an int array (N,).

    Example:
        >>> correct({"predicted": {"clean": "3810"}}, np.array([3, 8, 0, 0])).tolist()
        [1, 1, 0, 1]
    """
    predicted = np.frombuffer(record["predicted"][which].encode("ascii"), dtype=np.uint8) - ord("0")
    labels = np.asarray(labels)
    if predicted.shape != labels.shape:
        raise ValueError(tr("the run stores {predictions} predictions but {labels} labels were given.",
                            predictions=predicted.size, labels=labels.size))
    return (predicted == labels).astype(np.int8)


def image_interval(base_records, other_records, labels, *, which="clean", draws=4000, seed=0, level=LEVEL):
    """``level`` bootstrap interval over test images of mean accuracy(other) − mean accuracy(base).

    Both lists are a configuration's runs; the seeds they share are paired, each image's difference is
    averaged over those seeds, and the images are resampled ``draws`` times with replacement
    (``np.random.default_rng(seed)``: the global NumPy RNG is untouched).

    Example:
        >>> labels = np.array([0, 1, 2, 3] * 50)
        >>> base = [{"seed": 0, "predicted": {"clean": "0000" * 50}}]
        >>> other = [{"seed": 0, "predicted": {"clean": "0123" * 50}}]
        >>> low, high = image_interval(base, other, labels)
        >>> 0.6 < low < 0.75 < high < 0.85
        True
    """
    check_int("draws", draws, low=1)
    seeds = sorted({r["seed"] for r in base_records} & {r["seed"] for r in other_records})
    if not seeds:
        raise ValueError(tr("image_interval: the two configurations have no seed in common."))
    by_seed = [{r["seed"]: r for r in records} for records in (base_records, other_records)]
    diff = np.mean([correct(by_seed[1][s], labels, which).astype(float) - correct(by_seed[0][s], labels, which)
                    for s in seeds], axis=0)
    rng = np.random.default_rng(seed)
    means = np.empty(draws)
    for start in range(0, draws, 500):                  # 500 resamples at a time: bounded memory
        rows = rng.integers(0, len(diff), size=(min(500, draws - start), len(diff)))
        means[start:start + len(rows)] = diff[rows].mean(axis=1)
    low, high = np.quantile(means, [(1 - level) / 2, (1 + level) / 2])
    return float(low), float(high)


def comparisons(runs, labels, *, base="none", primary="flip", names=None, key="test_acc"):
    """Every configuration in ``names`` (default: all but ``base``) against ``base``: one dict per row.

    Each row has name, seeds (in common), diff (mean paired difference of ``key``), paired (its t
    interval), welch (the unpaired interval), images (``image_interval``, for ``key`` "test_acc"
    only), p and p_holm (the paired p-value, Holm-corrected over the rows other than ``primary``), and
    the verdict described in the module's docstring.
    """
    names = [name for name in (names or runs) if name != base and name in runs]
    rows = {}
    for name in names:
        out = compare(runs, base, name, key)
        rows[name] = {"name": name, "seeds": len(out["seeds"]), "diff": out["diff"], "paired": out["interval"],
                      "p": out["p"], "primary": name == primary,
                      "welch": (welch_interval([r[key] for r in runs[base]], [r[key] for r in runs[name]])
                                if min(len(runs[base]), len(runs[name])) > 1 else None),
                      "images": (image_interval(runs[base], runs[name], labels) if key == "test_acc" else None)}
    corrected = holm({n: row["p"] for n, row in rows.items() if not row["primary"] and row["p"] is not None})
    for name, row in rows.items():
        row["p_holm"] = row["p"] if row["primary"] else corrected.get(name)
        row["verdict"] = verdict(row)
    return list(rows.values())


def verdict(row):
    """"higher", "lower" or what cannot tell, from a row of ``comparisons``."""
    if row["p_holm"] is None:
        return N_("cannot tell (one seed)")
    seeds_show = (row["paired"][0] > 0 or row["paired"][1] < 0) if row["primary"] else row["p_holm"] < 0.05
    if not seeds_show:
        return N_("cannot tell (seeds)")
    side = np.sign(row["diff"])
    if row["images"] is not None and not (np.sign(row["images"][0]) == side == np.sign(row["images"][1])):
        return N_("cannot tell (test images)")
    return N_("higher") if side > 0 else N_("lower")


def comparison_table(rows, base="none", key="test_acc"):
    """The rows of ``comparisons`` as text: the primary comparison first and marked with *.

    Example:
        >>> row = {"name": "flip", "seeds": 5, "diff": 0.031, "paired": (0.01, 0.05), "welch": (0.0, 0.06),
        ...        "images": (0.012, 0.05), "p": 0.01, "p_holm": 0.01, "primary": True, "verdict": "higher"}
        >>> print(comparison_table([row]))
        configuration      seeds  test_acc − none  paired seeds      Welch             test images       p (Holm)  verdict
        flip *                 5           +0.031  [+0.010, +0.050]  [+0.000, +0.060]  [+0.012, +0.050]     0.010  higher
        * the primary comparison: its p is not corrected, its verdict follows its own paired interval
    """
    def interval(pair):
        return "[{:+.3f}, {:+.3f}]".format(*pair) if pair else "—"

    head = f"{key} − {base}"
    width = max(17, len(head) + 2)
    lines = [f"{'configuration':<19}{'seeds':>5}{head:>{width}}  {'paired seeds':<18}{'Welch':<18}"
             f"{'test images':<18}{'p (Holm)':>8}  verdict"]
    for row in sorted(rows, key=lambda r: not r["primary"]):
        p = "—" if row["p_holm"] is None else f"{row['p_holm']:.3f}"
        lines.append(f"{row['name'] + (' *' if row['primary'] else ''):<19}{row['seeds']:>5}{row['diff']:>+{width}.3f}  "
                     f"{interval(row['paired']):<18}{interval(row['welch']):<18}{interval(row['images']):<18}"
                     f"{p:>8}  {tr(row['verdict'])}")
    if any(row["primary"] for row in rows):
        lines.append(tr("* the primary comparison: its p is not corrected, its verdict follows its own paired "
                        "interval"))
    return "\n".join(lines)
