//! `//go:embed`: the files a package variable's patterns name, found as
//! the go command finds them for the compiler (`go help embed`): each
//! pattern is a `path.Match` glob relative to the package's directory; a
//! directory it matches brings every file below it except those whose
//! names begin with `.` or `_` (all of them with an `all:` prefix);
//! nothing may come from another module (a directory with a `go.mod`) or
//! have a name a module cannot hold; a pattern must match something.
//! The loader fills [`ast::Embed::files`] with the files and their
//! contents; the type checker checks the variable's type and the lowering
//! lays the files out as data.

use crate::diag::Diag;
use crate::syntax::ast;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Finds the files of every `//go:embed` variable of `file` and reads
/// them. The error is the go command's, at the pattern:
/// `main.go:3:12: pattern nope.txt: no matching files found` (the first
/// pattern in sorted order that fails, as the go command takes them).
pub fn resolve(file: &mut ast::File) -> Result<(), Vec<Diag>> {
    let dir = match Path::new(&file.path).parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut errors = vec![];
    let mut found = Found::default();
    for d in &mut file.decls {
        let ast::Decl::Gen(ast::GenDecl::Var(specs)) = d else { continue };
        for e in specs.iter_mut().filter_map(|s| s.embed.as_deref_mut()) {
            let mut have = HashSet::new();
            for p in &e.patterns {
                match found.pattern(&dir, &p.text) {
                    Ok(names) => {
                        for name in names {
                            if !have.insert(name.clone()) {
                                continue;
                            }
                            match found.read(&dir, &name) {
                                Ok(data) => e.files.push(ast::EmbeddedFile { name, data }),
                                Err(msg) => errors.push((p.text.clone(), Diag::new(&p.pos, format!("pattern {}: {msg}", p.text)))),
                            }
                        }
                    }
                    Err(msg) => errors.push((p.text.clone(), Diag::new(&p.pos, format!("pattern {}: {msg}", p.text)))),
                }
            }
        }
    }
    // The go command stops at the first pattern that fails, taking them
    // in sorted order.
    match errors.into_iter().min_by(|(a, _), (b, _)| a.cmp(b)) {
        None => Ok(()),
        Some((_, d)) => Err(vec![d]),
    }
}

/// What one file's patterns have found so far: each pattern's files, and
/// the files read (a file two variables embed is read once).
#[derive(Default)]
struct Found {
    patterns: HashMap<String, Vec<String>>,
    data: HashMap<String, std::sync::Arc<[u8]>>,
}

impl Found {
    fn pattern(&mut self, dir: &Path, pattern: &str) -> Result<Vec<String>, String> {
        if let Some(names) = self.patterns.get(pattern) {
            return Ok(names.clone());
        }
        let names = match_pattern(dir, pattern)?;
        self.patterns.insert(pattern.to_string(), names.clone());
        Ok(names)
    }

    fn read(&mut self, dir: &Path, name: &str) -> Result<std::sync::Arc<[u8]>, String> {
        if let Some(d) = self.data.get(name) {
            return Ok(d.clone());
        }
        let path = dir.join(name);
        super::inputs::note(&path);
        let data: std::sync::Arc<[u8]> = std::fs::read(&path).map_err(|e| format!("open {name}: {}", crate::driver::build::io_msg(&e)))?.into();
        self.data.insert(name.to_string(), data.clone());
        Ok(data)
    }
}

