//! Build constraints: which files of a package directory a build for a
//! target uses, as the go command decides (`go help buildconstraint`):
//! the `//go:build` line, and the `_GOOS`, `_GOARCH`, `_GOOS_GOARCH`
//! suffixes of file names.

/// Every GOOS and GOARCH the go command knows: a file name suffix names
/// one of these to be constrained by it (Go 1.19's lists).
const KNOWN_OS: &[&str] = &[
    "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd",
    "plan9", "solaris", "windows", "zos",
];
const KNOWN_ARCH: &[&str] = &[
    "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips", "mipsle", "mips64", "mips64le",
    "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm",
];

/// The operating systems that satisfy the `unix` tag.
const UNIX_OS: &[&str] = &["aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "linux", "netbsd", "openbsd", "solaris"];

/// Packages of GOROOT whose Go code for some architectures calls their
/// Plan 9 assembly and whose portable Go variant is chosen by architecture
/// alone (no `purego` tag): rgo, which compiles no assembly, reads their
/// files as for an architecture without it ([`Context::for_package`]).
/// crypto/internal/nistec: `p256_asm.go` (amd64, arm64, ppc64le, s390x)
/// against `p256.go`; crypto/elliptic's `nistec_p256.go` (amd64, arm64)
/// calls what only nistec's assembly variant has.
const PORTABLE_ONLY: &[&str] = &["crypto/elliptic", "crypto/internal/nistec"];

/// The build tags the command line gave (`-tags`, or `-tags=` in
/// `GOFLAGS`): every context a build makes ([`Context::for_target`]) has
/// them, so they reach the cache keys with the other tags.
static USER_TAGS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

/// Sets the command line's build tags, once per process (later calls are
/// ignored: one command, one set).
pub fn set_user_tags(tags: Vec<String>) {
    let _ = USER_TAGS.set(tags);
}

/// The command line's build tags ([`set_user_tags`]), none if it gave none.
pub fn user_tags() -> &'static [String] {
    USER_TAGS.get().map_or(&[], Vec::as_slice)
}

/// The tags of a `-tags` value, as the go command reads it: a
/// comma-separated list, or (the older form) a space-separated one.
pub fn parse_tags(v: &str) -> Vec<String> {
    let sep = if v.contains(',') { ',' } else { ' ' };
    v.split(sep).map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect()
}

/// What a build is for: the tags a constraint is evaluated against.
#[derive(Clone, Debug)]
pub struct Context {
    pub goos: String,
    pub goarch: String,
    /// Tags beyond GOOS, GOARCH, `unix` and the release tags: the
    /// compiler's (`gc`), and any the user gave.
    pub tags: Vec<String>,
    /// cgo is enabled (rgo never enables it: files that `import "C"` are
    /// left out, as with `CGO_ENABLED=0`).
    pub cgo: bool,
}

impl Context {
    /// A build for `goos`/`goarch` with the `gc` compiler's tag (rgo
    /// builds GOROOT's gc variants of files: their assembly functions are
    /// declared in Go and bound by rgo; `runtime.Compiler` is "gc" to
    /// match), `rgo` (by which code tells rgo apart, as `tinygo` for
    /// TinyGo), and the tags that choose Go code over Plan 9 assembly where
    /// a package offers both: `purego` (the convention of
    /// golang.org/x/crypto and crypto/internal/edwards25519) and
    /// `math_big_pure_go` (math/big's), since rgo compiles no assembly.
    pub fn new(goos: &str, goarch: &str) -> Context {
        let tags = ["gc", "rgo", "purego", "math_big_pure_go"].map(String::from).to_vec();
        Context { goos: goos.into(), goarch: goarch.into(), tags, cgo: false }
    }

    /// The context a build for target `goos`/`goarch` chooses files in:
    /// the boards (GOOS `none`) build as linux, with the tag `baremetal`
    /// (TinyGo's), by which rgo's runtime gives them their own `GOOS`
    /// (docs/boards.md).
    pub fn for_target(goos: &str, goarch: &str) -> Context {
        let board = goos == "none";
        let mut ctx = Context::new(if board { "linux" } else { goos }, goarch);
        if board {
            ctx.tags.push("baremetal".into());
        }
        ctx.tags.extend(USER_TAGS.get().into_iter().flatten().cloned());
        ctx
    }

