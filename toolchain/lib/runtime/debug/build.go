package debug

import (
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

// ParseBuildInfo parses the string returned by BuildInfo.String.
func ParseBuildInfo(data string) (bi *BuildInfo, err error)

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

// ReadGCStats reads statistics about garbage collection into stats.
func ReadGCStats(stats *GCStats)

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
// the Go program can use.
func SetMaxThreads(threads int) int

// SetMemoryLimit provides the runtime with a soft memory limit.
func SetMemoryLimit(limit int64) int64

// SetPanicOnFault controls the runtime's behavior when a program faults at
// an unexpected (that is, non-nil) address.
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
// the given file descriptor.
func WriteHeapDump(fd uintptr)
