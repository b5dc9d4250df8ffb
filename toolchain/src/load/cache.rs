//! The build cache: what rgo computed once about a package, kept on disk
//! under a key that names everything it was computed from, as the go
//! command's GOCACHE keeps compiled packages.
//!
//! It keeps each standard library package's export data
//! ([`crate::types::write_export`]), so that a build checks GOROOT's
//! packages only the first time, and the objects assembled from each
//! package's assembly text (`driver::build`), so that a rebuild assembles
//! only the packages whose code changed. Entries are written whole to a temporary
//! file and renamed into place, so concurrent builds never see half an
//! entry; a damaged or stale entry is ignored and rewritten.
//!
//! Where it lives: `$GOCACHE` when set to an absolute path (`off` turns
//! the cache off, as for the go command), else `$XDG_CACHE_HOME/rgo`, else
//! `$HOME/.cache/rgo`.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// [`Cache::trim`]: entries unused this long go.
pub const TRIM_UNUSED: Duration = Duration::from_secs(5 * 24 * 3600);
/// [`Cache::trim`]: the bytes the entries of one kind may take.
pub const TRIM_LIMIT: u64 = 2 << 30;
/// [`Cache::trim`]: how often it looks.
pub const TRIM_EVERY: Duration = Duration::from_secs(600);

/// A cache key: a BLAKE3 hash.
pub type Key = [u8; 32];

pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache directory rgo uses (see the module comment); `None` when
    /// the cache is off or no directory is known.
    pub fn dir() -> Option<PathBuf> {
        match std::env::var_os("GOCACHE") {
            Some(v) if v == "off" => return None,
            Some(v) if Path::new(&v).is_absolute() => return Some(PathBuf::from(v)),
            _ => {}
        }
        let base = match std::env::var_os("XDG_CACHE_HOME").filter(|v| Path::new(v).is_absolute()) {
            Some(x) => PathBuf::from(x),
            None => PathBuf::from(std::env::var_os("HOME").filter(|v| Path::new(v).is_absolute())?).join(".cache"),
        };
        Some(base.join("rgo"))
    }

    /// The cache, if it is on.
    pub fn open() -> Option<Cache> {
        Cache::dir().map(|dir| Cache { dir })
    }

    /// A cache in `dir` (tests).
    pub fn at(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    fn path(&self, kind: &str, key: &Key) -> PathBuf {
        let hex = hex(key);
        self.dir.join(kind).join(&hex[..2]).join(hex)
    }

    /// The entry of `kind` under `key`, if there is one.
    pub fn get(&self, kind: &str, key: &Key) -> Option<Vec<u8>> {
        std::fs::read(self.path(kind, key)).ok()
    }

    /// When the entry of `kind` under `key` was written (or last used, for
    /// the kinds whose use [`Cache::existing`] marks), if there is one.
    pub fn modified(&self, kind: &str, key: &Key) -> Option<SystemTime> {
        std::fs::metadata(self.path(kind, key)).ok()?.modified().ok()
    }

    /// The directory of the cache.
    pub fn root(&self) -> &Path {
        &self.dir
    }

    /// The file of the entry of `kind` under `key`, if there is one (an
    /// object the linker reads where it is). Its modification time says
    /// when it was last used ([`Cache::trim`]), to the hour.
    pub fn existing(&self, kind: &str, key: &Key) -> Option<PathBuf> {
        let path = self.path(kind, key);
        let modified = std::fs::metadata(&path).ok().filter(|m| m.is_file())?.modified().ok();
        let now = SystemTime::now();
        if modified.is_some_and(|m| now.duration_since(m).is_ok_and(|d| d > Duration::from_secs(3600))) {
            if let Ok(f) = std::fs::File::options().write(true).open(&path) {
                let _ = f.set_modified(now);
            }
        }
        Some(path)
    }

    /// Keeps the entries of `kind` within bounds, as the go command trims
    /// its cache: those unused for [`TRIM_UNUSED`] go, then the least
    /// recently used while they take more than [`TRIM_LIMIT`] bytes, down
    /// to three quarters of it. Done at most once per [`TRIM_EVERY`] (the
    /// time of the last is the file `trim-<kind>`), so a build pays for it
    /// rarely; an entry another build is reading stays readable (its
    /// directory entry goes, its data stays until closed).
    pub fn trim(&self, kind: &str) {
        self.trim_to(kind, TRIM_LIMIT);
    }

    /// [`Cache::trim`] with the limit `limit`.
    fn trim_to(&self, kind: &str, limit: u64) {
        let stamp = self.dir.join(format!("trim-{kind}"));
        let now = SystemTime::now();
        let recent = std::fs::metadata(&stamp).and_then(|m| m.modified()).is_ok_and(|t| now.duration_since(t).is_ok_and(|d| d < TRIM_EVERY));
        if recent || std::fs::write(&stamp, b"").is_err() {
            return;
        }
        let mut entries: Vec<(SystemTime, u64, PathBuf)> = vec![];
        for sub in std::fs::read_dir(self.dir.join(kind)).into_iter().flatten().flatten() {
            for e in std::fs::read_dir(sub.path()).into_iter().flatten().flatten() {
                if let Ok(m) = e.metadata() {
                    entries.push((m.modified().unwrap_or(now), m.len(), e.path()));
                }
            }
        }
        // Oldest first: the unused ones, then the least recently used.
        entries.sort();
        let mut total: u64 = entries.iter().map(|e| e.1).sum();
        let over = total > limit;
        for (used, len, path) in entries {
            let unused = now.duration_since(used).is_ok_and(|d| d > TRIM_UNUSED);
            if !unused && !(over && total > limit / 4 * 3) {
                break;
            }
            if std::fs::remove_file(&path).is_ok() {
                total -= len;
            }
        }
    }

    /// Stores a copy of the file `from` as the entry of `kind` under
    /// `key`; as [`Cache::put`], a failure is no error.
    pub fn put_file(&self, kind: &str, key: &Key, from: &Path) {
        if let Ok(data) = std::fs::read(from) {
            self.put(kind, key, &data);
        }
    }

    /// Stores `data` as the entry of `kind` under `key`. A cache that
    /// cannot be written is no error: the next build computes it again.
    pub fn put(&self, kind: &str, key: &Key, data: &[u8]) {
        let path = self.path(kind, key);
        let Some(dir) = path.parent() else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir) else { return };
        if std::io::Write::write_all(&mut tmp, data).is_ok() {
            let _ = tmp.persist(&path);
        }
    }
}

