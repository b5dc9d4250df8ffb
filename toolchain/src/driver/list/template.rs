//! Templates as `go list -f` runs them (Go's text/template over go's
//! `Package` records): text and `{{…}}` actions with `{{-`/`-}}` trimming
//! and comments; `if`/`else if`/`else`, `range` (with `$i, $e :=` or
//! `$e :=`), `with`, `end`; pipelines with `|`; operands `.`, `.A.B`, `$`,
//! `$x`, `$x.A`, strings, numbers, `true`/`false`, `(…)`; the functions
//! `and`, `or`, `not`, `len`, `index`, `eq`, `ne`, `print`, `println`,
//! `printf` (`%s %v %d %q %t`), and go list's `join`. What else Go's
//! templates have (`define`, `template`, `block`, comparison functions
//! beyond `eq`/`ne`, `html`, `js`, `urlquery`, `call`, `slice`) is an error
//! saying so. Messages are text/template's where rgo has the case.

use std::collections::BTreeMap;

/// A value a template sees.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Nil,
    Bool(bool),
    Int(i64),
    Str(String),
    List(Vec<Value>),
    /// A record, with Go's type name for messages (`load.PackagePublic`).
    Struct(&'static str, BTreeMap<&'static str, Value>),
}

impl Value {
    fn truth(&self) -> bool {
        match self {
            Value::Nil => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Struct(..) => true,
        }
    }

    /// As fmt's `%v` prints it (a module as its `String` method does).
    fn show(&self) -> Result<String, String> {
        Ok(match self {
            Value::Nil => "<nil>".into(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Str(s) => s.clone(),
            Value::List(l) => format!("[{}]", l.iter().map(Value::show).collect::<Result<Vec<_>, _>>()?.join(" ")),
            Value::Struct("modinfo.ModulePublic", f) => {
                let get = |k| f.get(k).and_then(|v| if let Value::Str(s) = v { Some(s.clone()) } else { None }).unwrap_or_default();
                let (p, v) = (get("Path"), get("Version"));
                if v.is_empty() {
                    p
                } else {
                    format!("{p} {v}")
                }
            }
            Value::Struct(t, _) => return Err(format!("rgo list -f does not print a whole *{t} yet: name its fields")),
        })
    }
}

#[derive(Debug, Clone)]
enum Node {
    Text(String),
    Action(Pipe),
    If(Vec<(Pipe, Vec<Node>)>, Vec<Node>),
    Range(Pipe, Vec<String>, Vec<Node>, Vec<Node>),
    With(Pipe, Vec<Node>, Vec<Node>),
}

/// A pipeline: commands joined by `|`, maybe declaring variables.
#[derive(Debug, Clone)]
struct Pipe {
    decl: Vec<String>,
    cmds: Vec<Vec<Arg>>,
    /// Where it starts, for messages (`main:1:2`), and its text (`<.Foo>`).
    col: usize,
    line: usize,
    text: String,
}

#[derive(Debug, Clone)]
enum Arg {
    Dot(Vec<String>),
    Var(String, Vec<String>),
    Func(String),
    Lit(Value),
    Sub(Box<Pipe>, Vec<String>),
}

/// A parsed template.
#[derive(Debug, Clone)]
pub struct Template {
    nodes: Vec<Node>,
}

impl Template {
    /// Parses `src` as go list parses its `-f` argument.
    pub fn parse(src: &str) -> Result<Template, String> {
        let items = lex(src)?;
        let mut p = Parser { items, at: 0 };
        let (nodes, end) = p.list()?;
        if let Some(e) = end {
            return Err(format!("template: main:{}: unexpected {{{{{e}}}}}", p.line()));
        }
        Ok(Template { nodes })
    }

