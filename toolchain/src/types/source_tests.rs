//! The checker on Go source: programs it must accept (with the facts it
//! records) and errors it must report, at gc's positions and in its words.

use super::{check_package, Info, InWorld, Mode, World};
use crate::syntax::{parse_file, IdGen};

/// Checks `src` as package main: the world and facts, or the errors as
/// `line:col: message`.
fn check(src: &str) -> Result<(World, Info), Vec<String>> {
    let mut ids = IdGen::default();
    let file = parse_file("t.go", src, &mut ids).map_err(|d| vec![format!("{}:{}: {}", d.pos.line, d.pos.col, d.msg)])?;
    let files = [file];
    let mut w = World::new();
    let mut info = Info::default();
    match check_package(&mut w, &mut info, "main", &files, &mut InWorld) {
        Ok(_) => Ok((w, info)),
        Err(ds) => Err(ds.iter().map(|d| format!("{}:{}: {}", d.pos.line, d.pos.col, d.msg)).collect()),
    }
}

fn accepts(src: &str) -> (World, Info) {
    match check(src) {
        Ok(r) => r,
        Err(es) => panic!("rejected:\n{}\n--- source:\n{src}", es.join("\n")),
    }
}

fn rejects(src: &str, want: &[&str]) {
    match check(src) {
        Ok(_) => panic!("accepted, want {want:?}\n--- source:\n{src}"),
        Err(es) => {
            let es: Vec<&str> = es.iter().map(|e| e.split('\n').next().unwrap_or("")).collect();
            assert_eq!(es, want, "\n--- source:\n{src}");
        }
    }
}

