// What GOROOT's package time takes from the runtime by //go:linkname
// (Sleep, now, startTimer, stopTimer, resetTimer, modTimer), over rt-core's
// clocks and timer heap. rt-core keeps the pending timers and, when one
// fires, hands it to the timer goroutine below, which calls its f.

package runtime

// timer is package time's runtimeTimer, field for field (Go 1.19). rt-core
// reads pp (its place in the heap plus one, 0 while not pending), when and
// period; nextwhen and status are gc's and unused.
type timer struct {
	pp       uintptr
	when     int64
	period   int64
	f        func(any, uintptr)
	arg      any
	seq      uintptr
	nextwhen int64
	status   uint32
}

// sleep parks the calling goroutine for ns nanoseconds.
//
//rgo:runtime rgo_sleep
func sleep(ns int64)

// walltime is the wall clock as seconds and nanoseconds since 1970.
//
//rgo:runtime rgo_walltime
func walltime() (sec int64, nsec int64)

//rgo:runtime rgo_timer_add
func addtimer(t *timer)

//rgo:runtime rgo_timer_del
func deltimer(t *timer) bool

//rgo:runtime rgo_timer_mod
func modtimer(t *timer, when int64, period int64) bool

// nextTimer waits until a timer has fired and returns it.
//
//rgo:runtime rgo_timer_next
func nextTimer() *timer

//go:linkname timeSleep time.Sleep
func timeSleep(ns int64) {
	sleep(ns)
}

//go:linkname time_now time.now
func time_now() (sec int64, nsec int32, mono int64) {
	s, n := walltime()
	return s, int32(n), nanotime()
}

// timersStarted: 1 once the timer goroutine exists.
var timersStarted uint32

// startTimers starts the timer goroutine before the first timer is armed.
func startTimers() {
	if loadUint32(&timersStarted) == 0 && casUint32(&timersStarted, 0, 1) {
		goSystem(runTimers)
	}
}

// runTimers is the goroutine that calls each fired timer's f, one after
// another, as gc's runtime does from its scheduler: f must not block
// (time's sendTime sends without waiting; goFunc starts a goroutine). It
// is not counted by NumGoroutine.
func runTimers() {
	for {
		t := nextTimer()
		// modTimer may be changing the fields on another thread.
		lockRuntime()
		f, arg, seq := t.f, t.arg, t.seq
		unlockRuntime()
		f(arg, seq)
	}
}

//go:linkname startTimer time.startTimer
func startTimer(t *timer) {
	startTimers()
	addtimer(t)
}

//go:linkname stopTimer time.stopTimer
func stopTimer(t *timer) bool {
	return deltimer(t)
}

//go:linkname resetTimer time.resetTimer
func resetTimer(t *timer, when int64) bool {
	startTimers()
	return modtimer(t, when, t.period)
}

//go:linkname modTimer time.modTimer
func modTimer(t *timer, when, period int64, f func(any, uintptr), arg any, seq uintptr) {
	startTimers()
	lockRuntime()
	t.f = f
	t.arg = arg
	t.seq = seq
	modtimer(t, when, period)
	unlockRuntime()
}
