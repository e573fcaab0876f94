"""Real Jupyter servers for the tests: started on 127.0.0.1 at a free port in their own process group,
awaited until they answer, and stopped with that group (never anything else on the machine).

Used by the browser fixtures (JupyterLab), the notebook-form test (a plain server) and the Binder start test
(``binder/start jupyter lab|notebook``). ``open_in_lab`` opens a notebook of a running JupyterLab in a
browser page (the browser tests).

Example (not run here: it starts a server):
    server = start([sys.executable, "-m", "jupyter", "server"], cwd=root, env=dict(os.environ), log=root / "log")
    ...  # server.url
    stop(server)
"""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Server:
    """A running server: its process, base URL and log file."""

    process: subprocess.Popen
    url: str
    log_path: Path
    log: object


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(command, *, cwd, env, log, headers=None, timeout=90):
    """Run ``command`` plus the loopback, free-port and root options; return a ``Server`` once /api/status answers.

    ``headers`` go with the status request (a token's Authorization); the server's output goes to ``log``.
    """
    port = free_port()
    args = [*command, "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    handle = open(log, "wb")
    process = subprocess.Popen(args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=handle,
                               stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(process, f"http://127.0.0.1:{port}", Path(log), handle)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            stop(server)
            raise RuntimeError(f"{command[0]} exited ({process.returncode}); see {log}")
        try:
            request = urllib.request.Request(f"{server.url}/api/status", headers=headers or {})
            with urllib.request.urlopen(request, timeout=2):
                return server
        except urllib.error.HTTPError:
            return server                    # it answers (a page that wants a token is an answer)
        except OSError:
            if time.monotonic() > deadline:
                stop(server)
                raise RuntimeError(f"no answer on {server.url} within {timeout} s; see {log}") from None
            time.sleep(0.3)


def stop(server):
    """Stop the server's process group (SIGTERM, then SIGKILL after 20 s) and close its log."""
    try:
        os.killpg(server.process.pid, signal.SIGTERM)
        server.process.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=10)
    server.log.close()


# True once the page's JupyterLab shows the notebook named ``name`` with its kernel started and idle (needs the
# app exposed as window.jupyterapp: --LabApp.expose_app_in_browser=True).
_KERNEL_READY = """(name) => {
    const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    return w && w.context && w.context.path.endsWith(name) && w.sessionContext.session
           && w.sessionContext.session.kernel && w.sessionContext.session.kernel.status === 'idle';
}"""


def open_in_lab(page, url, notebook, timeout_ms=90_000):
    """Open ``notebook`` (a path under the server's root) in JupyterLab at ``url`` in the Playwright ``page``
    (with a fresh workspace) and wait until its kernel is started and idle."""
    page.goto(f"{url}/lab/tree/{notebook}?reset")
    page.wait_for_function(_KERNEL_READY, arg=notebook, timeout=timeout_ms)
