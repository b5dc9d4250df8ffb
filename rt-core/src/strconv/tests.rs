//! strconv.FormatFloat against Go 1.19's results (`tables.rs`, generated
//! by running the same calls through Go).

use super::tables::*;
use super::*;
use alloc::format;
use alloc::string::String;
use alloc::vec;

fn show(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn check(fails: &mut Vec<String>, what: String, got: &[u8], want: &[u8]) {
    if got != want {
        fails.push(format!("{what}\n   got: {:?}\n  want: {:?}", show(got), show(want)));
    }
}

fn finish(fails: Vec<String>) {
    assert!(fails.is_empty(), "{} mismatches:\n{}", fails.len(), fails.join("\n"));
}

#[test]
fn format_float_matches_go() {
    let fmts = b"beEfgGxX";
    let precs = [-1i64, 0, 3, 17];
    let mut fails = Vec::new();
    for &(bits, size, want) in FORMAT_FLOAT {
        let v = f64::from_bits(bits);
        let mut outs: Vec<String> = vec![];
        for &f in fmts {
            for &p in &precs {
                // SAFETY: a Go string on the heap.
                outs.push(show(unsafe { rgo_strconv_formatfloat(v, f, p, size).as_bytes() }));
            }
        }
        for p in [-1, 3] {
            // SAFETY: as above.
            outs.push(show(unsafe { rgo_strconv_formatfloat(v, b'z', p, size).as_bytes() }));
        }
        let got = outs.join("|");
        check(&mut fails, format!("FormatFloat({v:e} = {bits:#x}, bits {size})"), got.as_bytes(), want);
    }
    for &(bits, f, p, size, want) in FORMAT_FLOAT_WIDE {
        let v = f64::from_bits(bits);
        // SAFETY: as above.
        let got = unsafe { rgo_strconv_formatfloat(v, f, p, size).as_bytes() };
        check(&mut fails, format!("FormatFloat({v:e}, '{}', {p}, {size})", f as char), got, want);
    }
    finish(fails);
}
