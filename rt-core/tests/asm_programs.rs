//! rt-core's stacks, defer/panic/recover and signals exercised by
//! hand-written amd64 programs, linked with the runtime library the way
//! `rgo build` links compiled code (`gcc -nostdlib -static` with
//! `librgo_rt.a`), and run.
//!
//! The programs follow the conventions compiled code uses
//! (`toolchain/src/runtime_abi.rs`, docs/stacks.md):
//! - every runtime call switches to the system stack (`rtcall` below);
//! - functions check their frame against `g.stackguard` in the prologue and
//!   call `rgo_morestack` with R12 = bytes needed below the entry stack
//!   pointer and R13 = bytes of the incoming argument area, having spilled
//!   their register arguments into the spill area; they reload them from
//!   `[RSP + 8 + ...]` and check again;
//! - `defer` is `rgo_deferproc(closure, RBP, landing)`, every return path
//!   calls `rgo_deferreturn(RBP)`, the landing pad recomputes RSP from RBP;
//! - `recover()` is `rgo_gorecover(RBP + 16)`.
//!
//! The runtime library is built here from `rt-core/staticlib` by a nested
//! cargo (as toolchain/build.rs builds it), so these tests do not depend on
//! the compiler.
//!
//! The programs are amd64 assembly, so the whole file is for x86-64 hosts.
#![cfg(target_arch = "x86_64")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Builds `librgo_rt.a` once per test process (cargo's lock on the target
/// directory serializes test processes; later builds are no-ops).
fn runtime_lib() -> &'static Path {
    static LIB: OnceLock<PathBuf> = OnceLock::new();
    LIB.get_or_init(|| {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("staticlib/Cargo.toml");
        let target_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rgo-rt");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--release", "--locked", "--target", "x86_64-unknown-linux-gnu", "--manifest-path"])
            .arg(&manifest)
            .arg("--target-dir")
            .arg(&target_dir);
        for (key, _) in std::env::vars_os() {
            if key.to_str().is_some_and(leaks_into_nested_build) {
                cmd.env_remove(&key);
            }
        }
        let out = cmd.output().expect("run cargo");
        assert!(
            out.status.success(),
            "building rt-core/staticlib failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        target_dir.join("x86_64-unknown-linux-gnu/release/librgo_rt.a")
    })
}

/// Whether an environment variable of this test process would change the
/// nested build (as toolchain/build.rs decides it).
fn leaks_into_nested_build(key: &str) -> bool {
    const KEEP: &[&str] = &["CARGO_HOME", "CARGO_MAKEFLAGS", "CARGO_TERM_COLOR"];
    const KEEP_PREFIXES: &[&str] = &["CARGO_NET_", "CARGO_HTTP_", "CARGO_REGISTRIES_", "CARGO_REGISTRY_"];
    if key.starts_with("CARGO_") {
        return !(KEEP.contains(&key) || KEEP_PREFIXES.iter().any(|p| key.starts_with(p)));
    }
    matches!(key, "RUSTFLAGS" | "RUSTDOCFLAGS" | "RUSTC_WORKSPACE_WRAPPER" | "RUSTC_WRAPPER" | "LLVM_PROFILE_FILE")
}

fn tempdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("asm-programs").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Assembles `body` (after the prelude) and links it with the runtime;
/// returns the executable.
fn build(name: &str, body: &str) -> PathBuf {
    let dir = tempdir(name);
    let src = dir.join(format!("{name}.S"));
    std::fs::write(&src, format!("{PRELUDE}\n{body}\n    .section .note.GNU-stack, \"\", @progbits\n")).unwrap();
    let obj = dir.join(format!("{name}.o"));
    let include = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rt-arch/include");
    let st = Command::new("gcc")
        .arg("-c")
        .arg("-I")
        .arg(&include)
        .args(["-Wa,--noexecstack", "-o"])
        .arg(&obj)
        .arg(&src)
        .status()
        .expect("run gcc");
    assert!(st.success(), "assembling {}", src.display());
    let exe = dir.join(name);
    let st = Command::new("gcc")
        .args(["-nostdlib", "-static", "-no-pie", "-Wl,--gc-sections", "-Wl,-z,noexecstack", "-o"])
        .arg(&exe)
        .arg(&obj)
        .arg(runtime_lib())
        .status()
        .expect("run gcc");
    assert!(st.success(), "linking {}", exe.display());
    exe
}

