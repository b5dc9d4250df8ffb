//! Go's printed form of unnamed types (what `reflect.Type.String` returns).

use super::build::Field;
use super::TypeRef;
use alloc::format;
use alloc::string::String;

pub(super) fn array(elem: TypeRef, len: usize) -> String {
    format!("[{len}]{elem}")
}

pub(super) fn slice(elem: TypeRef) -> String {
    format!("[]{elem}")
}

pub(super) fn pointer(elem: TypeRef) -> String {
    format!("*{elem}")
}

pub(super) fn map(key: TypeRef, elem: TypeRef) -> String {
    format!("map[{key}]{elem}")
}

pub(super) fn chan(dir: u8, elem: TypeRef) -> String {
    match dir {
        1 => format!("<-chan {elem}"),
        2 => format!("chan<- {elem}"),
        _ => format!("chan {elem}"),
    }
}

pub(super) fn func(ins: &[TypeRef], outs: &[TypeRef], variadic: bool) -> String {
    let mut s = String::from("func(");
    for (i, t) in ins.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        match (variadic && i + 1 == ins.len(), t.elem()) {
            (true, Some(elem)) => s.push_str(&format!("...{elem}")),
            _ => s.push_str(t.string()),
        }
    }
    s.push(')');
    match outs {
        [] => {}
        [one] if one.kind != super::Kind::Func => s.push_str(&format!(" {one}")),
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
            s.push_str(&format!("{} {}", f.name, f.typ));
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
                c if (c as u32) < 0x80 && c.is_control() => s.push_str(&format!("\\x{:02x}", c as u32)),
                c if c.is_control() => s.push_str(&format!("\\u{:04x}", c as u32)),
                c => s.push(c),
            }
        }
        for b in chunk.invalid() {
            s.push_str(&format!("\\x{b:02x}"));
        }
    }
    s.push('"');
    s
}
