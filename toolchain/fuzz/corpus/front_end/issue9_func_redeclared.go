package main

func g(a int) {}
func g()      {}

func main() { g(1) }