/// Runs `exe` with one processor: the programs' runtime calls pass none of
/// the runtime lock's gates compiled code passes with several
/// (docs/goroutines.md, "Several processors").
fn run(exe: &Path) -> Output {
    Command::new(exe).env("GOMAXPROCS", "1").output().expect("run program")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `exe`, expecting exit status `status` and exactly `want` on stderr.
fn expect(exe: &Path, status: i32, want: &str) {
    let o = run(exe);
    assert_eq!(stderr(&o), want, "stderr of {}", exe.display());
    assert_eq!(o.status.code(), Some(status), "status of {}; stderr: {}", exe.display(), stderr(&o));
}

/// The address of symbol `name` in `exe`.
fn symbol(exe: &Path, name: &str) -> u64 {
    let out = Command::new("nm").arg(exe).output().expect("run nm");
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = table
        .lines()
        .find(|l| l.ends_with(&format!(" {name}")))
        .unwrap_or_else(|| panic!("{name} not in {}", exe.display()));
    u64::from_str_radix(line.split(' ').next().unwrap(), 16).unwrap()
}

/// The goroutine header; no frames (hand-written assembly has no tables).
const TRAILER: &str = "\ngoroutine 1 [running]:\n";

/// Macros every program uses, in the conventions of compiled code.
const PRELUDE: &str = r#"
#include "rgo_abi.h"
    .intel_syntax noprefix

/* A runtime call as compiled code makes it: arguments already loaded,
 * switch to the system stack, call, switch back, X15 = 0 again. */
.macro rtcall f
    mov r12, rsp
    mov rsp, qword ptr [r14 + RGO_G_SYS_SP]
    mov qword ptr [r14 + RGO_G_GO_SP], r12
    call \f
    mov rsp, r12
    xorps xmm15, xmm15
.endm

/* A global function label. */
.macro func name
    .text
    .globl \name
    .type \name, @function
    .p2align 4
\name:
.endm

/* The prologue of a Go function without register arguments (the closure
 * context RDX is preserved by rgo_morestack): the stack check, then
 * push rbp / mov rbp, rsp / sub rsp, frame. `args` is the incoming
 * argument area's size. */
.macro enter name, frame, args=0
    lea r12, [rsp - (\frame + 8)]
    cmp r12, qword ptr [r14 + RGO_G_STACKGUARD]
    jae .Lenter\@
    mov r12, \frame + 8
    mov r13, \args
    call rgo_morestack
    jmp \name
.Lenter\@:
    push rbp
    mov rbp, rsp
    sub rsp, \frame
.endm

.macro leave_ret
    mov rsp, rbp
    pop rbp
    ret
.endm

/* A string literal \label with its length \label_len. */
.macro lit label, text:vararg
    .pushsection .rodata
\label: .ascii \text
    .set \label\()_len, . - \label
    .popsection
.endm

.macro print_lit label
    lea rdi, [rip + \label]
    mov esi, \label\()_len
    rtcall rgo_print_string
.endm

/* Prints the 8-byte integer operand (a register or memory). */
.macro print_int v:vararg
    mov rdi, \v
    rtcall rgo_print_int
.endm

.macro print_bool v:vararg
    mov rdi, \v
    rtcall rgo_print_bool
.endm

.macro print_sp
    rtcall rgo_print_sp
.endm

/* Ends a println. */
.macro print_end
    rtcall rgo_print_nl
    rtcall rgo_print_end
.endm
"#;

/// Type descriptors (reflect's layout): `string`, `func() string`, and
/// `type E int` with `func (E) Error() string` returning "E!".
const TYPES: &str = r#"
    .section .rodata
    .p2align 3
string_type:
    .quad 16, 8
    .long 0
    .byte 1, 8, 8, 24
    .quad string_name, 6, 0
string_name: .ascii "string"
    .p2align 3
method_type:
    .quad 8, 8
    .long 0
    .byte 0, 8, 8, 19
    .quad method_type_name, 13, 0
    .quad 0, 0
    .quad method_outs, 1
    .quad 0
method_outs: .quad string_type
method_type_name: .ascii "func() string"
    .p2align 3
e_type:
    .quad 8, 0
    .long 0
    .byte 3, 8, 8, 2
    .quad e_name, 6, e_uncommon
e_name: .ascii "main.E"
    .p2align 3
e_uncommon:
    .quad main_name, 4
    .quad e_methods, 1
e_methods:
    .quad error_name, 5, method_type, e_error_closure, 0
e_error_closure: .quad e_error
main_name: .ascii "main"
error_name: .ascii "Error"
e_text: .ascii "E!"
    .p2align 3
e_value: .quad 1

    .text
/* func (E) Error() string: RAX = receiver word; returns "E!". */
e_error:
    lea rax, [rip + e_text]
    mov ebx, 2
    ret
"#;

/// Shared deferred functions:
/// - `drecover` (closure `{code, *int}`): `if r := recover(); r != nil {
///   *slot = 42; println("recovered:", r.Error()) } else { println("recover: nil") }`;
/// - `drecover_big`: the same with a 20000-byte frame (always grows);
/// - `dindirect`: calls `helper`, which calls recover itself (not directly
///   from the deferred call: nil), and prints what it got;
/// - `dwrap` (closure `{code, *closure}`): a defer wrapper calling the
///   closure after `rgo_defer_wrap_adjust`; `dwrap_noadjust` without it.
const DEFERRED: &str = r#"
    lit s_recovered, "recovered: "
    lit s_recover_nil, "recover: nil"
    lit s_indirect, "indirect recover: "

.macro drecover_body name, frame
func \name
    enter \name, \frame
    mov qword ptr [rbp - 8], rdx
    lea rdi, [rbp + 16]
    rtcall rgo_gorecover
    test rax, rax
    jz 1f
    mov qword ptr [rbp - 16], rdx
    mov rcx, qword ptr [rbp - 8]
    mov rcx, qword ptr [rcx + 8]
    mov qword ptr [rcx], 42
    /* r.Error(): the type's method table, first method. */
    mov rcx, qword ptr [rax + 40]
    mov rcx, qword ptr [rcx + 16]
    mov rdx, qword ptr [rcx + 24]
    mov rax, qword ptr [rbp - 16]
    call qword ptr [rdx]
    mov qword ptr [rbp - 16], rax
    mov qword ptr [rbp - 24], rbx
    print_lit s_recovered
    mov rdi, qword ptr [rbp - 16]
    mov rsi, qword ptr [rbp - 24]
    rtcall rgo_print_string
    print_end
    leave_ret
1:  print_lit s_recover_nil
    print_end
    leave_ret
.endm

    drecover_body drecover, 32
    drecover_body drecover_big, 20000

func helper
    enter helper, 16
    lea rdi, [rbp + 16]
    rtcall rgo_gorecover
    leave_ret

func dindirect
    enter dindirect, 16
    call helper
    mov qword ptr [rbp - 8], rax
    print_lit s_indirect
    print_bool qword ptr [rbp - 8]
    print_end
    leave_ret

func dwrap
    enter dwrap, 16
    mov qword ptr [rbp - 8], rdx
    lea rdi, [rbp + 16]
    mov rsi, rsp
    rtcall rgo_defer_wrap_adjust
    mov rdx, qword ptr [rbp - 8]
    mov rdx, qword ptr [rdx + 8]
    call qword ptr [rdx]
    leave_ret

func dwrap_noadjust
    enter dwrap_noadjust, 16
    mov rdx, qword ptr [rdx + 8]
    call qword ptr [rdx]
    leave_ret
"#;

#[test]
fn main_runs_on_a_goroutine_segment() {
    let exe = build(
        "startup",
        r#"
    lit s_hello, "hello"
func rgo.main
    enter rgo.main, 16
    /* RSP inside [stack_lo, stack_hi), the system stack elsewhere, the
     * guard RGO_STACK_GUARD above lo, the segment at most RGO_STACK_MIN. */
    mov rax, qword ptr [r14 + RGO_G_STACK_LO]
    cmp rsp, rax
    setae cl
    cmp rsp, qword ptr [r14 + RGO_G_STACK_HI]
    setb dl
    and cl, dl
    movzx ecx, cl
    mov qword ptr [rbp - 8], rcx
    print_lit s_hello
    print_sp
    print_bool qword ptr [rbp - 8]
    print_sp
    mov rax, qword ptr [r14 + RGO_G_STACKGUARD]
    sub rax, qword ptr [r14 + RGO_G_STACK_LO]
    print_int rax
    print_sp
    mov rax, qword ptr [r14 + RGO_G_STACK_HI]
    sub rax, qword ptr [r14 + RGO_G_STACK_LO]
    cmp rax, RGO_STACK_MIN
    setbe al
    movzx eax, al
    print_bool rax
    print_sp
    mov rax, qword ptr [r14 + RGO_G_SYS_SP]
    cmp rax, qword ptr [r14 + RGO_G_STACK_HI]
    seta al
    movzx eax, al
    print_bool rax
    print_end
    leave_ret
"#,
    );
    expect(&exe, 0, "hello true 256 true true\n");
    // The runtime a program pulls in stays small (the collector, since
    // issue 12, is about 10 KB of it; the threads that run goroutines in
    // parallel with GOMAXPROCS above 1, since 2026-11-29, about 8 KB with
    // the monitor's look at system calls made without the lock: any
    // program may be started so).
    let stripped = exe.with_extension("stripped");
    assert!(Command::new("strip").arg("-o").arg(&stripped).arg(&exe).status().unwrap().success());
    let size = std::fs::metadata(&stripped).unwrap().len();
    assert!(size < 72 * 1024, "stripped program is {size} bytes");
}

/// `rec` recurses 100,000 deep through about 14 segments with nine integer
/// and one float register argument, a stack argument, nine integer and one
/// float register result and a stack result, checking its frame after each
/// call; morestack copies the argument area, lessstack copies it back with
/// the results and keeps the result registers.
const RECURSION: &str = r#"
    .section .rodata
    .p2align 3
one_f64: .double 1.0
half_f64: .double 0.5
    .bss
    .p2align 3
deepest_lo: .quad 0

/* func rec(n, a1, ..., a8 int, s int, f float64) (r0, ..., r8 int, rs int, rf float64)
 * n..a8: RAX RBX RCX RDI RSI R8 R9 R10 R11, f: X0; s at [entry RSP + 8];
 * results in the same registers, rs at [entry RSP + 16]; spill area at
 * [entry RSP + 24, + 104): argument area 96 bytes.
 * rec(0, a..., s, f) = (0, a..., s, f);
 * rec(n, ...) = rec(n-1, a1+1, ..., a8+8, s+9, f+1) with r0 + 1.
 * Frame 112: [rsp] outgoing s, [rsp+8] outgoing rs, [rsp+16, +96) the
 * callee's spill area, [rbp-8] n. */
func rec
    lea r12, [rsp - 120]
    cmp r12, qword ptr [r14 + RGO_G_STACKGUARD]
    jb .Lrec_grow
    push rbp
    mov rbp, rsp
    sub rsp, 112
    mov qword ptr [rbp - 8], rax
    test rax, rax
    jnz .Lrec_call
    mov r12, qword ptr [r14 + RGO_G_STACK_LO]
    mov qword ptr [rip + deepest_lo], r12
    mov r12, qword ptr [rbp + 16]
    mov qword ptr [rbp + 24], r12
    leave_ret
.Lrec_call:
    dec rax
    add rbx, 1
    add rcx, 2
    add rdi, 3
    add rsi, 4
    add r8, 5
    add r9, 6
    add r10, 7
    add r11, 8
    mov r12, qword ptr [rbp + 16]
    add r12, 9
    mov qword ptr [rsp], r12
    addsd xmm0, qword ptr [rip + one_f64]
    call rec
    /* The frame survived the call: n == r0 + 1. */
    lea r12, [rax + 1]
    cmp r12, qword ptr [rbp - 8]
    jne .Lrec_bad
    mov rax, r12
    mov r12, qword ptr [rsp + 8]
    mov qword ptr [rbp + 24], r12
    movq r12, xmm15
    test r12, r12
    jnz .Lrec_bad
    leave_ret
.Lrec_bad:
    ud2
.Lrec_grow:
    mov qword ptr [rsp + 24], rax
    mov qword ptr [rsp + 32], rbx
    mov qword ptr [rsp + 40], rcx
    mov qword ptr [rsp + 48], rdi
    mov qword ptr [rsp + 56], rsi
    mov qword ptr [rsp + 64], r8
    mov qword ptr [rsp + 72], r9
    mov qword ptr [rsp + 80], r10
    mov qword ptr [rsp + 88], r11
    movsd qword ptr [rsp + 96], xmm0
    /* Destroy the registers: the reload must come from the copy. */
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edi, edi
    xor esi, esi
    xor r8d, r8d
    xor r9d, r9d
    xor r10d, r10d
    xor r11d, r11d
    xorps xmm0, xmm0
    mov r12, 120
    mov r13, 96
    call rgo_morestack
    mov rax, qword ptr [rsp + 24]
    mov rbx, qword ptr [rsp + 32]
    mov rcx, qword ptr [rsp + 40]
    mov rdi, qword ptr [rsp + 48]
    mov rsi, qword ptr [rsp + 56]
    mov r8, qword ptr [rsp + 64]
    mov r9, qword ptr [rsp + 72]
    mov r10, qword ptr [rsp + 80]
    mov r11, qword ptr [rsp + 88]
    movsd xmm0, qword ptr [rsp + 96]
    jmp rec

/* main: rec(100000, 1000, ..., 8000, 9000, 0.5), then prints the results,
 * whether the deepest frame ran on another segment, and whether main is
 * back on its first one. Frame 256: [rsp, +96) outgoing, results at
 * [rsp + 96 ...], the first segment's lo at [rbp - 8]. */
func rgo.main
    enter rgo.main, 256
    mov r12, qword ptr [r14 + RGO_G_STACK_LO]
    mov qword ptr [rbp - 8], r12
    mov eax, 100000
    mov ebx, 1000
    mov ecx, 2000
    mov edi, 3000
    mov esi, 4000
    mov r8d, 5000
    mov r9d, 6000
    mov r10d, 7000
    mov r11d, 8000
    mov qword ptr [rsp], 9000
    movsd xmm0, qword ptr [rip + half_f64]
    call rec
    mov qword ptr [rsp + 96], rax
    mov qword ptr [rsp + 104], rbx
    mov qword ptr [rsp + 112], rcx
    mov qword ptr [rsp + 120], rdi
    mov qword ptr [rsp + 128], rsi
    mov qword ptr [rsp + 136], r8
    mov qword ptr [rsp + 144], r9
    mov qword ptr [rsp + 152], r10
    mov qword ptr [rsp + 160], r11
    movsd qword ptr [rsp + 168], xmm0
    .irp off, 96, 104, 112, 120, 128, 136, 144, 152, 160, 8
    print_int qword ptr [rsp + \off]
    print_sp
    .endr
    movsd xmm0, qword ptr [rsp + 168]
    rtcall rgo_print_float
    print_sp
    mov rax, qword ptr [rip + deepest_lo]
    cmp rax, qword ptr [rbp - 8]
    setne al
    movzx eax, al
    print_bool rax
    print_sp
    mov rax, qword ptr [r14 + RGO_G_STACK_LO]
    cmp rax, qword ptr [rbp - 8]
    sete al
    movzx eax, al
    print_bool rax
    print_end
    leave_ret
"#;

#[test]
fn recursion_100000_deep_crosses_segments_keeping_arguments_and_results() {
    let exe = build("recursion", RECURSION);
    expect(&exe, 0, "100000 101000 202000 303000 404000 505000 606000 707000 808000 909000 +1.000005e+005 true true\n");
}

/// A function whose frame does not fit below main's on the first segment,
/// called 20,000 times from main (a hot split: morestack and lessstack on every
/// call). It uses its register argument and closure context without
/// reloading them: rgo_morestack preserves every Go register.
#[test]
fn a_hot_split_reuses_the_cached_segment() {
    let exe = build(
        "hot_split",
        r#"
    .section .data.rel.ro
    .p2align 3
big_closure: .quad big, 3
    .bss
    .p2align 3
saved_g: .quad 0
grows: .quad 0

/* func big(x int) int, closure {code, k}: 2x + k, with a frame that
 * does not fit below main's on the first segment; counts its morestacks. */
func big
    lea r12, [rsp - 7808]
    cmp r12, qword ptr [r14 + RGO_G_STACKGUARD]
    jae 1f
    inc qword ptr [rip + grows]
    mov qword ptr [rsp + 8], rax
    mov r12, 7808
    mov r13, 8
    call rgo_morestack
    jmp big
1:  push rbp
    mov rbp, rsp
    sub rsp, 7800
    mov qword ptr [rsp], 1
    lea rax, [rax + rax]
    add rax, qword ptr [rdx + 8]
    leave_ret

func rgo.main
    enter rgo.main, 32
    mov qword ptr [rip + saved_g], r14
    mov qword ptr [rbp - 8], 0
    mov qword ptr [rbp - 16], 0
    mov r12, qword ptr [r14 + RGO_G_STACK_LO]
    mov qword ptr [rbp - 24], r12
2:  mov rax, qword ptr [rbp - 8]
    lea rdx, [rip + big_closure]
    call qword ptr [rdx]
    add qword ptr [rbp - 16], rax
    movq r12, xmm15
    test r12, r12
    jnz 3f
    cmp r14, qword ptr [rip + saved_g]
    jne 3f
    mov r12, qword ptr [r14 + RGO_G_STACK_LO]
    cmp r12, qword ptr [rbp - 24]
    jne 3f
    inc qword ptr [rbp - 8]
    cmp qword ptr [rbp - 8], 20000
    jb 2b
    print_int qword ptr [rbp - 16]
    print_sp
    print_int qword ptr [rip + grows]
    print_end
    leave_ret
3:  ud2
"#,
    );
    // sum of 2i + 3 for i < 20000; a morestack in every call
    expect(&exe, 0, "400040000 20000\n");
}

/// `defer` in a loop runs newest first at the return; a deferred function
/// with defers of its own runs them at its own return; 100,000 defers in
/// one frame (the record pool) all run.
#[test]
fn deferred_calls_run_newest_first_at_return() {
    let exe = build(
        "defers",
        r#"
    .section .data.rel.ro
    .p2align 3
dinc_closure: .quad dinc
douter_closure: .quad douter
    .bss
    .p2align 3
counter: .quad 0

/* func() with closure {code, n}: print(n, " ") */
func dprint
    enter dprint, 16
    mov rdi, qword ptr [rdx + 8]
    rtcall rgo_print_int
    print_sp
    leave_ret

/* func(): counter++ (a leaf: no check, no frame) */
func dinc
    inc qword ptr [rip + counter]
    ret

/* defer print(n) with a fresh closure; clobbers everything */
.macro defer_print landing, n:vararg
    mov rcx, \n
    mov qword ptr [rbp - 16], rcx
    mov edi, 16
    xor esi, esi
    rtcall rgo_alloc
    lea rcx, [rip + dprint]
    mov qword ptr [rax], rcx
    mov rcx, qword ptr [rbp - 16]
    mov qword ptr [rax + 8], rcx
    mov rdi, rax
    mov rsi, rbp
    lea rdx, [rip + \landing]
    rtcall rgo_deferproc
.endm

/* func douter() { defer print(9) } */
func douter
    enter douter, 16
    defer_print .Ldouter_landing, 9
    mov rdi, rbp
    rtcall rgo_deferreturn
    leave_ret
.Ldouter_landing:
    lea rsp, [rbp - 16]
    mov rdi, rbp
    rtcall rgo_deferreturn
    leave_ret

/* func f() { defer douter(); for i := 1; i <= 3; i++ { defer print(i) } } */
func f
    enter f, 32
    lea rdi, [rip + douter_closure]
    mov rsi, rbp
    lea rdx, [rip + .Lf_landing]
    rtcall rgo_deferproc
    mov qword ptr [rbp - 8], 1
1:  defer_print .Lf_landing, qword ptr [rbp - 8]
    inc qword ptr [rbp - 8]
    cmp qword ptr [rbp - 8], 3
    jle 1b
    mov rdi, rbp
    rtcall rgo_deferreturn
    leave_ret
.Lf_landing:
    lea rsp, [rbp - 32]
    mov rdi, rbp
    rtcall rgo_deferreturn
    leave_ret

/* func many() { for i := 0; i < 100000; i++ { defer dinc() } } */
func many
    enter many, 16
    mov qword ptr [rbp - 8], 0
1:  lea rdi, [rip + dinc_closure]
    mov rsi, rbp
    lea rdx, [rip + .Lmany_landing]
    rtcall rgo_deferproc
    inc qword ptr [rbp - 8]
    cmp qword ptr [rbp - 8], 100000
    jb 1b
    mov rdi, rbp
    rtcall rgo_deferreturn
    leave_ret
.Lmany_landing:
    lea rsp, [rbp - 16]
    mov rdi, rbp
    rtcall rgo_deferreturn
    leave_ret

func rgo.main
    enter rgo.main, 16
    call f
    print_end
    call many
    call many
    print_int qword ptr [rip + counter]
    print_end
    /* Nothing left: deferreturn of main's frame is a no-op. */
    mov rdi, rbp
    rtcall rgo_deferreturn
    leave_ret
"#,
    );
    expect(&exe, 0, "3 2 1 9 \n200000\n");
}

/// A program where `f2` (named result r, zeroed at entry) defers the
/// closures `defers` sets up (in order), then calls `g`, whose body is
/// `g_body`, and returns 7; main prints what `f2` returned, twice, then
/// runs `after`. `deep(n)` recurses n times and then runs `bottom`.
fn recover_program(defers: &str, g_body: &str, after: &str) -> String {
    recover_program_deep(defers, g_body, "    ud2\n", after)
}

fn recover_program_deep(defers: &str, g_body: &str, bottom: &str, after: &str) -> String {
    format!(
        r#"{TYPES}
{DEFERRED}
    lit s_f2, "f2 returned "
    lit s_first, "on the first segment: "

/* func deep(n int): recurses n times, then runs the bottom body. */
func deep
    lea r12, [rsp - 72]
    cmp r12, qword ptr [r14 + RGO_G_STACKGUARD]
    jae 1f
    mov qword ptr [rsp + 8], rax
    mov r12, 72
    mov r13, 8
    call rgo_morestack
    mov rax, qword ptr [rsp + 8]
    jmp deep
1:  push rbp
    mov rbp, rsp
    sub rsp, 64
    test rax, rax
    jz 2f
    dec rax
    call deep
    leave_ret
2:
{bottom}
    ud2

func g
    enter g, 16
{g_body}
    ud2

/* Allocates closure {{code, extra}} into RAX (extra: a register). */
.macro closure2 code, extra
    mov qword ptr [rbp - 16], \extra
    mov edi, 16
    xor esi, esi
    rtcall rgo_alloc
    lea rcx, [rip + \code]
    mov qword ptr [rax], rcx
    mov rcx, qword ptr [rbp - 16]
    mov qword ptr [rax + 8], rcx
.endm

.macro defer_closure
    mov rdi, rax
    mov rsi, rbp
    lea rdx, [rip + .Lf2_landing]
    rtcall rgo_deferproc
.endm

/* func f2() (r int): [rbp - 8] = r */
func f2
    enter f2, 32
    mov qword ptr [rbp - 8], 0
{defers}
    call g
    mov qword ptr [rbp - 8], 7
    mov rdi, rbp
    rtcall rgo_deferreturn
    mov rax, qword ptr [rbp - 8]
    leave_ret
.Lf2_landing:
    lea rsp, [rbp - 32]
    mov rdi, rbp
    rtcall rgo_deferreturn
    mov rax, qword ptr [rbp - 8]
    leave_ret

func rgo.main
    enter rgo.main, 16
    mov r12, qword ptr [r14 + RGO_G_STACK_LO]
    mov qword ptr [rbp - 8], r12
    .rept 2
    call f2
    mov qword ptr [rbp - 16], rax
    print_lit s_f2
    print_int qword ptr [rbp - 16]
    print_end
    .endr
    print_lit s_first
    mov rax, qword ptr [r14 + RGO_G_STACK_LO]
    cmp rax, qword ptr [rbp - 8]
    sete al
    movzx eax, al
    print_bool rax
    print_end
{after}
    leave_ret
"#
    )
}

/// `defer drecover(&r)`.
const DEFER_RECOVER: &str = r#"
    lea rax, [rbp - 8]
    closure2 drecover, rax
    defer_closure
"#;

const PANIC_INDEX: &str = r#"
    mov edi, 5
    mov esi, 3
    rtcall rgo_panic_index
"#;

const REC_INDEX: &str = "recovered: runtime error: index out of range [5] with length 3\n";

#[test]
fn recover_stops_a_runtime_error_and_the_function_returns_its_named_result() {
    let exe = build("recover_index", &recover_program(DEFER_RECOVER, PANIC_INDEX, ""));
    expect(&exe, 0, &format!("{REC_INDEX}f2 returned 42\n{REC_INDEX}f2 returned 42\non the first segment: true\n"));
}

#[test]
fn recover_unwinds_many_segments() {
    // g recurses 50,000 deep (about 4 MB of frames) before panicking; the
    // frame that recovers is on the first segment.
    let g = "    mov eax, 50000\n    call deep\n";
    let prog = recover_program_deep(DEFER_RECOVER, g, PANIC_INDEX, "");
    let exe = build("recover_deep", &prog);
    expect(&exe, 0, &format!("{REC_INDEX}f2 returned 42\n{REC_INDEX}f2 returned 42\non the first segment: true\n"));
}

#[test]
fn recover_in_a_deferred_function_that_grows_its_stack() {
    // The deferred function's frame needs a new segment: its argument
    // pointer moves, and the panic's follows it.
    let defers = DEFER_RECOVER.replace("closure2 drecover,", "closure2 drecover_big,");
    let exe = build("recover_big", &recover_program(&defers, PANIC_INDEX, ""));
    expect(&exe, 0, &format!("{REC_INDEX}f2 returned 42\n{REC_INDEX}f2 returned 42\non the first segment: true\n"));
}

#[test]
fn recover_through_a_defer_wrapper() {
    let defers = r#"
    lea rax, [rbp - 8]
    closure2 drecover, rax
    closure2 dwrap, rax
    defer_closure
"#;
    let exe = build("recover_wrap", &recover_program(defers, PANIC_INDEX, ""));
    expect(&exe, 0, &format!("{REC_INDEX}f2 returned 42\n{REC_INDEX}f2 returned 42\non the first segment: true\n"));
}

#[test]
fn recover_not_called_by_the_deferred_function_is_nil() {
    // Without the wrapper's adjustment the wrapped function is not the
    // deferred call: its recover gives nil and the panic goes on.
    let defers = r#"
    lea rax, [rbp - 8]
    closure2 drecover, rax
    closure2 dwrap_noadjust, rax
    defer_closure
"#;
    let exe = build("recover_noadjust", &recover_program(defers, PANIC_INDEX, ""));
    expect(&exe, 2, &format!("recover: nil\npanic: runtime error: index out of range [5] with length 3\n{TRAILER}"));

    // A helper called by the deferred function gets nil; the next deferred
    // call recovers.
    let defers = r#"
    lea rax, [rbp - 8]
    closure2 drecover, rax
    defer_closure
    xor eax, eax
    closure2 dindirect, rax
    defer_closure
"#;
    let exe = build("recover_indirect", &recover_program(defers, PANIC_INDEX, ""));
    let once = format!("indirect recover: false\n{REC_INDEX}f2 returned 42\n");
    expect(&exe, 0, &format!("{once}{once}on the first segment: true\n"));
}

#[test]
fn panic_nil_is_recovered_as_nil() {
    // Go 1.19: recover() returns nil for panic(nil), and the panic stops.
    let g = "    xor edi, edi\n    xor esi, esi\n    rtcall rgo_gopanic\n";
    let exe = build("recover_nil", &recover_program(DEFER_RECOVER, g, ""));
    expect(&exe, 0, "recover: nil\nf2 returned 0\nrecover: nil\nf2 returned 0\non the first segment: true\n");
}

#[test]
fn a_nil_dereference_is_a_recoverable_panic() {
    // After the recovery, a later unrecovered panic prints no [signal] line.
    let g = "    xor eax, eax\n    mov rax, qword ptr [rax + 16]\n";
    let exe = build("recover_sigpanic", &recover_program(DEFER_RECOVER, g, "    rtcall rgo_panic_divide\n"));
    let rec = "recovered: runtime error: invalid memory address or nil pointer dereference\n";
    expect(
        &exe,
        2,
        &format!(
            "{rec}f2 returned 42\n{rec}f2 returned 42\non the first segment: true\n\
             panic: runtime error: integer divide by zero\n{TRAILER}"
        ),
    );
}

#[test]
fn a_deferred_nil_func_panics_when_called() {
    // Go's test/defernil.go: deferring nil is fine, calling it at the
    // return is a nil dereference (raised on the goroutine stack by the
    // runtime's call), which the older deferred call recovers.
    let defers = format!("{DEFER_RECOVER}    xor eax, eax\n    defer_closure\n");
    let exe = build("defer_nil", &recover_program(&defers, "    leave_ret\n", ""));
    let rec = "recovered: runtime error: invalid memory address or nil pointer dereference\n";
    expect(&exe, 0, &format!("{rec}f2 returned 42\n{rec}f2 returned 42\non the first segment: true\n"));
}

#[test]
fn an_unrecovered_nil_dereference_reports_the_signal() {
    let exe = build(
        "sigpanic",
        r#"
func rgo.main
    enter rgo.main, 16
    xor eax, eax
    .globl fault_here
fault_here:
    mov rax, qword ptr [rax + 8]
    leave_ret
"#,
    );
    let pc = symbol(&exe, "fault_here");
    expect(
        &exe,
        2,
        &format!(
            "panic: runtime error: invalid memory address or nil pointer dereference\n\
             [signal SIGSEGV: segmentation violation code=0x1 addr=0x8 pc={pc:#x}]\n{TRAILER}"
        ),
    );
}

/// Go's own example of nested panics (checked against go1.19): a deferred
/// function recovers a nil dereference, then panics with an error value
/// whose own deferred function panics again.
///
/// ```go
/// func main() {
///     defer func() {
///         r := recover()
///         println("rec", r != nil)
///         defer func() { panic("third") }()
///         panic(E{})
///     }()
///     var p *int
///     println(*p)
/// }
/// ```
#[test]
fn nested_panics_print_as_go_prints_them() {
    let exe = build(
        "nested",
        &format!(
            r#"{TYPES}
    lit s_rec, "rec"
    lit s_third, "third"
    .section .data.rel.ro
    .p2align 3
func1_closure: .quad func1
func11_closure: .quad func11
third_hdr: .quad s_third, s_third_len

func func11
    enter func11, 16
    lea rdi, [rip + string_type]
    lea rsi, [rip + third_hdr]
    rtcall rgo_gopanic
    ud2

func func1
    enter func1, 16
    lea rdi, [rbp + 16]
    rtcall rgo_gorecover
    test rax, rax
    setnz al
    movzx eax, al
    mov qword ptr [rbp - 8], rax
    print_lit s_rec
    print_sp
    print_bool qword ptr [rbp - 8]
    print_end
    lea rdi, [rip + func11_closure]
    mov rsi, rbp
    lea rdx, [rip + .Lfunc1_landing]
    rtcall rgo_deferproc
    lea rdi, [rip + e_type]
    lea rsi, [rip + e_value]
    rtcall rgo_gopanic
    ud2
.Lfunc1_landing:
    lea rsp, [rbp - 16]
    mov rdi, rbp
    rtcall rgo_deferreturn
    leave_ret

func rgo.main
    enter rgo.main, 16
    lea rdi, [rip + func1_closure]
    mov rsi, rbp
    lea rdx, [rip + .Lmain_landing]
    rtcall rgo_deferproc
    xor eax, eax
    .globl fault_here
fault_here:
    mov rax, qword ptr [rax]
    mov rdi, rbp
    rtcall rgo_deferreturn
    leave_ret
.Lmain_landing:
    lea rsp, [rbp - 16]
    mov rdi, rbp
    rtcall rgo_deferreturn
    leave_ret
"#
        ),
    );
    let pc = symbol(&exe, "fault_here");
    expect(
        &exe,
        2,
        &format!(
            "rec true\n\
             panic: runtime error: invalid memory address or nil pointer dereference [recovered]\n\
             \tpanic: E!\n\
             \tpanic: third\n\
             [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc={pc:#x}]\n{TRAILER}"
        ),
    );
}

#[test]
fn unrecovered_runtime_errors_print_their_error_text() {
    let exe = build("index", &format!("func rgo.main\n    enter rgo.main, 16\n{PANIC_INDEX}    ud2\n"));
    expect(&exe, 2, &format!("panic: runtime error: index out of range [5] with length 3\n{TRAILER}"));
    let exe = build("slice", "func rgo.main\n    enter rgo.main, 16\n    mov edi, 4\n    mov rsi, -3\n    mov edx, 2\n    rtcall rgo_panic_slice\n    ud2\n");
    expect(&exe, 2, &format!("panic: runtime error: slice bounds out of range [:-3:]\n{TRAILER}"));
    let exe = build(
        "sliceconvert",
        "func rgo.main\n    enter rgo.main, 16\n    mov edi, 3\n    mov esi, 4\n    rtcall rgo_panic_sliceconvert\n    ud2\n",
    );
    expect(
        &exe,
        2,
        &format!(
            "panic: runtime error: cannot convert slice with length 3 to pointer to array with length 4\n{TRAILER}"
        ),
    );
}

#[test]
fn a_panic_escaping_an_error_method_while_printing_is_fatal() {
    // E's Error panics with "bad" (Go 1.19's output, checked).
    let types = TYPES.replace(
        "e_error:\n    lea rax, [rip + e_text]\n    mov ebx, 2\n    ret",
        "e_error:\n    enter e_error, 16\n    lea rdi, [rip + string_type]\n    lea rsi, [rip + bad_hdr]\n    rtcall rgo_gopanic\n    ud2",
    );
    let exe = build(
        "error_panics",
        &format!(
            r#"{types}
    lit s_bad, "bad"
    .section .data.rel.ro
    .p2align 3
bad_hdr: .quad s_bad, s_bad_len
func rgo.main
    enter rgo.main, 16
    lea rdi, [rip + e_type]
    lea rsi, [rip + e_value]
    rtcall rgo_gopanic
    ud2
"#
        ),
    );
    expect(&exe, 2, &format!("fatal error: panic while printing panic value: bad\n{TRAILER}"));
}

#[test]
fn infinite_recursion_is_a_stack_overflow() {
    // 64 KiB frames, only their return addresses touched.
    let exe = build(
        "overflow",
        r#"
func inf
    enter inf, 65536
    call inf
    leave_ret

func rgo.main
    enter rgo.main, 16
    call inf
    leave_ret
"#,
    );
    let o = run(&exe);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], "runtime: goroutine stack exceeds 1000000000-byte limit", "{err}");
    let l1 = lines[1];
    assert!(l1.starts_with("runtime: sp=0x") && l1.contains(" stack=[0x") && l1.ends_with(']'), "{err}");
    assert_eq!(lines[2], "fatal error: stack overflow", "{err}");
    assert!(err.ends_with(TRAILER), "{err}");
}

