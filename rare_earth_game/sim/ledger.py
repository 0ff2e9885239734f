"""Material accounts: opening stock + production + imports
= use + exports + written off + closing stock.

Agents report what they produce and use as it happens, trade reports imports and exports,
and stocks are counted from the agents at the start and end of every turn. The residual
of each account is kept so tests (and the curious) can see that nothing appears or vanishes.
"""

from collections import defaultdict

Account = tuple[str, str]  # (commodity, nation)
FLOW_FIELDS = ("production", "imports", "exports", "use", "written_off")


class MaterialLedger:
    """This turn's material flows per commodity and nation, in tonnes."""

    def __init__(self) -> None:
        self.opening: dict[Account, float] = {}
        self.flows: dict[Account, dict[str, float]] = defaultdict(
            lambda: dict.fromkeys(FLOW_FIELDS, 0.0)
        )
        self.unrecorded: dict[Account, float] = defaultdict(float)
        """This turn's production by facilities outside official statistics (part of
        `production`), which the statistics columns leave out (`metrics.py`)."""

    def begin_turn(self, opening: dict[Account, float]) -> None:
        self.opening = opening
        self.flows.clear()
        self.unrecorded.clear()

    def add(
        self, commodity: str, nation: str, field: str, tonnes: float, recorded: bool = True
    ) -> None:
        self.flows[(commodity, nation)][field] += tonnes
        if not recorded and field == "production":
            self.unrecorded[(commodity, nation)] += tonnes

    def close(self, closing: dict[Account, float]) -> list[dict[str, float | str]]:
        """One balance row per account touched this turn, with its residual."""
        rows: list[dict[str, float | str]] = []
        for account in sorted(set(self.opening) | set(closing) | set(self.flows)):
            flow = self.flows.get(account) or dict.fromkeys(FLOW_FIELDS, 0.0)
            opening, ending = self.opening.get(account, 0.0), closing.get(account, 0.0)
            inflow = opening + flow["production"] + flow["imports"]
            outflow = flow["use"] + flow["exports"] + flow["written_off"] + ending
            rows.append(
                {
                    "commodity": account[0],
                    "nation": account[1],
                    "opening_stock": opening,
                    **flow,
                    "closing_stock": ending,
                    "residual": inflow - outflow,
                }
            )
        return rows