/// The regular files pattern `pattern` names in package directory `dir`,
/// by their slash-separated paths from it, sorted; or the go command's
/// reason it names none.
pub fn match_pattern(dir: &Path, pattern: &str) -> Result<Vec<String>, String> {
    let (all, glob) = match pattern.strip_prefix("all:") {
        Some(g) => (true, g),
        None => (false, pattern),
    };
    if path_match(glob, "").is_err() || glob == "." || !valid_path(glob) {
        return Err("invalid pattern syntax".into());
    }
    let mut list = vec![];
    for rel in glob_matches(dir, glob) {
        let file = dir.join(&rel);
        let Ok(meta) = std::fs::symlink_metadata(&file) else { continue };
        let what = if meta.is_dir() { "directory" } else { "file" };
        // From the match up to the package's directory: no element may
        // start another module or have a name a module cannot hold.
        let elems: Vec<&str> = rel.split('/').collect();
        for n in (1..=elems.len()).rev() {
            let sub = elems[..n].join("/");
            if dir.join(&sub).join("go.mod").exists() {
                return Err(format!("cannot embed {what} {rel}: in different module"));
            }
            if n < elems.len() && !std::fs::symlink_metadata(dir.join(&sub)).is_ok_and(|m| m.is_dir()) {
                return Err(format!("cannot embed {what} {rel}: in non-directory {sub}"));
            }
            let elem = elems[n - 1];
            if bad_embed_name(elem) {
                return Err(if n == elems.len() {
                    format!("cannot embed {what} {rel}: invalid name {elem}")
                } else {
                    format!("cannot embed {what} {rel}: in invalid directory {elem}")
                });
            }
        }
        if meta.is_file() {
            list.push(rel);
        } else if meta.is_dir() {
            let before = list.len();
            walk(dir, &rel, all, &mut list).map_err(|e| format!("{rel}: {}", crate::driver::build::io_msg(&e)))?;
            if list.len() == before {
                return Err(format!("cannot embed directory {rel}: contains no embeddable files"));
            }
        } else {
            return Err(format!("cannot embed irregular file {rel}"));
        }
    }
    list.sort();
    list.dedup();
    if list.is_empty() {
        return Err("no matching files found".into());
    }
    Ok(list)
}

/// Adds the regular files below directory `rel` of `dir` to `list`, in
/// lexical order, leaving out names a module cannot hold, names beginning
/// with `.` or `_` unless `all`, other modules and what is neither a
/// file nor a directory (a symbolic link).
fn walk(dir: &Path, rel: &str, all: bool, list: &mut Vec<String>) -> std::io::Result<()> {
    let path = dir.join(rel);
    super::inputs::note(&path);
    let mut names: Vec<String> = std::fs::read_dir(&path)?.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
    names.sort();
    for name in names {
        if bad_embed_name(&name) || (!all && (name.starts_with('.') || name.starts_with('_'))) {
            continue;
        }
        let sub = format!("{rel}/{name}");
        let meta = std::fs::symlink_metadata(dir.join(&sub))?;
        if meta.is_dir() {
            if !dir.join(&sub).join("go.mod").exists() {
                walk(dir, &sub, all, list)?;
            }
        } else if meta.is_file() {
            list.push(sub);
        }
    }
    Ok(())
}

/// The paths below `dir` (slash-separated, relative to it) that `glob`
/// matches, element by element as `filepath.Glob` matches them: an element
/// with a meta character is matched against each name of the directories
/// found so far, any other is taken as it is; what does not exist is
/// dropped.
fn glob_matches(dir: &Path, glob: &str) -> Vec<String> {
    let mut found = vec![String::new()];
    for elem in glob.split('/') {
        let mut next = vec![];
        for prefix in &found {
            let join = |n: &str| if prefix.is_empty() { n.to_string() } else { format!("{prefix}/{n}") };
            if !has_meta(elem) {
                next.push(join(elem));
                continue;
            }
            let here = dir.join(prefix);
            if !here.is_dir() {
                continue;
            }
            super::inputs::note(&here);
            let Ok(entries) = std::fs::read_dir(&here) else { continue };
            let mut names: Vec<String> = entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
            names.sort();
            next.extend(names.iter().filter(|n| path_match(elem, n) == Ok(true)).map(|n| join(n)));
        }
        found = next;
    }
    found.retain(|rel| std::fs::symlink_metadata(dir.join(rel)).is_ok());
    found
}

fn has_meta(s: &str) -> bool {
    s.contains(['*', '?', '[', '\\'])
}