    /// The template's output for dot `v`.
    pub fn execute(&self, v: &Value) -> Result<String, String> {
        let mut out = String::new();
        let mut vars = vec![("$".to_string(), v.clone())];
        exec(&self.nodes, v, &mut vars, &mut out)?;
        Ok(out)
    }
}

/// Text and actions, each action's text trimmed of its delimiters, with
/// its line and column.
enum Item {
    Text(String),
    Action(String, usize, usize),
}

fn lex(src: &str) -> Result<Vec<Item>, String> {
    let mut items = vec![];
    let mut rest = src;
    let mut consumed = 0;
    while let Some(open) = rest.find("{{") {
        let mut text = &rest[..open];
        let mut inner_start = open + 2;
        if rest[inner_start..].starts_with("- ") || rest[inner_start..].starts_with("-\t") || rest[inner_start..].starts_with("-\n") {
            text = text.trim_end();
            inner_start += 1;
        }
        let before = &src[..consumed + inner_start];
        let line = before.matches('\n').count() + 1;
        let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1);
        let Some(close) = rest[inner_start..].find("}}") else {
            return Err(format!("template: main:{line}: unclosed action"));
        };
        let mut inner = &rest[inner_start..inner_start + close];
        let mut after = inner_start + close + 2;
        let trim_after = inner.ends_with(" -") || inner.ends_with("\t-") || inner.ends_with("\n-");
        if trim_after {
            inner = &inner[..inner.len() - 1];
        }
        if !text.is_empty() {
            items.push(Item::Text(text.to_string()));
        }
        let t = inner.trim();
        if !(t.starts_with("/*") && t.ends_with("*/")) {
            items.push(Item::Action(t.to_string(), line, col));
        }
        if trim_after {
            let skipped = rest[after..].len() - rest[after..].trim_start().len();
            after += skipped;
        }
        consumed += after;
        rest = &rest[after..];
    }
    if !rest.is_empty() {
        items.push(Item::Text(rest.to_string()));
    }
    Ok(items)
}

struct Parser {
    items: Vec<Item>,
    at: usize,
}

impl Parser {
    fn line(&self) -> usize {
        match self.items.get(self.at.saturating_sub(1)) {
            Some(Item::Action(_, l, _)) => *l,
            _ => 1,
        }
    }

    /// Nodes up to an `end` or `else…` (returned) or the end of input.
    fn list(&mut self) -> Result<(Vec<Node>, Option<String>), String> {
        let mut nodes = vec![];
        while let Some(item) = self.items.get(self.at) {
            self.at += 1;
            let (text, line, col) = match item {
                Item::Text(t) => {
                    nodes.push(Node::Text(t.clone()));
                    continue;
                }
                Item::Action(t, l, c) => (t.clone(), *l, *c),
            };
            let (word, rest) = text.split_once(char::is_whitespace).map_or((text.as_str(), ""), |(w, r)| (w, r.trim()));
            match word {
                "end" | "else" => return Ok((nodes, Some(text.clone()))),
                "if" => {
                    let mut arms = vec![(self.pipe(rest, line, col, "if")?, vec![])];
                    let mut otherwise = vec![];
                    loop {
                        let (body, end) = self.list()?;
                        let last = arms.len() - 1;
                        arms[last].1 = body;
                        match end.as_deref() {
                            Some("end") => break,
                            Some("else") => {
                                let (body, end) = self.list()?;
                                otherwise = body;
                                if end.as_deref() != Some("end") {
                                    return Err(format!("template: main:{}: expected end; found {}", self.line(), end.unwrap_or_else(|| "EOF".into())));
                                }
                                break;
                            }
                            Some(e) if e.starts_with("else if ") => arms.push((self.pipe(e["else if ".len()..].trim(), line, col, "if")?, vec![])),
                            _ => return Err(format!("template: main:{line}: unexpected EOF")),
                        }
                    }
                    nodes.push(Node::If(arms, otherwise));
                }
                "range" | "with" => {
                    let pipe = self.pipe(rest, line, col, word)?;
                    let (body, end) = self.list()?;
                    let otherwise = match end.as_deref() {
                        Some("end") => vec![],
                        Some("else") => match self.list()? {
                            (b, Some(e)) if e == "end" => b,
                            _ => return Err(format!("template: main:{line}: unexpected EOF")),
                        },
                        _ => return Err(format!("template: main:{line}: unexpected EOF")),
                    };
                    if word == "range" {
                        let decl = pipe.decl.clone();
                        nodes.push(Node::Range(pipe, decl, body, otherwise));
                    } else {
                        nodes.push(Node::With(pipe, body, otherwise));
                    }
                }
                "define" | "template" | "block" | "break" | "continue" => {
                    return Err(format!("template: main:{line}: rgo list -f does not support {{{{{word}}}}} yet"));
                }
                _ => nodes.push(Node::Action(self.pipe(&text, line, col, "command")?)),
            }
        }
        Ok((nodes, None))
    }

