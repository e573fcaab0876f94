"""How fast does a lesson widget answer? Time from a value change to a finished redraw.

A "finished redraw" means: new parameters drawn, the 4 images augmented with the augcourse
core, encoded to PNG and set on the ipywidgets.Image views (bytes ready to travel to the
browser; the browser's own decode/paint is not included). The slider value is set in Python,
exactly what a message from the browser does. Not a test: it prints numbers, asserts nothing.

    .venv/bin/python benchmarks/bench_widgets.py            # 30 changes per case
    .venv/bin/python benchmarks/bench_widgets.py --changes 60

Cases:
- compute: debounce=0 (draw + encode + set, nothing else).
- end-to-end: the default throttle; a single change is drawn at once, so this is the
  latency a learner sees for one click or one slider release.
- burst: 5 changes in a row, then the merged redraw (what a held arrow key costs).
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from augcourse.widgets import DEBOUNCE, lesson_controls, playground  # noqa: E402
from augcourse.widgets.sources import PREVIEW_SIZE  # noqa: E402


def time_redraw(controls, name, values, clock=time.perf_counter):
    """Seconds from each change of control ``name`` to the finished redraw (PNG bytes set on the views).

    Each value is set as the browser would set it, then ``flush()`` runs a redraw the throttle
    merged (with ``debounce=0`` there is none: the change itself redrew). ``clock`` is injectable
    so a test can check that the redraw happens inside each timed window.
    """
    times = []
    for value in values:
        start = clock()
        controls.widgets[name].value = value
        controls.debouncer.flush()
        times.append(clock() - start)
    return times


def summary(label, seconds):
    ms = np.array(seconds) * 1000
    print(f"{label:<52} median {statistics.median(ms):6.1f} ms   p90 {np.percentile(ms, 90):6.1f} ms   "
          f"max {ms.max():6.1f} ms   (n={len(ms)})")


def values(n, low, high):
    """n distinct slider values cycling through the range (each one is a real change)."""
    return [round(low + (high - low) * ((i * 7) % n) / n, 3) for i in range(1, n + 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=30)
    args = parser.parse_args()
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, numpy {np.__version__}; "
          f"sample photo at {PREVIEW_SIZE}x{PREVIEW_SIZE}, 4 images")

    for lesson, name, low, high in (("shift", "width_shift_range", 0.01, 0.5),
                                    ("rotation_zoom", "rotation_range", 1.0, 180.0)):
        controls = lesson_controls(lesson, n=4, debounce=0)
        time_redraw(controls, name, values(5, low, high))       # warm-up
        summary(f"{lesson}.{name}: compute (debounce 0)",
                time_redraw(controls, name, values(args.changes, low, high)))
        assert controls.status.value == "", controls.status.value

    controls = lesson_controls("shift", n=4)                     # default throttle
    times = []
    for value in values(args.changes, 0.01, 0.5):
        time.sleep(DEBOUNCE * 1.5)                               # a quiet spell: next change is drawn at once
        start = time.perf_counter()
        controls.widgets["width_shift_range"].value = value
        times.append(time.perf_counter() - start)
    summary(f"shift: end-to-end, throttle {DEBOUNCE * 1000:.0f} ms, single change", times)

    times = []
    for i in range(args.changes // 5 or 1):
        time.sleep(DEBOUNCE * 1.5)
        before = controls.redraws
        start = time.perf_counter()
        for value in values(5, 0.01 + i / 1000, 0.5):
            controls.widgets["width_shift_range"].value = value
        while controls.redraws < before + 2:                            # the first + the merged redraw
            time.sleep(0.0005)
        times.append(time.perf_counter() - start)
    summary("shift: burst of 5 changes until the merged redraw", times)

    pg = playground(n=4, debounce=0)
    time_redraw(pg, "rotation_range", values(5, 1.0, 90.0))
    summary("playground.rotation_range: compute (all options)", time_redraw(
        pg, "rotation_range", values(args.changes, 1.0, 90.0)))


if __name__ == "__main__":
    main()