#[test]
fn breakpoint_is_a_trace_trap() {
    let exe = build("breakpoint", "func rgo.main\n    enter rgo.main, 16\n    rtcall rgo_breakpoint\n    leave_ret\n");
    let pc = symbol(&exe, "rgo_breakpoint") + 1;
    expect(&exe, 2, &format!("SIGTRAP: trace trap\nPC={pc:#x} m=0 sigcode=128\n{TRAILER}"));
}

#[test]
fn a_frame_that_skips_its_check_hits_the_guard_page() {
    // A function that never checks and takes 8 KiB: the fault is in the
    // guard page below main's (8 KiB) segment.
    let exe = build(
        "guard",
        r#"
func nocheck
    sub rsp, 8192
    mov qword ptr [rsp], 0
    add rsp, 8192
    ret

func rgo.main
    enter rgo.main, 16
    call nocheck
    leave_ret
"#,
    );
    let o = run(&exe);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.starts_with("runtime: fault in the guard page below goroutine stack segment [0x"), "{err}");
    assert!(err.contains("): a frame skipped its stack check\nfatal error: stack overflow\n[signal SIGSEGV"), "{err}");
}

/// The `error` interface's descriptor (after [`TYPES`]), with real hashes:
/// method signatures are matched by type identity.
const ERROR_TYPE: &str = r#"
    .section .rodata
    .p2align 3
