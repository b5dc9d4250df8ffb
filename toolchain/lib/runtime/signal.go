// What os/signal takes from the runtime by //go:linkname: the signals a
// program asks for, queued by rt-core (sigqueue) for os/signal's goroutine.

package runtime

//go:linkname signal_enable os/signal.signal_enable
//rgo:runtime rgo_signal_enable
func signal_enable(sig uint32)

//go:linkname signal_disable os/signal.signal_disable
//rgo:runtime rgo_signal_disable
func signal_disable(sig uint32)

//go:linkname signal_ignore os/signal.signal_ignore
//rgo:runtime rgo_signal_ignore
func signal_ignore(sig uint32)

//go:linkname signal_ignored os/signal.signal_ignored
//rgo:runtime rgo_signal_ignored
func signal_ignored(sig uint32) bool

//go:linkname signal_recv os/signal.signal_recv
//rgo:runtime rgo_signal_recv
func signal_recv() uint32

// signalIdle reports whether every signal that arrived was delivered.
//
//rgo:runtime rgo_signal_idle
func signalIdle() bool

// gosched yields (Gosched, which the compiler lowers where other packages
// call it).
//
//rgo:runtime rgo_gosched
func gosched()

//go:linkname signalWaitUntilIdle os/signal.signalWaitUntilIdle
func signalWaitUntilIdle() {
	for !signalIdle() {
		gosched()
	}
}