    fn pipe(&self, text: &str, line: usize, col: usize, ctx: &str) -> Result<Pipe, String> {
        let toks = tokens(text).map_err(|e| format!("template: main:{line}: {e}"))?;
        let mut pos = 0;
        let pipe = parse_pipe(&toks, &mut pos, line, col, text)?;
        if pos != toks.len() {
            return Err(format!("template: main:{line}: unexpected {:?} in {ctx}", toks[pos]));
        }
        if pipe.cmds.is_empty() {
            return Err(format!("template: main:{line}: missing value for {ctx}"));
        }
        Ok(pipe)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Field(Vec<String>),
    Var(String, Vec<String>),
    Ident(String),
    Str(String),
    Num(i64),
    Pipe,
    Open,
    Close(Vec<String>),
    Declare,
    Comma,
}

fn tokens(s: &str) -> Result<Vec<Tok>, String> {
    let b = s.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    let fields = |i: &mut usize| -> Vec<String> {
        let mut f = vec![];
        while *i < b.len() && b[*i] == b'.' && b.get(*i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_') {
            let start = *i + 1;
            *i += 1;
            while *i < b.len() && (b[*i].is_ascii_alphanumeric() || b[*i] == b'_') {
                *i += 1;
            }
            f.push(s[start..*i].to_string());
        }
        f
    };
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'|' => {
                out.push(Tok::Pipe);
                i += 1;
            }
            b'(' => {
                out.push(Tok::Open);
                i += 1;
            }
            b')' => {
                i += 1;
                out.push(Tok::Close(fields(&mut i)));
            }
            b',' => {
                out.push(Tok::Comma);
                i += 1;
            }
            b':' if b.get(i + 1) == Some(&b'=') => {
                out.push(Tok::Declare);
                i += 2;
            }
            b'.' => {
                let f = fields(&mut i);
                if f.is_empty() {
                    i += 1;
                }
                out.push(Tok::Field(f));
            }
            b'$' => {
                let start = i;
                i += 1;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let name = s[start..i].to_string();
                out.push(Tok::Var(name, fields(&mut i)));
            }
            b'"' | b'`' => {
                let (v, n) = string_lit(&s[i..])?;
                out.push(Tok::Str(v));
                i += n;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                out.push(Tok::Num(s[start..i].parse().map_err(|_| format!("bad number syntax: {:?}", &s[start..i]))?));
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                out.push(Tok::Ident(s[start..i].to_string()));
            }
            _ => return Err(format!("unexpected {:?} in command", s[i..].chars().next().unwrap_or(' '))),
        }
    }
    Ok(out)
}

/// A Go string literal at the start of `s`: its value and length.
fn string_lit(s: &str) -> Result<(String, usize), String> {
    if let Some(rest) = s.strip_prefix('`') {
        let end = rest.find('`').ok_or("unterminated raw quoted string")?;
        return Ok((rest[..end].to_string(), end + 2));
    }
    let mut v = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((v, i + 1)),
            '\\' => match chars.next().map(|(_, c)| c) {
                Some('n') => v.push('\n'),
                Some('t') => v.push('\t'),
                Some('r') => v.push('\r'),
                Some('\\') => v.push('\\'),
                Some('"') => v.push('"'),
                Some(o) => return Err(format!("rgo list -f does not support the escape \\{o} yet")),
                None => break,
            },
            c => v.push(c),
        }
    }
    Err("unterminated quoted string".into())
}

