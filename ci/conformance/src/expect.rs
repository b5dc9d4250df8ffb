//! `--expect REPORT`: a run checked against a checked-in report
//! (`docs/conformance.md`). The report's directory tables give every
//! judged program's verdict per architecture; a program the report lists
//! as passing on a target must pass in this run, on that target.
//!
//! Under `--gcstress`, a program that passes in the report and only ran
//! out of time here is accepted (and named): a collection at every
//! safepoint makes some programs quadratic, and the run's time limit is
//! the report's. A wrong output, a wrong exit status or a crash is not.

use crate::Column;
use crate::run::Outcome;
use crate::{Judged, Program};
use rgo_targets::Target;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

/// A report's verdicts: `(program, GOARCH)` to the verdict's text as its
/// table cell shows it, without the bold (`pass`, `fail`, `builds`).
pub struct Expected {
    verdicts: HashMap<(String, String), String>,
    arches: BTreeSet<String>,
}

/// A markdown table row's cells, trimmed.
fn cells(line: &str) -> Vec<&str> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(str::trim).collect()
}

impl Expected {
    /// Reads the directory tables (`## test/…` sections) of a report that
    /// [`crate::report::markdown`] wrote: `| program | kind | amd64 | … |
    /// details | gc wording |`, or with one target `| program | kind |
    /// result | … |`, the target named by the `- Target: GOARCH (GOOS)`
    /// line. Cells of other tables may hold `|` (never these columns:
    /// program names, kinds and verdicts have none).
    pub fn parse(text: &str) -> Result<Expected, String> {
        let mut verdicts = HashMap::new();
        let mut arches = BTreeSet::new();
        let mut single: Option<String> = None;
        let mut in_dir = false;
        let mut columns: Option<Vec<String>> = None;
        for (n, line) in text.lines().enumerate() {
            if let Some(rest) = line.strip_prefix("- Target: ") {
                single = rest.split_whitespace().next().map(str::to_string);
                continue;
            }
            if let Some(heading) = line.strip_prefix("## ") {
                in_dir = heading.starts_with("test/");
                columns = None;
                continue;
            }
            if !in_dir || !line.starts_with('|') {
                continue;
            }
            let row = cells(line);
            if row.first() == Some(&"program") {
                let end = row
                    .iter()
                    .position(|c| *c == "details")
                    .ok_or_else(|| format!("line {}: a table header without `details`", n + 1))?;
                let names = &row[2.min(end)..end];
                let cols: Vec<String> = if names == ["result"] {
                    vec![single.clone().ok_or_else(|| {
                        format!("line {}: a one-target table, and no `- Target: GOARCH` line before it", n + 1)
                    })?]
                } else {
                    names.iter().map(|s| s.to_string()).collect()
                };
                if cols.is_empty() {
                    return Err(format!("line {}: a table header without verdict columns", n + 1));
                }
                arches.extend(cols.iter().cloned());
                columns = Some(cols);
                continue;
            }
            if row.first().is_some_and(|c| c.starts_with("---")) {
                continue;
            }
            let cols = columns.as_ref().ok_or_else(|| format!("line {}: a table row before its header", n + 1))?;
            if row.len() < 2 + cols.len() {
                return Err(format!("line {}: {} cells, the header has more", n + 1, row.len()));
            }
            for (arch, cell) in cols.iter().zip(&row[2..]) {
                let verdict = cell.trim_matches('*');
                // `—`: not judged on that architecture (build constraints).
                if verdict != "—" {
                    verdicts.insert((row[0].to_string(), arch.clone()), verdict.to_string());
                }
            }
        }
        if verdicts.is_empty() {
            return Err("no per-program verdicts (no `## test/…` tables of this tool's report)".to_string());
        }
        Ok(Expected { verdicts, arches })
    }

    /// Whether the report lists `p` as passing on `goarch` (`None`: not
    /// listed there).
    pub fn passes(&self, p: &Program, goarch: &str) -> Option<bool> {
        let v = self.verdicts.get(&(p.rel.clone(), goarch.to_string()))?;
        Some(v == Outcome::Pass.category(p.kind()))
    }
}

/// A run compared with a report.
pub struct Check<'a> {
    /// Listed as passing, and passed.
    pub passed: usize,
    /// Listed as passing, and ran out of time under stress (accepted).
    pub stress_timeouts: Vec<(&'a Program, &'a Target)>,
    /// Listed as passing, and did not pass: each a failure of the check.
    pub regressed: Vec<(&'a Program, &'a Target, &'a Judged)>,
    /// Passed, and not listed as passing: the report is stale.
    pub new_passes: Vec<(&'a Program, &'a Target)>,
}

