//! The entry points of rt-core that compiled code calls, through the C ABI
//! ([`crate::ir::Inst::CallRuntime`]). rt-core defines each as
//! `#[no_mangle] pub extern "C" fn`; the e2e tests link every one.
//!
//! Conventions: a Go string travels as two arguments `(ptr, len)`, a slice as
//! `(ptr, len, cap)`; a result of two words comes back in the two C result
//! registers (a `#[repr(C)]` pair); larger results are written through an
//! `out` pointer passed first. Type descriptors are `reflect::types::Type`
//! as emitted by the toolchain. Functions marked "never returns" end the
//! program with Go's panic output and exit status 2 (until rt-core grows
//! recover).
//!
//! The transition: compiled code loads the arguments, then switches to the
//! system stack (amd64: `mov r12, rsp; mov rsp, [r14 + RGO_G_SYS_SP];
//! mov [r14 + RGO_G_GO_SP], r12`), stores the call's return address in
//! `g.go_pc` (`lea r11, [rip + 1f]; mov [r14 + RGO_G_GO_PC], r11`: with
//! `g.go_sp` it locates the calling Go frame for the collector's stack
//! walk), calls, and switches back (`mov rsp, r12`; R12 is callee-saved in
//! the C ABI and no Go argument register). Rust therefore always runs with a full-size stack however
//! small the goroutine's is, and the runtime finds the goroutine's stack
//! pointer in `g.go_sp` when it needs to call Go code (deferred calls,
//! `Error` methods). After the call the backend re-establishes ABIInternal's
//! fixed registers (amd64: X15 = 0; R14 is callee-saved in the C ABI).

/// `(size: usize, typ: *const Type) -> *mut u8`: zeroed memory for a value
/// of `size` bytes (`size` a multiple of `typ.size`: an array of them),
/// 8-aligned; `typ` (null: no pointers) tells the collector where the
/// pointers are. A safepoint: the collector may run first.
pub const ALLOC: &str = "rgo_alloc";
/// `()`: `runtime.GC`: a whole collection, then the caller yields (so the
/// finalizers it queued get to run, as the goroutines gc's collection
/// lets run).
pub const GC: &str = "rgo_gc";

/// `(funcs: *const GcFunc, funcs_end: *const GcFunc, globals: *const
/// GcGlobal, nglobals: usize)`: hands the runtime the collector's tables (layouts
/// `RGO_GCFUNC_*` and `RGO_GCGLOBAL_*` of `rgo_abi.h`): which words of each
/// compiled function's frame and of each package-level variable may hold
/// pointers. The program's entry function calls it first, before anything
/// can allocate.
pub const GC_TABLES: &str = "rgo_gc_tables";
/// The section of the function table: one record per compiled function,
/// emitted by the backend (which lays the frames out) in each object of
/// the build; the linker gathers them into one array, between the symbols
/// it defines for a section whose name is an identifier
/// ([`GC_FUNCS_START`], [`GC_FUNCS_STOP`]).
pub const GC_FUNCS_SECTION: &str = "rgo_gcfuncs";
/// Where the linker puts the first record of [`GC_FUNCS_SECTION`].
pub const GC_FUNCS_START: &str = "__start_rgo_gcfuncs";
/// Where the linker puts the end of the last record of [`GC_FUNCS_SECTION`].
pub const GC_FUNCS_STOP: &str = "__stop_rgo_gcfuncs";
/// The data symbol of the globals table: one record per package-level
/// variable whose type can hold pointers, emitted by the checker.
pub const GC_GLOBALS: &str = "go.gcglobals";

/// `(typ: *const Type, data: *const u8) -> !`: `panic(v)` with `v` as an
/// empty interface (type word, data word). Never returns.
pub const PANIC: &str = "rgo_gopanic";
/// `(index: i64, len: i64) -> !`: "index out of range [i] with length n".
pub const PANIC_INDEX: &str = "rgo_panic_index";
/// `(code: u64, x: i64, y: i64) -> !`: slice bounds failures; see
/// [`SliceFail`] for `code`.
pub const PANIC_SLICE: &str = "rgo_panic_slice";
/// `(len: i64, n: i64) -> !`: "cannot convert slice with length L to
/// pointer to array with length N".
pub const PANIC_SLICE_CONVERT: &str = "rgo_panic_sliceconvert";
/// `() -> !`: "integer divide by zero".
pub const PANIC_DIVIDE: &str = "rgo_panic_divide";
/// `() -> !`: "negative shift amount".
pub const PANIC_SHIFT: &str = "rgo_panic_shift";
/// `() -> !`: "invalid memory address or nil pointer dereference".
pub const PANIC_NIL: &str = "rgo_panic_nil";
/// `(have: *const Type, want: *const Type, iface: *const Type) -> !`:
/// "interface conversion: I is H, not W" (`have` null: "I is nil, not W").
pub const PANIC_TYPE_ASSERT: &str = "rgo_panic_typeassert";
/// `(ptr, len) -> !`: a wrapper `(*T).M` of value method `T.M` got a nil
/// receiver; panics with `runtime.plainError` of the text (Go's "value
/// method main.T.M called using nil *T pointer").
pub const PANIC_WRAP: &str = "rgo_panicwrap";

/// The entries that never return to their call (`-> !`): after one,
/// control is nowhere (a recovered panic resumes at a landing pad), which
/// the backends use when they keep track of what registers hold across a
/// label the panic path would otherwise fall into.
pub const NEVER_RETURN: &[&str] =
    &[PANIC, PANIC_INDEX, PANIC_SLICE, PANIC_SLICE_CONVERT, PANIC_DIVIDE, PANIC_SHIFT, PANIC_NIL, PANIC_TYPE_ASSERT, PANIC_WRAP];

/// `(v: i64)`, `(v: u64)`, `(v: f64)`, `(re: f64, im: f64)`, `(v: u8)`,
/// `(ptr, len)`, `(p: usize)`: one operand of builtin print/println,
/// formatted as Go's runtime formats it.
pub const PRINT_INT: &str = "rgo_print_int";
pub const PRINT_UINT: &str = "rgo_print_uint";
pub const PRINT_FLOAT: &str = "rgo_print_float";
pub const PRINT_COMPLEX: &str = "rgo_print_complex";
pub const PRINT_BOOL: &str = "rgo_print_bool";
pub const PRINT_STRING: &str = "rgo_print_string";
pub const PRINT_POINTER: &str = "rgo_print_pointer";
/// `(word0: usize, word1: usize)`: an interface, printed `(0x..,0x..)`.
pub const PRINT_IFACE: &str = "rgo_print_iface";
/// `(ptr, len, cap)`: a slice, printed `[len/cap]0x..`.
pub const PRINT_SLICE: &str = "rgo_print_slice";
/// `()`: a space, a newline.
pub const PRINT_SP: &str = "rgo_print_sp";
pub const PRINT_NL: &str = "rgo_print_nl";
/// `()`: the end of one print/println statement: flush to stderr.
pub const PRINT_END: &str = "rgo_print_end";

