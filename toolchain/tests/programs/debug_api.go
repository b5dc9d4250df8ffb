// runtime/debug's controls and statistics: SetMaxThreads (ending with the
// fatal error of a limit below the threads running), SetMemoryLimit
// (collections keep the heap under it), ReadGCStats' pause history and
// ParseBuildInfo's round trip; printed as checks, so the output is gc's.
package main

import (
	"fmt"
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

var sink []byte

func main() {
	fmt.Println("max threads:", debug.SetMaxThreads(50), debug.SetMaxThreads(10000))
	fmt.Println("no memory limit:", debug.SetMemoryLimit(-1) == 1<<63-1)

	for i := 0; i < 3; i++ {
		runtime.GC()
	}
	var s debug.GCStats
	s.PauseQuantiles = make([]time.Duration, 5)
	debug.ReadGCStats(&s)
	// The history holds the last 256 collections at most.
	kept := int(s.NumGC)
	if kept > 256 {
		kept = 256
	}
	fmt.Println("history:", s.NumGC >= 3, len(s.Pause) == kept, len(s.PauseEnd) == kept)
	fmt.Println("dated:", time.Since(s.LastGC) < time.Hour, s.PauseEnd[0].Equal(s.LastGC), !s.PauseEnd[0].Before(s.PauseEnd[1]))
	q := s.PauseQuantiles
	fmt.Println("quantiles ordered:", q[0] <= q[1] && q[1] <= q[2] && q[2] <= q[3] && q[3] <= q[4], s.PauseTotal >= q[4])

	old := debug.SetMemoryLimit(8 << 20)
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	before := m.NumGC
	for i := 0; i < 200; i++ {
		sink = make([]byte, 1<<20)
	}
	runtime.ReadMemStats(&m)
	fmt.Println("limited:", old == 1<<63-1, m.NumGC-before >= 15, m.HeapAlloc < 12<<20)
	fmt.Println("limit back:", debug.SetMemoryLimit(old) == 8<<20)

	text := "path\texample.com/m\nmod\texample.com/m\t(devel)\t\ndep\tgolang.org/x/net\tv0.1.0\th1:abc=\ndep\tgolang.org/x/text\tv0.3.7\n=>\t../text\t(devel)\t\nbuild\t-compiler=gc\nbuild\tCRAZY=\"a\\nb\"\n"
	bi, err := debug.ParseBuildInfo(text)
	fmt.Println(err)
	fmt.Printf("%q %+v %q %+v %q\n", bi.Path, bi.Main, bi.Deps[0].Sum, *bi.Deps[1].Replace, bi.Settings)
	again, err := debug.ParseBuildInfo(bi.String())
	fmt.Println("round trip:", err, reflect.DeepEqual(again, bi))
	for _, bad := range []string{"=>\ta\tb\tc\n", "mod\ta\n", "build\tno equals\n", "build\tk=a b\n", "dep\ta\tb\n=>\tc\td\n"} {
		_, err := debug.ParseBuildInfo(bad)
		fmt.Println("refused:", err != nil && strings.HasPrefix(err.Error(), "could not parse Go build info: line "))
	}
	bi, err = debug.ParseBuildInfo("path\tcmd/x\nmod\tm\tv1")
	fmt.Println("last line without newline:", err, bi.Path, bi.Main.Path == "")

	debug.SetMaxThreads(0)
	fmt.Println("not reached")
}
