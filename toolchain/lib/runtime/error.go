package runtime

// The errors GOROOT's packages take from the runtime by //go:linkname
// (math/bits panics with them), as gc's runtime declares them.
var (
	overflowError = error(errorString("integer overflow"))
	divideError   = error(errorString("integer divide by zero"))
)

// errorString is a runtime error that is only a message, as gc names it.
// The runtime errors rt-core raises itself (a division by zero in compiled
// code) have a descriptor of rt-core's with the same name: the two print
// alike and are both Errors, but are not one type to reflect.
type errorString string

func (e errorString) RuntimeError() {}

func (e errorString) Error() string {
	return "runtime error: " + string(e)
}

// errorAddressString is the runtime error of a fault at a non-nil address
// in a goroutine that asked for a panic instead (debug.SetPanicOnFault),
// as gc names it; Addr gives the address. rt-core makes its values
// (rterror's panic_fault_address), with the descriptor init registers.
type errorAddressString struct {
	msg  string
	addr uintptr
}

func (e errorAddressString) RuntimeError() {}

func (e errorAddressString) Error() string {
	return "runtime error: " + e.msg
}

// Addr returns the address at which the fault occurred.
func (e errorAddressString) Addr() uintptr {
	return e.addr
}

//rgo:runtime rgo_register_fault_error
func registerFaultError(e any)

func init() {
	registerFaultError(errorAddressString{})
}

// plainError is an error that is only its message, not a runtime.Error
// (gc's has the same name).
type plainError string

func (e plainError) Error() string {
	return string(e)
}
