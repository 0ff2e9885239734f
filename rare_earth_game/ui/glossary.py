"""Words a student meets in the game, explained in one or two plain sentences, and the keys.

`terms_in` finds the glossary words in any text, so cards and report lines can explain
themselves in their tooltips. `JARGON` lists the words a 15-year-old may not know; every one
the game still uses has an entry (a test reads the game's texts and checks), and
`unexplained` finds any that have none.
"""

from __future__ import annotations

import re

GLOSSARY: dict[str, str] = {
    "Rare earths": "Seventeen metals (the lanthanides plus scandium and yttrium). Not rare in the "
    "ground, but hard and dirty to separate from one another.",
    "LREE / HREE": "Light rare earths (lanthanum to samarium, e.g. neodymium and praseodymium) are "
    "common; heavy rare earths (e.g. dysprosium, terbium) are scarce and mostly come from "
    "ionic clays in southern China and Myanmar.",
    "Concentrate": "Ore after mining and first processing: a mix of all the rare earths, still "
    "to be separated.",
    "Separation": "The chemical step (solvent extraction, hundreds of stages) that splits mixed "
    "rare earths into single oxides. China does about 90 % of it: the real bottleneck.",
    "Oxide": "A separated rare earth in powder form, e.g. NdPr oxide: the traded input for "
    "metals and magnets.",
    "NdPr": "Neodymium and praseodymium, sold together as NdPr oxide: the main ingredient of "
    "permanent magnets.",
    "Dy / Tb": "Dysprosium and terbium: heavy rare earths added to magnets so they keep working "
    "when hot, e.g. in electric-car motors and jet fighters.",
    "NdFeB": "Neodymium-iron-boron: the strongest permanent magnets, in electric motors, wind "
    "turbines, phones and guided weapons.",
    "Graphite": "Carbon mined (natural) or made (synthetic); processed into anode material for "
    "lithium-ion batteries. China dominates anode making.",
    "Export control": "A government limit on what may leave the country: a ban (nothing), a quota "
    "(a fixed amount) or a licence (every shipment needs approval).",
    "Licence": "An export permit each shipment needs. Approvals can be slowed or refused, so "
    "supply becomes uncertain even without a ban.",
    "Quota": "A cap on tonnes that may be exported or mined in a year. When it binds, prices "
    "abroad rise above prices at home (a two-tier price).",
    "Tariff": "A tax on imports, paid by the importer. It protects home producers but raises "
    "prices for home buyers, and may anger the partner.",
    "Stockpile": "A government reserve of material, bought in calm times and released in a "
    "crisis to keep factories running.",
    "Offtake": "A contract to buy a mine's or plant's output for years ahead, which helps new "
    "projects get financed.",
    "Lead time": "The years between deciding to build a mine or plant and it producing. Often "
    "5 to 10 years for a mine; 2 to 4 for a plant.",
    "Supply security": "The share of US demand met by goods bought from outside the adversary "
    "(made at home or by other nations). A magnet from Japan counts, even if its oxide came "
    "from China.",
    "Clean supply": "The share of US demand met by goods free of the adversary's materials at "
    "every stage: what would still arrive if it stopped exporting altogether.",
    "HHI": "Herfindahl-Hirschman Index: a measure of how concentrated a market is, from near 0 "
    "(many small producers) to 1 (one producer has it all). Above 0.25 is highly concentrated.",
    "Baseline": "The same game, same seed, with no new policy from you. Your score is always "
    "compared with it, so luck does not decide the grade.",
    "Tension": "How hostile relations are, from 0 (friendly) to 1 (open hostility). High "
    "tension makes export controls more likely.",
    "Mothballed": "A mine or plant shut down for now because it loses money; it can restart "
    "if prices recover.",
    "Running cost": "What a project costs every year it operates, on top of its price: a "
    "price floor's top-ups, a production credit, the upkeep of a stockpile. It is set aside "
    "from the turn you fund the card.",
    "Lapsed money": "Budget left unspent at the end of a turn: only part of it is kept for "
    "next year (half, in most scenarios); the rest goes back to the Treasury.",
    "Recycling": "Recovering rare earths from old magnets and factory scrap: a small but secure "
    "source that needs no mine.",
    "Adversary": "The rival country whose hold on the supply chain you are trying to loosen: "
    "China in these scenarios. Figures 'outside the adversary' leave out what it makes.",
    "Leverage": "Power over another country that comes from what it depends on you for: "
    "threatening to cut off a good it cannot replace gives a lot of leverage.",
    "Joint venture": "A project two countries (or companies) pay for and run together, sharing "
    "its output. The partner country must agree to it, and weighs its own interests first.",
    "Supply contract": "An agreement to buy a mine's or plant's output for years ahead, so the "
    "buyers are sure of supply and the project is sure of customers.",
    "Price floor": "A promise by the government to make up the difference whenever the market "
    "price falls below a set level, so producers can count on a minimum price.",
    "Production credit": "Money the government pays producers for every kilogram they make, to "
    "help new plants compete with cheaper imports.",
    "General licence": "A licence that covers a buyer's shipments for a whole year, so they are "
    "no longer checked one by one.",
    "Permitting": "Getting the government's permission (environmental studies, public "
    "hearings) to build a mine or plant. In the US it can take 7 to 10 years.",
    "Trust": "How far an ally believes you will keep your promises. Allies that trust you join "
    "your ventures more readily.",
}

