//! The test recipe at the top of a Go test program, and its build
//! constraints, read as Go 1.19's `test/run.go` reads them.
//!
//! The recipe is the first comment line before `package` that is not blank
//! and not a build constraint (`// +build`, `//go:build`): an action
//! (`run`, `compile`, `errorcheck`, `rundir`, …) possibly followed by words
//! (flags for the go command or the compiler, extra files, or the
//! program's arguments).

/// What the conformance table does with a program, by its recipe's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `// run`: built, run, output compared.
    Run,
    /// `// compile` or `// build`: must build.
    Compile,
    /// `// errorcheck`: invalid Go, its bad lines marked `// ERROR "regexp"`.
    ErrorCheck,
    /// Any other action (`rundir`, `compiledir`, `errorcheckdir`,
    /// `runoutput`, `asmcheck`, `skip`, …): needs other files, generates a
    /// program, or checks gc's assembly; not measured.
    Other,
}

impl Kind {
    pub fn of(action: &str) -> Kind {
        match action {
            "run" => Kind::Run,
            "compile" | "build" => Kind::Compile,
            "errorcheck" | "errorcheckwithauto" => Kind::ErrorCheck,
            _ => Kind::Other,
        }
    }
}

/// The recipe of a test program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipe {
    /// `run`, `errorcheck`, `compile`, `rundir`, …
    pub action: String,
    /// The words after the action (`-gcflags=-l=4`, `arg1 arg2`, `-0 -m`).
    pub extra: Vec<String>,
    /// The build-constraint lines before `package`: see
    /// [`Recipe::unsatisfied`].
    pub constraints: Vec<(String, Constraint)>,
}

impl Recipe {
    pub fn kind(&self) -> Kind {
        Kind::of(&self.action)
    }

    /// The build-constraint lines that are false for Go's test runner on
    /// `goos`/`goarch` (it skips the program then).
    pub fn unsatisfied(&self, goos: &str, goarch: &str) -> Vec<String> {
        let tag = |t: &str| runner_tag(goos, goarch, t);
        self.constraints.iter().filter(|(_, c)| !c.eval(&tag)).map(|(line, _)| line.clone()).collect()
    }

    /// For an errorcheck recipe: why the table does not judge it, when the
    /// compiler flags change what gc reports. `-0` (with `-m`, `-live`,
    /// `-d=…`) asks for gc's optimizer diagnostics on a valid program;
    /// `-lang`, `-+`, `-std`, `-complete` change which programs are
    /// invalid. `-d=panic`, `-e`, `-C` and `-t N` only change how gc
    /// reports, so those programs are judged.
    pub fn errorcheck_unmeasured(&self) -> Option<String> {
        let mut unknown = Vec::new();
        let mut words = self.extra.iter();
        while let Some(w) = words.next() {
            match w.as_str() {
                "-d=panic" | "-e" | "-e=0" | "-C" | "-1" => {}
                "-t" => {
                    words.next();
                }
                "-0" => return Some("checks gc's optimizer diagnostics (`-0` flags)".to_string()),
                f if f.starts_with('-') => unknown.push(f),
                _ => break,
            }
        }
        (!unknown.is_empty()).then(|| format!("needs gc flags: `{}`", unknown.join(" ")))
    }
}

impl Recipe {
    /// For a run recipe: the program's arguments (the words after the go
    /// command's flags, as run.go passes them to `go run FILE`), or why
    /// the table does not run it (`needs run flags: …`). The gc flags that
    /// only turn gc's inlining down or up (`-gcflags=-l`, `-l=4`) or its
    /// SSA self-checks on (`-d=ssa/check/on`) leave a correct program's
    /// output as it is, and rgo has neither an inliner nor those checks:
    /// such a program runs as it is. Other flags (`-race`, checkptr,
    /// softfloat, GOEXPERIMENTs) and further `.go` files do not.
    pub fn run_arguments(&self) -> Result<Vec<String>, String> {
        let refused = || format!("needs run flags: `// run {}`", self.extra.join(" "));
        let neutral = |v: &str| matches!(v.trim_matches('"'), "-l" | "-l=4" | "-d=ssa/check/on");
        let mut words = self.extra.iter().peekable();
        while let Some(w) = words.next_if(|w| w.starts_with('-')) {
            let ok = match w.strip_prefix("-gcflags") {
                Some(v) if v.starts_with('=') => neutral(&v[1..]),
                Some("") => words.next().is_some_and(|v| neutral(v)),
                _ => false,
            };
            if !ok {
                return Err(refused());
            }
        }
        let args: Vec<String> = words.cloned().collect();
        if args.iter().any(|a| a.ends_with(".go")) {
            return Err(refused());
        }
        Ok(args)
    }
}

