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

#[test]
fn unsupported_target() {
    expect(
        rgo().args(["build", "--target", "arm64", "x.go"]),
        1,
        "rgo: unsupported target \"arm64\" (backends: amd64)\n",
    );
    expect(
        rgo().args(["run", "--target", "riscv64", "x.go"]),
        1,
        "rgo: unsupported target \"riscv64\" (backends: amd64)\n",
    );
}

#[test]
fn no_files() {
    let msg = "rgo: no files given (usage: rgo build [-o OUT] FILE.go... [FILE.s...])\n";
    expect(rgo().arg("build"), 1, msg);
    expect(rgo().arg("run"), 1, msg);
    expect(rgo().args(["build", "add_amd64.s"]), 1, "rgo: no .go files given\n");
    expect(
        rgo().args(["build", "notes.txt"]),
        1,
        "rgo: named files must be .go or assembly (.s, .S) files: notes.txt\n",
    );
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

/// Builds `src` as `bad.go` with `-S` (checking only) and expects exit
/// status 1 and these error lines, as gc prints them.
fn expect_errors(src: &str, lines: &[&str]) {
    let dir = tempdir();
    std::fs::write(dir.path().join("bad.go"), src).unwrap();
    let mut want = lines.join("\n");
    want.push('\n');
    expect(rgo().current_dir(dir.path()).args(["build", "-S", "-o", "/dev/null", "bad.go"]), 1, &want);
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

#[test]
fn errors_before_an_unsupported_feature_are_kept_and_checking_stops_there() {
    let src = "package main\n\nfunc main() {\n\tvar a int = \"x\"\n\tgo main()\n\tvar b int = \"y\"\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:4:14: cannot use \"x\" (untyped string constant) as int value in variable declaration",
            "bad.go:5:2: rgo does not support goroutines yet",
        ],
    );
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

#[test]
fn goto_and_label_errors() {
    let src = "package main\n\nfunc main() {\n\tgoto L\n\tx := 1\n\t_ = x\nL:\n\tgoto M\n\t{\n\tM:\n\t}\nN:\n\tfor {\n\t\tbreak\n\t}\nL:\n}\n\n\
func g() {\nL:\n\tx := 1\n\t_ = x\n\tgoto L\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:4:7: goto L jumps over declaration of x at bad.go:5:2",
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
            "bad.go:5:15: i redeclared in this block",
            "bad.go:11:10: duplicate case 1 (constant of type int) in expression switch",
            "bad.go:12:7: duplicate case int(2) (constant 2 of type int) in expression switch",
            "bad.go:17:15: duplicate case int in type switch",
            "bad.go:18:7: multiple nil cases in type switch (first at bad.go:16:12)",
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
            "bad.go:11:6: main redeclared in this block",
        ],
    );
}

#[test]
fn misplaced_and_forbidden_directives() {
    let src = "//go:build !nothing\n\n//go:noinline\npackage main\n\nimport _ \"unsafe\"\n\n//go:noinline\n//go:nosplit\nfunc f() {}\n\n\
//go:noinline\nvar x int\n\n//go:notinheap\ntype T int\n\n//go:notinheap\ntype A = int\n\n//go:build linux\n\n\
func main() {\n\t//go:noinline\n\tf()\n\tx = 1 //go:noinline\n}\n\n//go:nowritebarrier\nfunc g() {}\n\n//go:linkname x y\n//go:linkname T z\n//go:linkname x w\n";
    expect_errors(
        src,
        &[
            "bad.go:3:3: misplaced compiler directive",
            "bad.go:12:3: misplaced compiler directive",
            "bad.go:18:3: misplaced compiler directive",
            "bad.go:21:3: misplaced compiler directive",
            "bad.go:24:4: misplaced compiler directive",
            "bad.go:26:10: misplaced compiler directive",
            "bad.go:29:3: //go:nowritebarrier only allowed in runtime",
            "bad.go:33:3: //go:linkname must refer to declared function or variable",
            "bad.go:34:3: duplicate //go:linkname for x",
        ],
    );
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
            "bad.go:29:4: p.h undefined (type main.P has no field or method h)",
            "bad.go:31:4: i.M undefined (type *main.I has no field or method M)",
            "bad.go:32:7: cannot call pointer method g on main.B",
            "bad.go:33:8: channel element type too large (>64kB)",
        ],
    );
}

#[test]
fn constant_and_operand_type_errors() {
    let src = "package main\n\nconst ui uint = 0\nconst i int = ui\n\nvar _ [float64(2)]int\nvar _ int32 = uint16(1)\n\ntype B bool\ntype B2 bool\n\n\
var b B\nvar b2 B2\nvar _ = b && b2\n\nfunc main() {\n\t_ = make([]byte, float32(1))\n\tvar a [3]int\n\t_ = a[2:1]\n\t_ = a[5:]\n\t_ = []int{1: 1, 1: 2}\n\
\tvar e interface{}\n\tswitch e {\n\tcase uint8(0), byte(0):\n\t}\n\tvar f [1]func()\n\tswitch f {\n\t}\n}\n";
    expect_errors(
        src,
        &[
            "bad.go:4:15: cannot use ui (constant 0 of type uint) as int value in constant declaration",
            "bad.go:6:8: array length float64(2) (constant 2 of type float64) must be integer",
            "bad.go:7:15: cannot use value of type uint16 as int32 value in variable declaration",
            "bad.go:14:9: invalid operation: b && b2 (mismatched types main.B and main.B2)",
            "bad.go:17:19: invalid argument: index float32(1) (constant 1 of type float32) must be integer",
            "bad.go:19:10: invalid slice indices: 1 < 2",
            "bad.go:20:8: invalid argument: index 5 out of bounds [0:4]",
            "bad.go:21:18: duplicate index 1 in array or slice literal",
            "bad.go:24:17: duplicate case byte(0) (constant 0 of type uint8) in expression switch",
            "bad.go:27:9: cannot switch on f (variable of type [1]func())",
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
    expect_errors(src, &["bad.go:5:11: len(s[len(s) - 1]) is not constant", "bad.go:10:8: array length len(f()) must be constant"]);
}

const HELLO: &str = "package main\n\nfunc main() {\n\tprintln(\"hello\", 42)\n}\n";

#[test]
fn build_defaults_to_the_first_file_name_and_keeps_work_on_request() {
    let dir = tempdir();
    std::fs::write(dir.path().join("hello.go"), HELLO).unwrap();
    let out = rgo().current_dir(dir.path()).env("RGO_KEEP_WORK", "1").args(["build", "hello.go"]).output().unwrap();
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    let work = err.strip_prefix("WORK=").and_then(|w| w.strip_suffix('\n')).unwrap_or_else(|| panic!("{err}"));
    assert!(Path::new(work).join("prog.s").is_file() && Path::new(work).join("prog.o").is_file());
    std::fs::remove_dir_all(work).unwrap();
    let exe = dir.path().join("hello");
    expect(&mut Command::new(&exe), 0, "hello 42\n");
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
    let target = rgo::target::host();
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
        "panic: boom\n\ngoroutine 1 [running]:\n\t(no traceback: rgo has no unwinder yet)\n",
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
        "panic: E.Error ok\n\ngoroutine 1 [running]:\n\t(no traceback: rgo has no unwinder yet)\n",
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
             \ngoroutine 1 [running]:\n\t(no traceback: rgo has no unwinder yet)\n"
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
             \ngoroutine 1 [running]:\n\t(no traceback: rgo has no unwinder yet)\n"
        ),
    );
}
