// Package flag parses command-line flags, as Go's flag: -name, --name,
// -name=value and -name value (the last not for boolean flags), up to the
// first non-flag argument or "--".
//
// rgo has no io package: usage and error messages always go to os.Stderr
// (there is no SetOutput or Output). rgo has no reflection either: for a
// Value of the program's own type, PrintDefaults treats a default whose
// text is "", "0", "false", "0s", "[]" or "<nil>" as the zero value, where
// Go builds a zero Value and compares with its String.
package flag

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ErrHelp is what Parse returns when -help or -h was asked for and no such
// flag is defined.
var ErrHelp = errors.New("flag: help requested")

// errParse and errRange are the errors of values that do not parse or do
// not fit.
var errParse = errors.New("parse error")
var errRange = errors.New("value out of range")

// Value is the text form of a flag's value: Set parses, String formats.
// The values of the package's own flags are set even when Set fails: to
// zero, or to the nearest limit for a number out of range.
type Value interface {
	String() string
	Set(string) error
}

// Getter is a Value whose contents Get returns.
type Getter interface {
	Value
	Get() any
}

// boolFlag is a Value that needs no argument when IsBoolFlag is true.
type boolFlag interface {
	Value
	IsBoolFlag() bool
}

type boolValue bool

func (b *boolValue) Set(s string) error {
	switch s {
	case "1", "t", "T", "TRUE", "true", "True":
		*b = true
	case "0", "f", "F", "FALSE", "false", "False":
		*b = false
	default:
		// A value that does not parse leaves false, as Go's does.
		*b = false
		return errParse
	}
	return nil
}

func (b *boolValue) Get() any { return bool(*b) }

func (b *boolValue) String() string {
	if *b {
		return "true"
	}
	return "false"
}

func (b *boolValue) IsBoolFlag() bool { return true }

type intValue int

func (i *intValue) Set(s string) error {
	v, err := parseInt(s, strconv.IntSize)
	*i = intValue(v)
	return err
}

func (i *intValue) Get() any { return int(*i) }

func (i *intValue) String() string { return strconv.Itoa(int(*i)) }

type int64Value int64

func (i *int64Value) Set(s string) error {
	v, err := parseInt(s, 64)
	*i = int64Value(v)
	return err
}

func (i *int64Value) Get() any { return int64(*i) }

func (i *int64Value) String() string { return strconv.FormatInt(int64(*i), 10) }

type uintValue uint

func (i *uintValue) Set(s string) error {
	v, err := parseUint(s, strconv.IntSize)
	*i = uintValue(v)
	return err
}

func (i *uintValue) Get() any { return uint(*i) }

func (i *uintValue) String() string { return formatUint(uint64(*i)) }

type uint64Value uint64

func (i *uint64Value) Set(s string) error {
	v, err := parseUint(s, 64)
	*i = uint64Value(v)
	return err
}

func (i *uint64Value) Get() any { return uint64(*i) }

func (i *uint64Value) String() string { return formatUint(uint64(*i)) }

type stringValue string

func (s *stringValue) Set(v string) error {
	*s = stringValue(v)
	return nil
}

func (s *stringValue) Get() any { return string(*s) }

func (s *stringValue) String() string { return string(*s) }

type float64Value float64

func (f *float64Value) Set(s string) error {
	v, err := parseFloat(s)
	*f = float64Value(v)
	return err
}

func (f *float64Value) Get() any { return float64(*f) }

func (f *float64Value) String() string { return strconv.FormatFloat(float64(*f), 'g', -1, 64) }

type durationValue time.Duration

func (d *durationValue) Set(s string) error {
	v, err := time.ParseDuration(s)
	*d = durationValue(v)
	if err != nil {
		return errParse
	}
	return nil
}

func (d *durationValue) Get() any { return time.Duration(*d) }

func (d *durationValue) String() string { return time.Duration(*d).String() }

type funcValue func(string) error

func (f funcValue) Set(s string) error { return f(s) }

func (f funcValue) String() string { return "" }

// formatUint returns v in decimal.
func formatUint(v uint64) string {
	var buf [20]byte
	i := len(buf)
	for v >= 10 {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
	}
	i--
	buf[i] = byte('0' + v)
	return string(buf[i:])
}

// lower returns c in lower case if it is an ASCII letter.
func lower(c byte) byte { return c | ('x' - 'X') }