/// The recipe when `src` is a `// run` program, else `None`.
#[cfg(test)]
pub fn run_header(src: &str) -> Option<Recipe> {
    recipe(src).filter(|r| r.action == "run")
}

/// The recipe of `src`, or `None` when it has none (a file of a
/// multi-file test, or not a test).
pub fn recipe(src: &str) -> Option<Recipe> {
    let mut action: Option<Vec<String>> = None;
    let mut constraints = Vec::new();
    for line in src.lines() {
        if line.starts_with("package ") || line.starts_with("package\t") || line == "package" {
            break;
        }
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let Some(body) = t.strip_prefix("//") else {
            // A block comment or code: the recipe must come first.
            action.as_ref()?;
            continue;
        };
        if let Some(c) = Constraint::parse(t) {
            constraints.push((t.to_string(), c));
            continue;
        }
        if action.is_none() {
            action = Some(body.split_whitespace().map(str::to_string).collect());
        }
    }
    let words = action?;
    let first = words.first()?;
    if !first.bytes().all(|b| b.is_ascii_lowercase()) {
        // A comment such as `// Copyright …`: no recipe.
        return None;
    }
    Some(Recipe { action: first.clone(), extra: words[1..].to_vec(), constraints })
}

/// The import paths of a Go file (line-based: the import declarations
/// gofmt writes, after the package clause and before the first other
/// declaration).
/// The file names of the set `name` that Go's `test/run.go` declares
/// (`var name = setOf("a.go", "dir/b.go", …)`): its lists of programs the
/// runner skips.
pub fn run_go_set(run_go: &str, name: &str) -> Vec<String> {
    let Some(start) = run_go.find(&format!("var {name} = setOf(")) else { return vec![] };
    let body = &run_go[start..];
    let body = &body[..body.find("\n)").unwrap_or(body.len())];
    body.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let rest = l.strip_prefix('"')?;
            Some(rest[..rest.find('"')?].to_string())
        })
        .collect()
}

