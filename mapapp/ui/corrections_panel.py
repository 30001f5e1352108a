"""Corrections in the app (issue 14): the side panel's "Correct a mention" form and the list of
corrections with undo and export, over ``store.corrections`` (the same calls as
``mapapp correct``).

The work happens in button callbacks, which Streamlit runs before the next run of the script:
there a correction may still choose the selected place (the moved mention's new place, where
the map then flies), and the run that follows reads the changed store (the cached reads are
keyed on the store file's version), so the map and the panel show the correction at once. A
correction that cannot be made is one line (``CorrectionError``); anything else is a short
message, the traceback going to the server's log. Every string from the store or the user that
reaches Markdown goes through ``md_escape`` (radio options are Markdown too; select boxes'
options and text inputs are plain text).
"""

from __future__ import annotations

import csv
import io
import sys
import traceback
from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from mapapp.geo.gazetteer import Gazetteer, is_built
from mapapp.store import Store
from mapapp.store import corrections as corr
from mapapp.ui import mapcomponent
from mapapp.web.escape import clip, md_escape

_K = "corr_"  # session-state keys of this panel
ACTIONS = {"move": "Move to another place", "not_place": "Not a place", "published": "Set the publication date"}
SEARCH_LIMIT = 12  # places a gazetteer search offers
LIST_LIMIT = 50  # corrections listed (newest first); the export holds them all


@st.cache_resource(show_spinner=False)
def gazetteer() -> Gazetteer | None:
    """The cached gazetteer, or None when it is not built (the app never builds it: minutes)."""
    try:
        return Gazetteer.open() if is_built() else None
    except Exception:  # noqa: BLE001 - a broken cache: the resolver's alternatives still work
        traceback.print_exc(file=sys.stderr)
        return None


def author_widget() -> None:
    """The author's name, the OS user at first and remembered for the session (a widget's own
    state is dropped when it is not drawn in a run, so a plain key keeps it)."""
    ss = st.session_state
    if _K + "author" not in ss:
        ss[_K + "author"] = ss.get(_K + "author_kept") or corr.default_author()
    st.text_input("Your name (recorded with the correction)", key=_K + "author", on_change=_keep_author)


def _keep_author() -> None:
    ss = st.session_state
    ss[_K + "author_kept"] = ss.get(_K + "author")


def _author() -> str:
    ss = st.session_state
    name = " ".join(str(ss.get(_K + "author") or ss.get(_K + "author_kept") or "").split())
    ss[_K + "author_kept"] = name
    return name or corr.default_author()  # an empty name records the OS user


def _say(kind: str, text: str) -> None:
    st.session_state[_K + "msg"] = (kind, text)


def _show_message() -> None:
    got = st.session_state.pop(_K + "msg", None)
    if got:
        kind, text = got
        (st.success if kind == "ok" else st.error)(md_escape(text, 400))


def _mention_label(r: Mapping[str, Any]) -> str:
    date = r.get("event_date") or "undated"
    bits = [f"“{clip(str(r.get('name') or ''), 60)}”", str(date)]
    if r.get("source"):
        bits.append(clip(str(r["source"]), 40))
    bits.append(clip(str(r.get("sentence") or ""), 70))
    return " · ".join(bits)


def _scopes(r: Mapping[str, Any]) -> dict[str, str]:
    """The scope choices' labels: Markdown (``st.radio`` renders its options), so escaped."""
    name = md_escape(str(r.get("name") or ""), 40)
    out = {"mention": "This mention only", "article": f"Every “{name}” in this article"}
    if r.get("source"):
        out["source"] = f"Every “{name}” in {md_escape(str(r['source']), 40)} (this outlet)"
    out["corpus"] = f"Every “{name}” in the corpus"
    return out


def mention_actions(store: Store, rows: Sequence[Mapping[str, Any]]) -> None:
    """Under the selected place's excerpts: correct one of the mentions ``rows`` (store rows
    with ``mention_id``): move it, mark it not a place, or set its article's publication date."""
    _show_message()
    live = [r for r in rows if r.get("mention_id") is not None]
    if not live:
        return
    with st.expander("Correct a mention", expanded=bool(st.session_state.get(_K + "open"))):
        if not corr.writable(store):
            st.caption("This store is read-only: corrections cannot be made here.")
            return
        by_id = {int(str(r["mention_id"])): r for r in live}
        ss = st.session_state
        if ss.get(_K + "mention") not in by_id:
            ss[_K + "mention"] = next(iter(by_id))
        mid = st.selectbox("Mention", list(by_id), key=_K + "mention", format_func=lambda m: _mention_label(by_id[m]))
        r = by_id[int(str(mid))]
        action = st.radio("Action", list(ACTIONS), format_func=ACTIONS.__getitem__, key=_K + "action", horizontal=True)
        if action == "move":
            _move_form(store, int(str(mid)))
        if action in ("move", "not_place"):
            scopes = _scopes(r)
            if ss.get(_K + "scope") not in scopes:
                ss[_K + "scope"] = "mention"
            st.radio("Apply to", list(scopes), format_func=scopes.__getitem__, key=_K + "scope")
        else:
            st.text_input(
                "Publication date of the article (YYYY-MM-DD)",
                value=str(r.get("published") or ""),
                key=_K + f"day_{mid}",
            )
        author_widget()
        st.button("Apply the correction", key=_K + "apply", on_click=_apply, args=(store, r), type="primary")