/// `(parts: *const GoString, n: usize) -> GoString`: concatenation.
pub const CONCAT: &str = "rgo_concatstrings";
/// `(parts: *const GoString, n: usize, buf, size) -> GoString`: a sum whose
/// string does not escape: its bytes in `buf`, `size` bytes of the frame,
/// when they fit.
pub const CONCAT_INTO: &str = "rgo_concatstrings_into";
/// `(a_ptr, a_len, b_ptr, b_len) -> i64`: -1, 0 or 1.
pub const CMP_STRING: &str = "rgo_cmpstring";
/// `(a: *const u8, b: *const u8, n: usize) -> u8`: bytes equal.
pub const MEMEQUAL: &str = "rgo_memequal";
/// `(dst, src, n)`: overlapping-safe copy (the `copy` builtin).
pub const MEMMOVE: &str = "rgo_memmove";
/// `(ptr, len) -> GoString`: `string(b)` for a byte slice (copies).
pub const STRING_FROM_BYTES: &str = "rgo_slicebytetostring";
/// `(ptr, len, buf, size) -> GoString`: `string(b)` whose string does not
/// escape: its bytes in `buf`, `size` bytes of the frame, when they fit.
pub const STRING_FROM_BYTES_INTO: &str = "rgo_slicebytetostring_into";
/// `(out: *mut GoSlice, ptr, len)`: `[]byte(s)`.
pub const BYTES_FROM_STRING: &str = "rgo_stringtoslicebyte";
/// `(out: *mut GoSlice, ptr, len, buf, size)`: `[]byte(s)` whose slice does
/// not escape: `buf`, `size` bytes of the frame, zeroed and holding the
/// bytes, when they fit (the capacity is then `size`, as gc's).
pub const BYTES_FROM_STRING_INTO: &str = "rgo_stringtoslicebyte_into";
/// `(out: *mut GoSlice, ptr, len)`: `[]rune(s)`.
pub const RUNES_FROM_STRING: &str = "rgo_stringtoslicerune";
/// `(ptr, len) -> GoString`: `string(r)` for a rune slice.
pub const STRING_FROM_RUNES: &str = "rgo_slicerunetostring";
/// `(r: i64) -> GoString`: `string(r)` for an integer (U+FFFD if invalid).
pub const STRING_FROM_RUNE: &str = "rgo_intstring";
/// `(r: i64, buf: *mut [u8; 4]) -> GoString`: `string(r)` encoded into
/// `buf`, a frame slot (the string does not escape).
pub const STRING_FROM_RUNE_INTO: &str = "rgo_intstring_into";
/// `(ptr, len, i: usize) -> (rune: i64, next: usize)`: decodes the UTF-8
/// sequence at byte `i` (U+FFFD and width 1 when invalid), for range loops.
pub const DECODE_RUNE: &str = "rgo_decoderune";

/// `(elem: *const Type, len: i64, cap: i64) -> *mut u8`: backing array of
/// `make([]T, len, cap)`; panics "makeslice: len out of range" / "cap out
/// of range" as Go does.
pub const MAKESLICE: &str = "rgo_makeslice";
/// `(elem_size: usize, ptr: usize, len: i64)`: `unsafe.Slice(ptr, len)`'s
/// check; panics "unsafe.Slice: len out of range" / "ptr is nil and len is
/// not zero" as Go 1.19 does, else returns (the caller builds the slice).
pub const UNSAFE_SLICE: &str = "rgo_unsafeslice";
/// `(elem: *const Type, ptr, len, cap, newlen: usize) -> (ptr, cap)`: the
/// array and capacity of a slice of length `newlen` holding the old
/// elements, grown as Go's `append` grows (doubling below 256 elements,
/// then by 1.25x plus 192).
pub const GROWSLICE: &str = "rgo_growslice";

/// `(inter: *const InterfaceType, typ: *const Type, canfail: u8) -> *const Itab`:
/// the itab pairing `typ` with `inter`, built from `typ`'s method table;
/// null when `typ` lacks a method and `canfail`, otherwise panics
/// "interface conversion: T is not I: missing method M".
pub const GETITAB: &str = "rgo_getitab";
/// `(links: *const usize)`: hands reflect's type constructors the
/// program's descriptors (`links`: a count, then that many addresses), so
/// that `PtrTo`, `SliceOf`, `MapOf`, `ChanOf` and `ArrayOf` return the
/// program's own descriptor of a type it has. Called first by the entry
/// of a program that imports reflect.
pub const ADD_TYPELINKS: &str = "rgo_addtypelinks";
/// `(elem: *const Type) -> *const Type`: reflect.PointerTo.
pub const REFLECT_PTRTO: &str = "rgo_reflect_ptrto";
/// `(elem: *const Type) -> *const Type`: reflect.SliceOf.
pub const REFLECT_SLICEOF: &str = "rgo_reflect_sliceof";
/// `(len: usize, elem: *const Type) -> *const Type`: reflect.ArrayOf (the
/// caller has checked that the size fits).
pub const REFLECT_ARRAYOF: &str = "rgo_reflect_arrayof";
/// `(key, elem: *const Type) -> *const Type`: reflect.MapOf (the caller
/// has checked that the key is comparable).
pub const REFLECT_MAPOF: &str = "rgo_reflect_mapof";
/// `(dir: u8, elem: *const Type) -> *const Type`: reflect.ChanOf, `dir`
/// 1 (receive), 2 (send) or 3 (both).
pub const REFLECT_CHANOF: &str = "rgo_reflect_chanof";
/// `(ftyp, f, args, nargs, rets, nrets)`: reflect's Value.Call after its
/// checks: calls the func value `f` of type `ftyp` on the goroutine stack
/// (which it may grow) with argument `i` read from `args[i]` and result
/// `i` written to `rets[i]`; a panic in the callee goes on to the caller.
pub const REFLECT_CALL: &str = "rgo_reflect_call";
/// `(recv, m, args, nargs, rets, nrets)`: [`REFLECT_CALL`] of a method
/// value: method `m` of `recv`'s method table, `args[0]` pointing at the
/// receiver's interface data word.
pub const REFLECT_CALLMETHOD: &str = "rgo_reflect_callmethod";
/// `(typ, ptr, flag, args, nargs, vt) -> (results, n)`: Value.Call of the
/// Value `{typ, ptr, flag}` (a func, or a method value of a concrete type)
/// when each argument is a plain Value of exactly its parameter's type and
/// the func is not variadic (the common case, checked by the runtime):
/// returns the `n` result Values, in memory of type `vt` (reflect.Value);
/// `n < 0`, and nothing done, otherwise.
pub const REFLECT_CALL_VALUE: &str = "rgo_reflect_call_value";
/// `(ins, nin, outs, nout, variadic: bool) -> *const Type`: reflect.FuncOf
/// of `nin` parameter and `nout` result descriptors (the caller has
/// checked that a variadic signature ends in a slice).
pub const REFLECT_FUNCOF: &str = "rgo_reflect_funcof";
/// `(fields: *const GoStructOfField, n, pkg_path: string) -> *const Type`:
/// reflect.StructOf of `n` fields `{name string; typ; tag string;
/// embedded bool}`, unexported names qualified by `pkg_path` (checked by
/// the Go side).
pub const REFLECT_STRUCTOF: &str = "rgo_reflect_structof";
/// `() -> usize`: the code address of the func values reflect makes at
/// run time (MakeFunc, a method value's Interface): rt-arch's
/// `rgo_reflect_gostub`, which records a runtime call on the caller's
/// behalf and hands the value (`reflect::types::GoFuncStub`) to rt-core.
pub const REFLECT_GOSTUB_CODE: &str = "rgo_reflect_gostub_code";
/// `(links: *const usize)`: registers the program's static itabs (`links`:
/// a count, then that many itab addresses) before any Go code runs, so
/// that `rgo_getitab` returns the very itab compiled code compares with.
pub const ADD_ITABS: &str = "rgo_additabs";
/// `(typ: *const Type, x: *const u8, y: *const u8) -> u8`: equality of two
/// interface data words holding values of dynamic type `typ`; panics
/// "comparing uncomparable type T".
pub const EFACE_EQ: &str = "rgo_efaceeq";

