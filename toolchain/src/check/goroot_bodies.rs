//! Bodies rgo gives functions of GOROOT's packages in place of GOROOT's:
//! the one table of them (docs/stdlib.md).
//!
//! - A function GOROOT implements in assembly for the target is declared
//!   without a body; its package has a Go function that does the same for
//!   architectures without the assembly, under another name (`archExp` and
//!   `exp` in math). rgo compiles no assembly of Go's, so a call of the
//!   former calls the latter.
//! - A function whose work rt-core does faster, as gc makes it an
//!   instruction (math's `sqrt`, software in GOROOT; math/bits' `Mul64`),
//!   is one call of that rt-core entry point, as `//rgo:runtime` binds
//!   one; the optimizer makes some of those calls the instruction itself
//!   (`opt::strength::math_instructions`).
//! - internal/abi's `FuncPCABIInternal` and `FuncPCABI0`, which gc's
//!   compiler works out, read the code address out of the func value at
//!   run time (rgo has one ABI).
//! - internal/cpu's probes of the processor (assembly: `cpuid`) find
//!   nothing: no package of GOROOT's takes a path that needs a feature of
//!   the processor, each the portable Go one (`math` without FMA, `crc32`
//!   without its vector code, `crypto/aes` without AES-NI). rgo's runtime never calls
//!   `cpu.Initialize` anyway, so the probes never run. Assembly used
//!   only with such a feature is a fatal error if it is ever called.
//!   crypto/internal/boring's markers (`sig.StandardCrypto`) do nothing,
//!   as in GOROOT.
//! - syscall's assembly (`rawSyscallNoError`, `rawVforkSyscall`,
//!   `gettimeofday`) is rt-core's; what gc's runtime gives syscall, os and
//!   internal/poll by `//go:linkname`, rgo's runtime gives the same way
//!   (`toolchain/lib/runtime/syscall.go`), not through this table.

use crate::runtime_abi as rt;

