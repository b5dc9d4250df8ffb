package main

func main() {
	s := `raw
	r := '\400'
	/* never closed