// ---- maps (issue 11): a map value is one word, a pointer to rt-core's
// `map::Map` (nil for a nil map) whose first word is `len(m)`. `typ` is the
// map type's descriptor; keys travel by address (`key`: a pointer to a
// value of the key type, which the runtime only reads during the call).

/// `(typ, hint: i64) -> *mut Map`: `make(map[K]V, hint)` (a negative or
/// huge hint counts as 0, as in Go 1.19).
pub const MAKEMAP: &str = "rgo_makemap";
/// `(typ, m, key) -> *const V`: the address of `m[key]`'s element, or of
/// zero bytes when the key is missing; valid until the map changes
/// (compiled code copies the element at once).
pub const MAPACCESS1: &str = "rgo_mapaccess1";
/// `(typ, m, key) -> (*const V, ok: u64)`: `v, ok := m[key]`.
pub const MAPACCESS2: &str = "rgo_mapaccess2";
/// `(typ, m, ptr, len) -> *const V`: [`MAPACCESS1`] for a map whose key
/// type is a string type, the key by value (Go's `mapaccess1_faststr`).
pub const MAPACCESS1_FASTSTR: &str = "rgo_mapaccess1_faststr";
/// `(typ, m, ptr, len) -> (*const V, ok: u64)`: [`MAPACCESS2`] likewise.
pub const MAPACCESS2_FASTSTR: &str = "rgo_mapaccess2_faststr";
/// `(typ, m, key: u64) -> *const V`: [`MAPACCESS1`] for a map whose key
/// type is an 8-byte integer, pointer or channel type, the key by value
/// (Go's `mapaccess1_fast64`).
pub const MAPACCESS1_FAST64: &str = "rgo_mapaccess1_fast64";
/// `(typ, m, key: u64) -> (*const V, ok: u64)`: [`MAPACCESS2`] likewise.
pub const MAPACCESS2_FAST64: &str = "rgo_mapaccess2_fast64";
/// `(typ, m, key) -> *mut V`: where to store `m[key] = v` (inserted with
/// a zero element if new); panics "assignment to entry in nil map".
pub const MAPASSIGN: &str = "rgo_mapassign";
/// `(typ, m, key)`: `delete(m, key)`.
pub const MAPDELETE: &str = "rgo_mapdelete";
/// `(typ, m, it: *mut Iter)`: starts `range m` at a random slot; the
/// iterator (`MAP_ITER_SIZE` bytes in the frame) holds the current key's
/// address at offset 0 (null: done) and the element's at offset 8.
pub const MAPITERINIT: &str = "rgo_mapiterinit";
/// `(it: *mut Iter)`: moves to the next entry.
pub const MAPITERNEXT: &str = "rgo_mapiternext";
/// Bytes of a map iterator (rt-core's `map::ITER_SIZE`).
pub const MAP_ITER_SIZE: u32 = 64;
// Every entry point above that takes a key panics "hash of unhashable
// type T" for an interface key holding a value of a type without `==`.

/// `(fn: *const Closure, frame: usize, landing: usize)`: `defer` of the
/// no-argument func value `fn` (arguments are bound into a wrapper closure
/// by the compiler) in the function whose frame pointer is `frame`.
/// `landing` is the code address where that function resumes if a deferred
/// call recovers a panic: it runs the frame's remaining deferred calls
/// (`DEFER_POP`) and returns normally. The runtime enters it with the
/// frame pointer register (amd64 RBP) = `frame`, the goroutine register
/// set, X15 = 0 and the stack pointer anywhere in the frame's segment; the
/// landing code recomputes its stack pointer from the frame pointer.
pub const DEFERPROC: &str = "rgo_deferproc";
/// `(frame: usize) -> usize`: pops the most recent deferred call of the
/// frame and returns its func value (type `func()`), which the frame then
/// calls itself, or [`DEFER_POP_DONE`] when none is left. Emitted in a loop
/// before every return of a function with `defer` (most recent first, each
/// to completion before the next: seeds 001/004, no jmpdefer). The deferred
/// call runs as Go code called by Go code: with several processors the pop
/// needs no runtime lock (the list is the goroutine's own), and the
/// deferred function does not run under it.
pub const DEFER_POP: &str = "rgo_deferpop";
/// What [`DEFER_POP`] returns when the frame has no deferred call left (no
/// func value lies at an odd address, and 0 is a lockless variant's
/// refusal).
pub const DEFER_POP_DONE: u64 = 1;
/// `(argp: usize) -> (typ, data)`: `recover()`. `argp` is the caller's
/// incoming argument pointer (amd64: RBP + 16); the panic is recovered only
/// when it equals the argument pointer the runtime gave the deferred call
/// it is running, i.e. when recover is called directly by a deferred
/// function.
pub const GORECOVER: &str = "rgo_gorecover";
/// `(wrapper_argp: usize, callee_argp: usize)`: called by the compiler's
/// defer wrappers (which bind arguments) before they call the deferred
/// function, so that recover in that function counts as called directly by
/// the deferred call: when the active panic's argp is the wrapper's, it
/// becomes the callee's.
pub const DEFER_WRAP: &str = "rgo_defer_wrap_adjust";
/// The entries whose effect depends on which Go frame calls them: the
/// deferred calls registered and run for a frame, `recover`'s right to
/// stop a panic. A function that calls one keeps a frame of its own
/// (`opt::inline` copies no such function into its callers).
pub const FRAME_BOUND: &[&str] = &[DEFERPROC, DEFER_POP, GORECOVER, DEFER_WRAP];
/// `()`: `runtime.Breakpoint()` (a trap instruction).
pub const BREAKPOINT: &str = "rgo_breakpoint";

/// The assembly routine compiled prologues call when their frame does not
/// fit (amd64): R12 = bytes the function needs below its entry stack
/// pointer, R13 = bytes of its caller's argument area to move (the ABI's
/// stack area then spill area), [RSP] = the return address into the
/// prologue, [RSP + 8] = the function's own return address. The prologue
/// has already spilled the register arguments into the spill area. It
/// returns (to the prologue) on a new stack segment whose [RSP] is the
/// address of `rgo_lessstack` and whose [RSP + 8 ...] holds a copy of the
/// argument area; the prologue then reloads the registers and restarts.
/// Preserves RBP and R14; X15 = 0 on return.
pub const MORESTACK: &str = "rgo_morestack";

