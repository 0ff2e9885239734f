"""The player's orders carried out: fund a card, set a tariff, buy or release stock.

Each order is checked again here (the window and strategies only plan): a refused order
changes nothing and comes back with the reason. Accepted orders are paid through the
treasury and act on the world through the engine's effects, marked as the player's.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from rare_earth_game.game.actions import Action, ActionResult, FundCard, SetTariff, StockpileOrder
from rare_earth_game.game.ai import PlayerMove
from rare_earth_game.game.cards import card_terms, funding_turns
from rare_earth_game.game.projects import Project
from rare_earth_game.scenario import effects as fx
from rare_earth_game.sim.origin import Origin, Source

if TYPE_CHECKING:
    from rare_earth_game.game.catalogue import Catalogue
    from rare_earth_game.game.clock import Clock
    from rare_earth_game.game.treasury import Treasury
    from rare_earth_game.scenario.game import Investment
    from rare_earth_game.sim.model import RareEarthModel

STOCKPILE_PRICE_CAP = 1.5
"""Stockpile orders buy at up to this multiple of the reference price; that much is reserved."""
TARIFF_PROVOCATION = 1.0
"""Provocation per unit of tariff rate on the adversary's goods."""
FRIEND_TARIFF_TENSION = 0.25
"""Tension added with a friendly partner per unit of tariff rate raised on its goods."""


def tariff_id(partner: str, commodity: str | None) -> str:
    """The id of the tariff the player has set on a partner (on one good, or on all)."""
    return f"player-tariff-{partner}-{commodity or 'all'}"


def player_tariff_rate(
    model: RareEarthModel, player: str, adversary: str, cards: list[Investment]
) -> float:
    """The highest tariff rate the player has set on the adversary's goods, by lever or by
    one of these (funded) cards; the tariffs a scenario starts with are not the player's."""
    ids = {
        e.id
        for card in cards
        for e in card.effects
        if isinstance(e, fx.SetTariff) and e.importer == player and adversary in (e.exporters or ())
    }
    rates = [
        tariff.rate
        for key, tariff in model.policies.tariffs.items()
        if (key.startswith(f"player-tariff-{adversary}-") or key in ids)
        and (tariff.exporters is None or adversary in tariff.exporters)
    ]
    return max(rates, default=0.0)


def stockpile_ceiling(model: RareEarthModel, commodity: str, tonnes: float) -> float:
    """USD M a stockpile order can cost at most: what the treasury holds back for it."""
    return tonnes * model.reference_price(commodity) * STOCKPILE_PRICE_CAP / 1000


