package runtime

import (
	"errors"
	"fmt"
	"sort"
	"testing"
)

func newBarrier(tb testing.TB, parties int) *Barrier {
	tb.Helper()
	b, err := NewBarrier(parties)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// spawnN spawns n tasks running body.
func (sc *scenario) spawnN(n int, body func(t *Task)) []*Task {
	var ts []*Task
	for i := 0; i < n; i++ {
		ts = append(ts, sc.spawn(body))
	}
	return ts
}

// checkBarrierAtRest checks what every CPython barrier test checks at its end.
func checkBarrierAtRest(t *testing.T, b *Barrier, broken bool) {
	t.Helper()
	if b.NWaiting() != 0 || b.Broken() != broken || b.State() == "resetting" {
		t.Errorf("barrier ends as %v (n_waiting %d), want broken=%v", b, b.NWaiting(), broken)
	}
}

// test_repr: the forms of each state.
func TestBarrierString(t *testing.T) {
	sc := newScenario()
	b := newBarrier(t, 5)
	var ts []*Task
	err := sc.run(t, func(m *Task) {
		wait := func(t *Task) { b.Wait(t) }
		sc.logf("%v", b)
		ts = append(ts, sc.spawnN(2, wait)...)
		m.Sleep(0)
		sc.logf("%v", b)
		ts = append(ts, sc.spawnN(3, wait)...)
		m.Sleep(0)
		sc.logf("%v", b)
		ts = append(ts, sc.spawnN(2, wait)...)
		m.Sleep(0)
		b.Reset(m)
		sc.logf("%v", b)
		ts = append(ts, sc.spawnN(2, wait)...)
		m.Sleep(0)
		b.Abort(m)
		sc.logf("%v broken=%v", b, b.Broken())
		m.Gather(ts)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 <Barrier [filling, waiters:0/5]>",
		"0 <Barrier [filling, waiters:2/5]>",
		"0 <Barrier [draining, waiters:0/5]>",
		"0 <Barrier [resetting, waiters:0/5]>",
		"0 <Barrier [broken]> broken=true")
}

// test_barrier_parties.
func TestBarrierPartiesMustBePositive(t *testing.T) {
	for _, n := range []int{0, -4} {
		if _, err := NewBarrier(n); err == nil || err.Error() != fmt.Sprintf("parties must be >= 1, got %d", n) {
			t.Errorf("NewBarrier(%d): %v", n, err)
		}
	}
	if b := newBarrier(t, 5); b.Parties() != 5 {
		t.Errorf("parties %d", b.Parties())
	}
}

// test_filling_one_task and test_filling_one_task_twice: a barrier of one party
// trips at once, without yielding (rule 3), and again for the next call.
func TestBarrierOfOnePartyDoesNotYield(t *testing.T) {
	sc := newScenario()
	b := newBarrier(t, 1)
	err := sc.run(t, func(m *Task) {
		sc.spawn(func(t *Task) { sc.logf("other ran") })
		i, err := b.Wait(m)
		j, err2 := b.Wait(m)
		sc.logf("%d %v %d %v %v", i, err, j, err2, b)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 0 <nil> 0 <nil> <Barrier [filling, waiters:0/1]>", "0 other ran")
	checkBarrierAtRest(t, b, false)
}

// test_filling_task_by_task: n_waiting counts the arrivals; the indices follow the
// order of arrival; the last to arrive goes on first.
func TestBarrierFillingTaskByTask(t *testing.T) {
	sc := newScenario()
	b := newBarrier(t, 3)
	err := sc.run(t, func(m *Task) {
		var ts []*Task
		for i := 0; i < 3; i++ {
			ts = append(ts, sc.spawn(func(t *Task) {
				i, err := b.Wait(t)
				sc.logf("%s: %d %v", t.Name(), i, err)
			}))
			m.Sleep(0)
			sc.logf("n_waiting %d, %v", b.NWaiting(), b)
		}
		m.Gather(ts)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 n_waiting 1, <Barrier [filling, waiters:1/3]>",
		"0 n_waiting 2, <Barrier [filling, waiters:2/3]>",
		"0 Task-4: 2 <nil>",
		"0 n_waiting 0, <Barrier [draining, waiters:0/3]>",
		"0 Task-2: 0 <nil>",
		"0 Task-3: 1 <nil>")
	checkBarrierAtRest(t, b, false)
}

// test_filling_tasks_wait_twice and test_filling_tasks_check_return_value: each
// round gives every index once.
func TestBarrierTwoRoundsGiveEachIndexOnce(t *testing.T) {
	sc := newScenario()
	const n = 5
	b := newBarrier(t, n)
	var rounds [2][]int
	err := sc.run(t, func(m *Task) {
		m.Gather(sc.spawnN(n, func(t *Task) {
			for r := range rounds {
				i, err := b.Wait(t)
				if err != nil {
					sc.logf("%s: %v", t.Name(), err)
				}
				rounds[r] = append(rounds[r], i)
			}
		}))
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t)
	for r, got := range rounds {
		sort.Ints(got)
		if fmt.Sprint(got) != "[0 1 2 3 4]" {
			t.Errorf("round %d indices %v", r, got)
		}
	}
	checkBarrierAtRest(t, b, false)
}

// test_draining_state: the barrier drains until the last party has left.
func TestBarrierDrainsUntilTheLastPartyLeft(t *testing.T) {
	sc := newScenario()
	b := newBarrier(t, 3)
	err := sc.run(t, func(m *Task) {
		m.Gather(sc.spawnN(3, func(t *Task) {
			b.Wait(t)
			sc.logf("%s left: %v", t.Name(), b)
		}))
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 Task-4 left: <Barrier [draining, waiters:0/3]>",
		"0 Task-2 left: <Barrier [draining, waiters:0/3]>",
		"0 Task-3 left: <Barrier [filling, waiters:0/3]>")
}

// The contract: a party arriving while the previous round drains waits for the next round
// (test_blocking_tasks_while_draining, and a smaller case whose order we check).
func TestBarrierPartyArrivingWhileDrainingWaitsForNextRound(t *testing.T) {
	t.Run("order", func(t *testing.T) {
		sc := newScenario()
		b := newBarrier(t, 2)
		err := sc.run(t, func(m *Task) {
			m.Gather(sc.spawnN(2, func(t *Task) {
				for r := 1; r <= 2; r++ {
					i, err := b.Wait(t)
					sc.logf("%s round %d: %d %v; %v", t.Name(), r, i, err, b)
				}
			}))
		})
		if err != nil {
			t.Fatal(err)
		}
		sc.expectLog(t,
			"0 Task-3 round 1: 1 <nil>; <Barrier [draining, waiters:0/2]>",
			"0 Task-2 round 1: 0 <nil>; <Barrier [filling, waiters:0/2]>",
			"0 Task-3 round 2: 1 <nil>; <Barrier [draining, waiters:0/2]>",
			"0 Task-2 round 2: 0 <nil>; <Barrier [filling, waiters:0/2]>")
	})
	t.Run("CPython", func(t *testing.T) {
		sc := newScenario()
		const n, rewait = 5, 2
		b := newBarrier(t, n)
		noWaiting := newBarrier(t, n-rewait)
		rewaitN := rewait
		err := sc.run(t, func(m *Task) {
			m.Gather(sc.spawnN(n, func(t *Task) {
				b.Wait(t)
				if rewaitN > 0 {
					rewaitN--
					b.Wait(t)
				} else {
					noWaiting.Wait(t)
					b.Wait(t)
				}
			}))
		})
		if err != nil {
			t.Fatal(err)
		}
		checkBarrierAtRest(t, b, false)
	})
}

// test_filling_tasks_cancel_one: a party cancelled while the barrier fills leaves it,
// and the others keep waiting for another party; the barrier is not broken. The next
// party to arrive takes the cancelled one's index: CPython 3.13 gives t2 and t3 the
// index 1 and t4 the 2, and prints what this test expects.
func TestBarrierCancelledPartyLeavesTheOthersWaiting(t *testing.T) {
	sc := newScenario()
	b := newBarrier(t, 3)
	results := 0
	err := sc.run(t, func(m *Task) {
		party := func(t *Task) (any, error) {
			i, err := b.Wait(t)
			sc.logf("%s: %d %v; %v", t.Name(), i, err, b)
			if err == nil {
				results++
			}
			return nil, err
		}
		t1 := sc.Spawn(party)
		m.Sleep(0)
		sc.logf("n_waiting %d", b.NWaiting())
		t2 := sc.Spawn(party)
		m.Sleep(0)
		sc.logf("n_waiting %d", b.NWaiting())
		t1.Cancel("")
		m.Sleep(0)
		sc.logf("n_waiting %d", b.NWaiting())
		_, err := t1.Result()
		sc.logf("t1: %v, cancelled %v", err, t1.Cancelled())
		t3 := sc.Spawn(party)
		m.Sleep(0)
		sc.logf("n_waiting %d", b.NWaiting())
		t4 := sc.Spawn(party)
		m.Gather([]*Task{t2, t3, t4})
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 n_waiting 1",
		"0 n_waiting 2",
		"0 Task-2: 0 Cancelled; <Barrier [filling, waiters:1/3]>",
		"0 n_waiting 1",
		"0 t1: Cancelled, cancelled true",
		"0 n_waiting 2",
		"0 Task-5: 2 <nil>; <Barrier [draining, waiters:0/3]>",
		"0 Task-3: 1 <nil>; <Barrier [draining, waiters:0/3]>",
		"0 Task-4: 1 <nil>; <Barrier [filling, waiters:0/3]>")
	if results != 3 {
		t.Errorf("%d parties went on, want 3", results)
	}
	checkBarrierAtRest(t, b, false)
}

// A party cancelled while the barrier fills still counts until it has run: a party
// arriving before that trips the barrier, the cancelled one gets Cancelled, and the
// others go on. CPython 3.13 prints the same order and states.
func TestBarrierCancelledPartyCountsUntilItRuns(t *testing.T) {
	sc := newScenario()
	b := newBarrier(t, 3)
	err := sc.run(t, func(m *Task) {
		party := func(t *Task) {
			i, err := b.Wait(t)
			sc.logf("%s: %d %v; %v", t.Name(), i, err, b)
		}
		a, c := sc.spawn(party), sc.spawn(party)
		m.Sleep(0)
		a.Cancel("")
		i, err := b.Wait(m)
		sc.logf("main: %d %v; %v", i, err, b)
		m.Join(c)
		sc.logf("%v", b)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 main: 2 <nil>; <Barrier [draining, waiters:0/3]>",
		"0 Task-2: 0 Cancelled; <Barrier [draining, waiters:0/3]>",
		"0 Task-3: 1 <nil>; <Barrier [filling, waiters:0/3]>",
		"0 <Barrier [filling, waiters:0/3]>")
	checkBarrierAtRest(t, b, false)
}

// Cancellation at the other waiting points: a released party cancelled before it
// ran gets Cancelled (as in asyncio) and still leaves, so the barrier fills again; a
// party blocked while the barrier drains leaves without having counted.
func TestBarrierCancelledWhileReleasedOrBlocked(t *testing.T) {
	sc := newScenario()
	b := newBarrier(t, 2)
	err := sc.run(t, func(m *Task) {
		released := sc.spawn(func(t *Task) {
			i, err := b.Wait(t)
			sc.logf("released party: %d %v", i, err)
		})
		m.Sleep(0)
		i, _ := b.Wait(m) // trips
		released.Cancel("too late")
		sc.logf("main: %d, %v", i, b)
		m.Join(released)
		sc.logf("%v", b)

		first := sc.spawn(func(t *Task) { b.Wait(t) })
		again := sc.spawn(func(t *Task) {
			b.Wait(t) // trips
			_, err := b.Wait(t)
			sc.logf("blocked party: %v", err)
		})
		m.Sleep(0)
		sc.logf("%v", b)
		again.Cancel("while blocked")
		m.Join(first)
		m.Join(again)
		sc.logf("%v", b)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 main: 1, <Barrier [draining, waiters:0/2]>",
		"0 released party: 0 Cancelled: too late",
		"0 <Barrier [filling, waiters:0/2]>",
		"0 <Barrier [draining, waiters:0/2]>",
		"0 blocked party: Cancelled: while blocked",
		"0 <Barrier [filling, waiters:0/2]>")
}

// test_reset_barrier and test_reset_barrier_while_tasks_waiting: reset with nobody
// inside fills again at once; the parties inside fail with BrokenBarrier and the
// barrier fills again once they have left.
func TestBarrierReset(t *testing.T) {
	sc := newScenario()
	const n = 5
	b := newBarrier(t, n)
	broken := 0
	err := sc.run(t, func(m *Task) {
		b.Reset(m)
		sc.logf("%v", b)
		ts := sc.spawnN(n-1, func(t *Task) {
			if _, err := b.Wait(t); errors.Is(err, ErrBrokenBarrier) {
				broken++
				sc.logf("%s: %v", t.Name(), err)
			}
		})
		m.Sleep(0)
		b.Reset(m)
		sc.logf("%v", b)
		m.Gather(ts)
		sc.logf("%v", b)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 <Barrier [filling, waiters:0/5]>",
		"0 <Barrier [resetting, waiters:0/5]>",
		"0 Task-2: BrokenBarrier: the barrier was reset",
		"0 Task-3: BrokenBarrier: the barrier was reset",
		"0 Task-4: BrokenBarrier: the barrier was reset",
		"0 Task-5: BrokenBarrier: the barrier was reset",
		"0 <Barrier [filling, waiters:0/5]>")
	checkBarrierAtRest(t, b, false)
}

// test_reset_barrier_when_tasks_half_draining: parties released but not yet run when
// the barrier is reset fail with BrokenBarrier, as in asyncio.
func TestBarrierResetWhileHalfDrained(t *testing.T) {
	sc := newScenario()
	const n = 5
	b := newBarrier(t, n)
	restOfTasks := n / 2
	var got []string
	err := sc.run(t, func(m *Task) {
		m.Gather(sc.spawnN(n, func(t *Task) {
			if _, err := b.Wait(t); err != nil {
				got = append(got, t.Name()+": "+err.Error())
			} else if b.count == restOfTasks {
				b.Reset(t)
			}
		}))
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[Task-4: BrokenBarrier: the barrier was reset Task-5: BrokenBarrier: the barrier was reset]" {
		t.Errorf("got %v", got)
	}
	checkBarrierAtRest(t, b, false)
}

// test_reset_barrier_when_tasks_half_draining_half_blocking.
func TestBarrierResetWhileHalfDrainedHalfBlocked(t *testing.T) {
	sc := newScenario()
	const n = 5
	b := newBarrier(t, n)
	blockingTasks := n / 2
	count, results1, results2 := 0, 0, 0
	err := sc.run(t, func(m *Task) {
		m.Gather(sc.spawnN(n, func(t *Task) {
			if _, err := b.Wait(t); err != nil {
				results1++ // released but not run when reset
				b.Wait(t)
				return
			}
			count++
			if count > blockingTasks {
				b.Reset(t)
				b.Wait(t)
			} else if _, err := b.Wait(t); err != nil {
				results2++ // blocked while draining: not broken by the reset
			}
		}))
	})
	if err != nil {
		t.Fatal(err)
	}
	if results1 != blockingTasks || results2 != 0 {
		t.Errorf("results1 %d, results2 %d", results1, results2)
	}
	checkBarrierAtRest(t, b, false)
}

// test_reset_barrier_while_tasks_waiting_and_waiting_again.
func TestBarrierResetThenWaitAgain(t *testing.T) {
	sc := newScenario()
	const n = 5
	b := newBarrier(t, n)
	results1, results2 := 0, 0
	err := sc.run(t, func(m *Task) {
		ts := sc.spawnN(n-1, func(t *Task) {
			if _, err := b.Wait(t); errors.Is(err, ErrBrokenBarrier) {
				results1++
			}
			b.Wait(t)
			results2++
		})
		m.Sleep(0)
		sc.spawn(func(t *Task) { b.Reset(t) })
		m.Sleep(0)
		sc.spawn(func(t *Task) { b.Wait(t); results2++ })
		m.Gather(ts)
	})
	if err != nil {
		t.Fatal(err)
	}
	if results1 != n-1 || results2 != n {
		t.Errorf("results1 %d, results2 %d", results1, results2)
	}
	checkBarrierAtRest(t, b, false)
}

// test_reset_barrier_while_tasks_draining: reset by the last party out, when nobody
// is inside any more, just fills the barrier again.
func TestBarrierResetByLastPartyOut(t *testing.T) {
	sc := newScenario()
	const n = 5
	b := newBarrier(t, n)
	count, results1, results2, results3 := 0, 0, 0, 0
	err := sc.run(t, func(m *Task) {
		m.Gather(sc.spawnN(n, func(t *Task) {
			b.Wait(t)
			count++
			if count == n {
				b.Reset(t)
				b.Wait(t)
			} else if _, err := b.Wait(t); err == nil {
				results1++
			} else {
				results2++
			}
			if _, err := b.Wait(t); err == nil {
				results3++
			}
		}))
	})
	if err != nil {
		t.Fatal(err)
	}
	if results1 != n-1 || results2 != 0 || results3 != n {
		t.Errorf("results %d %d %d", results1, results2, results3)
	}
	checkBarrierAtRest(t, b, false)
}

// test_abort_barrier: abort breaks the barrier; arriving parties fail at once
// without yielding; reset mends it.
func TestBarrierAbort(t *testing.T) {
	sc := newScenario()
	b := newBarrier(t, 2)
	err := sc.run(t, func(m *Task) {
		w := sc.spawn(func(t *Task) { _, err := b.Wait(t); sc.logf("waiting party: %v", err) })
		m.Sleep(0)
		b.Abort(m)
		sc.logf("%v n_waiting %d", b, b.NWaiting())
		_, err := b.Wait(m)
		sc.logf("arriving party: %v", err)
		m.Join(w)
		b.Reset(m)
		sc.logf("%v broken=%v", b, b.Broken())
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 <Barrier [broken]> n_waiting 0",
		"0 arriving party: BrokenBarrier: the barrier is broken",
		"0 waiting party: BrokenBarrier: the barrier is broken",
		"0 <Barrier [filling, waiters:0/2]> broken=false")
}

// test_abort_barrier_when_tasks_half_draining_half_blocking: released parties not yet
// run and parties blocked while it drains all fail when it is aborted.
func TestBarrierAbortWhileHalfDrainedHalfBlocked(t *testing.T) {
	sc := newScenario()
	const n = 5
	b := newBarrier(t, n)
	blockingTasks := n / 2
	count, results1, results2 := 0, 0, 0
	err := sc.run(t, func(m *Task) {
		m.Gather(sc.spawnN(n, func(t *Task) {
			if _, err := b.Wait(t); errors.Is(err, ErrBrokenBarrier) {
				results1++
				return
			}
			count++
			if count > blockingTasks {
				b.Abort(t)
			} else if _, err := b.Wait(t); errors.Is(err, ErrBrokenBarrier) {
				results2++
			}
		}))
	})
	if err != nil {
		t.Fatal(err)
	}
	if results1 != blockingTasks || results2 != n-blockingTasks-1 {
		t.Errorf("results1 %d, results2 %d", results1, results2)
	}
	checkBarrierAtRest(t, b, true)
}

// test_abort_barrier_when_exception and
// test_abort_barrier_when_exception_then_resetting.
func TestBarrierAbortOnErrorThenReset(t *testing.T) {
	sc := newScenario()
	const n = 5
	b1, b2 := newBarrier(t, n), newBarrier(t, n)
	results1, results2, results3 := 0, 0, 0
	err := sc.run(t, func(m *Task) {
		m.Gather(sc.spawnN(n, func(t *Task) {
			i, err := b1.Wait(t)
			switch {
			case i == n/2 && err == nil:
				b1.Abort(t) // the party failed
			case err == nil:
				if _, err := b1.Wait(t); err == nil {
					results1++
				} else if errors.Is(err, ErrBrokenBarrier) {
					results2++
				}
			case errors.Is(err, ErrBrokenBarrier):
				results2++
			}
			// Everyone has left b1 before it is reset, and nobody enters it before.
			if i, _ := b2.Wait(t); i == n/2 {
				b1.Reset(t)
			}
			b2.Wait(t)
			if _, err := b1.Wait(t); err == nil {
				results3++
			}
		}))
	})
	if err != nil {
		t.Fatal(err)
	}
	if results1 != 0 || results2 != n-1 || results3 != n {
		t.Errorf("results %d %d %d", results1, results2, results3)
	}
	checkBarrierAtRest(t, b1, false)
}

func TestBarrierDeadlockReport(t *testing.T) {
	sc := newScenario()
	b := newBarrier(t, 3)
	err := sc.run(t, func(m *Task) {
		sc.spawn(func(t *Task) { b.Wait(t) })
		b.Wait(m)
	})
	dl, ok := err.(*DeadlockError)
	if !ok {
		t.Fatalf("Run returned %v, want a deadlock", err)
	}
	want := "deadlock: 2 tasks are waiting and nothing can wake them\n" +
		"  Task-1 waiting on Barrier.wait <Barrier [filling, waiters:2/3]>\n" +
		"  Task-2 waiting on Barrier.wait <Barrier [filling, waiters:2/3]>"
	if dl.Error() != want {
		t.Errorf("report:\n%s\nwant:\n%s", dl.Error(), want)
	}
}