/// What a function of the table becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// The package's own Go function of this name, with the same
    /// signature: callers call it instead.
    Fallback(&'static str),
    /// One C-ABI call of this rt-core entry point (listed in
    /// `runtime_abi::LIB_ENTRIES`).
    Runtime(&'static str),
    /// Results all zero.
    Zero,
    /// A fatal error: assembly GOROOT calls only when the processor has a
    /// feature, which internal/cpu finds it has not (crc32's SSE 4.2 code).
    Unreachable,
}

/// (package path, function, body), for every target: where GOROOT has
/// assembly for one of rgo's targets and not another, the fallback is the
/// one GOROOT compiles for the other.
pub const BODIES: &[(&str, &str, Body)] = &[
    ("crypto/internal/boring/sig", "BoringCrypto", Body::Zero),
    ("crypto/internal/boring/sig", "FIPSOnly", Body::Zero),
    ("crypto/internal/boring/sig", "StandardCrypto", Body::Zero),
    ("crypto/aes", "decryptBlockAsm", Body::Unreachable),
    ("crypto/aes", "encryptBlockAsm", Body::Unreachable),
    ("crypto/aes", "expandKeyAsm", Body::Unreachable),
    ("crypto/aes", "gcmAesData", Body::Unreachable),
    ("crypto/aes", "gcmAesDec", Body::Unreachable),
    ("crypto/aes", "gcmAesEnc", Body::Unreachable),
    ("crypto/aes", "gcmAesFinish", Body::Unreachable),
    ("crypto/aes", "gcmAesInit", Body::Unreachable),
    ("crypto/cipher", "xorBytesARM64", Body::Runtime(rt::XOR_BYTES)),
    ("crypto/cipher", "xorBytesSSE2", Body::Runtime(rt::XOR_BYTES)),
    ("crypto/md5", "block", Body::Fallback("blockGeneric")),
    ("crypto/sha1", "blockAMD64", Body::Fallback("blockGeneric")),
    ("crypto/sha1", "blockAVX2", Body::Fallback("blockGeneric")),
    ("crypto/sha1", "sha1block", Body::Unreachable),
    ("crypto/sha256", "block", Body::Fallback("blockGeneric")),
    ("crypto/sha256", "sha256block", Body::Unreachable),
    ("crypto/sha512", "blockAMD64", Body::Fallback("blockGeneric")),
    ("crypto/sha512", "blockAVX2", Body::Fallback("blockGeneric")),
    ("hash/crc32", "castagnoliSSE42", Body::Unreachable),
    ("hash/crc32", "castagnoliSSE42Triple", Body::Unreachable),
    ("hash/crc32", "castagnoliUpdate", Body::Unreachable),
    ("hash/crc32", "ieeeCLMUL", Body::Unreachable),
    ("hash/crc32", "ieeeUpdate", Body::Unreachable),
    ("internal/abi", "FuncPCABI0", Body::Runtime(rt::FUNC_PC)),
    ("internal/abi", "FuncPCABIInternal", Body::Runtime(rt::FUNC_PC)),
    ("internal/cpu", "cpuid", Body::Zero),
    ("internal/cpu", "getGOAMD64level", Body::Zero),
    ("internal/cpu", "getMIDR", Body::Zero),
    ("internal/cpu", "getisar0", Body::Zero),
    ("internal/cpu", "xgetbv", Body::Zero),
    ("math", "archCeil", Body::Fallback("ceil")),
    ("math", "archExp", Body::Fallback("exp")),
    ("math", "archExp2", Body::Fallback("exp2")),
    ("math", "archFloor", Body::Fallback("floor")),
    ("math", "archHypot", Body::Fallback("hypot")),
    ("math", "archLog", Body::Fallback("log")),
    ("math", "archMax", Body::Fallback("max")),
    ("math", "archMin", Body::Fallback("min")),
    ("math", "archModf", Body::Fallback("modf")),
    ("math", "archSqrt", Body::Fallback("sqrt")),
    ("math", "archTrunc", Body::Fallback("trunc")),
    ("math", "ceil", Body::Runtime(rt::MATH_CEIL)),
    ("math", "floor", Body::Runtime(rt::MATH_FLOOR)),
    ("math", "sqrt", Body::Runtime(rt::MATH_SQRT)),
    ("math", "trunc", Body::Runtime(rt::MATH_TRUNC)),
    ("math/bits", "Mul64", Body::Runtime(rt::MATH_MUL64)),
    ("strconv", "FormatFloat", Body::Runtime(rt::STRCONV_FORMAT_FLOAT)),
    ("syscall", "cgocaller", Body::Unreachable),
    ("syscall", "gettimeofday", Body::Runtime(rt::GETTIMEOFDAY)),
    ("syscall", "rawSyscallNoError", Body::Runtime(rt::SYSCALL_NOERROR)),
    ("syscall", "rawVforkSyscall", Body::Runtime(rt::VFORK_SYSCALL)),
];

/// The body rgo gives function `name` of package `path`, if any.
pub fn body(path: &str, name: &str) -> Option<Body> {
    BODIES.iter().find(|(p, n, _)| *p == path && *n == name).map(|b| b.2)
}

#[cfg(test)]
mod tests {
    /// Each runtime body is an entry point library code may bind, and each
    /// fallback is a function of the table's package in GOROOT (when there
    /// is a GOROOT to look in).
    #[test]
    fn bodies_name_what_exists() {
        let goroot = crate::load::goroot();
        for &(path, name, body) in super::BODIES {
            match body {
                super::Body::Runtime(entry) => assert!(crate::runtime_abi::LIB_ENTRIES.contains(&entry), "{path}.{name}: {entry}"),
                super::Body::Zero | super::Body::Unreachable => {}
                super::Body::Fallback(go) => {
                    let Some(root) = &goroot else { continue };
                    let dir = root.join("src").join(path);
                    let found = std::fs::read_dir(&dir)
                        .unwrap()
                        .filter_map(|e| e.ok())
                        .filter(|e| e.file_name().to_string_lossy().ends_with(".go"))
                        .any(|e| std::fs::read_to_string(e.path()).unwrap().contains(&format!("\nfunc {go}(")));
                    assert!(found, "{path}.{name}: no func {go} in {}", dir.display());
                }
            }
        }
    }
}
