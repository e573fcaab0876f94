"""`make lab` serves JupyterLab on 127.0.0.1 with the course notebooks listed, opens on the course index,
and the project's own JupyterLab defaults switch the Jupyter news popup off."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_serves_the_notebooks(tmp_path):
    port, token = _free_port(), "augcourse-test"
    # Empty user settings and workspaces of the test's own, so that what the server reports comes from
    # the project (Makefile + .jupyterlab/settings), never from the machine's ~/.jupyter.
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "user-settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    lab = subprocess.Popen(
        ["make", "--no-print-directory", "lab",
         f"LAB_ARGS=--no-browser --port={port} --IdentityProvider.token={token}"],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True)
    try:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/contents",
                                         headers={"Authorization": f"token {token}"})
        deadline, listing = time.monotonic() + 120, None
        while listing is None and time.monotonic() < deadline and lab.poll() is None:
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    listing = json.load(response)
            except OSError:
                time.sleep(0.5)
        assert listing is not None, "JupyterLab did not answer on 127.0.0.1"
        names = {item["name"] for item in listing["content"]}
        expected = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
        assert "00_index.ipynb" in names and expected <= names
        with urllib.request.urlopen(urllib.request.Request(
                f"http://127.0.0.1:{port}/lab", headers={"Authorization": f"token {token}"}), timeout=10) as page:
            assert page.status == 200 and b"JupyterLab" in page.read()

        # The server's front door (the URL a browser opens) leads to the course index ...
        auth = {"Authorization": f"token {token}"}
        with pytest.raises(urllib.error.HTTPError) as redirect:
            urllib.request.build_opener(_NoRedirect).open(
                urllib.request.Request(f"http://127.0.0.1:{port}/", headers=auth), timeout=10)
        redirect.value.close()                           # the HTTPError holds the response's socket
        assert redirect.value.code == 302
        location = urllib.parse.urlsplit(redirect.value.headers["Location"]).path
        assert location == "/lab/tree/00_index.ipynb", redirect.value.headers["Location"]
        with urllib.request.urlopen(urllib.request.Request(
                f"http://127.0.0.1:{port}/lab/tree/00_index.ipynb", headers=auth), timeout=10) as page:
            html = page.read().decode()
        config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                      html, re.S)[1])
        assert config["treePath"] == "00_index.ipynb"

        # ... and the news question is answered "Never" by the project's default, with no user setting.
        with urllib.request.urlopen(urllib.request.Request(
                f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/apputils-extension:notification",
                headers=auth), timeout=10) as response:
            notification = json.load(response)
        effective = {name: spec.get("default") for name, spec in notification["schema"]["properties"].items()}
        effective.update(notification["settings"])
        assert effective["fetchNews"] == "false", effective
        assert effective["checkForUpdates"] is False, effective
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        try:
            lab.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, signal.SIGKILL)
            lab.wait(timeout=20)
        lab.stdout.close()