#[test]
fn declarations_in_any_order_with_constants_types_and_methods() {
    accepts(
        "package main

const (
	A = iota * 10
	B
	C = len(arr) + B
)

var arr [3]T

type T struct {
	next *T
	v    int
}

func (t *T) Sum() int {
	s := 0
	for p := t; p != nil; p = p.next {
		s += p.v
	}
	return s
}

type Stack []int

func (s *Stack) Push(v int) { *s = append(*s, v) }

func main() {
	var s Stack
	s.Push(C)
	t := &T{v: 1, next: &T{v: 2}}
	println(t.Sum(), len(s), B)
	m := map[string][]int{\"a\": {1, 2}}
	for k, v := range m {
		println(k, v[0])
	}
	f := func(x int) (int, bool) { return x * 2, x > 0 }
	if y, ok := f(3); ok {
		println(y)
	}
}
",
    );
}

#[test]
fn constants_are_exact_and_typed_where_declared() {
    let (w, info) = accepts(
        "package main

const big = 1 << 100
const small = big >> 98
const f float32 = 0.1
const s = \"ab\" + \"c\"

var x = small

func main() { println(x, f, s) }
",
    );
    let _ = (&w, &info);
    assert!(info.types.len() > 5);
}

/// Messages, positions and second lines as gc 1.19 prints them (each
/// program compared with `go build -gcflags=-e` of it).
#[test]
fn gc_wording_of_common_errors() {
    let full = |src: &str, want: &[&str]| {
        let got = check(src).err().unwrap_or_else(|| panic!("accepted:\n{src}"));
        assert_eq!(got, want, "\n--- source:\n{src}");
    };
    let body = |b: &str| format!("package main\n\nfunc main() {{\n{b}}}\n");
    full(&body("\tvar s []int\n\tfor s {\n\t}\n\tgo len(s)\n\tvar d chan<- int\n\t<-d\n"), &[
        "5:6: non-boolean condition in for statement",
        "7:5: go discards result of len(s) (value of type int)",
        "9:4: invalid operation: cannot receive from send-only channel d (variable of type chan<- int)",
    ]);
    full(&body("\tx := 1\n\tswitch x {\n\tcase 1, 2:\n\tcase 3, 1:\n\tcase int(2):\n\t}\n"), &[
        "7:10: duplicate case 1 (constant of type int) in expression switch\n\tt.go:6:7: previous case",
        "8:7: duplicate case int(2) (constant 2 of type int) in expression switch\n\tt.go:6:10: previous case",
    ]);
    full(&body("\tvar a, a int\n\tvar f [1]func()\n\tswitch f {\n\t}\n\t_ = make([]int, float32(1))\n"), &[
        "4:6: a declared but not used",
        "4:9: a redeclared in this block\n\tt.go:4:6: other declaration of a",
        "6:9: cannot switch on f (variable of type [1]func()) ([1]func() is not comparable)",
        "8:18: invalid argument: index float32(1) (constant 1 of type float32) must be integer",
    ]);
    // No `declared but not used` after a failed initialisation, or for the
    // operand of a misplaced `~`.
    full(&body("\tvar a int = \"x\"\n\tx := 1\n\t_ = ~x\n"), &[
        "4:14: cannot use \"x\" (untyped string constant) as int value in variable declaration",
        "6:6: cannot use ~ outside of interface or type constraint",
    ]);
    full(
        "package main\n\ntype T int\n\nfunc (*T) g() {}\n\nfunc main() {\n\tvar i interface{}\n\tvar f []int\n\tvar g func()\n\t_ = i == f\n\tswitch i {\n\tcase g:\n\t}\n\tvar p *interface{ M() }\n\tp.M()\n\tT(1).g()\n}\n",
        &[
            "11:11: invalid operation: i == f (slice can only be compared to nil)",
            "13:7: invalid case g in switch on i (func can only be compared to nil)",
            "16:4: p.M undefined (type *interface{M()} is pointer to interface, not interface)",
            "17:7: cannot call pointer method g on T",
        ],
    );
    full(
        "package main\n\nconst ui uint = 0\n\nconst c int = ui\n\ntype S struct {\n\tx, x int\n\tb    int\n}\n\nfunc (S) b() {}\n\nfunc main() {}\n",
        &[
            "5:15: cannot use ui (constant 0 of type uint) as type int in constant declaration",
            "8:5: x redeclared\n\tt.go:8:2: other declaration of x",
            "12:10: field and method with the same name b\n\tt.go:9:2: other declaration of b",
        ],
    );
    // Argument counts: at the last argument, or the call without any; a
    // built-in's at the call; `<T>` for a type that failed.
    full(
        "package main\n\nfunc f(a, b int) {}\n\nfunc g(x undefinedt) {}\n\nfunc main() {\n\tf(1)\n\tf()\n\t_ = len()\n\t_ = new(int, 2)\n\tg()\n\t_ = complex(0())\n}\n",
        &[
            "5:10: undefined: undefinedt",
            "8:4: not enough arguments in call to f\n\thave (number)\n\twant (int, int)",
            "9:2: not enough arguments in call to f\n\thave ()\n\twant (int, int)",
            "10:6: invalid operation: not enough arguments for len() (expected 1, found 0)",
            "11:6: invalid operation: too many arguments for new(int, 2) (expected 1, found 2)",
            "12:2: not enough arguments in call to g\n\thave ()\n\twant (<T>)",
            "13:14: invalid operation: cannot call non-function 0 (untyped int constant)",
        ],
    );
    // A method whose signature failed draws no `does not implement`.
    full("package main\n\ntype I interface{ m() int }\n\ntype T int\n\nvar _ I = T(0)\n\nfunc (T) m(x undefinedt) int { return 0 }\n\nfunc main() {}\n", &["9:14: undefined: undefinedt"]);
}

/// Package variables are initialized in dependency order (the spec's own
/// example: d, b, c, a), and a cycle through variables and functions is
/// gc's `initialization loop`, with the way round.
#[test]
fn initialization_order_and_loops() {
    let (w, info) = accepts("package main\n\nvar (\n\ta = c + b\n\tb = f()\n\tc = f()\n\td = 3\n)\n\nfunc f() int {\n\td++\n\treturn d\n}\n\nfunc main() {}\n");
    let order: Vec<&str> = info.init_order.iter().map(|i| w.obj(i.lhs[0]).name.as_str()).collect();
    assert_eq!(order, ["d", "b", "c", "a"]);
    let got = check("package main\n\nconst a = b\nconst b = a\n\nvar y = f()\n\nfunc f() int { return y }\n\nfunc main() {}\n").err().expect("rejected");
    assert_eq!(
        got,
        [
            "3:7: initialization loop for a\n\tt.go:3:7: a refers to\n\tt.go:4:7: b refers to\n\tt.go:3:7: a",
            "6:5: initialization loop for y\n\tt.go:6:5: y refers to\n\tt.go:8:6: f refers to\n\tt.go:6:5: y",
        ]
    );
}

/// A method value or method expression refers to its method, so a cycle
/// through one is a loop too (test/fixedbugs/issue6703*.go, bug459.go);
/// an interface's method refers to nothing.
#[test]
fn initialization_loops_through_methods() {
    let got = check("package main\n\ntype T int\n\nfunc (T) m() int {\n\t_ = x\n\treturn 0\n}\n\nvar t T\nvar x = t.m\n\nfunc main() {}\n").err().expect("rejected");
    assert_eq!(got, ["11:5: initialization loop for x\n\tt.go:11:5: x refers to\n\tt.go:5:10: m refers to\n\tt.go:11:5: x"]);
    rejects("package main\n\ntype T int\n\nfunc (T) m() int { return len(x) }\n\nvar x = []func(T) int{T.m}\n\nfunc main() {}\n", &["7:5: initialization loop for x"]);
    accepts("package main\n\ntype I interface{ m() int }\n\ntype T int\n\nfunc (T) m() int { return len(x) }\n\nvar i I = T(0)\nvar x = []func() int{i.m}\n\nfunc main() {}\n");
}

/// Errors gc's checker makes that the lowering used to make instead.
#[test]
fn errors_once_left_to_the_lowering() {
    rejects(
        "package main\n\nfunc main() {\n\t_ = nil == nil\n\t_ = nil != nil\n}\n",
        &["4:13: invalid operation: nil == nil (operator == not defined on untyped nil)", "5:13: invalid operation: nil != nil (operator != not defined on untyped nil)"],
    );
    rejects("package main\n\nfunc main() {\n_:\n\tgoto _\n}\n", &["5:7: label _ not defined"]);
    rejects("package main\n\nfunc main() {\n\tgoto L\n}\n", &["4:7: label L not defined"]);
    rejects(
        "package main\n\ntype T struct{ m map[string]int }\n\nvar _ = T{m: {\"a\": 1}}\nvar _ = T{{\"a\": 1}}\nvar _ = []T{{m: map[string]int{}}}\n\nfunc main() {}\n",
        &["5:14: missing type in composite literal", "6:11: missing type in composite literal"],
    );
    let got = check("package main\n\nfunc main() {\n\ttype T = *T\n}\n").err().expect("rejected");
    assert_eq!(got, ["4:7: invalid recursive type T\n\tt.go:4:7: T refers to\n\tt.go:4:7: T"]);
}

/// A package that cannot be imported is reported once: the members of
/// types made from it are not reported missing as well.
#[test]
fn no_follow_on_errors_from_a_failed_import() {
    rejects(
        "package main\n\nimport \"no/such\"\n\ntype reg such.Register\n\nfunc main() {\n\treg(1).Set(2)\n\t_ = reg(1).Get()\n}\n",
        &["3:8: could not import no/such (package no/such is not in std)"],
    );
}

/// A float32 or complex64 value is rounded once from the constant's exact
/// value: just below the halfway point to overflow, it rounds down to the
/// largest float32 (rounding through float64 first would overflow).
#[test]
fn float32_parts_round_once() {
    let near = "const (\n\ttwo128 = 1 << 128\n\tulp32 = 1 << 104\n\tnear = two128 - ulp32 + ulp32/2 - 1.0/(1<<200)\n)\n";
    accepts(&format!("package main\n\n{near}\nvar f float32 = near\n\nvar c complex64 = complex(near, 1.0/3)\n\nfunc main() {{ println(f, c) }}\n"));
    // Just above it, the value overflows (gc prints the constant with six
    // digits; rgo, for now, with all of its float64's).
    let errs = check(&format!("package main\n\n{near}\nvar c complex64 = complex(near + 1.0/(1<<199), 0)\n\nfunc main() {{ println(c) }}\n")).err().expect("rejected");
    assert!(errs.len() == 1 && errs[0].starts_with("9:19: cannot use complex(near + 1.0 / (1 << 199), 0) (untyped complex constant (") && errs[0].ends_with(" as complex64 value in variable declaration (overflows)"), "{errs:?}");
}

#[test]
fn gc_errors_at_gc_positions() {
    rejects("package main\n\nconst c uint8 = 255 + 1\n\nfunc main() {}\n", &["3:17: cannot use 255 + 1 (untyped int constant 256) as uint8 value in constant declaration (overflows)"]);
    rejects("package main\n\nconst c = 1 / 0\n\nfunc main() {}\n", &["3:15: invalid operation: division by zero"]);
    rejects("package main\n\nvar x int\nvar _ = x + \"a\"\n\nfunc main() {}\n", &["4:9: invalid operation: x + \"a\" (mismatched types int and untyped string)"]);
    rejects("package main\n\nfunc main() {\n\tx := 1\n}\n", &["4:2: x declared but not used"]);
    rejects("package main\n\nfunc f() int {\n\tfor {\n\t\tbreak\n\t}\n}\n\nfunc main() { f() }\n", &["7:1: missing return"]);
    rejects("package main\n\ntype T struct{ a T }\n\nfunc main() {}\n", &["3:6: invalid recursive type T"]);
    rejects("package main\n\nimport \"unsafe\"\n\nfunc main() {}\n", &["3:8: imported and not used: \"unsafe\""]);
    rejects("package main\n\nfunc main() {\n\tvar a []int\n\ta.x = 1\n}\n", &["5:4: a.x undefined (type []int has no field or method x)"]);
}

#[test]
fn generic_functions_and_types() {
    let (w, info) = accepts(
        "package main

type Number interface {
	~int | ~int64 | ~float64
}

func Sum[T Number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

type List[T any] struct {
	next *List[T]
	v    T
}

func (l *List[T]) Push(v T) *List[T] { return &List[T]{next: l, v: v} }

type Pair[K comparable, V any] struct {
	k K
	v V
}

func main() {
	println(Sum([]int{1, 2, 3}), Sum[float64]([]float64{1.5}))
	strs := Map([]int{1, 2}, func(i int) string { return \"x\" })
	var l *List[string]
	l = l.Push(strs[0])
	p := Pair[string, int]{\"a\", 1}
	println(l.v, p.k, p.v)
}
",
    );
    // Each call of Sum and Map records its instance.
    let instances = (0..100_000u32).filter(|&i| info.instances.get(i).is_some()).count();
    assert!(instances >= 3, "{instances} instances recorded");
    let _ = w;
}

#[test]
fn generic_errors_at_the_definition_and_the_instantiation() {
    rejects(
        "package main\n\nfunc F[T comparable](t T) {}\n\nfunc main() {\n\tF([]int{})\n}\n",
        &["6:3: []int does not implement comparable"],
    );
    rejects("package main\n\nfunc F[T any](t T) { _ = t + t }\n\nfunc main() {}\n", &["3:26: invalid operation: operator + not defined on t (variable of type T constrained by any)"]);
    rejects("package main\n\nfunc F[T any]() {}\n\nfunc main() {\n\tF()\n}\n", &["6:3: cannot infer T (t.go:3:8)"]);
    rejects("package main\n\ntype L[T any] struct{ v T }\n\nvar _ L\n\nfunc main() {}\n", &["5:7: cannot use generic type L[T any] without instantiation"]);
}

#[test]
fn expressions_record_modes() {
    let src = "package main\n\nfunc main() {\n\tvar a [4]int\n\tm := map[int]string{}\n\tv, ok := m[1]\n\t_ = a[2]\n\tprintln(v, ok)\n}\n";
    let (_, info) = accepts(src);
    let modes: Vec<Mode> = (0..1000u32).filter_map(|i| info.types.get(i).map(|t| t.mode)).collect();
    assert!(modes.contains(&Mode::MapIndex), "{modes:?}");
    assert!(modes.contains(&Mode::Variable), "{modes:?}");
}

#[test]
fn methods_promoted_from_an_embedded_generic_instance() {
    accepts(
        "package main

type I interface{ M() int }

type G[T any] struct{ v T }

func (g *G[T]) M() int { return 1 }

type S struct{ G[int] }

var _ = []I{&S{}}

func main() {}
",
    );
}

#[test]
fn methods_of_generic_types_declared_after_their_use() {
    accepts(
        "package main

type I interface{ M() int }

var _ = []I{p}

var p = &S{G[int]{}}

type S struct{ G[int] }

type G[T any] struct{ v T }

func (g *G[T]) M() int { return 1 }

func main() {}
",
    );
}

#[test]
fn methods_of_an_embedded_instance_with_a_recursive_constraint() {
    accepts(
        "package main

type unmarshaler interface {
	Unmarshal([]byte) (x, y *int)
}

var _ = []unmarshaler{p256}

type p256Curve struct {
	nistCurve[*P256Point]
}

var p256 = &p256Curve{nistCurve[*P256Point]{newPoint: NewP256Point}}

func (c p256Curve) Inverse(k *int) *int { return k }

type nistCurve[Point nistPoint[Point]] struct {
	newPoint func() Point
}

type nistPoint[T any] interface {
	Bytes() []byte
	Add(T, T) T
}

func (curve *nistCurve[Point]) Unmarshal(data []byte) (x, y *int) { return nil, nil }

type P256Point struct{ v int }

func NewP256Point() *P256Point { return &P256Point{} }
func (p *P256Point) Bytes() []byte { return nil }
func (p *P256Point) Add(a, b *P256Point) *P256Point { return a }

func main() {}
",
    );
}

/// Checks packages in order (each may import the earlier ones).
fn check_all(pkgs: &[(&str, &str)]) -> Result<(), Vec<String>> {
    let mut w = World::new();
    let mut ids = IdGen::default();
    for (path, src) in pkgs {
        let file = parse_file(&format!("{path}.go"), src, &mut ids).map_err(|d| vec![d.to_string()])?;
        let mut info = Info::default();
        check_package(&mut w, &mut info, path, &[file], &mut InWorld).map_err(|ds| ds.iter().map(|d| d.to_string()).collect::<Vec<_>>())?;
    }
    Ok(())
}

#[test]
fn embedded_instance_of_a_type_argument_from_another_package() {
    let r = check_all(&[
        (
            "nistec",
            "package nistec

type P256Point struct{ v int }

func NewP256Point() *P256Point { return &P256Point{} }
func (p *P256Point) Bytes() []byte { return nil }
func (p *P256Point) Add(a, b *P256Point) *P256Point { return a }

type P224Point struct{ v int }

func NewP224Point() *P224Point { return &P224Point{} }
func (p *P224Point) Bytes() []byte { return nil }
func (p *P224Point) Add(a, b *P224Point) *P224Point { return a }
",
        ),
        (
            "main",
            "package main

import \"nistec\"

type unmarshaler interface {
	Unmarshal([]byte) (x, y *int)
}

var _ = []unmarshaler{p224, p256}

var p224 = &nistCurve[*nistec.P224Point]{newPoint: nistec.NewP224Point}

type p256Curve struct {
	nistCurve[*nistec.P256Point]
}

var p256 = &p256Curve{nistCurve[*nistec.P256Point]{newPoint: nistec.NewP256Point}}

type nistCurve[Point nistPoint[Point]] struct {
	newPoint func() Point
}

type nistPoint[T any] interface {
	Bytes() []byte
	Add(T, T) T
}

func (curve *nistCurve[Point]) Unmarshal(data []byte) (x, y *int) { return nil, nil }

func main() {}
",
        ),
    ]);
    assert!(r.is_ok(), "{r:?}");
}

#[test]
fn inference_with_untyped_constants_and_constraints() {
    let (w, info) = accepts(
        "package main

type Ordered interface {
	~int | ~int64 | ~float64 | ~string
}

func Max[T Ordered](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func Deref[P *Q, Q any](p P) Q { return *p }

type Celsius float64

func main() {
	m := Max(1.5, 2.0)
	var c Celsius = Max(Celsius(1), 3)
	x := 7
	y := Deref(&x)
	println(m, c, y)
}
",
    );
    // Max(1.5, 2.0) is Max[float64] (each untyped argument its default type,
    // in Go 1.19: Max(1, 2.5) is an error, below).
    let float64 = crate::types::ty::basic(crate::types::ty::Basic::Float64);
    let found = (0..10_000u32).filter_map(|i| info.instances.get(i)).any(|inst| inst.targs == vec![float64]);
    assert!(found, "no instance Max[float64]");
    let _ = w;
}

#[test]
fn untyped_arguments_infer_in_order_as_in_go_1_19() {
    rejects(
        "package main\n\nfunc Max[T int | float64](a, b T) T { return a }\n\nfunc main() {\n\tprintln(Max(1, 2.5))\n}\n",
        &["6:17: default type float64 of 2.5 does not match inferred type int for T"],
    );
}

#[test]
fn generic_methods_values_and_type_switches() {
    accepts(
        "package main

type Box[T any] struct{ v T }

func (b Box[T]) Get() T { return b.v }
func (b *Box[T]) Set(v T) { b.v = v }

type Getter[T any] interface{ Get() T }

func Show[T any](x any) string {
	switch x.(type) {
	case T:
		return \"T\"
	case []T:
		return \"[]T\"
	}
	return \"other\"
}

func main() {
	b := Box[int]{1}
	get := b.Get
	set := (*Box[int]).Set
	set(&b, 2)
	var g Getter[int] = b
	println(get(), g.Get(), Show[int](3), Show[string]([]string{}))
}
",
    );
}

#[test]
fn generic_errors_with_gc_wording() {
    rejects(
        "package main\n\ntype S interface{ M() }\n\nfunc F[T S](t T) {}\n\ntype X struct{}\n\nfunc main() {\n\tF(X{})\n}\n",
        &["10:3: X does not implement S (missing M method)"],
    );
    rejects(
        "package main\n\nfunc F[T ~int](t T) {}\n\nfunc main() {\n\tF(\"s\")\n}\n",
        &["6:3: string does not implement ~int (string missing in ~int)"],
    );
    rejects("package main\n\nfunc G[T any](t T) T { return t }\n\nvar f = G\n\nfunc main() {}\n", &["5:9: cannot use generic function G without instantiation"]);
}

/// Instantiations that make ever larger type arguments are an error at
/// the type parameter (gc's position), the instantiations listed below; one
/// that passes its parameters on unchanged (`h[T]` in `h`) is not.
#[test]
fn instantiation_cycles() {
    rejects(
        "package main\n\ntype List[T any] struct{ next *List[[]T] }\n\nfunc main() {}\n",
        &["3:11: instantiation cycle:"],
    );
    rejects(
        "package main\n\nfunc g[T any](n int) {\n\tif n > 0 {\n\t\tg[*T](n - 1)\n\t}\n}\n\nfunc main() { g[int](1) }\n",
        &["3:8: instantiation cycle:"],
    );
    accepts("package main\n\nfunc h[T any](n int) {\n\tif n > 0 {\n\t\th[T](n - 1)\n\t}\n}\n\nfunc main() { h[int](1) }\n");
}

/// Issue 25's fuzz finding: 10,000 levels of nested function literals
/// (the old front end is quadratic in the depth). The new checker walks
/// each level once and grows its stack as it goes.
#[test]
fn ten_thousand_nested_function_literals() {
    let n = 10_000;
    let src = format!("package main\n\nfunc main() {{\n{}{}}}\n", "\tfunc() {\n".repeat(n), "\t}()\n".repeat(n));
    crate::stack::grow(|| accepts(&src));
}
