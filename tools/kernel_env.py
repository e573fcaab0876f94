"""The environment every notebook kernel of the course runs with, in tests and in regeneration.

The root conftest.py (pytest and nbval) and tools/regen_outputs.py both call ``course_kernel_env()``
before they start a kernel; kernels inherit the process environment, so they all see the same values.
"""

import atexit
import os
import shutil
import tempfile


def course_kernel_env(environ=os.environ):
    """Set the course's kernel variables in ``environ`` where they are not set already; return it.

    - TF_CPP_MIN_LOG_LEVEL=2: TensorFlow's later C++ INFO/WARNING lines off (augcourse._tf hides the
      import-time ones).
    - KERAS_HOME: a new private temporary folder, so kernels keep away from the learner's ~/.keras; the
      process that made it removes it when it exits (kernels and subprocesses inherit it and leave it).
    - No AUGCOURSE_LANG or JPY_SESSION_NAME: the library speaks English, the language of the committed
      outputs and of the tests, even where the learner chose Korean (augcourse.language).

    Example:
        >>> env = course_kernel_env({"KERAS_HOME": "/k", "AUGCOURSE_LANG": "ko"})
        >>> env == {"KERAS_HOME": "/k", "TF_CPP_MIN_LOG_LEVEL": "2"}
        True
    """
    for name in ("AUGCOURSE_LANG", "JPY_SESSION_NAME"):
        environ.pop(name, None)
    environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if "KERAS_HOME" not in environ:
        environ["KERAS_HOME"] = tempfile.mkdtemp(prefix="augcourse-keras-home-")
        atexit.register(shutil.rmtree, environ["KERAS_HOME"], ignore_errors=True)
    return environ
