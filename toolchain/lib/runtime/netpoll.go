// Package internal/poll's runtime side: the network poller, over Linux's
// epoll (docs/goroutines.md, "I/O").
//
// internal/poll puts a descriptor it can wait on (a socket, a pipe) in the
// poller and makes it non-blocking; a read or write that would block then
// parks the goroutine in pollWait until epoll reports the descriptor ready,
// its deadline passes or it is closed. Descriptors are watched
// edge-triggered for both directions from pollOpen to pollClose, as gc's
// are; epoll's data word is the descriptor's index in pollDescs (no
// pointer the collector cannot see), internal/poll's context the
// descriptor's address (pollDescs keeps it alive until pollClose). A
// system goroutine, netpollLoop, runs while some goroutine waits: it takes
// epoll's events without blocking, and when there are none parks in
// rt-core's rgo_netpoll_block, which the scheduler wakes when the epoll
// descriptor is readable (and sleeps on when nothing else can run, so
// waiting for I/O is no deadlock).
//
// Each direction of a descriptor has a semaphore its waiter parks on. A
// readiness that finds nobody waiting is kept (ready) for the next wait,
// which then returns at once and lets internal/poll retry the call, as
// gc's pdReady. With several processors a descriptor's fields change
// under its own lock, not the runtime's: reads, writes and deadlines of
// different connections never meet.

package runtime

import "unsafe"

// pollDesc is one descriptor in the poller.
type pollDesc struct {
	fd    uintptr
	index int
	// lock guards the fields below.
	lock    spinLock
	closing bool
	// Per direction: a goroutine waits on the semaphore (or is about to),
	// or a readiness came that nobody waited for.
	rsema, wsema     uint32
	rwaiting, wwaiting bool
	rready, wready   bool
	// Deadlines: 0 none, -1 passed, else the monotonic time it passes at;
	// rseq and wseq tell a deadline timer of an earlier deadline to do
	// nothing.
	rd, wd     int64
	rseq, wseq uintptr
	rt, wt     timer
}

// The poller's state.
var (
	epfd = -1
	// pollDescs holds the descriptors in the poller by index; freeDescs
	// the indexes free for reuse (both under lockRuntime).
	pollDescs []*pollDesc
	freeDescs []int
	// ioWaiters counts the goroutines parked in pollWait (atomic); the
	// poller goroutine waits for events only while it is not 0.
	ioWaiters int32
	// netpollIdle is the semaphore the poller goroutine waits on while no
	// goroutine waits for I/O; netpollParked is 1 while it waits there (or
	// is about to), and whoever turns it to 0 releases the semaphore.
	netpollIdle   uint32
	netpollParked uint32
)

// The results pollWait and pollReset return (internal/poll's).
const (
	pollNoError        = 0
	pollErrClosing     = 1
	pollErrTimeout     = 2
	pollErrNotPollable = 3
)

// epoll's event bits and operations.
const (
	epollIn      = 0x1
	epollOut     = 0x4
	epollErr     = 0x8
	epollHup     = 0x10
	epollRdHup   = 0x2000
	epollET      = 1 << 31
	epollCtlAdd  = 1
	epollCtlDel  = 2
	epollCloexec = 0x80000
)

// parkIO parks the poller goroutine until the epoll descriptor is readable.
//
//rgo:runtime rgo_netpoll_block
func parkIO(fd int32)

//go:linkname poll_runtime_Semacquire internal/poll.runtime_Semacquire
//rgo:runtime rgo_semacquire
func poll_runtime_Semacquire(s *uint32)

//go:linkname poll_runtime_Semrelease internal/poll.runtime_Semrelease
func poll_runtime_Semrelease(s *uint32) {
	semrelease(s, false, 0)
}

//rgo:runtime rgo_semacquire
func semacquire(s *uint32)

