//! `rgo clean`: removes what builds leave behind, as go clean does (`go
//! help clean`): in each package's directory, the executables and test
//! binaries `rgo build` and `rgo test -c` write there and the files old
//! Makefiles left (`_obj/`, `*.o`, …); with `-i` the installed command;
//! with `-cache` the build cache, `-testcache` the cached test results
//! (they expire), `-modcache` the module cache. `-n` prints the commands
//! without running them, `-x` prints them as they run.

use super::{build, err, Error};
use std::path::{Path, PathBuf};

/// go clean's flags.
#[derive(Debug, Default)]
pub struct Options {
    pub installed: bool,
    pub cache: bool,
    pub testcache: bool,
    pub modcache: bool,
    /// `-n`.
    pub dry_run: bool,
    /// `-x`.
    pub trace: bool,
}

/// The name of the file that holds when cached test results expired (Unix
/// nanoseconds), in the build cache's directory, as go's.
pub const TEST_EXPIRE: &str = "testexpire.txt";

/// Runs `rgo clean` on `patterns`; the exit status.
pub fn clean(patterns: &[String], target: build::Target, opts: &Options) -> Result<i32, Error> {
    let mut status = 0;
    let show = |dir: Option<&Path>, cmd: String| {
        if opts.dry_run || opts.trace {
            if let Some(d) = dir {
                println!("cd {}", d.display());
            }
            println!("{cmd}");
        }
    };
    let mut fail = |e: String| {
        super::say(&format!("rgo: {e}"));
        status = 1;
    };
    // As go: the packages, when named, or when nothing else is asked.
    let packages = !patterns.is_empty() || opts.installed || !(opts.cache || opts.testcache || opts.modcache);
    if packages {
        let patterns = if patterns.is_empty() { vec![".".to_string()] } else { patterns.to_vec() };
        for p in super::list::package_files(&patterns, target)? {
            let entries = std::fs::read_dir(&p.dir).or_else(|e| err(format!("{}: {}", p.dir.display(), build::io_msg(&e))))?;
            let mut names: Vec<(String, bool)> =
                entries.filter_map(|e| e.ok()).map(|e| (e.file_name().to_string_lossy().into_owned(), e.path().is_dir())).collect();
            names.sort();
            let remove = removable(&p, &names);
            show(Some(&p.dir), format!("rm -f {}", remove.join(" ")));
            for (name, is_dir) in &names {
                let path = p.dir.join(name);
                if *is_dir {
                    if matches!(name.as_str(), "_obj" | "_test") {
                        if opts.dry_run || opts.trace {
                            show(Some(&p.dir), format!("rm -r {name}"));
                        }
                        if !opts.dry_run {
                            if let Err(e) = std::fs::remove_dir_all(&path) {
                                fail(format!("unlinkat {}: {}", path.display(), build::io_msg(&e)));
                            }
                        }
                    }
                    continue;
                }
                let old = matches!(name.as_str(), "_testmain.go" | "test.out" | "build.out" | "a.out")
                    || [".5", ".6", ".8", ".a", ".o", ".so"].iter().any(|x| name.ends_with(x) && name.len() > x.len());
                if !opts.dry_run && (old || remove.contains(name)) {
                    remove_file(&path, &mut fail);
                }
            }
            if opts.installed && p.name == "main" {
                if let Ok(installed) = super::install_path(build::command_name(&p.import_path).as_ref(), target) {
                    show(None, format!("rm -f {}", installed.display()));
                    if !opts.dry_run {
                        remove_file(&installed, &mut fail);
                    }
                }
            }
        }
    }
    if opts.cache {
        if let Some(dir) = crate::load::cache::Cache::dir() {
            let mut subdirs: Vec<PathBuf> = std::fs::read_dir(&dir).into_iter().flatten().flatten().filter(|e| e.path().is_dir()).map(|e| e.path()).collect();
            subdirs.sort();
            if !subdirs.is_empty() {
                show(None, format!("rm -r {}", subdirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(" ")));
                if !opts.dry_run {
                    for d in &subdirs {
                        if let Err(e) = std::fs::remove_dir_all(d) {
                            fail(format!("{}: {}", d.display(), build::io_msg(&e)));
                            break;
                        }
                    }
                }
            }
            let expire = dir.join(TEST_EXPIRE);
            if !opts.dry_run && expire.exists() {
                remove_file(&expire, &mut fail);
            }
        }
    }
    if opts.testcache && !opts.cache {
        if let Some(dir) = crate::load::cache::Cache::dir().filter(|d| d.is_dir()) {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
            if let Err(e) = std::fs::write(dir.join(TEST_EXPIRE), format!("{now}\n")) {
                fail(format!("{}: {}", dir.join(TEST_EXPIRE).display(), build::io_msg(&e)));
            }
        }
    }
    if opts.modcache {
        let Some(dir) = crate::load::module::mod_cache() else { return err("cannot clean -modcache without a module cache") };
        show(None, format!("rm -rf {}", dir.display()));
        if !opts.dry_run && dir.exists() {
            if let Err(e) = remove_module_cache(&dir) {
                fail(format!("{}: {}", dir.display(), build::io_msg(&e)));
            }
        }
    }
    Ok(status)
}

/// The names go clean removes in package `p`'s directory (whose entries
/// are `names`, with whether each is a directory): the executable and test
/// binary named after the directory and the package, and for each Go file
/// not of the package's build, its executable and test binary.
fn removable(p: &super::list::PackageFiles, names: &[(String, bool)]) -> Vec<String> {
    let elem = p.dir.file_name().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
    let exec = build::command_name(&p.import_path).to_string();
    let mut remove = vec![];
    if p.name == "main" {
        remove.extend([elem.clone(), format!("{elem}.exe"), exec.clone(), format!("{exec}.exe")]);
    }
    remove.extend([format!("{elem}.test"), format!("{elem}.test.exe"), format!("{exec}.test"), format!("{exec}.test.exe")]);
    for (name, is_dir) in names {
        // A library's own files stay (a file of a main package is a
        // MAINFILE.go whose executable `rgo build MAINFILE.go` writes).
        if *is_dir || (p.name != "main" && [&p.go_files, &p.test_go_files, &p.xtest_go_files].iter().any(|f| f.contains(name))) {
            continue;
        }
        if let Some(base) = name.strip_suffix("_test.go") {
            remove.extend([format!("{base}.test"), format!("{base}.test.exe")]);
        }
        if let Some(base) = name.strip_suffix(".go") {
            remove.extend([base.to_string(), format!("{base}.exe")]);
        }
    }
    remove
}

fn remove_file(path: &Path, fail: &mut impl FnMut(String)) {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => fail(format!("remove {}: {}", path.display(), build::io_msg(&e))),
        _ => {}
    }
}

/// Removes the module cache, whose files and directories the go command
/// makes read-only: writable first, then removed.
fn remove_module_cache(dir: &Path) -> std::io::Result<()> {
    fn writable(p: &Path) {
        if let Ok(m) = std::fs::symlink_metadata(p) {
            if m.is_dir() {
                let mut perms = m.permissions();
                std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
                let _ = std::fs::set_permissions(p, perms);
                for e in std::fs::read_dir(p).into_iter().flatten().flatten() {
                    writable(&e.path());
                }
            }
        }
    }
    writable(dir);
    std::fs::remove_dir_all(dir)
}
