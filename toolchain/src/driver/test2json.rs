//! `rgo test -json`: a test binary's verbose output turned into the JSON
//! events `go test -json` prints (`go doc test2json` describes them): one
//! object per line with `Time`, `Action` (`run`, `pause`, `cont`, `pass`,
//! `fail`, `skip`, `bench`, `output`), `Package`, `Test`, `Elapsed` and
//! `Output`, fields left out when empty.
//!
//! The binary runs with `-test.v=true`; its output is read line by line.
//! `=== RUN`/`PAUSE`/`CONT` lines start a test's events, `--- PASS`/`FAIL`/
//! `SKIP`/`BENCH` lines (indented four spaces per subtest level) are held
//! until the next line at their level or above, since a test's own output
//! may follow its result line; every line is also an `output` event of the
//! test it belongs to. A line longer than the input buffer is passed on as
//! output in pieces; output events hold at most [`OUTPUT_BUFFER`] bytes,
//! split at UTF-8 boundaries. The package's last event says `pass`, `fail`
//! or `skip` with the time since the converter started.

use std::io::Write;
use std::time::{Instant, SystemTime};

/// The longest line recognised as a test directive.
const INPUT_BUFFER: usize = 4096;
/// The most bytes of one `output` event.
const OUTPUT_BUFFER: usize = 1024;

/// One event, as the go command encodes it (field order included).
#[derive(Clone, Debug, Default)]
struct Event {
    action: String,
    test: String,
    elapsed: Option<f64>,
    output: Option<Vec<u8>>,
}

/// A piece of a line buffer's input: a whole line (with its newline) or a
/// part of a long one.
enum Piece {
    Line(Vec<u8>),
    Part(Vec<u8>),
}

/// Gathers written bytes into lines of at most `cap` bytes; longer lines
/// come out in parts.
struct LineBuffer {
    b: Vec<u8>,
    cap: usize,
    /// Inside a line whose beginning went out as a part.
    mid: bool,
}

impl LineBuffer {
    fn new(cap: usize) -> LineBuffer {
        LineBuffer { b: Vec::with_capacity(cap), cap, mid: false }
    }

    fn write(&mut self, mut data: &[u8], out: &mut Vec<Piece>) {
        while !data.is_empty() {
            let m = (self.cap - self.b.len()).min(data.len());
            self.b.extend_from_slice(&data[..m]);
            data = &data[m..];
            let mut i = 0;
            while i < self.b.len() {
                let Some(j) = self.b[i..].iter().position(|&c| c == b'\n') else {
                    // A benchmark's name goes out as soon as its tab does,
                    // before its (slow) figures.
                    if !self.mid {
                        if let Some(j) = self.b[i..].iter().position(|&c| c == b'\t') {
                            if is_benchmark_name(trim_spaces_right(&self.b[i..i + j])) {
                                out.push(Piece::Part(self.b[i..i + j + 1].to_vec()));
                                self.mid = true;
                                i += j + 1;
                            }
                        }
                    }
                    break;
                };
                let end = i + j + 1;
                let piece = self.b[i..end].to_vec();
                out.push(if self.mid { Piece::Part(piece) } else { Piece::Line(piece) });
                self.mid = false;
                i = end;
            }
            if i == 0 && self.b.len() == self.cap {
                // No line end in a full buffer: pass on what is whole.
                let t = utf8_whole(&self.b);
                out.push(Piece::Part(self.b[..t].to_vec()));
                self.b.drain(..t);
                self.mid = true;
            }
            if i > 0 {
                self.b.drain(..i);
            }
        }
    }

    /// What is left: a line without its newline.
    fn flush(&mut self, out: &mut Vec<Piece>) {
        if !self.b.is_empty() {
            out.push(Piece::Part(std::mem::take(&mut self.b)));
        }
    }
}

