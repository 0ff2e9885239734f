"""The Mesa agents: nations, mines, plants, by-product recoveries and buyers."""

from rare_earth_game.sim.agents.buyer import Buyer
from rare_earth_game.sim.agents.facility import Facility
from rare_earth_game.sim.agents.miner import Miner
from rare_earth_game.sim.agents.nation import Nation
from rare_earth_game.sim.agents.recovery import Recovery
from rare_earth_game.sim.agents.refiner import Refiner

__all__ = ["Buyer", "Facility", "Miner", "Nation", "Recovery", "Refiner"]
