//! What a build writes into a program besides its packages' code, as the
//! go command and gc's linker write it: `-ldflags`' `-X` strings and its
//! stripping flags, and the build information that
//! `runtime/debug.ReadBuildInfo` and `go version -m` read (docs/modules.md,
//! "Build information").
//!
//! Both are set after lowering, into [`ir::Program::link_data`], so a
//! different `-X` value or another program's build information never makes
//! a package's object be assembled again.

use super::{err, Error};
use crate::ir;
use crate::load::module::BuildModule;
use std::sync::OnceLock;

/// `-ldflags`, as gc's linker reads them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct LinkFlags {
    /// `-X importpath.name=value`: (import path, name, value), in order.
    pub strings: Vec<(String, String, String)>,
    /// `-s`: no symbol table and no debug information.
    pub strip: bool,
    /// `-w`: no debug information.
    pub no_dwarf: bool,
    /// `-dumpdep`: print how dead-code elimination reached each symbol.
    pub dumpdep: bool,
    /// The value as given (recorded in the build information).
    pub given: String,
}

impl LinkFlags {
    /// Reads `-ldflags`' value: words split as the go command splits them
    /// (whitespace; a word may be quoted whole with `'` or `"`), then read
    /// as gc's linker reads its flags. rgo's linker takes `-X`, `-s` and
    /// `-w`; any other flag is an error, as is the per-package form.
    pub fn parse(value: &str) -> Result<LinkFlags, String> {
        let bad = |why: &str| format!("invalid value {value:?} for flag -ldflags: {why}");
        let v = value.trim();
        let mut flags = LinkFlags { given: value.to_string(), ..LinkFlags::default() };
        if v.is_empty() {
            return Ok(flags);
        }
        if !v.starts_with('-') {
            return Err(match v.find('=') {
                None => bad("missing =<value> in <pattern>=<value>"),
                Some(0) => bad("missing <pattern> in <pattern>=<value>"),
                Some(_) => "-ldflags: per-package flags (pattern=flags) are not supported yet; give the flags alone".to_string(),
            });
        }
        let words = split_quoted(v).map_err(|e| bad(&e))?;
        let mut i = 0;
        while i < words.len() {
            let w = &words[i];
            i += 1;
            let Some(flag) = w.strip_prefix("--").or_else(|| w.strip_prefix('-')).filter(|f| !f.is_empty()) else {
                return Err(format!("-ldflags: unexpected argument {w:?} (rgo's linker takes -X, -s, -w and -dumpdep)"));
            };
            let (name, inline) = flag.split_once('=').map_or((flag, None), |(n, x)| (n, Some(x)));
            match name {
                "X" => {
                    let arg = match inline {
                        Some(a) => a.to_string(),
                        None if i < words.len() => {
                            i += 1;
                            words[i - 1].clone()
                        }
                        None => return Err("-ldflags: flag needs an argument: -X".to_string()),
                    };
                    flags.strings.push(x_definition(&arg)?);
                }
                "s" | "w" | "dumpdep" => {
                    let on = match inline {
                        None | Some("true" | "1" | "t" | "T" | "TRUE" | "True") => true,
                        Some("false" | "0" | "f" | "F" | "FALSE" | "False") => false,
                        Some(x) => return Err(format!("-ldflags: invalid boolean value {x:?} for -{name}")),
                    };
                    match name {
                        "s" => flags.strip = on,
                        "w" => flags.no_dwarf = on,
                        _ => flags.dumpdep = on,
                    }
                }
                _ => return Err(format!("-ldflags: flag provided but not defined: -{name} (rgo's linker takes -X, -s, -w and -dumpdep)")),
            }
        }
        Ok(flags)
    }
}

/// `importpath.name=value` split as gc's linker splits it: the name after
/// the last dot before the first `=`.
fn x_definition(arg: &str) -> Result<(String, String, String), String> {
    let malformed = || "-ldflags: -X flag requires argument of the form importpath.name=value".to_string();
    let eq = arg.find('=').ok_or_else(malformed)?;
    let dot = arg[..eq].rfind('.').ok_or_else(malformed)?;
    Ok((arg[..dot].to_string(), arg[dot + 1..eq].to_string(), arg[eq + 1..].to_string()))
}

