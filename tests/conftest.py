"""Shared fixtures. Every test runs with outbound network blocked: only loopback may connect.

Shared test data (places such as ``BAKU``, ``article``/``mention`` builders, small stores) lives in
``tests/factories.py``: ``from factories import BAKU, article, mention`` (this folder is on
``sys.path`` because this conftest is the rootdir's). The synthetic corpus generator is imported
as ``from benchmarks import gen_corpus`` (``pythonpath = ["."]`` in pyproject.toml); it stays a
script too (``python benchmarks/gen_corpus.py``)."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

# Tests never write into the user's real ~/.cache: the gazetteer index and the app's per-place
# counts go to a folder of the checkout (ignored by git), kept between runs so the index is built
# once. Set here, at import, so every child process (CLI, ``streamlit run``) inherits it.
TEST_CACHE = Path(os.environ.get("MAPAPP_TEST_CACHE_DIR") or REPO / ".test-cache")
os.environ["MAPAPP_CACHE_DIR"] = str(TEST_CACHE)

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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With ``-n 2 --dist loadgroup`` (the README's test command) the browser tests run one after
    another on one worker while the others spread over both: with two app servers and two
    Chromiums at once on two cores, a browser test's wait for what a user sees timed out."""
    group = pytest.mark.xdist_group("browser")
    for item in items:
        if item.get_closest_marker("browser") is not None or "e2e" in item.path.parts:
            item.add_marker(group)


@pytest.fixture(autouse=True, scope="session")
def _no_streamlit_magic():
    """AppTest compiles the app on every run. With "magic" on, Streamlit runs ``ast.parse`` on it,
    and CPython 3.11 corrupts its AST depth counter when two ``ast.parse`` calls interleave (a
    garbage-collector finaliser or another thread): a rare ``SystemError: AST constructor
    recursion depth mismatch`` failed whole app tests. The app uses no magic; ``mapapp serve``
    turns it off too (``cli.serve_command``)."""
    from streamlit import config

    config.set_option("runner.magicEnabled", False)
    yield


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


@pytest.fixture(scope="session")
def built_gazetteer() -> Path:
    """The packaged gazetteer's cached index, built once if missing. The app never builds it (its
    correction panel then offers only the resolver's alternatives): an app test that needs the
    gazetteer's namesakes asks for this, rather than relying on an earlier test to have built it."""
    from mapapp.geo.gazetteer import build

    return build()


@pytest.fixture(scope="session")
def parser():
    """One geoparser over the packaged gazetteer (read-only), shared by the geoparsing tests."""
    from mapapp.geo.geoparse import Geoparser

    return Geoparser()
