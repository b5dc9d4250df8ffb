/*
 * rgo_abi.h - the one place where constants and layouts shared by the
 * per-architecture assembly (asm/<arch>.S) and Rust are written.
 *
 * The assembly includes this file directly. The Rust side is generated from
 * it by bindgen (ci/gen-bindings), once per architecture, into
 * rt-arch/src/bindings/<arch>.rs; a test fails when those files are stale.
 *
 * Register conventions follow Go's ABIInternal
 * (/usr/lib/go-1.19/src/cmd/compile/abi-internal.md):
 *   amd64   ints RAX RBX RCX RDI RSI R8 R9 R10 R11     floats X0-X14
 *           closure context RDX, goroutine R14, X15 zero
 *   arm64   ints R0-R15                                floats F0-F15
 *           closure context R26, goroutine R28
 *   riscv64 ints X10-X17 X8 X9 X18-X23                 floats F10-F17 F8 F9 F18-F23
 *           closure context X26, goroutine X27
 */
#ifndef RGO_ABI_H
#define RGO_ABI_H

#if defined(__x86_64__)
#define RGO_INT_ARG_REGS 9
#define RGO_FLOAT_ARG_REGS 15
/* Stack arguments start at the stack pointer of the call instruction. */
#define RGO_FIXED_FRAME_SIZE 0
#elif defined(__aarch64__)
#define RGO_INT_ARG_REGS 16
#define RGO_FLOAT_ARG_REGS 16
/* 0(SP) of the caller holds its own saved link register: arguments start at 8(SP). */
#define RGO_FIXED_FRAME_SIZE 8
#elif defined(__riscv) && __riscv_xlen == 64
#define RGO_INT_ARG_REGS 16
#define RGO_FLOAT_ARG_REGS 16
#define RGO_FIXED_FRAME_SIZE 8
#else
#error "rgo supports amd64, arm64 and riscv64"
#endif

#define RGO_PTR_SIZE 8
/* Every float argument register is spilled as 8 bytes. */
#define RGO_FLOAT_REG_SIZE 8
/* Bytes of the ReturnIsPtr bitmap: one bit per integer register. */
#define RGO_RETURN_IS_PTR_BYTES 2

/* ---- register block (Go's abi.RegArgs) ------------------------------- */
#define RGO_REGS_INTS 0
#define RGO_REGS_FLOATS (RGO_REGS_INTS + RGO_INT_ARG_REGS * 8)
#define RGO_REGS_PTRS (RGO_REGS_FLOATS + RGO_FLOAT_ARG_REGS * 8)
#define RGO_REGS_RETURN_IS_PTR (RGO_REGS_PTRS + RGO_INT_ARG_REGS * 8)
/* Size rounded up to 16 so the block can sit anywhere in an aligned frame. */
#define RGO_REGS_SIZE ((RGO_REGS_RETURN_IS_PTR + RGO_RETURN_IS_PTR_BYTES + 15) & ~15)

/* ---- reflectcall frame descriptor ------------------------------------ */
#define RGO_CALL_FN 0
#define RGO_CALL_STACK_ARGS 8
#define RGO_CALL_REGS 16
#define RGO_CALL_STACK_ARGS_SIZE 24
#define RGO_CALL_STACK_RET_OFFSET 28
#define RGO_CALL_FRAME_SIZE 32
#define RGO_CALL_FLAGS 36
#define RGO_CALL_SIZE 40

/* Flags of rgo_call_frame.flags: which register classes a call uses.
 * They only skip work; a call with every flag set is always correct. */
#define RGO_CALL_FLOAT_ARGS 1
#define RGO_CALL_FLOAT_RESULTS 2
#define RGO_CALL_PTR_RESULTS 4

/* reflectcall's trampolines reserve power-of-two frames from
 * RGO_CALL_MIN_FRAME to RGO_CALL_MAX_FRAME bytes; larger frames are refused
 * by reflect before any assembly runs. */
