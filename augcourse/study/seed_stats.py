"""Statistics over seeds: a summary of one measure, and a paired comparison that says no more than the seeds allow.

The study's grids train each configuration with a few seeds; runs with the same seed share their initial
weights, dropout seeds and batch order. ``summary`` gives ``mean, sd, min, max, n`` of one measure;
``compare`` pairs two configurations seed by seed and answers "higher" or "lower" only when the 95 %
Student-t interval of the mean paired difference leaves out 0. Lessons 21 and 24–25 use both.

Example:
    >>> runs = {"base": [{"seed": 0, "test_acc": 0.58}, {"seed": 1, "test_acc": 0.60}],
    ...         "mixup": [{"seed": 0, "test_acc": 0.59}, {"seed": 1, "test_acc": 0.57}]}
    >>> compare(runs, "base", "mixup", "test_acc")["verdict"]
    'cannot tell (interval includes 0)'
"""

import numpy as np

from augcourse.language import N_, tr


def summary(records, key):
    """``(mean, sd, min, max, n)`` of ``key`` over records (sd is the sample one, 0 for one record).

    Example:
        >>> summary([{"test_acc": 0.5}, {"test_acc": 0.6}, {"test_acc": 0.7}], "test_acc")
        (0.6, 0.1, 0.5, 0.7, 3)
    """
    values = np.array([r[key] for r in records], dtype=float)
    sd = float(values.std(ddof=1)) if len(values) > 1 else 0.0
    return (round(float(values.mean()), 10), round(sd, 10), float(values.min()), float(values.max()), len(values))


def compare(by_config, base, other, key, level=0.95):
    """How ``other`` differs from ``base`` in ``key``, paired seed by seed; a verdict that says no more
    than the seeds allow.

    Runs with the same seed share their initial weights, dropout seeds and batch order, so the
    comparison uses the differences ``other - base`` seed by seed (over the seeds both have) and
    the Student-t interval of their mean at ``level`` (n - 1 degrees of freedom: with 3 seeds the
    half-width is 4.30 standard errors). The verdict is "higher" or "lower" (of ``other``) only when
    that interval leaves out 0, else "cannot tell (interval includes 0)"; with one seed it is
    "cannot tell (one seed)". Note how weak the simpler rules are with 3 seeds: the same sign in
    every seed happens one time in four by chance, and min-max ranges that do not overlap one
    time in ten, when there is no difference at all.

    Returns ``{"diff": mean paired difference, "per_seed": [other - base, seed by seed],
    "interval": (low, high) or None with one seed, "p": the two-sided p-value of the paired t test
    (None with one seed; 0 or 1 when every seed differs by the same amount), "overlap": whether the
    min-max ranges overlap, "verdict", "seeds"}``.

    Example:
        >>> runs = {"a": [{"seed": s, "x": v} for s, v in enumerate((0.60, 0.62, 0.61))],
        ...         "b": [{"seed": s, "x": v} for s, v in enumerate((0.61, 0.64, 0.62))]}
        >>> out = compare(runs, "a", "b", "x")       # higher in every seed, yet 3 seeds cannot tell
        >>> round(out["diff"], 3), [round(d, 2) for d in out["per_seed"]], out["verdict"]
        (0.013, [0.01, 0.02, 0.01], 'cannot tell (interval includes 0)')
        >>> [round(v, 3) for v in out["interval"]]
        [-0.001, 0.028]
        >>> runs["b"] = [{"seed": s, "x": v} for s, v in enumerate((0.66, 0.67, 0.65))]
        >>> compare(runs, "a", "b", "x")["verdict"]
        'higher'
    """
    from scipy import stats

    if not 0 < level < 1:
        raise ValueError(tr("level must be between 0 and 1 (exclusive); got {level!r}.", level=level))
    seeds = sorted({r["seed"] for r in by_config[base]} & {r["seed"] for r in by_config[other]})
    if not seeds:
        raise ValueError(tr("compare: {base!r} and {other!r} have no seed in common.", base=base, other=other))
    values = {name: {r["seed"]: r[key] for r in by_config[name]} for name in (base, other)}
    a = np.array([values[base][s] for s in seeds], dtype=float)
    b = np.array([values[other][s] for s in seeds], dtype=float)
    d = b - a
    mean = float(d.mean())
    overlap = bool(a.min() <= b.max() and b.min() <= a.max())
    interval = p = None
    if len(seeds) < 2:
        verdict = N_("cannot tell (one seed)")
    else:
        half = float(stats.t.ppf(0.5 + level / 2, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d)))
        interval = (mean - half, mean + half)
        sd = float(d.std(ddof=1))
        p = (float(2 * stats.t.sf(abs(mean) / (sd / np.sqrt(len(d))), len(d) - 1)) if sd > 0
             else float(mean == 0))
        if interval[0] > 0:
            verdict = N_("higher")
        elif interval[1] < 0:
            verdict = N_("lower")
        else:
            verdict = N_("cannot tell (interval includes 0)")
    return {"diff": mean, "per_seed": [float(x) for x in d], "interval": interval, "p": p, "overlap": overlap,
            "verdict": verdict, "seeds": seeds}
