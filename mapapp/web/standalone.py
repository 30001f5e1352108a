"""One HTML file that opens from disk with no network: the map, markers, popups and legend of
``mapview.map_of_rows(..., standalone=True)`` plus a title, a summary of the filters, the
attribution and the time it was made. Every asset is inlined (``assets``); the page's extra
behaviour and look are ``static/mapapp/standalone.js``/``.css``, fed data only. Every text is
HTML-escaped.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
from branca.element import Figure

from mapapp.store import QUERY_COLUMNS
from mapapp.web import attribution, markers
from mapapp.web.assets import MAP_ASSETS, STANDALONE_ASSETS
from mapapp.web.escape import RawHTML, esc, js_json
from mapapp.web.mapview import map_of_rows
from mapapp.web.share import describe_view
from mapapp.web.snapshots import clean_title
from mapapp.web.view import View


def best_scores(mentions_df: pd.DataFrame) -> dict[str, float]:
    """Each place's best confidence among the page's mentions (what marks it uncertain)."""
    if mentions_df.empty or "score" not in mentions_df or "place_id" not in mentions_df:
        return {}
    best = pd.to_numeric(mentions_df["score"], errors="coerce").groupby(mentions_df["place_id"]).max()
    return {str(k): float(v) for k, v in best.items() if pd.notna(v)}


def standalone_html(
    places_df: pd.DataFrame,
    mentions_df: pd.DataFrame | None,
    view: View | None,
    title: str | None = None,
    *,
    made_at: datetime | None = None,
) -> str:
    """One self-contained HTML page of the map (opens from ``file://`` with no network): the
    map, markers and popups, plus the title, a summary of the filters, the attribution and the
    time it was made. All text is escaped. ``window.mapappReady`` turns true once every marker
    is drawn (what PNG rendering waits for)."""
    view = view if view is not None else View()
    title = clean_title(title) or "mapapp map"
    mentions_df = mentions_df if mentions_df is not None else pd.DataFrame(columns=QUERY_COLUMNS)
    rows = markers.marker_rows(places_df, mentions_df, colour_by=view.colour, best_scores=best_scores(mentions_df))
    fmap = map_of_rows(rows, view, title=title, standalone=True, assets=MAP_ASSETS + STANDALONE_ASSETS)
    root = fmap.get_root()
    assert isinstance(root, Figure)  # a folium.Map's root is its page
    return finish_page(root, title, describe_view(view, len(mentions_df), len(places_df)), len(rows), made_at)


def finish_page(root: Figure, title: str, lines: list[str], n_markers: int, made_at: datetime | None = None) -> str:
    """The map page ``root`` with the title, the summary ``lines``, the attribution and the time
    it was made (all escaped), rendered; ``window.mapappReady`` waits for ``n_markers`` markers.
    Shared by the places page and the events page (``eventmarkers.standalone_events_html``)."""
    made_at = (made_at or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    made = made_at.strftime("%Y-%m-%d %H:%M UTC")
    head = (
        '<div class="mapapp-share-box mapapp-share-head" id="mapapp-share-head">'
        f"<h1>{esc(title)}</h1><ul>" + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul></div>"
    )
    foot = (
        '<div class="mapapp-share-box mapapp-share-foot" id="mapapp-share-foot">'
        f"{esc(attribution.text())}<br>Made with mapapp on "
        f'<time datetime="{esc(made_at.isoformat())}">{esc(made)}</time>.</div>'
    )
    # RawHTML, never folium.Element: the title and the filter summary are user text, and
    # folium.Element would compile them as a Jinja template.
    root.header.add_child(RawHTML(f"<title>{esc(title)}</title>"), name="mapapp_share_title")
    root.html.add_child(RawHTML(head + foot), name="mapapp_share_overlay")
    root.script.add_child(
        RawHTML(f"mapapp.standalonePage({js_json({'expected': n_markers})});"), name="mapapp_share_ready"
    )
    return root.render()


__all__ = ["standalone_html", "best_scores", "finish_page"]
