"""The lessons' compared outputs must not depend on the kind of CPU that regenerated them.

TensorFlow picks its maths kernels by the processor (oneDNN's AVX-512 or AVX2 code, or Eigen's when
oneDNN is off). The rounding differs between them, and a model trained for a few epochs turns that into
accuracies a few points apart: the same seed repeats every digit on one machine, not on another. So a
lesson that trains or times a model compares conclusions, never exact results. This test runs those
lessons once more, in a copy of notebooks/, with oneDNN switched off: a compared cell that prints exact
training results fails here, on whatever machine the tests run.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAINING = ("02_from_image_files.ipynb", "14_libraries_side_by_side.ipynb", "21_mixup_cutmix_training.ipynb",
            "22_test_time_augmentation.ipynb", "23_choosing_augmentation.ipynb",
            "24_cifar10_study_part1.ipynb", "25_cifar10_study_part2.ipynb")


def test_lessons_that_train_compare_the_same_outputs_with_other_maths_kernels(tmp_path):
    copy = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", copy)           # run a copy: nothing is written into the repo
    shutil.copytree(ROOT / "benchmarks" / "results", tmp_path / "benchmarks" / "results")   # lesson 25 reads one
    env = {**os.environ, "TF_ENABLE_ONEDNN_OPTS": "0", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
               "-p", "conftest",                          # the repo's conftest.py: stderr not compared, quiet TF
               "-c", str(ROOT / "pytest.ini"), "--rootdir", str(tmp_path), *(str(copy / name) for name in TRAINING)]
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout.splitlines()[-1] and "failed" not in proc.stdout.splitlines()[-1]
