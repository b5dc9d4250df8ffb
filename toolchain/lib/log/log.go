// Package log writes timestamped messages, as Go's log: the standard
// logger writes each message as one line, prefixed with a header chosen by
// its flags, to os.Stderr.
//
// rgo has no io package and *os.File implements no interface, so only the
// standard logger exists (no Logger, New or Default), and SetOutput and
// Writer take and return an *os.File where Go has an io.Writer. rgo has no
// caller information either: Llongfile and Lshortfile write "???:0: ", as
// gc does when runtime.Caller fails.
package log

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// Flags choosing the header of each line. The header is the prefix (unless
// Lmsgprefix), then the date, time and file as selected, then the prefix
// if Lmsgprefix: "2009/01/23 01:23:23 message".
const (
	Ldate         = 1 << iota // date in the local time zone: 2009/01/23
	Ltime                     // time in the local time zone: 01:23:23
	Lmicroseconds             // microseconds after the time: 01:23:23.123123 (implies Ltime)
	Llongfile                 // full file name and line ("???:0" in rgo)
	Lshortfile                // last file name element and line; overrides Llongfile
	LUTC                      // date and time in UTC (the local zone is UTC in rgo)
	Lmsgprefix                // the prefix goes right before the message
	LstdFlags     = Ldate | Ltime
)

// A logger writes lines to its output; it may be used by several
// goroutines at once, each line going out in one Write call.
type logger struct {
	mu     sync.Mutex
	prefix string
	flag   int
	out    *os.File
	buf    []byte
}

// std is the standard logger, which the package's functions use.
var std = &logger{out: os.Stderr, flag: LstdFlags}

// SetOutput sets l's destination.
func (l *logger) SetOutput(w *os.File) {
	l.mu.Lock()
	l.out = w
	l.mu.Unlock()
}

// Writer returns l's destination.
func (l *logger) Writer() *os.File {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.out
}

// Flags returns l's flags.
func (l *logger) Flags() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.flag
}

// SetFlags sets l's flags.
func (l *logger) SetFlags(flag int) {
	l.mu.Lock()
	l.flag = flag
	l.mu.Unlock()
}

// Prefix returns l's prefix.
func (l *logger) Prefix() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.prefix
}

// SetPrefix sets l's prefix.
func (l *logger) SetPrefix(prefix string) {
	l.mu.Lock()
	l.prefix = prefix
	l.mu.Unlock()
}

// appendNum appends n in decimal, zero-padded to width digits (n >= 0).
func appendNum(b []byte, n int, width int) []byte {
	var digits [20]byte
	i := len(digits)
	for n >= 10 || width > 1 {
		i--
		digits[i] = byte('0' + n%10)
		n /= 10
		width--
	}
	i--
	digits[i] = byte('0' + n)
	return append(b, digits[i:]...)
}

// header appends the line header for time t to b.
func (l *logger) header(b []byte, t time.Time) []byte {
	if l.flag&Lmsgprefix == 0 {
		b = append(b, l.prefix...)
	}
	if l.flag&(Ldate|Ltime|Lmicroseconds) != 0 {
		if l.flag&LUTC != 0 {
			t = t.UTC()
		}
		if l.flag&Ldate != 0 {
			year, month, day := t.Date()
			b = appendNum(b, year, 4)
			b = append(b, '/')
			b = appendNum(b, int(month), 2)
			b = append(b, '/')
			b = appendNum(b, day, 2)
			b = append(b, ' ')
		}
		if l.flag&(Ltime|Lmicroseconds) != 0 {
			hour, min, sec := t.Clock()
			b = appendNum(b, hour, 2)
			b = append(b, ':')
			b = appendNum(b, min, 2)
			b = append(b, ':')
			b = appendNum(b, sec, 2)
			if l.flag&Lmicroseconds != 0 {
				b = append(b, '.')
				b = appendNum(b, t.Nanosecond()/1000, 6)
			}
			b = append(b, ' ')
		}
	}
	if l.flag&(Lshortfile|Llongfile) != 0 {
		// No caller information: gc's spelling for an unknown caller.
		b = append(b, "???:0: "...)
	}
	if l.flag&Lmsgprefix != 0 {
		b = append(b, l.prefix...)
	}
	return b
}

// Output writes s with l's header as one line (adding the final newline if
// s lacks it) and returns the error of the Write. calldepth would choose
// the caller Llongfile and Lshortfile name; rgo has none to name.
func (l *logger) Output(calldepth int, s string) error {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = l.header(l.buf[:0], now)
	l.buf = append(l.buf, s...)
	if len(s) == 0 || s[len(s)-1] != '\n' {
		l.buf = append(l.buf, '\n')
	}
	_, err := l.out.Write(l.buf)
	return err
}

// SetOutput sets the standard logger's destination.
func SetOutput(w *os.File) { std.SetOutput(w) }

// Writer returns the standard logger's destination.
func Writer() *os.File { return std.Writer() }

// Flags returns the standard logger's flags.
func Flags() int { return std.Flags() }

// SetFlags sets the standard logger's flags.
func SetFlags(flag int) { std.SetFlags(flag) }

// Prefix returns the standard logger's prefix.
func Prefix() string { return std.Prefix() }

// SetPrefix sets the standard logger's prefix.
func SetPrefix(prefix string) { std.SetPrefix(prefix) }

// Output writes s through the standard logger.
func Output(calldepth int, s string) error { return std.Output(calldepth+1, s) }

// Print writes its operands through the standard logger as fmt.Print does.
func Print(v ...any) { std.Output(2, fmt.Sprint(v...)) }

// Printf writes its operands through the standard logger as fmt.Printf
// does.
func Printf(format string, v ...any) { std.Output(2, fmt.Sprintf(format, v...)) }

// Println writes its operands through the standard logger as fmt.Println
// does.
func Println(v ...any) { std.Output(2, fmt.Sprintln(v...)) }

// Fatal is Print followed by os.Exit(1).
func Fatal(v ...any) {
	std.Output(2, fmt.Sprint(v...))
	os.Exit(1)
}

// Fatalf is Printf followed by os.Exit(1).
func Fatalf(format string, v ...any) {
	std.Output(2, fmt.Sprintf(format, v...))
	os.Exit(1)
}

// Fatalln is Println followed by os.Exit(1).
func Fatalln(v ...any) {
	std.Output(2, fmt.Sprintln(v...))
	os.Exit(1)
}

// Panic is Print followed by a panic with the message.
func Panic(v ...any) {
	s := fmt.Sprint(v...)
	std.Output(2, s)
	panic(s)
}

// Panicf is Printf followed by a panic with the message.
func Panicf(format string, v ...any) {
	s := fmt.Sprintf(format, v...)
	std.Output(2, s)
	panic(s)
}

// Panicln is Println followed by a panic with the message.
func Panicln(v ...any) {
	s := fmt.Sprintln(v...)
	std.Output(2, s)
	panic(s)
}
