// Package os, log, flag, context, sort and container/* as GOROOT has
// them (compiled from source): *os.File is an io.Writer and io.Reader,
// files are created, read and removed, errors are *fs.PathError.
package main

import (
	"bufio"
	"container/list"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

func main() {
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(w, "buffered %d\n", 1)
	w.Flush()
	io.Copy(os.Stdout, strings.NewReader("copied\n"))

	dir, err := os.MkdirTemp("", "rgo-goroot-os")
	if err != nil {
		fmt.Println("MkdirTemp:", err)
		return
	}
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "f.txt")
	if err := os.WriteFile(name, []byte("line one\nline two\n"), 0o644); err != nil {
		fmt.Println("WriteFile:", err)
	}
	f, _ := os.Open(name)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fmt.Println("read:", sc.Text())
	}
	f.Close()
	fi, _ := os.Stat(name)
	fmt.Println(fi.Name(), fi.Size(), fi.Mode().IsRegular(), fi.IsDir())
	entries, _ := os.ReadDir(dir)
	fmt.Println(len(entries), entries[0].Name())

	_, err = os.Open(filepath.Join(dir, "missing"))
	var pe *fs.PathError
	fmt.Println(errors.As(err, &pe), pe.Op, errors.Is(err, fs.ErrNotExist), strings.HasSuffix(err.Error(), "no such file or directory"))

	os.Setenv("RGO_TEST_VAR", "value")
	fmt.Println(os.Getenv("RGO_TEST_VAR"), len(os.Args) > 0)

	l := log.New(os.Stdout, "log: ", log.Lmsgprefix)
	l.Printf("x=%d", 3)

	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	n := fs.Int("n", 1, "a number")
	fs.Parse([]string{"-n", "5", "rest"})
	fmt.Println(*n, fs.Args())

	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), "k", "v"))
	cancel()
	<-ctx.Done()
	fmt.Println(ctx.Err(), ctx.Value("k"))

	s := []string{"pear", "fig", "apple"}
	sort.Slice(s, func(i, j int) bool { return len(s[i]) < len(s[j]) })
	fmt.Println(s)
	q := list.New()
	q.PushBack(2)
	q.PushFront(1)
	fmt.Println(q.Front().Value, q.Back().Value, q.Len())

	fmt.Println(runtime.NumCPU() > 0, runtime.Version()[:4], runtime.NumCgoCall())
}
