// rgo's addition to GOROOT's fmt (check/library.rs, OVERLAYS): the printer
// formats through rt-core's formatter, which is several times faster than
// this package compiled by rgo, and falls back to GOROOT's printer (its
// doPrint, doPrintln and doPrintf, renamed) for every operand the
// formatter leaves to it: one with a Formatter, GoStringer, error or
// Stringer method to call, and every %w of Errorf. Output is the same
// either way: the formatter declines before it writes anything.

package fmt

func (p *pp) doPrint(a []any) {
	if !appendPrint((*[]byte)(&p.buf), a, false) {
		p.doPrintGo(a)
	}
}

func (p *pp) doPrintln(a []any) {
	if !appendPrint((*[]byte)(&p.buf), a, true) {
		p.doPrintlnGo(a)
	}
}

func (p *pp) doPrintf(format string, a []any) {
	if p.wrapErrs || !appendPrintf((*[]byte)(&p.buf), format, a) {
		p.doPrintfGo(format, a)
	}
}

// appendPrint appends the operands as Print (Println when ln) formats them
// to *buf and reports true, or reports false and leaves *buf as it was.
//
//go:noescape
//rgo:runtime rgo_fmt_append
func appendPrint(buf *[]byte, a []any, ln bool) bool

// appendPrintf is appendPrint for Printf.
//
//go:noescape
//rgo:runtime rgo_fmt_appendf
func appendPrintf(buf *[]byte, format string, a []any) bool
