"""The report measures a cause only on the goods `goods_moved` names for it. That is only
right if, on every other good, `measure` finds nothing: checked on random observations
and handles (facilities, routes, buyers, stockpiles, licences, stocks), in both markets
a report counts in, to the bit."""

from hypothesis import given, settings
from hypothesis import strategies as st

from rare_earth_game.game.causes import (
    Cause,
    Effect,
    Handle,
    Market,
    RouteRule,
    goods_moved,
    measure,
)
from rare_earth_game.game.observe import BuyerView, ControlView, FacilityView, TurnObservation

NATIONS = ("AUS", "CHN", "JPN", "USA")
GOODS = ("dy_oxide", "ndfeb_magnet", "ndpr_oxide", "tb_oxide")
PLANTS = ("mine_a", "plant_b", "plant_c")
BUYERS = ("ev_usa", "wind_jpn")
CONTROLS = ("ban", "licence")

tonnes = st.floats(-1e4, 1e4, allow_nan=False)
nation, good = st.sampled_from(NATIONS), st.sampled_from(GOODS)


@st.composite
def observations(draw: st.DrawFn) -> TurnObservation:
    return TurnObservation(
        years=1.0,
        flows=draw(st.dictionaries(st.tuples(good, nation, nation), tonnes, max_size=6)),
        made=draw(st.dictionaries(st.tuples(st.sampled_from(PLANTS), good), tonnes, max_size=4)),
        used=draw(st.dictionaries(st.tuples(st.sampled_from(PLANTS), good), tonnes, max_size=3)),
        facilities={
            p: FacilityView(p, draw(nation), "operating", 10.0)
            for p in draw(st.sets(st.sampled_from(PLANTS)))
        },
        buyers={
            b: BuyerView(draw(nation), "ev", draw(good), draw(tonnes))
            for b in draw(st.sets(st.sampled_from(BUYERS)))
        },
        stocked=draw(st.dictionaries(st.tuples(good, nation), tonnes, max_size=3)),
        stockpiled=draw(st.dictionaries(st.tuples(good, nation), tonnes, max_size=3)),
        refused=draw(
            st.dictionaries(st.tuples(st.sampled_from(CONTROLS), good), tonnes, max_size=3)
        ),
        controls={
            c: ControlView("CHN", tuple(draw(st.sets(good, min_size=1))), None, c, 0.5)
            for c in draw(st.sets(st.sampled_from(CONTROLS)))
        },
    )


handles = st.builds(
    Handle,
    facilities=st.lists(st.sampled_from(PLANTS), max_size=2).map(tuple),
    facility_sign=st.sampled_from((-1, 0, 1)),
    routes=st.lists(
        st.builds(
            RouteRule,
            exporter=nation,
            importers=st.none() | st.lists(nation, min_size=1, max_size=2).map(tuple),
            goods=st.none() | st.lists(good, min_size=1, max_size=2).map(tuple),
            sign=st.sampled_from((-1, 0, 1)),
        ),
        max_size=2,
    ).map(tuple),
    buyers=st.lists(st.sampled_from(BUYERS), max_size=2).map(tuple),
    demand_sign=st.sampled_from((-1, 0, 1)),
    stockpiles=st.lists(nation, max_size=2).map(tuple),
    licences=st.lists(st.sampled_from(CONTROLS), max_size=2).map(tuple),
    stocks=st.booleans(),
)


@settings(max_examples=200)
@given(handles, observations(), observations())
def test_a_cause_moves_nothing_outside_its_goods(
    handle: Handle, now: TurnObservation, before: TurnObservation
) -> None:
    cause = Cause("cause", "world", "something happened", handle)
    moved = goods_moved(handle, [now, before])
    markets = (Market(frozenset(NATIONS) - {"CHN"}, "CHN"), Market(frozenset({"USA"}), "CHN"))
    for other in set(GOODS) - moved:
        for market in markets:
            effect = measure(cause, other, market, now, before)
            assert (effect.from_rival, effect.from_others, effect.use) == (0.0, 0.0, 0.0)
            assert repr(effect) == repr(Effect())  # no -0.0 either
