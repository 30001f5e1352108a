"""Ingest on a dask.distributed cluster (LocalCluster, 2 worker processes) equals a local ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install 'mapapp[cluster]')")

from distributed import Client, LocalCluster  # noqa: E402

from benchmarks import gen_corpus  # noqa: E402
from mapapp.ingest import ingest  # noqa: E402
from mapapp.store import Store  # noqa: E402

from factories import store_content as content  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
        worker_dashboard_address=None,
    ) as c:
        yield c


def test_cluster_ingest_equals_local_ingest(cluster, seeds_dir, tmp_path):
    gen_corpus.generate(40, seeds_dir / "more", seed=11)
    gen_corpus.generate(200, seeds_dir / "records", seed=12, jsonl=200)  # one file of several chunks
    gen_corpus.generate(100, seeds_dir / "table", seed=13, jsonl=100, fmt="csv")  # quoted newlines
    (seeds_dir / "zz_binary.txt").write_bytes(bytes(range(256)) * 64)
    with Store(tmp_path / "local.sqlite") as s:
        local = ingest([seeds_dir], s, workers=1, progress=False)
    with Client(cluster) as client, Store(tmp_path / "dask.sqlite") as s:
        dist = ingest([seeds_dir], s, progress=False, scheduler=client)
    assert (dist.files, dist.articles_new, dist.mentions, dist.files_failed) == (
        local.files,
        local.articles_new,
        local.mentions,
        local.files_failed,
    )
    assert sorted(dist.errors) == sorted(local.errors)
    assert local.files == 48 and local.articles_new >= 345 and local.records_read == dist.records_read
    with Store(tmp_path / "dask.sqlite") as s:
        assert s.execute("SELECT count(*) FROM file_chunks")[0][0] >= 3  # the big files went out in chunks
    assert content(tmp_path / "dask.sqlite") == content(tmp_path / "local.sqlite")


def test_cluster_by_address_and_resume(cluster, seeds_dir, tmp_path):
    db = tmp_path / "addr.sqlite"
    with Store(db) as s:
        first = ingest([seeds_dir], s, progress=False, scheduler=cluster.scheduler_address)
        again = ingest([seeds_dir], s, progress=False, scheduler=cluster.scheduler_address)
    assert first.errors == [] and first.articles_new >= 5
    assert again.files_skipped == again.files == 5 and again.articles_new == 0


def test_cluster_time_budget_skips_the_slow_file_only(cluster, seeds_dir, tmp_path, monkeypatch):
    """The budget is a deadline checked inside the parse loops, so it holds in dask's worker
    threads too (no signals there); the parent hands its file_timeout to the workers."""
    (seeds_dir / "zz_slow.txt").write_text(
        "Title\n\n" + "People of Baku and Ganja met on Monday. " * 20_000, encoding="utf-8"
    )
    monkeypatch.setenv("MAPAPP_FILE_TIMEOUT", "0.2")
    with Client(cluster) as client, Store(tmp_path / "budget.sqlite") as s:
        rep = ingest([seeds_dir], s, progress=False, scheduler=client)
        stored = {Path(p).name for (p,) in s.execute("SELECT DISTINCT path FROM articles")}
    assert len(rep.errors) == 1 and "zz_slow.txt" in rep.errors[0] and "file_timeout" in rep.errors[0], rep.errors
    assert len(stored) == 5 and "zz_slow.txt" not in stored