    /// The context the files of package `path` are chosen in: this one,
    /// or for a [`PORTABLE_ONLY`] package one whose GOARCH is no
    /// architecture's, so its portable files are chosen.
    pub fn for_package(&self, path: &str) -> std::borrow::Cow<'_, Context> {
        if PORTABLE_ONLY.contains(&path) {
            std::borrow::Cow::Owned(Context { goarch: String::new(), ..self.clone() })
        } else {
            std::borrow::Cow::Borrowed(self)
        }
    }

    /// Whether `tag` is satisfied.
    pub fn has_tag(&self, tag: &str) -> bool {
        if tag == self.goos || tag == self.goarch || self.tags.iter().any(|t| t == tag) {
            return true;
        }
        if tag == "unix" {
            return UNIX_OS.contains(&self.goos.as_str());
        }
        // android implies linux, illumos solaris, ios darwin.
        if (tag == "linux" && self.goos == "android") || (tag == "solaris" && self.goos == "illumos") || (tag == "darwin" && self.goos == "ios") {
            return true;
        }
        if tag == "cgo" {
            return self.cgo;
        }
        // Release tags: go1.1 through go1.19.
        if let Some(minor) = tag.strip_prefix("go1.") {
            return minor.parse::<u32>().is_ok_and(|m| (1..=19).contains(&m));
        }
        false
    }

    /// Whether a file of this name is for this build (by its suffixes;
    /// `_test.go` files and names starting with `_` or `.` never are).
    pub fn file_name_ok(&self, name: &str) -> bool {
        let Some(stem) = name.strip_suffix(".go") else { return false };
        if name.starts_with('_') || name.starts_with('.') || stem.ends_with("_test") {
            return false;
        }
        let parts: Vec<&str> = stem.split('_').collect();
        let n = parts.len();
        if n >= 3 && KNOWN_OS.contains(&parts[n - 2]) && KNOWN_ARCH.contains(&parts[n - 1]) {
            return self.has_tag(parts[n - 2]) && self.has_tag(parts[n - 1]);
        }
        if n >= 2 {
            let last = parts[n - 1];
            if KNOWN_OS.contains(&last) || KNOWN_ARCH.contains(&last) {
                return self.has_tag(last);
            }
        }
        true
    }

    /// Whether a file of this name is a test file (`_test.go`) for this
    /// build: the suffixes before `_test` decide, as for other files.
    pub fn test_file_name_ok(&self, name: &str) -> bool {
        let Some(stem) = name.strip_suffix("_test.go") else { return false };
        !name.starts_with('_') && !name.starts_with('.') && self.file_name_ok(&format!("{stem}.go"))
    }

    /// [`Context::source_ok`] for a file's bytes as read: constraints come
    /// before the package clause, so only that much is read as text.
    pub fn file_ok(&self, src: &[u8]) -> Result<bool, String> {
        let header = src.windows(9).position(|w| w == b"\npackage ").map_or(src, |at| &src[..at]);
        self.source_ok(&String::from_utf8_lossy(header))
    }

    /// Whether the file with this source is for this build by its
    /// `//go:build` line (before the package clause); a file without one
    /// is. A malformed line is an error, as for the go command.
    pub fn source_ok(&self, src: &str) -> Result<bool, String> {
        for line in src.lines() {
            let t = line.trim();
            if t.starts_with("package ") || t == "package" {
                break;
            }
            if let Some(expr) = t.strip_prefix("//go:build") {
                if !expr.is_empty() && !expr.starts_with([' ', '\t']) {
                    continue;
                }
                return Expr::parse(expr).map(|e| e.eval(self));
            }
        }
        Ok(true)
    }
}

/// A `//go:build` expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Tag(String),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    pub fn eval(&self, ctx: &Context) -> bool {
        match self {
            Expr::Tag(t) => ctx.has_tag(t),
            Expr::Not(x) => !x.eval(ctx),
            Expr::And(a, b) => a.eval(ctx) && b.eval(ctx),
            Expr::Or(a, b) => a.eval(ctx) || b.eval(ctx),
        }
    }

    /// Parses `a && (b || !c)`.
    pub fn parse(s: &str) -> Result<Expr, String> {
        let toks = tokens(s)?;
        let mut p = 0;
        let e = or(&toks, &mut p)?;
        if p != toks.len() {
            return Err(format!("unexpected {:?} in build constraint", toks[p]));
        }
        Ok(e)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Tag(String),
    Not,
    And,
    Or,
    Open,
    Close,
}

