//! `rgo test`'s cache of test results, as the go command keeps one: a
//! package's passing run is replayed, its time shown as `(cached)`, when
//! the same test binary runs with the same arguments and nothing it read
//! changed.
//!
//! Two entries per result, as go's: under the test's key (the test
//! binary's contents, its arguments, the target, rgo itself), the list of
//! what the last run read (the test log the binary writes with
//! `-test.testlogfile`: environment variables, files opened or looked at,
//! directories changed to); under that key and the hash of those inputs
//! now (the variables' values; the files' sizes, modes and times, the
//! entries of directories), the output to replay. Files outside the
//! package's root (its module, or GOROOT) are not looked at again; a file
//! changed less than two seconds ago makes the run uncacheable (its time
//! may not show the next change).
//!
//! Only runs of named packages (`rgo test pkg`, `rgo test .`) whose test
//! flags are all of go's cacheable ones (`-benchtime`, `-cpu`, `-list`,
//! `-parallel`, `-run`, `-short`, `-timeout`, `-failfast`, `-v`) are
//! cached: `-count=1` is the way to run tests anyway. Not on the boards,
//! which have no file system for the test log.

use crate::load::cache::{Cache, Key};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The first line of a test log.
const LOG_HEADER: &[u8] = b"# test log\n";
/// Test flags whose runs may be cached (go's list).
const CACHEABLE: &[&str] =
    &["-test.benchtime", "-test.cpu", "-test.list", "-test.parallel", "-test.run", "-test.short", "-test.timeout", "-test.failfast", "-test.v"];
/// Input files modified more recently than this make a run uncacheable.
const TOO_NEW: Duration = Duration::from_secs(2);

/// A cacheable test run: where its entries go and what decides them.
pub struct TestCache {
    cache: Cache,
    /// The test's key: binary, arguments, target, toolchain.
    id: Key,
    /// Files outside it are not inputs.
    root: PathBuf,
    /// The package's directory, where relative names in the log start.
    dir: PathBuf,
}

impl TestCache {
    /// The cache for running `exe` with `args` in `dir`, when such a run
    /// may be cached: `root` is the package's module or GOROOT.
    /// `binary` is the test binary's hash ([`binary_hash`]).
    pub fn new(binary: &Key, args: &[String], target: &str, dir: &Path, root: Option<PathBuf>) -> Option<TestCache> {
        if !cacheable(args) {
            return None;
        }
        let root = root?;
        let cache = Cache::open()?;
        let mut h = blake3::Hasher::new();
        h.update(b"test result\0");
        h.update(crate::load::cache::toolchain_id().as_bytes());
        h.update(b"\0");
        h.update(target.as_bytes());
        h.update(b"\0");
        h.update(binary);
        for a in args {
            h.update(b"\0");
            h.update(a.as_bytes());
        }
        Some(TestCache { cache, id: *h.finalize().as_bytes(), root, dir: dir.to_path_buf() })
    }

    /// The output of the last passing run, if its inputs are as they were:
    /// its last line is the `ok` line, with the time it took.
    pub fn lookup(&self) -> Option<Vec<u8>> {
        let log = self.cache.get("testlog", &self.id)?;
        let inputs = self.inputs(&log)?;
        let key = self.key(&inputs);
        // `rgo clean -testcache` expired results recorded before it.
        if let Some(expired) = expire_time(&self.cache) {
            if self.cache.modified("testout", &key).is_none_or(|t| t <= expired) {
                return None;
            }
        }
        let out = self.cache.get("testout", &key)?;
        out.ends_with(b"\n").then_some(out)
    }

    /// Keeps a passing run's `output` (what a later run replays) with the
    /// test log it wrote.
    pub fn store(&self, log_file: &Path, output: &[u8]) {
        let Ok(log) = std::fs::read(log_file) else { return };
        let Some(inputs) = self.inputs(&log) else { return };
        self.cache.put("testlog", &self.id, &log);
        self.cache.put("testout", &self.key(&inputs), output);
        self.cache.trim("testout");
        self.cache.trim("testlog");
    }

    fn key(&self, inputs: &Key) -> Key {
        let mut h = blake3::Hasher::new();
        h.update(&self.id);
        h.update(inputs);
        *h.finalize().as_bytes()
    }