// underscoresOK reports whether the underscores in s each stand between
// digits or after a base prefix (Go's rule for number literals).
func underscoresOK(s string) bool {
	saw := byte('^') // '0': digit or prefix, '_': underscore, '!': other
	i := 0
	if len(s) >= 1 && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	hex := false
	if len(s) >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x') {
		i = 2
		saw = '0'
		hex = lower(s[1]) == 'x'
	}
	for ; i < len(s); i++ {
		c := s[i]
		if '0' <= c && c <= '9' || hex && 'a' <= lower(c) && lower(c) <= 'f' {
			saw = '0'
			continue
		}
		if c == '_' {
			if saw != '0' {
				return false
			}
			saw = '_'
			continue
		}
		if saw == '_' {
			return false
		}
		saw = '!'
	}
	return saw != '_'
}

// parseUint parses s as strconv.ParseUint(s, 0, bits) does: decimal, or
// with a prefix 0x, 0o, 0b or 0 for octal, with underscores between digits
// as in Go's literals. Out of range it returns the largest value with
// errRange.
func parseUint(s string, bits int) (uint64, error) {
	if s == "" {
		return 0, errParse
	}
	s0 := s
	base := uint64(10)
	if s[0] == '0' {
		switch {
		case len(s) >= 3 && lower(s[1]) == 'b':
			base, s = 2, s[2:]
		case len(s) >= 3 && lower(s[1]) == 'o':
			base, s = 8, s[2:]
		case len(s) >= 3 && lower(s[1]) == 'x':
			base, s = 16, s[2:]
		default:
			base, s = 8, s[1:]
		}
	}
	max := uint64(1)<<uint(bits) - 1
	if bits == 64 {
		max = 1<<64 - 1
	}
	var n uint64
	underscores := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		var d uint64
		switch {
		case c == '_':
			underscores = true
			continue
		case '0' <= c && c <= '9':
			d = uint64(c - '0')
		case 'a' <= lower(c) && lower(c) <= 'z':
			d = uint64(lower(c)-'a') + 10
		default:
			return 0, errParse
		}
		if d >= base {
			return 0, errParse
		}
		// Too large a value is reported before any later bad digit.
		if n > (max-d)/base {
			return max, errRange
		}
		n = n*base + d
	}
	if underscores && !underscoresOK(s0) {
		return 0, errParse
	}
	return n, nil
}

// parseInt parses s as strconv.ParseInt(s, 0, bits) does; out of range it
// returns the nearest limit with errRange.
func parseInt(s string, bits int) (int64, error) {
	if s == "" {
		return 0, errParse
	}
	neg := false
	if s[0] == '+' || s[0] == '-' {
		neg = s[0] == '-'
		s = s[1:]
	}
	u, err := parseUint(s, bits)
	if err == errParse {
		return 0, err
	}
	// Out of range, the result is the nearest representable value.
	limit := uint64(1) << uint(bits-1)
	if !neg && u >= limit {
		return int64(limit - 1), errRange
	}
	if neg && u > limit {
		return -int64(limit), errRange
	}
	if neg {
		return -int64(u), nil
	}
	return int64(u), nil
}

// ErrorHandling says what Parse does on an error.
type ErrorHandling int

// The ways of handling a parse error.
const (
	ContinueOnError ErrorHandling = iota // return the error
	ExitOnError                          // os.Exit(2), or os.Exit(0) for -h and -help
	PanicOnError                         // panic with the error
)

// A FlagSet is a set of defined flags. Usage, called on a parse error and
// for -h, may be replaced.
type FlagSet struct {
	Usage func()

	name          string
	parsed        bool
	actual        map[string]*Flag
	formal        map[string]*Flag
	args          []string
	errorHandling ErrorHandling
}

// A Flag is one defined flag.
type Flag struct {
	Name     string // as it appears on the command line
	Usage    string // help text
	Value    Value  // current value
	DefValue string // default value, as text
}

// NewFlagSet returns an empty FlagSet with the given name and error
// handling.
func NewFlagSet(name string, errorHandling ErrorHandling) *FlagSet {
	f := &FlagSet{name: name, errorHandling: errorHandling}
	f.Usage = f.defaultUsage
	return f
}

// Init sets f's name and error handling.
func (f *FlagSet) Init(name string, errorHandling ErrorHandling) {
	f.name = name
	f.errorHandling = errorHandling
}

// Name returns f's name.
func (f *FlagSet) Name() string { return f.name }