/// `io/fs.ValidPath`: unrooted and slash-separated, with no empty, `.` or
/// `..` element (`.` alone is the root).
fn valid_path(p: &str) -> bool {
    p == "." || p.split('/').all(|e| !e.is_empty() && e != "." && e != "..")
}

/// A base name no module can hold (`golang.org/x/mod/module.CheckFilePath`
/// on one element), or a version control directory: never embedded.
fn bad_embed_name(name: &str) -> bool {
    const ALLOWED: &str = "!#$%&()+,-.=@[]^_{}~ ";
    const WINDOWS: &[&str] = &[
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
        "LPT7", "LPT8", "LPT9",
    ];
    if name.is_empty() || name.bytes().all(|b| b == b'.') || name.ends_with('.') || matches!(name, ".bzr" | ".hg" | ".git" | ".svn") {
        return true;
    }
    if !name.chars().all(|c| if c.is_ascii() { c.is_ascii_alphanumeric() || ALLOWED.contains(c) } else { c.is_alphabetic() }) {
        return true;
    }
    let short = name.split('.').next().unwrap_or(name);
    WINDOWS.iter().any(|w| w.eq_ignore_ascii_case(short))
}

/// A malformed pattern (`path.ErrBadPattern`).
#[derive(Debug, PartialEq, Eq)]
pub struct BadPattern;

/// Whether `name` matches shell pattern `pattern` as Go's `path.Match`
/// decides: `*` (any run without `/`), `?` (one character but `/`),
/// `[…]` classes with ranges and `^` negation, `\` escapes.
pub fn path_match(mut pattern: &str, mut name: &str) -> Result<bool, BadPattern> {
    'pattern: while !pattern.is_empty() {
        let (star, chunk, rest) = scan_chunk(pattern);
        pattern = rest;
        if star && chunk.is_empty() {
            return Ok(!name.contains('/'));
        }
        let first = match_chunk(chunk, name);
        if let Ok(Some(t)) = first {
            if t.is_empty() || !pattern.is_empty() {
                name = t;
                continue;
            }
        }
        first?;
        if star {
            for (i, c) in name.char_indices() {
                if c == '/' {
                    break;
                }
                let after = &name[i + c.len_utf8()..];
                if let Some(t) = match_chunk(chunk, after)? {
                    if pattern.is_empty() && !t.is_empty() {
                        continue;
                    }
                    name = t;
                    continue 'pattern;
                }
            }
        }
        // No match: the rest of the pattern must still be well formed.
        while !pattern.is_empty() {
            let (_, chunk, rest) = scan_chunk(pattern);
            pattern = rest;
            match_chunk(chunk, "")?;
        }
        return Ok(false);
    }
    Ok(name.is_empty())
}

/// The pattern's leading stars, its next chunk (up to a star outside a
/// class), and what follows.
fn scan_chunk(pattern: &str) -> (bool, &str, &str) {
    let trimmed = pattern.trim_start_matches('*');
    let star = trimmed.len() != pattern.len();
    let b = trimmed.as_bytes();
    let mut in_class = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if i + 1 < b.len() => i += 1,
            b'[' => in_class = true,
            b']' => in_class = false,
            b'*' if !in_class => break,
            _ => {}
        }
        i += 1;
    }
    (star, &trimmed[..i], &trimmed[i..])
}

