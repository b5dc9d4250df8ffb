//! The markdown document: bug classes, a summary per kind and directory,
//! what is not measured, reasons for "not supported", failures, and one
//! table per test directory.

use crate::header::Kind;
use crate::run::{Outcome, BUILD_TIMEOUT, RUN_TIMEOUT};
use crate::{dir_name, Judged, Program, COMMAND};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;
use std::process::Command;

const RUN_COLUMNS: [&str; 6] = ["pass", "fail", "fail (compile)", "fail (build)", "crash", "not supported"];
const COMPILE_COLUMNS: [&str; 6] = ["builds", "fails (compile)", "fail (build)", "crash", "not supported", "not measured"];
const ERRORCHECK_COLUMNS: [&str; 7] =
    ["rejected (right lines)", "accepted", "wrong lines", "fail (build)", "crash", "not supported", "not measured"];

/// The bug classes of issue 9: each row should read zero.
const BUG_CLASSES: [(&str, &str); 6] = [
    ("valid Go rejected", "`// run` fail (compile), `// compile` fails (compile)"),
    ("valid Go runs wrongly", "`// run` fail"),
    ("invalid Go accepted", "`// errorcheck` accepted"),
    ("diagnostics on wrong lines", "`// errorcheck` wrong lines"),
    ("compiler crash or hang", "crash, every kind"),
    ("build/link failure", "fail (build), every kind"),
];

/// The bug class of an outcome (an index into [`BUG_CLASSES`]).
pub fn bug_class(o: &Outcome) -> Option<usize> {
    match o {
        Outcome::FailCompile(_) => Some(0),
        Outcome::Fail(_) => Some(1),
        Outcome::Accepted => Some(2),
        Outcome::WrongLines(_) => Some(3),
        Outcome::Crash(_) => Some(4),
        Outcome::FailBuild(_) => Some(5),
        Outcome::Pass | Outcome::NotSupported(_) | Outcome::NotMeasured(_) => None,
    }
}

/// How a "not supported" or "not measured" detail is grouped.
pub fn reason_key(detail: &str) -> String {
    if detail.starts_with("needs run flags") {
        return "needs run flags or arguments (`// run WORDS`)".to_string();
    }
    detail.to_string()
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Run => "run",
        Kind::Compile => "compile",
        Kind::ErrorCheck => "errorcheck",
        Kind::Other => "other",
    }
}

fn short(rel: &str) -> &str {
    rel.trim_end_matches(".go")
}

/// Up to `n` names, then `…`.
fn examples(names: &[&str], n: usize) -> String {
    let mut eg = names.iter().take(n).map(|r| short(r)).collect::<Vec<_>>().join(", ");
    if names.len() > n {
        eg.push_str(", …");
    }
    eg
}