impl Check<'_> {
    pub fn failed(&self) -> bool {
        !self.regressed.is_empty()
    }

    /// How many programs the report lists as passing that this run judged.
    pub fn checked(&self) -> usize {
        self.passed + self.stress_timeouts.len() + self.regressed.len()
    }
}

/// Compares `results[t][i]` (the verdict on `programs[i]` for
/// `targets[t]`) with the report; `stress`: the programs ran under
/// `--gcstress`. An error when the report has no verdicts for a target.
pub fn check<'a>(
    expected: &Expected,
    programs: &'a [Program],
    targets: &[&'a Target],
    results: &'a [Vec<Option<Judged>>],
    stress: bool,
) -> Result<Check<'a>, String> {
    if let Some(t) = targets.iter().find(|t| !expected.arches.contains(t.column())) {
        let has: Vec<&str> = expected.arches.iter().map(String::as_str).collect();
        return Err(format!("it has no verdicts for {} (only for {})", t.column(), has.join(", ")));
    }
    let mut c = Check { passed: 0, stress_timeouts: Vec::new(), regressed: Vec::new(), new_passes: Vec::new() };
    for (t, row) in targets.iter().zip(results) {
        for (p, r) in programs.iter().zip(row) {
            let Some(j) = r else { continue };
            let pass = j.outcome == Outcome::Pass;
            match expected.passes(p, t.column()) {
                Some(true) if pass => c.passed += 1,
                Some(true) if stress && j.outcome.is_timeout() => c.stress_timeouts.push((p, t)),
                Some(true) => c.regressed.push((p, t, j)),
                _ if pass => c.new_passes.push((p, t)),
                _ => {}
            }
        }
    }
    Ok(c)
}

/// `name (goarch)` for each, comma-separated.
fn names(list: &[(&Program, &Target)]) -> String {
    list.iter().map(|(p, t)| format!("{} ({})", p.rel, t.column())).collect::<Vec<_>>().join(", ")
}

