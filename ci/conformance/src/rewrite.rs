//! Making a `// compile` or `// errorcheck` program buildable by rgo, which
//! builds commands only: gc compiles these files as a package (often
//! `package p`, often without `func main`), rgo wants `package main` with a
//! `main` function. Every line keeps its number, so diagnostics and
//! `// ERROR` comments still meet.

use regex::Regex;
use std::sync::OnceLock;

/// `src` as a command: the package clause names `main`, and, when
/// `with_main`, `func main() {}` is appended (after the last line) unless
/// the file declares `main` at top level. `None` when the file has no
/// package clause.
pub fn as_command(src: &str, with_main: bool) -> Option<String> {
    let mut out = String::with_capacity(src.len() + 32);
    let mut found = false;
    let mut prev = "";
    for line in src.split_inclusive('\n') {
        let last = std::mem::replace(&mut prev, line);
        if found && !last.starts_with("//go:") {
            if let Some(l) = with_body(line) {
                out.push_str(&l);
                continue;
            }
        }
        if !found {
            if let Some(rest) = line.strip_prefix("package").filter(|r| r.starts_with([' ', '\t'])) {
                let name_start = rest.len() - rest.trim_start().len();
                let name_len = rest[name_start..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len() - name_start);
                if name_len > 0 {
                    found = true;
                    out.push_str("package");
                    out.push_str(&rest[..name_start]);
                    out.push_str("main");
                    out.push_str(&rest[name_start + name_len..]);
                    continue;
                }
            }
        }
        out.push_str(line);
    }
    if !found {
        return None;
    }
    if with_main && !declares_main(src) {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str("func main() {}\n");
    }
    Some(out)
}

/// A top-level function declared on one line without a body, with the
/// body `{ for {} }` (a terminating statement that names nothing) inserted
/// before its comment. gc compiles a package, where the body may be in
/// assembly; a command needs it. Not when the line mentions `function
/// body` (a test of that error) or the declaration is not on one line, nor
/// (see the caller) after a `//go:` directive (`//go:linkname`,
/// `//go:noescape` want no body).
fn with_body(line: &str) -> Option<String> {
    let func = line.starts_with("func ") || line.starts_with("func\t");
    // A `{` anywhere, or a block comment, may be the body's start.
    if !func || line.contains("function body") || line.contains('{') || line.contains("/*") {
        return None;
    }
    let code_end = line.find("//").unwrap_or(line.len());
    let code = line[..code_end].trim_end().trim_end_matches(';').trim_end();
    let (mut depth, mut closed) = (0i32, false);
    for c in code.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => {
                depth -= 1;
                closed |= depth == 0;
            }
            '{' | '"' | '`' | '\'' | '=' => return None,
            _ => {}
        }
    }
    if depth != 0 || !closed || code.ends_with(',') {
        return None;
    }
    let rest = &line[code.len()..];
    Some(format!("{code} {{ for {{}} }}{rest}"))
}

/// Whether `src` declares `main` at top level: `func main(`, `var main`,
/// `const main`, `type main` at the start of a line (the name may be on
/// the next line: `func\nmain() {`).
fn declares_main(src: &str) -> bool {
    static DECL: OnceLock<Regex> = OnceLock::new();
    let re = DECL.get_or_init(|| Regex::new(r"(?m)^(func\s+main\s*\(|(var|const|type)\s+main\b)").expect("a valid regexp"));
    re.is_match(src)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_package_becomes_a_command() {
        let src = "// compile\n\npackage p // comment\n\nfunc F() {}\n";
        assert_eq!(as_command(src, true).unwrap(), "// compile\n\npackage main // comment\n\nfunc F() {}\nfunc main() {}\n");
    }

    #[test]
    fn existing_main_is_kept() {
        let src = "// errorcheck\n\npackage main\n\nfunc main() {\n}\n";
        assert_eq!(as_command(src, true).unwrap(), src);
        let src = "package main\n\nvar main = func() {} // ERROR \"must be func\"";
        assert_eq!(as_command(src, true).unwrap(), src);
        // `mainly` is not `main`; a method or a nested `main` does not count.
        let src = "package main\nfunc mainly() {}\nfunc (T) main() {}\n\tvar main int";
        assert_eq!(as_command(src, true).unwrap(), format!("{src}\nfunc main() {{}}\n"));
        // Go before semicolons: the name on the line after `func`.
        let src = "package main\n\nfunc\nmain() {\n}\n";
        assert_eq!(as_command(src, true).unwrap(), src);
    }

    #[test]
    fn bodies_for_bodyless_functions() {
        let src = "package p\n\nfunc f() [3]int\nfunc (T) m(x int) (int, error) // ERROR \"x\"\n//go:noescape\nfunc g()\nfunc init() // ERROR \"missing function body\"\nfunc h(\n\ta int)\nfunc k() {\n}\nfunc s() struct{}\n";
        assert_eq!(
            as_command(src, false).unwrap(),
            "package main\n\nfunc f() [3]int { for {} }\nfunc (T) m(x int) (int, error) { for {} } // ERROR \"x\"\n//go:noescape\nfunc g()\nfunc init() // ERROR \"missing function body\"\nfunc h(\n\ta int)\nfunc k() {\n}\nfunc s() struct{}\n"
        );
        // One line at a time.
        assert_eq!(with_body("func f()\n").unwrap(), "func f() { for {} }\n");
        assert_eq!(with_body("func f() int // c {\n"), None);
        assert_eq!(with_body("func f() /* c */ {}\n"), None);
        assert_eq!(with_body("func f"), None);
        assert_eq!(with_body("func\te()\tI1;\n").unwrap(), "func\te()\tI1 { for {} };\n");
    }

    #[test]
    fn without_main() {
        assert_eq!(as_command("package p\n\nvar f = func() {", false).unwrap(), "package main\n\nvar f = func() {");
    }

    #[test]
    fn no_package_clause() {
        assert_eq!(as_command("// errorcheck\n\nfunc f() {}\n", true), None);
        // The first package clause counts; text before it stays.
        assert_eq!(as_command("// package x\npackage\tfoo\n", true).unwrap(), "// package x\npackage\tmain\nfunc main() {}\n");
    }
}
