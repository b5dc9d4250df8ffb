package debug

import (
	"errors"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// BuildInfo represents the build information read from a Go binary.
type BuildInfo struct {
	// GoVersion is the version of the Go toolchain that built the binary.
	GoVersion string
	// Path is the package path of the main package for the binary.
	Path string
	// Main describes the module that contains the main package.
	Main Module
	// Deps describes all the dependency modules.
	Deps []*Module
	// Settings describes the build settings used to build the binary.
	Settings []BuildSetting
}

// A Module describes a single module included in a build.
type Module struct {
	Path    string  // module path
	Version string  // module version
	Sum     string  // checksum
	Replace *Module // replaced by this module
}

// A BuildSetting is a key-value pair describing one setting that
// influenced a build.
type BuildSetting struct {
	// Key and Value describe the build setting.
	Key, Value string
}

// ReadBuildInfo returns the build information embedded in the running
// binary. rgo embeds none yet (there are no modules to record), so it
// reports false, as Go does for a binary built without module support.
func ReadBuildInfo() (info *BuildInfo, ok bool) {
	return nil, false
}

// ParseBuildInfo parses the string returned by BuildInfo.String: a line
// per field, its columns separated by tabs. A last line without its
// newline and lines of unknown kinds are passed over.
func ParseBuildInfo(data string) (bi *BuildInfo, err error) {
	bi = new(BuildInfo)
	// The module a "=>" line may replace: the one of the line before.
	var last *Module
	for n := 1; ; n++ {
		line, rest, ok := strings.Cut(data, "\n")
		if !ok {
			return bi, nil
		}
		data = rest
		kind, fields, _ := strings.Cut(line, "\t")
		var m *Module
		var msg string
		switch kind {
		case "go":
			bi.GoVersion = fields
		case "path":
			bi.Path = fields
		case "mod":
			m, msg = parseModule(fields, false)
			if m != nil {
				bi.Main = *m
				m = &bi.Main
			}
		case "dep":
			m, msg = parseModule(fields, false)
			if m != nil {
				bi.Deps = append(bi.Deps, m)
			}
		case "=>":
			if last == nil {
				msg = "a replacement (=>) must follow a mod or dep line"
				break
			}
			var r *Module
			if r, msg = parseModule(fields, true); r != nil {
				last.Replace = r
			}
		case "build":
			var setting BuildSetting
			if setting, msg = parseSetting(fields); msg == "" {
				bi.Settings = append(bi.Settings, setting)
			}
		}
		if msg != "" {
			return nil, errors.New("could not parse Go build info: line " + strconv.Itoa(n) + ": " + msg)
		}
		if kind == "mod" || kind == "dep" || kind == "=>" {
			last = m
		}
	}
}

// parseModule reads the columns of a module line: path, version and, but
// for a replacement where it is required, an optional sum. The module, or
// what is wrong.
func parseModule(fields string, replacement bool) (*Module, string) {
	cols := strings.Split(fields, "\t")
	switch {
	case replacement && len(cols) != 3:
		return nil, "a replacement needs 3 columns (path, version, sum), not " + strconv.Itoa(len(cols))
	case len(cols) != 2 && len(cols) != 3:
		return nil, "a module needs 2 or 3 columns (path, version, sum), not " + strconv.Itoa(len(cols))
	}
	m := &Module{Path: cols[0], Version: cols[1]}
	if len(cols) == 3 {
		m.Sum = cols[2]
	}
	return m, ""
}

// parseSetting reads key=value, either of them quoted as String quotes
// them (a key that would need quoting must be quoted). The setting, or
// what is wrong.
func parseSetting(kv string) (BuildSetting, string) {
	var key, value string
	if kv != "" && (kv[0] == '"' || kv[0] == '`') {
		q, err := strconv.QuotedPrefix(kv)
		if err != nil {
			return BuildSetting{}, "a build setting's quoted key does not end"
		}
		key, _ = strconv.Unquote(q)
		if len(q) == len(kv) || kv[len(q)] != '=' {
			return BuildSetting{}, "a build setting's quoted key must be followed by '='"
		}
		value = kv[len(q)+1:]
	} else {
		var ok bool
		if key, value, ok = strings.Cut(kv, "="); !ok {
			return BuildSetting{}, "a build setting has no '='"
		}
		if key == "" || containsAny(key, "= \t\r\n\"`") {
			return BuildSetting{}, "a build setting's key " + strconv.Quote(key) + " must be quoted"
		}
	}
	if value != "" && (value[0] == '"' || value[0] == '`') {
		v, err := strconv.Unquote(value)
		if err != nil {
			return BuildSetting{}, "a build setting's quoted value is malformed"
		}
		value = v
	} else if containsAny(value, " \t\r\n\"`") {
		return BuildSetting{}, "a build setting's value " + strconv.Quote(value) + " must be quoted"
	}
	return BuildSetting{Key: key, Value: value}, ""
}

// String writes the build information in the text form that
// ParseBuildInfo reads: one line per field, tab-separated.
func (bi *BuildInfo) String() string {
	var b strings.Builder
	line := func(words ...string) {
		for i, w := range words {
			if i > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(w)
		}
		b.WriteByte('\n')
	}
	if bi.GoVersion != "" {
		line("go", bi.GoVersion)
	}
	if bi.Path != "" {
		line("path", bi.Path)
	}
	var module func(word string, m *Module)
	module = func(word string, m *Module) {
		if m.Replace == nil {
			line(word, m.Path, m.Version, m.Sum)
			return
		}
		line(word, m.Path, m.Version)
		module("=>", m.Replace)
	}
	if bi.Main != (Module{}) {
		module("mod", &bi.Main)
	}
	for _, d := range bi.Deps {
		module("dep", d)
	}
	for _, s := range bi.Settings {
		key, value := s.Key, s.Value
		if key == "" || containsAny(key, "= \t\r\n\"`") {
			key = strconv.Quote(key)
		}
		if containsAny(value, " \t\r\n\"`") {
			value = strconv.Quote(value)
		}
		line("build", key+"="+value)
	}
	return b.String()
}

// containsAny reports whether s holds any byte of chars (all ASCII).
func containsAny(s, chars string) bool {
	for i := 0; i < len(s); i++ {
		for j := 0; j < len(chars); j++ {
			if s[i] == chars[j] {
				return true
			}
		}
	}
	return false
}

// GCStats collect information about recent garbage collections.
type GCStats struct {
	LastGC         time.Time       // time of last collection
	NumGC          int64           // number of garbage collections
	PauseTotal     time.Duration   // total pause for all collections
	Pause          []time.Duration // pause history, most recent first
	PauseEnd       []time.Time     // pause end times history, most recent first
	PauseQuantiles []time.Duration
}

// ReadGCStats reads statistics about garbage collection into stats: the
// number of collections, the total pause, the last collection's time and
// the pause history of the last 256 collections (most recent first),
// reusing stats.Pause and stats.PauseEnd when they are large enough. With
// a non-empty stats.PauseQuantiles it is filled with quantiles of the
// pauses, from the minimum to the maximum.
func ReadGCStats(stats *GCStats) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	n := int(m.NumGC)
	if n > len(m.PauseNs) {
		n = len(m.PauseNs)
	}
	// With quantiles wanted, the pauses are sorted in the room after the
	// history, so the history keeps its order.
	room := n
	if len(stats.PauseQuantiles) > 0 {
		room = 2 * n
	}
	if cap(stats.Pause) < room {
		stats.Pause = make([]time.Duration, n, room)
	}
	stats.Pause = stats.Pause[:n]
	if cap(stats.PauseEnd) < n {
		stats.PauseEnd = make([]time.Time, 0, n)
	}
	stats.PauseEnd = stats.PauseEnd[:n]
	for i := 0; i < n; i++ {
		// The latest collection's entry is at (NumGC+255)%256, the one
		// before it below, round the ring.
		j := (int(m.NumGC) + len(m.PauseNs) - 1 - i) % len(m.PauseNs)
		stats.Pause[i] = time.Duration(m.PauseNs[j])
		stats.PauseEnd[i] = time.Unix(0, int64(m.PauseEnd[j]))
	}
	stats.NumGC = int64(m.NumGC)
	stats.PauseTotal = time.Duration(m.PauseTotalNs)
	if m.NumGC > 0 {
		stats.LastGC = time.Unix(0, int64(m.LastGC))
	} else {
		stats.LastGC = time.Time{}
	}
	if q := len(stats.PauseQuantiles); q > 0 {
		if n == 0 {
			for i := range stats.PauseQuantiles {
				stats.PauseQuantiles[i] = 0
			}
			return
		}
		sorted := stats.Pause[n : 2*n : 2*n]
		copy(sorted, stats.Pause)
		sortDurations(sorted)
		for i := 0; i < q-1; i++ {
			stats.PauseQuantiles[i] = sorted[len(sorted)*i/(q-1)]
		}
		stats.PauseQuantiles[q-1] = sorted[len(sorted)-1]
	}
}

