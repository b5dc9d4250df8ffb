//! rgo: compiles Go programs to ABIInternal machine code.
//!
//! Source -> tokens -> AST ([`syntax`]) -> type-checked, lowered IR
//! ([`check`], [`ir`], cleaned up by [`opt`]) -> assembly for a [`target`] -> assembled and linked
//! with rt-core by the [`driver`].

pub mod check;
pub mod types;
pub mod diag;
pub mod driver;
pub mod ir;
pub mod load;
pub mod opt;
pub mod paths;
pub mod runtime_abi;
pub mod stack;
pub mod syntax;
pub mod isa;
