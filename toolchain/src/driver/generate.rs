//! `rgo generate`: runs the commands of `//go:generate` lines, as go
//! generate does (`go help generate`): each line of a package's files that
//! starts with `//go:generate ` is split into words (a word may be a Go
//! double-quoted string), a `-command` alias expanded, `$NAME`s expanded
//! from the generator's variables (`$GOFILE`, `$GOLINE`, `$GOPACKAGE`,
//! `$GOARCH`, `$GOOS`, `$GOROOT`, `$DOLLAR`, `$PATH`, `$PWD`) and the
//! environment, and the command run in the file's directory. The files are
//! the package's and its tests', as the build context (with the tag
//! `generate`) chooses them; a command name without a slash is looked for
//! in `$GOROOT/bin` first, as go looks there for its own tools.
//!
//! A failing command, or a malformed line, is reported as `file:line:
//! message`; the package's remaining files are skipped and the status is 1.

use super::{err, Error};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// `go generate`'s flags.
#[derive(Debug, Default)]
pub struct Options {
    /// `-run`: only lines (trimmed) this expression matches.
    pub run: Option<regex::Regex>,
    /// `-n`: print the commands, run nothing.
    pub dry_run: bool,
    /// `-x`: print the commands as they run.
    pub trace: bool,
    /// `-v`: print the files as they are read.
    pub verbose: bool,
}

/// A package's files in the order go generate reads them: the package's
/// and its tests' (`files`), then its external tests' (`xfiles`).
pub struct Files {
    pub files: Vec<PathBuf>,
    pub xfiles: Vec<PathBuf>,
    /// A dependency module holds the package.
    pub dependency: bool,
}

impl From<super::list::PackageFiles> for Files {
    fn from(p: super::list::PackageFiles) -> Files {
        let join = |names: &[String]| names.iter().map(|n| p.dir.join(n)).collect::<Vec<_>>();
        let mut files = join(&p.go_files);
        files.extend(join(&p.test_go_files));
        Files { files, xfiles: join(&p.xtest_go_files), dependency: p.dependency }
    }
}

/// Runs the generators of `packages`' files; the exit status.
pub fn generate(packages: Vec<Files>, target: super::build::Target, opts: &Options) -> Result<i32, Error> {
    let mut status = 0;
    let mut said_dependency = false;
    for pkg in packages {
        if pkg.dependency {
            if !said_dependency {
                super::say("rgo: not generating in packages in dependency modules");
                said_dependency = true;
            }
            continue;
        }
        // As go: a failure ends the package's files, then its external
        // tests' files are read all the same.
        for group in [&pkg.files, &pkg.xfiles] {
            for file in group {
                let Some(g) = Generator::new(file, target, opts)? else { continue };
                if g.run(opts).is_err() {
                    status = 1;
                    break;
                }
            }
        }
    }
    Ok(status)
}

/// A generator stopped at an error it has reported.
struct Stop;

/// One file's `//go:generate` lines.
struct Generator {
    path: PathBuf,
    /// The path as messages show it.
    shown: String,
    dir: PathBuf,
    src: Vec<u8>,
    package: String,
    target: super::build::Target,
    /// `-command` aliases: name to words.
    commands: HashMap<String, Vec<String>>,
    line: usize,
}

/// The longest line read whole (bufio's default buffer): a longer
/// directive is an error, other long lines are passed over.
const MAX_LINE: usize = 4096;

impl Generator {
    /// The generator of `file`; none for a file whose package clause does
    /// not parse (go passes it over).
    fn new(file: &Path, target: super::build::Target, opts: &Options) -> Result<Option<Generator>, Error> {
        let src = std::fs::read(file).or_else(|e| err(format!("generate: open {}: {}", file.display(), super::build::io_msg(&e))))?;
        let file = &PathBuf::from(crate::paths::absolute(&file.display().to_string()));
        let mut ids = crate::syntax::IdGen::default();
        let Ok(header) = crate::syntax::parse_header(&file.display().to_string(), &src, &mut ids) else { return Ok(None) };
        let shown = short_path(file);
        if opts.verbose {
            super::say(&shown);
        }
        Ok(Some(Generator {
            path: file.to_path_buf(),
            shown,
            dir: file.parent().map(Path::to_path_buf).unwrap_or_default(),
            src,
            package: header.package.name,
            target,
            commands: HashMap::new(),
            line: 0,
        }))
    }

