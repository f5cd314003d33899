"""Fair shares: a unit at once when free, else to the tenant that has held the least lately."""

from __future__ import annotations

import select
import threading

import pytest

from alpaco.services.executor.scheduler import (
    HALF_LIFE_S,
    FairShare,
    Ticket,
    max_concurrent,
    usable_cores,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def readable(ticket: Ticket) -> bool:
    return select.select([ticket.fileno()], [], [], 0)[0] == [ticket.fileno()]


def test_a_free_unit_is_granted_at_once_and_wakes_the_ticket() -> None:
    share = FairShare(1)
    ticket = Ticket("alice")

    share.request(ticket)

    assert readable(ticket)
    assert share.take(ticket)
    assert not share.take(ticket)


def test_a_waiting_ticket_is_woken_when_a_unit_comes_back() -> None:
    share = FairShare(1)
    holder, waiter = Ticket("alice"), Ticket("bob")
    share.request(holder)
    assert share.take(holder)

    share.request(waiter)
    assert not share.take(waiter)
    assert not readable(waiter)
    share.release(holder)

    assert readable(waiter)
    assert share.take(waiter)


def test_the_tenant_that_held_least_lately_goes_first() -> None:
    clock = Clock()
    share = FairShare(1, clock)
    heavy, light, holder = Ticket("heavy"), Ticket("light"), Ticket("heavy")
    share.request(heavy)
    assert share.take(heavy)
    clock.now += 5.0  # heavy holds the core for 5 s
    share.request(holder)  # heavy queues first...
    share.request(light)  # ...light second
    share.release(heavy)

    assert share.take(light)
    assert not share.take(holder)


def test_ties_go_to_the_earliest_waiter() -> None:
    share = FairShare(1)
    first, second, third = Ticket("a"), Ticket("b"), Ticket("c")
    share.request(first)
    assert share.take(first)
    share.request(second)
    share.request(third)

    share.release(first)

    assert share.take(second)
    assert not share.take(third)


def test_releasing_with_again_keeps_the_unit_when_we_are_the_fairest() -> None:
    clock = Clock()
    share = FairShare(1, clock)
    student, others = Ticket("student"), Ticket("sleeper")
    share.request(others)
    assert share.take(others)
    clock.now += 1.0  # the sleeper's case held the core for a second
    share.request(student)
    share.release(others, again=True)  # the sleeper wants it again, but has used more
    assert share.take(student)
    clock.now += 0.001

    share.release(student, again=True)  # one short case done, more to run

    assert share.take(student)
    assert not share.take(others)


def test_past_use_decays_by_half_every_half_life() -> None:
    clock = Clock()
    share = FairShare(1, clock)
    ticket = Ticket("alice")
    share.request(ticket)
    assert share.take(ticket)
    clock.now += 4.0
    share.release(ticket)

    clock.now += HALF_LIFE_S

    assert share.usage("alice") == pytest.approx(2.0)
    assert share.usage("nobody") == 0.0


def test_cancel_returns_a_granted_unit_nobody_took() -> None:
    share = FairShare(1)
    holder, waiter, next_waiter = Ticket("a"), Ticket("b"), Ticket("c")
    share.request(holder)
    assert share.take(holder)
    share.request(waiter)
    share.request(next_waiter)
    share.release(holder)  # granted to waiter, who never takes it

    share.cancel(waiter)

    assert share.take(next_waiter)


def test_acquire_blocks_until_a_unit_is_released_and_gives_up_at_its_timeout() -> None:
    share = FairShare(1)
    holder, late, patient = Ticket("a"), Ticket("b"), Ticket("c")
    assert share.acquire(holder, 1.0)

    assert not share.acquire(late, 0.05)

    got: list[bool] = []
    thread = threading.Thread(target=lambda: got.append(share.acquire(patient, 5.0)))
    thread.start()
    share.release(holder)
    thread.join(5)
    assert got == [True]


@pytest.mark.parametrize(("raw", "expected"), [("3", 3), ("", None), ("zero", None), ("0", None)])
def test_max_concurrent_defaults_to_eight_per_core(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: int | None
) -> None:
    monkeypatch.setenv("ALPACO_EXECUTOR_MAX_CONCURRENT", raw)

    assert max_concurrent() == (expected or 8 * usable_cores())
