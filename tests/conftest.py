"""Fixtures for the unit tests: no display, and no network beyond loopback."""

import ipaddress
import socket

import matplotlib
import pytest

matplotlib.use("Agg")

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
