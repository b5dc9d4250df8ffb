package time

import "errors"

// Fields are addressed as &(*p).f rather than &p.f throughout: rgo's escape
// analysis works by name and would move the pointer variable p itself to the
// heap for &p.f, costing an allocation per call on the fast paths.

// runtimeTimer is the timer record the runtime keeps in its heap. The
// runtime starts a goroutine running f when the monotonic clock reaches
// when and, if period > 0, re-arms the timer period later. idx is the
// runtime's bookkeeping: -1 while the timer is not in the heap.
type runtimeTimer struct {
	when   int64
	period int64
	f      func()
	idx    int
}

// sleep parks the calling goroutine for ns nanoseconds.
//
//rgo:runtime rgo_sleep
func sleep(ns int64)

// addTimer puts t into the runtime's timer heap.
//
//rgo:runtime rgo_timer_add
func addTimer(t *runtimeTimer)

// delTimer takes t out of the heap and reports whether it was pending.
//
//rgo:runtime rgo_timer_del
func delTimer(t *runtimeTimer) bool

// modTimer sets t's when and period, (re)inserting it into the heap, and
// reports whether it was pending before.
//
//rgo:runtime rgo_timer_mod
func modTimer(t *runtimeTimer, when int64, period int64) bool

// Sleep pauses the current goroutine for at least d. A negative or zero d
// returns at once.
func Sleep(d Duration) {
	sleep(int64(d))
}

// when returns the monotonic instant d from now, saturating on overflow.
func when(d Duration) int64 {
	now := nanotime()
	if d <= 0 {
		return now
	}
	t := now + int64(d)
	if t < 0 {
		t = 1<<63 - 1
	}
	return t
}

// sendTimeOn returns the timer function of NewTimer and NewTicker: it sends
// the current time on c unless c's one slot is full, so a slow reader
// misses ticks instead of blocking the timer.
func sendTimeOn(c chan Time) func() {
	return func() {
		select {
		case c <- Now():
		default:
		}
	}
}

// A Timer sends the current time on C once its duration has elapsed, unless
// it is stopped first. A Timer made by AfterFunc calls its function instead
// and has a nil C.
type Timer struct {
	C <-chan Time
	r runtimeTimer
}

// NewTimer returns a Timer that sends the time on its channel after at
// least d.
func NewTimer(d Duration) *Timer {
	c := make(chan Time, 1)
	t := &Timer{C: c}
	t.r = runtimeTimer{when: when(d), f: sendTimeOn(c), idx: -1}
	addTimer(&(*t).r)
	return t
}

// Stop prevents t from firing and reports whether it did so (false: the
// timer had already fired or been stopped). It does not drain t.C.
func (t *Timer) Stop() bool {
	if t.r.f == nil {
		panic("time: Stop called on uninitialized Timer")
	}
	return delTimer(&(*t).r)
}

// Reset makes t fire after d from now and reports whether it was still
// pending. As with Go, a Timer with a channel should be stopped and
// drained before Reset.
func (t *Timer) Reset(d Duration) bool {
	if t.r.f == nil {
		panic("time: Reset called on uninitialized Timer")
	}
	return modTimer(&(*t).r, when(d), t.r.period)
}

// After waits for d and then sends the current time on the returned
// channel; NewTimer(d).C.
func After(d Duration) <-chan Time {
	return NewTimer(d).C
}

// AfterFunc calls f in its own goroutine after d and returns a Timer whose
// Stop cancels the call.
func AfterFunc(d Duration, f func()) *Timer {
	t := &Timer{}
	t.r = runtimeTimer{when: when(d), f: f, idx: -1}
	addTimer(&(*t).r)
	return t
}

// A Ticker sends the time on C every period. It drops ticks for readers
// that fall behind.
type Ticker struct {
	C <-chan Time
	r runtimeTimer
}

// NewTicker returns a Ticker that sends the time on its channel every d.
// d must be positive.
func NewTicker(d Duration) *Ticker {
	if d <= 0 {
		panic(errors.New("non-positive interval for NewTicker"))
	}
	c := make(chan Time, 1)
	t := &Ticker{C: c}
	t.r = runtimeTimer{when: when(d), period: int64(d), f: sendTimeOn(c), idx: -1}
	addTimer(&(*t).r)
	return t
}

// Stop turns off t; no more ticks are sent. It does not close t.C.
func (t *Ticker) Stop() {
	if t.r.f == nil {
		// A zero Ticker was never started.
		return
	}
	delTimer(&(*t).r)
}

// Reset stops t and restarts it with period d, the next tick d from now.
func (t *Ticker) Reset(d Duration) {
	if d <= 0 {
		panic("non-positive interval for Ticker.Reset")
	}
	if t.r.f == nil {
		panic("time: Reset called on uninitialized Ticker")
	}
	modTimer(&(*t).r, when(d), int64(d))
}

// Tick returns NewTicker(d).C, or nil if d <= 0. The Ticker cannot be
// stopped.
func Tick(d Duration) <-chan Time {
	if d <= 0 {
		return nil
	}
	return NewTicker(d).C
}
