// Package testdeps is rgo's stand-in for Go's testing/internal/testdeps:
// what package testing calls through its testDeps interface, for the main
// function that `rgo test` generates. Go's version imports runtime/pprof
// for CPU and heap profiles, which rgo's runtime does not record; this one
// has the same exported API, says so when a profile is asked for
// (-test.cpuprofile, -test.memprofile, …), and hands everything else (test
// name matching, the test log, fuzzing's corpus) to the same packages Go's
// uses (docs/testing.md).
package testdeps

import (
	"bufio"
	"context"
	"errors"
	"internal/fuzz"
	"internal/testlog"
	"io"
	"os"
	"os/signal"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"time"
)

// TestDeps is the value `rgo test`'s main hands to testing.MainStart.
type TestDeps struct{}

// ImportPath is the import path of the package under test, set by the
// generated main before it starts the tests.
var ImportPath string

// ImportPath returns the import path of the package under test.
func (TestDeps) ImportPath() string { return ImportPath }

// The last pattern MatchString compiled, reused while it stays the same
// (testing asks once per test name and level of a subtest's name).
var (
	lastPattern string
	lastRegexp  *regexp.Regexp
)

// MatchString reports whether str matches the regular expression pat.
func (TestDeps) MatchString(pat, str string) (bool, error) {
	if lastRegexp == nil || pat != lastPattern {
		re, err := regexp.Compile(pat)
		if err != nil {
			return false, err
		}
		lastPattern, lastRegexp = pat, re
	}
	return lastRegexp.MatchString(str), nil
}

// errNoProfiles: rgo's runtime samples neither CPU time nor allocations.
var errNoProfiles = errors.New("rgo does not support profiles yet (runtime/pprof)")

// StartCPUProfile fails: rgo's runtime takes no CPU samples.
func (TestDeps) StartCPUProfile(io.Writer) error { return errNoProfiles }

// StopCPUProfile does nothing: no CPU profile ever starts.
func (TestDeps) StopCPUProfile() {}

// WriteProfileTo fails for every profile (heap, block, mutex, …).
func (TestDeps) WriteProfileTo(name string, w io.Writer, debug int) error {
	return errors.New("rgo does not support the " + name + " profile yet (runtime/pprof)")
}

// fileLog writes what package os reports through internal/testlog (files
// opened and stat'ed, variables read, directories entered) as lines of
// `op name`, after a header line, to the test log (-test.testlogfile).
type fileLog struct {
	mu        sync.Mutex
	out       *bufio.Writer
	installed bool
}

var testLog fileLog

func (l *fileLog) record(op, name string) {
	if name == "" || strings.IndexByte(name, '\n') >= 0 {
		return // a line per record: such a name cannot be written
	}
	l.mu.Lock()
	if l.out != nil {
		l.out.WriteString(op + " " + name + "\n")
	}
	l.mu.Unlock()
}

func (l *fileLog) Getenv(key string) { l.record("getenv", key) }
func (l *fileLog) Open(name string)  { l.record("open", name) }
func (l *fileLog) Stat(name string)  { l.record("stat", name) }
func (l *fileLog) Chdir(name string) { l.record("chdir", name) }

// StartTestLog starts writing the test log to w. A TestMain may run the
// tests more than once; the logger is installed and the header written
// the first time only.
func (TestDeps) StartTestLog(w io.Writer) {
	testLog.mu.Lock()
	defer testLog.mu.Unlock()
	testLog.out = bufio.NewWriter(w)
	if testLog.installed {
		return
	}
	testLog.installed = true
	testlog.SetLogger(&testLog)
	testLog.out.WriteString("# test log\n")
}

// StopTestLog flushes the test log and stops writing it.
func (TestDeps) StopTestLog() error {
	testLog.mu.Lock()
	defer testLog.mu.Unlock()
	if testLog.out == nil {
		return nil
	}
	err := testLog.out.Flush()
	testLog.out = nil
	return err
}

// SetPanicOnExit0 makes os.Exit(0) panic while a test runs (-test.paniconexit0).
func (TestDeps) SetPanicOnExit0(v bool) { testlog.SetPanicOnExit0(v) }

// interrupted runs f with a context that an interrupt (^C) cancels; being
// interrupted is not an error.
func interrupted(f func(ctx context.Context) error) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := f(ctx); err != nil && err != ctx.Err() {
		return err
	}
	return nil
}

// CoordinateFuzzing runs the fuzzing engine of internal/fuzz (-test.fuzz).
func (TestDeps) CoordinateFuzzing(timeout time.Duration, limit int64, minimizeTimeout time.Duration, minimizeLimit int64, parallel int, seed []fuzz.CorpusEntry, types []reflect.Type, corpusDir, cacheDir string) error {
	opts := fuzz.CoordinateFuzzingOpts{
		Log: os.Stderr, Timeout: timeout, Limit: limit,
		MinimizeTimeout: minimizeTimeout, MinimizeLimit: minimizeLimit, Parallel: parallel,
		Seed: seed, Types: types, CorpusDir: corpusDir, CacheDir: cacheDir,
	}
	return interrupted(func(ctx context.Context) error { return fuzz.CoordinateFuzzing(ctx, opts) })
}

// RunFuzzWorker runs fn as a fuzzing worker process for internal/fuzz.
func (TestDeps) RunFuzzWorker(fn func(fuzz.CorpusEntry) error) error {
	return interrupted(func(ctx context.Context) error { return fuzz.RunFuzzWorker(ctx, fn) })
}

// ReadCorpus reads the seed corpus of a fuzz test (testdata/fuzz/FuzzX).
func (TestDeps) ReadCorpus(dir string, types []reflect.Type) ([]fuzz.CorpusEntry, error) {
	return fuzz.ReadCorpus(dir, types)
}

// CheckCorpus checks that the values added with f.Add fit the fuzz
// function's parameters.
func (TestDeps) CheckCorpus(vals []any, types []reflect.Type) error {
	return fuzz.CheckCorpus(vals, types)
}

// ResetCoverage and SnapshotCoverage are internal/fuzz's, for fuzzing.
func (TestDeps) ResetCoverage()    { fuzz.ResetCoverage() }
func (TestDeps) SnapshotCoverage() { fuzz.SnapshotCoverage() }