h_string_type:
    .quad 16, 8
    .long 398550328
    .byte 1, 8, 8, 24
    .quad string_name, 6, 0
    .p2align 3
h_outs: .quad h_string_type
h_func_string:
    .quad 8, 8
    .long 831551413
    .byte 0, 8, 8, 19
    .quad method_type_name, 13, 0
    .quad 0, 0
    .quad h_outs, 1
    .quad 0
    .p2align 3
error_methods: .quad error_name, 5, h_func_string
error_type:
    .quad 16, 16
    .long 563185489
    .byte 1, 8, 8, 20
    .quad error_type_name, 5, 0
    .quad error_methods, 1
error_type_name: .ascii "error"
"#;

/// fmt's printing through the formatter as GOROOT's fmt with rgo's file
/// calls it: `Println("hello", 42)` appended to a `[]byte` (grown on the
/// Go heap), then `Println("hello", 42, E(1))`, which declines (E has an
/// `Error` method for GOROOT's printer to call) and leaves the slice alone.
#[test]
fn fmt_appends_or_declines_on_methods() {
    let exe = build(
        "fmt",
        &format!(
            r#"{TYPES}
int_type:
    .quad 8, 0
    .long 0
    .byte 1, 8, 8, 2
    .quad int_name, 3, 0
int_name: .ascii "int"
    lit s_hello, "hello"
    .p2align 3
hello_hdr: .quad s_hello, s_hello_len
answer: .quad 42
println_args:
    .quad string_type, hello_hdr
    .quad int_type, answer
    .quad e_type, e_value
    .data
    .p2align 3
buf_hdr: .quad 0, 0, 0

func rgo.main
    enter rgo.main, 16
    lea rdi, [rip + buf_hdr]
    lea rsi, [rip + println_args]
    mov edx, 2
    mov ecx, 2
    mov r8d, 1
    rtcall rgo_fmt_append
    movzx eax, al
    print_int rax
    print_sp
    mov rdi, qword ptr [rip + buf_hdr]
    mov rsi, qword ptr [rip + buf_hdr + 8]
    rtcall rgo_print_string
    lea rdi, [rip + buf_hdr]
    lea rsi, [rip + println_args]
    mov edx, 3
    mov ecx, 3
    mov r8d, 1
    rtcall rgo_fmt_append
    movzx eax, al
    print_int rax
    print_sp
    print_int qword ptr [rip + buf_hdr + 8]
    print_end
    leave_ret
"#
        ),
    );
    let o = run(&exe);
    assert_eq!(stderr(&o), "1 hello 42\n0 9\n");
    assert_eq!(o.status.code(), Some(0));
}