    /// Reports `msg` at the current line and stops.
    fn fail(&self, msg: &str) -> Stop {
        super::say(&format!("{}:{}: {msg}", self.shown, self.line));
        Stop
    }

    fn run(mut self, opts: &Options) -> Result<(), Stop> {
        let src = std::mem::take(&mut self.src);
        let mut rest: &[u8] = &src;
        while !rest.is_empty() {
            self.line += 1;
            let (line, complete) = match rest.iter().position(|&b| b == b'\n') {
                Some(i) => (&rest[..=i], true),
                None => (rest, false),
            };
            rest = &rest[line.len()..];
            if !is_directive(line) {
                continue;
            }
            if line.len() > MAX_LINE {
                return Err(self.fail("directive too long"));
            }
            if !complete {
                return Err(self.fail(&format!("error reading {}: unexpected EOF", self.shown)));
            }
            let text = String::from_utf8_lossy(line);
            if opts.run.as_ref().is_some_and(|re| !re.is_match(text.trim())) {
                continue;
            }
            let words = self.split(&text)?;
            if words.is_empty() {
                return Err(self.fail("no arguments to directive"));
            }
            if words[0] == "-command" {
                self.shorthand(words)?;
                continue;
            }
            if opts.dry_run || opts.trace {
                super::say(&words.join(" "));
            }
            if !opts.dry_run {
                self.exec(&words)?;
            }
        }
        Ok(())
    }

    /// The generator's own variables, as `NAME=value`.
    fn env(&self) -> Vec<(String, String)> {
        let goroot = crate::load::goroot().map(|g| g.display().to_string()).unwrap_or_default();
        let file = self.path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        let mut path = Path::new(&goroot).join("bin").display().to_string();
        if let Some(p) = std::env::var_os("PATH").filter(|p| !p.is_empty()) {
            path = format!("{path}:{}", p.to_string_lossy());
        }
        vec![
            ("GOROOT".into(), goroot),
            ("GOARCH".into(), self.target.spec.goarch.into()),
            ("GOOS".into(), self.target.spec.goos.into()),
            ("GOFILE".into(), file),
            ("GOLINE".into(), self.line.to_string()),
            ("GOPACKAGE".into(), self.package.clone()),
            ("DOLLAR".into(), "$".into()),
            ("PATH".into(), path),
            ("PWD".into(), self.dir.display().to_string()),
        ]
    }

