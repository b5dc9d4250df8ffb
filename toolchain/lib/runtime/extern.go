// The members of package runtime that the compiler lowers itself, declared
// here so that the type checker sees Go 1.19's API: calls of a
// `//rgo:intrinsic` function are compiled in place (check/stdlib.rs), and
// the declaration has no body of its own. Functions declared with neither
// a body nor a directive are part of Go's API that rgo does not implement
// yet: the compiler reports `rgo does not support runtime.F yet` where one
// is used (docs/stdlib.md).
package runtime

import "unsafe"

// Compiler is the name of the compiler toolchain that built the running
// binary. rgo builds with the gc toolchain's build tag and file variants, so
// it names gc: go/build's default context then chooses the files rgo chose,
// and go/importer's Default is gc's importer. Code tells rgo apart by the
// build tag rgo.
const Compiler = "gc"

// Error identifies a run time error: the panics of index and nil checks,
// failed conversions and the like satisfy it.
type Error interface {
	error
	// RuntimeError is a no-op function that tells run time errors from
	// ordinary errors.
	RuntimeError()
}

// Gosched yields the processor, allowing other goroutines to run.
//
//rgo:intrinsic
func Gosched()

// GC runs a garbage collection and blocks until it is complete.
//
//rgo:intrinsic
func GC()

// NumGoroutine returns the number of goroutines that currently exist.
//
//rgo:intrinsic
func NumGoroutine() int

// Goexit terminates the goroutine that calls it, after running its
// deferred calls.
//
//rgo:intrinsic
func Goexit()

// GOMAXPROCS sets the number of threads that may run goroutines at once
// and returns the previous setting (n < 1 changes nothing). rgo's default
// is 1; above 1 where rgo's runtime runs goroutines in parallel
// (linux/amd64 and riscv64: docs/goroutines.md, "Several processors"),
// elsewhere it stays 1.
//
//rgo:intrinsic
func GOMAXPROCS(n int) int

// Breakpoint executes a breakpoint trap.
//
//rgo:intrinsic
func Breakpoint()

// Caller reports file and line number information about function
// invocations on the calling goroutine's stack: skip 0 is the caller of
// Caller. The file is the absolute path of the source file, the line
// that of the call.
func Caller(skip int) (pc uintptr, file string, line int, ok bool) {
	var rpc [1]uintptr
	// Frames 0 and 1 of the walk are callers and Caller.
	if callers(skip+2, rpc[:]) < 1 {
		return
	}
	frame, _ := CallersFrames(rpc[:]).Next()
	return frame.PC, frame.File, frame.Line, frame.PC != 0
}

// Callers fills pc with the return program counters of function
// invocations on the calling goroutine's stack: skip 0 is Callers itself,
// 1 its caller. It returns the number of entries written.
func Callers(skip int, pc []uintptr) int {
	if len(pc) == 0 {
		return 0
	}
	// Frame 0 of the walk is callers.
	return callers(skip+1, pc)
}

// callers stores the code addresses of the calling goroutine's frames
// into pcs, frame 0 (callers itself, the binding of the runtime's entry)
// first, the first skip left out; the number stored.
//
//go:noescape
//rgo:runtime rgo_callers
func callers(skip int, pcs []uintptr) int

// FuncForPC returns a *Func describing the function that contains the
// given program counter address, or else nil.
func FuncForPC(pc uintptr) *Func {
	return funcForPC(pc)
}

//rgo:runtime rgo_func_for_pc
func funcForPC(pc uintptr) *Func

// A Func represents a Go function in the running binary: a pointer to the
// record the compiler made of it.
type Func struct {
	opaque struct{}
}

// Name returns the name of the function ("" for a nil *Func).
func (f *Func) Name() string {
	return funcName(f)
}

// Entry returns the entry address of the function (0 for a nil *Func).
func (f *Func) Entry() uintptr {
	return funcEntry(f)
}

// FileLine returns the file name and line number of the source code
// corresponding to the program counter pc ("" and 0 for a nil *Func).
func (f *Func) FileLine(pc uintptr) (file string, line int) {
	return funcFile(f), funcLine(f, pc)
}