// ---- fmt's printing: rt-core's formatter, driven by the type descriptors
// (fmt is GOROOT's; rgo's overlay file toolchain/lib/fmt/rgo_engine.go calls
// these first and GOROOT's printer when they decline). `buf` is a `*[]byte`
// appended to; `args` the `[]any` of the operands (ptr, len, cap); `format` a
// Go string. Each returns 1 when it printed, 0 when it declined (an operand
// with a method to call) and left `buf` as it was.

/// `(buf, args, ln: u8) -> u8`: Print's (`ln` = 0) or Println's formatting.
pub const FMT_APPEND: &str = "rgo_fmt_append";
/// `(buf, format_ptr, format_len, args) -> u8`: Printf's formatting.
pub const FMT_APPENDF: &str = "rgo_fmt_appendf";

// ---- math, strings.Builder (issue 5) ----
// Strings travel by address (`*const GoString`), slices through `out`
// pointers, `error` results as (itab, data) built for the `error_iface`
// descriptor the compiler passes.

// ---- packages os's and syscall's runtime side (rgo's runtime binds them
// by //go:linkname, as gc's runtime gives them: lib/runtime/syscall.go) ----

/// `(out: *mut GoSlice)`: the program's arguments as a new `[]string`
/// (os's `runtime_args`).
pub const OS_ARGS: &str = "rgo_os_args";
/// `(code: i64) -> !`: ends the process at once (`syscall.Exit`).
pub const OS_EXIT: &str = "rgo_os_exit";

/// `(out: *mut GoSlice)`: every environment entry as the kernel passed it
/// (syscall's `runtime_envs`).
pub const ENVS: &str = "rgo_envs";
/// `(trap: usize, args: *const [usize; 6], out: *mut [usize; 2])`: a
/// system call (`syscall.RawSyscall6`), its result and error number stored
/// in `*out` (on an error the result is all ones); on a board, answered by
/// the OS layer.
pub const SYSCALL: &str = "rgo_syscall";
/// `()`: `runtime.entersyscall`: the goroutine's system calls may block
/// until `exitsyscall` (its processor can be handed on meanwhile).
pub const ENTERSYSCALL: &str = "rgo_entersyscall";
/// `()`: `runtime.exitsyscall`.
pub const EXITSYSCALL: &str = "rgo_exitsyscall";
/// `()`: `syscall.runtime_BeforeExec`: the preemption tick stops (an
/// interval timer outlives execve).
pub const BEFORE_EXEC: &str = "rgo_before_exec";
/// `()`: `syscall.runtime_AfterExec` (the exec failed): the tick starts
/// again.
pub const AFTER_EXEC: &str = "rgo_after_exec";
/// `()`: `runtime.LockOSThread`.
pub const LOCK_OS_THREAD: &str = "rgo_lock_os_thread";
/// `()`: `runtime.UnlockOSThread`.
pub const UNLOCK_OS_THREAD: &str = "rgo_unlock_os_thread";
/// `(trap: usize, args: *const [usize; 6]) -> (r1, errno)`:
/// `syscall.AllThreadsSyscall6`, the call made on every thread.
pub const ALL_THREADS_SYSCALL: &str = "rgo_all_threads_syscall";
/// `(trap, a1, a2, a3) -> (r1, 0)`: `syscall.rawSyscallNoError`.
pub const SYSCALL_NOERROR: &str = "rgo_syscall_noerror";
/// `(trap, flags) -> (pid, errno)`: `syscall.rawVforkSyscall`, a fork
/// with a copy of the memory.
pub const VFORK_SYSCALL: &str = "rgo_vfork_syscall";
/// `(tv: *mut [i64; 2]) -> errno`: `syscall.gettimeofday` (amd64).
pub const GETTIMEOFDAY: &str = "rgo_gettimeofday";
/// `() -> usize`: `syscall.Getpagesize`.
pub const PAGE_SIZE: &str = "rgo_page_size";
/// `() -> u32`: a random number (the runtime's `fastrand`, which package
/// os pulls).
pub const FASTRAND: &str = "rgo_fastrand";
/// `(p: *const u8, seed: usize, n: usize) -> usize`: the hash maps' hash
/// of `n` bytes at `p` (`runtime.memhash`, which hash/maphash pulls).
pub const MEMHASH: &str = "rgo_memhash";
/// `(p: *const u8, n: usize)`: `debug.SetTraceback(level)`.
pub const SET_TRACEBACK: &str = "rgo_set_traceback";
/// `()`: ends the program killed by SIGPIPE (package os's `sigpipe`).
pub const SIGPIPE: &str = "rgo_sigpipe";

/// `(f: f64, fmt: u8, prec: i64, bits: i64) -> GoString`: `strconv.FormatFloat`.
pub const STRCONV_FORMAT_FLOAT: &str = "rgo_strconv_formatfloat";


/// `(x: f64) -> f64`: `math.Sqrt`, `math.Floor`, `math.Ceil`, `math.Trunc`.
pub const MATH_SQRT: &str = "rgo_math_sqrt";
pub const MATH_FLOOR: &str = "rgo_math_floor";
pub const MATH_CEIL: &str = "rgo_math_ceil";
pub const MATH_TRUNC: &str = "rgo_math_trunc";
/// `(x, y: u64) -> (hi, lo)`: math/bits' `Mul64`, the 128-bit product
/// (a call the optimizer makes `BinOp::MulHigh` and `BinOp::Mul`).
pub const MATH_MUL64: &str = "rgo_math_mul64";
/// `(dst, a, b: *u8, n: i64)`: crypto/cipher's `xorBytesSSE2` and
/// `xorBytesARM64` (GOROOT's assembly): `dst[i] = a[i] ^ b[i]`, `i < n`.
pub const XOR_BYTES: &str = "rgo_xor_bytes";


// ---- goroutines, channels and select (issue 11; rt-core's sched.rs and
// chan.rs). A channel is one pointer word (null: the nil channel). Calls
// that block park the goroutine inside the runtime call and return when it
// is resumed.

