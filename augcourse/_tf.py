"""The one place TensorFlow is imported, quietly.

TensorFlow prints a oneDNN notice, an absl banner and CPU-feature lines from
C++ straight to file descriptor 2 while it loads (and a cuInit error when it
looks for a GPU on a machine without one). Environment variables alone
no longer hide them, so this module points fd 2 at /dev/null for the duration
of the import. oneDNN stays on, so numerics are unchanged.

Example:
    >>> from augcourse._tf import tf, keras
    >>> tf.constant([1.0]).dtype.name
    'float32'
"""

import contextlib
import logging
import os
import sys


@contextlib.contextmanager
def _stderr_fd_silenced():
    try:
        sys.stderr.flush()
    except (AttributeError, ValueError):
        pass
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _import_quietly():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if "tensorflow" in sys.modules:
        import tensorflow
        import keras as keras_module
        return tensorflow, keras_module
    with _stderr_fd_silenced():
        import tensorflow
        import keras as keras_module

        # Finding devices initialises CUDA; on a machine without a GPU the
        # full TF build logs a harmless cuInit error. Do it here, silenced.
        tensorflow.config.list_physical_devices()
    tensorflow.get_logger().setLevel(logging.ERROR)
    import absl.logging

    absl.logging.set_verbosity(absl.logging.ERROR)
    return tensorflow, keras_module


tf, keras = _import_quietly()