/// The length of the longest prefix of `b` that does not end inside a
/// UTF-8 sequence.
fn utf8_whole(b: &[u8]) -> usize {
    for back in 1..=4.min(b.len()) {
        let c = b[b.len() - back];
        if c & 0xc0 == 0x80 {
            continue; // a continuation byte: look further back
        }
        let need = match c {
            _ if c & 0xe0 == 0xc0 => 2,
            _ if c & 0xf0 == 0xe0 => 3,
            _ if c & 0xf8 == 0xf0 => 4,
            _ => 1,
        };
        return if back < need { b.len() - back } else { b.len() };
    }
    b.len()
}

fn trim_spaces_right(b: &[u8]) -> &[u8] {
    let n = b.iter().rposition(|&c| c != b' ').map_or(0, |i| i + 1);
    &b[..n]
}

/// `Benchmark` alone or followed by a character that is not lower-case.
fn is_benchmark_name(b: &[u8]) -> bool {
    let Some(rest) = b.strip_prefix(b"Benchmark") else { return false };
    String::from_utf8_lossy(rest).chars().next().is_none_or(|c| !c.is_lowercase())
}

/// Converts one package's test output, writing events to `w`.
pub struct Converter<W: Write> {
    w: W,
    pkg: String,
    start: Instant,
    /// The test the output being read belongs to.
    test_name: String,
    /// Result lines not yet reported, outermost first.
    report: Vec<Event>,
    /// The package's result, once known.
    result: Option<&'static str>,
    input: LineBuffer,
    output: LineBuffer,
}

impl<W: Write> Converter<W> {
    pub fn new(w: W, pkg: &str) -> Converter<W> {
        Converter {
            w,
            pkg: pkg.to_string(),
            start: Instant::now(),
            test_name: String::new(),
            report: vec![],
            result: None,
            input: LineBuffer::new(INPUT_BUFFER),
            output: LineBuffer::new(OUTPUT_BUFFER),
        }
    }

    /// The test binary's (or the go command's) output.
    pub fn write(&mut self, b: &[u8]) {
        let mut pieces = vec![];
        self.input.write(b, &mut pieces);
        for p in pieces {
            match p {
                Piece::Line(l) => self.input_line(&l),
                Piece::Part(part) => self.out(&part),
            }
        }
    }

    /// The binary exited: successfully or not.
    pub fn exited(&mut self, ok: bool) {
        self.result = Some(if ok { "pass" } else { "fail" });
    }

    /// The end: what is left of the output, then the package's result.
    pub fn close(&mut self) {
        let mut pieces = vec![];
        self.input.flush(&mut pieces);
        for p in pieces {
            let (Piece::Line(b) | Piece::Part(b)) = p;
            self.out(&b);
        }
        let mut pieces = vec![];
        self.output.flush(&mut pieces);
        for p in pieces {
            let (Piece::Line(b) | Piece::Part(b)) = p;
            self.output_event(b);
        }
        if let Some(result) = self.result {
            let elapsed = (self.start.elapsed().as_secs_f64() * 1000.0).round() / 1000.0;
            self.event(Event { action: result.to_string(), elapsed: Some(elapsed), ..Default::default() });
        }
        let _ = self.w.flush();
    }

    /// Output bytes, as `output` events of the current test.
    fn out(&mut self, b: &[u8]) {
        let mut pieces = vec![];
        self.output.write(b, &mut pieces);
        for p in pieces {
            let (Piece::Line(b) | Piece::Part(b)) = p;
            self.output_event(b);
        }
    }

    fn output_event(&mut self, b: Vec<u8>) {
        self.event(Event { action: "output".into(), output: Some(b), ..Default::default() });
    }

