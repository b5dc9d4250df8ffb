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
    }
    s.push_str(" }");
    s
}