    /// The hash of what the test log names, as it is now; `None` for a log
    /// that is not one or an input too new to trust.
    fn inputs(&self, log: &[u8]) -> Option<Key> {
        let body = log.strip_prefix(LOG_HEADER)?;
        if !body.is_empty() && !body.ends_with(b"\n") {
            return None;
        }
        let mut h = blake3::Hasher::new();
        let mut pwd = self.dir.clone();
        for line in String::from_utf8_lossy(body).lines() {
            let (op, name) = line.split_once(' ')?;
            let path = pwd.join(name);
            match op {
                "getenv" => {
                    let v = std::env::var_os(name);
                    h.update(format!("env {name} {:?}\n", v).as_bytes());
                }
                "chdir" => {
                    pwd = PathBuf::from(name);
                    h.update(format!("chdir {name} {}\n", stat(&pwd)).as_bytes());
                }
                "stat" if path.starts_with(&self.root) => {
                    h.update(format!("stat {} {}\n", path.display(), stat(&path)).as_bytes());
                }
                "open" if path.starts_with(&self.root) => {
                    h.update(format!("open {} {}\n", path.display(), opened(&path)?).as_bytes());
                }
                "stat" | "open" => {}
                _ => return None,
            }
        }
        Some(*h.finalize().as_bytes())
    }
}

/// Whether a run with the test binary's arguments `args` may be cached:
/// all its flags are of go's cacheable ones.
pub fn cacheable(args: &[String]) -> bool {
    args.iter().filter(|a| *a != "-test.paniconexit0").all(|a| a.split_once('=').is_some_and(|(flag, _)| CACHEABLE.contains(&flag)))
}

/// The hash of the test binary `exe` (what [`TestCache::new`] takes).
/// When `rgo clean -testcache` last expired the cached results.
fn expire_time(cache: &Cache) -> Option<std::time::SystemTime> {
    let text = std::fs::read_to_string(cache.root().join(super::clean::TEST_EXPIRE)).ok()?;
    let nanos: u64 = text.trim().parse().ok()?;
    std::time::UNIX_EPOCH.checked_add(std::time::Duration::from_nanos(nanos))
}

pub fn binary_hash(exe: &Path) -> Option<Key> {
    std::fs::read(exe).ok().map(|b| *blake3::hash(&b).as_bytes())
}

/// The hash of the test binary built last under `key` (what decides it
/// before it is built: the generated main, the package's files, rgo, the
/// target, the environment), if every directory that build read
/// (`load::inputs`) is as it was: then a cached result is replayed
/// without building again, as the go command looks a result up from its
/// build's inputs before it links.
pub fn known_binary(key: &Key) -> Option<Key> {
    known_binary_in(&Cache::open()?, key)
}

fn known_binary_in(cache: &Cache, key: &Key) -> Option<Key> {
    let record = cache.get("testbin", key)?;
    let (binary, dirs) = record.split_at_checked(32)?;
    for line in std::str::from_utf8(dirs).ok()?.lines() {
        let (dir, state) = line.split_once('\t')?;
        if dir_state(Path::new(dir))? != state {
            return None;
        }
    }
    binary.try_into().ok()
}

/// Records that the build under `key` made the binary of hash `binary`
/// from what it read in `dirs` (see [`known_binary`]). Not when a file
/// there changed too recently for its time to show the next change.
pub fn remember_binary(key: &Key, binary: &Key, dirs: &[PathBuf]) {
    if let Some(cache) = Cache::open() {
        remember_binary_in(&cache, key, binary, dirs);
    }
}

fn remember_binary_in(cache: &Cache, key: &Key, binary: &Key, dirs: &[PathBuf]) {
    let mut record = binary.to_vec();
    for d in dirs {
        let (Some(state), Some(name)) = (dir_state(d), d.to_str()) else { return };
        if name.contains(['\t', '\n']) {
            return;
        }
        record.extend_from_slice(format!("{name}\t{state}\n").as_bytes());
    }
    cache.put("testbin", key, &record);
    cache.trim("testbin");
}

