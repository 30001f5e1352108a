"""A wheel install works away from the checkout: the package data (migrations, gazetteer data,
lexicon, vendored JavaScript/CSS) is inside the package, and ``mapapp/app.py`` (what ``mapapp
serve`` hands to Streamlit) ships too.

The wheel is built offline from a copy of the checkout (``pip wheel --no-build-isolation`` with the
running interpreter's setuptools), installed with ``pip install --target`` and imported from a
folder outside the repository; its dependencies come from the running interpreter's own
site-packages. The network stays blocked (pip is told ``--no-index``)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mapapp.web import assets

REPO = Path(__file__).resolve().parent.parent
PKG = REPO / "mapapp"

pytestmark = pytest.mark.slow

_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".test-cache",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "*.pyc",
    ".pytest_cache",
    ".hypothesis",
    "*.sqlite",
    "*.sqlite-*",
    "test-artifacts",
)


def _pip(*args: str, cwd: Path) -> None:
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("MAPAPP_COMPILE", None)  # the default build (setup.py compiles only when asked)
    r = subprocess.run(
        [sys.executable, "-m", "pip", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert r.returncode == 0, f"pip {' '.join(args)}\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"


def _shipped(rel_dir: str) -> set[str]:
    """The files under ``mapapp/<rel_dir>`` in the checkout that the wheel must carry."""
    root = PKG / rel_dir
    return {
        p.relative_to(PKG).as_posix()
        for p in root.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and not p.relative_to(PKG).as_posix().startswith("static/gen/")
        and p.suffix != ".py"
    }


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """``(wheel, target folder)``: a wheel of a copy of the checkout, installed with ``--target``."""
    tmp = tmp_path_factory.mktemp("packaging")
    src = tmp / "src"
    shutil.copytree(REPO, src, ignore=_IGNORE, symlinks=True)
    # what the app generates at run time must stay out of the wheel even when it is there
    gen = src / "mapapp" / "static" / "gen" / "leaflet"
    gen.mkdir(parents=True, exist_ok=True)
    (gen / "leaflet.js").write_text("/* generated */\n")
    wheels = tmp / "wheels"
    _pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(wheels), str(src), cwd=tmp)
    (wheel,) = wheels.glob("mapapp-*.whl")
    assert wheel.name.endswith("-py3-none-any.whl")  # pure Python unless MAPAPP_COMPILE=1
    target = tmp / "site"
    _pip("install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel), cwd=tmp)
    return wheel, target


def _run(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(target)  # before site-packages (where an editable install of the checkout may sit)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_wheel_carries_the_package_data_and_not_the_generated_assets(installed):
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {"mapapp/app.py", "mapapp/cli.py"} | {
        f"mapapp/{n}"
        for n in _shipped("store/migrations") | _shipped("geo/gazdata") | _shipped("geo/lexicon") | _shipped("static")
    }
    assert {n for n in wanted if n.endswith(".sql")}, "no migration found in the checkout"
    assert wanted - names == set()
    assert [n for n in names if n.startswith("mapapp/static/gen/")] == []


def test_the_installed_package_runs_from_outside_the_checkout(installed, tmp_path):
    _, target = installed
    probe = """
import json, sys
import pathlib
import mapapp
from mapapp.store import MIGRATIONS_DIR, Store
from mapapp.geo.gazetteer import GAZDATA, curated_path
from mapapp.geo import geoparse
from mapapp.web import assets
from mapapp.ui import app as page  # the Streamlit page imports (it runs only from mapapp/app.py)
with Store(sys.argv[1]) as s:
    version = s.schema_version()
print(json.dumps({
    "mapapp": mapapp.__file__, "app": str(pathlib.Path(mapapp.__file__).with_name("app.py")), "page": page.__file__, "migrations": str(MIGRATIONS_DIR),
    "gazdata": str(GAZDATA), "curated": str(curated_path()), "given_names": len(geoparse.GIVEN_NAMES),
    "static": str(assets.STATIC_DIR), "version": version,
    "assets": [a.path for a in assets.MAP_ASSETS + assets.STANDALONE_ASSETS
               if not a.path.startswith("gen/") and (assets.STATIC_DIR / a.path).is_file()],
}))
"""
    r = _run(target, tmp_path, "-c", probe, str(tmp_path / "store.sqlite"))
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    for key in ("mapapp", "app", "page", "migrations", "gazdata", "curated", "static"):
        assert Path(got[key]).resolve().is_relative_to(target.resolve()), (key, got[key])
    assert got["version"] >= 1 and got["given_names"] > 1000
    assert Path(got["app"]).is_file()
    shipped = [a.path for a in assets.MAP_ASSETS + assets.STANDALONE_ASSETS if not a.path.startswith("gen/")]
    assert got["assets"] == shipped and len(shipped) >= 5  # vendored and our own JS/CSS
    r = _run(target, tmp_path, "-m", "mapapp.cli", "--help")
    assert r.returncode == 0 and "ingest" in r.stdout, r.stderr


def test_mypyc_accepts_every_module_the_compiled_build_lists(tmp_path, monkeypatch):
    """``MAPAPP_COMPILE=1 pip install .`` (setup.py): mypyc, which refuses some code mypy allows (an
    instance attribute read through its class, say), turns each listed module into C. The C
    compiler's minutes are not spent here; ``benchmarks/compiled_identity.py`` compiles a copy and
    checks that every toponym comes out the same."""
    import ast

    from mypyc.build import mypycify

    tree = ast.parse((REPO / "setup.py").read_text(encoding="utf-8"))
    listed = next(
        ast.literal_eval(n.value)
        for n in tree.body
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "COMPILED" for t in n.targets)
    )
    assert "mapapp/geo/geoparse.py" in listed
    monkeypatch.chdir(REPO)  # mypyc names the modules by their paths from here
    exts = mypycify(listed, opt_level="0", group_name="mapapp_native", target_dir=str(tmp_path))
    modules = {p.removesuffix(".py").replace("/", ".") for p in listed}
    assert {e.name for e in exts} == modules | {"mapapp_native__mypyc"}
    assert (tmp_path / "__native_mapapp_native.c").stat().st_size > 1_000_000


def test_no_module_binds_a_top_level_name_twice():
    """geoparse.py holds hundreds of module-level patterns; a second ``_NAME = re.compile(...)`` of the
    same name silently replaces the first for every rule that used it (two such clashes were written
    and caught by their rules' own tests). ruff's F811 sees only functions and imports."""
    import ast
    from collections import Counter

    clashes = {}
    for path in sorted((Path(__file__).resolve().parent.parent / "mapapp").rglob("*.py")):
        names: Counter[str] = Counter()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names[node.target.id] += 1
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names[node.name] += 1
        twice = sorted(n for n, k in names.items() if k > 1)
        if twice:
            clashes[path.name] = twice
    assert not clashes, clashes