/// `os.Args`, then `os.Exit(3)`: nothing after it runs.
#[test]
fn os_args_env_and_exit() {
    let exe = build(
        "os",
        &format!(
            r#"{TYPES}
{ERROR_TYPE}
    lit s_never, "not reached"
    .data
    .p2align 3
args_hdr: .quad 0, 0, 0

func rgo.main
    enter rgo.main, 16
    /* println(len(os.Args), os.Args[1]) */
    lea rdi, [rip + args_hdr]
    rtcall rgo_os_args
    print_int qword ptr [rip + args_hdr + 8]
    print_sp
    mov rax, qword ptr [rip + args_hdr]
    mov rdi, qword ptr [rax + 16]
    mov rsi, qword ptr [rax + 24]
    rtcall rgo_print_string
    print_end
    /* os.Exit(3) */
    mov edi, 3
    rtcall rgo_os_exit
    print_lit s_never
    print_end
    leave_ret
"#
        ),
    );
    let o = Command::new(&exe).arg("first").env("GOMAXPROCS", "1").output().expect("run program");
    assert_eq!(stderr(&o), "2 first\n");
    assert_eq!(o.status.code(), Some(3));
}

/// Runs `exe` `runs` times and returns the fastest wall time.
fn best_of(exe: &Path, runs: usize, want: &str) -> std::time::Duration {
    (0..runs)
        .map(|_| {
            let t = std::time::Instant::now();
            let o = run(exe);
            let d = t.elapsed();
            assert_eq!(stderr(&o), want);
            assert_eq!(o.status.code(), Some(0));
            d
        })
        .min()
        .unwrap()
}

