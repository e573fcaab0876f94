"""The kernels' private KERAS_HOME is removed when the process that made it exits: a test run leaves no folder."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_private_keras_home_is_removed_at_exit():
    env = {k: v for k, v in os.environ.items() if k != "KERAS_HOME"}
    env["PYTHONPATH"] = str(ROOT)
    code = ("import os\nfrom tools.kernel_env import course_kernel_env\nenv = course_kernel_env()\n"
            "assert os.path.isdir(env['KERAS_HOME'])\nprint(env['KERAS_HOME'])")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    home = Path(out.stdout.strip())
    assert home.name.startswith("augcourse-keras-home-") and not home.exists()


def test_a_keras_home_that_was_given_is_kept(tmp_path):
    env = dict(os.environ, KERAS_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    code = "from tools.kernel_env import course_kernel_env\nprint(course_kernel_env()['KERAS_HOME'])"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(tmp_path) and tmp_path.is_dir()