class Orders:
    """Validates and carries out a turn's orders, in the order given."""

    def __init__(
        self,
        model: RareEarthModel,
        treasury: Treasury,
        projects: dict[str, Project],
        catalogue: Catalogue,
        clock: Clock,
        player: str,
        adversary: str,
    ) -> None:
        self.model = model
        self.treasury = treasury
        self.projects = projects
        self.catalogue = catalogue
        self.clock = clock
        self.player = player
        self.adversary = adversary

    def apply(self, actions: list[Action]) -> tuple[list[ActionResult], list[PlayerMove]]:
        """Each action's result, and the accepted moves other nations take notice of (those
        the adversary reads as hostile or friendly, and those a partner joined).

        Cards paid off last turn take effect first, as this turn begins: what they change
        (a permitting reform's lead times) then holds for what is funded now."""
        self.model.apply_queued()
        results: list[ActionResult] = []
        moves: list[PlayerMove] = []
        for action in actions:
            if isinstance(action, FundCard):
                result, provoked = self.fund(action)
            elif isinstance(action, SetTariff):
                result, provoked = self.tariff(action)
            else:
                result, provoked = self.stockpile(action), 0.0
            results.append(result)
            move = self._noticed(action, provoked) if result.accepted else None
            if move is not None:
                moves.append(move)
        return results, moves

    def _noticed(self, action: Action, provoked: float) -> PlayerMove | None:
        """The move as other nations will remember it, if they take notice of it."""
        if isinstance(action, FundCard):
            card = self.catalogue.cards[action.card]
            partner = card.partner if card.partner != self.adversary else None
            if provoked == 0 and partner is None:
                return None
            title = f'your "{card.title}"'
        elif isinstance(action, SetTariff) and provoked != 0:
            goods = (
                self.model.commodities[action.commodity].name if action.commodity else "all goods"
            )
            where = self.model.nations[action.partner].name
            title = (
                f"your {action.rate:.0%} tariff on {goods} from {where}"
                if action.rate > 0
                else f"your lifting of the tariff on {goods} from {where}"
            )
            partner = None
        else:
            return None
        return PlayerMove(self.clock.turn, self.clock.date, title, provoked, partner)

    # --- cards ------------------------------------------------------------------------------

    def fund(self, action: FundCard) -> tuple[ActionResult, float]:
        cards = self.catalogue.cards
        card = cards.get(action.card)
        if card is None:
            close = difflib.get_close_matches(action.card, list(cards), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            return ActionResult(action, False, f"no investment card '{action.card}'{hint}"), 0.0
        reason = self.catalogue.why_not(card)
        if reason is not None:
            return ActionResult(action, False, f"{card.title}: {reason}"), 0.0
        warning = self.catalogue.opening_warning(card)
        terms = card_terms(card, self.clock)
        turns = funding_turns(card, self.clock)
        project = Project(card, self.clock.turn, turns, paid=turns == 0)
        self.projects[card.id] = project
        self.treasury.take(terms, card.id)
        if turns == 0 or card.effects_at == "start":
            self._put_in_force(project, queued=False)
        if turns == 0:
            message = f"{card.title}: paid, USD {card.cost:,.0f}M"
        elif turns == 1:
            message = f"{card.title}: funded, USD {terms.per_turn:,.0f}M this turn"
        else:
            message = f"{card.title}: funded, USD {terms.per_turn:,.0f}M a turn for {turns} turns"
        if card.running_cost:
            message += f", then USD {terms.running:,.0f}M a turn while it operates"
        if card.partner is not None and card.partner != self.adversary:
            verdict = self.catalogue.ai.ally_accepts(self.model, card, self.clock.turn)
            message += f". {verdict.reason}"
        if warning:
            message += f". {warning}"
        return ActionResult(action, True, message), card.provocation

    def paid_off(self, card_id: str) -> None:
        """The last installment is paid: effects due at completion start next step."""
        project = self.projects[card_id]
        project.paid = True
        if not project.in_force:
            self._put_in_force(project, queued=True)

    def _put_in_force(self, project: Project, *, queued: bool) -> None:
        card: Investment = project.card
        source = Source(Origin.PLAYER, card.id)
        if queued:
            self.model.queue_effects(card.effects, source)
            project.acts_from = self.model.turn  # applied as that step begins
        else:
            self.model.apply_effects(card.effects, source)
            project.acts_from = self.model.turn - 1
        project.in_force = True

    # --- levers -----------------------------------------------------------------------------

    def tariff(self, action: SetTariff) -> tuple[ActionResult, float]:
        nations = self.model.nations
        if action.partner not in nations or action.partner == self.player:
            return ActionResult(action, False, f"no trading partner '{action.partner}'"), 0.0
        if action.commodity is not None and action.commodity not in self.model.commodities:
            return ActionResult(action, False, f"no good '{action.commodity}'"), 0.0
        if not 0.0 <= action.rate <= 2.0:
            return ActionResult(action, False, "tariff rates run from 0 to 200 %"), 0.0
        policy_id = tariff_id(action.partner, action.commodity)
        existing = self.model.policies.tariffs.get(policy_id)
        previous = existing.rate if existing else 0.0
        goods = self.model.commodities[action.commodity].name if action.commodity else "all goods"
        partner = nations[action.partner].name
        source = Source(Origin.PLAYER, "lever")
        if action.rate == 0:
            self.model.apply_effects([fx.RemovePolicy(type="remove_policy", id=policy_id)], source)
            message = f"Tariff on {goods} from {partner} lifted"
        else:
            effect = fx.SetTariff(
                type="set_tariff",
                id=policy_id,
                importer=self.player,
                exporters=(action.partner,),
                commodities=(action.commodity,) if action.commodity else None,
                rate=action.rate,
            )
            self.model.apply_effects([effect], source)
            message = f"Tariff of {action.rate:.0%} on {goods} from {partner}"
        change = action.rate - previous
        if action.partner == self.adversary:
            return ActionResult(action, True, message), TARIFF_PROVOCATION * change
        if change > 0:  # taxing a friend strains the friendship
            tension = self.model.tension(self.player, action.partner)
            self.model.set_tension(
                self.player, action.partner, tension + FRIEND_TARIFF_TENSION * change
            )
        return ActionResult(action, True, message), 0.0

    def stockpile(self, action: StockpileOrder) -> ActionResult:
        spec = self.model.commodities.get(action.commodity)
        if spec is None:
            return ActionResult(action, False, f"no good '{action.commodity}'")
        source = Source(Origin.PLAYER, "lever")
        if action.tonnes > 0:
            ceiling = stockpile_ceiling(self.model, action.commodity, action.tonnes)
            reason = self.treasury.reserve(ceiling)
            if reason is not None:
                return ActionResult(action, False, f"Stockpile {spec.name}: {reason}")
            order = fx.StockpileBuy(
                type="stockpile_buy",
                nation=self.player,
                commodity=action.commodity,
                tonnes=action.tonnes,
                max_price_multiple=STOCKPILE_PRICE_CAP,
            )
            self.model.apply_effects([order], source)
            placed = f"Order for {action.tonnes:,.0f} t of {spec.name} placed"
            return ActionResult(action, True, placed)
        held = self.model.nations[self.player].stock_of(action.commodity)
        if -action.tonnes > held + 1e-9:
            return ActionResult(
                action, False, f"only {held:,.0f} t of {spec.name} in the stockpile"
            )
        release = fx.StockpileRelease(
            type="stockpile_release",
            nation=self.player,
            commodity=action.commodity,
            tonnes=-action.tonnes,
        )
        self.model.apply_effects([release], source)
        return ActionResult(action, True, f"{-action.tonnes:,.0f} t of {spec.name} released")
