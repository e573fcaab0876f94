"""Lesson 21's grid results read back: runs grouped by configuration, a table over seeds, honest comparisons.

``load_mix_runs`` reads the file that ``python -m augcourse.study.mixing`` writes; ``mix_table`` shows
``mean ± sd [min–max]`` over the seeds; ``compare`` says how one configuration differs from another and
answers "cannot tell" whenever the seeds' ranges overlap.

Example:
    >>> runs = {"base": [{"seed": 0, "test_acc": 0.58}, {"seed": 1, "test_acc": 0.60}],
    ...         "mixup": [{"seed": 0, "test_acc": 0.59}, {"seed": 1, "test_acc": 0.57}]}
    >>> compare(runs, "base", "mixup", "test_acc")["verdict"]
    'cannot tell (ranges overlap)'
"""

import json
from pathlib import Path

import numpy as np


def load_mix_runs(path):
    """``(settings, {config: [record per seed, by seed]})`` from a file ``mixing.run_grid`` wrote.

    The configurations come in the order of their first run in the file (the runner's: the grid's order).

    Example:
        >>> load_mix_runs("nowhere/mixing_subset.json")
        Traceback (most recent call last):
        ...
        FileNotFoundError: No MixUp/CutMix results at 'nowhere/mixing_subset.json': run `python -m augcourse.study.mixing` first.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No MixUp/CutMix results at {str(path)!r}: run "
                                "`python -m augcourse.study.mixing` first.")
    content = json.loads(path.read_text(encoding="utf-8"))
    by_config = {}
    for entry in content["runs"].values():
        by_config.setdefault(entry["record"]["config"], []).append(entry["record"])
    return content["settings"], {name: sorted(records, key=lambda r: r["seed"]) for name, records in by_config.items()}


def summary(records, key):
    """``(mean, sd, min, max, n)`` of ``key`` over records (sd is the sample one, 0 for one record).

    Example:
        >>> summary([{"test_acc": 0.5}, {"test_acc": 0.6}, {"test_acc": 0.7}], "test_acc")
        (0.6, 0.1, 0.5, 0.7, 3)
    """
    values = np.array([r[key] for r in records], dtype=float)
    sd = float(values.std(ddof=1)) if len(values) > 1 else 0.0
    return (round(float(values.mean()), 10), round(sd, 10), float(values.min()), float(values.max()), len(values))


def mix_table(by_config, keys=("test_acc", "test_nll", "test_ece")):
    """Text table: one row per configuration, ``mean ± sd [min–max]`` of each key over the seeds.

    Example:
        >>> runs = {"base": [{"label": "flip", "test_acc": a} for a in (0.60, 0.62, 0.64)]}
        >>> print(mix_table(runs, keys=("test_acc",)))
        configuration          seeds                     test_acc
        ---------------------------------------------------------
        flip                       3  0.620 ± 0.020 [0.600–0.640]
    """
    head = f"{'configuration':<23}{'seeds':>5}" + "".join(f"{k:>29}" for k in keys)
    lines = [head, "-" * len(head)]
    for name, records in by_config.items():
        cells = []
        for key in keys:
            mean, sd, low, high, _ = summary(records, key)
            cells.append(f"{mean:.3f} ± {sd:.3f} [{low:.3f}–{high:.3f}]")
        label = records[0].get("label") or name
        lines.append(f"{label:<23}{len(records):>5}" + "".join(f"{c:>29}" for c in cells))
    return "\n".join(lines)


def compare(by_config, base, other, key):
    """How ``other`` differs from ``base`` in ``key``, over the seeds both have; a verdict that says no
    more than the seeds allow.

    Returns ``{"diff": mean(other) - mean(base), "per_seed": [other - base, seed by seed], "overlap":
    whether the min–max ranges overlap, "verdict"}``; the verdict is "cannot tell (ranges overlap)"
    unless the ranges are apart, then "higher" or "lower" (of ``other``); with one seed it is
    "cannot tell (one seed)". Seeds pair runs that start
    from the same initial weights, so ``per_seed`` shows whether the sign is the same every time.

    Example:
        >>> runs = {"a": [{"seed": s, "x": v} for s, v in enumerate((0.60, 0.62, 0.61))],
        ...         "b": [{"seed": s, "x": v} for s, v in enumerate((0.61, 0.64, 0.62))]}
        >>> out = compare(runs, "a", "b", "x")
        >>> round(out["diff"], 3), [round(d, 2) for d in out["per_seed"]], out["verdict"]
        (0.013, [0.01, 0.02, 0.01], 'cannot tell (ranges overlap)')
        >>> runs["b"] = [{"seed": s, "x": v} for s, v in enumerate((0.66, 0.67, 0.65))]
        >>> compare(runs, "a", "b", "x")["verdict"]
        'higher'
    """
    seeds = sorted({r["seed"] for r in by_config[base]} & {r["seed"] for r in by_config[other]})
    values = {name: {r["seed"]: r[key] for r in by_config[name]} for name in (base, other)}
    a = np.array([values[base][s] for s in seeds], dtype=float)
    b = np.array([values[other][s] for s in seeds], dtype=float)
    overlap = bool(a.min() <= b.max() and b.min() <= a.max())
    if len(seeds) < 2:
        verdict = "cannot tell (one seed)"
    elif overlap:
        verdict = "cannot tell (ranges overlap)"
    else:
        verdict = "higher" if b.mean() > a.mean() else "lower"
    return {"diff": float(b.mean() - a.mean()), "per_seed": [float(d) for d in b - a], "overlap": overlap,
            "verdict": verdict, "seeds": seeds}


