package debug

// SetMaxStack sets the maximum amount of memory that can be used by a
// single goroutine stack and returns the previous setting. A goroutine
// whose stack would grow past it ends the program with Go's "stack
// exceeds" fatal error.
//
//rgo:runtime rgo_set_max_stack
func SetMaxStack(bytes int) int