pub fn markdown(programs: &[Program], results: &[Option<Judged>], dirs: &[String], test_dir: &Path, only: &[String]) -> String {
    let mut d = String::new();
    let w = &mut d;
    let judged: Vec<(&Program, &Judged)> =
        programs.iter().zip(results).filter_map(|(p, r)| r.as_ref().map(|r| (p, r))).collect();
    let _ = writeln!(w, "# Conformance: Go 1.19's test programs under rgo\n");
    let _ = writeln!(w, "Regenerate (from the workspace root; about a minute with two jobs):\n\n```sh\n{COMMAND}\n```\n");
    if !only.is_empty() {
        let _ = writeln!(w, "**Partial run**: only {}.\n", only.join(", "));
    }
    let _ = writeln!(w, "- Date: {} (UTC)", today());
    let _ = writeln!(w, "- rgo commit: {}", commit());
    let _ = writeln!(w, "- Target: amd64 (linux); Go test programs from `{}`", test_dir.display());
    let _ = writeln!(
        w,
        "- Programs: every single-file program of `test/*.go` and of each directory below `test/` \
         that holds some ({}), by the action of its recipe (the first comment line before \
         `package` that is not a build constraint). The `*.dir` directories of multi-file tests \
         are not read; recipes that need them or other files (`rundir`, `compiledir`, \
         `errorcheckdir`, …) are counted under [Not measured](#not-measured).",
        dirs.iter().map(|s| format!("`{}`", dir_name(s))).collect::<Vec<_>>().join(", ")
    );
    let _ = writeln!(
        w,
        "- **`// run`**: built with `rgo build`, run with no arguments in a fresh temporary \
         directory with stdin from /dev/null for at most {} s; it passes when it exits 0 and \
         its stdout and stderr, as one stream, equal `NAME.out` byte for byte (or are empty \
         when there is no `NAME.out`), as Go's `test/run.go` judges it. **fail**: it built but \
         ran wrongly. **fail (compile)**: rgo rejected it with a diagnostic other than `rgo does \
         not support …` (the program is valid Go). **not supported**: rgo's first diagnostic is \
         `rgo does not support …`, or the recipe has words after `run` (go command flags, extra \
         files, program arguments), which this table does not pass on.",
        RUN_TIMEOUT.as_secs()
    );
    let _ = writeln!(
        w,
        "- **`// compile`** (and `// build`): **builds** when `rgo build` succeeds. gc compiles \
         these files as a package, rgo builds commands only: the file is copied with its \
         package clause renamed `main`, `func main() {{}}` appended after its last line unless \
         it declares `main`, and `{{ for {{}} }}` given to each function declared on one line \
         without a body (gc allows that in a package, the body being in assembly; not after a \
         `//go:` directive); every line keeps its number. A program whose only diagnostics \
         are `missing function body` (on unmarked lines) is not measured. Compiler flags in the \
         recipe (`-N`, `-d=…`, `-c=N`) are ignored: they change gc's code, not whether the \
         program is valid."
    );
    let _ = writeln!(
        w,
        "- **`// errorcheck`**: invalid Go, each line where gc reports an error marked \
         `// ERROR \"regexp\"`. Copied as a `// compile` program is, and judged twice. \
         **rejected (right lines)**: rgo rejected it and each of its diagnostics is on a line \
         marked `// ERROR`, `// GC_ERROR` or `// GCCGO_ERROR` (a diagnostic saying `rgo does \
         not support …` may be anywhere); the column *all marked lines* counts those where \
         every `// ERROR` line got a diagnostic (or rgo reported 10, its limit). \
         **accepted**: rgo built it. **wrong lines**: a diagnostic on an unmarked line. \
         **not supported**: rgo's first diagnostic is `rgo does not support …`. **not \
         measured**: the recipe's gc flags change what is an error or ask for gc's optimizer \
         output (`-0 -m`, `-live`, `-d=ssa/…`, `-lang=`, `-+`, `-std`, `-complete`); \
         `-d=panic`, `-e`, `-C`, `-t N` are harmless and judged. **gc wording**: run.go's own \
         check (`errorCheck`): each `// ERROR` (or `// GC_ERROR`) regexp of a line matched by \
         a diagnostic of that line, each diagnostic matched (`LINE` substituted, `////` lines \
         skipped); a goal shown for rgo's wording, not a condition."
    );
    let _ = writeln!(
        w,
        "- Every kind: **crash**: rgo panicked, overflowed its stack, died of a signal or took \
         more than {} s. **fail (build)**: rgo failed without a positioned diagnostic (the \
         assembler, the linker, a positionless message). Both are rgo bugs.\n",
        BUILD_TIMEOUT.as_secs()
    );

    // Bug classes.
    let mut classes: Vec<Vec<&str>> = vec![Vec::new(); BUG_CLASSES.len()];
    for (p, j) in &judged {
        if let Some(c) = bug_class(&j.outcome) {
            classes[c].push(&p.rel);
        }
    }
    let _ = writeln!(w, "## Bug classes\n");
    let _ = writeln!(w, "One row per class of rgo bug of issue 9; each should read zero.\n");
    let _ = writeln!(w, "| class | verdicts | programs | which |");
    let _ = writeln!(w, "|---|---|---:|---|");
    for ((name, verdicts), names) in BUG_CLASSES.iter().zip(&classes) {
        let _ = writeln!(w, "| {name} | {verdicts} | {} | {} |", names.len(), examples(names, usize::MAX));
    }
    let _ = writeln!(w);

    // Summaries.
    let _ = writeln!(w, "## Summary\n");
    for (kind, title, columns) in [
        (Kind::Run, "`// run`", &RUN_COLUMNS[..]),
        (Kind::ErrorCheck, "`// errorcheck`", &ERRORCHECK_COLUMNS[..]),
        (Kind::Compile, "`// compile`", &COMPILE_COLUMNS[..]),
    ] {
        let errorcheck = kind == Kind::ErrorCheck;
        let _ = writeln!(w, "### {title}\n");
        let extra = if errorcheck { " all marked lines | gc wording |" } else { "" };
        let _ = writeln!(w, "| directory | total | {} |{extra}", columns.join(" | "));
        let _ = writeln!(w, "|---|---:|{}{}", "---:|".repeat(columns.len()), if errorcheck { "---:|---:|" } else { "" });
        let mut all = vec![0usize; columns.len() + 2];
        for (g, sub) in dirs.iter().enumerate() {
            let mut counts = vec![0usize; columns.len() + 2];
            let mut any = false;
            for (_, j) in judged.iter().filter(|(p, _)| p.dir == g && p.kind() == kind) {
                any = true;
                let cat = j.outcome.category(kind);
                counts[columns.iter().position(|c| *c == cat).expect("a column per category")] += 1;
                counts[columns.len()] += j.all_lines as usize;
                counts[columns.len() + 1] += matches!(j.gc, Some(Ok(()))) as usize;
            }
            if !any {
                continue;
            }
            for (a, c) in all.iter_mut().zip(&counts) {
                *a += c;
            }
            let _ = writeln!(w, "| {} | {} |", dir_name(sub), counts_row(&counts, columns.len(), errorcheck));
        }
        let _ = writeln!(w, "| **all** | {} |\n", counts_row(&all, columns.len(), errorcheck));
    }

    // Not measured.
    let mut unmeasured: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for p in programs.iter().filter(|p| p.kind() == Kind::Other) {
        unmeasured.entry(format!("recipe `// {}`", p.recipe.action)).or_default().push(&p.rel);
    }
    for (p, j) in &judged {
        if let Outcome::NotMeasured(why) = &j.outcome {
            unmeasured.entry(format!("`// {}`: {why}", kind_name(p.kind()))).or_default().push(&p.rel);
        }
    }
    if !unmeasured.is_empty() {
        let mut rows: Vec<_> = unmeasured.into_iter().collect();
        rows.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        let _ = writeln!(w, "## Not measured\n");
        let _ = writeln!(
            w,
            "Single-file programs whose recipe needs other files (`*dir`), generates the program \
             (`runoutput`, `errorcheckoutput`), checks gc's assembly (`asmcheck`), is skipped by \
             Go's runner (`skip`), or passes gc flags this table does not judge.\n"
        );
        let _ = writeln!(w, "| what | programs | for example |");
        let _ = writeln!(w, "|---|---:|---|");
        for (what, names) in &rows {
            let _ = writeln!(w, "| {what} | {} | {} |", names.len(), examples(names, 4));
        }
        let _ = writeln!(w);
    }

    // Reasons.
    let mut reasons: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (p, j) in &judged {
        if let Outcome::NotSupported(d) = &j.outcome {
            reasons.entry(reason_key(d)).or_default().push(&p.rel);
        }
    }
    if !reasons.is_empty() {
        let mut reasons: Vec<_> = reasons.into_iter().collect();
        reasons.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        let _ = writeln!(w, "## Why programs are not supported\n");
        let _ = writeln!(
            w,
            "All kinds. Each program counts once, under the first thing that stops it: rgo's first \
             diagnostic, or the words after `// run`. Most frequent first.\n"
        );
        let _ = writeln!(w, "| reason | programs | for example |");
        let _ = writeln!(w, "|---|---:|---|");
        for (reason, names) in &reasons {
            let _ = writeln!(w, "| {reason} | {} | {} |", names.len(), examples(names, 4));
        }
        let _ = writeln!(w);
    }

    // Imports of the programs that do not pass yet.
    let mut packages: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (p, j) in &judged {
        if !matches!(j.outcome, Outcome::Pass | Outcome::NotMeasured(_)) {
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
            "All kinds. A program may need several (and, beyond packages, maps, channels or \
             goroutines): these are all its imports, not only the first one rgo reports.\n"
        );
        let _ = writeln!(w, "| package | programs |");
        let _ = writeln!(w, "|---|---:|");
        for (pkg, names) in &packages {
            let _ = writeln!(w, "| {pkg} | {} |", names.len());
        }
        let _ = writeln!(w);
    }

    // Failures.
    let failures: Vec<_> = judged.iter().filter(|(_, j)| j.outcome.is_bug()).collect();
    if !failures.is_empty() {
        let _ = writeln!(w, "## Failures (rgo bugs)\n");
        let _ = writeln!(w, "| program | kind | result | details |");
        let _ = writeln!(w, "|---|---|---|---|");
        for (p, j) in failures {
            let k = p.kind();
            let _ = writeln!(w, "| {} | {} | **{}** | {} |", p.rel, kind_name(k), j.outcome.category(k), j.outcome.detail());
        }
        let _ = writeln!(w);
    }

    // One table per directory.
    for (g, sub) in dirs.iter().enumerate() {
        let rows: Vec<_> = judged.iter().filter(|(p, _)| p.dir == g).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(w, "## {}\n", dir_name(sub));
        let _ = writeln!(w, "| program | kind | result | details | gc wording |");
        let _ = writeln!(w, "|---|---|---|---|---|");
        for (p, j) in rows {
            let k = p.kind();
            let cat = if j.outcome.is_bug() {
                format!("**{}**", j.outcome.category(k))
            } else {
                j.outcome.category(k).to_string()
            };
            let gc = match &j.gc {
                None => String::new(),
                Some(Ok(())) => "match".to_string(),
                Some(Err(e)) => format!("no: {}", crate::compare::show(e.as_bytes())),
            };
            let _ = writeln!(w, "| {} | {} | {cat} | {} | {gc} |", p.rel, kind_name(k), j.outcome.detail());
        }
        let _ = writeln!(w);
    }

    let skipped: Vec<_> =
        programs.iter().filter(|p| p.kind() != Kind::Other && !p.recipe.unsatisfied.is_empty()).collect();
    if !skipped.is_empty() {
        let _ = writeln!(w, "## Not counted\n");
        let _ = writeln!(
            w,
            "Programs whose build constraints exclude linux/amd64 (Go's runner skips them too):\n"
        );
        for p in skipped {
            let _ = writeln!(w, "- {} (`{}`)", p.rel, p.recipe.unsatisfied.join("`, `"));
        }
        let _ = writeln!(w);
    }
    d
}

/// `total | n | n | …` for a summary row: `columns` verdict counts, then
/// (errorcheck) the two side counts.
fn counts_row(counts: &[usize], columns: usize, errorcheck: bool) -> String {
    let total: usize = counts[..columns].iter().sum();
    let mut cells = vec![total.to_string()];
    cells.extend(counts[..columns].iter().map(|c| c.to_string()));
    if errorcheck {
        cells.extend(counts[columns..].iter().map(|c| c.to_string()));
    }
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
    fn bug_classes() {
        assert_eq!(bug_class(&Outcome::Pass), None);
        assert_eq!(bug_class(&Outcome::NotSupported("x".into())), None);
        assert_eq!(bug_class(&Outcome::Accepted), Some(2));
        assert_eq!(bug_class(&Outcome::Crash("x".into())), Some(4));
        let row = counts_row(&[3, 1, 0, 5, 2], 3, true);
        assert_eq!(row, "4 | 3 | 1 | 0 | 5 | 2");
        assert_eq!(counts_row(&[3, 1, 0, 5, 2], 3, false), "4 | 3 | 1 | 0");
    }

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
    }
}
