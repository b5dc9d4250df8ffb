//! The markdown document: bug classes, a summary per kind and directory,
//! what is not measured, reasons for "not supported", failures, and one
//! table per test directory. With several targets: a count or verdict
//! column per architecture, a summary per target, and the programs whose
//! verdicts differ between architectures.

use crate::Column;
use crate::header::Kind;
use crate::run::{Outcome, BUILD_TIMEOUT, EMULATED_RUN_TIMEOUT, RUN_TIMEOUT};
use crate::{dir_name, Judged, Program, COMMAND};
use rgo_targets::Target;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;
use std::process::Command;

const RUN_COLUMNS: [&str; 6] = ["pass", "fail", "fail (compile)", "fail (build)", "crash", "not supported"];
const COMPILE_COLUMNS: [&str; 6] = ["builds", "fails (compile)", "fail (build)", "crash", "not supported", "not measured"];
const ERRORCHECK_COLUMNS: [&str; 7] =
    ["rejected (right lines)", "accepted", "wrong lines", "fail (build)", "crash", "not supported", "not measured"];

/// How CI uses the report (ci/test's stage `conformance-gcstress`).
const CHECKED_BY_CI: &str = "CI checks the programs against this report on amd64 twice: every kind \
     (`ci/test conformance`: `conformance --goarch amd64 --expect docs/conformance.md`), a program \
     listed here as passing must pass; and under the collector's stress mode (`ci/test \
     conformance-gcstress`: the same with `--gcstress 1`), a `// run` program listed here as passing \
     on amd64 must pass with `RGO_GCSTRESS=1`; one that only runs past the time limit is accepted \
     and named.";

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

