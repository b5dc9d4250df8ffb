//! The exported API of Go's standard library packages, as the Go
//! installation lists it (`$GOROOT/api/go1*.txt`, one line per member:
//! `pkg time, method (Time) Format(string) string`). rgo's own packages
//! stand in for some of Go's; a member of Go's that rgo's lacks is then
//! reported as `rgo does not support time.Time.Format yet`, not as
//! `undefined` (`types::object::Package::go_api`). Read only when such an
//! error is about to be reported: the files are 7 MB.

use std::collections::HashSet;
use std::path::Path;

/// The members of package `path` that Go's API files list for linux (or
/// for every system): `Name` for package-level names, `Type.Name` for
/// methods (of `T` or `*T`), struct fields and interface methods.
pub fn members(goroot: &Path, path: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let Ok(dir) = std::fs::read_dir(goroot.join("api")) else { return out };
    let plain = format!("pkg {path}, ");
    let qualified = format!("pkg {path} (linux-");
    for e in dir.filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().into_owned();
        if !(name.starts_with("go1") && name.ends_with(".txt")) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
        for line in text.lines() {
            let rest = if let Some(r) = line.strip_prefix(&plain) {
                r
            } else if let Some(r) = line.strip_prefix(&qualified) {
                match r.split_once("), ") {
                    Some((_, r)) => r,
                    None => continue,
                }
            } else {
                continue;
            };
            if let Some(m) = member(rest) {
                out.insert(m);
            }
        }
    }
    out
}

/// The member one API line (after `pkg P, `) declares.
fn member(rest: &str) -> Option<String> {
    let ident = |s: &str| s.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("").to_string();
    let (kind, decl) = rest.split_once(' ')?;
    match kind {
        "const" | "var" | "func" => Some(ident(decl)),
        // `type T struct, F int`, `type T interface, M()`, `type T struct`.
        "type" => {
            let name = ident(decl);
            match decl.split_once(", ") {
                Some((_, m)) if !m.starts_with("embedded ") && m != "unexported methods" => Some(format!("{name}.{}", ident(m))),
                Some(_) => None,
                None => Some(name),
            }
        }
        // `method (T) M(…)`, `method (*T) M(…)`.
        "method" => {
            let (recv, m) = decl.strip_prefix('(')?.split_once(") ")?;
            Some(format!("{}.{}", ident(recv.trim_start_matches('*')), ident(m)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::member;

    #[test]
    fn api_lines() {
        assert_eq!(member("func LoadLocation(string) (*Location, error)").as_deref(), Some("LoadLocation"));
        assert_eq!(member("method (Time) Format(string) string").as_deref(), Some("Time.Format"));
        assert_eq!(member("method (*Location) String() string").as_deref(), Some("Location.String"));
        assert_eq!(member("type ParseError struct, Layout string").as_deref(), Some("ParseError.Layout"));
        assert_eq!(member("type Location struct").as_deref(), Some("Location"));
        assert_eq!(member("type BlockProfileRecord struct, embedded StackRecord"), None);
        assert_eq!(member("type Type interface, unexported methods"), None);
        assert_eq!(member("const ANSIC = \"Mon Jan _2 15:04:05 2006\"").as_deref(), Some("ANSIC"));
        assert_eq!(member("var MemProfileRate int").as_deref(), Some("MemProfileRate"));
    }
}