// ErrorHandling returns f's error handling.
func (f *FlagSet) ErrorHandling() ErrorHandling { return f.errorHandling }

// sorted returns the flags of m ordered by name.
func sorted(m map[string]*Flag) []*Flag {
	list := make([]*Flag, 0, len(m))
	for _, fl := range m {
		list = append(list, fl)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return list
}

// VisitAll calls fn for every defined flag, in name order.
func (f *FlagSet) VisitAll(fn func(*Flag)) {
	for _, fl := range sorted(f.formal) {
		fn(fl)
	}
}

// Visit calls fn for every flag that has been set, in name order.
func (f *FlagSet) Visit(fn func(*Flag)) {
	for _, fl := range sorted(f.actual) {
		fn(fl)
	}
}

// Lookup returns the Flag called name, or nil.
func (f *FlagSet) Lookup(name string) *Flag { return f.formal[name] }

// Set sets the flag called name to value.
func (f *FlagSet) Set(name, value string) error {
	fl, ok := f.formal[name]
	if !ok {
		return fmt.Errorf("no such flag -%v", name)
	}
	if err := fl.Value.Set(value); err != nil {
		return err
	}
	if f.actual == nil {
		f.actual = make(map[string]*Flag)
	}
	f.actual[name] = fl
	return nil
}

// zeroTexts are the String results of the zero values PrintDefaults
// leaves out for Values of the program's own types.
var zeroTexts = [...]string{"", "0", "false", "0s", "[]", "<nil>"}

// isZero reports whether fl's default is its type's zero value.
func isZero(fl *Flag) bool {
	switch fl.Value.(type) {
	case *boolValue:
		return fl.DefValue == "false"
	case *intValue, *int64Value, *uintValue, *uint64Value, *float64Value:
		return fl.DefValue == "0"
	case *stringValue, funcValue:
		return fl.DefValue == ""
	case *durationValue:
		return fl.DefValue == "0s"
	}
	for _, z := range zeroTexts {
		if fl.DefValue == z {
			return true
		}
	}
	return false
}

// UnquoteUsage returns the name of fl's argument and its usage text: the
// first `back-quoted` word of the usage (unquoted in the text), or else
// the kind of value ("int", "string", ...; "" for a boolean flag).
func UnquoteUsage(fl *Flag) (name string, usage string) {
	usage = fl.Usage
	if i := strings.Index(usage, "`"); i >= 0 {
		if j := strings.Index(usage[i+1:], "`"); j >= 0 {
			name = usage[i+1 : i+1+j]
			return name, usage[:i] + name + usage[i+2+j:]
		}
	}
	name = "value"
	switch v := fl.Value.(type) {
	case boolFlag:
		if v.IsBoolFlag() {
			name = ""
		}
	case *durationValue:
		name = "duration"
	case *float64Value:
		name = "float"
	case *intValue, *int64Value:
		name = "int"
	case *stringValue:
		name = "string"
	case *uintValue, *uint64Value:
		name = "uint"
	}
	return name, usage
}

// PrintDefaults writes every flag's line of help to os.Stderr.
func (f *FlagSet) PrintDefaults() {
	f.VisitAll(func(fl *Flag) {
		var b strings.Builder
		b.WriteString("  -")
		b.WriteString(fl.Name)
		name, usage := UnquoteUsage(fl)
		if name != "" {
			b.WriteString(" ")
			b.WriteString(name)
		}
		// A one-letter flag without argument keeps its text on its line.
		if b.Len() <= 4 {
			b.WriteString("\t")
		} else {
			b.WriteString("\n    \t")
		}
		b.WriteString(strings.ReplaceAll(usage, "\n", "\n    \t"))
		if !isZero(fl) {
			if _, ok := fl.Value.(*stringValue); ok {
				b.WriteString(fmt.Sprintf(" (default %q)", fl.DefValue))
			} else {
				b.WriteString(" (default " + fl.DefValue + ")")
			}
		}
		b.WriteString("\n")
		os.Stderr.WriteString(b.String())
	})
}

// defaultUsage is a new FlagSet's Usage.
func (f *FlagSet) defaultUsage() {
	if f.name == "" {
		os.Stderr.WriteString("Usage:\n")
	} else {
		os.Stderr.WriteString("Usage of " + f.name + ":\n")
	}
	f.PrintDefaults()
}

// usage calls f.Usage, or the default usage if it is nil.
func (f *FlagSet) usage() {
	if f.Usage == nil {
		f.defaultUsage()
	} else {
		f.Usage()
	}
}

// NFlag returns the number of flags that have been set.
func (f *FlagSet) NFlag() int { return len(f.actual) }

// Arg returns argument i left after the flags, or "" if there is none.
func (f *FlagSet) Arg(i int) string {
	if i < 0 || i >= len(f.args) {
		return ""
	}
	return f.args[i]
}

// NArg returns the number of arguments left after the flags.
func (f *FlagSet) NArg() int { return len(f.args) }

// Args returns the arguments left after the flags.
func (f *FlagSet) Args() []string { return f.args }

// sprintf formats a message, writes it to os.Stderr and returns it.
func (f *FlagSet) sprintf(format string, a ...any) string {
	msg := fmt.Sprintf(format, a...)
	os.Stderr.WriteString(msg + "\n")
	return msg
}

// Var defines a flag with the given name and usage whose value is value;
// its current text is the default.
func (f *FlagSet) Var(value Value, name string, usage string) {
	if strings.HasPrefix(name, "-") {
		panic(f.sprintf("flag %q begins with -", name))
	} else if strings.Contains(name, "=") {
		panic(f.sprintf("flag %q contains =", name))
	}
	fl := &Flag{Name: name, Usage: usage, Value: value, DefValue: value.String()}
	if _, dup := f.formal[name]; dup {
		if f.name == "" {
			panic(f.sprintf("flag redefined: %s", name))
		}
		panic(f.sprintf("%s flag redefined: %s", f.name, name))
	}
	if f.formal == nil {
		f.formal = make(map[string]*Flag)
	}
	f.formal[name] = fl
}

// BoolVar defines a bool flag stored in *p.
func (f *FlagSet) BoolVar(p *bool, name string, value bool, usage string) {
	*p = value
	f.Var((*boolValue)(p), name, usage)
}

// Bool defines a bool flag and returns where it is stored.
func (f *FlagSet) Bool(name string, value bool, usage string) *bool {
	p := new(bool)
	f.BoolVar(p, name, value, usage)
	return p
}

// IntVar defines an int flag stored in *p.
func (f *FlagSet) IntVar(p *int, name string, value int, usage string) {
	*p = value
	f.Var((*intValue)(p), name, usage)
}

// Int defines an int flag and returns where it is stored.
func (f *FlagSet) Int(name string, value int, usage string) *int {
	p := new(int)
	f.IntVar(p, name, value, usage)
	return p
}

// Int64Var defines an int64 flag stored in *p.
func (f *FlagSet) Int64Var(p *int64, name string, value int64, usage string) {
	*p = value
	f.Var((*int64Value)(p), name, usage)
}

// Int64 defines an int64 flag and returns where it is stored.
func (f *FlagSet) Int64(name string, value int64, usage string) *int64 {
	p := new(int64)
	f.Int64Var(p, name, value, usage)
	return p
}

// UintVar defines a uint flag stored in *p.
func (f *FlagSet) UintVar(p *uint, name string, value uint, usage string) {
	*p = value
	f.Var((*uintValue)(p), name, usage)
}

// Uint defines a uint flag and returns where it is stored.
func (f *FlagSet) Uint(name string, value uint, usage string) *uint {
	p := new(uint)
	f.UintVar(p, name, value, usage)
	return p
}

// Uint64Var defines a uint64 flag stored in *p.
func (f *FlagSet) Uint64Var(p *uint64, name string, value uint64, usage string) {
	*p = value
	f.Var((*uint64Value)(p), name, usage)
}

// Uint64 defines a uint64 flag and returns where it is stored.
func (f *FlagSet) Uint64(name string, value uint64, usage string) *uint64 {
	p := new(uint64)
	f.Uint64Var(p, name, value, usage)
	return p
}

// StringVar defines a string flag stored in *p.
func (f *FlagSet) StringVar(p *string, name string, value string, usage string) {
	*p = value
	f.Var((*stringValue)(p), name, usage)
}

// String defines a string flag and returns where it is stored.
func (f *FlagSet) String(name string, value string, usage string) *string {
	p := new(string)
	f.StringVar(p, name, value, usage)
	return p
}

// Float64Var defines a float64 flag stored in *p.
func (f *FlagSet) Float64Var(p *float64, name string, value float64, usage string) {
	*p = value
	f.Var((*float64Value)(p), name, usage)
}

// Float64 defines a float64 flag and returns where it is stored.
func (f *FlagSet) Float64(name string, value float64, usage string) *float64 {
	p := new(float64)
	f.Float64Var(p, name, value, usage)
	return p
}

// DurationVar defines a time.Duration flag stored in *p; its values are
// written as time.ParseDuration reads them.
func (f *FlagSet) DurationVar(p *time.Duration, name string, value time.Duration, usage string) {
	*p = value
	f.Var((*durationValue)(p), name, usage)
}

// Duration defines a time.Duration flag and returns where it is stored.
func (f *FlagSet) Duration(name string, value time.Duration, usage string) *time.Duration {
	p := new(time.Duration)
	f.DurationVar(p, name, value, usage)
	return p
}

// Func defines a flag that calls fn with each value it is given.
func (f *FlagSet) Func(name, usage string, fn func(string) error) {
	f.Var(funcValue(fn), name, usage)
}

// failf reports an error with the usage and returns it.
func (f *FlagSet) failf(format string, a ...any) error {
	err := fmt.Errorf(format, a...)
	os.Stderr.WriteString(err.Error() + "\n")
	f.usage()
	return err
}

// parseOne parses the flag at the start of f.args; false when the flags
// have ended.
func (f *FlagSet) parseOne() (bool, error) {
	if len(f.args) == 0 {
		return false, nil
	}
	s := f.args[0]
	if len(s) < 2 || s[0] != '-' {
		return false, nil
	}
	dashes := 1
	if s[1] == '-' {
		dashes++
		if len(s) == 2 {
			// "--" ends the flags and is dropped.
			f.args = f.args[1:]
			return false, nil
		}
	}
	name := s[dashes:]
	if len(name) == 0 || name[0] == '-' || name[0] == '=' {
		return false, f.failf("bad flag syntax: %s", s)
	}
	f.args = f.args[1:]
	hasValue := false
	value := ""
	if i := strings.Index(name[1:], "="); i >= 0 {
		value = name[i+2:]
		hasValue = true
		name = name[:i+1]
	}
	fl, ok := f.formal[name]
	if !ok {
		if name == "help" || name == "h" {
			f.usage()
			return false, ErrHelp
		}
		return false, f.failf("flag provided but not defined: -%s", name)
	}
	if bv, ok := fl.Value.(boolFlag); ok && bv.IsBoolFlag() {
		if hasValue {
			if err := bv.Set(value); err != nil {
				return false, f.failf("invalid boolean value %q for -%s: %v", value, name, err)
			}
		} else if err := bv.Set("true"); err != nil {
			return false, f.failf("invalid boolean flag %s: %v", name, err)
		}
	} else {
		if !hasValue && len(f.args) > 0 {
			hasValue = true
			value, f.args = f.args[0], f.args[1:]
		}
		if !hasValue {
			return false, f.failf("flag needs an argument: -%s", name)
		}
		if err := fl.Value.Set(value); err != nil {
			return false, f.failf("invalid value %q for flag -%s: %v", value, name, err)
		}
	}
	if f.actual == nil {
		f.actual = make(map[string]*Flag)
	}
	f.actual[name] = fl
	return true, nil
}

// Parse parses the flags at the start of arguments (without the program
// name); what follows them is left for Args. It must be called after the
// flags are defined and before the program reads them.
func (f *FlagSet) Parse(arguments []string) error {
	f.parsed = true
	f.args = arguments
	for {
		more, err := f.parseOne()
		if more {
			continue
		}
		if err == nil {
			return nil
		}
		switch f.errorHandling {
		case ContinueOnError:
			return err
		case ExitOnError:
			if err == ErrHelp {
				os.Exit(0)
			}
			os.Exit(2)
		case PanicOnError:
			panic(err)
		}
		return err
	}
}

// Parsed reports whether f.Parse has been called.
func (f *FlagSet) Parsed() bool { return f.parsed }

// CommandLine is the set of the program's flags, parsed from os.Args[1:]
// by Parse.
var CommandLine = NewFlagSet(os.Args[0], ExitOnError)

// Usage writes the program's usage (its name and PrintDefaults) to
// os.Stderr; it may be replaced.
var Usage = func() {
	os.Stderr.WriteString("Usage of " + os.Args[0] + ":\n")
	PrintDefaults()
}

func init() {
	// Calls go through the variable, so that a Usage set later counts.
	CommandLine.Usage = func() { Usage() }
}

// VisitAll calls fn for every command-line flag, in name order.
func VisitAll(fn func(*Flag)) { CommandLine.VisitAll(fn) }

// Visit calls fn for every command-line flag that has been set.
func Visit(fn func(*Flag)) { CommandLine.Visit(fn) }

// Lookup returns the command-line flag called name, or nil.
func Lookup(name string) *Flag { return CommandLine.formal[name] }

// Set sets the command-line flag called name.
func Set(name, value string) error { return CommandLine.Set(name, value) }

// PrintDefaults writes the command-line flags' help to os.Stderr.
func PrintDefaults() { CommandLine.PrintDefaults() }

// NFlag returns the number of command-line flags that have been set.
func NFlag() int { return len(CommandLine.actual) }

// Arg returns command-line argument i left after the flags, or "".
func Arg(i int) string { return CommandLine.Arg(i) }

// NArg returns the number of arguments left after the flags.
func NArg() int { return len(CommandLine.args) }

// Args returns the arguments left after the flags.
func Args() []string { return CommandLine.args }

// Parse parses the command-line flags from os.Args[1:].
func Parse() { CommandLine.Parse(os.Args[1:]) }

// Parsed reports whether the command-line flags have been parsed.
func Parsed() bool { return CommandLine.Parsed() }

// BoolVar defines a bool command-line flag stored in *p.
func BoolVar(p *bool, name string, value bool, usage string) {
	CommandLine.BoolVar(p, name, value, usage)
}

// Bool defines a bool command-line flag.
func Bool(name string, value bool, usage string) *bool {
	return CommandLine.Bool(name, value, usage)
}

// IntVar defines an int command-line flag stored in *p.
func IntVar(p *int, name string, value int, usage string) {
	CommandLine.IntVar(p, name, value, usage)
}

// Int defines an int command-line flag.
func Int(name string, value int, usage string) *int {
	return CommandLine.Int(name, value, usage)
}

// Int64Var defines an int64 command-line flag stored in *p.
func Int64Var(p *int64, name string, value int64, usage string) {
	CommandLine.Int64Var(p, name, value, usage)
}

// Int64 defines an int64 command-line flag.
func Int64(name string, value int64, usage string) *int64 {
	return CommandLine.Int64(name, value, usage)
}

// UintVar defines a uint command-line flag stored in *p.
func UintVar(p *uint, name string, value uint, usage string) {
	CommandLine.UintVar(p, name, value, usage)
}

// Uint defines a uint command-line flag.
func Uint(name string, value uint, usage string) *uint {
	return CommandLine.Uint(name, value, usage)
}

// Uint64Var defines a uint64 command-line flag stored in *p.
func Uint64Var(p *uint64, name string, value uint64, usage string) {
	CommandLine.Uint64Var(p, name, value, usage)
}

// Uint64 defines a uint64 command-line flag.
func Uint64(name string, value uint64, usage string) *uint64 {
	return CommandLine.Uint64(name, value, usage)
}

// StringVar defines a string command-line flag stored in *p.
func StringVar(p *string, name string, value string, usage string) {
	CommandLine.StringVar(p, name, value, usage)
}

// String defines a string command-line flag.
func String(name string, value string, usage string) *string {
	return CommandLine.String(name, value, usage)
}

// Float64Var defines a float64 command-line flag stored in *p.
func Float64Var(p *float64, name string, value float64, usage string) {
	CommandLine.Float64Var(p, name, value, usage)
}

// Float64 defines a float64 command-line flag.
func Float64(name string, value float64, usage string) *float64 {
	return CommandLine.Float64(name, value, usage)
}

// DurationVar defines a time.Duration command-line flag stored in *p.
func DurationVar(p *time.Duration, name string, value time.Duration, usage string) {
	CommandLine.DurationVar(p, name, value, usage)
}

// Duration defines a time.Duration command-line flag.
func Duration(name string, value time.Duration, usage string) *time.Duration {
	return CommandLine.Duration(name, value, usage)
}

// Func defines a command-line flag that calls fn with each value.
func Func(name, usage string, fn func(string) error) {
	CommandLine.Func(name, usage, fn)
}

// Var defines a command-line flag whose value is value.
func Var(value Value, name string, usage string) {
	CommandLine.Var(value, name, usage)
}