    /// One whole line of input.
    fn input_line(&mut self, line: &[u8]) {
        if line == b"PASS\n" || line == b"FAIL\n" || line.starts_with(b"FAIL\t") {
            self.flush_report(0);
            self.out(line);
            self.result = Some(if line == b"PASS\n" { "pass" } else { "fail" });
            return;
        }
        if line.starts_with(b"?   \t") && line.ends_with(b"\t[no test files]\n") && self.report.is_empty() {
            self.result = Some("skip");
        }
        const UPDATES: [&[u8]; 3] = [b"=== RUN   ", b"=== PAUSE ", b"=== CONT  "];
        const REPORTS: [&[u8]; 4] = [b"--- PASS: ", b"--- FAIL: ", b"--- SKIP: ", b"--- BENCH: "];
        let update = UPDATES.iter().any(|m| line.starts_with(m));
        let mut rest = line;
        let mut indent = 0;
        let mut report = false;
        if !update {
            while let Some(r) = rest.strip_prefix(b"    ") {
                rest = r;
                indent += 1;
            }
            report = REPORTS.iter().any(|m| rest.starts_with(m));
        }
        if !update && !report {
            // Output of the test at this indentation, when known.
            if indent > 0 && indent <= self.report.len() {
                self.test_name = self.report[indent - 1].test.clone();
            }
            self.out(line);
            return;
        }
        let split = if report { rest.iter().position(|&c| c == b':').map_or(0, |i| i + 1) } else { UPDATES[0].len() };
        let split = if split == 0 { UPDATES[0].len() } else { split };
        let text = String::from_utf8_lossy(rest);
        let action = text[4..split].trim().trim_end_matches(':').to_lowercase();
        let mut name = text[split..].trim().to_string();
        let mut e = Event { action, ..Default::default() };
        if report {
            if let Some(i) = name.find(" (") {
                if let Some(secs) = name.strip_suffix("s)").and_then(|n| n.get(i + 2..)) {
                    e.elapsed = secs.parse::<f64>().ok();
                }
                name.truncate(i);
            }
            if self.report.len() < indent {
                // Deeper than any test running: plain output.
                self.out(line);
                return;
            }
            self.flush_report(indent);
            e.test = name.clone();
            self.test_name = name;
            self.report.push(e);
            self.out(line);
            return;
        }
        self.flush_report(0);
        self.test_name = name;
        let pause = e.action == "pause";
        if pause {
            // The line first, so that nothing seems printed by a paused test.
            self.out(line);
        }
        self.event(e);
        if !pause {
            self.out(line);
        }
    }

    /// Reports the held results at `depth` and deeper, innermost first.
    fn flush_report(&mut self, depth: usize) {
        self.test_name.clear();
        while self.report.len() > depth {
            let e = self.report.pop().unwrap_or_default();
            self.event(e);
        }
    }

    fn event(&mut self, mut e: Event) {
        if e.test.is_empty() {
            e.test = self.test_name.clone();
        }
        let mut s = String::from("{\"Time\":\"");
        s.push_str(&rfc3339_now());
        s.push_str("\",\"Action\":");
        json_string(&mut s, e.action.as_bytes());
        if !self.pkg.is_empty() {
            s.push_str(",\"Package\":");
            json_string(&mut s, self.pkg.as_bytes());
        }
        if !e.test.is_empty() {
            s.push_str(",\"Test\":");
            json_string(&mut s, e.test.as_bytes());
        }
        if let Some(t) = e.elapsed {
            s.push_str(&format!(",\"Elapsed\":{t}"));
        }
        if let Some(o) = &e.output {
            s.push_str(",\"Output\":");
            json_string(&mut s, o);
        }
        s.push_str("}\n");
        let _ = self.w.write_all(s.as_bytes());
        let _ = self.w.flush();
    }
}

/// `b` as a JSON string, as Go's encoding/json writes one: `<`, `>`, `&`,
/// U+2028 and U+2029 escaped, invalid UTF-8 as U+FFFD.
pub(crate) fn json_string(s: &mut String, b: &[u8]) {
    s.push('"');
    for c in String::from_utf8_lossy(b).chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => s.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 => s.push_str(&format!("\\u{:04x}", c as u32)),
            c => s.push(c),
        }
    }
    s.push('"');
}