/// Splits `s` into words at whitespace; a word that starts with a quote
/// runs to the same quote (no escapes), as the go command splits flags.
fn split_quoted(s: &str) -> Result<Vec<String>, String> {
    let mut words = vec![];
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let body = &rest[1..];
            let end = body.find(q).ok_or_else(|| format!("unterminated {q} string"))?;
            words.push(body[..end].to_string());
            rest = &body[end + 1..];
        } else {
            let end = rest.find(|c: char| c.is_ascii_whitespace()).unwrap_or(rest.len());
            words.push(rest[..end].to_string());
            rest = &rest[end..];
        }
        rest = rest.trim_start();
    }
    Ok(words)
}

/// What the command line asks of every program this process builds.
#[derive(Debug, Default, Clone)]
pub struct Stamp {
    pub link: LinkFlags,
    /// `-buildvcs`: `auto` (the default), `true` or `false`; the version
    /// control status is recorded by `rgo build` and `rgo install` only, as
    /// by go build and go install.
    pub buildvcs: Option<String>,
    /// The command records version control status (build, install).
    pub records_vcs: bool,
    /// `-trimpath`: file names without the build machine's directories,
    /// and no GOROOT recorded.
    pub trimpath: bool,
}

static STAMP: OnceLock<Stamp> = OnceLock::new();

/// Sets the command line's stamp, once per process (as `-tags` is set).
pub fn set(stamp: Stamp) {
    let _ = STAMP.set(stamp);
}

/// The command line's stamp (none given: nothing set, no flags).
pub fn get() -> &'static Stamp {
    STAMP.get_or_init(Stamp::default)
}

/// The 16 bytes before and after the build information in a program, by
/// which tools find it (the go command's markers).
const INFO_START: [u8; 16] = [0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6];
const INFO_END: [u8; 16] = [0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2];

/// The Go release a program says it was built by (`runtime.Version`).
pub const GO_VERSION: &str = "go1.19";

/// What the build information says of one program.
pub struct BuildInfo<'a> {
    /// The main package's import path (`command-line-arguments` for files).
    pub path: &'a str,
    /// The main module, when the main package is one of its packages.
    pub main_module: Option<&'a str>,
    /// The modules of the program's other packages, each once.
    pub deps: Vec<BuildModule>,
    pub target: &'a rgo_targets::Target,
    /// The version control settings (`vcs`, `vcs.revision`, …).
    pub vcs: Vec<(String, String)>,
}

impl BuildInfo<'_> {
    /// The lines `debug.BuildInfo.String` prints, without the go line:
    /// what `runtime/debug.ParseBuildInfo` reads.
    pub fn text(&self) -> String {
        let mut out = format!("path\t{}\n", self.path);
        if let Some(m) = self.main_module {
            out += &format!("mod\t{m}\t(devel)\t\n");
        }
        fn module(out: &mut String, word: &str, m: &BuildModule) {
            *out += &format!("{word}\t{}\t{}", m.path, m.version);
            match &m.replace {
                None => *out += &format!("\t{}", m.sum),
                Some(r) => {
                    out.push('\n');
                    module(out, "=>", r);
                }
            }
            out.push('\n');
        }
        let mut deps = self.deps.clone();
        deps.sort_by(|a, b| (&a.path, &a.version).cmp(&(&b.path, &b.version)));
        deps.dedup_by(|a, b| a.path == b.path && a.version == b.version);
        for d in &deps {
            module(&mut out, "dep", d);
        }
        let mut settings: Vec<(String, String)> = vec![("-compiler".into(), "gc".into())];
        if let Some(gcflags) = super::gcflags::given().filter(|g| !g.is_empty()) {
            settings.push(("-gcflags".into(), gcflags.to_string()));
        }
        let stamp = get();
        // As go: -trimpath leaves -ldflags out (they may name directories).
        if !stamp.link.given.trim().is_empty() && !stamp.trimpath {
            settings.push(("-ldflags".into(), stamp.link.given.clone()));
        }
        let tags = crate::load::constraint::user_tags();
        if !tags.is_empty() {
            settings.push(("-tags".into(), tags.join(",")));
        }
        if stamp.trimpath {
            settings.push(("-trimpath".into(), "true".into()));
        }
        // rgo builds without cgo.
        settings.push(("CGO_ENABLED".into(), "0".into()));
        settings.push(("GOARCH".into(), self.target.goarch.into()));
        settings.push(("GOOS".into(), self.target.goos.into()));
        if self.target.goarch == "amd64" {
            // The baseline rgo's code is for, whatever GOAMD64 says.
            settings.push(("GOAMD64".into(), "v1".into()));
        }
        settings.extend(self.vcs.iter().cloned());
        for (k, v) in settings {
            let k = if k.is_empty() || k.contains(['=', ' ', '\t', '\r', '\n', '"', '`']) { super::testmain::go_quote(&k) } else { k };
            let v = if v.contains([' ', '\t', '\r', '\n', '"', '`']) { super::testmain::go_quote(&v.replace('\n', " ")) } else { v };
            out += &format!("build\t{k}={v}\n");
        }
        out
    }
}

