//! Go's printed form of unnamed types (what `reflect.Type.String` returns).
//!
//! Built by concatenation, without `core::fmt`: the runtime makes types at
//! run time (reflect's constructors in Go programs), and a program's image
//! carries no formatting machinery.

use super::build::Field;
use super::TypeRef;
use alloc::string::String;

/// The pieces, one after another.
fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// `n` in decimal.
fn decimal(mut n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits[i..].iter().map(|&d| d as char).collect()
}

/// `v` as `width` lower-case hex digits.
fn hex(v: u32, width: usize) -> String {
    (0..width).rev().map(|i| char::from(b"0123456789abcdef"[(v >> (4 * i)) as usize & 15])).collect()
}

pub(super) fn array(elem: TypeRef, len: usize) -> String {
    cat(&["[", &decimal(len), "]", elem.string()])
}

pub(super) fn slice(elem: TypeRef) -> String {
    cat(&["[]", elem.string()])
}

pub(super) fn pointer(elem: TypeRef) -> String {
    cat(&["*", elem.string()])
}

pub(super) fn map(key: TypeRef, elem: TypeRef) -> String {
    cat(&["map[", key.string(), "]", elem.string()])
}

pub(super) fn chan(dir: u8, elem: TypeRef) -> String {
    let prefix = match dir {
        1 => "<-chan ",
        2 => "chan<- ",
        _ => "chan ",
    };
    cat(&[prefix, elem.string()])
}

pub(super) fn func(ins: &[TypeRef], outs: &[TypeRef], variadic: bool) -> String {
    let mut s = String::from("func(");
    for (i, t) in ins.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        match (variadic && i + 1 == ins.len(), t.elem()) {
            (true, Some(elem)) => {
                s.push_str("...");
                s.push_str(elem.string());
            }
            _ => s.push_str(t.string()),
        }
    }
    s.push(')');
    match outs {
        [] => {}
        [one] if one.kind != super::Kind::Func => {
            s.push(' ');
            s.push_str(one.string());
        }
        _ => {
            s.push_str(" (");
            for (i, t) in outs.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                s.push_str(t.string());
            }
            s.push(')');
        }
    }
    s
}

pub(super) fn structure(fields: &[Field]) -> String {
    if fields.is_empty() {
        return "struct {}".into();
    }
    let mut s = String::from("struct {");
    for (i, f) in fields.iter().enumerate() {
        s.push_str(if i == 0 { " " } else { "; " });
        if f.embedded {
            s.push_str(f.typ.string());
        } else {
            s.push_str(&cat(&[&f.name, " ", f.typ.string()]));
        }
        if !f.tag.is_empty() {
            s.push(' ');
            s.push_str(&go_quote(f.tag.as_bytes()));
        }
    }
    s.push_str(" }");
    s
}

/// Go's `strconv.Quote` of a byte string, as type strings show struct
/// tags and compiler messages show literals: escapes for quotes,
/// backslashes and control characters, `\xHH` for bytes that are not
/// UTF-8, everything else as it is.
pub fn go_quote(bytes: &[u8]) -> String {
    let mut s = String::from("\"");
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '"' => s.push_str("\\\""),
                '\\' => s.push_str("\\\\"),
                '\x07' => s.push_str("\\a"),
                '\x08' => s.push_str("\\b"),
                '\x0c' => s.push_str("\\f"),
                '\n' => s.push_str("\\n"),
                '\r' => s.push_str("\\r"),
                '\t' => s.push_str("\\t"),
                '\x0b' => s.push_str("\\v"),
                c if (c as u32) < 0x80 && c.is_control() => s.push_str(&cat(&["\\x", &hex(c as u32, 2)])),
                c if c.is_control() => s.push_str(&cat(&["\\u", &hex(c as u32, 4)])),
                c => s.push(c),
            }
        }
        for b in chunk.invalid() {
            s.push_str(&cat(&["\\x", &hex(*b as u32, 2)]));
        }
    }
    s.push('"');
    s
}