/// What the check found, for standard error: a line per class, each
/// failing program with its verdict, and a last line in a fixed form for
/// scripts (`conformance: expect: N checked, P pass, F fail, T timed out
/// under stress`).
pub fn summary(c: &Check, report: &str, gcstress: Option<u32>, limit_secs: u64) -> String {
    let mut s = String::new();
    let under = gcstress.map(|n| format!(" under RGO_GCSTRESS={n}")).unwrap_or_default();
    let _ = writeln!(s, "conformance: checked against {report}{under}: {} programs it lists as passing", c.checked());
    let _ = writeln!(s, "  {} pass", c.passed);
    if let Some(n) = gcstress {
        let _ = write!(
            s,
            "  {} ran out of time only under stress (accepted: RGO_GCSTRESS={n} made them slower than the \
             {limit_secs} s limit; no wrong output, no crash)",
            c.stress_timeouts.len()
        );
        if !c.stress_timeouts.is_empty() {
            let _ = write!(s, ": {}", names(&c.stress_timeouts));
        }
        let _ = writeln!(s);
    }
    if !c.regressed.is_empty() {
        let _ = writeln!(s, "  {} no longer pass (each a failure):", c.regressed.len());
        for (p, t, j) in &c.regressed {
            let detail = j.outcome.detail();
            let sep = if detail.is_empty() { "" } else { ": " };
            let _ = writeln!(s, "    {} ({}): {}{sep}{detail}", p.rel, t.column(), j.outcome.category(p.kind()));
        }
    }
    if !c.new_passes.is_empty() {
        let _ = writeln!(
            s,
            "  {} pass that it does not list as passing (regenerate it with --out): {}",
            c.new_passes.len(),
            names(&c.new_passes)
        );
    }
    let _ = writeln!(
        s,
        "conformance: expect: {} checked, {} pass, {} fail, {} timed out under stress",
        c.checked(),
        c.passed,
        c.regressed.len(),
        c.stress_timeouts.len()
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report;
    use std::path::Path;

    use crate::report::tests::program;

    fn programs() -> Vec<Program> {
        vec![
            program("a.go", "// run\n\npackage main\n"),
            program("b.go", "// run\n\npackage main\n"),
            program("c.go", "// run\n\n//go:build amd64\n\npackage main\n"),
            program("d.go", "// compile\n\npackage p\n"),
            program("e.go", "// run\n\npackage main\n"),
        ]
    }

    fn j(o: Outcome) -> Option<Judged> {
        Some(Judged::from(o))
    }

    /// Reads back what the report writes, with one target and with several.
    #[test]
    fn round_trip() {
        let ps = programs();
        let amd64 = rgo_targets::find("linux", "amd64").unwrap();
        let arm64 = rgo_targets::find("linux", "arm64").unwrap();
        let dirs = vec![String::new()];
        let results = vec![
            vec![j(Outcome::Pass), j(Outcome::Pass), j(Outcome::Pass), j(Outcome::Pass), j(Outcome::Fail("x | y".into()))],
            vec![j(Outcome::Pass), j(Outcome::Fail("exit status 2".into())), None, j(Outcome::Pass), j(Outcome::Pass)],
        ];
        let doc = report::markdown(&ps, &[amd64, arm64], &results, &dirs, Path::new("/t"), &[], None);
        let e = Expected::parse(&doc).unwrap();
        assert_eq!(e.arches.iter().collect::<Vec<_>>(), ["amd64", "arm64"]);
        assert_eq!(e.passes(&ps[0], "amd64"), Some(true));
        assert_eq!(e.passes(&ps[1], "amd64"), Some(true));
        assert_eq!(e.passes(&ps[1], "arm64"), Some(false));
        assert_eq!(e.passes(&ps[2], "arm64"), None);
        assert_eq!(e.passes(&ps[3], "arm64"), Some(true), "`builds` is a pass of `// compile`");
        assert_eq!(e.passes(&ps[4], "amd64"), Some(false));

        let doc = report::markdown(&ps, &[arm64], &results[1..], &dirs, Path::new("/t"), &[], None);
        let e = Expected::parse(&doc).unwrap();
        assert_eq!(e.arches.iter().collect::<Vec<_>>(), ["arm64"]);
        assert_eq!(e.passes(&ps[0], "arm64"), Some(true));
        assert_eq!(e.passes(&ps[1], "arm64"), Some(false));
        assert_eq!(e.passes(&ps[0], "amd64"), None);
    }

    #[test]
    fn not_a_report() {
        assert!(Expected::parse("# Something else\n\n| program | kind |\n").is_err());
        let no_target = "## test/*.go\n\n| program | kind | result | details | gc wording |\n|---|\n| a.go | run | pass |  |  |\n";
        assert!(Expected::parse(no_target).err().unwrap().contains("no `- Target: GOARCH` line"));
    }

    #[test]
    fn verdicts_against_the_report() {
        let ps = programs();
        let amd64 = rgo_targets::find("linux", "amd64").unwrap();
        let dirs = vec![String::new()];
        let before = vec![vec![j(Outcome::Pass), j(Outcome::Pass), j(Outcome::Pass), j(Outcome::Pass), j(Outcome::Fail("x".into()))]];
        let e = Expected::parse(&report::markdown(&ps, &[amd64], &before, &dirs, Path::new("/t"), &[], None)).unwrap();
        let now = vec![vec![
            j(Outcome::Pass),
            j(Outcome::timeout(crate::run::RUN_TIMEOUT)),
            j(Outcome::Fail("killed by signal 11 (SIGSEGV)".into())),
            None,
            j(Outcome::Pass),
        ]];

        // Under stress, the timeout is accepted; the crash is not.
        let c = check(&e, &ps, &[amd64], &now, true).unwrap();
        assert_eq!((c.passed, c.stress_timeouts.len(), c.regressed.len(), c.checked()), (1, 1, 1, 3));
        assert_eq!(c.regressed[0].0.rel, "c.go");
        assert_eq!(c.new_passes.len(), 1);
        assert!(c.failed());
        let s = summary(&c, "docs/conformance.md", Some(1), 10);
        assert!(s.contains("1 ran out of time only under stress") && s.contains(": b.go (amd64)"), "{s}");
        assert!(s.contains("    c.go (amd64): fail: killed by signal 11 (SIGSEGV)\n"), "{s}");
        assert!(s.contains("1 pass that it does not list as passing (regenerate it with --out): e.go (amd64)"), "{s}");
        assert!(s.ends_with("conformance: expect: 3 checked, 1 pass, 1 fail, 1 timed out under stress\n"), "{s}");

        // Without stress a timeout is a failure like any other.
        let c = check(&e, &ps, &[amd64], &now, false).unwrap();
        assert_eq!((c.passed, c.stress_timeouts.len(), c.regressed.len()), (1, 0, 2));

        // Only the timeout: accepted, the check passes.
        let now = vec![vec![j(Outcome::Pass), j(Outcome::timeout(crate::run::RUN_TIMEOUT)), j(Outcome::Pass), None, None]];
        assert!(!check(&e, &ps, &[amd64], &now, true).unwrap().failed());

        // A target the report does not cover.
        let arm64 = rgo_targets::find("linux", "arm64").unwrap();
        let err = check(&e, &ps, &[arm64], &now, true).err().unwrap();
        assert_eq!(err, "it has no verdicts for arm64 (only for amd64)");
    }
}