/// `text` between the markers, as a program holds its build information.
pub fn marked(text: &str) -> Vec<u8> {
    let mut b = INFO_START.to_vec();
    b.extend_from_slice(text.as_bytes());
    b.extend_from_slice(&INFO_END);
    b
}

/// How a program names its source files (its function records: tracebacks,
/// `runtime.Caller`): absolute paths, or with `-trimpath` as the go command
/// rewrites them, each directory (the longest that holds the file) replaced
/// by what it stands for: GOROOT's `src` by nothing (`runtime/proc.go`), a
/// module's directory by its path, with `@version` when it has one
/// (`example.org/dep@v1.2.0/x.go`), the directory of files named on the
/// command line by `.`.
#[derive(Debug, Default)]
pub struct FileNames {
    /// Set with `-trimpath`: (directory, what it stands for).
    pub trim: Option<Vec<(std::path::PathBuf, String)>>,
}

impl FileNames {
    /// The name the program shows for `file` (as the parser has it).
    pub fn show(&self, file: &str) -> String {
        let Some(rules) = &self.trim else { return crate::paths::absolute(file) };
        if let Some(rest) = file.strip_prefix("$GOROOT/src/") {
            return rest.to_string();
        }
        let abs = crate::paths::absolute(file);
        let path = std::path::Path::new(&abs);
        let best = rules.iter().filter(|(d, _)| path.starts_with(d)).max_by_key(|(d, _)| d.as_os_str().len());
        match best {
            Some((dir, with)) => {
                let rest = path.strip_prefix(dir).unwrap_or(path).to_string_lossy().into_owned();
                match (with.is_empty(), rest.is_empty()) {
                    (true, _) => rest,
                    (false, true) => with.clone(),
                    (false, false) => format!("{with}/{rest}"),
                }
            }
            None => abs,
        }
    }

    /// Names the files of `prog`'s functions and inlined copies as
    /// [`FileNames::show`] says.
    pub fn apply(&self, prog: &mut ir::Program) {
        let mut seen: std::collections::HashMap<std::sync::Arc<str>, std::sync::Arc<str>> = std::collections::HashMap::new();
        let mut name = |f: &mut std::sync::Arc<str>| {
            let shown = seen.entry(f.clone()).or_insert_with(|| self.show(f).into()).clone();
            *f = shown;
        };
        for f in &mut prog.funcs {
            if let Some(p) = &mut f.pos {
                name(&mut p.file);
            }
            if let ir::FuncKind::Code(body) = &mut f.kind {
                for call in &mut body.inlined {
                    name(&mut call.pos.file);
                }
            }
        }
    }
}

