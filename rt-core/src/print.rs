//! The `print` and `println` builtins, formatted exactly as Go's runtime
//! formats them (`runtime/print.go`), written to standard error.
//!
//! Compiled code calls one `rgo_print_*` function per operand (and
//! `rgo_print_sp`/`rgo_print_nl` between and after them), then
//! `rgo_print_end`. The pieces of one statement collect in a buffer that
//! `rgo_print_end` writes out with one system call, so a statement's output
//! is not cut into pieces by other output (Go takes a print lock for the
//! same reason). A statement longer than the buffer is written in parts.
//!
//! The formatting functions write to any [`Sink`]; the panic messages use
//! them too, and the tests format into memory.

use crate::os;

/// Where formatted bytes go.
pub trait Sink {
    fn put(&mut self, b: &[u8]);
}

impl Sink for alloc::vec::Vec<u8> {
    fn put(&mut self, b: &[u8]) {
        self.extend_from_slice(b);
    }
}

/// Bytes waiting for the end of a print statement.
pub struct PrintBuf {
    len: usize,
    buf: [u8; 512],
}

impl PrintBuf {
    pub const fn new() -> PrintBuf {
        PrintBuf { len: 0, buf: [0; 512] }
    }

    /// Writes the pending bytes to standard error.
    pub fn flush(&mut self) {
        os::write_all(2, &self.buf[..self.len]);
        self.len = 0;
    }
}

impl Default for PrintBuf {
    fn default() -> PrintBuf {
        PrintBuf::new()
    }
}

impl Sink for PrintBuf {
    fn put(&mut self, mut b: &[u8]) {
        while !b.is_empty() {
            if self.len == self.buf.len() {
                self.flush();
            }
            let n = b.len().min(self.buf.len() - self.len);
            self.buf[self.len..self.len + n].copy_from_slice(&b[..n]);
            self.len += n;
            b = &b[n..];
        }
    }
}

/// The buffer behind the print builtins and the runtime's own messages.
pub static OUT: spin::Mutex<PrintBuf> = spin::Mutex::new(PrintBuf::new());

/// Runs `f` with the print buffer. `f` must not call Go code or print
/// through `OUT` itself (the lock is not reentrant).
#[inline]
pub fn with_out(f: impl FnOnce(&mut PrintBuf)) {
    f(&mut OUT.lock());
}

/// Go's `printuint`: decimal digits.
pub fn fmt_uint<S: Sink + ?Sized>(s: &mut S, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    s.put(&buf[i..]);
}

/// Go's `printint`: a minus sign, then the magnitude (the most negative
/// value included).
pub fn fmt_int<S: Sink + ?Sized>(s: &mut S, v: i64) {
    if v < 0 {
        s.put(b"-");
    }
    fmt_uint(s, v.unsigned_abs());
}

/// Go's `printhex`: `0x` and lowercase hex digits, no padding.
pub fn fmt_hex<S: Sink + ?Sized>(s: &mut S, mut v: u64) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut buf = [0u8; 18];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[(v & 15) as usize];
        v >>= 4;
        if v == 0 {
            break;
        }
    }
    i -= 2;
    buf[i] = b'0';
    buf[i + 1] = b'x';
    s.put(&buf[i..]);
}

pub fn fmt_bool<S: Sink + ?Sized>(s: &mut S, v: bool) {
    s.put(if v { b"true" } else { b"false" });
}