// semacquireIO is semacquire for a descriptor's readiness: the goroutine
// waits as `IO wait`, as in gc's goroutine dumps and traces.
//
//rgo:runtime rgo_semacquire_io
func semacquireIO(s *uint32)

// semrelease increments *s or hands it to a waiter; skip: the frames
// of the caller's stack a mutex profile record leaves out (the wrappers
// between the mutex's Unlock and here).
//
//rgo:runtime rgo_semrelease
func semrelease(s *uint32, handoff bool, skip int)

// nanotime is the monotonic clock in nanoseconds (internal/poll's
// runtimeNano).
//
//rgo:runtime rgo_nanotime
func nanotime() int64

//go:linkname poll_runtime_pollServerInit internal/poll.runtime_pollServerInit
func poll_runtime_pollServerInit() {
	args := [6]uintptr{epollCloexec}
	fd, errno := rawSyscall(sysEpollCreate1, &args)
	if errno != 0 {
		throw("runtime: netpollinit failed")
	}
	epfd = int(fd)
	goSystem(netpollLoop)
}

//go:linkname poll_runtime_isPollServerDescriptor internal/poll.runtime_isPollServerDescriptor
func poll_runtime_isPollServerDescriptor(fd uintptr) bool {
	return epfd >= 0 && fd == uintptr(epfd)
}

// epollCtl adds fd to the poller (data: its index) or deletes it; returns
// the error number.
func epollCtl(op int, fd uintptr, index int) uintptr {
	var ev [2]uint64 // room for either layout, aligned
	p := unsafe.Pointer(&ev[0])
	*(*uint32)(p) = epollIn | epollOut | epollRdHup | epollET
	*(*uint64)(unsafe.Add(p, epollEventDataOff)) = uint64(index)
	args := [6]uintptr{uintptr(epfd), uintptr(op), fd, uintptr(p)}
	_, errno := rawSyscall(sysEpollCtl, &args)
	return errno
}

//go:linkname poll_runtime_pollOpen internal/poll.runtime_pollOpen
func poll_runtime_pollOpen(fd uintptr) (uintptr, int) {
	pd := &pollDesc{fd: fd}
	lockRuntime()
	defer unlockRuntime()
	var index int
	if n := len(freeDescs); n > 0 {
		index = freeDescs[n-1]
		freeDescs = freeDescs[:n-1]
	} else {
		index = len(pollDescs)
		pollDescs = append(pollDescs, nil)
	}
	pd.index = index
	if errno := epollCtl(epollCtlAdd, fd, index); errno != 0 {
		freeDescs = append(freeDescs, index)
		return 0, int(errno)
	}
	pollDescs[index] = pd
	return uintptr(unsafe.Pointer(pd)), 0
}

// descOf is the descriptor of internal/poll's context ctx.
func descOf(ctx uintptr) *pollDesc {
	return (*pollDesc)(unsafe.Pointer(ctx))
}

//go:linkname poll_runtime_pollClose internal/poll.runtime_pollClose
func poll_runtime_pollClose(ctx uintptr) {
	pd := descOf(ctx)
	pd.lock.lock()
	if !pd.closing {
		throw("runtime: close polldesc w/o unblock")
	}
	setDeadline(pd, 0, 'r'+'w')
	pd.lock.unlock()
	lockRuntime()
	epollCtl(epollCtlDel, pd.fd, pd.index)
	pollDescs[pd.index] = nil
	freeDescs = append(freeDescs, pd.index)
	unlockRuntime()
}

// result is what a wait on pd in mode finds: closing, a passed deadline,
// or nothing in the way (under pd.lock).
func result(pd *pollDesc, mode int) int {
	if pd.closing {
		return pollErrClosing
	}
	if (mode == 'r' && pd.rd < 0) || (mode == 'w' && pd.wd < 0) {
		return pollErrTimeout
	}
	return pollNoError
}