def _move_form(store: Store, mid: int) -> None:
    """The places to move to: the resolver's alternatives and the gazetteer's namesakes, or a
    gazetteer search; then a place id typed in, for a place none of them offers."""
    ss = st.session_state
    gaz = gazetteer()
    try:
        found = corr.candidates(store, mid, gaz, limit=SEARCH_LIMIT)
    except corr.CorrectionError as exc:
        st.caption(md_escape(str(exc), 200))
        return
    query = st.text_input("Search the gazetteer for a place", key=_K + "search", disabled=gaz is None)
    if gaz is None:
        st.caption("The gazetteer is not built here (`mapapp gazetteer build`): only the resolver's alternatives.")
    elif query.strip():
        hits = corr.search(gaz, query, limit=SEARCH_LIMIT)
        if not hits:
            st.caption(md_escape(f"No place called {clip(query.strip(), 80)!r} in the gazetteer.", 200))
        found = hits + [c for c in found if c.place_id not in {h.place_id for h in hits}]
    labels = {c.place_id: f"{c.label} · {_origin(c)}" for c in found}
    options = list(labels) + [""]
    if ss.get(_K + "target") not in options:
        ss[_K + "target"] = options[0]
    st.selectbox(
        "New place",
        options,
        key=_K + "target",
        format_func=lambda pid: labels.get(pid, "a place id typed below"),
    )
    if not ss.get(_K + "target"):
        st.text_input("Place id (gn:…, cur:…)", key=_K + "place_id")


def _origin(c: corr.Candidate) -> str:
    what = {"machine": "the machine's place", "resolver": "resolver", "gazetteer": "gazetteer"}.get(c.origin, c.origin)
    share = "prior" if c.origin == "gazetteer" else "chance"
    return f"{what}, {share} {c.score:.3g}"


def _apply(store: Store, r: Mapping[str, Any]) -> None:
    """The "Apply" button's callback (runs before the next script run)."""
    ss = st.session_state
    ss[_K + "open"] = True
    action = ss.get(_K + "action") or "move"
    mid = int(r["mention_id"])
    try:
        if action == "published":
            day = corr.parse_day(ss.get(_K + f"day_{mid}"))
            c = corr.set_published(store, str(r["article_id"]), day, author=_author())
        elif action == "not_place":
            c = corr.not_a_place(store, mid, scope=ss.get(_K + "scope") or "mention", author=_author())
        else:
            pid = str(ss.get(_K + "target") or ss.get(_K + "place_id") or "").strip()
            if not pid:
                raise corr.CorrectionError("choose a place, or type a place id")
            place = corr.place_of(store, pid, gazetteer())
            c = corr.move(store, mid, place, scope=ss.get(_K + "scope") or "mention", author=_author())
            ss["w_place"] = place.id  # the panel and the map follow the mention to its new place
            ss["panel_page"] = 0
            ss["map_command"] = mapcomponent.new_command(place.id, (float(place.lat), float(place.lon)))
        _say("ok", f"Correction {c.id} made: {_what(c)} ({c.mark()}).")
    except corr.CorrectionError as exc:
        _say("error", f"Not corrected: {exc}")
    except Exception:  # noqa: BLE001 - one line on the page, details in the server's log
        traceback.print_exc(file=sys.stderr)
        _say("error", "Not corrected: an internal error (the server's log has the details).")


def _what(c: corr.Correction) -> str:
    return c.describe().split("\t")[1]


def history(store: Store) -> None:
    """The newest corrections, each with an Undo button; undone ones on request; all of them
    as CSV (what ``mapapp correct export`` writes, built only when asked for)."""
    ss = st.session_state
    show_undone = bool(ss.get(_K + "undone"))
    shown, in_force, total = corr.recent(store, LIST_LIMIT, include_undone=show_undone)
    if not total:
        return
    with st.expander(f"Corrections ({in_force} in force)", expanded=bool(ss.get(_K + "list_open"))):
        _show_message()
        st.checkbox("Show undone corrections", key=_K + "undone")
        writable = corr.writable(store)
        for c in shown:
            a, b = st.columns([5, 1])
            line = f"{c.id}. {_what(c)}: {c.mark()}"
            if c.note:
                line += f" ({clip(c.note, 120)})"
            if not c.active:
                line += f", undone by {c.undone_by} on {str(c.undone_at)[:10]}"
            a.caption(md_escape(line, 400))
            if c.active and writable:
                b.button("Undo", key=_K + f"undo_{c.id}", on_click=_undo, args=(store, c.id))
        if len(shown) == LIST_LIMIT:
            st.caption(f"The newest {LIST_LIMIT}; the CSV holds them all.")
        st.download_button(
            "Download the corrections (CSV)",
            data=lambda: export_csv(store),
            file_name="corrections.csv",
            mime="text/csv",
            key=_K + "export",
            on_click="ignore",
        )


def _undo(store: Store, cid: int) -> None:
    ss = st.session_state
    ss[_K + "list_open"] = True
    try:
        c = corr.undo(store, cid, author=_author())
        _say("ok", f"Correction {c.id} undone: {_what(c)}.")
    except corr.CorrectionError as exc:
        _say("error", f"Not undone: {exc}")
    except Exception:  # noqa: BLE001
        traceback.print_exc(file=sys.stderr)
        _say("error", "Not undone: an internal error (the server's log has the details).")


def export_csv(store: Store) -> str:
    """Every correction as CSV, formula-safe (the same file as ``mapapp correct export``)."""
    from mapapp.web.export import neutralise

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(corr.EXPORT_FIELDS)
    for row in corr.export_rows(store):
        w.writerow(["" if row[f] is None else neutralise(row[f]) for f in corr.EXPORT_FIELDS])
    return buf.getvalue()


__all__ = ["export_csv", "gazetteer", "history", "mention_actions"]