/// The runtime's share of bench/go/defer_loop.go: 3,000,000 calls of a
/// function deferring one fresh closure, and 300,000 deferring ten.
/// `cargo test -p rt-core --test asm_programs -- --ignored perf_ --nocapture`
#[test]
#[ignore]
fn perf_defer_loop() {
    let exe = build(
        "perf_defer",
        r#"
    .bss
    .p2align 3
sink: .quad 0

/* func() with closure {code, n}: sink += n (a leaf) */
func dadd
    mov rax, qword ptr [rdx + 8]
    add qword ptr [rip + sink], rax
    ret

/* func loop(n, times int) { for i := 0; i < times; i++ { defer func() { sink += n }() } } */
func loop
    enter loop, 32
    mov qword ptr [rbp - 8], rax
    mov qword ptr [rbp - 16], rbx
1:  mov edi, 16
    xor esi, esi
    rtcall rgo_alloc
    lea rcx, [rip + dadd]
    mov qword ptr [rax], rcx
    mov rcx, qword ptr [rbp - 8]
    mov qword ptr [rax + 8], rcx
    mov rdi, rax
    mov rsi, rbp
    lea rdx, [rip + 2f]
    rtcall rgo_deferproc
    dec qword ptr [rbp - 16]
    jnz 1b
2:  lea rsp, [rbp - 32]
    mov rdi, rbp
    rtcall rgo_deferreturn
    leave_ret

func rgo.main
    enter rgo.main, 16
    mov qword ptr [rbp - 8], 0
1:  mov rax, qword ptr [rbp - 8]
    mov ebx, 1
    call loop
    inc qword ptr [rbp - 8]
    cmp qword ptr [rbp - 8], 3000000
    jb 1b
    mov qword ptr [rbp - 8], 0
1:  mov rax, qword ptr [rbp - 8]
    mov ebx, 10
    call loop
    inc qword ptr [rbp - 8]
    cmp qword ptr [rbp - 8], 300000
    jb 1b
    print_int qword ptr [rip + sink]
    print_end
    leave_ret
"#,
    );
    let d = best_of(&exe, 5, "4949997000000\n");
    println!("defer_loop: {d:?} ({:.1} ns per deferred call)", d.as_nanos() as f64 / 6_000_000.0);
}