/// The `.go.buildinfo` section's bytes (gc's pointer-free form): a 32-byte
/// header (its magic, the pointer size, flags: little-endian, inline
/// strings), then the Go version and the marked build information, each
/// after its length as an unsigned varint; padded to 16 bytes.
pub fn buildinfo_section(modinfo: &[u8]) -> Vec<u8> {
    let mut b = b"\xff Go buildinf:".to_vec();
    b.push(8);
    b.push(2);
    b.resize(32, 0);
    for s in [GO_VERSION.as_bytes(), modinfo] {
        let mut n = s.len() as u64;
        while n >= 0x80 {
            b.push((n as u8) | 0x80);
            n >>= 7;
        }
        b.push(n as u8);
        b.extend_from_slice(s);
    }
    while b.len() % 16 != 0 {
        b.push(0);
    }
    b
}

/// The Go version and build information (without its markers; empty if
/// it has none) of the program whose bytes are `exe`, from its
/// `.go.buildinfo` section, as go version reads them. Errors are go's.
pub fn read_buildinfo(exe: &[u8]) -> Result<(String, String), String> {
    let section = elf_section(exe, ".go.buildinfo").ok_or("not a Go executable")?;
    if section.len() < 32 || &section[..14] != b"\xff Go buildinf:" {
        return Err("not a Go executable".into());
    }
    if section[15] & 2 == 0 {
        return Err("rgo reads the build information of programs of Go 1.18 and later only".into());
    }
    let mut rest = &section[32..];
    let mut string = || -> Result<Vec<u8>, String> {
        let (mut n, mut shift, mut used) = (0u64, 0, 0);
        for b in rest.iter() {
            used += 1;
            n |= u64::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 || shift > 63 {
                break;
            }
        }
        let s = rest.get(used..used + n as usize).ok_or("not a Go executable")?;
        rest = &rest[used + n as usize..];
        Ok(s.to_vec())
    };
    let version = String::from_utf8_lossy(&string()?).into_owned();
    let b = string()?;
    let info = if b.len() >= 33 && b[b.len() - 17] == b'\n' { String::from_utf8_lossy(&b[16..b.len() - 16]).into_owned() } else { String::new() };
    Ok((version, info))
}

/// The contents of the section `name` of the 64-bit little-endian ELF file
/// `f` (`None` if it is no such file or has no such section).
fn elf_section<'a>(f: &'a [u8], name: &str) -> Option<&'a [u8]> {
    let u16_at = |o: usize| f.get(o..o + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as usize);
    let u64_at = |o: usize| f.get(o..o + 8).map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")) as usize);
    if f.get(..6)? != b"\x7fELF\x02\x01" {
        return None;
    }
    let (shoff, shentsize, shnum, shstrndx) = (u64_at(0x28)?, u16_at(0x3a)?, u16_at(0x3c)?, u16_at(0x3e)?);
    let header = |i: usize| shoff.checked_add(i.checked_mul(shentsize)?);
    let names = header(shstrndx)?;
    let (names_off, names_size) = (u64_at(names + 0x18)?, u64_at(names + 0x20)?);
    let names = f.get(names_off..names_off.checked_add(names_size)?)?;
    (0..shnum).find_map(|i| {
        let h = header(i)?;
        let at = u32::from_le_bytes(f.get(h..h + 4)?.try_into().ok()?) as usize;
        let n = names.get(at..)?;
        let n = &n[..n.iter().position(|&c| c == 0)?];
        if n != name.as_bytes() {
            return None;
        }
        let (off, size) = (u64_at(h + 0x18)?, u64_at(h + 0x20)?);
        f.get(off..off.checked_add(size)?)
    })
}

/// Assembler text (GNU as, every target's) that puts `section` in the
/// `.go.buildinfo` section, kept by the linker's `--gc-sections` though
/// nothing refers to it.
pub fn buildinfo_asm(section: &[u8]) -> String {
    let mut text = String::from("\t.section .go.buildinfo,\"awR\"\n\t.balign 16\n");
    for row in section.chunks(16) {
        let bytes: Vec<String> = row.iter().map(|b| format!("{b:#04x}")).collect();
        text += &format!("\t.byte {}\n", bytes.join(","));
    }
    text
}

