//! abi-dump against Go 1.19's own assignment (../shared/abi-vectors).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn vectors_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/abi-vectors");
    assert!(dir.is_dir(), "{} is missing: the shared oracles must sit beside the repository", dir.display());
    dir
}

fn run(input: &str) -> (String, String, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_abi-dump"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start abi-dump");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.success())
}

/// Drops the text after `typ:`, which FORMAT.md lets differ.
fn without_type_text(s: &str) -> Vec<String> {
    s.lines().map(|l| l.split(" typ: ").next().unwrap().to_string()).collect()
}

#[test]
fn reproduces_go_vectors_for_every_signature() {
    let dir = vectors_dir();
    let sigs = std::fs::read_to_string(dir.join("sigs.txt")).unwrap();
    let want = std::fs::read_to_string(dir.join("vectors.txt")).unwrap();
    let (got, err, ok) = run(&sigs);
    assert!(ok && err.is_empty(), "abi-dump failed: {err}");
    let (got, want) = (without_type_text(&got), without_type_text(&want));
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "first difference at vectors.txt line {}", i + 1);
    }
    assert_eq!(got.len(), want.len(), "different number of lines");
    let blocks = want.iter().filter(|l| l.starts_with("### ")).count();
    assert_eq!(blocks, 89, "vectors.txt should hold 89 signatures");
}

#[test]
fn declared_types_and_any_signature() {
    let input = "type pair struct{ a float32; b *int }\n\
                 s | *pair | func(p pair, xs ...pair) (n int, err interface{})\n";
    let (got, err, ok) = run(input);
    assert!(ok, "{err}");
    let amd64: Vec<&str> = got.lines().skip(4).take(5).collect();
    assert_eq!(
        amd64,
        [
            "IN 0: R{ I0 } spilloffset: 0 typ: *pair",
            "IN 1: R{ F0 I1 } spilloffset: 8 typ: pair",
            "IN 2: R{ I2 I3 I4 } spilloffset: 24 typ: []pair",
            "OUT 0: R{ I0 } spilloffset: -1 typ: int",
            "OUT 1: R{ I1 I2 } spilloffset: -1 typ: interface {}",
        ]
    );
}

#[test]
fn bad_lines_are_reported_with_positions_and_status_1() {
    let input = "ok | | func()\n\
                 no separators\n\
                 t | | func(a int, ...)\n\
                 u | | func(x [3]nosuch)\n\
                 v | | int\n\
                 type\n";
    let (got, err, ok) = run(input);
    assert!(!ok);
    assert!(got.starts_with("### ok\n"), "good lines are still dumped: {got}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            "<stdin>:2:1: expected `name | receiver | func type`",
            "<stdin>:3:22: expected a type, found \")\"",
            "<stdin>:4:17: undefined type nosuch",
            "<stdin>:5:6: int is not a func type",
            "<stdin>:6:5: expected a name, found end of input",
        ]
    );
}
