"""The engine imports Mesa without its spaces and experimental modules (and the scipy they
pull in: issue 12, half a second of every start), and Mesa stays whole for code that
uses them; Mesa's loggers get the names Mesa gives them, without reading every frame's
source. Checked in a fresh Python, where nothing has imported Mesa yet."""

import inspect
import logging
import sys

from helpers.fresh_python import in_fresh_python


def _engine_without_spaces() -> None:
    from rare_earth_game.sim.model import RareEarthModel

    assert RareEarthModel
    loaded = set(sys.modules)
    assert not any(name.split(".")[0] == "scipy" for name in loaded)
    assert "mesa.experimental.continuous_space" not in loaded
    assert "mesa.discrete_space.grid" not in loaded


def _mesa_whole_when_asked() -> None:
    from rare_earth_game.sim.model import RareEarthModel

    assert RareEarthModel
    import mesa
    import mesa.discrete_space.cell
    from mesa.discrete_space import OrthogonalMooreGrid

    assert OrthogonalMooreGrid.__name__ == "OrthogonalMooreGrid"
    assert mesa.discrete_space.cell.Cell.__name__ == "Cell"
    assert mesa.space.MultiGrid.__name__ == "MultiGrid"
    assert mesa.experimental.continuous_space.ContinuousSpace.__name__ == "ContinuousSpace"
    model = mesa.Model(rng=1)
    grid = mesa.space.MultiGrid(3, 3, torus=False)
    agent = mesa.Agent(model)
    grid.place_agent(agent, (1, 1))
    assert grid.get_cell_list_contents([(1, 1)]) == [agent]


def test_the_engine_imports_no_mesa_space_and_no_scipy() -> None:
    in_fresh_python(_engine_without_spaces)


def test_mesa_spaces_load_whole_when_code_uses_them() -> None:
    in_fresh_python(_mesa_whole_when_asked)


def _mesa_logging_as_mesa_names_it() -> None:
    from rare_earth_game.sim.model import RareEarthModel

    assert RareEarthModel
    import mesa

    assert mesa.mesa_logging.inspect is inspect  # the stand-in was only for the import
    assert set(mesa.mesa_logging._module_loggers) == {"mesa.mesa_logging", "mesa.model"}
    assert mesa.model._mesa_logger.name == "MESA.mesa.model"
    messages: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: messages.append(record.getMessage())  # type: ignore[method-assign]
    mesa.mesa_logging.get_rootlogger().addHandler(handler)
    mesa.Model(rng=1)
    assert messages == ["calling Model.__init__ with () and {'rng': 1}"]


def test_mesa_loggers_have_the_names_mesa_gives_them() -> None:
    in_fresh_python(_mesa_logging_as_mesa_names_it)
