"""Effects in plain words: export controls say what they cover and how licences work."""

from pydantic import TypeAdapter

from rare_earth_game.game.describe import describe
from rare_earth_game.scenario import effects as fx
from rare_earth_game.scenario import load_scenario

EFFECT = TypeAdapter(fx.Effect)


def _words(**control: object) -> str:
    effect = EFFECT.validate_python(
        {"type": "set_export_control", "id": "c", "exporter": "CHN", **control}, strict=False
    )
    return describe(effect, load_scenario("baseline_2025"))


def test_an_export_control_says_what_it_covers_and_how_licences_arrive() -> None:
    text = _words(
        commodities=["dy_oxide", "tb_oxide"],
        kind="licence",
        approval_share=0.45,
        delay_turns=1,
        content_threshold=0.001,
        re_exports=True,
        general_licences=["JPN"],
    )
    assert text == (
        "China export licence on Dy oxide, Tb oxide and goods containing at least 0.1% of "
        "them by value; also other countries' exports of these goods with any content from "
        "China; 45% of requests approved, spread over 3 turns; general licences for Japan."
    )


def test_a_ban_by_any_content_to_one_nation_reads_plainly() -> None:
    text = _words(
        commodities=["dy_oxide"],
        kind="ban",
        destinations=["USA"],
        content_threshold=0.0,
        re_exports=True,
        re_export_threshold=0.25,
    )
    assert text == (
        "China export ban on Dy oxide and any goods containing them, to United States; also "
        "other countries' exports of these goods at least 25% from China by value."
    )
