// Line directives: every form, and malformed ones (issue 9).
package main

//line :10
var a = 1

//line :10:4
var b = 2

//line other.go:99999999999999999999
//line other.go:0:0
//line other.go:1073741825:1
//line other.go:x:y
//line a:b:c:7
//line :
//line 
/*line */ /*line :*/ /*line x:1
:2*/ /*line y.go:3:4*/ var c = 3

func main() {
	x := /*line z.go:1:1*/ a + /*line :2*/ b
	_ = x
	/*line c.go:5:5*/
	switch x {
	case 0:
		fallthrough
		;
	case 1:
	}
}
//line end.go:1:1
