"""The run chart: prices, the two-tier price, concentration and the player's security.

Colours follow the Okabe–Ito palette, and every line also differs by marker and dash,
so the chart reads in greyscale and for colour-blind readers.
"""

from pathlib import Path

import pandas as pd

from rare_earth_game.report.folders import replaced
from rare_earth_game.scenario.headline import key_commodities, main_chain
from rare_earth_game.scenario.model import Scenario

STAGE_NAMES = {
    "mining": "Mining",
    "processing": "Refining",
    "metal": "Metal making",
    "manufacturing": "Making",
}
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
DASHES = ("-", "--", "-.", ":", "-", "--", "-.", ":")


def _style(i: int) -> dict[str, object]:
    return {
        "color": OKABE_ITO[i % len(OKABE_ITO)],
        "marker": MARKERS[i % len(MARKERS)],
        "linestyle": DASHES[i % len(DASHES)],
        "markevery": 4,
        "linewidth": 2,
        "markersize": 5,
    }


def get_ready_to_draw() -> None:
    """Import matplotlib and draw a throwaway figure (fonts, caches): about half of what
    drawing the chart takes, done beforehand where a child stands by to draw it
    (`forking.Standby`)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots()
    axis.plot([0, 1], [0, 1], label="ready")
    axis.legend()
    figure.canvas.draw()
    plt.close(figure)


def write_run_chart(scenario: Scenario, table: pd.DataFrame, path: Path) -> Path:
    """Four panels of a finished run, as a PNG at `path`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    adversary = scenario.game.adversary
    x = table["turn"]
    ticks = [t for t in x if t % 4 == 0] if len(x) > 8 else list(x)
    labels = [table["date"][table["turn"] == t].iloc[0] for t in ticks]
    fig, axes = plt.subplots(2, 2, figsize=(13, 8.5), constrained_layout=True)
    fig.suptitle(f"{scenario.meta.name}", fontsize=15, fontweight="bold")

    prices = axes[0][0]
    for i, commodity in enumerate(key_commodities(scenario)):
        column = f"{commodity}.price_outside.{adversary}"
        if column in table:
            spec = scenario.commodity(commodity)
            prices.plot(x, table[column] / spec.reference_price, label=spec.name, **_style(i))
    prices.axhline(1.0, color="#555555", linewidth=1)
    prices.set_title(f"Prices outside {adversary} (1 = reference price)")
    prices.set_ylabel("multiple of reference price")

    two_tier = axes[0][1]
    first = key_commodities(scenario, 1)
    if first:
        spec = scenario.commodity(first[0])
        for i, (suffix, label) in enumerate(
            (
                (f"price_outside.{adversary}", f"outside {adversary}"),
                (f"price.{adversary}", f"in {adversary}"),
            )
        ):
            column = f"{spec.id}.{suffix}"
            if column in table:
                two_tier.plot(x, table[column], label=label, **_style(i))
        two_tier.set_title(f"{spec.name}: two-tier price (USD/kg)")
        two_tier.set_ylabel("USD/kg")

    shares = axes[1][0]
    chain = main_chain(scenario)
    for i, stage in enumerate(STAGE_NAMES):
        column = f"{chain}.{stage}.share.{adversary}"
        if column in table:
            shares.plot(x, 100 * table[column], label=STAGE_NAMES[stage], **_style(i))
    shares.set_title(f"{adversary}'s share of world output, by stage (%)")
    shares.set_ylim(0, 100)
    shares.set_ylabel("%")

    security = axes[1][1]
    for i, (column, label) in enumerate(
        (
            ("player.demand_met", "demand met"),
            ("player.supply_security", f"met from outside {_adversaries(scenario)}"),
            ("player.clean_supply", f"met free of {_adversaries(scenario)} content"),
        )
    ):
        if column in table:
            security.plot(x, 100 * table[column], label=label, **_style(i))
    security.set_title(f"{scenario.game.player} supply security (%)")
    security.set_ylim(0, 105)
    security.set_ylabel("%")

    for axis in (prices, two_tier, shares, security):
        axis.set_xticks(ticks, labels, rotation=45, ha="right")
        axis.grid(alpha=0.3)
        axis.legend(loc="best", fontsize=9, framealpha=0.9)
    with replaced(path) as temporary:
        fig.savefig(temporary, dpi=110)
    plt.close(fig)
    return path


def _adversaries(scenario: Scenario) -> str:
    """Who the player's security columns count as the adversary: every nation of that role."""
    return " and ".join(n.id for n in scenario.nations if n.role == "adversary")
