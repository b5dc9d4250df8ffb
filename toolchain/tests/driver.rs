//! The `rgo` command line (errors, `-S`, default output, `RGO_KEEP_WORK`,
//! `rgo run`'s exit status) and the runtime library linked on its own:
//! hand-written amd64 assembly defining `rgo.main` that calls rt-core's
//! entry points, linked the way `rgo build` links programs.

use rgo::driver::build::{assemble, link};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rgo() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rgo"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs `cmd`, expecting exit status `status` and stderr `stderr`.
fn expect(cmd: &mut Command, status: i32, stderr: &str) -> Output {
    let out = cmd.output().expect("run command");
    assert_eq!(text(&out.stderr), stderr, "stderr of {cmd:?}");
    assert_eq!(out.status.code(), Some(status), "status of {cmd:?}; stderr: {}", text(&out.stderr));
    out
}

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("rgo-driver-test-").tempdir().unwrap()
}

#[test]
fn missing_file() {
    expect(rgo().args(["build", "no/such/file.go"]), 1, "rgo: open no/such/file.go: no such file or directory\n");
}

/// The supported targets, as the errors list them.
const SUPPORTED: &str = "(supported: linux/amd64, linux/arm64, linux/riscv64, virt-arm64, virt-riscv64)";

#[test]
fn unsupported_target() {
    let pair = |p: &str| format!("rgo: unsupported GOOS/GOARCH pair {p} {SUPPORTED}\n");
    expect(rgo().args(["build", "--target", "linux/mips", "x.go"]), 1, &pair("linux/mips"));
    expect(rgo().args(["run", "--target", "x86_64", "x.go"]), 1, &pair("linux/x86_64"));
    expect(rgo().args(["build", "--target", "darwin/arm64", "x.go"]), 1, &pair("darwin/arm64"));
    expect(rgo().args(["runtime", "--target", "sparc64"]), 1, &pair("linux/sparc64"));
    // GOOS and GOARCH from the environment, as go reads them.
    expect(rgo().env("GOARCH", "mips").args(["build", "x.go"]), 1, &pair("linux/mips"));
    expect(rgo().env("GOOS", "windows").env_remove("GOARCH").args(["run", "x.go"]), 1, &pair("windows/amd64"));
    // A bare GOARCH in --target takes GOOS from the environment.
    expect(rgo().env("GOOS", "plan9").args(["build", "--target", "amd64", "x.go"]), 1, &pair("plan9/amd64"));
}

/// A target of the table whose compiler backend has not been written yet
/// is an error saying so (never an executable for another machine).
#[test]
fn targets_without_a_backend_say_so() {
    let ready: Vec<&str> =
        rgo_targets::TARGETS.iter().filter(|t| rgo::isa::by_name(t.goarch).is_some()).map(|t| t.name).collect();
    for t in rgo_targets::TARGETS.iter().filter(|t| rgo::isa::by_name(t.goarch).is_none()) {
        let msg = format!("rgo: no compiler backend for {} yet (rgo compiles for {})\n", t.name, ready.join(", "));
        expect(rgo().args(["build", "--target", t.name, "x.go"]), 1, &msg);
        expect(rgo().args(["run", "--target", t.goarch, "x.go"]), 1, &msg);
        expect(rgo().env("GOOS", t.goos).env("GOARCH", t.goarch).args(["build", "-S", "x.go"]), 1, &msg);
    }
}

const PRINT_TARGET: &str = "package main\n\nimport \"runtime\"\n\nfunc main() {\n\tprintln(runtime.GOOS, runtime.GOARCH)\n}\n";

/// `--target` as a name or a GOARCH, or GOOS/GOARCH from the environment,
/// choose the target; `--target` wins; empty variables count as unset.
/// `runtime.GOOS` and `runtime.GOARCH` are the target's.
#[test]
fn target_selection() {
    let dir = tempdir();
    let src = dir.path().join("t.go");
    std::fs::write(&src, PRINT_TARGET).unwrap();
    let host = rgo_targets::host().expect("a supported host");
    let want = format!("{} {}\n", host.goos, host.goarch);
    let flag = format!("--target={}", host.name);
    let bare = format!("--target={}", host.goarch);
    expect(rgo().args(["run", &flag]).arg(&src), 0, &want);
    expect(rgo().args(["run", &bare]).arg(&src), 0, &want);
    expect(rgo().env("GOARCH", "mips").args(["run", &bare]).arg(&src), 0, &want);
    expect(rgo().env("GOOS", host.goos).env("GOARCH", host.goarch).arg("run").arg(&src), 0, &want);
    expect(rgo().env("GOOS", "").env("GOARCH", "").arg("run").arg(&src), 0, &want);
    let out = rgo().args(["runtime", &flag]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(Path::new(text(&out.stdout).trim_end()).is_file(), "{}", text(&out.stdout));
}

/// A missing C compiler or emulator is an error naming the Debian package.
#[test]
fn missing_tools_name_their_packages() {
    let dir = tempdir();
    let src = dir.path().join("t.go");
    std::fs::write(&src, PRINT_TARGET).unwrap();
    let host = rgo_targets::host().expect("a supported host");
    let empty = dir.path().join("empty-path");
    std::fs::create_dir(&empty).unwrap();
    expect(
        rgo().env("PATH", &empty).arg("build").arg("-o").arg(dir.path().join("t")).arg(&src),
        1,
        &format!("rgo: gcc (the C compiler for {host}) is not installed: install the Debian package gcc\n"),
    );
    let Some(rgo_targets::Emulator::User { tool, .. }) = rgo_targets::TARGETS.iter().find(|t| t.is_host()).map(|t| t.emulator) else {
        unreachable!()
    };
    expect(
        rgo().env("PATH", &empty).env("RGO_EMULATE", "1").arg("run").arg(&src),
        1,
        &format!(
            "rgo: {} (the emulator that runs {host} programs) is not installed: install the Debian package {}\n",
            tool.command, tool.debian_package
        ),
    );
}

/// `rgo run` under the emulator (RGO_EMULATE=1 uses it on the host's own
/// architecture: the path other architectures take) passes the arguments,
/// standard output and error and the exit status through (rgo's programs
/// cannot read standard input yet; the emulator inherits it as they do).
#[test]
fn run_under_the_emulator_passes_everything_through() {
    let host = rgo_targets::host().expect("a supported host");
    let qemu = host.emulator.tool();
    if rgo::driver::build::find_program(qemu.command, std::env::var_os("PATH").as_deref()).is_none() {
        eprintln!("skipped: {} (Debian package {}) is not installed", qemu.command, qemu.debian_package);
        return;
    }
    let dir = tempdir();
    let src = dir.path().join("echo.go");
    std::fs::write(
        &src,
        "package main\n\nimport \"os\"\n\nfunc main() {\n\tfor _, a := range os.Args[1:] {\n\t\tprintln(a)\n\t}\n\tos.Stdout.Write([]byte(\"to stdout\\n\"))\n\tos.Exit(len(os.Args))\n}\n",
    )
    .unwrap();
    let out = rgo().env("RGO_EMULATE", "1").arg("run").arg(&src).args(["a b", "--", "-c"]).output().unwrap();
    assert_eq!(text(&out.stderr), "a b\n--\n-c\n");
    assert_eq!(text(&out.stdout), "to stdout\n");
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn no_files() {
    let dir = tempdir();
    let msg = "rgo: no files given (usage: rgo build [-o OUT] FILE.go... [FILE.s...])\n";
    expect(rgo().arg("run").current_dir(dir.path()), 1, msg);
    // No files: the package in the current directory, which must be in a module.
    let no_module = "rgo: go.mod file not found in current directory or any parent directory; see 'go help modules'\n";
    expect(rgo().arg("build").current_dir(dir.path()), 1, no_module);
    expect(rgo().args(["build", "add_amd64.s"]), 1, "rgo: no .go files given\n");
    std::fs::write(dir.path().join("notes.txt"), "notes").unwrap();
    expect(
        rgo().args(["build", "notes.txt"]).current_dir(dir.path()),
        1,
        "rgo: named files must be .go or assembly (.s, .S) files: notes.txt\n",
    );
    // Not a file: an import path, as for the go command.
    let msg = "rgo: no required module provides package other.txt: go.mod file not found in current directory or any parent directory; see 'go help modules'\n";
    expect(rgo().args(["build", "other.txt"]).current_dir(dir.path()), 1, msg);
}

#[test]
fn usage_errors_exit_2() {
    let out = rgo().args(["build", "--bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--bogus"), "{}", text(&out.stderr));
    assert_eq!(rgo().output().unwrap().status.code(), Some(2));
}

#[test]
fn go_errors_are_file_line_col() {
    let dir = tempdir();
    let src = dir.path().join("bad.go");
    std::fs::write(&src, "package main\n\nfunc main() {\n\tx := \n}\n").unwrap();
    let out = rgo().current_dir(dir.path()).args(["build", "bad.go"]).output().unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let (pos, msg) = err.split_once(": ").unwrap_or_else(|| panic!("no position: {err}"));
    let parts: Vec<&str> = pos.split(':').collect();
    assert_eq!(parts.len(), 3, "{err}");
    assert_eq!(parts[0], "bad.go");
    assert!(parts[1].parse::<u32>().is_ok() && parts[2].parse::<u32>().is_ok(), "{err}");
    assert!(!msg.trim().is_empty() && err.ends_with('\n') && err.lines().count() == 1, "{err}");
}

// ---- diagnostics: positions and wording --------------------------------

/// Runs `rgo build FLAGS -o out NAME` on `src` written as `name` in a
/// fresh directory.
fn build_file(name: &str, src: &str, flags: &[&str]) -> Output {
    let dir = tempdir();
    std::fs::write(dir.path().join(name), src).unwrap();
    rgo().current_dir(dir.path()).arg("build").args(flags).args(["-o", "out", name]).output().unwrap()
}

/// Builds `src` as `name` in a fresh directory, asserting that the build
/// fails with status 1; returns the first line of rgo's stderr (its first
/// diagnostic, without any others or their continuation lines).
fn build_fails(name: &str, src: &str) -> String {
    let out = build_file(name, src, &[]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{src}\n{err}");
    err.lines().next().map(|l| format!("{l}\n")).unwrap_or_default()
}

/// `//line` and `/*line*/` directives set the position of what follows
/// them, as gc reports it (test/fixedbugs/issue22662b.go's cases): no
/// file name means none (or, with a column, the current one), no column
/// means none is shown.
#[test]
fn line_directives_set_reported_positions() {
    let cases = [
        ("//line :10\n", ":10: "),
        ("//line :10:4\n", "p.go:10:4: "),
        ("//line foo.go:10\n", "foo.go:10: "),
        ("//line foo.go:10:4\n", "foo.go:10:4: "),
        ("//line foo.go:10:4\n\n", "foo.go:11:1: "),
        ("/*line :10*/", ":10: "),
        ("/*line :10:4*/", "p.go:10:4: "),
        ("/*line foo.go:10*/", "foo.go:10: "),
        ("/*line foo.go:10:4*/", "foo.go:10:4: "),
        ("/*line foo.go:10:4*/\n", "foo.go:11:1: "),
        ("//line a:b:7\n", "a:b:7: "),
        // Not directives: not at the start of a line, no colon, no space.
        (" //line foo.go:10\n", "p.go:2:1: "),
        ("//line foo.go\n", "p.go:2:1: "),
        ("//linefoo.go:10\n", "p.go:2:1: "),
    ];
    for (src, want) in cases {
        let err = build_fails("p.go", src);
        assert_eq!(err, format!("{want}syntax error: package statement must be first\n"), "{src:?}");
    }
    let bad = [
        ("//line foo.go:x\n", "p.go:1:15: invalid line number: x\n"),
        ("//line foo.go:0:3\n", "p.go:1:15: invalid line number: 0\n"),
        ("//line foo.go:3:0\n", "p.go:1:17: invalid column number: 0\n"),
        ("package p /*line :0*/\n", "p.go:1:19: invalid line number: 0\n"),
    ];
    for (src, want) in bad {
        assert_eq!(build_fails("p.go", src), want, "{src:?}");
    }
    // Positions after a directive count on from it, also in type errors;
    // a directive applies to the next line, not to the rest of its own.
    let src = "package main\n\nfunc main() {\n//line other.go:100:5\n\tvar x int = \"s\"; _ = x\n}\n";
    assert_eq!(
        build_fails("p.go", src),
        "other.go:100:18: cannot use \"s\" (untyped string constant) as int value in variable declaration\n"
    );
    // issue24339: each token of the literal on a line of its own.
    let src = "package main\n\nvar _ = struct{}{ /*line :20:1*/foo /*line :21:1*/: /*line :22:1*/0 }\n\nfunc main() {}\n";
    let err = build_fails("p.go", src);
    assert!(err.starts_with("p.go:20:1: unknown field 'foo' in struct literal"), "{err}");
    let src = "package main\n\nfunc main() {\n\tvar x int = /*line :7:1*/ \"s\"; _ = x\n}\n";
    assert_eq!(
        build_fails("p.go", src),
        "p.go:7:2: cannot use \"s\" (untyped string constant) as int value in variable declaration\n"
    );
}

/// Type errors reported on the line (and column) gc reports them on,
/// from Go's errorcheck programs that rgo used to report elsewhere.
#[test]
fn type_errors_are_on_gc_lines() {
    let cases = [
        // bug132, bug412: the second field of the name.
        ("type T struct {\n\tx, x int\n}\n", "p.go:4:5: x redeclared\n"),
        ("type T struct {\n\tx int\n\tx int\n}\n", "p.go:5:2: x redeclared\n"),
        ("type T struct {\n\tint\n\tx, int float64\n}\n", "p.go:5:5: int redeclared\n"),
        // bug192: at the declaration that takes the import's name.
        (
            "import \"fmt\"\n\nvar _ = fmt.Println\n\nvar fmt int\n",
            "p.go:7:5: fmt already declared through import of package fmt (\"fmt\")\n",
        ),
        ("import s \"strings\"\n\nvar _ = s.Contains\n\nfunc s() {}\n", "p.go:7:6: s already declared through import of package strings (\"strings\")\n"),
        // initloop, issue4847: at the first variable on the cycle, not at
        // one that only depends on it.
        ("var (\n\tx int = a\n\ta int = b\n\tb int = c\n\tc int = a\n)\n", "p.go:5:2: initialization loop for a\n"),
        (
            "var foo = f\n\nvar loop = f\n\nfunc f() func() { _ = loop; return nil }\n",
            "p.go:5:5: initialization loop for loop\n",
        ),
        ("var x int = x\n", "p.go:3:5: initialization loop for x\n"),
        // issue23823: the defined type of an alias cycle.
        ("type I1 = interface {\n\tI2\n}\n\ntype I2 interface {\n\tI1\n}\n", "p.go:7:6: invalid recursive type I2\n"),
        // issue8183: an error in a repeated constant value is at its name.
        ("const (\n\tok = uint8(iota + 254)\n\tbad1\n\tbad2\n)\n", "p.go:6:2: cannot convert iota + 254 (untyped int constant 256) to type uint8\n"),
        ("func f() {\n\tconst (\n\t\tok = uint8(iota + 255)\n\t\tbad\n\t)\n}\n", "p.go:6:3: cannot convert iota + 255 (untyped int constant 256) to type uint8\n"),
        // issue7538a: `_:` declares no label.
        ("func f() {\n_:\n\tgoto _\n}\n", "p.go:5:7: label _ not defined\n"),
        // issue14540: only a clause's last statement may be fallthrough;
        // empty statements after it do not count, a block does.
        (
            "func f(x int) {\n\tswitch x {\n\tcase 0:\n\t\tfallthrough\n\t\t;\n\tcase 1:\n\t\tfallthrough\n\t\t{}\n\tcase 2:\n\t}\n}\n",
            "p.go:9:3: fallthrough statement out of place\n",
        ),
        (
            "func f(x int) {\n\tswitch x {\n\tcase 0:\n\t\tif x > 0 {\n\t\t\tfallthrough\n\t\t}\n\t\tfallthrough\n\tcase 1:\n\t}\n}\n",
            "p.go:7:4: fallthrough statement out of place\n",
        ),
        ("func f(x int) {\n\tswitch x {\n\tcase 0:\n\t\tfallthrough\n\t\t;\n\t}\n}\n", "p.go:6:3: cannot fallthrough final case in switch\n"),
    ];
    for (decls, want) in cases {
        let src = format!("package main\n\n{decls}\nfunc main() {{}}\n");
        assert_eq!(build_fails("p.go", &src), want, "{src}");
    }
    // issue19482: a blank field cannot be named in a literal.
    let src = "package main\n\ntype T struct {\n\t_ string\n}\n\nvar w = T{_: \"look\"}\n\nfunc main() {}\n";
    let err = build_fails("p.go", src);
    assert!(err.starts_with("p.go:7:11: unknown field '_' in struct literal of type "), "{err}");
}

/// A member of a package rgo builds in that Go lacks is undefined, as gc
/// says. (Every exported member of rgo's own packages has a body since
/// debug.WriteHeapDump, the last, gained one.)
#[test]
fn unknown_package_members() {
    let cases = [
        ("import \"os\"\n\nvar _ = os.Chdir2\n", "p.go:5:12: undefined: os.Chdir2\n"),
        ("import o \"os\"\n\nvar _ = o.getenv\n", "p.go:5:11: undefined: os.getenv\n"),
        ("import \"math\"\n\nvar _ = math.Sine(1)\n", "p.go:5:14: undefined: math.Sine\n"),
                ("import \"runtime\"\n\nvar _ = runtime.NumCPUs()\n", "p.go:5:17: undefined: runtime.NumCPUs\n"),
        ("import d \"runtime/debug\"\n\nvar _ = d.WriteHeapDumps\n", "p.go:5:11: undefined: debug.WriteHeapDumps\n"),
        ("import \"strconv\"\n\nvar _ = strconv.Unquoted\n", "p.go:5:17: undefined: strconv.Unquoted\n"),
        // Through a dot import.
        ("import . \"runtime/debug\"\n\nvar _ = SetGCPercent\nvar _ = WriteHeapDumps\n", "p.go:6:9: undefined: WriteHeapDumps\n"),
        ("import . \"os\"\n\nvar _ = Getenv\nvar _ = Chdirs\n", "p.go:6:9: undefined: Chdirs\n"),
    ];
    for (decls, want) in cases {
        let src = format!("package main\n\n{decls}\nfunc main() {{}}\n");
        assert_eq!(build_fails("p.go", &src), want, "{src}");
    }
}

/// runtime/volatile misused: the width is the pointer's type, checked as
/// any call's arguments are, on gc's lines and columns.
#[test]
fn volatile_misuse_is_a_type_error() {
    let src = "package main\n\nimport \"runtime/volatile\"\n\nfunc main() {\n\tvar x uint32\n\tprintln(volatile.LoadUint8(&x))\n\
\tvolatile.StoreUint16(&x, 1)\n\tvar r volatile.Register8\n\tr.Set(300)\n\tvolatile.LoadUint128(nil)\n\tr.Toggle(1)\n\
\tvolatile.StoreUint32(&x)\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:7:29: cannot use &x (value of type *uint32) as type *uint8 in argument to volatile.LoadUint8",
            "bad.go:8:23: cannot use &x (value of type *uint32) as type *uint16 in argument to volatile.StoreUint16",
            "bad.go:10:8: cannot use 300 (untyped int constant) as uint8 value in argument to r.Set (overflows)",
            "bad.go:11:11: undefined: volatile.LoadUint128",
            "bad.go:12:4: r.Toggle undefined (type volatile.Register8 has no field or method Toggle)",
            "bad.go:13:23: not enough arguments in call to volatile.StoreUint32",
            "\thave (*uint32)",
            "\twant (*uint32, uint32)",
        ],
    );
}

/// Builds `src` as `bad.go` with `-S` (checking only) and expects exit
/// status 1 and these error lines, as gc prints them.
fn expect_errors(src: &str, lines: &[&str]) {
    let out = build_file("bad.go", src, &["-S"]);
    let mut want = lines.join("\n");
    want.push('\n');
    assert_eq!(text(&out.stderr), want, "{src}");
    assert_eq!(out.status.code(), Some(1), "{src}");
}

#[test]
fn several_errors_each_on_its_line_without_follow_on_errors() {
    // `x` and `y` are invalid after their bad declarations: their uses
    // report nothing more, and they do not count as unused.
    let src = "package main\n\nfunc main() {\n\tx := undefinedf()\n\tx++\n\tvar y int = \"s\"\n\t_ = y + x.f\n\tvar z int = true\n\tprintln(z)\n}\n\nfunc g() int {\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:4:7: undefined: undefinedf",
            "bad.go:6:14: cannot use \"s\" (untyped string constant) as int value in variable declaration",
            "bad.go:8:14: cannot use true (untyped bool constant) as int value in variable declaration",
            "bad.go:13:1: missing return",
        ],
    );
}

