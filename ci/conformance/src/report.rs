//! The markdown document: summary, reasons for "not supported", failures,
//! and one table per test directory.

use crate::run::{Outcome, RUN_TIMEOUT};
use crate::{Program, COMMAND, GROUPS};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;
use std::process::Command;

const CATEGORIES: [&str; 5] = ["pass", "fail", "fail (compile)", "fail (build)", "not supported"];

/// How a "not supported" detail is grouped in the reasons table.
pub fn reason_key(detail: &str) -> String {
    if detail.starts_with("needs run flags") {
        return "needs run flags or arguments (`// run WORDS`)".to_string();
    }
    detail.to_string()
}

pub fn markdown(programs: &[Program], results: &[Option<Outcome>], test_dir: &Path, only: &[String]) -> String {
    let mut d = String::new();
    let w = &mut d;
    let _ = writeln!(w, "# Conformance: Go 1.19's `// run` test programs under rgo\n");
    let _ = writeln!(w, "Regenerate (from the workspace root):\n\n```sh\n{COMMAND}\n```\n");
    if !only.is_empty() {
        let _ = writeln!(w, "**Partial run**: only {}.\n", only.join(", "));
    }
    let _ = writeln!(w, "- Date: {} (UTC)", today());
    let _ = writeln!(w, "- rgo commit: {}", commit());
    let _ = writeln!(w, "- Target: amd64 (linux); Go test programs from `{}`", test_dir.display());
    let _ = writeln!(
        w,
        "- A program is a `// run` program when the first comment line before `package` that is \
         not a build constraint is `// run`. It is built with `rgo build`, run with no arguments \
         in a fresh temporary directory with stdin from /dev/null for at most {} s, and passes \
         when it exits 0 and its stdout and stderr, as one stream, equal `NAME.out` byte for \
         byte (or are empty when there is no `NAME.out`), as Go's `test/run.go` judges it.",
        RUN_TIMEOUT.as_secs()
    );
    let _ = writeln!(
        w,
        "- **fail**: it built but ran wrongly (first differing line, exit status or signal, \
         timeout). **fail (compile)**: rgo rejected it with a diagnostic other than `rgo does \
         not support …` (the program is valid Go: gc runs it). **fail (build)**: rgo crashed, \
         or the assembler or linker rejected its output. All three are rgo bugs. \
         **not supported**: rgo said `rgo does not support …` (shown without the \
         `file:line:col: ` prefix), or the recipe has words after `run` (go command flags, \
         extra files, program arguments), which this table does not pass on.\n"
    );

    // Summary.
    let _ = writeln!(w, "## Summary\n");
    let _ = writeln!(w, "| programs | total | {} |", CATEGORIES.join(" | "));
    let _ = writeln!(w, "|---|---:|{}", "---:|".repeat(CATEGORIES.len()));
    let mut all = [0usize; CATEGORIES.len()];
    for (g, name) in GROUPS.iter().enumerate() {
        let mut counts = [0usize; CATEGORIES.len()];
        for (p, r) in programs.iter().zip(results) {
            if let (true, Some(r)) = (p.group == g, r) {
                counts[CATEGORIES.iter().position(|c| *c == r.category()).unwrap()] += 1;
            }
        }
        for (a, c) in all.iter_mut().zip(counts) {
            *a += c;
        }
        let _ = writeln!(w, "| {name} | {} |", counts_row(&counts));
    }
    let _ = writeln!(w, "| **all** | {} |\n", counts_row(&all));

    // Reasons.
    let mut reasons: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (p, r) in programs.iter().zip(results) {
        if let Some(Outcome::NotSupported(d)) = r {
            reasons.entry(reason_key(d)).or_default().push(&p.rel);
        }
    }
    if !reasons.is_empty() {
        let mut reasons: Vec<_> = reasons.into_iter().collect();
        reasons.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        let _ = writeln!(w, "## Why programs are not supported\n");
        let _ = writeln!(
            w,
            "Each program counts once, under the first thing that stops it: rgo's first \
         diagnostic, or the words after `// run`. Most frequent first.\n"
        );
        let _ = writeln!(w, "| reason | programs | for example |");
        let _ = writeln!(w, "|---|---:|---|");
        for (reason, names) in &reasons {
            let mut eg = names.iter().take(4).map(|n| n.trim_end_matches(".go")).collect::<Vec<_>>().join(", ");
            if names.len() > 4 {
                eg.push_str(", …");
            }
            let _ = writeln!(w, "| {reason} | {} | {eg} |", names.len());
        }
        let _ = writeln!(w);
    }

    // Imports of the programs that do not pass yet.
    let mut packages: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (p, r) in programs.iter().zip(results) {
        if matches!(r, Some(r) if *r != Outcome::Pass) {
            for i in &p.imports {
                packages.entry(i).or_default().push(&p.rel);
            }
        }
    }
    if !packages.is_empty() {
        let mut packages: Vec<_> = packages.into_iter().collect();
        packages.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(b.0)));
        let _ = writeln!(w, "## Packages imported by the programs that do not pass\n");
        let _ = writeln!(
            w,
            "A program may need several (and, beyond packages, maps, channels or goroutines): \
             these are all its imports, not only the first one rgo reports.\n"
        );
        let _ = writeln!(w, "| package | programs |");
        let _ = writeln!(w, "|---|---:|");
        for (pkg, names) in &packages {
            let _ = writeln!(w, "| {pkg} | {} |", names.len());
        }
        let _ = writeln!(w);
    }

    // Failures.
    let failures: Vec<_> = programs
        .iter()
        .zip(results)
        .filter(|(_, r)| matches!(r, Some(Outcome::Fail(_) | Outcome::FailCompile(_) | Outcome::FailBuild(_))))
        .collect();
    if !failures.is_empty() {
        let _ = writeln!(w, "## Failures (rgo bugs)\n");
        let _ = writeln!(w, "| program | result | details |");
        let _ = writeln!(w, "|---|---|---|");
        for (p, r) in failures {
            let r = r.as_ref().unwrap();
            let _ = writeln!(w, "| {} | **{}** | {} |", p.rel, r.category(), r.detail());
        }
        let _ = writeln!(w);
    }

    // One table per directory.
    for (g, name) in GROUPS.iter().enumerate() {
        let _ = writeln!(w, "## {name}\n");
        let _ = writeln!(w, "| program | result | details |");
        let _ = writeln!(w, "|---|---|---|");
        for (p, r) in programs.iter().zip(results) {
            if p.group != g {
                continue;
            }
            let Some(r) = r else { continue };
            let cat = match r {
                Outcome::Pass | Outcome::NotSupported(_) => r.category().to_string(),
                _ => format!("**{}**", r.category()),
            };
            let _ = writeln!(w, "| {} | {cat} | {} |", p.rel, r.detail());
        }
        let _ = writeln!(w);
    }

    let skipped: Vec<_> = programs.iter().filter(|p| !p.header.unsatisfied.is_empty()).collect();
    if !skipped.is_empty() {
        let _ = writeln!(w, "## Not counted\n");
        let _ = writeln!(
            w,
            "`// run` programs whose build constraints exclude linux/amd64 (Go's runner skips them too):\n"
        );
        for p in skipped {
            let _ = writeln!(w, "- {} (`{}`)", p.rel, p.header.unsatisfied.join("`, `"));
        }
        let _ = writeln!(w);
    }
    d
}

/// `total | n | n | …` for the summary table.
fn counts_row(counts: &[usize]) -> String {
    let total: usize = counts.iter().sum();
    let mut cells = vec![total.to_string()];
    cells.extend(counts.iter().map(|c| c.to_string()));
    cells.join(" | ")
}

/// `git rev-parse --short HEAD` of the current directory, marked when the
/// working tree has uncommitted changes to tracked files.
fn commit() -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    match git(&["rev-parse", "--short", "HEAD"]) {
        Some(c) => match git(&["status", "--porcelain", "--untracked-files=no"]) {
            Some(s) if !s.is_empty() => format!("`{c}` (with uncommitted changes in the working tree)"),
            _ => format!("`{c}`"),
        },
        None => "unknown (not a git checkout)".to_string(),
    }
}

/// Today's date, UTC, as YYYY-MM-DD.
fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (y, m, d) = civil_from_days((secs / 86400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to (year, month, day) (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + (m <= 2) as i64;
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
    }
}
