package runtime

// GOOS is the running program's operating system target (the boards too
// build as linux: docs/boards.md).
const GOOS = "linux"