pub fn imports(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen_package = false;
    let mut in_block = false;
    for line in src.lines() {
        let t = line.split("//").next().unwrap_or("").trim();
        if !seen_package {
            seen_package = t.starts_with("package ");
            continue;
        }
        if in_block {
            if t.starts_with(')') {
                in_block = false;
            } else if let Some(p) = quoted(t) {
                out.push(p);
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix("import") {
            let rest = rest.trim_start();
            if let Some(first) = rest.strip_prefix('(') {
                in_block = true;
                if let Some(p) = quoted(first) {
                    out.push(p);
                }
            } else if let Some(p) = quoted(rest) {
                out.push(p);
            }
        } else if ["func ", "var ", "const ", "type "].iter().any(|k| t.starts_with(k)) {
            break;
        }
    }
    out
}

/// The first `"…"` string of an import spec.
fn quoted(spec: &str) -> Option<String> {
    let start = spec.find('"')? + 1;
    let len = spec[start..].find('"')?;
    Some(spec[start..start + len].to_string())
}

/// Whether a build tag holds for Go's test runner on `goos`/`goarch` with
/// the gc toolchain (`context.match` in test/run.go: GOOS, GOARCH, `gc`,
/// `cgo`, `test_run` and the default experiments of Go 1.19, which turn the
/// register ABI on for amd64, arm64 and riscv64 alike).
pub fn runner_tag(goos: &str, goarch: &str, tag: &str) -> bool {
    tag == goos
        || tag == goarch
        || matches!(tag, "gc" | "cgo" | "test_run" | "goexperiment.regabiwrappers" | "goexperiment.regabiargs")
}

#[cfg(test)]
fn linux_amd64(tag: &str) -> bool {
    runner_tag("linux", "amd64", tag)
}

/// A build constraint expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Constraint {
    Tag(String),
    Not(Box<Constraint>),
    And(Box<Constraint>, Box<Constraint>),
    Or(Box<Constraint>, Box<Constraint>),
}

impl Constraint {
    /// Parses a `//go:build EXPR` or `// +build A,B C` line; `None` when
    /// the line is neither (or is malformed, as go/build/constraint rejects it).
    pub fn parse(line: &str) -> Option<Constraint> {
        let line = line.trim_end();
        if let Some(expr) = line.strip_prefix("//go:build") {
            if !expr.is_empty() && !expr.starts_with([' ', '\t']) {
                return None;
            }
            let mut p = ExprParser { toks: tokens(expr)?, pos: 0 };
            let c = p.or()?;
            return (p.pos == p.toks.len()).then_some(c);
        }
        let rest = line.strip_prefix("//")?.trim_start().strip_prefix("+build")?;
        if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
            return None;
        }
        let mut any: Option<Constraint> = None;
        for field in rest.split_whitespace() {
            let mut all: Option<Constraint> = None;
            for term in field.split(',') {
                let lit = match term.strip_prefix('!') {
                    Some(t) => Constraint::Not(Box::new(Constraint::Tag(valid_tag(t)?))),
                    None => Constraint::Tag(valid_tag(term)?),
                };
                all = Some(match all {
                    None => lit,
                    Some(a) => Constraint::And(Box::new(a), Box::new(lit)),
                });
            }
            let all = all?;
            any = Some(match any {
                None => all,
                Some(a) => Constraint::Or(Box::new(a), Box::new(all)),
            });
        }
        // An empty `// +build` line means `ignore`, as in go/build/constraint.
        Some(any.unwrap_or(Constraint::Tag("ignore".to_string())))
    }

    pub fn eval(&self, tag: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Constraint::Tag(t) => tag(t),
            Constraint::Not(c) => !c.eval(tag),
            Constraint::And(a, b) => a.eval(tag) && b.eval(tag),
            Constraint::Or(a, b) => a.eval(tag) || b.eval(tag),
        }
    }
}

fn valid_tag(t: &str) -> Option<String> {
    let ok = !t.is_empty() && t.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    ok.then(|| t.to_string())
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Tag(String),
    Not,
    And,
    Or,
    Open,
    Close,
}

fn tokens(s: &str) -> Option<Vec<Tok>> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        match c {
            ' ' | '\t' => {}
            '!' => out.push(Tok::Not),
            '(' => out.push(Tok::Open),
            ')' => out.push(Tok::Close),
            '&' | '|' => {
                if it.next().map(|(_, d)| d) != Some(c) {
                    return None;
                }
                out.push(if c == '&' { Tok::And } else { Tok::Or });
            }
            _ if c.is_alphanumeric() || c == '_' || c == '.' => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = it.peek() {
                    if d.is_alphanumeric() || d == '_' || d == '.' {
                        end = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
                out.push(Tok::Tag(s[i..end].to_string()));
            }
            _ => return None,
        }
    }
    Some(out)
}

struct ExprParser {
    toks: Vec<Tok>,
    pos: usize,
}

impl ExprParser {
    fn eat(&mut self, t: &Tok) -> bool {
        let hit = self.toks.get(self.pos) == Some(t);
        self.pos += hit as usize;
        hit
    }

    fn or(&mut self) -> Option<Constraint> {
        let mut c = self.and()?;
        while self.eat(&Tok::Or) {
            c = Constraint::Or(Box::new(c), Box::new(self.and()?));
        }
        Some(c)
    }

    fn and(&mut self) -> Option<Constraint> {
        let mut c = self.not()?;
        while self.eat(&Tok::And) {
            c = Constraint::And(Box::new(c), Box::new(self.not()?));
        }
        Some(c)
    }

