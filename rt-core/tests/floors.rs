//! rt-core stands in floors that never import upward (docs/runtime.md,
//! "Floors"): each module of `src/` is on the floor that table gives it,
//! and may name (`crate::m`) only modules on its own floor or below. The
//! table in the docs is the one statement of the floors; this test reads
//! it, so a module that reaches up, or a module the table does not place,
//! fails here.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Where the table starts in docs/runtime.md.
const MARKER: &str = "<!-- rt-core floors -->";

/// Each module's floor (0 the lowest), from docs/runtime.md's table: its
/// rows in order, the modules of a row named in backquotes in its second
/// column.
fn floors_from_docs(doc: &str) -> BTreeMap<String, usize> {
    let start = doc.find(MARKER).expect("docs/runtime.md has the floors table after its marker");
    let mut floors = BTreeMap::new();
    let rows = doc[start + MARKER.len()..].lines().skip_while(|l| l.trim().is_empty()).take_while(|l| l.starts_with('|'));
    for (floor, row) in rows.skip(2).enumerate() {
        let column = row.split('|').nth(2).unwrap_or_else(|| panic!("row {row:?}: no modules column"));
        for name in column.split('`').skip(1).step_by(2) {
            let before = floors.insert(name.to_string(), floor);
            assert!(before.is_none(), "`{name}` is on two floors of the table");
        }
    }
    assert!(floors.len() > 1, "the floors table lists no modules");
    floors
}

/// The modules of `src/`: each file `m.rs` and each directory `m/` (with
/// every `.rs` file under it), but the crate root.
fn modules(src: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut files = Vec::new();
            rust_files(&path, &mut files);
            out.entry(name).or_insert_with(Vec::new).extend(files);
        } else if path.extension().is_some_and(|e| e == "rs") && name != "lib" {
            out.entry(name).or_insert_with(Vec::new).push(path);
        }
    }
    out
}

/// The `.rs` files under `dir`, but unit tests' own files and directories.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy();
        if name == "tests" || name == "tests.rs" {
            continue;
        }
        if path.is_dir() {
            rust_files(&path, out);
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

/// `src` without comments and without the items `#[cfg(test)]` marks
/// (unit tests may reach anywhere).
fn code_of(src: &str) -> String {
    let mut code = String::with_capacity(src.len());
    let mut rest = src;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.find('\n').map_or("", |i| &r[i..]);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.find("*/").map_or("", |i| &r[i + 2..]);
        } else {
            let c = rest.chars().next().unwrap();
            code.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    let mut out = String::with_capacity(code.len());
    let mut rest = code.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        rest = skip_item(&rest[at + "#[cfg(test)]".len()..]);
    }
    out.push_str(rest);
    out
}

/// What follows the item at the start of `s`: up to its `;`, or through
/// its braces when a `{` comes first.
fn skip_item(s: &str) -> &str {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            ';' if depth == 0 => return &s[i + 1..],
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &s[i + 1..];
                }
            }
            _ => {}
        }
    }
    ""
}

/// The top-level modules `code` names through `crate::`: `crate::m::x`,
/// and each path of a group, `use crate::{m, n::{x, y}}`.
fn crate_references(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let preceded = rest[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
        rest = &rest[at + "crate::".len()..];
        if preceded {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // The group's top-level paths: names at depth 0 after `{` or `,`.
            let mut depth = 0usize;
            let mut expect_name = true;
            let mut name = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        if !name.is_empty() {
                            out.push(std::mem::take(&mut name));
                        }
                        expect_name = true;
                    }
                    c if (c.is_alphanumeric() || c == '_') && depth == 0 && expect_name => name.push(c),
                    _ => {
                        if !name.is_empty() {
                            out.push(std::mem::take(&mut name));
                            expect_name = false;
                        }
                    }
                }
            }
            if !name.is_empty() {
                out.push(name);
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            out.push(name);
        }
    }
    out
}

#[test]
fn no_module_reaches_up() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = fs::read_to_string(root.join("../docs/runtime.md")).unwrap();
    let floors = floors_from_docs(&doc);
    let modules = modules(&root.join("src"));
    let unplaced: Vec<&String> = modules.keys().filter(|m| !floors.contains_key(*m)).collect();
    assert!(unplaced.is_empty(), "modules the floors table of docs/runtime.md does not place: {unplaced:?}");
    let gone: Vec<&String> = floors.keys().filter(|m| !modules.contains_key(*m)).collect();
    assert!(gone.is_empty(), "the floors table names modules src/ does not have: {gone:?}");
    let mut upward = Vec::new();
    for (module, files) in &modules {
        let floor = floors[module];
        for file in files {
            let code = code_of(&fs::read_to_string(file).unwrap());
            for name in crate_references(&code) {
                if let Some(&to) = floors.get(&name) {
                    if to > floor {
                        upward.push(format!("{} (floor {floor}) names `{name}` (floor {to})", file.strip_prefix(root).unwrap().display()));
                    }
                }
            }
        }
    }
    upward.sort();
    upward.dedup();
    assert!(upward.is_empty(), "rt-core modules that reach a higher floor:\n{}", upward.join("\n"));
}

#[test]
fn references_are_found() {
    let code = code_of(
        "use crate::{a, b::{c, d}, e::f as g};\n\
         // crate::comment\n\
         /* crate::block */\n\
         fn x() { crate::h::i(); my_crate::j(); }\n\
         #[cfg(test)]\n\
         fn t() { crate::k(); }\n\
         #[cfg(test)]\n\
         use crate::l;\n\
         fn y() { crate::m::n() }\n",
    );
    assert_eq!(crate_references(&code), ["a", "b", "e", "h", "m"]);
}

#[test]
fn the_table_is_read() {
    let doc = "x\n<!-- rt-core floors -->\n\n| floor | modules | why |\n|---|---|---|\n| 0 | `a`, `b` | x |\n| 1 | `c` | `not` read |\n\nafter `d`\n";
    let floors = floors_from_docs(doc);
    assert_eq!(floors.into_iter().collect::<Vec<_>>(), [("a".to_string(), 0), ("b".to_string(), 0), ("c".to_string(), 1)]);
}