/// `(fn: *const Closure)`: `go` of the no-argument func value `fn` (the
/// compiler binds the call's function value and arguments into a wrapper
/// closure, as for `defer`).
pub const NEWPROC: &str = "rgo_newproc";
/// `(fn: *const func()) -> ()`: a goroutine of the runtime's running `fn`
/// (the finalizer goroutine: not counted by `runtime.NumGoroutine`).
pub const NEWPROC_SYSTEM: &str = "rgo_newproc_system";
/// `()`: `runtime.Gosched()`.
pub const GOSCHED: &str = "rgo_gosched";
/// `()`: a loop's preemption point ([`crate::ir::Inst::Poll`]) saw a
/// preemption request in the goroutine's stack guard: restores the guard
/// and yields (unless the goroutine may not: see rt-core's sched.rs).
pub const POLL: &str = "rgo_poll";
/// The runtime lock's gates around every runtime call, called (every
/// register kept) only while several threads run Go code: rt-arch's
/// `rgo_rt_enter` before the switch to the system stack, `rgo_rt_exit`
/// after the switch back (rt-core's threads.rs).
pub const RT_ENTER: &str = "rgo_rt_enter";
pub const RT_EXIT: &str = "rgo_rt_exit";
/// [`RT_EXIT`] for compiled code's runtime calls: only the result
/// registers are kept (nothing else is live across a runtime call), which
/// saves the gate the rest.
pub const RT_LEAVE: &str = "rgo_rt_leave";
/// In place of [`RT_ENTER`] before a call of an entry point that has a
/// lockless variant ([`LOCKLESS`]), with the entry point's arguments
/// loaded and the variant's address in a register of the ISA's: rt-arch's
/// `rgo_rt_try` runs the variant on the thread's scheduler stack without
/// the runtime lock, and compiled code skips the locked call when it did
/// the work (docs/goroutines.md, "Runtime calls without the lock").
pub const RT_TRY: &str = "rgo_rt_try";
/// The entry points with a lockless variant, and its name: rt-core's
/// `extern "C" fn(thread, the entry point's arguments...)` (at most five
/// integer ones), which returns the entry point's results, or declines with
/// a first result of 0 (then the locked call follows with the same
/// arguments); one without results returns 1 when it did the work.
pub const LOCKLESS: &[(&str, &str)] = &[
    (ALLOC, "rgo_alloc_nolock"),
    (MAKESLICE, "rgo_makeslice_nolock"),
    (GROWSLICE, "rgo_growslice_nolock"),
    (CONCAT, "rgo_concatstrings_nolock"),
    (CONCAT_INTO, "rgo_concatstrings_into_nolock"),
    (MAKEMAP, "rgo_makemap_nolock"),
    (MAPACCESS1, "rgo_mapaccess1_nolock"),
    (MAPACCESS2, "rgo_mapaccess2_nolock"),
    (MAPACCESS1_FASTSTR, "rgo_mapaccess1_faststr_nolock"),
    (MAPACCESS2_FASTSTR, "rgo_mapaccess2_faststr_nolock"),
    (MAPACCESS1_FAST64, "rgo_mapaccess1_fast64_nolock"),
    (MAPACCESS2_FAST64, "rgo_mapaccess2_fast64_nolock"),
    (MAPASSIGN, "rgo_mapassign_nolock"),
    (MAPDELETE, "rgo_mapdelete_nolock"),
    (MAPITERINIT, "rgo_mapiterinit_nolock"),
    (MAPITERNEXT, "rgo_mapiternext_nolock"),
    (STRING_FROM_BYTES, "rgo_slicebytetostring_nolock"),
    (STRING_FROM_BYTES_INTO, "rgo_slicebytetostring_into_nolock"),
    (BYTES_FROM_STRING, "rgo_stringtoslicebyte_nolock"),
    (GETITAB, "rgo_getitab_nolock"),
    (DEFERPROC, "rgo_deferproc_nolock"),
    (DEFER_POP, "rgo_deferpop_nolock"),
    (PROC_PIN, "rgo_proc_pin_nolock"),
    (PROC_UNPIN, "rgo_proc_unpin_nolock"),
    (SYSCALL, "rgo_syscall_nolock"),
    (ENTERSYSCALL, "rgo_entersyscall_nolock"),
    (EXITSYSCALL, "rgo_exitsyscall_nolock"),
    (NEWPROC, "rgo_newproc_nolock"),
    (CHANSEND, "rgo_chansend_nolock"),
    (CHANRECV, "rgo_chanrecv_nolock"),
    (SELECTGO, "rgo_selectgo_nolock"),
    (SEMACQUIRE, "rgo_semacquire_nolock"),
    (SEMACQUIRE_IO, "rgo_semacquire_nolock"),
    (SEMACQUIRE_MUTEX, "rgo_semacquire_mutex_nolock"),
    (SEMRELEASE, "rgo_semrelease_nolock"),
    (NOTIFY_ADD, "rgo_notify_add_nolock"),
    (NOTIFY_ONE, "rgo_notify_one_nolock"),
    (NOTIFY_ALL, "rgo_notify_all_nolock"),
];
/// Most integer arguments an entry point of [`LOCKLESS`] takes (the thread
/// comes first in the variant's, and six fit every ISA's argument registers).
pub const LOCKLESS_MAX_ARGS: usize = 5;

/// In place of the locked call of an entry point of [`PURE`] with several
/// processors, the entry point's arguments loaded and its address in a
/// register of the ISA's: rt-arch's `rgo_rt_pure` calls it on the thread's
/// scheduler stack without the runtime lock.
pub const RT_PURE: &str = "rgo_rt_pure";
/// Entry points that need nothing of the runtime's shared state, never
/// panic, park or allocate: with several processors they run without the
/// runtime lock ([`RT_PURE`]).
pub const PURE: &[&str] = &[
    CMP_STRING,
    MEMEQUAL,
    MEMMOVE,
    DECODE_RUNE,
    MEMHASH,
    FASTRAND,
    NANOTIME,
    WALLTIME,
    MATH_SQRT,
    MATH_FLOOR,
    MATH_CEIL,
    MATH_TRUNC,
    MATH_MUL64,
    XOR_BYTES,
];

/// The lockless variant of runtime entry point `func`, if it has one
/// ([`LOCKLESS`]).
pub fn lockless(func: &str) -> Option<&'static str> {
    LOCKLESS.iter().find(|(f, _)| *f == func).map(|(_, v)| *v)
}
/// A byte, not 0 while several threads run Go code (rt-core's threads.rs):
/// compiled code tests it before calling [`RT_ENTER`] and [`RT_EXIT`].
pub const PARALLEL: &str = "rgo_parallel";
/// `() -> i64`: `runtime.NumGoroutine()`.
pub const NUMGOROUTINE: &str = "rgo_numgoroutine";
/// `(n i64) -> i64`: `runtime.GOMAXPROCS(n)`.
pub const GOMAXPROCS: &str = "rgo_gomaxprocs";
/// `() -> !`: `runtime.Goexit()`: runs the goroutine's deferred calls and
/// ends it.
pub const GOEXIT: &str = "rgo_goexit";
/// `(elem: *const Type, size: i64) -> *mut Chan`: `make(chan T, size)`
/// (`elem` is `T`'s descriptor: the buffer's pointers are collected);
/// panics "makechan: size out of range".
pub const MAKECHAN: &str = "rgo_makechan";
/// `(c, elem: *const u8)`: `c <- *elem`; blocks; panics "send on closed
/// channel".
pub const CHANSEND: &str = "rgo_chansend";
/// `(c, elem: *mut u8) -> u8`: `*elem = <-c` (elem may be null), returning
/// `ok` (0: closed and empty, `*elem` zeroed); blocks. (Its lockless
/// variant returns a word whose low byte is `ok`, and bits above it set.)
pub const CHANRECV: &str = "rgo_chanrecv";
/// `(c)`: `close(c)`; panics "close of nil channel", "close of closed
/// channel".
pub const CLOSECHAN: &str = "rgo_closechan";
/// `(c) -> i64`: `len(c)`, `cap(c)` (0 for nil).
pub const CHANLEN: &str = "rgo_chanlen";
pub const CHANCAP: &str = "rgo_chancap";
/// `(cases: *const [c, elem], nsend: usize, nrecv: usize, block: u8) ->
/// (recv_ok: u8, case: i64)`: `select` over the send cases then the
/// receive cases (two words each: channel, pointer to the value to send or
/// the place to receive into); `block` = 0 with a `default`, which is case
/// -1. Chooses uniformly among the ready cases. `recv_ok` comes first: the
/// lockless variant sets bits above its low byte, so that its first result
/// is never 0 when it did the work.
pub const SELECTGO: &str = "rgo_selectgo";

