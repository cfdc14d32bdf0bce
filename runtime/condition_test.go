package runtime

import (
	"errors"
	"testing"
)

// CPython's ConditionTests.test_wait: notified waiters re-acquire the lock one by one,
// queueing behind its holder, and return holding it.
func TestConditionWaitReacquiresLock(t *testing.T) {
	sc := newScenario()
	c := NewCondition(nil)
	err := sc.run(t, func(m *Task) {
		for i := 1; i <= 3; i++ {
			sc.spawn(func(t *Task) {
				c.Acquire(t)
				sc.logf("%s wait: %v", t.Name(), c.Wait(t))
			})
		}
		m.Sleep(0)
		sc.logf("all waiting: %v", c)
		c.Acquire(m)
		c.Notify(1)
		m.Sleep(0)
		sc.logf("notified, lock still held: %v", c)
		c.Release()
		m.Sleep(0)
		c.Notify(2)
		m.Sleep(0)
		sc.logf("two notified, Task-2 holds the lock: %v, holder %s", c, c.Holder().Name())
		c.Release()
		m.Sleep(0)
		c.Release()
		m.Sleep(0)
		sc.logf("%v", c)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 all waiting: <Condition [unlocked, waiters:3]>",
		"0 notified, lock still held: <Condition [locked, waiters:2]>",
		"0 Task-2 wait: <nil>",
		"0 two notified, Task-2 holds the lock: <Condition [locked]>, holder Task-2",
		"0 Task-3 wait: <nil>",
		"0 Task-4 wait: <nil>",
		"0 <Condition [locked]>")
}

// Rule 2: a notified waiter joins the back of the ready queue.
func TestConditionNotifiedWaiterJoinsBackOfReadyQueue(t *testing.T) {
	sc := newScenario()
	c := NewCondition(nil)
	err := sc.run(t, func(m *Task) {
		sc.spawn(func(t *Task) {
			c.Acquire(t)
			c.Wait(t)
			sc.logf("waiter woke")
			c.Release()
		})
		m.Sleep(0)
		sc.spawn(func(t *Task) { sc.logf("Task-3 ran") })
		c.Acquire(m)
		c.Notify(1)
		c.Release()
		sc.logf("main goes on")
		m.Sleep(0)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 main goes on", "0 Task-3 ran", "0 waiter woke")
}

// test_wait_cancel: a waiter cancelled while waiting for a notify re-acquires the lock
// before the error reaches it, and leaves no waiter behind. With an explicit message
// (test_cancelled_error_wakeup) the message is kept.
func TestConditionWaitCancelledReacquiresLock(t *testing.T) {
	sc := newScenario()
	c := NewCondition(nil)
	err := sc.run(t, func(m *Task) {
		w := sc.spawn(func(t *Task) {
			c.Acquire(t)
			err := c.Wait(t)
			sc.logf("wait: %v; %v held by %s", err, c, c.Holder().Name())
			c.Release()
		})
		m.Sleep(0)
		w.Cancel("foo")
		m.Join(w)
		sc.logf("%v", c)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t, "0 wait: Cancelled: foo; <Condition [locked]> held by Task-2", "0 <Condition [unlocked]>")
}

// test_wait_cancel_contested, test_wait_cancel_after_notify and
// test_cancelled_error_re_aquire: a cancellation that arrives while a notified waiter
// re-acquires the lock does not skip the re-acquire: the error reaches the waiter
// only once it holds the lock again, after the holder released it.
func TestConditionCancelledWhileReacquiring(t *testing.T) {
	for _, c := range []struct {
		name string
		// cancelAfterNotify cancels before the notified waiter has run; otherwise it
		// is cancelled once parked on the lock.
		cancelAfterNotify bool
	}{
		{"cancelled before it ran", true},
		{"cancelled while parked on the lock", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := newScenario()
			cond := NewCondition(nil)
			err := sc.run(t, func(m *Task) {
				w := sc.spawn(func(t *Task) {
					cond.Acquire(t)
					_, err := cond.WaitFor(t, func() (any, bool, error) { return nil, false, nil })
					sc.logf("wait_for: %v; locked by %s", err, cond.Holder().Name())
					cond.Release()
				})
				m.Sleep(0)
				cond.Acquire(m)
				cond.Notify(1)
				if !c.cancelAfterNotify {
					m.Sleep(0)
					sc.logf("waiter parked on the lock: %v", cond.Lock())
				}
				w.Cancel("foo")
				m.Sleep(0)
				sc.logf("still waiting for the lock: %v, %v", w.State(), cond.Lock())
				cond.Release()
				m.Join(w)
				sc.logf("%v", cond)
			})
			if err != nil {
				t.Fatal(err)
			}
			want := []string{
				"0 still waiting for the lock: waiting, <Lock [locked, waiters:1]>",
				"0 wait_for: Cancelled: foo; locked by Task-2",
				"0 <Condition [unlocked]>",
			}
			if !c.cancelAfterNotify {
				want = append([]string{"0 waiter parked on the lock: <Lock [locked, waiters:1]>"}, want...)
			}
			sc.expectLog(t, want...)
		})
	}
}

func TestConditionMisuse(t *testing.T) {
	sc := newScenario()
	c := NewCondition(nil)
	err := sc.run(t, func(m *Task) {
		sc.logf("wait: %v", c.Wait(m))
		sc.logf("notify: %v", c.Notify(1))
		sc.logf("notify_all: %v", c.NotifyAll())
		sc.logf("release: %v", c.Release())
		_, err := c.WaitFor(m, func() (any, bool, error) { return nil, false, nil })
		sc.logf("wait_for: %v", err)
		// test_wait_for_unacquired: a predicate true at once needs no lock.
		v, err := c.WaitFor(m, func() (any, bool, error) { return []int{1, 2, 3}, true, nil })
		sc.logf("wait_for true at once: %v %v", v, err)
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 wait: cannot wait on un-acquired lock",
		"0 notify: cannot notify on un-acquired lock",
		"0 notify_all: cannot notify on un-acquired lock",
		"0 release: lock is not acquired",
		"0 wait_for: cannot wait on un-acquired lock",
		"0 wait_for true at once: [1 2 3] <nil>")
	if !errors.Is(NewCondition(nil).Notify(1), ErrNotifyUnacquired) {
		t.Error("want ErrNotifyUnacquired")
	}
}

// test_wait_for: the predicate is checked at once and after each notify, with the
// lock held; its value is returned. An error from the predicate ends the wait, with
// the lock held.
func TestConditionWaitFor(t *testing.T) {
	sc := newScenario()
	c := NewCondition(nil)
	ready := 0
	boom := errors.New("boom")
	err := sc.run(t, func(m *Task) {
		sc.spawn(func(t *Task) {
			c.Acquire(t)
			v, err := c.WaitFor(t, func() (any, bool, error) {
				sc.logf("predicate: ready=%d, locked=%v", ready, c.Locked())
				return ready * 10, ready > 0, nil
			})
			sc.logf("wait_for: %v %v", v, err)
			c.Release()
		})
		sc.spawn(func(t *Task) {
			c.Acquire(t)
			_, err := c.WaitFor(t, func() (any, bool, error) { return nil, ready > 1, boom })
			sc.logf("failing predicate: %v, locked %v", err, c.Locked())
			c.Release()
		})
		m.Sleep(0)
		for _, r := range []int{0, 2} {
			c.Acquire(m)
			ready = r
			c.Notify(1)
			c.Release()
			m.Sleep(0)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 predicate: ready=0, locked=true",
		"0 failing predicate: boom, locked true",
		"0 predicate: ready=0, locked=true",
		"0 predicate: ready=2, locked=true",
		"0 wait_for: 20 <nil>")
}

// test_notify and test_notify_all: notify(n) wakes at most n waiters, longest
// waiting first; notify with nobody waiting does nothing.
func TestConditionNotifyCounts(t *testing.T) {
	for _, c := range []struct {
		name   string
		notify func(c *Condition)
		want   []string
	}{
		{"notify(1) twice", func(c *Condition) { c.Notify(1); c.Notify(1) },
			[]string{"0 Task-2 woke", "0 Task-3 woke", "0 left waiting: 2"}},
		{"notify(2048)", func(c *Condition) { c.Notify(2048) },
			[]string{"0 Task-2 woke", "0 Task-3 woke", "0 Task-4 woke", "0 Task-5 woke", "0 left waiting: 0"}},
		{"notify(0) and notify(-1)", func(c *Condition) { c.Notify(0); c.Notify(-1) },
			[]string{"0 left waiting: 4"}},
		{"notify_all", func(c *Condition) { c.NotifyAll() },
			[]string{"0 Task-2 woke", "0 Task-3 woke", "0 Task-4 woke", "0 Task-5 woke", "0 left waiting: 0"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := newScenario()
			cond := NewCondition(nil)
			var waiters []*Task
			err := sc.run(t, func(m *Task) {
				for i := 0; i < 4; i++ {
					waiters = append(waiters, sc.spawn(func(t *Task) {
						cond.Acquire(t)
						if cond.Wait(t) == nil {
							sc.logf("%s woke", t.Name())
						}
						cond.Release()
					}))
				}
				m.Sleep(0)
				cond.Acquire(m)
				c.notify(cond)
				cond.Release()
				m.Sleep(0)
				sc.logf("left waiting: %d", cond.Waiters())
				for _, w := range waiters {
					w.Cancel("")
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			sc.expectLog(t, c.want...)
		})
	}
}

// test_cancelled_wakeup and test_cancelled_wakeup_relock: a waiter notified and then
// cancelled passes its notification to the next waiter, whether it was cancelled
// before it ran or while it re-acquired the lock. No wake-up is lost.
func TestConditionCancelledWaiterPassesNotificationOn(t *testing.T) {
	for _, relock := range []bool{false, true} {
		name := "cancelled before it ran"
		if relock {
			name = "cancelled while re-acquiring"
		}
		t.Run(name, func(t *testing.T) {
			sc := newScenario()
			c := NewCondition(nil)
			state := 0
			err := sc.run(t, func(m *Task) {
				var consumers []*Task
				for i := 0; i < 2; i++ {
					consumers = append(consumers, sc.spawn(func(t *Task) {
						c.Acquire(t)
						defer c.Release()
						for {
							_, err := c.WaitFor(t, func() (any, bool, error) { return nil, state != 0, nil })
							if err != nil {
								sc.logf("%s: %v", t.Name(), err)
								return
							}
							if state < 0 {
								return
							}
							state--
							sc.logf("%s consumed", t.Name())
						}
					}))
				}
				m.Sleep(0)
				c.Acquire(m)
				state++
				c.Notify(1)
				if relock {
					m.Sleep(0) // Task-2 runs and parks on the lock
				}
				consumers[0].Cancel("")
				// asyncio's test waits for state == 0 with a timeout: cancel main's
				// wait after a second.
				sc.AfterFunc(seconds(1), func() { m.Cancel("timeout") })
				_, err := c.WaitFor(m, func() (any, bool, error) { return nil, state == 0, nil })
				sc.logf("main wait_for: %v, state %d", err, state)
				state = -1
				c.NotifyAll()
				c.Release()
				m.Join(consumers[1])
			})
			if err != nil {
				t.Fatal(err)
			}
			sc.expectLog(t,
				"0 Task-2: Cancelled",
				"0 Task-3 consumed",
				"1 main wait_for: Cancelled: timeout, state 0")
		})
	}
}

// test_explicit_lock: a Condition over a given Lock shares its state with it.
func TestConditionOverExplicitLock(t *testing.T) {
	sc := newScenario()
	l := NewLock()
	c := NewCondition(l)
	err := sc.run(t, func(m *Task) {
		if c.Lock() != l {
			t.Error("Lock() is not the lock given")
		}
		l.Acquire(m)
		sc.logf("lock acquired: %v %v", c, c.Locked())
		c.Release()
		c.Acquire(m)
		sc.logf("condition acquired: %v %v", l, l.Locked())
		sc.spawn(func(t *Task) {
			l.Acquire(t)
			c.Notify(1)
			l.Release()
		})
		sc.logf("wait: %v, %v", c.Wait(m), l)
		l.Release()
	})
	if err != nil {
		t.Fatal(err)
	}
	sc.expectLog(t,
		"0 lock acquired: <Condition [locked]> true",
		"0 condition acquired: <Lock [locked]> true",
		"0 wait: <nil>, <Lock [locked]>")
}

// A task waiting to re-acquire the lock shows in the deadlock report like a Lock
// waiter, with the holder; one waiting for a notify shows no holder.
func TestConditionDeadlockReport(t *testing.T) {
	sc := newScenario()
	c := NewCondition(nil)
	e := NewEvent()
	err := sc.run(t, func(m *Task) {
		for i := 0; i < 2; i++ {
			sc.spawn(func(t *Task) { c.Acquire(t); c.Wait(t); c.Release() })
		}
		sc.spawn(func(t *Task) { t.Sleep(seconds(1)); c.Acquire(t) })
		m.Sleep(0)
		c.Acquire(m)
		c.Notify(1)
		e.Wait(m)
	})
	dl, ok := err.(*DeadlockError)
	if !ok {
		t.Fatalf("Run returned %v, want a deadlock", err)
	}
	want := "deadlock: 4 tasks are waiting and nothing can wake them\n" +
		"  Task-1 waiting on Event.wait <Event [unset, waiters:1]>\n" +
		"  Task-2 waiting on Condition.wait <Condition [locked, waiters:1]>, held by Task-1\n" +
		"  Task-3 waiting on Condition.wait <Condition [locked, waiters:1]>\n" +
		"  Task-4 waiting on Condition.acquire <Condition [locked, waiters:1]>, held by Task-1"
	if dl.Error() != want {
		t.Errorf("report:\n%s\nwant:\n%s", dl.Error(), want)
	}
}

// When the run is torn down, Wait returns ErrKilled at once, from either waiting
// point, without re-acquiring the lock.
func TestConditionWaitKilled(t *testing.T) {
	sc := newScenario()
	c := NewCondition(nil)
	e := NewEvent()
	var errs []error
	err := sc.run(t, func(m *Task) {
		for i := 0; i < 2; i++ {
			sc.spawn(func(t *Task) {
				c.Acquire(t)
				errs = append(errs, c.Wait(t))
			})
		}
		m.Sleep(0)
		c.Acquire(m)
		c.Notify(1)
		m.Sleep(0) // Task-2 parks on the lock; Task-3 still waits for a notify
		e.Wait(m)
	})
	if _, ok := err.(*DeadlockError); !ok {
		t.Fatalf("Run returned %v, want a deadlock", err)
	}
	if len(errs) != 2 || errs[0] != ErrKilled || errs[1] != ErrKilled {
		t.Errorf("waits returned %v, want ErrKilled twice", errs)
	}
	if c.Holder() == nil || c.Holder().Name() != "Task-1" {
		t.Errorf("the lock moved: %v", c.Holder())
	}
}
