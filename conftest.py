"""Test-session set-up shared by unit tests and notebook (nbval) tests.

Environment variables set here reach every nbval kernel, which inherits them.
"""

import atexit
import os
import shutil
import tempfile

import pytest

from tools.kernel_env import course_kernel_env

# Quiet TF C++ logs and a private KERAS_HOME, as tools/regen_outputs.py sets them for its kernels.
course_kernel_env()

# One private temporary folder for the whole session, removed when it ends: what the tests, the notebook
# kernels (TMPDIR is inherited; nbval stops kernels without their own clean-up, so TensorFlow's autograph
# files and a lesson's tempfile.mkdtemp() folders would stay) and every subprocess write there goes with it.
_SESSION_TMP = tempfile.mkdtemp(prefix="augcourse-test-tmp-")
os.environ["TMPDIR"] = tempfile.tempdir = _SESSION_TMP
atexit.register(shutil.rmtree, _SESSION_TMP, ignore_errors=True)


def pytest_collectstart(collector):
    """stderr is never compared: warnings and TF logs are not lesson content."""
    if collector.__class__.__name__ == "IPyNbFile":
        collector.skip_compare += ("stderr",)


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path, parent):
    """Doctests (--doctest-modules in pytest.ini) are collected from the library only, not from the
    tests' own modules (two conftest.py files would otherwise clash as one module name)."""
    collected = yield
    if file_path.is_relative_to(parent.config.rootpath / "augcourse"):
        return collected
    return [node for node in collected if type(node).__name__ != "DoctestModule"]


# The Korean notebooks are built from the English ones (tools/i18n.py); tests/test_i18n.py proves their code
# cells and outputs identical to the English lessons', which nbval runs, so they are not run a second time.
collect_ignore_glob = ["notebooks/ko/*"]