ALIASES: dict[str, str] = {
    "rare earth": "Rare earths",
    "lree": "LREE / HREE",
    "hree": "LREE / HREE",
    "heavy rare": "LREE / HREE",
    "light rare": "LREE / HREE",
    "concentrate": "Concentrate",
    "separat": "Separation",
    "oxide": "Oxide",
    "ndpr": "NdPr",
    "dy ": "Dy / Tb",
    "dysprosium": "Dy / Tb",
    "tb ": "Dy / Tb",
    "terbium": "Dy / Tb",
    "ndfeb": "NdFeB",
    "magnet": "NdFeB",
    "graphite": "Graphite",
    "anode": "Graphite",
    "export control": "Export control",
    "licence": "Licence",
    "license": "Licence",
    "quota": "Quota",
    "tariff": "Tariff",
    "stockpile": "Stockpile",
    "offtake": "Offtake",
    "lead time": "Lead time",
    "supply security": "Supply security",
    "clean supply": "Clean supply",
    "hhi": "HHI",
    "concentration": "HHI",
    "baseline": "Baseline",
    "no new policy": "Baseline",
    "tension": "Tension",
    "mothball": "Mothballed",
    "recycl": "Recycling",
    "adversary": "Adversary",
    "leverage": "Leverage",
    "joint venture": "Joint venture",
    "supply contract": "Supply contract",
    "price floor": "Price floor",
    "production credit": "Production credit",
    "general licence": "General licence",
    "permit": "Permitting",
    "trust": "Trust",
}

JARGON: tuple[str, ...] = (
    "adversary",
    "baseline",
    "binds",
    "concentrate",
    "demand intensity",
    "export control",
    "general licence",
    "hhi",
    "joint venture",
    "lead time",
    "leverage",
    "licence",
    "mothball",
    "offtake",
    "oxide",
    "permitting",
    "price floor",
    "production credit",
    "quota",
    "separation",
    "stockpile",
    "substitut",
    "tariff",
    "tension",
    "thrift",
)
"""Words (or word stems) a 15-year-old may not know: each the game uses needs an entry."""


def unexplained(*texts: str) -> list[str]:
    """The jargon in the texts that no glossary entry explains."""
    joined = " ".join(texts).lower()
    return [
        word
        for word in JARGON
        if re.search(rf"\b{re.escape(word)}", joined)
        and not any(alias in word or word in alias for alias in ALIASES)
    ]


def terms_in(*texts: str, limit: int = 3) -> list[str]:
    """Glossary entries whose words appear in the texts, in order of first appearance."""
    found: list[tuple[int, str]] = []
    joined = " ".join(texts).lower() + " "
    for alias, term in ALIASES.items():
        match = re.search(re.escape(alias), joined)
        if match and term not in (t for _, t in found):
            found.append((match.start(), term))
    return [t for _, t in sorted(found)][:limit]


def explain(*texts: str) -> str:
    """Glossary lines for the terms in the texts, for a tooltip."""
    return "\n".join(f"{term}: {GLOSSARY[term]}" for term in terms_in(*texts))


SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", "Move the focus ring to the next / previous control"),
    ("Enter or Space", "Press the focused button (add a card, choose an option)"),
    ("E", "End the turn with the plan you queued"),
    ("1 to 5", "Investment pillars: Domestic, Allies, Batteries, Trade, Stockpile"),
    ("M / C / P", "Show the map, the charts, or your projects"),
    ("[ and ]", "Map: previous / next good whose trade is shown"),
    ("Arrow keys", "Map (when focused): step through nations and facilities"),
    ("R", "Read the last turn's summary again"),
    ("F1", "Help and glossary"),
    ("F11", "Full screen on / off"),
    ("Esc", "Back, or the game menu"),
)

HOW_TO_PLAY = (
    "You are the US strategist for critical minerals. China mines most rare earths and "
    "separates and makes almost all of the oxides and magnets the US needs. Each turn is "
    "a year.",
    "1. Read the map: nations are shaded by role (you, allies, neutral, the adversary with "
    "stripes); arrows show this good's trade, thicker for more tonnes; labels on arrows show "
    "tariffs and export licences. Hover or select anything for its figures.",
    "2. Choose investments on the right, grouped by pillar. Each card shows its cost, how many "
    "turns it takes, what it will do and its downsides. Projects pay in installments and take "
    "effect when finished, so start early.",
    "3. Press End turn. China and the other nations answer, markets clear, and the summary "
    "tells you what changed and why.",
    "4. At the end, the debrief compares your results with the same world under no new policy "
    "(the baseline), and gives questions for class discussion. Export it for your teacher.",
    "Your game is saved automatically at the end of every turn: if the window closes, choose "
    "Continue on the title screen.",
)