/// Codes for [`PANIC_SLICE`], with the message each prints after
/// "slice bounds out of range ".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u64)]
pub enum SliceFail {
    /// `[:x] with capacity y`
    HiCap = 0,
    /// `[:x] with length y`
    HiLen = 1,
    /// `[x:y]`
    LoHi = 2,
    /// `[::x] with capacity y`
    MaxCap = 3,
    /// `[:x:y]`
    HiMax = 4,
    /// `[x:y:]`
    LoHi3 = 5,
}

// ---- entry points of the library packages (`//rgo:runtime`) --------------
//
// Go-source library packages (`toolchain/lib/<path>/*.go`) declare
// body-less functions marked `//rgo:runtime rgo_name`; the compiler gives
// each a body that calls the entry point below with the Go parameters as
// words (see the conventions at the top of this file). Only names listed
// in [`LIB_ENTRIES`] may be used that way.

/// `(skip: i64, pcs: []uintptr) -> i64`: `runtime.Callers` (rt-core's
/// traceback.rs): the calling goroutine's frames' code addresses.
pub const CALLERS: &str = "rgo_callers";
/// `(buf: []byte, all: bool, skip: i64) -> i64`: `runtime.Stack`: the
/// traceback text, the innermost `skip` frames left out.
pub const STACK: &str = "rgo_stack";
/// `(pc: uintptr) -> *Func`: `runtime.FuncForPC` (the function's static
/// record in the compiler's tables, or nil).
pub const FUNC_FOR_PC: &str = "rgo_func_for_pc";
/// `(f: *Func) -> string`: the function's Go name.
pub const FUNC_NAME: &str = "rgo_func_name";
/// `(f: *Func) -> string`: the path of the function's source file.
pub const FUNC_FILE: &str = "rgo_func_file";
/// `(f: *Func, pc: uintptr) -> i64`: the source line of `pc` in `f`.
pub const FUNC_LINE: &str = "rgo_func_line";
/// `(f: *Func) -> uintptr`: the function's entry address.
pub const FUNC_ENTRY: &str = "rgo_func_entry";
/// `(pc: uintptr) -> uintptr`: the code address that stands for the caller
/// a call was inlined into when `pc` is in the inlined code (0: it is not).
pub const INLINE_PARENT: &str = "rgo_inline_parent";
/// `(f: any) -> uintptr`: internal/abi's `FuncPCABIInternal`: the code
/// address of the func value `f` holds (0 for nil).
pub const FUNC_PC: &str = "rgo_func_pc";