//go:linkname poll_runtime_pollReset internal/poll.runtime_pollReset
func poll_runtime_pollReset(ctx uintptr, mode int) int {
	pd := descOf(ctx)
	pd.lock.lock()
	r := result(pd, mode)
	pd.lock.unlock()
	return r
}

//go:linkname poll_runtime_pollWait internal/poll.runtime_pollWait
func poll_runtime_pollWait(ctx uintptr, mode int) int {
	pd := descOf(ctx)
	pd.lock.lock()
	if r := result(pd, mode); r != pollNoError {
		pd.lock.unlock()
		return r
	}
	// A readiness nobody waited for: internal/poll retries its call.
	if mode == 'r' && pd.rready {
		pd.rready = false
		pd.lock.unlock()
		return pollNoError
	}
	if mode == 'w' && pd.wready {
		pd.wready = false
		pd.lock.unlock()
		return pollNoError
	}
	sema := &pd.rsema
	if mode == 'w' {
		sema = &pd.wsema
		pd.wwaiting = true
	} else {
		pd.rwaiting = true
	}
	pd.lock.unlock()
	addInt32(&ioWaiters, 1)
	if casUint32(&netpollParked, 1, 0) {
		semrelease(&netpollIdle, false, 0)
	}
	semacquireIO(sema)
	addInt32(&ioWaiters, -1)
	pd.lock.lock()
	r := result(pd, mode)
	pd.lock.unlock()
	return r
}

//go:linkname poll_runtime_pollWaitCanceled internal/poll.runtime_pollWaitCanceled
func poll_runtime_pollWaitCanceled(ctx uintptr, mode int) {}

// wake wakes the waiter of pd's direction mode ('r', 'w' or both), or
// keeps the readiness for the next wait (under pd.lock).
func wake(pd *pollDesc, mode int) {
	if mode == 'r' || mode == 'r'+'w' {
		if pd.rwaiting {
			pd.rwaiting = false
			semrelease(&pd.rsema, false, 0)
		} else {
			pd.rready = true
		}
	}
	if mode == 'w' || mode == 'r'+'w' {
		if pd.wwaiting {
			pd.wwaiting = false
			semrelease(&pd.wsema, false, 0)
		} else {
			pd.wready = true
		}
	}
}

//go:linkname poll_runtime_pollSetDeadline internal/poll.runtime_pollSetDeadline
func poll_runtime_pollSetDeadline(ctx uintptr, d int64, mode int) {
	pd := descOf(ctx)
	// From a duration to a time on the monotonic clock (-1: passed).
	if d > 0 {
		d += nanotime()
		if d <= 0 {
			d = 1<<63 - 1
		}
	}
	pd.lock.lock()
	if !pd.closing {
		setDeadline(pd, d, mode)
	}
	pd.lock.unlock()
}

// setDeadline sets pd's deadlines of mode to d (0 none, -1 passed, else a
// monotonic time), arms or stops their timers, and wakes the waiters of
// a deadline that has passed (under pd.lock).
func setDeadline(pd *pollDesc, d int64, mode int) {
	if mode == 'r' || mode == 'r'+'w' {
		pd.rd = d
		pd.rseq++
		arm(pd, &pd.rt, d, pd.rseq, netpollReadDeadline)
	}
	if mode == 'w' || mode == 'r'+'w' {
		pd.wd = d
		pd.wseq++
		arm(pd, &pd.wt, d, pd.wseq, netpollWriteDeadline)
	}
	if d < 0 {
		wake(pd, mode)
	}
}

// arm points deadline timer t at d, or stops it when d is none or passed.
// The timer's fields change under lockRuntime, as runTimers reads them.
func arm(pd *pollDesc, t *timer, d int64, seq uintptr, f func(any, uintptr)) {
	if t.f != nil {
		deltimer(t)
	}
	if d <= 0 {
		return
	}
	startTimers()
	lockRuntime()
	t.f = f
	t.arg = pd
	t.seq = seq
	t.when = d
	t.period = 0
	addtimer(t)
	unlockRuntime()
}

