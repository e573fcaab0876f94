"""Test-session set-up shared by unit tests and notebook (nbval) tests.

Environment variables set here reach every nbval kernel, which inherits them.
"""

import os
import tempfile

# Later TF C++ INFO/WARNING lines off (augcourse._tf hides the import-time ones).
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# Keep tests and notebook kernels away from the learner's ~/.keras cache.
os.environ.setdefault("KERAS_HOME", tempfile.mkdtemp(prefix="augcourse-keras-home-"))


def pytest_collectstart(collector):
    """stderr is never compared: warnings and TF logs are not lesson content."""
    if collector.__class__.__name__ == "IPyNbFile":
        collector.skip_compare += ("stderr",)
