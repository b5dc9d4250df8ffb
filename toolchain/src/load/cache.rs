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

    /// The file of the entry of `kind` under `key`, if there is one (an
    /// object the linker reads where it is).
    pub fn existing(&self, kind: &str, key: &Key) -> Option<PathBuf> {
        let path = self.path(kind, key);
        path.is_file().then_some(path)
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
