"""The committed notebooks are in the form Jupyter saves them, so opening and saving a lesson changes no byte.

A real Jupyter server (this environment's, on 127.0.0.1) reads every notebook through its contents API and
writes it back unchanged, as JupyterLab's save does; the files must come back byte for byte. The notebooks
also carry the ``language_info`` that the course's kernel reports, which JupyterLab writes into every
notebook it opens (tests/browser/test_lab_clean.py opens lessons in JupyterLab itself).
"""

import json
import os
import secrets
import shutil
import sys
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
import jupyter_servers  # noqa: E402
from tools.regen_outputs import NOTEBOOK_METADATA, kernel_language_info  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TOKEN = secrets.token_hex(16)
HEADERS = {"Authorization": f"token {TOKEN}"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """(base URL, root folder) of a Jupyter server over a copy of notebooks/."""
    base = tmp_path_factory.mktemp("form")
    root = base / "notebooks"
    shutil.copytree(ROOT / "notebooks", root)
    command = [sys.executable, "-m", "jupyter", "server", f"--IdentityProvider.token={TOKEN}",
               f"--ServerApp.root_dir={root}"]
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(base / "runtime"))
    server = jupyter_servers.start(command, cwd=root, env=env, log=base / "server.log", headers=HEADERS)
    try:
        yield server.url, root
    finally:
        jupyter_servers.stop(server)


def _round_trip(url, name):
    request = urllib.request.Request(f"{url}/api/contents/{name}?content=1&type=notebook", headers=HEADERS)
    with urllib.request.urlopen(request) as response:
        model = json.load(response)
    body = json.dumps({"type": "notebook", "format": "json", "content": model["content"]}).encode()
    request = urllib.request.Request(f"{url}/api/contents/{name}", data=body, method="PUT",
                                     headers={"Content-Type": "application/json", **HEADERS})
    with urllib.request.urlopen(request) as response:
        assert response.status == 200


def test_every_notebook_saved_unchanged_through_the_contents_api_keeps_every_byte(server):
    url, root = server
    changed = []
    for path in NOTEBOOKS:
        _round_trip(url, path.name)
        if (root / path.name).read_bytes() != path.read_bytes():
            changed.append(path.name)
    assert not changed, f"saving these through Jupyter rewrites them: {changed}"


def test_the_round_trip_would_notice_a_notebook_in_another_form(server, tmp_path):
    url, root = server
    bare = json.loads(NOTEBOOKS[0].read_text())
    (root / "other_form.ipynb").write_text(json.dumps(bare))            # no indent, no final newline
    _round_trip(url, "other_form.ipynb")
    assert (root / "other_form.ipynb").read_text() != json.dumps(bare)


def test_every_notebook_carries_the_kernels_language_info():
    info, versions = kernel_language_info(), set()
    for path in NOTEBOOKS:
        metadata = json.loads(path.read_text())["metadata"]
        assert metadata.keys() == NOTEBOOK_METADATA.keys(), path.name
        assert metadata["kernelspec"] == NOTEBOOK_METADATA["kernelspec"], path.name
        committed = dict(metadata["language_info"])
        version = committed.pop("version")
        assert committed == {k: v for k, v in info.items() if k != "version"}, path.name
        versions.add(version)
    # One Python for all (the one the outputs were made with); on another, JupyterLab records that one instead.
    assert len(versions) == 1 and next(iter(versions)).startswith("3."), versions