/// bench/go/panic_recover.go: 1,000,000 panic + recover round trips.
#[test]
#[ignore]
fn perf_panic_recover() {
    let exe = build(
        "perf_panic",
        r#"
    .section .rodata
    .p2align 3
int_type:
    .quad 8, 0
    .long 0
    .byte 1, 8, 8, 2
    .quad int_name, 3, 0
int_name: .ascii "int"
    .section .data.rel.ro
    .p2align 3
drec_closure: .quad drec
    .bss
    .p2align 3
recovered: .quad 0
value: .quad 0

func drec
    enter drec, 16
    lea rdi, [rbp + 16]
    rtcall rgo_gorecover
    test rax, rax
    jz 1f
    inc qword ptr [rip + recovered]
1:  leave_ret

func round_trip
    enter round_trip, 16
    lea rdi, [rip + drec_closure]
    mov rsi, rbp
    lea rdx, [rip + 2f]
    rtcall rgo_deferproc
    lea rdi, [rip + int_type]
    lea rsi, [rip + value]
    rtcall rgo_gopanic
2:  lea rsp, [rbp - 16]
    mov rdi, rbp
    rtcall rgo_deferreturn
    leave_ret

func rgo.main
    enter rgo.main, 16
    mov qword ptr [rbp - 8], 0
1:  call round_trip
    inc qword ptr [rbp - 8]
    cmp qword ptr [rbp - 8], 1000000
    jb 1b
    print_int qword ptr [rip + recovered]
    print_end
    leave_ret
"#,
    );
    let d = best_of(&exe, 5, "1000000\n");
    println!("panic_recover: {d:?} ({:.1} ns per round trip)", d.as_nanos() as f64 / 1_000_000.0);
}

