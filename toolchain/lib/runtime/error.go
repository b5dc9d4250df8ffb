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

// plainError is an error that is only its message, not a runtime.Error
// (gc's has the same name).
type plainError string

func (e plainError) Error() string {
	return string(e)
}
