"""Allow `python -m rare_earth_game`."""

from rare_earth_game.entry import main

main()
