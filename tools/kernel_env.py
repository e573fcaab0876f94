"""The environment every notebook kernel of the course runs with, in tests and in regeneration.

The root conftest.py (pytest and nbval) and tools/regen_outputs.py both call ``course_kernel_env()``
before they start a kernel; kernels inherit the process environment, so they all see the same values.
"""

import os
import tempfile


def course_kernel_env(environ=os.environ):
    """Set the course's kernel variables in ``environ`` where they are not set already; return it.

    - TF_CPP_MIN_LOG_LEVEL=2: TensorFlow's later C++ INFO/WARNING lines off (augcourse._tf hides the
      import-time ones).
    - KERAS_HOME: a new private temporary folder, so kernels keep away from the learner's ~/.keras.

    Example:
        >>> env = course_kernel_env({"KERAS_HOME": "/k"})
        >>> env == {"KERAS_HOME": "/k", "TF_CPP_MIN_LOG_LEVEL": "2"}
        True
    """
    environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if "KERAS_HOME" not in environ:
        environ["KERAS_HOME"] = tempfile.mkdtemp(prefix="augcourse-keras-home-")
    return environ
