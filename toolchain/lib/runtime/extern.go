// The members of package runtime that the compiler lowers itself, declared
// here so that the type checker sees Go 1.19's API: calls of a
// `//rgo:intrinsic` function are compiled in place (check/stdlib.rs), and
// the declaration has no body of its own. Functions declared with neither
// a body nor a directive are part of Go's API that rgo does not implement
// yet: the compiler reports `rgo does not support runtime.F yet` where one
// is used (docs/stdlib.md).
package runtime

// Compiler is the name of the compiler toolchain that built the running
// binary.
const Compiler = "rgo"

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

// GOMAXPROCS sets the number of goroutines that may run at once and
// returns the previous setting (rgo runs them on one thread: 1).
//
//rgo:intrinsic
func GOMAXPROCS(n int) int

// Breakpoint executes a breakpoint trap.
//
//rgo:intrinsic
func Breakpoint()

// Caller reports file and line number information about function
// invocations on the calling goroutine's stack.
func Caller(skip int) (pc uintptr, file string, line int, ok bool)

// Callers fills pc with the return program counters of function
// invocations on the calling goroutine's stack.
func Callers(skip int, pc []uintptr) int

// FuncForPC returns a *Func describing the function that contains the
// given program counter address.
func FuncForPC(pc uintptr) *Func

// A Func represents a Go function in the running binary. rgo makes none
// yet (FuncForPC is not implemented), so every *Func is nil, and its
// methods answer as Go's do for a nil *Func.
type Func struct {
	opaque struct{}
}

// Name returns the name of the function ("" for a nil *Func).
func (f *Func) Name() string {
	return ""
}

// Entry returns the entry address of the function (0 for a nil *Func).
func (f *Func) Entry() uintptr {
	return 0
}

// FileLine returns the file name and line number of the source code
// corresponding to the program counter pc ("" and 0 for a nil *Func).
func (f *Func) FileLine(pc uintptr) (file string, line int) {
	return "", 0
}
