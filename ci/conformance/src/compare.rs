//! Comparing a program's output with the expected output, and showing the
//! first difference in a table cell.

/// How long a shown line may be, in characters.
pub const SHOW: usize = 80;

/// The first line where `got` differs from `want`, as
/// `line N: expected `…`, got `…``; `None` when they are equal byte for byte.
pub fn first_difference(want: &[u8], got: &[u8]) -> Option<String> {
    if want == got {
        return None;
    }
    let w: Vec<&[u8]> = want.split_inclusive(|&b| b == b'\n').collect();
    let g: Vec<&[u8]> = got.split_inclusive(|&b| b == b'\n').collect();
    let i = (0..).find(|&i| w.get(i) != g.get(i)).expect("the outputs differ");
    let (wl, gl) = (w.get(i).copied(), g.get(i).copied());
    let mut msg = format!("line {}: expected {}, got {}", i + 1, show_line(wl), show_line(gl));
    if let (Some(a), Some(b)) = (wl, gl) {
        if strip_nl(a) == strip_nl(b) {
            let missing = if a.ends_with(b"\n") { "got" } else { "expected" };
            msg.push_str(&format!(" (no newline at the end of {missing})"));
        }
    }
    Some(msg)
}

fn strip_nl(l: &[u8]) -> &[u8] {
    l.strip_suffix(b"\n").unwrap_or(l)
}

/// A line for a message: `<EOF>` for none, else quoted with backticks.
fn show_line(l: Option<&[u8]>) -> String {
    match l {
        None => "<EOF>".to_string(),
        Some(l) => format!("`{}`", show(strip_nl(l))),
    }
}

/// Text for a markdown table cell: lossy UTF-8, control characters
/// escaped, `|` and backticks replaced, at most [`SHOW`] characters.
pub fn show(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == SHOW {
            out.push('…');
            break;
        }
        match c {
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '|' => out.push('¦'),
            '`' => out.push('\''),
            c if c.is_control() => out.push_str(&c.escape_default().to_string()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_outputs() {
        assert_eq!(first_difference(b"", b""), None);
        assert_eq!(first_difference(b"a\nb\n", b"a\nb\n"), None);
    }

    #[test]
    fn differing_line() {
        assert_eq!(first_difference(b"a\nb\nc\n", b"a\nx\nc\n").unwrap(), "line 2: expected `b`, got `x`");
    }

    #[test]
    fn missing_and_extra_lines() {
        assert_eq!(first_difference(b"", b"panic: boom\n").unwrap(), "line 1: expected <EOF>, got `panic: boom`");
        assert_eq!(first_difference(b"a\nb\n", b"a\n").unwrap(), "line 2: expected `b`, got <EOF>");
    }

    #[test]
    fn final_newline() {
        assert_eq!(
            first_difference(b"a\n", b"a").unwrap(),
            "line 1: expected `a`, got `a` (no newline at the end of got)"
        );
    }

    #[test]
    fn long_and_odd_lines_are_cell_safe() {
        let long = "x".repeat(200);
        let d = first_difference(b"", long.as_bytes()).unwrap();
        assert_eq!(d, format!("line 1: expected <EOF>, got `{}…`", "x".repeat(SHOW)));
        assert_eq!(show(b"a|b`c\td\x01\xff"), "a¦b'c\\td\\u{1}\u{fffd}");
    }
}