/// Go's `printfloat`: `NaN`, `+Inf`, `-Inf`, or a sign, seven significant
/// digits and a three-digit exponent (`+1.500000e+000`).
///
/// The digits come from the same float operations as Go's (scale by 10
/// until the value is in [1, 10), add half a unit of the last digit, peel
/// digits off by truncation), not from an exact conversion, because the
/// output has to match Go's digit for digit, rounding quirks included.
pub fn fmt_float<S: Sink + ?Sized>(s: &mut S, v: f64) {
    if v.is_nan() {
        return s.put(b"NaN");
    }
    if v + v == v && v > 0.0 {
        return s.put(b"+Inf");
    }
    if v + v == v && v < 0.0 {
        return s.put(b"-Inf");
    }
    const DIGITS: usize = 7;
    let mut buf = [0u8; DIGITS + 7];
    buf[0] = b'+';
    let mut exp: i32 = 0;
    let mut v = v;
    if v == 0.0 {
        if v.is_sign_negative() {
            buf[0] = b'-';
        }
    } else {
        if v < 0.0 {
            v = -v;
            buf[0] = b'-';
        }
        while v >= 10.0 {
            exp += 1;
            v /= 10.0;
        }
        while v < 1.0 {
            exp -= 1;
            v *= 10.0;
        }
        // Half a unit in the last printed digit, built by the same
        // divisions Go performs.
        let mut half = 5.0;
        for _ in 0..DIGITS {
            half /= 10.0;
        }
        v += half;
        if v >= 10.0 {
            exp += 1;
            v /= 10.0;
        }
    }
    for i in 0..DIGITS {
        let d = v as i64;
        buf[i + 2] = (d as u8).wrapping_add(b'0');
        v -= d as f64;
        v *= 10.0;
    }
    buf[1] = buf[2];
    buf[2] = b'.';
    buf[DIGITS + 2] = b'e';
    buf[DIGITS + 3] = b'+';
    if exp < 0 {
        exp = -exp;
        buf[DIGITS + 3] = b'-';
    }
    buf[DIGITS + 4] = b'0' + (exp / 100) as u8;
    buf[DIGITS + 5] = b'0' + ((exp / 10) % 10) as u8;
    buf[DIGITS + 6] = b'0' + (exp % 10) as u8;
    s.put(&buf);
}

/// Go's `printcomplex`: `(` real imaginary `i)`.
pub fn fmt_complex<S: Sink + ?Sized>(s: &mut S, re: f64, im: f64) {
    s.put(b"(");
    fmt_float(s, re);
    fmt_float(s, im);
    s.put(b"i)");
}

/// Go's `printslice`: `[len/cap]` and the array pointer.
pub fn fmt_slice<S: Sink + ?Sized>(s: &mut S, ptr: usize, len: i64, cap: i64) {
    s.put(b"[");
    fmt_int(s, len);
    s.put(b"/");
    fmt_int(s, cap);
    s.put(b"]");
    fmt_hex(s, ptr as u64);
}

/// Go's `printeface`/`printiface`: `(word0,word1)` in hex.
pub fn fmt_iface<S: Sink + ?Sized>(s: &mut S, w0: usize, w1: usize) {
    s.put(b"(");
    fmt_hex(s, w0 as u64);
    s.put(b",");
    fmt_hex(s, w1 as u64);
    s.put(b")");
}

#[no_mangle]
pub extern "C" fn rgo_print_int(v: i64) {
    with_out(|o| fmt_int(o, v));
}

#[no_mangle]
pub extern "C" fn rgo_print_uint(v: u64) {
    with_out(|o| fmt_uint(o, v));
}

#[no_mangle]
pub extern "C" fn rgo_print_float(v: f64) {
    with_out(|o| fmt_float(o, v));
}

#[no_mangle]
pub extern "C" fn rgo_print_complex(re: f64, im: f64) {
    with_out(|o| fmt_complex(o, re, im));
}

#[no_mangle]
pub extern "C" fn rgo_print_bool(v: u8) {
    with_out(|o| fmt_bool(o, v != 0));
}

/// # Safety
/// `(ptr, len)` must be a Go string: `len` readable bytes at `ptr`.
#[no_mangle]
pub unsafe extern "C" fn rgo_print_string(ptr: *const u8, len: usize) {
    // SAFETY: the caller passes a Go string.
    let b = unsafe { crate::GoString { ptr, len }.as_bytes() };
    with_out(|o| o.put(b));
}

#[no_mangle]
pub extern "C" fn rgo_print_pointer(p: usize) {
    with_out(|o| fmt_hex(o, p as u64));
}

#[no_mangle]
pub extern "C" fn rgo_print_iface(w0: usize, w1: usize) {
    with_out(|o| fmt_iface(o, w0, w1));
}

#[no_mangle]
pub extern "C" fn rgo_print_slice(ptr: usize, len: i64, cap: i64) {
    with_out(|o| fmt_slice(o, ptr, len, cap));
}

#[no_mangle]
pub extern "C" fn rgo_print_sp() {
    with_out(|o| o.put(b" "));
}

#[no_mangle]
pub extern "C" fn rgo_print_nl() {
    with_out(|o| o.put(b"\n"));
}