/// The report; `results[t][i]` is the verdict on `programs[i]` for
/// `targets[t]` (`None`: not judged there).
pub fn markdown(
    programs: &[Program],
    targets: &[&Target],
    results: &[Vec<Option<Judged>>],
    dirs: &[String],
    test_dir: &Path,
    only: &[String],
    gcstress: Option<u32>,
) -> String {
    let mut d = String::new();
    let w = &mut d;
    let multi = targets.len() > 1;
    let judged_on = |t: usize| -> Vec<(&Program, &Judged)> {
        programs.iter().zip(&results[t]).filter_map(|(p, r)| r.as_ref().map(|r| (p, r))).collect()
    };
    let per_target: Vec<Vec<(&Program, &Judged)>> = (0..targets.len()).map(judged_on).collect();
    // The sections without a column per architecture are of the first target.
    let judged: &[(&Program, &Judged)] = &per_target[0];
    let _ = writeln!(w, "# Conformance: Go 1.19's test programs under rgo\n");
    let command = if multi {
        let arches: Vec<&str> = targets.iter().map(|t| t.column()).collect();
        COMMAND.replace(" --out ", &format!(" --goarch {} --out ", arches.join(",")))
    } else {
        COMMAND.to_string()
    };
    let per = if multi { " per target" } else { "" };
    let _ = writeln!(w, "Regenerate (from the workspace root; about a minute{per} with two jobs):\n\n```sh\n{command}\n```\n");
    if gcstress.is_none() {
        let _ = writeln!(w, "{CHECKED_BY_CI}\n");
    }
    if !only.is_empty() {
        let _ = writeln!(w, "**Partial run**: only {}.\n", only.join(", "));
    }
    if let Some(n) = gcstress {
        let _ = writeln!(
            w,
            "**Under collector stress** (`--gcstress {n}`): every program ran with `RGO_GCSTRESS={n}` \
             (a collection {}, freed memory poisoned: docs/gc.md); only `// run` programs were \
             judged.\n",
            if n == 1 { "at every safepoint".to_string() } else { format!("every {n} safepoints") }
        );
    }
    let _ = writeln!(w, "- Date: {} (UTC)", today());
    let _ = writeln!(w, "- rgo commit: {}", commit());
    if multi {
        let names: Vec<String> = targets
            .iter()
            .map(|t| match crate::run::emulator(t) {
                Ok(Some((qemu, _))) => {
                    format!("{} (under {})", t.name, qemu.file_name().unwrap_or_default().to_string_lossy())
                }
                _ => t.name.to_string(),
            })
            .collect();
        let _ = writeln!(
            w,
            "- Targets: {}; every program judged on each (`--goarch`), a column per target in \
             [Bug classes](#bug-classes) and the directory tables, a summary per target; the other \
             sections are of {}. Go test programs from `{}`",
            names.join(", "),
            targets[0].name,
            test_dir.display()
        );
    } else {
        let t = targets[0];
        let _ = writeln!(w, "- Target: {} ({}); Go test programs from `{}`", t.column(), t.goos, test_dir.display());
    }
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
        "- **`// run`**: built with `rgo build`, run with the recipe's arguments (`// run arg1 \
         arg2`; on a board, which has no command line, a program given arguments is not \
         supported) in a fresh temporary directory with stdin from /dev/null for at most {} s{}; it passes when it exits 0 and \
         its stdout and stderr, as one stream, equal `NAME.out` byte for byte (or are empty \
         when there is no `NAME.out`), as Go's `test/run.go` judges it. **fail**: it built but \
         ran wrongly. **fail (compile)**: rgo rejected it with a diagnostic other than `rgo does \
         not support …` (the program is valid Go). **not supported**: rgo's first diagnostic is \
         `rgo does not support …`, or the program died of a panic saying so (a feature rgo's \
         runtime lacks, such as a method value's Interface in reflect), or the recipe has go \
         command flags or extra files after `run`, which this table does not pass on; gc flags \
         that only turn inlining down or up (`-gcflags=-l`, `-l=4`) or gc's SSA self-checks on \
         (`-d=ssa/check/on`) leave the output of a correct program as it is, and rgo has neither, \
         so those programs run.",
        RUN_TIMEOUT.as_secs(),
        if targets.iter().any(|t| crate::run::emulator(t).is_ok_and(|e| e.is_some())) {
            format!(" ({} s under an emulator)", EMULATED_RUN_TIMEOUT.as_secs())
        } else {
            String::new()
        }
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
         `-d=panic`, `-e`, `-C`, `-t N` are harmless and judged; or rgo built a program whose \
         only marks are `// GC_ERROR` (limits of gc's, such as its largest frame, in Go the \
         spec allows). **gc wording**: run.go's own \
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
    let mut classes: Vec<Vec<Vec<&str>>> = vec![vec![Vec::new(); BUG_CLASSES.len()]; targets.len()];
    for (t, judged) in per_target.iter().enumerate() {
        for (p, j) in judged {
            if let Some(c) = bug_class(&j.outcome) {
                classes[t][c].push(&p.rel);
            }
        }
    }
    let _ = writeln!(w, "## Bug classes\n");
    let _ = writeln!(w, "One row per class of rgo bug of issue 9; each should read zero.\n");
    if multi {
        let arches: Vec<&str> = targets.iter().map(|t| t.column()).collect();
        let _ = writeln!(w, "| class | verdicts | {} | which |", arches.join(" | "));
        let _ = writeln!(w, "|---|---|{}---|", "---:|".repeat(targets.len()));
        for (c, (name, verdicts)) in BUG_CLASSES.iter().enumerate() {
            let counts: Vec<String> = (0..targets.len()).map(|t| classes[t][c].len().to_string()).collect();
            let which = which_targets(&(0..targets.len()).map(|t| classes[t][c].clone()).collect::<Vec<_>>(), &arches);
            let _ = writeln!(w, "| {name} | {verdicts} | {} | {which} |", counts.join(" | "));
        }
    } else {
        let _ = writeln!(w, "| class | verdicts | programs | which |");
        let _ = writeln!(w, "|---|---|---:|---|");
        for ((name, verdicts), names) in BUG_CLASSES.iter().zip(&classes[0]) {
            let _ = writeln!(w, "| {name} | {verdicts} | {} | {} |", names.len(), examples(names, usize::MAX));
        }
    }
    let _ = writeln!(w);

    if multi {
        agreement(w, programs, targets, results);
    }

    // Summaries.
    let _ = writeln!(w, "## Summary\n");
    for (t, judged) in targets.iter().zip(&per_target) {
        let on = if multi { format!(" on {}", t.name) } else { String::new() };
        for (kind, title, columns) in [
            (Kind::Run, "`// run`", &RUN_COLUMNS[..]),
            (Kind::ErrorCheck, "`// errorcheck`", &ERRORCHECK_COLUMNS[..]),
            (Kind::Compile, "`// compile`", &COMPILE_COLUMNS[..]),
        ] {
            let errorcheck = kind == Kind::ErrorCheck;
            let _ = writeln!(w, "### {title}{on}\n");
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
    }

    // Not measured.
    let mut unmeasured: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for p in programs.iter().filter(|p| p.kind() == Kind::Other) {
        unmeasured.entry(format!("recipe `// {}`", p.recipe.action)).or_default().push(&p.rel);
    }
    for (p, j) in judged {
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
    for (p, j) in judged {
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
    for (p, j) in judged {
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
    let failures: Vec<_> = targets
        .iter()
        .zip(&per_target)
        .flat_map(|(t, judged)| judged.iter().filter(|(_, j)| j.outcome.is_bug()).map(move |(p, j)| (t, p, j)))
        .collect();
    if !failures.is_empty() {
        let _ = writeln!(w, "## Failures (rgo bugs)\n");
        let _ = writeln!(w, "| program | kind | result | details |");
        let _ = writeln!(w, "|---|---|---|---|");
        for (t, p, j) in failures {
            let k = p.kind();
            let on = if multi { format!(" ({})", t.column()) } else { String::new() };
            let _ = writeln!(w, "| {}{on} | {} | **{}** | {} |", p.rel, kind_name(k), j.outcome.category(k), j.outcome.detail());
        }
        let _ = writeln!(w);
    }

    // One table per directory.
    for (g, sub) in dirs.iter().enumerate() {
        let rows: Vec<usize> =
            (0..programs.len()).filter(|&i| programs[i].dir == g && results.iter().any(|r| r[i].is_some())).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(w, "## {}\n", dir_name(sub));
        if multi {
            let arches: Vec<&str> = targets.iter().map(|t| t.column()).collect();
            let _ = writeln!(w, "| program | kind | {} | details | gc wording |", arches.join(" | "));
            let _ = writeln!(w, "|---|---|{}---|---|", "---|".repeat(targets.len()));
        } else {
            let _ = writeln!(w, "| program | kind | result | details | gc wording |");
            let _ = writeln!(w, "|---|---|---|---|---|");
        }
        for i in rows {
            let p = &programs[i];
            let k = p.kind();
            let verdicts: Vec<String> = results.iter().map(|r| r[i].as_ref().map_or("—".to_string(), |j| cell(j, k))).collect();
            // The first target's details (and gc wording); another
            // target's details where they differ.
            let first = results.iter().find_map(|r| r[i].as_ref()).expect("judged somewhere");
            let mut details = first.outcome.detail().to_string();
            for (t, r) in targets.iter().zip(results) {
                if let Some(j) = &r[i] {
                    if j.outcome.detail() != first.outcome.detail() {
                        let sep = if details.is_empty() { "" } else { "; " };
                        let _ = write!(details, "{sep}{}: {}", t.column(), j.outcome.detail());
                    }
                }
            }
            let gc = match &first.gc {
                None => String::new(),
                Some(Ok(())) => "match".to_string(),
                Some(Err(e)) => format!("no: {}", crate::compare::show(e.as_bytes())),
            };
            let _ = writeln!(w, "| {} | {} | {} | {details} | {gc} |", p.rel, kind_name(k), verdicts.join(" | "));
        }
        let _ = writeln!(w);
    }

    let skipped: Vec<(&Program, Vec<&Target>)> = programs
        .iter()
        .filter(|p| p.kind() != Kind::Other)
        .map(|p| (p, targets.iter().copied().filter(|t| !p.recipe.unsatisfied(t.goos, t.goarch).is_empty()).collect()))
        .filter(|(_, ts): &(_, Vec<&Target>)| !ts.is_empty())
        .collect();
    if !skipped.is_empty() {
        let names: Vec<&str> = targets.iter().map(|t| t.name).collect();
        let _ = writeln!(w, "## Not counted\n");
        let _ = writeln!(
            w,
            "Programs whose build constraints exclude {} (Go's runner skips them too):\n",
            names.join(" or ")
        );
        for (p, ts) in &skipped {
            let t = ts[0];
            let on = if multi {
                format!(" on {}", ts.iter().map(|t| t.column()).collect::<Vec<_>>().join(", "))
            } else {
                String::new()
            };
            let _ = writeln!(w, "- {} (`{}`){on}", p.rel, p.recipe.unsatisfied(t.goos, t.goarch).join("`, `"));
        }
        let _ = writeln!(w);
    }
    let gc_fails: Vec<&str> = programs.iter().filter(|p| p.gc_fails && p.kind() != Kind::Other).map(|p| p.rel.as_str()).collect();
    if !gc_fails.is_empty() {
        if skipped.is_empty() {
            let _ = writeln!(w, "## Not counted\n");
        }
        let _ = writeln!(
            w,
            "Programs gc 1.19 itself fails as it is built by default (`test/run.go`'s `go118Failures`, \
             which Go's runner skips too):\n"
        );
        for p in gc_fails {
            let _ = writeln!(w, "- {p}");
        }
        let _ = writeln!(w);
    }
    d
}

/// A verdict as a table cell: bugs in bold.
fn cell(j: &Judged, k: Kind) -> String {
    if j.outcome.is_bug() {
        format!("**{}**", j.outcome.category(k))
    } else {
        j.outcome.category(k).to_string()
    }
}

/// The programs of `per_target` (one list per target), each once, with the
/// architectures it is on when that is not all of them.
fn which_targets(per_target: &[Vec<&str>], arches: &[&str]) -> String {
    let mut all: Vec<&str> = per_target.iter().flatten().copied().collect();
    all.sort();
    all.dedup();
    all.iter()
        .map(|name| {
            let on: Vec<&str> =
                arches.iter().zip(per_target).filter(|(_, names)| names.contains(name)).map(|(a, _)| *a).collect();
            if on.len() == arches.len() {
                short(name).to_string()
            } else {
                format!("{} ({})", short(name), on.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The programs whose verdicts differ between the targets (each should
/// pass, or not, everywhere alike).
fn agreement(w: &mut String, programs: &[Program], targets: &[&Target], results: &[Vec<Option<Judged>>]) {
    let differ: Vec<usize> = (0..programs.len())
        .filter(|&i| {
            let k = programs[i].kind();
            let cats: Vec<Option<&str>> = results.iter().map(|r| r[i].as_ref().map(|j| j.outcome.category(k))).collect();
            let judged: Vec<&str> = cats.iter().flatten().copied().collect();
            judged.windows(2).any(|p| p[0] != p[1])
        })
        .collect();
    let _ = writeln!(w, "## Architectures\n");
    if differ.is_empty() {
        let _ = writeln!(w, "Every program judged on several targets has the same verdict on each.\n");
        return;
    }
    let _ = writeln!(
        w,
        "{} programs whose verdicts differ between architectures (each a bug to fix):\n",
        differ.len()
    );
    let arches: Vec<&str> = targets.iter().map(|t| t.column()).collect();
    let _ = writeln!(w, "| program | kind | {} |", arches.join(" | "));
    let _ = writeln!(w, "|---|---|{}", "---|".repeat(targets.len()));
    for i in differ {
        let k = programs[i].kind();
        let cells: Vec<String> = results.iter().map(|r| r[i].as_ref().map_or("—".to_string(), |j| cell(j, k))).collect();
        let _ = writeln!(w, "| {} | {} | {} |", programs[i].rel, kind_name(k), cells.join(" | "));
    }
    let _ = writeln!(w);
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
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    now[..10].to_string()
}

#[cfg(test)]
pub(crate) mod tests {
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

    /// A program for tests (expect.rs's too).
    pub(crate) fn program(rel: &str, src: &str) -> Program {
        Program {
            rel: rel.to_string(),
            dir: 0,
            path: Path::new("/t").join(rel),
            recipe: crate::header::recipe(src).unwrap(),
            imports: Vec::new(),
            gc_fails: false,
        }
    }

    #[test]
    fn a_column_per_architecture() {
        let programs = vec![
            program("a.go", "// run\n\npackage main\n"),
            program("b.go", "// run\n\npackage main\n"),
            program("c.go", "// run\n\n//go:build amd64\n\npackage main\n"),
        ];
        let amd64 = rgo_targets::find("linux", "amd64").unwrap();
        let arm64 = rgo_targets::find("linux", "arm64").unwrap();
        let j = |o: Outcome| Some(Judged::from(o));
        let results = vec![
            vec![j(Outcome::Pass), j(Outcome::Pass), j(Outcome::Pass)],
            vec![j(Outcome::Pass), j(Outcome::Fail("exit status 2".into())), None],
        ];
        let dirs = vec![String::new()];
        let doc = markdown(&programs, &[amd64, arm64], &results, &dirs, Path::new("/t"), &[], None);
        assert!(doc.contains("| class | verdicts | amd64 | arm64 | which |"), "{doc}");
        assert!(doc.contains("--jobs 2 --goarch amd64,arm64 --out docs/conformance.md"), "{doc}");
        assert!(doc.contains(CHECKED_BY_CI), "{doc}");
        assert!(doc.contains("| valid Go runs wrongly | `// run` fail | 0 | 1 | b (arm64) |"), "{doc}");
        assert!(doc.contains("## Architectures\n"), "{doc}");
        assert!(doc.contains("| b.go | run | pass | **fail** |"), "{doc}");
        assert!(!doc.contains("| a.go | run | pass | pass |\n| c.go"), "only differing programs: {doc}");
        assert!(doc.contains("### `// run` on linux/arm64"), "{doc}");
        assert!(doc.contains("| program | kind | amd64 | arm64 | details | gc wording |"), "{doc}");
        assert!(doc.contains("| c.go | run | pass | — |  |  |"), "{doc}");
        assert!(doc.contains("| b.go | run | pass | **fail** | arm64: exit status 2 |  |"), "{doc}");
        assert!(doc.contains("- c.go (`//go:build amd64`) on arm64"), "{doc}");
        assert!(doc.contains("| b.go (arm64) | run | **fail** | exit status 2 |"), "{doc}");

        // One target: the single-architecture layout.
        let doc = markdown(&programs, &[amd64], &results[..1], &dirs, Path::new("/t"), &[], None);
        assert!(doc.contains("- Target: amd64 (linux)") && doc.contains("| program | kind | result | details |"), "{doc}");
        assert!(!doc.contains("## Architectures"), "{doc}");

        // A stress run's report says so, and is not the one CI checks against.
        let doc = markdown(&programs, &[amd64], &results[..1], &dirs, Path::new("/t"), &[], Some(7));
        assert!(doc.contains("every program ran with `RGO_GCSTRESS=7` (a collection every 7 safepoints"), "{doc}");
        assert!(!doc.contains(CHECKED_BY_CI), "{doc}");
    }

    #[test]
    fn today_is_a_date() {
        let d = today();
        assert!(d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-' && d.starts_with("20"), "{d}");
    }
}
