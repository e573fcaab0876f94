"""Measure the memory each lesson's kernel needs: its peak resident size while the lesson runs top to bottom.

Runs each notebook as tools/regen_outputs.py does (a fresh kernel of this interpreter, the course's kernel
environment), samples the resident memory of the kernel and its child processes every 0.1 s, and prints
one line per lesson; the README's memory lines quote the committed run:

    .venv/bin/python tools/measure_memory.py > benchmarks/results/lesson_memory.txt

Nothing is written into the notebooks (their outputs are thrown away).
"""

import os
import platform
import sys
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.kernel_env import course_kernel_env  # noqa: E402
from tools.regen_outputs import ROOT, run  # noqa: E402


def peak_kernel_memory(path, interval=0.1):
    """(peak resident MiB of this process's children while ``path`` runs, seconds it took)."""
    me, peak, done = psutil.Process(), [0], threading.Event()

    def sample():
        while not done.is_set():
            total = 0
            for child in me.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except psutil.Error:        # a process that ended between the listing and the reading
                    pass
            peak[0] = max(peak[0], total)
            time.sleep(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    start = time.monotonic()
    sampler.start()
    try:
        run(path)
    finally:
        done.set()
        sampler.join()
    return peak[0] / 2**20, time.monotonic() - start


def main(argv):
    course_kernel_env()
    paths = [Path(p).resolve() for p in argv] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    print("# Peak resident memory of each lesson's kernel (MiB), run top to bottom in a fresh kernel;")
    print(f"# {os.cpu_count()} CPU cores, {platform.machine()}, {platform.system()}, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}")
    for path in paths:
        mib, _ = peak_kernel_memory(path)
        print(f"{path.stem:<36} {mib:6.0f} MiB", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
