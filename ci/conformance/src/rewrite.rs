//! Making a `// compile` or `// errorcheck` program buildable by rgo, which
//! builds commands only: gc compiles these files as a package (often
//! `package p`, often without `func main`), rgo wants `package main` with a
//! `main` function. Every line keeps its number, so diagnostics and
//! `// ERROR` comments still meet.

/// `src` as a command: the package clause names `main`, and, when
/// `with_main`, `func main() {}` is appended (after the last line) unless
/// the file declares `main` at top level. `None` when the file has no
/// package clause.
pub fn as_command(src: &str, with_main: bool) -> Option<String> {
    let mut out = String::with_capacity(src.len() + 32);
    let mut found = false;
    let mut declares_main = false;
    for line in src.split_inclusive('\n') {
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
        } else if top_level_main(line) {
            declares_main = true;
        }
        out.push_str(line);
    }
    if !found {
        return None;
    }
    if with_main && !declares_main {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str("func main() {}\n");
    }
    Some(out)
}

/// `func main(`, `var main`, `const main`, `type main` at the start of a line.
fn top_level_main(line: &str) -> bool {
    ["func", "var", "const", "type"].iter().any(|kw| {
        line.strip_prefix(kw)
            .filter(|r| r.starts_with([' ', '\t']))
            .map(|r| r.trim_start())
            .and_then(|r| r.strip_prefix("main"))
            .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
    })
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
