//! Helpers shared by rgo's integration tests.

use std::path::Path;

/// Compares `got` with the golden file at `path`; `RGO_BLESS=1` rewrites
/// the file instead (never silently: only with the switch).
pub fn check_golden(path: &Path, got: &str) {
    if std::env::var("RGO_BLESS").as_deref() == Ok("1") {
        std::fs::write(path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with RGO_BLESS=1 to create it", path.display()));
    if want != got {
        panic!(
            "{} differs from the emitted assembly (- golden, + emitted); \
             if the change is intended, rerun with RGO_BLESS=1 and review the diff:\n{}",
            path.display(),
            diff(&want, got)
        );
    }
}

/// A line diff (longest common subsequence), with two lines of context.
fn diff(a: &str, b: &str) -> String {
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', a[i], i + 1));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            ops.push(('+', b[j], j + 1));
            j += 1;
        } else {
            ops.push(('-', a[i], i + 1));
            i += 1;
        }
    }
    let near = |k: usize| ops[k.saturating_sub(2)..(k + 3).min(ops.len())].iter().any(|o| o.0 != ' ');
    let mut out = String::new();
    let mut skipped = false;
    for (k, (c, line, no)) in ops.iter().enumerate() {
        if near(k) {
            if skipped {
                out.push_str("   ...\n");
                skipped = false;
            }
            out.push_str(&format!("{c}{no:5} {line}\n"));
        } else {
            skipped = true;
        }
    }
    out
}