/// Now, as Go marshals a `time.Time` in UTC: RFC 3339 with nanoseconds,
/// trailing zeros of the fraction dropped.
fn rfc3339_now() -> String {
    let full = humantime::format_rfc3339_nanos(SystemTime::now()).to_string();
    // `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`
    let Some((whole, frac)) = full.trim_end_matches('Z').split_once('.') else { return full };
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{whole}Z")
    } else {
        format!("{whole}.{frac}Z")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events of `input` without their times.
    fn convert(input: &[&[u8]], ok: bool) -> Vec<String> {
        let mut out = vec![];
        {
            let mut c = Converter::new(&mut out, "p");
            for b in input {
                c.write(b);
            }
            c.exited(ok);
            c.close();
        }
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| {
                let at = l.find("\"Action\"").unwrap();
                format!("{{{}", &l[at..])
            })
            .collect()
    }

    #[test]
    fn tests_subtests_and_output() {
        let got = convert(
            &[b"=== RUN   TestA\n=== RUN   TestA/sub\n    x_test.go:5: hi <there>\n", b"--- FAIL: TestA (0.01s)\n    --- FAIL: TestA/sub (0.00s)\n        x_test.go:9: bad\nFAIL\n"],
            false,
        );
        let want = [
            r#"{"Action":"run","Package":"p","Test":"TestA"}"#,
            r#"{"Action":"output","Package":"p","Test":"TestA","Output":"=== RUN   TestA\n"}"#,
            r#"{"Action":"run","Package":"p","Test":"TestA/sub"}"#,
            r#"{"Action":"output","Package":"p","Test":"TestA/sub","Output":"=== RUN   TestA/sub\n"}"#,
            r#"{"Action":"output","Package":"p","Test":"TestA/sub","Output":"    x_test.go:5: hi \u003cthere\u003e\n"}"#,
            r#"{"Action":"output","Package":"p","Test":"TestA","Output":"--- FAIL: TestA (0.01s)\n"}"#,
            r#"{"Action":"output","Package":"p","Test":"TestA/sub","Output":"    --- FAIL: TestA/sub (0.00s)\n"}"#,
            r#"{"Action":"output","Package":"p","Test":"TestA/sub","Output":"        x_test.go:9: bad\n"}"#,
            r#"{"Action":"fail","Package":"p","Test":"TestA/sub","Elapsed":0}"#,
            r#"{"Action":"fail","Package":"p","Test":"TestA","Elapsed":0.01}"#,
            r#"{"Action":"output","Package":"p","Output":"FAIL\n"}"#,
        ];
        assert_eq!(&got[..want.len()], &want[..]);
        assert_eq!(got.len(), want.len() + 1);
        assert!(got[want.len()].starts_with(r#"{"Action":"fail","Package":"p","Elapsed":"#), "{}", got[want.len()]);
    }

    #[test]
    fn long_lines_split_at_utf8_boundaries() {
        let mut line = "é".repeat(700).into_bytes();
        line.push(b'\n');
        let got = convert(&[&line], true);
        let outputs: Vec<&String> = got.iter().filter(|e| e.contains("\"output\"")).collect();
        assert_eq!(outputs.len(), 2, "{got:?}");
        assert!(got.last().unwrap().starts_with(r#"{"Action":"pass""#));
    }

    #[test]
    fn benchmark_names_go_out_before_their_figures() {
        let mut out = vec![];
        {
            let mut c = Converter::new(&mut out, "p");
            c.write(b"BenchmarkX-2   \t");
        }
        let so_far = String::from_utf8(out).unwrap_or_default();
        assert!(so_far.contains(r#""Output":"BenchmarkX-2   \t""#), "{so_far}");
    }

    #[test]
    fn times_as_go_writes_them() {
        let t = rfc3339_now();
        assert!(t.len() >= 20 && t.ends_with('Z') && t.as_bytes()[10] == b'T', "{t}");
        assert!(!t.trim_end_matches('Z').ends_with('0') || !t.contains('.'), "{t}");
    }
}
