//! Arbitrary bytes through the rgo front end: parse, then check and lower.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../src/front_end.rs"]
mod front_end;

fuzz_target!(|data: &[u8]| front_end::run(data));
