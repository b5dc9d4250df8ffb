//! Finds the Go symbols (`main.Name`) that assembly files passed to rgo
//! define (labels `main.Name:`) and reference (every other occurrence), so
//! the checker knows which bodiless Go functions are implemented in
//! assembly and which Go functions assembly calls.
//!
//! The files are GNU as syntax for the target, possibly with C
//! preprocessor directives (`.S`). Comments (`/* */`, `//`, and `#` except
//! at the start of a preprocessor directive) and string literals are
//! skipped.

use crate::check::AsmSymbols;

/// Characters GNU as allows in a symbol name.
fn is_sym_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'$')
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// `src` with comments and string literals replaced by spaces (newlines
/// kept), so that symbol-looking text inside them is not counted.
fn code_only(src: &str) -> Vec<u8> {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let mut line_start = true;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let end = src[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
            out.extend(b[i..end].iter().map(|&c| if c == b'\n' { b'\n' } else { b' ' }));
            i = end;
            continue;
        }
        let hash_comment = c == b'#' && !(line_start && b.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic()));
        if (c == b'/' && b.get(i + 1) == Some(&b'/')) || hash_comment {
            while i < b.len() && b[i] != b'\n' {
                out.push(b' ');
                i += 1;
            }
            continue;
        }
        if c == b'"' {
            out.push(b' ');
            i += 1;
            while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                if b[i] == b'\\' {
                    out.push(b' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(b' ');
                    i += 1;
                }
            }
            if i < b.len() && b[i] == b'"' {
                out.push(b' ');
                i += 1;
            }
            continue;
        }
        if c == b'\n' {
            line_start = true;
        } else if !c.is_ascii_whitespace() {
            line_start = false;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Adds the `main.Name` symbols defined and referenced in `src` to `syms`.
pub fn scan(src: &str, syms: &mut AsmSymbols) {
    let code = code_only(src);
    let mut i = 0;
    while let Some(at) = find(&code, b"main.", i) {
        i = at + 5;
        if at > 0 && is_sym_char(code[at - 1]) {
            continue;
        }
        let start = at + 5;
        if !code.get(start).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_') {
            continue;
        }
        let mut end = start;
        while end < code.len() && is_ident_char(code[end]) {
            end += 1;
        }
        i = end;
        // `main.T.M` or `main.f$x` name something else.
        if end < code.len() && is_sym_char(code[end]) {
            continue;
        }
        let name = String::from_utf8_lossy(&code[at..end]).into_owned();
        if code.get(end) == Some(&b':') {
            syms.defined.insert(name);
        } else {
            syms.referenced.insert(name);
        }
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scanned(src: &str) -> (Vec<String>, Vec<String>) {
        let mut s = AsmSymbols::default();
        scan(src, &mut s);
        (s.defined.into_iter().collect(), s.referenced.into_iter().collect())
    }

    #[test]
    fn labels_define_other_uses_reference() {
        let src = "    .globl main.Add\nmain.Add:\n    mov rax, [rsp+8]\n    call main.helper\n    jmp main.Add\n";
        assert_eq!(scanned(src), (vec!["main.Add".into()], vec!["main.Add".into(), "main.helper".into()]));
    }

    #[test]
    fn comments_strings_and_longer_names_are_ignored() {
        let src = "# main.InComment\n/* main.Block\n main.Block2 */ // main.Line\n.ascii \"main.Str\"\n\
                   call xmain.Not\ncall rgo.main.Not\ncall main.T.M\n#define F main.Macro\nmain.Real: ret\n";
        assert_eq!(scanned(src), (vec!["main.Real".into()], vec!["main.Macro".into()]));
    }
}
