//! `-gcflags`: flags for the compiler, as the go command hands them to gc:
//! `-gcflags=[pattern=]flags`, the flags for the packages the pattern
//! matches (`all`, `std`, import paths with `...`), without a pattern for
//! the packages named on the command line; given more than once, the last
//! setting that matches a package is its. rgo's compiler takes `-l` (no
//! inlining: calls in the package are not replaced by bodies, and its
//! functions are not copied into other packages' code) and `-m` (the
//! escape analysis's report, `check::report`); any other flag is refused,
//! named.

use std::sync::OnceLock;

/// One `-gcflags` value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting {
    /// The value as given (the build information records the last one, as
    /// the go command does).
    given: String,
    /// The packages it is for: `None` for those named on the command line.
    pattern: Option<String>,
    /// `-l`.
    no_inline: bool,
    /// `-m`.
    report: bool,
}

/// Reads one `-gcflags` value.
pub fn parse(value: &str) -> Result<Setting, String> {
    // A pattern is what comes before the first `=` when the value does not
    // start with a flag, as the go command reads it.
    let (pattern, flags) = match value.split_once('=') {
        Some((p, f)) if !p.starts_with('-') => (Some(p.to_string()), f),
        _ => (None, value),
    };
    if pattern.as_deref() == Some("") {
        return Err(format!("invalid value {value:?} for flag -gcflags: missing <pattern> in <pattern>=<value>"));
    }
    let mut setting = Setting { given: value.to_string(), pattern, no_inline: false, report: false };
    for w in flags.split_whitespace() {
        match w.trim_start_matches('-') {
            "l" if w.starts_with('-') => setting.no_inline = true,
            // gc's -m=2 and beyond (or -m given twice) explain each decision;
            // rgo reports the decisions only.
            "m" | "m=1" if w.starts_with('-') && !setting.report => setting.report = true,
            "m" | "m=1" | "m=2" | "m=3" | "m=4" if w.starts_with('-') => {
                return Err("-gcflags: rgo's compiler reports escape analysis at -m's first level only (no -m=2, no -m -m)".to_string())
            }
            _ => return Err(format!("-gcflags: flag {w} is not supported by rgo's compiler (it takes -l and -m)")),
        }
    }
    Ok(setting)
}

static SETTINGS: OnceLock<Vec<Setting>> = OnceLock::new();

/// Sets the command line's `-gcflags` (in their order), once per process;
/// with `-m` for any package, asks the escape analysis for its report.
pub fn set(settings: Vec<Setting>) {
    if settings.iter().any(|s| s.report) {
        crate::check::report::enable();
    }
    let _ = SETTINGS.set(settings);
}

/// The last `-gcflags` value given, which the build information records.
pub fn given() -> Option<&'static str> {
    SETTINGS.get()?.last().map(|s| s.given.as_str())
}

/// Whether the package of import path `path` (`main` standing for the
/// program's main package, which the command line names) is compiled
/// without inlining.
pub fn no_inline(path: &str) -> bool {
    setting(path).is_some_and(|s| s.no_inline)
}

/// Whether the escape analysis's report is printed for the package of
/// import path `path` (as for [`no_inline`]).
pub fn report(path: &str) -> bool {
    setting(path).is_some_and(|s| s.report)
}

/// The setting for the package of import path `path`: the last that
/// matches it.
fn setting(path: &str) -> Option<&'static Setting> {
    SETTINGS.get()?.iter().rev().find(|s| applies(s, path))
}

/// Whether `s` is for the package of import path `path`.
fn applies(s: &Setting, path: &str) -> bool {
    match s.pattern.as_deref() {
        None => path == "main",
        Some("all") => true,
        Some("std") => !path.split('/').next().unwrap_or("").contains('.') && path != "main",
        Some(p) => super::list::matches_pattern(p, path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_the_go_command_reads_them() {
        let read = |v: &str| parse(v).map(|s| (s.pattern, s.no_inline));
        assert_eq!(read("-l"), Ok((None, true)));
        assert_eq!(read("all=-l"), Ok((Some("all".into()), true)));
        assert_eq!(read("example.com/...= -l"), Ok((Some("example.com/...".into()), true)));
        assert_eq!(read(""), Ok((None, false)));
        assert_eq!(parse("all=-l").unwrap().given, "all=-l");
        assert!(parse("=-l").unwrap_err().contains("missing <pattern>"));
        assert!(parse("-m -l").unwrap().report);
        assert!(parse("all=-m=1").unwrap().report);
        assert!(parse("-m -m").unwrap_err().contains("first level only"));
        assert!(parse("-m=2").unwrap_err().contains("first level only"));
        assert_eq!(parse("-S").unwrap_err(), "-gcflags: flag -S is not supported by rgo's compiler (it takes -l and -m)");
        assert!(parse("all=-N -l").unwrap_err().contains("-N"));
    }

    #[test]
    fn a_setting_applies_to_the_packages_its_pattern_names() {
        let s = |v: &str| parse(v).unwrap();
        assert!(applies(&s("-l"), "main"));
        assert!(!applies(&s("-l"), "fmt"));
        assert!(applies(&s("all=-l"), "fmt"));
        assert!(applies(&s("std=-l"), "encoding/json"));
        assert!(!applies(&s("std=-l"), "example.com/m/x"));
        assert!(applies(&s("example.com/m/...=-l"), "example.com/m/x"));
        assert!(applies(&s("example.com/m/...=-l"), "example.com/m"));
        assert!(!applies(&s("fmt=-l"), "main"));
    }
}