/// The end of one print statement: everything it printed goes out.
#[no_mangle]
pub extern "C" fn rgo_print_end() {
    with_out(|o| o.flush());
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    use crate::testutil::show;

    fn float(v: f64) -> String {
        show(|s| fmt_float(s, v))
    }

    #[test]
    fn integers() {
        assert_eq!(show(|s| fmt_int(s, 0)), "0");
        assert_eq!(show(|s| fmt_int(s, -42)), "-42");
        assert_eq!(show(|s| fmt_int(s, i64::MIN)), "-9223372036854775808");
        assert_eq!(show(|s| fmt_int(s, i64::MAX)), "9223372036854775807");
        assert_eq!(show(|s| fmt_uint(s, u64::MAX)), "18446744073709551615");
        assert_eq!(show(|s| fmt_hex(s, 0)), "0x0");
        assert_eq!(show(|s| fmt_hex(s, 0xc000012345)), "0xc000012345");
        assert_eq!(show(|s| fmt_hex(s, u64::MAX)), "0xffffffffffffffff");
        assert_eq!(show(|s| fmt_bool(s, true)), "true");
        assert_eq!(show(|s| fmt_bool(s, false)), "false");
    }

    /// Expected strings are what `println(x)` prints with Go 1.19 on amd64.
    #[test]
    fn floats_match_go() {
        let cases: &[(f64, &str)] = &[
            (0.0, "+0.000000e+000"),
            (-0.0, "-0.000000e+000"),
            (1.0, "+1.000000e+000"),
            (1.5, "+1.500000e+000"),
            (-1.5, "-1.500000e+000"),
            (core::f64::consts::PI, "+3.141593e+000"),
            (100.0, "+1.000000e+002"),
            (0.1, "+1.000000e-001"),
            (1e100, "+1.000000e+100"),
            (1e-100, "+1.000000e-100"),
            (123456789.0, "+1.234568e+008"),
            (9.9999999, "+1.000000e+001"),
            (f64::MAX, "+1.797693e+308"),
            (f64::MIN_POSITIVE, "+2.225074e-308"),
            (5e-324, "+4.940656e-324"),
            (f64::INFINITY, "+Inf"),
            (f64::NEG_INFINITY, "-Inf"),
            (f64::NAN, "NaN"),
            (1.0 / 3.0, "+3.333333e-001"),
            (2.5e-5, "+2.500000e-005"),
            (f32::MAX as f64, "+3.402823e+038"),
            (0.1f32 as f64, "+1.000000e-001"),
        ];
        for &(v, want) in cases {
            assert_eq!(float(v), want, "{v:e}");
        }
    }

    /// Values whose digits depend on Go's inexact scaling (by their bits);
    /// expected strings from Go 1.19's `println`.
    #[test]
    fn float_rounding_quirks_match_go() {
        let cases: &[(u64, &str)] = &[
            (4599075939470750515, "+3.000000e-001"),
            (4950912855330343670, "+1.000000e+023"),
            (4638387860618067575, "+1.234560e+002"),
            (4613205983301625446, "+2.675000e+000"),
            (4518436902085710680, "+1.234567e-006"),
            (4696837146255189606, "+1.000000e+006"),
            (4617315517398651071, "+5.000000e+000"),
            (4831355200913801218, "+1.000000e+015"),
            (141681577315117, "+7.000000e-310"),
            (9211362437848454485, "+5.992310e+307"),
            (4548686775598520385, "+1.234568e-004"),
            (4962933279127225623, "+6.022141e+023"),
            (4607182421051817222, "+1.000001e+000"),
            (4607182421051816771, "+1.000000e+000"),
            (4621819117588971519, "+1.000000e+001"),
            (4620974692658839552, "+8.500000e+000"),
            (4636385447633747968, "+9.500000e+001"),
        ];
        for &(bits, want) in cases {
            assert_eq!(float(f64::from_bits(bits)), want, "bits {bits}");
        }
    }

    #[test]
    fn complex_slice_iface() {
        assert_eq!(show(|s| fmt_complex(s, 1.0, 2.0)), "(+1.000000e+000+2.000000e+000i)");
        assert_eq!(show(|s| fmt_complex(s, -0.5, f64::NAN)), "(-5.000000e-001NaNi)");
        assert_eq!(show(|s| fmt_slice(s, 0xc00001c030, 3, 4)), "[3/4]0xc00001c030");
        assert_eq!(show(|s| fmt_slice(s, 0, 0, 0)), "[0/0]0x0");
        assert_eq!(show(|s| fmt_iface(s, 0x4a1b20, 0xc000012345)), "(0x4a1b20,0xc000012345)");
    }
}
