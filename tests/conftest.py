"""Fixtures for the unit tests: no display, and no network beyond loopback."""

import ipaddress
import socket

import os

import matplotlib
import pytest
from hypothesis import settings

matplotlib.use("Agg")
os.environ.setdefault("NO_ALBUMENTATIONS_UPDATE", "1")      # albumentations would ask PyPI for its version at import

# Property tests draw fixed examples, so `make test` gives the same verdict on every run and machine.
# `make fuzz` sets AUGCOURSE_FUZZ=1 for fresh random examples: a search for new bugs, not a gate.
settings.register_profile("course", derandomize=True, deadline=None)
settings.register_profile("fuzz", derandomize=False, deadline=None)
settings.load_profile("fuzz" if os.environ.get("AUGCOURSE_FUZZ") else "course")

_real_connect = socket.socket.connect
_real_create_connection = socket.create_connection


def _is_loopback(address):
    host = address[0] if isinstance(address, tuple) else address
    if not isinstance(host, str):
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class NetworkBlocked(OSError):
    """Raised when a test tries to reach anything but loopback."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Tests never touch the network: connecting anywhere but loopback fails at once."""

    def guarded_connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
            raise NetworkBlocked(f"network disabled in tests: connect to {address!r}")
        return _real_connect(sock, address)

    def guarded_create_connection(address, *args, **kwargs):
        if not _is_loopback(address):
            raise NetworkBlocked(f"network disabled in tests: connect to {address!r}")
        return _real_create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "create_connection", guarded_create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", _guarded_getaddrinfo(socket.getaddrinfo))


def _guarded_getaddrinfo(real):
    def guarded(host, *args, **kwargs):
        if host is not None and not _is_loopback((host,)):
            raise NetworkBlocked(f"network disabled in tests: name lookup of {host!r}")
        return real(host, *args, **kwargs)
    return guarded


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The course website, built once per session into a temporary folder by the exact commands of
    `make site` (read with `make -n`, so the test and the Makefile cannot drift apart): the English
    edition, and the Korean one in its ko/ folder."""
    import shlex
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    pytest.importorskip("myst_nb", reason="the site stack is not installed (pip install -r requirements.lock)")
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    root = Path(__file__).resolve().parents[1]
    out = tmp_path_factory.mktemp("site") / "site"
    dry_run = subprocess.run(["make", "-s", "-n", "site", f"SITE_DIR={out}", f"BIN={Path(sys.executable).parent}"],
                             cwd=root, capture_output=True, text=True, check=True).stdout
    commands = [line for line in dry_run.splitlines() if " -m sphinx " in line]
    assert len(commands) == 2, f"`make -n site` should print two sphinx commands (English, Korean):\n{dry_run}"
    for command in commands:
        result = subprocess.run(shlex.split(command), cwd=root, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"`{command}` failed:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    return out


@pytest.fixture
def korean():
    """The library speaks Korean for the test (augcourse.language); it must ask for no message the catalogues
    lack. English again afterwards."""
    from augcourse import language

    language.set_language("ko")
    before = set(language.missing)
    try:
        yield
        assert set(language.missing) == before, f"no Korean for: {sorted(set(language.missing) - before)}"
    finally:
        language.set_language(None)


@pytest.fixture
def english():
    """The library speaks English for the test, whatever the environment chooses."""
    from augcourse import language

    language.set_language("en")
    try:
        yield
    finally:
        language.set_language(None)