fn tokens(s: &str) -> Result<Vec<Tok>, String> {
    let b = s.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' => i += 1,
            b'!' => {
                out.push(Tok::Not);
                i += 1;
            }
            b'(' => {
                out.push(Tok::Open);
                i += 1;
            }
            b')' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'&' if b.get(i + 1) == Some(&b'&') => {
                out.push(Tok::And);
                i += 2;
            }
            b'|' if b.get(i + 1) == Some(&b'|') => {
                out.push(Tok::Or);
                i += 2;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'.') {
                    i += 1;
                }
                out.push(Tok::Tag(s[start..i].to_string()));
            }
            _ => return Err(format!("invalid build constraint {s:?}")),
        }
    }
    Ok(out)
}

fn or(t: &[Tok], p: &mut usize) -> Result<Expr, String> {
    let mut x = and(t, p)?;
    while t.get(*p) == Some(&Tok::Or) {
        *p += 1;
        x = Expr::Or(Box::new(x), Box::new(and(t, p)?));
    }
    Ok(x)
}

fn and(t: &[Tok], p: &mut usize) -> Result<Expr, String> {
    let mut x = not(t, p)?;
    while t.get(*p) == Some(&Tok::And) {
        *p += 1;
        x = Expr::And(Box::new(x), Box::new(not(t, p)?));
    }
    Ok(x)
}

fn not(t: &[Tok], p: &mut usize) -> Result<Expr, String> {
    match t.get(*p) {
        Some(Tok::Not) => {
            *p += 1;
            Ok(Expr::Not(Box::new(not(t, p)?)))
        }
        Some(Tok::Open) => {
            *p += 1;
            let x = or(t, p)?;
            if t.get(*p) != Some(&Tok::Close) {
                return Err("missing ) in build constraint".into());
            }
            *p += 1;
            Ok(x)
        }
        Some(Tok::Tag(s)) => {
            *p += 1;
            Ok(Expr::Tag(s.clone()))
        }
        _ => Err("missing tag in build constraint".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_as_the_go_command_reads_them() {
        assert_eq!(parse_tags("a,b"), ["a", "b"]);
        assert_eq!(parse_tags(" a , b ,"), ["a", "b"]);
        assert_eq!(parse_tags("a b  c"), ["a", "b", "c"]);
        assert_eq!(parse_tags(""), Vec::<String>::new());
    }

    #[test]
    fn go_build_lines() {
        let c = Context::new("linux", "amd64");
        let ok = |s: &str| Expr::parse(s).unwrap().eval(&c);
        assert!(ok("linux"));
        assert!(ok("unix && amd64"));
        assert!(!ok("!linux"));
        assert!(ok("(darwin || linux) && !386"));
        assert!(ok("gc && go1.18"));
        assert!(!ok("go1.20 || ignore || cgo"));
        assert!(Expr::parse("linux &&").is_err());
        assert!(c.source_ok("// Copyright\n\n//go:build !windows\n\npackage x\n").unwrap());
        assert!(!c.source_ok("//go:build ignore\n\npackage x\n").unwrap());
    }

    #[test]
    fn packages_with_assembly_only_by_architecture_build_portably() {
        let c = Context::new("linux", "amd64");
        let asm = "//go:build amd64 || arm64 || ppc64le || s390x\n\npackage nistec\n";
        let portable = "//go:build !amd64 && !arm64 && !ppc64le && !s390x\n\npackage nistec\n";
        let n = c.for_package("crypto/internal/nistec");
        assert!(!n.source_ok(asm).unwrap() && n.source_ok(portable).unwrap());
        assert!(n.source_ok("//go:build linux\n\npackage nistec\n").unwrap());
        let other = c.for_package("crypto/sha256");
        assert!(other.source_ok(asm).unwrap() && !other.source_ok(portable).unwrap());
    }

    #[test]
    fn file_name_suffixes() {
        let c = Context::new("linux", "arm64");
        assert!(c.file_name_ok("file.go"));
        assert!(c.file_name_ok("sys_linux.go"));
        assert!(c.file_name_ok("asm_arm64.go"));
        assert!(c.file_name_ok("zsys_linux_arm64.go"));
        assert!(!c.file_name_ok("zsys_linux_amd64.go"));
        assert!(!c.file_name_ok("sys_windows.go"));
        assert!(!c.file_name_ok("x_test.go"));
        assert!(c.test_file_name_ok("x_test.go") && c.test_file_name_ok("linux_test.go"));
        assert!(c.test_file_name_ok("x_linux_test.go") && !c.test_file_name_ok("x_windows_test.go"));
        assert!(!c.test_file_name_ok("x.go") && !c.test_file_name_ok("_x_test.go"));
        assert!(!c.file_name_ok("_x.go"));
        assert!(c.file_name_ok("linux.go"), "a bare GOOS name is no suffix");
    }
}
