"""The one place TensorFlow is imported: without its start-up banner, but never hiding a real error.

TensorFlow prints a oneDNN notice, an absl banner and CPU-feature lines from C++ straight to file
descriptor 2 while it loads (and a cuInit error when it looks for a GPU on a machine that has no
CUDA driver). Environment variables alone no longer hide them. So while TensorFlow imports and
finds its devices, fd 2 is a pipe into a small filter process that drops exactly those known
lines (``is_banner``) and passes every other line on to the real stderr at once: a broken GPU
driver, a bad ``TF_XLA_FLAGS`` or any fatal error still reaches the learner, even when
TensorFlow aborts the process. oneDNN stays on, so numerics are unchanged.

Example:
    >>> from augcourse._tf import tf, keras
    >>> tf.constant([1.0]).dtype.name
    'float32'
    >>> is_banner("I0000 00:00:1.5  1530 cpu_feature_guard.cc:227] This TensorFlow binary is optimized ...")
    True
    >>> is_banner("F0000 00:00:1.5  1571 parse_flags_from_env.cc:234] Unknown flag in TF_XLA_FLAGS: --x")
    False
"""

import contextlib
import logging
import os
import re
import subprocess
import sys

# What TensorFlow prints at start-up on a healthy machine (and on one without a GPU driver).
_BANNER = re.compile(
    r"^(I\d{4} \d"                                                 # any INFO line of TF's C++ logging
    r"|WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR"
    r"|To enable the following instructions: .* rebuild TensorFlow with the appropriate compiler flags"
    r"|[EW]\d{4} .*(Unable to register cu(DNN|FFT|BLAS) factory|computation placer already registered"
    r"|TF-TRT Warning: Could not find TensorRT))")
# cuInit fails when no CUDA driver is installed (the line after "Could not find cuda drivers"): harmless
# then; with a driver present the same failure is a broken GPU set-up and is shown.
_NO_DRIVER = "Could not find cuda drivers on your machine"
_CUINIT = "failed call to cuInit"


def is_banner(line, no_driver=False):
    """True when ``line`` (one line of TF's start-up stderr) is known noise, not an error.

    ``no_driver``: whether TF said earlier that this machine has no CUDA driver (then the cuInit
    failure that follows is expected).

    Example:
        >>> is_banner("E0000 00:00:1.5  1530 cuda_platform.cc:52] failed call to cuInit: INTERNAL", no_driver=True)
        True
        >>> is_banner("E0000 00:00:1.5  1530 cuda_platform.cc:52] failed call to cuInit: INTERNAL")
        False
    """
    return bool(_BANNER.match(line)) or (no_driver and _CUINIT in line)


def filter_banner(source, sink):
    """Copy the lines of the binary stream ``source`` to ``sink`` except TF's banner (``is_banner``).

    Runs in the filter process; each kept line is flushed at once.
    """
    no_driver = False
    for raw in iter(source.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip("\n")
        no_driver = no_driver or _NO_DRIVER in line
        if not is_banner(line, no_driver):
            sink.write(raw)
            sink.flush()


# The filter process loads this file alone (not the package) and runs filter_banner.
_FILTER_CODE = ("import importlib.util, sys; spec = importlib.util.spec_from_file_location('_tf_filter', sys.argv[1]); "
                "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module); "
                "module.filter_banner(sys.stdin.buffer, sys.stderr.buffer)")


@contextlib.contextmanager
def stderr_filtered():
    """While the block runs, fd 2 goes through ``filter_banner`` (a child process) to the real stderr."""
    try:
        sys.stderr.flush()
    except (AttributeError, ValueError):
        pass
    env = dict(os.environ, AUGCOURSE_TF_FILTER="1")
    child = subprocess.Popen([sys.executable, "-S", "-c", _FILTER_CODE, os.path.abspath(__file__)], stdin=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, stderr=2, env=env)
    saved = os.dup(2)
    try:
        os.dup2(child.stdin.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        child.stdin.close()
        child.wait()


def _import_quietly():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if "tensorflow" in sys.modules:
        import tensorflow
        import keras as keras_module
        return tensorflow, keras_module
    with stderr_filtered():
        import tensorflow
        import keras as keras_module

        # Finding devices initialises CUDA (and parses TF_XLA_FLAGS): do it here, filtered.
        tensorflow.config.list_physical_devices()
    tensorflow.get_logger().setLevel(logging.ERROR)
    import absl.logging

    absl.logging.set_verbosity(absl.logging.ERROR)
    return tensorflow, keras_module


if os.environ.get("AUGCOURSE_TF_FILTER") != "1":      # the filter process imports this module too
    tf, keras = _import_quietly()
