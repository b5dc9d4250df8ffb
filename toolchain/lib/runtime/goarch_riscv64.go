package runtime

// GOARCH is the running program's architecture target.
const GOARCH = "riscv64"

// Linux's system call numbers the runtime makes itself.
const sysSchedGetaffinity = 123
