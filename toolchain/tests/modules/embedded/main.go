// A module whose packages embed files (//go:embed): a string, a byte
// slice, embed.FS trees read through io/fs and text/template.
package main

import (
	_ "embed"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"text/template"
	"unsafe"

	"example.com/embedded/assets"
)

//go:embed version.txt
var version string

//go:embed logo.bin
var logo []byte

type text string

//go:embed version.txt
var again text

var empty embed.FS

func walk(name string, f fs.FS) {
	fmt.Println("--", name)
	err := fs.WalkDir(f, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Printf("%-28s dir=%-5v size=%-3d mode=%v zero-time=%v\n", p, d.IsDir(), info.Size(), info.Mode(), info.ModTime().IsZero())
		return nil
	})
	fmt.Println("walk:", err)
}

func main() {
	fmt.Printf("version %q %q\n", version, again)
	fmt.Printf("logo %x len=%d cap=%d\n", logo, len(logo), cap(logo))
	logo[0] = 'X'
	fmt.Printf("logo written %x\n", logo[:4])

	walk("FS", assets.FS)
	walk("Public", assets.Public)
	walk("Two", assets.Two)
	walk("empty", empty)

	data, err := assets.FS.ReadFile("static/css/site.css")
	fmt.Printf("ReadFile %q %v\n", data, err)
	_, err = assets.FS.ReadFile("static/missing.txt")
	fmt.Println("missing:", err)
	_, err = assets.Public.Open("static/.hidden")
	fmt.Println("hidden:", err)
	_, err = assets.FS.ReadFile("static")
	fmt.Println("read dir:", err)
	entries, err := assets.FS.ReadDir("static")
	for _, e := range entries {
		fmt.Println("entry", e.Name(), e.IsDir(), e.Type())
	}
	fmt.Println("ReadDir:", err)
	matches, err := fs.Glob(assets.FS, "*/*.tmpl")
	fmt.Println("glob", matches, err)

	sub, err := fs.Sub(assets.FS, "static")
	if err != nil {
		panic(err)
	}
	page, err := fs.ReadFile(sub, "index.html")
	fmt.Printf("sub %q %v\n", page, err)

	t := template.Must(template.ParseFS(assets.FS, "templates/*.tmpl"))
	if err := t.ExecuteTemplate(os.Stdout, "b", "x"); err != nil {
		panic(err)
	}
	fmt.Println()
	f, err := assets.FS.Open("templates/a.tmpl")
	if err != nil {
		panic(err)
	}
	buf := make([]byte, 5)
	n, err := f.Read(buf)
	fmt.Printf("read %d %q %v\n", n, buf[:n], err)
	if s, ok := f.(interface{ Seek(int64, int) (int64, error) }); ok {
		off, err := s.Seek(-3, 2)
		fmt.Println("seek", off, err)
	}
	st, _ := f.Stat()
	fmt.Println("stat", st.Name(), st.Size())
	fmt.Println("close", f.Close())

	// The layout package embed declares and the compiler fills: names,
	// data and the truncated hash gc writes.
	type file struct {
		name, data string
		hash       [16]byte
	}
	files := *(*struct{ files *[]file })(unsafe.Pointer(&assets.Two)).files
	for _, f := range files {
		fmt.Printf("%s %d %x\n", f.name, len(f.data), f.hash)
	}
}