/// What stands for a directory a build read: its own [`stat`], then each
/// entry's name and metadata, and for a source file (`.go`, `.s`,
/// `go.mod`, `go.sum`, `modules.txt`) a hash of its contents, as the go
/// command hashes a build's files; for a file (one `//go:embed` read), its
/// own [`stat`] and a hash of its contents; `None` if an entry changed too
/// recently.
fn dir_state(dir: &Path) -> Option<String> {
    let mut s = stat(dir);
    // A file `//go:embed` read: its metadata and contents.
    let now = SystemTime::now();
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_file()) {
        if too_new(&std::fs::symlink_metadata(dir), now) {
            return None;
        }
        s.push_str(&format!(" {}", blake3::hash(&std::fs::read(dir).ok()?).to_hex()));
        return Some(s);
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir).ok()?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>().ok()?;
    entries.sort();
    for e in entries {
        let m = std::fs::symlink_metadata(&e);
        if too_new(&m, now) {
            return None;
        }
        let name = e.file_name()?.to_str()?;
        if name.contains(['\t', '\n']) {
            return None;
        }
        s.push_str(&format!(" {name} {}", describe(&m)));
        let source = name.ends_with(".go") || name.ends_with(".s") || matches!(name, "go.mod" | "go.sum" | "modules.txt");
        if source && m.is_ok_and(|m| m.is_file()) {
            s.push_str(&format!(" {}", blake3::hash(&std::fs::read(&e).ok()?).to_hex()));
        }
    }
    Some(s)
}

/// Whether what `m` describes changed too recently for its time to show
/// the next change (or has no time).
fn too_new(m: &std::io::Result<std::fs::Metadata>, now: SystemTime) -> bool {
    m.as_ref().ok().and_then(|m| m.modified().ok()).is_none_or(|t| now.duration_since(t).is_ok_and(|age| age < TOO_NEW))
}

/// What stands for a file looked at: its size, mode, time and kind, or
/// the error, following symbolic links and not.
fn stat(p: &Path) -> String {
    format!("{} {}", describe(&std::fs::metadata(p)), describe(&std::fs::symlink_metadata(p)))
}

fn describe(m: &std::io::Result<std::fs::Metadata>) -> String {
    use std::os::unix::fs::MetadataExt;
    match m {
        Ok(m) => format!("{} {:o} {} {} {}", m.len(), m.mode(), m.mtime(), m.mtime_nsec(), m.is_dir()),
        Err(e) => format!("err {}", e.kind()),
    }
}

/// What stands for a file opened: as [`stat`], a directory with its
/// entries; `None` for a regular file changed too recently.
fn opened(p: &Path) -> Option<String> {
    let m = std::fs::metadata(p);
    let mut s = describe(&m);
    match m {
        Ok(m) if m.is_dir() => {
            let mut names: Vec<_> = std::fs::read_dir(p).into_iter().flatten().flatten().map(|e| e.path()).collect();
            names.sort();
            for n in names {
                s.push_str(&format!(" file {} {}", n.display(), describe(&std::fs::symlink_metadata(&n))));
            }
        }
        Ok(m) if m.is_file() => {
            let age = m.modified().ok().and_then(|t| SystemTime::now().duration_since(t).ok());
            if age.is_none_or(|a| a < TOO_NEW) {
                return None;
            }
        }
        _ => {}
    }
    Some(s)
}

