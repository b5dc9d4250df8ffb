package sync

import "sync/atomic"

// An RWMutex is a reader/writer lock: any number of readers or one writer
// may hold it. The zero value is unlocked. Once a writer is waiting in Lock,
// new readers wait until it has had its turn, so writers are not starved.
//
// readers counts the readers holding or waiting for the lock; a writer
// subtracts rwReaderLimit from it so readers see a negative count and
// sleep on readerSem. departing is how many readers the waiting writer
// still has to wait for.
type RWMutex struct {
	w         Mutex
	writerSem uint32
	readerSem uint32
	readers   int32
	departing int32
}

const rwReaderLimit = 1 << 30

// RLock locks rw for reading.
func (rw *RWMutex) RLock() {
	if atomic.AddInt32(&(*rw).readers, 1) < 0 {
		// A writer holds or waits for the lock.
		semacquire(&(*rw).readerSem)
	}
}

// TryRLock locks rw for reading if no writer holds or waits for it, and
// reports whether it did.
func (rw *RWMutex) TryRLock() bool {
	for {
		c := atomic.LoadInt32(&(*rw).readers)
		if c < 0 {
			return false
		}
		if atomic.CompareAndSwapInt32(&(*rw).readers, c, c+1) {
			return true
		}
	}
}

// RUnlock undoes one RLock. It is a fatal error if rw is not read-locked.
func (rw *RWMutex) RUnlock() {
	r := atomic.AddInt32(&(*rw).readers, -1)
	if r >= 0 {
		return
	}
	if r+1 == 0 || r+1 == -rwReaderLimit {
		throw("sync: RUnlock of unlocked RWMutex")
	}
	// A writer is waiting; the last reader it waits for wakes it.
	if atomic.AddInt32(&(*rw).departing, -1) == 0 {
		semrelease(&(*rw).writerSem, false)
	}
}

// Lock locks rw for writing, waiting until no reader or writer holds it.
func (rw *RWMutex) Lock() {
	rw.w.Lock()
	// Announce the writer; r is the number of readers still inside.
	r := atomic.AddInt32(&(*rw).readers, -rwReaderLimit) + rwReaderLimit
	if r != 0 && atomic.AddInt32(&(*rw).departing, r) != 0 {
		semacquire(&(*rw).writerSem)
	}
}

// TryLock locks rw for writing if it is free, and reports whether it did.
func (rw *RWMutex) TryLock() bool {
	if !rw.w.TryLock() {
		return false
	}
	if !atomic.CompareAndSwapInt32(&(*rw).readers, 0, -rwReaderLimit) {
		rw.w.Unlock()
		return false
	}
	return true
}

// Unlock unlocks rw for writing. It is a fatal error if rw is not
// write-locked.
func (rw *RWMutex) Unlock() {
	r := atomic.AddInt32(&(*rw).readers, rwReaderLimit)
	if r >= rwReaderLimit {
		throw("sync: Unlock of unlocked RWMutex")
	}
	// Let in the readers that queued up behind this writer.
	for i := 0; i < int(r); i++ {
		semrelease(&(*rw).readerSem, false)
	}
	rw.w.Unlock()
}

// RLocker returns a Locker whose Lock and Unlock are rw's RLock and RUnlock.
func (rw *RWMutex) RLocker() Locker {
	return (*rlocker)(rw)
}

type rlocker RWMutex

func (r *rlocker) Lock()   { (*RWMutex)(r).RLock() }
func (r *rlocker) Unlock() { (*RWMutex)(r).RUnlock() }
