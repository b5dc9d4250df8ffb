// Package internal/poll's runtime side: the network poller, over Linux's
// epoll, for goroutines that share one thread (docs/goroutines.md, "I/O").
//
// internal/poll puts a descriptor it can wait on (a socket, a pipe) in the
// poller and makes it non-blocking; a read or write that would block then
// parks the goroutine in pollWait until epoll reports the descriptor ready,
// its deadline passes or it is closed. Descriptors are watched
// edge-triggered for both directions from pollOpen to pollClose, as gc's
// are; epoll's data word is the descriptor's index in pollDescs (no
// pointer the collector cannot see). A system goroutine, netpollLoop, runs
// while some goroutine waits: it takes epoll's events without blocking,
// and when there are none parks in rt-core's rgo_netpoll_block, which the
// scheduler wakes when the epoll descriptor is readable (and sleeps on
// when nothing else can run, so waiting for I/O is no deadlock).
//
// Each direction of a descriptor has a semaphore whose count says "ready"
// (at most one pending wake-up: wake releases it only when it is 0). A
// wake-up that finds nobody waiting is kept for the next wait, which then
// returns at once and lets internal/poll retry the call, as gc's pdReady.

package runtime

import "unsafe"

// pollDesc is one descriptor in the poller.
type pollDesc struct {
	fd      uintptr
	index   int
	closing bool
	// The wake-up semaphores of reads and writes.
	rsema, wsema uint32
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
	// the indexes free for reuse.
	pollDescs []*pollDesc
	freeDescs []int
	// ioWaiters counts the goroutines parked in pollWait; the poller
	// goroutine waits for events only while it is not 0.
	ioWaiters int
	// netpollIdle is the semaphore the poller goroutine waits on while no
	// goroutine waits for I/O.
	netpollIdle   uint32
	netpollParked bool
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
	pd := &pollDesc{fd: fd, index: index}
	if errno := epollCtl(epollCtlAdd, fd, index); errno != 0 {
		freeDescs = append(freeDescs, index)
		return 0, int(errno)
	}
	pollDescs[index] = pd
	// The context internal/poll keeps: the index plus one (0 is none).
	return uintptr(index) + 1, 0
}

// descOf is the descriptor of internal/poll's context ctx (under
// lockRuntime: pollOpen may be growing pollDescs on another thread).
func descOf(ctx uintptr) *pollDesc {
	return pollDescs[ctx-1]
}

//go:linkname poll_runtime_pollClose internal/poll.runtime_pollClose
func poll_runtime_pollClose(ctx uintptr) {
	lockRuntime()
	defer unlockRuntime()
	pd := descOf(ctx)
	if !pd.closing {
		throw("runtime: close polldesc w/o unblock")
	}
	epollCtl(epollCtlDel, pd.fd, pd.index)
	setDeadline(pd, 0, 'r'+'w')
	pollDescs[pd.index] = nil
	freeDescs = append(freeDescs, pd.index)
}

// result is what a wait on pd in mode finds: closing, a passed deadline,
// or nothing in the way.
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
	lockRuntime()
	r := result(descOf(ctx), mode)
	unlockRuntime()
	return r
}

//go:linkname poll_runtime_pollWait internal/poll.runtime_pollWait
func poll_runtime_pollWait(ctx uintptr, mode int) int {
	lockRuntime()
	pd := descOf(ctx)
	if r := result(pd, mode); r != pollNoError {
		unlockRuntime()
		return r
	}
	sema := &pd.rsema
	if mode == 'w' {
		sema = &pd.wsema
	}
	ioWaiters++
	if netpollParked {
		netpollParked = false
		semrelease(&netpollIdle, false, 0)
	}
	unlockRuntime()
	semacquireIO(sema)
	lockRuntime()
	ioWaiters--
	r := result(pd, mode)
	unlockRuntime()
	return r
}

//go:linkname poll_runtime_pollWaitCanceled internal/poll.runtime_pollWaitCanceled
func poll_runtime_pollWaitCanceled(ctx uintptr, mode int) {}