    /// The words of a directive line: blank-separated, a word starting with
    /// `"` a Go string literal; a `-command` alias replaced by its words;
    /// `$NAME` and `${NAME}` expanded.
    fn split(&self, line: &str) -> Result<Vec<String>, Stop> {
        let mut line = &line["//go:generate ".len()..];
        line = line.strip_suffix('\n').unwrap_or(line);
        line = line.strip_suffix('\r').unwrap_or(line);
        let mut words = vec![];
        loop {
            line = line.trim_start_matches([' ', '\t']);
            if line.is_empty() {
                break;
            }
            if line.starts_with('"') {
                let b = line.as_bytes();
                let mut i = 1;
                let end = loop {
                    match b.get(i) {
                        None => return Err(self.fail("mismatched quoted string")),
                        Some(b'\\') if i + 1 == b.len() => return Err(self.fail("bad backslash")),
                        Some(b'\\') => i += 2,
                        Some(b'"') => break i,
                        Some(_) => i += 1,
                    }
                };
                let word = unquote(&line[1..end]).ok_or_else(|| self.fail("bad quoted string"))?;
                words.push(word);
                line = &line[end + 1..];
                if !line.is_empty() && !line.starts_with([' ', '\t']) {
                    return Err(self.fail("expect space after quoted argument"));
                }
                continue;
            }
            let end = line.find([' ', '\t']).unwrap_or(line.len());
            words.push(line[..end].to_string());
            line = &line[end..];
        }
        if let Some(alias) = words.first().and_then(|w| self.commands.get(w)) {
            let mut w = alias.clone();
            w.extend(words.drain(1..));
            words = w;
        }
        let env = self.env();
        let lookup = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).or_else(|| std::env::var(name).ok()).unwrap_or_default();
        Ok(words.iter().map(|w| expand(w, &lookup)).collect())
    }

    /// `-command NAME WORDS...`.
    fn shorthand(&mut self, words: Vec<String>) -> Result<(), Stop> {
        let Some(name) = words.get(1) else { return Err(self.fail("no command specified for -command")) };
        if self.commands.contains_key(name) {
            return Err(self.fail(&format!("command {name:?} multiply defined")));
        }
        self.commands.insert(name.clone(), words[2..].to_vec());
        Ok(())
    }

    fn exec(&self, words: &[String]) -> Result<(), Stop> {
        let mut program = PathBuf::from(&words[0]);
        if !words[0].is_empty() && !words[0].contains('/') {
            if let Some(bin) = crate::load::goroot().map(|g| g.join("bin").join(&words[0])).filter(|p| p.is_file()) {
                program = bin;
            }
        }
        let mut cmd = std::process::Command::new(&program);
        cmd.args(&words[1..]).current_dir(&self.dir).envs(self.env());
        {
            use std::os::unix::process::CommandExt;
            cmd.arg0(&words[0]);
        }
        let status = cmd.status().map_err(|e| self.fail(&format!("running {:?}: {}", words[0], exec_error(&words[0], &program, &e))))?;
        if !status.success() {
            let why = match status.code() {
                Some(c) => format!("exit status {c}"),
                None => format!("signal: {}", super::run::signal_name(std::os::unix::process::ExitStatusExt::signal(&status).unwrap_or(0))),
            };
            return Err(self.fail(&format!("running {:?}: {why}", words[0])));
        }
        Ok(())
    }
}

/// Why command `name` (found as `program`) could not start, as Go's
/// os/exec says it.
fn exec_error(name: &str, program: &Path, e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound && !name.contains('/') {
        return format!("exec: {name:?}: executable file not found in $PATH");
    }
    format!("fork/exec {}: {}", program.display(), super::build::io_msg(e))
}

/// Whether a line is a directive: `//go:generate` then a blank.
fn is_directive(line: &[u8]) -> bool {
    line.starts_with(b"//go:generate ") || line.starts_with(b"//go:generate\t")
}

/// `file` relative to the current directory (with `..` where needed) when
/// that is shorter, as the go command shows paths.
fn short_path(file: &Path) -> String {
    let abs = crate::paths::absolute(&file.display().to_string());
    let Ok(cwd) = std::env::current_dir() else { return abs };
    let (from, to): (Vec<_>, Vec<_>) = (cwd.components().collect(), Path::new(&abs).components().collect());
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut rel = PathBuf::new();
    for _ in common..from.len() {
        rel.push("..");
    }
    rel.extend(&to[common..]);
    let rel = rel.display().to_string();
    if rel.len() < abs.len() {
        rel
    } else {
        abs
    }
}

