//! The parser against Go 1.19's own test programs (installed by `ci/setup`
//! with Debian's `golang-go`), and bad inputs against `gc`'s error texts.

use rgo::syntax::{parse_bytes, parse_file, IdGen};
use std::path::{Path, PathBuf};

const GO_TEST: &str = "/usr/lib/go-1.19/test";

/// The self-checking programs of `shared/corpus/CORPUS.md`.
const PROGRAMS: &[&str] = &[
    "helloworld",
    "printbig",
    "func6",
    "closure1",
    "closure4",
    "compos",
    "func7",
    "varinit",
    "defernil",
    "method3",
    "escape3",
    "const3",
    "decl",
    "func8",
    "defer",
    "alias1",
    "for",
    "turing",
    "divide",
    "method7",
    "simassign",
    "recover3",
    "typeswitch1",
    "convert4",
    "func",
    "if",
    "nilptr2",
    "peano",
    "closure2",
    "recover1",
    "ddd",
    "method5",
    "method",
];

/// The files of test/typeparam that are `// errorcheck` tests of syntax
/// errors, with the first error gc reports.
const TYPEPARAM_SYNTAX_ERRORS: &[(&str, &str)] =
    &[("issue50317.go", "11:11: syntax error: method must have no type parameters")];

fn go_test_dir() -> &'static Path {
    let dir = Path::new(GO_TEST);
    assert!(
        dir.join("abi").is_dir(),
        "{GO_TEST}/abi is missing: run ci/setup (it installs golang-go, whose test programs this test parses)"
    );
    dir
}

/// Parses each file; returns the failures as `path: error` lines.
fn parse_all(files: &[PathBuf]) -> Vec<String> {
    let mut failures = Vec::new();
    let mut ids = IdGen::default();
    for path in files {
        let src = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.display().to_string();
        let bad = TYPEPARAM_SYNTAX_ERRORS.iter().find(|(f, _)| path.ends_with(format!("typeparam/{f}")));
        match (parse_bytes(&name, &src, &mut ids), bad) {
            (Ok(file), None) => assert_eq!(file.path, name),
            (Ok(_), Some(_)) => failures.push(format!("{name}: parsed, but gc finds a syntax error")),
            (Err(e), Some((_, want))) if e.to_string() == format!("{name}:{want}") => {}
            (Err(e), _) => failures.push(e.to_string()),
        }
    }
    failures
}

#[test]
fn every_abi_test_program_parses() {
    let dir = go_test_dir().join("abi");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "go"))
        .collect();
    files.sort();
    assert!(files.len() >= 35, "only {} files in {}", files.len(), dir.display());
    let failures = parse_all(&files);
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), files.len(), failures.join("\n"));
}

/// Every file under `dir`, recursively, that ends in `.go`.
fn go_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display())).path();
        if path.is_dir() {
            go_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "go") {
            out.push(path);
        }
    }
}

/// Go's generics tests (with their packages in `*.dir` and mdempsky's
/// cases) parse, but for the syntax errors the errorcheck tests expect.
#[test]
fn every_typeparam_test_program_parses() {
    let mut files = Vec::new();
    go_files(&go_test_dir().join("typeparam"), &mut files);
    files.sort();
    assert!(files.len() >= 400, "only {} files under typeparam", files.len());
    let failures = parse_all(&files);
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), files.len(), failures.join("\n"));
}

#[test]
fn corpus_programs_parse() {
    let dir = go_test_dir();
    let files: Vec<PathBuf> = PROGRAMS.iter().map(|p| dir.join(format!("{p}.go"))).collect();
    let failures = parse_all(&files);
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), files.len(), failures.join("\n"));
}

/// `path:line:col: message` of the first error in `src`.
fn first_error(src: &str) -> String {
    match parse_file("bad.go", src, &mut IdGen::default()) {
        Ok(_) => panic!("parsed without error:\n{src}"),
        Err(e) => e.to_string(),
    }
}

/// Each text is what `go tool compile` (Go 1.19) prints first for the input.
#[test]
fn bad_inputs_give_gc_errors() {
    let cases: &[(&str, &str)] = &[
        (
            "package main\n\nfunc main() {\n\tx := []int{1, 2\n\t}\n}\n",
            "bad.go:4:17: syntax error: unexpected newline in composite literal; possibly missing comma or }",
        ),
        (
            "package main\n\nfunc main() {\n\tx := 1 y\n}\n",
            "bad.go:4:9: syntax error: unexpected y at end of statement",
        ),
        ("package main\n\nx := 1\n", "bad.go:3:1: syntax error: non-declaration statement outside function body"),
        (
            "package main\n\nfunc main() {\n\tprintln(1, 2\n}\n",
            "bad.go:4:14: syntax error: unexpected newline in argument list; possibly missing comma or )",
        ),
        ("package main\n\nfunc main()\n{\n}\n", "bad.go:4:1: syntax error: unexpected semicolon or newline before {"),
        ("func main() {}\n", "bad.go:1:1: syntax error: package statement must be first"),
        (
            "package main\n\nfunc main() {\n\tif x := 1 {\n\t}\n}\n",
            "bad.go:4:7: syntax error: cannot use x := 1 as value",
        ),
        ("package main\n\nvar s = \"abc\n", "bad.go:3:13: newline in string"),
        ("package main\n\nvar r = 'ab'\n", "bad.go:3:9: more than one character in rune literal"),
        ("package main\n\nvar n = 0x1.5\n", "bad.go:3:14: hexadecimal mantissa requires a 'p' exponent"),
        ("package main\n\nvar n = 09\n", "bad.go:3:10: invalid digit '9' in octal literal"),
        ("package main\n\nfunc F[T any, U]() {}\n", "bad.go:3:16: syntax error: missing type constraint"),
        ("package main\n\ntype T[P *C, Q] int\n", "bad.go:3:15: syntax error: missing type constraint"),
        ("package main\n\nvar x = a @ b\n", "bad.go:3:11: invalid character U+0040 '@'"),
    ];
    for (src, want) in cases {
        assert_eq!(first_error(src), *want, "{src}");
    }
}

#[test]
fn bad_bytes_and_deep_nesting_are_errors_not_crashes() {
    let mut ids = IdGen::default();
    let e = parse_bytes("bad.go", b"package main\n\nvar s = \"\xc3\x28\"\n", &mut ids).unwrap_err();
    assert_eq!(e.to_string(), "bad.go:3:10: invalid UTF-8 encoding");
    let e = parse_bytes("bad.go", b"package main\n\nvar s = 1 +\x00 2\n", &mut ids).unwrap_err();
    assert_eq!(e.to_string(), "bad.go:3:12: invalid NUL character");
    // Deep nesting is valid Go, bounded by memory only (no fixed limit).
    let deep = format!("package main\n\nvar x = {}1{}\n", "(".repeat(5000), ")".repeat(5000));
    let file = parse_file("deep.go", &deep, &mut ids).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(file.decls.len(), 1);
}