/// `() -> i64`: the monotonic clock in nanoseconds (`CLOCK_MONOTONIC`;
/// package time's `runtimeNano`).
pub const NANOTIME: &str = "rgo_nanotime";
/// `(m: *mut MemStats)`: `runtime.ReadMemStats` (Go 1.19's `MemStats`
/// layout, package runtime's Go source).
pub const READ_MEMSTATS: &str = "rgo_read_memstats";
/// `(obj_type, obj, fn_type, fn) -> bool`: `runtime.SetFinalizer(obj,
/// fn)` with both arguments as empty interfaces: checks them as gc does
/// (panicking with its messages), records or (for a nil `fn`) clears the
/// finalizer; true when one was recorded.
pub const SET_FINALIZER: &str = "rgo_set_finalizer";
/// `()`: the finalizer goroutine's step: waits for the next finalizer to
/// run (parked, wait reason `finalizer wait`) and calls it.
pub const RUN_FINALIZER: &str = "rgo_run_finalizer";
/// `(percent: i64) -> i64`: `debug.SetGCPercent`: the previous setting.
pub const SET_GC_PERCENT: &str = "rgo_set_gc_percent";
/// `()`: `debug.FreeOSMemory`: a collection, then every free page back to
/// the operating system.
pub const FREE_OS_MEMORY: &str = "rgo_free_os_memory";
/// `(n: i64) -> i64`: `debug.SetMaxStack`: the limit on one goroutine's
/// stack from now on; the previous one.
pub const SET_MAX_STACK: &str = "rgo_set_max_stack";
/// `(n: i64) -> i64`: `debug.SetMaxThreads`: the limit on the threads that
/// run for Go, checked at once (the fatal error "thread exhaustion"); the
/// previous one.
pub const SET_MAX_THREADS: &str = "rgo_set_max_threads";
/// `(limit: i64) -> i64`: `debug.SetMemoryLimit`: the soft limit the
/// collector's goal keeps the heap under from now on (a negative one
/// changes nothing); the previous one.
pub const SET_MEMORY_LIMIT: &str = "rgo_set_memory_limit";
/// `() -> (sec: i64, nsec: i64)`: the wall clock (`CLOCK_REALTIME`), a
/// `#[repr(C)]` pair (package time's `now`).
pub const WALLTIME: &str = "rgo_walltime";
/// `(ns: i64)`: `time.Sleep`: parks the goroutine for `ns` nanoseconds
/// (wait reason `sleep`); returns at once when `ns <= 0`.
pub const SLEEP: &str = "rgo_sleep";
/// `(t: *mut RTimer)`: arms GOROOT's package time's `runtimeTimer`
/// (Go 1.19's layout; `pp` 0 while not pending) at `t.when` (monotonic
/// nanoseconds). When it fires the runtime queues it for the timer
/// goroutine ([`TIMER_NEXT`]) and re-arms it when `period > 0`. Arming a
/// pending timer is the fatal error "addtimer called with initialized
/// timer".
pub const TIMER_ADD: &str = "rgo_timer_add";
/// `(t: *mut RTimer) -> bool`: stops `t`; true when it was pending.
pub const TIMER_DEL: &str = "rgo_timer_del";
/// `(t: *mut RTimer, when: i64, period: i64) -> bool`: re-arms `t` at
/// `when` with `period`, pending or not; true when it was pending.
pub const TIMER_MOD: &str = "rgo_timer_mod";
/// `() -> *mut RTimer`: the next fired timer, for the runtime's timer
/// goroutine to call its `f(arg, seq)`; parks (wait reason `timer
/// goroutine (idle)`) until one has fired.
pub const TIMER_NEXT: &str = "rgo_timer_next";
/// `(sig: u32)`: os/signal's `signal_enable`: signal `sig` is queued for
/// the receiver from now on (rt-core's `sigqueue`).
pub const SIGNAL_ENABLE: &str = "rgo_signal_enable";
/// `(sig: u32)`: `signal_disable`: `sig` takes its default action again.
pub const SIGNAL_DISABLE: &str = "rgo_signal_disable";
/// `(sig: u32)`: `signal_ignore`: `sig` is ignored from now on.
pub const SIGNAL_IGNORE: &str = "rgo_signal_ignore";
/// `(sig: u32) -> bool`: `signal_ignored`.
pub const SIGNAL_IGNORED: &str = "rgo_signal_ignored";
/// `() -> u32`: `signal_recv`: the next wanted signal that arrived; parks
/// (wait reason `signal wait`) until one has.
pub const SIGNAL_RECV: &str = "rgo_signal_recv";
/// `() -> bool`: every signal that arrived has been delivered
/// (`signalWaitUntilIdle`).
pub const SIGNAL_IDLE: &str = "rgo_signal_idle";
/// `(epfd: i32)`: parks the runtime's network poller goroutine (wait
/// reason `IO wait`) until epoll descriptor `epfd` is readable; the
/// scheduler sleeps on it when nothing else can run (rt-core's `netpoll`).
pub const NETPOLL_BLOCK: &str = "rgo_netpoll_block";
/// `(addr: *mut u32)`: `sync.runtime_Semacquire`: waits until `*addr > 0`
/// (wait reason `semacquire`, waiters first come, first served), then
/// decrements it.
pub const SEMACQUIRE: &str = "rgo_semacquire";
/// `(addr: *mut u32, lifo: bool)`: `sync.runtime_SemacquireMutex`: as
/// [`SEMACQUIRE`], with `lifo` waiting first in line.
pub const SEMACQUIRE_MUTEX: &str = "rgo_semacquire_mutex";
/// `(addr: *mut u32, handoff: bool, skip: i64)`: `sync.runtime_Semrelease`:
/// increments `*addr`, or hands the unit to the first waiter; with
/// `handoff` the caller yields to it. A mutex waiter's wait goes into the
/// mutex profile with the caller's stack, its first `skip` frames left out.
pub const SEMRELEASE: &str = "rgo_semrelease";
/// `(l: *mut NotifyList) -> u32`: `sync.runtime_notifyListAdd`: takes a
/// ticket of package sync's `notifyList` (`struct { wait uint32; notify
/// uint32; lock uintptr; head unsafe.Pointer; tail unsafe.Pointer }`; lock,
/// head and tail are the runtime's).
pub const NOTIFY_ADD: &str = "rgo_notify_add";
/// `(size: usize)`: `sync.runtime_notifyListCheck`: a fatal error unless
/// package sync's `notifyList` is `size` bytes, as the runtime's.
pub const NOTIFY_CHECK: &str = "rgo_notify_check";
/// `() -> i64`: `sync.runtime_procPin`: no preemption and no collection
/// until the matching [`PROC_UNPIN`]; the processor's id plus one (an id
/// below `GOMAXPROCS` no other pinned goroutine holds).
pub const PROC_PIN: &str = "rgo_proc_pin";
/// `()`: `sync.runtime_procUnpin`.
pub const PROC_UNPIN: &str = "rgo_proc_unpin";
/// `()`: package runtime's `lockRuntime`: with several processors the
/// runtime lock stays taken (no preemption, no collection) until the
/// matching [`UNLOCK_RUNTIME`].
pub const LOCK_RUNTIME: &str = "rgo_lock_runtime";
/// `()`: package runtime's `unlockRuntime`.
pub const UNLOCK_RUNTIME: &str = "rgo_unlock_runtime";
/// `(f: func())`: `sync.runtime_registerPoolCleanup`: `f` runs as each
/// collection starts.
pub const POOL_CLEANUP: &str = "rgo_register_pool_cleanup";
/// `(l: *mut NotifyList, ticket: u32)`: `sync.runtime_notifyListWait`:
/// waits (wait reason `sync.Cond.Wait`) until `ticket` is notified.
pub const NOTIFY_WAIT: &str = "rgo_notify_wait";
/// `(l: *mut NotifyList)`: `sync.runtime_notifyListNotifyOne`: wakes the
/// oldest ticket's waiter.
pub const NOTIFY_ONE: &str = "rgo_notify_one";
/// `(l: *mut NotifyList)`: `sync.runtime_notifyListNotifyAll`: wakes every
/// waiter.
pub const NOTIFY_ALL: &str = "rgo_notify_all";
/// `(ptr, len) -> !`: `throw(s)`: "fatal error: s", exit status 2 (package
/// sync's `fatal`).
pub const THROW: &str = "rgo_throw";
/// `(typ: *const Type, data: *const u8) -> i64`: the length of the slice
/// in the `any` `x` of `sort.Slice(x, less)`; panics "reflect: call of
/// Swapper on K Value" (K the kind, `zero` for nil) when it is no slice.
pub const SLICE_LEN: &str = "rgo_slice_len";
/// `(typ: *const Type, data: *const u8, i: i64, j: i64)`: swaps elements
/// `i` and `j` of the slice in the `any` `x` (`reflectlite.Swapper`);
/// panics as [`SLICE_LEN`], or "reflect: slice index out of range".
pub const SLICE_SWAP: &str = "rgo_slice_swap";
/// `(typ: *const Type, data: *const u8) -> i64`: the element size of the
/// slice in the `any` `x`; panics as [`SLICE_LEN`].
pub const SLICE_ELEM_SIZE: &str = "rgo_slice_elem_size";

/// `(frame: *const rgo_call_frame)`: makes the call of an exported
/// function a Rust host prepared (rt-core's `host` module, feature `host`)
/// on the goroutine stack, as reflect's calls do; a panic goes on to the
/// caller, the host boundary's `call` (package internal/rgohost), which
/// recovers it. Linked only into host programs (docs/host.md).
pub const HOST_RUN: &str = "rgo_host_run";