/// `$NAME`, `${NAME}` and the shell's one-character names expanded by
/// `lookup`, as Go's os.Expand does: `${}` and an unclosed `${` are
/// dropped, a `$` before anything else stays.
fn expand(s: &str, lookup: &dyn Fn(&str) -> String) -> String {
    let b = s.as_bytes();
    let special = |c: u8| b"*#$@!?-0123456789".contains(&c);
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    while j < b.len() {
        if b[j] == b'$' && j + 1 < b.len() {
            out.push_str(&s[i..j]);
            let rest = &s[j + 1..];
            let r = rest.as_bytes();
            let (name, width): (&str, usize) = if r[0] == b'{' {
                if r.len() > 2 && special(r[1]) && r[2] == b'}' {
                    (&rest[1..2], 3)
                } else {
                    match rest[1..].find('}') {
                        Some(0) => ("", 2),
                        Some(k) => (&rest[1..k + 1], k + 2),
                        None => ("", 1),
                    }
                }
            } else if special(r[0]) {
                (&rest[..1], 1)
            } else {
                let n = r.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'_').count();
                (&rest[..n], n)
            };
            if name.is_empty() && width == 0 {
                out.push('$');
            } else if !name.is_empty() {
                out.push_str(&lookup(name));
            }
            j += width;
            i = j + 1;
        }
        j += 1;
    }
    out.push_str(&s[i.min(s.len())..]);
    out
}

/// The value of the Go double-quoted string literal whose body (between
/// the quotes) is `body`; `None` if it is malformed.
fn unquote(body: &str) -> Option<String> {
    let mut out: Vec<u8> = vec![];
    let b = body.as_bytes();
    let mut i = 0;
    let hex = |s: &[u8]| std::str::from_utf8(s).ok().and_then(|h| u32::from_str_radix(h, 16).ok().filter(|_| h.bytes().all(|c| c.is_ascii_hexdigit())));
    while i < b.len() {
        match b[i] {
            b'"' | b'\n' => return None,
            b'\\' => {
                let c = *b.get(i + 1)?;
                i += 2;
                let simple = match c {
                    b'a' => Some(7),
                    b'b' => Some(8),
                    b'f' => Some(12),
                    b'n' => Some(b'\n'),
                    b'r' => Some(b'\r'),
                    b't' => Some(b'\t'),
                    b'v' => Some(11),
                    b'\\' => Some(b'\\'),
                    b'"' => Some(b'"'),
                    _ => None,
                };
                if let Some(v) = simple {
                    out.push(v);
                    continue;
                }
                match c {
                    b'0'..=b'7' => {
                        let digits = b.get(i - 1..i + 2)?;
                        let v = std::str::from_utf8(digits)
                            .ok()
                            .filter(|d| d.bytes().all(|c| (b'0'..=b'7').contains(&c)))
                            .and_then(|d| u32::from_str_radix(d, 8).ok())?;
                        out.push(u8::try_from(v).ok()?);
                        i += 2;
                    }
                    b'x' => {
                        out.push(hex(b.get(i..i + 2)?)? as u8);
                        i += 2;
                    }
                    b'u' | b'U' => {
                        let n = if c == b'u' { 4 } else { 8 };
                        let ch = char::from_u32(hex(b.get(i..i + n)?)?)?;
                        let mut buf = [0; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                        i += n;
                    }
                    _ => return None,
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expand_as_os_expand() {
        let lookup = |n: &str| match n {
            "A" => "x".to_string(),
            "1" => "one".to_string(),
            _ => String::new(),
        };
        assert_eq!(expand("$A-${A}-$1-${1}-$B-$", &lookup), "x-x-one-one--$");
        assert_eq!(expand("a${}b${A", &lookup), "abA");
        assert_eq!(expand("$%", &lookup), "$%");
        assert_eq!(expand("no dollars", &lookup), "no dollars");
    }

    #[test]
    fn unquote_as_strconv() {
        assert_eq!(unquote(r#"a\tb\x41\101\u00e9\U0001F600\\\""#).as_deref(), Some("a\tbAA\u{e9}\u{1F600}\\\""));
        assert_eq!(unquote(r"\q"), None);
        assert_eq!(unquote(r"\400"), None);
        assert_eq!(unquote(r"\xZZ"), None);
        assert_eq!(unquote(r"\uD800"), None);
    }
}