// sortDurations sorts d in increasing order (an insertion sort: at most
// 256 pauses).
func sortDurations(d []time.Duration) {
	for i := 1; i < len(d); i++ {
		for j := i; j > 0 && d[j] < d[j-1]; j-- {
			d[j], d[j-1] = d[j-1], d[j]
		}
	}
}

// Stack returns a formatted stack trace of the goroutine that calls it:
// runtime.Stack's, into a buffer large enough for all of it.
func Stack() []byte {
	buf := make([]byte, 1024)
	for {
		n := runtime.Stack(buf, false)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}

// PrintStack prints to standard error the stack trace returned by Stack.
func PrintStack() {
	printStack(Stack())
}

// printStack writes s to standard error, as the runtime's print does.
func printStack(s []byte) {
	print(string(s))
}

// SetMaxThreads sets the maximum number of operating system threads that
// the Go program can use and returns the previous setting (10000 at
// first). A program that runs more threads than that dies with the fatal
// error "thread exhaustion", at once when it already does.
//
//rgo:runtime rgo_set_max_threads
func SetMaxThreads(threads int) int

// SetMemoryLimit provides the runtime with a soft memory limit and returns
// the previous one (math.MaxInt64, no limit, unless GOMEMLIMIT set one); a
// negative limit only reads it. The collector runs when the heap's objects
// and its other mapped memory reach the limit (goroutine stacks are not
// counted under rgo), before GOGC's goal would make it run.
//
//rgo:runtime rgo_set_memory_limit
func SetMemoryLimit(limit int64) int64

// SetPanicOnFault controls the runtime's behavior when the calling
// goroutine faults at an unexpected (that is, non-nil) address: with
// enabled, a panic with a runtime.Error that has an Addr() uintptr method
// giving the address, instead of the program's end. Goroutines it starts
// do not inherit it. It returns the previous setting.
//
//rgo:runtime rgo_set_panic_on_fault
func SetPanicOnFault(enabled bool) bool

// SetTraceback sets the amount of detail printed by the runtime in the
// traceback it prints before exiting due to an unrecovered panic or an
// internal runtime error: "none", "single", "all" (or "system", "crash",
// which print as "all" does under rgo). It cannot lower the level that
// GOTRACEBACK sets.
//
//rgo:runtime rgo_set_traceback
func SetTraceback(level string)

// WriteHeapDump writes a description of the heap and the objects in it to
// the given file descriptor, in gc's heap dump format: every heap object
// with its pointer fields, each goroutine with its frames, deferred calls
// and panics, the package-level variables with pointers, the finalizers
// and the memory statistics (docs/runtime.md, "Heap dumps").
func WriteHeapDump(fd uintptr) {
	p := heapDumpParams{goarch: runtime.GOARCH, version: runtime.Version(), ncpu: runtime.NumCPU()}
	writeHeapDump(fd, &p)
}

// heapDumpParams is rt-core's heapdump::Params: what the dump's params
// record says that only package runtime knows.
type heapDumpParams struct {
	goarch  string
	version string
	ncpu    int
}

//rgo:runtime rgo_write_heap_dump
func writeHeapDump(fd uintptr, p *heapDumpParams)
