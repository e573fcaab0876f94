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


def test_a_real_tensorflow_error_still_reaches_the_learner():
    """A bad TF_XLA_FLAGS makes TensorFlow abort while it finds its devices: the fatal line must show."""
    env_code = "import os\nos.environ['TF_XLA_FLAGS'] = '--no_such_flag'\nfrom augcourse._tf import tf\nprint('imported')"
    done = _run(env_code)
    assert done.returncode != 0 and "imported" not in done.stdout
    assert "Unknown flag in TF_XLA_FLAGS: --no_such_flag" in done.stderr
    assert "cpu_feature_guard" not in done.stderr and "absl::InitializeLog" not in done.stderr


def test_a_cuinit_failure_is_shown_when_a_driver_is_there():
    """The cuInit error is hidden only after TF said there is no CUDA driver at all."""
    import io

    from augcourse._tf import filter_banner

    lines = [b"I0000 00:00:1.0 1 cudart_stub.cc:31] Could not find cuda drivers on your machine, GPU will not be used.\n",
             b"E0000 00:00:2.0 1 cuda_platform.cc:52] failed call to cuInit: UNKNOWN ERROR (303)\n",
             b"E0000 00:00:3.0 1 some_op.cc:9] a real error\n"]
    for given, kept in ((lines, [lines[2]]), (lines[1:], lines[1:])):
        sink = io.BytesIO()
        filter_banner(io.BytesIO(b"".join(given)), sink)
        assert sink.getvalue() == b"".join(kept)