/// `func rec(n int) int`: 0 at 0, else rec(n-1) + 1, with the prologue
/// stack check; frame: saved RBP + 8.
const REC: &str = r#"
func rec
    lea r12, [rsp - 24]
    cmp r12, qword ptr [r14 + RGO_G_STACKGUARD]
    jae 1f
    mov qword ptr [rsp + 8], rax
    mov r12, 24
    mov r13, 8
    call rgo_morestack
    mov rax, qword ptr [rsp + 8]
    jmp rec
1:  push rbp
    mov rbp, rsp
    sub rsp, 16
    test rax, rax
    jz 2f
    dec rax
    call rec
    inc rax
2:  leave_ret
"#;

/// bench/go/recurse_1m.go: depth 1,000,000 with a 24-byte frame on a
/// fresh stack (about 24 MB: 12 segments), then the same again on the
/// warm (cached) segments; and a hot split: 10,000,000 calls across a
/// segment boundary.
#[test]
#[ignore]
fn perf_recursion_and_hot_split() {
    let exe = build(
        "perf_rec",
        &format!(
            "{REC}{}",
            r#"
func rgo.main
    enter rgo.main, 16
    mov eax, 1000000
    call rec
    print_int rax
    print_end
    leave_ret
"#
        ),
    );
    let fresh = best_of(&exe, 5, "1000000\n");
    println!("recurse_1m (process, fresh stack): {fresh:?}");
    let exe = build(
        "perf_rec2",
        &format!(
            "{REC}{}",
            r#"
func rgo.main
    enter rgo.main, 16
    mov qword ptr [rbp - 8], 11
1:  mov eax, 1000000
    call rec
    dec qword ptr [rbp - 8]
    jnz 1b
    print_int rax
    print_end
    leave_ret
"#
        ),
    );
    let eleven = best_of(&exe, 5, "1000000\n");
    println!("recurse_1m warm: {:?} per descent", (eleven - fresh) / 10);

    let exe = build(
        "perf_split",
        r#"
/* func big() with a frame that never fits below main's: a split per call */
func big
    enter big, 7800
    leave_ret

func rgo.main
    enter rgo.main, 16
    mov qword ptr [rbp - 8], 10000000
1:  call big
    dec qword ptr [rbp - 8]
    jnz 1b
    leave_ret
"#,
    );
    let d = best_of(&exe, 5, "");
    println!("hot split: {:.1} ns per call (morestack + lessstack)", d.as_nanos() as f64 / 10_000_000.0);
}