/// The `ok` line of cached output `out` with `(cached)` for its time.
pub fn replay(out: &[u8]) -> Vec<u8> {
    let start = out[..out.len() - 1].iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1);
    let (before, last) = out.split_at(start);
    let Some(rest) = last.strip_prefix(b"ok  \t") else { return out.to_vec() };
    let Some(tab) = rest.iter().position(|&c| c == b'\t') else { return out.to_vec() };
    let time_at = tab + 1;
    let time_len = rest[time_at..].iter().take_while(|c| c.is_ascii_digit() || **c == b'.' || **c == b's').count();
    let mut r = before.to_vec();
    r.extend_from_slice(b"ok  \t");
    r.extend_from_slice(&rest[..time_at]);
    r.extend_from_slice(b"(cached)");
    r.extend_from_slice(&rest[time_at + time_len..]);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replay_says_cached() {
        assert_eq!(replay(b"ok  \tsort\t0.123s\n"), b"ok  \tsort\t(cached)\n");
        assert_eq!(replay(b"=== RUN   T\nPASS\nok  \tp\t1.5s [no tests to run]\n"), b"=== RUN   T\nPASS\nok  \tp\t(cached) [no tests to run]\n");
    }

    #[test]
    fn only_cacheable_flags_are_cached() {
        let dir = tempfile::tempdir().unwrap();
        let exe = [7; 32];
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let root = Some(dir.path().to_path_buf());
        assert!(TestCache::new(&exe, &args(&["-test.paniconexit0", "-test.timeout=10m0s", "-test.run=X", "-test.v=true"]), "amd64", dir.path(), root.clone()).is_some());
        assert!(TestCache::new(&exe, &args(&["-test.paniconexit0", "-test.count=1"]), "amd64", dir.path(), root.clone()).is_none());
        assert!(TestCache::new(&exe, &args(&["-test.paniconexit0", "-custom"]), "amd64", dir.path(), root.clone()).is_none());
        assert!(TestCache::new(&exe, &args(&["-test.paniconexit0"]), "amd64", dir.path(), None).is_none());
    }

    #[test]
    fn a_binary_is_known_while_the_directories_read_are_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("cache"));
        let pkg = dir.path().join("pkg");
        std::fs::create_dir(&pkg).unwrap();
        let old = SystemTime::now() - Duration::from_secs(60);
        let write = |name: &str, text: &str, at: SystemTime| {
            std::fs::write(pkg.join(name), text).unwrap();
            std::fs::File::options().write(true).open(pkg.join(name)).unwrap().set_modified(at).unwrap();
        };
        write("a.go", "package p\n", old);
        let (key, binary) = ([1; 32], [2; 32]);
        remember_binary_in(&cache, &key, &binary, std::slice::from_ref(&pkg));
        assert_eq!(known_binary_in(&cache, &key), Some(binary));
        assert_eq!(known_binary_in(&cache, &[3; 32]), None, "another build");
        write("a.go", "package q\n", old);
        assert_eq!(known_binary_in(&cache, &key), None, "a file's contents changed, not its size or time");
        remember_binary_in(&cache, &key, &binary, std::slice::from_ref(&pkg));
        assert_eq!(known_binary_in(&cache, &key), Some(binary));
        write("b.go", "package p\n", old);
        assert_eq!(known_binary_in(&cache, &key), None, "a file was added");
        std::fs::remove_file(pkg.join("b.go")).unwrap();
        write("a.go", "package p // again\n", SystemTime::now());
        assert_eq!(known_binary_in(&cache, &key), None, "a file just written is not trusted");
        remember_binary_in(&cache, &key, &[4; 32], std::slice::from_ref(&pkg));
        assert_eq!(known_binary_in(&cache, &key), None, "nor recorded");
    }

    #[test]
    fn inputs_change_with_the_environment_and_files() {
        let dir = tempfile::tempdir().unwrap();
        let exe = dir.path().join("x.test");
        std::fs::write(&exe, b"binary").unwrap();
        let data = dir.path().join("data.txt");
        std::fs::write(&data, b"one").unwrap();
        let old = SystemTime::now() - Duration::from_secs(60);
        std::fs::File::options().write(true).open(&data).unwrap().set_modified(old).unwrap();
        let c = TestCache { cache: Cache::at(dir.path().join("cache")), id: [1; 32], root: dir.path().to_path_buf(), dir: dir.path().to_path_buf() };
        let log = b"# test log\ngetenv RGO_TESTCACHE_PROBE\nopen data.txt\nopen /etc/hostname\n";
        let a = c.inputs(log).unwrap();
        std::fs::write(&data, b"three").unwrap();
        std::fs::File::options().write(true).open(&data).unwrap().set_modified(old).unwrap();
        let b = c.inputs(log).unwrap();
        assert_ne!(a, b, "a file's size is an input");
        std::fs::write(&data, b"four!").unwrap();
        assert!(c.inputs(log).is_none(), "a file just written makes the run uncacheable");
        assert!(c.inputs(b"not a log\n").is_none());
        assert!(c.inputs(b"# test log\nfrobnicate x\n").is_none());
    }
}
