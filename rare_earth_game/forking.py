"""Work handed to a forked child process, so that a second core does it beside this one.

A fork copies the running program (its imports, its scenario, its game so far) in a few
milliseconds, where a fresh process would spend a second importing before it could start.
It is safe only where the platform supports it (Linux: macOS's system libraries do not
survive a fork, and Windows has none) and while this process runs no other Python thread,
since a lock another thread held at the moment of the fork would never be released in the
child. Elsewhere, or with `RARE_EARTH_GAME_FORK=off`, callers do the work themselves. The
results are the same either way: the child runs the same code on a copy of the same memory.

`InChild` forks when its call is made; a `Standby` forks early, gets ready (imports) on
the second core while this process goes on, and is handed its call when the call is due.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext
from types import TracebackType
from typing import Generic, TypeVar

ENV = "RARE_EARTH_GAME_FORK"
T = TypeVar("T")


def can_fork() -> bool:
    """Whether work may go to a forked child now (see the module's docstring). Not from one
    of those children: they are daemonic, so that they end with this process, and a
    daemonic process may have no children (it does the work itself)."""
    return (
        sys.platform.startswith("linux")
        and os.environ.get(ENV, "").lower() != "off"
        and threading.active_count() == 1
        and not multiprocessing.current_process().daemon
    )


def usable_cores() -> int:
    """The cores this process may run on (its affinity, where the platform has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def fork_context() -> ForkContext:
    return multiprocessing.get_context("fork")


PR_SET_PDEATHSIG = 1
"""Linux's prctl option: a signal the kernel sends a process when its parent dies."""


def prepare_child(parent: int) -> None:
    """In a child, first: Ctrl-C is the parent's to handle (it stops its children), SIGTERM
    ends the child at once instead of running the parent's clean-up as an interrupt, and
    the child ends with its parent, so a parent killed outright (SIGKILL, out of memory)
    leaves no child behind, blocked on a queue nobody reads."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(AttributeError, OSError):  # no prctl: the parent's exit stops it
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(0)


class InChild(Generic[T]):
    """`function(*args)` run in a forked child while the caller goes on, or by `result()`
    itself where forking is not safe. Use as a context manager: leaving the block early (an
    error, Ctrl-C) stops the child."""

    def __init__(
        self, function: Callable[..., T], *args: object, standby: Standby | None = None
    ) -> None:
        """With `standby`, the call goes to that child, ready for it, if it can take it."""
        self._call = partial(function, *args)
        self._process: multiprocessing.process.BaseProcess | None = None
        handed = standby.hand_over(self._call) if standby is not None else None
        if handed is not None:
            self._process, self._answer = handed
        elif can_fork():
            context = fork_context()
            self._answer, sending = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_answer_with, args=(self._call, sending, os.getpid()), daemon=True
            )
            self._process.start()
            sending.close()

    def result(self) -> T:
        """The call's value, or its error raised here."""
        if self._process is None:
            return self._call()
        try:
            succeeded, value = self._answer.recv()
        except EOFError:  # the child died without answering (killed, out of memory)
            return self._call()
        finally:
            self._process.join()
        if succeeded:
            return value  # type: ignore[no-any-return]
        raise value

    def __enter__(self) -> InChild[T]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._process is not None:
            _stop(self._process)


def _answer_with(call: Callable[[], object], sending: Connection, parent: int) -> None:
    prepare_child(parent)
    _answer(call, sending)


def _answer(call: Callable[[], object], sending: Connection) -> None:
    """Make the call and send its value, or its error, to the parent."""
    try:
        answer: tuple[bool, object] = (True, call())
    except Exception as error:  # handed to the parent, which raises it
        answer = (False, error)
    try:
        sending.send(answer)
    except Exception as error:  # an answer that cannot be pickled
        sending.send((False, RuntimeError(f"{type(error).__name__}: {error}")))


class Standby:
    """A forked child that gets ready for a call while this process goes on (imports the
    libraries it needs, loads their caches), then makes the one call `InChild(...,
    standby=...)` hands it: the call's start-up is then done by the time it is wanted.

    The call reaches the child pickled, so it must be a module-level function with
    picklable arguments; one that is not is made by a child forked then, as without a
    standby. Use as a context manager: a child never handed its call ends with the block.
    """

    def __init__(self, get_ready: Callable[[], object]) -> None:
        self._process: multiprocessing.process.BaseProcess | None = None
        if can_fork():
            context = fork_context()
            orders, self._orders = context.Pipe(duplex=False)
            self._answers, answering = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_stand_by,
                args=(get_ready, orders, answering, os.getpid()),
                daemon=True,
            )
            self._process.start()
            orders.close()
            answering.close()

    def hand_over(
        self, call: Callable[[], object]
    ) -> tuple[multiprocessing.process.BaseProcess, Connection] | None:
        """Send the child its call: its process and the end its answer will come from, or
        None if there is no child or the call cannot be sent."""
        process, self._process = self._process, None  # one call only
        if process is None:
            return None
        try:
            self._orders.send(call)
        except Exception:  # a call that cannot be pickled, or a child that has died
            _stop(process)
            return None
        finally:
            self._orders.close()
        return process, self._answers

    def __enter__(self) -> Standby:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._process is not None:  # never handed a call
            self._orders.close()
            self._answers.close()
            _stop(self._process)
            self._process = None


def _stop(process: multiprocessing.process.BaseProcess) -> None:
    if process.is_alive():
        process.terminate()
    process.join()


def _stand_by(
    get_ready: Callable[[], object], orders: Connection, answering: Connection, parent: int
) -> None:
    prepare_child(parent)
    with contextlib.suppress(Exception):  # getting ready only saves time: the call decides
        get_ready()
    try:
        call = orders.recv()
    except Exception:  # the parent went on without it (or sent what will not unpickle
        return  # here): it makes the call itself when no answer comes
    _answer(call, answering)
