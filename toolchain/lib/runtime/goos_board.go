//go:build baremetal

package runtime

// GOOS on the boards, which have no operating system (docs/boards.md);
// they build as linux otherwise.
const GOOS = "none"
