"""Corrections as a user makes them (issue 14): in the side panel, move a mention to another
place; the map and the panel follow; re-ingest the (edited) folder and the correction is kept;
undo it and the mention is back. A real store of the seeds made by the real ingest, ``streamlit
run``, headless Chromium that may only reach localhost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browsing import choose, map_frame, wait_for, wait_settled

REPO = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LONDON_UK, LONDON_ON = "gn:2643743", "gn:6058560"
# The place ids of the markers on the map (clustered ones included).
PLACE_IDS_JS = """() => {
  const out = new Set(), seen = new Set();
  function visit(layer) {
    if (!layer || seen.has(layer)) return;
    seen.add(layer);
    if (layer.options && layer.options.placeId !== undefined) { out.add(layer.options.placeId); return; }
    if (typeof layer.getLayers === 'function') layer.getLayers().forEach(visit);
  }
  Object.values(window.map._layers).forEach(visit);
  return Array.from(out);
}"""


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory):
    root = tmp_path_factory.mktemp("corrections")
    seeds = root / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    from mapapp.ingest import ingest
    from mapapp.store import Store

    db = str(root / "store.sqlite")
    with Store(db) as s:
        assert not ingest([seeds], s, workers=1, progress=False).errors
    return db, seeds


def place_ids(page) -> set[str]:
    return set(map_frame(page).evaluate(PLACE_IDS_JS) or [])


def panel_text(page) -> str:
    return "\n".join(page.locator('[data-testid="stHtml"]').all_inner_texts())


def open_place(page, base: str, place_id: str) -> None:
    page.goto(f"{base}/?place={place_id.replace(':', '%3A')}")
    map_frame(page)
    wait_for(lambda: "mention" in panel_text(page), what="the side panel to list the place")
    wait_settled(page)  # a user starts reading once the map has flown to the place


def test_move_a_mention_reingest_keep_it_then_undo(seeds_store, streamlit_server, browser_page):
    from mapapp.ingest import ingest
    from mapapp.store import Store

    db, seeds = seeds_store
    base = streamlit_server(db)
    page = browser_page
    open_place(page, base, LONDON_UK)
    assert {LONDON_UK} <= place_ids(page) and LONDON_ON not in place_ids(page)
    # the side panel: correct the listed mention of London, moving it to London, Ontario
    page.get_by_text("Correct a mention").click()
    choose(page, "New place", "Ontario", "London, Ontario")
    name = page.get_by_label("Your name (recorded with the correction)")
    name.fill("Analyst <b>Ann</b>")
    name.press("Enter")
    page.get_by_role("button", name="Apply the correction").click()
    # the panel follows the mention to its new place, marked; the map shows it there
    wait_for(lambda: "London (CA)" in panel_text(page), what="the panel to show London, Ontario")
    wait_for(lambda: "corrected by Analyst <b>Ann</b> on" in panel_text(page), what="the mark, as text")
    wait_for(lambda: LONDON_ON in place_ids(page) and LONDON_UK not in place_ids(page), what="the marker to move")
    # re-ingest the folder, the article edited (its mentions are written again): still corrected
    f = next(seeds.glob("004_*.txt"))
    f.write_text(f.read_text(encoding="utf-8") + "\n\nA closing paragraph about Baku.\n", encoding="utf-8")
    with Store(db) as s:
        rep = ingest([seeds], s, workers=1, progress=False)
    assert not rep.errors and rep.articles_updated == 1, rep.summary()
    open_place(page, base, LONDON_ON)
    assert "corrected by Analyst <b>Ann</b> on" in panel_text(page)
    assert LONDON_ON in place_ids(page) and LONDON_UK not in place_ids(page)
    # undo it from the list of corrections: London is back where the machine put it
    page.get_by_text("Corrections (1 in force)").click()
    page.get_by_role("button", name="Undo").click()
    wait_for(lambda: page.get_by_text("Corrections (0 in force)").count(), what="the list to say it is undone")
    wait_for(lambda: LONDON_UK in place_ids(page) and LONDON_ON not in place_ids(page), what="the marker back")
    open_place(page, base, LONDON_UK)
    assert "corrected by" not in panel_text(page)
    assert not page.locator('[data-testid="stException"]').count()
