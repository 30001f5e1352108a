"""``View.from_params``: hostile URL parameters fall back with a notice and never raise."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapapp.store.filters import Filters
from mapapp.web.view import View


def test_round_trip_of_a_full_view():
    v = View(
        filters=Filters(
            date_from=date(2020, 12, 1),
            date_to=date(2021, 1, 31),
            include_undated=True,
            sources=("Trend", "A, B"),
            countries=("AZ",),
            places=("gn:587084",),
            text="rally",
        ),
        place="gn:587084",
        center=(40.37767, 49.89201),
        zoom=7,
        base="offline",
        snapshot="abc_DEF-12",
    )
    params = v.to_params()
    assert all(isinstance(k, str) and isinstance(x, str) for k, x in params.items())
    back, notices = View.from_params(params)
    assert notices == []
    assert back == v


def test_default_view_has_empty_params():
    assert View().to_params() == {}
    v, notices = View.from_params({})
    assert v == View() and notices == []


@pytest.mark.parametrize(
    "key,value",
    [
        ("place", "<script>alert(1)</script>"),
        ("place", "gn:1' OR '1'='1\"; DROP TABLE places;--"),
        ("place", "x" * 100_000),
        ("center", "91,0"),
        ("center", "nan,inf"),
        ("center", "1e309,0"),
        ("center", "40.1"),
        ("center", "40,49,1"),
        ("zoom", "999"),
        ("zoom", "-1"),
        ("zoom", "7.5"),
        ("zoom", "0x10"),
        ("base", "javascript:alert(1)"),
        ("base", "satellite"),
        ("snapshot", "../../etc/passwd"),
        ("snapshot", "abc"),
        ("snapshot", "a" * 33),
        ("snapshot", "abcd' OR 1=1 --"),
        ("snapshot", "<img src=x onerror=alert(1)>"),
        ("from", "2020-13-45"),
        ("to", "yesterday"),
        ("min_score", "1e999"),
        ("undated", "maybe"),
    ],
)
def test_hostile_params_are_refused_with_a_notice(key, value):
    v, notices = View.from_params({key: value})
    assert len(notices) == 1 and key in notices[0]
    assert len(notices[0]) < 300  # a huge value is not echoed back
    assert v == View()


def test_good_params_beside_bad_ones_are_kept():
    v, notices = View.from_params({"zoom": "6", "center": "oops", "place": "cur:karabakh", "from": "2020-12-01"})
    assert v.zoom == 6 and v.place == "cur:karabakh" and v.center is None
    assert v.filters.date_from == date(2020, 12, 1)
    assert len(notices) == 1 and "center" in notices[0]


def test_unknown_parameters_are_named_in_one_notice():
    v, notices = View.from_params({"zoom": "4", "colour": "red", "embed": "true", "from": "2020-12-01"})
    assert v.zoom == 4 and v.filters.date_from == date(2020, 12, 1)
    assert len(notices) == 1 and "colour" in notices[0] and "embed" not in notices[0]
    _, notices = View.from_params({f"x{i}": "1" for i in range(8)})
    assert len(notices) == 1 and "x0" in notices[0] and "x5" not in notices[0] and "and 3 more" in notices[0]
    assert View.from_params(View(zoom=5, base="offline").to_params())[1] == []  # its own URL: no notice


def test_lists_many_keys_and_odd_mappings():
    v, notices = View.from_params({"zoom": ["3", "5"], "base": ["offline"]})
    assert v.zoom == 5 and v.base == "offline" and notices == []
    many = {f"k{i}": "x" for i in range(5000)} | {"zoom": "4"}
    v, notices = View.from_params(many)
    assert v.zoom == 4 and len(notices) == 1

    class Broken:
        def items(self):
            raise RuntimeError("boom")

    v, notices = View.from_params(Broken())  # type: ignore[arg-type]
    assert v == View() and notices


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "place",
                "center",
                "zoom",
                "base",
                "snapshot",
                "from",
                "to",
                "q",
                "sources",
                "places",
                "countries",
                "undated",
                "demonyms",
                "min_score",
                "other",
            ]
        ),
        st.one_of(st.text(max_size=60), st.lists(st.text(max_size=20), max_size=4)),
        max_size=8,
    )
)
def test_from_params_never_raises_and_round_trips(params):
    v, notices = View.from_params(params)
    assert isinstance(notices, list) and all(isinstance(n, str) for n in notices)
    again, more = View.from_params(v.to_params())
    assert again == v and more == []


def test_the_view_and_the_snapshot_store_agree_on_what_an_id_is():
    """One pattern (``snapshots.ID_RE``): an id the store would refuse is refused in the URL too."""
    from mapapp.web import snapshots

    for sid in ("abcd", "abcdefg", "abcdefgh", snapshots.new_id(), "x" * 32, "x" * 33):
        view, notices = View.from_params({"snapshot": sid})
        assert (view.snapshot == sid) is snapshots.valid_id(sid)
        assert (notices == []) is snapshots.valid_id(sid)


def test_undated_mentions_are_in_by_default_and_old_addresses_keep_their_meaning():
    """Issue 12: the first screen includes undated mentions; ``undated=0`` still leaves them out
    and ``undated=1`` still puts them in."""
    assert View().filters.include_undated
    assert View.from_params({})[0].filters.include_undated
    assert View.from_params({"undated": "1"})[0].filters.include_undated
    off, notices = View.from_params({"undated": "0"})
    assert not off.filters.include_undated and notices == []
    assert off.to_params() == {"undated": "0"}  # leaving them out is what an address must say
    assert View().to_params() == {}
