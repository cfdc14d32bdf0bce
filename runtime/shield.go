package runtime

// Shield is asyncio.shield of a task: a future that completes as inner does (with
// its result, its error, or cancelled when inner is cancelled), but whose own
// cancellation does not reach inner: a task cancelled while it awaits the shield
// gets a Cancelled error, and inner runs on. It returns nil when inner has finished
// already: asyncio then returns inner itself.
//
// It is built as asyncio builds it: inner's done-callback completes the shield (one
// iteration after inner ends), and the shield's done-callback drops inner's when
// the shield is cancelled first. Once dropped, inner's error is no longer looked at
// by the shield: nobody has retrieved it.
func Shield(inner *Task) *Future { return shield(inner.sched, inner) }

// ShieldFuture is Shield of a future: nil when inner is done already.
func ShieldFuture(inner *Future) *Future { return shield(inner.sched, inner) }

func shield(s *Scheduler, inner Awaitable) *Future {
	if inner.Done() {
		return nil
	}
	outer := NewFuture(s)
	dropped := false
	inner.onDone("shield.<locals>._inner_done_callback()", func() {
		switch {
		case dropped:
		case outer.Cancelled():
			if !inner.Cancelled() {
				inner.Result() // retrieved: the shield looked at it
			}
		case inner.Cancelled():
			outer.Cancel("")
		default:
			if result, err := inner.Result(); err != nil {
				outer.SetError(err)
			} else {
				outer.SetResult(result)
			}
		}
	})
	outer.AddDoneCallback(func(*Future) {
		if !inner.Done() {
			dropped = true
		}
	})
	return outer
}