#[test]
fn ten_errors_then_too_many_errors() {
    let mut src = String::from("package main\n\nfunc main() {\n");
    for i in 0..12 {
        src.push_str(&format!("\tvar v{i} int = \"x\"\n"));
    }
    src.push_str("}\n");
    let mut want: Vec<String> =
        (0..10).map(|i| format!("bad.go:{}:15: cannot use \"x\" (untyped string constant) as int value in variable declaration", i + 4)).collect();
    want.push("bad.go:13:15: too many errors".into());
    expect_errors(&src, &want.iter().map(String::as_str).collect::<Vec<_>>());
}

/// `//go:embed`'s errors as the go command and gc give them: a pattern that
/// names nothing stops the build before type checking; the directive's
/// misuse and the variable's type are reported with the type errors.
#[test]
fn embed_errors_as_go_reports_them() {
    let src = "package main\n\nimport _ \"embed\"\n\n//go:embed bad.go\nvar s string\n\nfunc main() {\n\tvar a int = \"x\"\n\tvar b int = \"y\"\n\t_ = s\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:9:14: cannot use \"x\" (untyped string constant) as int value in variable declaration",
            "bad.go:10:14: cannot use \"y\" (untyped string constant) as int value in variable declaration",
        ],
    );
    // The go command's errors come first, one (the least pattern).
    let src = "package main\n\nimport _ \"embed\"\n\n//go:embed bad.go \"x y\" nope\nvar s string\n\nfunc main() {\n\tvar a int = \"x\"\n}\n";
    expect_errors(src, &["bad.go:5:25: pattern nope: no matching files found"]);
    expect_errors("package main\n\nimport _ \"embed\"\n\n//go:embed ../x\nvar s string\n\nfunc main() {}\n", &["bad.go:5:12: pattern ../x: invalid pattern syntax"]);
    // Malformed directives are syntax errors: nothing else is reported.
    let src = "package main\n\nimport (\n\t\"embed\"\n)\n\n//go:embed\nvar f string\n\n//go:embed \"bad.go\nvar g embed.FS\n\nfunc main() {\n\tvar a int = \"x\"\n}\n";
    expect_errors(
        src,
        &["bad.go:7:3: usage: //go:embed pattern...", "bad.go:10:3: invalid quoted string in //go:embed: \"bad.go", "bad.go:10:3: usage: //go:embed pattern..."],
    );
    let src = "package main\n\nimport _ \"embed\"\n\n//go:embed bad.go\nvar a, b string\n\n//go:embed bad.go\nvar c string = \"\"\n\n//go:embed bad.go\nfunc main() {\n\t//go:embed bad.go\n\tvar h string\n\t_ = h\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:5:3: go:embed cannot apply to multiple vars",
            "bad.go:8:3: go:embed cannot apply to var with initializer",
            "bad.go:11:3: misplaced go:embed directive",
            "bad.go:13:4: go:embed cannot apply to var inside func",
        ],
    );
    let src = "package main\n\nimport _ \"embed\"\n\ntype T int\n\ntype S = string\n\n//go:embed bad.go\nvar d T\n\n//go:embed bad.go bad.go\nvar e []byte\n\n//go:embed bad.go b*.go\nvar f S\n\n//go:embed bad.go\nvar g map[string]int\n\nfunc main() {}\n";
    expect_errors(src, &["bad.go:10:5: go:embed cannot apply to var of type T", "bad.go:19:5: go:embed cannot apply to var of type map[string]int"]);
    let dir = tempdir();
    write(&dir.path().join("main.go"), "package main\n\nimport _ \"embed\"\n\n//go:embed *.txt\nvar s string\n\nfunc main() {}\n");
    write(&dir.path().join("a.txt"), "a");
    write(&dir.path().join("b.txt"), "b");
    let out = rgo().current_dir(dir.path()).args(["build", "-o", "out", "main.go"]).output().unwrap();
    assert_eq!(text(&out.stderr), "main.go:6:5: invalid go:embed: multiple files for type string\n");
    assert_eq!(out.status.code(), Some(1));
    expect_errors("package main\n\n//go:embed bad.go\nvar s string\n\nfunc main() {}\n", &["bad.go:3:3: go:embed only allowed in Go files that import \"embed\""]);
}

/// Errors of generic code are gc's: unsatisfied constraints, failed
/// inference, type argument counts, at the positions gc gives them.
#[test]
fn constraint_and_inference_errors() {
    let src = "package main\n\nimport \"fmt\"\n\ntype Number interface{ ~int | ~float64 }\n\nfunc Sum[T Number](xs ...T) (s T) { return }\n\n\
               func Map[T, U any](xs []T, f func(T) U) []U { return nil }\n\ntype Box[T fmt.Stringer] struct{ v T }\n\n\
               func main() {\n\t_ = Sum(\"a\", \"b\")\n\t_ = Map([]int{1}, nil)\n\t_ = Sum[int, int](1)\n\tvar b Box[int]\n\t_ = b\n\t_ = Sum(1, 2.5)\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:14:9: string does not implement Number (string missing in ~int | ~float64)",
            "bad.go:15:9: cannot infer U (bad.go:9:13)",
            "bad.go:16:15: got 2 type arguments but want 1",
            "bad.go:17:12: int does not implement fmt.Stringer (missing String method)",
            "bad.go:19:13: default type float64 of 2.5 does not match inferred type int for T",
        ],
    );
}

/// Generic declarations are checked by the new checker, as gc checks them:
/// valid ones build, uses of non-generic names with type arguments are
/// gc's errors at gc's positions, and checking goes on after them.
#[test]
fn generic_declarations_are_checked_as_gc_checks_them() {
    let main = "\nfunc main() {\n\tvar s string = 1\n\t_ = s\n}\n";
    let wrong_s = |line: u32| format!("prog.go:{line}:17: cannot use 1 (untyped int constant) as string value in variable declaration");
    for (decls, first) in [
        ("func Map[T, U any](xs []T, f func(T) U) []U { return nil }\n", None),
        ("type List[T any] struct{ next *List[T] }\n", None),
        ("func (l *List[T]) Len() int { return 0 }\n\ntype List[T any] []T\n", None),
        ("func (p Pair[K, V]) Len() int { return 0 }\n", Some("3:9: undefined: Pair")),
        ("type T int\n\nvar x T[int]\n", Some("5:7: T is not a generic type")),
        ("type T int\n\nvar x = T[int](1)\n", Some("5:9: T is not a generic type")),
        ("type T int\n\nvar x = []T[int]{}\n", Some("5:11: T is not a generic type")),
        ("func f() {}\n\nvar x = f[int, string]\n", Some("5:10: invalid operation: cannot index f (value of type func())")),
        ("type Number interface{ ~int | ~float64 }\n", None),
        ("type I interface{ int | string }\n", None),
        ("type I interface{ []byte }\n", None),
        ("type S struct{ L[int] }\n\ntype L int\n", Some("3:16: L is not a generic type")),
        ("func F[T comparable](x, y T) bool { return x == y }\n", None),
        ("func f() {\n\ttype L[T any] []T\n}\n", None),
    ] {
        let src = format!("package main\n\n{decls}{main}");
        let (status, err) = build_source(&src);
        assert_eq!(status, Some(1), "{src}\n{err}");
        let main_line = 3 + decls.lines().count() as u32 + 2;
        let mut want = first.map(|f| format!("prog.go:{f}\n")).unwrap_or_default();
        want += &format!("{}\n", wrong_s(main_line));
        assert_eq!(err, want, "{src}");
    }
    // `~x` outside a constraint is gc's type error, and checking goes on.
    let src = "package main\n\nfunc main() {\n\tx := 1\n\t_ = ~x\n\tvar s string = 1\n\t_ = s\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:5:6: cannot use ~ outside of interface or type constraint",
            "bad.go:6:17: cannot use 1 (untyped int constant) as string value in variable declaration",
        ],
    );
    // `any` is interface{} anywhere.
    let (status, err) = build_source("package main\n\nvar a any = 1\n\nfunc main() {\n\tvar b []any\n\tprintln(a != nil, len(b))\n}\n");
    assert_eq!((status, err.as_str()), (Some(0), ""));
}

#[test]
fn unused_variables_and_imports() {
    // Assigning is no use (also from a closure); reading in a closure, `x++`
    // and a field assignment are. A type switch's binding is used when any
    // clause uses it.
    let src = "package main\n\nimport (\n\tf \"fmt\"\n\t\"os\"\n\t\"strings\"\n\t_ \"errors\"\n)\n\n\
func main() {\n\ta := 1\n\ta = 2\n\tb := 0\n\tb++\n\tvar c struct{ n int }\n\tc.n = 1\n\td := 1\n\tfunc() { d = 2 }()\n\
\te := 1\n\tfunc() { println(e) }()\n\tvar i interface{}\n\tswitch t := i.(type) {\n\tcase int:\n\t\tprintln(t)\n\tcase string:\n\t}\n\
\tswitch u := i.(type) {\n\tcase int:\n\t}\n\tfor k, v := range []int{1} {\n\t\tprintln(v)\n\t}\n\tprintln(strings.ToUpper(\"x\"))\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:4:2: imported and not used: \"fmt\" as f",
            "bad.go:5:2: imported and not used: \"os\"",
            "bad.go:11:2: a declared but not used",
            "bad.go:17:2: d declared but not used",
            "bad.go:27:9: u declared but not used",
            "bad.go:30:6: k declared but not used",
        ],
    );
}

/// Assignment counts, `:=` without new variables and a function named as a
/// type in its own signature, in gc 1.19's words and positions (each
/// checked against `go build -gcflags=-e`): a count at the first value, a
/// lone call named by its function, `:=` at its operator.
#[test]
fn assignment_mismatches_as_gc_words_them() {
    let src = "package main\n\nfunc f() int { return 1 }\nfunc g() (int, int) { return 1, 2 }\n\nvar p, q = 1\nvar r, s = f()\n\n\
func main() {\n\ta, b := f()\n\tc, d, e := g()\n\tvar h, i = f()\n\tvar j, k = 1\n\t_, _, _, _, _, _, _, _, _ = a, b, c, d, e, h, i, j, k\n\ta, b = g(), 1\n\ta, b = (f())\n\
\tx := 1\n\tx := 2\n\t_ = x\n}\n\nfunc foo(x foo) {}\n";
    expect_errors(
        src,
        &[
            "bad.go:6:12: assignment mismatch: 2 variables but 1 value",
            "bad.go:7:12: assignment mismatch: 2 variables but f returns 1 value",
            "bad.go:10:10: assignment mismatch: 2 variables but f returns 1 value",
            "bad.go:11:13: assignment mismatch: 3 variables but g returns 2 values",
            "bad.go:12:13: assignment mismatch: 2 variables but f returns 1 value",
            "bad.go:13:13: assignment mismatch: 2 variables but 1 value",
            "bad.go:15:9: multiple-value g() (value of type (int, int)) in single-value context",
            "bad.go:16:9: assignment mismatch: 2 variables but f returns 1 value",
            "bad.go:18:4: no new variables on left side of :=",
            "bad.go:22:12: foo (value of type func()) is not a type",
        ],
    );
}

#[test]
fn goto_and_label_errors() {
    let src = "package main\n\nfunc main() {\n\tgoto L\n\tx := 1\n\t_ = x\nL:\n\tgoto M\n\t{\n\tM:\n\t}\nN:\n\tfor {\n\t\tbreak\n\t}\nL:\n}\n\n\
func g() {\nL:\n\tx := 1\n\t_ = x\n\tgoto L\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:4:7: goto L jumps over declaration of x at bad.go:5:4",
            "bad.go:8:7: goto M jumps into block starting at bad.go:9:2",
            "bad.go:12:1: label N defined and not used",
            "bad.go:16:1: label L already defined at bad.go:7:1",
        ],
    );
}

#[test]
fn duplicate_parameters_cases_and_defaults() {
    let src = "package main\n\nfunc f(a int) (a int) { return 0 }\n\nvar h func(i, i int)\n\n\
func main() {\n\tx := 1\n\tswitch x {\n\tcase 1, 2:\n\tcase 3, 1:\n\tcase int(2):\n\t}\n\
\tvar i interface{} = x\n\tswitch i.(type) {\n\tcase int, nil:\n\tcase string, int:\n\tcase nil:\n\tdefault:\n\tdefault:\n\t}\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:3:16: a redeclared in this block",
            "\tbad.go:3:8: other declaration of a",
            "bad.go:5:15: i redeclared in this block",
            "\tbad.go:5:12: other declaration of i",
            "bad.go:11:10: duplicate case 1 (constant of type int) in expression switch",
            "\tbad.go:10:7: previous case",
            "bad.go:12:7: duplicate case int(2) (constant 2 of type int) in expression switch",
            "\tbad.go:10:10: previous case",
            "bad.go:17:15: duplicate case int in type switch",
            "\tbad.go:16:7: previous case",
            "bad.go:18:7: duplicate case nil in type switch",
            "\tbad.go:16:12: previous case",
            "bad.go:20:2: multiple defaults (first at bad.go:19:2)",
        ],
    );
}

#[test]
fn package_level_init_and_redeclarations() {
    let src = "package main\n\nvar init = 1\n\ntype T int\n\nconst T = 2\n\nfunc main() {}\n\nfunc main() {}\n";
    expect_errors(
        src,
        &[
            "bad.go:3:5: cannot declare init - must be func",
            "bad.go:7:7: T redeclared in this block",
            "\tbad.go:5:6: other declaration of T",
            "bad.go:11:6: main redeclared in this block",
            "\tbad.go:9:6: other declaration of main",
        ],
    );
}

#[test]
fn misplaced_and_forbidden_directives() {
    // What the parser sees is reported with the type errors: a directive
    // on a line with code, one left over in a body, one only the runtime
    // may use.
    let src = "//go:build !nothing\n\npackage main\n\nfunc f() {}\n\nfunc main() {\n\t//go:noinline\n\tf()\n\tx := 1 //go:noinline\n\t_ = x\n}\n\n\
//go:nowritebarrier\nfunc g() {}\n\nvar y = undefined\n";
    expect_errors(
        src,
        &[
            "bad.go:8:4: misplaced compiler directive",
            "bad.go:10:11: misplaced compiler directive",
            "bad.go:14:3: //go:nowritebarrier only allowed in runtime",
            "bad.go:17:9: undefined: undefined",
        ],
    );
    // A directive a declaration does not take, and `//go:linkname`'s
    // checks, come once the program type-checks (the last case below), as
    // gc's noder reports them.
    let src = "//go:build !nothing\n\n//go:noinline\npackage main\n\nimport _ \"unsafe\"\n\n//go:noinline\n//go:nosplit\nfunc f() {}\n\n\
//go:noinline\nvar x int\n\n//go:notinheap\ntype T int\n\n//go:notinheap\ntype A = int\n\n//go:build linux\n\n\
func main() {\n\tf()\n}\n\n//go:linkname x y\n//go:linkname T z\n//go:linkname x w\n";
    expect_errors(
        src,
        &[
            "bad.go:3:3: misplaced compiler directive",
            "bad.go:12:3: misplaced compiler directive",
            "bad.go:18:3: misplaced compiler directive",
            "bad.go:21:3: misplaced compiler directive",
            "bad.go:28:3: //go:linkname must refer to declared function or variable",
            "bad.go:29:3: duplicate //go:linkname for x",
        ],
    );
    let src = "package main\n\nvar y = undefined\n\n//go:noinline\nvar x int\n\nfunc main() {}\n";
    expect_errors(src, &["bad.go:3:9: undefined: undefined"]);
    let src = "package main\n\n//go:linkname main runtime.main\nfunc main() {}\n";
    expect_errors(src, &["bad.go:3:3: //go:linkname only allowed in Go files that import \"unsafe\""]);
}