#define RGO_CALL_MIN_FRAME 16
#define RGO_CALL_MAX_FRAME (1 << 20)

/* The direct calls (rt-arch's `direct` module: the callee's registers
 * loaded straight from Rust values, no frame descriptor) always reserve
 * this many bytes for the callee's stack arguments, stack results and
 * spill area; a call whose stack area plus spill area is larger goes
 * through rgo_reflectcall. It covers every prepared typed call (at most 13
 * scalar inputs and 12 scalar results: 25 words of stack area, 13 of
 * spill) and keeps a direct call within one page of stack below its
 * caller's. */
#define RGO_DIRECT_FRAME 512

/* ---- make-func closure ------------------------------------------------ */
/* A make-func closure is a Go func value: its first word is the code pointer
 * (rgo_make_func_stub) and its second the Rust handler the stub calls. */
#define RGO_CLOSURE_CODE 0
#define RGO_CLOSURE_HANDLER 8

/* ---- the goroutine ---------------------------------------------------- */
/* rt-core's goroutine record starts with these words; the goroutine
 * register (amd64 R14) points at it. Compiled prologues, rt-core's assembly
 * and its Rust read them at these offsets. */
#define RGO_G_STACKGUARD 0  /* a frame whose lowest byte falls below this needs more stack */
#define RGO_G_STACK_LO 8    /* the current stack segment: [lo, hi) */
#define RGO_G_STACK_HI 16
#define RGO_G_SYS_SP 24     /* the system stack pointer runtime calls switch to (16-aligned) */
#define RGO_G_GO_SP 32      /* the goroutine stack pointer saved by that switch */
#define RGO_G_DEFER 40      /* innermost pending defer record */
#define RGO_G_PANIC 48      /* innermost active panic */
#define RGO_G_SEGMENT 56    /* the current stack segment's record */
#define RGO_G_GO_PC 64      /* the return address of the latest runtime call made by Go code */
#define RGO_G_M 72          /* the thread record (rt-core's M) running it */
#define RGO_G_HEADER_SIZE 80

/* rt-core's thread record (threads.rs; g.rs's ThreadHead) starts with the
 * top of the thread's scheduler stack, where the runtime lock's slow paths
 * and the allocation fast path run, then its allocation cache (gc/cache.rs;
 * 0 until the thread runs Go code with several processors). */
#define RGO_M_SCHED_TOP 0
#define RGO_M_ALLOC_CACHE 8

/* ---- the collector's tables (emitted by the compiler, read by rt-core) ---- */
/* One record per compiled function (data go.gcfuncs): where its code is;
 * which words of its frame may hold pointers a frame stopped at a fault
 * still needs (what its landing pads read), and which words of its incoming
 * stack argument area may hold pointers (for the whole body: its
 * pointer-holding slots are zeroed at entry); its safepoints: at each call,
 * the frame words live there; its stack objects; its name, source file and
 * the line of each stretch of its code, for runtime.Caller and tracebacks.
 * Bit k of a bitmap is
 * bitmap[k / 8] >> (k % 8) & 1. */
