package runtime

// Package syscall's runtime side: what gc's runtime gives syscall by
// //go:linkname, rgo's gives the same way. System calls go through one
// rt-core entry point (on a board the OS layer answers the few that mean
// something there: docs/stdlib.md, "os and syscall").

// rawSyscall makes system call trap with six arguments: its result, or
// all ones and the error number.
func rawSyscall(trap uintptr, args *[6]uintptr) (r1, errno uintptr) {
	var out [2]uintptr
	syscall6(trap, args, &out)
	return out[0], out[1]
}

// syscall6 makes system call trap with six arguments (an array: the C ABI
// has registers for six integers, and the number makes seven) and stores
// rawSyscall's two results in *out (a runtime entry point with results
// could not tell a call that returned 0 from one its lockless variant
// declined: docs/goroutines.md, "System calls without the lock").
//
//go:noescape
//rgo:runtime rgo_syscall
func syscall6(trap uintptr, args *[6]uintptr, out *[2]uintptr)

//go:linkname syscall_RawSyscall6 syscall.RawSyscall6
func syscall_RawSyscall6(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2, errno uintptr) {
	args := [6]uintptr{a1, a2, a3, a4, a5, a6}
	r1, errno = rawSyscall(trap, &args)
	return r1, 0, errno
}

// allThreadsSyscall makes system call trap on every thread of the process
// (Linux applies setuid and the like to the calling thread only; the
// runtime's other threads would keep the old state).
//
//go:noescape
//rgo:runtime rgo_all_threads_syscall
func allThreadsSyscall(trap uintptr, args *[6]uintptr) (r1, errno uintptr)

//go:linkname syscall_runtime_doAllThreadsSyscall syscall.runtime_doAllThreadsSyscall
func syscall_runtime_doAllThreadsSyscall(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2, errno uintptr) {
	args := [6]uintptr{a1, a2, a3, a4, a5, a6}
	r1, errno = allThreadsSyscall(trap, &args)
	return r1, 0, errno
}

// entersyscall and exitsyscall bracket a system call that may block: the
// call is made on its thread's own stack, and when it lasts, the runtime's
// monitor hands the processor to another thread so the other goroutines
// run (docs/goroutines.md, "System calls that block").
//
//rgo:runtime rgo_entersyscall
func entersyscall()

//rgo:runtime rgo_exitsyscall
func exitsyscall()

// rawEnvs fills *out with the environment as the kernel passed it.
//
//go:noescape
//rgo:runtime rgo_envs
func rawEnvs(out *[]string)

//go:linkname syscall_runtime_envs syscall.runtime_envs
func syscall_runtime_envs() []string {
	var e []string
	rawEnvs(&e)
	return e
}

// syscall_setenv_c and syscall_unsetenv_c tell C's environment of a
// change; there is no C code in an rgo program.
//
//go:linkname syscall_setenv_c syscall.setenv_c
func syscall_setenv_c(k, v string) {}

//go:linkname syscall_unsetenv_c syscall.unsetenv_c
func syscall_unsetenv_c(k string) {}

//go:linkname syscall_Getpagesize syscall.Getpagesize
//rgo:runtime rgo_page_size
func syscall_Getpagesize() int

//go:linkname syscall_Exit syscall.Exit
//rgo:runtime rgo_os_exit
func syscall_Exit(code int)

// The fork hooks. gc blocks signals around the fork and resets the
// handlers in the child; rgo's child gets its own copy of memory
// (rt-core's fork_for_exec), inherits no interval timer (the preemption
// tick), and exec resets the handlers it inherits, so nothing needs doing.

//go:linkname syscall_runtime_BeforeFork syscall.runtime_BeforeFork
func syscall_runtime_BeforeFork() {}

//go:linkname syscall_runtime_AfterFork syscall.runtime_AfterFork
func syscall_runtime_AfterFork() {}

//go:linkname syscall_runtime_AfterForkInChild syscall.runtime_AfterForkInChild
func syscall_runtime_AfterForkInChild() {}

// beforeExec stops the preemption tick before syscall.Exec replaces the
// program (an interval timer outlives execve; the new program would end at
// its first tick); afterExec starts it again when the exec failed.
//
//rgo:runtime rgo_before_exec
func beforeExec()

//rgo:runtime rgo_after_exec
func afterExec()

//go:linkname syscall_runtime_BeforeExec syscall.runtime_BeforeExec
func syscall_runtime_BeforeExec() { beforeExec() }

//go:linkname syscall_runtime_AfterExec syscall.runtime_AfterExec
func syscall_runtime_AfterExec() { afterExec() }

// Package os's runtime side.

// osArgs fills *out with the program's arguments.
//
//go:noescape
//rgo:runtime rgo_os_args
func osArgs(out *[]string)

//go:linkname os_runtime_args os.runtime_args
func os_runtime_args() []string {
	var a []string
	osArgs(&a)
	return a
}

// os_runtime_beforeExit runs before os.Exit ends the program: gc's flushes
// race and coverage data, which rgo does not collect.
//
//go:linkname os_runtime_beforeExit os.runtime_beforeExit
func os_runtime_beforeExit() {}

//go:linkname os_fastrand os.fastrand
//rgo:runtime rgo_fastrand
func os_fastrand() uint32

//go:linkname net_fastrandu net.fastrandu
func net_fastrandu() uint {
	return uint(os_fastrand())<<32 | uint(os_fastrand())
}

// gogetenv is the value of environment variable key as the process
// started with it; "" when unset.
func gogetenv(key string) string {
	for _, kv := range syscall_runtime_envs() {
		if len(kv) > len(key) && kv[len(key)] == '=' && kv[:len(key)] == key {
			return kv[len(key)+1:]
		}
	}
	return ""
}

// Package runtime/trace's runtime side: its annotations, recorded by the
// execution tracer while a trace runs (nothing otherwise).

//go:linkname trace_userTaskCreate runtime/trace.userTaskCreate
//rgo:runtime rgo_trace_user_task_create
func trace_userTaskCreate(id, parentID uint64, taskType string)

//go:linkname trace_userTaskEnd runtime/trace.userTaskEnd
//rgo:runtime rgo_trace_user_task_end
func trace_userTaskEnd(id uint64)

//go:linkname trace_userRegion runtime/trace.userRegion
//rgo:runtime rgo_trace_user_region
func trace_userRegion(id, mode uint64, regionType string)

//go:linkname trace_userLog runtime/trace.userLog
//rgo:runtime rgo_trace_user_log
func trace_userLog(id uint64, category, message string)

// os_sigpipe ends the program as killed by SIGPIPE: a write to standard
// output or error found its pipe closed (rt-core catches SIGPIPE, so other
// writes to closed pipes fail with EPIPE, as under gc).
//
//go:linkname os_sigpipe os.sigpipe
//rgo:runtime rgo_sigpipe
func os_sigpipe()