#[test]
fn invalid_types_and_method_sets() {
    // Map keys and embedded fields are checked once the types they name are
    // complete (S below refers to itself through the map).
    let src = "package main\n\nimport \"unsafe\"\n\ntype S struct {\n\tm map[S]bool\n}\n\ntype P *S\n\ntype E struct {\n\tP\n}\n\n\
type U struct{ unsafe.Pointer }\n\ntype I interface{ M() }\n\ntype J struct{ *I }\n\ntype B int\n\nfunc (*B) g() {}\n\nfunc (S) h() {}\n\n\
func main() {\n\tvar p P\n\tp.h()\n\tvar i *I\n\ti.M()\n\tB(1).g()\n\tvar c chan [1 << 16]byte\n\t_ = c\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:6:8: invalid map key type S",
            "bad.go:12:2: embedded field type cannot be a pointer",
            "bad.go:15:16: embedded field type cannot be unsafe.Pointer",
            "bad.go:19:16: embedded field type cannot be a pointer to an interface",
            "bad.go:29:4: p.h undefined (type P has no field or method h)",
            "bad.go:31:4: i.M undefined (type *I is pointer to interface, not interface)",
            "bad.go:32:7: cannot call pointer method g on B",
        ],
    );
}

#[test]
fn constant_and_operand_type_errors() {
    let src = "package main\n\nconst ui uint = 0\nconst i int = ui\n\nvar _ [float64(2)]int\nvar _ int32 = uint16(1)\n\ntype B bool\ntype B2 bool\n\n\
var b B\nvar b2 B2\nvar _ = b && b2\n\nfunc main() {\n\t_ = make([]byte, float32(1))\n\tvar a [3]int\n\t_ = a[2:1]\n\t_ = a[5:]\n\t_ = []int{1: 1, 1: 2}\n\
\tvar e interface{}\n\tswitch e {\n\tcase byte(0), uint8(0):\n\t}\n\tvar f [1]func()\n\tswitch f {\n\t}\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:4:15: cannot use ui (constant 0 of type uint) as type int in constant declaration",
            "bad.go:6:8: array length float64(2) (constant 2 of type float64) must be integer",
            "bad.go:7:15: cannot use uint16(1) (constant 1 of type uint16) as type int32 in variable declaration",
            "bad.go:14:9: invalid operation: b && b2 (mismatched types B and B2)",
            "bad.go:17:19: invalid argument: index float32(1) (constant 1 of type float32) must be integer",
            "bad.go:19:10: invalid slice indices: 1 < 2",
            "bad.go:20:8: invalid argument: index 5 out of bounds [0:4]",
            "bad.go:21:19: duplicate index 1 in array or slice literal",
            "bad.go:24:16: duplicate case uint8(0) (constant 0 of type uint8) in expression switch",
            "\tbad.go:24:11: previous case",
            "bad.go:27:9: cannot switch on f (variable of type [1]func()) ([1]func() is not comparable)",
        ],
    );
}

#[test]
fn no_follow_on_errors_from_failed_methods_or_main() {
    // T's method m is invalid: T not implementing I is no news; S's method
    // b clashes with its field: calling the field is no news either.
    let src = "package main\n\ntype I interface{ m() int }\n\ntype T int\n\nvar _ I = T(0)\n\nfunc (T) m(x undefinedt) int { return 0 }\n\n\
type S struct{ b int }\n\nfunc (S) b() {}\n\nfunc f() {\n\tvar s S\n\ts.b()\n}\n\nvar main = f\n";
    expect_errors(
        src,
        &[
            "bad.go:9:14: undefined: undefinedt",
            "bad.go:13:10: field and method with the same name b",
            "\tbad.go:11:16: other declaration of b",
            "bad.go:20:5: cannot declare main - must be func",
        ],
    );
}

#[test]
fn malformed_float_constants() {
    // Beyond a 32-bit binary exponent; underflow and 1e400 are no error.
    let src = "package main\n\nconst x = 6e5518446744\nconst _ = x * x\nconst _ = 1e-1000000000\nconst _ = 1e+1000000000\nconst _ = 0.000e+999999999\n\nfunc main() {}\n";
    expect_errors(src, &["bad.go:3:11: malformed constant: 6e5518446744", "bad.go:6:11: malformed constant: 1e+1000000000"]);
}

#[test]
fn bodies_are_checked_after_errors_in_their_headers() {
    let src = "package main\n\nfunc main() {\n\tif x := undefa; x > 0 {\n\t\tprintln(undefb)\n\t}\n\tfor i := undefc; i < 3; i++ {\n\t\tprintln(undefd)\n\t}\n\tfor 1 {\n\t\tprintln(undefe)\n\t}\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:4:10: undefined: undefa",
            "bad.go:5:11: undefined: undefb",
            "bad.go:7:11: undefined: undefc",
            "bad.go:8:11: undefined: undefd",
            "bad.go:10:6: non-boolean condition in for statement",
            "bad.go:11:11: undefined: undefe",
        ],
    );
}

#[test]
fn syntax_errors_go_on_at_the_next_statement_or_declaration() {
    // As gc (whose output this is): one error per line, an unclosed call
    // skipped to the next statement keyword, no type checking after syntax
    // errors, no echo at the end of the file.
    let src = "package main\n\nfunc main() {\n\tvar x int = \"s\"\n\ty := )\n\tprintln(1, g()\n\tz := 1 2\n\tswitch x {\n\tcase 0;\n\t}\n}\n\nfunc f( {\n}\n\nvar v = \n";
    expect_errors(
        src,
        &[
            "bad.go:5:7: syntax error: unexpected ), expecting expression",
            "bad.go:6:16: syntax error: unexpected newline in argument list; possibly missing comma or )",
            "bad.go:8:2: syntax error: unexpected switch at end of statement",
            "bad.go:9:8: syntax error: unexpected semicolon, expecting :",
            "bad.go:13:9: syntax error: unexpected {, expecting )",
        ],
    );
}

#[test]
fn len_of_an_array_with_calls_is_not_constant() {
    let src = "package main\n\nvar s [][10]int\n\nconst m = len(s[len(s)-1])\nconst k = len(s[0])\n\nfunc f() [2]int { return [2]int{} }\n\nvar _ [len(f())]int\n\nfunc main() { println(k) }\n";
    expect_errors(src, &["bad.go:5:11: len(s[len(s) - 1]) (value of type int) is not constant", "bad.go:10:8: array length len(f()) (value of type int) must be constant"]);
}

const HELLO: &str = "package main\n\nfunc main() {\n\tprintln(\"hello\", 42)\n}\n";

/// `rgo build` with `RGO_KEEP_WORK=1` in `dir` and the build cache
/// `cache`: the files of the work directory it kept, sorted (the
/// directory is removed).
fn build_keeping_work(dir: &Path, cache: &Path, args: &[&str]) -> Vec<String> {
    let out = rgo().current_dir(dir).env("RGO_KEEP_WORK", "1").env("GOCACHE", cache).arg("build").args(args).output().unwrap();
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    let work = err.strip_prefix("WORK=").and_then(|w| w.strip_suffix('\n')).unwrap_or_else(|| panic!("{err}"));
    let mut files: Vec<String> = std::fs::read_dir(work).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    std::fs::remove_dir_all(work).unwrap();
    files
}

#[test]
fn build_defaults_to_the_first_file_name_and_keeps_work_on_request() {
    let dir = tempdir();
    std::fs::write(dir.path().join("hello.go"), HELLO).unwrap();
    let files = build_keeping_work(dir.path(), &dir.path().join("cache"), &["hello.go"]);
    // One assembly file and its object per package, and the shared data.
    assert!(files.iter().any(|f| f.ends_with("_main.s")) && files.iter().any(|f| f.ends_with("_main.o")), "{files:?}");
    let exe = dir.path().join("hello");
    expect(&mut Command::new(&exe), 0, "hello 42\n");
}

/// Each package's object is assembled once and then taken from the build
/// cache: a rebuild assembles nothing, and after an edit of package main
/// only main's file is assembled again.
#[test]
fn objects_come_from_the_cache_but_for_changed_packages() {
    let dir = tempdir();
    let cache = dir.path().join("cache");
    let src = "package main\n\nimport \"strings\"\n\nfunc main() { println(strings.Repeat(\"ab\", 2)) }\n";
    std::fs::write(dir.path().join("p.go"), src).unwrap();
    let first = build_keeping_work(dir.path(), &cache, &["p.go"]);
    assert!(first.iter().any(|f| f.ends_with("_strings.o")) && first.iter().any(|f| f.ends_with("_main.o")), "{first:?}");
    assert_eq!(build_keeping_work(dir.path(), &cache, &["p.go"]), Vec::<String>::new());
    std::fs::write(dir.path().join("p.go"), src.replace("2)", "3)")).unwrap();
    let edited = build_keeping_work(dir.path(), &cache, &["p.go"]);
    assert!(edited.iter().all(|f| f.ends_with("_main.s") || f.ends_with("_main.o")) && edited.len() == 2, "{edited:?}");
    expect(&mut Command::new(dir.path().join("p")), 0, "ababab\n");
}

/// A package's object is the same in another program whose other packages
/// add types of their own: descriptors, itabs and local types are named by
/// what they are, not by their order in the program (before, strconv's code
/// named `type.1756.…` in one program and `type.1823.…` in the next).
#[test]
fn another_program_reuses_a_package_object_whatever_types_it_adds() {
    let dir = tempdir();
    let cache = dir.path().join("cache");
    let one = "package main\n\nimport \"strconv\"\n\nfunc main() {\n\tn, err := strconv.Atoi(\"12\")\n\tprintln(n, err == nil)\n}\n";
    std::fs::write(dir.path().join("one.go"), one).unwrap();
    let first = build_keeping_work(dir.path(), &cache, &["one.go"]);
    assert!(first.iter().any(|f| f.ends_with("_strconv.o")), "{first:?}");
    // Another package first in the build, and types and a local type in main.
    let two = "package main\n\nimport (\n\t\"strconv\"\n\t\"strings\"\n)\n\ntype A struct{ x, y int }\ntype B []A\n\n\
               func (B) Len() int { return 0 }\n\nfunc main() {\n\ttype L struct{ s string }\n\tvar i interface{ Len() int } = B{{1, 2}}\n\
               \tvar j interface{} = L{\"l\"}\n\tn, err := strconv.Atoi(\"12\")\n\tprintln(n, err == nil, i.Len(), strings.Repeat(\"ab\", 2), j != nil)\n}\n";
    std::fs::write(dir.path().join("two.go"), two).unwrap();
    let second = build_keeping_work(dir.path(), &cache, &["two.go"]);
    assert!(second.iter().any(|f| f.ends_with("_main.o")), "{second:?}");
    assert!(!second.iter().any(|f| f.ends_with("_strconv.o") || f.ends_with("_errors.o")), "{second:?}");
    expect(&mut Command::new(dir.path().join("two")), 0, "12 true 0 abab true\n");
}