// netpollReadDeadline and netpollWriteDeadline run on the timer goroutine
// when a deadline passes (seq: the deadline's, if it is still the one set).
func netpollReadDeadline(arg any, seq uintptr) {
	deadlinePassed(arg.(*pollDesc), 'r', seq)
}

func netpollWriteDeadline(arg any, seq uintptr) {
	deadlinePassed(arg.(*pollDesc), 'w', seq)
}

// deadlinePassed marks pd's deadline of mode ('r' or 'w') passed and wakes
// its waiter, unless the deadline was set again since (seq) or pd closes.
func deadlinePassed(pd *pollDesc, mode int, seq uintptr) {
	pd.lock.lock()
	if !pd.closing {
		if mode == 'r' && seq == pd.rseq {
			pd.rd = -1
			wake(pd, mode)
		} else if mode == 'w' && seq == pd.wseq {
			pd.wd = -1
			wake(pd, mode)
		}
	}
	pd.lock.unlock()
}

//go:linkname poll_runtime_pollUnblock internal/poll.runtime_pollUnblock
func poll_runtime_pollUnblock(ctx uintptr) {
	pd := descOf(ctx)
	pd.lock.lock()
	if pd.closing {
		throw("runtime: unblock on closing polldesc")
	}
	pd.closing = true
	pd.rseq++
	pd.wseq++
	wake(pd, 'r'+'w')
	pd.lock.unlock()
}

// netpollLoop is the poller goroutine: while goroutines wait for I/O, it
// hands epoll's events to them. It is a system goroutine (not counted by
// NumGoroutine, not listed in a deadlock report).
func netpollLoop() {
	// 64 events, 8-byte aligned (amd64's are 12 bytes each, packed).
	var events [64 * epollEventSize / 8]uint64
	var ready [64]*pollDesc
	var modes [64]int
	for {
		if loadInt32(&ioWaiters) == 0 {
			// Nobody waits: park until a waiter turns netpollParked to 0
			// (and releases the semaphore). A waiter that came before the
			// flag was up is seen by the second look.
			storeUint32(&netpollParked, 1)
			if loadInt32(&ioWaiters) == 0 || !casUint32(&netpollParked, 1, 0) {
				semacquire(&netpollIdle)
				continue
			}
		}
		args := [6]uintptr{uintptr(epfd), uintptr(unsafe.Pointer(&events[0])), 64, 0}
		n, errno := rawSyscall(sysEpollPwait, &args)
		if errno != 0 || n == 0 {
			// Nothing yet (or interrupted): wait until the descriptor is
			// readable.
			parkIO(int32(epfd))
			continue
		}
		// The events' descriptors (pollOpen may be growing pollDescs),
		// then each woken under its own lock.
		k := 0
		lockRuntime()
		for i := 0; i < int(n); i++ {
			ev := unsafe.Add(unsafe.Pointer(&events[0]), i*epollEventSize)
			bits := *(*uint32)(ev)
			index := int(*(*uint64)(unsafe.Add(ev, epollEventDataOff)))
			if index >= len(pollDescs) || pollDescs[index] == nil {
				continue // closed since
			}
			mode := 0
			if bits&(epollIn|epollRdHup|epollHup|epollErr) != 0 {
				mode += 'r'
			}
			if bits&(epollOut|epollHup|epollErr) != 0 {
				mode += 'w'
			}
			if mode != 0 {
				ready[k], modes[k] = pollDescs[index], mode
				k++
			}
		}
		unlockRuntime()
		for i := 0; i < k; i++ {
			pd := ready[i]
			pd.lock.lock()
			wake(pd, modes[i])
			pd.lock.unlock()
			ready[i] = nil
		}
	}
}

// throw ends the program with "fatal error: msg"; it cannot be recovered.
//
//rgo:runtime rgo_throw
func throw(msg string)
