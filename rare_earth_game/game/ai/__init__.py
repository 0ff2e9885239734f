"""Computer-run nations: an opponent with goals, and allies with interests of their own."""

from rare_earth_game.game.ai.decision import Answer, Decision
from rare_earth_game.game.ai.memory import PlayerMove
from rare_earth_game.game.ai.nations import AINations

__all__ = ["AINations", "Answer", "Decision", "PlayerMove"]
