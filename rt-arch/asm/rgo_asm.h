/*
 * rgo_asm.h - assembler-only helpers shared by asm/<arch>.S and
 * asm/fixtures/<arch>.S. Layouts and constants live in rgo_abi.h; this file
 * only has directives that every architecture spells the same way.
 */
#ifndef RGO_ASM_H
#define RGO_ASM_H

#include "rgo_abi.h"

/*
 * The reflectcall trampoline sizes, smallest first. The list is spelled out
 * because the symbol names need the decimal size; rgo_asm_check_sizes below
 * ties its ends to RGO_CALL_MIN_FRAME and RGO_CALL_MAX_FRAME.
 */
#define RGO_CALL_SIZES \
    16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, \
    65536, 131072, 262144, 524288, 1048576

/*
 * Trampolines whose frame is larger than this touch it one step at a time
 * while moving SP down (a stack probe, as compilers emit for big frames), so
 * that running out of stack hits the guard page rather than skipping over
 * it into unrelated memory. 4 KiB is the smallest page size of all three
 * architectures. (Go functions check their stack bound in the prologue
 * instead; reflectcall runs on whatever stack its Rust caller has.)
 */
#define RGO_STACK_PROBE_STEP 4096

/* Fails the assembly if RGO_CALL_SIZES is not the powers of two from
 * RGO_CALL_MIN_FRAME to RGO_CALL_MAX_FRAME. */
.macro rgo_asm_check_sizes
    .set rgo_expected_size, RGO_CALL_MIN_FRAME
    .irp size, RGO_CALL_SIZES
        .if \size != rgo_expected_size
            .error "RGO_CALL_SIZES does not match RGO_CALL_MIN_FRAME"
        .endif
        .set rgo_expected_size, rgo_expected_size * 2
    .endr
    .if rgo_expected_size != RGO_CALL_MAX_FRAME * 2
        .error "RGO_CALL_SIZES does not end at RGO_CALL_MAX_FRAME"
    .endif
.endm

/* Opens a global function: alignment, symbol type, and the label. */
.macro rgo_func name
    .text
    .globl \name
    .type \name, @function
    .p2align 4
\name:
.endm

/*
 * Like rgo_func, in a section of its own (.text.<name>), so that the
 * linker's --gc-sections keeps only the routines a program uses (rt-core's
 * asm/runtime/<arch>.S: rgo_reflectcall_g pulls in the whole reflectcall
 * family, which most programs never need).
 */
.macro rgo_section_func name
    .section .text.\name, "ax", @progbits
    .globl \name
    .type \name, @function
    .p2align 4
\name:
.endm

/* Like rgo_func, for routines with an internal (non-C, non-Go) convention
 * that nothing outside this library should link against. */
.macro rgo_func_hidden name
    rgo_func \name
    .hidden \name
.endm

/* Closes a function opened with rgo_func. */
.macro rgo_endfunc name
    .size \name, . - \name
.endm

/*
 * Emits `<name>_closure`: a read-only Go func value (one word, the code
 * address of `name`) so Rust can pass a plain assembly function where a
 * closure pointer is expected.
 */
.macro rgo_static_closure name
    .pushsection .data.rel.ro.\name\()_closure, "aw"
    .p2align 3
    .globl \name\()_closure
    .type \name\()_closure, @object
    .size \name\()_closure, 8
\name\()_closure:
    .quad \name
    .popsection
.endm

#endif /* RGO_ASM_H */
