"""The game: a player's session against AI nations, scored and explained turn by turn."""

from rare_earth_game.game.actions import Action, ActionOption, FundCard, SetTariff, StockpileOrder
from rare_earth_game.game.saves import SaveError
from rare_earth_game.game.session import GameOverError, GameSession, GameSetupError

__all__ = [
    "Action",
    "ActionOption",
    "FundCard",
    "GameOverError",
    "GameSession",
    "GameSetupError",
    "SaveError",
    "SetTariff",
    "StockpileOrder",
]
