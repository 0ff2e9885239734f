"""Work handed to a forked child (issue 12): its value or its error comes back as if the
call had been made here, and the call is made here when the child dies, when forking is
switched off, or when the block is left early; a parent killed outright takes its child
with it. A child standing by makes the call it is handed once it is ready, and a call it
cannot take is made as if there were none. Each check runs in a fresh Python, whose
only thread is its main one (see `helpers/fresh_python.py`)."""

import contextlib
import functools
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers.fresh_python import fresh_python, in_fresh_python

from rare_earth_game.forking import ENV, InChild, Standby, can_fork

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


def _say_pid_and_sleep() -> None:
    print(os.getpid(), flush=True)
    time.sleep(60)


def _parent_of_a_sleeping_child() -> None:
    with InChild(_say_pid_and_sleep):
        time.sleep(60)


def _get_ready() -> None:
    os.environ["READY_IN"] = str(os.getpid())


def _standby_calls_once_ready() -> None:
    assert can_fork()
    with Standby(_get_ready) as standby:
        with InChild(os.getenv, "READY_IN", standby=standby) as call:
            ready_in = call.result()
        with InChild(os.getpid, standby=standby) as second:  # one call only: forked afresh
            assert second.result() != os.getpid()
    assert ready_in is not None
    assert int(ready_in) != os.getpid()
    assert multiprocessing.active_children() == []


def _standby_error_comes_back() -> None:
    with Standby(_get_ready) as standby:
        call = InChild(int, "ten", standby=standby)
        with call, pytest.raises(ValueError, match="'ten'"):
            call.result()


def _unpicklable_call_forked_afresh() -> None:
    with Standby(_get_ready) as standby:
        add = functools.partial(functools.reduce, lambda a, b: a + b)  # no pickling a lambda
        with InChild(add, [1, 2, 3], standby=standby) as call:
            assert call.result() == 6
    assert multiprocessing.active_children() == []


def _dead_standby_leaves_the_call_to_a_new_child() -> None:
    with Standby(functools.partial(os._exit, 3)) as standby:
        deadline = time.monotonic() + 10
        while multiprocessing.active_children() and time.monotonic() < deadline:
            time.sleep(0.05)
        with InChild(pow, 2, 10, standby=standby) as call:
            assert call.result() == 1024


def _unused_standby_ends_with_its_block() -> None:
    with Standby(_get_ready):
        assert multiprocessing.active_children()
    assert multiprocessing.active_children() == []


def _standby_switched_off() -> None:
    os.environ[ENV] = "off"
    with Standby(_get_ready) as standby, InChild(os.getpid, standby=standby) as call:
        assert call.result() == os.getpid()
    assert "READY_IN" not in os.environ


def _running(pid: int) -> bool:
    """Whether a process runs (a zombie nobody has reaped yet has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def test_a_parent_killed_outright_leaves_no_child_behind() -> None:
    with subprocess.Popen(
        **fresh_python(_parent_of_a_sleeping_child), stdout=subprocess.PIPE
    ) as parent:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert _running(child)
        parent.kill()
    deadline = time.monotonic() + 10
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child)


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


def test_a_child_standing_by_gets_ready_then_makes_the_call() -> None:
    in_fresh_python(_standby_calls_once_ready)


def test_an_error_in_the_standing_child_is_raised_here() -> None:
    in_fresh_python(_standby_error_comes_back)


def test_a_call_that_cannot_be_sent_is_made_by_a_new_child() -> None:
    in_fresh_python(_unpicklable_call_forked_afresh)


def test_a_standing_child_that_died_leaves_the_call_to_a_new_child() -> None:
    in_fresh_python(_dead_standby_leaves_the_call_to_a_new_child)


def test_a_standing_child_never_handed_a_call_ends_with_its_block() -> None:
    in_fresh_python(_unused_standby_ends_with_its_block)


def test_switched_off_nothing_stands_by_and_the_call_is_made_here() -> None:
    in_fresh_python(_standby_switched_off)