/// The `-X` strings that name package-level variables of the program in
/// `world`, each as its data symbol and value (a later definition of the
/// same variable wins). A variable of a type other than `string` is an
/// error, as gc's linker reports it; other names are passed over (gc sets
/// only variables it finds).
pub fn x_strings(world: &crate::types::World, strings: &[(String, String, String)]) -> Result<Vec<(String, String)>, Error> {
    let mut out: Vec<(String, String)> = vec![];
    for (pkg, name, value) in strings {
        let Some(p) = world.package_by_path(pkg) else { continue };
        let Some(o) = world.scope(world.pkg(p).scope).get(name) else { continue };
        let obj = world.obj(o);
        let (crate::types::object::ObjKind::Var { .. }, Some(t)) = (&obj.kind, obj.typ) else { continue };
        let sym = format!("{pkg}.{name}");
        if t != crate::types::ty::basic(crate::types::ty::Basic::String) {
            return err(format!("{sym}: cannot set with -X: not a var of type string (type.{})", world.type_string(t, None)));
        }
        out.retain(|(s, _)| *s != sym);
        out.push((sym, value.clone()));
    }
    Ok(out)
}

/// Gives each variable `sym` of `strings` the value: its data moves to
/// [`ir::Program::link_data`], pointing at the bytes beside it. A variable
/// the program does not keep (dead code) is passed over.
pub fn set_strings(prog: &mut ir::Program, strings: &[(String, Vec<u8>)]) {
    for (sym, value) in strings {
        let Some(i) = prog.data.iter().position(|d| d.sym == *sym) else { continue };
        let mut var = prog.data.remove(i);
        let mut init = vec![0u8; 16];
        init[8..].copy_from_slice(&(value.len() as u64).to_le_bytes());
        var.init = Some(init);
        var.size = 16;
        var.readonly = false;
        var.relocs = vec![];
        if !value.is_empty() {
            let bytes = format!("{sym}.str");
            var.relocs.push(ir::Reloc { offset: 0, sym: bytes.clone(), addend: 0 });
            prog.link_data.push(ir::Data { sym: bytes, align: 1, size: value.len() as u32, init: Some(value.clone()), relocs: vec![], readonly: true });
        }
        prog.link_data.push(var);
    }
}

/// The version control settings of a build of the main module at
/// `module_dir` whose main package is in `package_dir`, as go build
/// records them (`vcs`, `vcs.revision`, `vcs.time`, `vcs.modified`): git
/// repositories only. None when `-buildvcs=false`, the command records
/// none, or the main module is not in the repository holding the current
/// directory (with `-buildvcs=auto`, also when git is not installed).
pub fn vcs_settings(module_dir: &std::path::Path, package_dir: &std::path::Path) -> Result<Vec<(String, String)>, Error> {
    let stamp = get();
    let mode = stamp.buildvcs.as_deref().unwrap_or("auto");
    if !stamp.records_vcs || mode == "false" {
        return Ok(vec![]);
    }
    let repo_of = |d: &std::path::Path| d.ancestors().find(|a| a.join(".git").exists()).map(std::path::Path::to_path_buf);
    let cwd = std::env::current_dir().unwrap_or_default();
    let Some(repo) = repo_of(&cwd) else { return Ok(vec![]) };
    if !module_dir.starts_with(&repo) && !repo.starts_with(module_dir) {
        return Ok(vec![]);
    }
    let auto = mode == "auto";
    if auto && super::build::find_program("git", std::env::var_os("PATH").as_deref()).is_none() {
        return Ok(vec![]);
    }
    for (what, dir) in [("main package", package_dir), ("main module", module_dir)] {
        let other = repo_of(dir);
        if other.as_ref() != Some(&repo) {
            if auto {
                return Ok(vec![]);
            }
            let shown = other.map(|o| o.display().to_string()).unwrap_or_default();
            return err(vcs_error(&format!("{what} is in repository {shown:?} but current directory is in repository {:?}", repo.display().to_string())));
        }
    }
    static STATUS: OnceLock<Result<Vec<(String, String)>, String>> = OnceLock::new();
    STATUS.get_or_init(|| git_status(&repo)).clone().or_else(|e| err(vcs_error(&e)))
}