/// `(rate: *const isize)`: package runtime's `MemProfileRate`, read at each
/// allocation from now on: one in about that many bytes is sampled for the
/// memory profile.
pub const MEM_PROFILE_RATE_AT: &str = "rgo_mem_profile_rate_at";
/// `(p: *mut MemProfileRecord, n: i64, cap: i64, inuse_zero: bool) -> i64`:
/// `runtime.MemProfile`: the records to report, written when they fit.
pub const MEM_PROFILE: &str = "rgo_mem_profile";
/// `(mutex: bool, p: *mut BlockProfileRecord, n: i64, cap: i64) -> i64`:
/// `runtime.BlockProfile` (or `MutexProfile`), as [`MEM_PROFILE`].
pub const BLOCK_PROFILE: &str = "rgo_block_profile";
/// `(cycles: i64, skip: i64)`: `runtime.blockevent`: a wait of `cycles`
/// nanoseconds for the block profile, if sampled.
pub const BLOCK_EVENT: &str = "rgo_block_event";
/// `(rate: i64)`: `runtime.SetBlockProfileRate` (nanoseconds).
pub const SET_BLOCK_PROFILE_RATE: &str = "rgo_set_block_profile_rate";
/// `(rate: i64) -> i64`: `runtime.SetMutexProfileFraction`: the previous one.
pub const SET_MUTEX_PROFILE_FRACTION: &str = "rgo_set_mutex_profile_fraction";
/// `(p: *mut StackRecord, n, cap, labels: *mut *const (), nl, lcap) -> i64`:
/// `runtime.GoroutineProfile` with labels: the goroutines, each one's stack
/// and labels written when they fit.
pub const GOROUTINE_PROFILE: &str = "rgo_goroutine_profile";
/// `() -> i64`: the threads that run for Go (`ThreadCreateProfile`).
pub const THREAD_COUNT: &str = "rgo_thread_count";
/// `(hz: i64)`: `runtime.SetCPUProfileRate`: a CPU profile starts (or, at
/// 0, stops).
pub const SET_CPU_PROFILE_RATE: &str = "rgo_set_cpu_profile_rate";
/// `() -> i64`: the words of CPU profile waiting; -1 at a profile's end.
pub const CPU_PROFILE_WORDS: &str = "rgo_cpu_profile_words";
/// `() -> i64`: the records of CPU profile waiting.
pub const CPU_PROFILE_RECORDS: &str = "rgo_cpu_profile_records";
/// `(data: *mut u64, n, cap, tags: *mut *const (), nt, tcap) -> i64`: moves
/// the whole records that fit out of the CPU profile; the records moved.
pub const CPU_PROFILE_TAKE: &str = "rgo_cpu_profile_take";
/// `(out: *mut Snapshot)`: what runtime/metrics reads beyond `MemStats`
/// (per-size-class counts, the pause and latency histograms; rt-core's
/// `metrics::Snapshot`, package runtime's `metricsSnapshot`).
pub const READ_METRICS: &str = "rgo_read_metrics";
/// `(enabled: bool) -> bool`: `debug.SetPanicOnFault`.
pub const SET_PANIC_ON_FAULT: &str = "rgo_set_panic_on_fault";
/// `(e: any)`: package runtime registers its `errorAddressString`
/// descriptor (a fault's panic value under `SetPanicOnFault`).
pub const REGISTER_FAULT_ERROR: &str = "rgo_register_fault_error";
/// `(fd: uintptr, params: *const Params)`: `debug.WriteHeapDump(fd)`
/// (rt-core's `heapdump::Params`: GOARCH, the version, the CPUs).
pub const WRITE_HEAP_DUMP: &str = "rgo_write_heap_dump";
/// `(labels: *const ())`: the running goroutine's profile labels.
pub const SET_PROF_LABEL: &str = "rgo_set_prof_label";
/// `() -> *const ()`: the running goroutine's profile labels.
pub const GET_PROF_LABEL: &str = "rgo_get_prof_label";
/// `() -> bool`: `runtime.StartTrace`: false when a trace runs already.
pub const TRACE_START: &str = "rgo_trace_start";
/// `(addr: *mut u32)`: the network poller's wait for a descriptor
/// (`internal/poll.runtime_pollWait`): `rgo_semacquire` with the wait
/// reason `IO wait`.
pub const SEMACQUIRE_IO: &str = "rgo_semacquire_io";
/// `()`: `runtime.StopTrace`: returns once the reader read everything.
pub const TRACE_STOP: &str = "rgo_trace_stop";
/// `(n: *mut i64) -> *const u8`: `runtime.ReadTrace`'s next bytes (their
/// length to `*n`), parking until there are some; null at the trace's end.
pub const TRACE_READ: &str = "rgo_trace_read";
/// `(id: u64, parent: u64, name_ptr, name_len)`: runtime/trace's
/// `userTaskCreate`.
pub const TRACE_USER_TASK_CREATE: &str = "rgo_trace_user_task_create";
/// `(id: u64)`: runtime/trace's `userTaskEnd`.
pub const TRACE_USER_TASK_END: &str = "rgo_trace_user_task_end";
/// `(id: u64, mode: u64, name_ptr, name_len)`: runtime/trace's `userRegion`.
pub const TRACE_USER_REGION: &str = "rgo_trace_user_region";
/// `(id: u64, category_ptr, category_len, message_ptr, message_len)`:
/// runtime/trace's `userLog`.
pub const TRACE_USER_LOG: &str = "rgo_trace_user_log";

/// Every rt-core entry point a library package may name in
/// `//rgo:runtime`.
pub const LIB_ENTRIES: &[&str] = &[
    CALLERS, STACK, FUNC_FOR_PC, FUNC_NAME, FUNC_FILE, FUNC_LINE, FUNC_ENTRY, FUNC_PC, INLINE_PARENT, NANOTIME, WALLTIME, SLEEP, TIMER_ADD, TIMER_DEL, TIMER_MOD, TIMER_NEXT, SIGNAL_ENABLE, SIGNAL_DISABLE, SIGNAL_IGNORE, SIGNAL_IGNORED, SIGNAL_RECV, SIGNAL_IDLE, NETPOLL_BLOCK, GOSCHED, SEMACQUIRE, SEMACQUIRE_MUTEX, SEMRELEASE, NOTIFY_ADD, NOTIFY_WAIT, NOTIFY_CHECK, PROC_PIN, PROC_UNPIN, LOCK_RUNTIME, UNLOCK_RUNTIME, POOL_CLEANUP,
    NOTIFY_ONE, NOTIFY_ALL, THROW, SLICE_LEN, SLICE_SWAP, SLICE_ELEM_SIZE, READ_MEMSTATS, SET_FINALIZER,
    RUN_FINALIZER, SET_GC_PERCENT, FREE_OS_MEMORY, SET_MAX_STACK, SET_MAX_THREADS, SET_MEMORY_LIMIT, ALLOC, MEMMOVE, MATH_SQRT, MATH_FLOOR, MATH_CEIL, MATH_TRUNC, MATH_MUL64, XOR_BYTES, STRCONV_FORMAT_FLOAT, FMT_APPEND, FMT_APPENDF, NEWPROC_SYSTEM,
    GETITAB, MAKEMAP, MAPACCESS2, MAPASSIGN, MAPDELETE, MAPITERINIT, MAPITERNEXT, REFLECT_PTRTO, REFLECT_SLICEOF,
    REFLECT_ARRAYOF, REFLECT_MAPOF, REFLECT_CHANOF, MAKESLICE, GROWSLICE, MAKECHAN, REFLECT_CALL, HOST_RUN,
    REFLECT_CALLMETHOD, REFLECT_CALL_VALUE, REFLECT_FUNCOF, REFLECT_STRUCTOF, REFLECT_GOSTUB_CODE, CHANSEND, CHANRECV, CLOSECHAN, SELECTGO,
    MEM_PROFILE_RATE_AT, MEM_PROFILE, BLOCK_PROFILE, BLOCK_EVENT, SET_BLOCK_PROFILE_RATE, SET_MUTEX_PROFILE_FRACTION, GOROUTINE_PROFILE, THREAD_COUNT,
    SET_CPU_PROFILE_RATE, CPU_PROFILE_WORDS, CPU_PROFILE_RECORDS, CPU_PROFILE_TAKE, SET_PROF_LABEL, GET_PROF_LABEL, READ_METRICS, NUMGOROUTINE, GOMAXPROCS, SET_PANIC_ON_FAULT, REGISTER_FAULT_ERROR, WRITE_HEAP_DUMP,
    TRACE_START, TRACE_STOP, SEMACQUIRE_IO, TRACE_READ, TRACE_USER_TASK_CREATE, TRACE_USER_TASK_END, TRACE_USER_REGION, TRACE_USER_LOG,
    OS_ARGS, OS_EXIT, ENVS, SYSCALL, ENTERSYSCALL, EXITSYSCALL, BEFORE_EXEC, AFTER_EXEC, ALL_THREADS_SYSCALL, LOCK_OS_THREAD, UNLOCK_OS_THREAD, SYSCALL_NOERROR, VFORK_SYSCALL, GETTIMEOFDAY, PAGE_SIZE, FASTRAND, MEMHASH, SIGPIPE, SET_TRACEBACK,
];