#define RGO_GCFUNC_START 0       /* u64: the function's first instruction */
#define RGO_GCFUNC_END 8         /* u64: one past its last instruction */
#define RGO_GCFUNC_FRAME_SIZE 16 /* u32: bytes below the frame pointer (the body's frame) */
#define RGO_GCFUNC_ARGS_WORDS 20 /* u32: words of the incoming stack area described */
#define RGO_GCFUNC_BITMAP 24     /* u64: pointer to bits: FRAME_SIZE/8 frame bits, then ARGS_WORDS bits */
#define RGO_GCFUNC_NSAFE 32      /* u64: safepoint records */
#define RGO_GCFUNC_SAFE 40       /* u64: pointer to NSAFE RGO_GCSAFE records, by address */
#define RGO_GCFUNC_NOBJ 48       /* u64: stack object records */
#define RGO_GCFUNC_OBJS 56       /* u64: pointer to NOBJ RGO_GCOBJ records, by offset */
#define RGO_GCFUNC_NAME 64       /* u64: pointer to its Go name (main.(*T).M; bytes, no NUL) */
#define RGO_GCFUNC_NAME_LEN 72   /* u32: the name's length */
#define RGO_GCFUNC_LINE 76       /* u32: the line it is declared at */
#define RGO_GCFUNC_FILE 80       /* u64: pointer to its source file's path (bytes, no NUL) */
#define RGO_GCFUNC_FILE_LEN 88   /* u32: the path's length */
#define RGO_GCFUNC_FLAGS 92      /* u32: RGO_GCFUNC_NO_PARAMS */
#define RGO_GCFUNC_NLINES 96     /* u64: line records */
#define RGO_GCFUNC_LINES 104     /* u64: pointer to NLINES RGO_GCLINE records, by address */
#define RGO_GCFUNC_NINL 112      /* u32: a compiled function's inlined calls (records at INL) */
#define RGO_GCFUNC_INL_INDEX 116 /* u32: 0 for a compiled function; an inlined call's record: its
                                  * index in its function's INL records + 1 */
#define RGO_GCFUNC_INL 120       /* u64: a compiled function's NINL records of this layout, one per
                                  * call inlined into it (name, file, LINE and FLAGS the inlined
                                  * function's; START the call site: an instruction of the caller
                                  * at the call's line; END, NLINES, LINES the caller's); an
                                  * inlined call's: its compiled function's record */
#define RGO_GCFUNC_SIZE 128
#define RGO_GCFUNC_NO_PARAMS 1   /* flag: no parameters (tracebacks print `f()`, else `f(...)`) */
#define RGO_GCFUNC_FRAMELESS 2   /* flag: a leaf that keeps no frame (no frame pointer saved, FRAME_SIZE
                                  * and ARGS_WORDS 0): stopped at a fault, its return address is
                                  * where the ISA's call left it (docs/gc.md) */
/* One safepoint: a call. A frame stopped in that call (its return address at
 * or before PC, after the previous safepoint's PC) is scanned by BITMAP. */
#define RGO_GCSAFE_PC 0          /* u64: the code address right after the call's sequence */
#define RGO_GCSAFE_BITMAP 8      /* u64: pointer to FRAME_SIZE/8 frame bits: the words live
                                  * while the callee runs in a frame of its own */
#define RGO_GCSAFE_CALL_BITMAP 16 /* u64: pointer to FRAME_SIZE/8 frame bits: BITMAP and the
                                   * call's operands, for a frame that stands in the runtime
                                   * or in a callee's prologue (its register arguments) */
#define RGO_GCSAFE_SIZE 24
/* One line record: the code from PC up to the next record's PC (or the
 * function's end) is source line LINE's; code before the first record is the
 * declaration's line (runtime.Caller, tracebacks). */
#define RGO_GCLINE_PC 0          /* u64: the first instruction of the line's code */
#define RGO_GCLINE_LINE 8        /* u32: the source line */
#define RGO_GCLINE_INL 12        /* u32: 0: a line of the function; k + 1: of the function its
                                  * k-th inlined call (RGO_GCFUNC_INL) copied in */
#define RGO_GCLINE_SIZE 16
/* One stack object: a frame variable whose address is taken. The safepoint
 * bitmaps leave it out where only pointers to it can still reach it; the
 * collector scans it when some pointer it follows points into it (or at a
 * fault, by the whole-body bitmap). */