/// `-o` naming a device or a pipe (`-o /dev/null`, as with `go build`)
/// writes into it; the linker alone would replace it with a regular file.
#[test]
fn build_into_a_pipe_keeps_the_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempdir();
    std::fs::write(dir.path().join("hello.go"), HELLO).unwrap();
    let fifo = dir.path().join("out.pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // The reader must be there before rgo opens the pipe for writing; if rgo
    // replaced the pipe instead, this thread stays blocked and the asserts
    // below fail.
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let out = rgo().current_dir(dir.path()).args(["build", "-o", "out.pipe", "hello.go"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the pipe was replaced");
    let bytes = reader.join().unwrap();
    assert_eq!(&bytes[..4], b"\x7fELF", "the executable was not written into the pipe");
}

#[test]
fn emit_asm_writes_assembly() {
    let dir = tempdir();
    let src = dir.path().join("hello.go");
    std::fs::write(&src, HELLO).unwrap();
    let out = rgo().args(["build", "-S"]).arg(&src).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let asm = text(&out.stdout);
    assert!(asm.contains("main.main:") && asm.contains("rgo_print_string"), "{asm}");
    let file = dir.path().join("out.s");
    let out = rgo().args(["build", "--emit-asm", "-o"]).arg(&file).arg(&src).output().unwrap();
    assert!(out.status.success() && out.stdout.is_empty(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), asm);
}

#[test]
fn run_forwards_arguments_and_exit_status() {
    let dir = tempdir();
    let src = dir.path().join("p.go");
    std::fs::write(&src, "package main\n\nfunc main() {\n\tprintln(\"before\")\n\tpanic(\"boom\")\n}\n").unwrap();
    let out = rgo().arg("run").arg(&src).args(["-x", "--", "y"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).starts_with("before\npanic: boom\n\ngoroutine 1 [running]:\n"), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
}

// ---- the runtime library on its own ----------------------------------------

/// Assembles `asm` (GNU as, amd64, defining `rgo.main`) and links it with
/// the runtime as `rgo build` would; returns the executable's path.
fn link_asm(dir: &Path, name: &str, asm: &str) -> PathBuf {
    let target = rgo_targets::host().expect("a supported host");
    let src = dir.join(format!("{name}.s"));
    std::fs::write(&src, asm).unwrap();
    let obj = dir.join(format!("{name}.o"));
    assemble(target, &src, &obj).unwrap_or_else(|e| panic!("{e}"));
    let exe = dir.join(name);
    link(target, &[obj], &exe).unwrap_or_else(|e| panic!("{e}"));
    exe
}

/// `rgo.main` printing a string, an int, a float, a bool and a newline as
/// one print statement, called with the stack aligned as compiled code
/// aligns it (RSP = 8 mod 16 on entry).
const PRINTS: &str = r#"
    .intel_syntax noprefix
    .section .rodata
msg: .ascii "hello,"
one_and_a_half: .double 1.5
    .text
    .globl rgo.main
    .type rgo.main, @function
rgo.main:
    sub rsp, 8
    lea rdi, [rip + msg]
    mov esi, 6
    call rgo_print_string
    call rgo_print_sp
    mov rdi, -42
    call rgo_print_int
    call rgo_print_sp
    movsd xmm0, qword ptr [rip + one_and_a_half]
    call rgo_print_float
    call rgo_print_sp
    mov edi, 1
    call rgo_print_bool
    call rgo_print_nl
    call rgo_print_end
    add rsp, 8
    ret
    .section .note.GNU-stack, "", @progbits
"#;

#[test]
fn runtime_prints_and_exits_0() {
    let dir = tempdir();
    let exe = link_asm(dir.path(), "prints", PRINTS);
    let out = expect(&mut Command::new(&exe), 0, "hello, -42 +1.500000e+000 true\n");
    assert!(out.stdout.is_empty());
}

#[test]
fn hello_world_stays_small() {
    let dir = tempdir();
    let exe = link_asm(dir.path(), "prints", PRINTS);
    let stripped = dir.path().join("prints.stripped");
    let st = Command::new("strip").arg("-o").arg(&stripped).arg(&exe).status().expect("run strip");
    assert!(st.success());
    let size = std::fs::metadata(&stripped).unwrap().len();
    assert!(size < 64 * 1024, "stripped hello world is {size} bytes");
}

/// `panic("boom")`: the type word is a `string` descriptor laid out as
/// reflect::types::Type, the data word points at a string header.
const PANIC_STRING: &str = r#"
    .intel_syntax noprefix
    .section .rodata
    .p2align 3
string_type:
    .quad 16                 /* size */
    .quad 8                  /* ptrdata */
    .long 0                  /* hash */
    .byte 1                  /* tflag: NAMED */
    .byte 8, 8               /* align, field_align */
    .byte 24                 /* kind: String */
    .quad string_name, 6     /* string */
    .quad 0                  /* uncommon */
string_name: .ascii "string"
boom_bytes: .ascii "boom"
    .p2align 3
boom: .quad boom_bytes, 4
    .text
    .globl rgo.main
    .type rgo.main, @function
rgo.main:
    sub rsp, 8
    lea rdi, [rip + string_type]
    lea rsi, [rip + boom]
    call rgo_gopanic
    ud2
    .section .note.GNU-stack, "", @progbits
"#;

#[test]
fn runtime_panics_with_a_string() {
    let dir = tempdir();
    let exe = link_asm(dir.path(), "panic_string", PANIC_STRING);
    expect(
        &mut Command::new(&exe),
        2,
        "panic: boom\n\ngoroutine 1 [running]:\n",
    );
}

/// `type E int` with `func (E) Error() string`, panicking with `E(42)`:
/// the runtime calls the method (through its one-word-receiver closure in
/// the method table) and prints its result. The method checks what
/// ABIInternal promises it: the receiver word, R14 = the goroutine rgo.main
/// ran with, X15 = 0.
const PANIC_ERROR: &str = r#"
    .intel_syntax noprefix
    .section .rodata
    .p2align 3
string_type:                 /* string */
    .quad 16, 8
    .long 0
    .byte 1, 8, 8, 24
    .quad string_name, 6, 0
string_name: .ascii "string"
    .p2align 3
method_type:                 /* func() string */
    .quad 8, 8
    .long 0
    .byte 0, 8, 8, 19
    .quad method_type_name, 13, 0
    .quad 0, 0               /* ins */
    .quad method_outs, 1     /* outs */
    .quad 0                  /* variadic */
method_outs: .quad string_type
method_type_name: .ascii "func() string"
    .p2align 3
e_type:                      /* main.E, kind Int, with a method table */
    .quad 8, 0
    .long 0
    .byte 3, 8, 8, 2         /* tflag NAMED|UNCOMMON, kind Int */
    .quad e_name, 6, e_uncommon
e_name: .ascii "main.E"
    .p2align 3
e_uncommon:
    .quad main_name, 4       /* pkg_path */
    .quad e_methods, 1
e_methods:
    .quad error_name, 5      /* name */
    .quad method_type        /* mtyp */
    .quad e_error_closure    /* ifn */
    .quad 0                  /* tfn */
e_error_closure: .quad e_error
main_name: .ascii "main"
error_name: .ascii "Error"
ok_msg: .ascii "E.Error ok"
bad_recv: .ascii "bad receiver"
bad_g: .ascii "bad R14"
bad_x15: .ascii "bad X15"
    .p2align 3
forty_two: .quad 42
    .bss
saved_g: .quad 0
    .text
    .globl rgo.main
    .type rgo.main, @function
/* rgo.main: Entry R14 = goroutine; panics, so never exits. */
rgo.main:
    mov qword ptr [rip + saved_g], r14
    sub rsp, 8
    lea rdi, [rip + e_type]
    lea rsi, [rip + forty_two]
    call rgo_gopanic
    ud2

/* func (E) Error() string                                    [ABIInternal]
 * Entry: RAX = receiver word (a pointer to the E), R14 = goroutine,
 *        X15 = 0.
 * Exit:  RAX = string data, RBX = string length; RCX RDX R8 clobbered. */
e_error:
    lea rcx, [rip + bad_recv]
    mov edx, 12
    cmp qword ptr [rax], 42
    jne 1f
    lea rcx, [rip + bad_g]
    mov edx, 7
    cmp r14, qword ptr [rip + saved_g]
    jne 1f
    lea rcx, [rip + bad_x15]
    movq r8, xmm15
    test r8, r8
    jnz 1f
    lea rcx, [rip + ok_msg]
    mov edx, 10
1:  mov rax, rcx
    mov rbx, rdx
    ret
    .section .note.GNU-stack, "", @progbits
"#;

#[test]
fn runtime_panics_through_an_error_method() {
    let dir = tempdir();
    let exe = link_asm(dir.path(), "panic_error", PANIC_ERROR);
    expect(
        &mut Command::new(&exe),
        2,
        "panic: E.Error ok\n\ngoroutine 1 [running]:\n",
    );
}

/// `rgo.main` loading from `addr + 8` (at the global label `fault_here`):
/// the runtime's fault handler reports the fault as Go does.
fn fault_program(addr: u64) -> String {
    format!(
        r#"
    .intel_syntax noprefix
    .text
    .globl rgo.main
    .type rgo.main, @function
rgo.main:
    mov rax, {addr}
    .globl fault_here
fault_here:
    mov rax, qword ptr [rax + 8]
    ret
    .section .note.GNU-stack, "", @progbits
"#
    )
}

/// The address of the symbol `name` in `exe`, from `nm`.
fn symbol(exe: &Path, name: &str) -> u64 {
    let out = Command::new("nm").arg(exe).output().expect("run nm");
    let table = text(&out.stdout);
    let line =
        table.lines().find(|l| l.ends_with(&format!(" {name}"))).unwrap_or_else(|| panic!("{name} not in {table}"));
    u64::from_str_radix(line.split(' ').next().unwrap(), 16).unwrap()
}

#[test]
fn nil_dereference_is_a_runtime_error() {
    let dir = tempdir();
    let exe = link_asm(dir.path(), "nil", &fault_program(0));
    let pc = symbol(&exe, "fault_here");
    expect(
        &mut Command::new(&exe),
        2,
        &format!(
            "panic: runtime error: invalid memory address or nil pointer dereference\n\
             [signal SIGSEGV: segmentation violation code=0x1 addr=0x8 pc={pc:#x}]\n\
             \ngoroutine 1 [running]:\n"
        ),
    );
}

#[test]
fn wild_pointer_is_an_unexpected_fault() {
    let dir = tempdir();
    let exe = link_asm(dir.path(), "wild", &fault_program(0xdead_0000));
    let pc = symbol(&exe, "fault_here");
    expect(
        &mut Command::new(&exe),
        2,
        &format!(
            "unexpected fault address 0xdead0008\nfatal error: fault\n\
             [signal SIGSEGV: segmentation violation code=0x1 addr=0xdead0008 pc={pc:#x}]\n\
             \ngoroutine 1 [running]:\n"
        ),
    );
}

/// Builds `src` as `prog.go` in a fresh directory; returns (exit status,
/// stderr).
fn build_source(src: &str) -> (Option<i32>, String) {
    let out = build_file("prog.go", src, &[]);
    (out.status.code(), text(&out.stderr))
}

/// Invalid Go whose one diagnostic is `prog.go:LINE:COL: MESSAGE`.
fn rejects(src: &str, want: &str) {
    let (status, err) = build_source(src);
    assert_eq!(status, Some(1), "{src}\n{err}");
    assert_eq!(err, format!("prog.go:{want}\n"), "{src}");
}

/// Types that contain themselves by value (test/fixedbugs/bug215.go,
/// issue8507.go, issue22904.go) are rejected, not recursed into forever.
#[test]
fn invalid_recursive_types_are_rejected() {
    // gc's report: at the cycle's first type in the source, then the way round.
    let cycle = |at: &str, way: &[&str]| {
        let mut s = format!("{at}: invalid recursive type {}", way[0].rsplit(' ').next().unwrap());
        for w in way {
            s += &format!("\n\tprog.go:{w} refers to");
        }
        s + &format!("\n\tprog.go:{}", way[0])
    };
    rejects("package main\ntype A struct{ a A }\nfunc (a A) bar() {}\nfunc main() { new(A).bar() }\n", &cycle("2:6", &["2:6: A"]));
    rejects("package main\ntype T struct{ T }\nfunc main() { println(T{} == T{}) }\n", &cycle("2:6", &["2:6: T"]));
    rejects("package main\ntype a struct{ b }\ntype b struct{ a }\nvar x interface{}\nfunc main() { x = a{} }\n", &cycle("2:6", &["2:6: a", "3:6: b"]));
    rejects("package main\ntype T [1]T\nfunc g() (t T) { return }\nfunc main() { g() }\n", &cycle("2:6", &["2:6: T"]));
    rejects("package main\ntype T struct{ a [2]U }\ntype U struct{ b T }\nfunc main() { var t T; _ = t }\n", &cycle("2:6", &["2:6: T", "3:6: U"]));
    rejects("package main\ntype T struct{ x [0]T }\nfunc main() {}\n", &cycle("2:6", &["2:6: T"]));
    rejects("package main\nfunc main() {\n\ttype T struct{ x [1]T }\n\tvar t T\n\t_ = t\n}\n", &cycle("3:7", &["3:7: T"]));
    // Through an interface's embedded interfaces (an alias is not on the way).
    rejects("package main\ntype I1 = interface{ I2 }\ntype I2 interface{ I1 }\nfunc main() {}\n", &cycle("3:6", &["3:6: I2"]));
}

/// Inputs found by fuzzing that made the checker panic, now diagnosed as
/// gc diagnoses them.
#[test]
fn fuzz_findings_are_diagnosed() {
    rejects(
        "package main\nfunc main() { var c complex128; _ = float64(c) }\n",
        "2:45: cannot convert c (variable of type complex128) to type float64",
    );
    rejects(
        "package main\nfunc main() { var x float32; _ = complex64(x) }\n",
        "2:44: cannot convert x (variable of type float32) to type complex64",
    );
    rejects("package main\nfunc g(a int) {}\nfunc g() {}\nfunc main() {}\n", "3:6: g redeclared in this block\n\tprog.go:2:6: other declaration of g");
    rejects("package main\nfunc main() {\nL:\n\tgoto L\nL:\n}\n", "5:1: label L already defined at prog.go:3:1");
    // gc's linker limit (test/fixedbugs/issue9862.go), at the variable.
    rejects(
        "package main\nvar a [1 << 31]byte\nfunc main() { println(a[0]) }\n",
        "2:5: main.a: symbol too large (2147483648 bytes > 2000000000 bytes)",
    );
}

/// A frame the backend cannot lay out is reported at the function, as a
/// Go error, not as a positionless backend message.
#[test]
fn backend_errors_have_positions() {
    let mut src = String::from("package main\n\nfunc main() {\n");
    for i in 0..120 {
        src += &format!("\tvar a{i} [9 << 20]byte\n\ta{i}[1] = 1\n");
    }
    src += "}\n";
    let (status, err) = build_source(&src);
    assert_eq!(status, Some(1), "{err}");
    assert!(err.starts_with("prog.go:3:6: ") && err.lines().count() == 1, "{err}");
}

/// Each level of nested func literals used to double the checker's work
/// (24 levels took 27 s); 40 levels must build at once.
#[test]
fn nested_func_literals_are_linear() {
    let n = 40;
    let mut src = String::from("package main\n\nfunc main() {\n\tx := 0\n");
    for i in 0..n {
        src += if i % 2 == 0 { "\tfunc() {\n" } else { "\tdefer func() {\n" };
    }
    src += "\tx++\n";
    for _ in 0..n {
        src += "\t}()\n";
    }
    src += "\tprintln(x)\n}\n";
    let dir = tempdir();
    std::fs::write(dir.path().join("prog.go"), &src).unwrap();
    // No clock: doubling per level would be 2^40 times the work, which
    // never finishes within the test harness's time limit.
    let out = rgo().current_dir(dir.path()).args(["build", "-o", "prog", "prog.go"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    expect(&mut Command::new(dir.path().join("prog")), 0, "1\n");
}

/// The standard library's export data is kept in the build cache: a second
/// build reads it instead of checking GOROOT's packages again, and reports
/// what the first reported (types, positions and all); damaged entries are
/// ignored and written again.
#[test]
fn checked_packages_are_cached() {
    let dir = tempdir();
    let cache = dir.path().join("cache");
    let src = "package main\n\nimport (\n\t\"fmt\"\n\t\"io\"\n\t\"strings\"\n)\n\n\
               var _ io.Reader = strings.NewReader(\"\")\n\nvar _ io.Writer = strings.NewReader(\"\")\n\n\
               func main() { fmt.Println(strings.ToUpper(\"ok\")); fmt.Printl() }\n";
    std::fs::write(dir.path().join("prog.go"), src).unwrap();
    let build = || {
        let out = rgo().current_dir(dir.path()).env("GOCACHE", &cache).args(["build", "-o", "prog", "prog.go"]).output().unwrap();
        (out.status.code(), text(&out.stderr))
    };
    let want = "prog.go:11:19: cannot use strings.NewReader(\"\") (value of type *strings.Reader) as type io.Writer in variable declaration:\n\
                \t*strings.Reader does not implement io.Writer (missing Write method)\n\
                prog.go:13:55: undefined: fmt.Printl\n";
    let entries = || walk(&cache.join("types"));
    assert_eq!(build(), (Some(1), want.to_string()));
    let written = entries();
    assert!(written.len() > 10, "{} entries", written.len());
    let sizes: Vec<u64> = written.iter().map(|f| std::fs::metadata(f).unwrap().len()).collect();
    assert_eq!(build(), (Some(1), want.to_string()), "from the cache");
    for f in &written {
        let mut b = std::fs::read(f).unwrap();
        let n = b.len();
        b.truncate(n / 2);
        std::fs::write(f, b).unwrap();
    }
    assert_eq!(build(), (Some(1), want.to_string()), "with damaged entries");
    let rewritten: Vec<u64> = written.iter().map(|f| std::fs::metadata(f).unwrap().len()).collect();
    assert_eq!(rewritten, sizes, "damaged entries are written again");
    assert_eq!(build(), (Some(1), want.to_string()), "from the rewritten entries");
}

/// The new checker reads a package GOROOT lacks from rgo's own library
/// (`runtime/volatile`), as the old checker compiles it.
#[test]
fn the_new_checker_reads_rgos_own_packages() {
    let dir = tempdir();
    let prog = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs/lib_volatile.go");
    let out = rgo().current_dir(dir.path()).env("GOCACHE", dir.path().join("cache")).arg("run").arg(&prog).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), std::fs::read_to_string(prog.with_extension("out")).unwrap());
    let src = "package main\n\nimport \"runtime/volatile\"\n\nfunc main() {\n\tvar r volatile.Register8\n\tr.Set(300)\n}\n";
    std::fs::write(dir.path().join("bad.go"), src).unwrap();
    let out = rgo().current_dir(dir.path()).env("GOCACHE", dir.path().join("cache")).args(["build", "bad.go"]).output().unwrap();
    assert_eq!(text(&out.stderr), "bad.go:7:8: cannot use 300 (untyped int constant) as uint8 value in argument to r.Set (overflows)\n");
}

/// Every file under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Closures are named as gc names them (what perf, gdb and nm show): a
/// literal in a declared function is `outer.funcN`, one in a literal
/// `outer.N`, one in a package-level initialiser `pkg.glob..funcN`. The
/// names of nested literals grow with their depth; each is written a fixed
/// number of times, and the function's own labels are assembler-local.
#[test]
fn closures_are_named_as_gc_names_them() {
    let src = "package main\n\ntype T struct{}\n\nfunc (T) M() func() { return func() { func() {}() } }\n\n\
               var h = func() func() { return func() {} }\n\n\
               func main() {\n\tf := func() { func() {}(); func() {}() }\n\tf()\n\tT{}.M()()\n\th()()\n}\n";
    let dir = tempdir();
    std::fs::write(dir.path().join("prog.go"), src).unwrap();
    let out = rgo().current_dir(dir.path()).args(["build", "-S", "-o", "prog.s", "prog.go"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let asm = std::fs::read_to_string(dir.path().join("prog.s")).unwrap();
    for name in ["main.main.func1", "main.main.func1.1", "main.main.func1.2", "main.T.M.func1", "main.T.M.func1.1", "main.glob..func1", "main.glob..func1.1"] {
        assert!(asm.lines().any(|l| l == format!("{name}:")), "no function {name} in:\n{asm}");
        let uses = asm.matches(&format!("{name}\n")).count() + asm.matches(&format!("{name},")).count() + asm.matches(&format!("{name}:")).count();
        assert!(uses <= 6, "{name} written {uses} times");
    }
    let out = rgo().current_dir(dir.path()).args(["run", "prog.go"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// Indexing loops lose their bounds checks where the loop proves them
/// needless (check/bounds.rs), and keep them where the body changes the
/// slice; `bounds_loops.go` of the e2e programs checks what each prints.
#[test]
fn loops_drop_bounds_checks_they_prove() {
    let src = "package main\n\n//go:noinline\nfunc sum(s []int) (t int) {\n\tfor i := range s {\n\t\tt += s[i]\n\t}\n\treturn\n}\n\n\
               //go:noinline\nfunc sum3(s string) (t int) {\n\tfor i := 0; i < len(s); i++ {\n\t\tt += int(s[i])\n\t}\n\treturn\n}\n\n\
               //go:noinline\nfunc nb(s []int) (t int) {\n\tfor i := 1; i < len(s)-1; i++ {\n\t\tt += s[i-1] + s[i+1]\n\t}\n\treturn\n}\n\n\
               //go:noinline\nfunc ins(a []int) {\n\tfor i := 1; i < len(a); i++ {\n\t\tfor j := i; j > 0 && a[j] < a[j-1]; j-- {\n\t\t\ta[j], a[j-1] = a[j-1], a[j]\n\t\t}\n\t}\n}\n\n\
               //go:noinline\nfunc past(s []int) (t int) {\n\tfor i := 1; i < len(s)-1; i++ {\n\t\tt += s[i+2]\n\t}\n\treturn\n}\n\n\
               //go:noinline\nfunc shrink(s []int) (t int) {\n\tfor i := range s {\n\t\tt += s[i]\n\t\ts = s[:0]\n\t}\n\treturn\n}\n\n\
               func main() { println(sum(nil), sum3(\"\"), nb(nil), past(nil), shrink(nil)); ins(nil) }\n";
    let dir = tempdir();
    std::fs::write(dir.path().join("prog.go"), src).unwrap();
    let out = rgo().current_dir(dir.path()).args(["build", "-S", "-o", "prog.s", "prog.go"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let asm = std::fs::read_to_string(dir.path().join("prog.s")).unwrap();
    let body = |name: &str| -> String {
        let start = asm.find(&format!("\n{name}:\n")).unwrap_or_else(|| panic!("no {name} in:\n{asm}"));
        let rest = &asm[start + name.len() + 3..];
        rest[..rest.find("\nmain.").unwrap_or(rest.len())].to_string()
    };
    for f in ["main.sum", "main.sum3", "main.nb", "main.ins"] {
        assert!(!body(f).contains("rgo_panic_index"), "{f} checks its index:\n{}", body(f));
    }
    for f in ["main.shrink", "main.past"] {
        assert!(body(f).contains("rgo_panic_index"), "{f} lost its check:\n{}", body(f));
    }
}

/// Built-in functions proper must be called (gc 1.19's wording); the
/// library functions rgo provides intrinsically are ordinary func values
/// (`toolchain/tests/programs/func_values.go`).
#[test]
fn builtins_must_be_called() {
    rejects("package main\n\nfunc main() {\n\tf := len\n\t_ = f\n}\n", "4:7: len (built-in) must be called");
    rejects(
        "package main\n\nimport \"unsafe\"\n\nvar v = unsafe.Sizeof\n\nfunc main() {}\n",
        "5:9: unsafe.Sizeof (built-in) must be called",
    );
}

/// `type B A` met while A's struct is being resolved is settled later;
/// holding B by value in A is still an invalid recursive type, reported
/// through the declarations as written (A refers to B, B to A).
#[test]
fn recursive_type_through_a_named_declaration() {
    rejects(
        "package main\n\ntype A struct{ b B }\n\ntype B A\n\nfunc main() {}\n",
        "3:6: invalid recursive type A\n\tprog.go:3:6: A refers to\n\tprog.go:5:6: B refers to\n\tprog.go:3:6: A",
    );
}

/// Valid Go rgo cannot build stops at an honest `does not support`, at the
/// line of the construct: an interface holding itself by structure
/// (test/fixedbugs/bug398.go, issue16369.go).
#[test]
fn unsupported_recursive_interfaces() {
    let cases = [
        ("type I interface {\n\tF() interface{ I }\n}\n", "r.go:4:17: rgo does not support interfaces that embed themselves"),
        ("type T interface {\n\tM(interface {\n\t\tT\n\t})\n}\n", "r.go:5:3: rgo does not support interfaces that embed themselves"),
        // Invalid Go: embedded in itself through embeddings only (bug251).
        ("type I1 interface {\n\tm() I2\n\tI2\n}\n\ntype I2 interface {\n\tI1\n}\n", "r.go:3:6: invalid recursive type I1"),
        // A blank field is named by no key (issue19482).
        ("type T struct{ _ string }\n\nvar _ = T{_: \"x\"}\n", "r.go:5:11: unknown field '_' in struct literal of type T"),
    ];
    for (decls, want) in cases {
        let dir = tempdir();
        std::fs::write(dir.path().join("r.go"), format!("package main\n\n{decls}\nfunc main() {{}}\n")).unwrap();
        let out = rgo().current_dir(dir.path()).args(["build", "-o", "r", "r.go"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        assert!(text(&out.stderr).starts_with(want), "{decls}: {}", text(&out.stderr));
    }
}

/// Builds and runs a generated program; its output must be `want`.
fn builds_and_prints(src: &str, want: &str) {
    let dir = tempdir();
    std::fs::write(dir.path().join("prog.go"), src).unwrap();
    let out = rgo().current_dir(dir.path()).args(["build", "-o", "prog", "prog.go"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    expect(&mut Command::new(dir.path().join("prog")), 0, want);
}

/// A blank function and a blank variable with a non-constant initialiser
/// got one symbol (`main._.1`), and the assembler refused the program
/// (found by fuzzing the front end).
#[test]
fn blank_functions_and_variables_have_symbols_of_their_own() {
    builds_and_prints(
        "package main\n\ntype T struct{}\n\nvar _ = 'a' + 1.5i\n\ntype T2 struct{}\n\nfunc main() { println(\"ok\") }\n\nfunc _() {}\n\nfunc _() {}\n",
        "ok\n",
    );
}

/// Valid Go that gc builds and rgo stopped at "expression nested too
/// deeply": a left-nested chain of 100,000 operands (constant and not) and
/// a slice type 10,000 levels deep. Neither may overflow a stack.
#[test]
fn deep_nesting_builds() {
    let n = 100_000;
    let terms: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
    let src = format!(
        "package main\n\nfunc main() {{\n\tx := {}\n\tprintln(x)\n\ty := 0\n\tz := y{} + 1\n\tprintln(z, y == 0{})\n}}\n",
        terms.join(" + "),
        " + y".repeat(n),
        " && y < 1".repeat(n / 5)
    );
    builds_and_prints(&src, "5000050000\n1 true\n");
    let d = 10_000;
    let t = format!("{}int", "[]".repeat(d));
    let src = format!("package main\n\nvar x {t}\n\nfunc main() {{\n\ty := {t}{{}}\n\tprintln(len(x), len(y), x == nil)\n}}\n");
    builds_and_prints(&src, "0 0 true\n");
}

/// An untyped constant shifted by a non-constant count takes the type of
/// its context, which must then be an integer type (gc's message).
#[test]
fn untyped_shift_in_a_non_integer_context() {
    rejects(
        "package main\n\nvar s uint = 3\n\nvar f float64 = 1 << s\n\nfunc main() {}\n",
        "5:17: invalid operation: 1 << s (shift of type float64)",
    );
    rejects(
        "package main\n\nfunc main() {\n\ts := uint(10)\n\t_ = string(1 << s)\n}\n",
        "5:13: invalid operation: 1 << s (shift of type string)",
    );
}

/// An imaginary constant past what complex constants hold exactly is an
/// honest "not supported" (test/fixedbugs/issue11674.go), not a wrong value
/// or a diagnostic gc does not give.
#[test]
fn tiny_imaginary_constants_are_not_supported() {
    rejects(
        "package main\n\nconst c = 1e-1000i\n\nfunc main() { println(imag(c) == 0) }\n",
        "3:11: rgo does not support imaginary constants beyond the exact range (1e-1000i) yet",
    );
}

/// Comparisons follow assignability (a bidirectional channel compares with
/// a directional one; an interface only with comparable values, in `==` as
/// in switch cases), `&&` of untyped operands stays untyped, `len` of an
/// array expression with a call is not constant, a shift beside an untyped
/// float constant shifts a float64, and `//go:notinheap` types take no
/// pointers converted from other types (test/cmp6.go, test/fixedbugs/
/// issue6671.go, issue11737.go, issue4097.go, issue4545.go,
/// test/typeparam/mdempsky/11.go).
#[test]
fn comparisons_untyped_results_and_conversions() {
    let src = "package main\n\
\n\
import \"fmt\"\n\
\n\
type mybool bool\n\
\n\
//go:notinheap\n\
type nih struct{}\n\
\n\
var s [][10]int\n\
\n\
const m = len(s[len(s)-1])\n\
\n\
func g() {}\n\
\n\
func main() {\n\
\tvar b mybool\n\
\tvar x, y int\n\
\tb = x < y && x < y\n\
\tb = bool(true) && true\n\
\tvar c1 chan<- int\n\
\tvar c3 chan int\n\
\tvar i interface{}\n\
\tvar f []int\n\
\t_, _ = c1 == c3, c3 == c1\n\
\t_ = i == f\n\
\tswitch i {\n\
\tcase g:\n\
\t}\n\
\tvar n uint\n\
\tfmt.Println(b, 1.0+1<<n)\n\
\t_ = (*nih)(new(struct{}))\n\
}\n";
    expect_errors(
        src,
        &[
            "bad.go:12:11: len(s[len(s) - 1]) (value of type int) is not constant",
            "bad.go:20:6: cannot use bool(true) && true (constant true of type bool) as type mybool in assignment",
            "bad.go:26:11: invalid operation: i == f (slice can only be compared to nil)",
            "bad.go:28:7: invalid case g in switch on i (func can only be compared to nil)",
            "bad.go:31:21: invalid operation: 1 << n (shift of type float64)",
        ],
    );
}

/// The valid side of the rules above: channels of either direction compare,
/// untyped `&&` assigns to a defined bool type, `len` of an array with no
/// call is constant and with a call still makes the call.
#[test]
fn comparisons_untyped_results_and_array_lengths_build() {
    let src = "package main\n\
\n\
type mybool bool\n\
\n\
func f() [3]int { println(\"f\"); return [3]int{} }\n\
\n\
var a [4][5]int\n\
\n\
func main() {\n\
\tvar c1 chan<- int\n\
\tvar c3 chan int\n\
\tprintln(c1 == c3, c3 == c1)\n\
\tvar x, y = 1, 2\n\
\tvar b mybool = x < y && x < y\n\
\tb = true && x > y || b\n\
\tvar i interface{} = 3\n\
\tprintln(b, i == 3, 3 == i)\n\
\tvar j int\n\
\tconst k = len(a[j])\n\
\tprintln(k, len(f()), cap(&a))\n\
}\n";
    builds_and_prints(src, "true true\ntrue true true\nf\n5 3 4\n");
}

/// gc's 1 GB limit on a stack frame, counted as gc lays frames out: an
/// array copied for `range`, call results passed on to a call (in a func
/// literal too) or indexed, a large parameter; not a large variable, which
/// lives on the heap (test/fixedbugs/issue20780.go, issue22200.go,
/// issue22200b.go, issue25507.go). The lines and numbers are gc's.
#[test]
fn stack_frame_too_large() {
    let src = "package main\n\
\n\
type Big = [400e6]byte\n\
\n\
type large struct{ b [1500000000]byte }\n\
\n\
func f1(x *[1<<30 - 1e6]byte) byte {\n\
\tfor _, b := range *x {\n\
\t\treturn b\n\
\t}\n\
\treturn 0\n\
}\n\
\n\
func f2(x *[1<<30 + 1e6]byte) byte {\n\
\tfor _, b := range *x {\n\
\t\treturn b\n\
\t}\n\
\treturn 0\n\
}\n\
\n\
func f3() {\n\
\tg(h(), h())\n\
}\n\
\n\
func f4() {\n\
\tvar a, b Big\n\
\tg(a, b)\n\
\tvar c Big = h()\n\
\t_ = c\n\
}\n\
\n\
func f5(x large) int {\n\
\treturn 5\n\
}\n\
\n\
func g(Big, Big) {}\n\
\n\
func h() (b Big) { return }\n\
\n\
func main() {\n\
\t_ = func() { g(h(), h()) }\n\
}\n\
\n\
func f6() byte { return h()[5] + h()[6] }\n";
    expect_errors(
        src,
        &[
            "bad.go:14:6: stack frame too large (>1GB): 1024 MB locals + 0 MB args",
            "bad.go:21:6: stack frame too large (>1GB): 762 MB locals + 0 MB args + 762 MB callee",
            "bad.go:32:6: stack frame too large (>1GB): 0 MB locals + 1430 MB args",
            "bad.go:41:6: stack frame too large (>1GB): 762 MB locals + 0 MB args + 762 MB callee",
            "bad.go:44:6: stack frame too large (>1GB): 762 MB locals + 0 MB args + 381 MB callee",
        ],
    );
}

/// Channel direction errors and results `go`/`defer` would discard, in
/// gc's words and at gc's positions.
#[test]
fn channel_and_go_statement_errors() {
    let src = "package main\n\nfunc main() {\n\ts := []int{1}\n\tgo len(s)\n\tdefer cap(s)\n\tvar c <-chan int\n\tc <- 1\n\
\tvar d chan<- int\n\t<-d\n\tclose(c)\n\tx := <-d\n\tselect {\n\tcase <-d:\n\t}\n\tfor range d {\n\t}\n\t_ = x\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:5:5: go discards result of len(s) (value of type int)",
            "bad.go:6:8: defer discards result of cap(s) (value of type int)",
            "bad.go:8:2: invalid operation: cannot send to receive-only channel c (variable of type <-chan int)",
            "bad.go:10:4: invalid operation: cannot receive from send-only channel d (variable of type chan<- int)",
            "bad.go:11:8: invalid operation: cannot close receive-only channel c (variable of type <-chan int)",
            "bad.go:12:9: invalid operation: cannot receive from send-only channel d (variable of type chan<- int)",
            "bad.go:14:9: invalid operation: cannot receive from send-only channel d (variable of type chan<- int)",
            "bad.go:16:12: cannot range over d (variable of type chan<- int) (receive from send-only channel)",
        ],
    );
}

/// Library packages written in Go: only exported names are visible, as gc
/// reports it, and a member or method Go has but rgo's package lacks is not
/// supported yet.
#[test]
fn library_package_visibility() {
    let cases = [
        ("import \"container/list\"\n\nvar _ = list.ready\n", "p.go:5:14: undefined: list.ready\n"),
        ("import \"container/list\"\n\nvar _ = list.Neu\n", "p.go:5:14: undefined: list.Neu\n"),
        (
            "import \"container/list\"\n\nfunc f(e *list.Element) any { return e.list }\n",
            "p.go:5:40: e.list undefined (type *list.Element has no field or method list)\n",
        ),
        (
            "import \"container/list\"\n\nvar _ = list.Element{next: nil}\n",
            "p.go:5:22: unknown field 'next' in struct literal of type list.Element\n",
        ),
        (
            "import \"container/list\"\n\nfunc f(l *list.List) { l.ready() }\n",
            "p.go:5:26: l.ready undefined (type *list.List has no field or method ready)\n",
        ),
        ("import \"sort\"\n\nvar _ = sort.insertionSort\n", "p.go:5:14: undefined: sort.insertionSort\n"),
        // Go's package has it; rgo's has not.
        ("import \"runtime\"\n\nvar _ *runtime.TypeAssertionError\n", "p.go:5:16: rgo does not support runtime.TypeAssertionError yet\n"),
    ];
    for (decls, want) in cases {
        let src = format!("package main\n\n{decls}\nfunc main() {{}}\n");
        assert_eq!(build_fails("p.go", &src), want, "{src}");
    }
}

/// The collector's record of `sym` in the listing `asm` (`go.gcfuncs`,
/// `RGO_GCFUNC_*`, when `func`, else `go.gcglobals`, `RGO_GCGLOBAL_*`):
/// the bytes between the addresses and the bitmap's bytes.
fn gc_record(asm: &str, sym: &str, func: bool) -> (Vec<u8>, Vec<u8>) {
    let lines: Vec<&str> = asm.lines().map(str::trim).collect();
    let (start, end) = if func { func_labels(&lines, sym) } else { (format!(".quad {sym}"), String::new()) };
    let at = (0..lines.len())
        .find(|&i| lines[i] == start && (!func || lines.get(i + 1) == Some(&end.as_str())))
        .unwrap_or_else(|| panic!("no record of {sym}"));
    let at = if func { at + 2 } else { at + 1 };
    let bytes = |l: &str| -> Vec<u8> {
        if let Some(n) = l.strip_prefix(".zero ") {
            return vec![0; n.parse().unwrap()];
        }
        l.strip_prefix(".byte ").unwrap_or_else(|| panic!("not data: {l}")).split(", ").map(|b| b.parse().unwrap()).collect()
    };
    let fields = bytes(lines[at]);
    let bits = lines[at + 1].strip_prefix(".quad ").unwrap();
    let def = lines.iter().position(|l| *l == format!("{bits}:")).expect("bitmap symbol");
    let mut map = vec![];
    for l in &lines[def + 1..] {
        if !l.starts_with(".byte") && !l.starts_with(".zero") {
            break;
        }
        map.extend(bytes(l));
    }
    (fields, map)
}

/// How a function's record in `go.gcfuncs` starts: the `.quad` lines of
/// the assembler-local labels at the function's first and last byte.
fn func_labels(lines: &[&str], func: &str) -> (String, String) {
    let at = lines.iter().position(|l| *l == format!("{func}:")).unwrap_or_else(|| panic!("no function {func}"));
    let begin = lines[at + 1].strip_suffix(':').filter(|l| l.ends_with("_begin")).unwrap_or_else(|| panic!("no label after {func}"));
    let end = begin.replace("_begin", "_end");
    (format!(".quad {begin}"), format!(".quad {end}"))
}

/// A function's record: frame size, incoming words described, bitmap.
fn gc_func(asm: &str, func: &str) -> (u32, u32, Vec<u8>) {
    let (f, map) = gc_record(asm, func, true);
    let word = |o: usize| u32::from_le_bytes(f[o..o + 4].try_into().unwrap());
    (word(0), word(4), map)
}

/// A function's safepoint bitmaps (one pair per call, in code order: the
/// words live after the call, and during it).
fn gc_safepoints(asm: &str, func: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
    let lines: Vec<&str> = asm.lines().map(str::trim).collect();
    let (start, end) = func_labels(&lines, func);
    let at = (0..lines.len()).find(|&i| lines[i] == start && lines.get(i + 1) == Some(&end.as_str())).expect("record");
    // start, end, sizes, bitmap, the safepoint count, the safepoints.
    let safe = lines[at + 5].strip_prefix(".quad ").unwrap_or_else(|| panic!("no safepoints: {}", lines[at + 5]));
    let def = lines.iter().position(|l| *l == format!("{safe}:")).expect("safepoint records");
    let bitmap = |sym: &str| -> Vec<u8> {
        let def = lines.iter().position(|l| *l == format!("{sym}:")).expect("bitmap symbol");
        let mut map = vec![];
        for l in &lines[def + 1..] {
            if let Some(n) = l.strip_prefix(".zero ") {
                map.extend(vec![0; n.parse().unwrap()]);
            } else if let Some(b) = l.strip_prefix(".byte ") {
                map.extend(b.split(", ").map(|b| b.parse::<u8>().unwrap()));
            } else {
                break;
            }
        }
        map
    };
    let mut out = vec![];
    let mut i = def + 1;
    while let Some(pc) = lines[i].strip_prefix(".quad .L") {
        assert!(pc.contains("_sp"), "{pc}");
        let after = bitmap(lines[i + 1].strip_prefix(".quad ").unwrap());
        out.push((after, bitmap(lines[i + 2].strip_prefix(".quad ").unwrap())));
        i += 3;
    }
    out
}

/// Each call has the frame bitmap of what is live there: a pointer
/// temporary read by one call is not scanned at a later one, so the object
/// it held can be collected (its finalizer runs) while the function goes on.
#[test]
fn gc_safepoints_per_call() {
    let src = "package main\n\nimport \"runtime\"\n\n\
        type T struct{ a [4]int }\n\nvar finalized int\n\n\
        func use(p *T) int { return p.a[0] }\n\nvar useFn = use\n\n//go:noinline\nfunc work() {}\n\n\
        //go:noinline\nfunc f() int {\n\tp := new(T)\n\tn := useFn(p)\n\twork()\n\treturn n\n}\n\n\
        func main() {\n\tprintln(f())\n\t\
        runtime.SetFinalizer(new(T), func(*T) { finalized++ })\n\t\
        runtime.GC()\n\truntime.GC()\n\tprintln(finalized)\n}\n";
    let dir = tempdir();
    std::fs::write(dir.path().join("sp.go"), src).unwrap();
    let host = rgo_targets::host().expect("a supported host").name;
    let out = rgo().current_dir(dir.path()).args(["build", "--target", host, "-S", "-o", "sp.s", "sp.go"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let asm = std::fs::read_to_string(dir.path().join("sp.s")).unwrap();
    // f: new(T), useFn(p), work(). p is live during the first two (the
    // call reads it, and holds it alone while use runs in its own frame),
    // at work() no pointer is. (Through a func value, escape analysis
    // cannot see that use keeps nothing: T is on the heap, a call.)
    let sp = gc_safepoints(&asm, "main.f");
    assert_eq!(sp.len(), 3, "{sp:?}");
    let zero = |m: &[u8]| m.iter().all(|&b| b == 0);
    assert!(!zero(&sp[1].1), "{sp:?}");
    assert!(zero(&sp[1].0), "{sp:?}");
    assert!(zero(&sp[2].0) && zero(&sp[2].1), "{sp:?}");
    // The temporary holding main's second new(T) is dead once
    // SetFinalizer has it: the collection finds the object unreachable.
    let run = rgo().current_dir(dir.path()).args(["run", "sp.go"]).output().unwrap();
    assert_eq!(text(&run.stderr), "0\n1\n");
}

/// `go.gcfuncs` describes each function's frame exactly: pointer
/// parameters, results, locals and temporaries are marked, integers are
/// not; a stack-assigned parameter is described in the incoming area. The
/// prologue zeroes the pointer words that are not parameters.
/// `go.gcglobals` lists the package variables that can hold pointers.
#[test]
fn gc_tables_mark_pointer_words() {
    let src = "package main\n\n//go:noinline\nfunc f(q *int, n int) (*int, int) {\n\tvar p *int\n\tvar i int\n\tp = q\n\ti = n\n\treturn p, i\n}\n\n\
        //go:noinline\nfunc nop() {}\n\n\
        //go:noinline\nfunc f2(q *int, n int) (*int, int) {\n\tvar p *int\n\tvar i int\n\tif n > 0 {\n\t\tp = q\n\t}\n\ti = n + 1\n\tnop()\n\treturn p, i\n}\n\n\
        //go:noinline\nfunc g(a, b, c, d, e, f, h, i, j int, p *int) *int {\n\treturn p\n}\n\n\
        //go:noinline\nfunc h(k int) int {\n\tvar a [4]int\n\ta[k&3] = k\n\treturn a[k&3]\n}\n\n\
        var s struct {\n\tx int\n\te interface{}\n\tm map[int]int\n\ta [2]string\n}\n\nvar n [4]int\n\n\
        func main() {\n\tx := 7\n\tp, i := f(&x, 3)\n\tp2, i2 := f2(&x, 4)\n\ts.x = n[0]\n\tprintln(*p, i, *g(1, 2, 3, 4, 5, 6, 7, 8, 9, p), s.x, h(5), *p2, i2)\n}\n";
    let dir = tempdir();
    std::fs::write(dir.path().join("gc.go"), src).unwrap();
    let host = rgo_targets::host().expect("a supported host").name;
    let out = rgo().current_dir(dir.path()).args(["build", "--target", host, "-S", "-o", "gc.s", "gc.go"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let asm = std::fs::read_to_string(dir.path().join("gc.s")).unwrap();
    // f's slots (q, n, the two results, p, i and the two temporaries of
    // the return) all live in registers: no call or memory access needs
    // their bytes, so its frame has none.
    assert_eq!(gc_func(&asm, "main.f"), (0, 0, vec![]));
    // In f2, p and i live across the call: they alone have bytes, one
    // word each, the pointer p at word 0, which the prologue zeroes. The
    // results leave from registers: a frame stopped at a fault keeps
    // nothing.
    assert_eq!(gc_func(&asm, "main.f2"), (16, 0, vec![0]));
    if host == "linux/amd64" {
        let start = asm.find("\nmain.f2:").unwrap();
        let body = &asm[start..start + asm[start..].find(".cfi_endproc").unwrap()];
        assert!(body.contains("mov qword ptr [rsp], 0"), "word 0 zeroed:\n{body}");
    }
    // g reads only p, in the caller's area (incoming word 0, bit 0 after
    // no frame bits): its integers, never read, have no bytes, and the
    // result leaves from a register.
    let (size, args, map) = gc_func(&asm, "main.g");
    assert_eq!((size, args), (0, 1));
    assert_eq!(map, vec![0b1]);
    // h's element addresses point into its own frame: nothing to scan.
    let (_, _, map) = gc_func(&asm, "main.h");
    assert!(map.iter().all(|&b| b == 0), "{map:?}");
    // s: x, e (type word, data word), m, a (two strings of two words):
    // seven words, pointers at 2, 3, 4 and 6. n holds none: no record.
    let (words, map) = gc_record(&asm, "main.s", false);
    assert_eq!((words, map), (vec![7, 0, 0, 0, 0, 0, 0, 0], vec![0b0101_1100]));
    assert!(!asm.contains(".quad main.n\n"));
    // The entry hands the tables to the runtime before package init.
    let entry = asm.find("\nrgo.main:").expect("entry function");
    let tables = asm[entry..].find("rgo_gc_tables").expect("rgo_gc_tables call");
    assert!(tables < asm[entry..].find("main.init").unwrap());
    // And the program runs with them.
    let run = rgo().current_dir(dir.path()).args(["run", "gc.go"]).output().unwrap();
    assert_eq!(text(&run.stderr), "7 3 7 0 5 7 5\n");
}

/// The symbols an archive defines (`nm --defined-only`), one per line.
fn defined_symbols(archive: &Path) -> Vec<String> {
    let out = Command::new("nm").arg("--defined-only").arg(archive).output().expect("run nm");
    assert!(out.status.success(), "nm: {}", text(&out.stderr));
    text(&out.stdout).lines().filter_map(|l| l.split_whitespace().nth(2).map(str::to_string)).collect()
}

/// `rgo build --lib`: an archive with the package's code, its entry
/// `rgo.libinit` and the table of its exported functions, for any package
/// name and with `func main` optional; `lib<stem>.a` by default.
#[test]
fn lib_builds_an_archive_of_the_package() {
    let dir = tempdir();
    let src = dir.path().join("calc.go");
    std::fs::write(
        &src,
        "package calc\n\nfunc Add(a, b int) int { return a + b }\n\nfunc half(x float64) float64 { return x / 2 }\n\nfunc Half(x float64) float64 { return half(x) }\n\ntype T struct{ N int }\n\nfunc (t T) Get() int { return t.N }\n",
    )
    .unwrap();
    expect(rgo().current_dir(dir.path()).args(["build", "--lib", "calc.go"]), 0, "");
    let syms = defined_symbols(&dir.path().join("libcalc.a"));
    for s in ["rgo.libinit", "go.libexports", "go.typelinks", "main.Add", "main.Add$f", "main.Half$f"] {
        assert!(syms.iter().any(|x| x == s), "{s} missing from {syms:?}");
    }
    // Only exported top-level functions get a closure for the table; no
    // program entry.
    for s in ["rgo.main", "main.half$f", "main.T.Get$f"] {
        assert!(!syms.iter().any(|x| x == s), "{s} in {syms:?}");
    }
    // The table: 4 boundary closures, the count (2: Add, Half), 2 records.
    let size = Command::new("nm").args(["-S", "--defined-only"]).arg(dir.path().join("libcalc.a")).output().unwrap();
    let line = text(&size.stdout).lines().find(|l| l.ends_with(" go.libexports")).map(str::to_string).unwrap();
    assert_eq!(u64::from_str_radix(line.split_whitespace().nth(1).unwrap(), 16).unwrap(), 8 * 5 + 32 * 2, "{line}");
    // A func main is allowed (and not called); -o names the archive.
    std::fs::write(dir.path().join("m.go"), "package main\n\nfunc main() { panic(1) }\n\nfunc F() {}\n").unwrap();
    expect(rgo().current_dir(dir.path()).args(["build", "--lib", "-o", "x.a", "m.go"]), 0, "");
    assert!(defined_symbols(&dir.path().join("x.a")).iter().any(|s| s == "main.F$f"));
}

#[test]
fn lib_errors() {
    let dir = tempdir();
    let w = |name: &str, src: &str| {
        std::fs::write(dir.path().join(name), src).unwrap();
    };
    // A program must still be package main.
    w("a.go", "package a\n\nfunc F() {}\n");
    expect(
        rgo().current_dir(dir.path()).args(["build", "a.go"]),
        1,
        "a.go:1:9: package a; expected package main (rgo builds commands only; rgo build --lib builds libraries)\n",
    );
    // The files of a library are one package.
    w("b.go", "package b\n\nfunc G() {}\n");
    expect(rgo().current_dir(dir.path()).args(["build", "--lib", "a.go", "b.go"]), 1, "b.go:1:9: package b; expected package a\n");
    // The host boundary is not for user code.
    w("c.go", "package c\n\nimport _ \"internal/rgohost\"\n");
    expect(
        rgo().current_dir(dir.path()).args(["build", "--lib", "c.go"]),
        1,
        "c.go:3:8: use of internal package internal/rgohost not allowed\n",
    );
    // Type errors as for programs; no main needed.
    w("d.go", "package d\n\nfunc F() int { return \"x\" }\n");
    let out = rgo().current_dir(dir.path()).args(["build", "--lib", "d.go"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("d.go:3:23: "), "{}", text(&out.stderr));
    expect(
        rgo().current_dir(dir.path()).args(["build", "--lib", "--target", "virt-arm64", "a.go"]),
        1,
        "rgo: rgo build --lib: libraries are built for Linux targets only, not virt-arm64\n",
    );
}

/// A package of GOROOT's that rgo has none of its own for compiles from
/// its source (here a GOROOT of the test's making); what the lowering
/// cannot compile in such a package is said at the program's import that
/// brings it in (the type checker accepted it: it is rgo's limit, not the
/// program's error); a dot import of a package whose own code uses its
/// members is unused while the program uses none of them.
#[test]
fn goroot_packages_compile_from_source() {
    let dir = tempdir();
    let root = dir.path().join("goroot");
    let write = |rel: &str, src: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, src).unwrap();
    };
    write("src/fake/greet/greet.go", "package greet\n\nfunc Hello() string { return helper() + \"!\" }\n\nfunc helper() string { return \"hello\" }\n\nfunc Twice() string { return Hello() + Hello() }\n");
    write("src/fake/greet/greet_arm64.go", "package greet\n\nfunc Hello() string { return \"not for amd64\" }\n");
    write("src/fake/asm/asm.go", "package asm\n\nimport \"fake/greet\"\n\nvar Name = greet.Hello()\n\nfunc inAsm() int\n\nfunc Double() int { return 2 * inAsm() }\n");
    let build = |src: &str| {
        std::fs::write(dir.path().join("prog.go"), src).unwrap();
        rgo().current_dir(dir.path()).env("GOROOT", &root).env("GOCACHE", "off").args(["run", "prog.go"]).output().unwrap()
    };
    let out = build("package main\n\nimport \"fake/greet\"\n\nfunc main() { println(greet.Twice()) }\n");
    assert_eq!((out.status.code(), text(&out.stdout), text(&out.stderr)), (Some(0), String::new(), "hello!hello!\n".to_string()));
    let out = build("package main\n\nimport (\n\t\"fake/asm\"\n)\n\nfunc main() { println(asm.Name) }\n");
    let file = root.join("src/fake/asm/asm.go");
    let want = format!("prog.go:4:2: rgo does not support package \"fake/asm\" yet: {}:9:32: rgo does not support asm.inAsm yet\n", file.display());
    assert_eq!((out.status.code(), text(&out.stderr)), (Some(1), want));
    let out = build("package main\n\nimport . \"fake/greet\"\n\nfunc main() {}\n");
    assert_eq!((out.status.code(), text(&out.stderr)), (Some(1), "prog.go:3:8: imported and not used: \"fake/greet\"\n".to_string()));
    // A package-level name may not be one a dot import brings in.
    let out = build("package main\n\nimport . \"fake/greet\"\n\nvar Hello = Twice\n\nfunc main() {}\n");
    let want = "prog.go:5:5: Hello already declared through dot-import of package greet (\"fake/greet\")\n";
    assert_eq!((out.status.code(), text(&out.stderr)), (Some(1), want.to_string()));
}

/// Copies directory `from` into `to`, recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// A copy of the module toolchain/tests/modules/app, to change.
fn module_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    let module = dir.path().join("app");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/modules/app"), &module);
    (dir, module)
}

fn write(path: &Path, src: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, src).unwrap();
}

/// Package patterns, `rgo list`, and `rgo build` of several packages and
/// of one that is not a command, in a module.
#[test]
fn module_patterns() {
    let (_dir, m) = module_copy();
    let all = "example.com/app/cmd/app\nexample.com/app/internal/count\nexample.com/app/shapes\n";
    let out = rgo().current_dir(&m).args(["list", "./..."]).output().unwrap();
    assert_eq!((out.status.code(), text(&out.stdout), text(&out.stderr)), (Some(0), all.to_string(), String::new()));
    let out = rgo().current_dir(m.join("shapes")).args(["list"]).output().unwrap();
    assert_eq!(text(&out.stdout), "example.com/app/shapes\n");
    let out = rgo().current_dir(m.join("shapes")).args(["list", "example.com/app/...", "example.org/greet", "fmt"]).output().unwrap();
    assert_eq!(text(&out.stdout), format!("{all}example.org/greet\nfmt\n"));
    expect(rgo().current_dir(m.join("shapes")).args(["list", ".."]), 1, &format!("rgo: no Go files in {}\n", m.display()));
    // Several packages: compiled, nothing written; into a directory with -o.
    expect(rgo().current_dir(&m).args(["build", "./..."]), 0, "");
    assert!(!m.join("app").exists());
    expect(rgo().current_dir(&m).args(["build", "-o", "bin/", "./..."]), 0, "");
    assert!(m.join("bin/app").is_file());
    // One command: named after its import path.
    expect(rgo().current_dir(m.join("cmd/app")).args(["build"]), 0, "");
    assert!(m.join("cmd/app/app").is_file());
    // A package that is not a command is compiled, and may use its module's internal packages.
    expect(rgo().current_dir(&m).args(["build", "./shapes"]), 0, "");
    expect(rgo().current_dir(&m).args(["run", "./shapes"]), 1, "rgo: package example.com/app/shapes is not a main package\n");
    expect(rgo().current_dir(&m).args(["run", "./..."]), 1, "rgo: rgo run: pattern ./... matches 3 packages; run needs one main package\n");
    expect(rgo().current_dir(&m).args(["build", "./nope"]), 1, &format!("rgo: stat {}: directory not found\n", m.join("nope").display()));
    expect(rgo().current_dir(&m).args(["build", "../"]), 1, "rgo: directory ../ outside main module or its selected dependencies\n");
    expect(rgo().current_dir(&m).args(["build", "./nope/..."]), 0, "rgo: warning: \"./nope/...\" matched no packages\n");
    // A directory of test files only is a package to `list` and `test`;
    // `build` passes over it in `./...` and refuses it by name, as go does.
    write(&m.join("probe/probe_test.go"), "package probe\n\nimport \"testing\"\n\nfunc TestP(t *testing.T) {}\n");
    let out = rgo().current_dir(&m).args(["list", "./..."]).output().unwrap();
    assert_eq!(text(&out.stdout), all.replace("shapes\n", "probe\nexample.com/app/shapes\n"));
    expect(rgo().current_dir(&m).args(["build", "./..."]), 0, "");
    expect(rgo().current_dir(&m).args(["build", "./probe"]), 1, &format!("<import>:0: no non-test Go files in {}\n", m.join("probe").display()));
    // The program's arguments follow the package.
    write(&m.join("cmd/echo/main.go"), "package main\n\nimport \"os\"\n\nfunc main() { println(len(os.Args), os.Args[1]) }\n");
    expect(rgo().current_dir(&m).args(["run", "./cmd/echo", "-x"]), 0, "2 -x\n");
}

/// Errors in a module: each where it is, in the go command's words.
#[test]
fn module_errors() {
    let (_dir, m) = module_copy();
    let build = |args: &[&str]| rgo().current_dir(&m).args(args).output().unwrap();
    let shapes = m.join("shapes/shapes.go");
    let good = std::fs::read_to_string(&shapes).unwrap();
    write(&shapes, &good.replace("return r.W * r.H", "return r.W * r.H + missing"));
    let out = build(&["build", "./cmd/app"]);
    assert_eq!((out.status.code(), text(&out.stderr)), (Some(1), "shapes/shapes.go:21:71: undefined: missing\n".to_string()));
    // From inside the package: `./file.go`, as the go command shows it.
    let out = rgo().current_dir(m.join("shapes")).args(["build"]).output().unwrap();
    assert_eq!(text(&out.stderr), "./shapes.go:21:71: undefined: missing\n");
    write(&shapes, &good);
    write(&m.join("cyc/a/a.go"), "package a\n\nimport \"example.com/app/cyc/b\"\n\nvar A = b.B\n");
    write(&m.join("cyc/b/b.go"), "package b\n\nimport \"example.com/app/cyc/a\"\n\nvar B = a.A\n");
    write(
        &m.join("cmd/bad/main.go"),
        "package main\n\nimport (\n\t_ \"example.com/app/cyc/a\"\n\t_ \"example.com/app/cmd/app\"\n\t_ \"example.com/app/nope\"\n\t_ \"example.org/greet/internal/style\"\n)\n\nfunc main() {}\n",
    );
    let out = build(&["build", "./cmd/bad"]);
    let want = "cyc/b/b.go:3:8: import cycle not allowed: example.com/app/cyc/a imports example.com/app/cyc/b imports example.com/app/cyc/a
cmd/bad/main.go:5:2: import \"example.com/app/cmd/app\" is a program, not an importable package
cmd/bad/main.go:6:2: no required module provides package example.com/app/nope; to add it:
\tgo get example.com/app/nope
cmd/bad/main.go:7:2: use of internal package example.org/greet/internal/style not allowed
";
    assert_eq!((out.status.code(), text(&out.stderr)), (Some(1), want.to_string()));
    // A package of another module that vendor/ does not have.
    write(&m.join("cmd/bad/main.go"), "package main\n\nimport _ \"example.org/other\"\n\nfunc main() {}\n");
    let out = build(&["build", "./cmd/bad"]);
    let want = format!("cmd/bad/main.go:3:8: cannot find package \".\" in:\n\t{}\n", m.join("vendor/example.org/other").display());
    assert_eq!(text(&out.stderr), want);
    // vendor/modules.txt must agree with go.mod.
    write(&m.join("vendor/modules.txt"), "# example.org/greet v1.2.0\nexample.org/greet\n");
    let out = build(&["build", "./cmd/app"]);
    let want = format!(
        "rgo: inconsistent vendoring in {}:\n\texample.org/greet@v1.2.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt\n\n\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.\n\tTo sync the vendor directory, run:\n\t\tgo mod vendor\n",
        m.display()
    );
    assert_eq!(text(&out.stderr), want);
    write(&m.join("go.mod"), "module example.com/app\n\nbogus 1\n");
    let out = build(&["build", "./cmd/app"]);
    assert_eq!(text(&out.stderr), format!("rgo: errors parsing go.mod:\n{}:3: unknown directive: bogus\n", m.join("go.mod").display()));
}

/// Dependencies from the module cache (GOMODCACHE) at go.mod's versions,
/// named by go.sum, and from a local replacement directory.
#[test]
fn module_cache_and_replace() {
    let dir = tempdir();
    let cache = dir.path().join("modcache");
    write(&cache.join("example.org/!greet@v1.0.0/go.mod"), "module example.org/Greet\n\ngo 1.19\n");
    write(&cache.join("example.org/!greet@v1.0.0/greet.go"), "package greet\n\nfunc Hello() string { return \"hello from the cache\" }\n");
    write(&dir.path().join("local/go.mod"), "module example.org/local\n\ngo 1.19\n");
    write(&dir.path().join("local/local.go"), "package local\n\nconst Name = \"and from a directory\"\n");
    let app = dir.path().join("app");
    write(&app.join("go.mod"), "module example.com/app\n\ngo 1.19\n\nrequire (\n\texample.org/Greet v1.0.0\n\texample.org/local v0.0.0\n)\n\nreplace example.org/local => ../local\n");
    write(&app.join("main.go"), "package main\n\nimport (\n\t\"example.org/Greet\"\n\t\"example.org/local\"\n)\n\nfunc main() { println(greet.Hello(), local.Name) }\n");
    let run = || rgo().current_dir(&app).env("GOMODCACHE", &cache).args(["run", "."]).output().unwrap();
    let out = run();
    let want = "./main.go:4:2: missing go.sum entry for module providing package example.org/Greet; to add:\n\tgo mod download example.org/Greet\n";
    assert_eq!((out.status.code(), text(&out.stderr)), (Some(1), want.to_string()));
    write(&app.join("go.sum"), "example.org/Greet v1.0.0 h1:AAAA=\nexample.org/Greet v1.0.0/go.mod h1:BBBB=\n");
    let out = run();
    assert_eq!((out.status.code(), text(&out.stderr)), (Some(0), "hello from the cache and from a directory\n".to_string()));
    let gomod = std::fs::read_to_string(app.join("go.mod")).unwrap();
    write(&app.join("go.mod"), &gomod.replace("v1.0.0", "v1.1.0"));
    let out = run();
    let want = format!(
        "./main.go:4:2: example.org/Greet@v1.1.0: module not in the module cache ({}); rgo does not download modules: run `go mod download example.org/Greet`\n",
        cache.join("example.org/!greet@v1.1.0").display()
    );
    assert_eq!(text(&out.stderr), want);
    // `rgo env` says where things are.
    let out = rgo().current_dir(&app).env("GOMODCACHE", &cache).args(["env", "GOMOD", "GOMODCACHE", "NOSUCHVAR"]).output().unwrap();
    assert_eq!(text(&out.stdout), format!("{}\n{}\n\n", app.join("go.mod").display(), cache.display()));
    let out = rgo().current_dir(dir.path()).args(["env", "GOMOD"]).output().unwrap();
    assert_eq!(text(&out.stdout), "/dev/null\n");
    let out = rgo().arg("version").output().unwrap();
    assert!(text(&out.stdout).starts_with("rgo version "), "{}", text(&out.stdout));
}

/// A panic prints gc's traceback: each Go frame's function, the file and
/// line of its call (or of the fault) and the offset from its entry; the
/// program's generated entry is left out. A deadlock prints each parked
/// goroutine's.
#[test]
fn panics_print_a_traceback() {
    let dir = tempdir();
    let src = "package main\n\ntype T struct{ x int }\n\nfunc (t *T) get() int { return t.x }\n\nfunc f(t *T) int {\n\treturn t.get()\n}\n\nfunc main() {\n\tprintln(f(nil))\n}\n";
    std::fs::write(dir.path().join("tb.go"), src).unwrap();
    let out = rgo().current_dir(dir.path()).args(["run", "tb.go"]).output().unwrap();
    let err = text(&out.stderr);
    let file = dir.path().join("tb.go");
    let frames: Vec<String> = err.lines().skip_while(|l| !l.starts_with("goroutine 1 [running]:")).skip(1).map(|l| l.split(" +0x").next().unwrap().to_string()).collect();
    let want = ["main.(*T).get(...)", &format!("\t{}:5", file.display()), "main.f(...)", &format!("\t{}:8", file.display()), "main.main()", &format!("\t{}:12", file.display())];
    assert_eq!((out.status.code(), frames.iter().map(String::as_str).collect::<Vec<_>>()), (Some(2), want.to_vec()), "{err}");
    let src = "package main\n\nfunc wait(c chan int) {\n\t<-c\n}\n\nfunc main() {\n\tc := make(chan int)\n\tgo wait(c)\n\twait(c)\n}\n";
    std::fs::write(dir.path().join("dl.go"), src).unwrap();
    let out = rgo().current_dir(dir.path()).args(["run", "dl.go"]).output().unwrap();
    let err = text(&out.stderr);
    let file = dir.path().join("dl.go").display().to_string();
    let lines: Vec<&str> = err.lines().map(|l| l.split(" +0x").next().unwrap()).collect();
    let want = [
        "fatal error: all goroutines are asleep - deadlock!", "",
        "goroutine 1 [chan receive]:", "main.wait(...)", &format!("\t{file}:4"), "main.main()", &format!("\t{file}:10"), "",
    ];
    assert_eq!((out.status.code(), &lines[..8]), (Some(2), &want[..]), "{err}");
    // The other goroutine: its number, then the function it waits in (the
    // `go` statement's wrapper follows).
    assert!(lines[8].starts_with("goroutine ") && lines[8].ends_with(" [chan receive]:"), "{err}");
    assert_eq!(lines[9..11], ["main.wait(...)", &format!("\t{file}:4")], "{err}");
    // It ends with the `go` statement that created it.
    assert_eq!(lines[lines.len() - 2..], ["created by main.main", &format!("\t{file}:9")], "{err}");
}

/// GOTRACEBACK and debug.SetTraceback choose what a fatal panic prints
/// after its message: nothing (`none`), the failing goroutine (`single`,
/// the default) or every goroutine (`all`); SetTraceback raises the
/// environment's level, never lowers it, as gc does.
#[test]
fn traceback_levels() {
    let dir = tempdir();
    let src = "package main\n\nimport \"runtime/debug\"\n\nfunc wait(c chan int) {\n\t<-c\n}\n\nfunc main() {\n\tc := make(chan int)\n\tgo wait(c)\n\tdebug.SetTraceback(LEVEL)\n\tpanic(\"boom\")\n}\n";
    let run = |level: &str, env: Option<&str>| {
        let name = format!("tb_{}.go", level.trim_matches('"'));
        std::fs::write(dir.path().join(&name), src.replace("LEVEL", level)).unwrap();
        let mut cmd = rgo();
        cmd.current_dir(dir.path()).args(["run", &name]);
        if let Some(e) = env {
            cmd.env("GOTRACEBACK", e);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = text(&out.stderr);
        // The goroutine headers: the failing one's state, then how many
        // others (the waiting one may not have run yet: its state varies).
        let headers: Vec<&str> = err.lines().filter(|l| l.starts_with("goroutine ")).collect();
        let first = headers.first().map(|h| h.split(' ').nth(2).unwrap().to_string());
        (err.lines().next().unwrap_or("").to_string(), first, headers.len())
    };
    let boom = || "panic: boom".to_string();
    let running = || Some("[running]:".to_string());
    assert_eq!(run("\"single\"", None), (boom(), running(), 1));
    assert_eq!(run("\"all\"", None), (boom(), running(), 2));
    assert_eq!(run("\"none\"", Some("none")), (boom(), None, 0));
    // SetTraceback cannot go below the environment's level.
    assert_eq!(run("\"none\"", None), (boom(), running(), 1));
    assert_eq!(run("\"single\"", Some("all")), (boom(), running(), 2));
}

/// `-tags` as go's: on build, run, list and test (its single-dash
/// spelling too), from `GOFLAGS` when the command line has none; a
/// program's own `-tags` argument stays its own; builds with and without a
/// tag do not share what the cache keeps.
#[test]
fn build_tags_choose_files() {
    let dir = tempdir();
    let d = dir.path();
    write(&d.join("go.mod"), "module example.com/tg\n\ngo 1.19\n");
    write(&d.join("main.go"), "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\n\t\"example.com/tg/msg\"\n)\n\nfunc main() { fmt.Println(msg.Msg, os.Args[1:]) }\n");
    write(&d.join("msg/foo.go"), "//go:build foo\n\npackage msg\n\nconst Msg = \"foo\"\n");
    write(&d.join("msg/def.go"), "//go:build !foo\n\npackage msg\n\nconst Msg = \"default\"\n");
    write(&d.join("msg/msg_test.go"), "package msg\n\nimport \"testing\"\n\nfunc TestMsg(t *testing.T) {\n\tif Msg != \"foo\" {\n\t\tt.Fatal(Msg)\n\t}\n}\n");
    let run = |args: &[&str], goflags: &str| {
        let out = rgo().current_dir(d).args(args).env("GOFLAGS", goflags).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    };
    assert_eq!(run(&["run", "."], ""), "default []\n");
    assert_eq!(run(&["run", "-tags", "foo", "."], ""), "foo []\n");
    assert_eq!(run(&["run", "-tags=bar,foo", ".", "-tags", "x"], ""), "foo [-tags x]\n");
    assert_eq!(run(&["run", "--tags", "foo", "."], ""), "foo []\n");
    assert_eq!(run(&["run", "."], "-tags=foo"), "foo []\n");
    assert_eq!(run(&["run", "-tags", "", "."], "-tags=foo"), "default []\n");
    assert_eq!(run(&["run", "."], ""), "default []\n");
    run(&["build", "-o", "prog", "-tags", "foo", "."], "");
    assert_eq!(text(&Command::new(d.join("prog")).output().unwrap().stdout), "foo []\n");
    assert!(run(&["test", "-count=1", "-tags", "foo", "./msg"], "").starts_with("ok"));
    assert!(run(&["test", "-count=1", "./msg"], "-tags=foo").starts_with("ok"));
    let out = rgo().current_dir(d).args(["test", "-count=1", "./msg"]).env("GOFLAGS", "").output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
}

/// `rgo list -json`, `-f` and `-deps` as go list prints them, for a module
/// whose packages embed files (toolchain/tests/modules/embedded): go's
/// records, fields in go's order, JSON as go encodes it, text/template's
/// messages. `Deps` is what rgo builds (rgo's runtime imports other
/// packages than gc's), so only the start of the record is compared whole.
#[test]
fn list_json_templates_and_deps() {
    let module = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/modules/embedded");
    let dir = module.display().to_string();
    let list = |args: &[&str]| {
        let out = rgo().current_dir(&module).arg("list").args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    };
    let json = list(&["-json", "./assets"]);
    let head = format!(
        "{{\n\t\"Dir\": \"{dir}/assets\",\n\t\"ImportPath\": \"example.com/embedded/assets\",\n\t\"Name\": \"assets\",\n\t\"Doc\": \"Package assets embeds files of its directory: a tree with its hidden files (all:), a glob, and the same tree without them.\",\n\t\"Root\": \"{dir}\",\n\t\"Module\": {{\n\t\t\"Path\": \"example.com/embedded\",\n\t\t\"Main\": true,\n\t\t\"Dir\": \"{dir}\",\n\t\t\"GoMod\": \"{dir}/go.mod\",\n\t\t\"GoVersion\": \"1.19\"\n\t}},\n\t\"Match\": [\n\t\t\"./assets\"\n\t],\n\t\"GoFiles\": [\n\t\t\"assets.go\"\n\t],\n\t\"EmbedPatterns\": [\n\t\t\"all:static\",\n\t\t\"static\",\n\t\t\"static/index.html\",\n\t\t\"templates/*.tmpl\",\n\t\t\"templates/c.txt\"\n\t],\n\t\"EmbedFiles\": [\n\t\t\"static/.hidden\",\n\t\t\"static/_draft.txt\",\n\t\t\"static/css/site.css\",\n\t\t\"static/index.html\",\n\t\t\"templates/a.tmpl\",\n\t\t\"templates/b.tmpl\",\n\t\t\"templates/c.txt\"\n\t],\n\t\"Imports\": [\n\t\t\"embed\"\n\t],\n\t\"Deps\": [\n\t\t\"embed\",\n"
    );
    assert!(json.starts_with(&head), "{json}");
    assert!(json.ends_with("\t\t\"unsafe\"\n\t]\n}\n"), "{json}");
    assert_eq!(
        list(&["-f", "{{.ImportPath}}: {{join .EmbedFiles \",\"}}{{if .Standard}} std{{end}} {{len .Imports}} {{.Module}}", "./..."]),
        "example.com/embedded: logo.bin,version.txt 7 example.com/embedded\nexample.com/embedded/assets: static/.hidden,static/_draft.txt,static/css/site.css,static/index.html,templates/a.tmpl,templates/b.tmpl,templates/c.txt 1 example.com/embedded\n"
    );
    // -deps: each package after what it imports, the named ones last.
    let deps = list(&["-deps", "-f", "{{.ImportPath}} {{.DepOnly}} {{.Standard}}", "./assets"]);
    let lines: Vec<&str> = deps.lines().collect();
    assert_eq!(lines.last(), Some(&"example.com/embedded/assets false false"), "{deps}");
    let at = |p: &str| lines.iter().position(|l| l.starts_with(&format!("{p} "))).unwrap_or_else(|| panic!("{p} missing:\n{deps}"));
    assert!(at("io/fs") < at("embed") && at("io") < at("io/fs") && lines.contains(&"embed true true"), "{deps}");
    expect(rgo().current_dir(&module).args(["list", "-f", "{{.Foo}}", "."]), 1, "rgo: template: main:1:2: executing \"main\" at <.Foo>: can't evaluate field Foo in type *load.PackagePublic\n");
    expect(rgo().current_dir(&module).args(["list", "-f", "{{foo}}", "."]), 1, "rgo: template: main:1: function \"foo\" not defined\n");
    expect(rgo().current_dir(&module).args(["list", "-json", "-f", "{{.Dir}}", "."]), 1, "rgo: list -f cannot be used with -json\n");
}

/// `rgo install` as go install: commands to GOBIN (else GOPATH/bin), named
/// after their import path; libraries compiled only; another target's
/// commands never in GOBIN; files only with GOBIN; module versions refused
/// (nothing is downloaded). `rgo list` gives the same place as `Target`.
#[test]
fn install_commands() {
    let dir = tempdir();
    let d = dir.path();
    write(&d.join("go.mod"), "module example.com/inst\n\ngo 1.19\n");
    write(&d.join("lib.go"), "package inst\n\nfunc F() int { return 1 }\n");
    write(&d.join("cmd/hi/main.go"), "package main\n\nimport \"example.com/inst\"\n\nfunc main() { println(\"hi\", inst.F()) }\n");
    let bin = d.join("bin");
    let install = |args: &[&str], gobin: &Path| rgo().current_dir(d).env("GOBIN", gobin).env_remove("GOOS").env_remove("GOARCH").arg("install").args(args).output().unwrap();
    let out = install(&["./..."], &bin);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let run = Command::new(bin.join("hi")).output().unwrap();
    assert_eq!(text(&run.stderr), "hi 1\n");
    assert_eq!(std::fs::read_dir(&bin).unwrap().count(), 1, "only the command is installed");
    let out = rgo().current_dir(d).env("GOBIN", &bin).args(["list", "-f", "[{{.Target}}]", "./..."]).output().unwrap();
    assert_eq!(text(&out.stdout), format!("[]\n[{}]\n", bin.join("hi").display()));
    let out = install(&["--target", "linux/riscv64", "./cmd/hi"], &bin);
    assert_eq!((out.status.code(), text(&out.stderr).as_str()), (Some(1), "rgo: cannot install cross-compiled binaries when GOBIN is set\n"));
    let out = install(&["cmd/hi/main.go"], Path::new(""));
    assert_eq!(text(&out.stderr), "rgo: no install location for .go files listed on command line (GOBIN not set)\n");
    let out = install(&["example.com/tool@v1.0.0"], &bin);
    assert!(text(&out.stderr).starts_with("rgo: example.com/tool@v1.0.0: rgo install does not install module versions yet"), "{}", text(&out.stderr));
    let out = rgo().current_dir(d).env_remove("GOBIN").env("GOPATH", d.join("gp")).env_remove("GOOS").env_remove("GOARCH").args(["install", "./cmd/hi"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(d.join("gp/bin/hi").is_file());
}

/// The build information (`debug.ReadBuildInfo`, the `.go.buildinfo`
/// section `go version -m` reads) and `-ldflags`' `-X`, `-s`, as the go
/// command and gc's linker write them: a module with a dependency from the
/// module cache and one replaced by a directory, in a git repository.
/// A module `m` in `d` that requires `example.org/cached` (from the module
/// cache `d/cache`, its hash in go.sum) and `example.org/local` (replaced
/// by the directory `d/local`); each has `Name` and `Where` (its file, as
/// runtime.Caller says).
fn module_with_deps(d: &Path) -> PathBuf {
    let m = d.join("m");
    write(&m.join("go.mod"), "module example.com/stamp\n\ngo 1.19\n\nrequire (\n\texample.org/cached v1.2.3\n\texample.org/local v0.1.0\n)\n\nreplace example.org/local => ../local\n");
    write(&m.join("go.sum"), "example.org/cached v1.2.3 h1:Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm8=\nexample.org/cached v1.2.3/go.mod h1:YmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYm8=\n");
    let where_ = "import \"runtime\"\n\nfunc Where() string {\n\t_, f, _, _ := runtime.Caller(0)\n\treturn f\n}\n";
    write(&d.join("local/go.mod"), "module example.org/local\n\ngo 1.19\n");
    write(&d.join("local/local.go"), &format!("package local\n\n{where_}\nvar Name = \"local\"\n"));
    write(&d.join("cache/example.org/cached@v1.2.3/go.mod"), "module example.org/cached\n\ngo 1.19\n");
    write(&d.join("cache/example.org/cached@v1.2.3/cached.go"), &format!("package cached\n\n{where_}\nvar Name = \"cached\"\n"));
    m
}

#[test]
fn build_info_and_ldflags() {
    let dir = tempdir();
    let d = dir.path();
    let m = module_with_deps(d);
    write(
        &m.join("cmd/show/main.go"),
        "package main\n\nimport (\n\t\"example.org/cached\"\n\t\"example.org/local\"\n\t\"fmt\"\n\t\"runtime/debug\"\n)\n\n\
         var version = \"dev\"\nvar commit string\nvar count int\n\n\
         func main() {\n\tfmt.Println(cached.Name, local.Name, version, commit)\n\tbi, ok := debug.ReadBuildInfo()\n\tfmt.Print(ok, \"\\n\", bi)\n}\n",
    );
    let git = |args: &[&str]| {
        let out = Command::new("git").current_dir(&m).args(["-c", "user.email=t@example.com", "-c", "user.name=t"]).args(args).output().unwrap();
        assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "one"]);
    let rev = git(&["rev-parse", "HEAD"]);
    let build = |args: &[&str]| {
        rgo().current_dir(&m).env("GOMODCACHE", d.join("cache")).env("GOFLAGS", "-mod=mod").env_remove("GOOS").env_remove("GOARCH").arg("build").args(args).output().unwrap()
    };
    let exe = d.join("show");
    let out = build(&["-o", exe.to_str().unwrap(), "-ldflags", "-X main.version=1.2 -X 'main.commit=abc def' -X main.nothing=x", "./cmd/show"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let run = Command::new(&exe).output().unwrap();
    let goarch = match std::env::consts::ARCH {
        "x86_64" => "amd64\nbuild\tGOOS=linux\nbuild\tGOAMD64=v1",
        "aarch64" => "arm64\nbuild\tGOOS=linux",
        other => panic!("no GOARCH known for {other}"),
    };
    let info = format!(
        "path\texample.com/stamp/cmd/show\nmod\texample.com/stamp\t(devel)\t\n\
         dep\texample.org/cached\tv1.2.3\th1:Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm8=\n\
         dep\texample.org/local\tv0.1.0\n=>\t../local\t(devel)\t\n\n\
         build\t-compiler=gc\nbuild\t-ldflags=\"-X main.version=1.2 -X 'main.commit=abc def' -X main.nothing=x\"\n\
         build\tCGO_ENABLED=0\nbuild\tGOARCH={goarch}\n\
         build\tvcs=git\nbuild\tvcs.revision={}\nbuild\tvcs.time=",
        rev.trim()
    );
    let got = text(&run.stdout);
    let want_head = format!("cached local 1.2 abc def\ntrue\ngo\tgo1.19\n{info}");
    assert!(got.starts_with(&want_head), "got:\n{got}\nwant it to start with:\n{want_head}");
    assert!(got.ends_with("Z\nbuild\tvcs.modified=false\n"), "{got}");
    // The section go version -m reads: its header, the version, the
    // information between its markers, as printed.
    let bytes = std::fs::read(&exe).unwrap();
    let at = bytes.windows(14).position(|w| w == b"\xff Go buildinf:").expect("a .go.buildinfo section");
    let sec = &bytes[at..];
    assert_eq!(&sec[14..16], &[8, 2]);
    let (vlen, version) = (sec[32] as usize, &sec[33..]);
    assert_eq!(&version[..vlen], b"go1.19");
    let rest = &version[vlen..];
    let (len, skip) = if rest[0] < 0x80 { (rest[0] as usize, 1) } else { ((rest[0] & 0x7f) as usize | (rest[1] as usize) << 7, 2) };
    let modinfo = &rest[skip..skip + len];
    assert_eq!(text(&modinfo[16..len - 16]), got.strip_prefix("cached local 1.2 abc def\ntrue\ngo\tgo1.19\n").unwrap());
    // rgo version -m prints it as go version -m does.
    let shown = rgo().args(["version", "-m"]).arg(&exe).output().unwrap();
    let lines = got.strip_prefix("cached local 1.2 abc def\ntrue\ngo\tgo1.19\n").unwrap().trim_end().replace('\n', "\n\t");
    assert_eq!(text(&shown.stdout), format!("{}: go1.19\n\t{lines}\n", exe.display()));
    let shown = rgo().args(["version"]).arg(m.join("go.mod")).arg(d.join("none")).output().unwrap();
    assert_eq!((shown.status.code(), text(&shown.stderr)), (Some(1), format!("{}: not executable file\nstat {}: no such file or directory\n", m.join("go.mod").display(), d.join("none").display())));
    // A change to the work tree shows; -buildvcs=false records nothing.
    write(&m.join("cmd/show/extra.go"), "package main\n");
    let out = build(&["-o", exe.to_str().unwrap(), "./cmd/show"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got = text(&Command::new(&exe).output().unwrap().stdout);
    assert!(got.starts_with("cached local dev \ntrue\n") && got.ends_with("build\tvcs.modified=true\n"), "{got}");
    let out = build(&["-buildvcs=false", "-ldflags=-s", "-o", exe.to_str().unwrap(), "./cmd/show"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got = text(&Command::new(&exe).output().unwrap().stdout);
    assert!(!got.contains("vcs") && got.contains("build\t-ldflags=-s\n"), "{got}");
    assert!(!std::fs::read(&exe).unwrap().windows(7).any(|w| w == b".symtab"), "-s leaves out the symbol table");
    // Errors as go's.
    let out = build(&["-o", exe.to_str().unwrap(), "-ldflags", "-X main.count=2", "./cmd/show"]);
    assert_eq!((out.status.code(), text(&out.stderr).as_str()), (Some(1), "rgo: main.count: cannot set with -X: not a var of type string (type.int)\n"));
    let out = build(&["-ldflags", "-X main.count", "./cmd/show"]);
    assert_eq!(text(&out.stderr), "rgo: -ldflags: -X flag requires argument of the form importpath.name=value\n");
    let out = build(&["-ldflags=-linkmode=external", "./cmd/show"]);
    assert_eq!(text(&out.stderr), "rgo: -ldflags: flag provided but not defined: -linkmode (rgo's linker takes -X, -s, -w and -dumpdep)\n");
    // A program of files: command-line-arguments, no module; a test
    // binary's information is empty.
    write(&d.join("files/main.go"), "package main\n\nimport \"runtime/debug\"\n\nvar v = \"x\"\n\nfunc main() {\n\tbi, ok := debug.ReadBuildInfo()\n\tprint(v, \" \", ok, \" \", bi.Path, \" \", bi.Main.Path == \"\", \"\\n\")\n}\n");
    let out = rgo().current_dir(d.join("files")).env_remove("GOOS").env_remove("GOARCH").args(["run", "-ldflags=-X=main.v=y", "main.go"]).output().unwrap();
    assert_eq!(text(&out.stderr), "y true command-line-arguments true\n");
    write(&m.join("t/t_test.go"), "package t\n\nimport (\n\t\"runtime/debug\"\n\t\"testing\"\n)\n\nvar v = \"x\"\n\nfunc TestInfo(t *testing.T) {\n\tbi, ok := debug.ReadBuildInfo()\n\tif !ok || bi.Path != \"\" || v != \"set\" {\n\t\tt.Fatal(ok, bi, v)\n\t}\n}\n");
    let out = rgo().current_dir(&m).env("GOMODCACHE", d.join("cache")).env("GOFLAGS", "-mod=mod").env_remove("GOOS").env_remove("GOARCH").args(["test", "-ldflags=-X example.com/stamp/t.v=set", "./t"]).output().unwrap();
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
}

/// `-trimpath`: files named by import path (a module's with its version),
/// GOROOT's from `src`, files on the command line from `.`; no GOROOT.
#[test]
fn trimpath_names_files_by_import_path() {
    let dir = tempdir();
    let d = dir.path();
    let m = module_with_deps(d);
    write(
        &m.join("main.go"),
        "package main\n\nimport (\n\t\"example.org/cached\"\n\t\"example.org/local\"\n\t\"fmt\"\n\t\"runtime\"\n\t\"runtime/debug\"\n)\n\n\
         func main() {\n\t_, f, _, _ := runtime.Caller(0)\n\tpc := make([]uintptr, 1)\n\truntime.Callers(0, pc)\n\tc, _ := runtime.CallersFrames(pc).Next()\n\
         \tbi, _ := debug.ReadBuildInfo()\n\tfmt.Println(cached.Where(), local.Where(), f, c.File, runtime.GOROOT() == \"\", len(bi.Settings) > 0 && bi.Settings[1].Key == \"-trimpath\")\n}\n",
    );
    let run = |args: &[&str]| {
        rgo().current_dir(&m).env("GOMODCACHE", d.join("cache")).env("GOFLAGS", "-mod=mod").env_remove("GOOS").env_remove("GOARCH").env_remove("GOROOT").arg("run").args(args).output().unwrap()
    };
    let out = run(&["-trimpath", "-ldflags=-X main.unused=1", "."]);
    assert_eq!(
        (text(&out.stdout).as_str(), text(&out.stderr).as_str()),
        ("example.org/cached@v1.2.3/cached.go example.org/local@v0.1.0/local.go example.com/stamp/main.go runtime/extern.go true true\n", "")
    );
    let out = run(&["."]);
    let want = format!("{} {} {} ", d.join("cache/example.org/cached@v1.2.3/cached.go").display(), d.join("local/local.go").display(), m.join("main.go").display());
    assert!(text(&out.stdout).starts_with(&want) && text(&out.stdout).ends_with(" false false\n"), "{}{}", text(&out.stdout), text(&out.stderr));
    write(&d.join("files/main.go"), "package main\n\nimport \"runtime\"\n\nfunc main() {\n\t_, f, _, _ := runtime.Caller(0)\n\tprintln(f)\n}\n");
    let out = rgo().current_dir(d).env_remove("GOOS").env_remove("GOARCH").args(["run", "-trimpath", "files/main.go"]).output().unwrap();
    assert_eq!(text(&out.stderr), "./main.go\n");
}

/// `rgo generate`: directives' words, quoting, `-command` aliases, the
/// generator's variables, the `generate` tag, test files after the
/// package's, a failure ending its package's files (then the external
/// tests' run), `-run`, `-n`, `-x`, `-v`; output as go generate's.
#[test]
fn generate_runs_directives() {
    let dir = tempdir();
    let d = dir.path();
    write(&d.join("go.mod"), "module example.org/gen\n\ngo 1.19\n");
    write(
        &d.join("a.go"),
        "package gen\n\n//go:generate echo a $GOFILE $GOLINE $GOPACKAGE $DOLLAR \"quoted \\t word\" x$RGO_GEN_NONE.\n\
         //go:generate -command say echo said\n//go:generate say hello\n// not one: //go:generate echo no\n\
         //go:generate sh -c \"echo pwd=$(basename $PWD) $GOFILE\"\n",
    );
    write(&d.join("b_test.go"), "package gen\n\n//go:generate echo b test\n");
    write(&d.join("c_test.go"), "package gen_test\n\n//go:generate echo c xtest\n");
    write(&d.join("ignored.go"), "//go:build ignore\n\npackage gen\n\n//go:generate echo ignored\n");
    write(&d.join("tagged.go"), "//go:build generate\n\npackage gen\n\n//go:generate echo generate tag\n");
    write(&d.join("sub/s.go"), "package sub\n\n//go:generate false\n//go:generate echo after false\n");
    write(&d.join("sub/t.go"), "package sub\n\n//go:generate echo t after failure\n");
    write(&d.join("sub/x_test.go"), "package sub_test\n\n//go:generate echo xtest after failure\n//go:generate rgo-no-such-command\n//go:generate \"bad\n");
    let gen = |args: &[&str]| {
        let out = rgo().current_dir(d).arg("generate").args(args).output().unwrap();
        (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
    };
    let base = d.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(
        gen(&["./..."]),
        (
            1,
            format!("a a.go 3 gen $ quoted \t word x.\nsaid hello\npwd={base} a.go\ngenerate tag\nb test\nc xtest\nxtest after failure\n"),
            "sub/s.go:3: running \"false\": exit status 1\nsub/x_test.go:4: running \"rgo-no-such-command\": exec: \"rgo-no-such-command\": executable file not found in $PATH\n"
                .to_string()
        )
    );
    assert_eq!(gen(&["-n", "-run", "hel+o", "."]), (0, String::new(), "say hello\n".to_string()));
    assert_eq!(gen(&["-x", "-v", "-run=^//go:generate echo (c|b) ", "."]), (0, "b test\nc xtest\n".to_string(), "a.go\ntagged.go\nb_test.go\necho b test\nc_test.go\necho c xtest\n".to_string()));
    assert_eq!(gen(&["b_test.go", "c_test.go"]), (0, "b test\nc xtest\n".to_string(), String::new()));
    assert_eq!(gen(&["-run", "rgo-no-such|bad", "./sub"]).2, "sub/x_test.go:4: running \"rgo-no-such-command\": exec: \"rgo-no-such-command\": executable file not found in $PATH\n");
    write(&d.join("sub/x_test.go"), "package sub_test\n\n//go:generate \"bad\n//go:generate\n");
    assert_eq!(gen(&["./sub/x_test.go"]).2, "sub/x_test.go:3: mismatched quoted string\n");
    assert_eq!(gen(&["-run", "[", "."]).2, "rgo: generate: error parsing regexp: unclosed character class: `[`\n");
}

/// `rgo clean`: what builds leave in a package's directory goes, the
/// package's files stay; `-n` prints and removes nothing; `-i` removes the
/// installed command; `-testcache` makes `rgo test` run again; `-cache`
/// empties the build cache.
#[test]
fn clean_removes_build_outputs_and_caches() {
    let dir = tempdir();
    let d = dir.path();
    write(&d.join("go.mod"), "module example.org/c\n\ngo 1.19\n");
    write(&d.join("cmd/tool/main.go"), "package main\n\nfunc main() { println(\"tool\") }\n");
    write(&d.join("lib/lib.go"), "package lib\n\nfunc F() int { return 1 }\n");
    write(&d.join("lib/lib_test.go"), "package lib\n\nimport \"testing\"\n\nfunc TestF(t *testing.T) {\n\tif F() != 1 {\n\t\tt.Fatal()\n\t}\n}\n");
    for f in ["cmd/tool/tool", "cmd/tool/main", "cmd/tool/tool.test", "cmd/tool/x.o", "lib/lib.test", "lib/lib", "lib/notes.txt", "lib/_obj/a"] {
        write(&d.join(f), "x");
    }
    let cache = d.join("cache");
    let rgo_in = |args: &[&str]| {
        let out = rgo().current_dir(d).env("GOCACHE", &cache).env("GOBIN", d.join("bin")).env_remove("GOOS").env_remove("GOARCH").args(args).output().unwrap();
        (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
    };
    let (code, out, errs) = rgo_in(&["clean", "-n", "./..."]);
    assert_eq!(code, 0, "{errs}");
    assert!(out.contains(&format!("cd {}\nrm -f tool tool.exe tool tool.exe tool.test", d.join("cmd/tool").display())), "{out}");
    assert!(out.contains("rm -r _obj"), "{out}");
    assert!(d.join("cmd/tool/tool").exists(), "-n removes nothing");
    assert_eq!(rgo_in(&["install", "./cmd/tool"]).0, 0);
    assert!(d.join("bin/tool").exists());
    let (code, _, errs) = rgo_in(&["clean", "-i", "./..."]);
    assert_eq!(code, 0, "{errs}");
    for gone in ["cmd/tool/tool", "cmd/tool/main", "cmd/tool/tool.test", "cmd/tool/x.o", "lib/lib.test", "lib/_obj", "bin/tool"] {
        assert!(!d.join(gone).exists(), "{gone} stays");
    }
    // A library's own files stay, and so do files builds do not write;
    // `lib` is not a command's name, so it stays too.
    for kept in ["cmd/tool/main.go", "lib/lib.go", "lib/lib_test.go", "lib/notes.txt", "lib/lib"] {
        assert!(d.join(kept).exists(), "{kept} removed");
    }
    // Cached test results expire.
    assert_eq!(rgo_in(&["test", "./lib"]).0, 0);
    let (_, out, _) = rgo_in(&["test", "./lib"]);
    assert!(out.contains("(cached)"), "{out}");
    assert_eq!(rgo_in(&["clean", "-testcache"]).0, 0);
    let (_, out, _) = rgo_in(&["test", "./lib"]);
    assert!(out.starts_with("ok") && !out.contains("(cached)"), "{out}");
    let (_, out, _) = rgo_in(&["test", "./lib"]);
    assert!(out.contains("(cached)"), "results after the expiry are cached again: {out}");
    assert_eq!(rgo_in(&["clean", "-cache"]).0, 0);
    assert!(std::fs::read_dir(&cache).unwrap().all(|e| !e.unwrap().path().is_dir()), "the cache's directories go");
    assert_eq!(rgo_in(&["clean", "-r"]).2, "rgo: clean -r is not supported yet\n");
}

/// `rgo list -m`: the main module, the build list with replacements, a
/// module's record, templates and go's errors.
#[test]
fn list_modules_as_go_lists_them() {
    let dir = tempdir();
    let d = dir.path();
    let m = module_with_deps(d);
    write(&d.join("cache/cache/download/example.org/cached/@v/v1.2.3.info"), "{\"Version\":\"v1.2.3\",\"Time\":\"2022-01-02T03:04:05Z\"}");
    write(&d.join("cache/cache/download/example.org/cached/@v/v1.2.3.mod"), "module example.org/cached\n\ngo 1.18\n");
    let list = |args: &[&str]| {
        let out = rgo().current_dir(&m).env("GOMODCACHE", d.join("cache")).env("GOFLAGS", "-mod=mod").args(["list", "-m"]).args(args).output().unwrap();
        (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
    };
    assert_eq!(list(&[]), (0, "example.com/stamp\n".into(), String::new()));
    assert_eq!(list(&["all"]).1, "example.com/stamp\nexample.org/cached v1.2.3\nexample.org/local v0.1.0 => ../local\n");
    let cache = d.join("cache");
    assert_eq!(
        list(&["-json", "example.org/cached"]).1,
        format!(
            "{{\n\t\"Path\": \"example.org/cached\",\n\t\"Version\": \"v1.2.3\",\n\t\"Time\": \"2022-01-02T03:04:05Z\",\n\t\"Dir\": \"{}\",\n\t\"GoMod\": \"{}\",\n\t\"GoVersion\": \"1.18\"\n}}\n",
            cache.join("example.org/cached@v1.2.3").display(),
            cache.join("cache/download/example.org/cached/@v/v1.2.3.mod").display()
        )
    );
    assert_eq!(list(&["-f", "{{.Path}} {{.Main}} {{.Replace}}", "example.org/..."]).1, "example.org/cached false <nil>\nexample.org/local false ../local\n");
    assert_eq!(list(&["example.org/nope"]), (1, String::new(), "rgo: module example.org/nope: not a known dependency\n".into()));
}

/// `-gcflags`: `-l` compiles the command line's packages (or a pattern's)
/// without inlining, and the build information records the value as go
/// does; a flag rgo's compiler does not take is refused, named, exit
/// status 2.
#[test]
fn gcflags() {
    let dir = tempdir();
    let d = dir.path();
    let src = d.join("main.go");
    write(
        &src,
        "package main\n\nimport (\n\t\"fmt\"\n\t\"runtime/debug\"\n)\n\nfunc add(a, b int) int { return a + b }\n\n\
         func main() {\n\tbi, _ := debug.ReadBuildInfo()\n\tfor _, s := range bi.Settings {\n\t\tif s.Key == \"-gcflags\" {\n\t\t\tfmt.Println(s.Key, s.Value)\n\t\t}\n\t}\n\tfmt.Println(add(1, 2))\n}\n",
    );
    for (flags, want) in [(&["-gcflags=-l"][..], "-gcflags -l\n3\n"), (&["-gcflags", "all=-l"][..], "-gcflags all=-l\n3\n"), (&[][..], "3\n")] {
        let out = rgo().current_dir(d).arg("run").args(flags).arg("main.go").output().unwrap();
        assert!(out.status.success(), "{flags:?}: {}", text(&out.stderr));
        assert_eq!(text(&out.stdout), want, "{flags:?}");
    }
    let out = rgo().current_dir(d).args(["build", "-gcflags=-S", "main.go"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "rgo: -gcflags: flag -S is not supported by rgo's compiler (it takes -l and -m)\n");
}

/// `-gcflags=-m`: the escape analysis's report, in gc's words and at gc's
/// positions: golden/escape_report's program gives gc 1.19's lines
/// (gc-m.txt, without those about inlining and implicit conversions in
/// assignments, which rgo does not report), for the main package only; a
/// pattern names other packages.
#[test]
fn gcflags_m() {
    let dir = tempdir();
    let d = dir.path();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/escape_report");
    std::fs::copy(golden.join("main.go"), d.join("main.go")).unwrap();
    let out = rgo().current_dir(d).args(["build", "-gcflags=-m", "-o", "prog", "main.go"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), std::fs::read_to_string(golden.join("gc-m.txt")).unwrap());
    let run = Command::new(d.join("prog")).output().unwrap();
    assert_eq!(text(&run.stderr), "false\n1 5 1048590\n4\n4\n");
    // A pattern names the packages reported: here strconv's, not main's.
    write(&d.join("conv.go"), "package main\n\nimport \"strconv\"\n\nfunc main() { println(strconv.Itoa(42)) }\n");
    let out = rgo().current_dir(d).args(["build", "-gcflags=strconv=-m", "-o", "prog", "conv.go"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let headers: Vec<String> = text(&out.stderr).lines().filter(|l| l.starts_with('#')).map(str::to_string).collect();
    assert_eq!(headers, ["# strconv"]);
}
