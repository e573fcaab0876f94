"""Real-browser fixtures: JupyterLab from this environment, driven by headless Chromium.

- ``lab``: a JupyterLab server started with ``sys.executable`` on 127.0.0.1 (free port, no token)
  over a temporary COPY of notebooks/ (Lab autosaves), with private settings/workspace/runtime
  folders; only its own process group is stopped afterwards.
- ``page``: a Chromium page (Debian's /usr/bin/chromium through Python Playwright's
  ``executable_path``; Playwright's own browser download is never used) that can reach
  127.0.0.1 only.
- ``shots``: the folder for screenshots, test-output/browser/ (git-ignored).

Everything is skipped with a reason when Chromium or Playwright is missing, so ``make test`` passes
without them; ``make test-browser`` runs only these tests; .ci/run installs Chromium first.
"""

import functools
import http.server
import json
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
import jupyter_servers  # noqa: E402

CHROMIUM = Path(os.environ.get("AUGCOURSE_CHROMIUM", "/usr/bin/chromium"))
SHOTS = ROOT / "test-output" / "browser"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
# Quiet settings for a fresh Lab: no "Jupyter news" toast, no update check.
NOTIFICATION_SETTINGS = {"fetchNews": "false", "checkForUpdates": False}


def _missing():
    if not CHROMIUM.exists():
        return (f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium "
                "fonts-dejavu-core` (.ci/run does) to run the JupyterLab browser tests")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python playwright is not installed (pip install playwright; no `playwright install` needed)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing()
    for item in items:
        if "browser" in item.keywords and reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """Base URL of a JupyterLab server over a copy of notebooks/ (dict with url and root)."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "notebooks"
    shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = base / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps(NOTIFICATION_SETTINGS))
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(base / "runtime"), PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "jupyterlab", "--ServerApp.token=", "--ServerApp.password=",
               f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
               f"--LabApp.user_settings_dir={base / 'settings'}", f"--LabApp.workspaces_dir={base / 'workspaces'}",
               "--LabApp.news_url=None"]
    server = jupyter_servers.start(command, cwd=root, env=env, log=base / "lab.log", timeout=60)
    try:
        yield {"url": server.url, "root": root, "log": base / "lab.log"}
    finally:
        jupyter_servers.stop(server)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium):
    """A fresh page that can reach 127.0.0.1 only; console errors are collected in page.errors."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1600})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")) else route.abort())
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def shots():
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


# The course website (the session's ``built_site``, tests/conftest.py) served from 127.0.0.1 by a small
# http.server, as a learner's `python -m http.server` would: tests/browser/test_site_pages.py and test_site_korean_pages.py.
class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_url(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _figures_loaded(page):
    """Wait for every <img> to finish, then return the ones that did not load (naturalWidth 0)."""
    page.wait_for_function("() => Array.from(document.images).every(img => img.complete)", timeout=30_000)
    return page.eval_on_selector_all("img", "els => els.filter(e => e.naturalWidth === 0).map(e => e.src)")


@pytest.fixture
def figures_loaded():
    """``figures_loaded(page)``: the sources of the page's images that did not load, after all finished."""
    return _figures_loaded


@pytest.fixture
def site_page(page, site_url):
    """The harness' page, with a record of every request that left the site."""
    page.outside = []
    page.on("request", lambda request: None if request.url.startswith((site_url, "data:", "blob:"))
            else page.outside.append(request.url))
    return page