#define RGO_GCOBJ_OFFSET 0       /* u32: its first byte, from the body's stack pointer */
#define RGO_GCOBJ_WORDS 4        /* u32: its size in words (rounded up), as many bits */
#define RGO_GCOBJ_BITMAP 8       /* u64: pointer to WORDS bits */
#define RGO_GCOBJ_SIZE 16
/* One record per package-level variable that can hold pointers (data go.gcglobals). */
#define RGO_GCGLOBAL_ADDR 0      /* u64: the variable's address */
#define RGO_GCGLOBAL_WORDS 8     /* u64: words described */
#define RGO_GCGLOBAL_BITMAP 16   /* u64: pointer to WORDS bits */
#define RGO_GCGLOBAL_SIZE 24

/* Stack sizes. Every function whose frame is larger than RGO_STACK_SMALL,
 * or that makes calls, checks in its prologue that
 * entry_sp - (its frame) >= stackguard; stackguard = stack_lo +
 * RGO_STACK_GUARD leaves room for the small leaf functions that do not
 * check. A frame of at most RGO_STACK_GUARD - RGO_STACK_SMALL - 16 bytes
 * checks entry_sp >= stackguard alone: a small leaf's frame and return
 * address still fit below it. Runtime calls run on the system stack, so a
 * goroutine's own stack holds only Go frames and can start small. */
#define RGO_STACK_SMALL 128
#define RGO_STACK_GUARD 256
#define RGO_STACK_MIN 8192
#define RGO_STACK_MAX 1000000000

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Go's abi.RegArgs: the argument/result registers as memory. */
typedef struct rgo_reg_args {
    uint64_t ints[RGO_INT_ARG_REGS];
    uint64_t floats[RGO_FLOAT_ARG_REGS];
    /* Pointer-typed copies of ints: a collector scans these, never ints. */
    void *ptrs[RGO_INT_ARG_REGS];
    /* Bit i set: result register ints[i] holds a pointer. */
    uint8_t return_is_ptr[RGO_RETURN_IS_PTR_BYTES];
} __attribute__((aligned(16))) rgo_reg_args;

/* What rgo_reflectcall needs to make one call. */
typedef struct rgo_call_frame {
    /* The Go func value (closure): its first word is the code pointer;
     * the closure context register holds it during the call. */
    const void *fn;
    /* stack_args_size bytes: stack arguments, then stack results at
     * stack_ret_offset. Results are copied back here after the call. */
    void *stack_args;
    rgo_reg_args *regs;
    uint32_t stack_args_size;
    uint32_t stack_ret_offset;
    /* Bytes the callee may use above the fixed frame: arguments, results
     * and spill area. At most RGO_CALL_MAX_FRAME. */
    uint32_t frame_size;
    uint32_t flags;
} rgo_call_frame;

/* The Rust function a make-func closure's stub calls with the incoming
 * register arguments spilled into regs and a pointer to the stack
 * arguments. It writes register results into regs and stack results into
 * stack_args; the stub loads the registers from regs before returning. */
typedef void (*rgo_make_func_handler)(const void *closure, void *stack_args,
                                      rgo_reg_args *regs);

typedef struct rgo_make_func_closure_header {
    const void *code;
    rgo_make_func_handler handler;
} rgo_make_func_closure_header;

/* Calls frame->fn with Go's ABIInternal (see the assembly for details).
 * The goroutine register is not set: the caller's value passes through. */
void rgo_reflectcall(const rgo_call_frame *frame);
/* rgo_spill_args / rgo_unspill_args move every argument register to / from
 * a register block. They have an assembly-only convention (the block's
 * address in a scratch register that carries no argument: amd64 R12,
 * arm64 R20, riscv64 X25), so they are not declared here. */
/* Test helper: loads in's ints/floats into the argument registers with
 * rgo_unspill_args, then stores them into out with rgo_spill_args. */
void rgo_regs_roundtrip(const rgo_reg_args *in, rgo_reg_args *out);
/* Entry of every make-func closure (ABIInternal; never called from C). */
void rgo_make_func_stub(void);
#endif /* __ASSEMBLER__ */

#endif /* RGO_ABI_H */
