//! File paths as the toolchain shows them: resolved textually (no file
//! system access, so that symlinks stay as the user wrote them).

use std::path::{Component, Path, PathBuf};

/// `p` with `.` and `..` components resolved textually.
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// `file` made absolute against the current directory (as gc records
/// source paths); names that are not paths (`<command-line>`,
/// `$GOROOT/src/…` of rgo's embedded packages) stay as they are.
pub fn absolute(file: &str) -> String {
    let p = Path::new(file);
    if p.is_absolute() || file.starts_with('$') || file.starts_with('<') {
        return file.to_string();
    }
    match std::env::current_dir() {
        Ok(cwd) => normalize(&cwd.join(p)).display().to_string(),
        Err(_) => file.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn normalize_resolves_dots() {
        assert_eq!(super::normalize(std::path::Path::new("/a/b/./c/../d")), std::path::PathBuf::from("/a/b/d"));
        assert_eq!(super::absolute("/x/../y.go"), "/x/../y.go");
        assert_eq!(super::absolute("<command-line>"), "<command-line>");
    }
}