fn parse_pipe(toks: &[Tok], pos: &mut usize, line: usize, col: usize, text: &str) -> Result<Pipe, String> {
    let mut decl = vec![];
    // `$x :=` or `$i, $e :=`.
    let mut look = *pos;
    let mut names = vec![];
    while let Some(Tok::Var(n, f)) = toks.get(look) {
        if !f.is_empty() {
            break;
        }
        names.push(n.clone());
        look += 1;
        match toks.get(look) {
            Some(Tok::Comma) => look += 1,
            Some(Tok::Declare) => {
                decl = std::mem::take(&mut names);
                *pos = look + 1;
                break;
            }
            _ => break,
        }
    }
    let mut cmds = vec![];
    let mut cmd = vec![];
    while let Some(t) = toks.get(*pos) {
        *pos += 1;
        match t {
            Tok::Pipe => {
                if cmd.is_empty() {
                    return Err(format!("template: main:{line}: missing command"));
                }
                cmds.push(std::mem::take(&mut cmd));
            }
            Tok::Field(f) => cmd.push(Arg::Dot(f.clone())),
            Tok::Var(n, f) => cmd.push(Arg::Var(n.clone(), f.clone())),
            Tok::Str(s) => cmd.push(Arg::Lit(Value::Str(s.clone()))),
            Tok::Num(n) => cmd.push(Arg::Lit(Value::Int(*n))),
            Tok::Ident(i) if i == "true" || i == "false" => cmd.push(Arg::Lit(Value::Bool(i == "true"))),
            Tok::Ident(i) if i == "nil" => cmd.push(Arg::Lit(Value::Nil)),
            Tok::Ident(i) => {
                if !FUNCS.contains(&i.as_str()) {
                    return Err(format!("template: main:{line}: function {i:?} not defined"));
                }
                cmd.push(Arg::Func(i.clone()));
            }
            Tok::Open => {
                let sub = parse_pipe(toks, pos, line, col, text)?;
                let Some(Tok::Close(f)) = toks.get(*pos) else { return Err(format!("template: main:{line}: unclosed left paren")) };
                *pos += 1;
                cmd.push(Arg::Sub(Box::new(sub), f.clone()));
            }
            Tok::Close(_) => {
                *pos -= 1;
                break;
            }
            Tok::Declare | Tok::Comma => return Err(format!("template: main:{line}: unexpected {t:?} in command")),
        }
    }
    if !cmd.is_empty() {
        cmds.push(cmd);
    }
    Ok(Pipe { decl, cmds, col, line, text: text.to_string() })
}

const FUNCS: &[&str] = &["and", "or", "not", "len", "index", "eq", "ne", "print", "println", "printf", "join"];

fn exec(nodes: &[Node], dot: &Value, vars: &mut Vec<(String, Value)>, out: &mut String) -> Result<(), String> {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Action(p) => {
                let v = eval_pipe(p, dot, vars)?;
                if p.decl.is_empty() {
                    out.push_str(&v.show()?);
                }
            }
            Node::If(arms, otherwise) => {
                let mut taken = false;
                for (p, body) in arms {
                    if eval_pipe(p, dot, vars)?.truth() {
                        scoped(body, dot, vars, out)?;
                        taken = true;
                        break;
                    }
                }
                if !taken {
                    scoped(otherwise, dot, vars, out)?;
                }
            }
            Node::With(p, body, otherwise) => {
                let v = eval_pipe(p, dot, vars)?;
                if v.truth() {
                    scoped(body, &v, vars, out)?;
                } else {
                    scoped(otherwise, dot, vars, out)?;
                }
            }
            Node::Range(p, decl, body, otherwise) => {
                let v = eval_pipe(p, dot, vars)?;
                let items = match v {
                    Value::List(l) => l,
                    Value::Nil => vec![],
                    other => return Err(exec_error(p, &format!("range can't iterate over {}", other.show()?))),
                };
                if items.is_empty() {
                    scoped(otherwise, dot, vars, out)?;
                }
                for (i, e) in items.iter().enumerate() {
                    let mark = vars.len();
                    match decl.as_slice() {
                        [x] => vars.push((x.clone(), e.clone())),
                        [k, x] => {
                            vars.push((k.clone(), Value::Int(i as i64)));
                            vars.push((x.clone(), e.clone()));
                        }
                        _ => {}
                    }
                    exec(body, e, vars, out)?;
                    vars.truncate(mark);
                }
            }
        }
    }
    Ok(())
}

/// Runs `nodes`, dropping the variables they declare after.
fn scoped(nodes: &[Node], dot: &Value, vars: &mut Vec<(String, Value)>, out: &mut String) -> Result<(), String> {
    let mark = vars.len();
    let r = exec(nodes, dot, vars, out);
    vars.truncate(mark);
    r
}

fn exec_error(p: &Pipe, msg: &str) -> String {
    format!("template: main:{}:{}: executing \"main\" at <{}>: {msg}", p.line, p.col, p.text.trim())
}

fn eval_pipe(p: &Pipe, dot: &Value, vars: &mut Vec<(String, Value)>) -> Result<Value, String> {
    let mut last: Option<Value> = None;
    for cmd in &p.cmds {
        last = Some(eval_cmd(p, cmd, dot, vars, last.take())?);
    }
    let v = last.unwrap_or(Value::Nil);
    if let Some(name) = p.decl.last() {
        vars.push((name.clone(), v.clone()));
    }
    Ok(v)
}

