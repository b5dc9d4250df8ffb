package runtime

// GOARCH is the running program's architecture target.
const GOARCH = "arm64"
