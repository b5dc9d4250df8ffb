package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

// list is a Value of the program's own: a comma-separated list that grows.
type list []string

func (l *list) String() string { return strings.Join(*l, ",") }

func (l *list) Set(s string) error {
	if s == "" {
		return errors.New("empty item")
	}
	*l = append(*l, strings.Split(s, ",")...)
	return nil
}

// level is a boolean-like Value: it needs no argument.
type level int

func (v *level) String() string   { return fmt.Sprint(int(*v)) }
func (v *level) IsBoolFlag() bool { return true }
func (v *level) Set(s string) error {
	if s == "true" {
		*v++
		return nil
	}
	return fmt.Errorf("level %q?", s)
}

func newSet() (*flag.FlagSet, map[string]any) {
	fs := flag.NewFlagSet("prog", flag.ContinueOnError)
	vals := map[string]any{
		"v":     fs.Bool("v", false, "verbose output"),
		"quiet": fs.Bool("quiet", true, "say less"),
		"n":     fs.Int("n", 3, "number of `items` to make"),
		"big":   fs.Int64("big", 0, "an int64"),
		"u":     fs.Uint("u", 7, "a uint"),
		"u64":   fs.Uint64("u64", 0, "a uint64\non two lines"),
		"name":  fs.String("name", "gopher", "the name"),
		"empty": fs.String("empty", "", "a string, empty by default"),
		"wait":  fs.Duration("wait", 1500*time.Millisecond, "how long"),
		"zero":  fs.Duration("zero", 0, "no wait"),
	}
	var l list
	fs.Var(&l, "list", "items, comma-separated")
	vals["list"] = &l
	var lv level
	fs.Var(&lv, "L", "level (repeatable)")
	vals["L"] = &lv
	fs.Func("f", "calls a `function`", func(s string) error {
		if s == "bad" {
			return errors.New("refused")
		}
		fmt.Println("func flag got", s)
		return nil
	})
	return fs, vals
}

func show(fs *flag.FlagSet, vals map[string]any) {
	var set []string
	fs.Visit(func(f *flag.Flag) { set = append(set, f.Name+"="+f.Value.String()) })
	fmt.Println("  set:", set, "NFlag", fs.NFlag(), "args", fs.Args(), "NArg", fs.NArg(), "Arg(0)", fs.Arg(0), "Arg(9)", fs.Arg(9))
	fmt.Println("  v", *vals["v"].(*bool), "quiet", *vals["quiet"].(*bool), "n", *vals["n"].(*int), "big", *vals["big"].(*int64),
		"u", *vals["u"].(*uint), "u64", *vals["u64"].(*uint64), "name", *vals["name"].(*string), "wait", *vals["wait"].(*time.Duration),
		"list", vals["list"].(*list).String(), "L", *vals["L"].(*level))
}

// run parses args with a new set; after the first error, the usage text
// is a short one.
var fullUsage = true

func run(args ...string) {
	fmt.Printf("parse %q\n", args)
	fs, vals := newSet()
	if !fullUsage {
		fs.Usage = func() { fmt.Fprintln(os.Stderr, "(usage)") }
	}
	err := fs.Parse(args)
	fmt.Println("  err:", err, "parsed", fs.Parsed(), errors.Is(err, flag.ErrHelp))
	if err != nil {
		fullUsage = false
	}
	show(fs, vals)
}

func main() {
	run()
	run("-v", "-n", "5", "--name=ann", "rest", "-x")
	run("-v=false", "-quiet=0", "-n=0x1F", "-big", "-9223372036854775808", "-u64", "0b1010_1010", "--", "-n", "9")
	run("-list", "a,b", "-list=c", "-L", "-L", "-L", "-wait", "2h3m4.5s", "-f", "hello", "x")
	run("-n", "12abc")
	run("-n", "99999999999999999999")
	run("-u", "-1")
	run("-wait", "5 parsecs")
	run("-v=maybe")
	run("-L=false")
	run("-f=bad")
	run("-list=")
	run("-n")
	run("-nosuch")
	run("---v")
	run("-=x")
	run("-", "-v")
	run("-h")
	run("-help")
	run("--help=yes")
	run("-name", "-v", "-n", "1_000")

	fs, vals := newSet()
	fmt.Println(fs.Name(), fs.ErrorHandling() == flag.ContinueOnError, fs.Lookup("n").DefValue, fs.Lookup("n").Usage, fs.Lookup("nosuch") == nil)
	fmt.Println(fs.Set("n", "42"), fs.Set("nosuch", "1"), fs.Set("n", "x"), fs.NFlag(), *vals["n"].(*int))
	g := fs.Lookup("wait").Value.(flag.Getter)
	fmt.Println(g.Get(), fs.Lookup("v").Value.(flag.Getter).Get(), fs.Lookup("name").Value.(flag.Getter).Get())
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		fmt.Printf("  %-6s %-9q %-10q %q\n", f.Name, name, f.DefValue, usage)
	})
	fs.Usage = func() { fmt.Fprintln(os.Stderr, "custom usage for", fs.Name()) }
	fmt.Println(fs.Parse([]string{"-what"}))
	fs.Init("renamed", flag.ContinueOnError)
	fmt.Println(fs.Name())

	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		fs.Int("n", 1, "again")
	}()
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		fs.Int("-dash", 1, "")
	}()
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		fs.Bool("a=b", true, "")
	}()
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		p := flag.NewFlagSet("panicky", flag.PanicOnError)
		p.Parse([]string{"-nope"})
	}()

	// The command-line set (parsed here from a list of our own: flag.Parse
	// would read os.Args[1:]).
	count := flag.Int("count", 1, "how many")
	var label string
	flag.StringVar(&label, "label", "", "a label")
	flag.Usage = func() { fmt.Fprintln(os.Stderr, "usage: cmd [flags]") }
	fmt.Println(flag.Parsed())
	flag.CommandLine.Parse([]string{"-count", "2", "-label", "x y", "tail"})
	fmt.Println(flag.Parsed(), *count, label, flag.Args(), flag.NArg(), flag.Arg(0), flag.NFlag(), flag.Lookup("count").Value)
	fmt.Println(flag.Set("count", "3"), *count, flag.CommandLine.Lookup("label").Value)
	flag.VisitAll(func(f *flag.Flag) { fmt.Print(f.Name, " ") })
	flag.Visit(func(f *flag.Flag) { fmt.Print(f.Name, "! ") })
	fmt.Println()
	flag.PrintDefaults()
}