    fn not(&mut self) -> Option<Constraint> {
        if self.eat(&Tok::Not) {
            return Some(Constraint::Not(Box::new(self.not()?)));
        }
        if self.eat(&Tok::Open) {
            let c = self.or()?;
            return self.eat(&Tok::Close).then_some(c);
        }
        match self.toks.get(self.pos)? {
            Tok::Tag(t) => {
                let t = t.clone();
                self.pos += 1;
                Some(Constraint::Tag(t))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str) -> Option<Vec<String>> {
        run_header(src).map(|h| h.extra)
    }

    #[test]
    fn plain_run() {
        let src = "// run\n\n// Copyright 2009 The Go Authors.\n\npackage main\n\nfunc main() {}\n";
        assert_eq!(run(src), Some(vec![]));
    }

    #[test]
    fn other_recipes_are_not_run() {
        assert_eq!(run("// errorcheck\n\npackage main\n"), None);
        assert_eq!(run("// runoutput ./rotate.go\n\npackage main\n"), None);
        assert_eq!(run("// rundir\n\npackage ignored\n"), None);
        assert_eq!(run("// compile\n\n// run\n\npackage main\n"), None);
        // No recipe at all, or one after the package clause.
        assert_eq!(run("package main\n// run\n"), None);
        assert_eq!(run("/* run */\npackage main\n"), None);
        assert_eq!(run(""), None);
    }

    #[test]
    fn run_with_words() {
        assert_eq!(run("// run -gcflags=-l=4\n\npackage main\n"), Some(vec!["-gcflags=-l=4".into()]));
        assert_eq!(run("// run arg1 arg2\n\npackage main\n"), Some(vec!["arg1".into(), "arg2".into()]));
        assert_eq!(run("//run\n\npackage main\n"), Some(vec![]));
    }

    #[test]
    fn build_constraints_per_target() {
        let h = run_header("// run\n\n//go:build (386 || arm64) && !aix\n\npackage main\n").unwrap();
        assert_eq!(h.unsatisfied("linux", "amd64").len(), 1);
        assert!(h.unsatisfied("linux", "arm64").is_empty());
        assert_eq!(h.unsatisfied("linux", "riscv64").len(), 1);
        let h = run_header("// +build amd64 riscv64\n// run\n\npackage main\n").unwrap();
        assert!(h.unsatisfied("linux", "riscv64").is_empty());
        assert_eq!(h.unsatisfied("linux", "arm64"), vec!["// +build amd64 riscv64".to_string()]);
    }

    #[test]
    fn run_go_sets_are_read_by_name() {
        let src = "var a = setOf(\n\t\"x.go\", // why\n\t\"d/y.go\",\n)\n\nvar b = setOf(\n\t\"z.go\",\n)\n";
        assert_eq!(run_go_set(src, "a"), ["x.go", "d/y.go"]);
        assert_eq!(run_go_set(src, "b"), ["z.go"]);
        assert!(run_go_set(src, "c").is_empty());
    }

    #[test]
    fn build_constraints_are_skipped_and_evaluated() {
        let h = run_header("// +build darwin linux\n// run\n\npackage main\n").unwrap();
        assert!(h.extra.is_empty() && h.unsatisfied("linux", "amd64").is_empty());
        let h = run_header("//go:build !wasm\n\n// run\n\npackage main\n").unwrap();
        assert!(h.unsatisfied("linux", "amd64").is_empty());
        let h = run_header("// run\n\n// +build aix\n\npackage main\n").unwrap();
        assert_eq!(h.unsatisfied("linux", "amd64"), vec!["// +build aix".to_string()]);
        let h = run_header("// run\n\n// +build !aix\n// +build !darwin !arm64\n\npackage main\n").unwrap();
        assert!(h.unsatisfied("linux", "amd64").is_empty());
        let h = run_header("// run\n\n//go:build (386 || arm64) && !aix\n\npackage main\n").unwrap();
        assert_eq!(h.unsatisfied("linux", "amd64").len(), 1);
        let h = run_header("// run\n\n// +build !nacl,!js,gc\n\npackage main\n").unwrap();
        assert!(h.unsatisfied("linux", "amd64").is_empty());
    }

    #[test]
    fn kinds_by_action() {
        let kind = |src: &str| recipe(src).map(|r| r.kind());
        assert_eq!(kind("// run\n\npackage main\n"), Some(Kind::Run));
        assert_eq!(kind("// compile\n\npackage p\n"), Some(Kind::Compile));
        assert_eq!(kind("//compile\n\npackage p\n"), Some(Kind::Compile));
        assert_eq!(kind("// build\n\npackage main\n"), Some(Kind::Compile));
        assert_eq!(kind("// errorcheck\n\npackage main\n"), Some(Kind::ErrorCheck));
        assert_eq!(kind("// errorcheckwithauto -0 -m\n\npackage main\n"), Some(Kind::ErrorCheck));
        for other in ["rundir", "compiledir", "errorcheckdir", "errorcheckandrundir", "runoutput", "asmcheck", "skip"] {
            assert_eq!(kind(&format!("// {other}\n\npackage ignored\n")), Some(Kind::Other), "{other}");
        }
        // A file of a multi-file test, or no recipe at all.
        assert_eq!(kind("// Copyright 2012 The Go Authors.\n\npackage a\n"), None);
        let r = recipe("// +build amd64\n\n// errorcheck -0 -m -l\n\npackage p\n").unwrap();
        assert_eq!((r.action.as_str(), r.extra.len()), ("errorcheck", 3));
    }

    #[test]
    fn run_arguments_and_neutral_flags() {
        let args = |src: &str| recipe(src).unwrap().run_arguments();
        assert_eq!(args("// run\n\npackage main\n"), Ok(vec![]));
        assert_eq!(args("// run arg1 arg2\n\npackage main\n"), Ok(vec!["arg1".to_string(), "arg2".to_string()]));
        assert_eq!(args("// run -gcflags=\"-l\"\n\npackage main\n"), Ok(vec![]));
        assert_eq!(args("// run -gcflags -l=4\n\npackage main\n"), Ok(vec![]));
        assert_eq!(args("// run -gcflags=-d=ssa/check/on\n\npackage main\n"), Ok(vec![]));
        assert!(args("// run -race\n\npackage main\n").is_err());
        assert!(args("// run -gcflags=-d=checkptr\n\npackage main\n").is_err());
        assert!(args("// run -goexperiment fieldtrack\n\npackage main\n").is_err());
        assert!(args("// run cmplxdivide1.go\n\npackage main\n").is_err());
    }

    #[test]
    fn errorcheck_flags() {
        let why = |src: &str| recipe(src).unwrap().errorcheck_unmeasured();
        assert_eq!(why("// errorcheck\n\npackage p\n"), None);
        assert_eq!(why("// errorcheck -d=panic\n\npackage p\n"), None);
        assert_eq!(why("// errorcheck -t 10\n\npackage p\n"), None);
        assert_eq!(why("// errorcheck -e\n\npackage p\n"), None);
        assert!(why("// errorcheck -0 -m -l\n\npackage p\n").unwrap().contains("optimizer"));
        assert!(why("//errorcheck -0 -race -m -m\n\npackage p\n").unwrap().contains("optimizer"));
        assert_eq!(why("// errorcheck -lang=go1.17\n\npackage p\n").unwrap(), "needs gc flags: `-lang=go1.17`");
        assert_eq!(why("// errorcheck -+ -d=panic\n\npackage p\n").unwrap(), "needs gc flags: `-+`");
    }

    #[test]
    fn import_paths() {
        let src = "// run\n\npackage main\n\nimport \"fmt\"\nimport u \"unsafe\"\nimport (\n\t\"os\" // comment\n\t. \"strings\"\n)\n\nfunc main() {}\nimport \"late\"\n";
        assert_eq!(imports(src), vec!["fmt", "unsafe", "os", "strings"]);
        assert!(imports("// run\n\npackage main\n\nfunc main() {}\n").is_empty());
    }

    #[test]
    fn constraint_parsing() {
        assert_eq!(Constraint::parse("// run"), None);
        assert_eq!(Constraint::parse("// +builder x"), None);
        assert_eq!(Constraint::parse("//go:build a &&"), None);
        let c = Constraint::parse("//go:build linux && (amd64 || arm64) && !js").unwrap();
        assert!(c.eval(&linux_amd64));
        let c = Constraint::parse("// +build amd64,!gcflags_noopt arm64,!gcflags_noopt").unwrap();
        assert!(c.eval(&linux_amd64));
        let c = Constraint::parse("// +build ignore").unwrap();
        assert!(!c.eval(&linux_amd64));
    }
}