// wake releases the semaphore of pd's direction mode ('r', 'w' or both)
// unless a wake-up is pending already (under lockRuntime: the check and
// the release are one step against semacquireIO's take).
func wake(pd *pollDesc, mode int) {
	if (mode == 'r' || mode == 'r'+'w') && pd.rsema == 0 {
		semrelease(&pd.rsema, false, 0)
	}
	if (mode == 'w' || mode == 'r'+'w') && pd.wsema == 0 {
		semrelease(&pd.wsema, false, 0)
	}
}

//go:linkname poll_runtime_pollSetDeadline internal/poll.runtime_pollSetDeadline
func poll_runtime_pollSetDeadline(ctx uintptr, d int64, mode int) {
	lockRuntime()
	defer unlockRuntime()
	pd := descOf(ctx)
	if pd.closing {
		return
	}
	// From a duration to a time on the monotonic clock (-1: passed).
	if d > 0 {
		d += nanotime()
		if d <= 0 {
			d = 1<<63 - 1
		}
	}
	setDeadline(pd, d, mode)
}

// setDeadline sets pd's deadlines of mode to d (0 none, -1 passed, else a
// monotonic time), arms or stops their timers, and wakes the waiters of
// a deadline that has passed (under lockRuntime).
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
func arm(pd *pollDesc, t *timer, d int64, seq uintptr, f func(any, uintptr)) {
	if t.f != nil {
		deltimer(t)
	}
	if d <= 0 {
		return
	}
	startTimers()
	t.f = f
	t.arg = pd
	t.seq = seq
	t.when = d
	t.period = 0
	addtimer(t)
}

// netpollReadDeadline and netpollWriteDeadline run on the timer goroutine
// when a deadline passes (seq: the deadline's, if it is still the one set).
func netpollReadDeadline(arg any, seq uintptr) {
	lockRuntime()
	defer unlockRuntime()
	pd := arg.(*pollDesc)
	if seq == pd.rseq && !pd.closing {
		pd.rd = -1
		wake(pd, 'r')
	}
}

func netpollWriteDeadline(arg any, seq uintptr) {
	lockRuntime()
	defer unlockRuntime()
	pd := arg.(*pollDesc)
	if seq == pd.wseq && !pd.closing {
		pd.wd = -1
		wake(pd, 'w')
	}
}

//go:linkname poll_runtime_pollUnblock internal/poll.runtime_pollUnblock
func poll_runtime_pollUnblock(ctx uintptr) {
	lockRuntime()
	defer unlockRuntime()
	pd := descOf(ctx)
	if pd.closing {
		throw("runtime: unblock on closing polldesc")
	}
	pd.closing = true
	pd.rseq++
	pd.wseq++
	wake(pd, 'r'+'w')
}

// netpollLoop is the poller goroutine: while goroutines wait for I/O, it
// hands epoll's events to them. It is a system goroutine (not counted by
// NumGoroutine, not listed in a deadlock report).
func netpollLoop() {
	// 64 events, 8-byte aligned (amd64's are 12 bytes each, packed).
	var events [64 * epollEventSize / 8]uint64
	for {
		lockRuntime()
		if ioWaiters == 0 {
			netpollParked = true
			unlockRuntime()
			semacquire(&netpollIdle)
			continue
		}
		unlockRuntime()
		args := [6]uintptr{uintptr(epfd), uintptr(unsafe.Pointer(&events[0])), 64, 0}
		n, errno := rawSyscall(sysEpollPwait, &args)
		if errno != 0 || n == 0 {
			// Nothing yet (or interrupted): wait until the descriptor is
			// readable.
			parkIO(int32(epfd))
			continue
		}
		lockRuntime()
		for i := 0; i < int(n); i++ {
			ev := unsafe.Add(unsafe.Pointer(&events[0]), i*epollEventSize)
			bits := *(*uint32)(ev)
			index := int(*(*uint64)(unsafe.Add(ev, epollEventDataOff)))
			if index >= len(pollDescs) || pollDescs[index] == nil {
				continue // closed since
			}
			pd := pollDescs[index]
			mode := 0
			if bits&(epollIn|epollRdHup|epollHup|epollErr) != 0 {
				mode += 'r'
			}
			if bits&(epollOut|epollHup|epollErr) != 0 {
				mode += 'w'
			}
			if mode != 0 {
				wake(pd, mode)
			}
		}
		unlockRuntime()
	}
}

// throw ends the program with "fatal error: msg"; it cannot be recovered.
//
//rgo:runtime rgo_throw
func throw(msg string)
