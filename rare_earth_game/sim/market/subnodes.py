"""Sub-nodes: a nation's goods that may not go everywhere its other goods may.

A facility under an offtake contract sells at its own node, `"<nation>@<facility>"`, whose
only routes lead to the contracted nations (home among them only if listed); its price
there is what the contract fetches.

Where a re-export control is in force on a good, a seller whose goods carry the
controlling exporter's origin content at or above the control's threshold sells at a node
of its own, `"<nation>~<exporter>"` (see `provenance.py`): freely to its home market, and
abroad as its nation's exports except where the control bans or caps the route. Its
nation's other goods keep the nation's node, and no node ships abroad more than its own
sellers supplied (`lp.py`), so controlled content cannot leave through the home market
either. Markets without such a control are not split.

Trade policy treats a sub-node's routes as exports of its nation. A content node trades on
its nation's trade ties (buyers know the supplier, whatever its content); a contract node on
its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rare_earth_game.scenario.content import reaches
from rare_earth_game.sim.agents.base import EngineAgent, Step
from rare_earth_game.sim.policy import ControlState
from rare_earth_game.sim.provenance import Content

if TYPE_CHECKING:
    from rare_earth_game.sim.model import RareEarthModel


@dataclass(frozen=True)
class SubNode:
    """A node for some of a nation's goods that may not go everywhere its others may."""

    home: str
    buyers: frozenset[str] | None = None
    """Under an offtake contract: the only nations it may sell to (home only if listed)."""
    carried: frozenset[str] = frozenset()
    """Ids of the re-export controls that cover its goods."""


def place(
    model: RareEarthModel,
    agent: EngineAgent,
    steps: list[Step],
    content: Content,
    re_export: list[ControlState],
    subnodes: dict[str, SubNode],
) -> list[Step]:
    """Move the offers of a contracted facility, or of goods a re-export control covers,
    to a node of their own, registering the node."""
    buyers = getattr(agent, "offtake", None)
    if not steps:
        return steps
    home = steps[0][0]
    carried = [
        state
        for state in re_export
        if state.control.exporter != home
        and reaches(
            model.provenance.share(content, state.control.exporter),
            state.control.re_export_threshold,
        )
    ]
    if buyers is None and not carried:
        return steps
    if buyers is not None:
        node = f"{home}@{agent.key}"
    else:
        node = f"{home}~{_carried_label(carried, re_export)}"
    ids = frozenset(state.control.id for state in carried)
    subnodes[node] = SubNode(home, None if buyers is None else frozenset(buyers), ids)
    return [(node, tonnes, ask) for _, tonnes, ask in steps]


def _carried_label(carried: list[ControlState], re_export: list[ControlState]) -> str:
    """`CHN` when goods carry all of China's re-export controls on the good; the ids of
    those they carry when China has several with different thresholds and only some apply."""
    parts = []
    for exporter in sorted({s.control.exporter for s in carried}):
        mine = sorted(s.control.id for s in carried if s.control.exporter == exporter)
        every = [s for s in re_export if s.control.exporter == exporter]
        parts.append(exporter if len(mine) == len(every) else f"{exporter}:{','.join(mine)}")
    return "+".join(parts)


def tie_origin(node: str, subnodes: dict[str, SubNode]) -> str:
    """Whose trade ties a node's routes use: a content node's nation's, a contract node's
    own."""
    sub = subnodes.get(node)
    return sub.home if sub is not None and sub.buyers is None else node