/// What remains of `s` after `chunk` (no stars) matches its start; `None`
/// when it does not match.
fn match_chunk<'s>(mut chunk: &str, mut s: &'s str) -> Result<Option<&'s str>, BadPattern> {
    let mut failed = false;
    while let Some(c) = chunk.chars().next() {
        if !failed && s.is_empty() {
            failed = true;
        }
        match c {
            '[' => {
                let mut r = None;
                if !failed {
                    let sc = s.chars().next().unwrap_or('\0');
                    r = Some(sc);
                    s = &s[sc.len_utf8()..];
                }
                chunk = &chunk[1..];
                let negated = chunk.starts_with('^');
                if negated {
                    chunk = &chunk[1..];
                }
                let mut matched = false;
                let mut ranges = 0;
                loop {
                    if ranges > 0 && chunk.starts_with(']') {
                        chunk = &chunk[1..];
                        break;
                    }
                    let (lo, rest) = class_char(chunk)?;
                    chunk = rest;
                    let mut hi = lo;
                    if let Some(rest) = chunk.strip_prefix('-') {
                        (hi, chunk) = class_char(rest)?;
                    }
                    if r.is_some_and(|r| lo <= r && r <= hi) {
                        matched = true;
                    }
                    ranges += 1;
                }
                if matched == negated {
                    failed = true;
                }
            }
            '?' => {
                if !failed {
                    let sc = s.chars().next().unwrap_or('\0');
                    if sc == '/' {
                        failed = true;
                    }
                    s = &s[sc.len_utf8()..];
                }
                chunk = &chunk[1..];
            }
            _ => {
                // A literal character (`\`-escaped or not); Go compares
                // bytes, which for UTF-8 is comparing characters.
                let mut lit = c;
                if c == '\\' {
                    chunk = &chunk[1..];
                    lit = chunk.chars().next().ok_or(BadPattern)?;
                }
                if !failed {
                    let sc = s.chars().next().unwrap_or('\0');
                    if sc != lit {
                        failed = true;
                    }
                    s = &s[sc.len_utf8()..];
                }
                chunk = &chunk[lit.len_utf8()..];
            }
        }
    }
    Ok(if failed { None } else { Some(s) })
}

