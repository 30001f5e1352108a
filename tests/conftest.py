"""Shared fixtures. Every test runs with outbound network blocked: only loopback may connect."""

from __future__ import annotations

import ipaddress
import shutil
import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _is_local(address) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX
        return True
    host = address[0]
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class NetworkBlocked(OSError):
    pass


def _guard_connect(self, address):
    if not _is_local(address):
        raise NetworkBlocked(f"network blocked in tests: {address!r}")
    return _real_connect(self, address)


def _guard_connect_ex(self, address):
    if not _is_local(address):
        raise NetworkBlocked(f"network blocked in tests: {address!r}")
    return _real_connect_ex(self, address)


def _guard_getaddrinfo(host, *args, **kwargs):
    if host not in (None, "localhost") and not str(host).startswith("127.") and host not in ("::1", "0.0.0.0"):
        raise NetworkBlocked(f"DNS blocked in tests: {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture(autouse=True)
def _block_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _guard_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guard_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", _guard_getaddrinfo)
    monkeypatch.setenv("MAPAPP_ONLINE_GEOCODER", "off")
    yield


@pytest.fixture()
def seeds_dir(tmp_path) -> Path:
    """A private copy of the seed articles (tests may add files beside them)."""
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    return dst