fn hex(key: &Key) -> String {
    key.iter().map(|b| format!("{b:02x}")).collect()
}

/// What identifies the running rgo: its executable's path, size and
/// modification time, which change whenever rgo is rebuilt (a build ID
/// without reading the whole executable).
pub fn toolchain_id() -> String {
    let exe = std::env::current_exe().ok();
    let meta = exe.as_ref().and_then(|e| std::fs::metadata(e).ok());
    let mtime = meta.as_ref().and_then(|m| m.modified().ok()).and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    format!(
        "rgo {} {} {} {}",
        env!("CARGO_PKG_VERSION"),
        exe.map(|e| e.display().to_string()).unwrap_or_default(),
        meta.map_or(0, |m| m.len()),
        mtime.map_or(0, |t| t.as_nanos())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries of 100 bytes, the `k`th last used `ages[k]` ago.
    fn cache_with(ages: &[Duration]) -> (tempfile::TempDir, Cache, Vec<PathBuf>) {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().to_path_buf());
        let now = SystemTime::now();
        let mut paths = vec![];
        for (k, age) in ages.iter().enumerate() {
            let key = [k as u8; 32];
            cache.put("obj", &key, &[0; 100]);
            let path = cache.path("obj", &key);
            std::fs::File::options().write(true).open(&path).unwrap().set_modified(now - *age).unwrap();
            paths.push(path);
        }
        (dir, cache, paths)
    }

    #[test]
    fn trim_drops_unused_entries_then_the_least_recently_used() {
        let hour = Duration::from_secs(3600);
        let (_d, cache, paths) = cache_with(&[6 * 24 * hour, hour, 2 * hour, 3 * hour, 0 * hour]);
        // 500 bytes against a limit of 300: the unused one, then the
        // oldest until at most 225 bytes are left.
        cache.trim_to("obj", 300);
        let left: Vec<bool> = paths.iter().map(|p| p.exists()).collect();
        assert_eq!(left, [false, true, false, false, true]);
        // Looked at a moment ago: nothing happens now.
        let (_d2, cache2, paths2) = cache_with(&[6 * 24 * hour]);
        std::fs::write(cache2.dir.join("trim-obj"), b"").unwrap();
        cache2.trim_to("obj", 300);
        assert!(paths2[0].exists());
        // Within the limit, only what is unused goes.
        let (_d3, cache3, paths3) = cache_with(&[6 * 24 * hour, hour]);
        cache3.trim_to("obj", 1000);
        assert!(!paths3[0].exists() && paths3[1].exists());
    }

    #[test]
    fn a_used_entry_is_marked_used() {
        let (_d, cache, paths) = cache_with(&[Duration::from_secs(2 * 3600)]);
        assert_eq!(cache.existing("obj", &[0; 32]).as_deref(), Some(paths[0].as_path()));
        let used = std::fs::metadata(&paths[0]).unwrap().modified().unwrap();
        assert!(SystemTime::now().duration_since(used).unwrap() < Duration::from_secs(600));
        assert_eq!(cache.existing("obj", &[1; 32]), None);
    }
}
