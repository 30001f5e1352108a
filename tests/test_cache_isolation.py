"""Tests keep their caches out of the user's home."""

from __future__ import annotations

from pathlib import Path

from mapapp import settings
from tests.conftest import TEST_CACHE


def test_cache_dir_is_the_test_cache_not_the_users():
    assert Path(settings.get("cache_dir")) == TEST_CACHE
    assert Path.home() / ".cache" not in Path(settings.get("cache_dir")).parents