/// One character of a class (`\`-escaped or not) and the class after it;
/// a malformed class is a bad pattern.
fn class_char(chunk: &str) -> Result<(char, &str), BadPattern> {
    let mut chunk = chunk;
    if chunk.is_empty() || chunk.starts_with('-') || chunk.starts_with(']') {
        return Err(BadPattern);
    }
    if let Some(rest) = chunk.strip_prefix('\\') {
        chunk = rest;
    }
    let c = chunk.chars().next().ok_or(BadPattern)?;
    let rest = &chunk[c.len_utf8()..];
    if rest.is_empty() {
        return Err(BadPattern);
    }
    Ok((c, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_match_as_go_decides() {
        // What Go 1.19's path.Match answers for each.
        let cases: &[(&str, &str, Result<bool, BadPattern>)] = &[
            ("abc", "abc", Ok(true)),
            ("*", "abc", Ok(true)),
            ("*c", "abc", Ok(true)),
            ("a*", "a", Ok(true)),
            ("a*", "abc", Ok(true)),
            ("a*", "ab/c", Ok(false)),
            ("a*/b", "abc/b", Ok(true)),
            ("a*/b", "a/c/b", Ok(false)),
            ("a*b*c*d*e*/f", "axbxcxdxe/f", Ok(true)),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/f", Ok(true)),
            ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", Ok(false)),
            ("a*b?c*x", "abxbbxdbxebxczzx", Ok(true)),
            ("a*b?c*x", "abxbbxdbxebxczzy", Ok(false)),
            ("ab[c]", "abc", Ok(true)),
            ("ab[b-d]", "abc", Ok(true)),
            ("ab[e-g]", "abc", Ok(false)),
            ("ab[^c]", "abc", Ok(false)),
            ("ab[^b-d]", "abc", Ok(false)),
            ("ab[^e-g]", "abc", Ok(true)),
            ("a\\*b", "a*b", Ok(true)),
            ("a\\*b", "ab", Ok(false)),
            ("a?b", "a☺b", Ok(true)),
            ("a[^a]b", "a☺b", Ok(true)),
            ("a???b", "a☺b", Ok(false)),
            ("a[^a][^a][^a]b", "a☺b", Ok(false)),
            ("[a-ζ]*", "α", Ok(true)),
            ("*[a-ζ]", "A", Ok(false)),
            ("a?b", "a/b", Ok(false)),
            ("a*b", "a/b", Ok(false)),
            ("[\\]a]", "]", Ok(true)),
            ("[\\-]", "-", Ok(true)),
            ("[x\\-]", "x", Ok(true)),
            ("[x\\-]", "-", Ok(true)),
            ("[x\\-]", "z", Ok(false)),
            ("[\\-x]", "x", Ok(true)),
            ("[\\-x]", "a", Ok(false)),
            ("[]a]", "]", Err(BadPattern)),
            ("[-]", "-", Err(BadPattern)),
            ("[x-]", "x", Err(BadPattern)),
            ("[a-b-c]", "a", Err(BadPattern)),
            ("[", "a", Err(BadPattern)),
            ("[^", "a", Err(BadPattern)),
            ("[^bc", "a", Err(BadPattern)),
            ("a[", "a", Err(BadPattern)),
            ("a[", "ab", Err(BadPattern)),
            ("a[", "x", Err(BadPattern)),
            ("a/b[", "x", Err(BadPattern)),
            ("*x", "xxx", Ok(true)),
            ("\\", "a", Err(BadPattern)),
            ("a\\", "", Err(BadPattern)),
        ];
        for (p, n, want) in cases {
            assert_eq!(&path_match(p, n), want, "Match({p:?}, {n:?})");
        }
    }

    #[test]
    fn names_a_module_cannot_hold_are_not_embedded() {
        for bad in ["", ".", "..", "a.", ".git", "a*b", "a\"b", "a:b", "con", "Lpt1.txt", "a|b"] {
            assert!(bad_embed_name(bad), "{bad:?}");
        }
        for ok in ["a.txt", ".hidden", "_x", "x y", "é", "a~b", "c++"] {
            assert!(!bad_embed_name(ok), "{ok:?}");
        }
    }

    #[test]
    fn patterns_find_what_the_go_command_finds() {
        let root = tempfile::tempdir().unwrap();
        let d = root.path();
        for f in ["a.txt", "b.txt", "static/x.txt", "static/.h/y", "static/_u", "static/sub/z.txt", "other/go.mod", "other/o.txt"] {
            std::fs::create_dir_all(d.join(f).parent().unwrap()).unwrap();
            std::fs::write(d.join(f), f).unwrap();
        }
        std::fs::create_dir_all(d.join("empty/.only")).unwrap();
        std::fs::write(d.join("empty/.only/f"), "").unwrap();
        assert_eq!(match_pattern(d, "*.txt"), Ok(vec!["a.txt".into(), "b.txt".into()]));
        assert_eq!(match_pattern(d, "static"), Ok(vec!["static/sub/z.txt".into(), "static/x.txt".into()]));
        assert_eq!(match_pattern(d, "all:static"), Ok(vec!["static/.h/y".into(), "static/_u".into(), "static/sub/z.txt".into(), "static/x.txt".into()]));
        // A hidden file named is embedded.
        assert_eq!(match_pattern(d, "static/.h/y"), Ok(vec!["static/.h/y".into()]));
        assert_eq!(match_pattern(d, "s*/[xz].txt"), Ok(vec!["static/x.txt".into()]));
        assert_eq!(match_pattern(d, "nope"), Err("no matching files found".into()));
        assert_eq!(match_pattern(d, "../a.txt"), Err("invalid pattern syntax".into()));
        assert_eq!(match_pattern(d, "a["), Err("invalid pattern syntax".into()));
        assert_eq!(match_pattern(d, "/a.txt"), Err("invalid pattern syntax".into()));
        assert_eq!(match_pattern(d, "."), Err("invalid pattern syntax".into()));
        assert_eq!(match_pattern(d, "other/o.txt"), Err("cannot embed file other/o.txt: in different module".into()));
        assert_eq!(match_pattern(d, "other"), Err("cannot embed directory other: in different module".into()));
        assert_eq!(match_pattern(d, "empty"), Err("cannot embed directory empty: contains no embeddable files".into()));
        assert_eq!(match_pattern(d, "a.txt/b"), Err("no matching files found".into()));
        std::os::unix::fs::symlink(d.join("a.txt"), d.join("link")).unwrap();
        assert_eq!(match_pattern(d, "link"), Err("cannot embed irregular file link".into()));
    }
}
