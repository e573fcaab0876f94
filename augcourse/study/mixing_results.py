"""Lesson 21's grid results read back: runs grouped by configuration, a table over seeds, honest comparisons.

``load_mix_runs`` reads the file that ``python -m augcourse.study.mixing`` writes; ``mix_table`` shows
``mean ± sd [min–max]`` over the seeds; ``compare`` pairs the runs of two configurations seed by seed
(runs with the same seed start from the same weights and see the same batch order) and answers
"cannot tell" unless the 95 % interval of the mean paired difference leaves out 0 (both from
``seed_stats``, shared with the converged grid).

Example:
    >>> runs = {"base": [{"seed": 0, "test_acc": 0.58}, {"seed": 1, "test_acc": 0.60}],
    ...         "mixup": [{"seed": 0, "test_acc": 0.59}, {"seed": 1, "test_acc": 0.57}]}
    >>> compare(runs, "base", "mixup", "test_acc")["verdict"]
    'cannot tell (interval includes 0)'
"""

import json
from pathlib import Path

from augcourse.language import tr
from augcourse.study.seed_stats import compare, summary  # noqa: F401  (lesson 21 calls them from here)


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
        raise FileNotFoundError(tr("No MixUp/CutMix results at {path!r}: run "
                                   "`python -m augcourse.study.mixing` first.", path=str(path)))
    content = json.loads(path.read_text(encoding="utf-8"))
    by_config = {}
    for entry in content["runs"].values():
        by_config.setdefault(entry["record"]["config"], []).append(entry["record"])
    return content["settings"], {name: sorted(records, key=lambda r: r["seed"]) for name, records in by_config.items()}


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
