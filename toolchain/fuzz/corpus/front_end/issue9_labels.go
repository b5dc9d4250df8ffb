package main

func main() {
_:
_:
L:
	goto L
L:
}