fn field(p: &Pipe, mut v: Value, path: &[String]) -> Result<Value, String> {
    for f in path {
        v = match v {
            Value::Struct(t, mut fields) => match fields.remove(f.as_str()) {
                Some(x) => x,
                None => return Err(exec_error(p, &format!("can't evaluate field {f} in type *{t}"))),
            },
            Value::Nil => return Err(exec_error(p, &format!("nil pointer evaluating *modinfo.ModulePublic.{f}"))),
            other => return Err(exec_error(p, &format!("can't evaluate field {f} in type {}", go_type(&other)))),
        };
    }
    Ok(v)
}

fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Nil => "interface {}",
        Value::Bool(_) => "bool",
        Value::Int(_) => "int",
        Value::Str(_) => "string",
        Value::List(_) => "[]string",
        Value::Struct(t, _) => t,
    }
}

fn eval_arg(p: &Pipe, a: &Arg, dot: &Value, vars: &mut Vec<(String, Value)>) -> Result<Value, String> {
    match a {
        Arg::Dot(f) => field(p, dot.clone(), f),
        Arg::Var(n, f) => {
            let Some((_, v)) = vars.iter().rev().find(|(k, _)| k == n) else {
                return Err(format!("template: main:{}: undefined variable: {n}", p.line));
            };
            field(p, v.clone(), f)
        }
        Arg::Lit(v) => Ok(v.clone()),
        Arg::Sub(sub, f) => {
            let v = eval_pipe(sub, dot, vars)?;
            field(p, v, f)
        }
        Arg::Func(name) => call(p, name, vec![]),
    }
}

fn eval_cmd(p: &Pipe, cmd: &[Arg], dot: &Value, vars: &mut Vec<(String, Value)>, piped: Option<Value>) -> Result<Value, String> {
    match &cmd[0] {
        Arg::Func(name) => {
            let mut args = vec![];
            for a in &cmd[1..] {
                args.push(eval_arg(p, a, dot, vars)?);
            }
            args.extend(piped);
            call(p, name, args)
        }
        a if cmd.len() == 1 && piped.is_none() => eval_arg(p, a, dot, vars),
        _ => Err(exec_error(p, "can't give argument to non-function")),
    }
}

fn call(p: &Pipe, name: &str, args: Vec<Value>) -> Result<Value, String> {
    let want = |n: usize| -> Result<(), String> {
        if args.len() == n {
            Ok(())
        } else {
            Err(exec_error(p, &format!("error calling {name}: wrong number of args for {name}: want {n} got {}", args.len())))
        }
    };
    Ok(match name {
        "and" => args.iter().find(|a| !a.truth()).or(args.last()).cloned().unwrap_or(Value::Nil),
        "or" => args.iter().find(|a| a.truth()).or(args.last()).cloned().unwrap_or(Value::Nil),
        "not" => {
            want(1)?;
            Value::Bool(!args[0].truth())
        }
        "len" => {
            want(1)?;
            match &args[0] {
                Value::Str(s) => Value::Int(s.len() as i64),
                Value::List(l) => Value::Int(l.len() as i64),
                other => return Err(exec_error(p, &format!("error calling len: len of type {}", go_type(other)))),
            }
        }
        "index" => {
            want(2)?;
            match (&args[0], &args[1]) {
                (Value::List(l), Value::Int(i)) => {
                    l.get(*i as usize).cloned().ok_or_else(|| exec_error(p, &format!("error calling index: index out of range: {i}")))?
                }
                _ => return Err(exec_error(p, "error calling index: cannot index")),
            }
        }
        "eq" | "ne" => {
            want(2)?;
            let same = args[0] == args[1];
            Value::Bool(if name == "eq" { same } else { !same })
        }
        "join" => {
            want(2)?;
            match (&args[0], &args[1]) {
                (Value::List(l), Value::Str(sep)) => Value::Str(l.iter().map(Value::show).collect::<Result<Vec<_>, _>>()?.join(sep)),
                _ => return Err(exec_error(p, "error calling join: wrong type for value")),
            }
        }
        "print" | "println" => {
            let parts = args.iter().map(Value::show).collect::<Result<Vec<_>, _>>()?;
            let mut s = String::new();
            for (i, part) in parts.iter().enumerate() {
                // fmt.Sprint puts spaces between operands when neither is a string.
                let spaced = name == "println" || (i > 0 && !matches!(args[i - 1], Value::Str(_)) && !matches!(args[i], Value::Str(_)));
                if i > 0 && spaced {
                    s.push(' ');
                }
                s.push_str(part);
            }
            if name == "println" {
                s.push('\n');
            }
            Value::Str(s)
        }
        "printf" => {
            let Some(Value::Str(f)) = args.first() else { return Err(exec_error(p, "error calling printf: the format must be a string")) };
            Value::Str(sprintf(f, &args[1..])?)
        }
        _ => return Err(format!("template: main:{}: function {name:?} not defined", p.line)),
    })
}

