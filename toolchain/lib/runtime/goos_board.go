//go:build baremetal

package runtime

// GOOS on the boards, which have no operating system, is the one whose
// files they build with (docs/boards.md): GOROOT's packages switch on
// runtime.GOOS expecting a value their build constraints know (crypto/rand's
// init panics on any other). Board code tells itself apart by the build tag
// `baremetal`, as TinyGo's does.
const GOOS = "linux"