//rgo:runtime rgo_func_name
func funcName(f *Func) string

//rgo:runtime rgo_func_entry
func funcEntry(f *Func) uintptr

//rgo:runtime rgo_func_file
func funcFile(f *Func) string

//rgo:runtime rgo_func_line
func funcLine(f *Func, pc uintptr) int

// GOROOT returns the root of the Go tree: $GOROOT when the process has
// it set, else the one the program was built with, as gc's linker records
// it ("" when the build had none).
func GOROOT() string {
	if s := gogetenv("GOROOT"); s != "" {
		return s
	}
	return defaultGOROOT
}

// defaultGOROOT is the GOROOT of the build, which the driver sets as gc's
// linker sets it (none with -trimpath).
var defaultGOROOT string

// Version returns the Go release whose language and library rgo
// implements.
func Version() string {
	return "go1.19"
}

// Stack formats a stack trace of the calling goroutine into buf and
// returns the number of bytes written to buf. If all is true, Stack
// formats stack traces of all other goroutines into buf after the trace
// for the current goroutine.
func Stack(buf []byte, all bool) int {
	if len(buf) == 0 {
		return 0
	}
	// The trace starts at Stack's caller: stack and Stack are left out.
	return stack(buf, all, 2)
}

//go:noescape
//rgo:runtime rgo_stack
func stack(buf []byte, all bool, skip int) int

// LockOSThread wires the calling goroutine to its current operating system
// thread: it runs only there, and no other goroutine runs there, until as
// many calls of UnlockOSThread. If it exits still locked, the thread ends
// (docs/goroutines.md).
//
//rgo:runtime rgo_lock_os_thread
func LockOSThread()

// UnlockOSThread undoes an earlier call to LockOSThread.
//
//rgo:runtime rgo_unlock_os_thread
func UnlockOSThread()

// NumCPU returns the number of logical CPUs usable by the current process
// (its affinity mask; 1 where there is no kernel to ask, on a board).
func NumCPU() int {
	var mask [128]byte
	args := [6]uintptr{0, uintptr(len(mask)), uintptr(unsafe.Pointer(&mask))}
	n, errno := rawSyscall(sysSchedGetaffinity, &args)
	if errno != 0 {
		return 1
	}
	count := 0
	for _, b := range mask[:n] {
		for ; b != 0; b &= b - 1 {
			count++
		}
	}
	if count == 0 {
		return 1
	}
	return count
}

// NumCgoCall returns the number of cgo calls made by the current process:
// none, rgo has no cgo.
func NumCgoCall() int64 {
	return 0
}

// StartTrace enables tracing for the current process: the execution
// tracer of rt-core (trace.rs) records goroutine, collector and user events
// in Go 1.19's format until StopTrace, and ReadTrace hands them out.
// Tracing already on is an error.
func StartTrace() error {
	if !startTrace() {
		return errorString("tracing is already enabled")
	}
	return nil
}

//rgo:runtime rgo_trace_start
func startTrace() bool

// StopTrace stops tracing, if it was enabled, and returns once the reader
// has read the whole trace.
//
//rgo:runtime rgo_trace_stop
func StopTrace()

// ReadTrace returns the next chunk of binary tracing data, blocking until
// data is available; nil once the trace is over. The bytes are valid until
// the next call.
func ReadTrace() []byte {
	var n int
	p := readTrace(&n)
	if p == nil {
		return nil
	}
	return unsafe.Slice((*byte)(p), n)
}

//rgo:runtime rgo_trace_read
func readTrace(n *int) unsafe.Pointer

// A StackRecord describes a single execution stack.
type StackRecord struct {
	Stack0 [32]uintptr // stack trace for this record; ends at first 0 entry
}

// Stack returns the stack trace associated with the record, a prefix of
// r.Stack0.
func (r *StackRecord) Stack() []uintptr {
	return stackPrefix(&r.Stack0)
}