/// fmt.Sprintf for the verbs listing formats use.
fn sprintf(f: &str, args: &[Value]) -> Result<String, String> {
    let mut out = String::new();
    let mut next = args.iter();
    let mut chars = f.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(a) = next.next() else {
            out.push_str(&format!("%!{verb}(MISSING)"));
            continue;
        };
        match (verb, a) {
            ('v' | 's' | 'd' | 't', _) => out.push_str(&a.show()?),
            ('q', Value::Str(s)) => out.push_str(&format!("{s:?}")),
            ('q', Value::List(l)) => {
                let parts: Vec<String> = l.iter().map(|x| format!("{:?}", x.show().unwrap_or_default())).collect();
                out.push_str(&format!("[{}]", parts.join(" ")));
            }
            _ => return Err(format!("rgo list -f does not support %{verb} of {} yet", go_type(a))),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkg() -> Value {
        let mut m = BTreeMap::new();
        m.insert("Path", Value::Str("example.com/tpl".into()));
        m.insert("Version", Value::Str(String::new()));
        let mut f = BTreeMap::new();
        f.insert("ImportPath", Value::Str("example.com/tpl".into()));
        f.insert("Name", Value::Str("tpl".into()));
        f.insert("Doc", Value::Str("Package tpl is a test.".into()));
        f.insert("Standard", Value::Bool(false));
        f.insert("Imports", Value::List(vec![Value::Str("fmt".into()), Value::Str("os".into())]));
        f.insert("GoFiles", Value::List(vec![Value::Str("a.go".into())]));
        f.insert("Match", Value::List(vec![Value::Str(".".into())]));
        f.insert("Module", Value::Struct("modinfo.ModulePublic", m));
        Value::Struct("load.PackagePublic", f)
    }

    fn run(t: &str) -> Result<String, String> {
        Template::parse(t)?.execute(&pkg())
    }

    #[test]
    fn go_lists_formats() {
        // Each output is what `go list -f` prints for the same record.
        assert_eq!(
            run(
                r#"{{if .Standard}}std{{else}}{{.ImportPath}}{{end}} {{len .Imports}} {{join .Imports ","}} {{range .Imports}}[{{.}}]{{end}} {{printf "%s-%d-%q-%v" .Name 3 "x" .GoFiles}} {{.Match}}"#
            ),
            Ok("example.com/tpl 2 fmt,os [fmt][os] tpl-3-\"x\"-[a.go] [.]".into())
        );
        assert_eq!(run("{{range $i, $e := .Imports}}{{$i}}={{$e}} {{end}}{{with .Doc}}doc:{{.}}{{end}}"), Ok("0=fmt 1=os doc:Package tpl is a test.".into()));
        assert_eq!(run("{{.Module.Path}}|{{.Module}}"), Ok("example.com/tpl|example.com/tpl".into()));
        assert_eq!(run("{{.Imports | len}} {{eq .Name \"tpl\"}} {{not .Standard}} {{index .Imports 1}}"), Ok("2 true true os".into()));
        assert_eq!(run("a {{- \" b \" -}} c\n{{/* note */}}{{if .Standard}}x{{else if .Doc}}y{{end}}"), Ok("a b c\ny".into()));
        assert_eq!(run("{{$n := .Name}}{{range .Imports}}{{$n}}:{{.}} {{end}}"), Ok("tpl:fmt tpl:os ".into()));
    }

    #[test]
    fn errors_are_text_templates() {
        assert_eq!(run("{{.Foo}}"), Err("template: main:1:2: executing \"main\" at <.Foo>: can't evaluate field Foo in type *load.PackagePublic".into()));
        assert_eq!(run("{{foo .}}"), Err("template: main:1: function \"foo\" not defined".into()));
        assert_eq!(run("{{if}}"), Err("template: main:1: missing value for if".into()));
    }
}
