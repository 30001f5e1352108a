#!/usr/bin/env python3
"""The compiled build against the sources: the same toponyms, and how much faster.

    python benchmarks/compiled_identity.py [FILE.jsonl|DIR ...] [--seeds] [--keep DIR]

Copies this tree, compiles it there as ``MAPAPP_COMPILE=1 pip install .`` would (setup.py's
mypyc modules, built in place; needs mypy, from the test extra, and a C compiler), then runs
``benchmarks/geoparse_dump.py`` on the same texts in the sources and in the compiled copy and
compares the two outputs byte for byte. Prints the compile time, the CPU seconds of each run and
their ratio, and the number of texts whose toponyms differ (0 is the goal). ``--keep DIR`` keeps
the compiled copy, to run other benchmarks in it (``cd DIR && python benchmarks/ingest_stages.py``).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("mapapp", "benchmarks", "seeds", "setup.py", "pyproject.toml", "README.md")


def _copy_tree(dest: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.so", "*.pyc", "gen")
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        else:
            shutil.copy2(src, dest / name)


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _dump(tree: Path, out: Path, inputs: list[str]) -> float:
    """CPU seconds of one geoparse_dump run in ``tree`` (its own mapapp first on the path)."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    before = _children_cpu()
    subprocess.run([sys.executable, "benchmarks/geoparse_dump.py", str(out), *inputs], cwd=tree, env=env, check=True)
    return _children_cpu() - before


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="*", help="JSON-lines files with a 'text' field, or folders of .txt")
    ap.add_argument("--seeds", action="store_true", help="also the seed articles (the default when no input)")
    ap.add_argument("--keep", default=None, help="build the compiled copy here and keep it")
    a = ap.parse_args()
    inputs = [str(Path(p).resolve()) for p in a.inputs] + (["--seeds"] if a.seeds or not a.inputs else [])
    work = Path(tempfile.mkdtemp(prefix="mapapp-compiled-"))
    tree = Path(a.keep).resolve() if a.keep else work / "tree"
    if tree.exists():
        sys.exit(f"{tree} exists: give --keep a new folder")
    tree.mkdir(parents=True)
    try:
        _copy_tree(tree)
        t0 = time.perf_counter()
        r = subprocess.run(
            [sys.executable, "setup.py", "-q", "build_ext", "--inplace"],
            cwd=tree,
            env=dict(os.environ, MAPAPP_COMPILE="1"),
            capture_output=True,
            text=True,
        )
        if r.returncode != 0:
            sys.exit(f"the compiled build failed:\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}")
        compile_s = time.perf_counter() - t0
        built = sorted(p.relative_to(tree).as_posix() for p in [*tree.glob("*.so"), *(tree / "mapapp").rglob("*.so")])
        print(f"compiled in {compile_s:.0f} s: {', '.join(built)}")
        pure_out, comp_out = work / "pure.jsonl", work / "compiled.jsonl"
        pure_cpu = _dump(ROOT, pure_out, inputs)
        comp_cpu = _dump(tree, comp_out, inputs)
        pure_lines = pure_out.read_text(encoding="utf-8").splitlines()
        comp_lines = comp_out.read_text(encoding="utf-8").splitlines()
        differ = sum(1 for x, y in zip(pure_lines, comp_lines) if x != y) + abs(len(pure_lines) - len(comp_lines))
        print(f"texts: {len(pure_lines)}; toponyms differ in {differ}")
        print(f"CPU seconds (geoparse_dump, with start-up): sources {pure_cpu:.1f}, compiled {comp_cpu:.1f}")
        print(f"compiled speed: {pure_cpu / comp_cpu:.2f}x the sources")
        return 0 if differ == 0 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
