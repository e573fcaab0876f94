"""Importing augcourse is quiet and cheap: TF only where needed, and without log noise."""

import os
import subprocess
import sys


def _run(code):
    env = {k: v for k, v in os.environ.items() if k not in ("TF_CPP_MIN_LOG_LEVEL", "TF_ENABLE_ONEDNN_OPTS")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)


def test_tensorflow_import_through_augcourse_prints_nothing():
    done = _run("import os\nfrom augcourse._tf import tf, keras\n"
                "print(tf.__version__, keras.__version__, os.environ.get('TF_ENABLE_ONEDNN_OPTS'))\n"
                "tf.constant([1.0]) + 1\n")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", f"TF import leaked noise: {done.stderr[:500]}"
    version_tf, version_keras, onednn = done.stdout.split()
    assert version_tf.startswith("2.") and version_keras.startswith("3.")
    assert onednn == "None", "oneDNN must stay on: TF_ENABLE_ONEDNN_OPTS is not touched"


def test_plain_tensorflow_import_is_noisy_so_the_quiet_import_matters():
    """A control: without augcourse the same import writes to stderr on this build."""
    done = _run("import tensorflow")
    assert done.returncode == 0
    assert done.stderr.strip() != ""


def test_light_modules_do_not_import_tensorflow():
    done = _run("import sys, augcourse, augcourse.datasets, augcourse.images, augcourse.plot\n"
                "print('tensorflow' in sys.modules)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
