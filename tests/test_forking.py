"""Work handed to a forked child (issue 12): its value or its error comes back as if the
call had been made here, and the call is made here when the child dies, when forking is
switched off, or when the block is left early. Each check runs in a fresh Python, whose
only thread is its main one (see `helpers/fresh_python.py`)."""

import contextlib
import multiprocessing
import os
import sys
import time

import pytest
from helpers.fresh_python import in_fresh_python

from rare_earth_game.forking import ENV, InChild, can_fork

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")


def _dies_in_a_child(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(3)
    return "made here"


def _value_comes_back() -> None:
    assert can_fork()
    with InChild(os.getpid) as call:
        assert call.result() != os.getpid()
    with InChild(pow, 2, 10) as call:
        assert call.result() == 1024


def _error_comes_back() -> None:
    with InChild(int, "ten") as call, pytest.raises(ValueError, match="'ten'"):
        call.result()


def _dead_child_leaves_the_call_here() -> None:
    assert can_fork()
    with InChild(_dies_in_a_child, os.getpid()) as call:
        assert call.result() == "made here"


def _switched_off() -> None:
    os.environ[ENV] = "off"
    with InChild(os.getpid) as call:
        assert call.result() == os.getpid()


def _left_early() -> None:
    with contextlib.suppress(KeyboardInterrupt), InChild(time.sleep, 60):
        assert multiprocessing.active_children()
        raise KeyboardInterrupt  # Ctrl-C while the child works
    assert multiprocessing.active_children() == []


def test_a_value_comes_back_from_the_child() -> None:
    in_fresh_python(_value_comes_back)


def test_an_error_in_the_child_is_raised_here_with_its_type_and_message() -> None:
    in_fresh_python(_error_comes_back)


def test_a_child_that_dies_leaves_the_call_to_this_process() -> None:
    in_fresh_python(_dead_child_leaves_the_call_here)


def test_switched_off_the_call_is_made_here() -> None:
    in_fresh_python(_switched_off)


def test_leaving_the_block_early_stops_the_child() -> None:
    in_fresh_python(_left_early)