// A MemProfileRecord describes the live objects allocated by a particular
// call sequence (stack trace).
type MemProfileRecord struct {
	AllocBytes, FreeBytes     int64       // number of bytes allocated, freed
	AllocObjects, FreeObjects int64       // number of objects allocated, freed
	Stack0                    [32]uintptr // stack trace for this record; ends at first 0 entry
}

// InUseBytes returns the number of bytes in use (AllocBytes - FreeBytes).
func (r *MemProfileRecord) InUseBytes() int64 { return r.AllocBytes - r.FreeBytes }

// InUseObjects returns the number of objects in use (AllocObjects -
// FreeObjects).
func (r *MemProfileRecord) InUseObjects() int64 {
	return r.AllocObjects - r.FreeObjects
}

// Stack returns the stack trace associated with the record, a prefix of
// r.Stack0.
func (r *MemProfileRecord) Stack() []uintptr {
	return stackPrefix(&r.Stack0)
}

// BlockProfileRecord describes blocking events originated at a particular
// call sequence (stack trace).
type BlockProfileRecord struct {
	Count  int64
	Cycles int64
	StackRecord
}

// CallersFrames takes a slice of PCs returned by Callers and prepares to
// return function/file/line information.
func CallersFrames(callers []uintptr) *Frames {
	return &Frames{callers: callers}
}

// Frames may be used to get function/file/line information for a slice of
// PC values returned by Callers.
type Frames struct {
	// callers are the return addresses not yet reported.
	callers []uintptr
}

// Frame is the information returned by Frames for each call frame.
type Frame struct {
	PC       uintptr
	Func     *Func
	Function string
	File     string
	Line     int
	Entry    uintptr
}

// Next returns a Frame representing the next call frame in the slice of PC
// values, and whether there are more. Addresses outside compiled Go code
// are passed over.
func (ci *Frames) Next() (frame Frame, more bool) {
	for len(ci.callers) > 0 {
		// A return address: the call is the instruction before it; but
		// a function's entry (a profile's stand-in for a lost stack,
		// FuncPC's) stands for that function, as in gc.
		pc := ci.callers[0]
		ci.callers = ci.callers[1:]
		f := funcForPC(pc)
		if f == nil || f.Entry() != pc {
			pc--
			f = funcForPC(pc)
		}
		if f == nil {
			continue
		}
		file, line := f.FileLine(pc)
		entry := f.Entry()
		frame = Frame{PC: pc, Func: f, Function: f.Name(), File: file, Line: line, Entry: entry}
		// A call inlined into its caller has no Func, and the entry of the
		// function compiled around it, as gc's frames: runtime/pprof
		// merges such frames into the caller's location by that.
		if funcForPC(entry) != f {
			frame.Func = nil
		}
		return frame, len(ci.callers) > 0
	}
	return Frame{}, false
}

// stackPrefix is the prefix of a record's stack before its first 0 entry.
func stackPrefix(s *[32]uintptr) []uintptr {
	for i, v := range s {
		if v == 0 {
			return s[0:i]
		}
	}
	return s[0:]
}

// CPUProfile panics: it was replaced by runtime/pprof in Go 1.
func CPUProfile() []byte {
	panic("CPUProfile no longer available")
}

// SetCgoTraceback records three C functions to use to gather traceback
// information from C code. rgo has no cgo, so nothing calls them; the
// checks are Go's: only version 0, and only one set of functions.
func SetCgoTraceback(version int, traceback, context, symbolizer unsafe.Pointer) {
	if version != 0 {
		panic("unsupported version")
	}
	if cgoTraceback != nil && cgoTraceback != traceback ||
		cgoContext != nil && cgoContext != context ||
		cgoSymbolizer != nil && cgoSymbolizer != symbolizer {
		panic("call SetCgoTraceback only once")
	}
	cgoTraceback, cgoContext, cgoSymbolizer = traceback, context, symbolizer
}

// The functions SetCgoTraceback recorded.
var cgoTraceback, cgoContext, cgoSymbolizer unsafe.Pointer