fn vcs_error(e: &str) -> String {
    format!("error obtaining VCS status: {e}\n\tUse -buildvcs=false to disable VCS stamping.")
}

/// git's revision, commit time and whether the work tree has changes.
fn git_status(repo: &std::path::Path) -> Result<Vec<(String, String)>, String> {
    let git = |args: &[&str]| -> Result<String, String> {
        let out = std::process::Command::new("git").args(args).current_dir(repo).output().map_err(|e| format!("git: {e}"))?;
        if !out.status.success() {
            return Err(format!("exit status {}\n{}", out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).trim_end()));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let modified = !git(&["status", "--porcelain"])?.is_empty();
    let mut settings = vec![("vcs".to_string(), "git".to_string())];
    // A repository without commits has a status but nothing to show.
    match git(&["-c", "log.showsignature=false", "show", "-s", "--format=%H:%ct"]) {
        Ok(out) => {
            let (rev, time) = out.trim().split_once(':').ok_or_else(|| format!("unrecognized VCS tool output {:?}", out.trim()))?;
            let secs: i64 = time.parse().map_err(|_| format!("unrecognized VCS tool output {:?}", out.trim()))?;
            settings.push(("vcs.revision".into(), rev.to_string()));
            settings.push(("vcs.time".into(), rfc3339(secs)));
        }
        Err(e) if !modified => return Err(e),
        Err(_) => {}
    }
    settings.push(("vcs.modified".into(), modified.to_string()));
    Ok(settings)
}

/// A Unix time in seconds as RFC 3339 in UTC (`2026-11-28T19:29:53Z`).
fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ldflags_read_as_gc_reads_them() {
        let f = LinkFlags::parse("-X main.version=1.2 -X 'main.commit=abc def' -s --w -X=example.org/x/v.Name=a=b").unwrap();
        assert_eq!(
            f.strings,
            vec![
                ("main".into(), "version".into(), "1.2".into()),
                ("main".into(), "commit".into(), "abc def".into()),
                ("example.org/x/v".into(), "Name".into(), "a=b".into()),
            ]
        );
        assert!(f.strip && f.no_dwarf);
        assert_eq!(LinkFlags::parse("  ").unwrap().strings, vec![]);
        assert!(LinkFlags::parse("-X nodot=1").unwrap_err().contains("importpath.name=value"));
        assert!(LinkFlags::parse("-X main.v").unwrap_err().contains("importpath.name=value"));
        assert!(LinkFlags::parse("-X").unwrap_err().contains("needs an argument"));
        assert!(LinkFlags::parse("-linkmode=external").unwrap_err().contains("not defined: -linkmode"));
        assert!(LinkFlags::parse("-X 'main.v=x").unwrap_err().contains("unterminated ' string"));
        assert!(LinkFlags::parse("main=-s").unwrap_err().contains("per-package"));
        assert!(LinkFlags::parse("main").unwrap_err().contains("missing =<value>"));
        assert!(LinkFlags::parse("-s=maybe").unwrap_err().contains("invalid boolean"));
        assert!(!LinkFlags::parse("-s=false").unwrap().strip);
    }

    #[test]
    fn buildinfo_section_is_gcs_inline_form() {
        let b = buildinfo_section(&marked("path\tx\n"));
        assert_eq!(&b[..16], b"\xff Go buildinf:\x08\x02");
        assert_eq!(b[32] as usize, GO_VERSION.len());
        assert_eq!(&b[33..33 + GO_VERSION.len()], GO_VERSION.as_bytes());
        assert_eq!(b[33 + GO_VERSION.len()], 16 + 7 + 16);
        assert_eq!(b.len() % 16, 0);
        // Lengths of 128 and more take two bytes.
        let long = buildinfo_section(&vec![b'x'; 200]);
        assert_eq!(&long[39..41], &[200 | 0x80, 1]);
    }

    #[test]
    fn times_in_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_894_193), "2026-11-28T19:29:53Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}
